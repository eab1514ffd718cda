// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_bench: (c2) the kernel's own inlines, a second reference:
 * kvm_hypercall0() of <asm/kvm_para.h>, and on Linux 6.11+
 * vmware_hypercall3() of <asm/vmware.h> (which <hypercall/vmware.h>
 * includes there).  Both pick their instruction with alternatives, from
 * the kernel's CPU feature bits: they are measured only where that is the
 * instruction hypercall.ko uses.
 */

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/version.h>
#include <asm/cpufeature.h>
#include <asm/kvm_para.h>

#include "bench.h"

/*
 * The kernel's inlines at a site: each alone in a function with its
 * signature, as hypercall.ko's exports hold the inline API.  Never called:
 * scripts/objcheck.py counts the instructions they run on each transport,
 * the reference of the instruction budget (Documentation/performance.rst).
 */
#define HC_KERNEL_SITE(type, name, params, args)			\
static noinline __used type hc_kernel_##name params			\
{									\
	return name args;						\
}

HC_KERNEL_SITE(long, kvm_hypercall0, (unsigned int nr), (nr))
HC_KERNEL_SITE(long, kvm_hypercall1, (unsigned int nr, unsigned long p1),
	       (nr, p1))
HC_KERNEL_SITE(long, kvm_hypercall2,
	       (unsigned int nr, unsigned long p1, unsigned long p2),
	       (nr, p1, p2))
HC_KERNEL_SITE(long, kvm_hypercall3,
	       (unsigned int nr, unsigned long p1, unsigned long p2,
		unsigned long p3),
	       (nr, p1, p2, p3))
HC_KERNEL_SITE(long, kvm_hypercall4,
	       (unsigned int nr, unsigned long p1, unsigned long p2,
		unsigned long p3, unsigned long p4),
	       (nr, p1, p2, p3, p4))

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
HC_KERNEL_SITE(unsigned long, vmware_hypercall1,
	       (unsigned long cmd, unsigned long in1), (cmd, in1))
HC_KERNEL_SITE(unsigned long, vmware_hypercall3,
	       (unsigned long cmd, unsigned long in1, u32 *out1, u32 *out2),
	       (cmd, in1, out1, out2))
HC_KERNEL_SITE(unsigned long, vmware_hypercall4,
	       (unsigned long cmd, unsigned long in1, u32 *out1, u32 *out2,
		u32 *out3),
	       (cmd, in1, out1, out2, out3))
HC_KERNEL_SITE(unsigned long, vmware_hypercall5,
	       (unsigned long cmd, unsigned long in1, unsigned long in3,
		unsigned long in4, unsigned long in5, u32 *out2),
	       (cmd, in1, in3, in4, in5, out2))
HC_KERNEL_SITE(unsigned long, vmware_hypercall6,
	       (unsigned long cmd, unsigned long in1, unsigned long in3,
		u32 *out2, u32 *out3, u32 *out4, u32 *out5),
	       (cmd, in1, in3, out2, out3, out4, out5))
HC_KERNEL_SITE(unsigned long, vmware_hypercall7,
	       (unsigned long cmd, unsigned long in1, unsigned long in3,
		unsigned long in4, unsigned long in5, u32 *out1, u32 *out2,
		u32 *out3),
	       (cmd, in1, in3, in4, in5, out1, out2, out3))
HC_KERNEL_SITE(unsigned long, vmware_hypercall_hb_out,
	       (unsigned long cmd, unsigned long in2, unsigned long in3,
		unsigned long in4, unsigned long in5, unsigned long in6,
		u32 *out1),
	       (cmd, in2, in3, in4, in5, in6, out1))
HC_KERNEL_SITE(unsigned long, vmware_hypercall_hb_in,
	       (unsigned long cmd, unsigned long in2, unsigned long in3,
		unsigned long in4, unsigned long in5, unsigned long in6,
		u32 *out1),
	       (cmd, in2, in3, in4, in5, in6, out1))

/*
 * hypercall_sample's inline site, hc_sample_version_get(), with the
 * kernel's inline in its place: the same call and the same answer (keep
 * the two alike), so that the caller's code around the site cancels.
 */
static noinline __used int
hc_kernel_sample_version_get(char *buf, const struct kernel_param *kp)
{
	u32 ebx = 0, ecx = 0;
	unsigned long ret;

	ret = vmware_hypercall3(HC_VMW_CMD_GETVERSION, ~HC_VMW_MAGIC,
				&ebx, &ecx);
	return scnprintf(buf, PAGE_SIZE, "ret=0x%lx ebx=0x%08x ecx=0x%08x\n",
			 ret, ebx, ecx);
}
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static HC_BENCH_VMW_LOOP(hc_bench_vmw_kernel_loop, vmware_hypercall3)

/* What VMWARE_HYPERCALL of <asm/vmware.h> was patched to */
static enum hc_bench_insn hc_bench_vmw_kernel_insn(void)
{
	if (cpu_feature_enabled(X86_FEATURE_TDX_GUEST))
		return HC_BENCH_NONE;
	if (cpu_feature_enabled(X86_FEATURE_VMW_VMMCALL))
		return HC_BENCH_VMMCALL;
	if (cpu_feature_enabled(X86_FEATURE_VMCALL))
		return HC_BENCH_VMCALL;
	return HC_BENCH_IOPORT;
}
#endif

/**
 * hc_bench_vmw_kernel() - variant (c2) for VMware
 * @insn: the instruction of hypercall.ko's VMware transport
 *
 * Return: the loop, or NULL before Linux 6.11 or where the kernel's inline
 * uses another instruction.
 */
hc_bench_loop hc_bench_vmw_kernel(enum hc_bench_insn insn)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	if (insn != HC_BENCH_NONE && insn == hc_bench_vmw_kernel_insn())
		return hc_bench_vmw_kernel_loop;
#endif
	return NULL;
}

static HC_BENCH_KVM_LOOP(hc_bench_kvm_kernel_loop, kvm_hypercall0)

/* What KVM_HYPERCALL of <asm/kvm_para.h> was patched to */
static enum hc_bench_insn hc_bench_kvm_kernel_insn(void)
{
	if (cpu_feature_enabled(X86_FEATURE_TDX_GUEST))
		return HC_BENCH_NONE;
	if (cpu_feature_enabled(X86_FEATURE_VMMCALL))
		return HC_BENCH_VMMCALL;
	return HC_BENCH_VMCALL;
}

/**
 * hc_bench_kvm_kernel() - variant (c2) for KVM
 * @insn: the instruction of hypercall.ko's KVM transport
 *
 * Return: the loop, or NULL where the kernel's inline uses another
 * instruction.
 */
hc_bench_loop hc_bench_kvm_kernel(enum hc_bench_insn insn)
{
	if (insn != HC_BENCH_NONE && insn == hc_bench_kvm_kernel_insn())
		return hc_bench_kvm_kernel_loop;
	return NULL;
}

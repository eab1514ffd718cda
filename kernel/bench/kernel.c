// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_bench: (c2) the kernel's own inlines, a second reference:
 * kvm_hypercall0() of <asm/kvm_para.h>, and on Linux 6.11+
 * vmware_hypercall3() of <asm/vmware.h> (which <hypercall/vmware.h>
 * includes there).  Both pick their instruction with alternatives, from
 * the kernel's CPU feature bits: they are measured only where that is the
 * instruction hypercall.ko uses.
 */

#include <linux/version.h>
#include <asm/cpufeature.h>
#include <asm/kvm_para.h>

#include "bench.h"

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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hypercall_bench: what its files share.
 *
 * A variant is one way to make the same hypercall.  Each variant is a loop
 * of @n calls in a function of its own, defined by HC_BENCH_VMW_LOOP() or
 * HC_BENCH_KVM_LOOP(), so that every variant has the same loop around its
 * call: the call, a comparison of the answer with the expected one, a count.
 * Only the call differs.
 *
 * The variants live in separate files because they need different views of
 * the same names: export.c reaches hypercall.ko's vmware_hypercall3()
 * (HC_VMWARE_EXPORTED_API), kernel.c the kernel's own static inline of that
 * name (<asm/vmware.h>, Linux 6.11+), variants.c the inline API.
 */
#ifndef _HC_BENCH_H
#define _HC_BENCH_H

#include <linux/types.h>
#include <hypercall/kvm.h>
#include <hypercall/vmware.h>

/*
 * The calls: VMware GETVERSION with EBX anything but the magic (as
 * open-vm-tools does), and a KVM hypercall number that no KVM_HC_* has, so
 * that KVM answers -KVM_ENOSYS and does nothing else.
 */
#define HC_BENCH_VMW_IN1	((unsigned long)(u32)~HC_VMW_MAGIC)
#define HC_BENCH_KVM_NR		99

/* The instructions a variant can be built around */
enum hc_bench_insn {
	HC_BENCH_NONE,
	HC_BENCH_IOPORT,
	HC_BENCH_VMCALL,
	HC_BENCH_VMMCALL,
};

/**
 * struct hc_bench_answer - what every call of a run must answer
 * @ax: RAX
 * @bx: EBX (VMware only)
 */
struct hc_bench_answer {
	unsigned long ax;
	u32 bx;
};

/* A variant: @n calls; returns how many answers differed from @want. */
typedef unsigned int (*hc_bench_loop)(unsigned int n,
				      const struct hc_bench_answer *want);

/*
 * The answer is copied into locals first: the hypercall's "memory" clobber
 * would otherwise make the compiler read @want again after every call.
 */
#define HC_BENCH_VMW_LOOP(name, call)					\
noinline unsigned int name(unsigned int n,				\
			   const struct hc_bench_answer *want)		\
{									\
	const unsigned long want_ax = want->ax;				\
	const u32 want_bx = want->bx;					\
	unsigned int i, wrong = 0;					\
									\
	for (i = 0; i < n; i++) {					\
		u32 bx = 0, cx = 0;					\
		unsigned long ax;					\
									\
		ax = call(HC_VMW_CMD_GETVERSION, HC_BENCH_VMW_IN1,	\
			  &bx, &cx);					\
		wrong += (ax != want_ax) | (bx != want_bx);		\
	}								\
	return wrong;							\
}

#define HC_BENCH_KVM_LOOP(name, call)					\
noinline unsigned int name(unsigned int n,				\
			   const struct hc_bench_answer *want)		\
{									\
	const long want_ax = want->ax;					\
	unsigned int i, wrong = 0;					\
									\
	for (i = 0; i < n; i++)						\
		wrong += call(HC_BENCH_KVM_NR) != want_ax;		\
	return wrong;							\
}

/*
 * The reference: the registers of the ABI (<hypercall/vmware.h>,
 * <hypercall/kvm.h>) and nothing else, no fixup, no NULL checks.  The
 * hypervisor may change all six VMware registers, so all six are outputs.
 * Run only after hypercall.ko made the same call without a fault.
 */
#define HC_BENCH_VMW_ASM(name, insn, dx)				\
static __always_inline unsigned long					\
name(unsigned long cmd, unsigned long in1, u32 *out1, u32 *out2)	\
{									\
	unsigned long ax, bx, cx, dx_out, si, di;			\
									\
	asm volatile(insn						\
		     : "=a" (ax), "=b" (bx), "=c" (cx), "=d" (dx_out),	\
		       "=S" (si), "=D" (di)				\
		     : "a" (HC_VMW_MAGIC), "b" (in1), "c" (cmd),	\
		       "d" (dx)						\
		     : "cc", "memory");					\
	*out1 = bx;							\
	*out2 = cx;							\
	return ax;							\
}

HC_BENCH_VMW_ASM(hc_bench_vmw3_ioport, "inl (%%dx), %%eax", HC_VMW_PORT)
HC_BENCH_VMW_ASM(hc_bench_vmw3_vmcall, "vmcall", 0)
HC_BENCH_VMW_ASM(hc_bench_vmw3_vmmcall, "vmmcall", 0)

#define HC_BENCH_KVM_ASM(name, insn)					\
static __always_inline long name(unsigned int nr)			\
{									\
	long ret;							\
									\
	asm volatile(insn : "=a" (ret) : "a" ((unsigned long)nr)	\
		     : "memory");					\
	return ret;							\
}

HC_BENCH_KVM_ASM(hc_bench_kvm0_vmcall, "vmcall")
HC_BENCH_KVM_ASM(hc_bench_kvm0_vmmcall, "vmmcall")

/*
 * func.c: the reference, one function per instruction, for (d) and (e); in
 * a file of their own, so that their callers know no more about them than
 * about an exported function.  And (z), the reference loop again.
 */
unsigned long hc_bench_vmw3_ioport_fn(unsigned long cmd, unsigned long in1,
				      u32 *out1, u32 *out2);
unsigned long hc_bench_vmw3_vmcall_fn(unsigned long cmd, unsigned long in1,
				      u32 *out1, u32 *out2);
unsigned long hc_bench_vmw3_vmmcall_fn(unsigned long cmd, unsigned long in1,
				       u32 *out1, u32 *out2);
long hc_bench_kvm0_vmcall_fn(unsigned int nr);
long hc_bench_kvm0_vmmcall_fn(unsigned int nr);
hc_bench_loop hc_bench_vmw_again(enum hc_bench_insn insn);
hc_bench_loop hc_bench_kvm_again(enum hc_bench_insn insn);

/*
 * variants.c: (b) the inline API, (c) the bare instruction, (d) through a
 * function pointer, (e) in a function called directly
 */
unsigned int hc_bench_vmw_inline(unsigned int n,
				 const struct hc_bench_answer *want);
unsigned int hc_bench_kvm_inline(unsigned int n,
				 const struct hc_bench_answer *want);
hc_bench_loop hc_bench_vmw_asm(enum hc_bench_insn insn);
hc_bench_loop hc_bench_kvm_asm(enum hc_bench_insn insn);
hc_bench_loop hc_bench_vmw_indirect(enum hc_bench_insn insn);
hc_bench_loop hc_bench_kvm_indirect(enum hc_bench_insn insn);
hc_bench_loop hc_bench_vmw_call(enum hc_bench_insn insn);
hc_bench_loop hc_bench_kvm_call(enum hc_bench_insn insn);

/* export.c: (a) the functions hypercall.ko exports */
unsigned int hc_bench_vmw_export(unsigned int n,
				 const struct hc_bench_answer *want);
unsigned int hc_bench_kvm_export(unsigned int n,
				 const struct hc_bench_answer *want);

/*
 * kernel.c: (c2) the kernel's own inlines, where they use @insn (NULL
 * where the kernel has none, or would use another instruction)
 */
hc_bench_loop hc_bench_vmw_kernel(enum hc_bench_insn insn);
hc_bench_loop hc_bench_kvm_kernel(enum hc_bench_insn insn);

#endif /* _HC_BENCH_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM hypercalls on x86: the instruction chosen once at load time.  Not
 * API: included by <hypercall/kvm.h>.
 *
 * Register mapping (Linux Documentation/virt/kvm/x86/hypercalls.rst):
 *
 *   register  in                     out
 *   RAX       hypercall number       return value (0 or a negative KVM_E*)
 *   RBX       argument 1             -
 *   RCX       argument 2             -
 *   RDX       argument 3             -
 *   RSI       argument 4             -
 *
 * The instruction is vmcall on Intel, Centaur and Zhaoxin, vmmcall on AMD
 * and Hygon.  KVM changes no register but RAX.  In a TDX guest the call goes
 * through the kernel's tdx_kvm_hypercall() (TDG.VP.VMCALL with R10 = number,
 * R11..R14 = arguments), on kernels built with TDX guest support.
 *
 * What <hypercall/kvm.h> expects of every architecture's header:
 * HC_KVM_NARGS, the most arguments a hypercall takes; __hc_kvm(), the
 * inline call over the selected transport; __hc_kvm_slow(), the
 * out-of-line path where no instruction site serves (TDX here).
 */
#ifndef _HYPERCALL_ARCH_KVM_H
#define _HYPERCALL_ARCH_KVM_H

#include <linux/errno.h>
#include <linux/kvm_para.h>
#include <linux/types.h>
#include <hypercall/hypercall.h>

/* Arguments in RBX, RCX, RDX, RSI */
#define HC_KVM_NARGS	4

/* Transport keys: at most one is enabled. */
DECLARE_STATIC_KEY_FALSE(__hc_kvm_vmcall);
DECLARE_STATIC_KEY_FALSE(__hc_kvm_vmmcall);

long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6);

#define __HC_KVM_ASM(insn, ret, fault, inputs...)			\
	asm volatile(__HC_INSN_SAFE(insn)				\
		     : "=a" (ret), [fault] "=r" (fault)			\
		     : inputs						\
		     : "memory")

/*
 * Load only the argument registers that the call shape uses.  Each value is
 * evaluated once, and @nr goes in as an unsigned long: in 64-bit mode KVM
 * reads all of RAX, and a 32-bit operand leaves the upper half of the
 * register to chance.
 */
#define __HC_KVM(insn, ret, fault, nargs, nr, p1, p2, p3, p4)		\
do {									\
	unsigned long __nr = (nr), __p1 = (p1), __p2 = (p2);		\
	unsigned long __p3 = (p3), __p4 = (p4);				\
									\
	switch (nargs) {						\
	case 0:								\
		__HC_KVM_ASM(insn, ret, fault, "a" (__nr));		\
		break;							\
	case 1:								\
		__HC_KVM_ASM(insn, ret, fault, "a" (__nr), "b" (__p1));	\
		break;							\
	case 2:								\
		__HC_KVM_ASM(insn, ret, fault, "a" (__nr), "b" (__p1),	\
			     "c" (__p2));				\
		break;							\
	case 3:								\
		__HC_KVM_ASM(insn, ret, fault, "a" (__nr), "b" (__p1),	\
			     "c" (__p2), "d" (__p3));			\
		break;							\
	default:							\
		__HC_KVM_ASM(insn, ret, fault, "a" (__nr), "b" (__p1),	\
			     "c" (__p2), "d" (__p3), "S" (__p4));	\
		break;							\
	}								\
} while (0)

/*
 * __hc_kvm() - one KVM hypercall over the selected transport
 * @ret: RAX on return
 * @nargs: how many of @p1..@p4 are passed (a compile-time constant)
 * @p5: unused on x86 (HC_KVM_NARGS is 4)
 * @p6: unused on x86
 *
 * Return: 0 when the call was made, -EIO when the instruction faulted, 1
 * when there is no instruction to run here: the caller then goes through
 * __hc_kvm_slow() (TDX, or no transport at all).  The slow path returns
 * its result rather than writing @ret: a pointer to the caller's result
 * would keep it on the stack at every call site.
 */
static __always_inline int
__hc_kvm(long *ret, int nargs, unsigned int nr, unsigned long p1,
	 unsigned long p2, unsigned long p3, unsigned long p4,
	 unsigned long p5, unsigned long p6)
{
	unsigned long fault;

	__HC_SITE2(&__hc_kvm_vmcall.key, vmcall, &__hc_kvm_vmmcall.key, vmmcall);
	return 1;
vmcall:
	__HC_KVM(__HC_VMCALL, *ret, fault, nargs, nr, p1, p2, p3, p4);
	if (unlikely(fault))
		goto fault;
	return 0;
vmmcall:
	__HC_KVM(__HC_VMMCALL, *ret, fault, nargs, nr, p1, p2, p3, p4);
	if (likely(!fault))
		return 0;
fault:
	__hc_fault(HC_ABI_KVM);
	return -EIO;
}

#endif /* _HYPERCALL_ARCH_KVM_H */

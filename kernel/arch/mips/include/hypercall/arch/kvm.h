/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM hypercalls on MIPS: hypcall, switched on at load time.  Not API:
 * included by <hypercall/kvm.h>.
 *
 * Register mapping (Linux Documentation/virt/kvm/x86/hypercalls.rst,
 * "MIPS"; the host side is arch/mips/kvm/hypcall.c):
 *
 *   register  in                     out
 *   $2 (v0)   hypercall number       return value (0 or a negative KVM_E*)
 *   $4 (a0)   argument 1             -
 *   $5 (a1)   argument 2             -
 *   $6 (a2)   argument 3             -
 *   $7 (a3)   argument 4             -
 *   $3 (v1)   -                      this module's fault flag (not KVM's)
 *
 * The instruction is hypcall with code 0 (VZ ASE; KVM fails any other
 * code).  KVM reads the whole 64-bit registers and writes only v0.  Where
 * there is no VZ guest context (no VZ, under QEMU's TCG, on bare metal)
 * hypcall is a Reserved Instruction: the notifier of
 * <hypercall/arch/hypercall.h> turns it into an error return.
 *
 * What <hypercall/kvm.h> expects of every architecture's header:
 * HC_KVM_NARGS, the most arguments a hypercall takes; __hc_kvm(), the
 * inline call over the selected transport; __hc_kvm_slow(), the
 * out-of-line path where no instruction site serves (here: none).
 */
#ifndef _HYPERCALL_ARCH_KVM_H
#define _HYPERCALL_ARCH_KVM_H

#include <linux/errno.h>
#include <linux/types.h>
#include <linux/kvm_para.h>
#include <hypercall/hypercall.h>

/* Arguments in a0..a3 */
#define HC_KVM_NARGS	4

/* Transport key: hypcall (MIPS has one KVM instruction). */
DECLARE_STATIC_KEY_FALSE(__hc_kvm_hypcall);

long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6);

/*
 * The site.  Register variables are the only way to name a0..a3, v0 and
 * v1 in GCC's MIPS constraints; they are assigned right before the asm
 * statement, from values computed before, so that no call can come in
 * between and clobber them.  Arguments beyond @nargs are not loaded.
 */
#define __HC_KVM_ASM(v0, flag, inputs...)				\
	asm volatile(__HC_INSN_SAFE(__HC_HYPCALL)			\
		     : "+r" (v0), [fault] "=r" (flag)			\
		     : inputs						\
		     : "memory")

#define __HC_KVM(ret, flag, nargs, nr, p1, p2, p3, p4)			\
do {									\
	unsigned long __nr = (nr), __p1 = (p1), __p2 = (p2);		\
	unsigned long __p3 = (p3), __p4 = (p4);				\
	register unsigned long __v0 asm("$2") = __nr;			\
	register unsigned long __a0 asm("$4") = __p1;			\
	register unsigned long __a1 asm("$5") = __p2;			\
	register unsigned long __a2 asm("$6") = __p3;			\
	register unsigned long __a3 asm("$7") = __p4;			\
	register unsigned long __fl asm("$3");				\
									\
	switch (nargs) {						\
	case 0:								\
		__HC_KVM_ASM(__v0, __fl);				\
		break;							\
	case 1:								\
		__HC_KVM_ASM(__v0, __fl, "r" (__a0));			\
		break;							\
	case 2:								\
		__HC_KVM_ASM(__v0, __fl, "r" (__a0), "r" (__a1));	\
		break;							\
	case 3:								\
		__HC_KVM_ASM(__v0, __fl, "r" (__a0), "r" (__a1),	\
			     "r" (__a2));				\
		break;							\
	default:							\
		__HC_KVM_ASM(__v0, __fl, "r" (__a0), "r" (__a1),	\
			     "r" (__a2), "r" (__a3));			\
		break;							\
	}								\
	(ret) = __v0;							\
	(flag) = __fl;							\
} while (0)

/*
 * __hc_kvm() - one KVM hypercall over the selected transport
 * @ret: v0 on return
 * @nargs: how many of @p1..@p4 are passed (a compile-time constant)
 * @p5: unused on MIPS (HC_KVM_NARGS is 4)
 * @p6: unused on MIPS
 *
 * Return: 0 when the call was made, -EIO when the instruction faulted, 1
 * when there is no instruction to run here: the caller then goes through
 * __hc_kvm_slow().
 */
static __always_inline int
__hc_kvm(long *ret, int nargs, unsigned int nr, unsigned long p1,
	 unsigned long p2, unsigned long p3, unsigned long p4,
	 unsigned long p5, unsigned long p6)
{
	unsigned long fault;

	if (static_branch_likely(&__hc_kvm_hypcall))
		__HC_KVM(*ret, fault, nargs, nr, p1, p2, p3, p4);
	else
		return 1;
	if (unlikely(fault)) {
		__hc_fault(HC_ABI_KVM);
		return -EIO;
	}
	return 0;
}

#endif /* _HYPERCALL_ARCH_KVM_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM hypercalls on s390: DIAGNOSE 0x500, behind one static key.  Not API:
 * included by <hypercall/kvm.h>.
 *
 * Register mapping (Linux arch/s390/include/asm/kvm_para.h,
 * Documentation/virt/kvm/s390/s390-diag.rst):
 *
 *   register  in                          out
 *   R1        subcode (the hypercall      -
 *             number), all 64 bits
 *   R2        argument 1                  return value (subcode-specific:
 *                                         0, a negative errno, a cookie)
 *   R3        argument 2                  -
 *   R4        argument 3                  -
 *   R5        argument 4                  -
 *   R6        argument 5                  -
 *   R7        argument 6                  -
 *
 * The instruction is "diag 2,4,0x500": the host reads the subcode from R1,
 * not from the instruction's register fields.  The host changes no register
 * but R2.  A subcode the host does not know is not an answer: QEMU (also
 * behind KVM) raises a specification exception, which the fixup turns into
 * a failed call (-EIO from hypercall_kvm_call(), -KVM_ENOSYS from the
 * others).
 * DIAGNOSE is privileged: user space cannot issue it.
 *
 * What <hypercall/kvm.h> expects of every architecture's header:
 * HC_KVM_NARGS, the most arguments a hypercall takes; __hc_kvm(), the
 * inline call over the selected transport; __hc_kvm_slow(), the
 * out-of-line path where no instruction site serves (none on s390).
 */
#ifndef _HYPERCALL_ARCH_KVM_H
#define _HYPERCALL_ARCH_KVM_H

#include <linux/errno.h>
#include <linux/kvm_para.h>
#include <linux/types.h>
#include <hypercall/hypercall.h>

/* Arguments in R2..R7 */
#define HC_KVM_NARGS	6

/*
 * The transport key: on while KVM's diag 0x500 is the transport (kvm_mode
 * diag500), off on a machine that is not KVM (LPAR, z/VM), where no site
 * ever executes the instruction.
 */
DECLARE_STATIC_KEY_FALSE(__hc_kvm_diag500);

long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6);

/*
 * One diag with the registers the call shape uses: R1 and R2 always (R2 is
 * the answer), R3..R7 as inputs only for the arguments passed.  R2 is an
 * output only where no argument goes in it.
 */
#define __HC_KVM_ASM(r2_out, fault, inputs...)				\
	asm volatile(__HC_INSN_SAFE(__HC_DIAG500)			\
		     : r2_out, [fault] "=&d" (fault)			\
		     : inputs						\
		     : "cc", "memory")

/*
 * Each value is evaluated once, into a plain variable, before the register
 * variables take them: nothing may run between those and the asm.  @nr
 * goes in as an unsigned long: the host compares all of R1.
 */
#define __HC_KVM(ret, fault, nargs, nr, p1, p2, p3, p4, p5, p6)	\
do {									\
	unsigned long __nr = (nr), __p1 = (p1), __p2 = (p2);		\
	unsigned long __p3 = (p3), __p4 = (p4), __p5 = (p5);		\
	unsigned long __p6 = (p6);					\
	register unsigned long __r1 asm("1") = __nr;			\
	register unsigned long __r2 asm("2") = __p1;			\
	register unsigned long __r3 asm("3") = __p2;			\
	register unsigned long __r4 asm("4") = __p3;			\
	register unsigned long __r5 asm("5") = __p4;			\
	register unsigned long __r6 asm("6") = __p5;			\
	register unsigned long __r7 asm("7") = __p6;			\
									\
	switch (nargs) {						\
	case 0:								\
		__HC_KVM_ASM("=d" (__r2), fault, "d" (__r1));		\
		break;							\
	case 1:								\
		__HC_KVM_ASM("+d" (__r2), fault, "d" (__r1));		\
		break;							\
	case 2:								\
		__HC_KVM_ASM("+d" (__r2), fault, "d" (__r1),		\
			     "d" (__r3));				\
		break;							\
	case 3:								\
		__HC_KVM_ASM("+d" (__r2), fault, "d" (__r1),		\
			     "d" (__r3), "d" (__r4));			\
		break;							\
	case 4:								\
		__HC_KVM_ASM("+d" (__r2), fault, "d" (__r1),		\
			     "d" (__r3), "d" (__r4), "d" (__r5));	\
		break;							\
	case 5:								\
		__HC_KVM_ASM("+d" (__r2), fault, "d" (__r1),		\
			     "d" (__r3), "d" (__r4), "d" (__r5),	\
			     "d" (__r6));				\
		break;							\
	default:							\
		__HC_KVM_ASM("+d" (__r2), fault, "d" (__r1),		\
			     "d" (__r3), "d" (__r4), "d" (__r5),	\
			     "d" (__r6), "d" (__r7));			\
		break;							\
	}								\
	ret = __r2;							\
} while (0)

/*
 * __hc_kvm() - one KVM hypercall over the selected transport
 * @ret: R2 on return
 * @nargs: how many of @p1..@p6 are passed (a compile-time constant)
 *
 * Return: 0 when the call was made, -EIO when the instruction faulted (the
 * host rejected the subcode, or the machine has no diag 0x500), 1 when
 * there is no instruction to run here: the caller then goes through
 * __hc_kvm_slow(), which has no transport on s390.
 */
static __always_inline int
__hc_kvm(long *ret, int nargs, unsigned int nr, unsigned long p1,
	 unsigned long p2, unsigned long p3, unsigned long p4,
	 unsigned long p5, unsigned long p6)
{
	unsigned long fault;

	if (static_branch_likely(&__hc_kvm_diag500))
		__HC_KVM(*ret, fault, nargs, nr, p1, p2, p3, p4, p5, p6);
	else
		return 1;
	if (unlikely(fault)) {
		__hc_fault(HC_ABI_KVM);
		return -EIO;
	}
	return 0;
}

#endif /* _HYPERCALL_ARCH_KVM_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM hypercalls, with the instruction chosen once at load time.
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
 * The hypercall numbers (KVM_HC_*) and error codes (KVM_ENOSYS, KVM_EPERM,
 * KVM_EOPNOTSUPP, ...) are the kernel's own, from <linux/kvm_para.h>.
 *
 * Two ways to call:
 *
 * - hc_kvm_hypercall0() .. hc_kvm_hypercall4(): inline, patched in the
 *   caller when its module loads.
 * - hypercall_kvm0() .. hypercall_kvm4(): the same, exported by this module.
 *
 * The kernel's own kvm_hypercall0() .. kvm_hypercall4() (<asm/kvm_para.h>)
 * keep their names and meaning: this header does not touch them.
 *
 * Both forms return -KVM_ENOSYS when there is no KVM transport or the
 * instruction faulted (a forced instruction the machine does not have), as
 * if the hypercall did not exist; the fault is counted in the module's info
 * file.  hypercall_kvm_call() tells those cases apart.
 */
#ifndef _HYPERCALL_KVM_H
#define _HYPERCALL_KVM_H

#include <linux/errno.h>
#include <linux/kvm_para.h>
#include <linux/types.h>
#include <hypercall/hypercall.h>

/* Transport keys: at most one is enabled. */
DECLARE_STATIC_KEY_FALSE(__hc_kvm_vmcall);
DECLARE_STATIC_KEY_FALSE(__hc_kvm_vmmcall);

long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4);

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
 *
 * Return: 0 when the call was made, -EIO when the instruction faulted, 1
 * when there is no instruction to run here: the caller then goes through
 * __hc_kvm_slow() (TDX, or no transport at all).  The slow path returns
 * its result rather than writing @ret: a pointer to the caller's result
 * would keep it on the stack at every call site.
 */
static __always_inline int
__hc_kvm(long *ret, int nargs, unsigned int nr, unsigned long p1,
	 unsigned long p2, unsigned long p3, unsigned long p4)
{
	unsigned long fault;

	if (static_branch_likely(&__hc_kvm_vmcall))
		__HC_KVM(__HC_VMCALL, *ret, fault, nargs, nr, p1, p2, p3, p4);
	else if (static_branch_likely(&__hc_kvm_vmmcall))
		__HC_KVM(__HC_VMMCALL, *ret, fault, nargs, nr, p1, p2, p3, p4);
	else
		return 1;
	if (unlikely(fault)) {
		__hc_fault(HC_ABI_KVM);
		return -EIO;
	}
	return 0;
}

static __always_inline long
__hc_kvm_hypercall(int nargs, unsigned int nr, unsigned long p1,
		   unsigned long p2, unsigned long p3, unsigned long p4)
{
	long ret;
	int err;

	err = __hc_kvm(&ret, nargs, nr, p1, p2, p3, p4);
	if (likely(!err))
		return ret;
	if (err > 0)
		return __hc_kvm_slow(nr, p1, p2, p3, p4);
	return -KVM_ENOSYS;
}

/**
 * hc_kvm_hypercall0() - KVM hypercall without arguments
 * @nr: hypercall number (KVM_HC_*)
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long hc_kvm_hypercall0(unsigned int nr)
{
	return __hc_kvm_hypercall(0, nr, 0, 0, 0, 0);
}

/**
 * hc_kvm_hypercall1() - KVM hypercall with one argument
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long hc_kvm_hypercall1(unsigned int nr, unsigned long p1)
{
	return __hc_kvm_hypercall(1, nr, p1, 0, 0, 0);
}

/**
 * hc_kvm_hypercall2() - KVM hypercall with two arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 * @p2: second argument, in RCX
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall2(unsigned int nr, unsigned long p1, unsigned long p2)
{
	return __hc_kvm_hypercall(2, nr, p1, p2, 0, 0);
}

/**
 * hc_kvm_hypercall3() - KVM hypercall with three arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 * @p2: second argument, in RCX
 * @p3: third argument, in RDX
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall3(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3)
{
	return __hc_kvm_hypercall(3, nr, p1, p2, p3, 0);
}

/**
 * hc_kvm_hypercall4() - KVM hypercall with four arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 * @p2: second argument, in RCX
 * @p3: third argument, in RDX
 * @p4: fourth argument, in RSI
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall4(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3, unsigned long p4)
{
	return __hc_kvm_hypercall(4, nr, p1, p2, p3, p4);
}

long hypercall_kvm0(unsigned int nr);
long hypercall_kvm1(unsigned int nr, unsigned long p1);
long hypercall_kvm2(unsigned int nr, unsigned long p1, unsigned long p2);
long hypercall_kvm3(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3);
long hypercall_kvm4(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4);
int hypercall_kvm_call(unsigned int nr, const unsigned long args[4],
		       long *ret);
int hypercall_kvm_errno(long ret);

#endif /* _HYPERCALL_KVM_H */

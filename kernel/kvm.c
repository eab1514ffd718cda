// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls: the exported functions, on every architecture.  The
 * instruction, its registers and the keys that select it are the
 * architecture's (kernel/arch/<arch>/kvm.c and its <hypercall/arch/kvm.h>).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <hypercall/kvm.h>

#include "internal.h"

/**
 * hypercall_kvm0() - KVM hypercall without arguments
 * @nr: hypercall number (KVM_HC_*)
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm0(unsigned int nr)
{
	return hc_kvm_hypercall0(nr);
}
EXPORT_SYMBOL_GPL(hypercall_kvm0);

/**
 * hypercall_kvm1() - KVM hypercall with one argument
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm1(unsigned int nr, unsigned long p1)
{
	return hc_kvm_hypercall1(nr, p1);
}
EXPORT_SYMBOL_GPL(hypercall_kvm1);

/**
 * hypercall_kvm2() - KVM hypercall with two arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm2(unsigned int nr, unsigned long p1, unsigned long p2)
{
	return hc_kvm_hypercall2(nr, p1, p2);
}
EXPORT_SYMBOL_GPL(hypercall_kvm2);

/**
 * hypercall_kvm3() - KVM hypercall with three arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm3(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3)
{
	return hc_kvm_hypercall3(nr, p1, p2, p3);
}
EXPORT_SYMBOL_GPL(hypercall_kvm3);

/**
 * hypercall_kvm4() - KVM hypercall with four arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm4(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4)
{
	return hc_kvm_hypercall4(nr, p1, p2, p3, p4);
}
EXPORT_SYMBOL_GPL(hypercall_kvm4);

#if HC_KVM_NARGS >= 5
/**
 * hypercall_kvm5() - KVM hypercall with five arguments
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm5(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5)
{
	return hc_kvm_hypercall5(nr, p1, p2, p3, p4, p5);
}
EXPORT_SYMBOL_GPL(hypercall_kvm5);
#endif

#if HC_KVM_NARGS >= 6
/**
 * hypercall_kvm6() - KVM hypercall with six arguments
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument
 * @p6: sixth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm6(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5,
		    unsigned long p6)
{
	return hc_kvm_hypercall6(nr, p1, p2, p3, p4, p5, p6);
}
EXPORT_SYMBOL_GPL(hypercall_kvm6);
#endif

#if HC_KVM_NARGS >= 7
/**
 * hypercall_kvm7() - KVM hypercall with seven arguments
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument
 * @p6: sixth argument
 * @p7: seventh argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm7(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5,
		    unsigned long p6, unsigned long p7)
{
	return hc_kvm_hypercall7(nr, p1, p2, p3, p4, p5, p6, p7);
}
EXPORT_SYMBOL_GPL(hypercall_kvm7);
#endif

#if HC_KVM_NARGS >= 8
/**
 * hypercall_kvm8() - KVM hypercall with eight arguments
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument
 * @p6: sixth argument
 * @p7: seventh argument
 * @p8: eighth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm8(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5,
		    unsigned long p6, unsigned long p7, unsigned long p8)
{
	return hc_kvm_hypercall8(nr, p1, p2, p3, p4, p5, p6, p7, p8);
}
EXPORT_SYMBOL_GPL(hypercall_kvm8);
#endif

/*
 * hypercall_kvm_call() and hypercall_kvm_call_out(): @ret and @out are
 * written only when the call was made, not on a fault.  A macro, not an
 * inline function: through one, GCC 12 lays out x86's cold paths of
 * hypercall_kvm_call() differently, and its bytes stay what they were.
 */
#define HC_KVM_CALL(nr, args, ret, out)					\
({									\
	const unsigned long *__a = (args);				\
	unsigned int __nr = (nr);					\
	long __r;							\
	int __err;							\
									\
	__err = __HC_KVM_CALL(&__r, out, HC_KVM_NARGS, __nr,		\
			      __hc_kvm_arg(__a, 0), __hc_kvm_arg(__a, 1),	\
			      __hc_kvm_arg(__a, 2), __hc_kvm_arg(__a, 3),	\
			      __hc_kvm_arg(__a, 4), __hc_kvm_arg(__a, 5),	\
			      __hc_kvm_arg(__a, 6), __hc_kvm_arg(__a, 7));	\
	if (__err > 0)							\
		__err = hc_arch_kvm_slow_call(__nr, __a, &__r);		\
	if (!__err)							\
		*(ret) = __r;						\
	__err;								\
})

/**
 * hypercall_kvm_call() - KVM hypercall that says whether it happened
 * @nr: hypercall number (KVM_HC_*)
 * @args: the HC_KVM_NARGS arguments (x86: RBX, RCX, RDX, RSI; PowerPC:
 *        r3..r10)
 * @ret: what KVM returned, when the call was made (else left alone)
 *
 * Return: 0 when the hypercall was made (its result is in @ret), -ENODEV
 * when there is no KVM transport, -EIO when the instruction faulted.
 */
int hypercall_kvm_call(unsigned int nr, const unsigned long args[HC_KVM_NARGS],
		       long *ret)
{
	return HC_KVM_CALL(nr, args, ret, NULL);
}
EXPORT_SYMBOL_GPL(hypercall_kvm_call);

#if HC_KVM_NOUT
/**
 * hypercall_kvm_call_out() - hypercall_kvm_call(), with every output
 * @nr: hypercall number
 * @args: the HC_KVM_NARGS arguments (PowerPC: r3..r10)
 * @ret: what the hypervisor returned, when the call was made
 * @out: the HC_KVM_NOUT values it returned besides (PowerPC: r4..r11),
 *       when the call was made
 *
 * Return: 0 when the hypercall was made, -ENODEV when there is no KVM
 * transport, -EIO when the instruction faulted.
 */
int hypercall_kvm_call_out(unsigned int nr,
			   const unsigned long args[HC_KVM_NARGS], long *ret,
			   unsigned long out[HC_KVM_NOUT])
{
	return HC_KVM_CALL(nr, args, ret, out);
}
EXPORT_SYMBOL_GPL(hypercall_kvm_call_out);
#endif

/**
 * hypercall_kvm_errno() - translate a KVM hypercall result to an errno
 * @ret: the value KVM returned in RAX
 *
 * -KVM_ENOSYS (unknown hypercall) and -KVM_EOPNOTSUPP become -EOPNOTSUPP,
 * -KVM_EPERM, -KVM_EFAULT, -KVM_EINVAL and -KVM_E2BIG keep their meaning,
 * any other negative value becomes -EIO.
 *
 * Return: 0 for a non-negative @ret, else the errno.
 */
int hypercall_kvm_errno(long ret)
{
	switch (ret) {
	case -KVM_ENOSYS:
	case -KVM_EOPNOTSUPP:
		return -EOPNOTSUPP;
	case -KVM_EPERM:
		return -EPERM;
	case -KVM_EFAULT:
		return -EFAULT;
	case -KVM_EINVAL:
		return -EINVAL;
	case -KVM_E2BIG:
		return -E2BIG;
	default:
		return ret < 0 ? -EIO : 0;
	}
}
EXPORT_SYMBOL_GPL(hypercall_kvm_errno);

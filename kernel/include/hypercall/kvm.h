/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM hypercalls, with the instruction chosen once at load time.
 *
 * The register mapping, the instructions and how the transport is chosen
 * are the architecture's: see its <hypercall/arch/kvm.h>
 * (kernel/arch/<arch>/include/hypercall/arch/kvm.h), which says where the
 * number, the HC_KVM_NARGS arguments and the result go.
 *
 * The hypercall numbers (KVM_HC_*) and error codes (KVM_ENOSYS, KVM_EPERM,
 * KVM_EOPNOTSUPP, ...) are the kernel's own, from <linux/kvm_para.h>.
 *
 * Two ways to call:
 *
 * - hc_kvm_hypercall0() .. hc_kvm_hypercallN(): inline, patched in the
 *   caller when its module loads (N is HC_KVM_NARGS: 4 on x86 and MIPS, 6 on
 *   s390, 8 on PowerPC).
 * - hypercall_kvm0() .. hypercall_kvmN(): the same, exported by this module.
 *
 * Where the hypervisor returns more than one value (HC_KVM_NOUT is not 0:
 * PowerPC's r4..r11), hc_kvm_hypercall_out() and hypercall_kvm_call_out()
 * return them too.
 *
 * The kernel's own kvm_hypercall0() .. (<asm/kvm_para.h>) keep their names
 * and meaning: this header does not touch them.
 *
 * Both forms return -KVM_ENOSYS when there is no KVM transport or the
 * instruction faulted (a forced instruction the machine does not have, or
 * a number the host rejects), as if the hypercall did not exist; the fault
 * is counted in the module's info file.  hypercall_kvm_call() tells those
 * cases apart.
 */
#ifndef _HYPERCALL_KVM_H
#define _HYPERCALL_KVM_H

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/types.h>
/*
 * after types.h: asm-generic/kvm_para.h (MIPS, ...) uses bool unincluded;
 * after init.h: PowerPC's asm/kvm_guest.h uses __init unincluded
 */
#include <linux/kvm_para.h>
#include <hypercall/hypercall.h>
#include <hypercall/arch/kvm.h>

/*
 * The architecture's primitive: __hc_kvm() (six arguments at most, one
 * result), or where hypercalls take more arguments or return more values
 * (PowerPC), __hc_kvm_regs(), which takes eight and writes HC_KVM_NOUT
 * outputs to @out unless it is NULL.  Its header then defines HC_KVM_NOUT.
 */
#ifdef HC_KVM_NOUT
#define __HC_KVM_CALL(ret, out, nargs, nr, p1, p2, p3, p4, p5, p6, p7,	\
		      p8)						\
	__hc_kvm_regs(ret, out, nargs, nr, p1, p2, p3, p4, p5, p6, p7, p8)
#else
#define HC_KVM_NOUT	0
#define __HC_KVM_CALL(ret, out, nargs, nr, p1, p2, p3, p4, p5, p6, p7,	\
		      p8)						\
	__hc_kvm(ret, nargs, nr, p1, p2, p3, p4, p5, p6)
#endif

/* Argument @i of the HC_KVM_NARGS in @a, 0 past them */
static __always_inline unsigned long __hc_kvm_arg(const unsigned long *a,
						  int i)
{
	return i < HC_KVM_NARGS ? a[i % HC_KVM_NARGS] : 0;
}

static __always_inline long
__hc_kvm_hypercall(unsigned long *out, int nargs, unsigned int nr,
		   unsigned long p1, unsigned long p2, unsigned long p3,
		   unsigned long p4, unsigned long p5, unsigned long p6,
		   unsigned long p7, unsigned long p8)
{
	long ret;
	int err;

	err = __HC_KVM_CALL(&ret, out, nargs, nr, p1, p2, p3, p4, p5, p6, p7,
			    p8);
	if (likely(!err))
		return ret;
	if (err > 0)
		return __hc_kvm_slow(nr, p1, p2, p3, p4, p5, p6);
	return -KVM_ENOSYS;
}

/**
 * hc_kvm_hypercall0() - KVM hypercall without arguments
 * @nr: hypercall number (KVM_HC_*)
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long hc_kvm_hypercall0(unsigned int nr)
{
	return __hc_kvm_hypercall(NULL, 0, nr, 0, 0, 0, 0, 0, 0, 0, 0);
}

/**
 * hc_kvm_hypercall1() - KVM hypercall with 1 argument
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall1(unsigned int nr, unsigned long p1)
{
	return __hc_kvm_hypercall(NULL, 1, nr, p1, 0, 0, 0, 0, 0, 0, 0);
}

/**
 * hc_kvm_hypercall2() - KVM hypercall with 2 arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall2(unsigned int nr, unsigned long p1, unsigned long p2)
{
	return __hc_kvm_hypercall(NULL, 2, nr, p1, p2, 0, 0, 0, 0, 0, 0);
}

/**
 * hc_kvm_hypercall3() - KVM hypercall with 3 arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall3(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3)
{
	return __hc_kvm_hypercall(NULL, 3, nr, p1, p2, p3, 0, 0, 0, 0, 0);
}

/**
 * hc_kvm_hypercall4() - KVM hypercall with 4 arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall4(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3, unsigned long p4)
{
	return __hc_kvm_hypercall(NULL, 4, nr, p1, p2, p3, p4, 0, 0, 0, 0);
}

#if HC_KVM_NARGS >= 5
/**
 * hc_kvm_hypercall5() - KVM hypercall with 5 arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall5(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3, unsigned long p4, unsigned long p5)
{
	return __hc_kvm_hypercall(NULL, 5, nr, p1, p2, p3, p4, p5, 0, 0, 0);
}
#endif

#if HC_KVM_NARGS >= 6
/**
 * hc_kvm_hypercall6() - KVM hypercall with 6 arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument
 * @p6: sixth argument
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall6(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3, unsigned long p4, unsigned long p5,
		  unsigned long p6)
{
	return __hc_kvm_hypercall(NULL, 6, nr, p1, p2, p3, p4, p5, p6, 0, 0);
}
#endif

#if HC_KVM_NARGS >= 7
/**
 * hc_kvm_hypercall7() - KVM hypercall with 7 arguments
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
static __always_inline long
hc_kvm_hypercall7(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3, unsigned long p4, unsigned long p5,
		  unsigned long p6, unsigned long p7)
{
	return __hc_kvm_hypercall(NULL, 7, nr, p1, p2, p3, p4, p5, p6, p7, 0);
}
#endif

#if HC_KVM_NARGS >= 8
/**
 * hc_kvm_hypercall8() - KVM hypercall with 8 arguments
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
static __always_inline long
hc_kvm_hypercall8(unsigned int nr, unsigned long p1, unsigned long p2,
		  unsigned long p3, unsigned long p4, unsigned long p5,
		  unsigned long p6, unsigned long p7, unsigned long p8)
{
	return __hc_kvm_hypercall(NULL, 8, nr, p1, p2, p3, p4, p5, p6, p7, p8);
}
#endif

#if HC_KVM_NOUT
/**
 * hc_kvm_hypercall_out() - KVM hypercall that returns every output
 * @nr: hypercall number
 * @args: the HC_KVM_NARGS arguments
 * @out: the HC_KVM_NOUT values the hypervisor returns besides the result
 *       (PowerPC: r4..r11), written only when the call was made
 *
 * Return: what KVM returned, or -KVM_ENOSYS if the call could not be made.
 */
static __always_inline long
hc_kvm_hypercall_out(unsigned int nr, const unsigned long args[HC_KVM_NARGS],
		     unsigned long out[HC_KVM_NOUT])
{
	return __hc_kvm_hypercall(out, HC_KVM_NARGS, nr, __hc_kvm_arg(args, 0),
				  __hc_kvm_arg(args, 1), __hc_kvm_arg(args, 2),
				  __hc_kvm_arg(args, 3), __hc_kvm_arg(args, 4),
				  __hc_kvm_arg(args, 5), __hc_kvm_arg(args, 6),
				  __hc_kvm_arg(args, 7));
}
#endif

long hypercall_kvm0(unsigned int nr);
long hypercall_kvm1(unsigned int nr, unsigned long p1);
long hypercall_kvm2(unsigned int nr, unsigned long p1, unsigned long p2);
long hypercall_kvm3(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3);
long hypercall_kvm4(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4);
#if HC_KVM_NARGS >= 5
long hypercall_kvm5(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5);
#endif
#if HC_KVM_NARGS >= 6
long hypercall_kvm6(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5,
		    unsigned long p6);
#endif
#if HC_KVM_NARGS >= 7
long hypercall_kvm7(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5,
		    unsigned long p6, unsigned long p7);
#endif
#if HC_KVM_NARGS >= 8
long hypercall_kvm8(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4, unsigned long p5,
		    unsigned long p6, unsigned long p7, unsigned long p8);
#endif
int hypercall_kvm_call(unsigned int nr, const unsigned long args[HC_KVM_NARGS],
		       long *ret);
#if HC_KVM_NOUT
int hypercall_kvm_call_out(unsigned int nr,
			   const unsigned long args[HC_KVM_NARGS], long *ret,
			   unsigned long out[HC_KVM_NOUT]);
#endif
int hypercall_kvm_errno(long ret);

#endif /* _HYPERCALL_KVM_H */

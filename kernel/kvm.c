// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls: the static keys that select the instruction, the
 * out-of-line path for TDX, and the exported functions.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <hypercall/kvm.h>

#include "internal.h"

static DEFINE_STATIC_KEY_FALSE(hc_kvm_tdx);
DEFINE_STATIC_KEY_FALSE(__hc_kvm_vmcall);
EXPORT_SYMBOL_GPL(__hc_kvm_vmcall);
DEFINE_STATIC_KEY_FALSE(__hc_kvm_vmmcall);
EXPORT_SYMBOL_GPL(__hc_kvm_vmmcall);

/**
 * hc_kvm_select() - point every KVM call site at one instruction
 * @mode: HC_MODE_VMCALL, HC_MODE_VMMCALL, HC_MODE_TDX or HC_MODE_NONE
 *
 * Only the keys that change are switched (hc_keys_set()).
 */
void hc_kvm_select(enum hc_mode mode)
{
	struct static_key_false *const keys[] = {
		&__hc_kvm_vmcall, &__hc_kvm_vmmcall, &hc_kvm_tdx,
	};
	const bool on[] = {
		mode == HC_MODE_VMCALL, mode == HC_MODE_VMMCALL,
		mode == HC_MODE_TDX,
	};

	BUILD_BUG_ON(ARRAY_SIZE(keys) != ARRAY_SIZE(on));
	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}
HC_EXPORT_FOR_KUNIT(hc_kvm_select);

/**
 * __hc_kvm_slow() - KVM hypercall without an instruction site
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 *
 * In a TDX guest the call goes through the kernel's tdx_kvm_hypercall();
 * without a transport it fails, as if KVM did not know the hypercall.
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS without a transport.
 */
long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4)
{
#if HC_HAVE_KVM_TDX
	if (static_branch_likely(&hc_kvm_tdx))
		return tdx_kvm_hypercall(nr, p1, p2, p3, p4);
#endif
	return -KVM_ENOSYS;
}
EXPORT_SYMBOL_GPL(__hc_kvm_slow);

/**
 * hypercall_kvm0() - KVM hypercall without arguments
 * @nr: hypercall number (KVM_HC_*)
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm0(unsigned int nr)
{
	return hc_kvm_hypercall0(nr);
}
EXPORT_SYMBOL_GPL(hypercall_kvm0);

/**
 * hypercall_kvm1() - KVM hypercall with one argument
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm1(unsigned int nr, unsigned long p1)
{
	return hc_kvm_hypercall1(nr, p1);
}
EXPORT_SYMBOL_GPL(hypercall_kvm1);

/**
 * hypercall_kvm2() - KVM hypercall with two arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 * @p2: second argument, in RCX
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm2(unsigned int nr, unsigned long p1, unsigned long p2)
{
	return hc_kvm_hypercall2(nr, p1, p2);
}
EXPORT_SYMBOL_GPL(hypercall_kvm2);

/**
 * hypercall_kvm3() - KVM hypercall with three arguments
 * @nr: hypercall number (KVM_HC_*)
 * @p1: first argument, in RBX
 * @p2: second argument, in RCX
 * @p3: third argument, in RDX
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
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
 * @p1: first argument, in RBX
 * @p2: second argument, in RCX
 * @p3: third argument, in RDX
 * @p4: fourth argument, in RSI
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS if the call could not be made.
 */
long hypercall_kvm4(unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4)
{
	return hc_kvm_hypercall4(nr, p1, p2, p3, p4);
}
EXPORT_SYMBOL_GPL(hypercall_kvm4);

/**
 * hypercall_kvm_call() - KVM hypercall that says whether it happened
 * @nr: hypercall number (KVM_HC_*)
 * @args: the four arguments (RBX, RCX, RDX, RSI)
 * @ret: what KVM put in RAX, when the call was made (else left alone)
 *
 * Return: 0 when the hypercall was made (its result is in @ret), -ENODEV
 * when there is no KVM transport, -EIO when the instruction faulted.
 */
int hypercall_kvm_call(unsigned int nr, const unsigned long args[4], long *ret)
{
	long r;
	int err;

	/* @ret is written only when the call was made, not on a fault */
	err = __hc_kvm(&r, 4, nr, args[0], args[1], args[2], args[3]);
	if (err > 0) {
		if (!static_branch_likely(&hc_kvm_tdx))
			return -ENODEV;
		r = __hc_kvm_slow(nr, args[0], args[1], args[2], args[3]);
		err = 0;
	}
	if (!err)
		*ret = r;
	return err;
}
EXPORT_SYMBOL_GPL(hypercall_kvm_call);

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

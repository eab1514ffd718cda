// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls on x86: the static keys that select the instruction, and
 * the out-of-line path for TDX.
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
 * @p5: unused (x86 hypercalls take four)
 * @p6: unused
 *
 * In a TDX guest the call goes through the kernel's tdx_kvm_hypercall();
 * without a transport it fails, as if KVM did not know the hypercall.
 *
 * Return: what KVM put in RAX, or -KVM_ENOSYS without a transport.
 */
long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6)
{
#if HC_HAVE_KVM_TDX
	if (static_branch_likely(&hc_kvm_tdx))
		return tdx_kvm_hypercall(nr, p1, p2, p3, p4);
#endif
	return -KVM_ENOSYS;
}
EXPORT_SYMBOL_GPL(__hc_kvm_slow);

int hc_arch_kvm_slow_call(unsigned int nr, const unsigned long args[],
			  long *ret)
{
	if (!static_branch_likely(&hc_kvm_tdx))
		return -ENODEV;
	*ret = __hc_kvm_slow(nr, args[0], args[1], args[2], args[3], 0, 0);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls on MIPS: the static key that switches hypcall on, and
 * the out-of-line path, which has nothing to call.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <hypercall/kvm.h>

#include "internal.h"

/**
 * hc_kvm_select() - point every KVM call site at hypcall, or at nothing
 * @mode: HC_MODE_HYPCALL or HC_MODE_NONE
 */
void hc_kvm_select(enum hc_mode mode)
{
	struct static_key_false *const keys[] = { &__hc_kvm_hypcall };
	const bool on[] = { mode == HC_MODE_HYPCALL };

	BUILD_BUG_ON(ARRAY_SIZE(keys) != ARRAY_SIZE(on));
	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}

/* hypcall's key, exported for the inline sites of consumer modules */
DEFINE_STATIC_KEY_FALSE(__hc_kvm_hypcall);
EXPORT_SYMBOL_GPL(__hc_kvm_hypcall);

/**
 * __hc_kvm_slow() - KVM hypercall without an instruction site
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: unused (MIPS hypercalls take four)
 * @p6: unused
 *
 * MIPS has no transport but hypcall: without it the call fails, as if KVM
 * did not know the hypercall.
 *
 * Return: -KVM_ENOSYS.
 */
long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6)
{
	return -KVM_ENOSYS;
}
EXPORT_SYMBOL_GPL(__hc_kvm_slow);

int hc_arch_kvm_slow_call(unsigned int nr, const unsigned long args[],
			  long *ret)
{
	return -ENODEV;
}

/* MIPS has no KVM file of its own in kvm/, only call. */
void hc_arch_kvm_debugfs_init(struct dentry *kvm_dir)
{
}

// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls on MIPS: the static key that switches hypcall on.  There
 * is no out-of-line transport (kvm_one_insn.c).
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

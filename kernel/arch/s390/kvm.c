// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls on s390: the static key that enables diag 0x500.  There
 * is no out-of-line transport and no file of its own in kvm/
 * (kvm_one_insn.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <hypercall/kvm.h>

#include "internal.h"

/* R2..R7: the register table of <hypercall/arch/kvm.h> has six arguments */
static_assert(HC_KVM_NARGS == 6);

/* Declared, with what it means, in <hypercall/arch/kvm.h> */
DEFINE_STATIC_KEY_FALSE(__hc_kvm_diag500);
EXPORT_SYMBOL_GPL(__hc_kvm_diag500);

/**
 * hc_kvm_select() - point every KVM call site at diag 0x500, or at nothing
 * @mode: HC_MODE_DIAG500 or HC_MODE_NONE
 */
void hc_kvm_select(enum hc_mode mode)
{
	struct static_key_false *const keys[] = { &__hc_kvm_diag500 };
	const bool on[] = { mode == HC_MODE_DIAG500 };

	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}

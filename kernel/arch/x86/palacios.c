// SPDX-License-Identifier: GPL-2.0
/*
 * Palacios hypercalls: the static keys that select the instruction, and the
 * exported call.  The registers are in <hypercall/palacios.h>.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <hypercall/palacios.h>

#include "internal.h"

/**
 * hc_palacios_select() - point every Palacios call site at one instruction
 * @mode: HC_MODE_VMCALL, HC_MODE_VMMCALL or HC_MODE_NONE
 *
 * Only the keys that change are switched (hc_keys_set()).
 */
void hc_palacios_select(enum hc_mode mode)
{
	struct static_key_false *const keys[] = {
		&__hc_palacios_vmcall, &__hc_palacios_vmmcall,
	};
	const bool on[] = {
		mode == HC_MODE_VMCALL, mode == HC_MODE_VMMCALL,
	};

	BUILD_BUG_ON(ARRAY_SIZE(keys) != ARRAY_SIZE(on));
	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}
HC_EXPORT_FOR_KUNIT(hc_palacios_select);

/* Transport keys (declared in <hypercall/palacios.h>) */
DEFINE_STATIC_KEY_FALSE(__hc_palacios_vmcall);
EXPORT_SYMBOL_GPL(__hc_palacios_vmcall);
DEFINE_STATIC_KEY_FALSE(__hc_palacios_vmmcall);
EXPORT_SYMBOL_GPL(__hc_palacios_vmmcall);

/**
 * hypercall_palacios_call() - Palacios hypercall
 * @id: the hypercall id (EAX)
 * @regs: bx, cx, dx, si (the four arguments) and di on the way in (ax is
 *        not read); all six registers on return, when the call was made
 *        (else left alone)
 *
 * Return: 0 when the call was made, -ENODEV without a Palacios transport,
 * -EIO when the instruction faulted.
 */
int hypercall_palacios_call(u32 id, struct hc_palacios_regs *regs)
{
	return hc_palacios_hypercall(id, regs);
}
EXPORT_SYMBOL_GPL(hypercall_palacios_call);

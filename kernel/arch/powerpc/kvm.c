// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls on PowerPC: the static key that selects the installed
 * sequence.  There is no out-of-line transport (kvm_one_insn.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <hypercall/kvm.h>

#include "internal.h"

/* On while the sequence is installed in every site (sites.c) */
DEFINE_STATIC_KEY_FALSE(__hc_kvm_epapr);
EXPORT_SYMBOL_GPL(__hc_kvm_epapr);

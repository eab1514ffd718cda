// SPDX-License-Identifier: GPL-2.0
/*
 * KVM hypercalls on PowerPC: the static key that selects the installed
 * sequence, and the out-of-line path, which only says that there is none.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <hypercall/kvm.h>

#include "internal.h"

/**
 * __hc_kvm_slow() - KVM hypercall without a transport
 * @nr: hypercall number
 * @p1: unused
 * @p2: unused
 * @p3: unused
 * @p4: unused
 * @p5: unused
 * @p6: unused
 *
 * PowerPC has no out-of-line transport: a site comes here only when the
 * sequence is not installed, and the call fails as if the hypercall did
 * not exist.
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

/* On while the sequence is installed in every site (sites.c) */
DEFINE_STATIC_KEY_FALSE(__hc_kvm_epapr);
EXPORT_SYMBOL_GPL(__hc_kvm_epapr);

int hc_arch_kvm_slow_call(unsigned int nr, const unsigned long args[],
			  long *ret)
{
	return -ENODEV;
}

void hc_arch_kvm_debugfs_init(struct dentry *kvm_dir)
{
}

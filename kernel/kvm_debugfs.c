// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/kvm/
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>

#include "internal.h"

void hc_kvm_debugfs_init(struct dentry *root)
{
	debugfs_create_dir("kvm", root);
}

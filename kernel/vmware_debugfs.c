// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/vmware/
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>

#include "internal.h"

void hc_vmware_debugfs_init(struct dentry *root)
{
	struct dentry *dir = debugfs_create_dir("vmware", root);

	hc_rpc_debugfs_init(dir);
}

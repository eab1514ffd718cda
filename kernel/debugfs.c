// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs tree, /sys/kernel/debug/hypercall/: text in, text out.
 *
 * Files are created with .owner set, so an open file holds a reference on
 * the module and rmmod waits for nothing: it fails with EBUSY instead.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "internal.h"

static struct dentry *hc_debugfs_root;

static int hc_info_show(struct seq_file *m, void *unused)
{
	const struct hc_detect *det = &hc_state.det;

	if (det->hv == HC_HV_OTHER)
		seq_printf(m, "hypervisor: other:%s\n", det->sig);
	else
		seq_printf(m, "hypervisor: %s\n", hc_hv_name(det->hv));
	seq_printf(m, "detected_by: %s\n", hc_how_name(det->how));
	seq_printf(m, "vmware_mode: %s\n", hc_mode_name(det->vmware));
	seq_printf(m, "kvm_mode: %s\n", hc_mode_name(det->kvm));
	seq_printf(m, "vmware_hb: %s\n", det->vmware_hb ? "yes" : "no");
	seq_printf(m, "vmware_mode_param: %s\n", hc_mode_name(det->vmware_param));
	seq_printf(m, "kvm_mode_param: %s\n", hc_mode_name(det->kvm_param));
	seq_printf(m, "cpuid_signature: %s\n", det->sig[0] ? det->sig : "-");
	seq_printf(m, "kernel_hypervisor: %s\n",
		   hc_kernel_hv_name(hc_state.kernel_hv));
	seq_printf(m, "vendor: %s\n", hc_vendor_name(hc_state.vendor));
	seq_printf(m, "tdx_guest: %s\n", hc_state.tdx_guest ? "yes" : "no");
	seq_printf(m, "mem_encrypt: %s\n", hc_state.mem_encrypt ? "yes" : "no");
	seq_printf(m, "backdoor_probe: %s\n",
		   !det->probed ? "not-run" : det->probe_ok ? "ok" : "no-answer");
	seq_printf(m, "vmware_faults: %ld\n",
		   atomic_long_read(&hc_state.faults[HC_ABI_VMWARE]));
	seq_printf(m, "kvm_faults: %ld\n",
		   atomic_long_read(&hc_state.faults[HC_ABI_KVM]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_info);

void hc_debugfs_init(void)
{
	hc_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("info", 0400, hc_debugfs_root, NULL, &hc_info_fops);
}

void hc_debugfs_exit(void)
{
	debugfs_remove_recursive(hc_debugfs_root);
}

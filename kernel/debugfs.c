// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs tree, /sys/kernel/debug/hypercall/: text in, text out.
 *
 *   info            what the module detected and chose (this file)
 *   vmware/...      the VMware backdoor (vmware_debugfs.c)
 *   kvm/...         KVM hypercalls (kvm_debugfs.c)
 *   palacios/...    Palacios hypercalls (x86: arch/x86/palacios_debugfs.c)
 *
 * Files are created with .owner set, so an open file holds a reference on
 * the module: rmmod fails with EAGAIN instead of racing with a reader.
 *
 * "call" files share one shape (hc_debugfs_create_call()): a write runs one
 * command and keeps its one-line answer in the open file, a read returns it.
 * Answers belong to the open file, so concurrent scripts never see each
 * other's; a write that fails leaves the previous answer in place.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "internal.h"

static struct dentry *hc_debugfs_root;

struct hc_call_file {
	struct mutex lock;	/* serializes the file's writes and reads */
	hc_call_fn run;
	size_t len;		/* length of answer; 0: nothing run yet */
	char answer[HC_ANSWER_MAX];
};

static int hc_call_open(struct inode *inode, struct file *file)
{
	struct hc_call_file *cf;

	cf = kzalloc(sizeof(*cf), GFP_KERNEL);
	if (!cf)
		return -ENOMEM;
	mutex_init(&cf->lock);
	cf->run = (hc_call_fn)inode->i_private;
	file->private_data = cf;
	return nonseekable_open(inode, file);
}

static int hc_call_release(struct inode *inode, struct file *file)
{
	struct hc_call_file *cf = file->private_data;

	mutex_destroy(&cf->lock);
	kfree(cf);
	return 0;
}

/*
 * One write is one command.  The read position restarts at the answer, so
 * "exec 3<>call; echo cmd >&3; read -r line <&3" works in any shell.
 */
static ssize_t hc_call_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct hc_call_file *cf = file->private_data;
	char in[HC_PARSE_MAX_LEN];
	char out[HC_ANSWER_MAX];
	ssize_t ret;

	if (!count || count > sizeof(in))
		return -EINVAL;
	if (copy_from_user(in, ubuf, count))
		return -EFAULT;

	mutex_lock(&cf->lock);
	ret = cf->run(in, count, out, sizeof(out));
	if (ret > 0) {
		memcpy(cf->answer, out, ret);
		cf->len = ret;
		*ppos = 0;
		ret = count;
	} else if (!ret) {
		ret = -EIO;
	}
	mutex_unlock(&cf->lock);
	return ret;
}

static ssize_t hc_call_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct hc_call_file *cf = file->private_data;
	ssize_t ret;

	mutex_lock(&cf->lock);
	if (!cf->len)
		ret = -ENODATA;
	else
		ret = simple_read_from_buffer(ubuf, count, ppos,
					      cf->answer, cf->len);
	mutex_unlock(&cf->lock);
	return ret;
}

static const struct file_operations hc_call_fops = {
	.owner		= THIS_MODULE,
	.open		= hc_call_open,
	.release	= hc_call_release,
	.read		= hc_call_read,
	.write		= hc_call_write,
};

/**
 * hc_debugfs_create_call() - create a write-then-read call file (0600)
 * @name: file name
 * @parent: its directory
 * @run: parses and runs one command, writes the answer (a line ending in
 *       "\n") to the buffer; returns its length, or a negative errno that the
 *       write returns
 */
void hc_debugfs_create_call(const char *name, struct dentry *parent,
			    hc_call_fn run)
{
	debugfs_create_file(name, 0600, parent, run, &hc_call_fops);
}

/*
 * Generic lines first, each ABI the architecture has in the same order;
 * the architecture's own lines between the parameters and the counters.
 */
static int hc_info_show(struct seq_file *m, void *unused)
{
	const struct hc_detect *det = &hc_state.det;
	int abi;

	if (det->hv == HC_HV_OTHER)
		seq_printf(m, "hypervisor: other:%s\n", det->sig);
	else
		seq_printf(m, "hypervisor: %s\n", hc_hv_name(det->hv));
	seq_printf(m, "detected_by: %s\n", det->how);
	for (abi = 0; abi < HC_ABI_NR; abi++)
		if (det->abis & BIT(abi))
			seq_printf(m, "%s_mode: %s\n", hc_abi_name(abi),
				   hc_mode_name(det->mode[abi]));
	if (det->abis & BIT(HC_ABI_VMWARE))
		seq_printf(m, "vmware_hb: %s\n",
			   det->hb[HC_ABI_VMWARE] ? "yes" : "no");
	for (abi = 0; abi < HC_ABI_NR; abi++)
		if (det->abis & BIT(abi))
			seq_printf(m, "%s_mode_param: %s\n", hc_abi_name(abi),
				   hc_mode_name(det->param[abi]));
	hc_arch_info_show(m);
	for (abi = 0; abi < HC_ABI_NR; abi++) {
		if (!(det->abis & BIT(abi)))
			continue;
		seq_printf(m, "%s_faults: %ld\n", hc_abi_name(abi),
			   atomic_long_read(&hc_state.faults[abi]));
		if (abi == HC_ABI_VMWARE)
			seq_printf(m, "vmware_buffer_faults: %ld\n",
				   atomic_long_read(&hc_state.vmware_buffer_faults));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_info);

void hc_debugfs_init(void)
{
	hc_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("info", 0400, hc_debugfs_root, NULL, &hc_info_fops);
	if (hc_state.det.abis & BIT(HC_ABI_VMWARE))
		hc_vmware_debugfs_init(hc_debugfs_root);
	hc_kvm_debugfs_init(hc_debugfs_root);
	if (hc_state.det.abis & BIT(HC_ABI_PALACIOS))
		hc_palacios_debugfs_init(hc_debugfs_root);
}

void hc_debugfs_exit(void)
{
	debugfs_remove_recursive(hc_debugfs_root);
}

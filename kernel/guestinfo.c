// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/vmware/guestinfo/<key>, mode 0400
 *
 * One read-only file per key of the guestinfo_keys parameter, fixed at
 * load.  Opening a file sends "info-get guestinfo.<key>" once, over
 * GuestRPC (rpc.c), and keeps the value, without the reply's status
 * prefix, as the open file's snapshot; reads page through it, lseek moves
 * in it.  The open fails with:
 *
 *   ENODATA          the host has no such variable ("0 No value found")
 *   EREMOTEIO        the host refused for another reason ("0 ...")
 *   EMSGSIZE         the value is over HC_GUESTINFO_VALUE_MAX bytes
 *   ENODEV, EOPNOTSUPP, EIO, ETIMEDOUT, EBADMSG, ENOMEM
 *                    as hypercall_vmware_rpc(): no backdoor, no GuestRPC
 *                    (QEMU), the channel failed
 *
 * Nothing userspace writes reaches the host: the files have no write
 * operation, and the only command sent is info-get of a variable named at
 * load.  A mode of 0400, with no ioctl or mmap, is what debugfs still opens
 * under kernel lockdown (debugfs_locked_down() in fs/debugfs/file.c).
 * Documentation/debugfs.rst has the rules for the key names.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <hypercall/rpc.h>

#include "guestinfo.h"
#include "internal.h"

/* The host's reply for a variable it does not have (cloud-init's NOVAL). */
#define HC_GUESTINFO_NOVAL	"No value found"

static char *guestinfo_keys = HC_GUESTINFO_DEFAULT_KEYS;

static int hc_guestinfo_refuse(struct hc_guestinfo_bad *bad, const char *why,
			       const char *name, size_t len)
{
	bad->why = why;
	bad->name = name;
	bad->len = len;
	return -EINVAL;
}

/* Is this one name (@len bytes at @name) fit for a file and a command? */
static const char *hc_guestinfo_name_fault(const char *name, size_t len)
{
	size_t i;

	if (!len)
		return "empty name";
	if (len > HC_GUESTINFO_KEY_MAX)
		return "name longer than 255 characters";
	for (i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c == '/')
			return "'/' in a name";
		if (c <= ' ' || c > '~')
			return "blank, control or non-ASCII character in a name";
		if (c == '.' && i + 1 < len && name[i + 1] == '.')
			return "'..' in a name";
	}
	if (len == 1 && name[0] == '.')
		return "'.' as a name";
	return NULL;
}

/**
 * hc_guestinfo_check_keys() - may this list be the guestinfo_keys parameter?
 * @list: comma-separated key names, without the "guestinfo." prefix
 * @bad: set to the reason and the name at fault when the list is refused
 *
 * An empty list is allowed (no files).  Otherwise every name must be 1 to
 * 255 printable ASCII characters other than blank, '/' and ',' (the
 * separator), not "." and without "..", and appear once; the whole list
 * is at most 1024 characters.
 *
 * Return: 0, or -EINVAL.
 */
int hc_guestinfo_check_keys(const char *list, struct hc_guestinfo_bad *bad)
{
	const char *name = list, *prev, *why;
	size_t len, plen;

	if (strnlen(list, HC_GUESTINFO_LIST_MAX + 1) > HC_GUESTINFO_LIST_MAX)
		return hc_guestinfo_refuse(bad, "list longer than 1024 characters",
					   NULL, 0);
	if (!*list)
		return 0;
	for (;;) {
		len = strchrnul(name, ',') - name;
		why = hc_guestinfo_name_fault(name, len);
		if (why)
			return hc_guestinfo_refuse(bad, why, name, len);
		for (prev = list; prev < name; prev += plen + 1) {
			plen = strchrnul(prev, ',') - prev;
			if (plen == len && !memcmp(prev, name, len))
				return hc_guestinfo_refuse(bad, "name given twice",
							   name, len);
		}
		if (!name[len])
			return 0;
		name += len + 1;
	}
}
HC_EXPORT_FOR_KUNIT(hc_guestinfo_check_keys);

static int hc_guestinfo_keys_set(const char *val, const struct kernel_param *kp)
{
	struct hc_guestinfo_bad bad;

	if (hc_guestinfo_check_keys(val, &bad)) {
		if (bad.name)
			pr_err("invalid guestinfo_keys: %s: \"%*pE\"\n", bad.why,
			       (int)bad.len, bad.name);
		else
			pr_err("invalid guestinfo_keys: %s\n", bad.why);
		return -EINVAL;
	}
	return param_set_charp(val, kp);
}

static const struct kernel_param_ops hc_guestinfo_keys_ops = {
	.set	= hc_guestinfo_keys_set,
	.get	= param_get_charp,
	.free	= param_free_charp,
};

module_param_cb(guestinfo_keys, &hc_guestinfo_keys_ops, &guestinfo_keys, 0444);
MODULE_PARM_DESC(guestinfo_keys,
		 "Comma-separated guestinfo keys, each a read-only file in debugfs vmware/guestinfo/ (default: what cloud-init, Ignition and Afterburn read)");

/**
 * hc_guestinfo_get() - read one guestinfo variable from the host
 * @key: its name, without the "guestinfo." prefix
 *
 * Sends "info-get guestinfo.<key>" over GuestRPC.  The value is kept in
 * the reply's own buffer, allocated at the size the host announced.
 *
 * Context: process context; sleeps.
 *
 * Return: the value (free it with hc_guestinfo_free()), or
 * ERR_PTR(-ENODATA) when the host has no such variable,
 * ERR_PTR(-EREMOTEIO) when it refused otherwise, or the error of
 * hypercall_vmware_rpc_alloc() (-EMSGSIZE for a value over
 * HC_GUESTINFO_VALUE_MAX bytes).
 */
struct hc_guestinfo_value *hc_guestinfo_get(const char *key)
{
	struct hc_guestinfo_value *v;
	char *cmd, *reply;
	size_t n;
	int ret;

	cmd = kasprintf(GFP_KERNEL, "info-get guestinfo.%s", key);
	v = kmalloc(sizeof(*v), GFP_KERNEL);
	if (!cmd || !v) {
		ret = -ENOMEM;
		goto out;
	}
	ret = hypercall_vmware_rpc_alloc(cmd, strlen(cmd), &reply, &n);
	if (ret == -EREMOTEIO && n == strlen(HC_GUESTINFO_NOVAL) &&
	    !memcmp(reply, HC_GUESTINFO_NOVAL, n))
		ret = -ENODATA;
	if (ret) {
		kvfree(reply);
		goto out;
	}
	v->len = n;
	v->data = reply;
out:
	kfree(cmd);
	if (ret) {
		kfree(v);
		return ERR_PTR(ret);
	}
	return v;
}
HC_EXPORT_FOR_KUNIT(hc_guestinfo_get);

/**
 * hc_guestinfo_free() - free what hc_guestinfo_get() returned
 * @v: the value, or NULL
 */
void hc_guestinfo_free(struct hc_guestinfo_value *v)
{
	if (v)
		kvfree(v->data);
	kfree(v);
}
HC_EXPORT_FOR_KUNIT(hc_guestinfo_free);

/* The file's name is the key: debugfs never renames it. */
static int hc_guestinfo_open(struct inode *inode, struct file *file)
{
	struct hc_guestinfo_value *v;

	v = hc_guestinfo_get(file->f_path.dentry->d_name.name);
	if (IS_ERR(v))
		return PTR_ERR(v);
	file->private_data = v;
	return 0;
}

static int hc_guestinfo_release(struct inode *inode, struct file *file)
{
	hc_guestinfo_free(file->private_data);
	return 0;
}

static ssize_t hc_guestinfo_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	const struct hc_guestinfo_value *v = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, v->data, v->len);
}

static loff_t hc_guestinfo_llseek(struct file *file, loff_t offset, int whence)
{
	const struct hc_guestinfo_value *v = file->private_data;

	return fixed_size_llseek(file, offset, whence, v->len);
}

/* No write, ioctl or mmap: lockdown leaves a 0400 file of these open. */
static const struct file_operations hc_guestinfo_fops = {
	.owner		= THIS_MODULE,
	.open		= hc_guestinfo_open,
	.release	= hc_guestinfo_release,
	.read		= hc_guestinfo_read,
	.llseek		= hc_guestinfo_llseek,
};

void hc_guestinfo_debugfs_init(struct dentry *vmware_dir)
{
	struct dentry *dir = debugfs_create_dir("guestinfo", vmware_dir);
	char name[HC_GUESTINFO_KEY_MAX + 1];
	const char *p = guestinfo_keys;
	size_t len;

	/* checked when the parameter was set; the default by KUnit */
	while (*p) {
		len = strchrnul(p, ',') - p;
		if (len && len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			debugfs_create_file(name, 0400, dir, NULL,
					    &hc_guestinfo_fops);
		}
		p += len;
		if (*p)
			p++;
	}
}

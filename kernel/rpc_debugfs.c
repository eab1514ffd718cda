// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/vmware/rpc
 *
 * Write one GuestRPC command (a trailing newline is dropped), then read the
 * host's reply, without its status prefix, on the same open file.  The
 * write returns:
 *
 *   the byte count   the host reported success ("1 ...")
 *   EREMOTEIO        the host reported failure ("0 ..."); the reply, which
 *                    says why, can be read as after a success
 *   EPERM            the command is not allowed without unsafe=1
 *   EINVAL           empty, too long (over HC_RPC_DEBUGFS_MAX bytes, the
 *                    trailing newline counted), or has NUL
 *   ENODEV           no backdoor (checked before the policy, so nothing
 *                    taints)
 *   EOPNOTSUPP, EIO, ETIMEDOUT, EMSGSIZE, EBADMSG, ENOMEM
 *                    transport failures, see hypercall_vmware_rpc_alloc()
 *                    (EMSGSIZE: a reply over HC_RPC_MAX_REPLY); the
 *                    previous reply, if any, stays
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <hypercall/rpc.h>

#include "internal.h"

/* Longest command a script may write: one page. */
#define HC_RPC_DEBUGFS_MAX	4096

struct hc_rpc_file {
	struct mutex lock;	/* serializes the file's writes and reads */
	char *reply;		/* reply text and "\n"; NULL: none yet */
	size_t len;
};

static int hc_rpc_file_open(struct inode *inode, struct file *file)
{
	struct hc_rpc_file *rf;

	rf = kzalloc(sizeof(*rf), GFP_KERNEL);
	if (!rf)
		return -ENOMEM;
	mutex_init(&rf->lock);
	file->private_data = rf;
	return nonseekable_open(inode, file);
}

static int hc_rpc_file_release(struct inode *inode, struct file *file)
{
	struct hc_rpc_file *rf = file->private_data;

	kvfree(rf->reply);
	mutex_destroy(&rf->lock);
	kfree(rf);
	return 0;
}

static ssize_t hc_rpc_file_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct hc_rpc_file *rf = file->private_data;
	char *cmd, *reply;
	size_t len, n;
	int ret;

	if (!count || count > HC_RPC_DEBUGFS_MAX)
		return -EINVAL;
	cmd = memdup_user(ubuf, count);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	len = count;
	if (cmd[len - 1] == '\n')
		len--;

	/* bad input first: EINVAL whatever the policy says */
	ret = -EINVAL;
	if (!len || memchr(cmd, '\0', len))
		goto out_cmd;
	/* before the policy, as the call files: nothing runs, nothing taints */
	ret = -ENODEV;
	if (!hc_vmware_available())
		goto out_cmd;
	ret = hc_allow(hc_rpc_cmd_class(cmd, len));
	if (ret)
		goto out_cmd;
	/* the reply's buffer is as large as the host says, not the limit */
	ret = hypercall_vmware_rpc_alloc(cmd, len, &reply, &n);
	if (!reply)
		goto out_cmd;
	reply[n] = '\n';	/* over its NUL */

	mutex_lock(&rf->lock);
	kvfree(rf->reply);
	rf->reply = reply;
	rf->len = n + 1;
	*ppos = 0;
	mutex_unlock(&rf->lock);
	if (!ret)
		ret = count;
out_cmd:
	kfree(cmd);
	return ret;
}

static ssize_t hc_rpc_file_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct hc_rpc_file *rf = file->private_data;
	ssize_t ret;

	mutex_lock(&rf->lock);
	if (!rf->reply)
		ret = -ENODATA;
	else
		ret = simple_read_from_buffer(ubuf, count, ppos, rf->reply,
					      rf->len);
	mutex_unlock(&rf->lock);
	return ret;
}

static const struct file_operations hc_rpc_fops = {
	.owner		= THIS_MODULE,
	.open		= hc_rpc_file_open,
	.release	= hc_rpc_file_release,
	.read		= hc_rpc_file_read,
	.write		= hc_rpc_file_write,
};

void hc_rpc_debugfs_init(struct dentry *vmware_dir)
{
	debugfs_create_file("rpc", 0600, vmware_dir, NULL, &hc_rpc_fops);
}

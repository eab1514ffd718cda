// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs, x86: /sys/kernel/debug/hypercall/kvm/clock_pairing (0400)
 *
 * KVM_HC_CLOCK_PAIRING into a buffer of our own, answered as
 * "sec=<s> nsec=<ns> tsc=<tsc> flags=<flags>"; ENODEV without a KVM
 * transport, EOPNOTSUPP with encrypted guest memory (the host cannot write
 * the buffer), else the errno of KVM's answer.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <asm/io.h>
#include <hypercall/kvm.h>

#include "internal.h"

/*
 * The buffer KVM writes is ours, from kmalloc (physically contiguous; a
 * 64-byte object never crosses a page), so no address from userspace ever
 * reaches the host.  With encrypted guest memory the host cannot write it.
 */
static int hc_kvm_clock_pairing_show(struct seq_file *m, void *unused)
{
	struct kvm_clock_pairing *cp;
	unsigned long args[HC_KVM_NARGS] = { 0 };
	long ret;
	int err;

	if (!hc_kvm_available())
		return -ENODEV;
	if (hc_state.arch.mem_encrypt)
		return -EOPNOTSUPP;

	cp = kzalloc(sizeof(*cp), GFP_KERNEL);
	if (!cp)
		return -ENOMEM;
	args[0] = virt_to_phys(cp);
	args[1] = KVM_CLOCK_PAIRING_WALLCLOCK;
	err = hypercall_kvm_call(KVM_HC_CLOCK_PAIRING, args, &ret);
	if (!err)
		err = hypercall_kvm_errno(ret);
	if (!err)
		seq_printf(m, "sec=%lld nsec=%lld tsc=%llu flags=%u\n",
			   (long long)cp->sec, (long long)cp->nsec,
			   (unsigned long long)cp->tsc, cp->flags);
	kfree(cp);
	return err;
}
DEFINE_SHOW_ATTRIBUTE(hc_kvm_clock_pairing);

void hc_arch_kvm_debugfs_init(struct dentry *kvm_dir)
{
	debugfs_create_file("clock_pairing", 0400, kvm_dir, NULL,
			    &hc_kvm_clock_pairing_fops);
}

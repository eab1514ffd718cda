// SPDX-License-Identifier: GPL-2.0
/*
 * A SIMULATED KVM host for MIPS, for the tests only: not a hypervisor.
 *
 * QEMU emulates no VZ, so in the test guest a hypcall is a Reserved
 * Instruction, and nothing answers it.  This module plays the host: its
 * DIE_RI notifier, registered with a higher priority than hypercall.ko's,
 * takes a kernel-mode hypcall (code 0, not in a delay slot), records the
 * registers of KVM's MIPS ABI (v0 the number, a0..a3 the arguments), puts
 * the answer the test chose in v0 and resumes after the instruction, as a
 * host returns to its guest.  hypercall.ko's fixup never sees such a
 * call, and the site's caller takes its success path.  It answers every
 * site, hypercall.ko's and its consumers' (the tests call through
 * kvm/call and the consumer hypercall_kvm_sample.ko), and uses nothing of
 * hypercall.ko.
 *
 * /sys/kernel/debug/hypercall_mips_fake_host/
 *   host    (0600) Y: the simulated host answers (default); N: it lets the
 *                  Reserved Instruction go on to hypercall.ko
 *   answer  (0600) what it puts in v0, signed decimal (default 0)
 *   seen    (0400) "calls=N nr=0x... a0=0x... a1=0x... a2=0x... a3=0x..."
 *                  and "site=<symbol>+<offset>/<size> [<module>]": the
 *                  last call it answered, and where its instruction was
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <asm/mipsregs.h>
#include <asm/ptrace.h>
#include <hypercall/hypercall.h>

/**
 * struct fake_seen - the last hypercall the simulated host answered
 * @calls: how many it answered since the module loaded
 * @nr: v0 at the instruction
 * @a: a0..a3 at the instruction
 * @epc: the instruction's address
 */
struct fake_seen {
	unsigned long calls;
	unsigned long nr;
	unsigned long a[4];
	unsigned long epc;
};

static DEFINE_SPINLOCK(fake_lock);
static struct fake_seen fake_seen;
static bool fake_host = true;
static long fake_answer;
static struct dentry *fake_dir;

static int fake_ri(struct notifier_block *nb, unsigned long val, void *data)
{
	struct pt_regs *regs = ((struct die_args *)data)->regs;
	unsigned long flags;

	if (val != DIE_RI || !READ_ONCE(fake_host) || user_mode(regs) ||
	    (regs->cp0_cause & CAUSEF_BD) || (regs->cp0_epc & 3) ||
	    *(u32 *)regs->cp0_epc != HC_MIPS_HYPCALL_WORD)
		return NOTIFY_DONE;

	spin_lock_irqsave(&fake_lock, flags);
	fake_seen.calls++;
	fake_seen.nr = regs->regs[2];
	fake_seen.a[0] = regs->regs[4];
	fake_seen.a[1] = regs->regs[5];
	fake_seen.a[2] = regs->regs[6];
	fake_seen.a[3] = regs->regs[7];
	fake_seen.epc = regs->cp0_epc;
	regs->regs[2] = READ_ONCE(fake_answer);
	spin_unlock_irqrestore(&fake_lock, flags);

	regs->cp0_epc += 4;
	return NOTIFY_STOP;
}

/* Before hypercall.ko's notifier (priority 0) */
static struct notifier_block fake_ri_nb = {
	.notifier_call = fake_ri,
	.priority = 1,
};

static int fake_seen_show(struct seq_file *m, void *unused)
{
	struct fake_seen s;
	unsigned long flags;

	spin_lock_irqsave(&fake_lock, flags);
	s = fake_seen;
	spin_unlock_irqrestore(&fake_lock, flags);
	seq_printf(m, "calls=%lu nr=0x%lx a0=0x%lx a1=0x%lx a2=0x%lx a3=0x%lx site=%pS\n",
		   s.calls, s.nr, s.a[0], s.a[1], s.a[2], s.a[3],
		   (void *)s.epc);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fake_seen);

static ssize_t fake_answer_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	long val;
	int err;

	err = kstrtol_from_user(ubuf, len, 0, &val);
	if (err)
		return err;
	WRITE_ONCE(fake_answer, val);
	return len;
}

static ssize_t fake_answer_read(struct file *file, char __user *ubuf,
				size_t len, loff_t *ppos)
{
	char buf[24];
	int n;

	n = scnprintf(buf, sizeof(buf), "%ld\n", READ_ONCE(fake_answer));
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations fake_answer_fops = {
	.owner = THIS_MODULE,
	.write = fake_answer_write,
	.read = fake_answer_read,
	.llseek = default_llseek,
};

static int __init fake_init(void)
{
	int err;

	err = register_die_notifier(&fake_ri_nb);
	if (err)
		return err;
	fake_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_bool("host", 0600, fake_dir, &fake_host);
	debugfs_create_file("answer", 0600, fake_dir, NULL,
			    &fake_answer_fops);
	debugfs_create_file("seen", 0400, fake_dir, NULL, &fake_seen_fops);
	pr_info("SIMULATED KVM host loaded: hypcall answered by this test module, not by a hypervisor\n");
	return 0;
}

static void __exit fake_exit(void)
{
	debugfs_remove(fake_dir);
	unregister_die_notifier(&fake_ri_nb);
}

module_init(fake_init);
module_exit(fake_exit);

MODULE_DESCRIPTION("TEST ONLY: a simulated KVM host answering MIPS hypcall");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

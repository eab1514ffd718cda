// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_fake_host - a SIMULATED host of diag 0x500, inside the guest,
 * for the s390x guest tests (selftests/hypercall/s390.sh).  Not part of
 * hypercall.ko.
 *
 * QEMU's diag 0x500 handlers read R1, R2 and R3 only, so the rest of the
 * register mapping (R4..R7) cannot be proven against the real peer.  This
 * module plays the host for one subcode that no host knows (subcode=,
 * default 0x4843): QEMU rejects the diag with a specification exception,
 * which the kernel hands to its DIE_TRAP notifiers before it looks at the
 * exception table (do_trap() in arch/s390/kernel/traps.c).  The notifier
 * takes only that subcode, issued by a diag 0x500 in kernel mode: it
 * records R1..R7, puts its answer in R2 and stops the trap there.  The old
 * PSW already points past the diag, so the caller goes on as after a host
 * that answered.  Every other trap goes on to the exception table (a
 * subcode the host rejects) or to die().
 *
 * Reading /sys/module/hypercall_fake_host/parameters/last (root only)
 * shows the last call it served:
 *
 *   calls=<n> r1=0x<R1> r2=0x<R2> ... r7=0x<R7> answer=0x<new R2>
 *
 * The answer is 0x4843000000000000 plus the number of calls served so far,
 * this one included.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <asm/ptrace.h>

#define HC_FAKE_ANSWER_BASE	0x4843000000000000UL
/* A diag whose code is 0x500 (base register 0), whatever its R1, R3 */
#define HC_DIAG500_MASK		0xff00ffffU
#define HC_DIAG500_INSN		0x83000500U
/* Program interruption code 6, an instruction of 4 bytes */
#define HC_PGM_SPECIFICATION	0x06
#define HC_PGM_CODE_MASK	0x7f

static unsigned long subcode = 0x4843;
module_param(subcode, ulong, 0444);
MODULE_PARM_DESC(subcode, "The diag 0x500 subcode this simulated host answers");

static DEFINE_SPINLOCK(hc_fake_lock);
static unsigned long hc_fake_calls;
static unsigned long hc_fake_regs[8];	/* R0..R7 of the last call */
static unsigned long hc_fake_answer;

/* Did this program interruption come from a diag 0x500 in kernel mode? */
static bool hc_fake_is_diag500(struct pt_regs *regs)
{
	u32 insn;

	if (user_mode(regs) ||
	    (regs->int_code & HC_PGM_CODE_MASK) != HC_PGM_SPECIFICATION ||
	    regs->int_code >> 16 != sizeof(insn))
		return false;
	if (copy_from_kernel_nofault(&insn,
				     (void *)(regs->psw.addr - sizeof(insn)),
				     sizeof(insn)))
		return false;
	return (insn & HC_DIAG500_MASK) == HC_DIAG500_INSN;
}

static int hc_fake_die(struct notifier_block *nb, unsigned long val,
		       void *data)
{
	struct die_args *args = data;
	struct pt_regs *regs = args->regs;
	unsigned long flags;
	int i;

	if (val != DIE_TRAP || regs->gprs[1] != subcode ||
	    !hc_fake_is_diag500(regs))
		return NOTIFY_DONE;

	spin_lock_irqsave(&hc_fake_lock, flags);
	for (i = 1; i < ARRAY_SIZE(hc_fake_regs); i++)
		hc_fake_regs[i] = regs->gprs[i];
	hc_fake_calls++;
	hc_fake_answer = HC_FAKE_ANSWER_BASE + hc_fake_calls;
	regs->gprs[2] = hc_fake_answer;
	spin_unlock_irqrestore(&hc_fake_lock, flags);
	return NOTIFY_STOP;
}

static struct notifier_block hc_fake_nb = {
	.notifier_call = hc_fake_die,
};

static int hc_fake_last_get(char *buf, const struct kernel_param *kp)
{
	unsigned long flags, r[8], calls, answer;

	spin_lock_irqsave(&hc_fake_lock, flags);
	memcpy(r, hc_fake_regs, sizeof(r));
	calls = hc_fake_calls;
	answer = hc_fake_answer;
	spin_unlock_irqrestore(&hc_fake_lock, flags);
	return scnprintf(buf, PAGE_SIZE,
			 "calls=%lu r1=0x%lx r2=0x%lx r3=0x%lx r4=0x%lx r5=0x%lx r6=0x%lx r7=0x%lx answer=0x%lx\n",
			 calls, r[1], r[2], r[3], r[4], r[5], r[6], r[7],
			 answer);
}

/* Nothing to set: reject "last=..." at load instead of ignoring it. */
static int hc_fake_last_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static const struct kernel_param_ops hc_fake_last_ops = {
	.set = hc_fake_last_set,
	.get = hc_fake_last_get,
};
module_param_cb(last, &hc_fake_last_ops, NULL, 0400);
MODULE_PARM_DESC(last, "The last call served (read only)");

static int __init hc_fake_init(void)
{
	return register_die_notifier(&hc_fake_nb);
}

static void __exit hc_fake_exit(void)
{
	unregister_die_notifier(&hc_fake_nb);
}

module_init(hc_fake_init);
module_exit(hc_fake_exit);

MODULE_DESCRIPTION("A simulated diag 0x500 host for the hypercall module's s390 tests");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

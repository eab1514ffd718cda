// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_fake_host - a SIMULATED ePAPR host, inside the guest, for the
 * ppc64el guest tests (selftests/hypercall/epapr.sh).  Not part of
 * hypercall.ko.
 *
 * QEMU's pseries machine writes no /hypervisor node under TCG, so no real
 * host answers an ePAPR hypercall here.  The test adds a node through the
 * pseries kernel's own device-tree interface (/proc/powerpc/ofdt) whose
 * hcall-instructions are this host's trap, "twi 31,r0,0x4648", followed by
 * three nops; hypercall.ko installs that sequence in every call site as it
 * would KVM's.  The trap is a program check that the kernel first hands to
 * its DIE_BPT notifiers (do_program_check() in arch/powerpc/kernel/
 * traps.c); this module's notifier, ahead of hypercall.ko's, takes only
 * that instruction in kernel mode: it records r3..r11, writes the answer
 * set below into r3..r11 and steps over the trap, as a host returns past
 * its hypercall instruction.  Unloaded, the trap goes on to hypercall.ko's
 * fault path.  The calls come from hypercall.ko (kvm/call) and from the
 * sample consumer, hypercall_kvm_sample.ko.  Its parameters (root only):
 *
 *   answer  (rw) "<r3> <r4> ... <r11>" (hexadecimal): what this host
 *                answers; reads as "r3=0x<hex> ... r11=0x<hex>"
 *   last    (r)  "calls=<n> r3=0x<hex> ... r11=0x<hex>": the registers of
 *                the last call it answered, as they reached it
 *
 * The harness builds it for the tests (HC_DEV_MODULES=m); make, make
 * install and DKMS do not.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* twi 31,r0,0x4648 ("HF"): traps always, unlike any other in the kernel */
#define HC_FAKE_TRAP	0x0fe04648U
#define HC_FAKE_NREGS	9	/* r3..r11 */

static DEFINE_SPINLOCK(hc_fake_lock);
static unsigned long hc_fake_calls;
static unsigned long hc_fake_seen[HC_FAKE_NREGS];
static unsigned long hc_fake_answer[HC_FAKE_NREGS];

static int hc_fake_die(struct notifier_block *nb, unsigned long val,
		       void *data)
{
	struct die_args *args = data;
	struct pt_regs *regs = args->regs;
	unsigned long flags;
	u32 insn;
	int i;

	if (val != DIE_BPT || user_mode(regs) ||
	    copy_from_kernel_nofault(&insn, (void *)regs->nip, sizeof(insn)) ||
	    insn != HC_FAKE_TRAP)
		return NOTIFY_DONE;
	spin_lock_irqsave(&hc_fake_lock, flags);
	hc_fake_calls++;
	for (i = 0; i < HC_FAKE_NREGS; i++) {
		hc_fake_seen[i] = regs->gpr[3 + i];
		regs->gpr[3 + i] = hc_fake_answer[i];
	}
	spin_unlock_irqrestore(&hc_fake_lock, flags);
	regs_set_return_ip(regs, regs->nip + sizeof(insn));
	return NOTIFY_STOP;
}

/* Ahead of hypercall.ko's notifier, which sends a trap to the fault path */
static struct notifier_block hc_fake_nb = {
	.notifier_call = hc_fake_die,
	.priority = 1,
};

/* Reject a write to a read-only parameter at load, instead of ignoring it */
static int hc_fake_ro_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

/*
 * "[calls=<n> ]r3=0x<hex> ... r11=0x<hex>": @regs (and the count of calls)
 * as they are together, under the lock
 */
static int hc_fake_show(char *buf, const unsigned long *regs, bool calls)
{
	unsigned long v[HC_FAKE_NREGS], n_calls, flags;
	int i, n = 0;

	spin_lock_irqsave(&hc_fake_lock, flags);
	memcpy(v, regs, sizeof(v));
	n_calls = hc_fake_calls;
	spin_unlock_irqrestore(&hc_fake_lock, flags);
	if (calls)
		n = scnprintf(buf, PAGE_SIZE, "calls=%lu ", n_calls);
	for (i = 0; i < HC_FAKE_NREGS; i++)
		n += scnprintf(buf + n, PAGE_SIZE - n, "%sr%d=0x%lx",
			       i ? " " : "", 3 + i, v[i]);
	return n + scnprintf(buf + n, PAGE_SIZE - n, "\n");
}

/* Nine hexadecimal numbers, "0x" or not, blank-separated: r3..r11 */
static int hc_fake_answer_set(const char *val, const struct kernel_param *kp)
{
	unsigned long v[HC_FAKE_NREGS];
	unsigned long flags;

	if (sscanf(val, "%lx %lx %lx %lx %lx %lx %lx %lx %lx", &v[0], &v[1],
		   &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]) !=
	    HC_FAKE_NREGS)
		return -EINVAL;
	spin_lock_irqsave(&hc_fake_lock, flags);
	memcpy(hc_fake_answer, v, sizeof(v));
	spin_unlock_irqrestore(&hc_fake_lock, flags);
	return 0;
}

static int hc_fake_answer_get(char *buf, const struct kernel_param *kp)
{
	return hc_fake_show(buf, hc_fake_answer, false);
}

static const struct kernel_param_ops hc_fake_answer_ops = {
	.set = hc_fake_answer_set,
	.get = hc_fake_answer_get,
};
module_param_cb(answer, &hc_fake_answer_ops, NULL, 0600);
MODULE_PARM_DESC(answer, "What the simulated host answers in r3..r11");

static int hc_fake_last_get(char *buf, const struct kernel_param *kp)
{
	return hc_fake_show(buf, hc_fake_seen, true);
}

static const struct kernel_param_ops hc_fake_last_ops = {
	.set = hc_fake_ro_set,
	.get = hc_fake_last_get,
};
module_param_cb(last, &hc_fake_last_ops, NULL, 0400);
MODULE_PARM_DESC(last, "The registers of the last call the simulated host answered");

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

MODULE_DESCRIPTION("A simulated ePAPR host, for the tests");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

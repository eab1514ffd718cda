// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/kvm/
 *
 *   call           (0600) write "<nr> [<a0> [<a1> [<a2> [<a3>]]]]", read
 *                  "ret=<signed decimal>" on the same open file
 *   clock_pairing  (0400) KVM_HC_CLOCK_PAIRING into a buffer of our own:
 *                  "sec=<s> nsec=<ns> tsc=<tsc> flags=<flags>"
 *
 * Without a KVM transport (kvm_mode "none") both answer ENODEV.
 *
 * What "call" runs without unsafe=1 is decided here and in
 * hc_kvm_call_class() (parse.c); Documentation/kvm.rst has the list and the
 * reasons.  A number that is safe by class stays safe only in its harmless
 * form: the target is a present vCPU and every argument the hypercall does
 * not define is 0.  Any other form needs unsafe=1, like an unknown number.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/io.h>
#include <hypercall/kvm.h>

#include "internal.h"

static bool hc_kvm_available(void)
{
	return hc_state.det.kvm != HC_MODE_NONE;
}

/* Is @apicid the APIC id of a present CPU, i.e. of a vCPU of this guest? */
static bool hc_kvm_apicid_present(u64 apicid)
{
	unsigned int cpu;

	for_each_present_cpu(cpu)
		if (cpu_physical_id(cpu) == apicid)
			return true;
	return false;
}

/*
 * The harmless form of the hypercalls that are safe by number:
 *   KVM_HC_VAPIC_POLL_IRQ    no arguments
 *   KVM_HC_KICK_CPU          a0 (flags) = 0, a1 = APIC id of a present vCPU
 *   KVM_HC_SCHED_YIELD       a0 = APIC id of a present vCPU
 * Arguments not listed must be 0 (an argument not written is 0).
 */
static bool hc_kvm_safe_form(const struct hc_kvm_call *c)
{
	switch (c->nr) {
	case KVM_HC_VAPIC_POLL_IRQ:
		return !c->args[0] && !c->args[1] && !c->args[2] && !c->args[3];
	case KVM_HC_KICK_CPU:
		return !c->args[0] && hc_kvm_apicid_present(c->args[1]) &&
		       !c->args[2] && !c->args[3];
	case KVM_HC_SCHED_YIELD:
		return hc_kvm_apicid_present(c->args[0]) &&
		       !c->args[1] && !c->args[2] && !c->args[3];
	default:
		return false;
	}
}

/*
 * Errors, in this order: -EINVAL for a malformed line, -ENODEV without a
 * KVM transport, -EPERM when the policy refuses, -EIO when the instruction
 * faulted.  A hypercall that KVM refused is not an error: its answer is the
 * negative KVM_E* code.
 */
static ssize_t hc_kvm_call_run(const char *in, size_t len, char *out,
			       size_t size)
{
	struct hc_kvm_call c;
	enum hc_cmd_class cls;
	unsigned long args[4];
	long ret;
	int err, i;

	if (hc_parse_kvm_call(in, len, &c))
		return -EINVAL;
	if (!hc_kvm_available())
		return -ENODEV;

	cls = hc_kvm_call_class(c.nr);
	if (cls == HC_CMD_SAFE && !hc_kvm_safe_form(&c))
		cls = HC_CMD_UNSAFE;
	err = hc_allow(cls);
	if (err)
		return err;

	for (i = 0; i < 4; i++)
		args[i] = c.args[i];
	err = hypercall_kvm_call(c.nr, args, &ret);
	if (err)
		return err;
	return scnprintf(out, size, "ret=%ld\n", ret);
}

/*
 * The buffer KVM writes is ours, from kmalloc (physically contiguous; a
 * 64-byte object never crosses a page), so no address from userspace ever
 * reaches the host.  With encrypted guest memory the host cannot write it.
 */
static int hc_kvm_clock_pairing_show(struct seq_file *m, void *unused)
{
	struct kvm_clock_pairing *cp;
	unsigned long args[4] = { 0 };
	long ret;
	int err;

	if (!hc_kvm_available())
		return -ENODEV;
	if (hc_state.mem_encrypt)
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

void hc_kvm_debugfs_init(struct dentry *root)
{
	struct dentry *dir = debugfs_create_dir("kvm", root);

	hc_debugfs_create_call("call", dir, hc_kvm_call_run);
	debugfs_create_file("clock_pairing", 0400, dir, NULL,
			    &hc_kvm_clock_pairing_fops);
}

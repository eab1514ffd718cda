// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_kvm_sample - a module that makes KVM hypercalls through
 * hypercall.ko, in both ways the API offers, on every architecture:
 *
 * - the inline API, hc_kvm_hypercall0() .. hc_kvm_hypercallN() of
 *   <hypercall/kvm.h>: the instruction is compiled into this module behind
 *   the static keys that hypercall.ko exports, and the module loader
 *   patches this module's call sites to the transport hypercall.ko
 *   selected, when this module loads;
 * - the functions hypercall.ko exports, hypercall_kvm0() ..
 *   hypercall_kvmN().
 *
 * N is HC_KVM_NARGS (4 on x86 and MIPS, 6 on s390).  Writing "<nr> [<a1>
 * ...]" (the number and up to N arguments, decimal or 0x-hex) to a
 * parameter stores a call; reading the parameter makes it, with the
 * function of as many arguments as were written, and answers
 * "ret=<signed decimal>":
 *
 *   /sys/module/hypercall_kvm_sample/parameters/call         inline API
 *   /sys/module/hypercall_kvm_sample/parameters/call_export  exported
 *
 * Both are root's only (0600).  This is a test consumer: it makes whatever
 * call root writes, without the policy of hypercall.ko's kvm/call, as any
 * module can.  The harness builds it for the tests (HC_DEV_MODULES=m);
 * make, make install and DKMS do not.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <hypercall/kvm.h>

/* A stored call: the number, its arguments, and how many */
struct hc_ks_call {
	bool set;
	unsigned int nr;
	unsigned int nargs;
	unsigned long a[HC_KVM_NARGS];
};

static struct hc_ks_call hc_ks_inline_call, hc_ks_export_call;

/* The inline API: one site per call shape, patched at load. */
static long hc_ks_inline(const struct hc_ks_call *c)
{
	const unsigned long *a = c->a;

	switch (c->nargs) {
	case 0:
		return hc_kvm_hypercall0(c->nr);
	case 1:
		return hc_kvm_hypercall1(c->nr, a[0]);
	case 2:
		return hc_kvm_hypercall2(c->nr, a[0], a[1]);
	case 3:
		return hc_kvm_hypercall3(c->nr, a[0], a[1], a[2]);
	case 4:
		return hc_kvm_hypercall4(c->nr, a[0], a[1], a[2], a[3]);
#if HC_KVM_NARGS >= 5
	case 5:
		return hc_kvm_hypercall5(c->nr, a[0], a[1], a[2], a[3], a[4]);
#endif
#if HC_KVM_NARGS >= 6
	case 6:
		return hc_kvm_hypercall6(c->nr, a[0], a[1], a[2], a[3], a[4],
					 a[5]);
#endif
	default:
		return -KVM_ENOSYS;
	}
}

/* The exported functions, the same shapes. */
static long hc_ks_export(const struct hc_ks_call *c)
{
	const unsigned long *a = c->a;

	switch (c->nargs) {
	case 0:
		return hypercall_kvm0(c->nr);
	case 1:
		return hypercall_kvm1(c->nr, a[0]);
	case 2:
		return hypercall_kvm2(c->nr, a[0], a[1]);
	case 3:
		return hypercall_kvm3(c->nr, a[0], a[1], a[2]);
	case 4:
		return hypercall_kvm4(c->nr, a[0], a[1], a[2], a[3]);
#if HC_KVM_NARGS >= 5
	case 5:
		return hypercall_kvm5(c->nr, a[0], a[1], a[2], a[3], a[4]);
#endif
#if HC_KVM_NARGS >= 6
	case 6:
		return hypercall_kvm6(c->nr, a[0], a[1], a[2], a[3], a[4],
				      a[5]);
#endif
	default:
		return -KVM_ENOSYS;
	}
}

/* "<nr> [<a1> ...]", blank-separated, one trailing newline allowed */
static int hc_ks_parse(const char *val, struct hc_ks_call *c)
{
	char buf[256], *s, *word;
	struct hc_ks_call n = { .set = true };
	bool first = true;
	int ret;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		return -EINVAL;
	s = strim(buf);
	while ((word = strsep(&s, " \t"))) {
		if (!*word)
			continue;
		if (first) {
			ret = kstrtouint(word, 0, &n.nr);
			first = false;
		} else if (n.nargs < HC_KVM_NARGS) {
			ret = kstrtoul(word, 0, &n.a[n.nargs++]);
		} else {
			ret = -EINVAL;
		}
		if (ret)
			return -EINVAL;
	}
	if (first)
		return -EINVAL;
	*c = n;
	return 0;
}

/* Module parameters are set and read under the kernel's parameter lock. */
static int hc_ks_set(const char *val, const struct kernel_param *kp)
{
	return hc_ks_parse(val, kp->arg);
}

static int hc_ks_get(char *buf, const struct kernel_param *kp,
		     long (*call)(const struct hc_ks_call *c))
{
	const struct hc_ks_call *c = kp->arg;

	if (!c->set)
		return -ENODATA;
	return scnprintf(buf, PAGE_SIZE, "ret=%ld\n", call(c));
}

static int hc_ks_inline_get(char *buf, const struct kernel_param *kp)
{
	return hc_ks_get(buf, kp, hc_ks_inline);
}

static int hc_ks_export_get(char *buf, const struct kernel_param *kp)
{
	return hc_ks_get(buf, kp, hc_ks_export);
}

static const struct kernel_param_ops hc_ks_inline_ops = {
	.set = hc_ks_set,
	.get = hc_ks_inline_get,
};
module_param_cb(call, &hc_ks_inline_ops, &hc_ks_inline_call, 0600);
MODULE_PARM_DESC(call, "Write \"<nr> [<args>]\", read: the call through the inline API");

static const struct kernel_param_ops hc_ks_export_ops = {
	.set = hc_ks_set,
	.get = hc_ks_export_get,
};
module_param_cb(call_export, &hc_ks_export_ops, &hc_ks_export_call, 0600);
MODULE_PARM_DESC(call_export,
		 "Write \"<nr> [<args>]\", read: the call through hypercall_kvmN()");

MODULE_DESCRIPTION("Sample consumer of the hypercall module's KVM API");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

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
 * N is HC_KVM_NARGS (4 on x86 and MIPS, 6 on s390, 8 on PowerPC).  Writing
 * "<nr> [<a1> ...]" (the number and up to N arguments, decimal or 0x-hex) to
 * a parameter stores a call; reading the parameter makes it, with the
 * function of as many arguments as were written, and answers
 * "ret=<signed decimal>":
 *
 *   /sys/module/hypercall_kvm_sample/parameters/call         inline API
 *   /sys/module/hypercall_kvm_sample/parameters/call_export  exported
 *
 * Where the hypervisor returns more than the result (HC_KVM_NOUT, PowerPC:
 * r4..r11), two more make the call with all N arguments (those not written
 * are 0) and answer "ret=<signed decimal> out1=0x<hex> ... outM=0x<hex>":
 *
 *   call_out          hc_kvm_hypercall_out(), inline
 *   call_out_export   hypercall_kvm_call_out(), exported; its errno when
 *                     the call was not made
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
#if HC_KVM_NARGS >= 7
	case 7:
		return hc_kvm_hypercall7(c->nr, a[0], a[1], a[2], a[3], a[4],
					 a[5], a[6]);
#endif
#if HC_KVM_NARGS >= 8
	case 8:
		return hc_kvm_hypercall8(c->nr, a[0], a[1], a[2], a[3], a[4],
					 a[5], a[6], a[7]);
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
#if HC_KVM_NARGS >= 7
	case 7:
		return hypercall_kvm7(c->nr, a[0], a[1], a[2], a[3], a[4],
				      a[5], a[6]);
#endif
#if HC_KVM_NARGS >= 8
	case 8:
		return hypercall_kvm8(c->nr, a[0], a[1], a[2], a[3], a[4],
				      a[5], a[6], a[7]);
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

#if HC_KVM_NOUT
static struct hc_ks_call hc_ks_inline_out_call, hc_ks_export_out_call;

static int hc_ks_out_answer(char *buf, long ret, const unsigned long *out)
{
	int i, n = scnprintf(buf, PAGE_SIZE, "ret=%ld", ret);

	for (i = 0; i < HC_KVM_NOUT; i++)
		n += scnprintf(buf + n, PAGE_SIZE - n, " out%d=0x%lx", i + 1,
			       out[i]);
	return n + scnprintf(buf + n, PAGE_SIZE - n, "\n");
}

static int hc_ks_inline_out_get(char *buf, const struct kernel_param *kp)
{
	const struct hc_ks_call *c = kp->arg;
	unsigned long out[HC_KVM_NOUT] = { 0 };
	long ret;

	if (!c->set)
		return -ENODATA;
	ret = hc_kvm_hypercall_out(c->nr, c->a, out);
	return hc_ks_out_answer(buf, ret, out);
}

static int hc_ks_export_out_get(char *buf, const struct kernel_param *kp)
{
	const struct hc_ks_call *c = kp->arg;
	unsigned long out[HC_KVM_NOUT] = { 0 };
	long ret;
	int err;

	if (!c->set)
		return -ENODATA;
	err = hypercall_kvm_call_out(c->nr, c->a, &ret, out);
	return err ? err : hc_ks_out_answer(buf, ret, out);
}

static const struct kernel_param_ops hc_ks_inline_out_ops = {
	.set = hc_ks_set,
	.get = hc_ks_inline_out_get,
};
module_param_cb(call_out, &hc_ks_inline_out_ops, &hc_ks_inline_out_call,
		0600);
MODULE_PARM_DESC(call_out,
		 "Write \"<nr> [<args>]\", read: the call and its outputs through hc_kvm_hypercall_out()");

static const struct kernel_param_ops hc_ks_export_out_ops = {
	.set = hc_ks_set,
	.get = hc_ks_export_out_get,
};
module_param_cb(call_out_export, &hc_ks_export_out_ops,
		&hc_ks_export_out_call, 0600);
MODULE_PARM_DESC(call_out_export,
		 "Write \"<nr> [<args>]\", read: the call and its outputs through hypercall_kvm_call_out()");
#endif

MODULE_DESCRIPTION("Sample consumer of the hypercall module's KVM API");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

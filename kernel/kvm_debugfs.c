// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/kvm/
 *
 *   call           (0600) write "<nr> [<a0> [<a1> ...]]", at most
 *                  HC_KVM_NARGS arguments (4 on x86 and MIPS, 6 on
 *                  s390, 8 on PowerPC), read "ret=<signed decimal>" on
 *                  the same open file, followed where the hypervisor
 *                  returns more (HC_KVM_NOUT) by
 *                  " out1=0x<hex> ... outN=0x<hex>"
 *
 * and the architecture's own files (x86: clock_pairing).  Without a KVM
 * transport (kvm_mode "none") every file answers ENODEV.
 *
 * What "call" runs without unsafe=1 is kernel/policy.c's to say, from the
 * architecture's table of numbers; Documentation/kvm.rst has the list and
 * the reasons.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <hypercall/kvm.h>

#include "internal.h"

/*
 * Errors, in this order: -EINVAL for a malformed line (or more arguments
 * than the architecture has), -ENODEV without a KVM transport, -EPERM when
 * the policy refuses, -EIO when the instruction faulted.  A hypercall that
 * KVM refused is not an error: its answer is the negative KVM_E* code.
 */
static ssize_t hc_kvm_call_run(const char *in, size_t len, char *out,
			       size_t size)
{
	unsigned long args[HC_KVM_NARGS];
	struct hc_kvm_req req;
	long ret;
	int err, i;

	if (hc_parse_kvm_req(in, len, &req) || req.nargs > HC_KVM_NARGS)
		return -EINVAL;
	if (!hc_kvm_available())
		return -ENODEV;
	err = hc_allow(hc_kvm_req_class(&req));
	if (err)
		return err;

	for (i = 0; i < HC_KVM_NARGS; i++)
		args[i] = req.args[i];
#if HC_KVM_NOUT
	{
		unsigned long o[HC_KVM_NOUT];
		ssize_t n;

		err = hypercall_kvm_call_out(req.nr, args, &ret, o);
		if (err)
			return err;
		n = scnprintf(out, size, "ret=%ld", ret);
		for (i = 0; i < HC_KVM_NOUT; i++)
			n += scnprintf(out + n, size - n, " out%d=0x%lx", i + 1,
				       o[i]);
		return n + scnprintf(out + n, size - n, "\n");
	}
#else
	err = hypercall_kvm_call(req.nr, args, &ret);
	if (err)
		return err;
	return scnprintf(out, size, "ret=%ld\n", ret);
#endif
}

void hc_kvm_debugfs_init(struct dentry *root)
{
	struct dentry *dir = debugfs_create_dir("kvm", root);

	hc_debugfs_create_call("call", dir, hc_kvm_call_run);
	hc_arch_kvm_debugfs_init(dir);
}

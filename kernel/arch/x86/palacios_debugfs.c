// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/palacios/
 *
 *   call   (0600) write "<id> [<a1> [<a2> [<a3> [<a4>]]]]" (RAX, then RBX,
 *          RCX, RDX, RSI; RDI goes in as 0), read
 *          "rax=0x.. rbx=0x.. rcx=0x.. rdx=0x.. rsi=0x.. rdi=0x..\n" on the
 *          same open file
 *
 * Without a Palacios transport (palacios_mode "none", the default outside
 * Palacios) it answers ENODEV.  What runs without unsafe=1 is
 * kernel/policy.c's to say, from x86's table of Palacios ids
 * (kernel/arch/x86/policy.c); Documentation/palacios.rst has the list.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <hypercall/palacios.h>

#include "internal.h"

/* The id and the arguments of <hypercall/palacios.h> */
#define HC_PALACIOS_NARGS	4

/*
 * Errors, in this order: -EINVAL for a malformed line or more than four
 * arguments, -ENODEV without a transport, -EPERM when the policy refuses,
 * -EIO when the instruction faulted.  What the host answered, -1 for an
 * id it does not know included, is the answer.
 */
static ssize_t hc_palacios_call_run(const char *in, size_t len, char *out,
				    size_t size)
{
	struct hc_palacios_regs r;
	struct hc_kvm_req req;
	int err;

	if (hc_parse_kvm_req(in, len, &req) || req.nargs > HC_PALACIOS_NARGS)
		return -EINVAL;
	if (hc_state.det.mode[HC_ABI_PALACIOS] == HC_MODE_NONE)
		return -ENODEV;
	err = hc_allow(hc_rules_req_class(hc_x86_palacios_rules,
					  hc_x86_palacios_nrules, &req));
	if (err)
		return err;

	r = (struct hc_palacios_regs) {
		.bx = req.args[0], .cx = req.args[1], .dx = req.args[2],
		.si = req.args[3],
	};
	err = hypercall_palacios_call(req.nr, &r);
	if (err)
		return err;
	return scnprintf(out, size,
			 "rax=0x%lx rbx=0x%lx rcx=0x%lx rdx=0x%lx rsi=0x%lx rdi=0x%lx\n",
			 r.ax, r.bx, r.cx, r.dx, r.si, r.di);
}

void hc_palacios_debugfs_init(struct dentry *root)
{
	struct dentry *dir = debugfs_create_dir("palacios", root);

	hc_debugfs_create_call("call", dir, hc_palacios_call_run);
}

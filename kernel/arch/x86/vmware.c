// SPDX-License-Identifier: GPL-2.0
/*
 * VMware backdoor: the static keys that select the transport, and the
 * out-of-line path for TDX and for machines without a backdoor.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
#include <asm/hypervisor.h>
#include <asm/trapnr.h>
#include <hypercall/vmware.h>

#include "internal.h"

/* TDX goes through the kernel's helper, reached from the slow path only. */
static DEFINE_STATIC_KEY_FALSE(hc_vmware_tdx);
DEFINE_STATIC_KEY_FALSE(__hc_vmware_ioport);
EXPORT_SYMBOL_GPL(__hc_vmware_ioport);
DEFINE_STATIC_KEY_FALSE(__hc_vmware_vmcall);
EXPORT_SYMBOL_GPL(__hc_vmware_vmcall);
DEFINE_STATIC_KEY_FALSE(__hc_vmware_vmmcall);
EXPORT_SYMBOL_GPL(__hc_vmware_vmmcall);
DEFINE_STATIC_KEY_FALSE(__hc_vmware_hb_ioport);
EXPORT_SYMBOL_GPL(__hc_vmware_hb_ioport);
DEFINE_STATIC_KEY_FALSE(__hc_vmware_hb_vmcall);
EXPORT_SYMBOL_GPL(__hc_vmware_hb_vmcall);
DEFINE_STATIC_KEY_FALSE(__hc_vmware_hb_vmmcall);
EXPORT_SYMBOL_GPL(__hc_vmware_hb_vmmcall);

/**
 * hc_vmware_select() - point every VMware call site at one transport
 * @mode: the transport (HC_MODE_NONE: no backdoor, calls fail)
 * @hb: whether high-bandwidth calls may run
 *
 * Runs at module load; the KUnit suite also runs it to switch transports.
 * Sites in consumer modules loaded later are patched by the module loader.
 * Only the keys that change are switched (hc_keys_set()).
 */
void hc_vmware_select(enum hc_mode mode, bool hb)
{
	/* high bandwidth beside its transport's low bandwidth */
	struct static_key_false *const keys[] = {
		&__hc_vmware_ioport, &__hc_vmware_vmcall,
		&__hc_vmware_vmmcall, &hc_vmware_tdx,
		&__hc_vmware_hb_ioport, &__hc_vmware_hb_vmcall,
		&__hc_vmware_hb_vmmcall,
	};
	const bool on[] = {
		mode == HC_MODE_IOPORT, mode == HC_MODE_VMCALL,
		mode == HC_MODE_VMMCALL, mode == HC_MODE_TDX,
		hb && mode == HC_MODE_IOPORT, hb && mode == HC_MODE_VMCALL,
		hb && mode == HC_MODE_VMMCALL,
	};

	BUILD_BUG_ON(ARRAY_SIZE(keys) != ARRAY_SIZE(on));
	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}
HC_EXPORT_FOR_KUNIT(hc_vmware_select);

/**
 * hc_vmware_slow() - low-bandwidth call without an instruction site
 * @regs: EBX, ECX (the command), EDX (whole: TDX has no port or flags), ESI
 *        and EDI on the way in; all six registers on return, when the call
 *        was made
 *
 * Called by __HC_VMW_SLOW() (vmware_slow.S), which the inline API calls
 * where no transport key is enabled.  In a TDX guest the call goes through
 * the kernel's vmware_tdx_hypercall(); without a transport it fails.  That
 * helper serves only a kernel that runs as a VMware guest: elsewhere (a
 * VMware guest booted with nopv, a TDX guest of another hypervisor) it
 * writes no output and returns ULONG_MAX, so the call is refused here.
 *
 * Return: 0 when the call was made, -ENODEV without a backdoor (or without
 * the kernel's VMware support), -EINVAL for a command that the TDX
 * transport does not accept.
 */
int hc_vmware_slow(struct hc_vmware_regs *regs)
{
#if HC_HAVE_VMWARE_TDX
	u32 out[5] = {};

	if (!static_branch_likely(&hc_vmware_tdx) ||
	    !hypervisor_is_type(X86_HYPER_VMWARE))
		return -ENODEV;
	/* vmware_tdx_hypercall() would refuse it too, with a warning */
	if (regs->cx & ~HC_VMW_TDX_CMD_MASK)
		return -EINVAL;
	regs->ax = vmware_tdx_hypercall(regs->cx, regs->bx, regs->dx,
					regs->si, regs->di, &out[0], &out[1],
					&out[2], &out[3], &out[4]);
	regs->bx = out[0];
	regs->cx = out[1];
	regs->dx = out[2];
	regs->si = out[3];
	regs->di = out[4];
	return 0;
#else
	return -ENODEV;
#endif
}

/**
 * __HC_VMW_SLOW() - the inline API's low-bandwidth call without a site
 *
 * Not a C function (vmware_slow.S), and named after the version of its
 * register contract (<hypercall/vmware_slow.h>): the asm statement of
 * __hc_vmware_lb() calls it where no transport key is enabled, in place of
 * the instruction and with its registers.  EAX, EBX, ECX, EDX (whole), ESI
 * and EDI go in, as for hc_vmware_slow(); the six registers come back in
 * the same places, where the call was made; else RBX holds -ENODEV or
 * -EINVAL.  Every other register is kept.
 */
void __HC_VMW_SLOW(void);
EXPORT_SYMBOL_GPL(__HC_VMW_SLOW);

/**
 * __hc_vmware_hb_fault() - count a high-bandwidth instruction that faulted
 * @trapnr: the exception (X86_TRAP_*), from the fixup
 *
 * Called from the exception-fixup path of every high-bandwidth site, in
 * this module and in consumer modules.  A page fault is the caller's
 * buffer (not mapped, or not writable): the transport is right, so it is
 * counted apart and not warned about.  Anything else (#UD, #GP) is a
 * transport the machine does not have, as for low bandwidth.
 *
 * Return: true for a page fault (the call fails with -EFAULT), else false
 * (-EIO).
 */
bool __cold __hc_vmware_hb_fault(unsigned long trapnr)
{
	if (trapnr == X86_TRAP_PF) {
		atomic_long_inc(&hc_state.vmware_buffer_faults);
		return true;
	}
	__hc_fault(HC_ABI_VMWARE);
	return false;
}
EXPORT_SYMBOL_GPL(__hc_vmware_hb_fault);

/**
 * hypercall_vmware_call() - low-bandwidth call that says whether it happened
 * @regs: EBX, ECX (the command), EDX, ESI and EDI on the way in (EAX is
 *        set to the magic, bits 15:0 of EDX to the port or flags, except
 *        over TDX, which passes EDX whole); all six registers on return
 *
 * Return: 0 when the call was made, -ENODEV without a backdoor, -EINVAL for
 * a command that the TDX transport does not accept, -EIO when the
 * instruction faulted.
 */
int hypercall_vmware_call(struct hc_vmware_regs *regs)
{
	struct hc_vmware_regs r = *regs;
	int ret;

	ret = __hc_vmware_lb(&r, true);
	if (!ret)
		*regs = r;
	return ret;
}
EXPORT_SYMBOL_GPL(hypercall_vmware_call);

/**
 * hc_vmware_cmd_refused() - would the transport refuse this command?
 * @cmd: ECX
 *
 * TDX takes only the commands of HC_VMW_TDX_CMD_MASK (the kernel's
 * vmware_tdx_hypercall() refuses the others): vmware/call answers EINVAL
 * for them before the policy, so that nothing taints for a call that would
 * not run.
 *
 * Return: true if hypercall_vmware_call() would return -EINVAL for @cmd.
 */
bool hc_vmware_cmd_refused(u32 cmd)
{
	return static_branch_unlikely(&hc_vmware_tdx) &&
	       (cmd & ~HC_VMW_TDX_CMD_MASK);
}

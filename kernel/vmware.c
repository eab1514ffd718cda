// SPDX-License-Identifier: GPL-2.0
/*
 * VMware backdoor: the static keys that select the transport, and the
 * out-of-line path for TDX and for machines without a backdoor.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/jump_label.h>
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
DEFINE_STATIC_KEY_FALSE(__hc_vmware_hb_on);
EXPORT_SYMBOL_GPL(__hc_vmware_hb_on);

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
	/* high bandwidth last: it is on only beside a transport */
	struct static_key_false *const keys[] = {
		&__hc_vmware_ioport, &__hc_vmware_vmcall,
		&__hc_vmware_vmmcall, &hc_vmware_tdx, &__hc_vmware_hb_on,
	};
	const bool on[] = {
		mode == HC_MODE_IOPORT, mode == HC_MODE_VMCALL,
		mode == HC_MODE_VMMCALL, mode == HC_MODE_TDX,
		hb && mode != HC_MODE_TDX && mode != HC_MODE_NONE,
	};

	BUILD_BUG_ON(ARRAY_SIZE(keys) != ARRAY_SIZE(on));
	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}
HC_EXPORT_FOR_KUNIT(hc_vmware_select);

/**
 * __hc_vmware_slow() - low-bandwidth call without an instruction site
 * @cmd: command
 * @in1: EBX
 * @in3: EDX
 * @in4: ESI
 * @in5: EDI
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 * @out4: ESI on return (may be NULL)
 * @out5: EDI on return (may be NULL)
 *
 * In a TDX guest the call goes through the kernel's vmware_tdx_hypercall(),
 * which takes the same arguments; without a transport it fails.
 *
 * Return: EAX, or HC_VMW_ERROR.
 */
unsigned long __hc_vmware_slow(unsigned long cmd, unsigned long in1,
			       unsigned long in3, unsigned long in4,
			       unsigned long in5, u32 *out1, u32 *out2,
			       u32 *out3, u32 *out4, u32 *out5)
{
#if HC_HAVE_VMWARE_TDX
	/* vmware_tdx_hypercall() would refuse it too, with a warning */
	if (static_branch_likely(&hc_vmware_tdx) &&
	    !(cmd & ~HC_VMW_TDX_CMD_MASK))
		return vmware_tdx_hypercall(cmd, in1, in3, in4, in5,
					    out1, out2, out3, out4, out5);
#endif
	return HC_VMW_ERROR;
}
EXPORT_SYMBOL_GPL(__hc_vmware_slow);

/**
 * hypercall_vmware() - low-bandwidth call that says whether it happened
 * @regs: EBX, ECX (the command), EDX, ESI and EDI on the way in (EAX is
 *        set to the magic, bits 15:0 of EDX to the port or flags); all six
 *        registers on return
 *
 * Return: 0 when the call was made, -ENODEV without a backdoor, -EINVAL for
 * a command that the TDX transport does not accept, -EIO when the
 * instruction faulted.
 */
int hypercall_vmware(struct hc_vmware_regs *regs)
{
	struct hc_vmware_regs r = *regs;
	u32 out[5];
	int ret;

	ret = __hc_vmware_lb(&r, true);
	if (ret <= 0) {
		if (!ret)
			*regs = r;
		return ret;
	}
	if (!static_branch_likely(&hc_vmware_tdx))
		return -ENODEV;
	if (r.cx & ~HC_VMW_TDX_CMD_MASK)
		return -EINVAL;
	/* TDX has no port or flags: RDX is in3 whole, as in the other forms */
	regs->ax = __hc_vmware_slow(r.cx, r.bx, regs->dx, r.si, r.di,
				    &out[0], &out[1], &out[2], &out[3], &out[4]);
	regs->bx = out[0];
	regs->cx = out[1];
	regs->dx = out[2];
	regs->si = out[3];
	regs->di = out[4];
	return 0;
}
EXPORT_SYMBOL_GPL(hypercall_vmware);

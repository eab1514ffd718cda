// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall - one safe, fast door from a Linux guest to its hypervisor
 *
 * At load the module detects the hypervisor (detect.c), points the static
 * keys of the VMware backdoor and of KVM hypercalls at the right instruction
 * (vmware.c, kvm.c) and publishes its debugfs tree (debugfs.c).  On bare
 * metal or under an unknown hypervisor it loads, reports "none" and issues
 * no hypercall.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cc_platform.h>
#include <linux/dmi.h>
#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/security.h>
#include <linux/string.h>
#include <asm/hypervisor.h>
#include <asm/processor.h>
#include <hypercall/vmware.h>

#include "internal.h"

static char *vmware_mode = "auto";
module_param(vmware_mode, charp, 0444);
MODULE_PARM_DESC(vmware_mode,
		 "VMware backdoor transport: auto (default), none, ioport, vmcall, vmmcall, tdx");

static char *kvm_mode = "auto";
module_param(kvm_mode, charp, 0444);
MODULE_PARM_DESC(kvm_mode,
		 "KVM hypercall instruction: auto (default), none, vmcall, vmmcall, tdx");

static bool unsafe;

/*
 * The lockdown reason of debugfs writes: the kernel refuses to open the call
 * files under it, and the module refuses what a file opened before would run.
 */
static bool hc_locked_down(void)
{
	return security_locked_down(LOCKDOWN_DEBUGFS) != 0;
}

/* unsafe=1 is refused under lockdown; 0 is always allowed. */
static int hc_unsafe_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret;

	/* a bool parameter given without a value means 1 */
	ret = kstrtobool(val ? val : "1", &on);
	if (ret)
		return ret;
	if (on && hc_locked_down()) {
		pr_warn("unsafe=1 refused: the kernel is locked down\n");
		return -EPERM;
	}
	return param_set_bool(val, kp);
}

static const struct kernel_param_ops hc_unsafe_ops = {
	.flags	= KERNEL_PARAM_OPS_FL_NOARG,
	.set	= hc_unsafe_set,
	.get	= param_get_bool,
};
module_param_cb(unsafe, &hc_unsafe_ops, &unsafe, 0600);
MODULE_PARM_DESC(unsafe,
		 "Let debugfs run commands that change host or guest state (taints the kernel; refused under lockdown)");

struct hc_state hc_state;
HC_EXPORT_FOR_KUNIT(hc_state);

/**
 * hc_allow() - may debugfs run a command of this class now?
 * @cls: what the command may do
 *
 * Safe commands always run.  Unsafe ones run only with unsafe=1 and while
 * the kernel is not locked down (LOCKDOWN_DEBUGFS, asked at every call: a
 * file opened before the lockdown stays open), and taint the kernel
 * (TAINT_USER) when they do.  Forbidden ones never run.
 *
 * Return: 0, or -EPERM.
 */
int hc_allow(enum hc_cmd_class cls)
{
	switch (cls) {
	case HC_CMD_SAFE:
		return 0;
	case HC_CMD_UNSAFE:
		if (!READ_ONCE(unsafe) || hc_locked_down())
			return -EPERM;
		add_taint(TAINT_USER, LOCKDEP_STILL_OK);
		return 0;
	default:
		return -EPERM;
	}
}

/**
 * hc_keys_set() - give each static key the state it needs
 * @keys: the keys of one ABI
 * @on: whether each key must be on
 * @n: the number of keys
 *
 * Turns off first the keys that must be off, then turns on those that must
 * be on, in the order of @keys: no two transports are ever on together.  A
 * key that stays on is not turned off and on again, which would rewrite
 * every site of it twice (in this module and its consumers); turning off a
 * key that is off, or on one that is on, rewrites nothing.
 */
void hc_keys_set(struct static_key_false *const keys[], const bool on[],
		 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!on[i])
			static_branch_disable(keys[i]);
	for (i = 0; i < n; i++)
		if (on[i])
			static_branch_enable(keys[i]);
}

/**
 * __hc_fault() - count a hypercall instruction that faulted
 * @abi: the ABI of the call
 *
 * Called from the exception-fixup path of every hypercall site, in this
 * module and in consumer modules; the call then returns an error.
 */
void __cold __hc_fault(enum hc_abi abi)
{
	if (abi < HC_ABI_NR)
		atomic_long_inc(&hc_state.faults[abi]);
	pr_warn_ratelimited("%s hypercall instruction faulted; is the forced transport right for this machine?\n",
			    abi == HC_ABI_KVM ? "KVM" : "VMware");
}
EXPORT_SYMBOL_GPL(__hc_fault);

/* GETVERSION over the I/O port, with the exception fixup of every call. */
static bool hc_probe_ioport(void *unused)
{
	struct hc_vmware_regs r = {
		.bx = ~HC_VMW_MAGIC,
		.cx = HC_VMW_CMD_GETVERSION,
		.dx = HC_VMW_PORT,
	};
	unsigned long fault;

	__HC_VMW_LB(__HC_VMW_LB_IOPORT, &r, &r, fault, false);
	if (fault) {
		__hc_fault(HC_ABI_VMWARE);
		return false;
	}
	return (u32)r.ax != U32_MAX && (u32)r.bx == HC_VMW_MAGIC;
}

static enum hc_vendor hc_cpu_vendor(void)
{
	switch (boot_cpu_data.x86_vendor) {
	case X86_VENDOR_INTEL:
		return HC_VENDOR_INTEL;
	case X86_VENDOR_AMD:
		return HC_VENDOR_AMD;
	case X86_VENDOR_HYGON:
		return HC_VENDOR_HYGON;
	case X86_VENDOR_CENTAUR:
		return HC_VENDOR_CENTAUR;
	case X86_VENDOR_ZHAOXIN:
		return HC_VENDOR_ZHAOXIN;
	default:
		return HC_VENDOR_OTHER;
	}
}

static enum hc_kernel_hv hc_kernel_hv(void)
{
	switch (x86_hyper_type) {
	case X86_HYPER_NATIVE:
		return HC_KHV_NATIVE;
	case X86_HYPER_VMWARE:
		return HC_KHV_VMWARE;
	case X86_HYPER_MS_HYPERV:
		return HC_KHV_HYPERV;
	case X86_HYPER_XEN_PV:
		return HC_KHV_XEN_PV;
	case X86_HYPER_XEN_HVM:
		return HC_KHV_XEN_HVM;
	case X86_HYPER_KVM:
		return HC_KHV_KVM;
	case X86_HYPER_JAILHOUSE:
		return HC_KHV_JAILHOUSE;
	case X86_HYPER_ACRN:
		return HC_KHV_ACRN;
	default:
		return HC_KHV_OTHER;
	}
}

/* Everything detection needs, read from this machine. */
static void hc_read_input(struct hc_detect_input *in)
{
	u32 eax, ebx, ecx, edx;

	memset(in, 0, sizeof(*in));
	in->hv_bit = boot_cpu_has(X86_FEATURE_HYPERVISOR);
	if (in->hv_bit) {
		cpuid(0x40000000, &eax, &ebx, &ecx, &edx);
		in->max_leaf = eax;
		memcpy(in->sig + 0, &ebx, 4);
		memcpy(in->sig + 4, &ecx, 4);
		memcpy(in->sig + 8, &edx, 4);
		if (!memcmp(in->sig, "VMwareVMware", HC_SIG_LEN) &&
		    eax >= HC_VMW_FEATURES_LEAF)
			in->vmw_ecx = cpuid_ecx(HC_VMW_FEATURES_LEAF);
		in->kvm_sig = hypervisor_cpuid_base(KVM_SIGNATURE, 0) != 0;
	}
	in->vendor = hc_cpu_vendor();
	in->kernel_hv = hc_kernel_hv();
	in->tdx_guest = cpu_feature_enabled(X86_FEATURE_TDX_GUEST);
	in->vmware_tdx = HC_HAVE_VMWARE_TDX;
	in->kvm_tdx = HC_HAVE_KVM_TDX;
	in->mem_encrypt = cc_platform_has(CC_ATTR_MEM_ENCRYPT);
	in->state_encrypt = cc_platform_has(CC_ATTR_GUEST_STATE_ENCRYPT);
	in->dmi_serial = dmi_get_system_info(DMI_PRODUCT_SERIAL);
	in->probe = hc_probe_ioport;
	in->vmware_param = vmware_mode;
	in->kvm_param = kvm_mode;
}

static int __init hc_init(void)
{
	struct hc_detect_input in;
	struct hc_detect *det = &hc_state.det;
	const char *why;
	int ret;

	hc_read_input(&in);
	hc_state.vendor = in.vendor;
	hc_state.kernel_hv = in.kernel_hv;
	hc_state.tdx_guest = in.tdx_guest;
	hc_state.mem_encrypt = in.mem_encrypt;

	ret = hc_detect(&in, det, &why);
	if (ret) {
		pr_err("%s\n", why);
		return ret;
	}

	hc_vmware_select(det->vmware, det->vmware_hb);
	hc_kvm_select(det->kvm);
	hc_debugfs_init();

	pr_info("hypervisor %s%s%s (%s), vmware_mode %s, kvm_mode %s\n",
		hc_hv_name(det->hv), det->hv == HC_HV_OTHER ? ":" : "",
		det->hv == HC_HV_OTHER ? det->sig : "", hc_how_name(det->how),
		hc_mode_name(det->vmware), hc_mode_name(det->kvm));
	return 0;
}

static void __exit hc_exit(void)
{
	hc_debugfs_exit();
}

module_init(hc_init);
module_exit(hc_exit);

MODULE_DESCRIPTION("VMware backdoor and KVM hypercalls, patched at load time");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(HC_VERSION);

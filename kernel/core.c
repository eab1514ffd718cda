// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall - one safe, fast door from a Linux guest to its hypervisor
 *
 * At load the module reads what the machine says (the architecture's
 * detect.c), decides the hypervisor and the transport of each ABI
 * (detect.c), points the static keys of every hypercall site at the chosen
 * instruction (the architecture's select functions) and publishes its
 * debugfs tree (debugfs.c).  On bare metal or under an unknown hypervisor it
 * loads, reports "none" and issues no hypercall.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "internal.h"

static char *kvm_mode = "auto";
module_param(kvm_mode, charp, 0444);
MODULE_PARM_DESC(kvm_mode,
		 "KVM hypercall instruction: auto (default), none, " HC_ARCH_KVM_MODES);

struct hc_state hc_state;
HC_EXPORT_FOR_KUNIT(hc_state);

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
	static const char *const names[HC_ABI_NR] = {
		[HC_ABI_VMWARE] = "VMware",
		[HC_ABI_KVM] = "KVM",
		[HC_ABI_PALACIOS] = "Palacios",
	};

	if (abi >= HC_ABI_NR)
		return;
	atomic_long_inc(&hc_state.faults[abi]);
	pr_warn_ratelimited("%s hypercall instruction faulted: a forced transport this machine lacks, or a hypercall the host rejects\n",
			    names[abi]);
}
EXPORT_SYMBOL_GPL(__hc_fault);

/*
 * An architecture that must set something up before its first call, and
 * take it down at unload, provides these (MIPS: its RI notifier).
 */
int __weak hc_arch_init(void)
{
	return 0;
}

void __weak hc_arch_exit(void)
{
}

static int __init hc_init(void)
{
	struct hc_detect_input in = { };
	struct hc_detect *det = &hc_state.det;
	char modes[96] = "";
	size_t pos = 0;
	int ret, abi;

	hc_arch_read_input(&in);
	in.param[HC_ABI_KVM] = kvm_mode;

	ret = hc_detect(&in, det);
	if (ret) {
		pr_err("%s\n", det->why);
		return ret;
	}
	ret = hc_arch_init();
	if (ret)
		return ret;

	hc_arch_select(det);
	hc_debugfs_init();

	for (abi = 0; abi < HC_ABI_NR; abi++)
		if (det->abis & BIT(abi))
			pos += scnprintf(modes + pos, sizeof(modes) - pos,
					 ", %s_mode %s", hc_abi_name(abi),
					 hc_mode_name(det->mode[abi]));
	pr_info("hypervisor %s%s%s (%s)%s\n",
		hc_hv_name(det->hv), det->hv == HC_HV_OTHER ? ":" : "",
		det->hv == HC_HV_OTHER ? det->sig : "", det->how, modes);
	return 0;
}

static void __exit hc_exit(void)
{
	hc_debugfs_exit();
	hc_arch_exit();
}

module_init(hc_init);
module_exit(hc_exit);

MODULE_DESCRIPTION("VMware backdoor and KVM hypercalls, patched at load time");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(HC_VERSION);

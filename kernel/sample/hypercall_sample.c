// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_sample - a module that calls the VMware backdoor through
 * hypercall.ko, in both ways the API offers:
 *
 * - the inline API, hc_vmware_hypercallN() of <hypercall/vmware.h>: the
 *   instruction is compiled into this module behind the static keys that
 *   hypercall.ko exports, and the module loader patches this module's call
 *   sites to the transport hypercall.ko selected, when this module loads;
 * - the functions hypercall.ko exports under the upstream names,
 *   vmware_hypercallN().  On Linux 6.11+ <asm/vmware.h> has static inlines
 *   of those names, so a file that wants the exports defines
 *   HC_VMWARE_EXPORTED_API before it includes <hypercall/vmware.h>, and does
 *   not include <asm/vmware.h>.
 *
 * Reading a parameter (root only) runs GETVERSION and answers one line,
 * "ret=0x<RAX> ebx=0x<EBX> ecx=0x<ECX>": RAX in full, so that the error
 * value HC_VMW_ERROR and a hypervisor's 64-bit error codes show as such.
 *
 *   /sys/module/hypercall_sample/parameters/version         inline API
 *   /sys/module/hypercall_sample/parameters/version_export  exported function
 *
 * Using hypercall.ko's symbols makes this module depend on it: it loads
 * only after hypercall.ko, which cannot be removed while this one is loaded.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#define HC_VMWARE_EXPORTED_API
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <hypercall/vmware.h>

static int hc_sample_answer(char *buf, unsigned long ret, u32 ebx, u32 ecx)
{
	return scnprintf(buf, PAGE_SIZE, "ret=0x%lx ebx=0x%08x ecx=0x%08x\n",
			 ret, ebx, ecx);
}

/* Nothing to set: reject "version=..." at load instead of ignoring it. */
static int hc_sample_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static int hc_sample_version_get(char *buf, const struct kernel_param *kp)
{
	u32 ebx = 0, ecx = 0;
	unsigned long ret;

	ret = hc_vmware_hypercall3(HC_VMW_CMD_GETVERSION, ~HC_VMW_MAGIC,
				   &ebx, &ecx);
	return hc_sample_answer(buf, ret, ebx, ecx);
}

static const struct kernel_param_ops hc_sample_version_ops = {
	.set = hc_sample_set,
	.get = hc_sample_version_get,
};
module_param_cb(version, &hc_sample_version_ops, NULL, 0400);
MODULE_PARM_DESC(version, "GETVERSION through the inline API (read only)");

static int hc_sample_version_export_get(char *buf,
					const struct kernel_param *kp)
{
	u32 ebx = 0, ecx = 0;
	unsigned long ret;

	ret = vmware_hypercall3(HC_VMW_CMD_GETVERSION, ~HC_VMW_MAGIC,
				&ebx, &ecx);
	return hc_sample_answer(buf, ret, ebx, ecx);
}

static const struct kernel_param_ops hc_sample_version_export_ops = {
	.set = hc_sample_set,
	.get = hc_sample_version_export_get,
};
module_param_cb(version_export, &hc_sample_version_export_ops, NULL, 0400);
MODULE_PARM_DESC(version_export,
		 "GETVERSION through the exported vmware_hypercall3() (read only)");

MODULE_DESCRIPTION("Sample consumer of the hypercall module's VMware API");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor detection: a pure function of what the machine reports.
 *
 * core.c gathers the inputs (CPUID, DMI, the kernel's own view) and hands
 * over a probe callback; hc_detect() decides.  Keeping the decision free of
 * hardware access lets the KUnit suite run it on fixtures for every kind of
 * machine, including ones we cannot boot here.
 */
#ifndef _HYPERCALL_DETECT_H
#define _HYPERCALL_DETECT_H

#include <linux/types.h>

enum hc_hv {
	HC_HV_NONE,
	HC_HV_VMWARE,
	HC_HV_KVM,
	HC_HV_OTHER,
};

/* How the hypervisor line was decided. */
enum hc_how {
	HC_BY_NONE,
	HC_BY_CPUID,
	HC_BY_DMI,
	HC_BY_PARAM,
};

/* A transport; HC_MODE_AUTO only ever appears as a parameter value. */
enum hc_mode {
	HC_MODE_NONE,
	HC_MODE_IOPORT,
	HC_MODE_VMCALL,
	HC_MODE_VMMCALL,
	HC_MODE_TDX,
	HC_MODE_AUTO,
	HC_MODE_NR
};

enum hc_vendor {
	HC_VENDOR_OTHER,
	HC_VENDOR_INTEL,
	HC_VENDOR_AMD,
	HC_VENDOR_HYGON,
	HC_VENDOR_CENTAUR,
	HC_VENDOR_ZHAOXIN,
};

/* The kernel's x86_hyper_type, in names that do not depend on its version. */
enum hc_kernel_hv {
	HC_KHV_NATIVE,
	HC_KHV_VMWARE,
	HC_KHV_HYPERV,
	HC_KHV_XEN_PV,
	HC_KHV_XEN_HVM,
	HC_KHV_KVM,
	HC_KHV_JAILHOUSE,
	HC_KHV_ACRN,
	HC_KHV_OTHER,
};

/* CPUID leaf 0x40000010 ECX (VMware features) */
#define HC_VMW_FEATURES_LEAF		0x40000010
#define HC_VMW_FEATURE_VMMCALL		BIT(0)
#define HC_VMW_FEATURE_VMCALL		BIT(1)

#define HC_SIG_LEN	12

/**
 * struct hc_detect_input - everything detection looks at
 * @hv_bit: CPUID.1:ECX bit 31, "running under a hypervisor"
 * @max_leaf: CPUID 0x40000000 EAX
 * @sig: CPUID 0x40000000 EBX, ECX, EDX (not NUL-terminated)
 * @vmw_ecx: CPUID 0x40000010 ECX, read only for a VMware signature
 * @kvm_sig: a KVM signature at one of the hypervisor CPUID bases
 *           (0x40000000, 0x40000100, ...)
 * @vendor: CPU vendor
 * @kernel_hv: the kernel's x86_hyper_type
 * @tdx_guest: the kernel runs as a TDX guest
 * @vmware_tdx: the kernel provides vmware_tdx_hypercall()
 * @kvm_tdx: the kernel provides tdx_kvm_hypercall()
 * @mem_encrypt: guest memory is encrypted (no high bandwidth)
 * @state_encrypt: guest register state is encrypted (SEV-ES, TDX)
 * @dmi_serial: DMI product serial number, or NULL
 * @probe: runs a backdoor GETVERSION over the I/O port; true when it
 *         answered with the magic.  Called only when needed.
 * @probe_ctx: argument of @probe
 * @vmware_param: the vmware_mode= parameter (NULL means "auto")
 * @kvm_param: the kvm_mode= parameter (NULL means "auto")
 */
struct hc_detect_input {
	bool hv_bit;
	u32 max_leaf;
	char sig[HC_SIG_LEN];
	u32 vmw_ecx;
	bool kvm_sig;
	enum hc_vendor vendor;
	enum hc_kernel_hv kernel_hv;
	bool tdx_guest;
	bool vmware_tdx;
	bool kvm_tdx;
	bool mem_encrypt;
	bool state_encrypt;
	const char *dmi_serial;
	bool (*probe)(void *ctx);
	void *probe_ctx;
	const char *vmware_param;
	const char *kvm_param;
};

/**
 * struct hc_detect - what detection decided
 * @hv: the hypervisor
 * @sig: its CPUID signature, printable, NUL-terminated ("" if none)
 * @how: how @hv was decided
 * @vmware: VMware backdoor transport
 * @vmware_hb: high bandwidth available on @vmware
 * @vmware_param: vmware_mode= as parsed (HC_MODE_AUTO by default)
 * @kvm: KVM hypercall transport
 * @kvm_param: kvm_mode= as parsed
 * @probed: the I/O-port probe ran
 * @probe_ok: and found the backdoor
 */
struct hc_detect {
	enum hc_hv hv;
	char sig[HC_SIG_LEN + 1];
	enum hc_how how;
	enum hc_mode vmware;
	bool vmware_hb;
	enum hc_mode vmware_param;
	enum hc_mode kvm;
	enum hc_mode kvm_param;
	bool probed;
	bool probe_ok;
};

int hc_detect(const struct hc_detect_input *in, struct hc_detect *out,
	      const char **why);
int hc_parse_mode(const char *s, enum hc_mode *mode);
const char *hc_mode_name(enum hc_mode mode);
const char *hc_hv_name(enum hc_hv hv);
const char *hc_how_name(enum hc_how how);
const char *hc_kernel_hv_name(enum hc_kernel_hv khv);
const char *hc_vendor_name(enum hc_vendor vendor);

#endif /* _HYPERCALL_DETECT_H */

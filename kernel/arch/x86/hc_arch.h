/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86: what the generic code of the module needs to know of this
 * architecture (kernel/internal.h has the functions every architecture
 * provides).
 */
#ifndef _HYPERCALL_HC_ARCH_H
#define _HYPERCALL_HC_ARCH_H

#include <linux/bits.h>
#include <linux/types.h>
#include <linux/version.h>

/* A transport (see kernel/detect.h) */
enum hc_mode {
	HC_MODE_NONE,
	HC_MODE_AUTO,
	HC_MODE_IOPORT,		/* VMware: in/out on its ports */
	HC_MODE_VMCALL,		/* Intel VMX */
	HC_MODE_VMMCALL,	/* AMD SVM */
	HC_MODE_TDX,		/* TDG.VP.VMCALL, through the kernel */
	HC_MODE_NR
};

#define HC_ARCH_MODE_NAMES						\
	[HC_MODE_IOPORT]	= "ioport",				\
	[HC_MODE_VMCALL]	= "vmcall",				\
	[HC_MODE_VMMCALL]	= "vmmcall",				\
	[HC_MODE_TDX]		= "tdx"

/* kvm_mode='s description: the transports KVM hypercalls have here */
#define HC_ARCH_KVM_MODES	"vmcall, vmmcall, tdx"

/* debugfs answers: palacios/call's six 64-bit registers in hex, 138 bytes */
#define HC_ARCH_ANSWER_MAX	160

/* Palacios hypercalls are x86's alone: palacios.c, palacios_debugfs.c */
#define HC_HAVE_PALACIOS	1

/* Does this kernel export the TDX hypercall helpers we call? */
#if IS_ENABLED(CONFIG_INTEL_TDX_GUEST) && \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define HC_HAVE_VMWARE_TDX	1
#else
#define HC_HAVE_VMWARE_TDX	0
#endif
#if IS_ENABLED(CONFIG_INTEL_TDX_GUEST) && IS_ENABLED(CONFIG_KVM_GUEST)
#define HC_HAVE_KVM_TDX		1
#else
#define HC_HAVE_KVM_TDX		0
#endif

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

#define HC_X86_SIG_LEN	12

/*
 * Palacios's symbiotic CPUID leaf (palacios/src/palacios/vmm_symbiotic.c,
 * SYM_CPUID_NUM, with V3_CONFIG_SYMBIOTIC): EAX "V3V", EBX "SVM" or "VMX",
 * each a NUL-terminated string read as a little-endian u32.
 */
#define HC_PALACIOS_LEAF		0x90000000
#define HC_PALACIOS_LEAF_V3V		0x00563356	/* 'V' '3' 'V' '\0' */
#define HC_PALACIOS_LEAF_SVM		0x004d5653	/* 'S' 'V' 'M' '\0' */
#define HC_PALACIOS_LEAF_VMX		0x00584d56	/* 'V' 'M' 'X' '\0' */

/**
 * struct hc_x86_input - what x86 detection reads from the machine
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
 * @palacios_eax: CPUID 0x90000000 EAX, read only with @hv_bit: "V3V" where
 *                Palacios offers its symbiotic interface
 * @palacios_ebx: CPUID 0x90000000 EBX: there, "SVM" or "VMX"
 *
 * hc_x86_facts() turns it into the arch-neutral struct hc_detect_input.
 */
struct hc_x86_input {
	bool hv_bit;
	u32 max_leaf;
	char sig[HC_X86_SIG_LEN];
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
	u32 palacios_eax;
	u32 palacios_ebx;
};

/**
 * struct hc_arch_state - what x86 keeps of its machine, for info
 * @vendor: CPU vendor
 * @kernel_hv: the kernel's x86_hyper_type
 * @tdx_guest: running as a TDX guest
 * @mem_encrypt: guest memory is encrypted
 */
struct hc_arch_state {
	enum hc_vendor vendor;
	enum hc_kernel_hv kernel_hv;
	bool tdx_guest;
	bool mem_encrypt;
};

/* detect.c */
struct hc_detect_input;
void hc_x86_facts(const struct hc_x86_input *x, struct hc_detect_input *in);
const char *hc_kernel_hv_name(enum hc_kernel_hv khv);
const char *hc_vendor_name(enum hc_vendor vendor);

/* vmware.c, kvm.c, palacios.c: point the static keys at a transport */
void hc_vmware_select(enum hc_mode mode, bool hb);
void hc_kvm_select(enum hc_mode mode);
void hc_palacios_select(enum hc_mode mode);

/* vmware.c: called from vmware_slow.S only */
struct hc_vmware_regs;
int hc_vmware_slow(struct hc_vmware_regs *regs);

#endif /* _HYPERCALL_HC_ARCH_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: hypervisor detection on fixtures.
 *
 * Each case describes an x86 machine by what detection reads (CPUID, the
 * DMI serial, the kernel's view, the module parameters) and says, by hand,
 * what the module must decide: the x86 facts (hc_x86_facts()) and the
 * generic rules (hc_detect()) together, as the module runs them at load.
 * The backdoor probe is a fake that counts its calls, so the cases also
 * prove when the module may and may not touch the I/O port.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "internal.h"

#define VMW_SIG		"VMwareVMware"
#define KVM_SIG		"KVMKVMKVM\0\0\0"
#define TCG_SIG		"TCGTCGTCGTCG"
#define HV_SIG		"Microsoft Hv"
/* What a refused vmware_mode says with encrypted guest state */
#define WHY_NOT_VMWARE	"the kernel does not run as a VMware guest"
#define WHY_ONLY_TDX_VMMCALL	"with encrypted guest state only"
#define VMW_SERIAL	"VMware-56 4d 1a 2b 3c 4d 5e 6f-70 81 92 a3 b4 c5 d6 e7"

/*
 * A VMware guest told by CPUID, with the features leaf present; the kernel
 * found VMware too, or (VMWARE_CPUID_NOPV) did not look: nopv.
 */
#define VMWARE_CPUID_NOPV(ecx)						\
	.hv_bit = true, .sig = VMW_SIG, .max_leaf = 0x40000010,		\
	.vmw_ecx = (ecx), .kernel_hv = HC_KHV_NATIVE
#define VMWARE_CPUID(ecx)						\
	.hv_bit = true, .sig = VMW_SIG, .max_leaf = 0x40000010,		\
	.vmw_ecx = (ecx), .kernel_hv = HC_KHV_VMWARE

#define KVM_CPUID(v)							\
	.hv_bit = true, .sig = KVM_SIG, .max_leaf = 0x40000001,		\
	.kvm_sig = true, .vendor = (v), .kernel_hv = HC_KHV_KVM

/*
 * Palacios with its symbiotic leaf (vmm_symbiotic.c): CPUID 0x90000000
 * answers EAX "V3V" and EBX "SVM" or "VMX", NUL-terminated strings read
 * as little-endian u32s; the hypervisor bit, and by default no signature.
 */
#define V3V		0x00563356	/* 'V' '3' 'V' '\0' */
#define V3V_SVM		0x004d5653	/* 'S' 'V' 'M' '\0' */
#define V3V_VMX		0x00584d56	/* 'V' 'M' 'X' '\0' */
#define PALACIOS_CPUID(ebx)						\
	.hv_bit = true, .palacios_eax = V3V, .palacios_ebx = (ebx)
/* What a refused palacios_mode says with encrypted guest state */
#define WHY_NOT_PALACIOS	"cannot see a Palacios hypercall's registers"

struct detect_case {
	const char *name;
	struct hc_x86_input in;		/* what the machine reports */
	const char *vmware_param;	/* vmware_mode= */
	const char *kvm_param;		/* kvm_mode= */
	const char *palacios_param;	/* palacios_mode= */
	bool probe_answers;		/* what the fake backdoor does */
	/* expected */
	int ret;
	const char *why;		/* part of the error message */
	enum hc_hv hv;
	const char *sig;
	const char *how;
	enum hc_mode vmware, kvm;
	enum hc_mode palacios;		/* none unless a case says */
	bool hb;
	int probes;			/* times the backdoor was probed */
};

static const struct detect_case detect_cases[] = {
	/* VMware told by CPUID: leaf 0x40000010 ECX picks the instruction */
	{ .name = "vmware_cpuid_vmcall",
	  .in = { VMWARE_CPUID(HC_VMW_FEATURE_VMCALL), .vendor = HC_VENDOR_INTEL },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMCALL, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "vmware_cpuid_vmmcall",
	  .in = { VMWARE_CPUID(HC_VMW_FEATURE_VMMCALL), .vendor = HC_VENDOR_AMD },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMMCALL, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "vmware_cpuid_neither_is_ioport",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_INTEL },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "vmware_cpuid_both_on_intel_is_vmcall",
	  .in = { VMWARE_CPUID(HC_VMW_FEATURE_VMCALL | HC_VMW_FEATURE_VMMCALL),
		  .vendor = HC_VENDOR_INTEL },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMCALL, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "vmware_cpuid_both_on_hygon_is_vmmcall",
	  .in = { VMWARE_CPUID(HC_VMW_FEATURE_VMCALL | HC_VMW_FEATURE_VMMCALL),
		  .vendor = HC_VENDOR_HYGON },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMMCALL, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "vmware_cpuid_encrypted_memory_has_no_hb",
	  .in = { VMWARE_CPUID(HC_VMW_FEATURE_VMMCALL), .vendor = HC_VENDOR_AMD,
		  .mem_encrypt = true, .state_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMMCALL, .kvm = HC_MODE_NONE, .hb = false },
	{ .name = "vmware_tdx",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_INTEL, .tdx_guest = true,
		  .vmware_tdx = true, .kvm_tdx = true, .mem_encrypt = true,
		  .state_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_TDX, .kvm = HC_MODE_NONE, .hb = false },
	{ .name = "vmware_tdx_on_a_kernel_without_support",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_INTEL, .tdx_guest = true,
		  .mem_encrypt = true, .state_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .hb = false },

	/*
	 * Encrypted register state: the backdoor reaches the host only through
	 * the kernel's own VMware support (vmware_tdx_hypercall() for TDX, the
	 * #VC hooks of vmmcall for SEV-ES and SNP), which a kernel booted with
	 * nopv, or running under another hypervisor, does not have.
	 */
	{ .name = "vmware_tdx_kernel_not_vmware_is_none",
	  .in = { VMWARE_CPUID_NOPV(0), .vendor = HC_VENDOR_INTEL,
		  .tdx_guest = true, .vmware_tdx = true, .kvm_tdx = true,
		  .mem_encrypt = true, .state_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .hb = false },
	{ .name = "vmware_sev_es_kernel_not_vmware_is_none",
	  .in = { VMWARE_CPUID_NOPV(HC_VMW_FEATURE_VMMCALL),
		  .vendor = HC_VENDOR_AMD, .mem_encrypt = true,
		  .state_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .hb = false },
	{ .name = "vmware_sev_es_ioport_is_none",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_AMD,
		  .mem_encrypt = true, .state_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .hb = false },
	{ .name = "vmware_sev_without_es_kernel_not_vmware_keeps_ioport",
	  .in = { VMWARE_CPUID_NOPV(0), .vendor = HC_VENDOR_AMD,
		  .mem_encrypt = true },
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = false },

	/* KVM: the instruction follows the vendor; the port is probed */
	{ .name = "kvm_intel",
	  .in = { KVM_CPUID(HC_VENDOR_INTEL) }, .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_VMCALL, .hb = true,
	  .probes = 1 },
	{ .name = "kvm_amd",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) }, .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_VMMCALL, .hb = true,
	  .probes = 1 },
	{ .name = "kvm_hygon_without_vmport",
	  .in = { KVM_CPUID(HC_VENDOR_HYGON) },
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMMCALL, .probes = 1 },
	{ .name = "kvm_centaur",
	  .in = { KVM_CPUID(HC_VENDOR_CENTAUR) },
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMCALL, .probes = 1 },
	{ .name = "kvm_zhaoxin",
	  .in = { KVM_CPUID(HC_VENDOR_ZHAOXIN) },
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMCALL, .probes = 1 },
	/* KVM behind Hyper-V or Xen emulation: KVM only if the kernel says so */
	{ .name = "kvm_behind_a_hyperv_signature_kernel_chose_kvm",
	  .in = { .hv_bit = true, .sig = HV_SIG, .max_leaf = 0x4000000a,
		  .kvm_sig = true, .vendor = HC_VENDOR_INTEL,
		  .kernel_hv = HC_KHV_KVM },
	  .hv = HC_HV_KVM, .sig = HV_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMCALL, .probes = 1 },
	{ .name = "kvm_behind_a_hyperv_signature_kernel_chose_hyperv",
	  .in = { .hv_bit = true, .sig = HV_SIG, .max_leaf = 0x4000000a,
		  .kvm_sig = true, .vendor = HC_VENDOR_INTEL,
		  .kernel_hv = HC_KHV_HYPERV },
	  .hv = HC_HV_OTHER, .sig = HV_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 1 },
	{ .name = "kvm_xen_emulation_is_not_kvm",
	  .in = { .hv_bit = true, .sig = "XenVMMXenVMM", .max_leaf = 0x40000005,
		  .kvm_sig = true, .vendor = HC_VENDOR_AMD,
		  .kernel_hv = HC_KHV_XEN_HVM },
	  .probe_answers = true,
	  .hv = HC_HV_OTHER, .sig = "XenVMMXenVMM", .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = true,
	  .probes = 1 },
	{ .name = "kvm_tdx_does_not_probe_the_port",
	  .in = { KVM_CPUID(HC_VENDOR_INTEL), .tdx_guest = true,
		  .vmware_tdx = true, .kvm_tdx = true, .mem_encrypt = true,
		  .state_encrypt = true },
	  .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_TDX, .probes = 0 },
	{ .name = "kvm_sev_es_does_not_probe_the_port",
	  .in = { KVM_CPUID(HC_VENDOR_AMD), .mem_encrypt = true,
		  .state_encrypt = true },
	  .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMMCALL, .probes = 0 },

	/* Other hypervisors: named by signature, port probed where safe */
	{ .name = "tcg_with_vmport",
	  .in = { .hv_bit = true, .sig = TCG_SIG, .max_leaf = 0x40000001,
		  .vendor = HC_VENDOR_AMD },
	  .probe_answers = true,
	  .hv = HC_HV_OTHER, .sig = TCG_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = true,
	  .probes = 1 },
	{ .name = "tcg_without_vmport",
	  .in = { .hv_bit = true, .sig = TCG_SIG, .max_leaf = 0x40000001,
		  .vendor = HC_VENDOR_AMD },
	  .hv = HC_HV_OTHER, .sig = TCG_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 1 },
	{ .name = "xen_pv_does_not_probe_the_port",
	  .in = { .hv_bit = true, .sig = "XenVMMXenVMM", .max_leaf = 0x40000005,
		  .vendor = HC_VENDOR_INTEL, .kernel_hv = HC_KHV_XEN_PV },
	  .probe_answers = true,
	  .hv = HC_HV_OTHER, .sig = "XenVMMXenVMM", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 0 },
	{ .name = "unprintable_signature_is_sanitized",
	  .in = { .hv_bit = true, .sig = "AB\001\177CDEFGHIJ",
		  .vendor = HC_VENDOR_INTEL },
	  .hv = HC_HV_OTHER, .sig = "AB??CDEFGHIJ", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 1 },

	/* No hypervisor bit: only a VMware DMI serial may lead to a probe */
	{ .name = "bare_metal",
	  .in = { .vendor = HC_VENDOR_INTEL, .dmi_serial = "PF2ABCDE" },
	  .probe_answers = true,
	  .hv = HC_HV_NONE, .sig = "", .how = "none",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 0 },
	{ .name = "bare_metal_without_dmi",
	  .in = { .vendor = HC_VENDOR_AMD },
	  .probe_answers = true,
	  .hv = HC_HV_NONE, .sig = "", .how = "none",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 0 },
	{ .name = "dmi_vmware_good_probe",
	  .in = { .vendor = HC_VENDOR_INTEL, .dmi_serial = VMW_SERIAL,
		  .kernel_hv = HC_KHV_VMWARE },
	  .probe_answers = true,
	  .hv = HC_HV_VMWARE, .sig = "", .how = "dmi",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = true,
	  .probes = 1 },
	{ .name = "dmi_vmware_bad_probe",
	  .in = { .vendor = HC_VENDOR_INTEL, .dmi_serial = VMW_SERIAL },
	  .hv = HC_HV_NONE, .sig = "", .how = "none",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 1 },

	/* Parameters override detection */
	{ .name = "param_vmware_vmcall_over_ioport",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_INTEL },
	  .vmware_param = "vmcall",
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMCALL, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "param_vmware_vmmcall_on_kvm_skips_the_probe",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .vmware_param = "vmmcall",
	  .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMMCALL, .kvm = HC_MODE_VMMCALL, .hb = true,
	  .probes = 0 },
	{ .name = "param_kvm_vmcall_on_amd",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .kvm_param = "vmcall",
	  .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_VMCALL, .hb = true,
	  .probes = 1 },
	{ .name = "param_none_turns_both_off",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .vmware_param = "none", .kvm_param = "none",
	  .probe_answers = true,
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 0 },
	{ .name = "param_auto_with_newline_is_auto",
	  .in = { VMWARE_CPUID(HC_VMW_FEATURE_VMCALL), .vendor = HC_VENDOR_INTEL },
	  .vmware_param = "auto\n", .kvm_param = "",
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMCALL, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "param_vmware_ioport_on_bare_metal",
	  .in = { .vendor = HC_VENDOR_INTEL },
	  .vmware_param = "ioport",
	  .hv = HC_HV_VMWARE, .sig = "", .how = "param",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = true },
	{ .name = "param_kvm_vmmcall_on_bare_metal",
	  .in = { .vendor = HC_VENDOR_AMD },
	  .kvm_param = "vmmcall",
	  .hv = HC_HV_KVM, .sig = "", .how = "param",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMMCALL },
	{ .name = "param_forced_mode_keeps_dmi_detection",
	  .in = { .vendor = HC_VENDOR_INTEL, .dmi_serial = VMW_SERIAL },
	  .vmware_param = "vmcall",
	  .probe_answers = true,
	  .hv = HC_HV_VMWARE, .sig = "", .how = "dmi",
	  .vmware = HC_MODE_VMCALL, .kvm = HC_MODE_NONE, .hb = true,
	  .probes = 1 },
	{ .name = "param_vmware_tdx_in_a_tdx_guest",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_INTEL, .tdx_guest = true,
		  .vmware_tdx = true, .kvm_tdx = true },
	  .vmware_param = "tdx",
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_TDX, .kvm = HC_MODE_NONE },

	{ .name = "param_vmware_vmmcall_sev_es",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_AMD,
		  .mem_encrypt = true, .state_encrypt = true },
	  .vmware_param = "vmmcall",
	  .hv = HC_HV_VMWARE, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_VMMCALL, .kvm = HC_MODE_NONE, .hb = false },

	/*
	 * Palacios: auto only where the V3V leaf names it; a forced mode
	 * anywhere but with encrypted register state.  Every case above
	 * expects palacios_mode none: no opt-in, no Palacios call.
	 */
	{ .name = "palacios_v3v_svm_is_vmmcall",
	  .in = { PALACIOS_CPUID(V3V_SVM), .vendor = HC_VENDOR_AMD },
	  .hv = HC_HV_PALACIOS, .sig = "", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE,
	  .palacios = HC_MODE_VMMCALL, .probes = 1 },
	{ .name = "palacios_v3v_vmx_is_vmcall",
	  .in = { PALACIOS_CPUID(V3V_VMX), .vendor = HC_VENDOR_INTEL },
	  .hv = HC_HV_PALACIOS, .sig = "", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE,
	  .palacios = HC_MODE_VMCALL, .probes = 1 },
	{ .name = "palacios_v3v_other_ebx_follows_the_vendor",
	  .in = { PALACIOS_CPUID(0), .vendor = HC_VENDOR_HYGON },
	  .hv = HC_HV_PALACIOS, .sig = "", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE,
	  .palacios = HC_MODE_VMMCALL, .probes = 1 },
	{ .name = "palacios_v3v_behind_its_vmware_signature",
	  .in = { PALACIOS_CPUID(V3V_VMX), .sig = VMW_SIG,
		  .vendor = HC_VENDOR_INTEL },
	  .probe_answers = true,
	  .hv = HC_HV_PALACIOS, .sig = VMW_SIG, .how = "cpuid",
	  .vmware = HC_MODE_IOPORT, .kvm = HC_MODE_NONE, .hb = true,
	  .palacios = HC_MODE_VMCALL, .probes = 1 },
	{ .name = "palacios_without_v3v_is_other_and_none",
	  .in = { .hv_bit = true, .vendor = HC_VENDOR_AMD },
	  .palacios_param = "auto",
	  .hv = HC_HV_OTHER, .sig = "", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 1 },
	{ .name = "palacios_v3v_without_the_hypervisor_bit_is_ignored",
	  .in = { .palacios_eax = V3V, .palacios_ebx = V3V_SVM,
		  .vendor = HC_VENDOR_AMD },
	  .hv = HC_HV_NONE, .sig = "", .how = "none",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE },
	{ .name = "palacios_v3v_under_a_kvm_signature_is_kvm",
	  .in = { KVM_CPUID(HC_VENDOR_AMD), .palacios_eax = V3V,
		  .palacios_ebx = V3V_SVM },
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMMCALL, .probes = 1 },
	{ .name = "palacios_kvm_without_opt_in_is_none",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .palacios_param = "auto",
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMMCALL, .probes = 1 },
	{ .name = "palacios_v3v_sev_es_is_none",
	  .in = { PALACIOS_CPUID(V3V_SVM), .vendor = HC_VENDOR_AMD,
		  .mem_encrypt = true, .state_encrypt = true },
	  .hv = HC_HV_PALACIOS, .sig = "", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 0 },
	{ .name = "param_palacios_vmmcall_on_kvm",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .palacios_param = "vmmcall",
	  .hv = HC_HV_KVM, .sig = KVM_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_VMMCALL,
	  .palacios = HC_MODE_VMMCALL, .probes = 1 },
	{ .name = "param_palacios_vmcall_on_tcg",
	  .in = { .hv_bit = true, .sig = TCG_SIG, .max_leaf = 0x40000001,
		  .vendor = HC_VENDOR_AMD },
	  .palacios_param = "vmcall",
	  .hv = HC_HV_OTHER, .sig = TCG_SIG, .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE,
	  .palacios = HC_MODE_VMCALL, .probes = 1 },
	{ .name = "param_palacios_vmcall_on_bare_metal",
	  .in = { .vendor = HC_VENDOR_INTEL },
	  .palacios_param = "vmcall",
	  .hv = HC_HV_PALACIOS, .sig = "", .how = "param",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE,
	  .palacios = HC_MODE_VMCALL },
	{ .name = "param_palacios_none_under_palacios",
	  .in = { PALACIOS_CPUID(V3V_SVM), .vendor = HC_VENDOR_AMD },
	  .palacios_param = "none",
	  .hv = HC_HV_PALACIOS, .sig = "", .how = "cpuid",
	  .vmware = HC_MODE_NONE, .kvm = HC_MODE_NONE, .probes = 1 },

	/* Invalid parameters fail, naming the parameter */
	{ .name = "invalid_vmware_mode",
	  .in = { VMWARE_CPUID(0) },
	  .vmware_param = "bogus",
	  .ret = -EINVAL, .why = "invalid vmware_mode" },
	{ .name = "invalid_vmware_mode_is_case_sensitive",
	  .in = { VMWARE_CPUID(0) },
	  .vmware_param = "VMCALL",
	  .ret = -EINVAL, .why = "invalid vmware_mode" },
	{ .name = "invalid_vmware_mode_with_trailing_garbage",
	  .in = { VMWARE_CPUID(0) },
	  .vmware_param = "vmcall2",
	  .ret = -EINVAL, .why = "invalid vmware_mode" },
	{ .name = "invalid_kvm_mode",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .kvm_param = "vmcal",
	  .ret = -EINVAL, .why = "invalid kvm_mode" },
	{ .name = "invalid_kvm_mode_ioport",
	  .in = { KVM_CPUID(HC_VENDOR_AMD) },
	  .kvm_param = "ioport",
	  .ret = -EINVAL, .why = "invalid kvm_mode" },
	{ .name = "invalid_vmware_tdx_outside_tdx",
	  .in = { VMWARE_CPUID(0), .vmware_tdx = true },
	  .vmware_param = "tdx",
	  .ret = -EINVAL, .why = "vmware_mode=tdx: not a TDX guest" },
	{ .name = "invalid_vmware_tdx_without_kernel_support",
	  .in = { VMWARE_CPUID(0), .tdx_guest = true },
	  .vmware_param = "tdx",
	  .ret = -EINVAL, .why = "no VMware TDX hypercall support" },
	{ .name = "invalid_vmware_tdx_kernel_not_vmware",
	  .in = { VMWARE_CPUID_NOPV(0), .tdx_guest = true, .vmware_tdx = true,
		  .state_encrypt = true },
	  .vmware_param = "tdx",
	  .ret = -EINVAL, .why = WHY_NOT_VMWARE },
	{ .name = "invalid_vmware_tdx_in_a_kvm_tdx_guest",
	  .in = { KVM_CPUID(HC_VENDOR_INTEL), .tdx_guest = true,
		  .vmware_tdx = true, .kvm_tdx = true, .mem_encrypt = true,
		  .state_encrypt = true },
	  .vmware_param = "tdx",
	  .ret = -EINVAL, .why = WHY_NOT_VMWARE },
	{ .name = "invalid_vmware_ioport_in_a_tdx_guest",
	  .in = { VMWARE_CPUID(0), .tdx_guest = true, .vmware_tdx = true,
		  .state_encrypt = true },
	  .vmware_param = "ioport",
	  .ret = -EINVAL, .why = WHY_ONLY_TDX_VMMCALL },
	{ .name = "invalid_vmware_vmmcall_sev_es_kernel_not_vmware",
	  .in = { VMWARE_CPUID_NOPV(HC_VMW_FEATURE_VMMCALL),
		  .vendor = HC_VENDOR_AMD, .state_encrypt = true },
	  .vmware_param = "vmmcall",
	  .ret = -EINVAL, .why = WHY_NOT_VMWARE },
	{ .name = "invalid_vmware_vmmcall_sev_es_under_kvm",
	  .in = { KVM_CPUID(HC_VENDOR_AMD), .mem_encrypt = true,
		  .state_encrypt = true },
	  .vmware_param = "vmmcall",
	  .ret = -EINVAL, .why = WHY_NOT_VMWARE },
	{ .name = "invalid_vmware_ioport_sev_es",
	  .in = { VMWARE_CPUID(0), .vendor = HC_VENDOR_AMD,
		  .state_encrypt = true },
	  .vmware_param = "ioport",
	  .ret = -EINVAL, .why = WHY_ONLY_TDX_VMMCALL },
	{ .name = "invalid_kvm_tdx_outside_tdx",
	  .in = { KVM_CPUID(HC_VENDOR_INTEL), .kvm_tdx = true },
	  .kvm_param = "tdx",
	  .ret = -EINVAL, .why = "kvm_mode=tdx: not a TDX guest" },
	{ .name = "invalid_kvm_tdx_without_kernel_support",
	  .in = { KVM_CPUID(HC_VENDOR_INTEL), .tdx_guest = true },
	  .kvm_param = "tdx",
	  .ret = -EINVAL, .why = "no TDX KVM hypercall support" },
	{ .name = "invalid_palacios_mode_ioport",
	  .in = { PALACIOS_CPUID(V3V_SVM) },
	  .palacios_param = "ioport",
	  .ret = -EINVAL,
	  .why = "invalid palacios_mode (expected auto, none, vmcall or vmmcall)" },
	{ .name = "invalid_palacios_mode_tdx",
	  .in = { PALACIOS_CPUID(V3V_VMX) },
	  .palacios_param = "tdx",
	  .ret = -EINVAL, .why = "invalid palacios_mode" },
	{ .name = "invalid_palacios_vmcall_in_a_tdx_guest",
	  .in = { KVM_CPUID(HC_VENDOR_INTEL), .tdx_guest = true,
		  .kvm_tdx = true, .mem_encrypt = true, .state_encrypt = true },
	  .palacios_param = "vmcall",
	  .ret = -EINVAL, .why = "palacios_mode=vmcall: with encrypted guest state" },
	{ .name = "invalid_palacios_vmmcall_sev_es",
	  .in = { PALACIOS_CPUID(V3V_SVM), .vendor = HC_VENDOR_AMD,
		  .state_encrypt = true },
	  .palacios_param = "vmmcall",
	  .ret = -EINVAL, .why = WHY_NOT_PALACIOS },
};

static void detect_case_desc(const struct detect_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(detect, detect_cases, detect_case_desc);

/* The fake backdoor: counts the probes, answers as the case says. */
struct fake_probe {
	bool answers;
	int calls;
};

static bool fake_probe(void *ctx)
{
	struct fake_probe *p = ctx;

	p->calls++;
	return p->answers;
}

static void detect_test(struct kunit *test)
{
	const struct detect_case *c = test->param_value;
	struct fake_probe probe = { .answers = c->probe_answers };
	struct hc_detect_input in = { };
	struct hc_detect out;
	int ret;

	hc_x86_facts(&c->in, &in);
	in.probe = fake_probe;
	in.probe_ctx = &probe;
	in.param[HC_ABI_VMWARE] = c->vmware_param;
	in.param[HC_ABI_KVM] = c->kvm_param;
	in.param[HC_ABI_PALACIOS] = c->palacios_param;
	ret = hc_detect(&in, &out);

	KUNIT_ASSERT_EQ(test, ret, c->ret);
	if (ret) {
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(out.why, c->why),
					  "message '%s' lacks '%s'", out.why,
					  c->why);
		return;
	}
	KUNIT_EXPECT_STREQ(test, hc_hv_name(out.hv), hc_hv_name(c->hv));
	KUNIT_EXPECT_STREQ(test, out.sig, c->sig);
	KUNIT_EXPECT_STREQ(test, out.how, c->how);
	KUNIT_EXPECT_STREQ(test, hc_mode_name(out.mode[HC_ABI_VMWARE]),
			   hc_mode_name(c->vmware));
	KUNIT_EXPECT_STREQ(test, hc_mode_name(out.mode[HC_ABI_KVM]),
			   hc_mode_name(c->kvm));
	KUNIT_EXPECT_STREQ(test, hc_mode_name(out.mode[HC_ABI_PALACIOS]),
			   hc_mode_name(c->palacios));
	KUNIT_EXPECT_EQ(test, out.hb[HC_ABI_VMWARE], c->hb);
	KUNIT_EXPECT_FALSE(test, out.hb[HC_ABI_KVM]);
	KUNIT_EXPECT_FALSE(test, out.hb[HC_ABI_PALACIOS]);
	KUNIT_EXPECT_EQ(test, out.abis, BIT(HC_ABI_VMWARE) | BIT(HC_ABI_KVM) |
			BIT(HC_ABI_PALACIOS));
	KUNIT_EXPECT_EQ(test, probe.calls, c->probes);
	KUNIT_EXPECT_EQ(test, out.probed, c->probes > 0);
}

/* The names info prints are part of the debugfs ABI. */
static void mode_names_test(struct kunit *test)
{
	static const char *const names[] = {
		"none", "auto", "ioport", "vmcall", "vmmcall", "tdx",
	};
	const u32 all = GENMASK(HC_MODE_NR - 1, 0);
	enum hc_mode mode;
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		KUNIT_EXPECT_EQ(test, hc_parse_mode(names[i], all, &mode), 0);
		KUNIT_EXPECT_STREQ(test, hc_mode_name(mode), names[i]);
	}
	KUNIT_EXPECT_EQ(test, HC_MODE_NR, ARRAY_SIZE(names));
	KUNIT_EXPECT_EQ(test, hc_parse_mode(NULL, 0, &mode), 0);
	KUNIT_EXPECT_EQ(test, mode, HC_MODE_AUTO);
	/* none and auto are every ABI's; the others only where allowed */
	KUNIT_EXPECT_EQ(test, hc_parse_mode("none", 0, &mode), 0);
	KUNIT_EXPECT_EQ(test, mode, HC_MODE_NONE);
	KUNIT_EXPECT_EQ(test, hc_parse_mode("ioport", BIT(HC_MODE_VMCALL),
					    &mode), -EINVAL);
	KUNIT_EXPECT_EQ(test, hc_parse_mode("\n", all, &mode), -EINVAL);
	KUNIT_EXPECT_EQ(test, hc_parse_mode("none\n\n", all, &mode), -EINVAL);
}

static struct kunit_case detect_test_cases[] = {
	KUNIT_CASE_PARAM(detect_test, detect_gen_params),
	KUNIT_CASE(mode_names_test),
	{}
};

static struct kunit_suite detect_test_suite = {
	.name = "hypercall_detect",
	.test_cases = detect_test_cases,
};

kunit_test_suite(detect_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests of the hypercall module");
MODULE_LICENSE("GPL");

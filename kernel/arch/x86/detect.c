// SPDX-License-Identifier: GPL-2.0
/*
 * x86: what the machine says (CPUID, DMI, the kernel's own view), and what
 * that means for each ABI, for the generic rules of kernel/detect.c.
 *
 * hc_arch_read_input() reads the machine into a struct hc_x86_input;
 * hc_x86_facts(), a pure function, turns it into the arch-neutral struct
 * hc_detect_input.  The x86 rules, all in hc_x86_facts():
 *
 *  1. With the CPUID hypervisor bit set, the signature at 0x40000000 names
 *     the hypervisor.  KVM may also sit behind another signature (Hyper-V
 *     or Xen emulation, with KVM's at 0x40000100): that counts as KVM only
 *     if the kernel itself chose KVM, because while a guest uses KVM's
 *     Hyper-V or Xen emulation, KVM hands every vmcall to that emulation.
 *  2. With the bit clear, a DMI serial containing "VMware" is a hint that
 *     the backdoor probe confirms, as in the kernel's vmware_platform().
 *  3. VMware transport: TDX in a TDX guest; else CPUID 0x40000010 ECX picks
 *     vmcall or vmmcall (both set: the CPU vendor's instruction); else the
 *     I/O port.  Under another hypervisor the I/O port is used when the
 *     probe answers (QEMU's vmport, with or without KVM), unless port I/O
 *     cannot be trapped safely there (encrypted guest state, Xen PV,
 *     Jailhouse).  With encrypted register state (SEV-ES, SNP, TDX) the
 *     host sees only what the kernel's own VMware support hands it, which
 *     exists only when the kernel runs as a VMware guest: tdx in a TDX
 *     guest, vmmcall under SEV-ES and SNP; anything else is no backdoor,
 *     and forcing it fails the load.
 *  4. KVM transport: TDX in a TDX guest, vmmcall on AMD and Hygon, vmcall
 *     on everything else.
 *  5. Palacios names itself only through its symbiotic leaf, CPUID
 *     0x90000000 EAX "V3V" (by default it sets the hypervisor bit and no
 *     signature; its VMware extension even says "VMwareVMware"): that leaf
 *     names Palacios unless KVM is named (rule 1).  Its transport there is
 *     the one the leaf's EBX names, "SVM" vmmcall, "VMX" vmcall, else the
 *     CPU vendor's; anywhere else only a forced one, because under KVM the
 *     same instruction is a KVM hypercall with KVM's meaning of the
 *     number.  With encrypted register state the host cannot see a
 *     Palacios hypercall's registers: none, and forcing one fails the load.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cc_platform.h>
#include <linux/dmi.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <asm/hypervisor.h>
#include <asm/processor.h>
#include <hypercall/vmware.h>

#include "internal.h"

static char *vmware_mode = "auto";
module_param(vmware_mode, charp, 0444);
MODULE_PARM_DESC(vmware_mode,
		 "VMware backdoor transport: auto (default), none, ioport, vmcall, vmmcall, tdx");

static char *palacios_mode = "auto";
module_param(palacios_mode, charp, 0444);
MODULE_PARM_DESC(palacios_mode,
		 "Palacios hypercall instruction: auto (default: only where CPUID 0x90000000 says V3V), none, vmcall, vmmcall");

const char *hc_kernel_hv_name(enum hc_kernel_hv khv)
{
	static const char *const names[] = {
		[HC_KHV_NATIVE]		= "none",
		[HC_KHV_VMWARE]		= "vmware",
		[HC_KHV_HYPERV]		= "hyperv",
		[HC_KHV_XEN_PV]		= "xen-pv",
		[HC_KHV_XEN_HVM]	= "xen-hvm",
		[HC_KHV_KVM]		= "kvm",
		[HC_KHV_JAILHOUSE]	= "jailhouse",
		[HC_KHV_ACRN]		= "acrn",
		[HC_KHV_OTHER]		= "other",
	};

	return khv < ARRAY_SIZE(names) ? names[khv] : "other";
}

const char *hc_vendor_name(enum hc_vendor vendor)
{
	static const char *const names[] = {
		[HC_VENDOR_OTHER]	= "other",
		[HC_VENDOR_INTEL]	= "intel",
		[HC_VENDOR_AMD]		= "amd",
		[HC_VENDOR_HYGON]	= "hygon",
		[HC_VENDOR_CENTAUR]	= "centaur",
		[HC_VENDOR_ZHAOXIN]	= "zhaoxin",
	};

	return vendor < ARRAY_SIZE(names) ? names[vendor] : "other";
}

static bool hc_vendor_vmmcall(enum hc_vendor vendor)
{
	return vendor == HC_VENDOR_AMD || vendor == HC_VENDOR_HYGON;
}

/*
 * Does @mode reach the host with the registers of the backdoor?  With
 * encrypted register state the host sees only what the kernel hands it:
 * in a TDX guest vmware_tdx_hypercall() (Linux 6.11+), which serves only a
 * kernel that runs as a VMware guest; under SEV-ES and SNP the #VC handler,
 * which passes RBX, RCX, RDX, RSI, RDI and RBP to the host and back only
 * for vmmcall, and only through the hooks of x86_hyper_vmware (installed
 * when the kernel detected VMware, not with nopv).  Port I/O there carries
 * RAX alone, and vmcall raises #UD.
 */
static bool hc_vmware_reaches_host(const struct hc_x86_input *x,
				   enum hc_mode mode)
{
	if (mode == HC_MODE_NONE || (!x->tdx_guest && !x->state_encrypt))
		return true;
	if (x->kernel_hv != HC_KHV_VMWARE)
		return false;
	return mode == (x->tdx_guest ? HC_MODE_TDX : HC_MODE_VMMCALL);
}

/* Can an unknown hypervisor be asked for the backdoor on its I/O port? */
static bool hc_port_probe_allowed(const struct hc_x86_input *x)
{
	if (x->tdx_guest || x->state_encrypt)
		return false;
	return x->kernel_hv != HC_KHV_XEN_PV &&
	       x->kernel_hv != HC_KHV_JAILHOUSE;
}

/* The VMware transport of a VMware host, from CPUID (rule 3). */
static enum hc_mode hc_vmware_native(const struct hc_x86_input *x)
{
	u32 ecx = x->vmw_ecx & (HC_VMW_FEATURE_VMCALL | HC_VMW_FEATURE_VMMCALL);

	if (x->tdx_guest)
		return x->vmware_tdx ? HC_MODE_TDX : HC_MODE_NONE;
	if (ecx == HC_VMW_FEATURE_VMCALL)
		return HC_MODE_VMCALL;
	if (ecx == HC_VMW_FEATURE_VMMCALL)
		return HC_MODE_VMMCALL;
	if (ecx)
		return hc_vendor_vmmcall(x->vendor) ? HC_MODE_VMMCALL :
						      HC_MODE_VMCALL;
	return HC_MODE_IOPORT;
}

static void hc_x86_vmware_facts(const struct hc_x86_input *x,
				struct hc_abi_facts *f)
{
	/* a forced transport that cannot reach the host: see above */
	static const char *const why_encrypted[] = {
		"the kernel does not run as a VMware guest (nopv?), and with encrypted guest state only its VMware support reaches the host",
		"with encrypted guest state only tdx (TDX) or vmmcall (SEV-ES, SNP) reach the host",
	};
	enum hc_mode m;

	f->modes = BIT(HC_MODE_IOPORT) | BIT(HC_MODE_VMCALL) |
		   BIT(HC_MODE_VMMCALL) | BIT(HC_MODE_TDX);
	for (m = HC_MODE_IOPORT; m < HC_MODE_NR; m++)
		if (!hc_vmware_reaches_host(x, m))
			f->why[m] = why_encrypted[x->kernel_hv == HC_KHV_VMWARE];
	if (!x->tdx_guest || !x->vmware_tdx)
		f->why[HC_MODE_TDX] = x->vmware_tdx ? "not a TDX guest" :
			"this kernel has no VMware TDX hypercall support";

	f->native = hc_vmware_native(x);
	if (!hc_vmware_reaches_host(x, f->native))
		f->native = HC_MODE_NONE;
	f->foreign = hc_port_probe_allowed(x) ? HC_MODE_IOPORT : HC_MODE_NONE;
	if (!x->mem_encrypt)
		f->hb_modes = BIT(HC_MODE_IOPORT) | BIT(HC_MODE_VMCALL) |
			      BIT(HC_MODE_VMMCALL);
}

static void hc_x86_kvm_facts(const struct hc_x86_input *x,
			     struct hc_abi_facts *f)
{
	f->modes = BIT(HC_MODE_VMCALL) | BIT(HC_MODE_VMMCALL) |
		   BIT(HC_MODE_TDX);
	if (!x->tdx_guest || !x->kvm_tdx)
		f->why[HC_MODE_TDX] = x->kvm_tdx ? "not a TDX guest" :
			"this kernel has no TDX KVM hypercall support";
	if (x->tdx_guest)
		f->native = x->kvm_tdx ? HC_MODE_TDX : HC_MODE_NONE;
	else
		f->native = hc_vendor_vmmcall(x->vendor) ? HC_MODE_VMMCALL :
							   HC_MODE_VMCALL;
}

static void hc_x86_palacios_facts(const struct hc_x86_input *x,
				  struct hc_abi_facts *f)
{
	static const char why_encrypted[] =
		"with encrypted guest state the host cannot see a Palacios hypercall's registers";

	f->modes = BIT(HC_MODE_VMCALL) | BIT(HC_MODE_VMMCALL);
	if (x->tdx_guest || x->state_encrypt) {
		f->why[HC_MODE_VMCALL] = why_encrypted;
		f->why[HC_MODE_VMMCALL] = why_encrypted;
		f->native = HC_MODE_NONE;
	} else if (x->palacios_ebx == HC_PALACIOS_LEAF_SVM) {
		f->native = HC_MODE_VMMCALL;
	} else if (x->palacios_ebx == HC_PALACIOS_LEAF_VMX) {
		f->native = HC_MODE_VMCALL;
	} else {
		f->native = hc_vendor_vmmcall(x->vendor) ? HC_MODE_VMMCALL :
							   HC_MODE_VMCALL;
	}
}

/**
 * hc_x86_facts() - what an x86 machine means for detection
 * @x: what the machine reports
 * @in: the arch-neutral facts (its parameters and probe are left alone)
 *
 * The x86 rules of detection (at the top of this file), as a pure function.
 */
void hc_x86_facts(const struct hc_x86_input *x, struct hc_detect_input *in)
{
	hc_detect_facts_clear(in);

	if (x->hv_bit) {
		bool kvm = !memcmp(x->sig, "KVMKVMKVM\0\0\0", HC_X86_SIG_LEN) ||
			   (x->kvm_sig && x->kernel_hv == HC_KHV_KVM);

		in->how = "cpuid";
		memcpy(in->sig, x->sig, HC_SIG_LEN);
		if (x->palacios_eax == HC_PALACIOS_LEAF_V3V && !kvm)
			in->hv = HC_HV_PALACIOS;
		else if (!memcmp(x->sig, "VMwareVMware", HC_X86_SIG_LEN))
			in->hv = HC_HV_VMWARE;
		else if (kvm)
			in->hv = HC_HV_KVM;
		else
			in->hv = HC_HV_OTHER;
	} else if (x->dmi_serial && strstr(x->dmi_serial, "VMware")) {
		in->hint_how = "dmi";
	}
	hc_x86_vmware_facts(x, &in->abi[HC_ABI_VMWARE]);
	hc_x86_kvm_facts(x, &in->abi[HC_ABI_KVM]);
	hc_x86_palacios_facts(x, &in->abi[HC_ABI_PALACIOS]);
}
HC_EXPORT_FOR_KUNIT(hc_x86_facts);

/* GETVERSION over the I/O port, with the exception fixup of every call. */
static bool hc_probe_ioport(void *unused)
{
	struct hc_vmware_regs r = {
		.bx = ~HC_VMW_MAGIC,
		.cx = HC_VMW_CMD_GETVERSION,
		.dx = HC_VMW_PORT,
	};
	bool ok;

	__HC_VMW_PROBE_ASM(&r, ok);
	if (!ok) {
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

/* What this machine reports. */
static void hc_x86_read(struct hc_x86_input *x)
{
	u32 eax, ebx, ecx, edx;

	memset(x, 0, sizeof(*x));
	x->hv_bit = boot_cpu_has(X86_FEATURE_HYPERVISOR);
	if (x->hv_bit) {
		cpuid(0x40000000, &eax, &ebx, &ecx, &edx);
		x->max_leaf = eax;
		memcpy(x->sig + 0, &ebx, 4);
		memcpy(x->sig + 4, &ecx, 4);
		memcpy(x->sig + 8, &edx, 4);
		if (!memcmp(x->sig, "VMwareVMware", HC_X86_SIG_LEN) &&
		    eax >= HC_VMW_FEATURES_LEAF)
			x->vmw_ecx = cpuid_ecx(HC_VMW_FEATURES_LEAF);
		x->kvm_sig = hypervisor_cpuid_base(KVM_SIGNATURE, 0) != 0;
		cpuid(HC_PALACIOS_LEAF, &eax, &ebx, &ecx, &edx);
		x->palacios_eax = eax;
		x->palacios_ebx = ebx;
	}
	x->vendor = hc_cpu_vendor();
	x->kernel_hv = hc_kernel_hv();
	x->tdx_guest = cpu_feature_enabled(X86_FEATURE_TDX_GUEST);
	x->vmware_tdx = HC_HAVE_VMWARE_TDX;
	x->kvm_tdx = HC_HAVE_KVM_TDX;
	x->mem_encrypt = cc_platform_has(CC_ATTR_MEM_ENCRYPT);
	x->state_encrypt = cc_platform_has(CC_ATTR_GUEST_STATE_ENCRYPT);
	x->dmi_serial = dmi_get_system_info(DMI_PRODUCT_SERIAL);
}

void hc_arch_read_input(struct hc_detect_input *in)
{
	struct hc_x86_input x;

	hc_x86_read(&x);
	hc_state.arch = (struct hc_arch_state) {
		.vendor = x.vendor,
		.kernel_hv = x.kernel_hv,
		.tdx_guest = x.tdx_guest,
		.mem_encrypt = x.mem_encrypt,
	};
	hc_x86_facts(&x, in);
	in->probe = hc_probe_ioport;
	in->param[HC_ABI_VMWARE] = vmware_mode;
	in->param[HC_ABI_PALACIOS] = palacios_mode;
}

void hc_arch_select(const struct hc_detect *det)
{
	hc_vmware_select(det->mode[HC_ABI_VMWARE], det->hb[HC_ABI_VMWARE]);
	hc_kvm_select(det->mode[HC_ABI_KVM]);
	hc_palacios_select(det->mode[HC_ABI_PALACIOS]);
}

void hc_arch_info_show(struct seq_file *m)
{
	const struct hc_detect *det = &hc_state.det;
	const struct hc_arch_state *a = &hc_state.arch;

	seq_printf(m, "cpuid_signature: %s\n", det->sig[0] ? det->sig : "-");
	seq_printf(m, "kernel_hypervisor: %s\n",
		   hc_kernel_hv_name(a->kernel_hv));
	seq_printf(m, "vendor: %s\n", hc_vendor_name(a->vendor));
	seq_printf(m, "tdx_guest: %s\n", a->tdx_guest ? "yes" : "no");
	seq_printf(m, "mem_encrypt: %s\n", a->mem_encrypt ? "yes" : "no");
	seq_printf(m, "backdoor_probe: %s\n",
		   !det->probed ? "not-run" : det->probe_ok ? "ok" : "no-answer");
}

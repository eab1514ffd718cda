// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor detection, as a pure function of its inputs (see detect.h).
 *
 * Order:
 *  1. Parameters: vmware_mode= and kvm_mode= must name a mode this machine
 *     can use at all (tdx only in a TDX guest of a kernel that has the TDX
 *     helpers), or the load fails.
 *  2. With the CPUID hypervisor bit set, the signature at 0x40000000 names
 *     the hypervisor.  KVM may also sit behind another signature (Hyper-V
 *     or Xen emulation, with KVM's at 0x40000100): that counts as KVM only
 *     if the kernel itself chose KVM, because while a guest uses KVM's
 *     Hyper-V or Xen emulation, KVM hands every vmcall to that emulation.
 *  3. With the bit clear, a DMI serial containing "VMware" confirmed by a
 *     backdoor GETVERSION probe makes it VMware, as in the kernel's
 *     vmware_platform().  Nothing else is probed on a machine that does not
 *     say it is virtual.
 *  4. VMware transport: TDX in a TDX guest; else CPUID 0x40000010 ECX picks
 *     vmcall or vmmcall (both set: the CPU vendor's instruction); else the
 *     I/O port.  Under another hypervisor the I/O port is used when the
 *     probe answers (QEMU's vmport, with or without KVM), unless port I/O
 *     cannot be trapped safely there (encrypted guest state, Xen PV,
 *     Jailhouse).  With encrypted register state (SEV-ES, SNP, TDX) the
 *     host sees only what the kernel's own VMware support hands it, which
 *     exists only when the kernel runs as a VMware guest: tdx in a TDX
 *     guest, vmmcall under SEV-ES and SNP; anything else is no backdoor,
 *     and forcing it fails the load.
 *  5. KVM transport: TDX in a TDX guest, vmmcall on AMD and Hygon, vmcall
 *     on everything else.
 *  6. A mode forced on a machine where nothing was detected names the
 *     hypervisor after the forced ABI, "detected by param".
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "internal.h"

static const char *const mode_names[HC_MODE_NR] = {
	[HC_MODE_NONE]		= "none",
	[HC_MODE_IOPORT]	= "ioport",
	[HC_MODE_VMCALL]	= "vmcall",
	[HC_MODE_VMMCALL]	= "vmmcall",
	[HC_MODE_TDX]		= "tdx",
	[HC_MODE_AUTO]		= "auto",
};

const char *hc_mode_name(enum hc_mode mode)
{
	return mode < HC_MODE_NR ? mode_names[mode] : "?";
}
HC_EXPORT_FOR_KUNIT(hc_mode_name);

const char *hc_hv_name(enum hc_hv hv)
{
	switch (hv) {
	case HC_HV_VMWARE:
		return "vmware";
	case HC_HV_KVM:
		return "kvm";
	case HC_HV_OTHER:
		return "other";
	default:
		return "none";
	}
}
HC_EXPORT_FOR_KUNIT(hc_hv_name);

const char *hc_how_name(enum hc_how how)
{
	switch (how) {
	case HC_BY_CPUID:
		return "cpuid";
	case HC_BY_DMI:
		return "dmi";
	case HC_BY_PARAM:
		return "param";
	default:
		return "none";
	}
}
HC_EXPORT_FOR_KUNIT(hc_how_name);

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

/**
 * hc_parse_mode() - parse a transport name
 * @s: "auto", "none", "ioport", "vmcall", "vmmcall" or "tdx"; NULL or ""
 *     mean "auto"; one trailing newline is accepted
 * @mode: the mode
 *
 * Return: 0, or -EINVAL for anything else.
 */
int hc_parse_mode(const char *s, enum hc_mode *mode)
{
	size_t len;
	int i;

	if (!s || !*s) {
		*mode = HC_MODE_AUTO;
		return 0;
	}
	len = strlen(s);
	if (s[len - 1] == '\n')
		len--;
	for (i = 0; i < HC_MODE_NR; i++) {
		if (strlen(mode_names[i]) == len &&
		    !strncmp(s, mode_names[i], len)) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}
HC_EXPORT_FOR_KUNIT(hc_parse_mode);

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
static bool hc_vmware_reaches_host(const struct hc_detect_input *in,
				   enum hc_mode mode)
{
	if (mode == HC_MODE_NONE || (!in->tdx_guest && !in->state_encrypt))
		return true;
	if (in->kernel_hv != HC_KHV_VMWARE)
		return false;
	return mode == (in->tdx_guest ? HC_MODE_TDX : HC_MODE_VMMCALL);
}

/* Can an unknown hypervisor be asked for the backdoor on its I/O port? */
static bool hc_port_probe_allowed(const struct hc_detect_input *in)
{
	if (in->tdx_guest || in->state_encrypt)
		return false;
	return in->kernel_hv != HC_KHV_XEN_PV &&
	       in->kernel_hv != HC_KHV_JAILHOUSE;
}

static bool hc_run_probe(const struct hc_detect_input *in,
			 struct hc_detect *out)
{
	if (!out->probed && in->probe) {
		out->probed = true;
		out->probe_ok = in->probe(in->probe_ctx);
	}
	return out->probe_ok;
}

static enum hc_mode hc_vmware_auto(const struct hc_detect_input *in,
				   struct hc_detect *out)
{
	u32 ecx = in->vmw_ecx & (HC_VMW_FEATURE_VMCALL | HC_VMW_FEATURE_VMMCALL);

	switch (out->hv) {
	case HC_HV_VMWARE:
		if (out->how == HC_BY_DMI)
			return HC_MODE_IOPORT;	/* the probe just used it */
		if (in->tdx_guest)
			return in->vmware_tdx ? HC_MODE_TDX : HC_MODE_NONE;
		if (ecx == HC_VMW_FEATURE_VMCALL)
			return HC_MODE_VMCALL;
		if (ecx == HC_VMW_FEATURE_VMMCALL)
			return HC_MODE_VMMCALL;
		if (ecx)
			return hc_vendor_vmmcall(in->vendor) ? HC_MODE_VMMCALL :
							       HC_MODE_VMCALL;
		return HC_MODE_IOPORT;
	case HC_HV_KVM:
	case HC_HV_OTHER:
		if (hc_port_probe_allowed(in) && hc_run_probe(in, out))
			return HC_MODE_IOPORT;
		return HC_MODE_NONE;
	default:
		return HC_MODE_NONE;
	}
}

static enum hc_mode hc_kvm_auto(const struct hc_detect_input *in,
				const struct hc_detect *out)
{
	if (out->hv != HC_HV_KVM)
		return HC_MODE_NONE;
	if (in->tdx_guest)
		return in->kvm_tdx ? HC_MODE_TDX : HC_MODE_NONE;
	return hc_vendor_vmmcall(in->vendor) ? HC_MODE_VMMCALL : HC_MODE_VMCALL;
}

static void hc_copy_sig(char *dst, const char *sig)
{
	int i;

	/* Printable characters only: the signature is shown in debugfs. */
	for (i = 0; i < HC_SIG_LEN && sig[i]; i++)
		dst[i] = (sig[i] >= 0x20 && sig[i] < 0x7f) ? sig[i] : '?';
	dst[i] = '\0';
}

/**
 * hc_detect() - decide the hypervisor and the transports
 * @in: what the machine reports
 * @out: the decision
 * @why: on error, a message naming the bad parameter
 *
 * Return: 0, or -EINVAL when a parameter is invalid or names a transport
 * that cannot work here (@why says which).
 */
int hc_detect(const struct hc_detect_input *in, struct hc_detect *out,
	      const char **why)
{
	/* a forced vmware_mode that cannot reach the host: see above */
	static const char *const why_encrypted[] = {
		"vmware_mode: the kernel does not run as a VMware guest (nopv?), and with encrypted guest state only its VMware support reaches the host",
		"vmware_mode: with encrypted guest state only tdx (TDX) or vmmcall (SEV-ES, SNP) reach the host",
	};

	memset(out, 0, sizeof(*out));
	*why = NULL;

	if (hc_parse_mode(in->vmware_param, &out->vmware_param)) {
		*why = "invalid vmware_mode (expected auto, none, ioport, vmcall, vmmcall or tdx)";
		return -EINVAL;
	}
	if (hc_parse_mode(in->kvm_param, &out->kvm_param) ||
	    out->kvm_param == HC_MODE_IOPORT) {
		*why = "invalid kvm_mode (expected auto, none, vmcall, vmmcall or tdx)";
		return -EINVAL;
	}
	if (out->vmware_param == HC_MODE_TDX &&
	    !(in->tdx_guest && in->vmware_tdx)) {
		*why = in->vmware_tdx ? "vmware_mode=tdx: not a TDX guest" :
			"vmware_mode=tdx: this kernel has no VMware TDX hypercall support";
		return -EINVAL;
	}
	if (out->vmware_param != HC_MODE_AUTO &&
	    !hc_vmware_reaches_host(in, out->vmware_param)) {
		*why = why_encrypted[in->kernel_hv == HC_KHV_VMWARE];
		return -EINVAL;
	}
	if (out->kvm_param == HC_MODE_TDX && !(in->tdx_guest && in->kvm_tdx)) {
		*why = in->kvm_tdx ? "kvm_mode=tdx: not a TDX guest" :
			"kvm_mode=tdx: this kernel has no TDX KVM hypercall support";
		return -EINVAL;
	}

	if (in->hv_bit) {
		out->how = HC_BY_CPUID;
		hc_copy_sig(out->sig, in->sig);
		if (!memcmp(in->sig, "VMwareVMware", HC_SIG_LEN))
			out->hv = HC_HV_VMWARE;
		else if (!memcmp(in->sig, "KVMKVMKVM\0\0\0", HC_SIG_LEN) ||
			 (in->kvm_sig && in->kernel_hv == HC_KHV_KVM))
			out->hv = HC_HV_KVM;
		else
			out->hv = HC_HV_OTHER;
	} else if (in->dmi_serial && strstr(in->dmi_serial, "VMware") &&
		   hc_run_probe(in, out)) {
		out->hv = HC_HV_VMWARE;
		out->how = HC_BY_DMI;
	}

	if (out->vmware_param != HC_MODE_AUTO)
		out->vmware = out->vmware_param;
	else
		out->vmware = hc_vmware_auto(in, out);
	if (!hc_vmware_reaches_host(in, out->vmware))
		out->vmware = HC_MODE_NONE;

	if (out->kvm_param != HC_MODE_AUTO)
		out->kvm = out->kvm_param;
	else
		out->kvm = hc_kvm_auto(in, out);

	if (out->hv == HC_HV_NONE) {
		if (out->vmware != HC_MODE_NONE) {
			out->hv = HC_HV_VMWARE;
			out->how = HC_BY_PARAM;
		} else if (out->kvm != HC_MODE_NONE) {
			out->hv = HC_HV_KVM;
			out->how = HC_BY_PARAM;
		}
	}

	out->vmware_hb = !in->mem_encrypt &&
			 (out->vmware == HC_MODE_IOPORT ||
			  out->vmware == HC_MODE_VMCALL ||
			  out->vmware == HC_MODE_VMMCALL);
	return 0;
}
HC_EXPORT_FOR_KUNIT(hc_detect);

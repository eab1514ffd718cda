// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor detection, as a pure function of its inputs (see detect.h).
 * The architecture has already said what its machine can do (its
 * detect.c); the rules here are every architecture's:
 *
 *  1. Parameters: each <abi>_mode= must name "auto", "none" or one of the
 *     ABI's transports, and a forced transport must be one the machine can
 *     run (the architecture says why not), or the load fails.
 *  2. The hypervisor is the one the platform names.  Where the platform
 *     names none but firmware names VMware, the backdoor probe decides.
 *     Nothing is probed on a machine that names no hypervisor at all.
 *  3. Each ABI's transport: the forced one; else, under the ABI's own
 *     hypervisor, the one that hypervisor offers; else, under another
 *     hypervisor, the ABI's foreign transport if the probe answers (the
 *     VMware backdoor of QEMU's vmport, with or without KVM); else none.
 *  4. A transport forced on a machine where nothing was detected names the
 *     hypervisor after the forced ABI, "detected by param".
 *  5. High bandwidth where the architecture says the transport carries it.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "internal.h"

static const char *const mode_names[HC_MODE_NR] = {
	[HC_MODE_NONE]	= "none",
	[HC_MODE_AUTO]	= "auto",
	HC_ARCH_MODE_NAMES
};

const char *hc_mode_name(enum hc_mode mode)
{
	return mode < HC_MODE_NR && mode_names[mode] ? mode_names[mode] : "?";
}
HC_EXPORT_FOR_KUNIT(hc_mode_name);

const char *hc_hv_name(enum hc_hv hv)
{
	switch (hv) {
	case HC_HV_VMWARE:
		return "vmware";
	case HC_HV_KVM:
		return "kvm";
	case HC_HV_PALACIOS:
		return "palacios";
	case HC_HV_OTHER:
		return "other";
	default:
		return "none";
	}
}
HC_EXPORT_FOR_KUNIT(hc_hv_name);

/* The ABI's name, as in its <abi>_mode parameter and its info lines. */
const char *hc_abi_name(enum hc_abi abi)
{
	switch (abi) {
	case HC_ABI_VMWARE:
		return "vmware";
	case HC_ABI_KVM:
		return "kvm";
	case HC_ABI_PALACIOS:
		return "palacios";
	default:
		return "?";
	}
}
HC_EXPORT_FOR_KUNIT(hc_abi_name);

/* The hypervisor that is an ABI's own. */
static enum hc_hv hc_abi_hv(enum hc_abi abi)
{
	switch (abi) {
	case HC_ABI_VMWARE:
		return HC_HV_VMWARE;
	case HC_ABI_PALACIOS:
		return HC_HV_PALACIOS;
	default:
		return HC_HV_KVM;
	}
}

/**
 * hc_parse_mode() - parse a transport name
 * @s: "auto", "none" or the name of a transport in @modes; NULL or "" mean
 *     "auto"; one trailing newline is accepted
 * @modes: BIT(mode) of the transports allowed
 * @mode: the mode
 *
 * Return: 0, or -EINVAL for anything else.
 */
int hc_parse_mode(const char *s, u32 modes, enum hc_mode *mode)
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
	modes |= BIT(HC_MODE_NONE) | BIT(HC_MODE_AUTO);
	for (i = 0; i < HC_MODE_NR; i++) {
		if ((modes & BIT(i)) && mode_names[i] &&
		    strlen(mode_names[i]) == len &&
		    !strncmp(s, mode_names[i], len)) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}
HC_EXPORT_FOR_KUNIT(hc_parse_mode);

/* "invalid kvm_mode (expected auto, none, vmcall, vmmcall or tdx)" */
static void hc_why_invalid(struct hc_detect *out, enum hc_abi abi, u32 modes)
{
	size_t n = sizeof(out->why), pos;
	int i, left = hweight32(modes);

	pos = scnprintf(out->why, n, "invalid %s_mode (expected auto, none",
			hc_abi_name(abi));
	for (i = HC_MODE_AUTO + 1; i < HC_MODE_NR; i++) {
		if (!(modes & BIT(i)))
			continue;
		pos += scnprintf(out->why + pos, n - pos, "%s%s",
				 --left ? ", " : " or ", mode_names[i]);
	}
	scnprintf(out->why + pos, n - pos, ")");
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

static enum hc_mode hc_auto(const struct hc_detect_input *in,
			    struct hc_detect *out, enum hc_abi abi)
{
	const struct hc_abi_facts *f = &in->abi[abi];

	if (out->hv == HC_HV_NONE)
		return HC_MODE_NONE;
	if (out->hv == hc_abi_hv(abi))
		return f->native;
	if (f->foreign != HC_MODE_NONE && hc_run_probe(in, out))
		return f->foreign;
	return HC_MODE_NONE;
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
 * hc_detect_facts_clear() - forget what the platform said in @in
 * @in: the facts; its probe and parameters are left alone
 *
 * What each architecture's facts function (hc_x86_facts(), ...) does
 * first, before it states its machine's facts again.
 */
void hc_detect_facts_clear(struct hc_detect_input *in)
{
	in->hv = HC_HV_NONE;
	in->how = NULL;
	in->hint_how = NULL;
	memset(in->sig, 0, sizeof(in->sig));
	memset(in->abi, 0, sizeof(in->abi));
}

/**
 * hc_detect() - decide the hypervisor and the transports
 * @in: what the machine reports
 * @out: the decision; on error, @out->why names the bad parameter
 *
 * Return: 0, or -EINVAL when a parameter is invalid or names a transport
 * that cannot work here.
 */
int hc_detect(const struct hc_detect_input *in, struct hc_detect *out)
{
	const struct hc_abi_facts *f;
	enum hc_mode m;
	int abi;

	memset(out, 0, sizeof(*out));
	out->how = "none";

	for (abi = 0; abi < HC_ABI_NR; abi++) {
		f = &in->abi[abi];
		out->param[abi] = HC_MODE_AUTO;
		if (!f->modes)
			continue;
		out->abis |= BIT(abi);
		if (hc_parse_mode(in->param[abi], f->modes, &out->param[abi])) {
			hc_why_invalid(out, abi, f->modes);
			return -EINVAL;
		}
	}
	for (abi = 0; abi < HC_ABI_NR; abi++) {
		m = out->param[abi];
		if (m != HC_MODE_AUTO && in->abi[abi].why[m]) {
			scnprintf(out->why, sizeof(out->why), "%s_mode=%s: %s",
				  hc_abi_name(abi), mode_names[m],
				  in->abi[abi].why[m]);
			return -EINVAL;
		}
	}

	if (in->hv != HC_HV_NONE) {
		out->hv = in->hv;
		out->how = in->how;
		hc_copy_sig(out->sig, in->sig);
	} else if (in->hint_how && hc_run_probe(in, out)) {
		out->hv = HC_HV_VMWARE;
		out->how = in->hint_how;
	}

	for (abi = 0; abi < HC_ABI_NR; abi++) {
		f = &in->abi[abi];
		if (!f->modes)
			m = HC_MODE_NONE;
		else if (out->param[abi] != HC_MODE_AUTO)
			m = out->param[abi];
		else
			m = hc_auto(in, out, abi);
		out->mode[abi] = m;
		out->hb[abi] = !!(f->hb_modes & BIT(m));
	}

	if (out->hv == HC_HV_NONE) {
		for (abi = 0; abi < HC_ABI_NR; abi++) {
			if (out->mode[abi] != HC_MODE_NONE) {
				out->hv = hc_abi_hv(abi);
				out->how = "param";
				break;
			}
		}
	}
	return 0;
}
HC_EXPORT_FOR_KUNIT(hc_detect);

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor detection: a pure function of what the machine reports.
 *
 * Each architecture reads its machine (kernel/arch/<arch>/detect.c: CPUID
 * and DMI on x86, the SYSIB on s390, ...) and states what it found in the
 * terms below, which name no instruction and no register: which hypervisor
 * the platform names, and for each ABI the transports the machine can run,
 * the one its own hypervisor offers, and why a transport it cannot run is
 * refused.  hc_detect() then decides, by the same rules on every
 * architecture.  Keeping both steps free of hardware access lets the KUnit
 * suites run them on fixtures for every kind of machine, including ones
 * the test guests cannot be.
 */
#ifndef _HYPERCALL_DETECT_H
#define _HYPERCALL_DETECT_H

#include <linux/build_bug.h>
#include <linux/types.h>
#include <hypercall/hypercall.h>

enum hc_hv {
	HC_HV_NONE,
	HC_HV_VMWARE,
	HC_HV_KVM,
	HC_HV_PALACIOS,
	HC_HV_OTHER,
};

/*
 * enum hc_mode, a transport, is the architecture's (its hc_arch.h): every
 * architecture's starts with HC_MODE_NONE (0) and HC_MODE_AUTO (1), which
 * only ever appears as a parameter value, and ends with HC_MODE_NR; its
 * HC_ARCH_MODE_NAMES name the others.
 */
#include "hc_arch.h"

static_assert(HC_MODE_NONE == 0 && HC_MODE_AUTO == 1 && HC_MODE_NR <= 32);

#define HC_SIG_LEN	12
#define HC_WHY_MAX	192

/**
 * struct hc_abi_facts - what one ABI can use on this machine
 * @modes: BIT(mode) of every transport this ABI has on the architecture:
 *         what its parameter accepts (0: no parameter, the ABI is absent)
 * @why: for a transport of @modes that cannot run here, why not (forcing
 *       it fails the load with that reason); NULL where it can run
 * @native: the transport auto picks under this ABI's own hypervisor
 * @foreign: the transport auto picks under another hypervisor, when the
 *           probe answers (the VMware backdoor's I/O port under QEMU);
 *           HC_MODE_NONE: none is ever tried there
 * @hb_modes: BIT(mode) of the transports that carry high bandwidth here
 */
struct hc_abi_facts {
	u32 modes;
	const char *why[HC_MODE_NR];
	enum hc_mode native;
	enum hc_mode foreign;
	u32 hb_modes;
};

/**
 * struct hc_detect_input - everything detection looks at
 * @hv: the hypervisor the platform names (HC_HV_NONE: it names none)
 * @how: how the platform named it ("cpuid", ...), when it did
 * @sig: the platform's identification of the hypervisor, shown in info
 *       (not NUL-terminated; may be empty)
 * @hint_how: firmware names VMware while the platform is silent (x86: the
 *            DMI serial); then the probe decides.  How it was named
 *            ("dmi"), or NULL without a hint
 * @abi: the facts of each ABI
 * @probe: runs a VMware backdoor GETVERSION; true when it answered with the
 *         magic.  Called at most once, only when a rule needs it.
 * @probe_ctx: argument of @probe
 * @param: each ABI's <abi>_mode= parameter (NULL: "auto")
 */
struct hc_detect_input {
	enum hc_hv hv;
	const char *how;
	char sig[HC_SIG_LEN];
	const char *hint_how;
	struct hc_abi_facts abi[HC_ABI_NR];
	bool (*probe)(void *ctx);
	void *probe_ctx;
	const char *param[HC_ABI_NR];
};

/**
 * struct hc_detect - what detection decided
 * @abis: BIT(abi) of the ABIs the architecture has (its facts name modes)
 * @hv: the hypervisor
 * @sig: its identification, printable, NUL-terminated ("" if none)
 * @how: how @hv was decided: the platform's word (struct
 *       hc_detect_input.how), the firmware hint's, "param" or "none"
 * @mode: each ABI's transport (HC_MODE_NONE: no calls)
 * @param: each ABI's parameter as parsed (HC_MODE_AUTO by default)
 * @hb: high bandwidth available on each ABI's transport
 * @probed: the probe ran
 * @probe_ok: and found the backdoor
 * @why: on error, the message naming the bad parameter
 */
struct hc_detect {
	u32 abis;
	enum hc_hv hv;
	char sig[HC_SIG_LEN + 1];
	const char *how;
	enum hc_mode mode[HC_ABI_NR];
	enum hc_mode param[HC_ABI_NR];
	bool hb[HC_ABI_NR];
	bool probed;
	bool probe_ok;
	char why[HC_WHY_MAX];
};

void hc_detect_facts_clear(struct hc_detect_input *in);
int hc_detect(const struct hc_detect_input *in, struct hc_detect *out);
int hc_parse_mode(const char *s, u32 modes, enum hc_mode *mode);
const char *hc_mode_name(enum hc_mode mode);
const char *hc_hv_name(enum hc_hv hv);
const char *hc_abi_name(enum hc_abi abi);

#endif /* _HYPERCALL_DETECT_H */

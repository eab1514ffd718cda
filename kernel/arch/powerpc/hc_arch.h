/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PowerPC: what the generic code of the module needs to know of this
 * architecture (kernel/internal.h has the functions every architecture
 * provides).  KVM hypercalls only, over the ePAPR sequence the device
 * tree's /hypervisor node gives; no VMware backdoor.
 */
#ifndef _HYPERCALL_HC_ARCH_H
#define _HYPERCALL_HC_ARCH_H

#include <linux/types.h>

/* A transport (see kernel/detect.h) */
enum hc_mode {
	HC_MODE_NONE,
	HC_MODE_AUTO,
	HC_MODE_EPAPR,		/* /hypervisor's hcall-instructions */
	HC_MODE_NR
};

#define HC_ARCH_MODE_NAMES						\
	[HC_MODE_EPAPR]		= "epapr"

/* kvm_mode='s description: the transports KVM hypercalls have here */
#define HC_ARCH_KVM_MODES	"epapr"

/* kvm/call's answer: the result and eight more values (debugfs.c) */
#define HC_ARCH_ANSWER_MAX	256

/* The most words hcall-instructions holds (Linux ppc-pv.rst) */
#define HC_EPAPR_WORDS		4

/* Room for the start of the node's first "compatible" string, in info */
#define HC_PPC_COMPAT_LEN	32

/**
 * struct hc_ppc_input - what PowerPC detection reads from the device tree
 * @node: there is a /hypervisor node
 * @kvm: its "compatible" names "linux,kvm" (KVM, as the kernel's own
 *       check_kvm_guest() decides)
 * @compat: its first "compatible" string, cut to fit ("" without one)
 * @len: the length of its "hcall-instructions" in bytes, -1 without one
 * @words: the first HC_EPAPR_WORDS words of it, in CPU order
 *
 * hc_ppc_facts() turns it into the arch-neutral struct hc_detect_input.
 */
struct hc_ppc_input {
	bool node;
	bool kvm;
	char compat[HC_PPC_COMPAT_LEN];
	int len;
	u32 words[HC_EPAPR_WORDS];
};

/**
 * struct hc_arch_state - what PowerPC keeps of its machine
 * @dt: what the device tree said
 * @nwords: the words of the sequence installed in every call site (0: none)
 * @seq: those words, padded with nops to HC_EPAPR_WORDS
 */
struct hc_arch_state {
	struct hc_ppc_input dt;
	unsigned int nwords;
	u32 seq[HC_EPAPR_WORDS];
};

/* detect.c */
struct hc_detect_input;
void hc_ppc_facts(const struct hc_ppc_input *x, struct hc_detect_input *in);

/* sites.c: install the sequence in every call site, and keep it there */
int hc_epapr_sites_init(void);
void hc_epapr_sites_exit(void);
unsigned int hc_epapr_sites(void);

#endif /* _HYPERCALL_HC_ARCH_H */

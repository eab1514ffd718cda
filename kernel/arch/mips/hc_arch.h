/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MIPS: what the generic code of the module needs to know of this
 * architecture (kernel/internal.h has the functions every architecture
 * provides).
 */
#ifndef _HYPERCALL_HC_ARCH_H
#define _HYPERCALL_HC_ARCH_H

#include <linux/types.h>

/* A transport (see kernel/detect.h) */
enum hc_mode {
	HC_MODE_NONE,
	HC_MODE_AUTO,
	HC_MODE_HYPCALL,	/* VZ ASE: hypcall, code 0 */
	HC_MODE_NR
};

#define HC_ARCH_MODE_NAMES						\
	[HC_MODE_HYPCALL]	= "hypcall"

/* kvm_mode='s description: the transports KVM hypercalls have here */
#define HC_ARCH_KVM_MODES	"hypcall"

/**
 * struct hc_mips_input - what MIPS detection reads from the machine
 * @vz: the CPU has the VZ ASE (Config3.VZ), so this kernel runs on it as
 *      root: a KVM guest's own Config3 has no VZ (MIPS KVM has no nested
 *      virtualization)
 *
 * hc_mips_facts() turns it into the arch-neutral struct hc_detect_input.
 */
struct hc_mips_input {
	bool vz;
};

/**
 * struct hc_arch_state - what MIPS keeps of its machine, for info
 * @vz: the CPU has the VZ ASE: this kernel is its root, not a guest
 */
struct hc_arch_state {
	bool vz;
};

/* detect.c */
struct hc_detect_input;
void hc_mips_facts(const struct hc_mips_input *x, struct hc_detect_input *in);

/* kvm.c: point the static key at a transport */
void hc_kvm_select(enum hc_mode mode);

/* fixup.c: the hypcall sites the RI notifier recognises */
int hc_mips_fixup_init(void);
void hc_mips_fixup_exit(void);
unsigned int hc_mips_sites(void);

#endif /* _HYPERCALL_HC_ARCH_H */

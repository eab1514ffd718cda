/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390: what the generic code of the module needs to know of this
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
	HC_MODE_DIAG500,	/* KVM: DIAGNOSE 0x500 */
	HC_MODE_NR
};

#define HC_ARCH_MODE_NAMES						\
	[HC_MODE_DIAG500]	= "diag500"

/* kvm_mode='s description: the transports KVM hypercalls have here */
#define HC_ARCH_KVM_MODES	"diag500"

/*
 * What the kernel made of the machine at boot (arch/s390/kernel/early.c,
 * detect_machine_type(): STSI 1.1.1 level and 3.2.2): its MACHINE_IS_*
 * flags.
 */
enum hc_s390_machine {
	HC_S390_OTHER,		/* none of the flags: another hypervisor */
	HC_S390_LPAR,		/* a logical partition, no hypervisor above */
	HC_S390_KVM,		/* the control program is KVM's */
	HC_S390_ZVM,		/* the control program is z/VM */
};

/* The control program name of STSI 3.2.2 (16 EBCDIC characters) */
#define HC_S390_CPI_LEN	16

/**
 * struct hc_s390_input - what s390 detection reads from the machine
 * @machine: the kernel's machine flags
 * @cpi: the control program that runs this guest, from STSI 3.2.2,
 *       converted to ASCII without trailing blanks ("KVM/Linux"); "" where
 *       STSI 3.2.2 is not available (LPAR)
 *
 * hc_s390_facts() turns it into the arch-neutral struct hc_detect_input.
 */
struct hc_s390_input {
	enum hc_s390_machine machine;
	char cpi[HC_S390_CPI_LEN + 1];
};

/**
 * struct hc_arch_state - what s390 keeps of its machine, for info
 * @machine: the kernel's machine flags
 * @cpi: the control program's name ("" if none)
 */
struct hc_arch_state {
	enum hc_s390_machine machine;
	char cpi[HC_S390_CPI_LEN + 1];
};

/* detect.c */
struct hc_detect_input;
void hc_s390_facts(const struct hc_s390_input *x, struct hc_detect_input *in);

/*
 * Exported by drivers/s390/cio/device.c (EXPORT_SYMBOL_GPL) and declared in
 * its private device.h only: the ccw device of a device number, with a
 * reference (put_device()), or NULL.  policy.c asks it.
 */
struct ccw_dev_id;
struct ccw_device *get_ccwdev_by_dev_id(struct ccw_dev_id *dev_id);

/* kvm.c: point the static key at a transport */
void hc_kvm_select(enum hc_mode mode);

#endif /* _HYPERCALL_HC_ARCH_H */

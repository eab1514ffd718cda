// SPDX-License-Identifier: GPL-2.0
/*
 * s390: what the machine says (the kernel's machine flags, STSI 3.2.2), and
 * what that means for the KVM ABI, for the generic rules of
 * kernel/detect.c.
 *
 * hc_arch_read_input() reads the machine into a struct hc_s390_input;
 * hc_s390_facts(), a pure function, turns it into the arch-neutral struct
 * hc_detect_input.  The s390 rules, all in hc_s390_facts():
 *
 *  1. The kernel names the hypervisor at boot, from STSI 3.2.2's control
 *     program (MACHINE_IS_KVM: "KVM..."; MACHINE_IS_VM: "z/VM"): KVM is
 *     "kvm", z/VM is "other", detected by "stsi".  A logical partition
 *     (MACHINE_IS_LPAR) has none.  A control program the kernel does not
 *     name is "other".  (kvm_para_available() says nothing here: on s390
 *     it is always true.)
 *  2. The KVM transport is diag 0x500, under KVM only; anywhere else none,
 *     unless kvm_mode=diag500 forces it.  Forcing it is allowed: code
 *     0x500 is KVM's, apart from LPAR's and z/VM's own DIAGNOSE codes
 *     (arch/s390/include/asm/kvm_para.h), so a machine without KVM is
 *     expected to reject it with a program exception, which the fixup of
 *     every call turns into an error, as it does for a subcode KVM
 *     rejects.
 *  3. The VMware backdoor does not exist on s390.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <asm/ebcdic.h>
#include <asm/setup.h>
#include <asm/sysinfo.h>

#include "internal.h"

static const char *hc_s390_machine_name(enum hc_s390_machine machine)
{
	switch (machine) {
	case HC_S390_LPAR:
		return "lpar";
	case HC_S390_KVM:
		return "kvm";
	case HC_S390_ZVM:
		return "z/vm";
	default:
		return "other";
	}
}

/**
 * hc_s390_facts() - what an s390 machine means for detection
 * @x: what the machine reports
 * @in: the arch-neutral facts (its parameters are left alone)
 *
 * The s390 rules of detection (at the top of this file), as a pure
 * function.  The signature is the control program's first word.
 */
void hc_s390_facts(const struct hc_s390_input *x, struct hc_detect_input *in)
{
	struct hc_abi_facts *kvm = &in->abi[HC_ABI_KVM];
	size_t n;

	hc_detect_facts_clear(in);
	in->probe = NULL;

	switch (x->machine) {
	case HC_S390_KVM:
		in->hv = HC_HV_KVM;
		break;
	case HC_S390_ZVM:
		in->hv = HC_HV_OTHER;
		break;
	case HC_S390_LPAR:
		break;
	default:
		if (x->cpi[0])
			in->hv = HC_HV_OTHER;
		break;
	}
	if (in->hv != HC_HV_NONE) {
		in->how = "stsi";
		n = strcspn(x->cpi, " ");
		if (!n && x->machine == HC_S390_ZVM)
			memcpy(in->sig, "z/VM", 4);
		else
			memcpy(in->sig, x->cpi, min(n, sizeof(in->sig)));
	}

	kvm->modes = BIT(HC_MODE_DIAG500);
	kvm->native = HC_MODE_DIAG500;
}

/* The control program's name, in ASCII, without trailing blanks. */
static void hc_s390_read_cpi(char *cpi)
{
	struct sysinfo_3_2_2 *info;
	int i;

	info = (struct sysinfo_3_2_2 *)get_zeroed_page(GFP_KERNEL);
	if (!info)
		return;
	if (!stsi(info, 3, 2, 2) && info->count) {
		memcpy(cpi, info->vm[0].cpi, HC_S390_CPI_LEN);
		EBCASC(cpi, HC_S390_CPI_LEN);
		for (i = 0; i < HC_S390_CPI_LEN; i++)
			if (cpi[i] < 0x20 || cpi[i] > 0x7e)
				cpi[i] = '?';
		i = HC_S390_CPI_LEN;
		while (i > 0 && cpi[i - 1] == ' ')
			i--;
		cpi[i] = '\0';
	}
	free_page((unsigned long)info);
}

/* What this machine reports. */
static void hc_s390_read(struct hc_s390_input *x)
{
	memset(x, 0, sizeof(*x));
	if (MACHINE_IS_KVM)
		x->machine = HC_S390_KVM;
	else if (MACHINE_IS_VM)
		x->machine = HC_S390_ZVM;
	else if (MACHINE_IS_LPAR)
		x->machine = HC_S390_LPAR;
	else
		x->machine = HC_S390_OTHER;
	hc_s390_read_cpi(x->cpi);
}

void hc_arch_read_input(struct hc_detect_input *in)
{
	struct hc_s390_input x;

	hc_s390_read(&x);
	hc_state.arch.machine = x.machine;
	memcpy(hc_state.arch.cpi, x.cpi, sizeof(x.cpi));
	hc_s390_facts(&x, in);
}

void hc_arch_select(const struct hc_detect *det)
{
	hc_kvm_select(det->mode[HC_ABI_KVM]);
}

void hc_arch_info_show(struct seq_file *m)
{
	const struct hc_arch_state *a = &hc_state.arch;

	seq_printf(m, "machine: %s\n", hc_s390_machine_name(a->machine));
	seq_printf(m, "control_program: %s\n", a->cpi[0] ? a->cpi : "-");
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Detection, MIPS: what the machine says, as facts (kernel/detect.h).
 *
 * hc_arch_read_input() reads the machine into a struct hc_mips_input;
 * hc_mips_facts(), a pure function, turns it into the arch-neutral struct
 * hc_detect_input.  The MIPS rules, all in hc_mips_facts():
 *
 *  1. Nothing names a hypervisor to a MIPS guest: no CPUID-like leaf, no
 *     signature in the Config registers, no paravirtual interface in
 *     Linux (kvm_para_available() is false on MIPS).  So the platform names
 *     none, and auto gives kvm_mode none.
 *  2. KVM's one transport is hypcall, only ever by kvm_mode=hypcall.
 *  3. It is refused on a CPU with the VZ ASE: such a CPU runs this kernel as
 *     its root (a KVM guest sees no VZ), where hypcall is no Reserved
 *     Instruction and the module's fixup could not catch it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/seq_file.h>
#include <asm/cpu-features.h>

#include "internal.h"

/**
 * hc_mips_facts() - what a MIPS machine means for detection
 * @x: what the machine reports
 * @in: the arch-neutral facts (its parameters are left alone)
 *
 * The MIPS rules of detection (at the top of this file), as a pure
 * function.
 */
void hc_mips_facts(const struct hc_mips_input *x, struct hc_detect_input *in)
{
	struct hc_abi_facts *kvm = &in->abi[HC_ABI_KVM];

	hc_detect_facts_clear(in);

	kvm->modes = BIT(HC_MODE_HYPCALL);
	if (x->vz)
		kvm->why[HC_MODE_HYPCALL] =
			"this CPU has VZ: the kernel is its root, not a KVM guest";
	kvm->native = HC_MODE_HYPCALL;
	kvm->foreign = HC_MODE_NONE;
}

void hc_arch_read_input(struct hc_detect_input *in)
{
	struct hc_mips_input x = {
		.vz = cpu_has_vz,
	};

	hc_state.arch = (struct hc_arch_state) { .vz = x.vz };
	hc_mips_facts(&x, in);
}

void hc_arch_select(const struct hc_detect *det)
{
	hc_kvm_select(det->mode[HC_ABI_KVM]);
}

void hc_arch_info_show(struct seq_file *m)
{
	seq_printf(m, "cpu_vz: %s\n", hc_state.arch.vz ? "yes" : "no");
	seq_printf(m, "hypcall_sites: %u\n", hc_mips_sites());
}

int hc_arch_init(void)
{
	return hc_mips_fixup_init();
}

void hc_arch_exit(void)
{
	hc_mips_fixup_exit();
}

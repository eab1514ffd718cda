// SPDX-License-Identifier: GPL-2.0
/*
 * MIPS: the KVM hypercall numbers of kvm/call's policy (kernel/policy.c
 * has the rules).  The numbers are the KVM_HC_MIPS_* of
 * <linux/kvm_para.h>, written out here so that the table also builds in
 * userspace; Documentation/kvm.rst has the same list.  Linux's KVM (6.12,
 * arch/mips/kvm/hypcall.c) answers every number with -KVM_ENOSYS; the
 * numbers were defined for the paravirtual guests of Cavium's KVM and
 * kvmtool, where 8 is a console write.
 */

#include "policy.h"

const struct hc_kvm_rule hc_arch_kvm_rules[] = {
	/* reads a value, with no argument */
	{ 6, HC_CMD_SAFE, { },
	  "KVM_HC_MIPS_GET_CLOCK_FREQ: reads the guest's timer frequency" },
	/* stops the guest */
	{ 7, HC_CMD_FORBIDDEN, { }, "KVM_HC_MIPS_EXIT_VM: stops the guest" },
	/* a guest address that the host reads */
	{ 8, HC_CMD_FORBIDDEN, { },
	  "KVM_HC_MIPS_CONSOLE_OUTPUT: the host reads a guest address" },
};

const unsigned int hc_arch_kvm_nrules = ARRAY_SIZE(hc_arch_kvm_rules);

#ifdef __KERNEL__
/* MIPS names no kind of argument of its own. */
bool hc_arch_kvm_arg_ok(enum hc_kvm_arg kind, u64 val)
{
	return false;
}
#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * x86: the KVM hypercall numbers of kvm/call's policy (kernel/policy.c has
 * the rules).  The numbers are the KVM_HC_* of <linux/kvm_para.h>, written
 * out here so that the table also builds in userspace (the parser's
 * fuzzer); Documentation/kvm.rst has the same list.
 */

#ifdef __KERNEL__
#include <linux/cpumask.h>
#include <linux/smp.h>
#endif

#include "policy.h"

/* What an argument must be, beyond kernel/policy.c's kinds */
#define HC_ARG_APIC_ID	HC_ARG_ARCH0	/* the APIC id of a present vCPU */

const struct hc_kvm_rule hc_arch_kvm_rules[] = {
	/* at worst wake or yield to a vCPU of this guest */
	{ 1, HC_CMD_SAFE, { }, "KVM_HC_VAPIC_POLL_IRQ: a no-op" },
	{ 5, HC_CMD_SAFE, { HC_ARG_ZERO, HC_ARG_APIC_ID },
	  "KVM_HC_KICK_CPU: wakes a halted vCPU" },
	{ 11, HC_CMD_SAFE, { HC_ARG_APIC_ID },
	  "KVM_HC_SCHED_YIELD: yields to a vCPU" },
	/* a guest physical address that the host writes or remaps */
	{ 2, HC_CMD_FORBIDDEN, { }, "KVM_HC_MMU_OP: guest page tables" },
	{ 9, HC_CMD_FORBIDDEN, { },
	  "KVM_HC_CLOCK_PAIRING: the host writes a guest address" },
	{ 12, HC_CMD_FORBIDDEN, { },
	  "KVM_HC_MAP_GPA_RANGE: remaps guest memory" },
	/* any vector, NMI, INIT or SIPI to any vCPU: hangs or corrupts */
	{ 10, HC_CMD_FORBIDDEN, { }, "KVM_HC_SEND_IPI: any IPI to any vCPU" },
};

const unsigned int hc_arch_kvm_nrules = ARRAY_SIZE(hc_arch_kvm_rules);

#ifdef __KERNEL__
/* Is @apicid the APIC id of a present CPU, i.e. of a vCPU of this guest? */
static bool hc_apicid_present(u64 apicid)
{
	unsigned int cpu;

	for_each_present_cpu(cpu)
		if (cpu_physical_id(cpu) == apicid)
			return true;
	return false;
}

bool hc_arch_kvm_arg_ok(enum hc_kvm_arg kind, u64 val)
{
	return kind == HC_ARG_APIC_ID && hc_apicid_present(val);
}
#endif

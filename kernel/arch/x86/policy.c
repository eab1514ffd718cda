// SPDX-License-Identifier: GPL-2.0
/*
 * x86: the KVM hypercall numbers of kvm/call's policy, and the Palacios ids
 * of palacios/call's (kernel/policy.c has the rules).  The KVM numbers are
 * the KVM_HC_* of <linux/kvm_para.h>, written out here so that the table
 * also builds in userspace (the parser's fuzzer); Documentation/kvm.rst has
 * the same list.
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

/*
 * palacios/call: the ids of Palacios's own handlers (the enum of
 * <hypercall/palacios.h>, from Palacios's vmm_hypercall.h), classed by what
 * each handler does (palacios/src/, at its last commit).  A handler that
 * returns an error stops the VM (the exit handler fails: VM_ERROR).  The
 * safe ones read no argument and only write registers, so any argument
 * keeps them safe; under KVM (a forced palacios_mode) they are
 * KVM_HC_VAPIC_POLL_IRQ (1) and numbers KVM does not know.  Other ids (the
 * extensions') are unsafe.  Documentation/palacios.rst has the same list.
 */
#define HC_ANY4	{ HC_ARG_ANY, HC_ARG_ANY, HC_ARG_ANY, HC_ARG_ANY }

const struct hc_kvm_rule hc_x86_palacios_rules[] = {
	{ 0x0001, HC_CMD_SAFE, HC_ANY4,
	  "TEST_HCALL: sets RBX..RDI to 0x1111..0x5555" },
	{ 0xba01, HC_CMD_SAFE, HC_ANY4,
	  "BALLOON_QUERY: the balloon's page counts in RCX, RDX" },
	{ 0xd000, HC_CMD_SAFE, HC_ANY4,
	  "TIME_CPUFREQ: the guest's CPU frequency in RBX" },
	{ 0xd001, HC_CMD_SAFE, HC_ANY4,
	  "TIME_RDHTSC: the host's time stamp in RBX" },
	{ 0x3000, HC_CMD_UNSAFE, { },
	  "GUEST_INFO: dumps the guest's state into the host's log" },
	{ 0x3001, HC_CMD_UNSAFE, { },
	  "TELEMETRY: no handler in Palacios's source" },
	{ 0xba00, HC_CMD_UNSAFE, { },
	  "BALLOON_START: sets the balloon's target size" },
	/* the handler fails: Palacios stops the VM */
	{ 0x1000, HC_CMD_FORBIDDEN, { }, "MEM_OFFSET: always fails" },
	{ 0x0536, HC_CMD_FORBIDDEN, { }, "SYMCALL_ERR: always fails" },
	/* the guest kernel's side of a symbiotic call */
	{ 0x0535, HC_CMD_FORBIDDEN, { },
	  "SYMCALL_RET: ends the host's call into the guest kernel" },
	/* guest addresses that the host reads or writes */
	{ 0x0600, HC_CMD_FORBIDDEN, { },
	  "SYMMOD_SYMS: the host reads a guest symbol table" },
	{ 0xc0c0, HC_CMD_FORBIDDEN, { },
	  "OS_DEBUG: the host reads a guest buffer" },
	{ 0xe000, HC_CMD_FORBIDDEN, { },
	  "VNET_HEADER_QUERY: the host reads and writes guest memory" },
	{ 0xf00d, HC_CMD_FORBIDDEN, { },
	  "HVM: resets the VM, or reads and writes guest memory" },
};

const unsigned int hc_x86_palacios_nrules = ARRAY_SIZE(hc_x86_palacios_rules);

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

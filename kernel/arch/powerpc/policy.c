// SPDX-License-Identifier: GPL-2.0
/*
 * PowerPC: the hypercall numbers of kvm/call's policy (kernel/policy.c has
 * the rules).  A number is the token that goes into r11, vendor << 16 |
 * number: KVM's, KVM_HCALL_TOKEN(KVM_HC_*) of <asm/kvm_para.h> (vendor
 * 42), and the ePAPR ones, EV_HCALL_TOKEN(EV_*) of <asm/epapr_hcalls.h>
 * (vendor 1), written out here so that the table also builds in userspace
 * (the parser's fuzzer); Documentation/kvm.rst has the same list.  KVM
 * itself (kvmppc_kvm_pv() in arch/powerpc/kvm/powerpc.c) answers
 * KVM_HC_FEATURES, KVM_HC_PPC_MAP_MAGIC_PAGE and EV_IDLE, and 12
 * (EV_UNIMPLEMENTED) to everything else; the other EV_* are those of
 * ePAPR hypervisors that are not KVM.
 */

#include "policy.h"

#define HC_KVM_TOKEN(nr)	(42U << 16 | (nr))
#define HC_EV_TOKEN(nr)		(1U << 16 | (nr))

const struct hc_kvm_rule hc_arch_kvm_rules[] = {
	/* queries: they change nothing */
	{ HC_KVM_TOKEN(3), HC_CMD_SAFE, { },
	  "KVM_HC_FEATURES: the host's feature bits, in r4" },
	{ HC_EV_TOKEN(3), HC_CMD_SAFE, { HC_ARG_ANY },
	  "EV_BYTE_CHANNEL_POLL: how much a byte channel holds" },
	{ HC_EV_TOKEN(5), HC_CMD_SAFE, { HC_ARG_ANY },
	  "EV_INT_GET_CONFIG: how an interrupt is configured" },
	{ HC_EV_TOKEN(7), HC_CMD_SAFE, { HC_ARG_ANY },
	  "EV_INT_GET_MASK: whether an interrupt is masked" },
	/* changes what the host or another partition sees */
	{ HC_EV_TOKEN(1), HC_CMD_UNSAFE, { },
	  "EV_BYTE_CHANNEL_SEND: writes to a byte channel (a console)" },
	{ HC_EV_TOKEN(16), HC_CMD_UNSAFE, { },
	  "EV_IDLE: waits for an interrupt (none may come: nohz_full)" },
	/* a guest physical address that the host maps and writes */
	{ HC_KVM_TOKEN(4), HC_CMD_FORBIDDEN, { },
	  "KVM_HC_PPC_MAP_MAGIC_PAGE: the host writes a guest address" },
	/* what the guest kernel's drivers own: input lost, interrupts lost */
	{ HC_EV_TOKEN(2), HC_CMD_FORBIDDEN, { },
	  "EV_BYTE_CHANNEL_RECEIVE: takes the console driver's input" },
	{ HC_EV_TOKEN(4), HC_CMD_FORBIDDEN, { },
	  "EV_INT_SET_CONFIG: reroutes an interrupt" },
	{ HC_EV_TOKEN(6), HC_CMD_FORBIDDEN, { },
	  "EV_INT_SET_MASK: masks an interrupt" },
	{ HC_EV_TOKEN(9), HC_CMD_FORBIDDEN, { },
	  "EV_INT_IACK: takes a pending interrupt" },
	{ HC_EV_TOKEN(10), HC_CMD_FORBIDDEN, { },
	  "EV_INT_EOI: ends an interrupt its handler has not" },
	{ HC_EV_TOKEN(12), HC_CMD_FORBIDDEN, { },
	  "EV_INT_SET_TASK_PRIORITY: the interrupt controller's priority" },
	/* an interrupt to a vCPU or partition that expects none */
	{ HC_EV_TOKEN(11), HC_CMD_FORBIDDEN, { },
	  "EV_INT_SEND_IPI: an IPI to a vCPU" },
	{ HC_EV_TOKEN(14), HC_CMD_FORBIDDEN, { },
	  "EV_DOORBELL_SEND: a doorbell to another partition" },
	{ HC_EV_TOKEN(15), HC_CMD_FORBIDDEN, { },
	  "EV_MSGSND: a doorbell message to a vCPU" },
};

const unsigned int hc_arch_kvm_nrules = ARRAY_SIZE(hc_arch_kvm_rules);

#ifdef __KERNEL__
/* No kinds of argument of its own */
bool hc_arch_kvm_arg_ok(enum hc_kvm_arg kind, u64 val)
{
	return false;
}
#endif

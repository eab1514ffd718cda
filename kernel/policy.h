/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a script may run through debugfs: the one policy of the module
 * (policy.c, and each architecture's KVM hypercall numbers in its
 * policy.c).
 *
 * The tables are plain C, like parse.h, and build in userspace too (the
 * parser's fuzzer); hc_allow() and the checks of a KVM hypercall's
 * arguments are the kernel's only.
 */
#ifndef _HYPERCALL_POLICY_H
#define _HYPERCALL_POLICY_H

#include "parse.h"

/* What running a command may do, and so who may run it. */
enum hc_cmd_class {
	HC_CMD_SAFE,		/* side-effect free: runs by default */
	HC_CMD_UNSAFE,		/* changes state: only with unsafe=1 */
	HC_CMD_FORBIDDEN,	/* guest memory, firmware, devel: never */
};

/*
 * What a KVM hypercall's argument must be for the call to keep its safe
 * class (struct hc_kvm_rule).  HC_ARG_ZERO is 0, so every argument a rule
 * does not name must be 0; the architecture names and checks its own kinds
 * (x86: an APIC id of a present vCPU).
 */
enum hc_kvm_arg {
	HC_ARG_ZERO,
	HC_ARG_ANY,
	HC_ARG_ARCH0,
	HC_ARG_ARCH1,
};

/**
 * struct hc_kvm_rule - one hypercall number of a table: the architecture's
 * KVM numbers, or x86's Palacios ids
 * @nr: the number
 * @cls: its class; a safe one only in the form @arg describes
 * @arg: for a safe @nr, what each argument must be (HC_ARG_*)
 * @why: why, in a few words (also what Documentation/kvm.rst says)
 */
struct hc_kvm_rule {
	u32 nr;
	enum hc_cmd_class cls;
	enum hc_kvm_arg arg[HC_KVM_MAX_ARGS];
	const char *why;
};

/*
 * The architecture's table (kernel/arch/<arch>/policy.c), and a check of
 * its own kinds of argument; a number not in the table is unsafe.
 */
extern const struct hc_kvm_rule hc_arch_kvm_rules[];
extern const unsigned int hc_arch_kvm_nrules;

/* x86's Palacios ids (kernel/arch/x86/policy.c), by the same rules */
extern const struct hc_kvm_rule hc_x86_palacios_rules[];
extern const unsigned int hc_x86_palacios_nrules;

const char *hc_vmware_cmd_names(unsigned int i, u32 *cmd);
const char *hc_vmware_cmd_name(u32 cmd);
enum hc_cmd_class hc_vmware_cmd_class(u32 cmd);
enum hc_cmd_class hc_rpc_cmd_class(const char *cmd, size_t len);
enum hc_cmd_class hc_kvm_nr_class(u32 nr);
enum hc_cmd_class hc_rules_nr_class(const struct hc_kvm_rule *rules,
				    unsigned int n, u32 nr);

#ifdef __KERNEL__
bool hc_arch_kvm_arg_ok(enum hc_kvm_arg kind, u64 val);
enum hc_cmd_class hc_rules_req_class(const struct hc_kvm_rule *rules,
				     unsigned int n,
				     const struct hc_kvm_req *req);
enum hc_cmd_class hc_kvm_req_class(const struct hc_kvm_req *req);
int hc_allow(enum hc_cmd_class cls);
#endif

#endif /* _HYPERCALL_POLICY_H */

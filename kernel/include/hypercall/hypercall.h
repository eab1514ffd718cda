/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared machinery of the hypercall module's inline API.
 *
 * Every hypercall instruction in this module, and in every module that uses
 * <hypercall/kvm.h> (or, on x86, <hypercall/vmware.h>), sits behind static
 * keys (jump labels).  The module enables the key of one transport per ABI
 * when it loads; the kernel then rewrites each site's NOP/JMP so that
 * execution falls straight into the selected instruction.  A consumer module
 * that is loaded later has its own sites rewritten by the module loader,
 * because its __jump_table entries point at the keys exported here.  No
 * hypercall site tests a variable or calls through a pointer to pick its
 * transport.
 *
 * Every instruction also has an exception-table entry (the architecture's
 * <hypercall/arch/hypercall.h>): a forced transport that the machine does
 * not have, or a hypercall the host rejects, is an error return, counted by
 * __hc_fault(), never an oops.
 *
 * Nothing in this file is API: consumers include <hypercall/kvm.h> or
 * <hypercall/vmware.h>.
 */
#ifndef _HYPERCALL_HYPERCALL_H
#define _HYPERCALL_HYPERCALL_H

#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <hypercall/arch/hypercall.h>

/**
 * enum hc_abi - the hypercall ABIs this module serves
 * @HC_ABI_VMWARE: the VMware backdoor (x86)
 * @HC_ABI_KVM: KVM hypercalls
 * @HC_ABI_PALACIOS: Palacios (V3VEE) hypercalls (x86)
 * @HC_ABI_NR: number of ABIs
 *
 * Each architecture serves the ABIs its folder implements; the others have
 * no transport there.
 */
enum hc_abi {
	HC_ABI_VMWARE,
	HC_ABI_KVM,
	HC_ABI_PALACIOS,
	HC_ABI_NR
};

/* Counts a fixed-up fault (cold path of the inline API). */
void __hc_fault(enum hc_abi abi);

#endif /* _HYPERCALL_HYPERCALL_H */

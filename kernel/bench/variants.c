// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_bench: the variants that need nothing but this module.
 *
 * (b) the inline API, as any consumer module uses it: the instruction sits
 *     here, behind hypercall.ko's static keys, patched when this module
 *     loaded;
 * (c) the reference: the bare instruction with its operands, in inline asm,
 *     the least any caller can do (bench.h);
 * (d) what patching avoids: the same bare instruction in one function per
 *     transport, reached through a function pointer set at run time.  On
 *     kernels built with retpolines (Debian's) the call goes through
 *     __x86_indirect_thunk_*, and the return through the return thunk,
 *     whatever the kernel patched them to for this CPU;
 * (e) the least any exported function costs: the same functions as (d),
 *     called directly.
 */

#include <linux/compiler.h>

#include "bench.h"

/* (b) */
HC_BENCH_VMW_LOOP(hc_bench_vmw_inline, hc_vmware_hypercall3)
HC_BENCH_KVM_LOOP(hc_bench_kvm_inline, hc_kvm_hypercall0)

/* (c) */
static HC_BENCH_VMW_LOOP(hc_bench_vmw_asm_ioport, hc_bench_vmw3_ioport)
static HC_BENCH_VMW_LOOP(hc_bench_vmw_asm_vmcall, hc_bench_vmw3_vmcall)
static HC_BENCH_VMW_LOOP(hc_bench_vmw_asm_vmmcall, hc_bench_vmw3_vmmcall)
static HC_BENCH_KVM_LOOP(hc_bench_kvm_asm_vmcall, hc_bench_kvm0_vmcall)
static HC_BENCH_KVM_LOOP(hc_bench_kvm_asm_vmmcall, hc_bench_kvm0_vmmcall)

/**
 * hc_bench_vmw_asm() - variant (c) for VMware
 * @insn: the instruction of hypercall.ko's VMware transport
 *
 * Return: the loop, or NULL for HC_BENCH_NONE.
 */
hc_bench_loop hc_bench_vmw_asm(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_IOPORT:
		return hc_bench_vmw_asm_ioport;
	case HC_BENCH_VMCALL:
		return hc_bench_vmw_asm_vmcall;
	case HC_BENCH_VMMCALL:
		return hc_bench_vmw_asm_vmmcall;
	default:
		return NULL;
	}
}

/**
 * hc_bench_kvm_asm() - variant (c) for KVM
 * @insn: the instruction of hypercall.ko's KVM transport
 *
 * Return: the loop, or NULL where KVM has no such instruction.
 */
hc_bench_loop hc_bench_kvm_asm(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_VMCALL:
		return hc_bench_kvm_asm_vmcall;
	case HC_BENCH_VMMCALL:
		return hc_bench_kvm_asm_vmmcall;
	default:
		return NULL;
	}
}

/* (d): the pointer, and (e) */
typedef unsigned long (*hc_bench_vmw3_fn)(unsigned long cmd,
					  unsigned long in1,
					  u32 *out1, u32 *out2);
typedef long (*hc_bench_kvm0_fn)(unsigned int nr);

static hc_bench_vmw3_fn hc_bench_vmw3;
static hc_bench_kvm0_fn hc_bench_kvm0;

static HC_BENCH_VMW_LOOP(hc_bench_vmw_indirect_loop, hc_bench_vmw3)
static HC_BENCH_KVM_LOOP(hc_bench_kvm_indirect_loop, hc_bench_kvm0)

static HC_BENCH_VMW_LOOP(hc_bench_vmw_call_ioport, hc_bench_vmw3_ioport_fn)
static HC_BENCH_VMW_LOOP(hc_bench_vmw_call_vmcall, hc_bench_vmw3_vmcall_fn)
static HC_BENCH_VMW_LOOP(hc_bench_vmw_call_vmmcall, hc_bench_vmw3_vmmcall_fn)
static HC_BENCH_KVM_LOOP(hc_bench_kvm_call_vmcall, hc_bench_kvm0_vmcall_fn)
static HC_BENCH_KVM_LOOP(hc_bench_kvm_call_vmmcall, hc_bench_kvm0_vmmcall_fn)

/**
 * hc_bench_vmw_indirect() - variant (d) for VMware
 * @insn: the instruction of hypercall.ko's VMware transport
 *
 * Points the function pointer at that instruction's function.
 *
 * Return: the loop, or NULL for HC_BENCH_NONE.
 */
hc_bench_loop hc_bench_vmw_indirect(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_IOPORT:
		WRITE_ONCE(hc_bench_vmw3, hc_bench_vmw3_ioport_fn);
		break;
	case HC_BENCH_VMCALL:
		WRITE_ONCE(hc_bench_vmw3, hc_bench_vmw3_vmcall_fn);
		break;
	case HC_BENCH_VMMCALL:
		WRITE_ONCE(hc_bench_vmw3, hc_bench_vmw3_vmmcall_fn);
		break;
	default:
		return NULL;
	}
	return hc_bench_vmw_indirect_loop;
}

/**
 * hc_bench_kvm_indirect() - variant (d) for KVM
 * @insn: the instruction of hypercall.ko's KVM transport
 *
 * Points the function pointer at that instruction's function.
 *
 * Return: the loop, or NULL where KVM has no such instruction.
 */
hc_bench_loop hc_bench_kvm_indirect(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_VMCALL:
		WRITE_ONCE(hc_bench_kvm0, hc_bench_kvm0_vmcall_fn);
		break;
	case HC_BENCH_VMMCALL:
		WRITE_ONCE(hc_bench_kvm0, hc_bench_kvm0_vmmcall_fn);
		break;
	default:
		return NULL;
	}
	return hc_bench_kvm_indirect_loop;
}

/**
 * hc_bench_vmw_call() - variant (e) for VMware
 * @insn: the instruction of hypercall.ko's VMware transport
 *
 * Return: the loop, or NULL for HC_BENCH_NONE.
 */
hc_bench_loop hc_bench_vmw_call(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_IOPORT:
		return hc_bench_vmw_call_ioport;
	case HC_BENCH_VMCALL:
		return hc_bench_vmw_call_vmcall;
	case HC_BENCH_VMMCALL:
		return hc_bench_vmw_call_vmmcall;
	default:
		return NULL;
	}
}

/**
 * hc_bench_kvm_call() - variant (e) for KVM
 * @insn: the instruction of hypercall.ko's KVM transport
 *
 * Return: the loop, or NULL where KVM has no such instruction.
 */
hc_bench_loop hc_bench_kvm_call(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_VMCALL:
		return hc_bench_kvm_call_vmcall;
	case HC_BENCH_VMMCALL:
		return hc_bench_kvm_call_vmmcall;
	default:
		return NULL;
	}
}


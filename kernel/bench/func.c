// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_bench: what lives on a page of its own.
 *
 * - the reference instruction in a function of its own, one per transport:
 *   the targets of (d), and what (e) calls directly;
 * - (z) the reference loop (c) again, a second copy at another address: how
 *   far apart two identical loops measure on this machine.
 *
 * All of it is in a section of its own that starts a page: an exported
 * function lives in another module, so on another page than its callers,
 * and that matters under TCG, which chains a direct jump to the next block
 * of translated code only within a page.  The section is aligned by the
 * asm statement below, at its start, where aligning pads nothing (GAS pads
 * code with a jump over the padding, which objtool calls unreachable).
 */

#include <linux/compiler.h>

#include "bench.h"

#define HC_BENCH_PAGE	__section(".text.hc_bench_page")

asm(".pushsection .text.hc_bench_page, \"ax\", @progbits\n\t"
	".balign 4096\n\t"
	".popsection");

HC_BENCH_PAGE
unsigned long hc_bench_vmw3_ioport_fn(unsigned long cmd, unsigned long in1,
				      u32 *out1, u32 *out2)
{
	return hc_bench_vmw3_ioport(cmd, in1, out1, out2);
}

HC_BENCH_PAGE
unsigned long hc_bench_vmw3_vmcall_fn(unsigned long cmd, unsigned long in1,
				      u32 *out1, u32 *out2)
{
	return hc_bench_vmw3_vmcall(cmd, in1, out1, out2);
}

HC_BENCH_PAGE
unsigned long hc_bench_vmw3_vmmcall_fn(unsigned long cmd, unsigned long in1,
				       u32 *out1, u32 *out2)
{
	return hc_bench_vmw3_vmmcall(cmd, in1, out1, out2);
}

HC_BENCH_PAGE
long hc_bench_kvm0_vmcall_fn(unsigned int nr)
{
	return hc_bench_kvm0_vmcall(nr);
}

HC_BENCH_PAGE
long hc_bench_kvm0_vmmcall_fn(unsigned int nr)
{
	return hc_bench_kvm0_vmmcall(nr);
}

/* (z) */
static HC_BENCH_PAGE HC_BENCH_VMW_LOOP(hc_bench_vmw_again_ioport, hc_bench_vmw3_ioport)
static HC_BENCH_PAGE HC_BENCH_VMW_LOOP(hc_bench_vmw_again_vmcall, hc_bench_vmw3_vmcall)
static HC_BENCH_PAGE HC_BENCH_VMW_LOOP(hc_bench_vmw_again_vmmcall, hc_bench_vmw3_vmmcall)
static HC_BENCH_PAGE HC_BENCH_KVM_LOOP(hc_bench_kvm_again_vmcall, hc_bench_kvm0_vmcall)
static HC_BENCH_PAGE HC_BENCH_KVM_LOOP(hc_bench_kvm_again_vmmcall, hc_bench_kvm0_vmmcall)

/**
 * hc_bench_vmw_again() - variant (z) for VMware
 * @insn: the instruction of hypercall.ko's VMware transport
 *
 * Return: the loop, or NULL for HC_BENCH_NONE.
 */
hc_bench_loop hc_bench_vmw_again(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_IOPORT:
		return hc_bench_vmw_again_ioport;
	case HC_BENCH_VMCALL:
		return hc_bench_vmw_again_vmcall;
	case HC_BENCH_VMMCALL:
		return hc_bench_vmw_again_vmmcall;
	default:
		return NULL;
	}
}

/**
 * hc_bench_kvm_again() - variant (z) for KVM
 * @insn: the instruction of hypercall.ko's KVM transport
 *
 * Return: the loop, or NULL where KVM has no such instruction.
 */
hc_bench_loop hc_bench_kvm_again(enum hc_bench_insn insn)
{
	switch (insn) {
	case HC_BENCH_VMCALL:
		return hc_bench_kvm_again_vmcall;
	case HC_BENCH_VMMCALL:
		return hc_bench_kvm_again_vmmcall;
	default:
		return NULL;
	}
}

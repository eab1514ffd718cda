/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PowerPC: the hypercall site and its fixups.  Not API: included by
 * <hypercall/hypercall.h>.
 *
 * The hypercall is not one instruction but the sequence of up to four that
 * the device tree's /hypervisor node gives in "hcall-instructions" (ePAPR;
 * Linux Documentation/virt/kvm/ppc-pv.rst).  The kernel installs it in one
 * function, epapr_hypercall_start, and calls that; this module installs it
 * in every call site instead, its own and its consumers', when each module
 * loads (kernel/arch/powerpc/sites.c):
 *
 *   1:  b     5f       static branch of __hc_kvm_epapr: a nop when the
 *                      transport is epapr, so execution falls into
 *   2:  4 words        the sequence (a trap until it is installed)
 *       li    r12, 0   the call was made
 *   3:  ...
 *   out of line:
 *   5:  li    r12, 1   no transport; back to 3
 *   4:  li    r12, -1  the sequence faulted; back to 3
 *
 * The site's entry in __jump_table, which the kernel keeps for every module
 * (struct module's jump_entries), is how sites.c finds the four words:
 * they follow the entry's code; the fault path is 8 bytes after its target.
 *
 * Faults: each of the four words has an exception-table entry to 4, which
 * the kernel's page-fault path honours (bad_page_fault(): a sequence that
 * loads from a bad address).  A program check is another matter:
 * do_program_check() (arch/powerpc/kernel/traps.c, 6.1 and 6.12) never
 * reads the exception table.  For a trap it first calls the DIE_BPT die
 * notifiers, and sites.c has one that sends a trap inside a site to 4.  An
 * illegal or privileged instruction, or "sc" from kernel mode
 * (system_call_exception()'s BUG_ON), kills the task with an oops before
 * any hook runs: no module can turn those into an error return.
 */
#ifndef _HYPERCALL_ARCH_HYPERCALL_H
#define _HYPERCALL_ARCH_HYPERCALL_H

#include <linux/stringify.h>
#include <asm/asm-const.h>
#include <asm/extable.h>
#include <asm/jump_label.h>

#ifndef CONFIG_JUMP_LABEL
#error "hypercall: PowerPC finds its call sites through jump labels (CONFIG_JUMP_LABEL)"
#endif

/* What a site holds until the sequence is installed: trap (tw 31,0,0) */
#define __HC_EPAPR_FILL		0x7fe00008
/* What pads a sequence shorter than four words: nop (ori 0,0,0) */
#define __HC_EPAPR_NOP		0x60000000
/* The fault path (4) from the jump entry's target (5) */
#define __HC_EPAPR_FAULT_OFF	8

#define __HC_EPAPR_WORD	"	.long " __stringify(__HC_EPAPR_FILL) "\n\t"

/*
 * __HC_EPAPR_SITE - the site above, as an asm string.  The asm statement
 * using it binds the number and arguments to r11 and r3..r10, takes r12 as
 * an output (0: made, 1: no transport, -1: faulted) and has the operand
 * [key], &__hc_kvm_epapr's static_key plus 1: its branch is "likely", as
 * in arch_static_branch_jump() (arch/powerpc/include/asm/jump_label.h),
 * whose jump entry this one is.
 */
#define __HC_EPAPR_SITE							\
	"1:	b	5f\n\t"						\
	__HC_EPAPR_WORD __HC_EPAPR_WORD __HC_EPAPR_WORD __HC_EPAPR_WORD	\
	EX_TABLE(1b + 4, 4f)						\
	EX_TABLE(1b + 8, 4f)						\
	EX_TABLE(1b + 12, 4f)						\
	EX_TABLE(1b + 16, 4f)						\
	"	li	12, 0\n"					\
	"3:\n\t"							\
	".pushsection .text.unlikely, \"ax\"\n"				\
	"5:	li	12, 1\n\t"					\
	"	b	3b\n"						\
	"4:	li	12, -1\n\t"					\
	"	b	3b\n\t"						\
	".if 4b - 5b - " __stringify(__HC_EPAPR_FAULT_OFF) "\n\t"	\
	".error \"hypercall: the fault path moved\"\n\t"		\
	".endif\n\t"							\
	".popsection\n\t"						\
	".pushsection __jump_table, \"aw\"\n\t"				\
	".long 1b - ., 5b - .\n\t"					\
	JUMP_ENTRY_TYPE "%c[key] - .\n\t"				\
	".popsection"

#endif /* _HYPERCALL_ARCH_HYPERCALL_H */

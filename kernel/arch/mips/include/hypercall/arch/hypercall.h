/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MIPS: the exception fixup of every hypercall instruction, and the
 * instruction itself.  Not API: included by <hypercall/hypercall.h>.
 *
 * A hypcall on a CPU without the VZ ASE (or one that runs no guest) is a
 * Reserved Instruction exception.  The kernel's do_ri()
 * (arch/mips/kernel/traps.c) does not consult the exception table: it
 * calls the die notifiers with DIE_RI, then kills the task, or oopses in
 * kernel mode.  So every site carries an ordinary MIPS __ex_table entry
 * {instruction, resume address}, and hypercall.ko's DIE_RI notifier
 * (kernel/arch/mips/fixup.c) does for the sites of this module and of the
 * modules that use it what the kernel's fixup_exception() does for a
 * faulting uaccess: it resumes at the entry's second address, and it also
 * sets the fault flag register, $3 (v1).
 */
#ifndef _HYPERCALL_ARCH_HYPERCALL_H
#define _HYPERCALL_ARCH_HYPERCALL_H

#include <linux/stringify.h>
#include <asm/asm.h>

/* The register the RI notifier sets to 1: the [fault] operand's */
#define HC_MIPS_FAULT_REG	3

/* hypcall with code 0: COP0, CO, code << 11, function 0x28 */
#define HC_MIPS_HYPCALL_WORD	0x42000028U

/*
 * __HC_INSN_SAFE() - one hypercall instruction with its exception fixup.
 * @insn: the instruction, as an asm string, with the local label "1:".
 *
 * The asm statement using it must have an output operand named [fault],
 * bound to $3 (register ... asm("$3")): it reads 0 after the instruction
 * completed, and 1 if it raised a Reserved Instruction exception that the
 * notifier fixed up, resuming at "2:", past the clearing.
 *
 * noreorder: the assembler must not move an instruction into or out of
 * the site.  A hypcall in a branch delay slot would report the branch's
 * address: the labels keep gas from swapping the site into the delay slot
 * of a branch that follows, and GCC never puts an asm statement in one.
 */
#define __HC_INSN_SAFE(insn)						\
	".set push\n\t"							\
	".set noreorder\n\t"						\
	insn "\n\t"							\
	"or %[fault], $0, $0\n"						\
	"2:\n\t"							\
	".set pop\n\t"							\
	".pushsection __ex_table, \"a\"\n\t"				\
	__stringify(PTR_WD) " 1b, 2b\n\t"				\
	".popsection"

/* The instruction, written once for production code and tests. */
#define __HC_HYPCALL	".set virt\n1:\thypcall"

#endif /* _HYPERCALL_ARCH_HYPERCALL_H */

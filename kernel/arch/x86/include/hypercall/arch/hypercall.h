/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86: the exception fixup of every hypercall instruction, and the
 * instructions themselves.  Not API: included by <hypercall/hypercall.h>.
 *
 * Every instruction has an exception-table entry: if a forced transport
 * is wrong for the machine (vmcall on AMD, vmmcall on Intel, no hypervisor),
 * the #UD or #GP is fixed up into an error return and counted, instead of
 * an oops.  The fixup is the kernel's own EX_TYPE_ONE_REG: it sets a flag
 * register that the success path clears right after the instruction.  The
 * VMware high-bandwidth sites, where a page fault is the caller's buffer,
 * use EX_TYPE_FAULT, which also says which exception it was.
 */
#ifndef _HYPERCALL_ARCH_HYPERCALL_H
#define _HYPERCALL_ARCH_HYPERCALL_H

#include <linux/stringify.h>
#include <asm/asm.h>
#include <asm/extable_fixup_types.h>

/*
 * __HC_INSN_SAFE() - one hypercall instruction with its exception fixup.
 * @insn: the instruction (and any setup), as an asm string; the instruction
 *        that may fault must carry the local label "1:".
 *
 * The asm statement using it must have an output operand named [fault]: it
 * reads 0 after the instruction completed, and 1 if the instruction raised
 * an exception that the fixup turned into a jump to label "2:".
 */
#define __HC_INSN_SAFE(insn)						\
	insn "\n\t"							\
	"xor %k[fault], %k[fault]\n"					\
	"2:\n\t"							\
	_ASM_EXTABLE_TYPE_REG(1b, 2b, EX_TYPE_ONE_REG, %[fault])

/*
 * __HC_INSN_TRAP() - the same, telling the exception: the fixup is the
 * kernel's EX_TYPE_FAULT (ex_handler_fault() in arch/x86/mm/extable.c, the
 * same in 6.1 and 6.12), which puts the trap number (X86_TRAP_*) in RAX and
 * resumes at "2:", past the clearing of the flag.  So [fault] must be a
 * register that is not 0 before the instruction, and the instruction must
 * not take its output in RAX as the answer when [fault] is set.
 */
#define __HC_INSN_TRAP(insn)						\
	insn "\n\t"							\
	"xor %k[fault], %k[fault]\n"					\
	"2:\n\t"							\
	_ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_FAULT)

/* The instruction bytes, written once for production code and tests. */
#define __HC_VMCALL	"1: vmcall"
#define __HC_VMMCALL	"1: vmmcall"

#endif /* _HYPERCALL_ARCH_HYPERCALL_H */

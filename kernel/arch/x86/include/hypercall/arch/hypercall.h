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
#include <asm/nops.h>

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
 * __HC_INSN_ZF() - one hypercall instruction with its exception fixup,
 * telling a fault by ZF, for the asm statements that must keep every
 * register they do not answer in.
 * @insn: the instruction, as an asm string, carrying the local label "1:";
 *        the asm statement must have set ZF before it (an "xor" or a "cmp"
 *        of a register with itself, with nothing that writes the flags in
 *        between)
 * @reg: a register that the asm statement answers in, as %%reg: it reads
 *       1 after a fault
 *
 * After the instruction completed, "test %rsp, %rsp" clears ZF: the stack
 * pointer is never 0.  An exception that the kernel fixes up from the
 * exception table (EX_TYPE_ONE_REG, which also sets @reg to 1) resumes at
 * "2:", past that test, with the flags as they were before the
 * instruction: ZF set.  The asm statement reads ZF with the flag output
 * "=@ccnz" (true: the call was made): a test and a branch, one instruction
 * less than clearing, testing and branching on a fault register, and no
 * register taken from the caller.
 */
#define __HC_INSN_ZF(insn, reg)						\
	insn "\n\t"							\
	"test %%rsp, %%rsp\n"						\
	"2:\n\t"							\
	_ASM_EXTABLE_TYPE_REG(1b, 2b, EX_TYPE_ONE_REG, reg)

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

/*
 * One __jump_table entry (struct jump_entry, the same in Linux 6.1 and
 * 6.12: the site, the target, the key with the branch bit) for the site at
 * label "1:": it jumps to @target while @key is enabled (branch 0, as
 * static_branch_unlikely() does), and is a NOP otherwise.
 */
#define __HC_JUMP_ENTRY(target, key)					\
	".pushsection __jump_table, \"aw\"\n\t"				\
	_ASM_ALIGN "\n\t"						\
	".long 1b - ., " target " - .\n\t"				\
	_ASM_PTR " " key " - .\n\t"					\
	".popsection\n\t"

/*
 * __HC_SITE3() - one static-key site for up to three transports, each
 * with its own key: a 5-byte NOP with one __jump_table entry per key.
 * While no key is enabled it is a NOP and execution goes on to what
 * follows (the slow path); the kernel patches it into a jump to @l1, @l2
 * or @l3 when @k1, @k2 or @k3 is enabled.  Each key's state rewrites only
 * its own entries, so the site is right while at most one of its keys is
 * enabled, which hc_keys_set() guarantees (it disables before it enables).
 * Every transport thus passes one site, whatever its place: a chain of
 * static_branch_likely() passes one per transport before its own.
 * @k1..@k3: the keys (struct static_key *), @l1..@l3: C labels.
 */
#define __HC_SITE3(k1, l1, k2, l2, k3, l3)				\
	asm goto("1: .byte " __stringify(BYTES_NOP5) "\n\t"		\
		 __HC_JUMP_ENTRY("%l[" #l1 "]", "%c0")			\
		 __HC_JUMP_ENTRY("%l[" #l2 "]", "%c1")			\
		 __HC_JUMP_ENTRY("%l[" #l3 "]", "%c2")			\
		 : : "i" (k1), "i" (k2), "i" (k3) : : l1, l2, l3)

/* __HC_SITE2() - the same for two transports */
#define __HC_SITE2(k1, l1, k2, l2)					\
	asm goto("1: .byte " __stringify(BYTES_NOP5) "\n\t"		\
		 __HC_JUMP_ENTRY("%l[" #l1 "]", "%c0")			\
		 __HC_JUMP_ENTRY("%l[" #l2 "]", "%c1")			\
		 : : "i" (k1), "i" (k2) : : l1, l2)

/* The instruction bytes, written once for production code and tests. */
#define __HC_VMCALL	"1: vmcall"
#define __HC_VMMCALL	"1: vmmcall"

#endif /* _HYPERCALL_ARCH_HYPERCALL_H */

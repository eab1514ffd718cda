/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw instructions for the simulated hypervisor's calibration and
 * self-tests.  See fake_hv.h.
 */

#include <linux/linkage.h>
#include <asm/asm.h>

/*
 * fake_hv_exec_*(unsigned long regs[16]) - run one instruction with every
 * general-purpose register but RSP loaded from @regs, store them back
 *
 * @regs is indexed by enum fake_hv_reg: 1 AX, 2 BX, 3 CX, 4 DX, 5 SI, 6 DI,
 * 7 BP, 8..15 R8..R15.  Returns 0 when the instruction completed, 1 when it
 * raised an exception that the exception table turned into a jump (the
 * registers are then stored as they were at the fault).
 */
#define R(n)	(8 * (n))

.macro FAKE_HV_EXEC insn:vararg
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			/* @regs */
	pushq	$1			/* fault, until the instruction completes */

	mov	R(1)(%rdi), %rax
	mov	R(2)(%rdi), %rbx
	mov	R(3)(%rdi), %rcx
	mov	R(4)(%rdi), %rdx
	mov	R(5)(%rdi), %rsi
	mov	R(7)(%rdi), %rbp
	mov	R(8)(%rdi), %r8
	mov	R(9)(%rdi), %r9
	mov	R(10)(%rdi), %r10
	mov	R(11)(%rdi), %r11
	mov	R(12)(%rdi), %r12
	mov	R(13)(%rdi), %r13
	mov	R(14)(%rdi), %r14
	mov	R(15)(%rdi), %r15
	mov	R(6)(%rdi), %rdi
1:	\insn
	movq	$0, (%rsp)
2:
	push	%rdi
	mov	16(%rsp), %rdi		/* @regs */
	mov	%rax, R(1)(%rdi)
	mov	%rbx, R(2)(%rdi)
	mov	%rcx, R(3)(%rdi)
	mov	%rdx, R(4)(%rdi)
	mov	%rsi, R(5)(%rdi)
	mov	%rbp, R(7)(%rdi)
	mov	%r8, R(8)(%rdi)
	mov	%r9, R(9)(%rdi)
	mov	%r10, R(10)(%rdi)
	mov	%r11, R(11)(%rdi)
	mov	%r12, R(12)(%rdi)
	mov	%r13, R(13)(%rdi)
	mov	%r14, R(14)(%rdi)
	mov	%r15, R(15)(%rdi)
	pop	%rax			/* the instruction's RDI */
	mov	%rax, R(6)(%rdi)
	pop	%rax			/* fault */
	pop	%rdi
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET
	_ASM_EXTABLE(1b, 2b)
.endm

SYM_FUNC_START(fake_hv_exec_vmcall)
	FAKE_HV_EXEC .byte 0x0f, 0x01, 0xc1
SYM_FUNC_END(fake_hv_exec_vmcall)

SYM_FUNC_START(fake_hv_exec_vmmcall)
	FAKE_HV_EXEC .byte 0x0f, 0x01, 0xd9
SYM_FUNC_END(fake_hv_exec_vmmcall)

SYM_FUNC_START(fake_hv_exec_tdcall)
	FAKE_HV_EXEC .byte 0x66, 0x0f, 0x01, 0xcc
SYM_FUNC_END(fake_hv_exec_tdcall)

/* UD0: an invalid opcode that is none of the above, and no BUG/WARN */
SYM_FUNC_START(fake_hv_exec_ud0)
	FAKE_HV_EXEC .byte 0x0f, 0xff
SYM_FUNC_END(fake_hv_exec_ud0)

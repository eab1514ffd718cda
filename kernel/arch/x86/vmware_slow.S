/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __HC_VMW_SLOW: the low-bandwidth call where no instruction serves it
 * (TDX, or no backdoor at all), with the interface of the instruction.
 * This interface is version 2 of the contract that the symbol's name
 * carries (<hypercall/vmware_slow.h>): change the version with it.
 *
 * The inline API (<hypercall/vmware.h>) calls it from inline asm, in place
 * of the hypercall instruction and with the same operands: the inputs in
 * RAX, RBX, RCX, RDX, RSI and RDI, the six outputs in the same registers.
 * Where the call was not made, RBX holds why instead: -ENODEV or -EINVAL,
 * sign-extended, which no answer is (TDX answers 32 bits in RBX).  Every
 * other register is preserved.  So the caller's outputs stay in registers
 * on every path: a C function taking output pointers would put them on
 * the stack for the fast path too; and no register beyond the
 * instruction's is taken from the caller.  (Version 1 put the status in
 * R8.)
 *
 * The registers go to hc_vmware_slow() as a struct hc_vmware_regs built on
 * the stack: ax is pushed last, so it is the first member.
 */

#include <linux/linkage.h>
#include <asm/frame.h>
#include <hypercall/vmware_slow.h>

	.text
SYM_FUNC_START(__HC_VMW_SLOW)
	FRAME_BEGIN
	/* caller-saved registers that the asm statement does not clobber */
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	/* struct hc_vmware_regs: di, si, dx, cx, bx, ax from the top down */
	push	%rdi
	push	%rsi
	push	%rdx
	push	%rcx
	push	%rbx
	push	%rax
	mov	%rsp, %rdi
	call	hc_vmware_slow
	movslq	%eax, %r8		/* 0, or a negative errno */
	pop	%rax
	pop	%rbx
	pop	%rcx
	pop	%rdx
	pop	%rsi
	pop	%rdi
	test	%r8, %r8
	cmovnz	%r8, %rbx		/* not made: RBX says why */
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	FRAME_END
	RET
SYM_FUNC_END(__HC_VMW_SLOW)

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A trampoline that catches callee-saved registers a function under test
 * fails to restore.  See call_checked.h.
 */

#include <linux/linkage.h>
#include <asm/nospec-branch.h>

/*
 * call_checked(struct call_checked *c) - call c->fn(c->args[0..7]) with
 * canaries in the callee-saved registers, and report those it changed
 *
 * struct call_checked { fn; args[8]; ret; changed; } (call_checked.h):
 * c->ret gets RAX; c->changed bit 0 RBX, 1 RBP, 2 R12, 3 R13, 4 R14, 5 R15.
 * Arguments 6 and 7 go on the stack, as the x86-64 ABI passes them.
 */
#define CC_FN		0
#define CC_ARG(n)	(8 + 8 * (n))
#define CC_RET		72
#define CC_CHANGED	80

#define CANARY_BX	0x5ca1ab1e0000b0b0
#define CANARY_BP	0x5ca1ab1e0000b9b9
#define CANARY_R12	0x5ca1ab1e00001212
#define CANARY_R13	0x5ca1ab1e00001313
#define CANARY_R14	0x5ca1ab1e00001414
#define CANARY_R15	0x5ca1ab1e00001515

.macro CC_CHECK reg:req canary:req bit:req
	movabs	$\canary, %rdx
	cmp	%rdx, %\reg
	je	.Lcc_ok_\@
	or	$(1 << \bit), %ecx
.Lcc_ok_\@:
.endm

SYM_FUNC_START(call_checked)
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			/* @c; the stack is now 16-byte aligned */
	pushq	CC_ARG(7)(%rdi)
	pushq	CC_ARG(6)(%rdi)

	movabs	$CANARY_BX, %rbx
	movabs	$CANARY_BP, %rbp
	movabs	$CANARY_R12, %r12
	movabs	$CANARY_R13, %r13
	movabs	$CANARY_R14, %r14
	movabs	$CANARY_R15, %r15

	mov	%rdi, %rax
	mov	CC_FN(%rax), %r11
	mov	CC_ARG(0)(%rax), %rdi
	mov	CC_ARG(1)(%rax), %rsi
	mov	CC_ARG(2)(%rax), %rdx
	mov	CC_ARG(3)(%rax), %rcx
	mov	CC_ARG(4)(%rax), %r8
	mov	CC_ARG(5)(%rax), %r9
	CALL_NOSPEC r11
	add	$16, %rsp
	pop	%rdi
	mov	%rax, CC_RET(%rdi)

	xor	%ecx, %ecx
	CC_CHECK rbx, CANARY_BX, 0
	CC_CHECK rbp, CANARY_BP, 1
	CC_CHECK r12, CANARY_R12, 2
	CC_CHECK r13, CANARY_R13, 3
	CC_CHECK r14, CANARY_R14, 4
	CC_CHECK r15, CANARY_R15, 5
	mov	%rcx, CC_CHANGED(%rdi)

	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET
SYM_FUNC_END(call_checked)

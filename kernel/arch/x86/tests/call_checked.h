/* SPDX-License-Identifier: GPL-2.0 */
/*
 * call_checked(): call a function through an assembly trampoline that puts
 * canaries in the callee-saved registers (RBX, RBP, R12..R15) and reports
 * the ones that did not survive.  A hypercall wrapper whose asm lets the
 * hypervisor change one of them without telling the compiler (a missing
 * output or clobber) returns with a canary gone.  The function is called
 * with its real arguments (up to 8), so exported functions are called
 * directly, and inline wrappers through a noinline function with the same
 * signature.
 */
#ifndef _HYPERCALL_TESTS_CALL_CHECKED_H
#define _HYPERCALL_TESTS_CALL_CHECKED_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

#define CALL_CHECKED_BX		BIT(0)
#define CALL_CHECKED_BP		BIT(1)
#define CALL_CHECKED_R12	BIT(2)
#define CALL_CHECKED_R13	BIT(3)
#define CALL_CHECKED_R14	BIT(4)
#define CALL_CHECKED_R15	BIT(5)

/**
 * struct call_checked - one call through the trampoline
 * @fn: the function
 * @args: its arguments, in order (integers and pointers)
 * @ret: RAX on return
 * @changed: CALL_CHECKED_* bits of the callee-saved registers that did
 *           not hold their value across the call
 */
struct call_checked {
	const void *fn;
	unsigned long args[8];
	unsigned long ret;
	unsigned long changed;
};

/* The layout call_checked.S relies on */
static_assert(offsetof(struct call_checked, args) == 8);
static_assert(offsetof(struct call_checked, ret) == 72);
static_assert(offsetof(struct call_checked, changed) == 80);

void call_checked(struct call_checked *c);

#endif /* _HYPERCALL_TESTS_CALL_CHECKED_H */

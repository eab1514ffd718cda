/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Noinline homes for the inline API, so that call_checked() can call an
 * inline wrapper as it calls the export: through a function of its own,
 * with the export's signature.
 */
#ifndef _HYPERCALL_TESTS_INLINE_HOME_H
#define _HYPERCALL_TESTS_INLINE_HOME_H

#include <linux/compiler_attributes.h>

/**
 * DEFINE_INLINE_HOME_FIRST() - a noinline home for an inline wrapper, and a
 *	twin that makes the call twice in a row
 * @name: the home; the twin is named @name followed by _twice
 * @wrapper: the inline wrapper
 * @type: what the wrapper returns
 * @params: the parameter list of the export, in parentheses
 * @args: the names of those parameters, in parentheses
 * @first: the twin's first call, with the same inputs as the second: where
 *	the call writes an argument (an in/out struct), it works on a copy
 *
 * The twin catches a wrapper whose asm lets the hypervisor change a
 * register without telling the compiler (a missing output or clobber):
 * where the compiler keeps a value it needs again in that register, it
 * reuses it for the second call, which then carries the simulated host's
 * answer instead of the input.
 */
#define DEFINE_INLINE_HOME_FIRST(name, wrapper, type, params, args, first...) \
static noinline type name params					\
{									\
	return wrapper args;						\
}									\
									\
static noinline type name##_twice params				\
{									\
	first;								\
	return wrapper args;						\
}

/**
 * DEFINE_INLINE_HOME() - DEFINE_INLINE_HOME_FIRST() for a wrapper that
 *	writes no argument: the twin's first call is the same call
 * @name: the home; the twin is named @name followed by _twice
 * @wrapper: the inline wrapper
 * @type: what the wrapper returns
 * @params: the parameter list of the export, in parentheses
 * @args: the names of those parameters, in parentheses
 */
#define DEFINE_INLINE_HOME(name, wrapper, type, params, args)		\
	DEFINE_INLINE_HOME_FIRST(name, wrapper, type, params, args,	\
				 wrapper args)

#endif /* _HYPERCALL_TESTS_INLINE_HOME_H */

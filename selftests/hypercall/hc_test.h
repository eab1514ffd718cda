/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the C kselftests of the hypercall module.
 */
#ifndef HC_TEST_H
#define HC_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HC_DEBUGFS "/sys/kernel/debug/hypercall"

/* Mode bits of a file, or -1. */
static inline int hc_file_mode(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

/* A module parameter read as a boolean (Y/N). */
static inline int hc_param_bool(const char *name)
{
	char path[128], c = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/hypercall/parameters/%s",
		 name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fread(&c, 1, 1, f) != 1)
		c = 0;
	fclose(f);
	return c == 'Y' || c == '1';
}

/*
 * Make sure the module is loaded (with @params if this loads it), or skip
 * the test: the module lives in $HC_MODULE_DIR (the test guests) or the
 * running kernel's modules.
 */
#define hc_load_or_skip(_metadata, params)				\
do {									\
	char __cmd[512];						\
	const char *__dir = getenv("HC_MODULE_DIR");			\
									\
	if (geteuid())							\
		SKIP(return, "needs root");				\
	if (access("/sys/module/hypercall", F_OK)) {			\
		if (__dir)						\
			snprintf(__cmd, sizeof(__cmd),			\
				 "insmod %s/hypercall.ko %s", __dir,	\
				 params);				\
		else							\
			snprintf(__cmd, sizeof(__cmd),			\
				 "modprobe hypercall %s", params);	\
		if (system(__cmd))					\
			SKIP(return, "cannot load the module: %s", __cmd); \
	}								\
} while (0)

#endif /* HC_TEST_H */

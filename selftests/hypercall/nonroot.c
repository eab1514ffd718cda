// SPDX-License-Identifier: GPL-2.0
/*
 * A user other than root cannot open any of the module's files: not its
 * debugfs files (info 0400, the named files 0400, the call files 0600, the
 * guestinfo files 0400, all root's), not the writable parameter "unsafe"
 * (0600), not the sample consumers' parameters (VMware 0400, KVM 0600),
 * which make hypercalls when read.
 *
 * Two layers keep "nobody" (uid and gid 65534) out, and each is tested on
 * its own: debugfs itself (its root is 0700 unless mounted otherwise), and
 * the modes the module gives its files, with debugfs opened up to 0755 for
 * the second test (restored afterwards).  The files are found by walking
 * the module's debugfs tree as root, so a file added later is covered, and
 * the walk must find at least the files that exist today.
 *
 * The read-only parameters vmware_mode and kvm_mode (0444) are readable by
 * everyone, as every module's parameters are; they make no call.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest.h"
#include "hc_lib.h"

#define DEBUGFS		"/sys/kernel/debug"
#define NOBODY		65534
#define MAX_FILES	64

/*
 * The files of today, and the sample consumers' parameters (x86: VMware;
 * PowerPC: the calls with outputs)
 */
static const char *const known[] = {
	HC_DEBUGFS "/info", HC_DEBUGFS "/kvm/call",
#if defined(__x86_64__)
	HC_DEBUGFS "/vmware/call", HC_DEBUGFS "/vmware/version",
	HC_DEBUGFS "/vmware/rpc", HC_DEBUGFS "/kvm/clock_pairing",
	HC_DEBUGFS "/vmware/guestinfo/metadata", HC_DEBUGFS "/palacios/call",
#endif
};

static const char *const params[] = {
	HC_PARAMS "/unsafe",
	"/sys/module/hypercall_kvm_sample/parameters/call",
	"/sys/module/hypercall_kvm_sample/parameters/call_export",
#if defined(__powerpc64__)
	"/sys/module/hypercall_kvm_sample/parameters/call_out",
	"/sys/module/hypercall_kvm_sample/parameters/call_out_export",
#endif
#if defined(__x86_64__)
	"/sys/module/hypercall_sample/parameters/version",
	"/sys/module/hypercall_sample/parameters/version_export",
#endif
};

static const char *const samples[] = {
	"hypercall_kvm_sample",
#if defined(__x86_64__)
	"hypercall_sample",
#endif
};

static char files[MAX_FILES][512];
static int nfiles;

static void add(const char *path)
{
	if (nfiles < MAX_FILES)
		snprintf(files[nfiles++], sizeof(files[0]), "%s", path);
}

static void walk(const char *dir)
{
	char path[512];
	struct dirent *d;
	struct stat st;
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			walk(path);
		else if (S_ISREG(st.st_mode))
			add(path);
	}
	closedir(dp);
}

/*
 * As nobody, try every file with every access mode: each open must fail
 * with EACCES.  Returns how many did not (0: all refused).
 */
static int opens_as_nobody(void)
{
	static const int modes[] = { O_RDONLY, O_WRONLY, O_RDWR };
	int status, i, m, fd, bad = 0;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
			printf("# cannot become nobody: %s\n", strerror(errno));
			_exit(100);
		}
		for (i = 0; i < nfiles; i++) {
			for (m = 0; m < 3; m++) {
				fd = open(files[i], modes[m] | O_CLOEXEC);
				if (fd < 0 && errno == EACCES)
					continue;
				printf("# nobody: open %s (%d): %s\n", files[i],
				       modes[m], fd < 0 ? strerror(errno) : "opened");
				if (fd >= 0)
					close(fd);
				bad++;
			}
		}
		_exit(bad > 99 ? 99 : bad);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	struct stat root;
	int ret, i, bad;
	bool all = true;

	ksft_print_header();
	if (geteuid())
		ksft_exit_skip("needs root\n");
	ret = hc_load("");
	if (ret)
		ksft_exit_fail_msg("loading hypercall.ko: %s\n", strerror(-ret));
	for (i = 0; i < (int)ARRAY_SIZE(samples); i++) {
		ret = hc_insmod(samples[i], "");
		if (ret)
			ksft_exit_fail_msg("loading %s.ko: %s\n", samples[i],
					   strerror(-ret));
	}
	ksft_set_plan(3);

	walk(HC_DEBUGFS);
	for (i = 0; i < (int)ARRAY_SIZE(known); i++) {
		if (access(known[i], F_OK)) {
			ksft_print_msg("the walk misses %s\n", known[i]);
			all = false;
		}
	}
	ksft_test_result(all && nfiles >= (int)ARRAY_SIZE(known),
			 "%d debugfs files found\n", nfiles);
	for (i = 0; i < (int)ARRAY_SIZE(params); i++) {
		if (access(params[i], F_OK))
			ksft_print_msg("no %s\n", params[i]);
		add(params[i]);
	}

	bad = opens_as_nobody();
	ksft_test_result(!bad, "nobody opens none of %d files (debugfs 0%o)\n",
			 nfiles, stat(DEBUGFS, &root) ? 0 :
			 root.st_mode & 07777);

	/* Open debugfs up: the module's own modes must still keep nobody out. */
	if (stat(DEBUGFS, &root) || chmod(DEBUGFS, 0755)) {
		ksft_test_result_fail("cannot open up %s: %s\n", DEBUGFS,
				      strerror(errno));
	} else {
		bad = opens_as_nobody();
		chmod(DEBUGFS, root.st_mode & 07777);
		ksft_test_result(!bad,
				 "with debugfs 0755, nobody still opens none of them\n");
	}
	hc_unload();
	ksft_finished();
}

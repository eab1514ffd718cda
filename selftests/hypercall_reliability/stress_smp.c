// SPDX-License-Identifier: GPL-2.0
/*
 * Many processes on many CPUs calling through the same debugfs files at
 * once, each checking every answer it gets against the one the host must
 * give for its own command: an answer that belongs to another process, or
 * a torn one, counts as wrong.
 *
 *   stress_smp [-p PROCS] [-n CALLS] [-s SEED] [FILE...]
 *
 * PROCS processes per file (default $HC_STRESS_PROCS, else 4), each making
 * CALLS calls (default $HC_STRESS_CALLS, else 100,000 in the vmware profile
 * and 2,000 in the nested kvm profile), all files at the same time.  FILEs
 * are below /sys/kernel/debug/hypercall; by default vmware/call and the
 * named VMware files in the vmware profile, vmware/call and kvm/call in the
 * kvm profile.  The guest should have several vCPUs (guest.sh -s 4).
 *
 * What each call expects (QEMU's vmport, hw/i386/vmport.c, and KVM):
 *  - vmware/call: GETVERSION or GETMEMSIZE, picked at random, with random
 *    ESI and EDI, which the host hands back untouched: the answer names
 *    the command and carries this call's own ESI and EDI;
 *  - kvm/call: KVM_HC_VAPIC_POLL_IRQ (ret=0) or the unknown number 99
 *    (ret=-1000, -KVM_ENOSYS), picked at random.  Running an unknown
 *    number needs unsafe=1: this test sets it for the run (KVM only says
 *    ENOSYS to it), which taints the kernel for "user";
 *  - the named files: what vmware.sh expects of them, every time.
 */

#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/wait.h>

#include "kselftest.h"
#include "../hypercall/hc_lib.h"

#define MAX_FILES	8
#define MAX_PROCS	64
#define ANSWER_MAX	512

struct child_result {
	unsigned long calls;
	unsigned long wrong;
	unsigned long errors;
	char first[ANSWER_MAX];		/* the first wrong answer */
};

struct target {
	const char *name;
	char path[256];
	char expected[ANSWER_MAX];	/* named files: the whole text */
};

static struct target targets[MAX_FILES];
static int ntargets;
static unsigned long mem_bytes;
static struct child_result *results;	/* shared with the children */

/* The named files' text in these guests, written out from vmware.sh. */
static int named_expected(const char *name, char *out, size_t size)
{
	char cpuinfo[65536];
	const char *uuid = getenv("HC_UUID");
	bool x2apic;

	if (!strcmp(name, "vmware/version")) {
		snprintf(out, size, "%s", HC_VERSION_FILE_QEMU);
	} else if (!strcmp(name, "vmware/memsize")) {
		snprintf(out, size, "bytes: %lu\nmib: %lu\nebx: 0x00001177\n",
			 mem_bytes, mem_bytes >> 20);
	} else if (!strcmp(name, "vmware/uuid")) {
		snprintf(out, size, "uuid: %s\n",
			 uuid ?: "00000000-0000-0000-0000-000000000000");
	} else if (!strcmp(name, "vmware/hz") && hc_profile() != HC_P_KVM) {
		/* TCG: QEMU knows no TSC frequency */
		snprintf(out, size, "tsc_hz: unsupported\napic_hz: unsupported\n");
	} else if (!strcmp(name, "vmware/vcpu_info")) {
		/* QEMU sets only LEGACY_X2APIC, when the vCPU has x2APIC */
		if (hc_read_file("/proc/cpuinfo", cpuinfo, sizeof(cpuinfo)) < 0)
			return -1;
		x2apic = strstr(cpuinfo, " x2apic");
		snprintf(out, size,
			 "eax: 0x%08x\nsupported: yes\nslc64: no\nsync_vtscs: no\nhv_replay_ok: no\nlegacy_x2apic: %s\nmmio_honors_pat: no\n",
			 x2apic ? 8 : 0, x2apic ? "yes" : "no");
	} else {
		return -1;
	}
	return 0;
}

static void wrong(struct child_result *r, const char *got, const char *want)
{
	if (!r->wrong++)
		snprintf(r->first, sizeof(r->first), "got '%.240s', expected '%.240s'",
			 got, want);
}

static void error(struct child_result *r, const char *what, int err)
{
	if (!r->errors++ && !r->wrong)
		snprintf(r->first, sizeof(r->first), "%s: %s", what,
			 strerror(err));
}

static void child_vmware_call(int fd, struct hc_rng *rng, unsigned long n,
			      struct child_result *r)
{
	char cmd[128], want[ANSWER_MAX], got[ANSWER_MAX];
	unsigned long i;
	int ret;

	for (i = 0; i < n; i++) {
		unsigned int esi = hc_rng_next(rng), edi = hc_rng_next(rng);

		if (hc_rng_below(rng, 2)) {
			snprintf(cmd, sizeof(cmd), "getversion 0 0 0x%x 0x%x",
				 esi, edi);
			snprintf(want, sizeof(want),
				 "eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 esi=0x%08x edi=0x%08x\n",
				 esi, edi);
		} else {
			snprintf(cmd, sizeof(cmd), "getmemsize 0 0 0x%x 0x%x",
				 esi, edi);
			snprintf(want, sizeof(want),
				 "eax=0x%08lx ebx=0x00001177 ecx=0x00000014 edx=0x00005658 esi=0x%08x edi=0x%08x\n",
				 mem_bytes & 0xffffffff, esi, edi);
		}
		ret = hc_call(fd, cmd, got, sizeof(got));
		r->calls++;
		if (ret)
			error(r, cmd, -ret);
		else if (strcmp(got, want))
			wrong(r, got, want);
	}
}

static void child_kvm_call(int fd, struct hc_rng *rng, unsigned long n,
			   struct child_result *r)
{
	char got[ANSWER_MAX];
	unsigned long i;
	int ret;

	for (i = 0; i < n; i++) {
		bool poll = hc_rng_below(rng, 2);
		const char *want = poll ? "ret=0\n" : "ret=-1000\n";

		ret = hc_call(fd, poll ? "1" : "99", got, sizeof(got));
		r->calls++;
		if (ret)
			error(r, poll ? "1" : "99", -ret);
		else if (strcmp(got, want))
			wrong(r, got, want);
	}
}

static void child_named(int fd, const char *want, unsigned long n,
			struct child_result *r)
{
	char got[ANSWER_MAX];
	unsigned long i;
	ssize_t len;

	for (i = 0; i < n; i++) {
		/* a read at offset 0 runs the command again */
		len = pread(fd, got, sizeof(got) - 1, 0);
		r->calls++;
		if (len < 0) {
			error(r, "read", errno);
			continue;
		}
		got[len] = '\0';
		if (strcmp(got, want))
			wrong(r, got, want);
	}
}

static void child(const struct target *t, unsigned long long seed, unsigned long n,
		  struct child_result *r)
{
	struct hc_rng rng;
	bool call = strstr(t->name, "/call");
	int fd;

	hc_rng_seed(&rng, seed);
	fd = open(t->path, (call ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0) {
		error(r, "open", errno);
		_exit(1);
	}
	if (!strcmp(t->name, "vmware/call"))
		child_vmware_call(fd, &rng, n, r);
	else if (!strcmp(t->name, "kvm/call"))
		child_kvm_call(fd, &rng, n, r);
	else
		child_named(fd, t->expected, n, r);
	close(fd);
	_exit(0);
}

static bool add_target(const char *name)
{
	struct target *t = &targets[ntargets];

	if (ntargets == MAX_FILES)
		return false;
	t->name = name;
	snprintf(t->path, sizeof(t->path), "%s/%s", HC_DEBUGFS, name);
	if (strcmp(name, "vmware/call") && strcmp(name, "kvm/call") &&
	    named_expected(name, t->expected, sizeof(t->expected)))
		return false;
	ntargets++;
	return true;
}

static const char *const vmware_files[] = {
	"vmware/call", "vmware/version", "vmware/uuid", "vmware/memsize",
	"vmware/hz", "vmware/vcpu_info",
};

static const char *const kvm_files[] = { "vmware/call", "kvm/call" };

int main(int argc, char **argv)
{
	unsigned long calls, procs, total = 0;
	struct timespec t0, t1;
	unsigned long long seed = hc_seed();
	bool kvm = hc_profile() == HC_P_KVM, need_unsafe = false;
	pid_t pids[MAX_FILES * MAX_PROCS];
	int opt, i, p, ret, status, bad_exit = 0;
	double secs;

	procs = hc_env_num("HC_STRESS_PROCS", 4);
	calls = hc_env_num("HC_STRESS_CALLS", kvm ? 2000 : 100000);
	while ((opt = getopt(argc, argv, "p:n:s:")) != -1) {
		if (opt == 'p')
			procs = strtoul(optarg, NULL, 0);
		else if (opt == 'n')
			calls = strtoul(optarg, NULL, 0);
		else if (opt == 's')
			seed = strtoull(optarg, NULL, 0);
		else
			ksft_exit_fail_msg("usage: %s [-p PROCS] [-n CALLS] [-s SEED] [FILE...]\n",
					   argv[0]);
	}

	ksft_print_header();
	if (geteuid())
		ksft_exit_skip("needs root\n");
	if (!hc_has_backdoor())
		ksft_exit_skip("%s\n",
			       "the expected answers are QEMU's vmport: HC_PROFILE vmware, kvm or tcg");
	if (procs < 1 || procs > MAX_PROCS)
		ksft_exit_fail_msg("1 to %d processes per file\n", MAX_PROCS);
	mem_bytes = hc_env_num("HC_MEM_MIB", 0) << 20;
	if (!mem_bytes)
		ksft_exit_fail_msg("HC_MEM_MIB is not set\n");

	if (optind < argc) {
		for (i = optind; i < argc; i++)
			if (!add_target(argv[i]))
				ksft_exit_fail_msg("no expected answer for %s\n",
						   argv[i]);
	} else if (kvm) {
		for (i = 0; i < (int)ARRAY_SIZE(kvm_files); i++)
			add_target(kvm_files[i]);
	} else {
		for (i = 0; i < (int)ARRAY_SIZE(vmware_files); i++)
			if (!add_target(vmware_files[i]))
				ksft_exit_fail_msg("no expected answer for %s\n",
						   vmware_files[i]);
	}
	for (i = 0; i < ntargets; i++)
		if (!strcmp(targets[i].name, "kvm/call"))
			need_unsafe = true;

	ksft_set_plan(ntargets + 1);
	ksft_print_msg("seed %llu, %lu processes per file x %lu calls, %d files, %ld CPUs\n",
		       seed, procs, calls, ntargets, sysconf(_SC_NPROCESSORS_ONLN));

	ret = hc_load("");
	if (ret)
		ksft_exit_fail_msg("loading hypercall.ko: %s\n", strerror(-ret));
	if (need_unsafe && hc_write_file(HC_PARAMS "/unsafe", "1"))
		ksft_exit_fail_msg("cannot set unsafe=1\n");

	results = mmap(NULL, sizeof(*results) * ntargets * procs,
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (results == MAP_FAILED)
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	memset(results, 0, sizeof(*results) * ntargets * procs);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < ntargets; i++) {
		for (p = 0; p < (int)procs; p++) {
			int k = i * procs + p;

			pids[k] = fork();
			if (pids[k] < 0)
				ksft_exit_fail_msg("fork: %s\n", strerror(errno));
			if (!pids[k])
				child(&targets[i], seed + k + 1, calls,
				      &results[k]);
		}
	}
	for (i = 0; i < ntargets * (int)procs; i++) {
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad_exit++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	for (i = 0; i < ntargets; i++) {
		unsigned long c = 0, w = 0, e = 0;
		const char *first = NULL;

		for (p = 0; p < (int)procs; p++) {
			struct child_result *r = &results[i * procs + p];

			c += r->calls;
			w += r->wrong;
			e += r->errors;
			if (!first && (r->wrong || r->errors))
				first = r->first;
		}
		total += c;
		if (first)
			ksft_print_msg("%s: %s\n", targets[i].name, first);
		ksft_test_result(c == procs * calls && !w && !e,
				 "%s: %lu x %lu calls, %lu wrong answers, %lu errors\n",
				 targets[i].name, procs, calls, w, e);
	}
	ksft_print_msg("figures: %lu calls checked in %.1f s (%.0f/s), %d processes\n",
		       total, secs, total / secs, ntargets * (int)procs);
	if (need_unsafe)
		hc_write_file(HC_PARAMS "/unsafe", "0");
	ksft_test_result(!bad_exit && !hc_rmmod("hypercall"),
			 "every process exited cleanly, the module unloads\n");
	ksft_finished();
}

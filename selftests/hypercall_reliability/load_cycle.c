// SPDX-License-Identifier: GPL-2.0
/*
 * Load and unload the module again and again while other processes keep
 * opening its debugfs files, calling through them and closing them, and
 * load and unload the sample consumer module (hypercall_sample.ko) on top
 * of it in every cycle.
 *
 *   load_cycle [-n CYCLES] [-w WORKERS] [-s SEED]
 *
 * CYCLES defaults to $HC_LOAD_CYCLES, else 1,000; WORKERS to
 * $HC_LOAD_WORKERS, else 4 (0: plain load/unload, to time it).
 *
 * What must hold (the harness adds: no KASAN report, so no use-after-free;
 * no lockdep report; kmemleak finds nothing at the end of the run):
 *  - every cycle loads the module; it unloads only when no file is open:
 *    rmmod fails with EAGAIN (EWOULDBLOCK) while a worker holds a file, and
 *    succeeds in a moment without one; every cycle ends unloaded;
 *  - while the consumer is loaded the module cannot be unloaded (EAGAIN),
 *    even with no file open: the consumer holds a module reference; the
 *    consumer answers GETVERSION exactly as QEMU does, through both the
 *    inline and the exported API;
 *  - a worker's open either works, and then every call through that
 *    descriptor answers right, or fails with ENOENT (not loaded, or being
 *    removed) or ENXIO (open raced with the unload: the module is going);
 *    nothing else.
 */

#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "kselftest.h"
#include "../hypercall/hc_lib.h"

#define MAX_WORKERS	16
#define UNLOAD_WAIT_S	30

#define SAMPLE_PARAMS	"/sys/module/hypercall_sample/parameters"
/* hypercall_sample's answer: GETVERSION's RAX, EBX, ECX from QEMU */
#define SAMPLE_QEMU	"ret=0x6 ebx=0x564d5868 ecx=0x00000002\n"

struct shared {
	int stop;		/* read_flag(), write_flag() */
	int unloading;		/* the main loop is waiting on rmmod */
	unsigned long opens[MAX_WORKERS];	/* per worker, no atomics */
	unsigned long enoent[MAX_WORKERS];
	unsigned long enxio[MAX_WORKERS];
	unsigned long calls[MAX_WORKERS];
	unsigned long bad[MAX_WORKERS];
	char first_bad[MAX_WORKERS][256];
};

static struct shared *sh;

/* Flags shared with the workers, which poll them. */
static int read_flag(int *f)
{
	return __atomic_load_n(f, __ATOMIC_RELAXED);
}

static void write_flag(int *f, int v)
{
	__atomic_store_n(f, v, __ATOMIC_RELAXED);
}

/* Count a wrong result; keep the first: what went wrong, and the detail. */
static void bad(int w, const char *what, const char *detail)
{
	if (!sh->bad[w]++)
		snprintf(sh->first_bad[w], sizeof(sh->first_bad[w]),
			 "%.40s: %.200s", what, detail);
}

/* One open, a few calls, one close; the module stays while it is open. */
static void worker_once(int w, struct hc_rng *rng)
{
	static const char *const paths[] = {
		HC_DEBUGFS "/vmware/call", HC_DEBUGFS "/vmware/version",
		HC_DEBUGFS "/kvm/call", HC_DEBUGFS "/info",
	};
	int which = hc_rng_below(rng, ARRAY_SIZE(paths));
	char ans[512];
	int fd, k, n, ret;

	fd = open(paths[which], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			sh->enoent[w]++;
		else if (errno == ENXIO)
			sh->enxio[w]++;
		else
			bad(w, paths[which], strerror(errno));
		return;
	}
	sh->opens[w]++;
	n = 1 + hc_rng_below(rng, 4);
	for (k = 0; k < n; k++) {
		sh->calls[w]++;
		switch (which) {
		case 0:
			ret = hc_call(fd, "getversion", ans, sizeof(ans));
			if (ret || strcmp(ans, HC_GETVERSION_QEMU))
				bad(w, "vmware/call",
				    ret ? strerror(-ret) : ans);
			break;
		case 1:
			ret = pread(fd, ans, sizeof(ans) - 1, 0);
			if (ret >= 0)
				ans[ret] = '\0';
			if (ret < 0 || strcmp(ans, HC_VERSION_FILE_QEMU))
				bad(w, "vmware/version",
				    ret < 0 ? strerror(errno) : ans);
			break;
		case 2:
			/* no KVM in this profile */
			ret = hc_call(fd, "1", ans, sizeof(ans));
			if (ret != -ENODEV)
				bad(w, "kvm/call, not ENODEV",
				    ret ? strerror(-ret) : ans);
			break;
		default:
			ret = pread(fd, ans, sizeof(ans) - 1, 0);
			if (ret >= 0)
				ans[ret] = '\0';
			if (ret < 0 || !strstr(ans, "vmware_mode: ioport\n"))
				bad(w, "info", ret < 0 ? strerror(errno) : ans);
			break;
		}
	}
	close(fd);
	/*
	 * Between two opens, a short pause or none; longer ones while rmmod
	 * is being retried, so that all workers are out of the files at
	 * some moment: they go on opening, and some opens race the unload.
	 */
	if (read_flag(&sh->unloading))
		usleep(1000 + hc_rng_below(rng, 10000));
	else if (hc_rng_below(rng, 2))
		usleep(hc_rng_below(rng, 500));
}

static void worker(int w, unsigned long long seed)
{
	struct hc_rng rng;

	hc_rng_seed(&rng, seed);
	while (!read_flag(&sh->stop))
		worker_once(w, &rng);
	_exit(0);
}

/* Read a parameter of the sample; 0 and the text in @buf, or -errno. */
static int sample_read(const char *param, char *buf, size_t size)
{
	char path[256];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", SAMPLE_PARAMS, param);
	ret = hc_read_file(path, buf, size);
	return ret < 0 ? ret : 0;
}

/*
 * The consumer on top of the module: it loads, answers through both APIs,
 * pins the module, and unloads.  0, or a message in @why.
 */
static int consumer_cycle(char *why, size_t size)
{
	char ans[256];
	int ret;

	ret = hc_insmod("hypercall_sample", "");
	if (ret) {
		snprintf(why, size, "insmod hypercall_sample: %s",
			 strerror(-ret));
		return -1;
	}
	if (sample_read("version", ans, sizeof(ans)) ||
	    strcmp(ans, SAMPLE_QEMU)) {
		snprintf(why, size, "sample version: '%s'", ans);
		goto out;
	}
	if (sample_read("version_export", ans, sizeof(ans)) ||
	    strcmp(ans, SAMPLE_QEMU)) {
		snprintf(why, size, "sample version_export: '%s'", ans);
		goto out;
	}
	ret = hc_rmmod("hypercall");
	if (ret != -EWOULDBLOCK) {
		snprintf(why, size, "rmmod hypercall with the consumer loaded: %s",
			 ret ? strerror(-ret) : "it worked");
		if (!ret)
			return -1;
		goto out;
	}
	ret = hc_rmmod("hypercall_sample");
	if (ret) {
		snprintf(why, size, "rmmod hypercall_sample: %s",
			 strerror(-ret));
		return -1;
	}
	return 0;
out:
	hc_rmmod("hypercall_sample");
	return -1;
}

/* Unload while workers come and go; EAGAIN retries in *busy. */
static int unload(unsigned long *busy, char *why, size_t size)
{
	struct timespec t0, t;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	write_flag(&sh->unloading, 1);
	for (;;) {
		ret = hc_rmmod("hypercall");
		if (!ret) {
			write_flag(&sh->unloading, 0);
			return 0;
		}
		if (ret != -EWOULDBLOCK) {
			snprintf(why, size, "rmmod hypercall: %s",
				 strerror(-ret));
			return -1;
		}
		(*busy)++;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > UNLOAD_WAIT_S) {
			snprintf(why, size, "rmmod still EAGAIN after %d s",
				 UNLOAD_WAIT_S);
			return -1;
		}
		sched_yield();
	}
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long sum(const unsigned long *v, int n)
{
	unsigned long s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += v[i];
	return s;
}

int main(int argc, char **argv)
{
	unsigned long cycles, workers, done = 0, consumer_ok = 0, busy = 0;
	unsigned long opens0, bad_total;
	struct timespec t0, t1;
	unsigned long long seed = hc_seed();
	pid_t pids[MAX_WORKERS];
	char why[512] = "";
	int opt, i, ret, status;
	double secs, t_load = 0, t_consumer = 0, t_unload = 0;
	bool left;

	cycles = hc_env_num("HC_LOAD_CYCLES", 1000);
	workers = hc_env_num("HC_LOAD_WORKERS", 4);
	while ((opt = getopt(argc, argv, "n:w:s:")) != -1) {
		if (opt == 'n')
			cycles = strtoul(optarg, NULL, 0);
		else if (opt == 'w')
			workers = strtoul(optarg, NULL, 0);
		else if (opt == 's')
			seed = strtoull(optarg, NULL, 0);
		else
			ksft_exit_fail_msg("usage: %s [-n CYCLES] [-w WORKERS] [-s SEED]\n",
					   argv[0]);
	}

	ksft_print_header();
	if (geteuid())
		ksft_exit_skip("needs root\n");
	if (hc_profile() != HC_P_VMWARE && hc_profile() != HC_P_TCG)
		ksft_exit_skip("%s\n",
			       "the expected answers are QEMU's vmport under TCG: HC_PROFILE vmware or tcg");
	if (workers > MAX_WORKERS)
		ksft_exit_fail_msg("at most %d workers\n", MAX_WORKERS);
	ksft_set_plan(4);
	ksft_print_msg("seed %llu, %lu cycles, %lu workers\n", seed,
		       cycles, workers);

	hc_unload();
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < (int)workers; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			ksft_exit_fail_msg("fork: %s\n", strerror(errno));
		if (!pids[i])
			worker(i, seed + i + 1);
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (done = 0; done < cycles; done++) {
		double t = now();

		ret = hc_insmod("hypercall", "");
		t_load += now() - t;
		if (ret) {
			snprintf(why, sizeof(why), "cycle %lu: insmod: %s",
				 done, strerror(-ret));
			break;
		}
		/* let the workers get at the files of this load */
		opens0 = sum(sh->opens, workers);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		while (sum(sh->opens, workers) < opens0 + workers) {
			struct timespec t;

			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t1.tv_sec > UNLOAD_WAIT_S)
				break;
			sched_yield();
		}
		if (sum(sh->opens, workers) < opens0 + workers) {
			snprintf(why, sizeof(why),
				 "cycle %lu: the workers opened nothing", done);
			break;
		}
		t = now();
		if (consumer_cycle(why, sizeof(why)))
			break;
		t_consumer += now() - t;
		consumer_ok++;
		t = now();
		if (unload(&busy, why, sizeof(why)))
			break;
		t_unload += now() - t;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	write_flag(&sh->stop, 1);
	for (i = 0; i < (int)workers; i++)
		waitpid(pids[i], &status, 0);
	bad_total = sum(sh->bad, workers);
	for (i = 0; i < (int)workers; i++)
		if (sh->bad[i])
			ksft_print_msg("worker %d: %s\n", i, sh->first_bad[i]);
	if (*why)
		ksft_print_msg("%s\n", why);

	ksft_print_msg("figures: %lu load/unload cycles, %.1f s, %lu rmmod EAGAIN (files open)\n",
		       done, secs, busy);
	ksft_print_msg("figures: %lu opens (%lu ENOENT, %lu ENXIO), %lu calls checked\n",
		       sum(sh->opens, workers), sum(sh->enoent, workers),
		       sum(sh->enxio, workers), sum(sh->calls, workers));
	if (done)
		ksft_print_msg("per cycle: insmod %.0f ms, consumer %.0f ms, rmmod %.0f ms\n",
			       t_load * 1000 / done, t_consumer * 1000 / done,
			       t_unload * 1000 / done);
	ksft_test_result(done == cycles,
			 "%lu of %lu load/unload cycles with files in use\n",
			 done, cycles);
	ksft_test_result(consumer_ok == done && done == cycles,
			 "the consumer pins the module and answers, %lu times\n",
			 consumer_ok);
	ksft_test_result(!bad_total,
			 "workers: every open worked or said ENOENT/ENXIO, every answer right\n");
	left = hc_loaded("hypercall");
	hc_unload();
	ksft_test_result(!left, "the module is unloaded at the end\n");
	ksft_finished();
}

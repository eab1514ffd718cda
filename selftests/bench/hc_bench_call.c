// SPDX-License-Identifier: GPL-2.0
/*
 * hc_bench_call FILE LINE [ROUNDS [SAMPLE_US]] - what a hypercall costs a
 * script: LINE written to a debugfs call file of hypercall.ko and the
 * answer read back, over and over, on one open file.
 *
 * Like hypercall_bench.ko, it times samples of a batch of calls (enough for
 * SAMPLE_US microseconds, default 1000) and takes ROUNDS of them (default
 * 200); every answer must equal the first.  Prints two lines:
 *
 *   answer <the first answer>
 *   u <min_ns> <median_ns> <p99_ns> <wrong answers> <calls per sample>
 *
 * with the times per call.  Exit status 1 if a call failed.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ANSWER_MAX	256

static int fd;
static const char *line;
static size_t line_len;
static char first[ANSWER_MAX];
static size_t first_len;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* One call: its answer in @buf; returns the answer's length, or -1. */
static ssize_t call(char *buf)
{
	ssize_t n;

	if (write(fd, line, line_len) != (ssize_t)line_len)
		return -1;
	n = read(fd, buf, ANSWER_MAX - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* @n calls; the number of answers that differ from the first, or -1. */
static long batch(unsigned long n)
{
	char buf[ANSWER_MAX];
	unsigned long i;
	long wrong = 0;
	ssize_t len;

	for (i = 0; i < n; i++) {
		len = call(buf);
		if (len < 0)
			return -1;
		wrong += (size_t)len != first_len || memcmp(buf, first, len);
	}
	return wrong;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	unsigned long rounds = 200, sample_us = 1000, n, r;
	double t0, best = 0, *ns;
	long wrong = 0, w;
	ssize_t len;
	int i;

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: %s FILE LINE [ROUNDS [SAMPLE_US]]\n",
			argv[0]);
		return 2;
	}
	if (argc > 3)
		rounds = strtoul(argv[3], NULL, 0);
	if (argc > 4)
		sample_us = strtoul(argv[4], NULL, 0);
	if (rounds < 10 || !sample_us) {
		fprintf(stderr, "ROUNDS must be at least 10, SAMPLE_US above 0\n");
		return 2;
	}
	line = argv[2];
	line_len = strlen(line);
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	len = call(first);
	if (len < 0) {
		perror(line);
		return 1;
	}
	first_len = len;
	printf("answer %s", first);

	/* Calls per sample, from the fastest of a few short batches */
	for (i = 0; i < 5; i++) {
		t0 = now_ns();
		if (batch(8) < 0)
			goto failed;
		t0 = (now_ns() - t0) / 8;
		if (!i || t0 < best)
			best = t0;
	}
	n = sample_us * 1000 / (best > 1 ? best : 1);
	if (!n)
		n = 1;

	ns = calloc(rounds, sizeof(*ns));
	if (!ns)
		return 1;
	for (r = 0; r < rounds; r++) {
		t0 = now_ns();
		w = batch(n);
		ns[r] = (now_ns() - t0) / n;
		if (w < 0)
			goto failed;
		wrong += w;
	}
	qsort(ns, rounds, sizeof(*ns), cmp);
	printf("u %.2f %.2f %.2f %ld %lu\n", ns[0], ns[rounds / 2],
	       ns[(rounds * 99 + 99) / 100 - 1], wrong, n);
	return 0;

failed:
	perror(line);
	return 1;
}

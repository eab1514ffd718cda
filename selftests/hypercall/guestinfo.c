// SPDX-License-Identifier: GPL-2.0
/*
 * The read-only guestinfo files, /sys/kernel/debug/hypercall/vmware/
 * guestinfo/<key>, and the guestinfo_keys parameter that names them.
 *
 * QEMU's vmport has no GuestRPC, so in the QEMU profiles opening a file
 * must fail fast with EOPNOTSUPP (ENODEV without a backdoor, in bare) and
 * no file can stay open.  Values, missing keys, the size limit, paging and
 * the module reference an open file holds are tested in KUnit against a
 * simulated GuestRPC host (kernel/arch/x86/tests/rpc_test.c); user nobody
 * is kept out by nonroot, lockdown by hypercall_reliability/lockdown.sh.
 *
 * "hcall guestinfo KEY" (tools/hcall) reads these files: here its exit
 * status and messages for no GuestRPC, a key not in the list, a bad key
 * and no module; its printing of a value, which no QEMU host can give,
 * from a simulated directory of value files given with -d.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "hc_lib.h"

#define GI_DIR		HC_DEBUGFS "/vmware/guestinfo"
#define GI_PARAM	HC_PARAMS "/guestinfo_keys"
#define SYSLOG_READ_ALL	3
#define SYSLOG_CLEAR	5
#define HCALL		"/usr/bin/hcall"
#define HCALL_OUT	"/tmp/hcall-gi.out"
#define HCALL_ERR	"/tmp/hcall-gi.err"
#define SIM		"/tmp/hcall-gi"	/* a simulated debugfs directory */
/* The largest value, as the module takes it: 1 MiB less "1 " (debugfs.rst) */
#define GI_VALUE_MAX	(1024 * 1024 - 2)

/*
 * The keys the configuring programs read, from their sources:
 * cloud-init cloudinit/sources/DataSourceVMware.py, Ignition
 * internal/providers/vmware/vmware_amd64.go, Afterburn
 * src/providers/vmware/amd64.rs (Documentation/debugfs.rst has the lines).
 */
static const char *const consumer_keys[] = {
	"metadata", "metadata.encoding", "userdata", "userdata.encoding",
	"vendordata", "vendordata.encoding",
	"ovfenv", "ignition.config.data", "ignition.config.data.encoding",
	"afterburn.initrd.network-kargs",
};

/* How opening a file fails in this profile: the host has no GuestRPC. */
static int open_errno(void)
{
	return hc_profile() == HC_P_BARE ? ENODEV : EOPNOTSUPP;
}

/* How many names GI_DIR holds, the first @max sorted into @names; or -1 */
static int list_dir(char names[][256], int max)
{
	struct dirent *d;
	int n = 0, i, j;
	char tmp[256];
	DIR *dp;

	dp = opendir(GI_DIR);
	if (!dp)
		return -1;
	while ((d = readdir(dp))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (n < max)
			snprintf(names[n], 256, "%s", d->d_name);
		n++;
	}
	closedir(dp);
	for (i = 1; i < n && i < max; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			memcpy(tmp, names[j], 256);
			memcpy(names[j], names[j - 1], 256);
			memcpy(names[j - 1], tmp, 256);
		}
	return n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* GI_DIR holds exactly @keys, each a regular file of mode 0400. */
static void expect_files(struct __test_metadata *_metadata,
			 const char *const *keys, int n)
{
	const char *sorted[16];
	char names[32][256], path[512];
	struct stat st;
	int i;

	ASSERT_GE(16, n);
	if (n) {
		memcpy(sorted, keys, n * sizeof(*keys));
		qsort(sorted, n, sizeof(*sorted), cmp_str);
	}
	ASSERT_EQ(n, list_dir(names, 32));
	for (i = 0; i < n; i++) {
		EXPECT_STREQ(sorted[i], names[i]);
		snprintf(path, sizeof(path), "%s/%s", GI_DIR, sorted[i]);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s", path);
		EXPECT_TRUE(S_ISREG(st.st_mode)) TH_LOG("%s", path);
		EXPECT_EQ(0400, st.st_mode & 07777) TH_LOG("%s", path);
	}
}

/* "metadata,...,afterburn.initrd.network-kargs\n", as sysfs shows it */
static void default_list(char *buf, size_t size)
{
	unsigned int i;
	size_t n = 0;

	for (i = 0; i < ARRAY_SIZE(consumer_keys); i++)
		n += snprintf(buf + n, size - n, "%s%s", i ? "," : "",
			      consumer_keys[i]);
	snprintf(buf + n, size - n, "\n");
}

/* The whole content of a small file, or "" */
static void read_param(char *buf, size_t size)
{
	if (hc_read_file(GI_PARAM, buf, size) < 0)
		*buf = '\0';
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

TEST(default_keys_are_0400_files)
{
	char want[1100], got[1100];
	struct stat st;
	int ret;

	if (geteuid())
		SKIP(return, "needs root");
	ret = hc_load("");
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	expect_files(_metadata, consumer_keys, ARRAY_SIZE(consumer_keys));
	ASSERT_EQ(0, stat(GI_PARAM, &st));
	EXPECT_EQ(0444, st.st_mode & 07777);
	default_list(want, sizeof(want));
	read_param(got, sizeof(got));
	EXPECT_STREQ(want, got);
}

/*
 * The module loaded with the default keys: left so by the test before, or
 * loaded now (each load costs 0.4 s on the KUnit kernel).
 */
static int load_defaults(void)
{
	char want[1100], got[1100];

	default_list(want, sizeof(want));
	read_param(got, sizeof(got));
	return strcmp(want, got) ? hc_load("") : 0;
}

/*
 * Opening runs info-get at once: no GuestRPC here, so every open fails,
 * in well under a second, and leaves no module reference behind.
 */
TEST(open_fails_fast_without_guestrpc)
{
	double t, worst = 0;
	char path[512];
	unsigned int i, round;
	int fd, ret;

	if (hc_profile() == HC_P_UNKNOWN)
		SKIP(return, "HC_PROFILE not set: no expectation");
	if (geteuid())
		SKIP(return, "needs root");
	ret = load_defaults();
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	for (round = 0; round < 10; round++) {
		for (i = 0; i < ARRAY_SIZE(consumer_keys); i++) {
			snprintf(path, sizeof(path), "%s/%s", GI_DIR,
				 consumer_keys[i]);
			t = now();
			fd = open(path, round & 1 ? O_RDWR : O_RDONLY);
			t = now() - t;
			worst = t > worst ? t : worst;
			ASSERT_EQ(-1, fd) TH_LOG("%s opened", path);
			EXPECT_EQ(open_errno(), errno)
				TH_LOG("%s: %s", path, strerror(errno));
		}
	}
	EXPECT_GT(1.0, worst) TH_LOG("slowest open took %.3f s", worst);
	TH_LOG("slowest of %u opens: %.1f ms", round * i, worst * 1e3);
	/* 100 failed opens, and the module unloads at once */
	EXPECT_EQ(0, hc_rmmod("hypercall"));
}

TEST(custom_key_list)
{
	static const char *const keys[] = {
		"foo", "bar.baz", "A-1_z", "hostname", "x",
	};
	char got[256];
	int fd, ret;

	if (geteuid())
		SKIP(return, "needs root");
	ret = hc_load("guestinfo_keys=foo,bar.baz,A-1_z,hostname,x");
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	expect_files(_metadata, keys, ARRAY_SIZE(keys));
	read_param(got, sizeof(got));
	EXPECT_STREQ("foo,bar.baz,A-1_z,hostname,x\n", got);
	if (hc_profile() != HC_P_UNKNOWN) {
		fd = open(GI_DIR "/bar.baz", O_RDONLY);
		EXPECT_EQ(-1, fd);
		EXPECT_EQ(open_errno(), errno);
	}
	hc_unload();
}

TEST(empty_key_list_makes_no_files)
{
	char got[16];
	int ret;

	if (geteuid())
		SKIP(return, "needs root");
	ret = hc_load("guestinfo_keys=");
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	expect_files(_metadata, NULL, 0);
	read_param(got, sizeof(got));
	EXPECT_STREQ("\n", got);
	hc_unload();
}

/*
 * "guestinfo_keys=" and a list of @len characters: a name of @first
 * characters ("kkk..."), then distinct names of 4 ("k000,k001,..."), the
 * last one longer to make up @len.
 */
static void long_list(char *buf, size_t size, int first, int len)
{
	int n = snprintf(buf, size, "guestinfo_keys="), start = n, i;

	memset(buf + n, 'k', first);
	n += first;
	for (i = 0; n - start + 5 <= len; i++)
		n += snprintf(buf + n, size - n, ",k%03d", i);
	while (n - start < len)
		buf[n++] = 'x';
	buf[n] = '\0';
}

/* The longest name and the longest list load, in one list. */
TEST(longest_name_and_list_load)
{
	char param[1200], path[512];
	int n, ret;

	if (geteuid())
		SKIP(return, "needs root");
	long_list(param, sizeof(param), 255, 1024);
	ASSERT_EQ(1024, strlen(param) - strlen("guestinfo_keys="));
	ret = hc_load(param);
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	n = snprintf(path, sizeof(path), "%s/", GI_DIR);
	memset(path + n, 'k', 255);
	path[n + 255] = '\0';
	EXPECT_EQ(0, access(path, F_OK));
	/* 255 + 153 names of 5 with their comma + 4 more characters */
	EXPECT_EQ(154, list_dir(NULL, 0));
	hc_unload();
}

/* A bad list fails the load with EINVAL, and the log says why */
struct bad_list {
	const char *param;	/* NULL: built by the test */
	const char *why;
};

/*
 * One of each kind of check (KUnit has every rule): a character, a name
 * given twice, the length of the list.
 */
static const struct bad_list bad_lists[] = {
	{ "guestinfo_keys=metadata,a/b", "'/' in a name" },
	{ "guestinfo_keys=metadata,userdata,metadata", "name given twice" },
	{ NULL, "list longer than 1024 characters" },
};

TEST(bad_key_lists_fail_the_load)
{
	char param[1200], log[1 << 16], want[128];
	unsigned int i;
	int ret, n;

	if (geteuid())
		SKIP(return, "needs root");
	for (i = 0; i < ARRAY_SIZE(bad_lists); i++) {
		const struct bad_list *b = &bad_lists[i];

		if (b->param)
			snprintf(param, sizeof(param), "%s", b->param);
		else
			long_list(param, sizeof(param), 4, 1025);
		hc_unload();
		klogctl(SYSLOG_CLEAR, NULL, 0);
		ret = hc_insmod("hypercall", param);
		EXPECT_EQ(-EINVAL, ret) TH_LOG("case %u: %s", i, param);
		EXPECT_FALSE(hc_loaded("hypercall")) TH_LOG("case %u", i);
		n = klogctl(SYSLOG_READ_ALL, log, sizeof(log) - 1);
		ASSERT_LE(0, n);
		log[n] = '\0';
		snprintf(want, sizeof(want),
			 "hypercall: invalid guestinfo_keys: %s", b->why);
		EXPECT_NE(NULL, strstr(log, want))
			TH_LOG("case %u: no '%s' in the kernel log", i, want);
	}
	hc_unload();
}

/* What one run of hcall did */
struct hcall_run {
	int status;		/* exit status, or -1: it did not exit */
	char *out;		/* stdout, NUL-terminated (malloc'd) */
	size_t out_len;
	char err[1024];		/* stderr, NUL-terminated, cut */
	double secs;		/* from fork to exit */
};

/* The whole of @path, malloc'd and NUL-terminated; its length in *@len */
static char *slurp(const char *path, size_t *len)
{
	size_t size = 4096;
	char *p = malloc(size), *q;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	*len = 0;
	while (p && fd >= 0 && (n = read(fd, p + *len, size - *len - 1)) > 0) {
		*len += n;
		if (*len + 1 < size)
			continue;
		size *= 2;
		q = realloc(p, size);
		if (!q)
			free(p);
		p = q;
	}
	if (fd >= 0)
		close(fd);
	if (p)
		p[*len] = '\0';
	return p;
}

/* Run hcall with the arguments @ap, up to a NULL; 0 or -1 */
static int run_hcall_v(struct hcall_run *r, va_list ap)
{
	const char *argv[16] = { "hcall" };
	unsigned int i = 1;
	size_t n;
	pid_t pid;
	char *e;
	int st;

	while (i < ARRAY_SIZE(argv) - 1 && (argv[i] = va_arg(ap, const char *)))
		i++;
	argv[i] = NULL;
	r->status = -1;
	r->out = NULL;
	r->secs = now();
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (!freopen(HCALL_OUT, "w", stdout) ||
		    !freopen(HCALL_ERR, "w", stderr))
			_exit(126);
		execv(HCALL, (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	r->secs = now() - r->secs;
	if (WIFEXITED(st))
		r->status = WEXITSTATUS(st);
	r->out = slurp(HCALL_OUT, &r->out_len);
	e = slurp(HCALL_ERR, &n);
	snprintf(r->err, sizeof(r->err), "%s", e ? e : "");
	free(e);
	return r->out ? 0 : -1;
}

/* Run hcall with the arguments after @r, up to a NULL; 0 or -1 */
static int run_hcall(struct hcall_run *r, ...)
{
	va_list ap;
	int ret;

	va_start(ap, r);
	ret = run_hcall_v(r, ap);
	va_end(ap);
	return ret;
}

/*
 * hcall with the arguments after @msg, up to a NULL, exits @status, prints
 * nothing on stdout and @msg on stderr
 */
static void expect_hcall_fails(struct __test_metadata *_metadata, int status,
			       const char *msg, ...)
{
	struct hcall_run r;
	va_list ap;
	int ret;

	va_start(ap, msg);
	ret = run_hcall_v(&r, ap);
	va_end(ap);
	ASSERT_EQ(0, ret);
	EXPECT_EQ(status, r.status) TH_LOG("exit %d: %s", r.status, r.err);
	EXPECT_EQ(0, r.out_len) TH_LOG("printed '%s'", r.out);
	EXPECT_NE(NULL, strstr(r.err, msg))
		TH_LOG("no '%s' in '%s'", msg, r.err);
	free(r.out);
}

static void require_hcall(struct __test_metadata *_metadata)
{
	if (geteuid())
		SKIP(return, "needs root");
	if (access(HCALL, X_OK))
		SKIP(return, "no " HCALL);
}

/*
 * No GuestRPC under QEMU: exit 1 and the EOPNOTSUPP message, at once (no
 * backdoor at all, in bare: exit 3, "no VMware backdoor").
 */
TEST(hcall_guestinfo_without_guestrpc)
{
	const char *prefix = "hcall: " GI_DIR "/metadata: ", *why;
	struct hcall_run r;
	int ret;

	require_hcall(_metadata);
	if (hc_profile() == HC_P_UNKNOWN)
		SKIP(return, "HC_PROFILE not set: no expectation");
	ret = load_defaults();
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	ASSERT_EQ(0, run_hcall(&r, "guestinfo", "metadata", NULL));
	EXPECT_EQ(0, r.out_len) TH_LOG("printed '%s'", r.out);
	/* "hcall: <file>: <why> (<strerror>)" */
	ASSERT_EQ(0, strncmp(r.err, prefix, strlen(prefix))) TH_LOG("%s", r.err);
	if (hc_profile() == HC_P_BARE) {
		why = "no VMware backdoor on this machine (No such device)\n";
		EXPECT_EQ(3, r.status) TH_LOG("%s", r.err);
	} else {
		why = "the host has no GuestRPC (not VMware?) (Operation not supported)\n";
		EXPECT_EQ(1, r.status) TH_LOG("%s", r.err);
	}
	EXPECT_STREQ(why, r.err + strlen(prefix));
	/*
	 * The open itself fails in milliseconds (open_fails_fast_...); the
	 * fork and exec of hcall took 70 to 420 ms under TCG on a busy host
	 */
	EXPECT_GT(2.0, r.secs) TH_LOG("hcall took %.3f s", r.secs);
	TH_LOG("hcall guestinfo metadata: exit %d in %.0f ms", r.status,
	       r.secs * 1e3);
	free(r.out);
}

/* A key the module has no file for: exit 1, naming the parameter */
TEST(hcall_guestinfo_key_not_in_list)
{
	int ret;

	require_hcall(_metadata);
	ret = load_defaults();
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	expect_hcall_fails(_metadata, 1,
			   "no such key: 'hostname' is not in the module parameter guestinfo_keys",
			   "guestinfo", "hostname", NULL);
}

/*
 * A key that is not a file name: exit 2, and no other file is read
 * ("../../info" would be the module's info file).
 */
TEST(hcall_guestinfo_bad_keys)
{
	static const char *const keys[] = {
		"", ".", "..", "a/b", "../../info", "/etc/passwd", "metadata/",
	};
	unsigned int i;
	int ret;

	require_hcall(_metadata);
	ret = load_defaults();
	ASSERT_EQ(0, ret) TH_LOG("load: %s", strerror(-ret));
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		expect_hcall_fails(_metadata, 2, "is not a key", "guestinfo",
				   keys[i], NULL);
	/* and a missing or extra word is the usage */
	expect_hcall_fails(_metadata, 2, "guestinfo takes <key>", "guestinfo",
			   NULL);
	expect_hcall_fails(_metadata, 2, "guestinfo takes <key>", "guestinfo",
			   "metadata", "metadata", NULL);
}

TEST(hcall_guestinfo_without_module)
{
	require_hcall(_metadata);
	hc_unload();
	ASSERT_FALSE(hc_loaded("hypercall"));
	expect_hcall_fails(_metadata, 3, "the hypercall module is not loaded",
			   "guestinfo", "metadata", NULL);
}

/* Write @len bytes of @data to @path; 0 or -1 */
static int put_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0400);
	ssize_t n = fd < 0 ? -1 : write(fd, data, len);

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/*
 * Printing a value, from a simulated vmware/guestinfo/ (-d): the bytes as
 * they are, NUL and newline included, then one newline; an empty value is
 * a newline; the largest value comes out whole.
 */
TEST(hcall_guestinfo_prints_value_simulated)
{
	static const char binary[] = "a\0b\n\xff";
	char *big;
	struct hcall_run r;
	size_t i;

	require_hcall(_metadata);
	mkdir(SIM, 0700);
	mkdir(SIM "/vmware", 0700);
	mkdir(SIM "/vmware/guestinfo", 0700);
	big = malloc(GI_VALUE_MAX);
	ASSERT_NE(NULL, big);
	for (i = 0; i < GI_VALUE_MAX; i++)
		big[i] = i * 31 + 7;
	ASSERT_EQ(0, put_file(SIM "/vmware/guestinfo/bin", binary,
			      sizeof(binary) - 1));
	ASSERT_EQ(0, put_file(SIM "/vmware/guestinfo/empty", "", 0));
	ASSERT_EQ(0, put_file(SIM "/vmware/guestinfo/big", big,
			      GI_VALUE_MAX));

	ASSERT_EQ(0, run_hcall(&r, "-d", SIM, "guestinfo", "bin", NULL));
	EXPECT_EQ(0, r.status) TH_LOG("%s", r.err);
	ASSERT_EQ(sizeof(binary), r.out_len);
	EXPECT_EQ(0, memcmp(r.out, binary, sizeof(binary) - 1));
	EXPECT_EQ('\n', r.out[sizeof(binary) - 1]);
	EXPECT_STREQ("", r.err);
	free(r.out);

	ASSERT_EQ(0, run_hcall(&r, "-d", SIM, "guestinfo", "empty", NULL));
	EXPECT_EQ(0, r.status) TH_LOG("%s", r.err);
	EXPECT_EQ(1, r.out_len);
	EXPECT_STREQ("\n", r.out);
	free(r.out);

	ASSERT_EQ(0, run_hcall(&r, "-d", SIM, "guestinfo", "big", NULL));
	EXPECT_EQ(0, r.status) TH_LOG("%s", r.err);
	ASSERT_EQ(GI_VALUE_MAX + 1, r.out_len);
	EXPECT_EQ(0, memcmp(r.out, big, GI_VALUE_MAX));
	EXPECT_EQ('\n', r.out[GI_VALUE_MAX]);
	free(r.out);
	free(big);

	/* the directory is there, the key is not: exit 1, as for the module */
	expect_hcall_fails(_metadata, 1, "not in the module parameter", "-d",
			   SIM, "guestinfo", "nosuchkey", NULL);
	unlink(SIM "/vmware/guestinfo/bin");
	unlink(SIM "/vmware/guestinfo/empty");
	unlink(SIM "/vmware/guestinfo/big");
	rmdir(SIM "/vmware/guestinfo");
	rmdir(SIM "/vmware");
	rmdir(SIM);
}

TEST_HARNESS_MAIN

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the C tests of the hypercall module, here and in
 * ../hypercall_reliability, with or without the kselftest harness: the
 * guest profile, loading and unloading through the syscalls (the one way
 * the C tests load a module: finit_module() of $HC_MODULE_DIR/NAME.ko), small
 * file helpers, QEMU's answers, and a seeded random number generator whose
 * seed every test prints, so that a failure can be replayed.
 */
#ifndef HC_LIB_H
#define HC_LIB_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define HC_DEBUGFS	"/sys/kernel/debug/hypercall"
#define HC_PARAMS	"/sys/module/hypercall/parameters"
#define HC_MAGIC	0x564d5868u
#define TAINT_USER	64UL		/* 1 << 6: 'U' */

/* The harness's guest profiles (scripts/guest.sh), from HC_PROFILE. */
enum hc_profile { HC_P_UNKNOWN, HC_P_VMWARE, HC_P_KVM, HC_P_TCG, HC_P_BARE };

static inline enum hc_profile hc_profile(void)
{
	const char *p = getenv("HC_PROFILE");

	if (!p)
		return HC_P_UNKNOWN;
	if (!strcmp(p, "vmware"))
		return HC_P_VMWARE;
	if (!strcmp(p, "kvm"))
		return HC_P_KVM;
	if (!strcmp(p, "tcg"))
		return HC_P_TCG;
	if (!strcmp(p, "bare"))
		return HC_P_BARE;
	return HC_P_UNKNOWN;
}

/* QEMU's vmport answers the backdoor in every profile but bare. */
static inline bool hc_has_backdoor(void)
{
	enum hc_profile p = hc_profile();

	return p == HC_P_VMWARE || p == HC_P_KVM || p == HC_P_TCG;
}

/*
 * QEMU's answer to "getversion" on vmware/call (hw/i386/vmport.c): version
 * 6, the magic, VMX type 2 (ESX), EDX keeps the port.
 */
#define HC_GETVERSION_QEMU \
	"eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 esi=0x00000000 edi=0x00000000\n"
#define HC_VERSION_FILE_QEMU \
	"version: 6\nmagic: ok\ntype: 2\nproduct: ESX\n"

/* A number from the environment, or @def. */
static inline unsigned long hc_env_num(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : def;
}

/* Path of a module of the project: $HC_MODULE_DIR/NAME.ko */
static inline const char *hc_module_path(const char *name, char *buf,
					 size_t size)
{
	const char *dir = getenv("HC_MODULE_DIR");
	struct utsname u;

	if (dir) {
		snprintf(buf, size, "%s/%s.ko", dir, name);
	} else {
		uname(&u);
		snprintf(buf, size, "/lib/modules/%s/updates/%s.ko",
			 u.release, name);
	}
	return buf;
}

/* finit_module() of NAME.ko with @params; 0 or -errno. */
static inline int hc_insmod(const char *name, const char *params)
{
	char path[512];
	int fd, ret;

	fd = open(hc_module_path(name, path, sizeof(path)),
		  O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(__NR_finit_module, fd, params, 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

/* delete_module(NAME, O_NONBLOCK), as rmmod does; 0 or -errno. */
static inline int hc_rmmod(const char *name)
{
	return syscall(__NR_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

static inline bool hc_loaded(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return !access(path, F_OK);
}

/* Unload the sample consumers and the module, if loaded. */
static inline void hc_unload(void)
{
	static const char *const consumers[] = {
		"hypercall_sample", "hypercall_kvm_sample", NULL,
	};
	const char *const *c;

	for (c = consumers; *c; c++)
		if (hc_loaded(*c))
			hc_rmmod(*c);
	if (hc_loaded("hypercall"))
		hc_rmmod("hypercall");
}

/* Load hypercall.ko afresh with @params; 0 or -errno. */
static inline int hc_load(const char *params)
{
	hc_unload();
	return hc_insmod("hypercall", params);
}

/*
 * For a test that takes the module as it finds it: load hypercall.ko with
 * @params unless it is loaded.  NULL, or why not, for the test to skip
 * with.
 */
static inline const char *hc_need_module(const char *params)
{
	static char why[600];
	char path[512];
	int ret;

	if (geteuid())
		return "needs root";
	if (hc_loaded("hypercall"))
		return NULL;
	ret = hc_insmod("hypercall", params);
	if (!ret)
		return NULL;
	snprintf(why, sizeof(why), "cannot load %s: %s",
		 hc_module_path("hypercall", path, sizeof(path)),
		 strerror(-ret));
	return why;
}

/* One write of @len bytes, as a script's echo does; 0 or -errno. */
static inline int hc_write(int fd, const char *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);

	if (n < 0)
		return -errno;
	return n == (ssize_t)len ? 0 : -EMSGSIZE;
}

static inline int hc_puts(int fd, const char *s)
{
	return hc_write(fd, s, strlen(s));
}

/* One read, NUL-terminated in @buf; its length or -errno. */
static inline int hc_read(int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

/* Read a whole (small) file, NUL-terminated; its length or -errno. */
static inline int hc_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			n = -errno;
			close(fd);
			return n;
		}
		if (!n)
			break;
		len += n;
	}
	buf[len] = '\0';
	close(fd);
	return len;
}

/* Write @s to @path in one write(); 0 or -errno. */
static inline int hc_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = hc_puts(fd, s);
	close(fd);
	return ret;
}

/* The number after "KEY: " in hypercall's info file, or -1. */
static inline long hc_info_num(const char *key)
{
	FILE *f = fopen(HC_DEBUGFS "/info", "r");
	size_t len = strlen(key);
	char line[256];
	long v = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return v;
}

/* Mode bits of a file, or -1. */
static inline int hc_file_mode(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

/* A parameter of hypercall.ko read as a boolean (Y/N; false if unread). */
static inline bool hc_param_bool(const char *name)
{
	char path[128], buf[8];

	snprintf(path, sizeof(path), HC_PARAMS "/%s", name);
	if (hc_read_file(path, buf, sizeof(buf)) < 1)
		return false;
	return buf[0] == 'Y' || buf[0] == '1';
}

static inline unsigned long hc_tainted(void)
{
	char buf[32];

	if (hc_read_file("/proc/sys/kernel/tainted", buf, sizeof(buf)) < 0)
		return 0;
	return strtoul(buf, NULL, 10);
}

/*
 * One write then one read on an open call file, the way a script uses it;
 * the answer NUL-terminated in @buf.  0, or -errno of the write or read.
 */
static inline int hc_call(int fd, const char *cmd, char *buf, size_t size)
{
	int ret = hc_puts(fd, cmd);

	if (ret)
		return ret;
	ret = hc_read(fd, buf, size);
	return ret < 0 ? ret : 0;
}

/* xorshift64*: small, fast, and the same sequence for the same seed. */
struct hc_rng {
	unsigned long long s;
};

static inline void hc_rng_seed(struct hc_rng *r, unsigned long long seed)
{
	r->s = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

static inline unsigned long long hc_rng_next(struct hc_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, n), n > 0 (the bias is negligible for small n). */
static inline unsigned long long hc_rng_below(struct hc_rng *r, unsigned long long n)
{
	return hc_rng_next(r) % n;
}

/* The seed: $HC_SEED, or one from the clock. */
static inline unsigned long long hc_seed(void)
{
	struct timespec ts;
	const char *env = getenv("HC_SEED");
	unsigned long long seed = env ? strtoull(env, NULL, 0) : 0;

	if (seed)
		return seed;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned long long)ts.tv_sec * 1000000007ULL ^ ts.tv_nsec ^ getpid();
}

#endif /* HC_LIB_H */

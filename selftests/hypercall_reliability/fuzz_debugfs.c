// SPDX-License-Identifier: GPL-2.0
/*
 * A random writer against every debugfs file of the hypercall module, the
 * way a careless or hostile root script could use them: random bytes and
 * random lengths (0 to 8192), plausible commands with random arguments,
 * writes cut in pieces, writes and reads at random offsets, reads without a
 * write, reads of odd sizes at odd offsets, buffers that run into an
 * unmapped page, several descriptors open at once with any access mode.
 *
 *   fuzz_debugfs [-n OPS] [-s SEED]
 *
 * OPS defaults to $HC_FUZZ_OPS, else 1,000,000 in the vmware profile and
 * 20,000 elsewhere (in the nested kvm profile each exit costs tens to
 * hundreds of microseconds).  SEED defaults to $HC_SEED, else the clock; it
 * is printed, and the same seed replays the same operations.
 *
 * The module is loaded with unsafe=0, as it is by default: nothing random
 * bytes can say runs a command that changes host or guest state.  With
 * unsafe=1 they could (Documentation/testing.rst says what), so this test
 * never sets it.
 *
 * What must hold, beyond "no kernel report on the console" (the harness
 * fails the run on any Oops, KASAN, UBSAN, lockdep or kmemleak report):
 *  - every operation succeeds or fails with an errno the file documents;
 *  - a command written to a call file on a fresh descriptor either
 *    succeeds and leaves a well-formed answer, or fails and leaves none;
 *  - afterwards the module still answers GETVERSION exactly as QEMU does,
 *    no hypercall instruction faulted, the kernel is not tainted for
 *    "user", and the module unloads.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "kselftest.h"
#include "../hypercall/hc_lib.h"

#define MAX_LEN		8192
#define SLOTS		8
#define MAX_FILES	32
#define MAX_REPORTS	20

/* Every file the module creates today; the walk must find at least these. */
static const char *const known_files[] = {
	"info",
	"vmware/call", "vmware/version", "vmware/uuid", "vmware/memsize",
	"vmware/hz", "vmware/vcpu_info", "vmware/rpc",
	"kvm/call", "kvm/clock_pairing",
};

enum kind { K_INFO, K_NAMED, K_VMW_CALL, K_KVM_CALL, K_RPC };

struct hc_file {
	char path[256];
	const char *name;	/* below HC_DEBUGFS */
	enum kind kind;
};

static struct hc_file files[MAX_FILES];
static int nfiles;

struct slot {
	int fd;			/* -1: closed */
	int file;
};

static struct slot slots[SLOTS];
static struct hc_rng rng;
static char *buf;		/* MAX_LEN bytes, then an unmapped page */
static char *guard;		/* the first unmapped byte */

enum op {
	OP_OPEN, OP_CLOSE, OP_WRITE_BYTES, OP_WRITE_TEXT, OP_WRITE_PIECES,
	OP_PWRITE, OP_READ, OP_PREAD, OP_SEEK_READ, OP_GUARD_WRITE,
	OP_GUARD_READ, OP_CHECKED, OP_NR
};

static const char *const op_names[OP_NR] = {
	"open", "close", "write-bytes", "write-text", "write-pieces",
	"pwrite", "read", "pread", "seek-read", "guard-write", "guard-read",
	"checked-call",
};

/* Relative weights: opens are the expensive operation. */
static const unsigned int op_weight[OP_NR] = {
	6, 4, 12, 20, 6, 6, 14, 6, 6, 3, 3, 14,
};

static unsigned long op_count[OP_NR];
static unsigned long op_ok[OP_NR];
static unsigned long errno_count[256];
static unsigned long unexpected, malformed, checked_ok, checked_refused;
static unsigned int reports;

static __printf(1, 2) void report(const char *fmt, ...)
{
	va_list ap;

	if (reports++ >= MAX_REPORTS)
		return;
	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

static enum kind kind_of(const char *name)
{
	if (!strcmp(name, "info"))
		return K_INFO;
	if (!strcmp(name, "vmware/call"))
		return K_VMW_CALL;
	if (!strcmp(name, "kvm/call"))
		return K_KVM_CALL;
	if (!strcmp(name, "vmware/rpc"))
		return K_RPC;
	return K_NAMED;
}

static void add_file(const char *dir, const char *name)
{
	struct hc_file *f;

	if (nfiles == MAX_FILES)
		return;
	f = &files[nfiles++];
	snprintf(f->path, sizeof(f->path), "%s%s%.64s/%.64s", HC_DEBUGFS,
		 *dir ? "/" : "", dir, name);
	f->name = f->path + strlen(HC_DEBUGFS) + 1;
	f->kind = kind_of(f->name);
}

/* Every regular file below HC_DEBUGFS, two levels deep. */
static void find_files(const char *dir)
{
	char path[256];
	struct dirent *d;
	struct stat st;
	DIR *dp;

	snprintf(path, sizeof(path), "%s%s%s", HC_DEBUGFS, *dir ? "/" : "",
		 dir);
	dp = opendir(path);
	if (!dp)
		return;
	while ((d = readdir(dp))) {
		char sub[512];

		if (d->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
		if (stat(sub, &st))
			continue;
		if (S_ISDIR(st.st_mode) && !*dir)
			find_files(d->d_name);
		else if (S_ISREG(st.st_mode))
			add_file(dir, d->d_name);
	}
	closedir(dp);
}

static bool have_file(const char *name)
{
	int i;

	for (i = 0; i < nfiles; i++)
		if (!strcmp(files[i].name, name))
			return true;
	return false;
}

/*
 * The errnos the module's files document (Documentation/debugfs.rst), and
 * the VFS's own for an operation the file does not support (EINVAL, EBADF,
 * ESPIPE).  EFAULT only where the buffer runs into the unmapped page.
 */
static bool errno_allowed(int err, bool guarded)
{
	switch (err) {
	case EINVAL:	/* malformed, empty, too long; no such operation */
	case EPERM:	/* refused by the policy */
	case ENODATA:	/* read before any answer */
	case ENODEV:	/* no transport */
	case EIO:	/* the instruction faulted; a GuestRPC channel failed */
	case EOPNOTSUPP: /* QEMU has no GuestRPC; KVM has no clock pairing */
	case EBADF:	/* read on O_WRONLY, write on O_RDONLY */
	case ESPIPE:	/* offsets on a call file */
	case EREMOTEIO: case ETIMEDOUT: case EMSGSIZE: case EBADMSG:
			/* GuestRPC replies (vmware/rpc) */
		return true;
	case EFAULT:
		return guarded;
	default:
		return false;
	}
}

/* Account for the result of one operation on @f. */
static void result(enum op op, const struct hc_file *f, long ret, int err,
		   bool guarded)
{
	op_count[op]++;
	if (ret >= 0) {
		op_ok[op]++;
		return;
	}
	errno_count[err & 0xff]++;
	if (!errno_allowed(err, guarded)) {
		unexpected++;
		report("%s on %s: unexpected %s", op_names[op],
		       f ? f->name : "?", strerror(err));
	}
}

/* A length for a write or read: mostly short, sometimes up to MAX_LEN. */
static size_t rand_len(void)
{
	switch (hc_rng_below(&rng, 8)) {
	case 0:
		return 0;
	case 1:
		return hc_rng_below(&rng, MAX_LEN + 1);
	case 2:
		return 250 + hc_rng_below(&rng, 12);	/* around 256 */
	case 3:
		return 4090 + hc_rng_below(&rng, 12);	/* around a page */
	default:
		return 1 + hc_rng_below(&rng, 64);
	}
}

/* An offset for pread, pwrite and lseek: small, odd, huge or negative. */
static off_t rand_off(void)
{
	switch (hc_rng_below(&rng, 5)) {
	case 0:
		return 0;
	case 1:
		return 1 + 2 * hc_rng_below(&rng, 64);
	case 2:
		return hc_rng_below(&rng, 1 << 20);
	case 3:
		return (off_t)(hc_rng_next(&rng) >> 1);
	default:
		return -(off_t)hc_rng_below(&rng, 100) - 1;
	}
}

static void rand_bytes(char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = hc_rng_next(&rng);
}

static const char *const vmw_words[] = {
	"getmhz", "getversion", "GETVERSION", "gethwversion", "getuuid",
	"getmemsize", "getbiosuuid", "getramsize", "gettime", "gethz",
	"gettimefull", "get_vcpu_info", "getbuildnum", "getptrlocation",
	"setptrlocation", "message", "mapmem", "stealclock", "copy_physmem",
	"nesting_control", "precisionclock", "apmfunction", "0x1e", "10",
	"0xa", "0x0001000a", "63", "0x2003f", "97", "0", "0xffffffff",
	"4294967296", "-1", "getversio", "getversionx", "0x", "",
};

static const char *const rpc_words[] = {
	"info-get guestinfo.hc", "info-get", "info-set guestinfo.hc x",
	"info-set guestinfo.", "info-set other.key x", "log hello", "log",
	"tools.set.version 1", "reset", "machine.id.get", "info-getx",
	"vmx.capability.unified_loop", "",
};

/* A number in one of the forms the parsers read, or almost. */
static int rand_number(char *p, size_t size, bool wide)
{
	unsigned long long v = hc_rng_next(&rng);

	switch (hc_rng_below(&rng, 6)) {
	case 0:
		return snprintf(p, size, "%u", (unsigned int)v % 16);
	case 1:
		return snprintf(p, size, "0x%x", (unsigned int)v);
	case 2:
		return snprintf(p, size, "%llu", wide ? v : v >> 32);
	case 3:
		return snprintf(p, size, "0X%llX", v);
	case 4:
		return snprintf(p, size, "%03u", (unsigned int)v % 1000);
	default:
		return snprintf(p, size, "%u", 0);
	}
}

/* A plausible command for @f: names, numbers, blanks, maybe a newline. */
static size_t rand_text(const struct hc_file *f, char *p, size_t size)
{
	size_t len = 0;
	int i, nargs = hc_rng_below(&rng, 7);

	if (f->kind == K_RPC) {
		len = snprintf(p, size, "%s",
			       rpc_words[hc_rng_below(&rng, ARRAY_SIZE(rpc_words))]);
	} else if (f->kind == K_VMW_CALL || hc_rng_below(&rng, 2)) {
		len = snprintf(p, size, "%s",
			       vmw_words[hc_rng_below(&rng, ARRAY_SIZE(vmw_words))]);
	} else {
		len = rand_number(p, size, false);
	}
	for (i = 0; i < nargs && len < size - 40; i++) {
		p[len++] = hc_rng_below(&rng, 8) ? ' ' : '\t';
		len += rand_number(p + len, size - len, f->kind == K_KVM_CALL);
	}
	if (hc_rng_below(&rng, 4) && len < size - 1)
		p[len++] = '\n';
	if (!hc_rng_below(&rng, 16) && len)	/* one byte mutated */
		p[hc_rng_below(&rng, len)] = hc_rng_next(&rng);
	return len;
}

/* Random bytes or a plausible command, into buf. */
static size_t rand_payload(const struct hc_file *f)
{
	size_t len;

	if (hc_rng_below(&rng, 2))
		return rand_text(f, buf, MAX_LEN);
	len = rand_len();
	rand_bytes(buf, len);
	return len;
}

static struct slot *rand_slot(void)
{
	return &slots[hc_rng_below(&rng, SLOTS)];
}

static const int open_modes[] = {
	O_RDONLY, O_WRONLY, O_RDWR, O_RDWR | O_NONBLOCK, O_RDWR | O_APPEND,
	O_WRONLY | O_TRUNC,
};

static void do_open(struct slot *s)
{
	int mode = open_modes[hc_rng_below(&rng, ARRAY_SIZE(open_modes))];

	if (s->fd >= 0)
		close(s->fd);
	s->file = hc_rng_below(&rng, nfiles);
	s->fd = open(files[s->file].path, mode | O_CLOEXEC);
	op_count[OP_OPEN]++;
	if (s->fd >= 0) {
		op_ok[OP_OPEN]++;
		return;
	}
	/* root may open every file with every mode */
	unexpected++;
	report("open %s (0%o): %s", files[s->file].name, mode,
	       strerror(errno));
}

/* One operation on an open descriptor. */
static void do_fd_op(enum op op, struct slot *s)
{
	const struct hc_file *f = &files[s->file];
	size_t len, cut;
	char *p;
	long ret;

	switch (op) {
	case OP_CLOSE:
		close(s->fd);
		s->fd = -1;
		op_count[op]++;
		op_ok[op]++;
		return;
	case OP_WRITE_BYTES:
		len = rand_len();
		rand_bytes(buf, len);
		ret = write(s->fd, buf, len);
		break;
	case OP_WRITE_TEXT:
		len = rand_text(f, buf, MAX_LEN);
		ret = write(s->fd, buf, len);
		break;
	case OP_WRITE_PIECES:
		len = rand_payload(f);
		cut = len ? hc_rng_below(&rng, len) : 0;
		ret = write(s->fd, buf, cut);
		result(op, f, ret, errno, false);
		ret = write(s->fd, buf + cut, len - cut);
		break;
	case OP_PWRITE:
		len = rand_payload(f);
		ret = pwrite(s->fd, buf, len, rand_off());
		break;
	case OP_READ:
		ret = read(s->fd, buf, rand_len());
		break;
	case OP_PREAD:
		ret = pread(s->fd, buf, rand_len(), rand_off());
		break;
	case OP_SEEK_READ:
		ret = lseek(s->fd, rand_off(), (int)hc_rng_below(&rng, 3));
		result(op, f, ret, errno, false);
		ret = read(s->fd, buf, rand_len());
		break;
	case OP_GUARD_WRITE:
		/* the text ends in the unmapped page */
		len = 1 + hc_rng_below(&rng, 300);
		p = guard - hc_rng_below(&rng, len);
		ret = write(s->fd, p, len);
		result(op, f, ret, errno, true);
		return;
	case OP_GUARD_READ:
		len = 1 + hc_rng_below(&rng, 300);
		p = guard - hc_rng_below(&rng, len);
		ret = read(s->fd, p, len);
		result(op, f, ret, errno, true);
		return;
	default:
		return;
	}
	result(op, f, ret, errno, false);
}

/* Is @ans a well-formed answer of a call file of kind @k? */
static bool well_formed(enum kind k, const char *ans)
{
	unsigned int r[6];
	char again[128];
	long v;
	int n;

	switch (k) {
	case K_VMW_CALL:
		if (sscanf(ans, "eax=0x%8x ebx=0x%8x ecx=0x%8x edx=0x%8x esi=0x%8x edi=0x%8x",
			   &r[0], &r[1], &r[2], &r[3], &r[4], &r[5]) != 6)
			return false;
		snprintf(again, sizeof(again),
			 "eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x esi=0x%08x edi=0x%08x\n",
			 r[0], r[1], r[2], r[3], r[4], r[5]);
		return !strcmp(ans, again);
	case K_KVM_CALL:
		if (sscanf(ans, "ret=%ld%n", &v, &n) != 1)
			return false;
		snprintf(again, sizeof(again), "ret=%ld\n", v);
		return !strcmp(ans, again);
	default:	/* a GuestRPC reply: one line */
		n = strlen(ans);
		return n && ans[n - 1] == '\n';
	}
}

/*
 * A command on a fresh descriptor of a call file: a write that succeeds
 * leaves a well-formed answer; one that fails leaves nothing (ENODATA).
 */
static void do_checked(void)
{
	static int calls[MAX_FILES], ncalls;
	char ans[MAX_LEN + 1];
	const struct hc_file *f;
	ssize_t w, r;
	size_t len;
	int fd, i;

	if (!ncalls)
		for (i = 0; i < nfiles; i++)
			if (files[i].kind == K_VMW_CALL ||
			    files[i].kind == K_KVM_CALL ||
			    files[i].kind == K_RPC)
				calls[ncalls++] = i;
	f = &files[calls[hc_rng_below(&rng, ncalls)]];
	op_count[OP_CHECKED]++;
	fd = open(f->path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		unexpected++;
		report("open %s: %s", f->name, strerror(errno));
		return;
	}
	len = rand_text(f, buf, MAX_LEN);
	w = write(fd, buf, len);
	if (w < 0 && !errno_allowed(errno, false)) {
		unexpected++;
		report("checked write to %s: unexpected %s", f->name,
		       strerror(errno));
	}
	r = read(fd, ans, MAX_LEN);
	if (r >= 0)
		ans[r] = '\0';
	if (w >= 0 && (size_t)w != len) {
		malformed++;
		report("%s: write of %zu returned %zd", f->name, len, w);
	} else if (w >= 0 && (r < 0 || !well_formed(f->kind, ans))) {
		malformed++;
		report("%s: after '%.*s': %s", f->name, (int)len, buf,
		       r < 0 ? strerror(errno) : ans);
	} else if (w < 0 && !(r < 0 && errno == ENODATA)) {
		malformed++;
		report("%s: a failed write left an answer", f->name);
	} else {
		op_ok[OP_CHECKED]++;
		if (w >= 0)
			checked_ok++;
		else
			checked_refused++;
	}
	close(fd);
}

static enum op rand_op(void)
{
	unsigned int total = 0, i, x;

	for (i = 0; i < OP_NR; i++)
		total += op_weight[i];
	x = hc_rng_below(&rng, total);
	for (i = 0; x >= op_weight[i]; i++)
		x -= op_weight[i];
	return i;
}

static void run(unsigned long ops)
{
	unsigned long i;

	for (i = 0; i < ops; i++) {
		enum op op = rand_op();
		struct slot *s = rand_slot();

		if (op == OP_CHECKED)
			do_checked();
		else if (op == OP_OPEN || s->fd < 0)
			do_open(s);
		else
			do_fd_op(op, s);
	}
	for (i = 0; i < SLOTS; i++)
		if (slots[i].fd >= 0)
			close(slots[i].fd);
}

static void print_figures(unsigned long ops, double secs)
{
	char line[1024];
	size_t n = 0;
	int i;

	ksft_print_msg("figures: %lu operations in %.1f s, %lu unexpected, %lu malformed answers\n",
		       ops, secs, unexpected, malformed);
	for (i = 0; i < OP_NR; i++)
		n += snprintf(line + n, sizeof(line) - n, " %s=%lu/%lu",
			      op_names[i], op_ok[i], op_count[i]);
	ksft_print_msg("ok/all:%s\n", line);
	n = 0;
	for (i = 1; i < 256; i++)
		if (errno_count[i])
			n += snprintf(line + n, sizeof(line) - n, " %s=%lu",
				      strerrorname_np(i) ?: "?",
				      errno_count[i]);
	ksft_print_msg("errnos:%s\n", line);
	ksft_print_msg("checked calls: %lu answered, %lu refused\n",
		       checked_ok, checked_refused);
}

int main(int argc, char **argv)
{
	unsigned long ops, taint0;
	struct timespec t0, t1;
	unsigned long long seed = hc_seed();
	char ans[256];
	int opt, i, fd, ret;
	bool all_found = true;

	ops = hc_env_num("HC_FUZZ_OPS",
			 hc_profile() == HC_P_VMWARE ? 1000000 : 20000);
	while ((opt = getopt(argc, argv, "n:s:")) != -1) {
		if (opt == 'n')
			ops = strtoul(optarg, NULL, 0);
		else if (opt == 's')
			seed = strtoull(optarg, NULL, 0);
		else
			ksft_exit_fail_msg("usage: %s [-n OPS] [-s SEED]\n",
					   argv[0]);
	}

	ksft_print_header();
	if (geteuid())
		ksft_exit_skip("needs root\n");
	ksft_set_plan(7);
	ksft_print_msg("seed %llu (HC_SEED=%llu replays it), %lu operations\n",
		       seed, seed, ops);
	hc_rng_seed(&rng, seed);

	ret = hc_load("");
	if (ret)
		ksft_exit_fail_msg("loading hypercall.ko: %s\n", strerror(-ret));
	taint0 = hc_tainted();

	buf = mmap(NULL, MAX_LEN + 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED || mprotect(buf + MAX_LEN, 4096, PROT_NONE))
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	guard = buf + MAX_LEN;

	find_files("");
	for (i = 0; i < (int)ARRAY_SIZE(known_files); i++) {
		if (!have_file(known_files[i])) {
			ksft_print_msg("no %s\n", known_files[i]);
			all_found = false;
		}
	}
	ksft_test_result(all_found && nfiles > 0,
			 "the walk finds every file of the module (%d)\n",
			 nfiles);
	for (i = 0; i < SLOTS; i++)
		slots[i].fd = -1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	run(ops);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_figures(ops, t1.tv_sec - t0.tv_sec +
			   (t1.tv_nsec - t0.tv_nsec) / 1e9);
	ksft_test_result(!unexpected,
			 "%lu random operations: every result allowed\n", ops);
	ksft_test_result(!malformed,
			 "commands on fresh descriptors: a well-formed answer or none\n");

	/* The module still works, exactly as before. */
	fd = open(HC_DEBUGFS "/vmware/call", O_RDWR | O_CLOEXEC);
	ret = fd < 0 ? -errno : hc_call(fd, "getversion", ans, sizeof(ans));
	if (fd >= 0)
		close(fd);
	if (hc_has_backdoor()) {
		ksft_test_result(!ret && !strcmp(ans, HC_GETVERSION_QEMU),
				 "GETVERSION afterwards: QEMU's answer\n");
		if (ret || strcmp(ans, HC_GETVERSION_QEMU))
			ksft_print_msg("got %s\n", ret ? strerror(-ret) : ans);
	} else {
		ksft_test_result(ret == -ENODEV,
				 "GETVERSION afterwards: ENODEV, no backdoor\n");
	}
	ksft_test_result(hc_info_num("vmware_faults") == 0 &&
			 hc_info_num("kvm_faults") == 0,
			 "no hypercall instruction faulted\n");
	ksft_test_result(!(hc_tainted() & TAINT_USER) ||
			 (taint0 & TAINT_USER),
			 "the kernel is not tainted for 'user' (unsafe=0)\n");
	ret = hc_rmmod("hypercall");
	ksft_test_result(!ret, "the module unloads\n");
	ksft_finished();
}

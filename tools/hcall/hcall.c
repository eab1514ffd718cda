// SPDX-License-Identifier: GPL-2.0
/*
 * hcall - run one hypercall through the hypercall module's debugfs files
 *
 *   hcall [-d DIR] info [KEY]
 *   hcall [-d DIR] vmware <cmd> [<in1> [<in3> [<in4> [<in5>]]]]
 *   hcall [-d DIR] vmware version|uuid|memsize|hz|vcpu_info [KEY]
 *   hcall [-d DIR] kvm <nr> [<a0> ... [<a7>]]
 *   hcall [-d DIR] kvm clock_pairing [KEY]
 *   hcall [-d DIR] palacios <id> [<a1> [<a2> [<a3> [<a4>]]]]
 *   hcall [-d DIR] rpc <command...>
 *   hcall [-d DIR] guestinfo <key>
 *   hcall --help | --version
 *
 * A call writes its words, joined into one line, to the sub-command's call
 * file under DIR (default: /sys/kernel/debug/hypercall), reads the answer
 * back on the same open file and prints it, one line:
 *
 *   eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 ...
 *   ret=-1000
 *   rax=0x1 rbx=0x1111 rcx=0x2222 rdx=0x3333 rsi=0x4444 rdi=0x5555
 *   <the host's GuestRPC reply>
 *
 * <cmd> is a number (decimal or 0x-hex) or a command name such as
 * getversion; the inputs are numbers.  The kernel parses and checks the
 * line, so this program only joins its arguments and explains the errno.
 *
 * A named file is read-only and runs a side-effect-free command on each
 * read.  hcall prints it as it reads ("key: value" lines, or "key=value"
 * words), or with KEY the value of KEY alone, for scripts.  A file may name
 * the key it prints without KEY (vmware uuid: the UUID).
 *
 * guestinfo <key> reads the read-only file vmware/guestinfo/<key>, which
 * the module makes for each key of its guestinfo_keys parameter and which
 * still opens under lockdown, and prints the value as vmware-rpctool
 * prints "info-get guestinfo.<key>": its bytes as they are, then a newline.
 *
 * Exit status: 0 the call ran and its answer was printed; 1 the kernel
 * refused the command, the call failed or the file has no such KEY (the
 * message says why); 2 usage; 3 nothing to call: no module, no debugfs (or
 * a locked-down kernel that closes it), or no backdoor, KVM or Palacios
 * transport on this machine.  For rpc, as vmware-rpctool: 0 when the host replied "1 ...", 1
 * when it replied "0 ..." (the reply goes to stderr) or the command did not
 * get through.  For guestinfo, the same: 0 the value was printed, 1 the
 * host has no such variable ("No value found" on stderr), the key is not
 * one of guestinfo_keys, or the command did not get through; 2 a key that
 * is not a file name (empty, ".", ".." or with "/").
 *
 * Each sub-command is one row of hc_subs[]: its call file, its named files,
 * how many words it takes and what its errors mean, so that a new one is
 * one more row; --help, and with it the bash completion, follow the table.
 * hcall.8.rst, next to this file, is the manual.
 *
 * Without this program, any shell does the same with one file descriptor:
 *
 *   exec 3<>/sys/kernel/debug/hypercall/vmware/call
 *   echo getversion >&3
 *   read -r answer <&3
 *   exec 3<&-
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef HC_VERSION
#error "HC_VERSION is not defined: build with the Makefile, which reads VERSION"
#endif

#define HC_DEFAULT_DIR	"/sys/kernel/debug/hypercall"
#define HC_MODULE_DIR	"/sys/module/hypercall"
#define HC_UNSAFE_PARAM	HC_MODULE_DIR "/parameters/unsafe"
#define HC_KEYS_PARAM	HC_MODULE_DIR "/parameters/guestinfo_keys"
#define HC_LINE_MAX	8192	/* longer than the kernel takes: it says EINVAL */

/*
 * kvm/call takes the number and as many arguments as the architecture's
 * hypercalls have (HC_KVM_NARGS: 4 on x86 and MIPS, 6 on s390, 8 on
 * PowerPC): more is a usage error here, before the kernel's EINVAL.
 */
#if defined(__powerpc64__)
#define HC_KVM_ARGS	"<nr> [<a0> ... [<a7>]]"
#define HC_KVM_WORDS	9
#else
#define HC_KVM_ARGS	"<nr> [<a0> ... [<a5>]]"
#define HC_KVM_WORDS	7
#endif

enum {
	HC_EXIT_OK,
	HC_EXIT_FAILED,
	HC_EXIT_USAGE,
	HC_EXIT_UNAVAILABLE,
};

/**
 * struct hc_file - a named, read-only file
 * @name: the word after the sub-command that selects it, and the file name
 * @key: the key printed without KEY; NULL: the whole file
 */
struct hc_file {
	const char *name;
	const char *key;
};

/**
 * struct hc_errmsg - what an errno of a sub-command's files means
 * @err: the errno
 * @why: the explanation
 */
struct hc_errmsg {
	int err;
	const char *why;
};

/**
 * struct hc_sub - one sub-command
 * @name: the first argument that selects it
 * @help: what it does, for --help
 * @call: its call file, relative to the debugfs directory; NULL: none
 * @args: the words of a call, for the usage message
 * @min_words: fewest words after @name in a call
 * @max_words: most words after @name in a call
 * @read: the file, relative to the debugfs directory, that "@name [KEY]"
 *        prints; NULL: none
 * @dir: the directory of @files, relative to the debugfs directory
 * @files: the named files, "@name FILE [KEY]", ending with { }; or NULL
 * @key_dir: the directory, relative to the debugfs directory, of one
 *           read-only file per key: "@name KEY" prints the file KEY, its
 *           bytes as they are and a newline; NULL: none
 * @key_param: the module parameter that names the files of @key_dir
 * @enodata: what ENODATA from opening a file of @key_dir prints, alone:
 *           the host's own words, as vmware-rpctool prints them
 * @einval: what EINVAL from a call means
 * @eperm: what EPERM from a call means while the unsafe parameter is off:
 *         an unsafe command, or a forbidden one (the kernel does not say)
 * @eperm_unsafe: what EPERM from a call means while it is on: forbidden
 * @enodev: what ENODEV means
 * @eio: what EIO means
 * @more: what other errnos mean, ending with { 0 }; or NULL
 * @remote_reply: a write failing with EREMOTEIO still left a reply (the
 *                host's own failure message) to read and show
 */
struct hc_sub {
	const char *name;
	const char *help;
	const char *call;
	const char *args;
	int min_words, max_words;
	const char *read;
	const char *dir;
	const struct hc_file *files;
	const char *key_dir, *key_param, *enodata;
	const char *einval, *eperm, *eperm_unsafe, *enodev, *eio;
	const struct hc_errmsg *more;
	int remote_reply;
};

static const struct hc_file hc_vmware_files[] = {
	{ .name = "version" },
	{ .name = "uuid", .key = "uuid" },
	{ .name = "memsize" },
	{ .name = "hz" },
	{ .name = "vcpu_info" },
	{ }
};

static const struct hc_file hc_kvm_files[] = {
	{ .name = "clock_pairing" },
	{ }
};

static const struct hc_errmsg hc_kvm_errs[] = {
	{
		.err = EOPNOTSUPP,
		.why = "KVM does not offer it here (KVM_ENOSYS or KVM_EOPNOTSUPP), or guest memory is encrypted",
	},
	{ 0 }
};

static const struct hc_errmsg hc_rpc_errs[] = {
	{ EOPNOTSUPP, "the host has no GuestRPC (not VMware?)" },
	{ ETIMEDOUT, "the host did not complete the exchange" },
	{ EMSGSIZE, "the reply is larger than 1 MiB" },
	{ EBADMSG, "the host's reply has no status" },
	{ 0 }
};

static const struct hc_errmsg hc_guestinfo_errs[] = {
	{ EOPNOTSUPP, "the host has no GuestRPC (not VMware?)" },
	{ EREMOTEIO, "the host refused (hcall rpc info-get shows its reply)" },
	{ EMSGSIZE, "the value is larger than a GuestRPC reply may be (1 MiB)" },
	{ ETIMEDOUT, "the GuestRPC channel failed: the host did not complete the exchange" },
	{ EBADMSG, "the GuestRPC channel failed: the host's reply has no status" },
	{ ENOMEM, "the GuestRPC channel failed: no memory for the reply" },
	{ 0 }
};

static const struct hc_sub hc_subs[] = {
	{
		.name = "info",
		.help = "what the module detected and chose",
		.read = "info",
	},
	{
		.name = "vmware",
		.help = "one VMware backdoor command, or a named file",
		.call = "vmware/call",
		.args = "<cmd> [<in1> [<in3> [<in4> [<in5>]]]]",
		.min_words = 1,
		.max_words = 5,
		.dir = "vmware",
		.files = hc_vmware_files,
		.einval = "malformed command: a name or number, then up to four 32-bit numbers",
		.eperm = "command not allowed: unsafe=1 allows it and taints the kernel, unless it is never allowed",
		.eperm_unsafe = "command never allowed: the host would write guest memory",
		.enodev = "no VMware backdoor on this machine",
		.eio = "the hypercall instruction faulted: wrong vmware_mode for this machine",
	},
	{
		.name = "kvm",
		.help = "one KVM hypercall, or a named file",
		.call = "kvm/call",
		.args = HC_KVM_ARGS,
		.min_words = 1,
		.max_words = HC_KVM_WORDS,
		.dir = "kvm",
		.files = hc_kvm_files,
		.einval = "malformed call: a number, then up to four 64-bit numbers (six on s390, eight on PowerPC)",
		.eperm = "hypercall not allowed: unsafe=1 allows it and taints the kernel, unless it is never allowed",
		.eperm_unsafe = "hypercall never allowed: it passes guest physical addresses or IPIs",
		.enodev = "no KVM on this machine",
		.eio = "the hypercall instruction faulted: wrong kvm_mode for this machine, or (s390) a subcode the host rejects",
		.more = hc_kvm_errs,
	},
	{
		.name = "palacios",
		.help = "one Palacios hypercall (a forced palacios_mode, or Palacios's V3V leaf)",
		.call = "palacios/call",
		.args = "<id> [<a1> [<a2> [<a3> [<a4>]]]]",
		.min_words = 1,
		.max_words = 5,
		.einval = "malformed call: a 32-bit id, then up to four 64-bit numbers",
		.eperm = "hypercall not allowed: unsafe=1 allows it and taints the kernel, unless it is never allowed",
		.eperm_unsafe = "hypercall never allowed: it hands the host guest addresses or stops the VM",
		.enodev = "no Palacios transport: palacios_mode is none",
		.eio = "the hypercall instruction faulted: wrong palacios_mode for this machine",
	},
	{
		.name = "rpc",
		.help = "one GuestRPC command (e.g. info-get guestinfo.foo)",
		.call = "vmware/rpc",
		.args = "<command...>",
		.min_words = 1,
		.max_words = 1024,
		.einval = "malformed command: empty, over 4096 bytes, or with a NUL",
		.eperm = "command not allowed: only info-get, info-set guestinfo.* and log run without unsafe=1",
		.enodev = "no VMware backdoor on this machine",
		.eio = "the GuestRPC channel failed",
		.more = hc_rpc_errs,
		.remote_reply = 1,
	},
	{
		.name = "guestinfo",
		.help = "the guestinfo value of a key named at load; works under lockdown",
		.args = "<key>",
		.key_dir = "vmware/guestinfo",
		.key_param = "guestinfo_keys",
		.enodata = "No value found",
		.enodev = "no VMware backdoor on this machine",
		.eio = "the GuestRPC channel failed",
		.more = hc_guestinfo_errs,
	},
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char prog[] = "hcall";

/* "a|b|c": the names of @files */
static void print_files(FILE *f, const struct hc_file *files)
{
	const struct hc_file *file;

	for (file = files; file->name; file++)
		fprintf(f, "%s%s", file == files ? "" : "|", file->name);
}

/*
 * One line per form of each sub-command, "  <name> <words>", after a
 * "commands:" line: scripts/deb-check.sh and the bash completion read them.
 */
static void print_usage(FILE *f)
{
	const struct hc_sub *sub;
	size_t i;

	fprintf(f, "usage: %s [-d DIR] COMMAND [ARG...]\n"
		"       %s -h | --help | -V | --version\n\ncommands:\n",
		prog, prog);
	for (i = 0; i < ARRAY_SIZE(hc_subs); i++) {
		sub = &hc_subs[i];
		if (sub->read)
			fprintf(f, "  %s [KEY]\n", sub->name);
		if (sub->call || sub->key_dir)
			fprintf(f, "  %s %s\n", sub->name, sub->args);
		if (sub->files) {
			fprintf(f, "  %s ", sub->name);
			print_files(f, sub->files);
			fputs(" [KEY]\n", f);
		}
		fprintf(f, "      %s\n", sub->help);
	}
	fprintf(f, "\nA call prints the one-line answer of the call file under DIR\n"
		"(default %s); a named file prints as it reads, or\n"
		"with KEY the value of KEY alone.  Exit status: 0 ok, 1 refused or\n"
		"failed, 2 usage, 3 nothing to call (no module, debugfs, backdoor,\n"
		"KVM or Palacios, or a locked-down kernel).  See hcall(8).\n",
		HC_DEFAULT_DIR);
}

/* The usage of one sub-command, on stderr; returns the exit status. */
static int sub_usage(const struct hc_sub *sub)
{
	const char *sep = "";

	fprintf(stderr, "%s: %s takes ", prog, sub->name);
	if (sub->read) {
		fputs("[KEY]", stderr);
		sep = " or ";
	}
	if (sub->call || sub->key_dir) {
		fprintf(stderr, "%s%s", sep, sub->args);
		sep = " or ";
	}
	if (sub->files) {
		fputs(sep, stderr);
		print_files(stderr, sub->files);
		fputs(" [KEY]", stderr);
	}
	fputc('\n', stderr);
	return HC_EXIT_USAGE;
}

/* Is the module's unsafe parameter on? */
static int unsafe_on(void)
{
	char c = 'N';
	int fd = open(HC_UNSAFE_PARAM, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (read(fd, &c, 1) != 1)
		c = 'N';
	close(fd);
	return c == 'Y' || c == '1';
}

/*
 * ENOENT: say what is missing, the module, debugfs under @dir, or the file
 * (a module older than this program).
 */
static int not_there(const char *dir, const char *path)
{
	struct stat st;

	if (stat(HC_MODULE_DIR, &st))
		fprintf(stderr,
			"%s: the hypercall module is not loaded (modprobe hypercall)\n",
			prog);
	else if (stat(dir, &st))
		fprintf(stderr,
			"%s: %s: no such directory: is debugfs mounted? (mount -t debugfs none /sys/kernel/debug)\n",
			prog, dir);
	else
		fprintf(stderr,
			"%s: %s: no such file in this version of the module\n",
			prog, path);
	return HC_EXIT_UNAVAILABLE;
}

/*
 * Explain an errno of a sub-command's file; @call: it came from a call file
 * (EINVAL and EPERM then mean the kernel refused the line).  Returns the
 * exit status.
 */
static int explain(const struct hc_sub *sub, const char *path, int err,
		   int call)
{
	const struct hc_errmsg *m;
	const char *why = NULL;
	int status = HC_EXIT_FAILED;

	for (m = sub->more; m && m->err; m++)
		if (m->err == err)
			why = m->why;
	switch (why ? 0 : err) {
	case EINVAL:
		why = call ? sub->einval : NULL;
		break;
	case EPERM:
		if (call)
			why = unsafe_on() && sub->eperm_unsafe ?
			      sub->eperm_unsafe : sub->eperm;
		break;
	case ENODEV:
		why = sub->enodev;
		status = HC_EXIT_UNAVAILABLE;
		break;
	case EIO:
		why = sub->eio;
		break;
	case EACCES:
		why = "permission denied: the hypercall files are root's";
		status = HC_EXIT_UNAVAILABLE;
		break;
	}
	if (why)
		fprintf(stderr, "%s: %s: %s (%s)\n", prog, path, why,
			strerror(err));
	else
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(err));
	return status;
}

/*
 * EPERM from open(), not from a write: the module never refuses an open;
 * the kernel does when it is locked down (debugfs_locked_down() closes
 * every debugfs file that can be written), or another security module.
 */
static int open_refused(const char *path)
{
	char buf[128] = "";
	/* without securityfs the kernel does not say whether it is locked down */
	const char *why = "the kernel refuses to open it; is it locked down? (kernel_lockdown(7))";
	int fd = open("/sys/kernel/security/lockdown", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		close(fd);
		why = "the kernel refuses to open it";
	}
	if (strstr(buf, "[integrity]") || strstr(buf, "[confidentiality]"))
		why = "locked down: the kernel closes debugfs files that can be written";
	fprintf(stderr, "%s: %s: %s (%s)\n", prog, path, why, strerror(EPERM));
	return HC_EXIT_UNAVAILABLE;
}

/* Say why @path (under @dir) did not open with @err; the exit status. */
static int open_failed(const struct hc_sub *sub, const char *dir,
		       const char *path, int err)
{
	if (err == EPERM)
		return open_refused(path);
	if (err == ENOENT)
		return not_there(dir, path);
	return explain(sub, path, err, 0);
}

/* Open @path (under @dir) or say why not; -1 and *status when it failed. */
static int open_file(const struct hc_sub *sub, const char *dir,
		     const char *path, int flags, int *status)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		*status = open_failed(sub, dir, path, errno);
	return fd;
}

/*
 * Read what is left of @fd into *@buf, allocated here (free it) and
 * NUL-terminated, whatever its size (a GuestRPC reply may have 1 MiB);
 * 0, the errno of the read, or -1 when it said it ran out of memory.
 */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t size = 4096;
	char *p = malloc(size), *q;
	ssize_t n;

	*len = 0;
	for (;;) {
		if (!p) {
			fprintf(stderr, "%s: out of memory\n", prog);
			return -1;
		}
		n = read(fd, p + *len, size - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = errno;
			free(p);
			return n;
		}
		if (!n)
			break;
		*len += n;
		if (size - *len - 1)
			continue;
		size *= 2;
		q = realloc(p, size);
		if (!q)
			free(p);
		p = q;
	}
	p[*len] = '\0';
	*buf = p;
	return 0;
}

static int print_out(FILE *out, const char *buf, size_t len)
{
	if (fwrite(buf, 1, len, out) != len || fflush(out)) {
		fprintf(stderr, "%s: cannot write the answer\n", prog);
		return HC_EXIT_FAILED;
	}
	return HC_EXIT_OK;
}

static int join_path(char *path, size_t size, const char *dir,
		     const char *sub, const char *name)
{
	if ((size_t)snprintf(path, size, "%s/%s%s%s", dir, sub ? sub : "",
			     sub ? "/" : "", name) < size)
		return 0;
	fprintf(stderr, "%s: directory name too long\n", prog);
	return -1;
}

static int run_call(const struct hc_sub *sub, const char *dir, int argc,
		    char **argv)
{
	char path[4096], line[HC_LINE_MAX], *answer;
	FILE *out = stdout;
	size_t len = 0;
	ssize_t n;
	int fd, i, status, err;

	if (argc < sub->min_words || argc > sub->max_words)
		return sub_usage(sub);
	if (join_path(path, sizeof(path), dir, NULL, sub->call))
		return HC_EXIT_USAGE;
	/* One line, one write: the kernel runs each write as one call. */
	for (i = 0; i < argc; i++) {
		n = snprintf(line + len, sizeof(line) - len, "%s%s",
			     i ? " " : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(line) - len - 1) {
			fprintf(stderr, "%s: command too long\n", prog);
			return HC_EXIT_USAGE;
		}
		len += n;
	}
	line[len++] = '\n';

	fd = open_file(sub, dir, path, O_RDWR, &status);
	if (fd < 0)
		return status;
	n = write(fd, line, len);
	if (n < 0 && errno == EREMOTEIO && sub->remote_reply) {
		/* the host said no; its reply says why */
		out = stderr;
	} else if (n < 0) {
		status = explain(sub, path, errno, 1);
		close(fd);
		return status;
	} else if ((size_t)n != len) {
		fprintf(stderr, "%s: %s: short write\n", prog, path);
		close(fd);
		return HC_EXIT_FAILED;
	}
	err = read_all(fd, &answer, &len);
	close(fd);
	if (err)
		return err < 0 ? HC_EXIT_FAILED : explain(sub, path, err, 1);
	status = print_out(out, answer, len);
	free(answer);
	return status ? status : out == stdout ? HC_EXIT_OK : HC_EXIT_FAILED;
}

/*
 * The value of @key in @text: the rest of a line "@key: value", or in a
 * line without a colon, the rest of a word "@key=value".  NULL if none.
 */
static const char *find_value(const char *text, const char *key, size_t *len)
{
	size_t klen = strlen(key), llen;
	const char *line, *w, *end;

	for (line = text; *line; line += llen + (line[llen] == '\n')) {
		llen = strcspn(line, "\n");
		if (llen > klen + 1 && !strncmp(line, key, klen) &&
		    line[klen] == ':' && line[klen + 1] == ' ') {
			*len = llen - klen - 2;
			return line + klen + 2;
		}
		if (memchr(line, ':', llen))
			continue;
		for (w = line; w < line + llen; w = end + 1) {
			end = w + strcspn(w, "\n ");
			if ((size_t)(end - w) > klen && !strncmp(w, key, klen) &&
			    w[klen] == '=') {
				*len = end - w - klen - 1;
				return w + klen + 1;
			}
		}
	}
	return NULL;
}

/* Print the named file @name (in @subdir): whole, or the value of @key. */
static int run_read(const struct hc_sub *sub, const char *dir,
		    const char *subdir, const char *name, const char *key)
{
	char path[4096], *text;
	const char *value;
	size_t len;
	int fd, status, err;

	if (join_path(path, sizeof(path), dir, subdir, name))
		return HC_EXIT_USAGE;
	fd = open_file(sub, dir, path, O_RDONLY, &status);
	if (fd < 0)
		return status;
	err = read_all(fd, &text, &len);
	close(fd);
	if (err)
		return err < 0 ? HC_EXIT_FAILED : explain(sub, path, err, 0);
	value = key ? find_value(text, key, &len) : text;
	if (value) {
		status = print_out(stdout, value, len);
		if (!status && key)
			status = print_out(stdout, "\n", 1);
	} else {
		fprintf(stderr, "%s: %s: no key '%s'\n", prog, path, key);
		status = HC_EXIT_FAILED;
	}
	free(text);
	return status;
}

/*
 * Print the file @key of @sub->key_dir: its bytes, then a newline.  A key
 * that is not a file name is refused before anything is opened, so that
 * no other file is ever read.
 */
static int run_key(const struct hc_sub *sub, const char *dir,
		   const char *key)
{
	char path[4096], kdir[4096], *value;
	struct stat st;
	size_t len;
	int fd, status, err;

	if (!*key || !strcmp(key, ".") || !strcmp(key, "..") ||
	    strchr(key, '/')) {
		fprintf(stderr,
			"%s: %s: '%s' is not a key: empty, '.', '..' or with '/'\n",
			prog, sub->name, key);
		return HC_EXIT_USAGE;
	}
	if (join_path(path, sizeof(path), dir, sub->key_dir, key) ||
	    join_path(kdir, sizeof(kdir), dir, NULL, sub->key_dir))
		return HC_EXIT_USAGE;
	/* the open asks the host, once; the reads page through its answer */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && !stat(kdir, &st) &&
	    S_ISDIR(st.st_mode)) {
		fprintf(stderr,
			"%s: %s: no such key: '%s' is not in the module parameter %s (%s)\n",
			prog, path, key, sub->key_param, HC_KEYS_PARAM);
		return HC_EXIT_FAILED;
	}
	if (fd < 0 && errno == ENODATA && sub->enodata) {
		fprintf(stderr, "%s\n", sub->enodata);
		return HC_EXIT_FAILED;
	}
	/* ENOENT: no module, no debugfs, or a module without @kdir */
	if (fd < 0)
		return open_failed(sub, dir, errno == ENOENT ? kdir : path,
				   errno);
	err = read_all(fd, &value, &len);
	close(fd);
	if (err)
		return err < 0 ? HC_EXIT_FAILED : explain(sub, path, err, 0);
	status = print_out(stdout, value, len);
	free(value);
	return status ? status : print_out(stdout, "\n", 1);
}

/* "hcall <sub->name> WORD...": a named file, else a call. */
static int run_sub(const struct hc_sub *sub, const char *dir, int argc,
		   char **argv)
{
	const struct hc_file *file;

	if (sub->read) {
		if (argc > 1)
			return sub_usage(sub);
		return run_read(sub, dir, NULL, sub->read, argc ? argv[0] : NULL);
	}
	if (sub->key_dir)
		return argc == 1 ? run_key(sub, dir, argv[0]) : sub_usage(sub);
	for (file = sub->files; argc && file && file->name; file++) {
		if (strcmp(argv[0], file->name))
			continue;
		if (argc > 2)
			return sub_usage(sub);
		return run_read(sub, dir, sub->dir, file->name,
				argc == 2 ? argv[1] : file->key);
	}
	if (sub->call)
		return run_call(sub, dir, argc, argv);
	return sub_usage(sub);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = HC_DEFAULT_DIR;
	size_t i;
	int opt;

	while ((opt = getopt_long(argc, argv, "+d:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			dir = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return fflush(stdout) ? HC_EXIT_FAILED : HC_EXIT_OK;
		case 'V':
			printf("%s %s\n", prog, HC_VERSION);
			return fflush(stdout) ? HC_EXIT_FAILED : HC_EXIT_OK;
		default:
			print_usage(stderr);
			return HC_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		print_usage(stderr);
		return HC_EXIT_USAGE;
	}
	for (i = 0; i < ARRAY_SIZE(hc_subs); i++)
		if (!strcmp(argv[optind], hc_subs[i].name))
			return run_sub(&hc_subs[i], dir, argc - optind - 1,
				       argv + optind + 1);
	fprintf(stderr, "%s: unknown command '%s'\n", prog, argv[optind]);
	print_usage(stderr);
	return HC_EXIT_USAGE;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * hcall - run one hypercall through the hypercall module's debugfs files
 *
 *   hcall [-d DIR] vmware <cmd> [<in1> [<in3> [<in4> [<in5>]]]]
 *   hcall [-d DIR] kvm <nr> [<a0> [<a1> [<a2> [<a3>]]]]
 *   hcall [-d DIR] rpc <command...>
 *
 * writes the command to its call file under DIR (default:
 * /sys/kernel/debug/hypercall), reads the answer back on the same open file
 * and prints it:
 *
 *   eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 ...
 *   ret=-1000
 *   <the host's GuestRPC reply>
 *
 * <cmd> is a number (decimal or 0x-hex) or a command name such as
 * getversion; the inputs are numbers.  The kernel parses and checks the
 * line, so this program only joins its arguments and explains the errno.
 *
 * Exit status: 0 the call ran and its answer was printed; 1 the kernel
 * refused the command or the call failed (the message says why); 2 usage;
 * 3 nothing to call: no module, no debugfs (or a locked-down kernel that
 * closes it), or no backdoor on this machine.
 * For rpc, as vmware-rpctool: 0 when the host replied "1 ...", 1 when it
 * replied "0 ..." (the reply goes to stderr) or the command did not get
 * through.
 *
 * Each kind of call is one row of hc_subs[]: its call file, how many words
 * it takes and what its errors mean, so that a new kind (GuestRPC, KVM
 * hypercalls) is one more row.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HC_DEFAULT_DIR	"/sys/kernel/debug/hypercall"
#define HC_LINE_MAX	8192	/* longer than the kernel takes: it says EINVAL */

enum {
	HC_EXIT_OK,
	HC_EXIT_FAILED,
	HC_EXIT_USAGE,
	HC_EXIT_UNAVAILABLE,
};

/**
 * struct hc_sub - one kind of call
 * @name: the first argument that selects it
 * @file: its call file, relative to the debugfs directory
 * @args: what follows @name, for the usage message
 * @min_words: fewest words after @name
 * @max_words: most words after @name
 * @einval: what EINVAL from the kernel means
 * @eperm: what EPERM means while the module's unsafe parameter is off
 * @eperm_unsafe: what EPERM means while it is on
 * @enodev: what ENODEV means
 * @eio: what EIO means
 * @more: what other errnos mean, ending with { 0 }
 * @remote_reply: a write failing with EREMOTEIO still left a reply (the
 *                host's own failure message) to read and show
 */
struct hc_sub {
	const char *name;
	const char *file;
	const char *args;
	int min_words, max_words;
	const char *einval, *eperm, *eperm_unsafe, *enodev, *eio;
	const struct hc_errmsg {
		int err;
		const char *why;
	} *more;
	int remote_reply;
};

static const struct hc_errmsg hc_rpc_errs[] = {
	{ EOPNOTSUPP, "the host has no GuestRPC (not VMware?)" },
	{ ETIMEDOUT, "the host did not complete the exchange" },
	{ EMSGSIZE, "the reply is larger than 64 KiB" },
	{ EBADMSG, "the host's reply has no status" },
	{ 0 }
};

#define HC_UNSAFE_PARAM	"/sys/module/hypercall/parameters/unsafe"

static const struct hc_sub hc_subs[] = {
	{
		.name = "vmware",
		.file = "vmware/call",
		.args = "<cmd> [<in1> [<in3> [<in4> [<in5>]]]]",
		.min_words = 1,
		.max_words = 5,
		.einval = "malformed command: a name or number, then up to four 32-bit numbers",
		.eperm = "command not allowed: unsafe=1 allows it, and taints the kernel",
		.eperm_unsafe = "command never allowed: the host would write guest memory",
		.enodev = "no VMware backdoor on this machine",
		.eio = "the hypercall instruction faulted: wrong vmware_mode for this machine",
	},
	{
		.name = "kvm",
		.file = "kvm/call",
		.args = "<nr> [<a0> [<a1> [<a2> [<a3>]]]]",
		.min_words = 1,
		.max_words = 5,
		.einval = "malformed call: a number, then up to four 64-bit numbers",
		.eperm = "hypercall not allowed: unsafe=1 allows it, and taints the kernel",
		.eperm_unsafe = "hypercall never allowed: it passes guest physical addresses or IPIs",
		.enodev = "no KVM on this machine",
		.eio = "the hypercall instruction faulted: wrong kvm_mode for this machine",
	},
	{
		.name = "rpc",
		.file = "vmware/rpc",
		.args = "<command...>  (e.g. info-get guestinfo.foo)",
		.min_words = 1,
		.max_words = 1024,
		.einval = "malformed command: empty, over 4096 bytes, or with a NUL",
		.eperm = "command not allowed: only info-get, info-set guestinfo.* and log run without unsafe=1",
		.enodev = "no VMware backdoor on this machine",
		.eio = "the GuestRPC channel failed",
		.more = hc_rpc_errs,
		.remote_reply = 1,
	},
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char prog[] = "hcall";

static void print_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: %s [-d DIR] KIND ARGS...\n", prog);
	for (i = 0; i < ARRAY_SIZE(hc_subs); i++)
		fprintf(f, "       %s [-d DIR] %s %s\n", prog,
			hc_subs[i].name, hc_subs[i].args);
	fprintf(f, "\nRuns one call through DIR/<kind>/call (default DIR: %s)\n"
		"and prints the answer.  Exit status: 0 ok, 1 refused or failed,\n"
		"2 usage, 3 no module, debugfs or hypervisor interface.\n",
		HC_DEFAULT_DIR);
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

/* Explain an errno of the call file; returns the exit status. */
static int explain(const struct hc_sub *sub, const char *path, int err)
{
	const struct hc_errmsg *m;
	const char *why = NULL;
	int status = HC_EXIT_FAILED;

	for (m = sub->more; m && m->err; m++)
		if (m->err == err)
			why = m->why;
	switch (why ? 0 : err) {
	case EINVAL:
		why = sub->einval;
		break;
	case EPERM:
		why = unsafe_on() && sub->eperm_unsafe ? sub->eperm_unsafe :
							 sub->eperm;
		break;
	case ENODEV:
		why = sub->enodev;
		status = HC_EXIT_UNAVAILABLE;
		break;
	case EIO:
		why = sub->eio;
		break;
	case ENOENT:
		why = "no such file: is the hypercall module loaded, and debugfs mounted?";
		status = HC_EXIT_UNAVAILABLE;
		break;
	case EACCES:
		why = "permission denied: the call files are root's";
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

static int run(const struct hc_sub *sub, const char *dir, int argc,
	       char **argv)
{
	char path[4096], line[HC_LINE_MAX], answer[65536 + 2];
	FILE *out = stdout;
	size_t len = 0, off = 0;
	ssize_t n;
	int fd, i, status;

	if (argc < sub->min_words || argc > sub->max_words) {
		fprintf(stderr, "%s: %s takes %s\n", prog, sub->name,
			sub->args);
		return HC_EXIT_USAGE;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, sub->file) >=
	    sizeof(path)) {
		fprintf(stderr, "%s: directory name too long\n", prog);
		return HC_EXIT_USAGE;
	}
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

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == EPERM)
		return open_refused(path);
	if (fd < 0)
		return explain(sub, path, errno);
	n = write(fd, line, len);
	if (n < 0 && errno == EREMOTEIO && sub->remote_reply) {
		/* the host said no; its reply says why */
		out = stderr;
	} else if (n < 0) {
		status = explain(sub, path, errno);
		close(fd);
		return status;
	} else if ((size_t)n != len) {
		fprintf(stderr, "%s: %s: short write\n", prog, path);
		close(fd);
		return HC_EXIT_FAILED;
	}
	for (;;) {
		n = read(fd, answer + off, sizeof(answer) - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			status = explain(sub, path, errno);
			close(fd);
			return status;
		}
		if (!n)
			break;
		off += n;
		if (off == sizeof(answer))
			break;
	}
	close(fd);
	if (fwrite(answer, 1, off, out) != off || fflush(out)) {
		fprintf(stderr, "%s: cannot write the answer\n", prog);
		return HC_EXIT_FAILED;
	}
	return out == stdout ? HC_EXIT_OK : HC_EXIT_FAILED;
}

int main(int argc, char **argv)
{
	const char *dir = HC_DEFAULT_DIR;
	size_t i;
	int opt;

	while ((opt = getopt(argc, argv, "+d:h")) != -1) {
		switch (opt) {
		case 'd':
			dir = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return HC_EXIT_OK;
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
			return run(&hc_subs[i], dir, argc - optind - 1,
				   argv + optind + 1);
	fprintf(stderr, "%s: unknown kind '%s'\n", prog, argv[optind]);
	print_usage(stderr);
	return HC_EXIT_USAGE;
}

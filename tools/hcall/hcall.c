// SPDX-License-Identifier: GPL-2.0
/*
 * hcall - run one hypercall through the hypercall module's debugfs files
 *
 *   hcall [-d DIR] vmware <cmd> [<in1> [<in3> [<in4> [<in5>]]]]
 *
 * writes the command to DIR/vmware/call (DIR: /sys/kernel/debug/hypercall),
 * reads the answer back on the same open file and prints it:
 *
 *   eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 ...
 *
 * <cmd> is a number (decimal or 0x-hex) or a command name such as
 * getversion; the inputs are numbers.  The kernel parses and checks the
 * line, so this program only joins its arguments and explains the errno.
 *
 * Exit status: 0 the call ran and its answer was printed; 1 the kernel
 * refused the command or the call failed (the message says why); 2 usage;
 * 3 nothing to call: no module, no debugfs, or no backdoor on this machine.
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
#define HC_LINE_MAX	4096	/* the kernel takes 256; it says EINVAL */

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
 */
struct hc_sub {
	const char *name;
	const char *file;
	const char *args;
	int min_words, max_words;
	const char *einval, *eperm, *eperm_unsafe, *enodev, *eio;
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
	const char *why = NULL;
	int status = HC_EXIT_FAILED;

	switch (err) {
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

static int run(const struct hc_sub *sub, const char *dir, int argc,
	       char **argv)
{
	char path[4096], line[HC_LINE_MAX], answer[4096];
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
	if (fd < 0)
		return explain(sub, path, errno);
	n = write(fd, line, len);
	if (n < 0) {
		status = explain(sub, path, errno);
		close(fd);
		return status;
	}
	if ((size_t)n != len) {
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
	if (fwrite(answer, 1, off, stdout) != off || fflush(stdout)) {
		fprintf(stderr, "%s: cannot write the answer\n", prog);
		return HC_EXIT_FAILED;
	}
	return HC_EXIT_OK;
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

// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers and command tables for what scripts write to debugfs (parse.h).
 *
 * Grammar of a call line, at most HC_PARSE_MAX_LEN bytes:
 *
 *   line   := blank* word (blank+ word)* blank* ["\n"]
 *   blank  := " " | "\t"
 *   word   := number | name
 *   number := decimal | "0x" hex | "0X" hex, within the field's width
 *
 * Anything else (other control characters, NUL, a sign, a number out of
 * range, too many words, no word) is rejected with -EINVAL and leaves the
 * output untouched.
 */

#include "parse.h"

#define HC_MAX_WORDS	5

struct hc_word {
	const char *s;
	size_t len;
};

static bool hc_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int hc_digit(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

/* Parse a whole word as a number no larger than @max. */
static int hc_parse_number(const struct hc_word *w, u64 max, u64 *val)
{
	const char *s = w->s;
	size_t n = w->len;
	unsigned int base = 10;
	u64 v = 0;
	int d;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		n -= 2;
	}
	if (!n)
		return -EINVAL;
	for (; n; s++, n--) {
		d = hc_digit(*s, base);
		if (d < 0 || v > (max - d) / base)
			return -EINVAL;
		v = v * base + d;
	}
	*val = v;
	return 0;
}

/* Split a line into words; -EINVAL unless it follows the grammar. */
static int hc_split(const char *buf, size_t len, struct hc_word *words,
		    unsigned int max_words, unsigned int *nwords)
{
	unsigned int n = 0;
	size_t i = 0;

	if (!len || len > HC_PARSE_MAX_LEN)
		return -EINVAL;
	if (buf[len - 1] == '\n')
		len--;
	for (i = 0; i < len; i++) {
		/* printable ASCII and blanks only; this also rejects NUL */
		if (!hc_blank(buf[i]) && (buf[i] < 0x21 || buf[i] > 0x7e))
			return -EINVAL;
	}
	i = 0;
	for (;;) {
		while (i < len && hc_blank(buf[i]))
			i++;
		if (i == len)
			break;
		if (n == max_words)
			return -EINVAL;
		words[n].s = buf + i;
		while (i < len && !hc_blank(buf[i]))
			i++;
		words[n].len = buf + i - words[n].s;
		n++;
	}
	if (!n)
		return -EINVAL;
	*nwords = n;
	return 0;
}

/*
 * Backdoor commands by name, and what running them may do (open-vm-tools
 * lib/include/backdoor_def.h; see Documentation/abi.rst).  Commands not in
 * the table are HC_CMD_UNSAFE.  A number's first entry gives its name;
 * later ones are aliases that parse only.
 */
struct hc_vmware_cmd {
	const char *name;
	u32 cmd;
	enum hc_cmd_class cls;
	int safe_sub;	/* sub-command that keeps it safe; -1: any */
};

static const struct hc_vmware_cmd hc_vmware_cmds[] = {
	{ "getmhz",		1,   HC_CMD_SAFE, -1 },
	{ "apmfunction",	2,   HC_CMD_UNSAFE, -1 },
	{ "getptrlocation",	4,   HC_CMD_SAFE, -1 },
	{ "setptrlocation",	5,   HC_CMD_UNSAFE, -1 },
	{ "getversion",		10,  HC_CMD_SAFE, -1 },
	{ "getguioptions",	13,  HC_CMD_SAFE, -1 },
	{ "setguioptions",	14,  HC_CMD_UNSAFE, -1 },
	{ "gethwversion",	17,  HC_CMD_SAFE, -1 },
	{ "getuuid",		19,  HC_CMD_SAFE, -1 },
	{ "getmemsize",		20,  HC_CMD_SAFE, -1 },
	{ "getbiosuuid",	19,  HC_CMD_SAFE, -1 },	/* QEMU's names */
	{ "getramsize",		20,  HC_CMD_SAFE, -1 },
	{ "gettime",		23,  HC_CMD_SAFE, -1 },
	{ "stopcatchup",	24,  HC_CMD_UNSAFE, -1 },
	{ "message",		30,  HC_CMD_UNSAFE, -1 },
	{ "isacpidisabled",	34,  HC_CMD_SAFE, -1 },
	{ "ismouseabsolute",	36,  HC_CMD_SAFE, -1 },
	{ "mapmem",		38,  HC_CMD_FORBIDDEN, -1 },
	{ "abspointer_data",	39,  HC_CMD_UNSAFE, -1 },
	{ "abspointer_status",	40,  HC_CMD_SAFE, -1 },
	{ "abspointer_command",	41,  HC_CMD_UNSAFE, -1 },
	{ "gethz",		45,  HC_CMD_SAFE, -1 },
	{ "gettimefull",	46,  HC_CMD_SAFE, -1 },
	{ "gettimefull_with_lag", 55, HC_CMD_SAFE, -1 },
	{ "nesting_control",	63,  HC_CMD_UNSAFE, 2 },	/* 2: QUERY */
	{ "get_vcpu_info",	68,  HC_CMD_SAFE, -1 },
	{ "mks_guest_stats",	85,  HC_CMD_FORBIDDEN, -1 },
	{ "mkstest",		88,  HC_CMD_FORBIDDEN, -1 },
	{ "copy_physmem",	90,  HC_CMD_FORBIDDEN, -1 },
	{ "stealclock",		91,  HC_CMD_FORBIDDEN, -1 },
	{ "guest_page_hints",	92,  HC_CMD_FORBIDDEN, -1 },
	{ "fuzzer_helper",	94,  HC_CMD_FORBIDDEN, -1 },
	{ "precisionclock",	97,  HC_CMD_UNSAFE, 0 },	/* 0: GETTIME */
	{ "getbuildnum",	100, HC_CMD_SAFE, -1 },
};

#define HC_NCMDS ARRAY_SIZE(hc_vmware_cmds)

static const struct hc_vmware_cmd *hc_vmware_cmd_find(u32 cmd)
{
	size_t i;

	for (i = 0; i < HC_NCMDS; i++)
		if (hc_vmware_cmds[i].cmd == cmd)
			return &hc_vmware_cmds[i];
	return NULL;
}

/**
 * hc_vmware_cmd_name() - the name of a backdoor command
 * @cmd: ECX (the sub-command in bits 31:16 is ignored)
 *
 * Return: the name, or NULL for a command without one.
 */
const char *hc_vmware_cmd_name(u32 cmd)
{
	const struct hc_vmware_cmd *c = hc_vmware_cmd_find(cmd & 0xffff);

	return c ? c->name : NULL;
}

static bool hc_vmware_forbidden(u32 cmd)
{
	const struct hc_vmware_cmd *c = hc_vmware_cmd_find(cmd);

	return c && c->cls == HC_CMD_FORBIDDEN;
}

/**
 * hc_vmware_cmd_class() - what running a backdoor command may do
 * @cmd: ECX: command in bits 15:0, sub-command in 31:16
 *
 * VMware reads the command from bits 15:0, QEMU from bits 7:0, so a command
 * is forbidden if either reading makes it a forbidden one, and safe only if
 * both readings agree on a safe one (with a safe sub-command where that
 * matters).
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_vmware_cmd_class(u32 cmd)
{
	const struct hc_vmware_cmd *c;
	u32 c16 = cmd & 0xffff, sub = cmd >> 16;

	if (hc_vmware_forbidden(c16) || hc_vmware_forbidden(cmd & 0xff))
		return HC_CMD_FORBIDDEN;
	c = hc_vmware_cmd_find(c16);
	if (!c)
		return HC_CMD_UNSAFE;
	if (c->safe_sub >= 0)
		return sub == (u32)c->safe_sub ? HC_CMD_SAFE : HC_CMD_UNSAFE;
	return c->cls;
}

/**
 * hc_kvm_call_class() - what a KVM hypercall may do
 * @nr: the hypercall number
 *
 * Safe: KVM_HC_VAPIC_POLL_IRQ (1), KVM_HC_KICK_CPU (5) and
 * KVM_HC_SCHED_YIELD (11), which at worst wake or yield to a vCPU; the
 * caller also checks their arguments (the target is a present vCPU).
 *
 * Forbidden: KVM_HC_MMU_OP (2), KVM_HC_CLOCK_PAIRING (9) and
 * KVM_HC_MAP_GPA_RANGE (12) take a guest physical address that the host
 * writes or remaps; KVM_HC_SEND_IPI (10) delivers any vector, NMI, INIT or
 * SIPI to any vCPU, which hangs or corrupts the guest.
 *
 * Unsafe: every other number (obsolete, other architectures', unknown).
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_kvm_call_class(u32 nr)
{
	switch (nr) {
	case 1:
	case 5:
	case 11:
		return HC_CMD_SAFE;
	case 2:
	case 9:
	case 10:
	case 12:
		return HC_CMD_FORBIDDEN;
	default:
		return HC_CMD_UNSAFE;
	}
}

/* Does @s (@len bytes) start with the word @word, followed by a blank or
 * the end?  With @arg, the word must be followed by a blank and @arg.
 */
static bool hc_starts_with(const char *s, size_t len, const char *word,
			   const char *arg)
{
	size_t n = 0, a = 0;

	while (word[n]) {
		if (n == len || s[n] != word[n])
			return false;
		n++;
	}
	if (!arg)
		return n == len || hc_blank(s[n]);
	if (n == len || !hc_blank(s[n]))
		return false;
	n++;
	while (arg[a]) {
		if (n + a == len || s[n + a] != arg[a])
			return false;
		a++;
	}
	return true;
}

/**
 * hc_rpc_cmd_class() - what a GuestRPC command may do
 * @cmd: the command (need not end in NUL)
 * @len: its length
 *
 * Safe: "info-get ...", "info-set guestinfo.<key> ..." (guest variables
 * only, not the VM's other settings) and "log ..." (the VM's log file).
 * Everything else may change the VM or what tools report: unsafe.
 *
 * Return: HC_CMD_SAFE or HC_CMD_UNSAFE.
 */
enum hc_cmd_class hc_rpc_cmd_class(const char *cmd, size_t len)
{
	if (hc_starts_with(cmd, len, "info-get", NULL) ||
	    hc_starts_with(cmd, len, "info-set", "guestinfo.") ||
	    hc_starts_with(cmd, len, "log", NULL))
		return HC_CMD_SAFE;
	return HC_CMD_UNSAFE;
}

static bool hc_word_is(const struct hc_word *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->len; i++) {
		char c = w->s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!name[i] || c != name[i])
			return false;
	}
	return !name[i];
}

/**
 * hc_parse_vmware_call() - parse "<cmd> [<in1> [<in3> [<in4> [<in5>]]]]"
 * @buf: the text (not NUL-terminated)
 * @len: its length
 * @call: the command; written only on success
 *
 * <cmd> is a number or a command name (case does not matter); the inputs
 * are numbers; all fit in 32 bits.
 *
 * Return: 0, or -EINVAL.
 */
int hc_parse_vmware_call(const char *buf, size_t len,
			 struct hc_vmware_call *call)
{
	struct hc_word w[HC_MAX_WORDS];
	struct hc_vmware_call c = { 0 };
	u32 *in[4] = { &c.in1, &c.in3, &c.in4, &c.in5 };
	unsigned int n, i;
	u64 v;

	if (hc_split(buf, len, w, HC_MAX_WORDS, &n))
		return -EINVAL;
	if (hc_parse_number(&w[0], 0xffffffffu, &v)) {
		for (i = 0; i < HC_NCMDS; i++)
			if (hc_word_is(&w[0], hc_vmware_cmds[i].name))
				break;
		if (i == HC_NCMDS)
			return -EINVAL;
		v = hc_vmware_cmds[i].cmd;
	}
	c.cmd = v;
	for (i = 1; i < n; i++) {
		if (hc_parse_number(&w[i], 0xffffffffu, &v))
			return -EINVAL;
		*in[i - 1] = v;
	}
	c.nargs = n - 1;
	*call = c;
	return 0;
}

/**
 * hc_parse_kvm_call() - parse "<nr> [<a0> [<a1> [<a2> [<a3>]]]]"
 * @buf: the text (not NUL-terminated)
 * @len: its length
 * @call: the hypercall; written only on success
 *
 * <nr> fits in 32 bits, the arguments in 64.
 *
 * Return: 0, or -EINVAL.
 */
int hc_parse_kvm_call(const char *buf, size_t len, struct hc_kvm_call *call)
{
	struct hc_word w[HC_MAX_WORDS];
	struct hc_kvm_call c = { 0 };
	unsigned int n, i;
	u64 v;

	if (hc_split(buf, len, w, HC_MAX_WORDS, &n))
		return -EINVAL;
	if (hc_parse_number(&w[0], 0xffffffffu, &v))
		return -EINVAL;
	c.nr = v;
	for (i = 1; i < n; i++)
		if (hc_parse_number(&w[i], ~(u64)0, &c.args[i - 1]))
			return -EINVAL;
	c.nargs = n - 1;
	*call = c;
	return 0;
}

/* Append " 0x<hex>" to buf at *pos; false if it does not fit. */
static bool hc_put_hex(char *buf, size_t size, size_t *pos, u64 v)
{
	char tmp[16];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	if (*pos + 3 + n + 1 > size)
		return false;
	if (*pos)
		buf[(*pos)++] = ' ';
	buf[(*pos)++] = '0';
	buf[(*pos)++] = 'x';
	while (n)
		buf[(*pos)++] = tmp[--n];
	buf[*pos] = '\0';
	return true;
}

/**
 * hc_format_vmware_call() - the canonical text of a command
 * @call: the command
 * @buf: where to write it, NUL-terminated
 * @size: size of @buf
 *
 * hc_parse_vmware_call() of the text gives back @call.
 *
 * Return: the length written, or -EINVAL if @buf is too small.
 */
int hc_format_vmware_call(const struct hc_vmware_call *call, char *buf,
			  size_t size)
{
	const u32 in[4] = { call->in1, call->in3, call->in4, call->in5 };
	size_t pos = 0;
	unsigned int i;

	if (call->nargs > 4 || !hc_put_hex(buf, size, &pos, call->cmd))
		return -EINVAL;
	for (i = 0; i < call->nargs; i++)
		if (!hc_put_hex(buf, size, &pos, in[i]))
			return -EINVAL;
	return pos;
}

/**
 * hc_format_kvm_call() - the canonical text of a KVM hypercall
 * @call: the hypercall
 * @buf: where to write it, NUL-terminated
 * @size: size of @buf
 *
 * Return: the length written, or -EINVAL if @buf is too small.
 */
int hc_format_kvm_call(const struct hc_kvm_call *call, char *buf, size_t size)
{
	size_t pos = 0;
	unsigned int i;

	if (call->nargs > 4 || !hc_put_hex(buf, size, &pos, call->nr))
		return -EINVAL;
	for (i = 0; i < call->nargs; i++)
		if (!hc_put_hex(buf, size, &pos, call->args[i]))
			return -EINVAL;
	return pos;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers of what scripts write to the call files of debugfs (parse.h).
 * What a parsed command may do, and who may run it, is kernel/policy.c's.
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
#include "policy.h"

/*
 * The most words of a line: vmware/call's command and in1, in3, in4, in5;
 * kvm/call's number and arguments.
 */
#define HC_VMWARE_WORDS	5
#define HC_MAX_WORDS	(1 + HC_KVM_MAX_ARGS)

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

static char hc_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

/* Is the word @name, whatever the case of either? */
static bool hc_word_is(const struct hc_word *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->len; i++)
		if (!name[i] || hc_lower(w->s[i]) != hc_lower(name[i]))
			return false;
	return !name[i];
}

/**
 * hc_parse_vmware_req() - parse "<cmd> [<in1> [<in3> [<in4> [<in5>]]]]"
 * @buf: the text (not NUL-terminated)
 * @len: its length
 * @req: the command; written only on success
 *
 * <cmd> is a number or a command name (case does not matter); the inputs
 * are numbers; all fit in 32 bits.
 *
 * Return: 0, or -EINVAL.
 */
int hc_parse_vmware_req(const char *buf, size_t len,
			struct hc_vmware_req *req)
{
	struct hc_word w[HC_MAX_WORDS];
	struct hc_vmware_req c = { 0 };
	u32 *in[4] = { &c.in1, &c.in3, &c.in4, &c.in5 };
	unsigned int n, i;
	u64 v;

	if (hc_split(buf, len, w, HC_VMWARE_WORDS, &n))
		return -EINVAL;
	if (hc_parse_number(&w[0], 0xffffffffu, &v)) {
		const char *name;
		u32 cmd;

		for (i = 0; (name = hc_vmware_cmd_names(i, &cmd)); i++)
			if (hc_word_is(&w[0], name))
				break;
		if (!name)
			return -EINVAL;
		v = cmd;
	}
	c.cmd = v;
	for (i = 1; i < n; i++) {
		if (hc_parse_number(&w[i], 0xffffffffu, &v))
			return -EINVAL;
		*in[i - 1] = v;
	}
	c.nargs = n - 1;
	*req = c;
	return 0;
}

/**
 * hc_parse_kvm_req() - parse "<nr> [<a0> [<a1> ... [<a7>]]]"
 * @buf: the text (not NUL-terminated)
 * @len: its length
 * @req: the hypercall; written only on success
 *
 * <nr> fits in 32 bits, the arguments (at most HC_KVM_MAX_ARGS; an
 * architecture takes fewer, see kvm_debugfs.c) in 64.
 *
 * Return: 0, or -EINVAL.
 */
int hc_parse_kvm_req(const char *buf, size_t len, struct hc_kvm_req *req)
{
	struct hc_word w[HC_MAX_WORDS];
	struct hc_kvm_req c = { 0 };
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
	*req = c;
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
 * hc_format_vmware_req() - the canonical text of a command
 * @req: the command
 * @buf: where to write it, NUL-terminated
 * @size: size of @buf
 *
 * hc_parse_vmware_req() of the text gives back @req.
 *
 * Return: the length written, or -EINVAL if @buf is too small.
 */
int hc_format_vmware_req(const struct hc_vmware_req *req, char *buf,
			 size_t size)
{
	const u32 in[4] = { req->in1, req->in3, req->in4, req->in5 };
	size_t pos = 0;
	unsigned int i;

	if (req->nargs > 4 || !hc_put_hex(buf, size, &pos, req->cmd))
		return -EINVAL;
	for (i = 0; i < req->nargs; i++)
		if (!hc_put_hex(buf, size, &pos, in[i]))
			return -EINVAL;
	return pos;
}

/**
 * hc_format_kvm_req() - the canonical text of a KVM hypercall
 * @req: the hypercall
 * @buf: where to write it, NUL-terminated
 * @size: size of @buf
 *
 * Return: the length written, or -EINVAL if @buf is too small.
 */
int hc_format_kvm_req(const struct hc_kvm_req *req, char *buf, size_t size)
{
	size_t pos = 0;
	unsigned int i;

	if (req->nargs > HC_KVM_MAX_ARGS ||
	    !hc_put_hex(buf, size, &pos, req->nr))
		return -EINVAL;
	for (i = 0; i < req->nargs; i++)
		if (!hc_put_hex(buf, size, &pos, req->args[i]))
			return -EINVAL;
	return pos;
}

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
 * Every command of open-vm-tools' lib/include/backdoor_def.h (May 2026),
 * retired ones included, by name, with what running it from debugfs may do
 * and why (Documentation/vmware.rst has the rules).  Numbers not in the
 * table (0, 105 and up) are HC_CMD_UNSAFE.  A number's first entry gives
 * its name; later ones are aliases that parse only.  Reasons:
 *
 *   query    reads a value and changes nothing (as Linux, open-vm-tools
 *            or QEMU use it): safe
 *   CPL0     "CPL 0 only" (in this version of the header or an earlier
 *            one): for the virtual firmware or the guest kernel's
 *            own drivers; the module runs it at CPL 0, so running it for
 *            a script would lift the host's CPL check: forbidden
 *   BIOS     a retired command of the virtual BIOS: forbidden, as CPL0
 *   GPA      hands the host a guest-physical address or page number that
 *            the host then reads or writes: forbidden
 *   devel    development only, or a debugging aid off by default:
 *            forbidden
 *   retired  "not in use" (current hosts ignore it, older ones may not):
 *            unsafe unless another reason forbids it
 *   unsafe   the other comments: the state it changes; "no caller": no
 *            public caller shows that it changes nothing
 *
 * HC_SAFE, HC_UNSAFE and HC_NEVER are short for the classes, to keep the
 * table one entry a line.
 */
struct hc_vmware_cmd {
	const char *name;
	u32 cmd;
	enum hc_cmd_class cls;
	int safe_sub;	/* sub-command that keeps it safe; -1: any */
};

#define HC_SAFE		HC_CMD_SAFE
#define HC_UNSAFE	HC_CMD_UNSAFE
#define HC_NEVER	HC_CMD_FORBIDDEN

static const struct hc_vmware_cmd hc_vmware_cmds[] = {
	{ "getmhz",		1,  HC_SAFE, -1 },	/* query */
	{ "apmfunction",	2,  HC_NEVER, -1 },	/* CPL0: BIOS APM */
	{ "getdiskgeo",		3,  HC_UNSAFE, -1 },	/* no caller */
	{ "getptrlocation",	4,  HC_SAFE, -1 },	/* query */
	{ "setptrlocation",	5,  HC_UNSAFE, -1 },	/* moves the pointer */
	{ "getsellength",	6,  HC_UNSAFE, -1 },	/* clipboard read */
	{ "getnextpiece",	7,  HC_UNSAFE, -1 },	/* moves its cursor */
	{ "setsellength",	8,  HC_UNSAFE, -1 },	/* clipboard write */
	{ "setnextpiece",	9,  HC_UNSAFE, -1 },	/* clipboard write */
	{ "getversion",		10, HC_SAFE, -1 },	/* query */
	{ "getdevicelistelement", 11, HC_UNSAFE, -1 },	/* no caller */
	{ "toggledevice",	12, HC_UNSAFE, -1 },	/* connects devices */
	{ "getguioptions",	13, HC_SAFE, -1 },	/* query */
	{ "setguioptions",	14, HC_UNSAFE, -1 },	/* sets the options */
	{ "getscreensize",	15, HC_UNSAFE, -1 },	/* no caller */
	{ "monitor_control",	16, HC_NEVER, -1 },	/* devel */
	{ "gethwversion",	17, HC_SAFE, -1 },	/* query */
	{ "osnotfound",		18, HC_NEVER, -1 },	/* CPL0: BIOS */
	{ "getuuid",		19, HC_SAFE, -1 },	/* query */
	{ "getbiosuuid",	19, HC_SAFE, -1 },	/* QEMU's name */
	{ "getmemsize",		20, HC_SAFE, -1 },	/* query */
	{ "getramsize",		20, HC_SAFE, -1 },	/* QEMU's name */
	{ "hostcopy",		21, HC_NEVER, -1 },	/* retired, devel */
	{ "pmc",		22, HC_UNSAFE, -1 },	/* no caller */
	{ "gettime",		23, HC_SAFE, -1 },	/* query */
	{ "stopcatchup",	24, HC_UNSAFE, -1 },	/* guest time */
	{ "putchr",		25, HC_NEVER, -1 },	/* devel */
	{ "enable_msg",		26, HC_NEVER, -1 },	/* retired, devel */
	{ "goto_tcl",		27, HC_NEVER, -1 },	/* retired, devel */
	{ "initpcioprom",	28, HC_NEVER, -1 },	/* CPL0: BIOS */
	{ "int13",		29, HC_NEVER, -1 },	/* retired, BIOS */
	{ "message",		30, HC_UNSAFE, -1 },	/* any GuestRPC */
	{ "sidt",		31, HC_UNSAFE, -1 },	/* no caller */
	{ "sgdt",		32, HC_UNSAFE, -1 },	/* no caller */
	{ "sldt_str",		33, HC_UNSAFE, -1 },	/* no caller */
	{ "isacpidisabled",	34, HC_SAFE, -1 },	/* query */
	{ "toe",		35, HC_UNSAFE, -1 },	/* retired */
	{ "ismouseabsolute",	36, HC_SAFE, -1 },	/* query */
	{ "patch_smbios_structs", 37, HC_NEVER, -1 },	/* CPL0: BIOS tables */
	{ "mapmem",		38, HC_NEVER, -1 },	/* devel, GPA */
	{ "abspointer_data",	39, HC_UNSAFE, -1 },	/* takes events */
	{ "abspointer_status",	40, HC_SAFE, -1 },	/* query */
	{ "abspointer_command",	41, HC_UNSAFE, -1 },	/* pointer mode */
	{ "timer_sponge",	42, HC_UNSAFE, -1 },	/* retired */
	{ "patch_acpi_tables",	43, HC_NEVER, -1 },	/* retired, BIOS */
	{ "devel_fakehardware",	44, HC_NEVER, -1 },	/* retired, devel */
	{ "gethz",		45, HC_SAFE, -1 },	/* query */
	{ "gettimefull",	46, HC_SAFE, -1 },	/* query */
	{ "statelogger",	47, HC_UNSAFE, -1 },	/* retired */
	{ "checkforcebiossetup", 48, HC_NEVER, -1 },	/* CPL0: BIOS */
	{ "lazytimeremulation",	49, HC_NEVER, -1 },	/* CPL0 */
	{ "biosbbs",		50, HC_NEVER, -1 },	/* CPL0: BIOS */
	{ "vassert",		51, HC_UNSAFE, -1 },	/* retired */
	{ "isgosdarwin",	52, HC_UNSAFE, -1 },	/* no caller */
	{ "debugevent",		53, HC_UNSAFE, -1 },	/* no caller */
	{ "osnotmacosxserver",	54, HC_NEVER, -1 },	/* CPL0: EFI */
	{ "gettimefull_with_lag", 55, HC_SAFE, -1 },	/* query */
	{ "acpi_hotplug_device", 56, HC_NEVER, -1 },	/* devel */
	{ "acpi_hotplug_memory", 57, HC_NEVER, -1 },	/* devel */
	{ "acpi_hotplug_cbret",	58, HC_NEVER, -1 },	/* devel */
	{ "get_host_video_modes", 59, HC_UNSAFE, -1 },	/* retired */
	{ "acpi_hotplug_cpu",	60, HC_NEVER, -1 },	/* devel */
	{ "usb_hotplug_mouse",	61, HC_UNSAFE, -1 },	/* retired */
	{ "xpmode",		62, HC_NEVER, -1 },	/* CPL0, retired */
	{ "nesting_control",	63, HC_UNSAFE, 2 },	/* 2: QUERY */
	{ "firmware_init",	64, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "firmware_acpi_services", 65, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "sendpsharehints",	66, HC_NEVER, -1 },	/* retired, GPA */
	{ "enable_usb_mouse",	67, HC_UNSAFE, -1 },	/* switches mice */
	{ "get_vcpu_info",	68, HC_SAFE, -1 },	/* query */
	{ "efi_serialcon_config", 69, HC_NEVER, -1 },	/* CPL0: EFI */
	{ "bug328986",		70, HC_NEVER, -1 },	/* CPL0 */
	{ "firmware_error",	71, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "vmk_info",		72, HC_UNSAFE, -1 },	/* no caller */
	{ "efi_boot_config",	73, HC_NEVER, -1 },	/* CPL0: EFI */
	{ "get_hw_model",	74, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "get_svga_capabilities", 75, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "get_force_x2apic",	76, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "set_pci_hole",	77, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "get_pci_hole",	78, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "get_pci_bar",	79, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "should_generate_systemid", 80, HC_NEVER, -1 }, /* CPL0: firmware */
	{ "read_debug_file",	81, HC_NEVER, -1 },	/* devel */
	{ "screenshot",		82, HC_NEVER, -1 },	/* devel */
	{ "inject_key",		83, HC_NEVER, -1 },	/* devel */
	{ "inject_mouse",	84, HC_NEVER, -1 },	/* devel */
	{ "mks_guest_stats",	85, HC_NEVER, -1 },	/* CPL0, GPA */
	{ "abspointer_restrict", 86, HC_UNSAFE, -1 },	/* pointer mode */
	{ "guest_integrity",	87, HC_NEVER, -1 },	/* GPA */
	{ "mkstest",		88, HC_NEVER, -1 },	/* devel */
	{ "secureboot",		89, HC_UNSAFE, -1 },	/* no caller */
	{ "copy_physmem",	90, HC_NEVER, -1 },	/* devel, GPA */
	{ "stealclock",		91, HC_NEVER, -1 },	/* CPL0, GPA */
	{ "guest_page_hints",	92, HC_NEVER, -1 },	/* CPL0, GPA */
	{ "firmware_update",	93, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "fuzzer_helper",	94, HC_NEVER, -1 },	/* devel */
	{ "putchr12",		95, HC_UNSAFE, -1 },	/* no caller */
	{ "gmm",		96, HC_NEVER, -1 },	/* GPA */
	{ "precisionclock",	97, HC_UNSAFE, 0 },	/* 0: GETTIME */
	{ "coredump_unsync",	98, HC_NEVER, -1 },	/* retired, devel */
	{ "apple_gpu_res_set",	99, HC_UNSAFE, -1 },	/* sets a resolution */
	{ "getbuildnum",	100, HC_SAFE, -1 },	/* query */
	{ "getentropy",		101, HC_UNSAFE, -1 },	/* no caller */
	{ "reportguestcrash",	102, HC_UNSAFE, -1 },	/* tells the host */
	{ "pk_update",		103, HC_NEVER, -1 },	/* CPL0: firmware */
	{ "get_fwtrclog_mask",	104, HC_UNSAFE, -1 },	/* no caller */
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

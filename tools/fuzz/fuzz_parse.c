// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the debugfs command parsers (kernel/parse.c) and
 * the policy's tables (kernel/policy.c, x86's KVM numbers), built here
 * exactly as in the module, without kernel headers.
 *
 * Properties checked on every input, beyond "does not crash":
 *  - accepted input round-trips: parse, format, parse again gives the same
 *    command, and the canonical text is itself accepted;
 *  - rejected input leaves no state behind: the output is untouched;
 *  - an accepted command has at most four arguments (vmware/call) or eight
 *    (kvm/call; an architecture may take fewer), and what the policy says
 *    about it does not depend on anything but the command;
 *  - the parsers accept exactly what the documented grammar accepts, with
 *    the same values: a second, deliberately plain reading of the grammar
 *    (Documentation/vmware.rst, kvm.rst; ref_*() below, sharing no code
 *    with parse.c) is the oracle;
 *  - a command's name parses to its number, and the number's name is one
 *    of the documented names for it;
 *  - GuestRPC commands are safe exactly when they start with one of the
 *    documented safe words (Documentation/vmware.rst).
 * The first input byte picks the parser; the rest is the text.
 */

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "policy.h"

#define CHECK(cond)							\
do {									\
	if (!(cond))							\
		__builtin_trap();					\
} while (0)

/* The grammar again, written plainly from the documentation. */
#define REF_MAX_LEN	256
/* kvm/call: the number and eight arguments; vmware/call takes five words */
#define REF_MAX_WORDS	9

struct ref_line {
	char word[REF_MAX_WORDS][REF_MAX_LEN + 1];
	int n;
};

static bool ref_printable(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e;
}

/* Words separated by blanks and tabs, one trailing newline, 1..9 words. */
static bool ref_split(const char *buf, size_t len, struct ref_line *l)
{
	size_t i = 0, k;

	if (len < 1 || len > REF_MAX_LEN)
		return false;
	if (buf[len - 1] == '\n')
		len--;
	l->n = 0;
	while (i < len) {
		if (buf[i] == ' ' || buf[i] == '\t') {
			i++;
			continue;
		}
		if (l->n == REF_MAX_WORDS)
			return false;
		k = 0;
		while (i < len && buf[i] != ' ' && buf[i] != '\t') {
			if (!ref_printable(buf[i]))
				return false;
			l->word[l->n][k++] = buf[i++];
		}
		l->word[l->n++][k] = '\0';
	}
	return l->n > 0;
}

/* Decimal, or 0x/0X and hex digits; no sign; at most @max. */
static bool ref_number(const char *w, uint64_t max, uint64_t *val)
{
	int base = 10;
	const char *p;
	char *end;

	if (w[0] == '0' && (w[1] == 'x' || w[1] == 'X') && w[2]) {
		base = 16;
		w += 2;
	}
	for (p = w; *p; p++)
		if (base == 16 ? !isxdigit((unsigned char)*p) :
				 !isdigit((unsigned char)*p))
			return false;
	if (!*w)
		return false;
	errno = 0;
	*val = strtoull(w, &end, base);
	return !errno && !*end && *val <= max;
}

/*
 * The command names of Documentation/vmware.rst (the table of
 * open-vm-tools' backdoor_def.h, lower case, and QEMU's two aliases).
 */
static const struct {
	const char *name;
	uint32_t cmd;
} ref_names[] = {
	{ "getmhz", 1 }, { "apmfunction", 2 }, { "getdiskgeo", 3 },
	{ "getptrlocation", 4 }, { "setptrlocation", 5 }, { "getsellength", 6 },
	{ "getnextpiece", 7 }, { "setsellength", 8 }, { "setnextpiece", 9 },
	{ "getversion", 10 }, { "getdevicelistelement", 11 },
	{ "toggledevice", 12 }, { "getguioptions", 13 },
	{ "setguioptions", 14 }, { "getscreensize", 15 },
	{ "monitor_control", 16 }, { "gethwversion", 17 }, { "osnotfound", 18 },
	{ "getuuid", 19 }, { "getbiosuuid", 19 }, { "getmemsize", 20 },
	{ "getramsize", 20 }, { "hostcopy", 21 }, { "pmc", 22 },
	{ "gettime", 23 }, { "stopcatchup", 24 }, { "putchr", 25 },
	{ "enable_msg", 26 }, { "goto_tcl", 27 }, { "initpcioprom", 28 },
	{ "int13", 29 }, { "message", 30 }, { "sidt", 31 }, { "sgdt", 32 },
	{ "sldt_str", 33 }, { "isacpidisabled", 34 }, { "toe", 35 },
	{ "ismouseabsolute", 36 }, { "patch_smbios_structs", 37 },
	{ "mapmem", 38 }, { "abspointer_data", 39 },
	{ "abspointer_status", 40 }, { "abspointer_command", 41 },
	{ "timer_sponge", 42 }, { "patch_acpi_tables", 43 },
	{ "devel_fakehardware", 44 }, { "gethz", 45 }, { "gettimefull", 46 },
	{ "statelogger", 47 }, { "checkforcebiossetup", 48 },
	{ "lazytimeremulation", 49 }, { "biosbbs", 50 }, { "vassert", 51 },
	{ "isgosdarwin", 52 }, { "debugevent", 53 },
	{ "osnotmacosxserver", 54 }, { "gettimefull_with_lag", 55 },
	{ "acpi_hotplug_device", 56 }, { "acpi_hotplug_memory", 57 },
	{ "acpi_hotplug_cbret", 58 }, { "get_host_video_modes", 59 },
	{ "acpi_hotplug_cpu", 60 }, { "usb_hotplug_mouse", 61 },
	{ "xpmode", 62 }, { "nesting_control", 63 }, { "firmware_init", 64 },
	{ "firmware_acpi_services", 65 }, { "sendpsharehints", 66 },
	{ "enable_usb_mouse", 67 }, { "get_vcpu_info", 68 },
	{ "efi_serialcon_config", 69 }, { "bug328986", 70 },
	{ "firmware_error", 71 }, { "vmk_info", 72 }, { "efi_boot_config", 73 },
	{ "get_hw_model", 74 }, { "get_svga_capabilities", 75 },
	{ "get_force_x2apic", 76 }, { "set_pci_hole", 77 },
	{ "get_pci_hole", 78 }, { "get_pci_bar", 79 },
	{ "should_generate_systemid", 80 }, { "read_debug_file", 81 },
	{ "screenshot", 82 }, { "inject_key", 83 }, { "inject_mouse", 84 },
	{ "mks_guest_stats", 85 }, { "abspointer_restrict", 86 },
	{ "guest_integrity", 87 }, { "mkstest", 88 }, { "secureboot", 89 },
	{ "copy_physmem", 90 }, { "stealclock", 91 },
	{ "guest_page_hints", 92 }, { "firmware_update", 93 },
	{ "fuzzer_helper", 94 }, { "putchr12", 95 }, { "gmm", 96 },
	{ "precisionclock", 97 }, { "coredump_unsync", 98 },
	{ "apple_gpu_res_set", 99 }, { "getbuildnum", 100 },
	{ "getentropy", 101 }, { "reportguestcrash", 102 }, { "pk_update", 103 },
	{ "get_fwtrclog_mask", 104 },
};

static bool ref_name(const char *w, uint32_t *cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ref_names); i++) {
		if (!strcasecmp(w, ref_names[i].name)) {
			*cmd = ref_names[i].cmd;
			return true;
		}
	}
	return false;
}

static bool ref_vmware(const char *buf, size_t len, struct hc_vmware_req *c)
{
	static struct ref_line l;
	uint32_t *in[4] = { &c->in1, &c->in3, &c->in4, &c->in5 };
	uint64_t v;
	int i;

	memset(c, 0, sizeof(*c));
	if (!ref_split(buf, len, &l) || l.n > 5)
		return false;
	if (ref_number(l.word[0], UINT32_MAX, &v))
		c->cmd = v;
	else if (!ref_name(l.word[0], &c->cmd))
		return false;
	for (i = 1; i < l.n; i++) {
		if (!ref_number(l.word[i], UINT32_MAX, &v))
			return false;
		*in[i - 1] = v;
	}
	c->nargs = l.n - 1;
	return true;
}

static bool ref_kvm(const char *buf, size_t len, struct hc_kvm_req *c)
{
	static struct ref_line l;
	uint64_t v;
	int i;

	memset(c, 0, sizeof(*c));
	if (!ref_split(buf, len, &l) || !ref_number(l.word[0], UINT32_MAX, &v))
		return false;
	c->nr = v;
	for (i = 1; i < l.n; i++)
		if (!ref_number(l.word[i], UINT64_MAX, &c->args[i - 1]))
			return false;
	c->nargs = l.n - 1;
	return true;
}

/* "info-get", "info-set guestinfo.", "log", each ending in a blank or the end */
static bool ref_rpc_safe(const char *s, size_t len)
{
	static const char *const words[] = { "info-get", "log" };
	static const char set[] = "info-set";
	static const char key[] = "guestinfo.";
	size_t i, n;

	for (i = 0; i < 2; i++) {
		n = strlen(words[i]);
		if (len >= n && !memcmp(s, words[i], n) &&
		    (len == n || s[n] == ' ' || s[n] == '\t'))
			return true;
	}
	n = strlen(set);
	return len > n + strlen(key) && !memcmp(s, set, n) &&
	       (s[n] == ' ' || s[n] == '\t') &&
	       !memcmp(s + n + 1, key, strlen(key));
}

static void fuzz_vmware(const char *buf, size_t len)
{
	struct hc_vmware_req c, again;
	char text[HC_PARSE_MAX_LEN + 1];
	int n;

	struct hc_vmware_req ref;
	bool ref_ok = ref_vmware(buf, len, &ref);
	const char *name;

	memset(&c, 0xa5, sizeof(c));
	if (hc_parse_vmware_req(buf, len, &c)) {
		struct hc_vmware_req untouched;

		memset(&untouched, 0xa5, sizeof(untouched));
		CHECK(!memcmp(&c, &untouched, sizeof(c)));
		CHECK(!ref_ok);
		return;
	}
	CHECK(ref_ok);
	CHECK(ref.cmd == c.cmd && ref.nargs == c.nargs && ref.in1 == c.in1 &&
	      ref.in3 == c.in3 && ref.in4 == c.in4 && ref.in5 == c.in5);
	/* a command's name is one of the documented names of its number */
	name = hc_vmware_cmd_name(c.cmd);
	if (name) {
		uint32_t cmd;

		CHECK(ref_name(name, &cmd) && cmd == (c.cmd & 0xffff));
		CHECK(!hc_parse_vmware_req(name, strlen(name), &again));
		CHECK(again.cmd == (c.cmd & 0xffff) && again.nargs == 0);
	}
	CHECK(c.nargs <= 4);
	CHECK(c.nargs >= 1 || (!c.in1 && !c.in3 && !c.in4 && !c.in5));
	n = hc_format_vmware_req(&c, text, sizeof(text));
	CHECK(n > 0 && (size_t)n < sizeof(text) && text[n] == '\0');
	CHECK(!hc_parse_vmware_req(text, n, &again));
	CHECK(again.cmd == c.cmd && again.nargs == c.nargs &&
	      again.in1 == c.in1 && again.in3 == c.in3 &&
	      again.in4 == c.in4 && again.in5 == c.in5);
	CHECK(hc_vmware_cmd_class(c.cmd) == hc_vmware_cmd_class(again.cmd));
}

static void fuzz_kvm(const char *buf, size_t len)
{
	struct hc_kvm_req c, again;
	char text[HC_PARSE_MAX_LEN + 1];
	unsigned int i;
	int n;

	struct hc_kvm_req ref;
	bool ref_ok = ref_kvm(buf, len, &ref);

	memset(&c, 0x5a, sizeof(c));
	if (hc_parse_kvm_req(buf, len, &c)) {
		struct hc_kvm_req untouched;

		memset(&untouched, 0x5a, sizeof(untouched));
		CHECK(!memcmp(&c, &untouched, sizeof(c)));
		CHECK(!ref_ok);
		return;
	}
	CHECK(ref_ok);
	CHECK(ref.nr == c.nr && ref.nargs == c.nargs);
	for (i = 0; i < HC_KVM_MAX_ARGS; i++)
		CHECK(ref.args[i] == c.args[i]);
	CHECK(c.nargs <= HC_KVM_MAX_ARGS);
	n = hc_format_kvm_req(&c, text, sizeof(text));
	CHECK(n > 0 && (size_t)n < sizeof(text));
	CHECK(!hc_parse_kvm_req(text, n, &again));
	CHECK(again.nr == c.nr && again.nargs == c.nargs);
	for (i = 0; i < HC_KVM_MAX_ARGS; i++)
		CHECK(again.args[i] == c.args[i]);
	CHECK(hc_kvm_nr_class(c.nr) == hc_kvm_nr_class(again.nr));
}

static void fuzz_rpc(const char *buf, size_t len)
{
	enum hc_cmd_class cls = hc_rpc_cmd_class(buf, len);

	CHECK(cls == HC_CMD_SAFE || cls == HC_CMD_UNSAFE);
	CHECK((cls == HC_CMD_SAFE) == ref_rpc_safe(buf, len));
	/* a safe command stays safe whatever text follows it */
	if (cls == HC_CMD_SAFE && len < HC_PARSE_MAX_LEN) {
		char more[HC_PARSE_MAX_LEN + 8];

		memcpy(more, buf, len);
		memcpy(more + len, " tail", 5);
		CHECK(hc_rpc_cmd_class(more, len + 5) == HC_CMD_SAFE);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf;
	char *copy;

	if (!size)
		return 0;
	/* an exact-size copy, so reads past the end are caught */
	copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	buf = copy;
	switch (data[0] % 3) {
	case 0:
		fuzz_vmware(buf, size - 1);
		break;
	case 1:
		fuzz_kvm(buf, size - 1);
		break;
	default:
		fuzz_rpc(buf, size - 1);
		break;
	}
	free(copy);
	return 0;
}

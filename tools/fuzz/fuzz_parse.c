// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the debugfs command parsers (kernel/parse.c, built
 * here exactly as in the module, without kernel headers).
 *
 * Properties checked on every input, beyond "does not crash":
 *  - accepted input round-trips: parse, format, parse again gives the same
 *    command, and the canonical text is itself accepted;
 *  - rejected input leaves no state behind: the output is untouched;
 *  - an accepted command has at most four arguments, and what the policy
 *    says about it does not depend on anything but the command.
 * The first input byte picks the parser; the rest is the text.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define CHECK(cond)							\
do {									\
	if (!(cond))							\
		__builtin_trap();					\
} while (0)

static void fuzz_vmware(const char *buf, size_t len)
{
	struct hc_vmware_call c, again;
	char text[HC_PARSE_MAX_LEN + 1];
	int n;

	memset(&c, 0xa5, sizeof(c));
	if (hc_parse_vmware_call(buf, len, &c)) {
		struct hc_vmware_call untouched;

		memset(&untouched, 0xa5, sizeof(untouched));
		CHECK(!memcmp(&c, &untouched, sizeof(c)));
		return;
	}
	CHECK(c.nargs <= 4);
	CHECK(c.nargs >= 1 || (!c.in1 && !c.in3 && !c.in4 && !c.in5));
	n = hc_format_vmware_call(&c, text, sizeof(text));
	CHECK(n > 0 && (size_t)n < sizeof(text) && text[n] == '\0');
	CHECK(!hc_parse_vmware_call(text, n, &again));
	CHECK(again.cmd == c.cmd && again.nargs == c.nargs &&
	      again.in1 == c.in1 && again.in3 == c.in3 &&
	      again.in4 == c.in4 && again.in5 == c.in5);
	CHECK(hc_vmware_cmd_class(c.cmd) == hc_vmware_cmd_class(again.cmd));
}

static void fuzz_kvm(const char *buf, size_t len)
{
	struct hc_kvm_call c, again;
	char text[HC_PARSE_MAX_LEN + 1];
	unsigned int i;
	int n;

	memset(&c, 0x5a, sizeof(c));
	if (hc_parse_kvm_call(buf, len, &c)) {
		struct hc_kvm_call untouched;

		memset(&untouched, 0x5a, sizeof(untouched));
		CHECK(!memcmp(&c, &untouched, sizeof(c)));
		return;
	}
	CHECK(c.nargs <= 4);
	n = hc_format_kvm_call(&c, text, sizeof(text));
	CHECK(n > 0 && (size_t)n < sizeof(text));
	CHECK(!hc_parse_kvm_call(text, n, &again));
	CHECK(again.nr == c.nr && again.nargs == c.nargs);
	for (i = 0; i < 4; i++)
		CHECK(again.args[i] == c.args[i]);
	CHECK(hc_kvm_call_class(c.nr) == hc_kvm_call_class(again.nr));
}

static void fuzz_rpc(const char *buf, size_t len)
{
	enum hc_cmd_class cls = hc_rpc_cmd_class(buf, len);

	CHECK(cls == HC_CMD_SAFE || cls == HC_CMD_UNSAFE);
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

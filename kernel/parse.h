/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers and command tables for what scripts write to debugfs.
 *
 * Pure C with no kernel headers in the core, so the same code builds in the
 * module and in the userspace fuzzer (tools/fuzz/): under __KERNEL__ the
 * types and errno values come from the kernel, elsewhere from libc.
 */
#ifndef _HYPERCALL_PARSE_H
#define _HYPERCALL_PARSE_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint32_t u32;
typedef uint64_t u64;
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

/* Longest line a call file accepts, newline included. */
#define HC_PARSE_MAX_LEN	256

/**
 * struct hc_vmware_call - a backdoor command as written to vmware/call
 * @cmd: ECX: command in bits 15:0, sub-command in 31:16
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @in4: ESI
 * @in5: EDI
 * @nargs: how many of @in1, @in3, @in4, @in5 were given (the rest are 0)
 */
struct hc_vmware_call {
	u32 cmd;
	u32 in1, in3, in4, in5;
	unsigned int nargs;
};

/**
 * struct hc_kvm_call - a KVM hypercall as written to kvm/call
 * @nr: hypercall number (RAX)
 * @args: arguments (RBX, RCX, RDX, RSI)
 * @nargs: how many were given (the rest are 0)
 */
struct hc_kvm_call {
	u32 nr;
	u64 args[4];
	unsigned int nargs;
};

/* What running a backdoor command may do, and so who may run it. */
enum hc_cmd_class {
	HC_CMD_SAFE,		/* side-effect free: runs by default */
	HC_CMD_UNSAFE,		/* changes state: only with unsafe=1 */
	HC_CMD_FORBIDDEN,	/* guest memory, firmware, devel (parse.c): never */
};

int hc_parse_vmware_call(const char *buf, size_t len,
			 struct hc_vmware_call *call);
int hc_format_vmware_call(const struct hc_vmware_call *call, char *buf,
			  size_t size);
int hc_parse_kvm_call(const char *buf, size_t len, struct hc_kvm_call *call);
int hc_format_kvm_call(const struct hc_kvm_call *call, char *buf, size_t size);

const char *hc_vmware_cmd_name(u32 cmd);
enum hc_cmd_class hc_vmware_cmd_class(u32 cmd);
enum hc_cmd_class hc_kvm_call_class(u32 nr);
enum hc_cmd_class hc_rpc_cmd_class(const char *cmd, size_t len);

#endif /* _HYPERCALL_PARSE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers of what scripts write to the call files of debugfs.
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

/* Most arguments kvm/call parses: the most any architecture has (PowerPC) */
#define HC_KVM_MAX_ARGS		8

/**
 * struct hc_vmware_req - a backdoor command as written to vmware/call
 * @cmd: ECX: command in bits 15:0, sub-command in 31:16
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @in4: ESI
 * @in5: EDI
 * @nargs: how many of @in1, @in3, @in4, @in5 were given (the rest are 0)
 */
struct hc_vmware_req {
	u32 cmd;
	u32 in1, in3, in4, in5;
	unsigned int nargs;
};

/**
 * struct hc_kvm_req - a KVM hypercall as written to kvm/call
 * @nr: hypercall number
 * @args: arguments, in the architecture's registers (x86: RBX, RCX, RDX,
 *        RSI; s390: R2..R7; PowerPC: r3..r10)
 * @nargs: how many were given (the rest are 0)
 */
struct hc_kvm_req {
	u32 nr;
	u64 args[HC_KVM_MAX_ARGS];
	unsigned int nargs;
};

int hc_parse_vmware_req(const char *buf, size_t len,
			struct hc_vmware_req *req);
int hc_format_vmware_req(const struct hc_vmware_req *req, char *buf,
			 size_t size);
int hc_parse_kvm_req(const char *buf, size_t len, struct hc_kvm_req *req);
int hc_format_kvm_req(const struct hc_kvm_req *req, char *buf, size_t size);

#endif /* _HYPERCALL_PARSE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GuestRPC (RPCI) over the VMware backdoor: send one command to the host
 * ("info-get guestinfo.foo", "info-set guestinfo.foo bar", "log text", ...)
 * and get its reply, on whatever transport the module selected (I/O port,
 * vmcall, vmmcall, TDX), with high-bandwidth payloads where the host offers
 * them and guest memory is not encrypted.
 *
 * Protocol: backdoor command 30 (MESSAGE), message type in ECX bits 31:16;
 * see Documentation/rpc.rst and open-vm-tools lib/message/message.c.
 */
#ifndef _HYPERCALL_RPC_H
#define _HYPERCALL_RPC_H

#include <linux/types.h>

/*
 * Largest reply the module takes, and command: GUESTMSG_MAX_IN_SIZE, the
 * host's limit on what the guest sends.  VMware says the host may reply
 * with up to about 1 MB; a longer reply than this fails with -EMSGSIZE.
 */
#define HC_RPC_MAX_REPLY	65536
#define HC_RPC_MAX_CMD		65536

int hypercall_vmware_rpc(const char *cmd, size_t len, char *reply,
			 size_t size, size_t *reply_len);
int hypercall_vmware_rpc_alloc(const char *cmd, size_t len, char **reply,
			       size_t *reply_len);

#endif /* _HYPERCALL_RPC_H */

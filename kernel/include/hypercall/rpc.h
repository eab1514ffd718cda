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
 * Largest command: GUESTMSG_MAX_IN_SIZE (open-vm-tools
 * lib/include/guest_msg_def.h), the host's limit on what the guest sends.
 *
 * Largest reply, its "1 " or "0 " status included: 1 MiB.  VMware's vSphere
 * Guest SDK ("In-Guest Communication Limits"): "Messages from the guest to
 * VMX can be no more than 64KB, including overhead.  The VMX sends back at
 * most about 1MB."  It gives no exact figure; 1 MiB is the larger reading of
 * its 1MB.  open-vm-tools' Message_Receive() takes any size the host
 * announces.  A longer reply fails with -EMSGSIZE before its payload is
 * fetched; a reply is allocated at the size the host announces, not this.
 */
#define HC_RPC_MAX_CMD		65536
#define HC_RPC_MAX_REPLY	(1024 * 1024)

int hypercall_vmware_rpc(const char *cmd, size_t len, char *reply,
			 size_t size, size_t *reply_len);
int hypercall_vmware_rpc_alloc(const char *cmd, size_t len, char **reply,
			       size_t *reply_len);

#endif /* _HYPERCALL_RPC_H */

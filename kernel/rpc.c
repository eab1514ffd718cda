// SPDX-License-Identifier: GPL-2.0
/*
 * GuestRPC (RPCI) over the VMware backdoor, for kernel code and scripts.
 *
 * One command is one channel: open (protocol "RPCI", with cookies, else
 * without), send the size and the payload, receive the size, the payload
 * and acknowledge the status, close.  Payloads move 4 bytes per low-
 * bandwidth call, or in one high-bandwidth transfer when the host says it
 * can (the HB status bit) and this module may use HB (a transport, memory
 * not encrypted).
 *
 * Everything is bounded: a checkpoint (CPT) restarts the send at most
 * HC_RPC_RETRIES times and the receive as often, a reply that is not there
 * yet is polled HC_RPC_WAIT_US / HC_RPC_POLL_US times, one to two poll
 * periods apart (at most about 200 ms), commands are limited to 64 KiB and
 * replies to 1 MiB (HC_RPC_MAX_REPLY, <hypercall/rpc.h>), and every loop
 * moves at least 4 bytes of a message of known length per call.  A host
 * that misbehaves gets an error, never a hang.  A reply is received into a
 * buffer of the size the host announces.
 *
 * Callers are serialized by one mutex: a command takes a handful of
 * backdoor calls, channels are a host resource (at most 128 per VM), and
 * the protocol holds no state between commands.
 *
 * Facts: open-vm-tools lib/message/message.c and lib/rpcOut/rpcout.c,
 * Linux drivers/gpu/drm/vmwgfx/vmwgfx_msg.c; see Documentation/rpc.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <hypercall/rpc.h>
#include <hypercall/vmware.h>

#include "internal.h"

/* Message types (ECX bits 31:16 of command 30) */
enum {
	HC_MSG_OPEN,
	HC_MSG_SENDSIZE,
	HC_MSG_SENDPAYLOAD,
	HC_MSG_RECVSIZE,
	HC_MSG_RECVPAYLOAD,
	HC_MSG_RECVSTATUS,
	HC_MSG_CLOSE,
};

/* Status bits, in ECX bits 31:16 (EBX bits 31:16 for high bandwidth) */
#define HC_MSG_SUCCESS		0x0001
#define HC_MSG_DORECV		0x0002
#define HC_MSG_CPT		0x0010
#define HC_MSG_HB		0x0080

#define HC_RPCI_PROTOCOL	0x49435052	/* "RPCI" */
#define HC_MSG_FLAG_COOKIE	0x80000000
#define HC_HB_CMD_MESSAGE	0

#define HC_RPC_RETRIES		3
/* low-bandwidth words between chances to reschedule: 4 KiB */
#define HC_RPC_LB_BATCH		1024
#define HC_RPC_WAIT_US		100000		/* for a reply to appear */
#define HC_RPC_POLL_US		1000

static DEFINE_MUTEX(hc_rpc_lock);

struct hc_rpc_chan {
	u32 id;
	u32 cookie_high;
	u32 cookie_low;
};

static u32 hc_status(unsigned long reg)
{
	return (u32)reg >> 16;
}

/* One MESSAGE call of @type on @ch with EBX = @bx. */
static int hc_rpc_call(const struct hc_rpc_chan *ch, unsigned int type,
		       u32 bx, struct hc_vmware_regs *r)
{
	*r = (struct hc_vmware_regs) {
		.bx = bx,
		.cx = HC_VMW_CMD_MESSAGE | type << 16,
		.dx = ch->id << 16,
		.si = ch->cookie_high,
		.di = ch->cookie_low,
	};
	return hypercall_vmware_call(r);
}

static int hc_rpc_chan_open(struct hc_rpc_chan *ch)
{
	static const u32 flags[] = { HC_MSG_FLAG_COOKIE, 0 };
	struct hc_vmware_regs r;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		r = (struct hc_vmware_regs) {
			.bx = HC_RPCI_PROTOCOL | flags[i],
			.cx = HC_VMW_CMD_MESSAGE | HC_MSG_OPEN << 16,
		};
		ret = hypercall_vmware_call(&r);
		if (ret)
			return ret;
		if (hc_status(r.cx) & HC_MSG_SUCCESS) {
			ch->id = hc_status(r.dx);
			ch->cookie_high = flags[i] ? (u32)r.si : 0;
			ch->cookie_low = flags[i] ? (u32)r.di : 0;
			return 0;
		}
	}
	/* The backdoor answers, but the host has no GuestRPC (e.g. QEMU) */
	return -EOPNOTSUPP;
}

static void hc_rpc_chan_close(const struct hc_rpc_chan *ch)
{
	struct hc_vmware_regs r;

	if (hc_rpc_call(ch, HC_MSG_CLOSE, 0, &r) ||
	    !(hc_status(r.cx) & HC_MSG_SUCCESS))
		pr_debug("rpc: channel %u did not close cleanly\n", ch->id);
}

/*
 * High-bandwidth transfer of @len bytes at @buf; returns the status, or
 * -ENODEV when HB cannot run here (the caller then uses low bandwidth).
 */
static long hc_rpc_hb(const struct hc_rpc_chan *ch, void *buf, size_t len,
		      bool out)
{
	struct hc_vmware_regs r = {
		.bx = HC_MSG_SUCCESS << 16 | HC_HB_CMD_MESSAGE,
		.cx = len,
		.dx = ch->id << 16,
	};
	unsigned long bp;
	int ret;

	if (out) {
		r.si = (unsigned long)buf;
		r.di = ch->cookie_low;
		bp = ch->cookie_high;
	} else {
		r.si = ch->cookie_high;
		r.di = (unsigned long)buf;
		bp = ch->cookie_low;
	}
	ret = __hc_vmware_hb(&r, bp, out);
	if (ret)
		return ret;
	return hc_status(r.bx);
}

/* Low-bandwidth send of @len bytes, 4 per call; returns the last status. */
static long hc_rpc_send_lb(const struct hc_rpc_chan *ch, const char *msg,
			   size_t len)
{
	struct hc_vmware_regs r;
	u32 status = HC_MSG_SUCCESS;
	size_t off;
	int ret;

	for (off = 0; off < len && (status & HC_MSG_SUCCESS); off += 4) {
		u32 word = 0;

		memcpy(&word, msg + off, min_t(size_t, 4, len - off));
		ret = hc_rpc_call(ch, HC_MSG_SENDPAYLOAD, word, &r);
		if (ret)
			return ret;
		status = hc_status(r.cx);
	}
	return status;
}

static int hc_rpc_send(const struct hc_rpc_chan *ch, const char *msg,
		       size_t len)
{
	struct hc_vmware_regs r;
	unsigned int try;
	long status;
	int ret;

	for (try = 0; try < HC_RPC_RETRIES; try++) {
		ret = hc_rpc_call(ch, HC_MSG_SENDSIZE, len, &r);
		if (ret)
			return ret;
		status = hc_status(r.cx);
		if (!(status & HC_MSG_SUCCESS))
			return -EIO;

		status = (status & HC_MSG_HB) ?
			hc_rpc_hb(ch, (void *)msg, len, true) : -ENODEV;
		if (status == -ENODEV)
			status = hc_rpc_send_lb(ch, msg, len);
		if (status < 0)
			return status;
		if (status & HC_MSG_SUCCESS)
			return 0;
		if (!(status & HC_MSG_CPT))
			return -EIO;
		/* a checkpoint interrupted the transfer: start again */
	}
	return -ETIMEDOUT;
}

/* Wait (bounded) for the host to have a reply; returns its RECVSIZE. */
static int hc_rpc_wait_reply(const struct hc_rpc_chan *ch,
			     struct hc_vmware_regs *r)
{
	unsigned int waited = 0;
	int ret;

	for (;;) {
		ret = hc_rpc_call(ch, HC_MSG_RECVSIZE, 0, r);
		if (ret)
			return ret;
		if (!(hc_status(r->cx) & HC_MSG_SUCCESS))
			return -EIO;
		if (hc_status(r->cx) & HC_MSG_DORECV)
			return 0;
		if (waited >= HC_RPC_WAIT_US)
			return -ETIMEDOUT;
		usleep_range(HC_RPC_POLL_US, 2 * HC_RPC_POLL_US);
		waited += HC_RPC_POLL_US;
	}
}

/* Low-bandwidth receive of @len bytes, 4 per call; returns the status. */
static long hc_rpc_recv_lb(const struct hc_rpc_chan *ch, char *buf,
			   size_t len)
{
	struct hc_vmware_regs r;
	u32 status = HC_MSG_SUCCESS;
	size_t off;
	int ret;

	for (off = 0; off < len && (status & HC_MSG_SUCCESS); off += 4) {
		/* a 1 MiB reply is 262144 calls: let others run meanwhile */
		if (off && !(off % (4 * HC_RPC_LB_BATCH)))
			cond_resched();
		ret = hc_rpc_call(ch, HC_MSG_RECVPAYLOAD, HC_MSG_SUCCESS, &r);
		if (ret)
			return ret;
		status = hc_status(r.cx);
		if (!(status & HC_MSG_SUCCESS))
			break;
		if (hc_status(r.dx) != HC_MSG_SENDPAYLOAD)
			return -EIO;
		/* the buffer has room for a whole last word */
		memcpy(buf + off, &r.bx, 4);
	}
	return status;
}

/* Receive the reply once; 1 means a checkpoint interrupted it. */
static int hc_rpc_recv_once(const struct hc_rpc_chan *ch, char **reply,
			    size_t *reply_len)
{
	struct hc_vmware_regs r;
	long status;
	size_t len;
	char *buf;
	int ret;

	ret = hc_rpc_wait_reply(ch, &r);
	if (ret)
		return ret;
	if (hc_status(r.dx) != HC_MSG_SENDSIZE)
		return -EIO;
	len = (u32)r.bx;
	if (len > HC_RPC_MAX_REPLY)
		return -EMSGSIZE;

	buf = kvzalloc(len + 4, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	status = (hc_status(r.cx) & HC_MSG_HB) ?
		hc_rpc_hb(ch, buf, len, false) : -ENODEV;
	if (status == -ENODEV)
		status = hc_rpc_recv_lb(ch, buf, len);
	if (status >= 0 && (status & HC_MSG_SUCCESS)) {
		ret = hc_rpc_call(ch, HC_MSG_RECVSTATUS, HC_MSG_SUCCESS, &r);
		status = ret ? ret : hc_status(r.cx);
	}
	if (status >= 0 && (status & HC_MSG_SUCCESS)) {
		buf[len] = '\0';
		*reply = buf;
		*reply_len = len;
		return 0;
	}
	kvfree(buf);
	if (status < 0)
		return status;
	return (status & HC_MSG_CPT) ? 1 : -EIO;
}

static int hc_rpc_recv(const struct hc_rpc_chan *ch, char **reply,
		       size_t *reply_len)
{
	unsigned int try;
	int ret;

	for (try = 0; try < HC_RPC_RETRIES; try++) {
		ret = hc_rpc_recv_once(ch, reply, reply_len);
		if (ret <= 0)
			return ret;
		/* a checkpoint interrupted the transfer: start again */
	}
	return -ETIMEDOUT;
}

/* One exchange; @buf: the whole reply, its status prefix included. */
static int hc_rpc_exchange(const char *cmd, size_t len, char **buf,
			   size_t *n)
{
	struct hc_rpc_chan ch;
	int ret;

	if (!len || len > HC_RPC_MAX_CMD || memchr(cmd, '\0', len))
		return -EINVAL;

	mutex_lock(&hc_rpc_lock);
	ret = hc_rpc_chan_open(&ch);
	if (!ret) {
		ret = hc_rpc_send(&ch, cmd, len);
		if (!ret)
			ret = hc_rpc_recv(&ch, buf, n);
		hc_rpc_chan_close(&ch);
	}
	mutex_unlock(&hc_rpc_lock);
	return ret;
}

/**
 * hypercall_vmware_rpc_alloc() - send one GuestRPC command, get the reply
 *                                in a buffer of its size
 * @cmd: the command, e.g. "info-get guestinfo.foo" (need not end in NUL)
 * @len: its length, 1 .. HC_RPC_MAX_CMD; it may not contain NUL
 * @reply: set to the reply text, without its "1 "/"0 " status prefix, in a
 *         buffer allocated for it (free it with kvfree()) and NUL-terminated:
 *         *@reply_len + 1 bytes the caller may use; NULL when the command
 *         did not get through
 * @reply_len: set to the length of the reply text (may be NULL)
 *
 * The same exchange as hypercall_vmware_rpc(), for callers that cannot
 * know the size of the reply: it is allocated at the size the host
 * announces, up to HC_RPC_MAX_REPLY (1 MiB, the status included).
 *
 * Context: process context; sleeps (callers are serialized).
 *
 * Return: 0 when the host reported success ("1 ..."), -EREMOTEIO when it
 * reported failure ("0 ...", the text says why); for transport failures
 * *@reply is NULL and the return is -EINVAL (bad @cmd), -ENODEV (no
 * backdoor), -EOPNOTSUPP (the host has no GuestRPC), -EIO (the channel
 * failed, or a hypercall faulted), -ETIMEDOUT (checkpoints kept
 * interrupting, or no reply came), -EMSGSIZE (the reply is over
 * HC_RPC_MAX_REPLY bytes), -EBADMSG (the reply has no status prefix),
 * -ENOMEM.
 */
int hypercall_vmware_rpc_alloc(const char *cmd, size_t len, char **reply,
			       size_t *reply_len)
{
	char *buf = NULL;
	size_t n = 0;
	int ret;

	*reply = NULL;
	if (reply_len)
		*reply_len = 0;
	ret = hc_rpc_exchange(cmd, len, &buf, &n);
	if (ret)
		return ret;
	if (n < 2 || (buf[0] != '0' && buf[0] != '1') || buf[1] != ' ') {
		kvfree(buf);
		return -EBADMSG;
	}
	ret = buf[0] == '1' ? 0 : -EREMOTEIO;
	n -= 2;
	memmove(buf, buf + 2, n + 1);	/* the text and its NUL */
	*reply = buf;
	if (reply_len)
		*reply_len = n;
	return ret;
}
EXPORT_SYMBOL_GPL(hypercall_vmware_rpc_alloc);

/**
 * hypercall_vmware_rpc() - send one GuestRPC command, get the reply
 * @cmd: the command, e.g. "info-get guestinfo.foo" (need not end in NUL)
 * @len: its length, 1 .. HC_RPC_MAX_CMD; it may not contain NUL
 * @reply: buffer for the reply text, without its "1 "/"0 " status prefix;
 *         always NUL-terminated when the host answered
 * @size: size of @reply
 * @reply_len: length of the reply text (may be NULL)
 *
 * A reply of unknown size: hypercall_vmware_rpc_alloc().
 *
 * Context: process context; sleeps (callers are serialized).
 *
 * Return: 0 when the host reported success ("1 ..."), -EREMOTEIO when it
 * reported failure ("0 ...", the text says why); for transport failures
 * @reply is left empty and the return is -EINVAL (bad @cmd), -ENODEV (no
 * backdoor), -EOPNOTSUPP (the host has no GuestRPC), -EIO (the channel
 * failed, or a hypercall faulted), -ETIMEDOUT (checkpoints kept
 * interrupting, or no reply came), -EMSGSIZE (the reply is over
 * HC_RPC_MAX_REPLY bytes, or does not fit in @reply), -EBADMSG (the reply
 * has no status prefix), -ENOMEM.
 */
int hypercall_vmware_rpc(const char *cmd, size_t len, char *reply,
			 size_t size, size_t *reply_len)
{
	char *buf;
	size_t n;
	int ret;

	if (size)
		reply[0] = '\0';
	if (reply_len)
		*reply_len = 0;
	ret = hypercall_vmware_rpc_alloc(cmd, len, &buf, &n);
	if (!buf)
		return ret;
	if (n >= size) {
		ret = -EMSGSIZE;
	} else {
		memcpy(reply, buf, n + 1);
		if (reply_len)
			*reply_len = n;
	}
	kvfree(buf);
	return ret;
}
EXPORT_SYMBOL_GPL(hypercall_vmware_rpc);

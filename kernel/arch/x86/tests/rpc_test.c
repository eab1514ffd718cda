// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: GuestRPC (kernel/rpc.c) against a FAKE VMware host.
 *
 * QEMU does not implement backdoor command 30, and no VMware host is at
 * hand, so the host side of the RPCI protocol is simulated here, inside the
 * guest: the fake_hv fixture catches the #UD of vmcall/vmmcall and
 * fake_rpc_host() answers as the host would (open-vm-tools
 * lib/message/message.c and Linux vmwgfx_msg.c describe the host's side).
 * The guest side under test is the production code, over the module's real
 * transport selection and instructions.  Where a real hypervisor executes
 * vmcall and vmmcall (the nested KVM guest), the suite skips.
 *
 * The guestinfo files (kernel/guestinfo.c) and vmware/rpc
 * (kernel/rpc_debugfs.c) are tested over the same fake host, through their
 * real debugfs open, read, write, lseek and release.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mman.h>
#include <linux/namei.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <hypercall/rpc.h>
#include <hypercall/vmware.h>

#include "guestinfo.h"
#include "internal.h"
#include "fake_hv.h"

/* The protocol, as the host sees it (written here, not taken from rpc.c) */
#define MSG_OPEN		0
#define MSG_SENDSIZE		1
#define MSG_SENDPAYLOAD		2
#define MSG_RECVSIZE		3
#define MSG_RECVPAYLOAD		4
#define MSG_RECVSTATUS		5
#define MSG_CLOSE		6
#define ST_SUCCESS		0x0001
#define ST_DORECV		0x0002
#define ST_CLOSED		0x0004
#define ST_CPT			0x0010
#define ST_HB			0x0080
#define RPCI			0x49435052
#define COOKIE_FLAG		0x80000000u
#define CHANNEL_ID		7
#define COOKIE_HIGH		0x1234abcdu
#define COOKIE_LOW		0x5678ef01u
/*
 * The largest reply, its status included: VMware's Guest SDK, "In-Guest
 * Communication Limits": "The VMX sends back at most about 1MB", read as
 * 1 MiB (written here, not taken from rpc.h).
 */
#define REPLY_LIMIT		(1024 * 1024)

/**
 * struct fake_rpc_host - a simulated VMware host's GuestRPC side
 * @no_rpc: behaviour: no GuestRPC at all, OPEN fails (as QEMU)
 * @no_cookies: behaviour: refuses channels with cookies
 * @hb: behaviour: offers high-bandwidth transfers
 * @reply: behaviour: the reply, status prefix included
 * @reply_len: its length
 * @claim_len: behaviour: if nonzero, the reply length RECVSIZE claims
 * @cpt_send: behaviour: the payload call (1-based) answered with a
 *            checkpoint instead of success; -1: every one; 0: none
 * @cpt_recv: the same for receiving
 * @never_answers: behaviour: RECVSIZE never says a reply is waiting
 * @close_in_send: behaviour: the channel closes during the send
 * @msg: seen: the command received
 * @msg_len: its length so far
 * @msg_size: the size SENDSIZE announced
 * @open: state: a channel is open
 * @cookies: with cookies
 * @opens: seen: channels opened
 * @closes: channels closed
 * @sendsizes: SENDSIZE calls
 * @recvsizes: RECVSIZE calls
 * @payload_sends: payload calls sending (words or HB transfers)
 * @payload_recvs: payload calls receiving
 * @hb_sends: high-bandwidth sends
 * @hb_recvs: high-bandwidth receives
 * @bad: calls with a wrong channel or cookie, or out of order
 * @overlaps: OPENs while a channel was open (callers not serialized)
 * @reply_off: how much of the reply was sent
 * @hv: the fixture answering for this host
 */
struct fake_rpc_host {
	bool no_rpc, no_cookies, hb;
	const char *reply;
	size_t reply_len;
	u32 claim_len;
	int cpt_send, cpt_recv;
	bool never_answers, close_in_send;

	char msg[512];
	size_t msg_len, msg_size;
	bool open, cookies;
	unsigned int opens, closes, sendsizes, recvsizes;
	unsigned int payload_sends, payload_recvs, hb_sends, hb_recvs;
	unsigned int bad, overlaps;
	size_t reply_off;
	struct fake_hv *hv;
};

KUNIT_DEFINE_ACTION_WRAPPER(test_kvfree, kvfree, const void *);

/* @n bytes, freed when the test ends: kvmalloc, as 1 MiB may not be contiguous */
static void *test_kvmalloc(struct kunit *test, size_t n)
{
	void *p = kvmalloc(n, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_kvfree, p), 0);
	return p;
}

static void host_status(struct pt_regs *regs, u32 status)
{
	regs->cx = (unsigned long)status << 16;
}

/* Is this call on the open channel, with its cookies?  (LB calls) */
static bool host_channel_ok(struct fake_rpc_host *h, struct pt_regs *regs,
			    u32 si, u32 di)
{
	if (!h->open || (u32)regs->dx >> 16 != CHANNEL_ID)
		return false;
	return !h->cookies || (si == COOKIE_HIGH && di == COOKIE_LOW);
}

static bool host_cpt(int when, unsigned int count)
{
	return when == -1 || (when > 0 && count == (unsigned int)when);
}

/* A high-bandwidth transfer: the buffer address is in ESI (out) / EDI (in) */
static void host_hb(struct fake_rpc_host *h, struct pt_regs *regs)
{
	bool out = regs->dx & HC_VMW_FLAG_OUT;
	u32 high = out ? regs->bp : regs->si;
	u32 low = out ? regs->di : regs->bp;
	size_t n = (u32)regs->cx;
	u32 status = 0;

	if (!h->open || (u32)regs->dx >> 16 != CHANNEL_ID ||
	    (h->cookies && (high != COOKIE_HIGH || low != COOKIE_LOW))) {
		h->bad++;
	} else if (out) {
		h->hb_sends++;
		if (host_cpt(h->cpt_send, ++h->payload_sends)) {
			status = ST_CPT;
		} else if (n == h->msg_size && n <= sizeof(h->msg)) {
			memcpy(h->msg, (void *)regs->si, n);
			h->msg_len = n;
			status = ST_SUCCESS;
		} else {
			h->bad++;
		}
	} else {
		h->hb_recvs++;
		if (host_cpt(h->cpt_recv, ++h->payload_recvs)) {
			status = ST_CPT;
		} else if (n == h->reply_len) {
			memcpy((void *)regs->di, h->reply, n);
			h->reply_off = n;
			status = ST_SUCCESS;
		} else {
			h->bad++;
		}
	}
	regs->bx = (unsigned long)status << 16;
	regs->bp = 0xdeadbeef;		/* the ABI lets the host change EBP */
}

static void fake_rpc_host(struct fake_hv *hv, enum fake_hv_insn insn,
			  struct pt_regs *regs)
{
	struct fake_rpc_host *h = hv->priv;
	u32 bx = regs->bx, cx = regs->cx, si = regs->si, di = regs->di;
	u32 type = cx >> 16;

	if (insn == FAKE_HV_TDCALL || (u32)regs->ax != HC_VMW_MAGIC) {
		h->bad++;
		return;
	}
	if (regs->dx & HC_VMW_FLAG_HB) {
		host_hb(h, regs);
		return;
	}
	if ((cx & 0xffff) != HC_VMW_CMD_MESSAGE || h->no_rpc) {
		regs->ax = U32_MAX;	/* unknown command, as QEMU answers */
		return;
	}
	if (type != MSG_OPEN && !host_channel_ok(h, regs, si, di)) {
		h->bad++;
		host_status(regs, 0);
		return;
	}

	switch (type) {
	case MSG_OPEN:
		if ((bx & ~COOKIE_FLAG) != RPCI ||
		    ((bx & COOKIE_FLAG) && h->no_cookies)) {
			host_status(regs, 0);
			break;
		}
		if (h->open)
			h->overlaps++;
		h->open = true;
		h->opens++;
		h->cookies = bx & COOKIE_FLAG;
		host_status(regs, ST_SUCCESS);
		regs->dx = CHANNEL_ID << 16;
		regs->si = h->cookies ? COOKIE_HIGH : 0;
		regs->di = h->cookies ? COOKIE_LOW : 0;
		break;
	case MSG_SENDSIZE:
		h->sendsizes++;
		h->msg_size = bx;
		h->msg_len = 0;
		h->reply_off = 0;
		host_status(regs, ST_SUCCESS | (h->hb ? ST_HB : 0));
		break;
	case MSG_SENDPAYLOAD:
		if (h->close_in_send) {
			h->open = false;
			host_status(regs, ST_CLOSED);
			break;
		}
		if (host_cpt(h->cpt_send, ++h->payload_sends)) {
			host_status(regs, ST_CPT);
			break;
		}
		if (h->msg_len < h->msg_size && h->msg_len + 4 <= sizeof(h->msg)) {
			memcpy(h->msg + h->msg_len, &bx, 4);
			h->msg_len = min(h->msg_len + 4, h->msg_size);
		}
		host_status(regs, ST_SUCCESS);
		break;
	case MSG_RECVSIZE:
		h->recvsizes++;
		if (h->never_answers || h->msg_len != h->msg_size) {
			host_status(regs, ST_SUCCESS);
			break;
		}
		h->reply_off = 0;
		host_status(regs, ST_SUCCESS | ST_DORECV | (h->hb ? ST_HB : 0));
		regs->bx = h->claim_len ? h->claim_len : h->reply_len;
		regs->dx = MSG_SENDSIZE << 16;
		break;
	case MSG_RECVPAYLOAD:
		if (bx != ST_SUCCESS)
			h->bad++;
		if (host_cpt(h->cpt_recv, ++h->payload_recvs)) {
			host_status(regs, ST_CPT);
			break;
		}
		regs->bx = 0;
		if (h->reply_off < h->reply_len)
			memcpy(&regs->bx, h->reply + h->reply_off,
			       min_t(size_t, 4, h->reply_len - h->reply_off));
		h->reply_off += 4;
		host_status(regs, ST_SUCCESS);
		regs->dx = MSG_SENDPAYLOAD << 16;
		break;
	case MSG_RECVSTATUS:
		if (bx != ST_SUCCESS || h->reply_off < h->reply_len)
			h->bad++;
		host_status(regs, ST_SUCCESS);
		break;
	case MSG_CLOSE:
		h->open = false;
		h->closes++;
		host_status(regs, ST_SUCCESS);
		break;
	default:
		h->bad++;
		host_status(regs, 0);
		break;
	}
}

/*
 * Each test runs on vmcall, high bandwidth allowed; the module's own
 * transport comes back when the suite ends (switching rewrites code).
 */
static void rpc_suite_exit(struct kunit_suite *suite)
{
	hc_vmware_select(hc_state.det.mode[HC_ABI_VMWARE],
			 hc_state.det.hb[HC_ABI_VMWARE]);
	fake_hv_unregister(suite);
}

static struct fake_rpc_host *rpc_setup(struct kunit *test, const char *reply)
{
	struct fake_rpc_host *h;

	fake_hv_require(test, FAKE_HV_VMCALL);
	h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	h->reply = reply;
	h->reply_len = reply ? strlen(reply) : 0;
	hc_vmware_select(HC_MODE_VMCALL, true);
	h->hv = fake_hv_arm(test, fake_rpc_host, h);
	return h;
}

#define CMD "info-get guestinfo.foo"

static int rpc(const char *cmd, char *reply, size_t size, size_t *len)
{
	return hypercall_vmware_rpc(cmd, strlen(cmd), reply, size, len);
}

/* The host saw the command whole, and the channel was closed once. */
static void expect_clean_exchange(struct kunit *test, struct fake_rpc_host *h,
				  const char *cmd)
{
	KUNIT_EXPECT_EQ(test, h->msg_len, strlen(cmd));
	KUNIT_EXPECT_EQ(test, memcmp(h->msg, cmd, strlen(cmd)), 0);
	KUNIT_EXPECT_EQ(test, h->bad, 0);
	KUNIT_EXPECT_EQ(test, h->opens, 1);
	KUNIT_EXPECT_EQ(test, h->closes, 1);
	KUNIT_EXPECT_FALSE(test, h->open);
}

static void rpc_with_cookies(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];
	size_t len;

	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), &len), 0);
	KUNIT_EXPECT_STREQ(test, reply, "bar");
	KUNIT_EXPECT_EQ(test, len, 3);
	KUNIT_EXPECT_TRUE(test, h->cookies);
	expect_clean_exchange(test, h, CMD);
	/* low bandwidth: 22 bytes in 6 words; 5-byte reply in 2 words */
	KUNIT_EXPECT_EQ(test, h->payload_sends, 6);
	KUNIT_EXPECT_EQ(test, h->payload_recvs, 2);
	KUNIT_EXPECT_EQ(test, h->hb_sends + h->hb_recvs, 0);
}

static void rpc_without_cookies(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->no_cookies = true;
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), 0);
	KUNIT_EXPECT_STREQ(test, reply, "bar");
	KUNIT_EXPECT_FALSE(test, h->cookies);
	expect_clean_exchange(test, h, CMD);
}

static void rpc_host_failure_is_eremoteio(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "0 No value found");
	char reply[32];
	size_t len;

	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), &len), -EREMOTEIO);
	KUNIT_EXPECT_STREQ(test, reply, "No value found");
	KUNIT_EXPECT_EQ(test, len, 14);
	expect_clean_exchange(test, h, CMD);
}

/* Replies of 0, 1, 3, 4 and 5 bytes: around the 4-byte word and the prefix */
struct reply_case {
	const char *reply;
	int ret;
	const char *text;
};

static const struct reply_case reply_cases[] = {
	{ "", -EBADMSG, "" },
	{ "1", -EBADMSG, "" },
	{ "1 a", 0, "a" },
	{ "1 ab", 0, "ab" },
	{ "1 abc", 0, "abc" },
	{ "0 ", -EREMOTEIO, "" },
	{ "2 x", -EBADMSG, "" },
	{ "1x", -EBADMSG, "" },
};

static void reply_case_desc(const struct reply_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%zu_bytes_%s", strlen(c->reply),
		 c->ret ? "error" : "ok");
}

KUNIT_ARRAY_PARAM(reply, reply_cases, reply_case_desc);

static void rpc_reply_sizes(struct kunit *test)
{
	const struct reply_case *c = test->param_value;
	struct fake_rpc_host *h = rpc_setup(test, c->reply);
	char reply[16];

	KUNIT_EXPECT_EQ(test, rpc("log x", reply, sizeof(reply), NULL), c->ret);
	KUNIT_EXPECT_STREQ(test, reply, c->text);
	expect_clean_exchange(test, h, "log x");
	KUNIT_EXPECT_EQ(test, h->payload_recvs, (strlen(c->reply) + 3) / 4);
}

/*
 * A long reply in words: 64 KiB, 16384 low-bandwidth calls (the old
 * limit; a reply at the limit is rpc_reply_at_limit's, in one transfer)
 */
static void rpc_reply_64k_low_bandwidth(struct kunit *test)
{
	const size_t n = 64 * 1024;
	struct fake_rpc_host *h;
	char *host_reply, *reply;
	size_t len;

	host_reply = kunit_kmalloc(test, n + 1, GFP_KERNEL);
	reply = kunit_kmalloc(test, n, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, host_reply);
	KUNIT_ASSERT_NOT_NULL(test, reply);
	memset(host_reply, 'x', n);
	memcpy(host_reply, "1 ", 2);
	host_reply[n - 1] = 'y';
	host_reply[n] = '\0';
	h = rpc_setup(test, host_reply);

	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, n, &len), 0);
	KUNIT_EXPECT_EQ(test, len, n - 2);
	KUNIT_EXPECT_EQ(test, reply[0], 'x');
	KUNIT_EXPECT_EQ(test, reply[n - 3], 'y');
	KUNIT_EXPECT_EQ(test, reply[n - 2], '\0');
	KUNIT_EXPECT_EQ(test, h->payload_recvs, n / 4);
	expect_clean_exchange(test, h, CMD);
}

/* A host reply of @n bytes: "1 ", 'x's, a 'y' last; freed with the test */
static char *host_reply_of(struct kunit *test, size_t n)
{
	char *r = test_kvmalloc(test, n + 1);

	memset(r, 'x', n);
	memcpy(r, "1 ", 2);
	r[n - 1] = 'y';
	r[n] = '\0';
	return r;
}

/*
 * The largest reply, in one high-bandwidth transfer: into a buffer the
 * caller sized, and into one allocated at the announced size.  (With the
 * old limit, 64 KiB, the module refused it.)
 */
static void rpc_reply_at_limit(struct kunit *test)
{
	const size_t n = REPLY_LIMIT;
	struct fake_rpc_host *h = rpc_setup(test, host_reply_of(test, n));
	char *reply, *got;
	size_t len;

	h->hb = true;
	reply = test_kvmalloc(test, n - 1);	/* the text and a NUL */
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, n - 1, &len), 0);
	KUNIT_EXPECT_EQ(test, len, n - 2);
	KUNIT_EXPECT_EQ(test, reply[0], 'x');
	KUNIT_EXPECT_EQ(test, reply[n - 3], 'y');
	KUNIT_EXPECT_EQ(test, reply[n - 2], '\0');
	KUNIT_EXPECT_EQ(test, h->hb_recvs, 1);
	expect_clean_exchange(test, h, CMD);

	KUNIT_ASSERT_EQ(test, hypercall_vmware_rpc_alloc(CMD, strlen(CMD), &got,
							 &len), 0);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, len, n - 2);
	KUNIT_EXPECT_EQ(test, memcmp(got, h->reply + 2, n - 2), 0);
	KUNIT_EXPECT_EQ(test, got[n - 2], '\0');
	kvfree(got);
	KUNIT_EXPECT_EQ(test, h->hb_recvs, 2);
}

/* One byte more: EMSGSIZE from the announced size, nothing fetched */
static void rpc_reply_past_limit_is_emsgsize(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 ok");
	char reply[16], *got;
	size_t len;

	h->claim_len = REPLY_LIMIT + 1;
	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, reply, "");
	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc_alloc(CMD, strlen(CMD), &got,
							 &len), -EMSGSIZE);
	KUNIT_EXPECT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, len, 0);
	KUNIT_EXPECT_EQ(test, h->payload_recvs, 0);	/* nothing fetched */
	KUNIT_EXPECT_EQ(test, h->opens, 2);
	KUNIT_EXPECT_EQ(test, h->closes, 2);
	KUNIT_EXPECT_EQ(test, h->bad, 0);
}

/* The allocating call: the text, and "0 ..." kept; a failure leaves none */
static void rpc_alloc_replies(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	size_t len = 99;
	char *got;

	KUNIT_ASSERT_EQ(test, hypercall_vmware_rpc_alloc(CMD, strlen(CMD), &got,
							 &len), 0);
	KUNIT_EXPECT_EQ(test, len, 3);
	KUNIT_EXPECT_STREQ(test, got, "bar");
	kvfree(got);
	expect_clean_exchange(test, h, CMD);

	h->reply = "0 No value found";
	h->reply_len = strlen(h->reply);
	KUNIT_ASSERT_EQ(test, hypercall_vmware_rpc_alloc(CMD, strlen(CMD), &got,
							 NULL), -EREMOTEIO);
	KUNIT_EXPECT_STREQ(test, got, "No value found");
	kvfree(got);

	h->reply = "2 x";
	h->reply_len = 3;
	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc_alloc(CMD, strlen(CMD), &got,
							 &len), -EBADMSG);
	KUNIT_EXPECT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, len, 0);

	h->no_rpc = true;
	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc_alloc(CMD, strlen(CMD), &got,
							 &len), -EOPNOTSUPP);
	KUNIT_EXPECT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc_alloc("", 0, &got, &len),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, got);
}

static void rpc_reply_larger_than_buffer_is_emsgsize(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 abcdef");
	char reply[4];

	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, reply, "");
	expect_clean_exchange(test, h, CMD);
}

static void rpc_high_bandwidth(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 a reply of some length");
	char reply[32];

	h->hb = true;
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), 0);
	KUNIT_EXPECT_STREQ(test, reply, "a reply of some length");
	KUNIT_EXPECT_EQ(test, h->hb_sends, 1);
	KUNIT_EXPECT_EQ(test, h->hb_recvs, 1);
	expect_clean_exchange(test, h, CMD);
}

/* The host offers HB, but this guest may not use it: low bandwidth. */
static void rpc_high_bandwidth_not_allowed(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->hb = true;
	hc_vmware_select(HC_MODE_VMCALL, false);	/* as if memory were encrypted */
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), 0);
	KUNIT_EXPECT_STREQ(test, reply, "bar");
	KUNIT_EXPECT_EQ(test, h->hb_sends + h->hb_recvs, 0);
	KUNIT_EXPECT_EQ(test, h->payload_sends, 6);
	expect_clean_exchange(test, h, CMD);
}

/* A checkpoint in the middle of a transfer restarts it. */
static void rpc_checkpoint_in_send(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->cpt_send = 3;
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), 0);
	KUNIT_EXPECT_STREQ(test, reply, "bar");
	KUNIT_EXPECT_EQ(test, h->sendsizes, 2);
	KUNIT_EXPECT_EQ(test, h->payload_sends, 3 + 6);
	expect_clean_exchange(test, h, CMD);
}

static void rpc_checkpoint_in_receive(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 a longer reply");
	char reply[32];

	h->cpt_recv = 2;
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), 0);
	KUNIT_EXPECT_STREQ(test, reply, "a longer reply");
	KUNIT_EXPECT_EQ(test, h->recvsizes, 2);
	KUNIT_EXPECT_EQ(test, h->payload_recvs, 2 + 4);
	expect_clean_exchange(test, h, CMD);
}

static void rpc_checkpoint_in_hb_transfers(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->hb = true;
	h->cpt_send = 1;
	h->cpt_recv = 1;
	KUNIT_ASSERT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), 0);
	KUNIT_EXPECT_STREQ(test, reply, "bar");
	KUNIT_EXPECT_EQ(test, h->hb_sends, 2);
	KUNIT_EXPECT_EQ(test, h->hb_recvs, 2);
	expect_clean_exchange(test, h, CMD);
}

/* Checkpoints forever: a bounded number of tries, then ETIMEDOUT. */
static void rpc_endless_checkpoints_time_out(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->cpt_send = -1;
	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, h->sendsizes, 3);
	KUNIT_EXPECT_EQ(test, h->closes, 1);
}

/* A host that never has a reply: bounded wait, then ETIMEDOUT. */
static void rpc_host_never_answers(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];
	ktime_t start;
	s64 ms;

	h->never_answers = true;
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -ETIMEDOUT);
	ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_LT_MSG(test, ms, 2000, "gave up after %lld ms", ms);
	KUNIT_EXPECT_GT(test, h->recvsizes, 1);	/* it did poll */
	KUNIT_EXPECT_EQ(test, h->closes, 1);
}

/* The channel closes under the guest: EIO, no retry on a dead channel. */
static void rpc_closed_channel_is_eio(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->close_in_send = true;
	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -EIO);
	KUNIT_EXPECT_STREQ(test, reply, "");
	KUNIT_EXPECT_EQ(test, h->sendsizes, 1);
}

/* No GuestRPC behind the backdoor (QEMU): both opens fail, EOPNOTSUPP. */
static void rpc_no_guestrpc_is_eopnotsupp(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	h->no_rpc = true;
	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, h->hv->calls, 2);	/* with cookies, without */
}

static void rpc_no_backdoor_is_enodev(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	hc_vmware_select(HC_MODE_NONE, false);
	KUNIT_EXPECT_EQ(test, rpc(CMD, reply, sizeof(reply), NULL), -ENODEV);
	KUNIT_EXPECT_EQ(test, h->opens, 0);
}

static void rpc_bad_commands_make_no_call(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");
	char reply[16];

	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc("", 0, reply, sizeof(reply),
						   NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc("log a\0b", 7, reply,
						   sizeof(reply), NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, hypercall_vmware_rpc("log", HC_RPC_MAX_CMD + 1,
						   reply, sizeof(reply), NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, h->opens, 0);
}

/* Concurrent callers: one channel at a time on the host. */
struct rpc_worker {
	struct completion go, done;
	int errors;
};

#define RPC_WORKERS	3
#define RPC_ROUNDS	20

static int rpc_worker_fn(void *data)
{
	struct rpc_worker *w = data;
	char reply[16];
	int i;

	wait_for_completion(&w->go);
	for (i = 0; i < RPC_ROUNDS; i++) {
		if (rpc("log concurrent", reply, sizeof(reply), NULL) ||
		    strcmp(reply, "ok"))
			w->errors++;
		cond_resched();
	}
	complete(&w->done);
	return 0;
}

static void rpc_callers_are_serialized(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 ok");
	struct rpc_worker *w;
	struct task_struct *t;
	int i;

	w = kunit_kcalloc(test, RPC_WORKERS, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < RPC_WORKERS; i++) {
		init_completion(&w[i].go);
		init_completion(&w[i].done);
		t = kthread_run(rpc_worker_fn, &w[i], "hc_rpc_test/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		fake_hv_allow_task(test, t);
	}
	for (i = 0; i < RPC_WORKERS; i++)
		complete(&w[i].go);
	for (i = 0; i < RPC_WORKERS; i++) {
		wait_for_completion(&w[i].done);
		KUNIT_EXPECT_EQ(test, w[i].errors, 0);
	}
	KUNIT_EXPECT_EQ(test, h->opens, RPC_WORKERS * RPC_ROUNDS);
	KUNIT_EXPECT_EQ(test, h->closes, RPC_WORKERS * RPC_ROUNDS);
	KUNIT_EXPECT_EQ(test, h->overlaps, 0);
	KUNIT_EXPECT_EQ(test, h->bad, 0);
}

static struct kunit_case rpc_test_cases[] = {
	KUNIT_CASE(rpc_with_cookies),
	KUNIT_CASE(rpc_without_cookies),
	KUNIT_CASE(rpc_host_failure_is_eremoteio),
	KUNIT_CASE_PARAM(rpc_reply_sizes, reply_gen_params),
	KUNIT_CASE(rpc_reply_64k_low_bandwidth),
	KUNIT_CASE(rpc_reply_at_limit),
	KUNIT_CASE(rpc_reply_past_limit_is_emsgsize),
	KUNIT_CASE(rpc_alloc_replies),
	KUNIT_CASE(rpc_reply_larger_than_buffer_is_emsgsize),
	KUNIT_CASE(rpc_high_bandwidth),
	KUNIT_CASE(rpc_high_bandwidth_not_allowed),
	KUNIT_CASE(rpc_checkpoint_in_send),
	KUNIT_CASE(rpc_checkpoint_in_receive),
	KUNIT_CASE(rpc_checkpoint_in_hb_transfers),
	KUNIT_CASE(rpc_endless_checkpoints_time_out),
	KUNIT_CASE(rpc_host_never_answers),
	KUNIT_CASE(rpc_closed_channel_is_eio),
	KUNIT_CASE(rpc_no_guestrpc_is_eopnotsupp),
	KUNIT_CASE(rpc_no_backdoor_is_enodev),
	KUNIT_CASE(rpc_bad_commands_make_no_call),
	KUNIT_CASE_SLOW(rpc_callers_are_serialized),
	{}
};

static struct kunit_suite rpc_test_suite = {
	.name = "hypercall_rpc_fake_host",
	.suite_init = fake_hv_register,
	.suite_exit = rpc_suite_exit,
	.test_cases = rpc_test_cases,
};

kunit_test_suite(rpc_test_suite);

/*
 * guestinfo (kernel/guestinfo.c) over the same fake host.  The limit: a
 * reply of REPLY_LIMIT, less the two bytes of "1 ".
 */
#define GI_VALUE_MAX	(REPLY_LIMIT - 2)
#define GI_DIR		"/sys/kernel/debug/hypercall/vmware/guestinfo/"
#define GI_NOVAL	"0 No value found"	/* cloud-init's NOVAL, prefixed */

KUNIT_DEFINE_ACTION_WRAPPER(gi_free, hc_guestinfo_free,
			    struct hc_guestinfo_value *);

/* The host will reply @prefix ("1 " or "0 ") and @len bytes of @value. */
static struct fake_rpc_host *gi_setup(struct kunit *test, const char *prefix,
				      const void *value, size_t len)
{
	struct fake_rpc_host *h;
	char *reply;

	reply = test_kvmalloc(test, len + 2);
	memcpy(reply, prefix, 2);
	memcpy(reply + 2, value, len);
	h = rpc_setup(test, NULL);
	h->reply = reply;
	h->reply_len = len + 2;
	return h;
}

/* hc_guestinfo_get(), the value freed when the test ends. */
static struct hc_guestinfo_value *gi_get(struct kunit *test, const char *key)
{
	struct hc_guestinfo_value *v = hc_guestinfo_get(key);

	if (!IS_ERR(v))
		KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, gi_free, v),
				0);
	return v;
}

/* @n bytes that take every value, NUL and the high ones included */
static char *gi_pattern(struct kunit *test, size_t n)
{
	char *p = test_kvmalloc(test, n);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = i * 31 + 7;
	return p;
}

static void guestinfo_value(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 a value");
	struct hc_guestinfo_value *v = gi_get(test, "metadata");

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(v), "error %ld", PTR_ERR(v));
	KUNIT_EXPECT_EQ(test, v->len, 7);
	KUNIT_EXPECT_MEMEQ(test, v->data, "a value", 8);	/* and a NUL */
	expect_clean_exchange(test, h, "info-get guestinfo.metadata");
}

/* What the host says for a variable it does not have: ENODATA */
static void guestinfo_missing_key_is_enodata(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, GI_NOVAL);

	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_get(test, "userdata")), -ENODATA);
	expect_clean_exchange(test, h, "info-get guestinfo.userdata");
}

/* Any other refusal is not "no such key" */
static void guestinfo_other_refusal_is_eremoteio(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, GI_NOVAL ".");

	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_get(test, "userdata")), -EREMOTEIO);
	expect_clean_exchange(test, h, "info-get guestinfo.userdata");
}

static void guestinfo_empty_value(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 ");
	struct hc_guestinfo_value *v = gi_get(test, "vendordata");

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(v), "error %ld", PTR_ERR(v));
	KUNIT_EXPECT_EQ(test, v->len, 0);
	KUNIT_EXPECT_EQ(test, v->data[0], '\0');
	expect_clean_exchange(test, h, "info-get guestinfo.vendordata");
}

/* NUL, high bytes, newlines: the value comes back byte for byte */
static void guestinfo_binary_value(struct kunit *test)
{
	static const char value[] = "a\0b\xff\x80\n\r\x01 z";
	const size_t n = sizeof(value) - 1;
	struct fake_rpc_host *h = gi_setup(test, "1 ", value, n);
	struct hc_guestinfo_value *v = gi_get(test, "ovfenv");

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(v), "error %ld", PTR_ERR(v));
	KUNIT_EXPECT_EQ(test, v->len, n);
	KUNIT_EXPECT_MEMEQ(test, v->data, value, n + 1);
	expect_clean_exchange(test, h, "info-get guestinfo.ovfenv");
}

/*
 * The largest value, in one high-bandwidth transfer (64 KiB in words is
 * rpc_reply_64k_low_bandwidth's).  With the old limit, 64 KiB, it failed
 * with EMSGSIZE.
 */
static void guestinfo_value_at_limit(struct kunit *test)
{
	char *value = gi_pattern(test, GI_VALUE_MAX);
	struct fake_rpc_host *h = gi_setup(test, "1 ", value, GI_VALUE_MAX);
	struct hc_guestinfo_value *v;

	h->hb = true;
	v = gi_get(test, "ignition.config.data");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(v), "error %ld", PTR_ERR(v));
	KUNIT_EXPECT_EQ(test, v->len, GI_VALUE_MAX);
	KUNIT_EXPECT_EQ(test, memcmp(v->data, value, GI_VALUE_MAX), 0);
	KUNIT_EXPECT_EQ(test, h->hb_recvs, 1);
	expect_clean_exchange(test, h, "info-get guestinfo.ignition.config.data");
}

/* One byte more: EMSGSIZE, and the reply is not even fetched */
static void guestinfo_value_past_limit_is_emsgsize(struct kunit *test)
{
	char *value = gi_pattern(test, GI_VALUE_MAX + 1);
	struct fake_rpc_host *h = gi_setup(test, "1 ", value, GI_VALUE_MAX + 1);

	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_get(test, "ignition.config.data")),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, h->payload_recvs, 0);
	KUNIT_EXPECT_EQ(test, h->opens, 1);
	KUNIT_EXPECT_EQ(test, h->closes, 1);
	KUNIT_EXPECT_EQ(test, h->bad, 0);
}

static void guestinfo_no_guestrpc_is_eopnotsupp(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");

	h->no_rpc = true;
	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_get(test, "metadata")), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, h->hv->calls, 2);	/* with cookies, without */
}

static void guestinfo_no_backdoor_is_enodev(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 bar");

	hc_vmware_select(HC_MODE_NONE, false);
	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_get(test, "metadata")), -ENODEV);
	KUNIT_EXPECT_EQ(test, h->opens, 0);
}

/*
 * The files, through the VFS: filp_open() of the debugfs path runs the
 * module's open behind debugfs's proxy, reads go through the proxy's read
 * into a user buffer (kunit_vm_mmap()), the last fput runs the release.
 * The module was loaded with the default keys, "metadata" among them.
 */
static struct file *gi_open(struct kunit *test, const char *key)
{
	char path[128];
	struct path p;

	snprintf(path, sizeof(path), GI_DIR "%s", key);
	if (kern_path(path, 0, &p))
		kunit_skip(test, "no %s: no debugfs there, or other guestinfo_keys",
			   path);
	path_put(&p);
	return filp_open(path, O_RDONLY, 0);
}

/* @len bytes of user memory, unmapped when the test ends */
static char __user *gi_user_mem(struct kunit *test, size_t len)
{
	unsigned long addr = kunit_vm_mmap(test, NULL, 0, len,
					   PROT_READ | PROT_WRITE,
					   MAP_ANONYMOUS | MAP_PRIVATE, 0);

	KUNIT_ASSERT_NE_MSG(test, addr, 0, "no user memory");
	return (char __user *)addr;
}

static char __user *gi_user_page(struct kunit *test)
{
	return gi_user_mem(test, PAGE_SIZE);
}

/* read() of @count at *@pos into @dst, through the user page */
static ssize_t gi_read(struct kunit *test, struct file *f, char __user *ubuf,
		       char *dst, size_t count, loff_t *pos)
{
	ssize_t r = f->f_op->read(f, ubuf, count, pos);

	if (r > 0)
		KUNIT_ASSERT_EQ(test, copy_from_user(dst, ubuf, r), 0);
	return r;
}

/* Reads of odd sizes reassemble the value; lseek moves in it. */
static void guestinfo_file_reads_in_pieces(struct kunit *test)
{
	static const size_t sizes[] = { 1, 2, 3, 5, 7, 64, 1000, PAGE_SIZE };
	const size_t n = PAGE_SIZE + 904;	/* over a page: 5000 */
	char *value = gi_pattern(test, n), *got, __user *ubuf;
	struct fake_rpc_host *h = gi_setup(test, "1 ", value, n);
	size_t off = 0, i;
	struct file *f;
	loff_t pos = 0;
	ssize_t r;

	h->hb = true;
	ubuf = gi_user_page(test);
	got = kunit_kzalloc(test, n + PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, got);
	f = gi_open(test, "metadata");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open: %ld", PTR_ERR(f));

	for (i = 0; ; i++) {
		r = gi_read(test, f, ubuf, got + off,
			    sizes[i % ARRAY_SIZE(sizes)], &pos);
		if (r <= 0)
			break;
		off += r;
		KUNIT_ASSERT_LE(test, off, n);
	}
	KUNIT_EXPECT_EQ(test, r, 0);		/* then end of file */
	KUNIT_EXPECT_EQ(test, off, n);
	KUNIT_EXPECT_EQ(test, memcmp(got, value, n), 0);

	KUNIT_EXPECT_EQ(test, vfs_llseek(f, 0, SEEK_END), n);
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, 4090, SEEK_SET), 4090);
	KUNIT_EXPECT_EQ(test, gi_read(test, f, ubuf, got, 10, &f->f_pos), 10);
	KUNIT_EXPECT_MEMEQ(test, got, value + 4090, 10);
	KUNIT_EXPECT_EQ(test, f->f_pos, 4100);
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, n + 1, SEEK_SET), -EINVAL);
	pos = n + 100;
	KUNIT_EXPECT_EQ(test, gi_read(test, f, ubuf, got, 10, &pos), 0);

	KUNIT_EXPECT_EQ(test, h->opens, 1);	/* one exchange for all reads */
	expect_clean_exchange(test, h, "info-get guestinfo.metadata");
	__fput_sync(f);
}

/* Each open takes its own snapshot; an open file keeps its own. */
static void guestinfo_file_snapshot_per_open(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 first");
	char __user *ubuf = gi_user_page(test);
	struct file *f1, *f2;
	char got[16] = "";
	loff_t pos = 0;

	f1 = gi_open(test, "metadata");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f1), "open: %ld", PTR_ERR(f1));
	h->reply = "1 second";
	h->reply_len = 8;
	f2 = gi_open(test, "metadata");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f2), "open: %ld", PTR_ERR(f2));
	KUNIT_EXPECT_EQ(test, gi_read(test, f1, ubuf, got, sizeof(got), &pos), 5);
	KUNIT_EXPECT_MEMEQ(test, got, "first", 5);
	pos = 0;
	KUNIT_EXPECT_EQ(test, gi_read(test, f2, ubuf, got, sizeof(got), &pos), 6);
	KUNIT_EXPECT_MEMEQ(test, got, "second", 6);
	KUNIT_EXPECT_EQ(test, h->opens, 2);
	__fput_sync(f2);
	__fput_sync(f1);
}

/*
 * An open file holds a reference on the module (.owner), which is what
 * makes delete_module() refuse with EAGAIN; a failed open holds none.
 */
static void guestinfo_file_pins_the_module(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 x");
	struct module *owner;
	int open_ref, ref;
	struct file *f;

	f = gi_open(test, "metadata");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open: %ld", PTR_ERR(f));
	owner = debugfs_real_fops(f)->owner;
	KUNIT_ASSERT_NOT_NULL(test, owner);
	KUNIT_EXPECT_STREQ(test, module_name(owner), "hypercall");
	open_ref = module_refcount(owner);
	__fput_sync(f);
	ref = module_refcount(owner);
	KUNIT_EXPECT_EQ(test, ref, open_ref - 1);

	h->reply = GI_NOVAL;
	h->reply_len = strlen(GI_NOVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_open(test, "metadata")), -ENODATA);
	KUNIT_EXPECT_EQ(test, module_refcount(owner), ref);
	h->no_rpc = true;
	KUNIT_EXPECT_EQ(test, PTR_ERR(gi_open(test, "metadata")), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, module_refcount(owner), ref);
}

static struct kunit_case guestinfo_test_cases[] = {
	KUNIT_CASE(guestinfo_value),
	KUNIT_CASE(guestinfo_missing_key_is_enodata),
	KUNIT_CASE(guestinfo_other_refusal_is_eremoteio),
	KUNIT_CASE(guestinfo_empty_value),
	KUNIT_CASE(guestinfo_binary_value),
	KUNIT_CASE(guestinfo_value_at_limit),
	KUNIT_CASE(guestinfo_value_past_limit_is_emsgsize),
	KUNIT_CASE(guestinfo_no_guestrpc_is_eopnotsupp),
	KUNIT_CASE(guestinfo_no_backdoor_is_enodev),
	KUNIT_CASE(guestinfo_file_reads_in_pieces),
	KUNIT_CASE(guestinfo_file_snapshot_per_open),
	KUNIT_CASE(guestinfo_file_pins_the_module),
	{}
};

static struct kunit_suite guestinfo_test_suite = {
	.name = "hypercall_guestinfo_fake_host",
	.suite_init = fake_hv_register,
	.suite_exit = rpc_suite_exit,
	.test_cases = guestinfo_test_cases,
};

kunit_test_suite(guestinfo_test_suite);

/*
 * vmware/rpc (kernel/rpc_debugfs.c) through the VFS, as a script uses it,
 * over the same fake host: a write runs the command, a read returns the
 * reply and a newline.
 */
#define RPC_FILE	"/sys/kernel/debug/hypercall/vmware/rpc"

static struct file *rpc_file_open(struct kunit *test)
{
	struct path p;

	if (kern_path(RPC_FILE, 0, &p))
		kunit_skip(test, "no %s: no debugfs there", RPC_FILE);
	path_put(&p);
	if (!hc_vmware_available())
		kunit_skip(test, "no backdoor detected: the file says ENODEV first");
	return filp_open(RPC_FILE, O_RDWR, 0);
}

/* write() of @cmd, through the user memory at @ubuf */
static ssize_t rpc_file_write(struct kunit *test, struct file *f,
			      char __user *ubuf, const char *cmd)
{
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, copy_to_user(ubuf, cmd, strlen(cmd)), 0);
	return f->f_op->write(f, ubuf, strlen(cmd), &pos);
}

/* The largest reply reads back whole, binary bytes and all, in one read */
static void rpc_file_reply_at_limit(struct kunit *test)
{
	const size_t n = REPLY_LIMIT - 2;
	char *value = gi_pattern(test, n), *got, __user *ubuf;
	struct fake_rpc_host *h = gi_setup(test, "1 ", value, n);
	struct file *f;
	loff_t pos = 0;
	ssize_t r;

	h->hb = true;
	f = rpc_file_open(test);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open: %ld", PTR_ERR(f));
	ubuf = gi_user_mem(test, n + PAGE_SIZE);
	got = test_kvmalloc(test, n + 1);
	KUNIT_EXPECT_EQ(test, rpc_file_write(test, f, ubuf, CMD "\n"),
			strlen(CMD) + 1);
	r = f->f_op->read(f, ubuf, n + PAGE_SIZE, &pos);
	KUNIT_EXPECT_EQ(test, r, n + 1);
	if (r == n + 1) {
		KUNIT_ASSERT_EQ(test, copy_from_user(got, ubuf, n + 1), 0);
		KUNIT_EXPECT_EQ(test, memcmp(got, value, n), 0);
		KUNIT_EXPECT_EQ(test, got[n], '\n');
	}
	expect_clean_exchange(test, h, CMD);
	__fput_sync(f);
}

/* One byte more: the write fails with EMSGSIZE and leaves nothing to read */
static void rpc_file_reply_past_limit_is_emsgsize(struct kunit *test)
{
	struct fake_rpc_host *h = rpc_setup(test, "1 ok");
	char __user *ubuf = gi_user_page(test);
	char got[8] = "";
	struct file *f;
	loff_t pos = 0;

	f = rpc_file_open(test);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open: %ld", PTR_ERR(f));
	h->claim_len = REPLY_LIMIT + 1;
	KUNIT_EXPECT_EQ(test, rpc_file_write(test, f, ubuf, CMD), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, f->f_op->read(f, ubuf, 8, &pos), -ENODATA);
	KUNIT_EXPECT_EQ(test, h->payload_recvs, 0);
	/* the next command on the same file works */
	h->claim_len = 0;
	KUNIT_EXPECT_EQ(test, rpc_file_write(test, f, ubuf, CMD), strlen(CMD));
	KUNIT_EXPECT_EQ(test, f->f_op->read(f, ubuf, 8, &pos), 3);
	KUNIT_EXPECT_EQ(test, copy_from_user(got, ubuf, 3), 0);
	KUNIT_EXPECT_MEMEQ(test, got, "ok\n", 3);
	KUNIT_EXPECT_EQ(test, h->closes, 2);
	KUNIT_EXPECT_EQ(test, h->bad, 0);
	__fput_sync(f);
}

static struct kunit_case rpc_file_test_cases[] = {
	KUNIT_CASE(rpc_file_reply_at_limit),
	KUNIT_CASE(rpc_file_reply_past_limit_is_emsgsize),
	{}
};

static struct kunit_suite rpc_file_test_suite = {
	.name = "hypercall_rpc_file_fake_host",
	.suite_init = fake_hv_register,
	.suite_exit = rpc_suite_exit,
	.test_cases = rpc_file_test_cases,
};

kunit_test_suite(rpc_file_test_suite);

/*
 * The rules for guestinfo_keys (Documentation/debugfs.rst): no host, no
 * module state, just the check.  NULL: the list is accepted.
 */
struct gi_keys_case {
	const char *list;
	const char *why;
};

static const struct gi_keys_case gi_keys_cases[] = {
	{ "", NULL },
	{ "metadata", NULL },
	{ "a,b,c", NULL },
	{ "afterburn.initrd.network-kargs", NULL },
	{ "A-Z_a~z!#:@", NULL },
	{ ".hidden", NULL },
	{ "ab,a,b", NULL },
	{ "a,A", NULL },
	{ ",", "empty name" },
	{ "a,", "empty name" },
	{ ",a", "empty name" },
	{ "a,,b", "empty name" },
	{ "a/b", "'/' in a name" },
	{ "a b", "blank, control or non-ASCII character in a name" },
	{ "a\tb", "blank, control or non-ASCII character in a name" },
	{ "a\nb", "blank, control or non-ASCII character in a name" },
	{ "\x7f", "blank, control or non-ASCII character in a name" },
	{ "caf\xc3\xa9", "blank, control or non-ASCII character in a name" },
	{ ".", "'.' as a name" },
	{ "..", "'..' in a name" },
	{ "a..", "'..' in a name" },
	{ "...", "'..' in a name" },
	{ "a,b,a", "name given twice" },
};

static void gi_keys_case_desc(const struct gi_keys_case *c, char *desc)
{
	size_t i;

	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%s", c->why ? "refused" : "ok",
		 *c->list ? c->list : "(empty)");
	for (i = 0; desc[i]; i++)
		if (!isalnum(desc[i]) && !strchr("._-()", desc[i]))
			desc[i] = '_';
}

KUNIT_ARRAY_PARAM(gi_keys, gi_keys_cases, gi_keys_case_desc);

static void guestinfo_key_rules(struct kunit *test)
{
	const struct gi_keys_case *c = test->param_value;
	struct hc_guestinfo_bad bad = {};

	KUNIT_EXPECT_EQ(test, hc_guestinfo_check_keys(c->list, &bad),
			c->why ? -EINVAL : 0);
	if (c->why)
		KUNIT_EXPECT_STREQ(test, bad.why, c->why);
}

/* The message names the name at fault, within the list */
static void guestinfo_key_fault_is_located(struct kunit *test)
{
	static const char list[] = "ok,a/b,c";
	struct hc_guestinfo_bad bad = {};

	KUNIT_ASSERT_EQ(test, hc_guestinfo_check_keys(list, &bad), -EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, bad.name, list + 3);
	KUNIT_EXPECT_EQ(test, bad.len, 3);
}

/* 255 characters a name and 1024 a list; one more is refused */
static void guestinfo_key_lengths(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, 1100, GFP_KERNEL);
	struct hc_guestinfo_bad bad = {};
	size_t n, pos = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 'k', 255);
	KUNIT_EXPECT_EQ(test, hc_guestinfo_check_keys(buf, &bad), 0);
	buf[255] = 'k';
	KUNIT_EXPECT_EQ(test, hc_guestinfo_check_keys(buf, &bad), -EINVAL);
	KUNIT_EXPECT_STREQ(test, bad.why, "name longer than 255 characters");

	/* "k000,k001,...,k204": 205 names of 4, 1024 characters */
	for (n = 0; n < 205; n++)
		pos += sprintf(buf + pos, "%sk%03zu", n ? "," : "", n);
	KUNIT_ASSERT_EQ(test, strlen(buf), 1024);
	KUNIT_EXPECT_EQ(test, hc_guestinfo_check_keys(buf, &bad), 0);
	strcat(buf, "x");
	KUNIT_EXPECT_EQ(test, hc_guestinfo_check_keys(buf, &bad), -EINVAL);
	KUNIT_EXPECT_STREQ(test, bad.why, "list longer than 1024 characters");
}

/*
 * The default list is exactly the keys the configuring programs read, in
 * their sources (Documentation/debugfs.rst names the lines), and passes
 * the module's own rules.
 */
static void guestinfo_default_keys(struct kunit *test)
{
	static const char *const want[] = {
		"metadata", "metadata.encoding",	/* cloud-init, Afterburn */
		"userdata", "userdata.encoding",	/* cloud-init */
		"vendordata", "vendordata.encoding",	/* cloud-init */
		"ovfenv", "ignition.config.data",	/* Ignition */
		"ignition.config.data.encoding",	/* Ignition */
		"afterburn.initrd.network-kargs",	/* Afterburn */
	};
	const char *p = HC_GUESTINFO_DEFAULT_KEYS;
	struct hc_guestinfo_bad bad = {};
	size_t i, len;

	KUNIT_EXPECT_EQ(test, hc_guestinfo_check_keys(p, &bad), 0);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		len = strchrnul(p, ',') - p;
		KUNIT_EXPECT_EQ(test, len, strlen(want[i]));
		KUNIT_EXPECT_EQ_MSG(test, strncmp(p, want[i], len), 0,
				    "key %zu: want %s", i, want[i]);
		p += len + (p[len] == ',');
	}
	KUNIT_EXPECT_STREQ(test, p, "");	/* and no more */
}

static struct kunit_case guestinfo_keys_test_cases[] = {
	KUNIT_CASE_PARAM(guestinfo_key_rules, gi_keys_gen_params),
	KUNIT_CASE(guestinfo_key_fault_is_located),
	KUNIT_CASE(guestinfo_key_lengths),
	KUNIT_CASE(guestinfo_default_keys),
	{}
};

static struct kunit_suite guestinfo_keys_test_suite = {
	.name = "hypercall_guestinfo_keys",
	.test_cases = guestinfo_keys_test_cases,
};

kunit_test_suite(guestinfo_keys_test_suite);

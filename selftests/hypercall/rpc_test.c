// SPDX-License-Identifier: GPL-2.0
/*
 * GuestRPC through /sys/kernel/debug/hypercall/vmware/rpc, from a script's
 * point of view.  QEMU's vmport has no GuestRPC (command 30 is unknown to
 * it), so in the QEMU profiles every command must fail fast with
 * EOPNOTSUPP; with no backdoor (bare) with ENODEV.  The protocol itself is
 * tested in KUnit against an in-guest fake VMware host.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "hc_lib.h"

#define RPC HC_DEBUGFS "/vmware/rpc"

/* Write @cmd to a fresh open of the rpc file; errno of the write, or 0. */
static int rpc_write(int fd, const char *cmd, size_t len)
{
	ssize_t n = write(fd, cmd, len);

	if (n < 0)
		return errno;
	return n == (ssize_t)len ? 0 : EIO;
}

FIXTURE(rpc) {
	int fd;
};

FIXTURE_SETUP(rpc)
{
	const char *why = hc_need_module("");

	if (why)
		SKIP(return, "%s", why);
	self->fd = open(RPC, O_RDWR);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", RPC, strerror(errno));
}

FIXTURE_TEARDOWN(rpc)
{
	close(self->fd);
}

/* The host's answer to a harmless command, from the profile. */
static int expected_transport_errno(void)
{
	const char *p = getenv("HC_PROFILE");

	if (p && !strcmp(p, "bare"))
		return ENODEV;
	return EOPNOTSUPP;	/* QEMU: the backdoor answers, no GuestRPC */
}

TEST_F(rpc, read_before_write_is_enodata)
{
	char buf[16];

	ASSERT_EQ(-1, read(self->fd, buf, sizeof(buf)));
	ASSERT_EQ(ENODATA, errno);
}

TEST_F(rpc, info_get_fails_fast_without_guestrpc)
{
	const char *p = getenv("HC_PROFILE");
	struct timespec t0, t1;
	char buf[16];
	double secs;

	if (!p)
		SKIP(return, "HC_PROFILE not set: no expectation");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ASSERT_EQ(expected_transport_errno(),
		  rpc_write(self->fd, "info-get guestinfo.foo\n", 23));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	EXPECT_GT(0.5, secs) TH_LOG("took %.3f s", secs);
	/* a failed command leaves nothing to read */
	ASSERT_EQ(-1, read(self->fd, buf, sizeof(buf)));
	ASSERT_EQ(ENODATA, errno);
}

TEST_F(rpc, safe_commands_pass_the_policy)
{
	const char *p = getenv("HC_PROFILE");

	if (!p)
		SKIP(return, "HC_PROFILE not set: no expectation");
	/* they reach the transport, which then fails as in the profile */
	EXPECT_EQ(expected_transport_errno(),
		  rpc_write(self->fd, "log hello from the selftest", 27));
	EXPECT_EQ(expected_transport_errno(),
		  rpc_write(self->fd, "info-set guestinfo.x 1", 22));
	EXPECT_EQ(expected_transport_errno(), rpc_write(self->fd, "info-get", 8));
}

/* Without a backdoor ENODEV comes first, as for the call files. */
TEST_F(rpc, other_commands_need_unsafe)
{
	int want = expected_transport_errno() == ENODEV ? ENODEV : EPERM;

	if (hc_param_bool("unsafe"))
		SKIP(return, "unsafe=1 is set");
	EXPECT_EQ(want, rpc_write(self->fd, "tools.set.version 1", 19));
	EXPECT_EQ(want, rpc_write(self->fd, "info-set machine.id x", 21));
	EXPECT_EQ(want, rpc_write(self->fd, "info-getx", 9));
	EXPECT_EQ(want, rpc_write(self->fd, "logx", 4));
	EXPECT_EQ(want, rpc_write(self->fd, " log x", 6));
}

TEST_F(rpc, bad_input_is_einval)
{
	static char big[4097];

	memset(big, 'a', sizeof(big));
	EXPECT_EQ(EINVAL, rpc_write(self->fd, big, sizeof(big)));
	EXPECT_EQ(EINVAL, rpc_write(self->fd, "log a\0b", 7));
	EXPECT_EQ(EINVAL, rpc_write(self->fd, "\n", 1));
}

/*
 * The limit is 4096 bytes, the trailing newline counted: 4095 bytes and a
 * newline, or 4096 without one, reach the transport; 4096 and a newline
 * do not.
 */
TEST_F(rpc, limit_counts_the_newline)
{
	static char cmd[4097];

	if (!getenv("HC_PROFILE"))
		SKIP(return, "HC_PROFILE not set: no expectation");
	memcpy(cmd, "log ", 4);
	memset(cmd + 4, 'a', sizeof(cmd) - 4);
	cmd[4095] = '\n';
	EXPECT_EQ(expected_transport_errno(), rpc_write(self->fd, cmd, 4096));
	cmd[4095] = 'a';
	EXPECT_EQ(expected_transport_errno(), rpc_write(self->fd, cmd, 4096));
	cmd[4096] = '\n';
	EXPECT_EQ(EINVAL, rpc_write(self->fd, cmd, 4097));
}

TEST(rpc_is_root_only_0600)
{
	const char *why = hc_need_module("");

	if (why)
		SKIP(return, "%s", why);
	EXPECT_EQ(0600, hc_file_mode(RPC));
}

/* hcall rpc: exit status and message like vmware-rpctool's */
TEST(hcall_rpc_reports_the_failure)
{
	const char *why = hc_need_module("");
	const char *p = getenv("HC_PROFILE");
	int status;

	if (why)
		SKIP(return, "%s", why);
	if (!p)
		SKIP(return, "HC_PROFILE not set: no expectation");
	if (access("/usr/bin/hcall", X_OK))
		SKIP(return, "no /usr/bin/hcall");
	status = system("hcall rpc info-get guestinfo.foo 2>/tmp/hcall.err");
	ASSERT_TRUE(WIFEXITED(status));
	/* 3: no backdoor at all; 1: the command did not get through */
	EXPECT_EQ(strcmp(p, "bare") ? 1 : 3, WEXITSTATUS(status));
	status = system(strcmp(p, "bare") ?
			"grep -q 'no GuestRPC' /tmp/hcall.err" :
			"grep -q 'no VMware backdoor' /tmp/hcall.err");
	EXPECT_EQ(0, status) TH_LOG("hcall said something else");
}

TEST_HARNESS_MAIN

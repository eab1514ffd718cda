// SPDX-License-Identifier: GPL-2.0
/*
 * The VMware "call" file, /sys/kernel/debug/hypercall/vmware/call: what a
 * script writes, what it reads back, and every error it can get.
 *
 * The expected answers are QEMU's vmport device (hw/i386/vmport.c), which
 * answers the backdoor in the vmware, tcg and kvm profiles of the test
 * harness (HC_PROFILE); bare has no backdoor.  Without HC_PROFILE the tests
 * that need a known backdoor skip.  HC_MEM_MIB is the guest's -m and HC_UUID
 * its -uuid, where the harness set them.
 *
 * Each test loads hypercall.ko from HC_MODULE_DIR afresh and unloads it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "hc_lib.h"

#define HC_CALL		HC_DEBUGFS "/vmware/call"
#define HC_RPC		HC_DEBUGFS "/vmware/rpc"
#define HC_UNSAFE	HC_PARAMS "/unsafe"

/*
 * answer_to() - the line the call file answers for these registers; the
 * expected values are written out by hand at each use.
 */
static const char *answer_to(char *buf, size_t size, unsigned int eax,
			     unsigned int ebx, unsigned int ecx,
			     unsigned int edx, unsigned int esi,
			     unsigned int edi)
{
	snprintf(buf, size,
		 "eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x esi=0x%08x edi=0x%08x\n",
		 eax, ebx, ecx, edx, esi, edi);
	return buf;
}

/* answer_to() in one of a few static buffers: enough for one expression */
static const char *answer(unsigned int eax, unsigned int ebx,
			  unsigned int ecx, unsigned int edx, unsigned int esi,
			  unsigned int edi)
{
	static char bufs[4][128];
	static unsigned int next;
	char *buf = bufs[next++ % 4];

	return answer_to(buf, sizeof(bufs[0]), eax, ebx, ecx, edx, esi, edi);
}

static unsigned int le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned int)p[3] << 24;
}

FIXTURE(call) {
	int fd;
};

/* (Re)load the module with @params and open the call file. */
static int reopen(FIXTURE_DATA(call) *self, const char *params)
{
	int ret;

	if (self->fd >= 0)
		close(self->fd);
	self->fd = -1;
	ret = hc_load(params);
	if (ret)
		return ret;
	self->fd = open(HC_CALL, O_RDWR | O_CLOEXEC);
	return self->fd < 0 ? -errno : 0;
}

FIXTURE_SETUP(call)
{
	char path[512];
	int ret;

	self->fd = -1;
	if (geteuid())
		SKIP(return, "needs root");
	hc_module_path("hypercall", path, sizeof(path));
	if (access(path, R_OK))
		SKIP(return, "no %s", path);
	ret = reopen(self, "");
	ASSERT_EQ(0, ret) TH_LOG("loading the module, opening %s: %s",
				 HC_CALL, strerror(-ret));
}

FIXTURE_TEARDOWN(call)
{
	if (self->fd >= 0)
		close(self->fd);
	hc_unload();
}

TEST_F(call, read_before_write_is_enodata)
{
	char buf[256];

	EXPECT_EQ(-ENODATA, hc_read(self->fd, buf, sizeof(buf)));
}

/* Each bad line gets EINVAL and changes nothing: a read still has nothing. */
TEST_F(call, malformed_input_is_einval)
{
	static const char *const bad[] = {
		"\n", " \t\n", "bogus\n", "getversionx\n", "get version\n",
		"10 1 2 3 4 5\n", "10 0x100000000\n", "4294967296\n",
		"-1\n", "+1\n", "0x\n", "10 0xg\n", "10 1a\n", "10\r\n",
		"10\x01\n", "10\n\n", "10\n1\n", "\xff\n",
	};
	char line[300], buf[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, hc_puts(self->fd, bad[i]))
			TH_LOG("input %zu was accepted", i);
	/* a NUL inside the line */
	EXPECT_EQ(-EINVAL, hc_write(self->fd, "10\0 1\n", 6));
	/* 257 bytes: one more than a line may have */
	memset(line, ' ', 257);
	memcpy(line, "getversion", 10);
	line[256] = '\n';
	EXPECT_EQ(-EINVAL, hc_write(self->fd, line, 257));
	EXPECT_EQ(-ENODATA, hc_read(self->fd, buf, sizeof(buf)));

	/* 256 bytes is fine: it runs (and without a backdoor, ENODEV) */
	line[255] = '\n';
	if (hc_profile() == HC_P_BARE) {
		EXPECT_EQ(-ENODEV, hc_write(self->fd, line, 256));
	} else if (hc_has_backdoor()) {
		ASSERT_EQ(0, hc_write(self->fd, line, 256));
		ASSERT_LT(0, hc_read(self->fd, buf, sizeof(buf)));
		EXPECT_STREQ(HC_GETVERSION_QEMU, buf);
	}
}

TEST_F(call, getversion)
{
	static const char *const spellings[] = {
		"getversion\n", "getversion", "10\n", "0xa\n", "0XA\n",
		"0x0000000A\n", "0X0a\n", "GETVERSION\n", "GetVersion\n",
		" \tgetversion \t\n", "10 0 0 0 0\n",
		"010\n",			/* decimal: no octal */
		"10  0 \t\t0\t 0   0 \t\n",	/* runs of blanks and tabs */
	};
	char buf[256];
	size_t i;

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor (HC_PROFILE vmware, tcg, kvm)");
	for (i = 0; i < ARRAY_SIZE(spellings); i++) {
		ASSERT_EQ(0, hc_call(self->fd, spellings[i], buf, sizeof(buf)))
			TH_LOG("spelling %zu", i);
		EXPECT_STREQ(HC_GETVERSION_QEMU, buf) TH_LOG("spelling %zu", i);
	}
}

/* QEMU: EAX = RAM size in bytes, EBX = 0x1177 */
TEST_F(call, getramsize_is_qemu_m)
{
	const char *mem = getenv("HC_MEM_MIB");
	const char *want;
	char buf[256];

	if (!hc_has_backdoor() || !mem || !*mem)
		SKIP(return, "needs QEMU's backdoor and HC_MEM_MIB");
	want = answer(strtoul(mem, NULL, 10) << 20, 0x1177, 20, 0x5658, 0, 0);
	ASSERT_EQ(0, hc_call(self->fd, "getramsize\n", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
	ASSERT_EQ(0, hc_call(self->fd, "20\n", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
}

/*
 * QEMU: EAX..EDX are the 16 bytes of -uuid as four little-endian dwords
 * (vmport_cmd_get_bios_uuid()).  The bytes come from HC_UUID's hex digits;
 * without -uuid QEMU's UUID is all zeros.
 */
TEST_F(call, getbiosuuid_is_qemu_uuid)
{
	const char *uuid = getenv("HC_UUID");
	unsigned char b[16];
	unsigned int i, n = 0;
	const char *want;
	char buf[256];

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	/* QEMU without -uuid: all zeros */
	if (!uuid || !*uuid)
		uuid = "00000000-0000-0000-0000-000000000000";
	for (i = 0; uuid[i] && n < 32; i++) {
		char c = uuid[i];
		int v;

		if (c == '-')
			continue;
		v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
		if (n % 2)
			b[n / 2] |= v;
		else
			b[n / 2] = v << 4;
		n++;
	}
	ASSERT_EQ(32U, n) TH_LOG("HC_UUID '%s'", uuid);
	want = answer(le32(b), le32(b + 4), le32(b + 8), le32(b + 12), 0, 0);
	ASSERT_EQ(0, hc_call(self->fd, "getbiosuuid\n", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
	ASSERT_EQ(0, hc_call(self->fd, "19\n", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
}

/*
 * A command QEMU does not implement (GETMHZ, 1, is one): EAX = 0xffffffff,
 * the other registers as they went in, the port in DX's low half.
 */
TEST_F(call, unimplemented_command_changes_only_eax)
{
	char buf[256];

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	ASSERT_EQ(0, hc_call(self->fd,
			     "getmhz 0x11111111 0x22220000 0x33333333 0x44444444\n",
			     buf, sizeof(buf)));
	EXPECT_STREQ(answer(0xffffffff, 0x11111111, 1, 0x22225658, 0x33333333,
			    0x44444444), buf);
	/* the port replaces whatever was in DX's low half */
	ASSERT_EQ(0, hc_call(self->fd, "1 7 0xabcdffff\n", buf, sizeof(buf)));
	EXPECT_STREQ(answer(0xffffffff, 7, 1, 0xabcd5658, 0, 0), buf);
}

/*
 * A write that fails leaves the last answer, and the read position, as they
 * were: the answer to the last good command is still there to read.
 */
TEST_F(call, failed_write_keeps_the_answer)
{
	char buf[256];

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	ASSERT_EQ(0, hc_puts(self->fd, "getversion\n"));
	EXPECT_EQ(-EINVAL, hc_puts(self->fd, "bogus\n"));
	EXPECT_EQ(-EPERM, hc_puts(self->fd, "stealclock\n"));
	EXPECT_EQ(-EPERM, hc_puts(self->fd, "setptrlocation 0\n"));
	ASSERT_LT(0, hc_read(self->fd, buf, sizeof(buf)));
	EXPECT_STREQ(HC_GETVERSION_QEMU, buf);
	/* read to the end: the answer is read once per write */
	EXPECT_EQ(0, hc_read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, hc_puts(self->fd, "bogus\n"));
	EXPECT_EQ(0, hc_read(self->fd, buf, sizeof(buf)));
}

/*
 * writev() hands each buffer to the file as a write of its own (debugfs
 * files have no write_iter): each buffer is one command, and a command
 * split over two buffers is two (malformed) ones.  It stops at the first
 * buffer that fails: the bytes before it, or its error if it was first.
 */
TEST_F(call, writev_is_one_command_per_buffer)
{
	struct iovec two[2] = {
		{ .iov_base = "getversion\n", .iov_len = 11 },
		{ .iov_base = "getmhz 7\n", .iov_len = 9 },
	};
	struct iovec split[2] = {
		{ .iov_base = "getver", .iov_len = 6 },
		{ .iov_base = "sion\n", .iov_len = 5 },
	};
	struct iovec bad_second[2] = {
		{ .iov_base = "getversion\n", .iov_len = 11 },
		{ .iov_base = "bogus\n", .iov_len = 6 },
	};
	char buf[256];

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	/* both run; the answer is the second's */
	ASSERT_EQ(20, writev(self->fd, two, 2));
	ASSERT_LT(0, hc_read(self->fd, buf, sizeof(buf)));
	EXPECT_STREQ(answer(0xffffffff, 7, 1, 0x5658, 0, 0), buf);
	/* "getver" alone is malformed: EINVAL, nothing runs */
	EXPECT_EQ(-1, writev(self->fd, split, 2));
	EXPECT_EQ(EINVAL, errno);
	/* the first runs, the second fails: 11 bytes, the first's answer */
	ASSERT_EQ(11, writev(self->fd, bad_second, 2));
	ASSERT_LT(0, hc_read(self->fd, buf, sizeof(buf)));
	EXPECT_STREQ(HC_GETVERSION_QEMU, buf);
}

TEST_F(call, answers_belong_to_the_open_file)
{
	char buf[256];
	int fd2, fd3;

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	fd2 = open(HC_CALL, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd2);
	fd3 = open(HC_CALL, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd3);
	ASSERT_EQ(0, hc_puts(self->fd, "getversion\n"));
	ASSERT_EQ(0, hc_puts(fd2, "getmhz 7\n"));
	ASSERT_LT(0, hc_read(self->fd, buf, sizeof(buf)));
	EXPECT_STREQ(HC_GETVERSION_QEMU, buf);
	ASSERT_LT(0, hc_read(fd2, buf, sizeof(buf)));
	EXPECT_STREQ(answer(0xffffffff, 7, 1, 0x5658, 0, 0), buf);
	EXPECT_EQ(-ENODATA, hc_read(fd3, buf, sizeof(buf)));
	close(fd3);
	close(fd2);
}

/*
 * Unsafe commands: EPERM by default.  GETPTRLOCATION-like reads are safe;
 * SETPTRLOCATION (5) and numbers without a name are not.
 */
TEST_F(call, unsafe_commands_are_eperm_by_default)
{
	static const char *const unsafe[] = {
		"setptrlocation 0\n", "5\n", "message\n", "0x7e\n",
		"0x10061\n",		/* PRECISIONCLOCK 1: SETTIME */
		"nesting_control\n",	/* op 0: RESTRICT_BACKDOOR */
	};
	unsigned long before = hc_tainted();
	char buf[256];
	size_t i;

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor (else ENODEV comes first)");
	for (i = 0; i < ARRAY_SIZE(unsafe); i++)
		EXPECT_EQ(-EPERM, hc_puts(self->fd, unsafe[i]))
			TH_LOG("unsafe command %zu", i);
	EXPECT_EQ(-ENODATA, hc_read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(before & TAINT_USER, hc_tainted() & TAINT_USER);
}

/* Safe commands never taint; this runs before any test that taints. */
TEST_F(call, safe_commands_do_not_taint)
{
	char buf[256];

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	if (hc_tainted() & TAINT_USER)
		SKIP(return, "the kernel is already tainted 'U'");
	ASSERT_EQ(0, hc_call(self->fd, "getversion\n", buf, sizeof(buf)));
	ASSERT_EQ(0, hc_call(self->fd, "getmhz\n", buf, sizeof(buf)));
	/* NESTING_CONTROL op 2 (QUERY) and PRECISIONCLOCK 0 (GETTIME) */
	ASSERT_EQ(0, hc_call(self->fd, "0x2003f\n", buf, sizeof(buf)));
	ASSERT_EQ(0, hc_call(self->fd, "precisionclock\n", buf, sizeof(buf)));
	EXPECT_EQ(0UL, hc_tainted() & TAINT_USER);
}

/*
 * No backdoor (vmware_mode=none) and unsafe=1: an unsafe command fails with
 * ENODEV before the policy is asked, on vmware/rpc as on vmware/call, so
 * nothing runs and nothing taints.  This runs before any test that taints.
 */
TEST_F(call, no_backdoor_is_enodev_before_the_policy)
{
	int rpc;

	if (hc_tainted() & TAINT_USER)
		SKIP(return, "the kernel is already tainted 'U'");
	ASSERT_EQ(0, reopen(self, "vmware_mode=none unsafe=1"));
	rpc = open(HC_RPC, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, rpc) TH_LOG("open %s: %s", HC_RPC, strerror(errno));
	/* unsafe GuestRPC commands: anything but info-get, info-set, log */
	EXPECT_EQ(-ENODEV, hc_puts(rpc, "tools.set.version 1\n"));
	EXPECT_EQ(-ENODEV, hc_puts(rpc, "machine.id.get"));
	close(rpc);
	EXPECT_EQ(-ENODEV, hc_puts(self->fd, "0x7e\n"));
	EXPECT_EQ(0UL, hc_tainted() & TAINT_USER);
}

/*
 * Never, not even with unsafe=1 (Documentation/vmware.rst, "Safety"): the
 * commands open-vm-tools' backdoor_def.h marks "CPL 0 only", the retired
 * ones of the virtual BIOS, those that hand the host a guest-physical
 * address, and the development-only ones.  The numbers are written out
 * here from backdoor_def.h, not taken from the module's table.
 */
static const unsigned int forbidden_numbers[] = {
	2, 16, 18, 21, 25, 26, 27, 28, 29, 37, 38, 43, 44, 48, 49, 50, 54,
	56, 57, 58, 60, 62, 64, 65, 66, 69, 70, 71, 73, 74, 75, 76, 77, 78,
	79, 80, 81, 82, 83, 84, 85, 87, 88, 90, 91, 92, 93, 94, 96, 98, 103,
};

TEST_F(call, forbidden_commands_are_eperm_even_with_unsafe)
{
	static const char *const forbidden[] = {
		"stealclock 0 0 0 1\n", "0x5b\n", "0x1005b\n",
		"0x15b\n",	/* QEMU reads bits 7:0: 0x5b */
		"0x7f5b\n", "mapmem\n", "copy_physmem\n", "mks_guest_stats\n",
		"guest_page_hints\n", "fuzzer_helper\n", "mkstest\n",
		/* firmware-time: option ROMs, SMBIOS and ACPI tables */
		"initpcioprom\n", "patch_smbios_structs\n",
		"PATCH_ACPI_TABLES\n", "0x1c 0x100000\n", "0x12b\n",
	};
	unsigned long before = hc_tainted();
	char cmd[32];
	size_t i;

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor (else ENODEV comes first)");
	ASSERT_EQ(0, hc_write_file(HC_UNSAFE, "1\n"));
	for (i = 0; i < ARRAY_SIZE(forbidden_numbers); i++) {
		snprintf(cmd, sizeof(cmd), "%u\n", forbidden_numbers[i]);
		EXPECT_EQ(-EPERM, hc_puts(self->fd, cmd))
			TH_LOG("forbidden command %u", forbidden_numbers[i]);
	}
	for (i = 0; i < ARRAY_SIZE(forbidden); i++)
		EXPECT_EQ(-EPERM, hc_puts(self->fd, forbidden[i]))
			TH_LOG("forbidden command %zu", i);
	EXPECT_EQ(before & TAINT_USER, hc_tainted() & TAINT_USER);
}

/*
 * With unsafe=1 a command outside the table runs (QEMU does not know 0x7e
 * either: only EAX changes) and the kernel is tainted 'U'.
 */
TEST_F(call, unsafe_command_runs_with_unsafe_and_taints)
{
	char buf[256];

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	ASSERT_EQ(0, hc_write_file(HC_UNSAFE, "1\n"));
	ASSERT_EQ(0, hc_call(self->fd, "0x7e 0x11111111 0 0x33333333\n", buf,
			     sizeof(buf)));
	EXPECT_STREQ(answer(0xffffffff, 0x11111111, 0x7e, 0x5658, 0x33333333, 0),
		     buf);
	EXPECT_EQ(TAINT_USER, hc_tainted() & TAINT_USER);
	/* and unsafe=0 closes the door again */
	ASSERT_EQ(0, hc_write_file(HC_UNSAFE, "0\n"));
	EXPECT_EQ(-EPERM, hc_puts(self->fd, "0x7e\n"));
}

#define PAR_PROCS	4
#define PAR_CALLS	1000

/* One of the parallel processes: its own file, its own inputs. */
static int par_worker(unsigned int p)
{
	char cmd[128], want[128], buf[256];
	unsigned int i, in3, in4, in5;
	int fd = open(HC_CALL, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return 1;
	for (i = 0; i < PAR_CALLS; i++) {
		in3 = (p + 1) << 16;
		in4 = 0x10000 * (p + 1) + i;
		in5 = ~in4;
		snprintf(cmd, sizeof(cmd), "getversion 0 0x%x 0x%x 0x%x\n",
			 in3, in4, in5);
		answer_to(want, sizeof(want), 6, HC_MAGIC, 2, in3 | 0x5658, in4,
			  in5);
		if (hc_call(fd, cmd, buf, sizeof(buf)) || strcmp(buf, want)) {
			fprintf(stderr, "# process %u call %u: sent '%.*s', got '%.*s'\n",
				p, i, (int)strlen(cmd) - 1, cmd,
				(int)strcspn(buf, "\n"), buf);
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}

/* 4 processes x 1000 calls at once: each sees its own answers only. */
TEST_F_TIMEOUT(call, parallel_processes_see_their_own_answers, 600)
{
	pid_t pids[PAR_PROCS];
	int go[2], status, failed = 0;
	unsigned int p;
	char c;

	if (!hc_has_backdoor())
		SKIP(return, "needs QEMU's backdoor");
	ASSERT_EQ(0, pipe(go));
	for (p = 0; p < PAR_PROCS; p++) {
		pids[p] = fork();
		ASSERT_LE(0, pids[p]);
		if (!pids[p]) {
			close(go[1]);
			/* start together: when the parent closes the pipe */
			while (read(go[0], &c, 1) > 0)
				;
			_exit(par_worker(p));
		}
	}
	close(go[0]);
	close(go[1]);
	for (p = 0; p < PAR_PROCS; p++) {
		ASSERT_EQ(pids[p], waitpid(pids[p], &status, 0));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	EXPECT_EQ(0, failed);
}

/*
 * The open call file holds a reference on the module: delete_module()
 * fails with EWOULDBLOCK (EAGAIN; kmod's rmmod says "in use") and the file
 * keeps working; once it is closed the module goes.
 */
TEST_F(call, open_file_blocks_unload)
{
	char buf[256];

	EXPECT_EQ(-EWOULDBLOCK, hc_rmmod("hypercall"));
	EXPECT_EQ(0, access("/sys/module/hypercall", F_OK));
	if (hc_has_backdoor()) {
		ASSERT_EQ(0, hc_call(self->fd, "getversion\n", buf,
				     sizeof(buf)));
		EXPECT_STREQ(HC_GETVERSION_QEMU, buf);
	}
	close(self->fd);
	self->fd = -1;
	EXPECT_EQ(0, hc_rmmod("hypercall"));
	EXPECT_EQ(-1, access(HC_CALL, F_OK));
}

TEST_F(call, no_backdoor_is_enodev)
{
	unsigned long before = hc_tainted();

	if (hc_profile() != HC_P_BARE)
		SKIP(return, "only where there is no backdoor (HC_PROFILE bare)");
	EXPECT_EQ(-ENODEV, hc_puts(self->fd, "getversion\n"));
	ASSERT_EQ(0, hc_write_file(HC_UNSAFE, "1\n"));
	/* nothing runs, so nothing taints */
	EXPECT_EQ(-ENODEV, hc_puts(self->fd, "0x7e\n"));
	EXPECT_EQ(before & TAINT_USER, hc_tainted() & TAINT_USER);
}

/*
 * Under TCG vmcall and vmmcall raise #UD: forced on, the call fails with
 * EIO, the fault is counted in info, and nothing else happens.
 */
TEST_F(call, wrong_transport_is_eio)
{
	static const char *const modes[] = { "vmware_mode=vmcall",
					     "vmware_mode=vmmcall" };
	enum hc_profile p = hc_profile();
	char buf[256];
	long faults;
	size_t i;

	if (p != HC_P_VMWARE && p != HC_P_TCG && p != HC_P_BARE)
		SKIP(return, "only under TCG (HC_PROFILE vmware, tcg, bare)");
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, reopen(self, modes[i])) TH_LOG("%s", modes[i]);
		faults = hc_info_num("vmware_faults");
		ASSERT_LE(0, faults);
		EXPECT_EQ(-EIO, hc_puts(self->fd, "getversion\n"));
		EXPECT_EQ(-EIO, hc_puts(self->fd, "getmhz\n"));
		EXPECT_EQ(faults + 2, hc_info_num("vmware_faults"));
		EXPECT_EQ(-ENODATA, hc_read(self->fd, buf, sizeof(buf)));
	}
}

/*
 * In the kvm profile: forced vmmcall reaches real KVM, which does not know
 * the VMware magic as a hypercall number and answers -KVM_ENOSYS (-1000) in
 * RAX, leaving the rest alone; the default (I/O port) reaches QEMU.
 */
TEST_F(call, vmmcall_reaches_kvm)
{
	char buf[256];

	if (hc_profile() != HC_P_KVM)
		SKIP(return, "only under real KVM (HC_PROFILE kvm)");
	ASSERT_EQ(0, reopen(self, "vmware_mode=vmmcall"));
	ASSERT_EQ(0, hc_call(self->fd, "getversion\n", buf, sizeof(buf)));
	EXPECT_STREQ(answer(0xfffffc18, 0, 10, 0, 0, 0), buf);
	ASSERT_EQ(0, reopen(self, ""));
	ASSERT_EQ(0, hc_call(self->fd, "getversion\n", buf, sizeof(buf)));
	EXPECT_STREQ(HC_GETVERSION_QEMU, buf);
}

TEST_HARNESS_MAIN

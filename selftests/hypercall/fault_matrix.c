// SPDX-License-Identifier: GPL-2.0
/*
 * The fault matrix: every vmware_mode (auto none ioport vmcall vmmcall tdx)
 * with every kvm_mode (auto none vmcall vmmcall tdx), in the profile this
 * guest is (HC_PROFILE: vmware, kvm, tcg, bare).  In each cell the module
 * is loaded with both modes forced, and then:
 *
 *  - the load fails with the kernel log line naming the bad parameter
 *    (tdx: none of these guests is a TDX guest), or it succeeds and info
 *    shows the modes;
 *  - every call answers a value or an error, never an Oops: vmware/call,
 *    the named VMware files, vmware/rpc, kvm/call, kvm/clock_pairing, and
 *    the sample consumer module through both APIs (its call sites are
 *    patched by the module loader to the forced transport);
 *  - info's vmware_faults and kvm_faults count exactly the calls that ran
 *    a wrong instruction, and nothing else.
 *
 * What a transport does in each profile (expected values written from
 * QEMU's hw/i386/vmport.c, KVM's kvm_emulate_hypercall(), and the CPU):
 *
 *   transport  vmware, tcg         kvm (AMD, nested)        bare
 *   ioport     QEMU answers        QEMU answers             no device: EAX
 *                                                           reads all ones
 *   vmcall     #UD: fault          #UD, KVM tries to patch  #UD: fault
 *                                  read-only text: #PF:
 *                                  fault
 *   vmmcall    #UD: fault          a KVM hypercall: the     #UD: fault
 *                                  VMware magic is no KVM
 *                                  number, RAX = -1000
 *   none       ENODEV              ENODEV                   ENODEV
 *
 * A fault is counted once per call, and the call fails with EIO (debugfs)
 * or returns HC_VMW_ERROR (the API, outputs untouched).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kselftest.h"
#include "hc_lib.h"

#define SAMPLE_DIR	"/sys/module/hypercall_sample/parameters"

#define SYSLOG_READ_ALL	3
#define SYSLOG_CLEAR	5

static const char *const vmware_modes[] = {
	"auto", "none", "ioport", "vmcall", "vmmcall", "tdx",
};

static const char *const kvm_modes[] = {
	"auto", "none", "vmcall", "vmmcall", "tdx",
};

/* What a VMware call through a transport does in this profile. */
enum vmw_outcome {
	V_NONE,		/* no transport: ENODEV */
	V_QEMU,		/* QEMU's vmport answers */
	V_NOPORT,	/* the I/O port without a device: EAX all ones */
	V_KVM_ENOSYS,	/* vmmcall into KVM: RAX = -KVM_ENOSYS */
	V_FAULT,	/* the instruction faults */
};

enum kvm_outcome {
	K_NONE,		/* ENODEV */
	K_KVM,		/* real KVM answers */
	K_FAULT,
};

enum profile { P_VMWARE, P_KVM, P_TCG, P_BARE };

static enum profile prof;
static char failure[512];

static __printf(1, 2) bool fail(const char *fmt, ...)
{
	va_list ap;

	if (!*failure) {
		va_start(ap, fmt);
		vsnprintf(failure, sizeof(failure), fmt, ap);
		va_end(ap);
	}
	return false;
}

static const char *auto_vmware(void)
{
	return prof == P_BARE ? "none" : "ioport";
}

static const char *auto_kvm(void)
{
	return prof == P_KVM ? "vmmcall" : "none";
}

static enum vmw_outcome vmw_outcome(const char *mode)
{
	if (!strcmp(mode, "none"))
		return V_NONE;
	if (!strcmp(mode, "ioport"))
		return prof == P_BARE ? V_NOPORT : V_QEMU;
	if (!strcmp(mode, "vmmcall") && prof == P_KVM)
		return V_KVM_ENOSYS;
	return V_FAULT;		/* vmcall anywhere, vmmcall under TCG */
}

static enum kvm_outcome kvm_outcome(const char *mode)
{
	if (!strcmp(mode, "none"))
		return K_NONE;
	if (!strcmp(mode, "vmmcall") && prof == P_KVM)
		return K_KVM;
	return K_FAULT;		/* vmcall on this AMD KVM, anything on TCG */
}

/* Write @cmd to a call file, read the answer; 0 or -errno. */
static int call(const char *file, const char *cmd, char *ans, size_t size)
{
	int fd = open(file, O_RDWR | O_CLOEXEC);
	ssize_t n;

	*ans = '\0';
	if (fd < 0)
		return -errno;
	n = write(fd, cmd, strlen(cmd));
	if (n >= 0) {
		n = read(fd, ans, size - 1);
		if (n >= 0)
			ans[n] = '\0';
	}
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

static bool info_is(const char *key, const char *want)
{
	char buf[4096], pat[128];

	if (hc_read_file(HC_DEBUGFS "/info", buf, sizeof(buf)) < 0)
		return fail("cannot read info");
	snprintf(pat, sizeof(pat), "\n%s: %s\n", key, want);
	if (!strstr(buf, pat))
		return fail("info has no '%s: %s'", key, want);
	return true;
}

/* The errno a call must fail with for an outcome, or 0 for an answer. */
static int vmw_errno(enum vmw_outcome o)
{
	return o == V_NONE ? ENODEV : o == V_FAULT ? EIO : 0;
}

static bool expect_err(const char *what, int ret, int err)
{
	if (ret == -err)
		return true;
	return fail("%s: %s, expected %s", what,
		    ret ? strerror(-ret) : "an answer", strerror(err));
}

static bool expect_text(const char *what, int ret, const char *got,
			const char *want)
{
	if (ret < 0)
		return fail("%s: %s", what, strerror(-ret));
	if (want && strcmp(got, want))
		return fail("%s: '%s', expected '%s'", what, got, want);
	return true;
}

/* Every VMware call of the module and of the consumer; false on a miss. */
static bool vmware_calls(enum vmw_outcome o, int *faults)
{
	static const char *const named[] = { "uuid", "memsize", "hz",
					     "vcpu_info" };
	static const char *const getversion[] = {
		[V_QEMU] =
			"eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 esi=0x00000000 edi=0x00000000\n",
		[V_NOPORT] =
			"eax=0xffffffff ebx=0x00000000 ecx=0x0000000a edx=0x00005658 esi=0x00000000 edi=0x00000000\n",
		[V_KVM_ENOSYS] =
			"eax=0xfffffc18 ebx=0x00000000 ecx=0x0000000a edx=0x00000000 esi=0x00000000 edi=0x00000000\n",
	};
	/* EBX goes in as ~magic; without a host it stays, ECX keeps 10 */
	static const char *const version[] = {
		[V_QEMU] =
			"version: 6\nmagic: ok\ntype: 2\nproduct: ESX\n",
		[V_NOPORT] =
			"version: 4294967295\nmagic: bad 0xa9b2a797\ntype: 10\nproduct: unknown\n",
		[V_KVM_ENOSYS] =
			"version: 4294966296\nmagic: bad 0xa9b2a797\ntype: 10\nproduct: unknown\n",
	};
	static const char *const sample[] = {
		[V_NONE] = "ret=0xffffffffffffffff ebx=0x00000000 ecx=0x00000000\n",
		[V_QEMU] = "ret=0x6 ebx=0x564d5868 ecx=0x00000002\n",
		[V_NOPORT] = "ret=0xffffffff ebx=0xa9b2a797 ecx=0x0000000a\n",
		[V_KVM_ENOSYS] = "ret=0xfffffffffffffc18 ebx=0xa9b2a797 ecx=0x0000000a\n",
		[V_FAULT] = "ret=0xffffffffffffffff ebx=0x00000000 ecx=0x00000000\n",
	};
	int err = vmw_errno(o), ret;
	char ans[512], path[256];
	unsigned int i;

	*faults = 0;
	ret = call(HC_DEBUGFS "/vmware/call", "getversion", ans, sizeof(ans));
	if (err ? !expect_err("vmware/call", ret, err) :
		  !expect_text("vmware/call", ret, ans, getversion[o]))
		return false;
	ret = hc_read_file(HC_DEBUGFS "/vmware/version", ans, sizeof(ans));
	if (err ? !expect_err("vmware/version", ret, err) :
		  !expect_text("vmware/version", ret, ans, version[o]))
		return false;
	*faults += 2;
	for (i = 0; i < ARRAY_SIZE(named); i++) {
		snprintf(path, sizeof(path), HC_DEBUGFS "/vmware/%s", named[i]);
		ret = hc_read_file(path, ans, sizeof(ans));
		if (err ? !expect_err(path, ret, err) :
			  !expect_text(path, ret, ans, NULL))
			return false;
		(*faults)++;
	}
	/* no GuestRPC in QEMU; a fault ends the channel's first call */
	ret = call(HC_DEBUGFS "/vmware/rpc", "info-get guestinfo.hc", ans,
		   sizeof(ans));
	if (!expect_err("vmware/rpc", ret, err ?: EOPNOTSUPP))
		return false;
	(*faults)++;

	ret = hc_insmod("hypercall_sample", "");
	if (ret)
		return fail("insmod hypercall_sample: %s", strerror(-ret));
	ret = hc_read_file(SAMPLE_DIR "/version", ans, sizeof(ans));
	if (!expect_text("sample version (inline)", ret, ans, sample[o]))
		return false;
	ret = hc_read_file(SAMPLE_DIR "/version_export", ans, sizeof(ans));
	if (!expect_text("sample version_export", ret, ans, sample[o]))
		return false;
	*faults += 2;
	ret = hc_rmmod("hypercall_sample");
	if (ret)
		return fail("rmmod hypercall_sample: %s", strerror(-ret));
	if (o != V_FAULT)
		*faults = 0;
	return true;
}

static bool kvm_calls(enum kvm_outcome o, int *faults)
{
	char ans[512];
	int ret;

	*faults = 0;
	ret = call(HC_DEBUGFS "/kvm/call", "1", ans, sizeof(ans));
	if (o == K_KVM ? !expect_text("kvm/call 1", ret, ans, "ret=0\n") :
			 !expect_err("kvm/call 1", ret,
				     o == K_NONE ? ENODEV : EIO))
		return false;
	ret = hc_read_file(HC_DEBUGFS "/kvm/clock_pairing", ans, sizeof(ans));
	if (o == K_KVM) {
		/* a TSC-based host clock answers; this nested one says no */
		if (ret < 0 && ret != -EOPNOTSUPP)
			return fail("kvm/clock_pairing: %s", strerror(-ret));
		if (ret >= 0 && strncmp(ans, "sec=", 4))
			return fail("kvm/clock_pairing: '%s'", ans);
	} else if (!expect_err("kvm/clock_pairing", ret,
			       o == K_NONE ? ENODEV : EIO)) {
		return false;
	}
	if (o == K_FAULT)
		*faults = 2;
	return true;
}

/* "hypercall: <mode>=tdx: <why>" in the kernel log, for a refused load. */
static bool tdx_refused(const char *param)
{
	static char log[1 << 20];
	char want[64];
	int n;

	n = klogctl(SYSLOG_READ_ALL, log, sizeof(log) - 1);
	if (n < 0)
		return fail("klogctl: %s", strerror(errno));
	log[n] = '\0';
	snprintf(want, sizeof(want), "hypercall: %s=tdx: ", param);
	if (!strstr(log, want))
		return fail("no '%s' in the kernel log", want);
	if (!strstr(log, "not a TDX guest") &&
	    !strstr(log, "hypercall support"))
		return fail("'%s' does not say why", want);
	return true;
}

static bool cell(const char *vm, const char *km)
{
	const char *vmode = strcmp(vm, "auto") ? vm : auto_vmware();
	const char *kmode = strcmp(km, "auto") ? km : auto_kvm();
	int vf, kf, ret;
	char params[128];

	*failure = '\0';
	hc_unload();
	klogctl(SYSLOG_CLEAR, NULL, 0);
	snprintf(params, sizeof(params), "vmware_mode=%s kvm_mode=%s", vm, km);
	ret = hc_insmod("hypercall", params);
	if (!strcmp(vm, "tdx") || !strcmp(km, "tdx")) {
		if (!ret)
			return fail("loaded with %s", params);
		if (ret != -EINVAL)
			return fail("load failed with %s, not EINVAL",
				    strerror(-ret));
		return tdx_refused(!strcmp(vm, "tdx") ? "vmware_mode" :
							"kvm_mode");
	}
	if (ret)
		return fail("insmod %s: %s", params, strerror(-ret));
	if (!info_is("vmware_mode", vmode) || !info_is("kvm_mode", kmode) ||
	    !info_is("vmware_faults", "0") || !info_is("kvm_faults", "0"))
		return false;
	if (!vmware_calls(vmw_outcome(vmode), &vf) ||
	    !kvm_calls(kvm_outcome(kmode), &kf))
		return false;
	if (hc_info_num("vmware_faults") != vf || hc_info_num("kvm_faults") != kf)
		return fail("faults: vmware %ld, kvm %ld; expected %d, %d",
			    hc_info_num("vmware_faults"), hc_info_num("kvm_faults"),
			    vf, kf);
	ret = hc_rmmod("hypercall");
	if (ret)
		return fail("rmmod: %s", strerror(-ret));
	return true;
}

int main(void)
{
	const char *p = getenv("HC_PROFILE");
	unsigned int v, k;

	ksft_print_header();
	if (geteuid())
		ksft_exit_skip("needs root\n");
	if (!p)
		ksft_exit_skip("HC_PROFILE is not set: the expected answers depend on it\n");
	if (!strcmp(p, "vmware"))
		prof = P_VMWARE;
	else if (!strcmp(p, "kvm"))
		prof = P_KVM;
	else if (!strcmp(p, "tcg"))
		prof = P_TCG;
	else if (!strcmp(p, "bare"))
		prof = P_BARE;
	else
		ksft_exit_skip("unknown HC_PROFILE '%s'\n", p);

	ksft_set_plan(ARRAY_SIZE(vmware_modes) * ARRAY_SIZE(kvm_modes));
	for (v = 0; v < ARRAY_SIZE(vmware_modes); v++) {
		for (k = 0; k < ARRAY_SIZE(kvm_modes); k++) {
			bool ok = cell(vmware_modes[v], kvm_modes[k]);

			if (!ok)
				ksft_print_msg("%s\n", failure);
			ksft_test_result(ok, "%s: vmware_mode=%s kvm_mode=%s\n",
					 p, vmware_modes[v], kvm_modes[k]);
		}
	}
	hc_unload();
	ksft_finished();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what the debugfs call files decide before and after a call, through
 * the functions the files themselves run.
 *
 * hc_debugfs_create_call() (debugfs.c) keeps each call file's run function
 * in the file's inode; a test looks the file up and calls that function
 * with a command, as a write() does, and with a buffer of its choice.
 *
 * - On TDX, a command outside the TDX mask fails with EINVAL before the
 *   policy is asked (the policy may taint).  The TDX transport is selected
 *   here but never runs: every command sent is one that must be refused
 *   before anything runs.
 * - An answer longer than the buffer is cut to fit, and its length is the
 *   length written: the caller copies that many bytes.  The KVM answer
 *   comes from the SIMULATED hypervisor of fake_hv.c.
 * - palacios/call answers six registers; its longest answer fits.
 */

#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/panic.h>
#include <linux/string.h>

#include "internal.h"
#include "fake_hv.h"

/* The run function of the call file /sys/kernel/debug/hypercall/@dir/call. */
static hc_call_fn call_fn(struct kunit *test, const char *dir)
{
	struct dentry *root, *sub, *call;
	hc_call_fn fn = NULL;

	root = debugfs_lookup("hypercall", NULL);
	KUNIT_ASSERT_NOT_NULL_MSG(test, root, "no debugfs directory hypercall");
	sub = debugfs_lookup(dir, root);
	call = sub ? debugfs_lookup("call", sub) : NULL;
	if (call)
		fn = (hc_call_fn)d_inode(call)->i_private;
	dput(call);
	dput(sub);
	dput(root);
	KUNIT_ASSERT_NOT_NULL_MSG(test, fn, "no %s/call", dir);
	return fn;
}

static ssize_t run(hc_call_fn fn, const char *cmd, char *out, size_t size)
{
	return fn(cmd, strlen(cmd), out, size);
}

static enum hc_mode saved_vmware, saved_kvm;
static bool saved_hb;

static void select_modes(enum hc_mode vmware, bool hb, enum hc_mode kvm)
{
	hc_state.det.mode[HC_ABI_VMWARE] = vmware;
	hc_state.det.hb[HC_ABI_VMWARE] = hb;
	hc_state.det.mode[HC_ABI_KVM] = kvm;
	hc_vmware_select(vmware, hb);
	hc_kvm_select(kvm);
}

/* Put back the transports a test selected: when it ends, however it ends. */
static void restore_modes(void *unused)
{
	select_modes(saved_vmware, saved_hb, saved_kvm);
}

static void use_modes(struct kunit *test, enum hc_mode vmware,
		      enum hc_mode kvm)
{
	saved_vmware = hc_state.det.mode[HC_ABI_VMWARE];
	saved_hb = hc_state.det.hb[HC_ABI_VMWARE];
	saved_kvm = hc_state.det.mode[HC_ABI_KVM];
	KUNIT_ASSERT_EQ(test, kunit_add_action(test, restore_modes, NULL), 0);
	select_modes(vmware, vmware == saved_vmware && saved_hb, kvm);
}

/*
 * Outside the mask 0xf007f (bits 6:0 command, 19:16 sub-command): EINVAL,
 * as hypercall_vmware_call() would answer, and before hc_allow(), which would
 * say EPERM (unsafe=0) or taint (unsafe=1).  Inside it, a forbidden
 * command still gets EPERM.
 */
static void vmware_call_tdx_mask_before_policy(struct kunit *test)
{
	hc_call_fn fn = call_fn(test, "vmware");
	bool tainted = test_taint(TAINT_USER);
	char out[HC_ANSWER_MAX];

	use_modes(test, HC_MODE_TDX, hc_state.det.mode[HC_ABI_KVM]);
	/* command 128; GETMHZ with sub-command 16; all bits */
	KUNIT_EXPECT_EQ(test, run(fn, "0x80\n", out, sizeof(out)), -EINVAL);
	KUNIT_EXPECT_EQ(test, run(fn, "0x100001\n", out, sizeof(out)), -EINVAL);
	KUNIT_EXPECT_EQ(test, run(fn, "0xffffffff 1 2 3 4\n", out, sizeof(out)),
			-EINVAL);
	/* STEALCLOCK (91 = 0x5b) is in the mask, and forbidden */
	KUNIT_EXPECT_EQ(test, run(fn, "stealclock\n", out, sizeof(out)), -EPERM);
	KUNIT_EXPECT_EQ(test, test_taint(TAINT_USER), tainted);
}

/*
 * KVM_HC_VAPIC_POLL_IRQ (1, safe) answered by the simulated KVM host with
 * RAX = FAKE_HV_KVM_AX, 8821245781960757249: "ret=8821245781960757249\n",
 * 24 bytes.  In 8 bytes: "ret=882" and its NUL, length 7.
 */
static void kvm_call_answer_is_cut_to_the_buffer(struct kunit *test)
{
	hc_call_fn fn = call_fn(test, "kvm");
	char out[HC_ANSWER_MAX];
	struct fake_hv *hv;
	ssize_t n;

	fake_hv_require(test, FAKE_HV_VMCALL);
	hv = fake_hv_arm(test, fake_hv_kvm, NULL);
	use_modes(test, hc_state.det.mode[HC_ABI_VMWARE], HC_MODE_VMCALL);

	n = run(fn, "1\n", out, sizeof(out));
	KUNIT_EXPECT_EQ(test, n, 24);
	KUNIT_EXPECT_STREQ(test, out, "ret=8821245781960757249\n");

	memset(out, 'x', sizeof(out));
	n = run(fn, "1\n", out, 8);
	KUNIT_EXPECT_EQ(test, n, 7);
	KUNIT_EXPECT_STREQ(test, out, "ret=882");
	KUNIT_EXPECT_EQ(test, out[8], 'x');
	KUNIT_EXPECT_EQ(test, hv->calls, 2U);
}

static enum hc_mode saved_palacios;

static void set_palacios(enum hc_mode mode)
{
	hc_state.det.mode[HC_ABI_PALACIOS] = mode;
	hc_palacios_select(mode);
}

static void restore_palacios(void *unused)
{
	set_palacios(saved_palacios);
}

/* Select @mode for this test; the module's comes back when it ends. */
static void use_palacios(struct kunit *test, enum hc_mode mode)
{
	saved_palacios = hc_state.det.mode[HC_ABI_PALACIOS];
	KUNIT_ASSERT_EQ(test, kunit_add_action(test, restore_palacios, NULL),
			0);
	set_palacios(mode);
}

/* A SIMULATED host that sets all six registers to all ones */
static void fake_hv_all_ones(struct fake_hv *hv, enum fake_hv_insn insn,
			     struct pt_regs *regs)
{
	regs->ax = ~0UL;
	regs->bx = ~0UL;
	regs->cx = ~0UL;
	regs->dx = ~0UL;
	regs->si = ~0UL;
	regs->di = ~0UL;
}

/*
 * palacios/call against the SIMULATED Palacios host: TEST_HCALL with four
 * arguments goes in as RBX..RSI, RDI 0, and its answer is the six
 * registers in hex.  The longest answer, all ones, is 138 bytes and comes
 * whole.  Refused lines run nothing: five arguments (EINVAL), a forbidden
 * id (EPERM: MEM_OFFSET, whose handler stops the VM), no transport
 * (ENODEV).
 */
static void palacios_call_answers_six_registers(struct kunit *test)
{
	static const char all_ones[] = {
		"rax=0xffffffffffffffff rbx=0xffffffffffffffff rcx=0xffffffffffffffff rdx=0xffffffffffffffff rsi=0xffffffffffffffff rdi=0xffffffffffffffff\n"
	};
	hc_call_fn fn = call_fn(test, "palacios");
	char out[HC_ANSWER_MAX];
	struct fake_hv *hv;
	ssize_t n;

	fake_hv_require(test, FAKE_HV_VMMCALL);
	use_palacios(test, HC_MODE_VMMCALL);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);

	n = run(fn, "1 2 3 4 0x5\n", out, sizeof(out));
	KUNIT_EXPECT_STREQ(test, out,
			   "rax=0x1 rbx=0x1111 rcx=0x2222 rdx=0x3333 rsi=0x4444 rdi=0x5555\n");
	KUNIT_EXPECT_EQ(test, n, 63);
	KUNIT_ASSERT_EQ(test, hv->calls, 1U);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn),
			   "vmmcall");
	KUNIT_EXPECT_EQ(test, hv->log[0].before.ax, 1);
	KUNIT_EXPECT_EQ(test, hv->log[0].before.bx, 2);
	KUNIT_EXPECT_EQ(test, hv->log[0].before.cx, 3);
	KUNIT_EXPECT_EQ(test, hv->log[0].before.dx, 4);
	KUNIT_EXPECT_EQ(test, hv->log[0].before.si, 5);
	KUNIT_EXPECT_EQ(test, hv->log[0].before.di, 0);

	KUNIT_EXPECT_EQ(test, run(fn, "1 2 3 4 5 6\n", out, sizeof(out)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, run(fn, "0x1000\n", out, sizeof(out)), -EPERM);
	KUNIT_EXPECT_EQ(test, hv->calls, 1U);

	fake_hv_disarm();
	hv = fake_hv_arm(test, fake_hv_all_ones, NULL);
	n = run(fn, "0xd000\n", out, sizeof(out));
	KUNIT_EXPECT_EQ(test, n, 138);
	KUNIT_EXPECT_STREQ(test, out, all_ones);

	set_palacios(HC_MODE_NONE);
	KUNIT_EXPECT_EQ(test, run(fn, "1\n", out, sizeof(out)), -ENODEV);
	KUNIT_EXPECT_EQ(test, hv->calls, 1U);
}

/*
 * The policy of palacios/call, from Palacios's handlers: the read-only ids
 * run with any arguments (they reach the SIMULATED host), the forbidden
 * ones never run and taint nothing, whatever unsafe says.
 */
static void palacios_call_policy(struct kunit *test)
{
	/* TEST_HCALL, BALLOON_QUERY, TIME_CPUFREQ, TIME_RDHTSC */
	static const char *const safe[] = { "1", "0xba01", "0xd000", "0xd001" };
	/* SYMCALL_RET, _ERR, SYMMOD_SYMS, MEM_OFFSET, OS_DEBUG, VNET, HVM */
	static const char *const forbidden[] = {
		"0x535", "0x536", "0x600", "0x1000", "0xc0c0", "0xe000", "0xf00d",
	};
	hc_call_fn fn = call_fn(test, "palacios");
	bool tainted = test_taint(TAINT_USER);
	char out[HC_ANSWER_MAX], line[64];
	struct fake_hv *hv;
	unsigned int i;

	fake_hv_require(test, FAKE_HV_VMCALL);
	use_palacios(test, HC_MODE_VMCALL);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);
	for (i = 0; i < ARRAY_SIZE(safe); i++) {
		snprintf(line, sizeof(line), "%s 0xffffffffffffffff 1 2 3\n",
			 safe[i]);
		KUNIT_EXPECT_GT_MSG(test, run(fn, line, out, sizeof(out)), 0,
				    "%s", line);
		KUNIT_EXPECT_EQ_MSG(test, hv->calls, i + 1, "%s", line);
	}
	for (i = 0; i < ARRAY_SIZE(forbidden); i++) {
		snprintf(line, sizeof(line), "%s\n", forbidden[i]);
		KUNIT_EXPECT_EQ_MSG(test, run(fn, line, out, sizeof(out)),
				    -EPERM, "%s", line);
	}
	KUNIT_EXPECT_EQ(test, hv->calls, ARRAY_SIZE(safe));
	KUNIT_EXPECT_EQ(test, test_taint(TAINT_USER), tainted);
}

static struct kunit_case debugfs_test_cases[] = {
	KUNIT_CASE(vmware_call_tdx_mask_before_policy),
	KUNIT_CASE(kvm_call_answer_is_cut_to_the_buffer),
	KUNIT_CASE(palacios_call_answers_six_registers),
	KUNIT_CASE(palacios_call_policy),
	{}
};

static struct kunit_suite debugfs_test_suite = {
	.name = "hypercall_debugfs_call_files",
	.suite_init = fake_hv_register,
	.suite_exit = fake_hv_unregister,
	.test_cases = debugfs_test_cases,
};

kunit_test_suite(debugfs_test_suite);

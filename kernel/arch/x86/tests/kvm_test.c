// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: register mapping of every KVM hypercall wrapper, on vmcall,
 * vmmcall and TDX, running the production code against the SIMULATED
 * hypervisor of fake_hv.c.
 *
 * The KVM ABI (Documentation/virt/kvm/x86/hypercalls.rst): number in RAX,
 * arguments in RBX, RCX, RDX, RSI, result in RAX; KVM changes no other
 * register, and the simulated KVM host changes none either.  In a TDX
 * guest the kernel's tdx_kvm_hypercall() makes a TDG.VP.VMCALL with
 * R10 = number, R11..R14 = arguments, and returns R10.
 *
 * Both forms are covered: the inline hc_kvm_hypercallN() compiled here,
 * and the exported hypercall_kvm0..4() and hypercall_kvm_call().  Expected
 * registers are written out by hand from that ABI.
 */

#include <kunit/test.h>
#include <hypercall/kvm.h>

#include "internal.h"
#include "call_checked.h"
#include "fake_hv.h"
#include "inline_home.h"

#define NR	0x7f00abcdU
#define P1	0x1111111111111111UL
#define P2	0x2222222222222222UL
#define P3	0x3333333333333333UL
#define P4	0x4444444444444444UL

enum kvm_shape { KVM_HC0, KVM_HC1, KVM_HC2, KVM_HC3, KVM_HC4, KVM_CALL };

/* The shapes that pass p4, p3, p2, p1 (hypercall_kvm_call(): all four) */
#define KVM_P4	(BIT(KVM_HC4) | BIT(KVM_CALL))
#define KVM_P3	(BIT(KVM_HC3) | KVM_P4)
#define KVM_P2	(BIT(KVM_HC2) | KVM_P3)
#define KVM_P1	(BIT(KVM_HC1) | KVM_P2)

/**
 * struct kvm_wrapper - one function under test
 * @name: what the test names it by
 * @shape: KVM_HCn: (nr, p1..pn) -> long; KVM_CALL: hypercall_kvm_call()
 * @once: a function with that signature making the call once
 * @twice: the same, making the same call twice in a row
 */
struct kvm_wrapper {
	const char *name;
	enum kvm_shape shape;
	const void *once;
	const void *twice;
};

/*
 * Noinline homes for the inline API, with the signatures of the exports,
 * and _twice variants making the same call twice in a row (inline_home.h).
 */
DEFINE_INLINE_HOME(inline_kvm0, hc_kvm_hypercall0, long,
		   (unsigned int nr), (nr))
DEFINE_INLINE_HOME(inline_kvm1, hc_kvm_hypercall1, long,
		   (unsigned int nr, unsigned long p1), (nr, p1))
DEFINE_INLINE_HOME(inline_kvm2, hc_kvm_hypercall2, long,
		   (unsigned int nr, unsigned long p1, unsigned long p2),
		   (nr, p1, p2))
DEFINE_INLINE_HOME(inline_kvm3, hc_kvm_hypercall3, long,
		   (unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3),
		   (nr, p1, p2, p3))
DEFINE_INLINE_HOME(inline_kvm4, hc_kvm_hypercall4, long,
		   (unsigned int nr, unsigned long p1, unsigned long p2,
		    unsigned long p3, unsigned long p4),
		   (nr, p1, p2, p3, p4))

/* The exports are called directly (see vmware_test.c: no _twice). */
static const struct kvm_wrapper
	w_kvm0 = { "hc_kvm_hypercall0", KVM_HC0, inline_kvm0, inline_kvm0_twice },
	w_kvm1 = { "hc_kvm_hypercall1", KVM_HC1, inline_kvm1, inline_kvm1_twice },
	w_kvm2 = { "hc_kvm_hypercall2", KVM_HC2, inline_kvm2, inline_kvm2_twice },
	w_kvm3 = { "hc_kvm_hypercall3", KVM_HC3, inline_kvm3, inline_kvm3_twice },
	w_kvm4 = { "hc_kvm_hypercall4", KVM_HC4, inline_kvm4, inline_kvm4_twice },
	x_kvm0 = { "hypercall_kvm0", KVM_HC0, hypercall_kvm0 },
	x_kvm1 = { "hypercall_kvm1", KVM_HC1, hypercall_kvm1 },
	x_kvm2 = { "hypercall_kvm2", KVM_HC2, hypercall_kvm2 },
	x_kvm3 = { "hypercall_kvm3", KVM_HC3, hypercall_kvm3 },
	x_kvm4 = { "hypercall_kvm4", KVM_HC4, hypercall_kvm4 },
	x_call = { "hypercall_kvm_call", KVM_CALL, hypercall_kvm_call };

/**
 * struct kvm_expect - what must happen when a call runs on a transport
 * @seen: the registers the hypervisor must see, by call shape
 * @ret: what the caller must get (hypercall_kvm_call(): in *ret)
 */
struct kvm_expect {
	struct fake_hv_reg_val seen[10];
	long ret;
};

/**
 * struct kvm_case - one wrapper on one transport
 * @mode: the transport selected
 * @insn: the instruction that must run
 * @w: the wrapper
 * @expect: the expectations of this transport
 */
struct kvm_case {
	enum hc_mode mode;
	enum fake_hv_insn insn;
	const struct kvm_wrapper *w;
	const struct kvm_expect *expect;
};

static void kvm_case_desc(const struct kvm_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%s",
		 fake_hv_insn_name(c->insn), c->w->name);
}

struct kvm_result {
	long ret;		/* the result of the hypercall */
	int err;		/* hypercall_kvm_call()'s return */
	unsigned long changed;	/* call_checked() */
};

static void kvm_call(const struct kvm_case *c, bool twice,
		     struct kvm_result *res)
{
	static const unsigned long args[4] = { P1, P2, P3, P4 };
	struct call_checked cc = {
		.fn = twice ? c->w->twice : c->w->once,
		.args = { NR, P1, P2, P3, P4 },
	};
	long ret = 0x0badf00d;

	if (c->w->shape == KVM_CALL) {
		cc.args[1] = (unsigned long)args;
		cc.args[2] = (unsigned long)&ret;
	}
	call_checked(&cc);
	res->changed = cc.changed;
	if (c->w->shape == KVM_CALL) {
		res->err = (int)cc.ret;
		res->ret = ret;
	} else {
		res->err = 0;
		res->ret = cc.ret;
	}
}

/*
 * Select an instruction for this test; the module's own comes back when
 * the suite ends (as vmw_select() in vmware_test.c: the tables keep the
 * tests of one instruction together).
 */
static void kvm_select(struct kunit *test, enum hc_mode mode)
{
	hc_kvm_select(mode);
}

static void kvm_suite_exit(struct kunit_suite *suite)
{
	hc_kvm_select(hc_state.det.mode[HC_ABI_KVM]);
	fake_hv_unregister(suite);
}

static long kvm_faults(void)
{
	return atomic_long_read(&hc_state.faults[HC_ABI_KVM]);
}

/*
 * By hand from the ABI: RAX = nr; RBX, RCX, RDX, RSI = as many arguments
 * as the shape passes (the others are not inputs: anything goes there).
 * The simulated KVM host answers FAKE_HV_KVM_AX.
 */
static const struct kvm_expect kvm_expect_insn = {
	.seen = {
		{ FHV_AX, 0x7f00abcd },
		{ FHV_BX, 0x1111111111111111, KVM_P1 },
		{ FHV_CX, 0x2222222222222222, KVM_P2 },
		{ FHV_DX, 0x3333333333333333, KVM_P3 },
		{ FHV_SI, 0x4444444444444444, KVM_P4 },
	},
	.ret = FAKE_HV_KVM_AX,
};

static const struct kvm_case kvm_cases[] = {
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &w_kvm0, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &x_kvm0, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &w_kvm1, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &x_kvm1, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &w_kvm2, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &x_kvm2, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &w_kvm3, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &x_kvm3, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &w_kvm4, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &x_kvm4, &kvm_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, &x_call, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &w_kvm0, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &x_kvm0, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &w_kvm1, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &x_kvm1, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &w_kvm2, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &x_kvm2, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &w_kvm3, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &x_kvm3, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &w_kvm4, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &x_kvm4, &kvm_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, &x_call, &kvm_expect_insn },
};

KUNIT_ARRAY_PARAM(kvm, kvm_cases, kvm_case_desc);

/* The inline wrappers: the cases with a _twice variant */
static const void *kvm_inline_gen_params(const void *prev, char *desc)
{
	const struct kvm_case *c = prev;

	do
		c = kvm_gen_params(c, desc);
	while (c && !c->w->twice);
	return c;
}

/* Select @c's transport, arm the simulated KVM host, make the call. */
static struct fake_hv *kvm_run(struct kunit *test, const struct kvm_case *c,
			       bool twice, struct kvm_result *res)
{
	struct fake_hv *hv;

	fake_hv_require(test, c->insn);
	kvm_select(test, c->mode);
	hv = fake_hv_arm(test, fake_hv_kvm, NULL);
	kvm_call(c, twice, res);
	fake_hv_disarm();
	KUNIT_ASSERT_EQ(test, hv->calls, twice ? 2 : 1);
	KUNIT_EXPECT_EQ(test, res->err, 0);
	return hv;
}

/* The simulated host sees the instruction, nr and each argument. */
static void kvm_simulated_hv_sees_abi_registers(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;
	struct fake_hv *hv;

	hv = kvm_run(test, c, false, &res);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn),
			   fake_hv_insn_name(c->insn));
	fake_hv_expect_shape(test, &hv->log[0].before, c->expect->seen,
			     ARRAY_SIZE(c->expect->seen), c->w->shape, "seen:");
}

/* The caller gets RAX, all 64 bits of it. */
static void kvm_result_is_rax(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;

	kvm_run(test, c, false, &res);
	KUNIT_EXPECT_EQ(test, res.ret, c->expect->ret);
}

/* The same call twice loads the same registers twice. */
static void kvm_second_call_sees_same_inputs(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;
	struct fake_hv *hv;

	hv = kvm_run(test, c, true, &res);
	fake_hv_expect_shape(test, &hv->log[1].before, c->expect->seen,
			     ARRAY_SIZE(c->expect->seen), c->w->shape,
			     "second call saw");
	KUNIT_EXPECT_EQ(test, res.ret, c->expect->ret);
}

/* RBX, RBP and R12..R15 hold the caller's values after the call. */
static void kvm_callee_saved_registers_survive(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;

	kvm_run(test, c, false, &res);
	KUNIT_EXPECT_EQ_MSG(test, res.changed, 0,
			    "callee-saved registers changed (bits: rbx rbp r12..r15)");
}

/*
 * Without the simulated host, vmcall/vmmcall raise #UD: the call fails
 * cleanly (-KVM_ENOSYS; hypercall_kvm_call(): -EIO), counted once.
 */
static void kvm_faulting_instruction_is_fixed_up(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;
	long faults;

	fake_hv_require(test, c->insn);
	kvm_select(test, c->mode);
	faults = kvm_faults();
	kvm_call(c, false, &res);

	KUNIT_EXPECT_EQ(test, kvm_faults(), faults + 1);
	if (c->w->shape == KVM_CALL) {
		KUNIT_EXPECT_EQ(test, res.err, -EIO);
		/* the call was not made: no result written */
		KUNIT_EXPECT_EQ(test, res.ret, 0x0badf00d);
	} else {
		KUNIT_EXPECT_EQ(test, res.ret, -1000);
	}
}

/* Selecting an instruction changes what every call site runs. */
static void kvm_selected_transport_picks_instruction(struct kunit *test)
{
	static const struct {
		enum hc_mode mode;
		enum fake_hv_insn insn;
	} steps[] = {
		{ HC_MODE_VMCALL, FAKE_HV_VMCALL },
		{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL },
		{ HC_MODE_VMCALL, FAKE_HV_VMCALL },
	};
	static const unsigned long args[4] = { P1, P2, P3, P4 };
	struct fake_hv *hv;
	long ret;
	int i, j;

	fake_hv_require(test, FAKE_HV_VMCALL);
	fake_hv_require(test, FAKE_HV_VMMCALL);
	kvm_select(test, HC_MODE_NONE);
	hv = fake_hv_arm(test, fake_hv_kvm, NULL);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		hc_kvm_select(steps[i].mode);
		fake_hv_clear(hv);
		KUNIT_EXPECT_EQ(test, hc_kvm_hypercall1(NR, P1),
				FAKE_HV_KVM_AX);
		KUNIT_EXPECT_EQ(test, hypercall_kvm0(NR), FAKE_HV_KVM_AX);
		KUNIT_EXPECT_EQ(test, hypercall_kvm_call(NR, args, &ret), 0);
		KUNIT_ASSERT_EQ(test, hv->calls, 3);
		for (j = 0; j < 3; j++)
			KUNIT_EXPECT_STREQ_MSG(test,
					       fake_hv_insn_name(hv->log[j].insn),
					       fake_hv_insn_name(steps[i].insn),
					       "step %d, call %d", i, j);
	}
}

/* With no transport, nothing runs: -KVM_ENOSYS, or -ENODEV. */
static void kvm_no_transport_runs_no_instruction(struct kunit *test)
{
	static const unsigned long args[4] = { P1, P2, P3, P4 };
	long ret = 0x0badf00d;
	struct fake_hv *hv;
	long faults;

	kvm_select(test, HC_MODE_NONE);
	hv = fake_hv_arm(test, fake_hv_kvm, NULL);
	faults = kvm_faults();

	KUNIT_EXPECT_EQ(test, hc_kvm_hypercall2(NR, P1, P2), -1000);
	KUNIT_EXPECT_EQ(test, hypercall_kvm4(NR, P1, P2, P3, P4), -1000);
	KUNIT_EXPECT_EQ(test, hypercall_kvm_call(NR, args, &ret), -ENODEV);
	KUNIT_EXPECT_EQ(test, ret, 0x0badf00d);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
	KUNIT_EXPECT_EQ(test, kvm_faults(), faults);
}

/*
 * TDX, by hand: tdx_kvm_hypercall() makes a TDG.VP.VMCALL (RAX = 0) with
 * R10 = nr, R11..R14 = p1..p4, 0 for the arguments a shape lacks, and
 * returns R10.
 */
static const struct kvm_expect kvm_expect_tdx = {
	.seen = {
		{ FHV_AX, 0 }, { FHV_R10, 0x7f00abcd },
		{ FHV_R11, 0x1111111111111111, KVM_P1 },
		{ FHV_R11, 0, ~KVM_P1 },
		{ FHV_R12, 0x2222222222222222, KVM_P2 },
		{ FHV_R12, 0, ~KVM_P2 },
		{ FHV_R13, 0x3333333333333333, KVM_P3 },
		{ FHV_R13, 0, ~KVM_P3 },
		{ FHV_R14, 0x4444444444444444, KVM_P4 },
		{ FHV_R14, 0, ~KVM_P4 },
	},
	.ret = FAKE_HV_TDX_R10,
};

static const struct kvm_case kvm_tdx_cases[] = {
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &w_kvm0, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &x_kvm0, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &w_kvm1, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &x_kvm1, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &w_kvm2, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &x_kvm2, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &w_kvm3, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &x_kvm3, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &w_kvm4, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &x_kvm4, &kvm_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, &x_call, &kvm_expect_tdx },
};

KUNIT_ARRAY_PARAM(kvm_tdx, kvm_tdx_cases, kvm_case_desc);

static void kvm_tdx_require(struct kunit *test)
{
	if (!HC_HAVE_KVM_TDX)
		kunit_skip(test, "no tdx_kvm_hypercall(): needs TDX and KVM guest support");
}

/* The simulated TDX VMM sees nr and the arguments in R10..R14. */
static void kvm_tdx_simulated_hv_sees_abi_registers(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;
	struct fake_hv *hv;

	kvm_tdx_require(test);
	hv = kvm_run(test, c, false, &res);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn), "tdcall");
	fake_hv_expect_shape(test, &hv->log[0].before, c->expect->seen,
			     ARRAY_SIZE(c->expect->seen), c->w->shape, "seen:");
}

/* The caller gets the TDVMCALL's R10. */
static void kvm_tdx_result_is_r10(struct kunit *test)
{
	const struct kvm_case *c = test->param_value;
	struct kvm_result res;

	kvm_tdx_require(test);
	kvm_run(test, c, false, &res);
	KUNIT_EXPECT_EQ(test, res.ret, c->expect->ret);
}

static struct kunit_case kvm_test_cases[] = {
	KUNIT_CASE_PARAM(kvm_simulated_hv_sees_abi_registers, kvm_gen_params),
	KUNIT_CASE_PARAM(kvm_result_is_rax, kvm_gen_params),
	KUNIT_CASE_PARAM(kvm_second_call_sees_same_inputs,
			 kvm_inline_gen_params),
	KUNIT_CASE_PARAM(kvm_callee_saved_registers_survive, kvm_gen_params),
	KUNIT_CASE_PARAM(kvm_faulting_instruction_is_fixed_up, kvm_gen_params),
	KUNIT_CASE(kvm_selected_transport_picks_instruction),
	KUNIT_CASE(kvm_no_transport_runs_no_instruction),
	KUNIT_CASE_PARAM(kvm_tdx_simulated_hv_sees_abi_registers,
			 kvm_tdx_gen_params),
	KUNIT_CASE_PARAM(kvm_tdx_result_is_r10, kvm_tdx_gen_params),
	{}
};

static struct kunit_suite kvm_test_suite = {
	.name = "hypercall_kvm_simulated_hv",
	.suite_init = fake_hv_register,
	.suite_exit = kvm_suite_exit,
	.test_cases = kvm_test_cases,
};

kunit_test_suite(kvm_test_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the Palacios hypercall API, inline hc_palacios_hypercall() and the
 * exported hypercall_palacios_call(), on vmcall and vmmcall, running the
 * production code against the SIMULATED Palacios host of fake_hv.c (no
 * test guest runs under Palacios: see Documentation/palacios.rst).
 *
 * The ABI (Palacios's vmm_hypercall.c): id in EAX, arguments in RBX, RCX,
 * RDX, RSI; the handler may change any register.  TEST_HCALL (id 1) sets
 * RBX..RDI to 0x1111..0x5555 and leaves RAX, so one call proves the whole
 * mapping both ways: what the host saw (id, four arguments, RDI) and what
 * the caller got back (all six registers).  An id without a handler gets
 * RAX = -1.  Expected registers are written out by hand from that ABI.
 */

#include <kunit/test.h>
#include <hypercall/palacios.h>

#include "internal.h"
#include "call_checked.h"
#include "fake_hv.h"
#include "inline_home.h"

#define A1	0x8000000000000b01UL
#define A2	0x8000000000000c02UL
#define A3	0x8000000000000d03UL
#define A4	0x8000000000000e04UL
#define DI	0x8000000000000f05UL
#define UNKNOWN_ID	0xfedcba98U	/* no handler; bit 31 set */

/* The twin's first call: on a copy, since the call writes its struct */
static __always_inline int palacios_on_copy(u32 id,
					    const struct hc_palacios_regs *regs)
{
	struct hc_palacios_regs copy = *regs;

	return hc_palacios_hypercall(id, &copy);
}

/* Homes for the inline API, with the export's signature (inline_home.h) */
DEFINE_INLINE_HOME_FIRST(inline_palacios, hc_palacios_hypercall, int,
			 (u32 id, struct hc_palacios_regs *regs), (id, regs),
			 palacios_on_copy(id, regs))

/**
 * struct pal_case - one form of the API on one instruction
 * @mode: the transport selected
 * @insn: the instruction that must run
 * @name: what the test names the form by
 * @fn: the function, int (*)(u32, struct hc_palacios_regs *)
 */
struct pal_case {
	enum hc_mode mode;
	enum fake_hv_insn insn;
	const char *name;
	const void *fn;
};

static const struct pal_case pal_cases[] = {
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, "hc_palacios_hypercall",
	  inline_palacios },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, "hypercall_palacios_call",
	  hypercall_palacios_call },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, "hc_palacios_hypercall",
	  inline_palacios },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, "hypercall_palacios_call",
	  hypercall_palacios_call },
};

static void pal_case_desc(const struct pal_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%s",
		 fake_hv_insn_name(c->insn), c->name);
}

KUNIT_ARRAY_PARAM(pal, pal_cases, pal_case_desc);

/* The inputs of every call, and what a call that did not run leaves */
static const struct hc_palacios_regs pal_in = {
	.ax = 0x0badf00d, .bx = A1, .cx = A2, .dx = A3, .si = A4, .di = DI,
};

/* What the caller gets: TEST_HCALL's pattern, RAX as it went in (1) */
static const struct hc_palacios_regs pal_test_hcall_out = {
	.ax = 1, .bx = 0x1111, .cx = 0x2222, .dx = 0x3333, .si = 0x4444,
	.di = 0x5555,
};

/* An id without a handler: RAX -1, the other registers as they went in */
static const struct hc_palacios_regs pal_unknown_out = {
	.ax = 0xffffffffffffffff, .bx = A1, .cx = A2, .dx = A3, .si = A4,
	.di = DI,
};

static void pal_expect_regs(struct kunit *test,
			    const struct hc_palacios_regs *r,
			    const struct hc_palacios_regs *want)
{
	KUNIT_EXPECT_EQ(test, r->ax, want->ax);
	KUNIT_EXPECT_EQ(test, r->bx, want->bx);
	KUNIT_EXPECT_EQ(test, r->cx, want->cx);
	KUNIT_EXPECT_EQ(test, r->dx, want->dx);
	KUNIT_EXPECT_EQ(test, r->si, want->si);
	KUNIT_EXPECT_EQ(test, r->di, want->di);
}

/* What the host sees for @id: RAX zero-extended, the inputs as they were */
static void pal_expect_seen(struct kunit *test, const struct pt_regs *seen,
			    unsigned long id)
{
	const struct fake_hv_reg_val want[] = {
		{ FHV_AX, id }, { FHV_BX, 0x8000000000000b01 },
		{ FHV_CX, 0x8000000000000c02 }, { FHV_DX, 0x8000000000000d03 },
		{ FHV_SI, 0x8000000000000e04 }, { FHV_DI, 0x8000000000000f05 },
	};

	fake_hv_expect_regs(test, seen, want, ARRAY_SIZE(want), "seen:");
}

/* Call @fn through the callee-saved canaries; its return, and *@changed */
static int pal_call(const void *fn, u32 id, struct hc_palacios_regs *regs,
		    unsigned long *changed)
{
	struct call_checked cc = {
		.fn = fn,
		.args = { id, (unsigned long)regs },
	};

	call_checked(&cc);
	*changed = cc.changed;
	return (int)cc.ret;
}

static void pal_suite_exit(struct kunit_suite *suite)
{
	hc_palacios_select(hc_state.det.mode[HC_ABI_PALACIOS]);
	fake_hv_unregister(suite);
}

static long pal_faults(void)
{
	return atomic_long_read(&hc_state.faults[HC_ABI_PALACIOS]);
}

/*
 * TEST_HCALL: the host sees id 1 and the five inputs; the caller gets RAX
 * (1, untouched by the handler) and TEST_HCALL's RBX..RDI; RBX, RBP and
 * R12..R15 hold the caller's values after the call.
 */
static void palacios_test_hcall_maps_registers(struct kunit *test)
{
	const struct pal_case *c = test->param_value;
	struct hc_palacios_regs r = pal_in;
	unsigned long changed;
	struct fake_hv *hv;
	int err;

	fake_hv_require(test, c->insn);
	hc_palacios_select(c->mode);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);
	err = pal_call(c->fn, 1, &r, &changed);
	fake_hv_disarm();

	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_ASSERT_EQ(test, hv->calls, 1);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn),
			   fake_hv_insn_name(c->insn));
	pal_expect_seen(test, &hv->log[0].before, 1);
	pal_expect_regs(test, &r, &pal_test_hcall_out);
	KUNIT_EXPECT_EQ_MSG(test, changed, 0,
			    "callee-saved registers changed (bits: rbx rbp r12..r15)");
}

/*
 * An id without a handler, bit 31 set: RAX goes in zero-extended, comes
 * back as -1 in all 64 bits; the other registers come back as they went.
 */
static void palacios_unknown_id_answers_minus_one(struct kunit *test)
{
	const struct pal_case *c = test->param_value;
	struct hc_palacios_regs r = pal_in;
	unsigned long changed;
	struct fake_hv *hv;

	fake_hv_require(test, c->insn);
	hc_palacios_select(c->mode);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);
	KUNIT_EXPECT_EQ(test, pal_call(c->fn, UNKNOWN_ID, &r, &changed), 0);
	fake_hv_disarm();

	KUNIT_ASSERT_EQ(test, hv->calls, 1);
	pal_expect_seen(test, &hv->log[0].before, 0xfedcba98);
	pal_expect_regs(test, &r, &pal_unknown_out);
	KUNIT_EXPECT_EQ(test, changed, 0);
}

/* Two inline calls in a row: the second sees the same inputs again. */
static void palacios_second_call_sees_same_inputs(struct kunit *test)
{
	struct hc_palacios_regs r = pal_in;
	struct fake_hv *hv;

	fake_hv_require(test, FAKE_HV_VMCALL);
	hc_palacios_select(HC_MODE_VMCALL);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);
	KUNIT_EXPECT_EQ(test, inline_palacios_twice(1, &r), 0);
	fake_hv_disarm();

	KUNIT_ASSERT_EQ(test, hv->calls, 2);
	pal_expect_seen(test, &hv->log[1].before, 1);
	pal_expect_regs(test, &r, &pal_test_hcall_out);
}

/*
 * A transport the machine does not have (no simulated host: the #UD of a
 * test guest without the instruction): -EIO, counted once, the registers
 * left alone.
 */
static void palacios_faulting_instruction_is_fixed_up(struct kunit *test)
{
	const struct pal_case *c = test->param_value;
	struct hc_palacios_regs r = pal_in;
	unsigned long changed;
	long faults;

	fake_hv_require(test, c->insn);
	hc_palacios_select(c->mode);
	faults = pal_faults();
	KUNIT_EXPECT_EQ(test, pal_call(c->fn, 1, &r, &changed), -EIO);
	KUNIT_EXPECT_EQ(test, pal_faults(), faults + 1);
	pal_expect_regs(test, &r, &pal_in);
	KUNIT_EXPECT_EQ(test, changed, 0);
}

/* Without a transport nothing runs: -ENODEV, nothing counted. */
static void palacios_no_transport_runs_no_instruction(struct kunit *test)
{
	struct hc_palacios_regs r = pal_in;
	struct fake_hv *hv;
	long faults;

	hc_palacios_select(HC_MODE_NONE);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);
	faults = pal_faults();
	KUNIT_EXPECT_EQ(test, hc_palacios_hypercall(1, &r), -ENODEV);
	KUNIT_EXPECT_EQ(test, hypercall_palacios_call(1, &r), -ENODEV);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
	KUNIT_EXPECT_EQ(test, pal_faults(), faults);
	pal_expect_regs(test, &r, &pal_in);
}

/* Selecting an instruction changes what every call site runs. */
static void palacios_selected_transport_picks_instruction(struct kunit *test)
{
	static const struct {
		enum hc_mode mode;
		enum fake_hv_insn insn;
	} steps[] = {
		{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL },
		{ HC_MODE_VMCALL, FAKE_HV_VMCALL },
		{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL },
	};
	struct hc_palacios_regs r;
	struct fake_hv *hv;
	int i, j;

	fake_hv_require(test, FAKE_HV_VMCALL);
	fake_hv_require(test, FAKE_HV_VMMCALL);
	hv = fake_hv_arm(test, fake_hv_palacios, NULL);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		hc_palacios_select(steps[i].mode);
		fake_hv_clear(hv);
		r = pal_in;
		KUNIT_EXPECT_EQ(test, hc_palacios_hypercall(1, &r), 0);
		r = pal_in;
		KUNIT_EXPECT_EQ(test, hypercall_palacios_call(1, &r), 0);
		KUNIT_ASSERT_EQ(test, hv->calls, 2);
		for (j = 0; j < 2; j++)
			KUNIT_EXPECT_STREQ_MSG(test,
					       fake_hv_insn_name(hv->log[j].insn),
					       fake_hv_insn_name(steps[i].insn),
					       "step %d, call %d", i, j);
	}
}

static struct kunit_case palacios_test_cases[] = {
	KUNIT_CASE_PARAM(palacios_test_hcall_maps_registers, pal_gen_params),
	KUNIT_CASE_PARAM(palacios_unknown_id_answers_minus_one,
			 pal_gen_params),
	KUNIT_CASE(palacios_second_call_sees_same_inputs),
	KUNIT_CASE_PARAM(palacios_faulting_instruction_is_fixed_up,
			 pal_gen_params),
	KUNIT_CASE(palacios_no_transport_runs_no_instruction),
	KUNIT_CASE(palacios_selected_transport_picks_instruction),
	{}
};

static struct kunit_suite palacios_test_suite = {
	.name = "hypercall_palacios_simulated_hv",
	.suite_init = fake_hv_register,
	.suite_exit = pal_suite_exit,
	.test_cases = palacios_test_cases,
};

kunit_test_suite(palacios_test_suite);

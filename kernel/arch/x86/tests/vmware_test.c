// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: register mapping of every VMware backdoor call, on every
 * transport, running the production code.
 *
 * - vmcall and vmmcall, low and high bandwidth: the peer is the SIMULATED
 *   hypervisor of fake_hv.c, which records the registers each call loads
 *   and answers in every register the backdoor ABI lets the host change.
 * - TDX: the module calls the kernel's vmware_tdx_hypercall(), whose tdcall
 *   the same simulated hypervisor answers (TDG.VP.VMCALL).
 * - I/O port: the peer is real, QEMU's vmport device.  High bandwidth over
 *   the I/O port has no peer here (QEMU implements no port 0x5659): it is
 *   covered over vmcall/vmmcall, which share its register constraints.
 *
 * Every wrapper is covered in both forms: the inline hc_vmware_hypercallN()
 * (compiled into this module, its call sites patched by the module's
 * static keys) and the exported vmware_hypercallN() / hypercall_vmware_call().
 * The expected registers are written out by hand from the ABI tables in
 * <hypercall/vmware.h> (Linux arch/x86/include/asm/vmware.h).
 *
 * Every call goes through call_checked(), which also tells whether the
 * callee-saved registers survived; see vmware_callee_saved_registers_survive
 * and vmware_second_call_sees_same_inputs for how missing clobbers show.
 */

#define HC_VMWARE_EXPORTED_API		/* vmware_hypercallN: our exports */
#include <kunit/test.h>
#include <linux/vmalloc.h>
#include <asm/hypervisor.h>
#include <hypercall/vmware.h>

#include "internal.h"
#include "call_checked.h"
#include "fake_hv.h"
#include "inline_home.h"

/* Inputs: distinct, and distinct from what the simulated host answers */
#define CMD		0x0003002aUL	/* command 42, sub-command 3 */
#define IN1		0x11111111UL
#define IN2		0x00000222UL	/* high bandwidth: byte count */
#define IN3		0x33335a5aUL	/* bits 15:0 give way to port/flags */
#define IN4		0x44444444UL
#define IN5		0x55555555UL
#define IN6		0x66666666UL

#define POISON		0x0badf00dU	/* an output the call did not write */
#define ANY		0x1badf00dUL	/* expected: written, value unknown */

/* The call shapes: the upstream signatures, and hypercall_vmware_call() */
enum vmw_shape {
	VMW_HC1,	/* (cmd, in1) */
	VMW_HC3,	/* (cmd, in1, out1, out2) */
	VMW_HC4,	/* (cmd, in1, out1, out2, out3) */
	VMW_HC5,	/* (cmd, in1, in3, in4, in5, out2) */
	VMW_HC6,	/* (cmd, in1, in3, out2, out3, out4, out5) */
	VMW_HC7,	/* (cmd, in1, in3, in4, in5, out1, out2, out3) */
	VMW_HB_OUT,	/* (cmd, in2, in3, in4, in5, in6, out1) */
	VMW_HB_IN,	/* (cmd, in2, in3, in4, in5, in6, out1) */
	VMW_CHECKED,	/* (struct hc_vmware_regs *) -> int */
};

/*
 * Sets of shapes, for the lists of expected registers (the shapes of
 * struct fake_hv_reg_val): high bandwidth, low bandwidth, and the low-
 * bandwidth shapes that pass in3, and in4 and in5.
 */
#define VMW_HB		(BIT(VMW_HB_OUT) | BIT(VMW_HB_IN))
#define VMW_LB		(~VMW_HB)
#define VMW_IN3		(BIT(VMW_HC5) | BIT(VMW_HC6) | BIT(VMW_HC7) | \
			 BIT(VMW_CHECKED))
#define VMW_IN45	(BIT(VMW_HC5) | BIT(VMW_HC7) | BIT(VMW_CHECKED))

/**
 * struct vmw_wrapper - one function under test
 * @name: what the test names it by
 * @shape: its signature
 * @once: a function with that signature making the call once
 * @twice: the same, making the same call twice in a row
 */
struct vmw_wrapper {
	const char *name;
	enum vmw_shape shape;
	const void *once;
	const void *twice;
};

/*
 * The inline API needs a function to live in: one per wrapper, with the
 * upstream signature, and a _twice variant (inline_home.h).  Every wrapper
 * has out-of-line paths (function calls), so GCC keeps the values it needs
 * again in callee-saved registers: the _twice variants reliably catch a
 * missing EBX output (seen: all four inline shapes without in4/in5 fail
 * when "=b" is dropped), not a missing ESI/EDI clobber on a shape that
 * does not pass them; that one shows through hypercall6's outputs.  RBP
 * (high bandwidth) is covered by call_checked() and objtool.
 */
DEFINE_INLINE_HOME(inline_hc1, hc_vmware_hypercall1, unsigned long,
		   (unsigned long cmd, unsigned long in1), (cmd, in1))
DEFINE_INLINE_HOME(inline_hc3, hc_vmware_hypercall3, unsigned long,
		   (unsigned long cmd, unsigned long in1, u32 *out1,
		    u32 *out2),
		   (cmd, in1, out1, out2))
DEFINE_INLINE_HOME(inline_hc4, hc_vmware_hypercall4, unsigned long,
		   (unsigned long cmd, unsigned long in1, u32 *out1,
		    u32 *out2, u32 *out3),
		   (cmd, in1, out1, out2, out3))
DEFINE_INLINE_HOME(inline_hc5, hc_vmware_hypercall5, unsigned long,
		   (unsigned long cmd, unsigned long in1, unsigned long in3,
		    unsigned long in4, unsigned long in5, u32 *out2),
		   (cmd, in1, in3, in4, in5, out2))
DEFINE_INLINE_HOME(inline_hc6, hc_vmware_hypercall6, unsigned long,
		   (unsigned long cmd, unsigned long in1, unsigned long in3,
		    u32 *out2, u32 *out3, u32 *out4, u32 *out5),
		   (cmd, in1, in3, out2, out3, out4, out5))
DEFINE_INLINE_HOME(inline_hc7, hc_vmware_hypercall7, unsigned long,
		   (unsigned long cmd, unsigned long in1, unsigned long in3,
		    unsigned long in4, unsigned long in5, u32 *out1,
		    u32 *out2, u32 *out3),
		   (cmd, in1, in3, in4, in5, out1, out2, out3))
DEFINE_INLINE_HOME(inline_hb_out, hc_vmware_hypercall_hb_out, unsigned long,
		   (unsigned long cmd, unsigned long in2, unsigned long in3,
		    unsigned long in4, unsigned long in5, unsigned long in6,
		    u32 *out1),
		   (cmd, in2, in3, in4, in5, in6, out1))
DEFINE_INLINE_HOME(inline_hb_in, hc_vmware_hypercall_hb_in, unsigned long,
		   (unsigned long cmd, unsigned long in2, unsigned long in3,
		    unsigned long in4, unsigned long in5, unsigned long in6,
		    u32 *out1),
		   (cmd, in2, in3, in4, in5, in6, out1))

/*
 * The exports are called directly.  They have no _twice variant: two real
 * calls in a row reload every argument anyway, so the test would prove
 * nothing about the asm inside them (vmware_api.c compiles the same inline
 * wrappers that the _twice variants above exercise).
 */
static const struct vmw_wrapper
	w_hc1 = { "hc_vmware_hypercall1", VMW_HC1, inline_hc1, inline_hc1_twice },
	w_hc3 = { "hc_vmware_hypercall3", VMW_HC3, inline_hc3, inline_hc3_twice },
	w_hc4 = { "hc_vmware_hypercall4", VMW_HC4, inline_hc4, inline_hc4_twice },
	w_hc5 = { "hc_vmware_hypercall5", VMW_HC5, inline_hc5, inline_hc5_twice },
	w_hc6 = { "hc_vmware_hypercall6", VMW_HC6, inline_hc6, inline_hc6_twice },
	w_hc7 = { "hc_vmware_hypercall7", VMW_HC7, inline_hc7, inline_hc7_twice },
	w_hb_out = { "hc_vmware_hypercall_hb_out", VMW_HB_OUT, inline_hb_out,
		     inline_hb_out_twice },
	w_hb_in = { "hc_vmware_hypercall_hb_in", VMW_HB_IN, inline_hb_in,
		    inline_hb_in_twice },
	x_hc1 = { "vmware_hypercall1", VMW_HC1, vmware_hypercall1 },
	x_hc3 = { "vmware_hypercall3", VMW_HC3, vmware_hypercall3 },
	x_hc4 = { "vmware_hypercall4", VMW_HC4, vmware_hypercall4 },
	x_hc5 = { "vmware_hypercall5", VMW_HC5, vmware_hypercall5 },
	x_hc6 = { "vmware_hypercall6", VMW_HC6, vmware_hypercall6 },
	x_hc7 = { "vmware_hypercall7", VMW_HC7, vmware_hypercall7 },
	x_hb_out = { "vmware_hypercall_hb_out", VMW_HB_OUT,
		     vmware_hypercall_hb_out },
	x_hb_in = { "vmware_hypercall_hb_in", VMW_HB_IN,
		    vmware_hypercall_hb_in },
	x_checked = { "hypercall_vmware_call", VMW_CHECKED, hypercall_vmware_call };

/* What a shape's arguments are, in order (the upstream signatures) */
enum vmw_arg {
	ARG_NONE, ARG_CMD, ARG_IN1, ARG_IN2, ARG_IN3, ARG_IN4, ARG_IN5,
	ARG_IN6, ARG_OUT1, ARG_OUT2, ARG_OUT3, ARG_OUT4, ARG_OUT5, ARG_REGS,
};

static const u8 vmw_args[][8] = {
	[VMW_HC1] = { ARG_CMD, ARG_IN1 },
	[VMW_HC3] = { ARG_CMD, ARG_IN1, ARG_OUT1, ARG_OUT2 },
	[VMW_HC4] = { ARG_CMD, ARG_IN1, ARG_OUT1, ARG_OUT2, ARG_OUT3 },
	[VMW_HC5] = { ARG_CMD, ARG_IN1, ARG_IN3, ARG_IN4, ARG_IN5, ARG_OUT2 },
	[VMW_HC6] = { ARG_CMD, ARG_IN1, ARG_IN3, ARG_OUT2, ARG_OUT3, ARG_OUT4,
		      ARG_OUT5 },
	[VMW_HC7] = { ARG_CMD, ARG_IN1, ARG_IN3, ARG_IN4, ARG_IN5, ARG_OUT1,
		      ARG_OUT2, ARG_OUT3 },
	[VMW_HB_OUT] = { ARG_CMD, ARG_IN2, ARG_IN3, ARG_IN4, ARG_IN5, ARG_IN6,
			 ARG_OUT1 },
	[VMW_HB_IN] = { ARG_CMD, ARG_IN2, ARG_IN3, ARG_IN4, ARG_IN5, ARG_IN6,
			ARG_OUT1 },
	[VMW_CHECKED] = { ARG_REGS },
};

/*
 * Output N is named after the register the ABI table returns it in: out1
 * EBX, out2 ECX, out3 EDX, out4 ESI, out5 EDI.  Results are kept by that
 * register (hypercall_vmware_call(): by struct field).
 */
static const enum fake_hv_reg vmw_out_reg[] = {
	[ARG_OUT1] = FHV_BX, [ARG_OUT2] = FHV_CX, [ARG_OUT3] = FHV_DX,
	[ARG_OUT4] = FHV_SI, [ARG_OUT5] = FHV_DI,
};

/**
 * struct vmw_expect - what must happen when a call runs on a transport
 * @seen: the registers the hypervisor must see, by call shape
 * @answer: what the host answers in each register, by call shape; ANY:
 *          written, value unknown.  Each output of the call (see vmw_args)
 *          gets its register's answer, the others stay untouched; the call
 *          returns EAX's (hypercall_vmware_call(): 0).
 */
struct vmw_expect {
	struct fake_hv_reg_val seen[16];
	struct fake_hv_reg_val answer[10];
};

/**
 * struct vmw_case - one wrapper on one transport
 * @mode: the transport selected
 * @insn: the instruction that must run (FAKE_HV_NONE for the I/O port)
 * @cmd: the command (the other inputs are IN1..IN6)
 * @w: the wrapper
 * @expect: the expectations of this transport
 */
struct vmw_case {
	enum hc_mode mode;
	enum fake_hv_insn insn;
	unsigned long cmd;
	const struct vmw_wrapper *w;
	const struct vmw_expect *expect;
};

/* What @c's host answers in @reg (POISON: nothing listed) */
static unsigned long vmw_answer(const struct vmw_case *c, enum fake_hv_reg reg)
{
	const struct fake_hv_reg_val *a = c->expect->answer;
	int i;

	for (i = 0; i < ARRAY_SIZE(c->expect->answer) && a[i].reg; i++)
		if (a[i].reg == reg && fake_hv_for_shape(&a[i], c->w->shape))
			return a[i].val;
	return POISON;
}

/* What @c's call returns: EAX (hypercall_vmware_call(): 0) */
static unsigned long vmw_ret(const struct vmw_case *c)
{
	return c->w->shape == VMW_CHECKED ? 0 : vmw_answer(c, FHV_AX);
}

/* The registers the hypervisor must see in @c's call */
static void vmw_expect_seen(struct kunit *test, const struct vmw_case *c,
			    const struct pt_regs *regs, const char *what)
{
	fake_hv_expect_shape(test, regs, c->expect->seen,
			     ARRAY_SIZE(c->expect->seen), c->w->shape, what);
}

static void vmw_case_desc(const struct vmw_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%s",
		 fake_hv_insn_name(c->insn), c->w->name);
}

/* The outputs a call produced, by register (see vmw_out_reg) */
struct vmw_result {
	unsigned long ret;
	unsigned long changed;		/* call_checked() */
	u32 out[FHV_NR_REGS];
	struct hc_vmware_regs regs;	/* hypercall_vmware_call() */
};

/*
 * Call @c's wrapper through call_checked() with the inputs c->cmd,
 * IN1..IN6 and output pointers into @res->out, NULL for each argument i
 * with bit i of @nulls set.
 */
static void vmw_call_nulls(const struct vmw_case *c, bool twice,
			   unsigned int nulls, struct vmw_result *res)
{
	static const unsigned long in[] = {
		[ARG_IN1] = IN1, [ARG_IN2] = IN2, [ARG_IN3] = IN3,
		[ARG_IN4] = IN4, [ARG_IN5] = IN5, [ARG_IN6] = IN6,
	};
	struct call_checked cc = { .fn = twice ? c->w->twice : c->w->once };
	const u8 *args = vmw_args[c->w->shape];
	int i, r;

	for (r = 0; r < FHV_NR_REGS; r++)
		res->out[r] = POISON;
	res->regs = (struct hc_vmware_regs) {
		.ax = POISON, .bx = IN1, .cx = c->cmd, .dx = IN3,
		.si = IN4, .di = IN5,
	};
	for (i = 0; i < ARRAY_SIZE(cc.args) && args[i]; i++) {
		switch (args[i]) {
		case ARG_CMD:
			cc.args[i] = c->cmd;
			break;
		case ARG_IN1 ... ARG_IN6:
			cc.args[i] = in[args[i]];
			break;
		case ARG_OUT1 ... ARG_OUT5:
			if (!(nulls & BIT(i)))
				cc.args[i] = (unsigned long)
					&res->out[vmw_out_reg[args[i]]];
			break;
		case ARG_REGS:
			cc.args[i] = (unsigned long)&res->regs;
			break;
		}
	}
	call_checked(&cc);
	res->changed = cc.changed;
	res->ret = cc.ret;
	if (c->w->shape == VMW_CHECKED) {
		res->ret = (int)cc.ret;
		res->out[FHV_AX] = res->regs.ax;
		res->out[FHV_BX] = res->regs.bx;
		res->out[FHV_CX] = res->regs.cx;
		res->out[FHV_DX] = res->regs.dx;
		res->out[FHV_SI] = res->regs.si;
		res->out[FHV_DI] = res->regs.di;
	}
}

/* The same, with every output pointer NULL if @null_out */
static void vmw_call(const struct vmw_case *c, bool twice, bool null_out,
		     struct vmw_result *res)
{
	vmw_call_nulls(c, twice, null_out ? ~0U : 0, res);
}

/* Each output got its register's answer; no other output was written. */
static void vmw_expect_out(struct kunit *test, const struct vmw_case *c,
			   const struct vmw_result *res)
{
	const u8 *args = vmw_args[c->w->shape];
	u32 want[FHV_NR_REGS];
	int i, r;

	for (r = 0; r < FHV_NR_REGS; r++)
		want[r] = POISON;
	for (i = 0; i < ARRAY_SIZE(vmw_args[0]) && args[i]; i++)
		if (args[i] >= ARG_OUT1 && args[i] <= ARG_OUT5)
			want[vmw_out_reg[args[i]]] =
				vmw_answer(c, vmw_out_reg[args[i]]);
	if (c->w->shape == VMW_CHECKED)
		for (r = FHV_AX; r <= FHV_DI; r++)
			want[r] = vmw_answer(c, r);
	for (r = FHV_AX; r < FHV_NR_REGS; r++) {
		if (c->w->shape == VMW_CHECKED && r > FHV_DI)
			break;		/* the struct: all six, always */
		if (want[r] == (u32)ANY)
			KUNIT_EXPECT_NE_MSG(test, res->out[r], POISON,
					    "output for %s not written",
					    fake_hv_reg_name(r));
		else
			KUNIT_EXPECT_EQ_MSG(test, res->out[r], want[r],
					    "output for %s",
					    fake_hv_reg_name(r));
	}
}

/*
 * Select a transport for this test.  The module's own comes back when the
 * suite ends, not after each test: a switch rewrites every call site of
 * the keys that change, and the tables below keep the tests of one
 * transport together so that most tests switch nothing.
 */
static void vmw_select(struct kunit *test, enum hc_mode mode)
{
	hc_vmware_select(mode, true);
}

static void vmw_restore(struct kunit_suite *suite)
{
	hc_vmware_select(hc_state.det.mode[HC_ABI_VMWARE],
			 hc_state.det.hb[HC_ABI_VMWARE]);
}

static void vmw_suite_exit(struct kunit_suite *suite)
{
	vmw_restore(suite);
	fake_hv_unregister(suite);
}

static long vmw_faults(void)
{
	return atomic_long_read(&hc_state.faults[HC_ABI_VMWARE]);
}

/* The registers of a call that did not happen: the inputs, EAX poisoned */
static const struct hc_vmware_regs vmw_untouched = {
	.ax = POISON, .bx = IN1, .cx = CMD, .dx = IN3, .si = IN4, .di = IN5,
};

/* Each of the six registers in @got holds its value in @want. */
static void vmw_expect_regs(struct kunit *test,
			    const struct hc_vmware_regs *got,
			    const struct hc_vmware_regs *want)
{
	KUNIT_EXPECT_EQ(test, got->ax, want->ax);
	KUNIT_EXPECT_EQ(test, got->bx, want->bx);
	KUNIT_EXPECT_EQ(test, got->cx, want->cx);
	KUNIT_EXPECT_EQ(test, got->dx, want->dx);
	KUNIT_EXPECT_EQ(test, got->si, want->si);
	KUNIT_EXPECT_EQ(test, got->di, want->di);
}

/*
 * vmcall and vmmcall, by hand from the ABI tables in <hypercall/vmware.h>:
 *
 * LB: EAX magic 0x564d5868, EBX in1, ECX cmd, EDX in3 with the flags, 0,
 * in bits 15:0 (0 for the shapes without in3), ESI in4, EDI in5.
 * HB: EAX magic, EBX cmd, ECX in2, EDX in3 with the flags HB|OUT (3) or
 * HB (1), ESI in4, EDI in5, EBP in6.
 *
 * The simulated host answers FAKE_HV_VMW_AX..DI (fake_hv.h).
 */
static const struct vmw_expect vmw_expect_insn = {
	.seen = {
		{ FHV_AX, 0x564d5868 },
		{ FHV_BX, 0x11111111, VMW_LB }, { FHV_BX, 0x0003002a, VMW_HB },
		{ FHV_CX, 0x0003002a, VMW_LB }, { FHV_CX, 0x00000222, VMW_HB },
		{ FHV_DX, 0x33330000, VMW_IN3 },
		{ FHV_DX, 0x00000000, VMW_LB & ~VMW_IN3 },
		{ FHV_DX, 0x33330003, BIT(VMW_HB_OUT) },
		{ FHV_DX, 0x33330001, BIT(VMW_HB_IN) },
		{ FHV_SI, 0x44444444, VMW_IN45 | VMW_HB },
		{ FHV_DI, 0x55555555, VMW_IN45 | VMW_HB },
		{ FHV_BP, 0x66666666, VMW_HB },
	},
	.answer = {
		{ FHV_AX, FAKE_HV_VMW_AX }, { FHV_BX, FAKE_HV_VMW_BX },
		{ FHV_CX, FAKE_HV_VMW_CX }, { FHV_DX, FAKE_HV_VMW_DX },
		{ FHV_SI, FAKE_HV_VMW_SI }, { FHV_DI, FAKE_HV_VMW_DI },
	},
};

static const struct vmw_case vmw_cases[] = {
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hc1, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hc1, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hc3, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hc3, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hc4, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hc4, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hc5, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hc5, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hc6, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hc6, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hc7, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hc7, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hb_out, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hb_out, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &w_hb_in, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_hb_in, &vmw_expect_insn },
	{ HC_MODE_VMCALL, FAKE_HV_VMCALL, CMD, &x_checked, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hc1, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hc1, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hc3, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hc3, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hc4, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hc4, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hc5, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hc5, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hc6, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hc6, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hc7, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hc7, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hb_out, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hb_out, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &w_hb_in, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_hb_in, &vmw_expect_insn },
	{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL, CMD, &x_checked, &vmw_expect_insn },
};

KUNIT_ARRAY_PARAM(vmw, vmw_cases, vmw_case_desc);

/* The cases that have output pointers to pass as NULL */
static const void *vmw_ptr_gen_params(const void *prev, char *desc)
{
	const struct vmw_case *c = prev;

	do
		c = vmw_gen_params(c, desc);
	while (c && c->w->shape == VMW_CHECKED);
	return c;
}

/* The inline wrappers: the cases with a _twice variant */
static const void *vmw_inline_gen_params(const void *prev, char *desc)
{
	const struct vmw_case *c = prev;

	do
		c = vmw_gen_params(c, desc);
	while (c && !c->w->twice);
	return c;
}

/* Select @c's transport, arm the simulated VMware host, make the call. */
static struct fake_hv *vmw_run(struct kunit *test, const struct vmw_case *c,
			       bool twice, bool null_out,
			       struct vmw_result *res)
{
	struct fake_hv *hv;

	fake_hv_require(test, c->insn);
	vmw_select(test, c->mode);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	vmw_call(c, twice, null_out, res);
	fake_hv_disarm();
	KUNIT_ASSERT_EQ(test, hv->calls, twice ? 2 : 1);
	return hv;
}

/*
 * The simulated host sees the selected instruction, the magic in EAX, the
 * command in ECX (HB: EBX), the flags in DX and each input in its register.
 */
static void vmware_simulated_hv_sees_abi_registers(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;
	struct fake_hv *hv;

	hv = vmw_run(test, c, false, false, &res);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn),
			   fake_hv_insn_name(c->insn));
	vmw_expect_seen(test, c, &hv->log[0].before, "seen:");
}

/* Each output pointer gets its register, and the call returns EAX. */
static void vmware_outputs_come_from_simulated_hv(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;

	vmw_run(test, c, false, false, &res);
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
	vmw_expect_out(test, c, &res);
}

/* NULL output pointers are skipped; the call still returns EAX. */
static void vmware_null_outputs_are_fine(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;
	int r;

	vmw_run(test, c, false, true, &res);
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
	for (r = 0; r < FHV_NR_REGS; r++)
		KUNIT_EXPECT_EQ(test, res.out[r], POISON);
}

/* The output pointers of @c's shape, as bits of argument positions */
static unsigned int vmw_out_args(const struct vmw_case *c)
{
	const u8 *args = vmw_args[c->w->shape];
	unsigned int outs = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(vmw_args[0]) && args[i]; i++)
		if (args[i] >= ARG_OUT1 && args[i] <= ARG_OUT5)
			outs |= BIT(i);
	return outs;
}

/* The shapes with two outputs or more */
static const void *vmw_outs_gen_params(const void *prev, char *desc)
{
	const struct vmw_case *c = prev;

	do
		c = vmw_gen_params(c, desc);
	while (c && hweight32(vmw_out_args(c)) < 2);
	return c;
}

/*
 * Some outputs NULL and the others given, in every combination: each given
 * one gets its register and each NULL one is skipped.  The wrappers test
 * two pointers at once where both are given (__hc_vmw_given()) and each on
 * its own where one is NULL; all given and all NULL are the cases above.
 */
static void vmware_some_null_outputs_are_fine(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	const unsigned int outs = vmw_out_args(c);
	const u8 *args = vmw_args[c->w->shape];
	struct vmw_result res;
	unsigned int nulls;
	struct fake_hv *hv;
	int i;

	fake_hv_require(test, c->insn);
	vmw_select(test, c->mode);
	for (nulls = (outs - 1) & outs; nulls; nulls = (nulls - 1) & outs) {
		hv = fake_hv_arm(test, fake_hv_vmware, NULL);
		vmw_call_nulls(c, false, nulls, &res);
		fake_hv_disarm();
		KUNIT_ASSERT_EQ(test, hv->calls, 1);
		KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
		for (i = 0; i < ARRAY_SIZE(vmw_args[0]) && args[i]; i++) {
			enum fake_hv_reg r = vmw_out_reg[args[i]];
			u32 want = nulls & BIT(i) ? POISON : vmw_answer(c, r);

			if (!(outs & BIT(i)))
				continue;
			if (want == (u32)ANY)
				KUNIT_EXPECT_NE_MSG(test, res.out[r], POISON,
						    "output for %s not written",
						    fake_hv_reg_name(r));
			else
				KUNIT_EXPECT_EQ_MSG(test, res.out[r], want,
						    "output for %s, NULL outputs %#x",
						    fake_hv_reg_name(r), nulls);
		}
	}
}

/*
 * The same call twice in a row loads the same registers twice: the
 * wrapper told the compiler every register the host may change.
 */
static void vmware_second_call_sees_same_inputs(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;
	struct fake_hv *hv;

	hv = vmw_run(test, c, true, false, &res);
	vmw_expect_seen(test, c, &hv->log[1].before, "second call saw");
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
}

/*
 * RBX, RBP and R12..R15 hold the caller's values after the call, though
 * the host wrote EBX (and EBP for high bandwidth).
 */
static void vmware_callee_saved_registers_survive(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;

	vmw_run(test, c, false, false, &res);
	KUNIT_EXPECT_EQ_MSG(test, res.changed, 0,
			    "callee-saved registers changed (bits: rbx rbp r12..r15)");
}

/* The low-bandwidth vmmcall cases: the instruction of SEV-ES and SNP */
static const void *vmw_vmmcall_lb_gen_params(const void *prev, char *desc)
{
	const struct vmw_case *c = prev;

	do
		c = vmw_gen_params(c, desc);
	while (c && (c->mode != HC_MODE_VMMCALL ||
		     c->w->shape == VMW_HB_OUT || c->w->shape == VMW_HB_IN));
	return c;
}

/*
 * A SIMULATED VMware host of an SEV-ES or SNP guest.  There the host sees
 * the registers that the kernel's VMware #VC hooks copy through the GHCB
 * (vmware_sev_es_hcall_prepare() and _finish(), arch/x86/kernel/cpu/
 * vmware.c): RAX, RBX, RCX, RDX, RSI, RDI and RBP, and it may answer in all
 * of them.  This one answers as fake_hv_vmware() does, and writes RBP too.
 */
static void vmw_sev_es_host(struct fake_hv *hv, enum fake_hv_insn insn,
			    struct pt_regs *regs)
{
	fake_hv_vmware(hv, insn, regs);
	regs->bp = FAKE_HV_VMW_BP;
}

/*
 * Over vmmcall the host gets no kernel value it was not given: RBP goes as
 * 0, and so do ESI and EDI where the call shape has no in4/in5.  What it
 * writes in RBP does not come back: the caller's RBP (a canary of
 * call_checked()) survives, and the call still answers as the ABI says.
 */
static void vmware_vmmcall_sev_es_host_gets_and_keeps_no_rbp(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	const struct pt_regs *seen;
	struct vmw_result res;
	struct fake_hv *hv;

	fake_hv_require(test, c->insn);
	vmw_select(test, c->mode);
	hv = fake_hv_arm(test, vmw_sev_es_host, NULL);
	vmw_call(c, false, false, &res);
	fake_hv_disarm();
	KUNIT_ASSERT_EQ(test, hv->calls, 1);
	seen = &hv->log[0].before;

	KUNIT_EXPECT_EQ_MSG(test, res.changed & CALL_CHECKED_BP, 0,
			    "the host's RBP came back to the caller");
	KUNIT_EXPECT_EQ_MSG(test, seen->bp, 0, "the host saw RBP %#lx",
			    seen->bp);
	if (!(VMW_IN45 & BIT(c->w->shape))) {
		KUNIT_EXPECT_EQ_MSG(test, seen->si, 0, "the host saw ESI %#lx",
				    seen->si);
		KUNIT_EXPECT_EQ_MSG(test, seen->di, 0, "the host saw EDI %#lx",
				    seen->di);
	}
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
	vmw_expect_out(test, c, &res);
}

/*
 * Without the simulated host, vmcall/vmmcall raise #UD: the exception
 * fixup makes the call fail cleanly, counted once, outputs untouched.
 */
static void vmware_faulting_instruction_is_fixed_up(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;
	long faults;
	int r;

	fake_hv_require(test, c->insn);
	vmw_select(test, c->mode);
	faults = vmw_faults();
	vmw_call(c, false, false, &res);

	KUNIT_EXPECT_EQ(test, vmw_faults(), faults + 1);
	if (c->w->shape == VMW_CHECKED) {
		KUNIT_EXPECT_EQ(test, (int)res.ret, -EIO);
		vmw_expect_regs(test, &res.regs, &vmw_untouched);
		return;
	}
	KUNIT_EXPECT_EQ(test, res.ret, HC_VMW_ERROR);
	for (r = 0; r < FHV_NR_REGS; r++)
		KUNIT_EXPECT_EQ(test, res.out[r], POISON);
}

/*
 * Selecting a transport changes the instruction every call site runs:
 * inline in this function, and in the module's exported functions.
 */
static void vmware_selected_transport_picks_instruction(struct kunit *test)
{
	static const struct {
		enum hc_mode mode;
		enum fake_hv_insn insn;
	} steps[] = {
		{ HC_MODE_VMCALL, FAKE_HV_VMCALL },
		{ HC_MODE_VMMCALL, FAKE_HV_VMMCALL },
		{ HC_MODE_VMCALL, FAKE_HV_VMCALL },
	};
	struct hc_vmware_regs regs;
	struct fake_hv *hv;
	int i, j;

	fake_hv_require(test, FAKE_HV_VMCALL);
	fake_hv_require(test, FAKE_HV_VMMCALL);
	vmw_select(test, HC_MODE_NONE);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		hc_vmware_select(steps[i].mode, true);
		fake_hv_clear(hv);
		KUNIT_EXPECT_EQ(test, hc_vmware_hypercall1(CMD, IN1),
				FAKE_HV_VMW_AX);
		KUNIT_EXPECT_EQ(test, vmware_hypercall1(CMD, IN1),
				FAKE_HV_VMW_AX);
		regs = (struct hc_vmware_regs) { .bx = IN1, .cx = CMD };
		KUNIT_EXPECT_EQ(test, hypercall_vmware_call(&regs), 0);
		KUNIT_EXPECT_EQ(test,
				hc_vmware_hypercall_hb_in(CMD, IN2, IN3, IN4,
							  IN5, IN6, NULL),
				FAKE_HV_VMW_AX);
		KUNIT_ASSERT_EQ(test, hv->calls, 4);
		for (j = 0; j < 4; j++)
			KUNIT_EXPECT_STREQ_MSG(test,
					       fake_hv_insn_name(hv->log[j].insn),
					       fake_hv_insn_name(steps[i].insn),
					       "step %d, call %d", i, j);
	}
}

/* With no transport selected, nothing runs and every call fails. */
static void vmware_no_transport_runs_no_instruction(struct kunit *test)
{
	struct hc_vmware_regs regs = { .bx = IN1, .cx = CMD };
	u32 out1 = POISON;
	struct fake_hv *hv;
	long faults;

	vmw_select(test, HC_MODE_NONE);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	faults = vmw_faults();

	KUNIT_EXPECT_EQ(test, hc_vmware_hypercall3(CMD, IN1, &out1, NULL),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, vmware_hypercall1(CMD, IN1), HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, hypercall_vmware_call(&regs), -ENODEV);
	KUNIT_EXPECT_EQ(test, hc_vmware_hypercall_hb_out(CMD, IN2, IN3, IN4,
							 IN5, IN6, &out1),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, out1, POISON);
	KUNIT_EXPECT_EQ(test, regs.bx, IN1);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
	KUNIT_EXPECT_EQ(test, vmw_faults(), faults);
}

/*
 * The slow path answers in RAX..RDI, or says in RBX why it did not make the
 * call, and keeps every other register: the inline API's asm statement
 * tells the compiler no more.  Called here through that statement, in
 * @mode, with canaries in the caller-saved registers it must keep
 * (R8..R11); the callee-saved ones are the C code's own business behind
 * it.  @r: the inputs (IN1, CMD, IN3..IN5), then what came back.
 *
 * Return: the status: 0, or the negative errno in RBX.
 */
#define SLOW_CANARY(n)	(0x5a5a5a5a00000000UL | (n))

static long vmw_slow_run(struct kunit *test, enum hc_mode mode,
			 struct hc_vmware_regs *r, struct fake_hv **hv)
{
	register unsigned long r8 asm("r8");
	register unsigned long r9 asm("r9");
	register unsigned long r10 asm("r10");
	register unsigned long r11 asm("r11");
	unsigned long kept[4];
	int i;

	*r = (struct hc_vmware_regs) {
		.bx = IN1, .cx = CMD, .dx = IN3, .si = IN4, .di = IN5,
	};
	vmw_select(test, mode);
	*hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	/* set and read with no call in between: calls clobber R8..R11 */
	r8 = SLOW_CANARY(8);
	r9 = SLOW_CANARY(9);
	r10 = SLOW_CANARY(10);
	r11 = SLOW_CANARY(11);
	__HC_VMW_SLOW_ASM(r, "+r" (r8), "+r" (r9), "+r" (r10), "+r" (r11));
	kept[0] = r8;
	kept[1] = r9;
	kept[2] = r10;
	kept[3] = r11;
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ_MSG(test, kept[i], SLOW_CANARY(8 + i),
				    "r%d changed", 8 + i);
	return __hc_vmware_slow_status(r);
}

/* Without a backdoor the slow path says -ENODEV, and keeps the rest. */
static void vmware_slow_path_keeps_other_registers(struct kunit *test)
{
	struct hc_vmware_regs r;
	struct fake_hv *hv;

	KUNIT_EXPECT_EQ(test, vmw_slow_run(test, HC_MODE_NONE, &r, &hv),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
}

static struct kunit_case vmware_test_cases[] = {
	KUNIT_CASE_PARAM(vmware_simulated_hv_sees_abi_registers,
			 vmw_gen_params),
	KUNIT_CASE_PARAM(vmware_outputs_come_from_simulated_hv,
			 vmw_gen_params),
	KUNIT_CASE_PARAM(vmware_null_outputs_are_fine, vmw_ptr_gen_params),
	KUNIT_CASE_PARAM(vmware_some_null_outputs_are_fine,
			 vmw_outs_gen_params),
	KUNIT_CASE_PARAM(vmware_second_call_sees_same_inputs,
			 vmw_inline_gen_params),
	KUNIT_CASE_PARAM(vmware_callee_saved_registers_survive,
			 vmw_gen_params),
	KUNIT_CASE_PARAM(vmware_vmmcall_sev_es_host_gets_and_keeps_no_rbp,
			 vmw_vmmcall_lb_gen_params),
	KUNIT_CASE_PARAM(vmware_faulting_instruction_is_fixed_up,
			 vmw_gen_params),
	KUNIT_CASE(vmware_selected_transport_picks_instruction),
	KUNIT_CASE(vmware_no_transport_runs_no_instruction),
	KUNIT_CASE(vmware_slow_path_keeps_other_registers),
	{}
};

static struct kunit_suite vmware_test_suite = {
	.name = "hypercall_vmware_simulated_hv",
	.suite_init = fake_hv_register,
	.suite_exit = vmw_suite_exit,
	.test_cases = vmware_test_cases,
};

/*
 * TDX: the low-bandwidth calls go through the kernel's
 * vmware_tdx_hypercall(), i.e. TDG.VP.VMCALL: R10 = 0x1af7e4909 (VMware's
 * vendor leaf), R11 = 1, R12 magic, RBX in1, R13 cmd, RDX in3, RSI in4, RDI
 * in5, R15 = 0 (CPL); out: R12 EAX, RBX out1, R13 out2, RDX out3, RSI out4,
 * RDI out5.  Inputs a call shape lacks are 0, as upstream passes them.
 */
static const struct vmw_expect vmw_expect_tdx = {
	.seen = {
		{ FHV_AX, 0 }, { FHV_R10, 0x1af7e4909 }, { FHV_R11, 1 },
		{ FHV_R12, 0x564d5868 }, { FHV_BX, 0x11111111 },
		{ FHV_R13, 0x0003002a },
		{ FHV_DX, 0x33335a5a, VMW_IN3 }, { FHV_DX, 0, ~VMW_IN3 },
		{ FHV_SI, 0x44444444, VMW_IN45 }, { FHV_SI, 0, ~VMW_IN45 },
		{ FHV_DI, 0x55555555, VMW_IN45 }, { FHV_DI, 0, ~VMW_IN45 },
		{ FHV_R15, 0 },
	},
	.answer = {
		{ FHV_AX, FAKE_HV_TDX_R12 }, { FHV_BX, FAKE_HV_TDX_BX },
		{ FHV_CX, FAKE_HV_TDX_R13 }, { FHV_DX, FAKE_HV_TDX_DX },
		{ FHV_SI, FAKE_HV_TDX_SI }, { FHV_DI, FAKE_HV_TDX_DI },
	},
};

static const struct vmw_case vmw_tdx_cases[] = {
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &w_hc1, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_hc1, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &w_hc3, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_hc3, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &w_hc4, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_hc4, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &w_hc5, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_hc5, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &w_hc6, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_hc6, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &w_hc7, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_hc7, &vmw_expect_tdx },
	{ HC_MODE_TDX, FAKE_HV_TDCALL, CMD, &x_checked, &vmw_expect_tdx },
};

KUNIT_ARRAY_PARAM(vmw_tdx, vmw_tdx_cases, vmw_case_desc);

static const void *vmw_tdx_ptr_gen_params(const void *prev, char *desc)
{
	const struct vmw_case *c = prev;

	do
		c = vmw_tdx_gen_params(c, desc);
	while (c && c->w->shape == VMW_CHECKED);
	return c;
}

/* TDX needs the kernel's helper, which serves only a VMware guest. */
static void vmw_tdx_require(struct kunit *test)
{
	if (!HC_HAVE_VMWARE_TDX)
		kunit_skip(test, "no vmware_tdx_hypercall(): needs 6.11+, CONFIG_INTEL_TDX_GUEST");
	if (!hypervisor_is_type(X86_HYPER_VMWARE))
		kunit_skip(test, "vmware_tdx_hypercall() serves only a kernel on VMware");
	fake_hv_require(test, FAKE_HV_TDCALL);
}

/* The simulated TDX VMM sees the backdoor call in the TDVMCALL registers. */
static void vmware_tdx_simulated_hv_sees_abi_registers(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;
	struct fake_hv *hv;

	vmw_tdx_require(test);
	hv = vmw_run(test, c, false, false, &res);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn), "tdcall");
	vmw_expect_seen(test, c, &hv->log[0].before, "seen:");
}

/* Each output pointer gets its TDVMCALL register; the call returns R12. */
static void vmware_tdx_outputs_come_from_simulated_hv(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;

	vmw_tdx_require(test);
	vmw_run(test, c, false, false, &res);
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
	vmw_expect_out(test, c, &res);
}

static void vmware_tdx_null_outputs_are_fine(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;
	int r;

	vmw_tdx_require(test);
	vmw_run(test, c, false, true, &res);
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
	for (r = 0; r < FHV_NR_REGS; r++)
		KUNIT_EXPECT_EQ(test, res.out[r], POISON);
}

static void vmware_tdx_callee_saved_registers_survive(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;

	vmw_tdx_require(test);
	vmw_run(test, c, false, false, &res);
	KUNIT_EXPECT_EQ_MSG(test, res.changed, 0,
			    "callee-saved registers changed (bits: rbx rbp r12..r15)");
}

/*
 * Over TDX the slow path makes the call (the simulated host answers in the
 * TDVMCALL registers, which come back in the backdoor's), says 0, and
 * keeps the other registers.
 */
static void vmware_tdx_slow_path_keeps_other_registers(struct kunit *test)
{
	static const struct hc_vmware_regs want = {
		.ax = FAKE_HV_TDX_R12, .bx = FAKE_HV_TDX_BX,
		.cx = FAKE_HV_TDX_R13, .dx = FAKE_HV_TDX_DX,
		.si = FAKE_HV_TDX_SI, .di = FAKE_HV_TDX_DI,
	};
	struct hc_vmware_regs r;
	struct fake_hv *hv;

	vmw_tdx_require(test);
	KUNIT_EXPECT_EQ(test, vmw_slow_run(test, HC_MODE_TDX, &r, &hv), 0);
	KUNIT_EXPECT_EQ(test, hv->calls, 1);
	vmw_expect_regs(test, &r, &want);
}

/*
 * A command outside bits 6:0 and 19:16 cannot go over TDX: refused with
 * -EINVAL (HC_VMW_ERROR for the upstream forms) before the host sees it.
 */
static void vmware_tdx_refuses_command_out_of_range(struct kunit *test)
{
	const unsigned long cmd = CMD | BIT(8);
	struct hc_vmware_regs regs = { .bx = IN1, .cx = cmd };
	u32 out1 = POISON;
	struct fake_hv *hv;

	vmw_tdx_require(test);
	vmw_select(test, HC_MODE_TDX);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	KUNIT_EXPECT_EQ(test, hypercall_vmware_call(&regs), -EINVAL);
	KUNIT_EXPECT_EQ(test, regs.bx, IN1);
	KUNIT_EXPECT_EQ(test, regs.cx, cmd);
	KUNIT_EXPECT_EQ(test, hc_vmware_hypercall3(cmd, IN1, &out1, NULL),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, vmware_hypercall3(cmd, IN1, &out1, NULL),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, out1, POISON);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
}

/*
 * vmware_tdx_hypercall() serves only a kernel that runs as a VMware guest:
 * elsewhere (booted with nopv, or a TDX guest of another hypervisor) it
 * writes no output and returns ULONG_MAX.  With the TDX transport selected
 * on such a kernel every call fails, -ENODEV or HC_VMW_ERROR, writes no
 * output and reaches no host.  Runs where the kernel is not on VMware (the
 * tcg profile).
 */
static void vmware_tdx_needs_the_kernels_vmware_type(struct kunit *test)
{
	struct hc_vmware_regs regs = vmw_untouched;
	u32 out[3] = { POISON, POISON, POISON };
	struct fake_hv *hv;
	int i;

	if (!HC_HAVE_VMWARE_TDX)
		kunit_skip(test, "no vmware_tdx_hypercall(): needs 6.11+, CONFIG_INTEL_TDX_GUEST");
	if (hypervisor_is_type(X86_HYPER_VMWARE))
		kunit_skip(test, "the kernel runs on VMware here (the tcg profile runs this test)");
	vmw_select(test, HC_MODE_TDX);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);

	KUNIT_EXPECT_EQ(test, hypercall_vmware_call(&regs), -ENODEV);
	vmw_expect_regs(test, &regs, &vmw_untouched);
	KUNIT_EXPECT_EQ(test, hc_vmware_hypercall3(CMD, IN1, &out[0], &out[1]),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, vmware_hypercall4(CMD, IN1, &out[0], &out[1],
						&out[2]),
			HC_VMW_ERROR);
	for (i = 0; i < ARRAY_SIZE(out); i++)
		KUNIT_EXPECT_EQ_MSG(test, out[i], POISON, "out%d written",
				    i + 1);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
}

/*
 * A high-bandwidth call each way fails, HC_VMW_ERROR, and writes no output:
 * guest to host (inline) with its buffer at @out_buf, host to guest
 * (exported) with its buffer at @in_buf.
 */
static void vmw_expect_hb_fails(struct kunit *test, unsigned long out_buf,
				unsigned long in_buf)
{
	u32 out1 = POISON;

	KUNIT_EXPECT_EQ(test, hc_vmware_hypercall_hb_out(CMD, IN2, IN3, out_buf,
							 IN5, IN6, &out1),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, vmware_hypercall_hb_in(CMD, IN2, IN3, IN4, in_buf,
						     IN6, &out1),
			HC_VMW_ERROR);
	KUNIT_EXPECT_EQ(test, out1, POISON);
}

/* High bandwidth is refused over TDX, without running anything. */
static void vmware_tdx_has_no_high_bandwidth(struct kunit *test)
{
	struct fake_hv *hv;

	vmw_select(test, HC_MODE_TDX);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	vmw_expect_hb_fails(test, IN4, IN5);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
}

static struct kunit_case vmware_tdx_test_cases[] = {
	KUNIT_CASE_PARAM(vmware_tdx_simulated_hv_sees_abi_registers,
			 vmw_tdx_gen_params),
	KUNIT_CASE_PARAM(vmware_tdx_outputs_come_from_simulated_hv,
			 vmw_tdx_gen_params),
	KUNIT_CASE_PARAM(vmware_tdx_null_outputs_are_fine,
			 vmw_tdx_ptr_gen_params),
	KUNIT_CASE_PARAM(vmware_tdx_callee_saved_registers_survive,
			 vmw_tdx_gen_params),
	KUNIT_CASE(vmware_tdx_has_no_high_bandwidth),
	KUNIT_CASE(vmware_tdx_slow_path_keeps_other_registers),
	KUNIT_CASE(vmware_tdx_refuses_command_out_of_range),
	KUNIT_CASE(vmware_tdx_needs_the_kernels_vmware_type),
	{}
};

static struct kunit_suite vmware_tdx_test_suite = {
	.name = "hypercall_vmware_tdx_simulated_hv",
	.suite_init = fake_hv_register,
	.suite_exit = vmw_suite_exit,
	.test_cases = vmware_tdx_test_cases,
};

/*
 * I/O port against QEMU's real vmport (vmware and tcg profiles; also the
 * inner guest of the kvm profile).  QEMU answers GETVERSION with EAX = 6,
 * EBX = magic, ECX = 2 (ESX) and leaves the other registers alone; an
 * unknown command (QEMU implements no GETTIME, 23) gets EAX = 0xffffffff
 * and leaves every other register alone, so the inputs come back.  EDX
 * carries the port, 0x5658, in bits 15:0 and keeps in3's high word.
 */
#define CMD_UNKNOWN	0x00030017UL	/* GETTIME, sub-command 3 */

/*
 * GETVERSION: EAX 6, EBX magic, ECX 2; an unknown command: EAX 0xffffffff,
 * EBX and ECX as loaded.  Both: EDX, ESI, EDI as loaded, but for the port
 * in DX.  hypercall6 returns ESI and EDI but passes none: what it gets
 * there is whatever the registers held, so only their being written is
 * checked.
 */
static const struct vmw_expect vmw_expect_getversion = {
	.answer = {
		{ FHV_AX, 6 }, { FHV_BX, 0x564d5868 }, { FHV_CX, 2 },
		{ FHV_DX, 0x33335658, VMW_IN3 }, { FHV_DX, 0x5658, ~VMW_IN3 },
		{ FHV_SI, 0x44444444, VMW_IN45 }, { FHV_SI, ANY, ~VMW_IN45 },
		{ FHV_DI, 0x55555555, VMW_IN45 }, { FHV_DI, ANY, ~VMW_IN45 },
	},
};

static const struct vmw_expect vmw_expect_unknown = {
	.answer = {
		{ FHV_AX, 0xffffffff }, { FHV_BX, 0x11111111 },
		{ FHV_CX, 0x00030017 },
		{ FHV_DX, 0x33335658, VMW_IN3 }, { FHV_DX, 0x5658, ~VMW_IN3 },
		{ FHV_SI, 0x44444444, VMW_IN45 }, { FHV_SI, ANY, ~VMW_IN45 },
		{ FHV_DI, 0x55555555, VMW_IN45 }, { FHV_DI, ANY, ~VMW_IN45 },
	},
};

#define GETVERSION	HC_VMW_CMD_GETVERSION

static const struct vmw_case vmw_ioport_cases[] = {
	{ HC_MODE_IOPORT, 0, GETVERSION, &w_hc1, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_hc1, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &w_hc3, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_hc3, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &w_hc4, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_hc4, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &w_hc5, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_hc5, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &w_hc6, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_hc6, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &w_hc7, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_hc7, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, GETVERSION, &x_checked, &vmw_expect_getversion },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &w_hc1, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_hc1, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &w_hc3, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_hc3, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &w_hc4, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_hc4, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &w_hc5, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_hc5, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &w_hc6, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_hc6, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &w_hc7, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_hc7, &vmw_expect_unknown },
	{ HC_MODE_IOPORT, 0, CMD_UNKNOWN, &x_checked, &vmw_expect_unknown },
};

static void vmw_ioport_case_desc(const struct vmw_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%s",
		 c->cmd == GETVERSION ? "getversion" : "unknown_command",
		 c->w->name);
}

KUNIT_ARRAY_PARAM(vmw_ioport, vmw_ioport_cases, vmw_ioport_case_desc);

/*
 * Does a backdoor answer on the I/O port?  Asked with a plain inl, not with
 * the code under test: GETVERSION puts the magic in EBX.
 */
static bool vmw_ioport_answers(void)
{
	unsigned long ax = HC_VMW_MAGIC, bx = ~HC_VMW_MAGIC;
	unsigned long cx = HC_VMW_CMD_GETVERSION;
	unsigned long dx = HC_VMW_PORT;

	asm volatile("inl (%%dx), %%eax"
		     : "+a" (ax), "+b" (bx), "+c" (cx), "+d" (dx)
		     : : "rsi", "rdi", "memory");
	return (u32)bx == HC_VMW_MAGIC;
}

/* QEMU's vmport answers each call in the registers the ABI names. */
static void vmware_ioport_qemu_vmport_answers(struct kunit *test)
{
	const struct vmw_case *c = test->param_value;
	struct vmw_result res;

	if (!vmw_ioport_answers())
		kunit_skip(test, "no backdoor on I/O port 0x5658 in this guest (vmport off)");
	vmw_select(test, HC_MODE_IOPORT);
	vmw_call(c, false, false, &res);
	KUNIT_EXPECT_EQ(test, res.ret, vmw_ret(c));
	vmw_expect_out(test, c, &res);
}

static void vmw_vfree(void *area)
{
	vfree(area);
}

/*
 * A high-bandwidth call whose buffer is not mapped takes a page fault in
 * the string instruction, before any byte moves: rep outsb reads its
 * source before it writes the port, and QEMU writes rep insb's destination
 * before it reads the port (gen_ins(), target/i386/tcg/translate.c: "we
 * must do this dummy write first to be restartable in case of page
 * fault").  That is the caller's buffer, not a transport the machine lacks:
 * -EFAULT (HC_VMW_ERROR for the upstream forms), counted in
 * vmware_buffer_faults, not in vmware_faults.  The buffer is the guard page
 * after a vmalloc() area.
 */
static void vmware_ioport_hb_buffer_fault_is_efault(struct kunit *test)
{
	long faults, buffer_faults;
	struct hc_vmware_regs r;
	unsigned long guard;
	void *area;

	if (!vmw_ioport_answers())
		kunit_skip(test, "no backdoor on I/O port 0x5658 in this guest (vmport off)");
	area = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vmw_vfree, area),
			0);
	guard = (unsigned long)area + PAGE_SIZE;
	vmw_select(test, HC_MODE_IOPORT);
	faults = vmw_faults();
	buffer_faults = atomic_long_read(&hc_state.vmware_buffer_faults);

	r = (struct hc_vmware_regs) {
		.bx = CMD, .cx = IN2, .dx = IN3, .si = guard, .di = IN5,
	};
	KUNIT_EXPECT_EQ(test, __hc_vmware_hb(&r, IN6, true), -EFAULT);
	r = (struct hc_vmware_regs) {
		.bx = CMD, .cx = IN2, .dx = IN3, .si = IN4, .di = guard,
	};
	KUNIT_EXPECT_EQ(test, __hc_vmware_hb(&r, IN6, false), -EFAULT);
	vmw_expect_hb_fails(test, guard, guard);
	KUNIT_EXPECT_EQ(test, vmw_faults(), faults);
	KUNIT_EXPECT_EQ(test,
			atomic_long_read(&hc_state.vmware_buffer_faults),
			buffer_faults + 4);
}

static struct kunit_case vmware_ioport_test_cases[] = {
	KUNIT_CASE_PARAM(vmware_ioport_qemu_vmport_answers,
			 vmw_ioport_gen_params),
	KUNIT_CASE(vmware_ioport_hb_buffer_fault_is_efault),
	{}
};

static struct kunit_suite vmware_ioport_test_suite = {
	.name = "hypercall_vmware_ioport",
	.suite_exit = vmw_restore,
	.test_cases = vmware_ioport_test_cases,
};

kunit_test_suites(&vmware_test_suite, &vmware_tdx_test_suite,
		  &vmware_ioport_test_suite);

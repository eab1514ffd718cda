// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the SIMULATED hypervisor (fake_hv) itself.
 *
 * The register-mapping suites trust the fixture to record what the guest
 * passed and to answer exactly as the ABI allows.  These cases hold it to
 * that with raw instructions, every register loaded with a known value, and
 * check that it never answers a #UD that is not the test's own.
 */

#include <kunit/test.h>
#include <linux/workqueue.h>

#include "fake_hv.h"

/* What the raw instruction runs with: 0x0f0f0000 + register number. */
#define IN(reg)		(0x0f0f0000UL + (reg))

/*
 * The registers the simulated hypervisor writes, and their values, written
 * out by hand; every other register keeps what the guest loaded.
 */
struct answer_case {
	const char *name;
	enum fake_hv_insn insn;
	fake_hv_handler handler;
	unsigned long dx;		/* DX input (bit 0: VMware HB flag) */
	struct fake_hv_reg_val writes[FHV_NR_REGS];
};

static const struct answer_case answer_cases[] = {
	{ .name = "vmcall_vmware_low_bandwidth", .insn = FAKE_HV_VMCALL,
	  .handler = fake_hv_vmware, .dx = 0x0f0f0000,
	  .writes = { { FHV_AX, 0xaa00aa01 }, { FHV_BX, 0xbb00bb02 },
		      { FHV_CX, 0xcc00cc03 }, { FHV_DX, 0xdd00dd04 },
		      { FHV_SI, 0xee00ee05 }, { FHV_DI, 0xff00ff06 } } },
	{ .name = "vmmcall_vmware_high_bandwidth_also_ebp",
	  .insn = FAKE_HV_VMMCALL, .handler = fake_hv_vmware, .dx = 0x0f0f0001,
	  .writes = { { FHV_AX, 0xaa00aa01 }, { FHV_BX, 0xbb00bb02 },
		      { FHV_CX, 0xcc00cc03 }, { FHV_DX, 0xdd00dd04 },
		      { FHV_SI, 0xee00ee05 }, { FHV_DI, 0xff00ff06 },
		      { FHV_BP, 0x99009907 } } },
	{ .name = "vmcall_kvm_only_rax", .insn = FAKE_HV_VMCALL,
	  .handler = fake_hv_kvm, .dx = 0x0f0f0004,
	  .writes = { { FHV_AX, 0x7a6b5c4d3e2f1001 } } },
	{ .name = "vmmcall_kvm_only_rax", .insn = FAKE_HV_VMMCALL,
	  .handler = fake_hv_kvm, .dx = 0x0f0f0004,
	  .writes = { { FHV_AX, 0x7a6b5c4d3e2f1001 } } },
	/* TDG.VP.VMCALL: RAX = 0, exposed registers answered, RCX, RBP kept */
	{ .name = "tdcall_tdvmcall_exposed_registers", .insn = FAKE_HV_TDCALL,
	  .handler = fake_hv_kvm, .dx = 0x0f0f0004,
	  .writes = { { FHV_AX, 0 }, { FHV_BX, 0xbb00bb02 },
		      { FHV_DX, 0xdd00dd04 }, { FHV_SI, 0xee00ee05 },
		      { FHV_DI, 0xff00ff06 }, { FHV_R8, 0x88008808 },
		      { FHV_R9, 0x89008909 }, { FHV_R10, 0x10001010 },
		      { FHV_R11, 0x11001111 }, { FHV_R12, 0x12001212 },
		      { FHV_R13, 0x13001313 }, { FHV_R14, 0x14001414 },
		      { FHV_R15, 0x15001515 } } },
};

/* What @c's guest loads in register @r (see load_inputs()) */
static unsigned long answer_loaded(const struct answer_case *c, int r)
{
	return r == FHV_DX ? c->dx : IN(r);
}

/* Register @r after @c's instruction: written, or as the guest loaded it */
static unsigned long answer_after(const struct answer_case *c, int r)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(c->writes) && c->writes[i].reg; i++)
		if (c->writes[i].reg == r)
			return c->writes[i].val;
	return answer_loaded(c, r);
}

static void answer_case_desc(const struct answer_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(answer, answer_cases, answer_case_desc);

static void load_inputs(unsigned long *regs, unsigned long dx)
{
	int r;

	for (r = FHV_AX; r < FHV_NR_REGS; r++)
		regs[r] = IN(r);
	regs[FHV_DX] = dx;
}

/*
 * Arm the simulated hypervisor with @c's handler and run @c's instruction
 * with its inputs; @regs: what came back.
 */
static struct fake_hv *answer_run(struct kunit *test,
				  const struct answer_case *c,
				  unsigned long *regs)
{
	struct fake_hv *hv;

	fake_hv_require(test, c->insn);
	hv = fake_hv_arm(test, c->handler, NULL);
	load_inputs(regs, c->dx);
	KUNIT_ASSERT_EQ(test, fake_hv_exec(c->insn, regs), 0);
	KUNIT_ASSERT_EQ(test, hv->calls, 1);
	return hv;
}

/* It records the instruction and every register the guest loaded. */
static void fake_hv_records_what_it_saw(struct kunit *test)
{
	const struct answer_case *c = test->param_value;
	unsigned long regs[FHV_NR_REGS];
	struct fake_hv *hv;
	int r;

	hv = answer_run(test, c, regs);
	KUNIT_EXPECT_STREQ(test, fake_hv_insn_name(hv->log[0].insn),
			   fake_hv_insn_name(c->insn));
	for (r = FHV_AX; r < FHV_NR_REGS; r++)
		KUNIT_EXPECT_EQ_MSG(test, fake_hv_reg(&hv->log[0].before, r),
				    answer_loaded(c, r), "%s",
				    fake_hv_reg_name(r));
}

/*
 * It writes exactly the registers the ABI lets the hypervisor write, and
 * the guest resumes after the instruction with them.
 */
static void fake_hv_answers_as_the_abi_allows(struct kunit *test)
{
	const struct answer_case *c = test->param_value;
	unsigned long regs[FHV_NR_REGS];
	struct fake_hv *hv;
	int r;

	hv = answer_run(test, c, regs);
	for (r = FHV_AX; r < FHV_NR_REGS; r++) {
		KUNIT_EXPECT_EQ_MSG(test, regs[r], answer_after(c, r), "%s",
				    fake_hv_reg_name(r));
		KUNIT_EXPECT_EQ_MSG(test, fake_hv_reg(&hv->log[0].after, r),
				    answer_after(c, r), "%s in the log",
				    fake_hv_reg_name(r));
	}
}

/* Disarmed, it lets the #UD reach the exception fixup. */
static void fake_hv_disarmed_leaves_ud_to_fixup(struct kunit *test)
{
	unsigned long regs[FHV_NR_REGS];
	struct fake_hv *hv;

	fake_hv_require(test, FAKE_HV_VMCALL);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	fake_hv_disarm();
	load_inputs(regs, IN(FHV_DX));
	KUNIT_EXPECT_EQ(test, fake_hv_exec(FAKE_HV_VMCALL, regs), 1);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
	KUNIT_EXPECT_EQ(test, regs[FHV_AX], IN(FHV_AX));
}

/* Armed, it leaves every other invalid opcode (here UD0) alone. */
static void fake_hv_ignores_other_invalid_opcodes(struct kunit *test)
{
	unsigned long regs[FHV_NR_REGS];
	struct fake_hv *hv;

	fake_hv_require(test, FAKE_HV_VMCALL);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	load_inputs(regs, IN(FHV_DX));
	KUNIT_EXPECT_EQ(test, fake_hv_exec_ud0(regs), 1);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
	KUNIT_EXPECT_EQ(test, regs[FHV_AX], IN(FHV_AX));
}

struct other_task {
	struct work_struct work;
	unsigned long regs[FHV_NR_REGS];
	unsigned long fault;
};

static void other_task_vmcall(struct work_struct *work)
{
	struct other_task *o = container_of(work, struct other_task, work);

	o->fault = fake_hv_exec(FAKE_HV_VMCALL, o->regs);
}

/* Armed by one task, it leaves another task's vmcall to the fixup. */
static void fake_hv_ignores_other_tasks(struct kunit *test)
{
	struct other_task o = {};
	struct fake_hv *hv;

	fake_hv_require(test, FAKE_HV_VMCALL);
	hv = fake_hv_arm(test, fake_hv_vmware, NULL);
	load_inputs(o.regs, IN(FHV_DX));
	INIT_WORK_ONSTACK(&o.work, other_task_vmcall);
	schedule_work(&o.work);
	flush_work(&o.work);
	destroy_work_on_stack(&o.work);

	KUNIT_EXPECT_EQ(test, o.fault, 1);
	KUNIT_EXPECT_EQ(test, hv->calls, 0);
	KUNIT_EXPECT_EQ(test, o.regs[FHV_AX], IN(FHV_AX));
}

static struct kunit_case fake_hv_test_cases[] = {
	KUNIT_CASE_PARAM(fake_hv_records_what_it_saw, answer_gen_params),
	KUNIT_CASE_PARAM(fake_hv_answers_as_the_abi_allows, answer_gen_params),
	KUNIT_CASE(fake_hv_disarmed_leaves_ud_to_fixup),
	KUNIT_CASE(fake_hv_ignores_other_invalid_opcodes),
	KUNIT_CASE(fake_hv_ignores_other_tasks),
	{}
};

static struct kunit_suite fake_hv_test_suite = {
	.name = "hypercall_simulated_hv",
	.suite_init = fake_hv_register,
	.suite_exit = fake_hv_unregister,
	.test_cases = fake_hv_test_cases,
};

kunit_test_suite(fake_hv_test_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * fake_hv: a SIMULATED hypervisor for KUnit, playing the peer of vmcall,
 * vmmcall and tdcall where they raise #UD.  See fake_hv.h.
 */

#include <kunit/test.h>
#include <linux/compiler.h>
#include <linux/kdebug.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/cpufeature.h>
#include <asm/hypervisor.h>
#include <asm/kvm_para.h>
#include <asm/trapnr.h>

#include "fake_hv.h"

/* What calibration found out about an instruction. */
enum fake_hv_cal {
	FAKE_HV_CAL_UNKNOWN,	/* not calibrated: the suite did not register */
	FAKE_HV_CAL_TRAPS,	/* raises #UD: the simulated hypervisor answers */
	FAKE_HV_CAL_KVM,	/* real KVM would execute it: not even tried */
	FAKE_HV_CAL_TDX,	/* a real TDX module would execute it */
	FAKE_HV_CAL_RUNS,	/* something real executed it */
	FAKE_HV_CAL_BROKEN,	/* it faulted, but the fixture did not see it */
};

static struct fake_hv fake_hv;
/* The task the fixture is armed for; NULL when disarmed. */
static struct task_struct *fake_hv_task;
/* Other tasks the test lets it answer (fake_hv_allow_task()) */
static struct task_struct *fake_hv_helpers[FAKE_HV_HELPERS];
/* Serializes answers when helper tasks run on other CPUs */
static DEFINE_RAW_SPINLOCK(fake_hv_answer_lock);
static enum fake_hv_cal fake_hv_cal[FAKE_HV_NR_INSNS];
static DEFINE_MUTEX(fake_hv_lock);
static unsigned int fake_hv_users;

const char *fake_hv_insn_name(enum fake_hv_insn insn)
{
	switch (insn) {
	case FAKE_HV_VMCALL:
		return "vmcall";
	case FAKE_HV_VMMCALL:
		return "vmmcall";
	case FAKE_HV_TDCALL:
		return "tdcall";
	default:
		return "none";
	}
}

const char *fake_hv_reg_name(enum fake_hv_reg reg)
{
	static const char *const names[FHV_NR_REGS] = {
		[FHV_AX] = "rax", [FHV_BX] = "rbx", [FHV_CX] = "rcx",
		[FHV_DX] = "rdx", [FHV_SI] = "rsi", [FHV_DI] = "rdi",
		[FHV_BP] = "rbp", [FHV_R8] = "r8", [FHV_R9] = "r9",
		[FHV_R10] = "r10", [FHV_R11] = "r11", [FHV_R12] = "r12",
		[FHV_R13] = "r13", [FHV_R14] = "r14", [FHV_R15] = "r15",
	};

	return reg > FHV_NONE && reg < FHV_NR_REGS ? names[reg] : "none";
}

/**
 * fake_hv_reg() - one register of a pt_regs, by enum fake_hv_reg
 * @regs: the registers
 * @reg: which one
 *
 * Return: its value (0 for FHV_NONE).
 */
unsigned long fake_hv_reg(const struct pt_regs *regs, enum fake_hv_reg reg)
{
	switch (reg) {
	case FHV_AX: return regs->ax;
	case FHV_BX: return regs->bx;
	case FHV_CX: return regs->cx;
	case FHV_DX: return regs->dx;
	case FHV_SI: return regs->si;
	case FHV_DI: return regs->di;
	case FHV_BP: return regs->bp;
	case FHV_R8: return regs->r8;
	case FHV_R9: return regs->r9;
	case FHV_R10: return regs->r10;
	case FHV_R11: return regs->r11;
	case FHV_R12: return regs->r12;
	case FHV_R13: return regs->r13;
	case FHV_R14: return regs->r14;
	case FHV_R15: return regs->r15;
	default: return 0;
	}
}

/* Which of our instructions is at @ip, and its length; FAKE_HV_NONE if none. */
static enum fake_hv_insn fake_hv_decode(unsigned long ip, unsigned int *len)
{
	u8 b[4];

	if (copy_from_kernel_nofault(b, (void *)ip, 3))
		return FAKE_HV_NONE;
	if (b[0] == 0x0f && b[1] == 0x01 && b[2] == 0xc1) {
		*len = 3;
		return FAKE_HV_VMCALL;
	}
	if (b[0] == 0x0f && b[1] == 0x01 && b[2] == 0xd9) {
		*len = 3;
		return FAKE_HV_VMMCALL;
	}
	if (b[0] == 0x66 && b[1] == 0x0f && b[2] == 0x01 &&
	    !copy_from_kernel_nofault(b, (void *)ip, 4) && b[3] == 0xcc) {
		*len = 4;
		return FAKE_HV_TDCALL;
	}
	return FAKE_HV_NONE;
}

/* Is @task one the fixture answers now? */
static bool fake_hv_answers(struct task_struct *task)
{
	struct task_struct *armed = READ_ONCE(fake_hv_task);
	int i;

	if (!armed)
		return false;
	if (task == armed)
		return true;
	for (i = 0; i < FAKE_HV_HELPERS; i++)
		if (READ_ONCE(fake_hv_helpers[i]) == task)
			return true;
	return false;
}

/*
 * The #UD hook.  It answers only a #UD in kernel mode, in task context, on
 * the task that armed it, at the bytes of one of our instructions; for
 * anything else it steps aside and the kernel handles the #UD as usual.
 */
static int fake_hv_notify(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	struct die_args *args = data;
	struct pt_regs *regs = args->regs;
	struct fake_hv_call *call = NULL;
	enum fake_hv_insn insn;
	unsigned int len;

	if (action != DIE_TRAP || args->trapnr != X86_TRAP_UD)
		return NOTIFY_DONE;
	if (!fake_hv_answers(current) || !in_task() || user_mode(regs))
		return NOTIFY_DONE;
	insn = fake_hv_decode(regs->ip, &len);
	if (insn == FAKE_HV_NONE)
		return NOTIFY_DONE;

	/* interrupts are off here: #UD notifies before enabling them */
	raw_spin_lock(&fake_hv_answer_lock);
	if (fake_hv.calls < FAKE_HV_LOG) {
		call = &fake_hv.log[fake_hv.calls];
		call->insn = insn;
		call->ip = regs->ip;
		call->before = *regs;
	}
	if (fake_hv.handler)
		fake_hv.handler(&fake_hv, insn, regs);
	regs->ip += len;
	if (call)
		call->after = *regs;
	fake_hv.calls++;
	raw_spin_unlock(&fake_hv_answer_lock);
	return NOTIFY_STOP;
}

static struct notifier_block fake_hv_nb = {
	.notifier_call = fake_hv_notify,
};

/**
 * fake_hv_exec() - run one raw instruction with every register given
 * @insn: the instruction
 * @regs: FHV_NR_REGS values indexed by enum fake_hv_reg, loaded into the
 *        registers before the instruction and stored back after it
 *
 * The instruction has an exception-table entry: an exception it raises
 * (and nobody answers) ends it.
 *
 * Return: 0 if the instruction completed, 1 if it faulted.
 */
unsigned long fake_hv_exec(enum fake_hv_insn insn, unsigned long *regs)
{
	switch (insn) {
	case FAKE_HV_VMCALL:
		return fake_hv_exec_vmcall(regs);
	case FAKE_HV_VMMCALL:
		return fake_hv_exec_vmmcall(regs);
	case FAKE_HV_TDCALL:
		return fake_hv_exec_tdcall(regs);
	default:
		return 1;
	}
}

static void __fake_hv_arm(fake_hv_handler handler, void *priv)
{
	memset(&fake_hv, 0, sizeof(fake_hv));
	fake_hv.handler = handler;
	fake_hv.priv = priv;
	/* the notifier reads fake_hv only on this task, after this store */
	barrier();
	WRITE_ONCE(fake_hv_task, current);
}

/**
 * fake_hv_disarm() - stop answering (also done when the test ends)
 */
void fake_hv_disarm(void)
{
	int i;

	WRITE_ONCE(fake_hv_task, NULL);
	for (i = 0; i < FAKE_HV_HELPERS; i++)
		WRITE_ONCE(fake_hv_helpers[i], NULL);
}

/**
 * fake_hv_allow_task() - also answer another task's instructions
 * @test: the test, which armed the fixture
 * @task: a task the test started (a kthread), which must be done before
 *        the test ends; the fixture forgets it when disarmed
 *
 * For tests of concurrency: answers are then serialized by a spinlock, so
 * a handler sees one instruction at a time, from whichever CPU.
 */
void fake_hv_allow_task(struct kunit *test, struct task_struct *task)
{
	int i;

	KUNIT_ASSERT_NOT_NULL_MSG(test, READ_ONCE(fake_hv_task),
				  "arm the simulated hypervisor first");
	for (i = 0; i < FAKE_HV_HELPERS; i++) {
		if (!fake_hv_helpers[i]) {
			WRITE_ONCE(fake_hv_helpers[i], task);
			return;
		}
	}
	KUNIT_ASSERT_TRUE_MSG(test, false, "more than %d helper tasks",
			      FAKE_HV_HELPERS);
}

/*
 * Does @insn raise #UD here, so that the simulated hypervisor can answer
 * it?  Never run where a real hypervisor is known to execute it: real KVM
 * would run a hypercall, and on AMD rewrite a vmcall in guest memory.
 */
static enum fake_hv_cal fake_hv_calibrate(enum fake_hv_insn insn)
{
	unsigned long regs[FHV_NR_REGS] = {};
	unsigned long fault;
	unsigned int calls;
	enum fake_hv_insn seen;

	if (kvm_para_available() || hypervisor_is_type(X86_HYPER_KVM))
		return FAKE_HV_CAL_KVM;
	if (insn == FAKE_HV_TDCALL &&
	    cpu_feature_enabled(X86_FEATURE_TDX_GUEST))
		return FAKE_HV_CAL_TDX;

	__fake_hv_arm(NULL, NULL);
	fault = fake_hv_exec(insn, regs);
	calls = fake_hv.calls;
	seen = fake_hv.log[0].insn;
	fake_hv_disarm();

	if (!fault && calls == 1 && seen == insn)
		return FAKE_HV_CAL_TRAPS;
	if (!fault && !calls)
		return FAKE_HV_CAL_RUNS;
	return FAKE_HV_CAL_BROKEN;
}

/**
 * fake_hv_register() - install the simulated hypervisor (suite_init)
 * @suite: the suite (unused)
 *
 * Installs the #UD hook (once for all suites) and finds out which
 * instructions trap here.
 *
 * Return: 0, or the error of register_die_notifier().
 */
int fake_hv_register(struct kunit_suite *suite)
{
	enum fake_hv_insn insn;
	int ret = 0;

	mutex_lock(&fake_hv_lock);
	if (!fake_hv_users) {
		ret = register_die_notifier(&fake_hv_nb);
		if (!ret)
			for (insn = FAKE_HV_VMCALL; insn < FAKE_HV_NR_INSNS; insn++)
				fake_hv_cal[insn] = fake_hv_calibrate(insn);
	}
	if (!ret)
		fake_hv_users++;
	mutex_unlock(&fake_hv_lock);
	return ret;
}

/**
 * fake_hv_unregister() - remove the simulated hypervisor (suite_exit)
 * @suite: the suite (unused)
 */
void fake_hv_unregister(struct kunit_suite *suite)
{
	mutex_lock(&fake_hv_lock);
	if (fake_hv_users && !--fake_hv_users) {
		fake_hv_disarm();
		unregister_die_notifier(&fake_hv_nb);
		memset(fake_hv_cal, 0, sizeof(fake_hv_cal));
	}
	mutex_unlock(&fake_hv_lock);
}

/**
 * fake_hv_require() - skip the test unless the simulated hypervisor can
 * answer @insn here
 * @test: the test
 * @insn: the instruction the test needs answered
 *
 * Skips where a real hypervisor executes the instruction; fails the test
 * if the fixture is not installed or does not work.
 */
void fake_hv_require(struct kunit *test, enum fake_hv_insn insn)
{
	const char *name = fake_hv_insn_name(insn);

	KUNIT_ASSERT_TRUE(test, insn > FAKE_HV_NONE && insn < FAKE_HV_NR_INSNS);
	switch (fake_hv_cal[insn]) {
	case FAKE_HV_CAL_TRAPS:
		return;
	case FAKE_HV_CAL_KVM:
		kunit_skip(test, "real KVM runs %s here: no #UD for the simulated hypervisor",
			   name);
	case FAKE_HV_CAL_TDX:
		kunit_skip(test, "a TDX module runs tdcall: no #UD for the simulated hypervisor");
	case FAKE_HV_CAL_RUNS:
		kunit_skip(test, "a hypervisor ran %s here: no #UD for the simulated hypervisor",
			   name);
	case FAKE_HV_CAL_BROKEN:
		KUNIT_ASSERT_TRUE_MSG(test, false,
				      "%s faulted but the simulated hypervisor did not answer it",
				      name);
		break;
	default:
		KUNIT_ASSERT_TRUE_MSG(test, false,
				      "no simulated hypervisor: suite_init must call fake_hv_register()");
		break;
	}
}

static void fake_hv_disarm_action(void *unused)
{
	fake_hv_disarm();
}

/**
 * fake_hv_arm() - let the simulated hypervisor answer this test's calls
 * @test: the test; the fixture disarms when it ends
 * @handler: plays the hypervisor (NULL: record only, change nothing)
 * @priv: for @handler, in the returned fake_hv's @priv
 *
 * Return: the fixture, with an empty log.
 */
struct fake_hv *fake_hv_arm(struct kunit *test, fake_hv_handler handler,
			    void *priv)
{
	KUNIT_ASSERT_NE_MSG(test, fake_hv_users, 0,
			    "suite_init must call fake_hv_register()");
	KUNIT_ASSERT_NULL_MSG(test, READ_ONCE(fake_hv_task),
			      "the simulated hypervisor is already armed");
	KUNIT_ASSERT_EQ(test, kunit_add_action(test, fake_hv_disarm_action,
					       NULL), 0);
	__fake_hv_arm(handler, priv);
	return &fake_hv;
}

/**
 * fake_hv_clear() - forget the calls answered so far, stay armed
 * @hv: the fixture
 */
void fake_hv_clear(struct fake_hv *hv)
{
	hv->calls = 0;
	memset(hv->log, 0, sizeof(hv->log));
}

/**
 * fake_hv_expect_shape() - expect registers to hold the values of a list
 * @test: the test
 * @regs: the registers
 * @want: up to @n registers and their values; FHV_NONE ends the list early
 * @n: size of @want
 * @shape: the call shape: only the entries for it count
 * @what: names @regs in failure messages
 */
void fake_hv_expect_shape(struct kunit *test, const struct pt_regs *regs,
			  const struct fake_hv_reg_val *want, size_t n,
			  unsigned int shape, const char *what)
{
	size_t i;

	for (i = 0; i < n && want[i].reg != FHV_NONE; i++)
		if (fake_hv_for_shape(&want[i], shape))
			KUNIT_EXPECT_EQ_MSG(test,
					    fake_hv_reg(regs, want[i].reg),
					    want[i].val, "%s %s", what,
					    fake_hv_reg_name(want[i].reg));
}

/* The VMM's side of TDG.VP.VMCALL: the exposed registers, TDCALL success */
static void fake_hv_tdvmcall(struct pt_regs *regs)
{
	regs->ax = 0;
	regs->bx = FAKE_HV_TDX_BX;
	regs->dx = FAKE_HV_TDX_DX;
	regs->si = FAKE_HV_TDX_SI;
	regs->di = FAKE_HV_TDX_DI;
	regs->r8 = FAKE_HV_TDX_R8;
	regs->r9 = FAKE_HV_TDX_R9;
	regs->r10 = FAKE_HV_TDX_R10;
	regs->r11 = FAKE_HV_TDX_R11;
	regs->r12 = FAKE_HV_TDX_R12;
	regs->r13 = FAKE_HV_TDX_R13;
	regs->r14 = FAKE_HV_TDX_R14;
	regs->r15 = FAKE_HV_TDX_R15;
}

/**
 * fake_hv_vmware() - a simulated VMware host
 * @hv: the fixture
 * @insn: the instruction
 * @regs: the guest's registers
 *
 * Answers every backdoor call by writing every register the backdoor ABI
 * lets the host change: EAX, EBX, ECX, EDX, ESI, EDI, and for a
 * high-bandwidth call (the HB flag, bit 0 of DX) also EBP.  Over tdcall it
 * answers TDG.VP.VMCALL.
 */
void fake_hv_vmware(struct fake_hv *hv, enum fake_hv_insn insn,
		    struct pt_regs *regs)
{
	if (insn == FAKE_HV_TDCALL) {
		fake_hv_tdvmcall(regs);
		return;
	}
	if (regs->dx & 1)
		regs->bp = FAKE_HV_VMW_BP;
	regs->ax = FAKE_HV_VMW_AX;
	regs->bx = FAKE_HV_VMW_BX;
	regs->cx = FAKE_HV_VMW_CX;
	regs->dx = FAKE_HV_VMW_DX;
	regs->si = FAKE_HV_VMW_SI;
	regs->di = FAKE_HV_VMW_DI;
}

/**
 * fake_hv_kvm() - a simulated KVM host
 * @hv: the fixture
 * @insn: the instruction
 * @regs: the guest's registers
 *
 * Answers every hypercall with FAKE_HV_KVM_AX in RAX and, as KVM does,
 * changes nothing else.  Over tdcall it answers TDG.VP.VMCALL.
 */
void fake_hv_kvm(struct fake_hv *hv, enum fake_hv_insn insn,
		 struct pt_regs *regs)
{
	if (insn == FAKE_HV_TDCALL) {
		fake_hv_tdvmcall(regs);
		return;
	}
	regs->ax = FAKE_HV_KVM_AX;
}

/**
 * fake_hv_palacios() - a simulated Palacios host
 * @hv: the fixture
 * @insn: the instruction (vmcall or vmmcall: Palacios handles both the
 *        same, advancing RIP by 3)
 * @regs: the guest's registers
 *
 * Palacios's dispatch, v3_handle_hypercall() in vmm_hypercall.c: the id is
 * the low 32 bits of RAX; its only handler here is TEST_HCALL (1), which
 * sets RBX, RCX, RDX, RSI, RDI to 0x1111 .. 0x5555 and leaves RAX alone;
 * an id without a handler gets RAX = -1 and nothing else changes.
 */
void fake_hv_palacios(struct fake_hv *hv, enum fake_hv_insn insn,
		      struct pt_regs *regs)
{
	if ((u32)regs->ax != FAKE_HV_PALACIOS_TEST_ID) {
		regs->ax = -1UL;
		return;
	}
	regs->bx = FAKE_HV_PALACIOS_BX;
	regs->cx = FAKE_HV_PALACIOS_CX;
	regs->dx = FAKE_HV_PALACIOS_DX;
	regs->si = FAKE_HV_PALACIOS_SI;
	regs->di = FAKE_HV_PALACIOS_DI;
}

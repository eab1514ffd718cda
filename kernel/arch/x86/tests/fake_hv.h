/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fake_hv: a SIMULATED hypervisor for KUnit, living inside the guest.
 *
 * Under TCG (and on bare metal) vmcall, vmmcall and tdcall raise #UD in
 * ring 0.  While a test has the fixture armed, a die notifier catches that
 * #UD, decodes the instruction at regs->ip, records which instruction ran
 * and every register it saw, lets a handler play the hypervisor by writing
 * the registers, steps over the instruction and resumes.  The production
 * code under test thus runs its real instruction bytes and its real
 * register constraints; only the peer is simulated.
 *
 * The fixture never swallows a #UD that is not the test's: it acts only
 * while armed, only on the task that armed it, only in task context, only
 * in kernel mode, and only on the exact bytes of vmcall (0f 01 c1),
 * vmmcall (0f 01 d9) or tdcall (66 0f 01 cc).  Anything else goes on to the
 * kernel's normal #UD handling (exception fixup, or an oops).
 *
 * Where a real hypervisor executes the instruction (the nested KVM guest)
 * nothing traps and the fixture cannot play the peer: fake_hv_require()
 * skips the test there, with the reason.
 *
 * Use:
 *	suite .suite_init = fake_hv_register, .suite_exit = fake_hv_unregister
 *	in a test:
 *		fake_hv_require(test, FAKE_HV_VMCALL);
 *		hv = fake_hv_arm(test, fake_hv_vmware, NULL);
 *		... call the code under test ...
 *		KUNIT_EXPECT_EQ(test, hv->calls, 1);
 *		KUNIT_EXPECT_EQ(test, hv->log[0].before.cx, ...);
 *
 * A test may install its own handler (a stateful fake VMware host for
 * GuestRPC, say): it runs in exception context with interrupts off, on the
 * test's task (or a helper task the test allowed), and must not sleep.
 */
#ifndef _HYPERCALL_TESTS_FAKE_HV_H
#define _HYPERCALL_TESTS_FAKE_HV_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/types.h>
#include <asm/ptrace.h>

struct kunit;
struct kunit_suite;
struct task_struct;

/**
 * enum fake_hv_insn - the instructions the simulated hypervisor answers
 * @FAKE_HV_NONE: none (nothing trapped)
 * @FAKE_HV_VMCALL: vmcall, 0f 01 c1 (Intel VMX)
 * @FAKE_HV_VMMCALL: vmmcall, 0f 01 d9 (AMD SVM)
 * @FAKE_HV_TDCALL: tdcall, 66 0f 01 cc (Intel TDX)
 * @FAKE_HV_NR_INSNS: number of values
 */
enum fake_hv_insn {
	FAKE_HV_NONE,
	FAKE_HV_VMCALL,
	FAKE_HV_VMMCALL,
	FAKE_HV_TDCALL,
	FAKE_HV_NR_INSNS
};

/*
 * General-purpose registers, for tables of expected values (0: none), and
 * the index of each in the arrays of fake_hv_exec() (fake_hv_asm.S).
 */
enum fake_hv_reg {
	FHV_NONE,
	FHV_AX, FHV_BX, FHV_CX, FHV_DX, FHV_SI, FHV_DI, FHV_BP,
	FHV_R8, FHV_R9, FHV_R10, FHV_R11, FHV_R12, FHV_R13, FHV_R14, FHV_R15,
	FHV_NR_REGS
};

static_assert(FHV_AX == 1 && FHV_DI == 6 && FHV_BP == 7 && FHV_R8 == 8 &&
	      FHV_R15 == 15);

/*
 * What the simulated hypervisor answers.  Each value is distinct, and none
 * equals an input the tests use, so a register that was not written, or
 * was read from the wrong place, shows.
 *
 * VMware backdoor, low bandwidth (vmcall/vmmcall): EAX..EDI.  High
 * bandwidth (HB flag in DX) also EBP.  32-bit values, as the backdoor's
 * registers are 32 bits wide.
 */
#define FAKE_HV_VMW_AX		0xaa00aa01UL
#define FAKE_HV_VMW_BX		0xbb00bb02UL
#define FAKE_HV_VMW_CX		0xcc00cc03UL
#define FAKE_HV_VMW_DX		0xdd00dd04UL
#define FAKE_HV_VMW_SI		0xee00ee05UL
#define FAKE_HV_VMW_DI		0xff00ff06UL
#define FAKE_HV_VMW_BP		0x99009907UL

/* KVM hypercall (vmcall/vmmcall): RAX only; a full 64-bit value */
#define FAKE_HV_KVM_AX		0x7a6b5c4d3e2f1001UL

/*
 * Palacios (vmcall/vmmcall): TEST_HCALL, id 1, sets RBX..RDI to these and
 * leaves RAX as it was; an id without a handler gets RAX = -1, all 64 bits
 * (palacios/src/palacios/vmm_hypercall.c: hcall_test(),
 * v3_handle_hypercall()).  Palacios's own values, so not distinct from each
 * other's pattern: the tests' inputs are 64-bit values none of these is.
 */
#define FAKE_HV_PALACIOS_TEST_ID	1
#define FAKE_HV_PALACIOS_BX		0x1111UL
#define FAKE_HV_PALACIOS_CX		0x2222UL
#define FAKE_HV_PALACIOS_DX		0x3333UL
#define FAKE_HV_PALACIOS_SI		0x4444UL
#define FAKE_HV_PALACIOS_DI		0x5555UL

/*
 * TDG.VP.VMCALL (tdcall with RAX = 0): RAX = 0, the TDCALL succeeded; the
 * registers the guest exposes to the VMM (RBX, RDX, RSI, RDI, R8..R15, see
 * TDVMCALL_EXPOSE_REGS_MASK) get the VMM's answers.  R10 is the TDVMCALL
 * status, and what tdx_kvm_hypercall() returns; for the VMware backdoor
 * R12 is EAX and R13 is ECX.
 */
#define FAKE_HV_TDX_BX		0xbb00bb02UL
#define FAKE_HV_TDX_DX		0xdd00dd04UL
#define FAKE_HV_TDX_SI		0xee00ee05UL
#define FAKE_HV_TDX_DI		0xff00ff06UL
#define FAKE_HV_TDX_R8		0x88008808UL
#define FAKE_HV_TDX_R9		0x89008909UL
#define FAKE_HV_TDX_R10		0x10001010UL
#define FAKE_HV_TDX_R11		0x11001111UL
#define FAKE_HV_TDX_R12		0x12001212UL
#define FAKE_HV_TDX_R13		0x13001313UL
#define FAKE_HV_TDX_R14		0x14001414UL
#define FAKE_HV_TDX_R15		0x15001515UL

#define FAKE_HV_LOG	4	/* calls recorded per arming */
#define FAKE_HV_HELPERS	4	/* other tasks a test may let it answer */

/**
 * struct fake_hv_call - one instruction the simulated hypervisor answered
 * @insn: which instruction
 * @ip: its address
 * @before: the registers when it trapped (what the hypervisor saw)
 * @after: the registers it resumed with (what the guest got back)
 */
struct fake_hv_call {
	enum fake_hv_insn insn;
	unsigned long ip;
	struct pt_regs before;
	struct pt_regs after;
};

struct fake_hv;

/**
 * typedef fake_hv_handler - play the hypervisor for one instruction
 * @hv: the fixture (@hv->priv belongs to the test)
 * @insn: the instruction that trapped
 * @regs: the guest's registers: read the inputs, write the outputs
 *
 * Called in exception context, interrupts off: must not sleep.
 */
typedef void (*fake_hv_handler)(struct fake_hv *hv, enum fake_hv_insn insn,
				struct pt_regs *regs);

/**
 * struct fake_hv - the simulated hypervisor's state while armed
 * @handler: plays the hypervisor
 * @priv: the test's, for @handler
 * @calls: instructions answered since arming (also those past @log)
 * @log: the first FAKE_HV_LOG of them
 */
struct fake_hv {
	fake_hv_handler handler;
	void *priv;
	unsigned int calls;
	struct fake_hv_call log[FAKE_HV_LOG];
};

/**
 * struct fake_hv_reg_val - a register and the value it must hold
 * @reg: the register (FHV_NONE ends a list)
 * @val: the value
 * @shapes: in a list for several call shapes (an enum of the test's), the
 *          shapes it is for, BIT(shape) each; 0: every shape
 */
struct fake_hv_reg_val {
	enum fake_hv_reg reg;
	unsigned long val;
	unsigned long shapes;
};

/* Is @v for calls of @shape? */
static inline bool fake_hv_for_shape(const struct fake_hv_reg_val *v,
				     unsigned int shape)
{
	return !v->shapes || v->shapes & BIT(shape);
}

int fake_hv_register(struct kunit_suite *suite);
void fake_hv_unregister(struct kunit_suite *suite);

void fake_hv_require(struct kunit *test, enum fake_hv_insn insn);
struct fake_hv *fake_hv_arm(struct kunit *test, fake_hv_handler handler,
			    void *priv);
void fake_hv_disarm(void);
void fake_hv_allow_task(struct kunit *test, struct task_struct *task);
void fake_hv_clear(struct fake_hv *hv);
void fake_hv_expect_shape(struct kunit *test, const struct pt_regs *regs,
			  const struct fake_hv_reg_val *want, size_t n,
			  unsigned int shape, const char *what);

/* fake_hv_expect_shape() for a list of one call shape (no @shapes set) */
static inline void fake_hv_expect_regs(struct kunit *test,
				       const struct pt_regs *regs,
				       const struct fake_hv_reg_val *want,
				       size_t n, const char *what)
{
	fake_hv_expect_shape(test, regs, want, n, 0, what);
}

unsigned long fake_hv_reg(const struct pt_regs *regs, enum fake_hv_reg reg);
unsigned long fake_hv_exec(enum fake_hv_insn insn, unsigned long *regs);

/*
 * Raw instructions (fake_hv_asm.S): every general-purpose register but RSP
 * loaded from @regs[FHV_AX..FHV_R15] and stored back after; 1 if the
 * instruction faulted.  fake_hv_exec() picks one by enum fake_hv_insn.
 */
unsigned long fake_hv_exec_vmcall(unsigned long *regs);
unsigned long fake_hv_exec_vmmcall(unsigned long *regs);
unsigned long fake_hv_exec_tdcall(unsigned long *regs);
unsigned long fake_hv_exec_ud0(unsigned long *regs);
const char *fake_hv_insn_name(enum fake_hv_insn insn);
const char *fake_hv_reg_name(enum fake_hv_reg reg);

/*
 * Handlers: a VMware host, a KVM host (both also answer TDG.VP.VMCALL), a
 * Palacios host
 */
void fake_hv_vmware(struct fake_hv *hv, enum fake_hv_insn insn,
		    struct pt_regs *regs);
void fake_hv_kvm(struct fake_hv *hv, enum fake_hv_insn insn,
		 struct pt_regs *regs);
void fake_hv_palacios(struct fake_hv *hv, enum fake_hv_insn insn,
		      struct pt_regs *regs);

#endif /* _HYPERCALL_TESTS_FAKE_HV_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMware backdoor calls, with the transport chosen once at load time.
 *
 * Register mapping (32-bit values in 64-bit registers; the hypervisor may
 * change every register of the column, so every wrapper treats all of them
 * as clobbered):
 *
 *  Low bandwidth (LB), I/O port, vmcall and vmmcall:
 *
 *   register  in                            out
 *   EAX       HC_VMW_MAGIC                  out0 (return value)
 *   EBX       in1                           out1
 *   ECX       cmd (bits 15:0), sub-command  out2
 *   EDX       in3; bits 15:0 are replaced:  out3
 *             I/O port: 0x5658 (in)
 *             vmcall/vmmcall: flags, 0 (LB, in)
 *   ESI       in4                           out4
 *   EDI       in5                           out5
 *
 *  Over vmmcall, ESI and EDI are 0 for the shapes without in4/in5, and EBP
 *  goes as 0 and is kept: under SEV-ES the kernel hands those registers to
 *  the host (__HC_VMW_LB_VMMCALL).
 *
 *  Low bandwidth, TDX (TDG.VP.VMCALL through the kernel's
 *  vmware_tdx_hypercall(); R10 = 0x1af7e4909, R11 = 1, R15 = CPL 0):
 *
 *   register  in            out
 *   R12       HC_VMW_MAGIC  out0
 *   RBX       in1           out1
 *   R13       cmd           out2
 *   RDX       in3           out3
 *   RSI       in4           out4
 *   RDI       in5           out5
 *
 *  High bandwidth (HB), I/O port (rep outsb / rep insb), vmcall, vmmcall:
 *
 *   register  in                                out
 *   EAX       HC_VMW_MAGIC                      out0 (return value)
 *   EBX       cmd (HB command, status in 31:16) out1
 *   ECX       in2: byte count                   -
 *   EDX       in3; bits 15:0 are replaced:      -
 *             I/O port: 0x5659
 *             vmcall/vmmcall: HB | OUT (out), HB (in)
 *   ESI       in4: guest buffer (out), else in4 -
 *   EDI       in5: guest buffer (in), else in5  -
 *   EBP       in6                               -
 *
 * Sources: Linux 6.12 arch/x86/include/asm/vmware.h (LB, TDX, HB over the
 * I/O port), Linux 6.1 arch/x86/include/asm/vmware.h (HB over vmcall and
 * vmmcall with the HB/OUT flags in DX), open-vm-tools lib/include/
 * backdoor_def.h (commands, flags).
 *
 * Two ways to call:
 *
 * - hc_vmware_hypercall1() .. hc_vmware_hypercall7(),
 *   hc_vmware_hypercall_hb_out(), hc_vmware_hypercall_hb_in(): inline, the
 *   instruction lands in the caller, and the module loader patches the
 *   caller's sites when it loads.
 * - vmware_hypercall1() .. vmware_hypercall7(), vmware_hypercall_hb_out(),
 *   vmware_hypercall_hb_in(): the functions exported by this module, with
 *   the signatures and semantics of Linux 6.11+ <asm/vmware.h>.  On kernels
 *   older than 6.11 this header declares them.  On 6.11+ <asm/vmware.h>
 *   defines static inlines of the same names, so this header includes it and
 *   those names mean the kernel's inlines; define HC_VMWARE_EXPORTED_API
 *   before including this header (and do not include <asm/vmware.h> in that
 *   file) to call this module's exports instead.
 *
 * Both forms return HC_VMW_ERROR (ULONG_MAX) and leave the outputs alone when
 * there is no backdoor, when the command is out of range for TDX, or when
 * the instruction faulted (a forced transport that the machine does not
 * have, or a high-bandwidth buffer that is not mapped).  Unlike the
 * kernel's inlines, NULL output pointers are allowed.
 */
#ifndef _HYPERCALL_VMWARE_H
#define _HYPERCALL_VMWARE_H

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/types.h>
#include <linux/version.h>
#include <linux/objtool.h>
#include <asm/unwind_hints.h>
#include <hypercall/hypercall.h>
#include <hypercall/vmware_cmds.h>
#include <hypercall/vmware_slow.h>

#define HC_VMW_MAGIC		0x564d5868U	/* "VMXh" */
#define HC_VMW_PORT		0x5658		/* low bandwidth */
#define HC_VMW_PORT_HB		0x5659		/* high bandwidth */
#define HC_VMW_FLAG_HB		BIT(0)		/* DX flag: high bandwidth */
#define HC_VMW_FLAG_OUT		BIT(1)		/* DX flag: guest to host */
#define HC_VMW_ERROR		ULONG_MAX

/* Commands the TDX path accepts: bits 6:0 command, 19:16 sub-command */
#define HC_VMW_TDX_CMD_MASK		0xf007fUL

/* Transport keys: at most one is enabled (see <hypercall/hypercall.h>). */
DECLARE_STATIC_KEY_FALSE(__hc_vmware_ioport);
DECLARE_STATIC_KEY_FALSE(__hc_vmware_vmcall);
DECLARE_STATIC_KEY_FALSE(__hc_vmware_vmmcall);
/* Enabled when high bandwidth may run (a transport, memory not encrypted) */
DECLARE_STATIC_KEY_FALSE(__hc_vmware_hb_on);

/**
 * struct hc_vmware_regs - the registers of a low-bandwidth call
 * @ax: EAX (the magic on the way in)
 * @bx: EBX
 * @cx: ECX (the command on the way in)
 * @dx: EDX
 * @si: ESI
 * @di: EDI
 */
struct hc_vmware_regs {
	unsigned long ax, bx, cx, dx, si, di;
};

/*
 * RBP around an instruction whose host may read or write it: saved, set by
 * @set_rbp (an instruction), restored after the instruction and its fixup
 * (@insn ends at the fixup's label).  RBP may be the frame pointer: on 6.4+
 * unwind hints tell objtool and the unwinder that it is not one in between;
 * the objtool of older kernels rejects that combination of hints, and
 * validates the plain push/pop on its own.  An asm statement using it must
 * not take an operand in RBP.
 */
#if defined(UNWIND_HINT_UNDEFINED)		/* Linux 6.4+ */
#define __HC_UNWIND_SAVE	UNWIND_HINT_SAVE
#define __HC_UNWIND_UNDEFINED	UNWIND_HINT_UNDEFINED
#define __HC_UNWIND_RESTORE	UNWIND_HINT_RESTORE
#else
#define __HC_UNWIND_SAVE	""
#define __HC_UNWIND_UNDEFINED	""
#define __HC_UNWIND_RESTORE	""
#endif

#define __HC_WITH_RBP(set_rbp, insn)					\
	__HC_UNWIND_SAVE						\
	"push %%rbp\n\t"						\
	__HC_UNWIND_UNDEFINED						\
	set_rbp "\n\t"							\
	insn "\n\t"							\
	"pop %%rbp\n\t"							\
	__HC_UNWIND_RESTORE

/* The port is in DX already (see __hc_vmware_lb()). */
#define __HC_VMW_LB_IOPORT	"1: inl (%%dx), %%eax"

/*
 * vmmcall, the instruction of SEV-ES and SNP guests.  There the host sees
 * only what the kernel's VMware #VC hooks (vmware_sev_es_hcall_prepare()
 * and _finish() in arch/x86/kernel/cpu/vmware.c, Linux 5.10+) copy through
 * the GHCB: RAX, RBX, RCX, RDX, RSI, RDI and RBP to the host, and all of
 * them back.  So RBP goes to the host as 0 and comes back as it was,
 * whatever the host answers in it; ESI and EDI go as 0 where the call shape
 * has no in4/in5 (__hc_vmware_lb()).  Nothing else of the kernel's reaches
 * the host.  Elsewhere the host can read every register anyway, and the
 * backdoor ABI has it write only EAX..EDI: the other sites cost nothing.
 */
#define __HC_VMW_LB_VMMCALL						\
	__HC_WITH_RBP("xor %%ebp, %%ebp", __HC_INSN_SAFE(__HC_VMMCALL))

/*
 * One low-bandwidth call through @insn (with its fixup).  @in holds the
 * inputs (bx, cx, dx; si and di only where @extra passes them), @out
 * receives all six registers.  Where they are different objects, the
 * compiler keeps both in registers; where the asm wrote the caller's struct
 * directly, GCC kept part of it on the stack and stored registers there
 * after every call.  The fault flag is R8, declared here: never RBP, which
 * the vmmcall site restores after the flag is set.
 */
#define __HC_VMW_LB_ASM(insn, out, in, fault, extra...)		\
do {									\
	register unsigned long __hc_flag asm("r8");			\
									\
	asm volatile(insn						\
		     : "=a" ((out)->ax), "=b" ((out)->bx),		\
		       "=c" ((out)->cx), "=d" ((out)->dx),		\
		       "=S" ((out)->si), "=D" ((out)->di),		\
		       [fault] "=r" (__hc_flag)				\
		     : "a" (HC_VMW_MAGIC), "b" ((in)->bx), "c" ((in)->cx),	\
		       "d" ((in)->dx), ##extra				\
		     : "cc", "memory");					\
	(fault) = __hc_flag;						\
} while (0)

/*
 * TDX, or no backdoor: the call of __HC_VMW_SLOW (kernel/vmware.c,
 * vmware_slow.S) in place of the instruction, with its registers, EDX whole,
 * ESI and EDI always.  It puts its status, 0 or a negative errno, in R8,
 * declared here; @status receives it.  @extra: more output operands (the
 * KUnit suite's canaries).
 */
#define __HC_VMW_SLOW_ASM(r, status, extra...)			\
do {									\
	register unsigned long __hc_status asm("r8");			\
									\
	asm volatile("call " __stringify(__HC_VMW_SLOW)		\
		     : "=a" ((r)->ax), "=b" ((r)->bx), "=c" ((r)->cx),	\
		       "=d" ((r)->dx), "=S" ((r)->si), "=D" ((r)->di),	\
		       "=r" (__hc_status), ASM_CALL_CONSTRAINT, ##extra	\
		     : "a" (HC_VMW_MAGIC), "b" ((r)->bx), "c" ((r)->cx),	\
		       "d" ((r)->dx), "S" ((r)->si), "D" ((r)->di)	\
		     : "cc", "memory");					\
	(status) = __hc_status;						\
} while (0)

/*
 * Pass ESI and EDI only when the call shape has them, as upstream does;
 * over vmmcall pass 0 in them otherwise (see __HC_VMW_LB_VMMCALL).
 */
#define __HC_VMW_LB(insn, out, in, fault, in45)			\
do {									\
	if (in45)							\
		__HC_VMW_LB_ASM(__HC_INSN_SAFE(insn), out, in, fault,	\
				"S" ((in)->si), "D" ((in)->di));	\
	else								\
		__HC_VMW_LB_ASM(__HC_INSN_SAFE(insn), out, in, fault);	\
} while (0)

#define __HC_VMW_LB_VMMCALL_ASM(out, in, fault, in45)			\
do {									\
	if (in45)							\
		__HC_VMW_LB_ASM(__HC_VMW_LB_VMMCALL, out, in, fault,	\
				"S" ((in)->si), "D" ((in)->di));	\
	else								\
		__HC_VMW_LB_ASM(__HC_VMW_LB_VMMCALL, out, in, fault,	\
				"S" (0UL), "D" (0UL));			\
} while (0)

/*
 * __hc_vmware_lb() - one low-bandwidth call over the selected transport.
 * @r: inputs in bx, cx, dx (and si, di if @in45); all six registers on
 *     return, when the call was made
 * @in45: whether ESI and EDI are inputs (a compile-time constant)
 *
 * Bits 15:0 of EDX are the port for the I/O port, and the flags (0: low
 * bandwidth, in) for vmcall and vmmcall.  They are set here, in C, so that
 * the compiler loads EDX with one instruction where the rest of it is a
 * constant.
 *
 * Where no key is enabled (TDX, or no backdoor at all), the call goes to
 * __HC_VMW_SLOW (vmware_slow.S) instead of an instruction, from an asm
 * statement with the same registers, EDX whole and ESI and EDI always
 * passed (zero where the call shape has none).  It answers in the same
 * registers and its status in the fault flag's, so @r never has its address
 * taken and stays in registers on every path: a C function taking output
 * pointers, as the kernel's vmware_tdx_hypercall() does, would force the
 * caller's outputs onto the stack on the fast path too.
 *
 * Return: 0 when the call was made, -EIO when the instruction faulted,
 * -ENODEV without a backdoor, -EINVAL for a command that the TDX transport
 * does not accept.
 */
static __always_inline int __hc_vmware_lb(struct hc_vmware_regs *r, bool in45)
{
	struct hc_vmware_regs in = *r;
	/*
	 * In R8, where every asm statement below puts it: left to itself, GCC
	 * picked another register and moved the flag after every call.
	 */
	register unsigned long fault asm("r8");

	in.dx &= ~0xffffUL;
	if (static_branch_likely(&__hc_vmware_ioport)) {
		in.dx |= HC_VMW_PORT;
		__HC_VMW_LB(__HC_VMW_LB_IOPORT, r, &in, fault, in45);
	} else if (static_branch_likely(&__hc_vmware_vmcall)) {
		__HC_VMW_LB(__HC_VMCALL, r, &in, fault, in45);
	} else if (static_branch_likely(&__hc_vmware_vmmcall)) {
		__HC_VMW_LB_VMMCALL_ASM(r, &in, fault, in45);
	} else {
		__HC_VMW_SLOW_ASM(r, fault);
	}
	if (unlikely(fault)) {
		/* the fixup sets 1, the slow path a negative errno */
		if ((long)fault < 0)
			return (int)(long)fault;
		__hc_fault(HC_ABI_VMWARE);
		return -EIO;
	}
	return 0;
}

/**
 * hc_vmware_hypercall1() - backdoor call with one input, one output
 * @cmd: command, in ECX
 * @in1: EBX
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall1(unsigned long cmd, unsigned long in1)
{
	struct hc_vmware_regs r = { .bx = in1, .cx = cmd };

	if (unlikely(__hc_vmware_lb(&r, false)))
		return HC_VMW_ERROR;
	return r.ax;
}

/**
 * hc_vmware_hypercall3() - backdoor call returning EBX and ECX too
 * @cmd: command, in ECX
 * @in1: EBX
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall3(unsigned long cmd, unsigned long in1,
		     u32 *out1, u32 *out2)
{
	struct hc_vmware_regs r = { .bx = in1, .cx = cmd };

	if (unlikely(__hc_vmware_lb(&r, false)))
		return HC_VMW_ERROR;
	if (out1)
		*out1 = r.bx;
	if (out2)
		*out2 = r.cx;
	return r.ax;
}

/**
 * hc_vmware_hypercall4() - backdoor call returning EBX, ECX and EDX too
 * @cmd: command, in ECX
 * @in1: EBX
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall4(unsigned long cmd, unsigned long in1,
		     u32 *out1, u32 *out2, u32 *out3)
{
	struct hc_vmware_regs r = { .bx = in1, .cx = cmd };

	if (unlikely(__hc_vmware_lb(&r, false)))
		return HC_VMW_ERROR;
	if (out1)
		*out1 = r.bx;
	if (out2)
		*out2 = r.cx;
	if (out3)
		*out3 = r.dx;
	return r.ax;
}

/**
 * hc_vmware_hypercall5() - backdoor call with five inputs, returning ECX
 * @cmd: command, in ECX
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @in4: ESI
 * @in5: EDI
 * @out2: ECX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall5(unsigned long cmd, unsigned long in1, unsigned long in3,
		     unsigned long in4, unsigned long in5, u32 *out2)
{
	struct hc_vmware_regs r = {
		.bx = in1, .cx = cmd, .dx = in3, .si = in4, .di = in5,
	};

	if (unlikely(__hc_vmware_lb(&r, true)))
		return HC_VMW_ERROR;
	if (out2)
		*out2 = r.cx;
	return r.ax;
}

/**
 * hc_vmware_hypercall6() - backdoor call returning ECX, EDX, ESI and EDI
 * @cmd: command, in ECX
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 * @out4: ESI on return (may be NULL)
 * @out5: EDI on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall6(unsigned long cmd, unsigned long in1, unsigned long in3,
		     u32 *out2, u32 *out3, u32 *out4, u32 *out5)
{
	struct hc_vmware_regs r = { .bx = in1, .cx = cmd, .dx = in3 };

	if (unlikely(__hc_vmware_lb(&r, false)))
		return HC_VMW_ERROR;
	if (out2)
		*out2 = r.cx;
	if (out3)
		*out3 = r.dx;
	if (out4)
		*out4 = r.si;
	if (out5)
		*out5 = r.di;
	return r.ax;
}

/**
 * hc_vmware_hypercall7() - backdoor call with five inputs, returning EBX,
 * ECX and EDX
 * @cmd: command, in ECX
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @in4: ESI
 * @in5: EDI
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall7(unsigned long cmd, unsigned long in1, unsigned long in3,
		     unsigned long in4, unsigned long in5,
		     u32 *out1, u32 *out2, u32 *out3)
{
	struct hc_vmware_regs r = {
		.bx = in1, .cx = cmd, .dx = in3, .si = in4, .di = in5,
	};

	if (unlikely(__hc_vmware_lb(&r, true)))
		return HC_VMW_ERROR;
	if (out1)
		*out1 = r.bx;
	if (out2)
		*out2 = r.cx;
	if (out3)
		*out3 = r.dx;
	return r.ax;
}

#define __HC_VMW_HB_OUT_IOPORT						\
	"movw $" __stringify(HC_VMW_PORT_HB) ", %%dx\n\t"		\
	"1: rep outsb"
#define __HC_VMW_HB_IN_IOPORT						\
	"movw $" __stringify(HC_VMW_PORT_HB) ", %%dx\n\t"		\
	"1: rep insb"

/*
 * The fault flag is EDX, declared here, and the fixup EX_TYPE_FAULT (see
 * __HC_INSN_TRAP()): on every transport DX holds the port or the HB flag
 * before the instruction, so the flag is not 0 after a fault, and RAX then
 * holds the trap number.  The high-bandwidth ABI returns nothing in EDX.
 */
#define __HC_VMW_HB_ASM(insn, r, in6, fault)				\
	asm volatile(__HC_WITH_RBP("mov %[in6], %%rbp",		\
				   __HC_INSN_TRAP(insn))		\
		     : "=a" ((r)->ax), "=b" ((r)->bx), "=c" ((r)->cx),	\
		       "=S" ((r)->si), "=D" ((r)->di),			\
		       [fault] "=d" (fault)				\
		     : "a" (HC_VMW_MAGIC), "b" ((r)->bx), "c" ((r)->cx),	\
		       "d" ((r)->dx), "S" ((r)->si), "D" ((r)->di),	\
		       [in6] "r" (in6)					\
		     : "cc", "memory")

bool __hc_vmware_hb_fault(unsigned long trapnr);

/*
 * __hc_vmware_hb() - one high-bandwidth transfer over the selected transport
 * @r: inputs in bx, cx, dx, si, di (bits 15:0 of dx are replaced by the
 *     flags or the port); ax, bx, cx, si and di on return
 * @in6: EBP
 * @out: guest to host (rep outsb) if true, host to guest (rep insb) if false
 *
 * Return: 0 when the call was made; -ENODEV without a high-bandwidth
 * transport, -EFAULT when the buffer faulted (a page fault), -EIO when the
 * instruction faulted otherwise.
 */
static __always_inline int
__hc_vmware_hb(struct hc_vmware_regs *r, unsigned long in6, bool out)
{
	unsigned long fault;

	if (!static_branch_likely(&__hc_vmware_hb_on))
		return -ENODEV;
	/* HB, and the direction: flags, or the port below */
	r->dx = (r->dx & ~0xffffUL) | HC_VMW_FLAG_HB |
		(out ? HC_VMW_FLAG_OUT : 0);
	if (static_branch_likely(&__hc_vmware_ioport)) {
		if (out)
			__HC_VMW_HB_ASM(__HC_VMW_HB_OUT_IOPORT, r, in6, fault);
		else
			__HC_VMW_HB_ASM(__HC_VMW_HB_IN_IOPORT, r, in6, fault);
	} else if (static_branch_likely(&__hc_vmware_vmcall)) {
		__HC_VMW_HB_ASM(__HC_VMCALL, r, in6, fault);
	} else if (static_branch_likely(&__hc_vmware_vmmcall)) {
		__HC_VMW_HB_ASM(__HC_VMMCALL, r, in6, fault);
	} else {
		return -ENODEV;
	}
	if (unlikely(fault))
		return __hc_vmware_hb_fault(r->ax) ? -EFAULT : -EIO;
	return 0;
}

/**
 * hc_vmware_hypercall_hb_out() - high-bandwidth transfer, guest to host
 * @cmd: HB command and status, in EBX
 * @in2: byte count, in ECX
 * @in3: EDX (bits 15:0 are replaced by the port or the HB|OUT flags)
 * @in4: address of the guest buffer, in ESI
 * @in5: EDI
 * @in6: EBP
 * @out1: EBX on return (may be NULL)
 *
 * Not available, and returns HC_VMW_ERROR, where guest memory is encrypted
 * (SEV, TDX): the host cannot read the buffer there.
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall_hb_out(unsigned long cmd, unsigned long in2,
			   unsigned long in3, unsigned long in4,
			   unsigned long in5, unsigned long in6, u32 *out1)
{
	struct hc_vmware_regs r = {
		.bx = cmd, .cx = in2, .dx = in3, .si = in4, .di = in5,
	};

	if (__hc_vmware_hb(&r, in6, true))
		return HC_VMW_ERROR;
	if (out1)
		*out1 = r.bx;
	return r.ax;
}

/**
 * hc_vmware_hypercall_hb_in() - high-bandwidth transfer, host to guest
 * @cmd: HB command and status, in EBX
 * @in2: byte count, in ECX
 * @in3: EDX (bits 15:0 are replaced by the port or the HB flag)
 * @in4: ESI
 * @in5: address of the guest buffer, in EDI
 * @in6: EBP
 * @out1: EBX on return (may be NULL)
 *
 * Not available, and returns HC_VMW_ERROR, where guest memory is encrypted.
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
static __always_inline unsigned long
hc_vmware_hypercall_hb_in(unsigned long cmd, unsigned long in2,
			  unsigned long in3, unsigned long in4,
			  unsigned long in5, unsigned long in6, u32 *out1)
{
	struct hc_vmware_regs r = {
		.bx = cmd, .cx = in2, .dx = in3, .si = in4, .di = in5,
	};

	if (__hc_vmware_hb(&r, in6, false))
		return HC_VMW_ERROR;
	if (out1)
		*out1 = r.bx;
	return r.ax;
}

int hypercall_vmware_call(struct hc_vmware_regs *regs);

/*
 * The exported functions, under the upstream names (see the top comment for
 * how they coexist with the kernel's <asm/vmware.h> on 6.11+).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0) && \
	!defined(HC_VMWARE_EXPORTED_API)
#include <asm/cpufeature.h>	/* <asm/vmware.h> uses but does not include it */
#include <asm/vmware.h>
#else
#if defined(_ASM_X86_VMWARE_H) && \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#error "HC_VMWARE_EXPORTED_API: do not include <asm/vmware.h> in this file"
#endif
unsigned long vmware_hypercall1(unsigned long cmd, unsigned long in1);
unsigned long vmware_hypercall3(unsigned long cmd, unsigned long in1,
				u32 *out1, u32 *out2);
unsigned long vmware_hypercall4(unsigned long cmd, unsigned long in1,
				u32 *out1, u32 *out2, u32 *out3);
unsigned long vmware_hypercall5(unsigned long cmd, unsigned long in1,
				unsigned long in3, unsigned long in4,
				unsigned long in5, u32 *out2);
unsigned long vmware_hypercall6(unsigned long cmd, unsigned long in1,
				unsigned long in3, u32 *out2,
				u32 *out3, u32 *out4, u32 *out5);
unsigned long vmware_hypercall7(unsigned long cmd, unsigned long in1,
				unsigned long in3, unsigned long in4,
				unsigned long in5, u32 *out1,
				u32 *out2, u32 *out3);
unsigned long vmware_hypercall_hb_out(unsigned long cmd, unsigned long in2,
				      unsigned long in3, unsigned long in4,
				      unsigned long in5, unsigned long in6,
				      u32 *out1);
unsigned long vmware_hypercall_hb_in(unsigned long cmd, unsigned long in2,
				     unsigned long in3, unsigned long in4,
				     unsigned long in5, unsigned long in6,
				     u32 *out1);
#endif

#endif /* _HYPERCALL_VMWARE_H */

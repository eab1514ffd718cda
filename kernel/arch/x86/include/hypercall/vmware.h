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
 *  the host (__HC_VMW_LB_VMMCALL_R11, __HC_VMW_LB_VMMCALL_STACK).
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
#include <linux/build_bug.h>
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
/*
 * High bandwidth, where it may run (memory not encrypted): the key of the
 * transport's high-bandwidth instruction, enabled with its low-bandwidth
 * key; at most one is enabled.
 */
DECLARE_STATIC_KEY_FALSE(__hc_vmware_hb_ioport);
DECLARE_STATIC_KEY_FALSE(__hc_vmware_hb_vmcall);
DECLARE_STATIC_KEY_FALSE(__hc_vmware_hb_vmmcall);

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

/* The port is in DX already (__HC_VMW_DX0_PORT, __HC_VMW_DX_PORT). */
#define __HC_VMW_LB_IOPORT	"1: inl (%%dx), %%eax"

/*
 * vmmcall, the instruction of SEV-ES and SNP guests.  There the host sees
 * only what the kernel's VMware #VC hooks (vmware_sev_es_hcall_prepare()
 * and _finish() in arch/x86/kernel/cpu/vmware.c, Linux 5.10+) copy through
 * the GHCB: RAX, RBX, RCX, RDX, RSI, RDI and RBP to the host, and all of
 * them back.  So RBP goes to the host as 0 and comes back as it was,
 * whatever the host answers in it; ESI and EDI go as 0 where the call shape
 * has no in4/in5 (__HC_VMW_SI_DI0).  Nothing else of the kernel's reaches
 * the host.  Elsewhere the host can read every register anyway, and the
 * backdoor ABI has it write only EAX..EDI: the other sites cost nothing.
 * The "xor" sets ZF, as __HC_INSN_ZF() needs.
 *
 * RBP waits in R11 (which the #VC hooks neither send nor write back) where
 * the call shape leaves a register free, the shapes without in3, whose EDX
 * is the constant 0: no memory access around the exit, which in the
 * emulated kvm profile made the inline call 1.3% slower than the bare
 * instruction (Documentation/performance.rst).  The shapes with in3
 * (hypercall5..7) keep more values live across the statement: there a
 * clobbered R11 made GCC save and restore a callee-saved register in the
 * exported functions, and RBP goes on the stack.  The unwind hints are
 * those of __HC_WITH_RBP().
 */
#define __HC_VMW_LB_VMMCALL_R11						\
	__HC_UNWIND_SAVE						\
	"mov %%rbp, %%r11\n\t"						\
	__HC_UNWIND_UNDEFINED						\
	"xor %%ebp, %%ebp\n\t"						\
	__HC_INSN_ZF(__HC_VMMCALL, %%rbx) "\n\t"			\
	"mov %%r11, %%rbp\n\t"						\
	__HC_UNWIND_RESTORE
#define __HC_VMW_LB_VMMCALL_STACK					\
	__HC_WITH_RBP("xor %%ebp, %%ebp",				\
		      __HC_INSN_ZF(__HC_VMMCALL, %%rbx))
/* The clobber that goes with each */
#define __HC_VMW_CLOB_R11	"r11",
#define __HC_VMW_CLOB_STACK

/*
 * Bits 15:0 of EDX, set in the asm statement in front of the instruction,
 * which also sets ZF there (__HC_INSN_ZF()): the port for the I/O port, the
 * flags (0: low bandwidth, in) for vmcall and vmmcall.  DX0: where EDX is
 * the constant 0 (no in3), loaded whole, as the kernel's inline does;
 * DX: where EDX carries in3, whose bits 31:16 stay.  EDX reaches the slow
 * path whole.
 */
#define __HC_VMW_DX0_PORT						\
	"xor %%edx, %%edx\n\t"						\
	"movw $" __stringify(HC_VMW_PORT) ", %%dx\n\t"
#define __HC_VMW_DX_PORT						\
	"movw $" __stringify(HC_VMW_PORT) ", %%dx\n\t"			\
	"cmp %%eax, %%eax\n\t"
#define __HC_VMW_DX0_FLAGS	"xor %%edx, %%edx\n\t"
#define __HC_VMW_DX_FLAGS	"xor %%dx, %%dx\n\t"
#define __HC_VMW_DX0_SLOW	"xor %%edx, %%edx\n\t"
#define __HC_VMW_DX_SLOW	""
/* ESI and EDI as 0, where the call shape has no in4/in5 */
#define __HC_VMW_SI_DI0		"xor %%esi, %%esi\n\txor %%edi, %%edi\n\t"

/*
 * The whole low-bandwidth call in one asm statement, so that the six
 * answers come out of one statement in the registers of the ABI: with one
 * statement per transport, GCC merged their outputs into other registers,
 * with a move after every instruction and, where that ran out of
 * caller-saved registers, a callee-saved one saved and restored.
 *
 * One static-key site: a 5-byte NOP with a __jump_table entry per
 * transport key (__HC_JUMP_ENTRY()), which the kernel turns into a jump to
 * the transport's instruction while its key is enabled; at most one is.
 * Each transport thus passes one site.  With no key enabled (TDX, or no
 * backdoor) the NOP leads on to the call of __HC_VMW_SLOW
 * (vmware_slow.S), with the same registers, EDX whole, ESI and EDI always;
 * where it did not make the call, RBX holds a negative errno, which no
 * answer can be (the TDX transport answers 32 bits in RBX).  The
 * instructions tell a fault by ZF, and set RBX to 1 (__HC_INSN_ZF()); the
 * slow path sets ZF where it did not make the call.  @ok: the call was
 * made.  @set_dx_*, @set_sd_*: the code that sets EDX, and ESI and EDI,
 * before each transport; @mdx, @msd: "+" where EDX, and ESI and EDI, are
 * inputs, else "=".  @rbp: where the vmmcall site keeps RBP, R11 or STACK
 * (__HC_VMW_LB_VMMCALL_R11).  @r: the prefix of six variables, @r ## ax .. @r ## di,
 * that hold the inputs and receive the answers: with inputs and outputs
 * apart, GCC kept a register for each, and saved and restored a
 * callee-saved one it did not need; with the fields of a struct, it kept
 * the struct on the stack.
 */
#define __HC_VMW_LB_ASM(set_dx_slow, set_dx_port, set_dx_flags,	\
			set_sd_slow, set_sd_vmmcall, mdx, msd, r, ok, rbp) \
	asm volatile("1: .byte " __stringify(BYTES_NOP5) "\n\t"	\
		     __HC_JUMP_ENTRY("10f", "%c[k_ioport]")		\
		     __HC_JUMP_ENTRY("20f", "%c[k_vmcall]")		\
		     __HC_JUMP_ENTRY("30f", "%c[k_vmmcall]")		\
		     set_dx_slow set_sd_slow				\
		     "call " __stringify(__HC_VMW_SLOW) "\n\t"		\
		     "test %%rbx, %%rbx\n\t"				\
		     "js 3f\n\t"					\
		     "test %%rsp, %%rsp\n\t"				\
		     "jmp 90f\n"					\
		     "3:\tcmp %%eax, %%eax\n\t"				\
		     "jmp 90f\n"					\
		     "20:\t" set_dx_flags				\
		     __HC_INSN_ZF(__HC_VMCALL, %%rbx)			\
		     "jmp 90f\n"					\
		     "30:\t" set_sd_vmmcall set_dx_flags		\
		     __HC_VMW_LB_VMMCALL_##rbp "\n\t"			\
		     "jmp 90f\n"					\
		     "10:\t" set_dx_port				\
		     __HC_INSN_ZF(__HC_VMW_LB_IOPORT, %%rbx)		\
		     "90:"						\
		     : "=a" (r##ax), "+b" (r##bx), "+c" (r##cx),		\
		       mdx "d" (r##dx), msd "S" (r##si), msd "D" (r##di),	\
		       "=@ccnz" (ok), ASM_CALL_CONSTRAINT		\
		     : "a" (HC_VMW_MAGIC),				\
		       [k_ioport] "i" (&__hc_vmware_ioport.key),	\
		       [k_vmcall] "i" (&__hc_vmware_vmcall.key),	\
		       [k_vmmcall] "i" (&__hc_vmware_vmmcall.key)	\
		     : __HC_VMW_CLOB_##rbp "memory")

/*
 * TDX, or no backdoor: the call of __HC_VMW_SLOW on its own, as
 * __HC_VMW_LB_ASM() makes it (for the KUnit suite).  @extra: more output
 * operands (its canaries).
 */
#define __HC_VMW_SLOW_ASM(r, extra...)					\
	asm volatile("call " __stringify(__HC_VMW_SLOW)		\
		     : "=a" ((r)->ax), "=b" ((r)->bx), "=c" ((r)->cx),	\
		       "=d" ((r)->dx), "=S" ((r)->si), "=D" ((r)->di),	\
		       ASM_CALL_CONSTRAINT, ##extra			\
		     : "a" (HC_VMW_MAGIC), "b" ((r)->bx), "c" ((r)->cx),	\
		       "d" ((r)->dx), "S" ((r)->si), "D" ((r)->di)	\
		     : "cc", "memory")

/* The slow path's status: 0 when it made the call, else a negative errno */
static __always_inline int
__hc_vmware_slow_status(const struct hc_vmware_regs *r)
{
	return (long)r->bx < 0 ? (int)(long)r->bx : 0;
}

/*
 * The detection probe: GETVERSION over the I/O port whatever the keys say,
 * with the fixup of every call; @r->dx holds the port.
 */
#define __HC_VMW_PROBE_ASM(r, ok)					\
	asm volatile(__HC_VMW_DX_PORT					\
		     __HC_INSN_ZF(__HC_VMW_LB_IOPORT, %%rbx)		\
		     : "=a" ((r)->ax), "=b" ((r)->bx), "=c" ((r)->cx),	\
		       "=d" ((r)->dx), "=S" ((r)->si), "=D" ((r)->di),	\
		       "=@ccnz" (ok)					\
		     : "a" (HC_VMW_MAGIC), "b" ((r)->bx), "c" ((r)->cx),	\
		       "d" ((r)->dx)					\
		     : "memory")

/*
 * __hc_vmware_lb() - one low-bandwidth call over the selected transport.
 * @r: inputs in bx, cx, dx (and si, di if @in45); all six registers on
 *     return, when the call was made
 * @in45: whether ESI and EDI are inputs (a compile-time constant)
 *
 * One asm statement (__HC_VMW_LB_ASM()) makes the call over the transport
 * whose key is enabled, or through the slow path.  Where EDX is the
 * constant 0 (no in3), the statement loads it, and the vmmcall site keeps
 * RBP in R11; else it takes EDX and sets its bits 15:0, and RBP goes on the
 * stack (__HC_VMW_LB_VMMCALL_R11).  @r never has its address taken and stays in registers on
 * every path: a C function taking output pointers, as the kernel's
 * vmware_tdx_hypercall() does, would force the caller's outputs onto the
 * stack on the fast path too.
 *
 * Return: 0 when the call was made, -EIO when the instruction faulted,
 * -ENODEV without a backdoor, -EINVAL for a command that the TDX transport
 * does not accept.
 */
static __always_inline int __hc_vmware_lb(struct hc_vmware_regs *r, bool in45)
{
	unsigned long v_ax, v_bx = r->bx, v_cx = r->cx, v_dx = r->dx;
	unsigned long v_si = r->si, v_di = r->di;
	const bool dx0 = __builtin_constant_p(v_dx) && !v_dx;
	bool ok;

	if (dx0 && in45)
		__HC_VMW_LB_ASM(__HC_VMW_DX0_SLOW, __HC_VMW_DX0_PORT,
				__HC_VMW_DX0_FLAGS, "", "", "=", "+", v_, ok,
				R11);
	else if (dx0)
		__HC_VMW_LB_ASM(__HC_VMW_DX0_SLOW, __HC_VMW_DX0_PORT,
				__HC_VMW_DX0_FLAGS, __HC_VMW_SI_DI0,
				__HC_VMW_SI_DI0, "=", "=", v_, ok, R11);
	else if (in45)
		__HC_VMW_LB_ASM(__HC_VMW_DX_SLOW, __HC_VMW_DX_PORT,
				__HC_VMW_DX_FLAGS, "", "", "+", "+", v_, ok,
				STACK);
	else
		__HC_VMW_LB_ASM(__HC_VMW_DX_SLOW, __HC_VMW_DX_PORT,
				__HC_VMW_DX_FLAGS, __HC_VMW_SI_DI0,
				__HC_VMW_SI_DI0, "+", "=", v_, ok, STACK);
	*r = (struct hc_vmware_regs) {
		.ax = v_ax, .bx = v_bx, .cx = v_cx,
		.dx = v_dx, .si = v_si, .di = v_di,
	};
	if (likely(ok))
		return 0;
	if ((long)v_bx < 0)	/* the slow path did not make it */
		return (int)(long)v_bx;
	__hc_fault(HC_ABI_VMWARE);
	return -EIO;
}

/*
 * Whether both output pointers are given, in one test and one branch: on
 * x86-64 kernel pointers have bit 63 set (the kernel has the upper half of
 * the address space) and NULL does not, so the AND of two kernel pointers
 * is negative.  Pointers the compiler knows (addresses of locals) cost
 * nothing.  Where this says no, each output is tested on its own
 * (__hc_vmw_out()): NULL still means "not wanted", and any other pointer
 * is written, as before.
 */
static __always_inline bool __hc_vmw_given(const u32 *a, const u32 *b)
{
	if (__builtin_constant_p(!a) && __builtin_constant_p(!b))
		return a && b;
	/*
	 * In asm: left to itself, GCC ANDed all the pointers of a call
	 * together first, in registers it had to save and restore.
	 */
	asm goto("test %0, %1\n\t"
		 "jns %l[no]"
		 : : "r" (a), "r" (b) : "cc" : no);
	return true;
no:
	return false;
}

static __always_inline void __hc_vmw_out(u32 *p, unsigned long v)
{
	if (p)
		*p = v;
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
	if (likely(__hc_vmw_given(out1, out2))) {
		*out1 = r.bx;
		*out2 = r.cx;
	} else {
		__hc_vmw_out(out1, r.bx);
		__hc_vmw_out(out2, r.cx);
	}
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
	if (likely(__hc_vmw_given(out1, out2) && __hc_vmw_given(out3, out3))) {
		*out1 = r.bx;
		*out2 = r.cx;
		*out3 = r.dx;
	} else {
		__hc_vmw_out(out1, r.bx);
		__hc_vmw_out(out2, r.cx);
		__hc_vmw_out(out3, r.dx);
	}
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
	if (likely(__hc_vmw_given(out2, out3) && __hc_vmw_given(out4, out5))) {
		*out2 = r.cx;
		*out3 = r.dx;
		*out4 = r.si;
		*out5 = r.di;
	} else {
		__hc_vmw_out(out2, r.cx);
		__hc_vmw_out(out3, r.dx);
		__hc_vmw_out(out4, r.si);
		__hc_vmw_out(out5, r.di);
	}
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
	if (likely(__hc_vmw_given(out1, out2) && __hc_vmw_given(out3, out3))) {
		*out1 = r.bx;
		*out2 = r.cx;
		*out3 = r.dx;
	} else {
		__hc_vmw_out(out1, r.bx);
		__hc_vmw_out(out2, r.cx);
		__hc_vmw_out(out3, r.dx);
	}
	return r.ax;
}

/*
 * Bits 15:0 of EDX, set in the asm statement in front of the instruction:
 * the port for the I/O port, the flags (HB, and OUT for guest to host) for
 * vmcall and vmmcall.  Bits 31:16 keep in3.
 */
#define __HC_VMW_HB_OUT_IOPORT						\
	"movw $" __stringify(HC_VMW_PORT_HB) ", %%dx\n\t"		\
	"1: rep outsb"
#define __HC_VMW_HB_IN_IOPORT						\
	"movw $" __stringify(HC_VMW_PORT_HB) ", %%dx\n\t"		\
	"1: rep insb"
#define __HC_VMW_HB_FLAGS_OUT	"movw $3, %%dx\n\t"	/* HB | OUT */
#define __HC_VMW_HB_FLAGS_IN	"movw $1, %%dx\n\t"	/* HB */
static_assert(HC_VMW_FLAG_HB == 1 && HC_VMW_FLAG_OUT == 2);

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

/* vmcall or vmmcall (@insn), the HB flags and the direction in DX */
#define __HC_VMW_HB_FLAGS_ASM(insn, r, in6, out, fault)		\
do {									\
	if (out)							\
		__HC_VMW_HB_ASM(__HC_VMW_HB_FLAGS_OUT insn, r, in6, fault); \
	else								\
		__HC_VMW_HB_ASM(__HC_VMW_HB_FLAGS_IN insn, r, in6, fault); \
} while (0)

bool __hc_vmware_hb_fault(unsigned long trapnr);

/*
 * __hc_vmware_hb() - one high-bandwidth transfer over the selected transport
 * @r: inputs in bx, cx, dx, si, di (bits 15:0 of dx are replaced by the
 *     flags or the port); ax, bx, cx, si and di on return
 * @in6: EBP
 * @out: guest to host (rep outsb) if true, host to guest (rep insb) if false
 *
 * One static-key site (__HC_SITE3()) on the high-bandwidth keys sends each
 * transport to its asm statement; with none enabled, high bandwidth does
 * not run here.
 *
 * Return: 0 when the call was made; -ENODEV without a high-bandwidth
 * transport, -EFAULT when the buffer faulted (a page fault), -EIO when the
 * instruction faulted otherwise.
 */
static __always_inline int
__hc_vmware_hb(struct hc_vmware_regs *r, unsigned long in6, bool out)
{
	unsigned long fault;

	__HC_SITE3(&__hc_vmware_hb_ioport.key, ioport,
		   &__hc_vmware_hb_vmcall.key, vmcall,
		   &__hc_vmware_hb_vmmcall.key, vmmcall);
	return -ENODEV;
ioport:
	if (out)
		__HC_VMW_HB_ASM(__HC_VMW_HB_OUT_IOPORT, r, in6, fault);
	else
		__HC_VMW_HB_ASM(__HC_VMW_HB_IN_IOPORT, r, in6, fault);
	if (unlikely(fault))
		goto fault;
	return 0;
vmcall:
	__HC_VMW_HB_FLAGS_ASM(__HC_VMCALL, r, in6, out, fault);
	if (unlikely(fault))
		goto fault;
	return 0;
vmmcall:
	__HC_VMW_HB_FLAGS_ASM(__HC_VMMCALL, r, in6, out, fault);
	if (likely(!fault))
		return 0;
fault:
	return __hc_vmware_hb_fault(r->ax) ? -EFAULT : -EIO;
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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Palacios (V3VEE) hypercalls on x86_64, with the instruction chosen once at
 * load time.
 *
 * Register mapping (Palacios: palacios/src/palacios/vmm_hypercall.c, the
 * ids in palacios/include/palacios/vmm_hypercall.h):
 *
 *   register  in                          out
 *   RAX       hypercall id (Palacios      ax: -1 when no handler has the
 *             reads the low 32 bits)      id, else what the handler left
 *   RBX       argument 1 (bx)             bx
 *   RCX       argument 2 (cx)             cx
 *   RDX       argument 3 (dx)             dx
 *   RSI       argument 4 (si)             si
 *   RDI       di                          di
 *
 * The instruction is vmmcall under AMD SVM, vmcall under Intel VMX;
 * Palacios advances RIP past it and runs the handler registered for the id.
 * A handler may change any register, and says where its answer is: RAX is
 * not always it (TEST_HCALL, id 1, sets RBX..RDI to 0x1111, 0x2222,
 * 0x3333, 0x4444, 0x5555 and leaves RAX as it was; TIME_CPUFREQ answers in
 * RBX), so every call returns all six registers.  RDI goes in as the
 * caller's di, so that the host sees no stale kernel value there.
 *
 * Palacios names itself only where its symbiotic interface is configured
 * (CPUID 0x90000000 EAX "V3V"); elsewhere calls run only with a forced
 * palacios_mode.  Under KVM the same instruction is a KVM hypercall, with
 * KVM's meaning of the number.
 *
 * Two ways to call, with the same contract:
 *
 * - hc_palacios_hypercall(): inline, the instruction lands in the caller,
 *   behind this module's static keys.
 * - hypercall_palacios_call(): the same, exported by this module.
 */
#ifndef _HYPERCALL_PALACIOS_H
#define _HYPERCALL_PALACIOS_H

#include <linux/errno.h>
#include <linux/types.h>
#include <hypercall/hypercall.h>

/*
 * The ids of Palacios's own handlers (vmm_hypercall.h, hcall_id_t); its
 * extensions register others.
 */
enum hc_palacios_id {
	HC_PALACIOS_TEST_HCALL		= 0x0001,
	HC_PALACIOS_SYMCALL_RET_HCALL	= 0x0535,
	HC_PALACIOS_SYMCALL_ERR_HCALL	= 0x0536,
	HC_PALACIOS_SYMMOD_SYMS_HCALL	= 0x0600,
	HC_PALACIOS_MEM_OFFSET_HCALL	= 0x1000,
	HC_PALACIOS_GUEST_INFO_HCALL	= 0x3000,
	HC_PALACIOS_TELEMETRY_HCALL	= 0x3001,
	HC_PALACIOS_BALLOON_START_HCALL	= 0xba00,
	HC_PALACIOS_BALLOON_QUERY_HCALL	= 0xba01,
	HC_PALACIOS_OS_DEBUG_HCALL	= 0xc0c0,
	HC_PALACIOS_TIME_CPUFREQ_HCALL	= 0xd000,
	HC_PALACIOS_TIME_RDHTSC_HCALL	= 0xd001,
	HC_PALACIOS_VNET_HEADER_QUERY_HCALL = 0xe000,
	HC_PALACIOS_HVM_HCALL		= 0xf00d,
};

/* Transport keys: at most one is enabled. */
DECLARE_STATIC_KEY_FALSE(__hc_palacios_vmcall);
DECLARE_STATIC_KEY_FALSE(__hc_palacios_vmmcall);

/**
 * struct hc_palacios_regs - the registers of a Palacios hypercall
 * @ax: RAX on return (the id goes in apart)
 * @bx: RBX: argument 1 in, RBX out
 * @cx: RCX: argument 2 in, RCX out
 * @dx: RDX: argument 3 in, RDX out
 * @si: RSI: argument 4 in, RSI out
 * @di: RDI in and out
 */
struct hc_palacios_regs {
	unsigned long ax, bx, cx, dx, si, di;
};

/*
 * One call through @insn: the id (zero-extended into RAX) and @in's five
 * registers go in, all six come back in @out.  The flag register is the
 * compiler's choice: only the six above are the ABI's.
 */
#define __HC_PALACIOS_ASM(insn, id, in, out, fault)			\
	asm volatile(__HC_INSN_SAFE(insn)				\
		     : "=a" ((out)->ax), "=b" ((out)->bx),		\
		       "=c" ((out)->cx), "=d" ((out)->dx),		\
		       "=S" ((out)->si), "=D" ((out)->di),		\
		       [fault] "=r" (fault)				\
		     : "a" ((unsigned long)(id)), "b" ((in)->bx),	\
		       "c" ((in)->cx), "d" ((in)->dx), "S" ((in)->si),	\
		       "D" ((in)->di)					\
		     : "cc", "memory")

/**
 * hc_palacios_hypercall() - Palacios hypercall, inline
 * @id: the hypercall id (EAX)
 * @regs: bx, cx, dx, si (the four arguments) and di on the way in (ax is
 *        not read); all six registers on return, when the call was made
 *        (else left alone)
 *
 * Return: 0 when the call was made, -ENODEV without a Palacios transport,
 * -EIO when the instruction faulted (counted in the module's info file).
 */
static __always_inline int hc_palacios_hypercall(u32 id,
						 struct hc_palacios_regs *regs)
{
	struct hc_palacios_regs in = *regs, out;
	unsigned long fault;

	/* one site for both transports (<hypercall/arch/hypercall.h>) */
	__HC_SITE2(&__hc_palacios_vmcall.key, vmcall,
		   &__hc_palacios_vmmcall.key, vmmcall);
	return -ENODEV;
vmcall:
	__HC_PALACIOS_ASM(__HC_VMCALL, id, &in, &out, fault);
	if (unlikely(fault))
		goto fault;
	*regs = out;
	return 0;
vmmcall:
	__HC_PALACIOS_ASM(__HC_VMMCALL, id, &in, &out, fault);
	if (likely(!fault)) {
		*regs = out;
		return 0;
	}
fault:
	__hc_fault(HC_ABI_PALACIOS);
	return -EIO;
}

int hypercall_palacios_call(u32 id, struct hc_palacios_regs *regs);

#endif /* _HYPERCALL_PALACIOS_H */

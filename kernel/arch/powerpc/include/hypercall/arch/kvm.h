/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM hypercalls on PowerPC: the ePAPR sequence of the device tree,
 * installed in every call site at load.  Not API: included by
 * <hypercall/kvm.h>.
 *
 * Register mapping (Linux Documentation/virt/kvm/ppc-pv.rst):
 *
 *   register  in                          out
 *   r0        -                           volatile
 *   r3        argument 1                  return value (0: success,
 *                                         12: not implemented, < 0: error)
 *   r4        argument 2                  1st output value
 *   r5        argument 3                  2nd output value
 *   r6        argument 4                  3rd output value
 *   r7        argument 5                  4th output value
 *   r8        argument 6                  5th output value
 *   r9        argument 7                  6th output value
 *   r10       argument 8                  7th output value
 *   r11       hypercall number            8th output value
 *   r12       -                           volatile
 *
 * The number is a token, vendor << 16 | number: KVM's own are
 * KVM_HCALL_TOKEN(KVM_HC_*) (vendor 42), the ePAPR ones
 * EV_HCALL_TOKEN(EV_*) (vendor 1); it goes into r11 as given.  The
 * instructions are the up to four words of the /hypervisor node's
 * "hcall-instructions": "lis r0,0x4b56; ori r0,r0,0x4d21; sc; nop" from
 * KVM PR, "sc 1; nop; nop; nop" from KVM on Book E; where KVM gives none
 * (KVM HV) QEMU writes none, or (older QEMU) a fallback that only sets r3
 * to -1.  Arguments a call does not pass go to the host as 0 (as in the
 * kernel's epapr_hypercall()), not as whatever the registers held.  Like
 * the kernel, the module treats XER, CTR, LR and CR0 as clobbered.
 *
 * What <hypercall/kvm.h> expects of every architecture's header:
 * HC_KVM_NARGS, the most arguments a hypercall takes; HC_KVM_NOUT, the
 * values it returns besides the result; __hc_kvm_regs(), the inline call
 * over the selected transport; __hc_kvm_slow(), the out-of-line path where
 * no site serves (here: no transport).
 */
#ifndef _HYPERCALL_ARCH_KVM_H
#define _HYPERCALL_ARCH_KVM_H

#include <linux/errno.h>
#include <linux/kvm_para.h>
#include <linux/types.h>
#include <hypercall/hypercall.h>

/* Arguments in r3..r10, outputs besides the result in r4..r11 */
#define HC_KVM_NARGS	8
#define HC_KVM_NOUT	8

/* The transport key: on while the sequence is installed (kvm_mode epapr) */
DECLARE_STATIC_KEY_FALSE(__hc_kvm_epapr);

long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6);

/*
 * __hc_kvm_regs() - one KVM hypercall over the installed sequence
 * @ret: r3 on return
 * @out: NULL, or where r4..r11 go on return
 * @nargs: unused: the arguments not passed are 0 (see above)
 *
 * Return: 0 when the call was made, -EIO when the sequence faulted, 1
 * when there is no transport: the caller then goes through
 * __hc_kvm_slow().
 */
static __always_inline int
__hc_kvm_regs(long *ret, unsigned long *out, int nargs, unsigned int nr,
	      unsigned long p1, unsigned long p2, unsigned long p3,
	      unsigned long p4, unsigned long p5, unsigned long p6,
	      unsigned long p7, unsigned long p8)
{
	register unsigned long r3 asm("r3") = p1;
	register unsigned long r4 asm("r4") = p2;
	register unsigned long r5 asm("r5") = p3;
	register unsigned long r6 asm("r6") = p4;
	register unsigned long r7 asm("r7") = p5;
	register unsigned long r8 asm("r8") = p6;
	register unsigned long r9 asm("r9") = p7;
	register unsigned long r10 asm("r10") = p8;
	register unsigned long r11 asm("r11") = nr;
	register long r12 asm("r12");

	asm volatile(__HC_EPAPR_SITE
		     : "+r" (r3), "+r" (r4), "+r" (r5), "+r" (r6), "+r" (r7),
		       "+r" (r8), "+r" (r9), "+r" (r10), "+r" (r11),
		       "=r" (r12)
		     : [key] "i" (&((char *)&__hc_kvm_epapr.key)[1])
		     : "r0", "xer", "ctr", "lr", "cc", "memory");
	if (likely(!r12)) {
		*ret = r3;
		if (out) {
			out[0] = r4;
			out[1] = r5;
			out[2] = r6;
			out[3] = r7;
			out[4] = r8;
			out[5] = r9;
			out[6] = r10;
			out[7] = r11;
		}
		return 0;
	}
	if (r12 > 0)
		return 1;
	__hc_fault(HC_ABI_KVM);
	return -EIO;
}

#endif /* _HYPERCALL_ARCH_KVM_H */

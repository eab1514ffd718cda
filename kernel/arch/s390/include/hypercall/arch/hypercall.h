/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390: the exception fixup of every hypercall instruction, and the
 * instruction itself.  Not API: included by <hypercall/hypercall.h>.
 *
 * A DIAGNOSE that the host rejects (a subcode nobody registered: QEMU's
 * answer, also behind KVM, which hands QEMU every diag 0x500 but an
 * ioeventfd notification; or diag 0x500 forced on a machine that is not
 * KVM) raises a program interruption, a specification exception, whose old
 * PSW points past the instruction: QEMU's TCG leaves it there (observed: 4
 * bytes after the diag), and KVM rewinds it only for nullifying exceptions
 * (__deliver_prog() in arch/s390/kvm/interrupt.c).  So the exception-table
 * entry sits on the next instruction; an entry on the diag never matches.
 * fixup_exception() (arch/s390/mm/extable.c) then resumes at the entry's
 * target.  The fixup is the kernel's plain EX_TABLE (EX_TYPE_FIXUP), the
 * same in 6.1 and 6.12; the kernel's own STORE SUBCHANNEL
 * (drivers/s390/cio/ioasm.c) is guarded the same way.
 */
#ifndef _HYPERCALL_ARCH_HYPERCALL_H
#define _HYPERCALL_ARCH_HYPERCALL_H

#include <linux/stringify.h>
#include <asm/asm-extable.h>

/*
 * __HC_INSN_SAFE() - one hypercall instruction with its exception fixup.
 * @insn: the instruction, as an asm string (one instruction: the entry
 *        covers the instruction after it)
 *
 * The asm statement using it must have an early-clobber output operand
 * named [fault] ("=&d": it is set before the instruction reads its
 * inputs): it reads 0 after the instruction completed, and 1 if the
 * instruction raised an exception that the fixup turned into a jump to
 * label "3:", past the clearing of the flag.
 */
#define __HC_INSN_SAFE(insn)						\
	"lghi	%[fault],1\n\t"						\
	insn "\n"							\
	"2:	lghi	%[fault],0\n"					\
	"3:\n\t"							\
	EX_TABLE(2b, 3b)

/*
 * The instruction, written once for production code and tests: the KVM
 * hypercall, DIAGNOSE code 0x500.  The register fields are not read (the
 * subcode is in R1, the arguments from R2): these are the kernel's
 * (arch/s390/include/asm/kvm_para.h), bytes 83 24 05 00.
 */
#define __HC_DIAG500	"diag	2,4,0x500"

#endif /* _HYPERCALL_ARCH_HYPERCALL_H */

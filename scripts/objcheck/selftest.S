/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixtures for scripts/objcheck.py --self-test: functions shaped like the
 * KVM, Palacios and VMware hypercall wrappers (static-key sites in
 * __jump_table, every instruction with its EX_TYPE_ONE_REG fixup in
 * __ex_table), each right (good_*) or broken in one way the check must
 * catch (bad_*).
 * Assembled by gcc -c, with no kernel headers: only the slow path's name
 * from <hypercall/vmware_slow.h>.
 */

#include <hypercall/vmware_slow.h>

#define EX_TYPE_FAULT		2
#define EX_TYPE_ONE_REG		(17 | (1 << 16))
#define REG_DX			(2 << 8)
#define REG_R8			(8 << 8)

	.macro JUMP_ENTRY code, target, key
	.pushsection __jump_table, "aw"
	.balign 8
	.long \code - .
	.long \target - .
	.quad \key + 1 - .		/* branch: static_branch_likely() */
	.popsection
	.endm

	.macro EXTABLE insn, fixup, data
	.pushsection __ex_table, "a"
	.balign 4
	.long \insn - .
	.long \fixup - .
	.long \data
	.popsection
	.endm

	.data
hc_mode:
	.long 0

	/* operands with commas, for the C macro below */
	.macro LOAD_MODE
	mov hc_mode(%rip), %ecx
	.endm
	.macro TEST_MODE
	cmpl $0, hc_mode(%rip)
	.endm

	.text
/*
 * A KVM or Palacios wrapper: the vmcall site, then the vmmcall site, else
 * -ENODEV.  pre: code before the first site; fault: code on the fault
 * path; second: the instruction behind the vmmcall key; reg2: the fixup's
 * register for it; key1, key2: the sites' keys; ex2: whether the second
 * has an __ex_table entry.  (A C macro: GAS macros cannot take operands
 * with spaces and commas without quoting tricks.)
 */
#define VMCALL_FN(name, pre, fault, second, reg2, key1, key2, ex2)	\
	.globl name; .type name, @function;				\
name:	pre;								\
1:	jmp 2f;								\
	mov %edi, %eax;							\
3:	vmcall;								\
	xor %edx, %edx;							\
4:	jmp 9f;								\
2:	jmp 6f;								\
	mov %edi, %eax;							\
5:	second;								\
	xor %edx, %edx;							\
7:	jmp 9f;								\
6:	mov $-19, %rax;							\
	ret;								\
9:	test %rdx, %rdx;						\
	jne 8f;								\
	ret;								\
8:	fault;								\
	mov $-1000, %rax;						\
	ret;								\
	.size name, . - name;						\
	JUMP_ENTRY 1b, 2b, key1;					\
	JUMP_ENTRY 2b, 6b, key2;					\
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_DX;			\
	.if ex2; EXTABLE 5b, 7b, EX_TYPE_ONE_REG | reg2; .endif

#define KVM_FN(name, pre, fault, second, reg2, key2, ex2)		\
	VMCALL_FN(name, pre, fault, second, reg2, __hc_kvm_vmcall, key2, ex2)

/* right in everything but pre and fault */
#define KVM_OK(name, pre, fault)					\
	KVM_FN(name, pre, fault, vmmcall, REG_DX, __hc_kvm_vmmcall, 1)

	KVM_OK(good_kvm, , )
	KVM_OK(good_kvm_fentry, call __fentry__, )
	KVM_OK(good_kvm_fault_call, , call __hc_fault)
	/* an indirect call or jump, even on the fault path */
	KVM_OK(bad_kvm_indirect_call, , call *%rax)
	KVM_OK(bad_kvm_indirect_jump, , jmp *%rax)
	KVM_OK(bad_kvm_retpoline, , call __x86_indirect_thunk_rax)
	/* the mode read before the instruction */
	KVM_OK(bad_kvm_mode_load, LOAD_MODE, )
	KVM_OK(bad_kvm_mode_test, TEST_MODE, )
	/* a call on the way to the instruction */
	KVM_OK(bad_kvm_call_first, call hc_pick, )
	/* the vmmcall key leads to vmcall */
	KVM_FN(bad_kvm_swapped, , , vmcall, REG_DX, __hc_kvm_vmmcall, 1)
	/* no __ex_table entry for vmmcall, or the wrong register in it */
	KVM_FN(bad_kvm_no_extable, , , vmmcall, REG_DX, __hc_kvm_vmmcall, 0)
	KVM_FN(bad_kvm_wrong_reg, , , vmmcall, REG_R8, __hc_kvm_vmmcall, 1)
	/* the second site is keyed on something else: no vmmcall key */
	KVM_FN(bad_kvm_no_key, , , vmmcall, REG_DX, hc_other_key, 1)

/* A VMware wrapper must have all three transports: this one has two. */
	.globl bad_vmware_no_ioport
	.type bad_vmware_no_ioport, @function
bad_vmware_no_ioport:
1:	jmp 2f
	mov $0x564d5868, %eax
3:	vmcall
	xor %r8d, %r8d
4:	jmp 9f
2:	jmp 6f
	mov $0x564d5868, %eax
5:	vmmcall
	xor %r8d, %r8d
7:	jmp 9f
6:	mov $-1, %rax
9:	ret
	.size bad_vmware_no_ioport, . - bad_vmware_no_ioport
	JUMP_ENTRY 1b, 2b, __hc_vmware_vmcall
	JUMP_ENTRY 2b, 6b, __hc_vmware_vmmcall
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_R8
	EXTABLE 5b, 7b, EX_TYPE_ONE_REG | REG_R8

/*
 * All three, the port in DX set before the site, and with no key the slow
 * path: a direct call to __HC_VMW_SLOW.  none: the code there; vpre, vpost:
 * around the vmmcall site, before it and where its fixup resumes.
 */
#define VMW_FN(name, none, vpre, vpost)					\
	.globl name; .type name, @function;				\
name:	push %rbx;							\
1:	jmp 2f;								\
	mov $0x564d5868, %eax;						\
	mov $0x5658, %edx;						\
3:	inl (%dx), %eax;						\
	xor %r8d, %r8d;							\
4:	jmp 9f;								\
2:	jmp 5f;								\
	mov $0x564d5868, %eax;						\
6:	vmcall;								\
	xor %r8d, %r8d;							\
7:	jmp 9f;								\
5:	jmp 8f;								\
	mov $0x564d5868, %eax;						\
	vpre;								\
10:	vmmcall;							\
	xor %r8d, %r8d;							\
11:	vpost;								\
	jmp 9f;								\
8:	none;								\
9:	pop %rbx;							\
	ret;								\
	.size name, . - name;						\
	JUMP_ENTRY 1b, 2b, __hc_vmware_ioport;				\
	JUMP_ENTRY 2b, 5b, __hc_vmware_vmcall;				\
	JUMP_ENTRY 5b, 8b, __hc_vmware_vmmcall;				\
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_R8;			\
	EXTABLE 6b, 7b, EX_TYPE_ONE_REG | REG_R8;			\
	EXTABLE 10b, 11b, EX_TYPE_ONE_REG | REG_R8

	/* RBP saved and cleared before vmmcall, restored after it (SEV-ES) */
	.macro RBP_CLEAR
	push %rbp
	xor %ebp, %ebp
	.endm
	.macro RBP_RESTORE
	pop %rbp
	.endm
	.macro RBP_SAVE
	push %rbp
	.endm

	VMW_FN(good_vmware, call __HC_VMW_SLOW, RBP_CLEAR, RBP_RESTORE)
	/* no key enabled: an error, without the slow path (TDX) */
	.macro NO_SLOW
	mov $-1, %rax
	.endm
	VMW_FN(bad_vmware_no_slow, NO_SLOW, RBP_CLEAR, RBP_RESTORE)
	/* vmmcall with the caller's RBP: the host would see and change it */
	VMW_FN(bad_vmware_vmmcall_rbp_kept, call __HC_VMW_SLOW, , )
	VMW_FN(bad_vmware_vmmcall_rbp_not_cleared, call __HC_VMW_SLOW,
	       RBP_SAVE, RBP_RESTORE)

/*
 * High bandwidth (host to guest): behind __hc_vmware_hb_on, rep insb on the
 * port, vmcall, vmmcall, else an error.  Each site saves RBP and loads in6
 * into it; ex: its __ex_table type; flag: the fault flag the code clears;
 * post: where the fixup resumes (RBP restored there).
 */
#define HB_SITE(key, pre, insn, ex, flag, post, next)		\
1:	jmp next;							\
	mov $0x564d5868, %eax;						\
	push %rbp;							\
	mov %r9, %rbp;							\
	pre;								\
2:	insn;								\
	xor flag, flag;							\
3:	post;								\
	jmp 9f;								\
	JUMP_ENTRY 1b, next, key;					\
	EXTABLE 2b, 3b, ex

#define HB_FN(name, ex, flag, post)					\
	.globl name; .type name, @function;				\
name:	push %rbx;							\
0:	jmp 8f;								\
	HB_SITE(__hc_vmware_ioport, movw $0x5659 COMMA %dx, rep insb,	\
		ex, flag, post, 5f);					\
5:	HB_SITE(__hc_vmware_vmcall, , vmcall, ex, flag, post, 6f);	\
6:	HB_SITE(__hc_vmware_vmmcall, , vmmcall, ex, flag, post, 8f);	\
8:	mov $-1, %rax;							\
9:	pop %rbx;							\
	ret;								\
	.size name, . - name;						\
	JUMP_ENTRY 0b, 8b, __hc_vmware_hb_on

#define COMMA ,
	HB_FN(good_vmware_hb, EX_TYPE_FAULT, %edx, pop %rbp)
	HB_FN(bad_vmware_hb_one_reg, EX_TYPE_ONE_REG | REG_DX, %edx, pop %rbp)
	HB_FN(bad_vmware_hb_flag_r8, EX_TYPE_FAULT, %r8d, pop %rbp)
	HB_FN(bad_vmware_hb_rbp_not_restored, EX_TYPE_FAULT, %edx, nop)

/* Palacios: the same shape, behind its own keys */
#define PAL_FN(name, key1, key2)					\
	VMCALL_FN(name, , call __hc_fault, vmmcall, REG_DX, key1, key2, 1)

	PAL_FN(good_palacios, __hc_palacios_vmcall, __hc_palacios_vmmcall)
	/* the instructions behind KVM's keys: a KVM call, not a Palacios one */
	PAL_FN(bad_palacios_other_keys, __hc_kvm_vmcall, __hc_kvm_vmmcall)

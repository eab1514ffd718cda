/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixtures for scripts/objcheck.py --self-test: functions shaped like the
 * KVM and VMware hypercall wrappers (static-key sites in __jump_table,
 * every instruction with its EX_TYPE_ONE_REG fixup in __ex_table), each
 * right (good_*) or broken in one way the check must catch (bad_*).
 * Assembled by gcc -c, with no kernel headers: only the slow path's name
 * from <hypercall/vmware_slow.h>.
 */

#include <hypercall/vmware_slow.h>

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
 * A KVM wrapper: the vmcall site, then the vmmcall site, else -ENODEV.
 * pre: code before the first site; fault: code on the fault path;
 * second: the instruction behind the vmmcall key; reg2: the fixup's
 * register for it; key2: the second site's key; ex2: whether it has an
 * __ex_table entry.  (A C macro: GAS macros cannot take operands with
 * spaces and commas without quoting tricks.)
 */
#define KVM_FN(name, pre, fault, second, reg2, key2, ex2)		\
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
	JUMP_ENTRY 1b, 2b, __hc_kvm_vmcall;				\
	JUMP_ENTRY 2b, 6b, key2;					\
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_DX;			\
	.if ex2; EXTABLE 5b, 7b, EX_TYPE_ONE_REG | reg2; .endif

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
 * path: a direct call to __HC_VMW_SLOW.  none: the code there.
 */
#define VMW_FN(name, none)						\
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
10:	vmmcall;							\
	xor %r8d, %r8d;							\
11:	jmp 9f;								\
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

	VMW_FN(good_vmware, call __HC_VMW_SLOW)
	/* no key enabled: an error, without the slow path (TDX) */
	.macro NO_SLOW
	mov $-1, %rax
	.endm
	VMW_FN(bad_vmware_no_slow, NO_SLOW)

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixtures for scripts/objcheck.py --self-test: functions shaped like the
 * KVM, Palacios and VMware hypercall wrappers (static-key sites in
 * __jump_table, every instruction with its fixup in __ex_table), each
 * right (good_*) or broken in one way the check must catch (bad_*); and
 * for the instruction count, functions whose paths objcheck.py must count
 * as SELF_TEST_COUNTS says, among them kernel-style inlines with
 * alternatives (kref_*).
 * Assembled by gcc -c, with no kernel headers: only the slow path's name
 * from <hypercall/vmware_slow.h>.  -DHC_ALT_U16 writes the alternatives as
 * Linux 6.1 does (a u16 feature), else as 6.12 (a u32 with flags).
 */

#include <hypercall/vmware_slow.h>

#define EX_TYPE_DEFAULT		1
#define EX_TYPE_FAULT		2
#define EX_TYPE_ONE_REG		(17 | (1 << 16))
#define REG_DX			(2 << 8)
#define REG_BX			(3 << 8)
#define REG_R8			(8 << 8)

/* CPU feature numbers, the kernel's (<asm/cpufeatures.h>, 6.1 and 6.12) */
#define FEAT_ALWAYS		(3 * 32 + 21)
#define FEAT_VMMCALL		(8 * 32 + 15)
#define FEAT_VMCALL		(8 * 32 + 18)
#define FEAT_VMW_VMMCALL	(8 * 32 + 19)
#define FEAT_TDX_GUEST		(8 * 32 + 22)

	.macro JUMP_ENTRY code, target, key
	.pushsection __jump_table, "aw"
	.balign 8
	.long \code - .
	.long \target - .
	.quad \key + 1 - .		/* branch: static_branch_likely() */
	.popsection
	.endm

	/* branch 0: a jump while the key is enabled (__HC_SITE3()) */
	.macro JUMP_ENTRY0 code, target, key
	.pushsection __jump_table, "aw"
	.balign 8
	.long \code - .
	.long \target - .
	.quad \key - .
	.popsection
	.endm

	/* struct alt_instr: replace len bytes at orig with rlen at repl */
	.macro ALT orig, repl, feature, len, rlen
	.pushsection .altinstructions, "a"
	.long \orig - .
	.long \repl - .
#ifdef HC_ALT_U16
	.word \feature
#else
	.long \feature
#endif
	.byte \len
	.byte \rlen
	.popsection
	.endm

	.macro NOP5
	.byte 0x0f, 0x1f, 0x44, 0x00, 0x00
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
1:	NOP5
	mov $-1, %rax
	ret
20:	xor %edx, %edx
3:	vmcall
	test %rsp, %rsp
4:	ret
21:	xor %edx, %edx
5:	vmmcall
	test %rsp, %rsp
7:	ret
	.size bad_vmware_no_ioport, . - bad_vmware_no_ioport
	JUMP_ENTRY0 1b, 20b, __hc_vmware_vmcall
	JUMP_ENTRY0 1b, 21b, __hc_vmware_vmmcall
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_BX
	EXTABLE 5b, 7b, EX_TYPE_ONE_REG | REG_BX

/*
 * All three behind one site with an entry per key (__HC_SITE3()), and with
 * no key the slow path: a direct call to __HC_VMW_SLOW.  Each instruction
 * tells a fault by ZF (__HC_INSN_ZF()): set before it, cleared by "test
 * %rsp, %rsp" after it, an EX_TYPE_ONE_REG fixup resuming past that.
 * none: the code without a key; io: what sets DX and ZF before inl; after:
 * the instruction after inl; ex: inl's __ex_table data; vpre, vpost: around
 * vmmcall, before it and where its fixup resumes.
 */
#define VMW_FN(name, none, io, after, ex, vpre, vpost)			\
	.globl name; .type name, @function;				\
name:	push %rbx;							\
1:	NOP5;								\
	none;								\
	jmp 9f;								\
20:	mov $0x564d5868, %eax;						\
	xor %edx, %edx;							\
6:	vmcall;								\
	test %rsp, %rsp;						\
7:	jmp 9f;								\
21:	mov $0x564d5868, %eax;						\
	xor %edx, %edx;							\
	vpre;								\
10:	vmmcall;							\
	test %rsp, %rsp;						\
11:	vpost;								\
	jmp 9f;								\
22:	mov $0x564d5868, %eax;						\
	io;								\
3:	inl (%dx), %eax;						\
	after;								\
4:									\
9:	pop %rbx;							\
	ret;								\
	.size name, . - name;						\
	JUMP_ENTRY0 1b, 22b, __hc_vmware_ioport;			\
	JUMP_ENTRY0 1b, 20b, __hc_vmware_vmcall;			\
	JUMP_ENTRY0 1b, 21b, __hc_vmware_vmmcall;			\
	EXTABLE 3b, 4b, ex;						\
	EXTABLE 6b, 7b, EX_TYPE_ONE_REG | REG_BX;			\
	EXTABLE 10b, 11b, EX_TYPE_ONE_REG | REG_BX

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
	/* the same with RBP in R11, where the call shape leaves it free */
	.macro RBP_CLEAR_R11
	mov %rbp, %r11
	xor %ebp, %ebp
	.endm
	.macro RBP_RESTORE_R11
	mov %r11, %rbp
	.endm
	.macro RBP_RESTORE_R10
	mov %r10, %rbp
	.endm
	.macro SLOW
	call __HC_VMW_SLOW
	test %rsp, %rsp
	.endm
	/* DX: the port, ZF set */
	.macro IO_ZF
	xor %edx, %edx
	movw $0x5658, %dx
	.endm
	.macro ZF_CLEAR
	test %rsp, %rsp
	.endm
#define VMW_OK	EX_TYPE_ONE_REG | REG_BX

	VMW_FN(good_vmware, SLOW, IO_ZF, ZF_CLEAR, VMW_OK, RBP_CLEAR,
	       RBP_RESTORE)
	VMW_FN(good_vmware_rbp_r11, SLOW, IO_ZF, ZF_CLEAR, VMW_OK,
	       RBP_CLEAR_R11, RBP_RESTORE_R11)
	/* no key enabled: an error, without the slow path (TDX) */
	.macro NO_SLOW
	mov $-1, %rax
	.endm
	VMW_FN(bad_vmware_no_slow, NO_SLOW, IO_ZF, ZF_CLEAR, VMW_OK, RBP_CLEAR,
	       RBP_RESTORE)
	/* vmmcall with the caller's RBP: the host would see and change it */
	VMW_FN(bad_vmware_vmmcall_rbp_kept, SLOW, IO_ZF, ZF_CLEAR, VMW_OK, , )
	VMW_FN(bad_vmware_vmmcall_rbp_not_cleared, SLOW, IO_ZF, ZF_CLEAR,
	       VMW_OK, RBP_SAVE, RBP_RESTORE)
	/* saved in R11, restored from R10 */
	VMW_FN(bad_vmware_vmmcall_rbp_wrong_reg, SLOW, IO_ZF, ZF_CLEAR,
	       VMW_OK, RBP_CLEAR_R11, RBP_RESTORE_R10)
	/* ZF not set before inl: a fault would read as success */
	.macro IO_NO_ZF
	mov $0x5658, %edx
	.endm
	VMW_FN(bad_vmware_zf_not_set, SLOW, IO_NO_ZF, ZF_CLEAR, VMW_OK,
	       RBP_CLEAR, RBP_RESTORE)
	/* ZF set, then cleared again by the "or" that puts the port in DX */
	.macro IO_ZF_LOST
	xor %edx, %edx
	or $0x5658, %edx
	.endm
	VMW_FN(bad_vmware_zf_lost, SLOW, IO_ZF_LOST, ZF_CLEAR, VMW_OK,
	       RBP_CLEAR, RBP_RESTORE)
	/* the flag register of the old sites instead of ZF */
	.macro CLEAR_R8
	xor %r8d, %r8d
	.endm
	VMW_FN(bad_vmware_zf_not_cleared, SLOW, IO_ZF, CLEAR_R8, VMW_OK,
	       RBP_CLEAR, RBP_RESTORE)
	/* EX_TYPE_DEFAULT: a fault leaves RBX as it was */
	VMW_FN(bad_vmware_zf_default, SLOW, IO_ZF, ZF_CLEAR, EX_TYPE_DEFAULT,
	       RBP_CLEAR, RBP_RESTORE)

/*
 * One site with an entry per key must be a NOP while none is enabled:
 * here the vmcall entry has branch 1, so the site would jump with no key.
 */
	.globl bad_vmware_site_branch
	.type bad_vmware_site_branch, @function
bad_vmware_site_branch:
1:	NOP5
	call __HC_VMW_SLOW
	ret
20:	xor %edx, %edx
3:	vmcall
	test %rsp, %rsp
4:	ret
21:	xor %edx, %edx
5:	vmmcall
	test %rsp, %rsp
7:	ret
22:	xor %edx, %edx
	movw $0x5658, %dx
8:	inl (%dx), %eax
	test %rsp, %rsp
9:	ret
	.size bad_vmware_site_branch, . - bad_vmware_site_branch
	JUMP_ENTRY0 1b, 22b, __hc_vmware_ioport
	JUMP_ENTRY 1b, 20b, __hc_vmware_vmcall
	JUMP_ENTRY0 1b, 21b, __hc_vmware_vmmcall
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_BX
	EXTABLE 5b, 7b, EX_TYPE_ONE_REG | REG_BX
	EXTABLE 8b, 9b, EX_TYPE_ONE_REG | REG_BX

/*
 * High bandwidth (host to guest): rep insb on the port, vmcall, vmmcall,
 * each behind its high-bandwidth key, else an error.  Each site saves RBP and loads in6
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
	HB_SITE(__hc_vmware_hb_ioport, movw $0x5659 COMMA %dx, rep insb, \
		ex, flag, post, 5f);					\
5:	HB_SITE(__hc_vmware_hb_vmcall, , vmcall, ex, flag, post, 6f);	\
6:	HB_SITE(__hc_vmware_hb_vmmcall, , vmmcall, ex, flag, post, 8f);	\
8:	mov $-1, %rax;							\
9:	pop %rbx;							\
	ret;								\
	.size name, . - name

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

/*
 * The instruction count (SELF_TEST_COUNTS in objcheck.py, counted by hand
 * from the code here).  A KVM wrapper with one site for both keys; extra:
 * instructions before each instruction, pre and post: in the function's
 * frame.
 */
#define KVM_SITE_FN(name, pre, extra, post)				\
	.globl name; .type name, @function;				\
name:	pre;								\
1:	NOP5;								\
	mov $-19, %rax;							\
	post;								\
	ret;								\
20:	extra;								\
	mov %edi, %eax;							\
3:	vmcall;								\
	xor %edx, %edx;							\
4:	test %rdx, %rdx;						\
	jne 8f;								\
	post;								\
	ret;								\
21:	extra;								\
	mov %edi, %eax;							\
5:	vmmcall;							\
	xor %edx, %edx;							\
6:	test %rdx, %rdx;						\
	jne 8f;								\
	post;								\
	ret;								\
8:	mov $-1000, %rax;						\
	post;								\
	ret;								\
	.size name, . - name;						\
	JUMP_ENTRY0 1b, 20b, __hc_kvm_vmcall;				\
	JUMP_ENTRY0 1b, 21b, __hc_kvm_vmmcall;				\
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_DX;			\
	EXTABLE 5b, 6b, EX_TYPE_ONE_REG | REG_DX

	.macro ONE
	mov %rdi, %r9
	.endm
	.macro TWO
	mov %rdi, %r9
	mov %rdi, %r10
	.endm
	.macro SAVE3
	push %r12
	push %r13
	push %r14
	.endm
	.macro RESTORE3
	pop %r14
	pop %r13
	pop %r12
	.endm
	KVM_SITE_FN(good_kvm_site, , , )
	KVM_SITE_FN(good_kvm_site_at_budget, , ONE, )
	KVM_SITE_FN(bad_kvm_budget_inline, , TWO, )
	KVM_SITE_FN(bad_kvm_budget_export, SAVE3, , RESTORE3)

/* A conditional jump on flags that the code did not set: not counted */
	.globl bad_kvm_count_undecided
	.type bad_kvm_count_undecided, @function
bad_kvm_count_undecided:
1:	NOP5
	mov $-19, %rax
	ret
20:	cmp %rsi, %rdi
	jne 9f
	mov %edi, %eax
3:	vmcall
	xor %edx, %edx
4:	ret
9:	ret
	.size bad_kvm_count_undecided, . - bad_kvm_count_undecided
	JUMP_ENTRY0 1b, 20b, __hc_kvm_vmcall
	JUMP_ENTRY0 1b, 20b, __hc_kvm_vmmcall
	EXTABLE 3b, 4b, EX_TYPE_ONE_REG | REG_DX

/*
 * The kernel's kvm_hypercall0() as GCC compiles it: the TDX test, an
 * alternative that jumps to the instruction's code (X86_FEATURE_ALWAYS) or
 * falls into the TDX call (TDX_GUEST: nothing), and the instruction, an
 * alternative of vmcall and vmmcall (VMMCALL).
 */
	.globl kref_kvm
	.type kref_kvm, @function
kref_kvm:
	endbr64
	call __fentry__
661:	.byte 0xe9
	.long 6f - . - 4
662:	call tdx_kvm_hypercall
	ret
7:	mov %edi, %eax
671:	vmcall
672:	ret
	.size kref_kvm, . - kref_kvm
	.pushsection .altinstr_replacement, "ax"
681:	.byte 0xe9
	.long 7b - . - 4
682:
691:	vmmcall
692:
	.popsection
	ALT 661b, 681b, FEAT_ALWAYS, 662b-661b, 682b-681b
	ALT 661b, 682b, FEAT_TDX_GUEST, 662b-661b, 0
	ALT 671b, 691b, FEAT_VMMCALL, 672b-671b, 692b-691b
	.pushsection .altinstr_aux, "ax"
6:	ud2
	.popsection

/*
 * The kernel's VMWARE_HYPERCALL: the port and inl (5 bytes), or vmcall
 * (VMCALL) or vmmcall (VMW_VMMCALL), 3 bytes and the NOP that pads them.
 * Then a store whose alternative (TDX only) is longer: the original is
 * padded with two 0x90s, which optimize_nops() makes one NOP.
 */
	.globl kref_vmware
	.type kref_vmware, @function
kref_vmware:
	push %rbx
	mov $0x564d5868, %eax
	xor %edx, %edx
701:	movw $0x5658, %dx
	inl (%dx), %eax
702:	mov %ebx, (%r9)
	nop
	nop
703:	pop %rbx
	ret
	.size kref_vmware, . - kref_vmware
	.pushsection .altinstr_replacement, "ax"
711:	vmcall
712:	vmmcall
713:	mov %ebx, (%r9)
	mov %ecx, (%r8)
714:
	.popsection
	ALT 701b, 711b, FEAT_VMCALL, 702b-701b, 712b-711b
	ALT 701b, 712b, FEAT_VMW_VMMCALL, 702b-701b, 713b-712b
	ALT 702b, 713b, FEAT_TDX_GUEST, 703b-702b, 714b-713b

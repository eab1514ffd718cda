#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Palacios hypercalls through /sys/kernel/debug/hypercall/palacios/call.
# No test guest runs under Palacios, and nothing here simulates it (the
# KUnit suite hypercall_palacios_simulated_hv does, with a simulated host):
# these tests prove what the module does on the machines it meets.
#
# - Everywhere, without palacios_mode, no Palacios call runs: ENODEV, even
#   under KVM, where the instruction would be a KVM hypercall.
# - Forced on TCG (vmware, tcg, bare profiles) vmcall and vmmcall raise #UD:
#   the fixup turns each call into EIO, counted in palacios_faults.
# - Forced vmmcall in the kvm profile (AMD) reaches real KVM, which answers
#   as KVM, not as Palacios: id 1 is KVM_HC_VAPIC_POLL_IRQ (RAX 0), an id
#   KVM does not know gets -KVM_ENOSYS (RAX -1000), and KVM changes no other
#   register, so RBX..RSI come back as they went (RDI goes in as 0).  That
#   proves the instruction, the registers it carries and the answer path,
#   not Palacios.  Forced vmcall there is KVM's #UD on AMD: EIO, counted
#   (kvm.sh says why).
# Expected answers come from KVM's ABI (Linux Documentation/virt/kvm/x86/
# hypercalls.rst) and Palacios's (Documentation/palacios.rst).

. "$(dirname "$0")/lib.sh"

hc_require_root

D=$HC_DEBUGFS/palacios
# expect LINE ANSWER: palacios/call answers ANSWER to LINE
expect()
{
	got=$(hc_call "$D/call" "$1")
	[ "$got" = "$2" ] && return 0
	ktap_print_msg "'$1': expected $2, got $got"
	return 1
}

# Tests for every profile ---------------------------------------------------

default_none()
{
	hc_load && hc_info_is palacios_mode none &&
		hc_info_is palacios_mode_param auto && hc_info_is palacios_faults 0 &&
		[ "$(stat -c %a "$D/call" 2>/dev/null)" = 600 ]
}

enodev()
{
	expect 1 ENODEV && expect "0xd000" ENODEV && expect "0x1000" ENODEV &&
		hc_set_unsafe 1 && expect "0x3000" ENODEV && hc_set_unsafe 0 &&
		hc_info_is palacios_faults 0
}

malformed()
{
	expect "" EINVAL && expect "x" EINVAL && expect "0x100000000" EINVAL &&
		expect "1 2 3 4 5 6" EINVAL && expect "1 0x10000000000000000" EINVAL
}

invalid_mode()
{
	dmesg -c >/dev/null
	if hc_load palacios_mode=ioport; then
		ktap_print_msg "loaded with palacios_mode=ioport"
		return 1
	fi
	dmesg | grep -qF "hypercall: invalid palacios_mode (expected auto, none, vmcall or vmmcall)"
}

# forced MODE: the instruction raises #UD (TCG has no hypercalls); each
# call fails with EIO and is counted once; refused lines run nothing.
forced()
{
	hc_load "palacios_mode=$1" && hc_info_is palacios_mode "$1" &&
		hc_info_is palacios_mode_param "$1" && expect 1 EIO &&
		expect "0xd001 1 2 3 4" EIO && hc_info_is palacios_faults 2 &&
		expect "0x1000" EPERM && expect "0x3000" EPERM &&
		hc_info_is palacios_faults 2 && hc_info_is kvm_faults 0 &&
		hc_info_is vmware_faults 0
}

# Real KVM (kvm profile) ----------------------------------------------------

kvm_vmmcall()
{
	hc_load palacios_mode=vmmcall && hc_info_is palacios_mode vmmcall &&
		hc_info_is hypervisor kvm && hc_info_is vendor amd
}

# KVM_HC_VAPIC_POLL_IRQ: RAX 0, the arguments back as they went
kvm_id_1()
{
	expect 1 "rax=0x0 rbx=0x0 rcx=0x0 rdx=0x0 rsi=0x0 rdi=0x0" &&
		expect "1 0x11 0x22 0x33 0xffffffffffffffff" \
			"rax=0x0 rbx=0x11 rcx=0x22 rdx=0x33 rsi=0xffffffffffffffff rdi=0x0"
}

# TIME_CPUFREQ (safe for Palacios) is no KVM number: -KVM_ENOSYS
kvm_enosys()
{
	expect "0xd000 7" "rax=0xfffffffffffffc18 rbx=0x7 rcx=0x0 rdx=0x0 rsi=0x0 rdi=0x0"
}

refused()
{
	expect "0x3000" EPERM && expect "0xc0c0 0x1000 16 0" EPERM
}

# GUEST_INFO with unsafe=1: runs, KVM does not know it, the kernel is tainted
kvm_unsafe_runs()
{
	hc_set_unsafe 1 &&
		expect "0x3000" "rax=0xfffffffffffffc18 rbx=0x0 rcx=0x0 rdx=0x0 rsi=0x0 rdi=0x0" &&
		expect "0x1000" EPERM && hc_set_unsafe 0 && hc_tainted_user &&
		hc_info_is palacios_faults 0 && hc_info_is kvm_faults 0
}

# vmcall on AMD: KVM's #UD (kvm.sh), each call EIO and counted
kvm_vmcall_eio()
{
	hc_load palacios_mode=vmcall && hc_info_is palacios_mode vmcall &&
		expect 1 EIO && expect 1 EIO && hc_info_is palacios_faults 2 &&
		hc_info_is kvm_faults 0
}

# ---------------------------------------------------------------------------

ktap_print_header
case "$HC_PROFILE" in
kvm) ktap_set_plan 10 ;;
vmware | tcg | bare) ktap_set_plan 6 ;;
*)
	ktap_skip_all "HC_PROFILE is not set: the expected answers depend on it"
	exit "$KSFT_SKIP"
	;;
esac

ktap_test_result "default: palacios_mode none, call 0600" default_none
ktap_test_result "no transport: ENODEV for every id, nothing faults" enodev
ktap_test_result "malformed lines: EINVAL" malformed
ktap_test_result "palacios_mode=ioport fails the load" invalid_mode

if [ "$HC_PROFILE" = kvm ]; then
	ktap_test_result "palacios_mode=vmmcall forced under KVM (AMD)" \
		kvm_vmmcall
	ktap_test_result "id 1 is KVM's VAPIC_POLL_IRQ: RAX 0, RBX..RSI as sent" \
		kvm_id_1
	ktap_test_result "an id KVM does not know: RAX -1000 (-KVM_ENOSYS)" \
		kvm_enosys
	ktap_test_result "unsafe and forbidden ids without unsafe=1: EPERM" \
		refused
	ktap_test_result "an unsafe id with unsafe=1 runs and taints; forbidden stays EPERM" \
		kvm_unsafe_runs
	ktap_test_result "palacios_mode=vmcall on AMD: EIO, counted" \
		kvm_vmcall_eio
else
	ktap_test_result "palacios_mode=vmcall forced: EIO, counted" \
		forced vmcall
	ktap_test_result "palacios_mode=vmmcall forced: EIO, counted" \
		forced vmmcall
fi
hc_unload

ktap_finished

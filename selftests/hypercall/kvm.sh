#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KVM hypercalls through /sys/kernel/debug/hypercall/kvm/ (call and
# clock_pairing).  In the kvm profile the hypercalls reach a real KVM (the
# nested guest of scripts/guest.sh, AMD: vmmcall); elsewhere there is no KVM
# transport and the files answer ENODEV, unless a transport is forced, and
# then the instruction faults and the call fails with EIO.  Nothing here
# simulates a hypervisor.
#
# Expected answers come from KVM's ABI (Linux
# Documentation/virt/kvm/x86/hypercalls.rst): 0 for VAPIC_POLL_IRQ,
# SCHED_YIELD and KICK_CPU, -1000 (-KVM_ENOSYS) for an unknown number.
#
# Tests that check that a refused call does not taint the kernel need a
# kernel that is not yet tainted for "user" (U, bit 6): they are skipped,
# saying so, when an earlier test tainted it.

. "$(dirname "$0")/lib.sh"

hc_require_root

D=$HC_DEBUGFS/kvm
UNKNOWN_NR=99		# no KVM_HC_* has this number
FAULTY_CALLS=100	# calls made with the wrong instruction

# expect LINE ANSWER: kvm/call answers LINE with ANSWER
expect()
{
	hc_kvm_expect "$1" "$2"
}

# clock_pairing: the file's line, or the errno name of a failed read
clock_pairing()
{
	if out=$(cat "$D/clock_pairing" 2>&1); then
		echo "$out"
	else
		hc_errno_name "$out"
	fi
}

# The APIC ids of this guest's CPUs, and the smallest id that is none of them.
apicids=$(awk -F': *' '/^apicid/ { print $2 }' /proc/cpuinfo)
own_apicid=${apicids%%[!0-9]*}
absent_apicid=0
while echo "$apicids" | grep -qx "$absent_apicid"; do
	absent_apicid=$((absent_apicid + 1))
done

# Tests for every profile ---------------------------------------------------

files_and_modes()
{
	[ "$(stat -c %a "$D/call" 2>/dev/null)" = 600 ] &&
		[ "$(stat -c %a "$D/clock_pairing" 2>/dev/null)" = 400 ]
}

read_before_write()
{
	exec 3<>"$D/call"
	msg=$(cat <&3 2>&1)
	got=$(hc_errno_name "$msg")
	exec 3<&-
	[ "$got" = ENODATA ] && return 0
	ktap_print_msg "read before write: expected ENODATA, got '$msg'"
	return 1
}

malformed()
{
	expect "" EINVAL && expect "one" EINVAL && expect "-1" EINVAL &&
		expect "1 2 3 4 5 6" EINVAL && expect "0x100000000" EINVAL &&
		expect "1 0x10000000000000000" EINVAL && expect "1,2" EINVAL
}

no_faults()
{
	hc_info_is kvm_faults 0 && hc_info_is vmware_faults 0
}

# Real KVM (kvm profile) ----------------------------------------------------

kvm_mode_vmmcall()
{
	hc_info_is kvm_mode vmmcall && hc_info_is vendor amd
}

vapic_poll_irq()
{
	expect "1" "ret=0"
}

sched_yield_own()
{
	expect "11 $own_apicid" "ret=0"
}

kick_cpu_own()
{
	expect "5 0 $own_apicid" "ret=0"
}

# Numbers that are safe, in a form that is not: a target that is no vCPU,
# an argument the hypercall does not define.
unsafe_forms_refused()
{
	expect "11 $absent_apicid" EPERM &&
		expect "5 0 $absent_apicid" EPERM &&
		expect "5 1 $own_apicid" EPERM &&
		expect "11 $own_apicid 1" EPERM &&
		expect "1 1" EPERM && expect "1 0 0 0 1" EPERM &&
		expect "11 $((own_apicid + 0x100000000))" EPERM
}

forbidden_refused()
{
	expect "2" EPERM && expect "9 0x1000 0" EPERM && expect "9" EPERM &&
		expect "10 1 0 0 0xfd" EPERM && expect "12 0x1000 1 0" EPERM
}

unknown_needs_unsafe()
{
	expect "$UNKNOWN_NR" EPERM
}

refusals_do_not_taint()
{
	! hc_tainted_user
}

# A write that fails changes neither the answer nor where reading starts.
refused_keeps_answer()
{
	exec 3<>"$D/call"
	echo 1 >&3
	msg=$({ echo "$UNKNOWN_NR" >&3; } 2>&1)
	read -r ans <&3
	exec 3<&-
	[ "$(hc_errno_name "$msg")" = EPERM ] && [ "$ans" = "ret=0" ] && return 0
	ktap_print_msg "refused write: '$msg', then read '$ans'"
	return 1
}

unsafe_forbidden_refused()
{
	hc_set_unsafe 1 && forbidden_refused
}

unsafe_unknown_enosys_taints()
{
	hc_set_unsafe 1 && expect "$UNKNOWN_NR" "ret=-1000" && hc_tainted_user
}

unsafe_kick_absent()
{
	hc_set_unsafe 1 && expect "5 0 $absent_apicid" "ret=0"
}

# clock_pairing: the TSC KVM pairs with the wall clock is the guest's TSC
# of that moment, between two reads taken around the call.  A host whose
# clock is not TSC based answers -KVM_EOPNOTSUPP.
clock_pairing_tsc()
{
	t0=$("$HC_DIR/hc_tsc")
	out=$(clock_pairing)
	t1=$("$HC_DIR/hc_tsc")
	if [ "$out" = EOPNOTSUPP ]; then
		ktap_print_msg "clock_pairing: KVM answered EOPNOTSUPP"
		return 0
	fi
	ktap_print_msg "clock_pairing: $out (guest TSC $t0 .. $t1)"
	# shellcheck disable=SC2086 # split the four fields
	set -- $out
	sec=${1#sec=} nsec=${2#nsec=} tsc=${3#tsc=} flags=${4#flags=}
	[ "$1" = "sec=$sec" ] && [ "$2" = "nsec=$nsec" ] &&
		[ "$3" = "tsc=$tsc" ] && [ "$4" = "flags=$flags" ] &&
		[ $# -eq 4 ] && [ "$sec" -gt 0 ] && [ "$nsec" -ge 0 ] &&
		[ "$nsec" -lt 1000000000 ] && [ "$flags" = 0 ] &&
		[ "$tsc" -ge "$t0" ] && [ "$tsc" -le "$t1" ]
}

# hcall kvm clock_pairing KEY prints the value of one word of the file: the
# TSC is between two guest reads around it, the flags are 0.  Where KVM
# answers -KVM_EOPNOTSUPP, hcall exits 1 and says that KVM does not offer it.
hcall_clock_pairing()
{
	rc=0
	t0=$("$HC_DIR/hc_tsc")
	tsc=$(hcall kvm clock_pairing tsc 2>/tmp/hcall.err) || rc=$?
	t1=$("$HC_DIR/hc_tsc")
	if [ "$(clock_pairing)" = EOPNOTSUPP ]; then
		[ $rc = 1 ] && grep -q 'KVM does not offer it' /tmp/hcall.err &&
			return 0
	elif [ $rc = 0 ] && [ "$tsc" -ge "$t0" ] 2>/dev/null &&
		[ "$tsc" -le "$t1" ] &&
		[ "$(hcall kvm clock_pairing flags)" = 0 ]; then
		return 0
	fi
	ktap_print_msg "hcall kvm clock_pairing tsc: exit $rc, '$tsc' (guest TSC $t0 .. $t1), '$(cat /tmp/hcall.err)'"
	return 1
}

# kvm_mode=vmcall on AMD: KVM intercepts the #UD, decodes vmcall and tries
# to rewrite it into vmmcall in guest memory; module text is read-only, so
# KVM injects a #PF instead and the hypercall never runs.  The fixup turns
# every call into EIO and counts it; nothing else changes.
wrong_insn_each_call_eio()
{
	hc_load kvm_mode=vmcall && hc_info_is kvm_mode vmcall || return 1
	i=0
	while [ $i -lt $FAULTY_CALLS ]; do
		got=$(hc_kvm_call 1)
		if [ "$got" != EIO ]; then
			ktap_print_msg "call $i: expected EIO, got $got"
			return 1
		fi
		i=$((i + 1))
	done
	hc_info_is kvm_faults $FAULTY_CALLS && hc_info_is vmware_faults 0
}

wrong_insn_clock_pairing_eio()
{
	got=$(clock_pairing)
	[ "$got" = EIO ] && hc_info_is kvm_faults $((FAULTY_CALLS + 1)) &&
		return 0
	ktap_print_msg "clock_pairing: expected EIO, got $got"
	return 1
}

wrong_insn_after_reload()
{
	hc_load kvm_mode=vmcall && hc_info_is kvm_faults 0 && expect 1 EIO &&
		expect "11 $own_apicid" EIO && hc_info_is kvm_faults 2
}

right_insn_after_wrong()
{
	hc_load && expect 1 "ret=0" && hc_info_is kvm_faults 0
}

# The KVM consumer's sites, patched when it loads: the inline API and the
# exported functions reach KVM (VAPIC_POLL_IRQ: 0), or, without a
# transport, answer -KVM_ENOSYS without a fault
consumer()
{
	hc_load && insmod "$HC_MODULE_DIR/hypercall_kvm_sample.ko" &&
		hc_kvm_sample_expect 1 "ret=$1" &&
		hc_kvm_sample_expect "$UNKNOWN_NR 1 2 3 4" "ret=-1000" &&
		hc_info_is kvm_faults 0
}

# No KVM (vmware, tcg, bare) --------------------------------------------------

kvm_mode_none()
{
	hc_info_is kvm_mode none
}

enodev()
{
	expect 1 ENODEV && expect "11 $own_apicid" ENODEV &&
		expect "$UNKNOWN_NR" ENODEV && expect 9 ENODEV
}

clock_pairing_enodev()
{
	[ "$(clock_pairing)" = ENODEV ]
}

unsafe_enodev_no_taint()
{
	hc_set_unsafe 1 && expect "$UNKNOWN_NR" ENODEV && ! hc_tainted_user
}

# forced MODE: the instruction raises #UD (TCG has no hypercalls); the
# call and clock_pairing fail with EIO, each counted once.
forced()
{
	hc_load "kvm_mode=$1" && hc_info_is kvm_mode "$1" && hc_info_is kvm_faults 0 &&
		expect 1 EIO && hc_info_is kvm_faults 1 &&
		[ "$(clock_pairing)" = EIO ] && hc_info_is kvm_faults 2 &&
		hc_info_is vmware_faults 0
}

forced_vmcall()
{
	forced vmcall
}

forced_vmmcall()
{
	forced vmmcall
}

# ---------------------------------------------------------------------------

ktap_print_header
case "$HC_PROFILE" in
kvm) ktap_set_plan 25 ;;
vmware | tcg | bare) ktap_set_plan 12 ;;
*)
	ktap_skip_all "HC_PROFILE is not set: the expected answers depend on it"
	exit "$KSFT_SKIP"
	;;
esac

was_tainted=
hc_tainted_user && was_tainted=1

ktap_test_result "module loads" hc_load
ktap_test_result "kvm/call is 0600, kvm/clock_pairing is 0400" files_and_modes
ktap_test_result "reading call before any write: ENODATA" read_before_write
ktap_test_result "malformed lines: EINVAL" malformed

if [ "$HC_PROFILE" = kvm ]; then
	ktap_test_result "info: kvm_mode vmmcall on this AMD guest" \
		kvm_mode_vmmcall
	ktap_test_result "KVM_HC_VAPIC_POLL_IRQ: 0" vapic_poll_irq
	ktap_test_result "KVM_HC_SCHED_YIELD to the own APIC id: 0" \
		sched_yield_own
	ktap_test_result "KVM_HC_KICK_CPU to the own APIC id: 0" kick_cpu_own
	ktap_test_result "safe numbers in an unsafe form: EPERM" \
		unsafe_forms_refused
	ktap_test_result "forbidden numbers: EPERM" forbidden_refused
	ktap_test_result "an unknown number without unsafe=1: EPERM" \
		unknown_needs_unsafe
	if [ -z "$was_tainted" ]; then
		ktap_test_result "refused calls do not taint" \
			refusals_do_not_taint
	else
		ktap_test_skip "refused calls do not taint (already tainted)"
	fi
	ktap_test_result "a refused write keeps the previous answer" \
		refused_keeps_answer
	ktap_test_result "clock_pairing: a TSC between two guest reads, or EOPNOTSUPP" \
		clock_pairing_tsc
	if command -v hcall >/dev/null; then
		ktap_test_result "hcall kvm clock_pairing tsc: between two guest reads" \
			hcall_clock_pairing
	else
		ktap_test_skip "hcall kvm clock_pairing tsc (no hcall in PATH)"
	fi
	ktap_test_result "forbidden numbers with unsafe=1: still EPERM" \
		unsafe_forbidden_refused
	if [ -z "$was_tainted" ]; then
		ktap_test_result "forbidden numbers with unsafe=1 do not taint" \
			refusals_do_not_taint
	else
		ktap_test_skip "forbidden numbers with unsafe=1 do not taint (already tainted)"
	fi
	ktap_test_result "unknown number with unsafe=1: -1000 (-KVM_ENOSYS), taints" \
		unsafe_unknown_enosys_taints
	ktap_test_result "KICK_CPU to an absent APIC id with unsafe=1: runs, 0" \
		unsafe_kick_absent
	ktap_test_result "no instruction faulted" no_faults
	ktap_test_result "kvm_mode=vmcall: $FAULTY_CALLS calls, each EIO and counted" \
		wrong_insn_each_call_eio
	ktap_test_result "kvm_mode=vmcall: clock_pairing EIO, counted" \
		wrong_insn_clock_pairing_eio
	ktap_test_result "kvm_mode=vmcall reloaded: counters restart, EIO again" \
		wrong_insn_after_reload
	ktap_test_result "reloaded with vmmcall: calls work, nothing faults" \
		right_insn_after_wrong
	ktap_test_result "the KVM consumer (inline, export): 0 and -1000" \
		consumer 0
else
	ktap_test_result "info: kvm_mode none" kvm_mode_none
	ktap_test_result "call: ENODEV for every number" enodev
	ktap_test_result "clock_pairing: ENODEV" clock_pairing_enodev
	if [ -z "$was_tainted" ]; then
		ktap_test_result "with unsafe=1: still ENODEV, no taint" \
			unsafe_enodev_no_taint
	else
		ktap_test_skip "with unsafe=1: still ENODEV, no taint (already tainted)"
	fi
	ktap_test_result "nothing faulted" no_faults
	ktap_test_result "kvm_mode=vmcall forced: EIO, counted" forced_vmcall
	ktap_test_result "kvm_mode=vmmcall forced: EIO, counted" forced_vmmcall
	ktap_test_result "the KVM consumer (inline, export): -1000, no fault" \
		consumer -1000
fi
hc_unload

ktap_finished

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KVM hypercalls on MIPS (hypcall), in the mips64el-tcg guest: QEMU's malta
# with a 5KEf CPU, which has no VZ, so hypcall is a Reserved Instruction
# and nothing answers it.  Installed and run on MIPS only (Makefile).
#
# 1. The real guest: no peer.  kvm_mode is none by default (nothing tells
#    a MIPS guest it runs under KVM), kvm/call answers ENODEV;
#    kvm_mode=hypcall forced: each call takes the Reserved Instruction
#    exception, which hypercall.ko's notifier turns into EIO and counts in
#    kvm_faults; no oops, no "die" taint.
# 2. The register mapping, against a SIMULATED KVM host: the test module
#    hypercall_mips_fake_host.ko (kernel/arch/mips/tests/fake_host.c)
#    answers hypcall itself, before hypercall.ko's notifier, recording v0
#    and a0..a3 and putting the answer this test chose in v0.  It is not a
#    hypervisor.  The calls go through kvm/call (hypercall.ko) and the
#    consumer hypercall_kvm_sample.ko, loaded after hypercall.ko: its
#    inline hc_kvm_hypercallN(), compiled into it, and the exported
#    hypercall_kvmN().
#
# The expected registers are KVM's MIPS ABI (Linux
# Documentation/virt/kvm/x86/hypercalls.rst, "MIPS"): number in $2 (v0),
# arguments in $4..$7 (a0..a3), result in $2; -1000 is -KVM_ENOSYS.

. "$(dirname "$0")/lib.sh"

hc_require_root

F=/sys/kernel/debug/hypercall_mips_fake_host
FAKE=$HC_MODULE_DIR/hypercall_mips_fake_host.ko
SAMPLE=$HC_MODULE_DIR/hypercall_kvm_sample.ko
TAINT_DIE=128		# 1 << TAINT_DIE (7): the kernel oopsed
UNKNOWN_NR=99		# no KVM_HC_* has this number
FAULTY_CALLS=100

not_died()
{
	[ $(($(cat /proc/sys/kernel/tainted) & TAINT_DIE)) -eq 0 ] && return 0
	ktap_print_msg "the kernel is tainted D: it oopsed"
	return 1
}

# seen_is NR A0 A1 A2 A3 SITE MODULE: the simulated host's last call had
# these registers, and its instruction was in SITE of MODULE ("SITE+...
# [MODULE]"; SITE * for any function)
seen_is()
{
	read -r s <"$F/seen"
	want="nr=$1 a0=$2 a1=$3 a2=$4 a3=$5 site="
	case "$s" in
	"calls="*" $want"*" [$7]") site_is "$s" "$6" && return 0 ;;
	esac
	ktap_print_msg "seen: '$s', expected '$want$6+... [$7]'"
	return 1
}

# site_is SEEN SITE: the instruction of the last call SEEN was in function
# SITE (* for any)
site_is()
{
	hc_site=${1##*" site="}
	# shellcheck disable=SC2254 # SITE may be a pattern
	case "$hc_site" in
	$2+*) return 0 ;;
	esac
	return 1
}

# sample API LINE ANSWER: the consumer answers LINE with ANSWER through API
# (call: the inline API; call_export: the exported functions)
sample()
{
	got=$(hc_kvm_sample_call "$1" "$2")
	[ "$got" = "$3" ] && return 0
	ktap_print_msg "consumer $1 '$2': expected $3, got '$got'"
	return 1
}

seen_calls()
{
	read -r s <"$F/seen"
	s=${s#calls=}
	echo "${s%% *}"
}

# 1. The real guest ---------------------------------------------------------

default_none()
{
	hc_load && hc_info_is hypervisor none && hc_info_is detected_by none &&
		hc_info_is kvm_mode none && hc_info_is kvm_mode_param auto &&
		hc_info_is cpu_vz no && hc_info_is kvm_faults 0 &&
		! hc_info_get vmware_mode
}

default_enodev()
{
	hc_kvm_expect 6 ENODEV && hc_kvm_expect 7 ENODEV && hc_kvm_expect "$UNKNOWN_NR" ENODEV &&
		hc_kvm_expect "1 2 3 4 5 6" EINVAL && hc_kvm_expect "x" EINVAL
}

# hcall kvm: exit 3 and its message without a KVM transport
hcall_enodev()
{
	rc=0
	hcall kvm 6 2>/tmp/hcall.err || rc=$?
	[ $rc = 3 ] && grep -q 'no KVM on this machine' /tmp/hcall.err &&
		return 0
	ktap_print_msg "hcall kvm 6: exit $rc, '$(cat /tmp/hcall.err)'"
	return 1
}

forced_info()
{
	hc_load kvm_mode=hypcall && hc_info_is kvm_mode hypcall &&
		hc_info_is kvm_mode_param hypcall && hc_info_is hypervisor kvm &&
		hc_info_is detected_by param && hc_info_is kvm_faults 0
}

forced_each_call_eio()
{
	i=0
	while [ $i -lt $FAULTY_CALLS ]; do
		got=$(hc_kvm_call 6)
		if [ "$got" != EIO ]; then
			ktap_print_msg "call $i: expected EIO, got $got"
			return 1
		fi
		i=$((i + 1))
	done
	hc_info_is kvm_faults $FAULTY_CALLS && not_died
}

# refused before any instruction runs: nothing faults
forced_refusals()
{
	hc_kvm_expect 7 EPERM && hc_kvm_expect 8 EPERM && hc_kvm_expect "$UNKNOWN_NR" EPERM &&
		hc_kvm_expect "6 1" EPERM && hc_info_is kvm_faults $FAULTY_CALLS
}

hcall_eio()
{
	rc=0
	hcall kvm 6 2>/tmp/hcall.err || rc=$?
	[ $rc = 1 ] && grep -q 'instruction faulted' /tmp/hcall.err &&
		hc_info_is kvm_faults $((FAULTY_CALLS + 1)) && return 0
	ktap_print_msg "hcall kvm 6: exit $rc, '$(cat /tmp/hcall.err)'"
	return 1
}

# 2. The SIMULATED host -----------------------------------------------------

# The consumer's inline sites join the ones the notifier fixes up
sample_loads()
{
	hc_info_get hypcall_sites
	sites=$HC_INFO
	insmod "$SAMPLE" || return 1
	hc_info_get hypcall_sites
	[ "$HC_INFO" -gt "$sites" ] && return 0
	ktap_print_msg "hypcall_sites $sites before the consumer, $HC_INFO with it"
	return 1
}

fake_loads()
{
	insmod "$FAKE" && [ -d "$F" ] && [ "$(seen_calls)" = 0 ]
}

sim_kvm_call_safe()
{
	echo 4660 >"$F/answer" && hc_kvm_expect 6 "ret=4660" &&
		seen_is 0x6 0x0 0x0 0x0 0x0 hypercall_kvm_call hypercall &&
		hc_info_is kvm_faults 0
}

sim_kvm_call_four()
{
	hc_set_unsafe 1 && echo -1000 >"$F/answer" &&
		hc_kvm_expect "0x1234 0x1111 0x2222 0x3333 0x4444" "ret=-1000" &&
		seen_is 0x1234 0x1111 0x2222 0x3333 0x4444 \
			hypercall_kvm_call hypercall
}

sim_kvm_call_wide()
{
	echo 9223372036854775807 >"$F/answer" &&
		hc_kvm_expect "0xffffffff 0xffffffffffffffff 0x8000000000000000 0x1 0xfedcba9876543210" \
			"ret=9223372036854775807" &&
		seen_is 0xffffffff 0xffffffffffffffff 0x8000000000000000 0x1 \
			0xfedcba9876543210 hypercall_kvm_call hypercall
}

hcall_sim()
{
	echo 7 >"$F/answer" && [ "$(hcall kvm 6)" = "ret=7" ] &&
		seen_is 0x6 0x0 0x0 0x0 0x0 hypercall_kvm_call hypercall
}

sim_export()
{
	echo -22 >"$F/answer" &&
		sample call_export "0x10 0xa0 0xa1 0xa2 0xa3" "ret=-22" &&
		seen_is 0x10 0xa0 0xa1 0xa2 0xa3 hypercall_kvm4 hypercall
}

sim_inline()
{
	echo 305419896 >"$F/answer" &&
		sample call "0x20 0xb0 0xb1 0xb2 0xffffffffffffffff" \
			"ret=305419896" &&
		seen_is 0x20 0xb0 0xb1 0xb2 0xffffffffffffffff '*' \
			hypercall_kvm_sample &&
		hc_info_is kvm_faults 0
}

# Every call shape, 0 to 4 arguments, inline and exported: v0 the number,
# a0.. the arguments given (the others are not loaded: not checked), the
# answer back, from the consumer's own site or hypercall_kvmN()
sim_each_shape()
{
	for api in call call_export; do
		for n in 0 1 2 3 4; do
			line=0x30$n want="nr=0x30$n " i=0
			while [ $i -lt "$n" ]; do
				line="$line 0x$n$i"
				want="${want}a$i=0x$n$i "
				i=$((i + 1))
			done
			fn=hypercall_kvm$n mod=hypercall
			[ "$api" = call_export ] || fn='*' mod=hypercall_kvm_sample
			answer=$((-11 * (n + 1)))
			echo "$answer" >"$F/answer" &&
				sample "$api" "$line" "ret=$answer" || return 1
			read -r s <"$F/seen"
			case "$s" in
			*" $want"*" [$mod]") site_is "$s" "$fn" && continue ;;
			esac
			ktap_print_msg "$api, $n arguments: seen '$s', expected '$want... $fn+... [$mod]'"
			return 1
		done
	done
	hc_info_is kvm_faults 0
}

# The simulated host stands back: the Reserved Instruction reaches
# hypercall.ko's notifier, also at the site of the consumer loaded after it
sim_off_consumer_fixed_up()
{
	echo N >"$F/host" && n=$(seen_calls) &&
		sample call "0x20 1 2 3 4" "ret=-1000" &&
		hc_info_is kvm_faults 1 &&
		sample call_export "0x20 1 2 3 4" "ret=-1000" &&
		hc_info_is kvm_faults 2 && hc_kvm_expect 6 EIO && hc_info_is kvm_faults 3 &&
		[ "$(seen_calls)" = "$n" ] && not_died
}

# kvm_mode none: the static key keeps every site off, the host sees nothing
none_no_instruction()
{
	echo Y >"$F/host" && hc_load && insmod "$SAMPLE" && n=$(seen_calls) &&
		sample call "0x20 1 2 3 4" "ret=-1000" &&
		sample call_export "0x20 1 2 3 4" "ret=-1000" &&
		hc_kvm_expect 6 ENODEV && [ "$(seen_calls)" = "$n" ] &&
		hc_info_is kvm_faults 0
}

# The consumer's sites go with it; the simulated host unloads
sample_unloads()
{
	hc_info_get hypcall_sites
	with=$HC_INFO
	rmmod hypercall_kvm_sample || return 1
	hc_info_get hypcall_sites
	if [ "$HC_INFO" -ge "$with" ]; then
		ktap_print_msg "hypcall_sites $with with the consumer, $HC_INFO after"
		return 1
	fi
	rmmod hypercall_mips_fake_host && [ ! -d "$F" ] && hc_unload
}

# ---------------------------------------------------------------------------

ktap_print_header
if [ "$HC_PROFILE" != mips64el-tcg ]; then
	ktap_skip_all "expects the mips64el-tcg guest (HC_PROFILE '$HC_PROFILE')"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 19

ktap_test_result "auto: kvm_mode none, no hypervisor named" default_none
ktap_test_result "kvm/call: ENODEV without a transport" default_enodev
ktap_test_result "hcall kvm 6: exit 3, no KVM" hcall_enodev
ktap_test_result "kvm_mode=hypcall forced: info says so" forced_info
ktap_test_result "forced: $FAULTY_CALLS calls, each EIO and counted, no oops" \
	forced_each_call_eio
ktap_test_result "forced: refused numbers run nothing" forced_refusals
ktap_test_result "forced: hcall kvm 6 exits 1, counted" hcall_eio
hc_load kvm_mode=hypcall
ktap_test_result "the consumer loads; its sites are recognised" sample_loads
ktap_test_result "SIMULATED host loads" fake_loads
ktap_test_result "SIMULATED host: kvm/call 6, v0=6, a0..a3=0" \
	sim_kvm_call_safe
ktap_test_result "SIMULATED host: kvm/call, 4 arguments in a0..a3" \
	sim_kvm_call_four
ktap_test_result "SIMULATED host: 64-bit values, the number zero-extended" \
	sim_kvm_call_wide
ktap_test_result "SIMULATED host: hcall kvm 6" hcall_sim
ktap_test_result "SIMULATED host: exported hypercall_kvm4()" sim_export
ktap_test_result "SIMULATED host: inline hc_kvm_hypercall4() in the consumer" \
	sim_inline
ktap_test_result "SIMULATED host: 0 to 4 arguments, both APIs" \
	sim_each_shape
ktap_test_result "host off: the consumer's sites are fixed up, EIO counted" \
	sim_off_consumer_fixed_up
ktap_test_result "kvm_mode none: no site runs hypcall" none_no_instruction
ktap_test_result "the consumer unloads, its sites go; SIMULATED host unloads" \
	sample_unloads
hc_unload

ktap_finished

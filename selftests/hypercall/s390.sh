#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KVM hypercalls on s390 (diag 0x500) in the s390x-kvm profile, through
# kvm/call, the sample consumer hypercall_kvm_sample.ko (inline API and
# exported functions) and hcall.
#
# The real peer: QEMU's diag 0x500 (hw/s390x/s390-virtio-hcall.c and
# s390-virtio-ccw.c in QEMU 7.2), which answers as KVM's userspace does:
#   subcode 3 (virtio-ccw notify): R2 a subchannel id, R3 a queue index:
#     0 for a subchannel that exists and a queue below 1024, else -22
#     (-EINVAL); a queue without a ring is a no-op
#   subcode 0 (s390-virtio notify, "early printk"): 0 when R2 is below the
#     guest's RAM size, else -22
#   any other subcode: a specification exception, no answer
# Each register QEMU reads is proven by an answer that depends on it: R1
# (3, 0 and an unknown subcode, with the same R2), R2 in (a subchannel that
# exists or not; an address below or at the end of RAM), R2 out (0 and -22
# where R2 went in as something else), R3 (queue 1023 or 1024).  The guest's
# RAM is HC_MEM_MIB (QEMU's -m); its virtio-ccw device is the one Linux
# shows in /sys/bus/ccw/devices (control unit 3832, virtio).
#
# QEMU reads nothing beyond R3 (R4 is KVM's cookie), so R4..R7 are proven
# against a SIMULATED host: hypercall_fake_host.ko, a die notifier in this
# guest that answers one subcode QEMU rejects (0x4843), records R1..R7 and
# answers in R2 (kernel/arch/s390/tests/fake_host.c).  The tests that use it
# say "simulated host".

. "$(dirname "$0")/lib.sh"

hc_require_root

FAKE=/sys/module/hypercall_fake_host/parameters
FAKE_NR=0x4843
FAKE_BASE=0x4843000000000000
UNKNOWN_NR=5		# no host registers it
RAM=$(( ${HC_MEM_MIB:-0} * 1024 * 1024 ))

# The subchannel of the virtio-ccw device (control unit 3832): its sysfs
# name 0.<ssid>.<number> as a subchannel id word (one bit 0x10000, the
# subchannel set in bits 17-18).  The next number has no subchannel.
schid=
for dev in /sys/bus/ccw/devices/*; do
	case "$(cat "$dev/cutype" 2>/dev/null)" in
	3832/*)
		sch=$(basename "$(readlink -f "$dev/..")")
		ssid=${sch#*.} ssid=${ssid%.*} num=${sch##*.}
		schid=$(printf '0x%x' $((0x10000 | (ssid << 17) | 0x$num)))
		break
		;;
	esac
done
nosch=$(printf '0x%x' $((schid + 1)))

# both LINE ANSWER: the consumer's inline and exported calls answer LINE
# with ANSWER
both()
{
	hc_kvm_sample_expect "$1" "$2"
}

# Preconditions -------------------------------------------------------------

setup()
{
	hc_load && insmod "$HC_MODULE_DIR/hypercall_kvm_sample.ko" &&
		hc_info_is kvm_mode diag500 && [ -n "$schid" ] &&
		[ "$RAM" -gt 0 ] && [ ! -e "/sys/bus/css/devices/0.0.$(printf '%04x' $((nosch & 0xffff)))" ]
}

# kvm/call, the real peer ---------------------------------------------------

malformed()
{
	hc_kvm_expect "" EINVAL && hc_kvm_expect "x" EINVAL &&
		hc_kvm_expect "3 1 2 3 4 5 6 7" EINVAL &&
		hc_kvm_expect "0x100000000" EINVAL &&
		hc_kvm_expect "3 0x10000000000000000" EINVAL
}

notify_queues()
{
	hc_kvm_expect "3 $schid 0" "ret=0" &&
		hc_kvm_expect "3 $schid 1023" "ret=0"
}

# Safe subcodes in another form, forbidden and unknown ones: EPERM
refused()
{
	hc_kvm_expect "3 $schid 1024" EPERM &&
		hc_kvm_expect "3 $nosch 0" EPERM &&
		hc_kvm_expect "3 0 0" EPERM &&
		hc_kvm_expect "3 $((schid + 0x100000000)) 0" EPERM &&
		hc_kvm_expect "3 $schid 0 0 1" EPERM &&
		hc_kvm_expect "4 1" EPERM &&
		hc_kvm_expect "0 0" EPERM && hc_kvm_expect "1" EPERM &&
		hc_kvm_expect "2" EPERM && hc_kvm_expect "$UNKNOWN_NR" EPERM &&
		! hc_tainted_user
}

# R2 and R3, with unsafe=1: QEMU's -EINVAL for a queue of 1024 and for a
# subchannel that does not exist, where the same call answered 0 above
unsafe_r2_r3()
{
	hc_set_unsafe 1 && hc_kvm_expect "3 $schid 1024" "ret=-22" &&
		hc_kvm_expect "3 $nosch 0" "ret=-22" &&
		hc_kvm_expect "3 0 0" "ret=-22" && hc_tainted_user
}

forbidden_with_unsafe()
{
	hc_kvm_expect "0 0" EPERM && hc_kvm_expect "1" EPERM &&
		hc_kvm_expect "2" EPERM
}

# A subcode QEMU rejects: the diag faults, the fixup makes the write fail
# with EIO, and kvm_faults counts it; subcode 4 (a query newer QEMUs
# answer) runs without unsafe=1
rejected_eio_counted()
{
	hc_set_unsafe 0 && hc_info_is kvm_faults 0 &&
		hc_kvm_expect 4 EIO && hc_info_is kvm_faults 1 &&
		hc_set_unsafe 1 && hc_kvm_expect "$UNKNOWN_NR 1 2" EIO &&
		hc_kvm_expect 255 EIO && hc_kvm_expect 0xffffffff EIO &&
		hc_info_is kvm_faults 4 && hc_kvm_expect "3 $schid 0" "ret=0" &&
		hc_info_is kvm_faults 4
}

# The consumer, the real peer -----------------------------------------------

sample_patched()
{
	both "3 $schid 0" "ret=0" && both "3 $schid 1023" "ret=0"
}

# R1: the same R2 (a number below the RAM size that is no subchannel), and
# subcode 3 answers -22, subcode 0 answers 0, subcode 1 has no answer
sample_r1()
{
	both "3 $nosch" "ret=-22" && both "0 $nosch" "ret=0" &&
		both "1 $nosch" "ret=-1000"
}

# R2 in and out: subcode 0 with the last byte of RAM and with the RAM size
sample_r2()
{
	both "0 $((RAM - 1))" "ret=0" && both "0 $RAM" "ret=-22" &&
		both "3 $schid" "ret=0" && both "3 $nosch 0" "ret=-22"
}

sample_r3()
{
	both "3 $schid 1023" "ret=0" && both "3 $schid 1024" "ret=-22"
}

# Two rejected subcodes through each API: -KVM_ENOSYS, each counted
sample_rejected_counted()
{
	hc_load && insmod "$HC_MODULE_DIR/hypercall_kvm_sample.ko" &&
		both "2 0" "ret=-1000" && both "$UNKNOWN_NR" "ret=-1000" &&
		hc_info_is kvm_faults 4
}

# hcall -----------------------------------------------------------------------

hcall_kvm()
{
	[ "$(hcall kvm 3 "$schid" 0)" = "ret=0" ] &&
		[ "$(hcall kvm 3 "$schid" 0 0 0 0 0)" = "ret=0" ] &&
		[ "$(hcall info kvm_mode)" = diag500 ] &&
		[ "$(hcall info hypervisor)" = kvm ] || return 1
	rc=0
	hcall kvm 3 "$schid" 1024 2>/tmp/hcall.err || rc=$?
	[ $rc = 1 ] && grep -q "not allowed" /tmp/hcall.err || return 1
	rc=0
	hcall kvm 3 "$schid" 0 0 0 0 0 0 2>/tmp/hcall.err || rc=$?
	[ $rc = 2 ]
}

# The simulated host: R1..R7 ---------------------------------------------------

# fake_regs R1 .. R7: the simulated host's last call had these registers,
# and answered its base plus its count of calls
fake_regs()
{
	read -r last <"$FAKE/last"
	want="r1=$1 r2=$2 r3=$3 r4=$4 r5=$5 r6=$6 r7=$7"
	case "$last" in
	*" $want answer="*) ;;
	*)
		ktap_print_msg "simulated host saw '$last', not '$want'"
		return 1
		;;
	esac
	calls=${last%% *} calls=${calls#calls=}
	fake_answer=$((FAKE_BASE + calls))
}

# fake_call HOW: one call of FAKE_NR with six arguments, through kvm/call,
# the inline API or the exported function; R2..R7 as the host saw them and
# its answer as the caller got it
fake_call()
{
	args="0x2222 0x3333 0x4444 0x5555 0x6666 0x7777"
	case "$1" in
	kvm_call) got=$(hc_kvm_call "$FAKE_NR $args") ;;
	*) got=$(hc_kvm_sample_call "$1" "$FAKE_NR $args") ;;
	esac
	# shellcheck disable=SC2086 # the six words
	fake_regs "$FAKE_NR" $args && [ "$got" = "ret=$fake_answer" ] &&
		return 0
	ktap_print_msg "$1: the caller got '$got', the host answered $fake_answer"
	return 1
}

# A fresh module: no fault counted yet
fake_load()
{
	hc_load && insmod "$HC_MODULE_DIR/hypercall_kvm_sample.ko" &&
		insmod "$HC_MODULE_DIR/hypercall_fake_host.ko" &&
		hc_set_unsafe 1 && hc_info_is kvm_faults 0
}

fake_kvm_call()
{
	fake_call kvm_call
}

fake_inline()
{
	fake_call call
}

fake_export()
{
	fake_call call_export
}

# Every call shape, 0 to 6 arguments, inline and exported: R1 the subcode,
# R2.. the arguments given, the answer back
fake_each_shape()
{
	for api in call call_export; do
		args='' want=" r1=$FAKE_NR "
		for n in 0 1 2 3 4 5 6; do
			got=$(hc_kvm_sample_call "$api" "$FAKE_NR$args")
			read -r last <"$FAKE/last"
			calls=${last%% *} calls=${calls#calls=}
			case "$last" in
			*"$want"*) ;;
			*)
				ktap_print_msg "$api, $n arguments: the simulated host saw '$last'"
				return 1
				;;
			esac
			if [ "$got" != "ret=$((FAKE_BASE + calls))" ]; then
				ktap_print_msg "$api, $n arguments: got '$got'"
				return 1
			fi
			args="$args 0x$((n + 10))0"
			want="${want}r$((n + 2))=0x$((n + 10))0 "
		done
	done
	hc_info_is kvm_faults 0
}

# Without the simulated host, the same call is a rejected subcode again
fake_unloaded()
{
	rmmod hypercall_fake_host && hc_kvm_expect "$FAKE_NR" EIO &&
		both "$FAKE_NR 1" "ret=-1000" && hc_info_is kvm_faults 3
}

# kvm_mode=none --------------------------------------------------------------

# No transport: kvm/call ENODEV for every subcode, the API -KVM_ENOSYS
# without a fault, the hypervisor still KVM
mode_none()
{
	hc_load kvm_mode=none && hc_info_is kvm_mode none &&
		hc_info_is hypervisor kvm &&
		insmod "$HC_MODULE_DIR/hypercall_kvm_sample.ko" &&
		hc_kvm_expect "3 $schid 0" ENODEV && hc_kvm_expect 0 ENODEV &&
		hc_kvm_expect "$UNKNOWN_NR" ENODEV &&
		both "3 $schid 0" "ret=-1000" && hc_info_is kvm_faults 0
}

unloads()
{
	rmmod hypercall_kvm_sample && rmmod hypercall &&
		[ ! -e "$HC_DEBUGFS" ]
}

# ---------------------------------------------------------------------------

ktap_print_header
if [ "$HC_PROFILE" != s390x-kvm ]; then
	ktap_skip_all "HC_PROFILE is not s390x-kvm: the expected answers depend on it"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 21

was_tainted=
hc_tainted_user && was_tainted=1

ktap_print_msg "virtio-ccw subchannel $schid, none at $nosch, RAM $RAM bytes"
ktap_test_result "loads with the consumer; a virtio-ccw subchannel, RAM size known" \
	setup
ktap_test_result "kvm/call: malformed lines, EINVAL" malformed
ktap_test_result "notify (3) queue 0 and 1023 of the virtio subchannel: 0" \
	notify_queues
if [ -z "$was_tainted" ]; then
	ktap_test_result "other forms, 0..2 and unknown subcodes: EPERM, no taint" \
		refused
else
	ktap_test_skip "other forms, 0..2 and unknown subcodes (already tainted)"
fi
ktap_test_result "unsafe=1: queue 1024, absent subchannel: QEMU's -22" \
	unsafe_r2_r3
ktap_test_result "unsafe=1: 0, 1, 2 still EPERM" forbidden_with_unsafe
ktap_test_result "rejected subcodes: EIO, each counted in kvm_faults" \
	rejected_eio_counted
ktap_test_result "consumer (inline, export) patched at load: notify answers 0" \
	sample_patched
ktap_test_result "R1: subcodes 3, 0, 1 on the same R2 answer -22, 0, none" \
	sample_r1
ktap_test_result "R2: end of RAM 0, RAM size -22; subchannel 0 or -22" \
	sample_r2
ktap_test_result "R3: queue 1023 answers 0, 1024 -22" sample_r3
ktap_test_result "consumer: rejected subcodes -1000, each counted" \
	sample_rejected_counted
if command -v hcall >/dev/null; then
	ktap_test_result "hcall kvm (up to six arguments) and hcall info" hcall_kvm
else
	ktap_test_skip "hcall kvm (up to six arguments) and hcall info (no hcall in PATH)"
fi
ktap_test_result "simulated host loads" fake_load
ktap_test_result "simulated host: kvm/call passes R1..R7, gets R2" \
	fake_kvm_call
ktap_test_result "simulated host: inline API passes R1..R7, gets R2" \
	fake_inline
ktap_test_result "simulated host: exported function passes R1..R7" \
	fake_export
ktap_test_result "simulated host: 0 to 6 arguments, both APIs, in R2.." \
	fake_each_shape
ktap_test_result "simulated host gone: the subcode is rejected again" \
	fake_unloaded
ktap_test_result "kvm_mode=none: ENODEV, -1000, nothing faults" mode_none
ktap_test_result "unloads" unloads
hc_unload

ktap_finished

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark behind make bench (Documentation/performance.rst): the same
# cheap hypercall through every variant of hypercall_bench.ko, then through
# a debugfs call file from userspace (hc_bench_call), in the profile's
# guest:
#
#   vmware  VMware GETVERSION over the I/O port (QEMU's vmport, under TCG)
#   kvm     KVM hypercall 99 (unknown: -KVM_ENOSYS) over vmmcall, and
#           VMware GETVERSION forced to vmmcall (vmware_mode=vmmcall),
#           which real KVM answers with -KVM_ENOSYS in RAX
#
# Prints each table on lines that start with "BENCH " (scripts/bench.sh
# collects them), with one more row, u, for the userspace loop: its time
# per call and its median's ratio to that of the bare instruction (c)
# (samples of the loop and of the kernel's are not paired: no paired/c).
#
# The tests check what a benchmark can be wrong about: that every variant
# ran and every call gave the expected answer, written here by hand (QEMU's
# vmport, KVM's ABI).  The times are for people to read; scripts/bench.sh
# compares them with the targets.

DIR=$(cd "$(dirname "$0")" && pwd)
if [ -e "$DIR/../kselftest/ktap_helpers.sh" ]; then
	# shellcheck source=/dev/null
	. "$DIR/../kselftest/ktap_helpers.sh"
elif [ -n "$KSFT_DIR" ]; then
	# shellcheck source=/dev/null
	. "$KSFT_DIR/kselftest/ktap_helpers.sh"
else
	echo "Bail out! no ktap_helpers.sh (set KSFT_DIR)"
	exit 1
fi

MODS=${HC_MODULE_DIR:-/lib/modules/$(uname -r)/updates}
HC=/sys/kernel/debug/hypercall
BENCH=/sys/kernel/debug/hypercall_bench
TMP=${TMPDIR:-/tmp}
IN1=0xa9b2a797		# EBX: anything but the magic (~0x564d5868)
KVM_NR=99		# no KVM_HC_* has this number

# What the calls answer.  QEMU's vmport: version 6, the magic in EBX, type
# 2 (ESX Server) in ECX.  KVM: -KVM_ENOSYS (-1000) in RAX for an unknown
# number, and for VMware's magic taken as one; nothing else changes.
VMW_IOPORT_KERNEL="rax=0x6 ebx=0x564d5868"
VMW_IOPORT_USER="eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 esi=0x00000000 edi=0x00000000"
KVM_KERNEL="rax=0xfffffffffffffc18 ebx=0x0"
KVM_USER="ret=-1000"
VMW_KVM_KERNEL="rax=0xfffffffffffffc18 ebx=$IN1"
VMW_KVM_USER="eax=0xfffffc18 ebx=$IN1 ecx=0x0000000a edx=0x00000000 esi=0x00000000 edi=0x00000000"

unload()
{
	for m in hypercall_bench hypercall; do
		if [ -d "/sys/module/$m" ]; then
			rmmod "$m" || return 1
		fi
	done
}

# hypercall_bench's parameters.  Under nested KVM a call takes 60 us or
# more and the emulated machine jitters by as much: many short rounds of
# one to three calls.  With 1000 rounds of 1 ms samples the ratios moved by
# 2 to 4% from run to run; with 10000 rounds of 200 us (twice the time),
# by 0.5%.  hypercall_bench.PARAM=VALUE on the kernel command
# line (make bench's HC_BENCH_ROUNDS and HC_BENCH_SAMPLE_US) comes last and
# wins; insmod does not look there itself.
case "$HC_PROFILE" in
kvm) BENCH_PARAMS="rounds=10000 sample_us=200" ;;
*) BENCH_PARAMS= ;;
esac
BENCH_PARAMS="$BENCH_PARAMS $(tr ' ' '\n' </proc/cmdline | sed -n 's/^hypercall_bench\.//p')"

# load [PARAM=VALUE...]: hypercall.ko with these parameters, and the bench
load()
{
	# shellcheck disable=SC2086 # one word per parameter
	unload && insmod "$MODS/hypercall.ko" "$@" &&
		insmod "$MODS/hypercall_bench.ko" $BENCH_PARAMS
}

# kernel_table NAME FILE ANSWER VARIANTS: read the benchmark FILE into
# $TMP/NAME; every call answered ANSWER and these variants ran
kernel_table()
{
	t=$TMP/$1
	if ! cat "$BENCH/$2" >"$t" 2>"$t.err"; then
		ktap_print_msg "reading $BENCH/$2: $(cat "$t.err")"
		return 1
	fi
	echo "== $1" | sed 's/^/BENCH /'
	sed 's/^/BENCH /' "$t"
	if ! grep -qx "answer $3, every call checked" "$t"; then
		ktap_print_msg "expected the answer $3"
		return 1
	fi
	# the rows of the table: the variants (then "paired a/e", no row)
	ran=$(awk '/^variant/ { rows = 1; next }
		   rows && NF == 7 { printf "%s%s", sep, $1; sep = " " }' "$t")
	if [ "$ran" != "$4" ]; then
		ktap_print_msg "variants: expected '$4', got '$ran'"
		return 1
	fi
	awk '/^variant/ { rows = 1; next } rows && NF == 7 && $7 != 0 { bad = 1 }
	     END { exit bad }' "$t" || {
		ktap_print_msg "some calls answered otherwise"
		return 1
	}
}

# user_row NAME FILE LINE ANSWER: the userspace loop over call file FILE,
# appended to table NAME
user_row()
{
	t=$TMP/$1
	if ! "$DIR/hc_bench_call" "$HC/$2" "$3" >"$t.u" 2>"$t.err"; then
		ktap_print_msg "hc_bench_call: $(cat "$t.err")"
		return 1
	fi
	{
		echo "u   '$3' written to $2 and read back, from userspace (ratio to c)"
		awk '/^variant/ { rows = 1; next }
		     rows && $1 == "c" { ref = $3 }
		     END { printf "%s", ref }' "$t" >"$t.ref"
		awk -v ref="$(cat "$t.ref")" '$1 == "u" {
			printf "%-7s %11.2f %11.2f %11.2f %9.3f %9s %7d\n",
			       "u", $2, $3, $4, (ref > 0 ? $3 / ref : 0), "-", $5 }' \
			"$t.u"
	} | sed 's/^/BENCH /'
	if [ "$(sed -n 's/^answer //p' "$t.u")" != "$4" ]; then
		ktap_print_msg "$2 answered '$(sed -n 's/^answer //p' "$t.u")', expected '$4'"
		return 1
	fi
	awk '$1 == "u" && $5 != 0 { bad = 1 } END { exit bad }' "$t.u" || {
		ktap_print_msg "some calls answered otherwise"
		return 1
	}
}

# What the kernel did about indirect branches, which (d) pays for
mitigations()
{
	for f in spectre_v2 retbleed spec_rstack_overflow; do
		v=/sys/devices/system/cpu/vulnerabilities/$f
		[ -r "$v" ] && echo "BENCH cpu $f: $(cat "$v")"
	done
	return 0
}

ktap_print_header
if [ "$(id -u)" -ne 0 ]; then
	ktap_skip_all "needs root"
	exit "$KSFT_SKIP"
fi
case "$HC_PROFILE" in
vmware) ktap_set_plan 3 ;;
kvm) ktap_set_plan 5 ;;
*)
	ktap_skip_all "no benchmark for profile '$HC_PROFILE' (vmware, kvm)"
	exit "$KSFT_SKIP"
	;;
esac

mitigations
# The kernel's inline of VMware's call is in Linux 6.11 and later only.
c2=
case "$(uname -r)" in
6.[0-9].* | 6.10.*) ;;
*) c2=" c2" ;;
esac

# ktap_test_result splits its arguments at spaces: one function per test
vmware_ioport() {
	kernel_table vmware-ioport vmware "$VMW_IOPORT_KERNEL" "a b c$c2 d e z"
}
vmware_ioport_user() {
	user_row vmware-ioport vmware/call "10 $IN1" "$VMW_IOPORT_USER"
}
kvm_vmmcall() {
	kernel_table kvm-vmmcall kvm "$KVM_KERNEL" "a b c c2 d e z"
}
kvm_vmmcall_user() {
	user_row kvm-vmmcall kvm/call "$KVM_NR" "$KVM_USER"
}
# the kernel's own VMware inline would use the port here: no c2
vmware_vmmcall() {
	load vmware_mode=vmmcall &&
		kernel_table vmware-vmmcall vmware "$VMW_KVM_KERNEL" "a b c d e z"
}
vmware_vmmcall_user() {
	user_row vmware-vmmcall vmware/call "10 $IN1" "$VMW_KVM_USER"
}
# an unknown number from debugfs needs unsafe=1 (and taints)
load_unsafe() {
	load unsafe=1
}

if [ "$HC_PROFILE" = vmware ]; then
	ktap_test_result "modules load" load
	ktap_test_result "vmware ioport: every variant ran, every answer right" \
		vmware_ioport
	ktap_test_result "vmware ioport from userspace: every answer right" \
		vmware_ioport_user
else
	ktap_test_result "modules load (unsafe=1)" load_unsafe
	ktap_test_result "kvm vmmcall: every variant ran, every answer right" \
		kvm_vmmcall
	ktap_test_result "kvm vmmcall from userspace: every answer right" \
		kvm_vmmcall_user
	ktap_test_result "vmware vmmcall: every variant ran, every answer right" \
		vmware_vmmcall
	ktap_test_result "vmware vmmcall from userspace: every answer right" \
		vmware_vmmcall_user
fi
unload

ktap_finished

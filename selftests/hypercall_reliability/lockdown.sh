#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The module under kernel lockdown (boot with lockdown=integrity or
# lockdown=confidentiality, scripts/guest.sh -a; or lock down at run time,
# scripts/guest.sh -L), in the vmware profile of the KUnit kernel.
#
# At run time (HC_LOCKDOWN_TO=LEVEL, set by the guest's init for -L, on a
# kernel not locked down yet) this script locks the kernel down itself, as
# root would (echo LEVEL >/sys/kernel/security/lockdown), after it has
# loaded the module, set unsafe=1 and opened vmware/call (fd 3) and
# vmware/rpc (fd 4): what a script holds open across the lockdown.
#
# What the kernel does there, from Linux 6.12:
#
#  - module loading: the KUnit kernel has CONFIG_MODULE_SIG=y without
#    MODULE_SIG_FORCE, so it loads unsigned modules (tainting 'E') until it
#    is locked down: then module_sig_check() asks security_locked_down(
#    LOCKDOWN_MODULE_SIGNATURE), and an unsigned module fails with EPERM,
#    "Lockdown: insmod: unsigned module loading is restricted".  Signed
#    with the kernel's own key (the harness signs copies into
#    $HC_MODULE_DIR/signed/ with scripts/sign-file), it loads, on a kernel
#    that can check signatures: once the signature checks out,
#    module_sig_check() also hashes the module with sha256 for the hash
#    blacklist, and fails the load with ENOENT when the kernel has no
#    sha256 (CONFIG_CRYPTO_SHA256 off; kernel/tests/kunitconfig turns it
#    on for this).  On such a kernel the tests that need the module
#    loaded are skipped, saying so.  A kernel built without
#    MODULE_SIG would load unsigned modules even when locked down;
#    signature enforcement (module.sig_enforce) is separate.
#  - debugfs: debugfs_locked_down() (fs/debugfs/file.c) refuses, with
#    EPERM, to open any file whose mode has a bit beyond 0444, in any open
#    mode, at both levels (LOCKDOWN_DEBUGFS is an integrity reason): the
#    call files (vmware/call, kvm/call, vmware/rpc, all 0600) cannot be
#    opened; info and the named files (0400, read-only, no ioctl or mmap)
#    still read, and the guestinfo files (0400) still open for reading:
#    there the open asks the host, and QEMU, which has no GuestRPC, makes
#    it fail with EOPNOTSUPP, not the lockdown's EPERM.
#  - the module's API for other modules is not restricted: the sample
#    consumer, signed too, calls the backdoor through both APIs.
#
# What the module adds (kernel/core.c): hc_allow() asks
# security_locked_down(LOCKDOWN_DEBUGFS) at every unsafe command, so a
# file opened before the lockdown runs safe commands only, and the unsafe
# parameter refuses 1 (EPERM) while the kernel is locked down.

. "$(dirname "$0")/../hypercall/lib.sh"

hc_require_root

SIGNED=$HC_MODULE_DIR/signed
VMW=$HC_DEBUGFS/vmware
GI=$VMW/guestinfo
SAMPLE=/sys/module/hypercall_sample/parameters
SAMPLE_QEMU="ret=0x6 ebx=0x564d5868 ecx=0x00000002"
GETVERSION_QEMU="eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 esi=0x00000000 edi=0x00000000"

fail()
{
	ktap_print_msg "$*"
	return 1
}

[ -e /sys/kernel/security/lockdown ] ||
	mount -t securityfs securityfs /sys/kernel/security 2>/dev/null

# HC_LOCKDOWN_TO: hold the files open, then lock down (see the top).  What
# went wrong is reported after the TAP header, by the tests it breaks.
held='' held_why=''
hold_files_then_lock_down()
{
	# (a failed redirection of exec would end the script: check first)
	if ! hc_load unsafe=1 || [ ! -e "$VMW/call" ] || [ ! -e "$VMW/rpc" ]; then
		held_why="the module did not load with unsafe=1 before the lockdown"
		return 1
	fi
	exec 3<>"$VMW/call" 4<>"$VMW/rpc"
	held=1
	echo "$1" >/sys/kernel/security/lockdown 2>/dev/null ||
		held_why="echo $1 >/sys/kernel/security/lockdown failed"
	return 0
}
if [ -n "${HC_LOCKDOWN_TO:-}" ] &&
   grep -q '\[none\]' /sys/kernel/security/lockdown 2>/dev/null; then
	hold_files_then_lock_down "$HC_LOCKDOWN_TO"
fi

# The level: securityfs says it; on a kernel without securityfs the
# command line says it, and the tests below show it took effect.
if [ -r /sys/kernel/security/lockdown ]; then
	level=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/security/lockdown)
	level_from=securityfs
else
	level=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^lockdown=//p')
	level_from="the command line (no securityfs)"
fi

ktap_print_header
case "$level" in
integrity | confidentiality) ;;
*)
	[ -z "${HC_LOCKDOWN_TO:-}" ] ||
		ktap_exit_fail_msg "HC_LOCKDOWN_TO=$HC_LOCKDOWN_TO, yet the kernel is not locked down ('$level'): ${held_why:-securityfs refused}"
	ktap_skip_all "the kernel is not locked down ('$level'): boot with lockdown=integrity or lockdown=confidentiality, or set HC_LOCKDOWN_TO"
	exit "$KSFT_SKIP"
	;;
esac
if [ "$HC_PROFILE" != vmware ]; then
	ktap_skip_all "the expected answers are the vmware profile's"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 16

# Where the lockdown came from: the kernel logs "Kernel is locked down
# from command line" for lockdown=LEVEL at boot, "... from securityfs" when
# root wrote the level at run time.  (The words of WHERE arrive separately:
# ktap_test_result splits them.)
locked_down_by()
{
	dmesg | grep -q "Kernel is locked down from $*;" ||
		fail "no 'Kernel is locked down from $*' in the kernel log"
}

unsigned_refused()
{
	hc_unload
	dmesg -c >/dev/null
	if insmod "$HC_MODULE_DIR/hypercall.ko" 2>/dev/null; then
		fail "the unsigned module loaded"
		return 1
	fi
	[ ! -d /sys/module/hypercall ] || fail "module present after a refused load"
	dmesg | grep -q "Lockdown: insmod: unsigned module loading is restricted" ||
		fail "no lockdown message in the kernel log"
}

# no_sha256: the kernel has no sha256 to hash a signed module with
no_sha256()
{
	! grep -q '^name *: sha256$' /proc/crypto
}

info_reads()
{
	if [ "$(hc_info hypervisor)" != vmware ] ||
	   [ "$(hc_info vmware_mode)" != ioport ]; then
		fail "info: '$(cat "$HC_DEBUGFS/info" 2>&1)'"
	fi
}

named_files_read()
{
	got=$(cat "$VMW/version" 2>&1)
	[ "$got" = "version: 6
magic: ok
type: 2
product: ESX" ] || fail "vmware/version: '$got'"
}

# open_refused FILE MODE: opening FILE for MODE (r, w or rw) fails with EPERM
open_refused()
{
	case "$2" in
	r) msg=$( { exec 3<"$1"; } 2>&1) ;;
	w) msg=$( { exec 3>"$1"; } 2>&1) ;;
	*) msg=$( { exec 3<>"$1"; } 2>&1) ;;
	esac && {
		fail "$1 opened for $2"
		return 1
	}
	case "$msg" in
	*"Operation not permitted"*) ;;
	*) fail "$1 ($2): '$msg', not EPERM" ;;
	esac
}

call_files_refused()
{
	for f in "$VMW/call" "$HC_DEBUGFS/kvm/call" "$VMW/rpc"; do
		for m in r w rw; do
			open_refused "$f" "$m" || return 1
		done
	done
}

# uptime_cs: hundredths of a second since boot, in $HC_CS, from
# /proc/uptime with builtins only (the "1" keeps "08" from being octal)
uptime_cs()
{
	read -r up _ </proc/uptime
	HC_CS=$((${up%.*} * 100 + 1${up#*.} - 100))
}

# The guestinfo files (0400) open for reading: the open reaches the host,
# which has no GuestRPC in QEMU (EOPNOTSUPP), each in under a second
# (the time of the subshell included).
guestinfo_opens()
{
	n=0
	bad=0
	slowest=0
	for f in "$GI"/*; do
		[ -e "$f" ] || break
		uptime_cs
		t0=$HC_CS
		if msg=$( { exec 3<"$f"; } 2>&1); then
			fail "$f opened: QEMU has no GuestRPC"
			return 1
		fi
		uptime_cs
		t1=$HC_CS
		case "$msg" in
		*"not supported"*) ;;
		*) fail "$f: '$msg', not EOPNOTSUPP" || bad=1 ;;
		esac
		[ $((t1 - t0)) -lt 100 ] ||
			fail "$f: the open took $((t1 - t0))0 ms" || bad=1
		[ $((t1 - t0)) -le "$slowest" ] || slowest=$((t1 - t0))
		n=$((n + 1))
	done
	ktap_print_msg "$n guestinfo opens, the slowest in $((slowest * 10)) ms (with a fork)"
	[ "$n" -eq 10 ] || fail "$n files in $GI, not the 10 default keys" ||
		bad=1
	return $bad
}

guestinfo_write_refused()
{
	for f in "$GI/metadata" "$GI/ignition.config.data"; do
		for m in w rw; do
			open_refused "$f" "$m" || return 1
		done
	done
}

# write_refused FD TEXT: writing TEXT to the open FD (3 or 4) fails with
# EPERM
write_refused()
{
	case "$1" in
	3) msg=$( { echo "$2" >&3; } 2>&1) ;;
	*) msg=$( { echo "$2" >&4; } 2>&1) ;;
	esac && {
		fail "'$2' ran"
		return 1
	}
	case "$msg" in
	*"Operation not permitted"*) ;;
	*) fail "'$2': '$msg', not EPERM" ;;
	esac
}

# vmware/call, opened before the lockdown with unsafe=1: an unsafe command
# (0x7e, unknown to VMware and QEMU) is refused now
held_call_refuses_unsafe()
{
	write_refused 3 0x7e
}

held_call_answers_safe()
{
	echo getversion >&3 || return 1
	read -r answer <&3
	[ "$answer" = "$GETVERSION_QEMU" ] || fail "getversion: '$answer'"
}

# vmware/rpc, likewise (without the lockdown QEMU's EOPNOTSUPP would come)
held_rpc_refuses_unsafe()
{
	write_refused 4 "tools.set.version 1"
}

# held_test DESC FUNC: test DESC, FUNC, on the files held open across the
# lockdown: a failure where they should be held, a skip where the kernel
# was booted locked down
held_test()
{
	if [ -n "$held" ]; then
		ktap_test_result "$1" "$2"
	elif [ -n "${HC_LOCKDOWN_TO:-}" ]; then
		ktap_test_fail "$1: $held_why"
	else
		ktap_test_skip "$1: booted locked down, nothing was open before"
	fi
}

# unsafe=1 is refused, 0 is not, and unsafe=1 at load fails the load; the
# call files stay closed either way
unsafe_refused()
{
	p=/sys/module/hypercall/parameters/unsafe

	echo 0 >$p || return 1
	msg=$( { echo 1 >$p; } 2>&1) && {
		fail "unsafe=1 was accepted"
		echo 0 >$p
		return 1
	}
	case "$msg" in
	*"Operation not permitted"*) ;;
	*) fail "unsafe=1: '$msg', not EPERM"; return 1 ;;
	esac
	[ "$(cat $p)" = N ] || fail "unsafe reads '$(cat $p)'" || return 1
	open_refused "$VMW/call" rw || return 1
	# nor at load: the load fails, and the module loads without it
	rmmod hypercall || return 1
	if insmod "$SIGNED/hypercall.ko" unsafe=1 2>/dev/null; then
		fail "the module loaded with unsafe=1"
		return 1
	fi
	dmesg | grep -q "unsafe=1 refused: the kernel is locked down" ||
		fail "no 'unsafe=1 refused' in the kernel log" || return 1
	insmod "$SIGNED/hypercall.ko"
}

# hcall_exits RC PATTERN ARGS...: hcall ARGS exits RC, saying PATTERN (a glob)
hcall_exits()
{
	want=$1 pat=$2
	shift 2
	out=$(hcall "$@" 2>&1)
	rc=$?
	[ $rc -eq "$want" ] || fail "hcall $* exited $rc: '$out'"
	# shellcheck disable=SC2254 # PATTERN is a glob
	case "$out" in
	$pat) ;;
	*) fail "hcall $*: '$out'" ;;
	esac
}

hcall_says_lockdown()
{
	hcall_exits 3 '*locked down*Operation not permitted*' vmware getversion
}

# hcall guestinfo reads a guestinfo file locked down: it gets as far as the
# host (exit 1, no GuestRPC in QEMU), not a refusal to open (exit 3, EPERM).
hcall_guestinfo_works()
{
	hcall_exits 1 '*no GuestRPC*Operation not supported*' guestinfo metadata
}

consumer_works()
{
	insmod "$SIGNED/hypercall_sample.ko" || return 1
	v=$(cat "$SAMPLE/version") && e=$(cat "$SAMPLE/version_export") || return 1
	[ "$v" = "$SAMPLE_QEMU" ] || fail "version: '$v'"
	[ "$e" = "$SAMPLE_QEMU" ] || fail "version_export: '$e'"
	if rmmod hypercall 2>/dev/null; then
		fail "hypercall unloaded under its consumer"
		return 1
	fi
	rmmod hypercall_sample
}

unloads()
{
	rmmod hypercall && [ ! -e "$HC_DEBUGFS" ]
}

ktap_print_msg "lockdown: $level, from $level_from"
# (the harness's own hc.lockdown=LEVEL is not the kernel's parameter)
if grep -Eq "(^| )lockdown=$level( |$)" /proc/cmdline; then
	from="command line"
else
	from=securityfs
fi
ktap_test_result "locked down to $level, from $from" locked_down_by "$from"

held_test "vmware/call opened before: an unsafe command is refused, EPERM" \
	held_call_refuses_unsafe
held_test "vmware/call opened before: a safe command answers" \
	held_call_answers_safe
held_test "vmware/rpc opened before: an unsafe command is refused, EPERM" \
	held_rpc_refuses_unsafe
exec 3<&- 4<&-

ktap_test_result "the unsigned module is refused, with the kernel's message" \
	unsigned_refused

# The rest needs the signed module loaded.
loaded=
if [ ! -e "$SIGNED/hypercall.ko" ]; then
	ktap_test_fail "no $SIGNED/hypercall.ko (guest.sh signs the KUnit kernel's modules)"
elif msg=$(insmod "$SIGNED/hypercall.ko" 2>&1); then
	ktap_test_pass "the module signed with the kernel's key loads"
	loaded=1
elif no_sha256 && case "$msg" in *"unknown symbol"*) true ;; *) false ;; esac; then
	# busybox says "unknown symbol ..." for ENOENT
	why="this kernel cannot load signed modules: no sha256 (CONFIG_CRYPTO_SHA256) for module_sig_check's hash blacklist, ENOENT"
	ktap_test_skip "the module signed with the kernel's key loads: $why"
else
	ktap_print_msg "$msg"
	ktap_test_fail "the module signed with the kernel's key loads"
fi

if [ -n "$loaded" ]; then
	ktap_test_result "info (0400) reads" info_reads
	ktap_test_result "vmware/version (0400) answers GETVERSION" named_files_read
	ktap_test_result "call, kvm/call and rpc (0600) cannot be opened: EPERM" \
		call_files_refused
	ktap_test_result "guestinfo files (0400) open for reading: EOPNOTSUPP from QEMU" \
		guestinfo_opens
	ktap_test_result "guestinfo files cannot be opened for writing: EPERM" \
		guestinfo_write_refused
	ktap_test_result "unsafe=1 is refused, EPERM, at run time and at load" \
		unsafe_refused
	ktap_test_result "hcall says the kernel is locked down" hcall_says_lockdown
	ktap_test_result "hcall guestinfo reads, locked down: no GuestRPC from QEMU" \
		hcall_guestinfo_works
	ktap_test_result "the consumer loads, calls through both APIs, pins the module" \
		consumer_works
	ktap_test_result "the module unloads" unloads
else
	for t in "info (0400) reads" "vmware/version (0400) answers GETVERSION" \
		"call, kvm/call and rpc (0600) cannot be opened: EPERM" \
		"guestinfo files (0400) open for reading: EOPNOTSUPP from QEMU" \
		"guestinfo files cannot be opened for writing: EPERM" \
		"unsafe=1 is refused, EPERM, at run time and at load" \
		"hcall says the kernel is locked down" \
		"hcall guestinfo reads, locked down: no GuestRPC from QEMU" \
		"the consumer loads, calls through both APIs, pins the module" \
		"the module unloads"; do
		ktap_test_skip "$t: ${why:-the module did not load}"
	done
fi
hc_unload
ktap_finished

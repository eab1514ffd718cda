#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The VMware backdoor from a shell: the named files of
# /sys/kernel/debug/hypercall/vmware/, the call file through the plain-shell
# idiom and through hcall (calls, named files and KEYs, options, exit
# codes), the module's lifetime while files are open, and the sample
# consumer module (hypercall_sample.ko) with the transport it was patched
# to.  vmware_call.c covers the call file's errors and concurrency.
#
# Expected values are QEMU's vmport device (hw/i386/vmport.c), the backdoor
# of the harness's vmware, tcg and kvm profiles (HC_PROFILE); bare has
# none.  HC_MEM_MIB is the guest's -m, HC_UUID its -uuid where it has one.

. "$(dirname "$0")/lib.sh"

hc_require_root

VMW=$HC_DEBUGFS/vmware
SAMPLE=/sys/module/hypercall_sample/parameters
SAMPLE_KO=$HC_MODULE_DIR/hypercall_sample.ko

# QEMU's answer to GETVERSION (version 6, the magic, type 2 = ESX)
GETVERSION_QEMU="eax=0x00000006 ebx=0x564d5868 ecx=0x00000002 edx=0x00005658 esi=0x00000000 edi=0x00000000"
SAMPLE_QEMU="ret=0x6 ebx=0x564d5868 ecx=0x00000002"
# HC_VMW_ERROR, outputs untouched: the call could not be made
SAMPLE_ERROR="ret=0xffffffffffffffff ebx=0x00000000 ecx=0x00000000"

case "$HC_PROFILE" in
vmware | tcg) backdoor=qemu tcg=1 ;;
kvm) backdoor=qemu tcg='' ;;
bare) backdoor=none tcg=1 ;;
*) backdoor='' tcg='' ;;
esac

fail()
{
	ktap_print_msg "$*"
	return 1
}

# oneline TEXT: TEXT with its newlines shown as '|'
oneline()
{
	printf '%s' "$1" | tr '\n' '|'
}

# expect_file FILE EXPECTED: reading FILE gives EXPECTED
expect_file()
{
	got=$(cat "$1" 2>&1) || {
		fail "$1: $got"
		return 1
	}
	[ "$got" = "$2" ] ||
		fail "$1: expected '$(oneline "$2")', got '$(oneline "$got")'"
}

# expect_fails FILE ERROR: reading FILE fails with ERROR (strerror text)
expect_fails()
{
	if got=$(cat "$1" 2>&1); then
		fail "$1 read: '$(oneline "$got")'"
		return 1
	fi
	case "$got" in
	*"$2"*) return 0 ;;
	*) fail "$1: expected '$2', got '$got'" ;;
	esac
}

# call CMD: one command through the plain-shell idiom; the answer in $answer
call()
{
	answer=
	exec 3<>"$VMW/call" || return 1
	if ! echo "$1" >&3; then
		exec 3<&-
		return 1
	fi
	read -r answer <&3
	exec 3<&-
}

expect_call()
{
	call "$1" || {
		fail "'$1' failed"
		return 1
	}
	[ "$answer" = "$2" ] || fail "'$1': expected '$2', got '$answer'"
}

faults()
{
	hc_info vmware_faults
}

sample_load()
{
	insmod "$SAMPLE_KO" "$@"
}

sample_unload()
{
	if [ -d /sys/module/hypercall_sample ]; then
		rmmod hypercall_sample
	fi
}

# --- the named files --------------------------------------------------

files_and_modes()
{
	hc_load || return 1
	[ "$(stat -c %a "$VMW/call")" = 600 ] || fail "call is not 0600"
	for f in version uuid memsize hz vcpu_info; do
		[ "$(stat -c %a "$VMW/$f")" = 400 ] || {
			fail "$f is not 0400"
			return 1
		}
	done
}

version_file()
{
	hc_load && expect_file "$VMW/version" "version: 6
magic: ok
type: 2
product: ESX"
}

# QEMU hands back -uuid byte for byte; without -uuid it is all zeros and
# the kernel shows no DMI product_uuid.
uuid_file()
{
	dmi=/sys/class/dmi/id/product_uuid

	hc_load || return 1
	if [ -n "$HC_UUID" ]; then
		expect_file "$VMW/uuid" "uuid: $HC_UUID" || return 1
		[ ! -e "$dmi" ] || expect_file "$VMW/uuid" "uuid: $(cat $dmi)"
	else
		expect_file "$VMW/uuid" "uuid: 00000000-0000-0000-0000-000000000000"
	fi
}

memsize_file()
{
	[ -n "$HC_MEM_MIB" ] || {
		fail "HC_MEM_MIB is not set"
		return 1
	}
	hc_load && expect_file "$VMW/memsize" "bytes: $((HC_MEM_MIB * 1048576))
mib: $HC_MEM_MIB
ebx: 0x00001177"
}

# Under TCG QEMU knows no TSC frequency: EBX comes back 0xffffffff.
hz_file_tcg()
{
	hc_load && expect_file "$VMW/hz" "tsc_hz: unsupported
apic_hz: unsupported"
}

# Under KVM QEMU reports the TSC frequency and KVM's APIC bus, 1 GHz.
hz_file_kvm()
{
	hc_load || return 1
	got=$(cat "$VMW/hz") || return 1
	tsc=$(echo "$got" | sed -n 's/^tsc_hz: //p')
	case "$tsc" in
	'' | *[!0-9]* | 0) fail "tsc_hz: '$tsc'"; return 1 ;;
	esac
	[ "$got" = "tsc_hz: $tsc
apic_hz: 1000000000" ] || fail "hz: '$(oneline "$got")'"
}

# QEMU sets only LEGACY_X2APIC (bit 3), when the vCPU has x2APIC.
vcpu_info_file()
{
	if grep -qw x2apic /proc/cpuinfo; then
		eax=0x00000008 x2apic=yes
	else
		eax=0x00000000 x2apic=no
	fi
	hc_load && expect_file "$VMW/vcpu_info" "eax: $eax
supported: yes
slc64: no
sync_vtscs: no
hv_replay_ok: no
legacy_x2apic: $x2apic
mmio_honors_pat: no"
}

no_backdoor_files_enodev()
{
	hc_load || return 1
	for f in version uuid memsize hz vcpu_info; do
		expect_fails "$VMW/$f" "No such device" || return 1
	done
	call getversion && fail "call getversion worked"
	[ -z "$answer" ]
}

# --- the call file from a shell ---------------------------------------

shell_idiom()
{
	hc_load || return 1
	expect_call getversion "$GETVERSION_QEMU" || return 1
	# two commands on one descriptor: each read gets the latest answer
	exec 3<>"$VMW/call"
	echo getversion >&3 && read -r a1 <&3 &&
		echo "getmhz 5" >&3 && read -r a2 <&3
	exec 3<&-
	[ "$a1" = "$GETVERSION_QEMU" ] || fail "first answer '$a1'"
	[ "$a2" = "eax=0xffffffff ebx=0x00000005 ecx=0x00000001 edx=0x00005658 esi=0x00000000 edi=0x00000000" ] ||
		fail "second answer '$a2'"
}

# run_hcall ARGS...: run hcall; its output in $out, messages in $err,
# exit status in $rc
run_hcall()
{
	rc=0
	out=$(hcall "$@" 2>/tmp/hcall.err) || rc=$?
	err=$(cat /tmp/hcall.err)
}

# hcall_fails RC PATTERN ARGS...: hcall ARGS exits RC, prints nothing on
# stdout and a message matching the glob PATTERN
hcall_fails()
{
	want=$1 pat=$2
	shift 2
	run_hcall "$@"
	if [ "$rc" != "$want" ] || [ -n "$out" ]; then
		fail "hcall $*: exit $rc, '$out', '$err'"
		return 1
	fi
	# shellcheck disable=SC2254 # PATTERN is a glob
	case "$err" in
	$pat) ;;
	*) fail "hcall $*: '$err' is not '$pat'" ;;
	esac
}

# hcall_answers ANSWER ARGS...: hcall ARGS prints ANSWER and exits 0
hcall_answers()
{
	want=$1
	shift
	run_hcall "$@"
	if [ "$rc" != 0 ] || [ "$out" != "$want" ]; then
		fail "hcall $*: exit $rc, '$out', '$err'"
	fi
}

hcall_helper()
{
	mem=$(printf %08x $((HC_MEM_MIB << 20)))

	hc_load || return 1
	hcall_answers "$GETVERSION_QEMU" vmware getversion &&
		hcall_answers "eax=0x$mem ebx=0x00001177 ecx=0x00000014 edx=0x00005658 esi=0x12345678 edi=0x00000000" \
			vmware 20 0 0 0x12345678 &&
		hcall_fails 1 '*malformed*Invalid argument*' \
			vmware getversion 0x100000000 &&
		hcall_fails 1 '*not allowed*unsafe=1*Operation not permitted*' \
			vmware setptrlocation &&
		echo 1 >/sys/module/hypercall/parameters/unsafe &&
		hcall_fails 1 '*never allowed*Operation not permitted*' \
			vmware stealclock &&
		echo 0 >/sys/module/hypercall/parameters/unsafe &&
		hcall_fails 2 '*takes*' vmware &&
		hcall_fails 2 '*takes*' vmware 1 2 3 4 5 6 &&
		hcall_fails 2 "*unknown command 'bogus'*" bogus 1
}

# The named files through hcall: whole, as they read, and one value with
# KEY.  The expected values are QEMU's, as in the tests of the files above,
# and info as the shell reads it.
hcall_named_files()
{
	uuid=${HC_UUID:-00000000-0000-0000-0000-000000000000}

	hc_load || return 1
	hcall_answers "$(cat "$HC_DEBUGFS/info")" info &&
		hcall_answers ioport info vmware_mode || return 1
	for key in hypervisor kvm_mode kvm_faults; do
		hc_info_get $key && hcall_answers "$HC_INFO" info $key ||
			return 1
	done
	hcall_answers "version: 6
magic: ok
type: 2
product: ESX" vmware version &&
		hcall_answers ESX vmware version product &&
		hcall_answers ok vmware version magic &&
		hcall_answers "$uuid" vmware uuid &&
		hcall_answers "$uuid" vmware uuid uuid &&
		hcall_answers "$HC_MEM_MIB" vmware memsize mib &&
		hcall_answers $((HC_MEM_MIB * 1048576)) vmware memsize bytes &&
		hcall_answers yes vmware vcpu_info supported &&
		hcall_fails 1 "*/info: no key 'nosuchkey'*" info nosuchkey &&
		hcall_fails 1 "*/vmware/version: no key 'version:'*" \
			vmware version version: &&
		hcall_fails 2 '*info takes*' info vmware_mode extra &&
		hcall_fails 2 '*vmware takes*' vmware version magic extra
}

# "key=value" words, the format of kvm/clock_pairing, read from a directory
# given with -d: a simulated kvm/clock_pairing, not the module's (this
# profile has no KVM; the kvm profile reads the real one, kvm.sh).
hcall_key_words_simulated()
{
	dir=/tmp/hcall-simulated

	mkdir -p $dir/kvm &&
		echo "sec=1700000000 nsec=5 tsc=123456789 flags=0" \
			>$dir/kvm/clock_pairing || return 1
	hcall_answers "sec=1700000000 nsec=5 tsc=123456789 flags=0" \
		-d $dir kvm clock_pairing &&
		hcall_answers 1700000000 -d $dir kvm clock_pairing sec &&
		hcall_answers 123456789 -d $dir kvm clock_pairing tsc &&
		hcall_answers 0 -d $dir kvm clock_pairing flags &&
		hcall_fails 1 "*no key 'ts'*" -d $dir kvm clock_pairing ts
	rc=$?
	rm -rf $dir
	return $rc
}

# --help and --version on stdout with exit status 0; usage errors exit 2
# on stderr.  hcall and the module both take their version from VERSION.
hcall_options()
{
	hc_load || return 1
	run_hcall --help
	case "$rc $out" in
	"0 usage: hcall"*"commands:"*"  info [KEY]"*"  kvm clock_pairing [KEY]"*) ;;
	*) fail "hcall --help: exit $rc, '$out', '$err'"; return 1 ;;
	esac
	hcall_answers "hcall $(cat /sys/module/hypercall/version)" --version &&
		hcall_answers "hcall $(cat /sys/module/hypercall/version)" -V &&
		hcall_fails 2 '*usage: hcall*' &&
		hcall_fails 2 '*usage: hcall*' --bogus
}

hcall_no_backdoor()
{
	hc_load && hcall_fails 3 '*no VMware backdoor*' vmware getversion &&
		hcall_fails 3 '*no VMware backdoor*No such device*' vmware uuid &&
		hcall_answers none info vmware_mode
}

hcall_no_kvm()
{
	hc_load &&
		hcall_fails 3 '*no KVM on this machine*No such device*' \
			kvm clock_pairing
}

hcall_no_module()
{
	hc_unload || return 1
	for cmd in "vmware getversion" "vmware uuid" info "kvm clock_pairing"; do
		# shellcheck disable=SC2086 # the words of the command
		hcall_fails 3 '*the hypercall module is not loaded*' $cmd ||
			return 1
	done
}

# With the module loaded but debugfs not mounted there: exit 3, and hcall
# says so; debugfs is mounted again after.
hcall_no_debugfs()
{
	hc_load || return 1
	umount /sys/kernel/debug || {
		fail "cannot unmount debugfs"
		return 1
	}
	hcall_fails 3 '*/sys/kernel/debug/hypercall: no such directory: is debugfs mounted?*' \
		info vmware_mode
	rc=$?
	mount -t debugfs debugfs /sys/kernel/debug || {
		fail "cannot mount debugfs again"
		return 1
	}
	[ -r "$HC_DEBUGFS/info" ] && return $rc
}

# --- module lifetime --------------------------------------------------

# An open call file pins the module: rmmod fails, the file keeps working,
# and rmmod works once it is closed.
open_call_pins_module()
{
	hc_load || return 1
	exec 3<>"$VMW/call"
	if rmmod hypercall 2>/dev/null; then
		exec 3<&-
		fail "rmmod worked with call open"
		return 1
	fi
	ok=1
	[ -d /sys/module/hypercall ] || ok=
	[ "$(cat /sys/module/hypercall/refcnt)" = 1 ] || ok=
	if [ -n "$backdoor" ] && [ "$backdoor" != none ]; then
		echo getversion >&3 && read -r a <&3 &&
			[ "$a" = "$GETVERSION_QEMU" ] || ok=
	fi
	exec 3<&-
	[ -n "$ok" ] || fail "module gone, refcnt wrong or call broken" ||
		return 1
	rmmod hypercall && [ ! -d /sys/module/hypercall ]
}

open_named_file_pins_module()
{
	hc_load || return 1
	exec 4<"$VMW/version"
	if rmmod hypercall 2>/dev/null; then
		exec 4<&-
		fail "rmmod worked with version open"
		return 1
	fi
	exec 4<&-
	rmmod hypercall && [ ! -d /sys/module/hypercall ]
}

# --- the sample consumer ----------------------------------------------

sample_needs_hypercall()
{
	hc_unload
	if sample_load 2>/dev/null; then
		sample_unload
		fail "hypercall_sample loaded without hypercall"
		return 1
	fi
	[ ! -d /sys/module/hypercall_sample ]
}

# "version" runs the sample's own (patched) call site, "version_export"
# the exported vmware_hypercall3(); both must give the same answer.
sample_answers()
{
	expect_file "$SAMPLE/version" "$1" &&
		expect_file "$SAMPLE/version_export" "$1"
}

sample_works()
{
	want=$SAMPLE_QEMU

	[ "$backdoor" = none ] && want=$SAMPLE_ERROR
	hc_load && sample_load || return 1
	sample_answers "$want"
	rc=$?
	sample_unload
	return $rc
}

sample_pins_hypercall()
{
	hc_load && sample_load || return 1
	[ "$(cat /sys/module/hypercall/refcnt)" = 1 ] ||
		fail "refcnt $(cat /sys/module/hypercall/refcnt)" || return 1
	[ -e /sys/module/hypercall/holders/hypercall_sample ] ||
		fail "hypercall_sample is not a holder" || return 1
	if rmmod hypercall 2>/dev/null; then
		fail "rmmod hypercall worked under hypercall_sample"
		return 1
	fi
	sample_unload && rmmod hypercall && [ ! -d /sys/module/hypercall ]
}

sample_rejects_parameters()
{
	hc_load || return 1
	if sample_load version=1 2>/dev/null; then
		sample_unload
		fail "loaded with version=1"
		return 1
	fi
	[ ! -d /sys/module/hypercall_sample ]
}

# --- forced transports ------------------------------------------------

# Under TCG vmcall raises #UD: the named files and the sample's own site
# fail cleanly, each read counts one fault, and nothing oopses.
wrong_transport_tcg()
{
	hc_load vmware_mode=vmcall && sample_load || return 1
	f0=$(faults)
	expect_fails "$VMW/version" "Input/output error" &&
		expect_fails "$VMW/version" "Input/output error" &&
		expect_fails "$VMW/uuid" "Input/output error" || return 1
	[ "$(faults)" = $((f0 + 3)) ] || fail "faults $f0 -> $(faults)" ||
		return 1
	sample_answers "$SAMPLE_ERROR" || return 1
	[ "$(faults)" = $((f0 + 5)) ] || fail "faults $f0 -> $(faults)" ||
		return 1
	hcall_fails 1 '*faulted*Input/output error*' vmware getversion &&
		sample_unload
}

# Under KVM, vmmcall reaches KVM itself: -KVM_ENOSYS (-1000) in RAX, EBX
# and ECX as they went in; the default I/O port reaches QEMU.  The sample
# module's own call site follows the transport hypercall.ko chose.
vmmcall_reaches_kvm()
{
	hc_load vmware_mode=vmmcall && sample_load || return 1
	expect_file "$VMW/version" "version: 4294966296
magic: bad 0xa9b2a797
type: 10
product: unknown" || return 1
	sample_answers "ret=0xfffffffffffffc18 ebx=0xa9b2a797 ecx=0x0000000a" ||
		return 1
	sample_unload
	hc_load && sample_load || return 1
	sample_answers "$SAMPLE_QEMU" || return 1
	sample_unload
}

ktap_print_header
ktap_set_plan 26

# run_if COND REASON DESC FUNC: run FUNC as test DESC if COND is not empty
run_if()
{
	cond=$1 reason=$2 desc=$3
	shift 3
	if [ -n "$cond" ]; then
		ktap_test_result "$desc" "$@"
	else
		ktap_test_skip "$desc ($reason)"
	fi
}

qemu=
[ "$backdoor" = qemu ] && qemu=1
none=
[ "$backdoor" = none ] && none=1
kvm=
[ "$HC_PROFILE" = kvm ] && kvm=1
have_hcall=
command -v hcall >/dev/null && have_hcall=1
qemu_tcg=
[ -n "$qemu" ] && [ -n "$tcg" ] && qemu_tcg=1
qemu_hcall=
[ -n "$qemu" ] && [ -n "$have_hcall" ] && qemu_hcall=1
none_hcall=
[ -n "$none" ] && [ -n "$have_hcall" ] && none_hcall=1
nokvm_hcall=
[ -z "$kvm" ] && [ -n "$have_hcall" ] && nokvm_hcall=1

ktap_test_result "vmware files exist with modes 0600 and 0400" files_and_modes
run_if "$qemu" "no QEMU backdoor" "version: 6, magic ok, ESX" version_file
run_if "$qemu" "no QEMU backdoor" "uuid: QEMU's -uuid" uuid_file
run_if "$qemu" "no QEMU backdoor" "memsize: QEMU's -m" memsize_file
run_if "$qemu_tcg" "not QEMU under TCG" "hz: unsupported under TCG" \
	hz_file_tcg
run_if "$kvm" "not under KVM" "hz: TSC and 1 GHz APIC bus under KVM" \
	hz_file_kvm
run_if "$qemu" "no QEMU backdoor" "vcpu_info: x2APIC as in cpuinfo" \
	vcpu_info_file
run_if "$none" "has a backdoor" "no backdoor: every file says ENODEV" \
	no_backdoor_files_enodev
run_if "$qemu" "no QEMU backdoor" "call through exec 3<>, echo, read" \
	shell_idiom
run_if "$qemu_hcall" "no QEMU backdoor or no hcall" \
	"hcall: answers, errors, exit codes" hcall_helper
run_if "$qemu_hcall" "no QEMU backdoor or no hcall" \
	"hcall: named files, whole and by KEY" hcall_named_files
run_if "$have_hcall" "no hcall in PATH" \
	"hcall: KEY in key=value words (simulated clock_pairing file)" \
	hcall_key_words_simulated
run_if "$have_hcall" "no hcall in PATH" "hcall: --help, --version, usage" \
	hcall_options
run_if "$none_hcall" "has a backdoor or no hcall" \
	"hcall: no backdoor is exit code 3" hcall_no_backdoor
run_if "$nokvm_hcall" "has KVM or no hcall" \
	"hcall: kvm clock_pairing without KVM is exit code 3" hcall_no_kvm
run_if "$have_hcall" "no hcall in PATH" "hcall: no module is exit code 3" \
	hcall_no_module
run_if "$have_hcall" "no hcall in PATH" \
	"hcall: debugfs not mounted is exit code 3" hcall_no_debugfs
ktap_test_result "an open call file pins the module" open_call_pins_module
ktap_test_result "an open named file pins the module" \
	open_named_file_pins_module
ktap_test_result "hypercall_sample needs hypercall" sample_needs_hypercall
ktap_test_result "hypercall_sample: GETVERSION through its own site and the export" \
	sample_works
ktap_test_result "hypercall_sample pins hypercall" sample_pins_hypercall
ktap_test_result "hypercall_sample rejects parameters at load" \
	sample_rejects_parameters
run_if "$tcg" "not under TCG" "vmware_mode=vmcall under TCG: EIO, counted" \
	wrong_transport_tcg
run_if "$kvm" "not under KVM" "vmware_mode=vmmcall reaches real KVM" \
	vmmcall_reaches_kvm
ktap_test_result "the module unloads" hc_unload

ktap_finished

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload the module; its info file says what the machine is; the
# vmware_mode= and kvm_mode= parameters override detection; invalid values
# fail the load with a clear message.  On s390 there is kvm_mode only
# (diag500), and no vmware_mode; on MIPS too (hypcall).
#
# HC_PROFILE (vmware, kvm, tcg, bare, s390x-kvm, mips64el-tcg: the test
# harness's guest profiles) gives the expected detection; without it those
# checks are skipped.

. "$(dirname "$0")/lib.sh"

hc_require_root

# expect KEY VALUE: the info file says KEY: VALUE
expect()
{
	hc_info_get "$1"
	if [ "$HC_INFO" = "$2" ]; then
		return 0
	fi
	ktap_print_msg "$1: expected '$2', got '$HC_INFO'"
	return 1
}

# load_fails PARAM MESSAGE...: loading with PARAM fails and logs MESSAGE
# (the words of MESSAGE arrive separately: ktap_test_result splits them)
load_fails()
{
	param=$1
	shift
	msg="$*"
	dmesg -c >/dev/null
	if hc_load "$param"; then
		ktap_print_msg "loaded with $param"
		return 1
	fi
	if [ -d /sys/module/hypercall ]; then
		ktap_print_msg "module present after a failed load"
		return 1
	fi
	if ! dmesg | grep -qF "hypercall: $msg"; then
		ktap_print_msg "no 'hypercall: $msg' in the kernel log"
		return 1
	fi
}

# Expected detection per profile: hypervisor detected_by vmware_mode kvm_mode
# (s390: hypervisor detected_by kvm_mode)
case "$HC_PROFILE" in
vmware)	profile="vmware dmi ioport none" ;;
kvm)	profile="kvm cpuid ioport vmmcall" ;;
tcg)	profile="other:TCGTCGTCGTCG cpuid ioport none" ;;
bare)	profile="none none none none" ;;
s390x-kvm) profile="kvm stsi diag500" ;;
mips64el-tcg) profile="none none none" ;;
*)	profile= ;;
esac

info_mode_0400()
{
	[ "$(stat -c %a "$HC_DEBUGFS/info" 2>/dev/null)" = 400 ]
}

# detected HV HOW VMWARE KVM: info shows this detection, by auto modes
detected()
{
	expect hypervisor "$1" && expect detected_by "$2" &&
		expect vmware_mode "$3" && expect kvm_mode "$4" &&
		expect vmware_mode_param auto && expect kvm_mode_param auto
}

unloads()
{
	rmmod hypercall && [ ! -e "$HC_DEBUGFS" ]
}

# forced VMWARE KVM: loading with both modes forced shows them in info
forced()
{
	hc_load "vmware_mode=$1" "kvm_mode=$2" &&
		expect vmware_mode "$1" && expect vmware_mode_param "$1" &&
		expect kvm_mode "$2" && expect kvm_mode_param "$2"
}

# forced_keeps_hv HV HOW: a forced mode does not change the hypervisor line
forced_keeps_hv()
{
	hc_load vmware_mode=vmcall && expect hypervisor "$1" &&
		expect detected_by "$2" && expect vmware_mode vmcall
}

forced_on_bare()
{
	hc_load vmware_mode=ioport && expect hypervisor vmware &&
		expect detected_by param && expect vmware_mode ioport
}

# s390 ------------------------------------------------------------------------

# s390_detected HV HOW KVM: info shows this detection, by the auto mode, and
# the control program STSI 3.2.2 names, as the kernel read it
# (/proc/sysinfo); no VMware lines
s390_detected()
{
	cp=$(sed -n 's/^VM00 Control Program: *//p' /proc/sysinfo)
	cp=${cp%"${cp##*[! ]}"}
	expect hypervisor "$1" && expect detected_by "$2" &&
		expect kvm_mode "$3" && expect kvm_mode_param auto &&
		expect machine kvm && expect control_program "$cp" &&
		[ "$cp" = KVM/Linux ] && ! hc_info_get vmware_mode &&
		! hc_info_get vmware_faults
}

# s390_forced MODE HV: kvm_mode=MODE shows in info, the hypervisor stays
s390_forced()
{
	hc_load "kvm_mode=$1" && expect kvm_mode "$1" &&
		expect kvm_mode_param "$1" && expect hypervisor "$2"
}

# No vmware_mode here: the kernel ignores an unknown parameter, saying so
no_vmware_mode()
{
	dmesg -c >/dev/null
	hc_load vmware_mode=ioport && [ -d /sys/module/hypercall ] &&
		[ ! -e /sys/module/hypercall/parameters/vmware_mode ] &&
		dmesg | grep -qF "unknown parameter 'vmware_mode' ignored" &&
		! hc_info_get vmware_mode
}

# first_tests DETECTED: the tests every architecture starts with; DETECTED
# checks the profile's detection
first_tests()
{
	ktap_test_result "module loads" hc_load
	ktap_test_result "info is mode 0400" info_mode_0400
	if [ -n "$profile" ]; then
		# shellcheck disable=SC2086
		ktap_test_result "detection in the $HC_PROFILE profile" \
			"$1" $profile
	else
		ktap_test_skip "detection (HC_PROFILE not set)"
	fi
	ktap_test_result "module unloads, its debugfs tree goes" unloads
}

s390_tests()
{
	ktap_set_plan 11
	first_tests s390_detected
	ktap_test_result "forced diag500 shows in info" \
		s390_forced diag500 "${profile%% *}"
	ktap_test_result "forced none shows in info, the hypervisor stays" \
		s390_forced none "${profile%% *}"
	ktap_test_result "no vmware_mode parameter on s390" no_vmware_mode
	hc_unload
	ktap_test_result "invalid kvm_mode fails the load" \
		load_fails kvm_mode=bogus "invalid kvm_mode (expected auto, none or diag500)"
	ktap_test_result "kvm_mode=vmcall (x86's) fails the load" \
		load_fails kvm_mode=vmcall "invalid kvm_mode"
	ktap_test_result "kvm_mode=ioport fails the load" \
		load_fails kvm_mode=ioport "invalid kvm_mode"
	ktap_test_result "kvm_mode=tdx fails the load" \
		load_fails kvm_mode=tdx "invalid kvm_mode"
}

# MIPS ------------------------------------------------------------------------

# mips_detected HV HOW KVM: info shows this detection, by the auto mode (a
# MIPS guest cannot tell KVM: none), on a CPU without VZ; no VMware or
# Palacios lines
mips_detected()
{
	expect hypervisor "$1" && expect detected_by "$2" &&
		expect kvm_mode "$3" && expect kvm_mode_param auto &&
		expect cpu_vz no && ! hc_info_get vmware_mode &&
		! hc_info_get vmware_faults && ! hc_info_get palacios_mode
}

# mips_forced MODE HV HOW: kvm_mode=MODE shows in info, with the hypervisor
# (hypcall names KVM "by param" where nothing was detected)
mips_forced()
{
	hc_load "kvm_mode=$1" && expect kvm_mode "$1" &&
		expect kvm_mode_param "$1" && expect hypervisor "$2" &&
		expect detected_by "$3"
}

mips_tests()
{
	ktap_set_plan 10
	first_tests mips_detected
	ktap_test_result "forced hypcall shows in info, KVM by param" \
		mips_forced hypcall kvm param
	ktap_test_result "forced none shows in info" \
		mips_forced none none none
	ktap_test_result "no vmware_mode parameter on MIPS" no_vmware_mode
	hc_unload
	ktap_test_result "invalid kvm_mode fails the load" \
		load_fails kvm_mode=bogus "invalid kvm_mode (expected auto, none or hypcall)"
	ktap_test_result "kvm_mode=vmcall (x86's) fails the load" \
		load_fails kvm_mode=vmcall "invalid kvm_mode"
	ktap_test_result "kvm_mode=tdx fails the load" \
		load_fails kvm_mode=tdx "invalid kvm_mode"
}

# x86 -------------------------------------------------------------------------

x86_tests()
{
	ktap_set_plan 12
	first_tests detected

	ktap_test_result "forced vmcall/vmmcall show in info" forced vmcall vmmcall
	ktap_test_result "forced vmmcall/vmcall show in info" forced vmmcall vmcall
	ktap_test_result "forced none/none show in info" forced none none

	if [ -z "$profile" ]; then
		ktap_test_skip "a forced mode and the hypervisor (HC_PROFILE not set)"
	elif [ "$HC_PROFILE" = bare ]; then
		ktap_test_result "a forced mode on bare metal: hypervisor by param" \
			forced_on_bare
	else
		# shellcheck disable=SC2086
		ktap_test_result "a forced mode keeps the detected hypervisor" \
			forced_keeps_hv $profile
	fi
	hc_unload

	ktap_test_result "invalid vmware_mode fails the load" \
		load_fails vmware_mode=bogus "invalid vmware_mode"
	ktap_test_result "kvm_mode=ioport fails the load" \
		load_fails kvm_mode=ioport "invalid kvm_mode"
	ktap_test_result "vmware_mode=tdx outside TDX fails the load" \
		load_fails vmware_mode=tdx "vmware_mode=tdx:"
	ktap_test_result "kvm_mode=tdx outside TDX fails the load" \
		load_fails kvm_mode=tdx "kvm_mode=tdx:"
}

ktap_print_header
case "$(uname -m)" in
s390x) s390_tests ;;
mips64) mips_tests ;;
*) x86_tests ;;
esac
hc_unload

ktap_finished

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload the module; its info file says what the machine is; the
# vmware_mode= and kvm_mode= parameters override detection; invalid values
# fail the load with a clear message.
#
# HC_PROFILE (vmware, kvm, tcg, bare: the test harness's guest profiles)
# gives the expected detection; without it those checks are skipped.  The
# other architectures' profiles have KVM only: their own block below.

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
case "$HC_PROFILE" in
vmware)	profile="vmware dmi ioport none" ;;
kvm)	profile="kvm cpuid ioport vmmcall" ;;
tcg)	profile="other:TCGTCGTCGTCG cpuid ioport none" ;;
bare)	profile="none none none none" ;;
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

# Architectures with KVM hypercalls only (no VMware backdoor): the
# detection their profile expects (hypervisor detected_by kvm_mode), and
# their KVM transports, each forced in turn.
kvm_only='' kvm_modes=''
case "$HC_PROFILE" in
mips64el-tcg) kvm_only="none none none" kvm_modes=hypcall ;;
esac

# kvm_detected HV HOW KVM: info shows this detection, and no VMware lines
kvm_detected()
{
	expect hypervisor "$1" && expect detected_by "$2" &&
		expect kvm_mode "$3" && expect kvm_mode_param auto &&
		! hc_info_get vmware_mode && ! hc_info_get vmware_faults
}

# kvm_forced MODE: forced, info shows it; a hypervisor that nothing named
# is then named after the forced ABI, "by param"
kvm_forced()
{
	hc_load "kvm_mode=$1" && expect kvm_mode "$1" &&
		expect kvm_mode_param "$1" && expect hypervisor kvm &&
		expect detected_by param
}

kvm_forced_none()
{
	hc_load kvm_mode=none && expect kvm_mode none &&
		expect kvm_mode_param none && expect hypervisor none
}

no_vmware_param()
{
	hc_load && [ -d /sys/module/hypercall/parameters ] &&
		[ ! -e /sys/module/hypercall/parameters/vmware_mode ]
}

ktap_print_header
if [ -n "$kvm_only" ]; then
	# shellcheck disable=SC2086 # words
	set -- $kvm_modes
	ktap_set_plan $((8 + $#))
	ktap_test_result "module loads" hc_load
	ktap_test_result "info is mode 0400" info_mode_0400
	# shellcheck disable=SC2086
	ktap_test_result "detection in the $HC_PROFILE profile" \
		kvm_detected $kvm_only
	ktap_test_result "module unloads, its debugfs tree goes" unloads
	for m in $kvm_modes; do
		ktap_test_result "forced $m shows in info" kvm_forced "$m"
	done
	ktap_test_result "forced none shows in info" kvm_forced_none
	ktap_test_result "no vmware_mode parameter here" no_vmware_param
	hc_unload
	ktap_test_result "invalid kvm_mode fails the load" \
		load_fails kvm_mode=bogus "invalid kvm_mode"
	ktap_test_result "kvm_mode=vmcall (x86's) fails the load" \
		load_fails kvm_mode=vmcall "invalid kvm_mode"
	ktap_finished
fi
ktap_set_plan 12

ktap_test_result "module loads" hc_load
ktap_test_result "info is mode 0400" info_mode_0400
if [ -n "$profile" ]; then
	# shellcheck disable=SC2086
	ktap_test_result "detection in the $HC_PROFILE profile" \
		detected $profile
else
	ktap_test_skip "detection (HC_PROFILE not set)"
fi
ktap_test_result "module unloads, its debugfs tree goes" unloads

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

ktap_finished

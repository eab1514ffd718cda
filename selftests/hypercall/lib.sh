# SPDX-License-Identifier: GPL-2.0
#
# Shared by the shell tests: KTAP output from the kernel's ktap_helpers.sh,
# and loading the module.

# shellcheck shell=sh

HC_DIR=$(cd "$(dirname "$0")" && pwd)
# ktap_helpers.sh is the kernel's (installed next to the tests, or in a
# source tree); shellcheck cannot follow it from here.
if [ -e "$HC_DIR/../kselftest/ktap_helpers.sh" ]; then
	# shellcheck source=/dev/null
	. "$HC_DIR/../kselftest/ktap_helpers.sh"
elif [ -n "$KSFT_DIR" ]; then
	# shellcheck source=/dev/null
	. "$KSFT_DIR/kselftest/ktap_helpers.sh"
else
	echo "Bail out! no ktap_helpers.sh (set KSFT_DIR)"
	exit 1
fi

HC_DEBUGFS=/sys/kernel/debug/hypercall
HC_MODULE_DIR=${HC_MODULE_DIR:-/lib/modules/$(uname -r)/updates}

# hc_load [PARAM=VALUE...]: load the module (unloading it first), quietly.
hc_load()
{
	hc_unload
	insmod "$HC_MODULE_DIR/hypercall.ko" "$@" 2>/dev/null
}

# hc_unload: unload the module, and the sample modules that use it.
hc_unload()
{
	if [ -d /sys/module/hypercall_sample ]; then
		rmmod hypercall_sample
	fi
	if [ -d /sys/module/hypercall_kvm_sample ]; then
		rmmod hypercall_kvm_sample
	fi
	if [ -d /sys/module/hypercall ]; then
		rmmod hypercall
	fi
}

# hc_info_get KEY: the value of KEY in the info file, in $HC_INFO; fails if
# the file or the key is not there.  Shell builtins only: on the KUnit
# kernel under TCG, $(sed ...) cost 120 ms (a fork and an exec), this
# 22 ms, and module.sh alone reads info forty times.
hc_info_get()
{
	HC_INFO=
	[ -r "$HC_DEBUGFS/info" ] || return 1
	while IFS= read -r hc_line; do
		case "$hc_line" in
		"$1: "*)
			HC_INFO=${hc_line#"$1: "}
			return 0
			;;
		esac
	done <"$HC_DEBUGFS/info"
	return 1
}

# hc_info KEY: print the value of KEY in the info file (nothing if it is
# not there).
hc_info()
{
	if hc_info_get "$1"; then
		printf '%s\n' "$HC_INFO"
	fi
}

# hc_errno_name MESSAGE: the errno that a busybox error message names
hc_errno_name()
{
	case "$1" in
	*"Invalid argument") echo EINVAL ;;
	*"Operation not permitted") echo EPERM ;;
	*"No such device") echo ENODEV ;;
	*"Input/output error") echo EIO ;;
	*"No data available") echo ENODATA ;;
	*"Operation not supported") echo EOPNOTSUPP ;;
	*) echo "error($1)" ;;
	esac
}

# hc_call FILE LINE: write LINE to a call file, read the answer on the same
# open file; prints the answer, or the errno name of a failed write.
hc_call()
{
	exec 3<>"$1" || { echo "cannot open $1"; return; }
	if hc_msg=$({ echo "$2" >&3; } 2>&1); then
		read -r hc_ans <&3 || hc_ans="(no answer)"
		echo "$hc_ans"
	else
		hc_errno_name "$hc_msg"
	fi
	exec 3<&-
}

# hc_skip_unless_root
hc_require_root()
{
	if [ "$(id -u)" -ne 0 ]; then
		ktap_skip_all "needs root"
		exit "$KSFT_SKIP"
	fi
	if [ ! -e "$HC_MODULE_DIR/hypercall.ko" ]; then
		ktap_skip_all "no $HC_MODULE_DIR/hypercall.ko"
		exit "$KSFT_SKIP"
	fi
}

# hc_kvm_call LINE: hc_call on kvm/call
hc_kvm_call()
{
	hc_call "$HC_DEBUGFS/kvm/call" "$1"
}

# hc_kvm_expect LINE ANSWER: kvm/call answers LINE with ANSWER
hc_kvm_expect()
{
	hc_got=$(hc_kvm_call "$1")
	[ "$hc_got" = "$2" ] && return 0
	ktap_print_msg "'$1': expected $2, got $hc_got"
	return 1
}

# hc_info_is KEY VALUE: the info file says KEY: VALUE
hc_info_is()
{
	hc_info_get "$1"
	[ "$HC_INFO" = "$2" ] && return 0
	ktap_print_msg "info $1: expected '$2', got '$HC_INFO'"
	return 1
}

# hc_tainted_user: the kernel is tainted for "user" (U, bit 6), which an
# unsafe command sets
hc_tainted_user()
{
	[ $(($(cat /proc/sys/kernel/tainted) & 64)) -ne 0 ]
}

# hc_set_unsafe 0|1
hc_set_unsafe()
{
	echo "$1" >/sys/module/hypercall/parameters/unsafe
}

# hc_kvm_sample_call PARAM LINE: store LINE in a parameter of the KVM
# consumer hypercall_kvm_sample.ko (call: the inline API; call_export: the
# exported functions) and read the call's answer ("ret=N", or the errno of
# a failed write)
hc_kvm_sample_call()
{
	hc_p=/sys/module/hypercall_kvm_sample/parameters/$1
	if ! hc_msg=$({ echo "$2" >"$hc_p"; } 2>&1); then
		hc_errno_name "$hc_msg"
	elif ! cat "$hc_p" 2>/dev/null; then
		echo "read failed"
	fi
}

# hc_kvm_sample_expect LINE ANSWER: the consumer answers LINE with ANSWER
# through the inline API and through the exported functions
hc_kvm_sample_expect()
{
	for hc_p in call call_export; do
		hc_got=$(hc_kvm_sample_call "$hc_p" "$1")
		[ "$hc_got" = "$2" ] && continue
		ktap_print_msg "consumer $hc_p '$1': expected $2, got $hc_got"
		return 1
	done
}

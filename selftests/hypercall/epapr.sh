#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KVM hypercalls on PowerPC (the ppc64el-tcg profile): the ePAPR sequence
# of the device tree's /hypervisor node, installed in every call site.
#
# The real guest first: QEMU's pseries machine writes /hypervisor only with
# KVM (hw/ppc/spapr.c), so under TCG the module finds no node, loads with
# kvm_mode none, answers ENODEV, and refuses kvm_mode=epapr.
#
# Then a SIMULATED host: nothing on this machine answers an ePAPR
# hypercall.  The test adds a /hypervisor node through the pseries kernel's
# own interface for that (/proc/powerpc/ofdt, "add_node"), whose
# hcall-instructions are the trap of hypercall_fake_host.ko (a test
# module, kernel/arch/powerpc/tests/fake_host.c) and three nops.  The module
# installs them in its sites and in those of the sample consumer,
# hypercall_kvm_sample.ko; the fake host records r3..r11 as they reach it
# and answers what the test told it.  The expected registers are those of
# Linux Documentation/virt/kvm/ppc-pv.rst: the number in r11, arguments in
# r3..r10, the result in r3, outputs in r4..r11.  Unloaded, the fake host
# no longer answers: the trap is a fault, counted, not an oops; so is a
# sequence that loads from a bad address.

. "$(dirname "$0")/lib.sh"

hc_require_root

OFDT=/proc/powerpc/ofdt
FAKE=/sys/module/hypercall_fake_host/parameters
SAMPLE=/sys/module/hypercall_kvm_sample/parameters
TAINT_DIE=128			# 1 << TAINT_DIE (7): an oops happened
FEATURES=0x2a0003		# KVM_HCALL_TOKEN(KVM_HC_FEATURES)
MAGIC_PAGE=0x2a0004		# KVM_HCALL_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE)
UNKNOWN=0x2a0063		# KVM_HCALL_TOKEN(99): no such hypercall
FAKE_TRAP=0fe04648		# twi 31,r0,0x4648: the fake host's
NOP=60000000
BAD_LOAD=e860fff8		# ld r3,-8(0): a kernel address never mapped
ARGS="0x1111111111111111 0x2222222222222222 0x3333333333333333 0x4444444444444444"
ARGS="$ARGS 0x5555555555555555 0x6666666666666666 0x7777777777777777"
ARGS="$ARGS 0x8888888888888888"

# load_fails PARAM MESSAGE...: loading with PARAM fails and logs MESSAGE
load_fails()
{
	param=$1
	shift
	dmesg -c >/dev/null
	if hc_load "$param"; then
		ktap_print_msg "loaded with $param"
		return 1
	fi
	[ ! -d /sys/module/hypercall ] && dmesg | grep -qF "hypercall: $*" &&
		return 0
	ktap_print_msg "no 'hypercall: $*' in the kernel log"
	return 1
}

fake_unload()
{
	if [ -d /sys/module/hypercall_fake_host ]; then
		rmmod hypercall_fake_host
	fi
}

sample_unload()
{
	if [ -d /sys/module/hypercall_kvm_sample ]; then
		rmmod hypercall_kvm_sample
	fi
}

not_oopsed()
{
	[ $(($(cat /proc/sys/kernel/tainted) & TAINT_DIE)) -eq 0 ] && return 0
	ktap_print_msg "the kernel is tainted by an oops"
	return 1
}

# be32 WORD: the four bytes of an 8-digit hex word, most significant first
# (the device tree's order)
be32()
{
	for i in 1 3 5 7; do
		b=$(echo "$1" | cut -c"$i-$((i + 1))")
		# shellcheck disable=SC2059 # the format is the byte's escape
		printf "\\$(printf %03o "0x$b")"
	done
}

# node_add WORD...: add /hypervisor, compatible "linux,kvm", with WORD... as
# its hcall-instructions, in one write to /proc/powerpc/ofdt (its format:
# "add_node PATH NAME LENGTH VALUE NAME LENGTH VALUE")
node_add()
{
	printf 'add_node /hypervisor compatible 10 linux,kvm\000 hcall-instructions %d ' \
		$((4 * $#)) >/tmp/ofdt.cmd
	for w in "$@"; do
		be32 "$w"
	done >>/tmp/ofdt.cmd
	dd if=/tmp/ofdt.cmd of="$OFDT" bs=4096 count=1 2>/dev/null &&
		[ -e /proc/device-tree/hypervisor/hcall-instructions ] && return 0
	ktap_print_msg "no /hypervisor node after writing to $OFDT"
	return 1
}

node_remove()
{
	if [ -e /proc/device-tree/hypervisor ]; then
		printf 'remove_node /hypervisor' >"$OFDT"
	fi
	[ ! -e /proc/device-tree/hypervisor ]
}

# The real guest ------------------------------------------------------------

no_node()
{
	[ ! -e /proc/device-tree/hypervisor ] && return 0
	ktap_print_msg "this guest has a /hypervisor node: not QEMU's TCG pseries"
	return 1
}

detected_none()
{
	hc_info_is hypervisor none && hc_info_is detected_by none &&
		hc_info_is kvm_mode none && hc_info_is kvm_mode_param auto &&
		hc_info_is hypervisor_compatible - &&
		hc_info_is hcall_instructions - && hc_info_is epapr_sites 0 &&
		! hc_info_get vmware_mode
}

enodev()
{
	hc_kvm_expect "$FEATURES" ENODEV && hc_kvm_expect "$UNKNOWN 1 2" ENODEV
}

unloads()
{
	hc_unload && [ ! -e "$HC_DEBUGFS" ]
}

forced_none()
{
	hc_load kvm_mode=none && hc_info_is kvm_mode none &&
		hc_info_is kvm_mode_param none && hc_info_is hypervisor none
}

# The simulated host --------------------------------------------------------

sites=0

detected_fake()
{
	hc_load unsafe=1 && hc_info_is hypervisor kvm &&
		hc_info_is detected_by devicetree && hc_info_is kvm_mode epapr &&
		hc_info_is hypervisor_compatible linux,kvm &&
		hc_info_is hcall_instructions "0x$FAKE_TRAP 0x$NOP 0x$NOP 0x$NOP" ||
		return 1
	hc_info_get epapr_sites
	sites=$HC_INFO
	[ "$sites" -gt 0 ] && return 0
	ktap_print_msg "no site holds the sequence"
	return 1
}

# The fake host has no site: the sample consumer's are the ones that
# get the sequence as it loads.
consumer_sites()
{
	insmod "$HC_MODULE_DIR/hypercall_fake_host.ko" &&
		hc_info_is epapr_sites "$sites" &&
		insmod "$HC_MODULE_DIR/hypercall_kvm_sample.ko" || return 1
	hc_info_get epapr_sites
	[ "$HC_INFO" -gt "$sites" ] && return 0
	ktap_print_msg "epapr_sites: $sites before the consumer, $HC_INFO after"
	return 1
}

calls=0

# answer CASE: tell the fake host to answer r3 = 0xCASE, r4..r11 =
# 0xCASE00000000000N (N 1..8); CASE is two hex digits
answer()
{
	a=0x$1
	for i in 1 2 3 4 5 6 7 8; do
		a="$a 0x${1}0000000000000$i"
	done
	echo "$a" >"$FAKE/answer"
}

# outs CASE: the outputs of answer CASE, as the calls print them
outs()
{
	o=
	for i in 1 2 3 4 5 6 7 8; do
		o="$o out$i=0x${1}0000000000000$i"
	done
	echo "$o"
}

# ret CASE: the result of answer CASE, as the calls print it
ret()
{
	echo "ret=$((0x$1))"
}

# seen NARGS [NR]: what the fake host must have seen for a call of NR
# (default $UNKNOWN) with the first NARGS of $ARGS: those in r3.., 0 in the
# others, the number in r11
seen()
{
	s="calls=$calls" n=0
	for a in $ARGS; do
		n=$((n + 1))
		[ "$n" -le "$1" ] || a=0x0
		s="$s r$((n + 2))=$a"
	done
	echo "$s r11=${2:-$UNKNOWN}"
}

# args NARGS: the first NARGS of $ARGS
args()
{
	echo "$ARGS" | cut -d' ' -f"1-$1"
}

# check_last NARGS WHAT [NR]: the fake host saw one more call, of NR with
# NARGS arguments
check_last()
{
	calls=$((calls + 1))
	got=$(cat "$FAKE/last")
	[ "$got" = "$(seen "$1" "$3")" ] && return 0
	ktap_print_msg "$2: the simulated host saw '$got'"
	ktap_print_msg "$2: expected '$(seen "$1" "$3")'"
	return 1
}

# param_call PARAM LINE ANSWER: write LINE to the sample consumer's PARAM,
# read ANSWER back
param_call()
{
	echo "$2" >"$SAMPLE/$1" && got=$(cat "$SAMPLE/$1") || return 1
	[ "$got" = "$3" ] && return 0
	ktap_print_msg "$1 '$2': expected '$3', got '$got'"
	return 1
}

# every register both ways, through kvm/call (this module's own site)
kvm_call_regs()
{
	answer a7 && hc_kvm_expect "$UNKNOWN $ARGS" "$(ret a7)$(outs a7)" &&
		check_last 8 kvm/call
}

# ... through the inline API of a consumer (its own site)
inline_out_regs()
{
	answer a6 &&
		param_call call_out "$UNKNOWN $ARGS" "$(ret a6)$(outs a6)" &&
		check_last 8 call_out
}

# ... through the exported hypercall_kvm_call_out()
export_out_regs()
{
	answer a5 && param_call call_out_export "$UNKNOWN $ARGS" \
		"$(ret a5)$(outs a5)" && check_last 8 call_out_export
}

# hc_kvm_hypercall0() .. 8() or hypercall_kvm0() .. 8(): the arguments
# passed, 0 in the registers of those that are not, the result from r3
arities()
{
	for n in 0 1 2 3 4 5 6 7 8; do
		line=$UNKNOWN
		[ "$n" -eq 0 ] || line="$UNKNOWN $(args "$n")"
		answer "b$n" && param_call "$1" "$line" "$(ret "b$n")" &&
			check_last "$n" "$1 with $n" || return 1
	done
}

# Safe, unsafe and forbidden numbers; the refused ones never reach the host
policy()
{
	hc_set_unsafe 0 && answer c3 &&
		hc_kvm_expect "$FEATURES" "$(ret c3)$(outs c3)" &&
		check_last 0 KVM_HC_FEATURES "$FEATURES" || return 1
	before=$(cat "$FAKE/last")
	hc_kvm_expect "$UNKNOWN" EPERM && hc_kvm_expect "$FEATURES 1" EPERM &&
		hc_set_unsafe 1 && hc_kvm_expect "$MAGIC_PAGE 0x1000 0x1000" EPERM &&
		[ "$(cat "$FAKE/last")" = "$before" ]
}

# hcall prints kvm/call's answer; it takes eight arguments here, not nine
hcall_kvm()
{
	answer d1 && [ "$(hcall kvm "$FEATURES")" = "$(ret d1)$(outs d1)" ] &&
		check_last 0 "hcall kvm" "$FEATURES" || return 1
	rc=0
	# shellcheck disable=SC2086 # one word per argument
	hcall kvm "$UNKNOWN" $ARGS 9 2>/tmp/hcall.err || rc=$?
	[ $rc = 2 ] && [ "$(cat "$FAKE/last")" = "$(seen 0 "$FEATURES")" ]
}

no_faults()
{
	hc_info_is kvm_faults 0 && not_oopsed
}

# param_fails PARAM LINE ERRNO: reading the sample's PARAM after LINE fails
# with ERRNO (one read: busybox cat tries sendfile(), then read(), and each
# makes the call)
param_fails()
{
	echo "$2" >"$SAMPLE/$1" || return 1
	msg=$(dd if="$SAMPLE/$1" bs=4096 count=1 2>&1) && msg="read '$msg'"
	[ "$(hc_errno_name "$msg")" = "$3" ] && return 0
	ktap_print_msg "$1 '$2': expected $3, got $msg"
	return 1
}

# The fake host gone, its trap is a fault: EIO from kvm/call and
# hypercall_kvm_call_out(), -KVM_ENOSYS from the inline API and the
# export, each counted, no oops.  The sample's sites go with it.
unanswered_trap()
{
	fake_unload && hc_kvm_expect "$UNKNOWN 1" EIO &&
		hc_info_is kvm_faults 1 &&
		param_call call "$UNKNOWN 1" ret=-1000 &&
		hc_info_is kvm_faults 2 &&
		param_call call_export "$UNKNOWN 1" ret=-1000 &&
		hc_info_is kvm_faults 3 &&
		param_fails call_out_export "$UNKNOWN" EIO &&
		hc_info_is kvm_faults 4 && sample_unload &&
		hc_info_is epapr_sites "$sites" && not_oopsed
}

bad_load()
{
	hc_unload && node_remove && node_add "$BAD_LOAD" "$NOP" &&
		hc_load unsafe=1 && hc_info_is kvm_mode epapr &&
		hc_info_is hcall_instructions "0x$BAD_LOAD 0x$NOP" &&
		hc_kvm_expect "$FEATURES" EIO && hc_info_is kvm_faults 1 && not_oopsed
}

node_gone()
{
	hc_unload && node_remove && hc_load && hc_info_is kvm_mode none &&
		hc_info_is epapr_sites 0
}

ktap_print_header
if [ ! -w "$OFDT" ]; then
	ktap_skip_all "no $OFDT: not a pseries guest"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 22

ktap_test_result "QEMU's TCG pseries has no /hypervisor node" no_node
ktap_test_result "module loads" hc_load
ktap_test_result "no node: hypervisor none, kvm_mode none" detected_none
ktap_test_result "kvm/call answers ENODEV" enodev
ktap_test_result "module unloads, its debugfs tree goes" unloads
ktap_test_result "kvm_mode=epapr without the node fails the load" \
	load_fails kvm_mode=epapr "kvm_mode=epapr: no /hypervisor node in the device tree"
ktap_test_result "kvm_mode=vmcall (x86's) fails the load" \
	load_fails kvm_mode=vmcall "invalid kvm_mode (expected auto, none or epapr)"
ktap_test_result "forced none shows in info" forced_none
hc_unload

ktap_test_result "simulated host: a /hypervisor node through $OFDT" \
	node_add "$FAKE_TRAP" "$NOP" "$NOP" "$NOP"
ktap_test_result "simulated host: kvm_mode epapr, the sequence in its sites" \
	detected_fake
ktap_test_result "simulated host: a consumer's sites get it when it loads" \
	consumer_sites
ktap_test_result "simulated host: kvm/call, r11 and r3..r10 in, r3..r11 out" \
	kvm_call_regs
ktap_test_result "simulated host: inline hc_kvm_hypercall_out(), the same" \
	inline_out_regs
ktap_test_result "simulated host: exported hypercall_kvm_call_out(), the same" \
	export_out_regs
ktap_test_result "simulated host: inline hc_kvm_hypercall0..8(), unused args 0" \
	arities call
ktap_test_result "simulated host: exported hypercall_kvm0..8(), unused args 0" \
	arities call_export
ktap_test_result "simulated host: kvm/call's policy on PowerPC's numbers" policy
if command -v hcall >/dev/null; then
	ktap_test_result "simulated host: hcall kvm, up to eight arguments" hcall_kvm
else
	ktap_test_skip "hcall kvm (no hcall in PATH)"
fi
ktap_test_result "simulated host: no fault counted, no oops" no_faults
ktap_test_result "a trap nobody answers: EIO, a counted fault, no oops" \
	unanswered_trap
ktap_test_result "a sequence that loads from a bad address: EIO, a fault" \
	bad_load
ktap_test_result "the node removed: kvm_mode none again" node_gone
fake_unload
hc_unload
node_remove

ktap_finished

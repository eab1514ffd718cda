#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make reliability: the reliability tests at their full sizes, on the KUnit
# kernel (KASAN, UBSAN, lockdep, kmemleak), one guest at a time, and the
# figures they print.  make check runs the same tests, smaller
# (Documentation/testing.rst, "Reliability").
#
#   reliability.sh [RUN...]     default: every run below, in this order
#
#   parser         libFuzzer on kernel/parse.c for $FUZZ_SECONDS (300)
#   fuzz-vmware    fuzz_debugfs: 1,000,000 random operations
#   fuzz-kvm       fuzz_debugfs: 20,000 random operations (nested KVM)
#   smp-vmware     stress_smp, 4 vCPUs: 4 processes x 100,000 calls on
#                  vmware/call and each named VMware file, all at once
#   smp-kvm        stress_smp, 4 x 2,000 on vmware/call, kvm/call, on one
#                  vCPU: TCG's nested SVM resets an SMP test guest
#                  (Documentation/testing.rst, "Guest profiles")
#   load           load_cycle: 1,000 load/unload cycles with files in use,
#                  and the consumer module in each cycle (2 vCPUs: TCG runs
#                  module loading several times slower with 4 on 2 cores)
#   matrix-PROFILE fault_matrix and nonroot, for vmware, kvm, tcg, bare
#   lockdown-i     lockdown.sh, booted with lockdown=integrity
#   lockdown-c     lockdown.sh, booted with lockdown=confidentiality
#
# Each guest run is tagged rel-RUN: its logs are in
# $HC_OUT/runs/PROFILE-kunit-rel-RUN/.  The figures go to the terminal and
# to $HC_OUT/reliability/figures.txt.  Exits non-zero if any run failed.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

FUZZ_SECONDS=${FUZZ_SECONDS:-300}
R=hypercall_reliability

# NAME|PROFILE|GUEST.SH OPTIONS
runs=(
	"fuzz-vmware|vmware|-K -T 3600 -t $R:fuzz_debugfs"
	"fuzz-kvm|kvm|-K -T 3600 -t $R:fuzz_debugfs"
	"smp-vmware|vmware|-K -T 3600 -s 4 -t $R:stress_smp"
	"smp-kvm|kvm|-K -T 3600 -s 1 -t $R:stress_smp"
	"load|vmware|-K -T 3600 -t $R:load_cycle"
	"matrix-vmware|vmware|-K -t fault_matrix,nonroot"
	"matrix-kvm|kvm|-K -t fault_matrix,nonroot"
	"matrix-tcg|tcg|-K -t fault_matrix,nonroot"
	"matrix-bare|bare|-K -t fault_matrix,nonroot"
	"lockdown-i|vmware|-a lockdown=integrity -t $R:lockdown.sh"
	"lockdown-c|vmware|-a lockdown=confidentiality -t $R:lockdown.sh"
)

wanted=" $* "
want()
{
	[ "$wanted" = "  " ] || case "$wanted" in *" $1 "*) ;; *) return 1 ;; esac
}

out=$HC_OUT/reliability
mkdir -p "$out"
figures=$out/figures.txt
: >"$figures"
failed=0

# note LINE: print LINE and keep it with the figures
note()
{
	printf '%s\n' "$*" | tee -a "$figures"
}

"$HC_ROOT/scripts/deps.sh"
"$HC_ROOT/scripts/build.sh" module kunit >/dev/null
"$HC_ROOT/scripts/build.sh" selftests >/dev/null
"$HC_ROOT/scripts/build.sh" tools >/dev/null

if want parser; then
	log=$out/parser.log
	start=$(hc_now)
	if make -C "$HC_ROOT/tools/fuzz" run FUZZ_SECONDS="$FUZZ_SECONDS" \
		WORK="$HC_OUT/fuzz" >"$log" 2>&1; then
		res=pass
	else
		res=fail failed=$((failed + 1))
	fi
	note "$(printf '%-16s %-5s %7.1f s' parser "$res" \
		"$(echo "$(hc_now) - $start" | bc)")"
	note "    figures: $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") inputs run by libFuzzer in $FUZZ_SECONDS s, corpus $HC_OUT/fuzz/corpus"
	[ "$res" = pass ] || tail -n 30 "$log"
fi

for r in "${runs[@]}"; do
	IFS='|' read -r name profile opts <<<"$r"
	want "$name" || continue
	run=$profile-kunit-rel-$name
	# shellcheck disable=SC2086 # opts are words
	HC_NO_BUILD=1 "$HC_ROOT/scripts/guest.sh" -q -n "rel-$name" $opts \
		"$profile" kunit >"$out/$name.out" 2>&1 || failed=$((failed + 1))
	line=$(grep '^RESULT ' "$HC_OUT/runs/$run/verdict" 2>/dev/null | tail -n 1) ||
		line="RESULT $run fail 0 1 0 0"
	read -r _ _ res p f s secs <<<"$line"
	note "$(printf '%-16s %-5s %7.1f s  %s passed, %s failed, %s skipped' \
		"$name" "$res" "$secs" "$p" "$f" "$s")"
	tr -d '\r' <"$HC_OUT/runs/$run/results.log" 2>/dev/null |
		sed -n 's/^# # \(figures: .*\)/    \1/p; s/^# # \(seed .*\)/    \1/p' |
		tee -a "$figures" || true
	if [ "$res" != pass ]; then
		grep -v '^RESULT ' "$HC_OUT/runs/$run/verdict" 2>/dev/null |
			sed 's/^/    /' || true
	fi
done

note "$failed failed"
[ "$failed" -eq 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: everything, from a fresh Debian 12 machine.
#
#   1. installs what is missing (apt-get, as root)
#   2. builds the module with W=1 against Debian 6.1, Debian 6.12 and the
#      KUnit kernel (built once from linux-source-6.12, then cached)
#   3. runs the static checks (scripts/lint.sh: checkpatch, sparse with W=1
#      on both Debian series, the static proof of the hypercall path
#      (objcheck, on every series built), kernel-doc, shellcheck, versions, the
#      documentation; scripts/dkms-check.sh and scripts/deb-check.sh: DKMS
#      and the Debian package, in throwaway trees)
#   4. fuzzes the debugfs parsers (tools/fuzz, libFuzzer) for
#      $HC_FUZZ_SECONDS (default 15)
#   5. boots every profile with every kernel, in parallel, and runs the
#      kselftests (and the KUnit suites on the KUnit kernel); then the
#      reliability runs (extra_runs below) at reduced sizes: make
#      reliability runs them at full size
#
# Prints one line per stage and per run, a table of stage times, and as its
# last line "N passed, N failed[, N skipped]"; each static check counts as
# one test.  Exits non-zero on any failure.
#
#   check.sh --lint   only the packages and the static checks (make lint)
#
# Narrow it down with environment variables (space-separated lists):
#   HC_PROFILES="vmware kvm tcg bare"  HC_KERNELS="6.1 6.12 kunit"
#   HC_TESTS="module.sh"  (kselftests to run; default: all)
#   HC_JOBS=N  (guests at a time; default: the number of CPUs)

set -euo pipefail
. "$(dirname "$0")/lib.sh"

lint_only=
if [ "${1:-}" = --lint ]; then
	lint_only=1
	shift
fi
[ $# -eq 0 ] || hc_die "usage: check.sh [--lint]"

profiles=${HC_PROFILES:-vmware kvm tcg bare}
kernels=${HC_KERNELS:-6.1 6.12 kunit}
tests=${HC_TESTS:-}

stage_names=()
stage_secs=()
failed_stages=0
checks_passed=0
checks_failed=0
stage_start=

stage_begin()
{
	stage_start=$(hc_now)
	hc_log "== $1"
}

stage_end()
{
	stage_names+=("$1")
	stage_secs+=("$(echo "$(hc_now) - $stage_start" | bc)")
}

# run_stage NAME CMD...: a stage that passes or fails as a whole
run_stage()
{
	local name=$1 log

	shift
	log=$HC_OUT/stages/$name.log
	mkdir -p "$HC_OUT/stages"
	stage_begin "$name"
	if "$@" >"$log" 2>&1; then
		stage_end "$name"
		printf '%-22s pass\n' "$name"
	else
		stage_end "$name"
		printf '%-22s FAIL (log: %s)\n' "$name" "$log"
		tail -n 30 "$log" | sed 's/^/    /'
		failed_stages=$((failed_stages + 1))
	fi
}

# run_check NAME CMD...: a static check: one test that passes or fails;
# unlike a failed build, a failed check does not keep the guests from running
run_check()
{
	local before=$failed_stages

	run_stage "$@"
	if [ "$failed_stages" -gt "$before" ]; then
		failed_stages=$before
		checks_failed=$((checks_failed + 1))
	else
		checks_passed=$((checks_passed + 1))
	fi
}

static_checks()
{
	local lint=$HC_ROOT/scripts/lint.sh objcheck_series=$kernels

	# make lint builds no KUnit kernel
	[ -z "$lint_only" ] || objcheck_series=$(echo " $kernels " | sed 's/ kunit / /')

	run_check checkpatch "$lint" checkpatch
	run_check sparse-6.1 "$lint" sparse 6.1
	run_check sparse-6.12 "$lint" sparse 6.12
	# The modules were just built (by the builds, or by sparse)
	# shellcheck disable=SC2086 # one word per series
	HC_NO_BUILD=1 run_check objcheck "$lint" objcheck $objcheck_series
	run_check kernel-doc "$lint" kernel-doc
	run_check shellcheck "$lint" shellcheck
	run_check version "$lint" version
	run_check docs "$lint" docs
	run_check dkms "$HC_ROOT/scripts/dkms-check.sh"
	run_check deb "$HC_ROOT/scripts/deb-check.sh"
}

# The last lines: stage times, then the totals.
summary()
{
	printf '\n%-22s %8s\n' stage seconds
	for i in "${!stage_names[@]}"; do
		printf '%-22s %8.1f\n' "${stage_names[$i]}" "${stage_secs[$i]}"
	done
	printf '%-22s %8.1f\n' total "$(echo "$(hc_now) - $total_start" | bc)"

	passed=$((passed + checks_passed))
	failed=$((failed + failed_stages + checks_failed))
	printf '\n%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
	[ "$failed" -eq 0 ]
}

mkdir -p "$HC_OUT"
total_start=$(hc_now)
passed=0 failed=0 skipped=0

run_stage deps "$HC_ROOT/scripts/deps.sh"

if [ -n "$lint_only" ]; then
	static_checks
	summary
	exit
fi

# The KUnit kernel is the one expensive build; time it on its own.
case " $kernels " in
*" kunit "*) run_stage kunit-kernel "$HC_ROOT/scripts/kunit-kernel.sh" ;;
esac
for k in 6.1 6.12 kunit; do
	[ "$k" != kunit ] || case " $kernels " in *" kunit "*) ;; *) continue ;; esac
	run_stage "build-$k" "$HC_ROOT/scripts/build.sh" module "$k"
done
run_stage build-selftests "$HC_ROOT/scripts/build.sh" selftests
run_stage build-tools "$HC_ROOT/scripts/build.sh" tools
static_checks
run_check fuzz make -C "$HC_ROOT/tools/fuzz" run \
	FUZZ_SECONDS="${HC_FUZZ_SECONDS:-15}" WORK="$HC_OUT/fuzz"

# Guests: the matrix of profiles and kernels, plus the runs below; the
# nested kvm runs take longest, start them first.  A run is
# "NAME|PROFILE|KERNEL|GUEST.SH OPTIONS".
# The reliability runs (Documentation/testing.rst, "Reliability"), on the
# KUnit kernel, at sizes that fit the time budget of make check; make
# reliability runs them at the issue's full sizes, and also in the kvm
# profile and at the confidentiality level.  Each run costs a boot and a
# kmemleak scan, about 35 s of CPU, besides its tests.
R=hypercall_reliability
extra_runs=(
	# TAG PROFILE KERNEL GUEST.SH OPTIONS
	"rel vmware kunit -K -e HC_FUZZ_OPS=10000 -e HC_LOAD_CYCLES=10 -t $R:fuzz_debugfs,$R:load_cycle"
	"smp vmware kunit -K -s 4 -e HC_STRESS_CALLS=1000 -t $R:stress_smp"
	"lock-i vmware kunit -a lockdown=integrity -t $R:lockdown.sh"
)
runs=()
for p in kvm $profiles; do
	case " $profiles " in *" $p "*) ;; *) continue ;; esac
	for k in $kernels; do
		case " ${runs[*]:-} " in *" $p-$k|"*) continue ;; esac
		runs+=("$p-$k|$p|$k|")
	done
	for e in "${extra_runs[@]}"; do
		read -r tag ep ek opts <<<"$e"
		[ "$ep" = "$p" ] || continue
		case " $kernels " in *" $ek "*) ;; *) continue ;; esac
		# kvm comes first and again in $profiles: add its runs once
		case " ${runs[*]:-} " in *" $ep-$ek-$tag|"*) continue ;; esac
		runs+=("$ep-$ek-$tag|$ep|$ek|-n $tag $opts")
	done
done

stage_begin guests
mkdir -p "$HC_OUT/runs"
tflag=()
[ -n "$tests" ] && tflag=(-t "$(echo "$tests" | tr ' ' ',')")
if [ "$failed_stages" -eq 0 ]; then
	for r in "${runs[@]}"; do
		IFS='|' read -r name p k opts <<<"$r"
		while [ "$(jobs -rp | wc -l)" -ge "$HC_JOBS" ]; do
			wait -n || true
		done
		# shellcheck disable=SC2086 # opts are words
		HC_NO_BUILD=1 "$HC_ROOT/scripts/guest.sh" -q "${tflag[@]}" $opts \
			"$p" "$k" >"$HC_OUT/runs/$name.out" 2>&1 &
	done
	wait || true
fi
stage_end guests

failed_runs=()
printf '\n%-20s %-6s %6s %6s %7s %8s\n' run result passed failed skipped seconds
for r in "${runs[@]}"; do
	name=${r%%|*}
	line=$(grep '^RESULT ' "$HC_OUT/runs/$name/verdict" 2>/dev/null | tail -n 1) ||
		line="RESULT $name fail 0 1 0 0"
	[ "$failed_stages" -eq 0 ] || line="RESULT $name fail 0 0 0 0"
	read -r _ _ res p f s secs <<<"$line"
	printf '%-20s %-6s %6s %6s %7s %8s\n' "$name" "$res" "$p" "$f" "$s" "$secs"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	if [ "$res" != pass ]; then
		[ "$f" -gt 0 ] || failed=$((failed + 1))
		failed_runs+=("$name")
	fi
done

for name in "${failed_runs[@]:-}"; do
	[ -n "$name" ] || continue
	printf '\n===== %s failed: %s =====\n' "$name" "$HC_OUT/runs/$name/"
	grep -v '^RESULT ' "$HC_OUT/runs/$name/verdict" 2>/dev/null || true
	for f in results.log console.log; do
		[ -s "$HC_OUT/runs/$name/$f" ] || continue
		printf -- '----- %s -----\n' "$f"
		cat "$HC_OUT/runs/$name/$f"
	done
done

summary

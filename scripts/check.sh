#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: everything, from a fresh Debian 12 machine.
#
#   1. installs what is missing (apt-get, as root)
#   2. builds the module with W=1 against Debian 6.1, Debian 6.12 and the
#      KUnit kernel (built once from linux-source-6.12, then cached), and
#      for the other architectures of the profiles (s390x, mips64el,
#      ppc64el: Debian's 6.1)
#   3. runs the static checks (scripts/lint.sh: checkpatch, sparse with W=1
#      on both Debian series and the other architectures', the static proof
#      of the hypercall path (objcheck, on every series built but
#      mips64el's), kernel-doc, shellcheck, versions, the documentation;
#      scripts/dkms-check.sh and scripts/deb-check.sh: DKMS and the Debian
#      package, in throwaway trees)
#   4. fuzzes the debugfs parsers (tools/fuzz, libFuzzer) for
#      $HC_FUZZ_SECONDS (default 15)
#   5. boots every profile with both Debian kernels and runs every
#      kselftest (the other architectures' with their 6.1); and the KUnit
#      kernel in every x86 profile (the runs below):
#      the KUnit suites, and the kselftests that exercise what differs
#      there, with the reliability tests at reduced sizes
#
# Steps 3 and 4 run beside the guests, which do not need them.  Prints one
# line per stage and per run, a table of stage times, and as its last line
# "N passed, N failed[, N skipped]"; each static check counts as one test.
# Exits non-zero on any failure.
#
#   check.sh --lint   only the packages and the static checks (make lint)
#   check.sh --full   every kselftest and KUnit suite in every KUnit-kernel
#                     run too (make check-full)
#
# Narrow it down with environment variables (space-separated lists):
#   HC_PROFILES="vmware kvm tcg bare s390x-kvm mips64el-tcg ppc64el-tcg"
#   HC_KERNELS="6.1 6.12 kunit"
#   HC_TESTS="module.sh"  (kselftests of the untagged runs; default: the
#                          runs' own)
#   HC_JOBS=N  (guests at a time; default: the number of CPUs)

set -euo pipefail
. "$(dirname "$0")/lib.sh"

lint_only='' full=''
case "${1:-}" in
--lint) lint_only=1 && shift ;;
--full) full=1 && shift ;;
esac
[ $# -eq 0 ] || hc_die "usage: check.sh [--lint | --full]"

profiles=${HC_PROFILES:-vmware kvm tcg bare s390x-kvm mips64el-tcg ppc64el-tcg}
kernels=${HC_KERNELS:-6.1 6.12 kunit}
tests=${HC_TESTS:-}
# The other architectures of the profiles (ARCH-PEER, Debian's ARCH), whose
# one kernel is 6.1: each is built, packed and checked once
foreign=
case " $kernels " in
*" 6.1 "*)
	for p in $profiles; do
		a=${p%-*}
		if [ "$a" = "$p" ] || ! hc_cross "$a"; then
			continue
		fi
		case " $foreign " in *" $a "*) ;; *) foreign="$foreign $a" ;; esac
	done
	;;
esac

stage_names=()
stage_secs=()
failed_stages=0
checks_passed=0
checks_failed=0

# stage_done NAME SECONDS RC: record a finished stage and print its line
# (its log's end, when it failed)
stage_done()
{
	local log=$HC_OUT/stages/$1.log

	stage_names+=("$1")
	stage_secs+=("$2")
	if [ "$3" -eq 0 ]; then
		printf '%-22s pass\n' "$1"
	else
		printf '%-22s FAIL (log: %s)\n' "$1" "$log"
		tail -n 30 "$log" | sed 's/^/    /'
		failed_stages=$((failed_stages + 1))
	fi
}

# run_stage NAME CMD...: a stage that passes or fails as a whole
run_stage()
{
	local name=$1 start rc=0

	shift
	mkdir -p "$HC_OUT/stages"
	hc_log "== $name"
	start=$(hc_now)
	"$@" >"$HC_OUT/stages/$name.log" 2>&1 || rc=$?
	stage_done "$name" "$(echo "$(hc_now) - $start" | bc)" "$rc"
}

# start_stage NAME CMD...: run_stage in the background, beside other
# stages; finish_stages waits for them and prints their lines, in the order
# they were started.  Each stage's time is its own: they overlap.
bg_stages=()
start_stage()
{
	local name=$1

	shift
	mkdir -p "$HC_OUT/stages"
	(
		start=$(hc_now) rc=0
		"$@" >"$HC_OUT/stages/$name.log" 2>&1 || rc=$?
		echo "$rc $(echo "$(hc_now) - $start" | bc)" \
			>"$HC_OUT/stages/$name.status"
	) &
	bg_stages+=("$name $!")
}

finish_stages()
{
	local s name pid rc secs

	for s in "${bg_stages[@]}"; do
		read -r name pid <<<"$s"
		wait "$pid" || true
		rc=1 secs=0
		[ ! -s "$HC_OUT/stages/$name.status" ] ||
			read -r rc secs <"$HC_OUT/stages/$name.status"
		hc_log "== $name"
		stage_done "$name" "$secs" "$rc"
	done
	bg_stages=()
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

# make check runs them beside the guests, once the guests' initramfs are
# packed: sparse rebuilds in the module's build directories.
static_checks()
{
	local lint=$HC_ROOT/scripts/lint.sh objcheck_series=$kernels a

	# make lint builds no KUnit kernel
	[ -z "$lint_only" ] || objcheck_series=$(echo " $kernels " | sed 's/ kunit / /')
	# the foreign series with a static proof: s390x's and ppc64el's
	# (mips64el has none yet, Documentation/performance.rst)
	for a in $foreign; do
		case "$a" in
		s390x | ppc64el) objcheck_series="$objcheck_series $a" ;;
		esac
	done

	run_check checkpatch "$lint" checkpatch
	run_check sparse-6.1 "$lint" sparse 6.1
	run_check sparse-6.12 "$lint" sparse 6.12
	for a in $foreign; do
		run_check "sparse-$a" "$lint" sparse "$a"
	done
	# The modules were just built (by the builds, or by sparse)
	# shellcheck disable=SC2086 # one word per series
	HC_NO_BUILD=1 run_check objcheck "$lint" objcheck $objcheck_series
	# The instruction budget: its one line, which names the table
	grep -h '^budget:' "$HC_OUT/stages/objcheck.log" | sed 's/^/    /' || true
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
# The builds side by side, then the packing: one after the other they left
# a core idle for a third of the time (the links, modpost, the selftests'
# single make, gzip).
for k in 6.1 6.12 kunit; do
	[ "$k" != kunit ] || case " $kernels " in *" kunit "*) ;; *) continue ;; esac
	start_stage "build-$k" "$HC_ROOT/scripts/build.sh" module "$k"
done
start_stage build-selftests "$HC_ROOT/scripts/build.sh" selftests
start_stage build-tools "$HC_ROOT/scripts/build.sh" tools
# Another architecture: its module, kselftests and tools, one after the other
for a in $foreign; do
	# shellcheck disable=SC2016 # expanded by that shell
	start_stage "build-$a" bash -c 'set -e; for w in module selftests tools; do
		"$HC_ROOT/scripts/build.sh" "$w" "$1"; done' sh "$a"
done
finish_stages
# One test initramfs per kernel, shared by its runs (guest.sh -P)
export HC_INITRAMFS_DIR=$HC_OUT/initramfs
rm -rf "$HC_INITRAMFS_DIR"
if [ "$failed_stages" -eq 0 ]; then
	for k in $kernels; do
		start_stage "pack-$k" env HC_NO_BUILD=1 \
			"$HC_ROOT/scripts/guest.sh" -P "$k"
	done
	for p in $profiles; do
		case " $foreign " in *" ${p%-*} "*) ;; *) continue ;; esac
		start_stage "pack-${p%-*}" env HC_NO_BUILD=1 \
			"$HC_ROOT/scripts/guest.sh" -P "$p" 6.1
	done
	finish_stages
fi

# The static checks and the parser fuzzer, beside the guests: a background
# shell that prints to a file and leaves its counters and stage times in
# another, read back once the guests are done.  It yields the CPU to the
# guests (nice 10, below), which pay for every second they wait.
bg_out=$HC_OUT/stages/static.out
bg_state=$HC_OUT/stages/static.state
rm -f "$bg_out" "$bg_state"
(
	renice -n 10 -p "$BASHPID" >/dev/null
	static_checks
	run_check fuzz make -C "$HC_ROOT/tools/fuzz" run \
		FUZZ_SECONDS="${HC_FUZZ_SECONDS:-15}" WORK="$HC_OUT/fuzz"
	declare -p stage_names stage_secs checks_passed checks_failed \
		>"$bg_state"
) >"$bg_out" 2>&1 &
bg_pid=$!

# Guests: one run a line, PROFILE KERNEL TAG [GUEST.SH OPTIONS...], the
# longest first.  TAG is "-" for none; the run, and the directory of its
# logs, is PROFILE-KERNEL or PROFILE-KERNEL-TAG (guest.sh -n TAG).  Both
# Debian kernels run every kselftest in every profile.
# The KUnit kernel (KASAN, UBSAN, lockdep, kmemleak) makes a fork, a module
# load or a debugfs call five to eight times dearer, so its runs below pick
# what the checkers should see in each profile; make check-full
# (--full) runs everything in every one of them, and make reliability the
# reliability tests at full size (Documentation/testing.rst).
#   vmware  every kselftest, the KUnit suites, and the reliability tests at
#           reduced sizes on the run's two vCPUs; then lockdown.sh, which
#           locks the kernel down to integrity itself (-L: a run of its own
#           booted with lockdown=integrity cost a boot of the KUnit kernel,
#           20 s of its 36; --full and make reliability keep that one)
#   kvm     the KUnit suites (the simulated-hypervisor cases skip: real KVM
#           executes vmcall/vmmcall), and load, info and unload (module.sh);
#           the run is nested, three times dearer
#   tcg     the KUnit suites, and module.sh
#   bare    only in --full: nothing differs there under the checkers
# The other architectures run Debian's 6.1 (ARCH-PEER profiles):
#   s390x-kvm     every kselftest of the s390 port, against QEMU's diag 0x500
#   mips64el-tcg  every kselftest of the MIPS port: module.sh, and mips.sh
#                 (hypcall faults; the mapping against the simulated host)
#   ppc64el-tcg   every kselftest of the PowerPC port: epapr.sh (no
#                 /hypervisor node: kvm_mode none, ENODEV; the ePAPR
#                 sequence against the simulated host) and nonroot
R=hypercall_reliability
run_table()
{
	local sizes="-e HC_FUZZ_OPS=10000 -e HC_STRESS_CALLS=1000"

	if [ -n "$full" ]; then
		sizes="$sizes -e HC_LOAD_CYCLES=10"
		cat <<EOF
kvm	kunit	-
vmware	kunit	-	-L integrity
vmware	kunit	rel	-K $sizes -t $R:fuzz_debugfs,$R:load_cycle
vmware	kunit	smp	-K -s 4 $sizes -t $R:stress_smp
kvm	6.1	-
kvm	6.12	-
tcg	kunit	-
bare	kunit	-
vmware	kunit	lock-i	-a lockdown=integrity -t $R:lockdown.sh
EOF
	else
		sizes="$sizes -e HC_LOAD_CYCLES=3"
		cat <<EOF
kvm	kunit	-	-t module.sh
vmware	kunit	-	$sizes -L integrity -t hypercall:,$R:fuzz_debugfs,$R:load_cycle,$R:stress_smp
kvm	6.1	-
kvm	6.12	-
tcg	kunit	-	-t module.sh
EOF
	fi
	cat <<EOF
vmware	6.1	-
vmware	6.12	-
tcg	6.1	-
tcg	6.12	-
bare	6.1	-
bare	6.12	-
s390x-kvm	6.1	-
mips64el-tcg	6.1	-
ppc64el-tcg	6.1	-
EOF
}

# The runs the profiles and kernels keep, as "NAME PROFILE KERNEL TAG
# OPTIONS..." (TAG "-" for none)
runs=()
while read -r p k tag opts; do
	case " $profiles " in *" $p "*) ;; *) continue ;; esac
	case " $kernels " in *" $k "*) ;; *) continue ;; esac
	name=$p-$k
	[ "$tag" = - ] || name=$name-$tag
	runs+=("$name $p $k $tag $opts")
done < <(run_table)

guests_start=$(hc_now)
hc_log "== guests"
mkdir -p "$HC_OUT/runs"
if [ "$failed_stages" -eq 0 ]; then
	for r in "${runs[@]}"; do
		read -r name p k tag opts <<<"$r"
		tflag=()
		# HC_TESTS narrows the untagged runs; tagged runs keep theirs
		if [ "$tag" != - ]; then
			tflag=(-n "$tag")
		elif [ -n "$tests" ]; then
			tflag=(-t "$(echo "$tests" | tr ' ' ',')")
		fi
		while [ "$(jobs -rp | grep -cvx "$bg_pid")" -ge "$HC_JOBS" ]; do
			wait -n || true
		done
		# A guest that waits for the CPU does not only finish later: its
		# timer ticks go on, and each costs emulation, in the nested kvm
		# profile an exit to the first level.  Under load the nested
		# KUnit-kernel guest booted in 70 s instead of 22.  The nested
		# runs get the CPU first (nice 0), the others after (5), the
		# static checks last (10).
		niceness=5
		[ "$p" != kvm ] || niceness=0
		# shellcheck disable=SC2086 # opts are words
		HC_NO_BUILD=1 nice -n "$niceness" "$HC_ROOT/scripts/guest.sh" -q \
			$opts "${tflag[@]}" "$p" "$k" >"$HC_OUT/runs/$name.out" 2>&1 &
	done
	for pid in $(jobs -rp); do
		[ "$pid" = "$bg_pid" ] || wait "$pid" || true
	done
fi
guests_secs=$(echo "$(hc_now) - $guests_start" | bc)

wait "$bg_pid" || true
cat "$bg_out"
if [ -s "$bg_state" ]; then
	# the stages until now, and the static checks' own
	# shellcheck disable=SC1090
	. "$bg_state"
else
	printf '%-22s FAIL (log: %s)\n' static-checks "$bg_out"
	checks_failed=$((checks_failed + 1))
fi
stage_names+=(guests)
stage_secs+=("$guests_secs")

failed_runs=()
printf '\n%-20s %-6s %6s %6s %7s %8s\n' run result passed failed skipped seconds
for r in "${runs[@]}"; do
	name=${r%% *}
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

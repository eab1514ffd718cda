#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build what the guests run, into $HC_OUT:
#
#   build.sh module SERIES   the modules for SERIES (6.1, 6.12 or kunit), with
#                            W=1; a warning fails the build.  Prints the
#                            directory holding the .ko files.
#   build.sh selftests       the kselftest programs of every collection in
#                            selftests/, static (the guests have no libc).
#                            Prints their directory.
#   build.sh tools           the userspace tools (tools/hcall), static.
#                            Prints their directory.
#
# Each series builds in its own copy of the sources, so builds for several
# kernels can run side by side and never mix objects.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir_of()
{
	case "$1" in
	6.1 | 6.12)
		"$HC_ROOT/scripts/kernels.sh" headers "$1"
		;;
	kunit)
		"$HC_ROOT/scripts/kunit-kernel.sh"
		;;
	*)
		hc_die "unknown series '$1'"
		;;
	esac
}

# Copy the module sources (not build products) into $1.
copy_sources()
{
	mkdir -p "$1"
	# tar keeps the modification times: unchanged files are not rebuilt
	(cd "$HC_ROOT" && git ls-files -co --exclude-standard -- Kbuild VERSION kernel |
		tar -cf - -T -) | tar -C "$1" -xf -
}

# make_quiet LOG ARGS...: run make; show the log and fail on any warning.
make_checked()
{
	local log=$1

	shift
	if ! make "$@" >"$log" 2>&1; then
		cat "$log" >&2
		return 1
	fi
	# Everything the compiler, modpost and objtool say is a warning,
	# except pahole's note that BTF needs a vmlinux we do not have.
	if grep -i 'warning' "$log" | grep -v 'Skipping BTF generation' >&2; then
		hc_log "warnings in $log"
		return 1
	fi
}

cmd_module()
{
	local series=$1 kdir dir

	kdir=$(kdir_of "$series")
	dir=$HC_OUT/ko/$series
	copy_sources "$dir"
	make_checked "$dir/build.log" -C "$kdir" M="$dir" W=1 \
		HC_DEV_MODULES=m -j"$HC_JOBS" modules ||
		hc_die "module build for $series failed"
	printf '%s\n' "$dir"
}

# Every directory of selftests/ is a kselftest collection.
cmd_selftests()
{
	local dir=$HC_OUT/selftests src col

	src=$(hc_linux_src)
	for col in "$HC_ROOT"/selftests/*/; do
		col=$(basename "$col")
		mkdir -p "$dir/$col"
		make_checked "$dir/$col/build.log" -C "$HC_ROOT/selftests/$col" \
			KSFT_DIR="$src/tools/testing/selftests" \
			OUTPUT="$dir/$col" LDFLAGS=-static all ||
			hc_die "selftests build ($col) failed"
	done
	printf '%s\n' "$dir"
}

cmd_tools()
{
	local dir=$HC_OUT/tools

	mkdir -p "$dir"
	make_checked "$dir/build.log" -C "$HC_ROOT/tools/hcall" \
		OUTPUT="$dir" LDFLAGS=-static all ||
		hc_die "tools build failed"
	printf '%s\n' "$dir"
}

case "${1:-}" in
module)
	cmd_module "${2:?series}"
	;;
selftests)
	cmd_selftests
	;;
tools)
	cmd_tools
	;;
*)
	hc_die "usage: build.sh module SERIES | selftests | tools"
	;;
esac

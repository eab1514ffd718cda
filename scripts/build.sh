#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build what the guests run, into $HC_OUT:
#
#   build.sh module SERIES   the modules for SERIES (6.1, 6.12 or kunit, or
#                            a foreign architecture: s390x, ppc64el or
#                            mips64el, Debian 12's 6.1 kernel of it), with
#                            W=1; a warning fails the build.  Prints the
#                            directory holding the .ko files.
#   build.sh selftests [ARCH]
#                            the kselftest programs of every collection in
#                            selftests/, static (the guests have no libc),
#                            for this machine or a foreign architecture.
#                            Prints their directory.
#   build.sh tools [ARCH]    the userspace tools (tools/hcall), static.
#                            Prints their directory.
#
# Each series builds in its own copy of the sources, so builds for several
# kernels can run side by side and never mix objects.  A foreign
# architecture builds with Debian's cross compiler (installed when missing):
# ARCH and CROSS_COMPILE on make's command line, for the kernel's Kbuild and
# the kselftests' lib.mk (CC := $(CROSS_COMPILE)gcc) alike.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir_of()
{
	case "$1" in
	6.1 | 6.12 | s390x | ppc64el | mips64el)
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

# cross_args ARCH: make's arguments for a foreign architecture (none for
# this machine's)
cross_args=()
set_cross()
{
	cross_args=()
	[ -n "${1:-}" ] || return 0
	hc_cross_cc "$1"
	cross_args=(ARCH="$HC_KARCH" CROSS_COMPILE="$HC_TRIPLET-")
}

# out_dir NAME [ARCH]: $HC_OUT/NAME, or $HC_OUT/NAME-ARCH for a foreign one
out_dir()
{
	printf '%s\n' "$HC_OUT/$1${2:+-$2}"
}

cmd_module()
{
	local series=$1 kdir dir arch=

	! hc_cross "$series" || arch=$series
	kdir=$(kdir_of "$series")
	set_cross "$arch"
	dir=$HC_OUT/ko/$series
	copy_sources "$dir"
	make_checked "$dir/build.log" -C "$kdir" M="$dir" W=1 \
		"${cross_args[@]}" HC_DEV_MODULES=m -j"$HC_JOBS" modules ||
		hc_die "module build for $series failed"
	printf '%s\n' "$dir"
}

# Every directory of selftests/ is a kselftest collection.
cmd_selftests()
{
	local dir src col

	dir=$(out_dir selftests "$@")
	set_cross "$@"
	src=$(hc_linux_src)
	for col in "$HC_ROOT"/selftests/*/; do
		col=$(basename "$col")
		mkdir -p "$dir/$col"
		make_checked "$dir/$col/build.log" -C "$HC_ROOT/selftests/$col" \
			KSFT_DIR="$src/tools/testing/selftests" "${cross_args[@]}" \
			OUTPUT="$dir/$col" LDFLAGS=-static all ||
			hc_die "selftests build ($col${1:+ for $1}) failed"
	done
	printf '%s\n' "$dir"
}

cmd_tools()
{
	local dir cc=()

	dir=$(out_dir tools "$@")
	set_cross "$@"
	[ -z "${1:-}" ] || cc=(CC="$HC_TRIPLET-gcc")
	mkdir -p "$dir"
	make_checked "$dir/build.log" -C "$HC_ROOT/tools/hcall" \
		OUTPUT="$dir" "${cc[@]}" LDFLAGS=-static all ||
		hc_die "tools build${1:+ for $1} failed"
	printf '%s\n' "$dir"
}

# ARCH of selftests and tools: a foreign architecture, or none
arch_arg()
{
	[ $# -le 1 ] || hc_die "too many arguments: $*"
	[ $# -eq 0 ] || hc_cross "$1" ||
		hc_die "unknown architecture '$1' (s390x, ppc64el or mips64el)"
}

case "${1:-}" in
module)
	cmd_module "${2:?series}"
	;;
selftests)
	shift
	arch_arg "$@"
	cmd_selftests "$@"
	;;
tools)
	shift
	arch_arg "$@"
	cmd_tools "$@"
	;;
*)
	hc_die "usage: build.sh module SERIES | selftests [ARCH] | tools [ARCH]"
	;;
esac

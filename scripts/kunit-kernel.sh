#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) the KUnit kernel from linux-source-6.12 and print its build
# directory.  The build is cached in $HC_CACHE/kunit/<key>, where the key
# hashes everything the kernel depends on: kernel/arch/x86/tests/kunitconfig, the
# linux-source-6.12 package version, the compiler version and RECIPE below
# (bump it when the way the kernel is built changes).  A build that did not
# finish leaves no cache entry.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

hc_need_pkgs linux-source-6.12 bc flex bison libelf-dev libssl-dev \
	python3 gcc make xz-utils

RECIPE=1
config=$HC_ROOT/kernel/arch/x86/tests/kunitconfig
key=$( { cat "$config"; echo "$RECIPE"; hc_pkg_version linux-source-6.12;
	gcc --version | head -n 1; } | hc_hash -)
dir=$HC_CACHE/kunit/$key

if [ -e "$dir/.built" ]; then
	printf '%s\n' "$dir"
	exit 0
fi

src=$(hc_linux_src)
hc_log "building the KUnit kernel in $dir (takes several minutes, once)"
rm -rf "$dir" && mkdir -p "$dir"
start=$(date +%s)
if ! (cd "$src" && python3 tools/testing/kunit/kunit.py build \
	--arch=x86_64 --build_dir="$dir" --kunitconfig="$config" \
	--jobs="$HC_JOBS") >"$dir/build.log" 2>&1; then
	tail -n 40 "$dir/build.log" >&2
	hc_die "KUnit kernel build failed; full log: $dir/build.log"
fi
echo "$(( $(date +%s) - start ))" >"$dir/build-seconds"
touch "$dir/.built"
hc_log "KUnit kernel built in $(cat "$dir/build-seconds") s"
printf '%s\n' "$dir"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: build the Debian packages hypercall-dkms and hypercall-tools with
# Debian's own tools (dpkg-buildpackage, debhelper, dh-dkms, rst2man from
# python3-docutils) from a clean copy of the sources (what git tracks, and
# new files it does not ignore), and print the paths of the two .deb files,
# one a line, hypercall-dkms first.  Everything lands in $HC_OUT/deb (the
# .changes file too, and the -dbgsym package of hypercall-tools); the
# checkout is not touched.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

hc_need_pkgs dpkg-dev debhelper dh-dkms gcc libc6-dev python3-docutils

version=$(cat "$HC_ROOT/VERSION")
dir=$HC_OUT/deb
src=$dir/hypercall-$version

rm -rf "$dir" && mkdir -p "$src"
(cd "$HC_ROOT" && git ls-files -co --exclude-standard | tar -cf - -T -) |
	tar -C "$src" -xf -
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$dir/build.log" 2>&1; then
	cat "$dir/build.log" >&2
	hc_die "dpkg-buildpackage failed; log: $dir/build.log"
fi
ls "$dir"/hypercall-dkms_"$version"-*_all.deb \
	"$dir"/hypercall-tools_"$version"-*_"$(dpkg --print-architecture)".deb

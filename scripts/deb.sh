#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: build the hypercall-dkms Debian package with Debian's own tools
# (dpkg-buildpackage, debhelper, dh-dkms) from a clean copy of the sources
# (what git tracks, and new files it does not ignore), and print the path of
# the .deb.  Everything lands in $HC_OUT/deb; the checkout is not touched.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

hc_need_pkgs dpkg-dev debhelper dh-dkms

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
deb=$(ls "$dir"/hypercall-dkms_"$version"-*_all.deb)
printf '%s\n' "$deb"

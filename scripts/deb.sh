#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: build the Debian packages hypercall-dkms and hypercall-tools with
# Debian's own tools (dpkg-buildpackage, debhelper, dh-dkms, rst2man from
# python3-docutils) from a clean copy of the sources (what git tracks, and
# new files it does not ignore), and print the paths of the two .deb files,
# one a line, hypercall-dkms first.  Everything lands in $HC_OUT/deb (the
# .changes file too, and the -dbgsym package of hypercall-tools); the
# checkout is not touched.  The Maintainer field and the changelog's
# signature name whoever DEBFULLNAME and DEBEMAIL name, as for dch; without
# them, debian/control's placeholder.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

hc_need_pkgs dpkg-dev debhelper dh-dkms gcc libc6-dev python3-docutils

version=$(cat "$HC_ROOT/VERSION")
dir=$HC_OUT/deb
src=$dir/hypercall-$version

# maintainer: "Name <address>" of the person building the package, from
# the variables Debian's tools read (dch, devscripts): DEBFULLNAME and
# DEBEMAIL, where DEBEMAIL may also be "Name <address>".  Empty when they
# do not name one.
maintainer()
{
	local name=${DEBFULLNAME:-} email=${DEBEMAIL:-}
	local re='^(.*[^[:space:]])[[:space:]]*<([^<>]+)>$'

	if [[ $email =~ $re ]]; then
		name=${name:-${BASH_REMATCH[1]}}
		email=${BASH_REMATCH[2]}
	fi
	[ -n "$name" ] && [ -n "$email" ] || return 0
	if [[ $name == *[\<\>,\\\|\&]* || $email != ?*@?* ||
	      $email == *[[:space:]\<\>\\\|\&]* ]]; then
		hc_die "DEBFULLNAME/DEBEMAIL do not make a maintainer line: '$name <$email>'"
	fi
	printf '%s <%s>\n' "$name" "$email"
}

rm -rf "$dir" && mkdir -p "$src"
(cd "$HC_ROOT" && git ls-files -co --exclude-standard | tar -cf - -T -) |
	tar -C "$src" -xf -
# The checkout's debian/ names no person: the builder does, in the copy.
who=$(maintainer)
if [ -n "$who" ]; then
	sed -i "s|^Maintainer: .*|Maintainer: $who|" "$src/debian/control"
	sed -i "s|^ -- .* <[^>]*>  | -- $who  |" "$src/debian/changelog"
else
	hc_log "warning: the package's maintainer is the placeholder of debian/control; set DEBFULLNAME and DEBEMAIL"
fi
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$dir/build.log" 2>&1; then
	cat "$dir/build.log" >&2
	hc_die "dpkg-buildpackage failed; log: $dir/build.log"
fi
ls "$dir"/hypercall-dkms_"$version"-*_all.deb \
	"$dir"/hypercall-tools_"$version"-*_"$(dpkg --print-architecture)".deb

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian 12 kernel series the module is built and tested against, resolved
# from apt at run time (Debian bumps the ABI number and drops old packages).
#
#   kernels.sh list             one line per series: "<series> <kernel release>"
#   kernels.sh headers SERIES   install the headers, print the build directory
#   kernels.sh image SERIES     unpack the image into the cache (not installed
#                               on this machine), print its root directory
#
# SERIES is 6.1 (linux-image-amd64) or 6.12 (the newest 6.12.*+deb12-amd64).

set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Print the kernel release of a series, e.g. 6.1.0-56-amd64.
kernel_release()
{
	case "$1" in
	6.1)
		apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: linux-image-\(6\.1\.0-[0-9]*-amd64\)$/\1/p' |
			head -n 1
		;;
	6.12)
		apt-cache pkgnames linux-headers-6.12. 2>/dev/null |
			sed -n 's/^linux-headers-\(6\.12\.[0-9]*+deb12-amd64\)$/\1/p' |
			sort -V | tail -n 1
		;;
	*)
		hc_die "unknown kernel series '$1' (expected 6.1 or 6.12)"
		;;
	esac
}

release_or_die()
{
	local rel

	rel=$(kernel_release "$1")
	[ -n "$rel" ] || hc_die "apt knows no $1 kernel (run apt-get update?)"
	printf '%s\n' "$rel"
}

cmd_headers()
{
	local rel

	rel=$(release_or_die "$1")
	hc_need_pkgs "linux-headers-$rel"
	printf '%s\n' "/usr/src/linux-headers-$rel"
}

cmd_image()
{
	local rel pkg ver dir tmp

	rel=$(release_or_die "$1")
	pkg=linux-image-$rel-unsigned
	apt-cache show "$pkg" >/dev/null 2>&1 || pkg=linux-image-$rel
	ver=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		hc_die "no candidate for $pkg"
	fi
	dir=$HC_CACHE/kernels/${rel}_$ver
	mkdir -p "$HC_CACHE/kernels"
	# guests started together may want the same image: one unpacks it
	exec 9>"$HC_CACHE/kernels/.lock"
	flock 9
	if [ ! -e "$dir/.unpacked" ]; then
		hc_log "downloading $pkg $ver"
		rm -rf "$dir" && mkdir -p "$dir"
		tmp=$(mktemp -d) && chmod 0755 "$tmp"	# readable by _apt
		(cd "$tmp" && apt-get download -q "$pkg=$ver" >/dev/null) ||
			hc_die "apt-get download $pkg=$ver failed"
		dpkg-deb -x "$tmp"/*.deb "$dir/root"
		rm -rf "$tmp"
		# modules.dep for modprobe --show-depends (the package's
		# postinst would have made it)
		depmod -b "$dir/root" "$rel"
		echo "$rel" >"$dir/release"
		touch "$dir/.unpacked"
	fi
	printf '%s\n' "$dir"
}

case "${1:-}" in
list)
	for s in 6.1 6.12; do
		printf '%s %s\n' "$s" "$(release_or_die "$s")"
	done
	;;
headers)
	cmd_headers "${2:?series}"
	;;
image)
	cmd_image "${2:?series}"
	;;
*)
	hc_die "usage: kernels.sh list | headers SERIES | image SERIES"
	;;
esac

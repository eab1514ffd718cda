#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian 12 kernel series the module is built and tested against, resolved
# from apt at run time (Debian bumps the ABI number and drops old packages).
#
#   kernels.sh list [SERIES...] one line per series: "<series> <kernel release>"
#                               (default: 6.1 6.12)
#   kernels.sh headers SERIES   install the headers, print the build directory
#   kernels.sh image SERIES     unpack the image into the cache (not installed
#                               on this machine), print its root directory
#   kernels.sh busybox SERIES   print the path of a static busybox that runs
#                               on the series' architecture (any series of
#                               this machine, kunit too: /bin/busybox)
#
# SERIES is 6.1 (linux-image-amd64) or 6.12 (the newest 6.12.*+deb12-amd64),
# or a foreign architecture: s390x, ppc64el or mips64el, Debian 12's 6.1
# kernel of that architecture (flavours s390x, powerpc64le, 5kc-malta).
#
# The foreign packages come from a private apt setup in $HC_CACHE/apt-cross
# (its own sources list, lists, cache and an empty dpkg status: this
# machine's apt state is untouched), with this machine's Debian mirrors, for
# the three architectures and this one.  Their headers are unpacked, not
# installed, into $HC_CACHE/headers/<release>_<version>, beside this
# machine's build of the same linux-kbuild-6.1 (the foreign one's programs
# do not run here), with the Makefile's absolute include of the -common
# headers pointed at the unpacked copy:
#   make -C <headers> M=<dir> ARCH=<arch> CROSS_COMPILE=<triplet>-
# builds a module for that kernel (scripts/build.sh module ARCH).

set -euo pipefail
. "$(dirname "$0")/lib.sh"

# The private apt setup of the foreign architectures
XAPT=$HC_CACHE/apt-cross
xapt_opts=()

# xapt_setup: write its configuration, and refresh its lists when they are
# older than 12 hours (as hc_need_pkgs does for this machine's).  Run under
# the lock of $XAPT.
xapt_setup()
{
	local native a sources keyring='' uri rel

	native=$(dpkg --print-architecture)
	mkdir -p "$XAPT"/{parts,prefs,lists/partial,cache/archives/partial}
	: >"$XAPT/status"
	: >"$XAPT/preferences"
	xapt_opts=(-o "Dir::Etc::SourceList=$XAPT/sources.list"
		   -o "Dir::Etc::SourceParts=$XAPT/parts"
		   -o "Dir::Etc::Preferences=$XAPT/preferences"
		   -o "Dir::Etc::PreferencesParts=$XAPT/prefs"
		   -o "Dir::State::Lists=$XAPT/lists"
		   -o "Dir::State::Status=$XAPT/status"
		   -o "Dir::Cache=$XAPT/cache"
		   -o "APT::Sandbox::User=root"
		   -o "APT::Architecture=$native"
		   -o "APT::Architectures::=$native")
	for a in $HC_CROSS_ARCHES; do
		xapt_opts+=(-o "APT::Architectures::=$a")
	done
	if [ -e "$XAPT/.updated" ] && [ -z "$(find "$XAPT/.updated" -mmin +720)" ]; then
		return 0
	fi
	# This machine's Debian 12 repositories (main), for every architecture
	[ -e /usr/share/keyrings/debian-archive-keyring.gpg ] &&
		keyring=" signed-by=/usr/share/keyrings/debian-archive-keyring.gpg"
	# shellcheck disable=SC2016 # apt's format, not the shell's
	sources=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' \
			'Created-By: Packages' 2>/dev/null |
		awk '$2 ~ /^bookworm/ && $3 == "main" { print $1, $2 }' | sort -u |
		while read -r uri rel; do
			printf 'deb [arch=%s%s] %s %s main\n' \
				"$(echo "$native $HC_CROSS_ARCHES" | tr ' ' ,)" \
				"$keyring" "$uri" "$rel"
		done)
	[ -n "$sources" ] ||
		hc_die "no Debian 12 (bookworm) repository in this machine's apt sources"
	printf '%s\n' "$sources" >"$XAPT/sources.list"
	rm -rf "$XAPT/memo"
	hc_log "apt-get update (private, for $HC_CROSS_ARCHES)"
	# The security suite's lists of these architectures sometimes fail
	# ("File has unexpected size ... Mirror sync in progress?"); their
	# kernels are in bookworm main: go on when main's lists arrived.
	apt-get -q "${xapt_opts[@]}" update >"$XAPT/update.log" 2>&1 ||
		hc_log "apt-get update (private) failed in part: $XAPT/update.log"
	for a in $HC_CROSS_ARCHES; do
		ls "$XAPT"/lists/*_dists_bookworm_main_binary-"${a}"_Packages* \
			>/dev/null 2>&1 ||
			hc_die "no bookworm main lists for $a: see $XAPT/update.log"
	done
	touch "$XAPT/.updated"
}

# xapt_lock: take the private apt setup for this script's lifetime (and set
# xapt_opts)
xapt_lock()
{
	[ ${#xapt_opts[@]} -eq 0 ] || return 0
	mkdir -p "$XAPT"
	exec 8>"$XAPT/.lock"
	flock 8
	xapt_setup
}

# xapt_cache ARGS...: apt-cache ARGS in the private setup, remembered until
# its lists are refreshed (apt-cache reads the lists of four architectures
# for each question: seconds, where the harness asks a few times a run)
xapt_cache()
{
	local memo

	[ ${#xapt_opts[@]} -gt 0 ] || hc_die "xapt_cache $*: no xapt_lock"
	memo=$XAPT/memo/$(printf '%s\n' "$*" | hc_hash -)
	if [ ! -e "$memo" ]; then
		mkdir -p "$XAPT/memo"
		# a failed question is not remembered
		if ! apt-cache "${xapt_opts[@]}" "$@" >"$memo.tmp" 2>/dev/null ||
		   [ ! -s "$memo.tmp" ]; then
			rm -f "$memo.tmp"
			return 0
		fi
		mv "$memo.tmp" "$memo"
	fi
	cat "$memo"
}

xapt_candidate()
{
	local ver

	ver=$(xapt_cache policy "$1" | sed -n 's/^ *Candidate: //p')
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		hc_die "no candidate for $1 (private apt setup: $XAPT)"
	fi
	printf '%s\n' "$ver"
}

# xapt_unpack DIR PKG=VERSION...: download the packages and unpack them
# into DIR (not installed: no maintainer scripts run)
xapt_unpack()
{
	local dir=$1 tmp deb

	shift
	tmp=$(mktemp -d)
	hc_log "downloading $*"
	(cd "$tmp" && apt-get -q "${xapt_opts[@]}" download "$@" >/dev/null) ||
		hc_die "apt-get download $* failed"
	mkdir -p "$dir"
	for deb in "$tmp"/*.deb; do
		dpkg-deb -x "$deb" "$dir"
	done
	rm -rf "$tmp"
}

# Print the kernel release of a series, e.g. 6.1.0-56-amd64.
kernel_release()
{
	if hc_cross "$1"; then
		xapt_cache depends "linux-image-$HC_FLAVOUR:$1" |
			sed -n "s/^ *Depends: linux-image-\(6\.1\.0-[0-9]*-$HC_FLAVOUR\)\(:$1\)\{0,1\}\$/\1/p" |
			head -n 1
		return
	fi
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
		hc_die "unknown kernel series '$1' (expected 6.1, 6.12, s390x, ppc64el or mips64el)"
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
	if hc_cross "$1"; then
		cross_headers "$1" "$rel"
		return
	fi
	hc_need_pkgs "linux-headers-$rel"
	printf '%s\n' "/usr/src/linux-headers-$rel"
}

# cross_headers ARCH RELEASE: the headers of a foreign kernel, unpacked
# with this machine's linux-kbuild-6.1 of the same version
cross_headers()
{
	local arch=$1 rel=$2 ver dir src common

	hc_cross_cc "$arch"
	ver=$(xapt_candidate "linux-headers-$rel:$arch")
	dir=$HC_CACHE/headers/${rel}_$ver
	src=$dir/root/usr/src/linux-headers-$rel
	common=linux-headers-${rel%-"$HC_FLAVOUR"}-common
	mkdir -p "$HC_CACHE/headers"
	exec 9>"$HC_CACHE/headers/.lock"
	flock 9
	if [ ! -e "$dir/.unpacked" ]; then
		rm -rf "$dir"
		# The arch headers' scripts and tools are relative links into
		# linux-kbuild-6.1, here this machine's build of it.
		xapt_unpack "$dir/root" "linux-headers-$rel:$arch=$ver" \
			"$common=$ver" \
			"linux-kbuild-6.1:$(dpkg --print-architecture)=$ver"
		# "include /usr/src/<common>/Makefile": the unpacked copy
		sed -i "s|^include /usr/src/$common/|include $dir/root/usr/src/$common/|" \
			"$src/Makefile"
		grep -q "^include $dir/" "$src/Makefile" ||
			hc_die "unexpected $src/Makefile: $(cat "$src/Makefile")"
		[ -x "$src/scripts/basic/fixdep" ] ||
			hc_die "no linux-kbuild-6.1 programs in $src/scripts"
		touch "$dir/.unpacked"
	fi
	printf '%s\n' "$src"
}

cmd_image()
{
	local rel pkg ver dir tmp

	rel=$(release_or_die "$1")
	if hc_cross "$1"; then
		pkg=linux-image-$rel:$1
		ver=$(xapt_candidate "$pkg")
	else
		pkg=linux-image-$rel-unsigned
		apt-cache show "$pkg" >/dev/null 2>&1 || pkg=linux-image-$rel
		ver=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
		if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
			hc_die "no candidate for $pkg"
		fi
	fi
	dir=$HC_CACHE/kernels/${rel}_$ver
	mkdir -p "$HC_CACHE/kernels"
	# guests started together may want the same image: one unpacks it
	exec 9>"$HC_CACHE/kernels/.lock"
	flock 9
	if [ ! -e "$dir/.unpacked" ]; then
		rm -rf "$dir" && mkdir -p "$dir"
		if [ ${#xapt_opts[@]} -gt 0 ]; then
			xapt_unpack "$dir/root" "$pkg=$ver"
		else
			hc_log "downloading $pkg $ver"
			tmp=$(mktemp -d) && chmod 0755 "$tmp"	# readable by _apt
			(cd "$tmp" && apt-get download -q "$pkg=$ver" >/dev/null) ||
				hc_die "apt-get download $pkg=$ver failed"
			dpkg-deb -x "$tmp"/*.deb "$dir/root"
			rm -rf "$tmp"
		fi
		# modules.dep for modprobe --show-depends (the package's
		# postinst would have made it)
		depmod -b "$dir/root" "$rel"
		echo "$rel" >"$dir/release"
		touch "$dir/.unpacked"
	fi
	printf '%s\n' "$dir"
}

# cmd_busybox SERIES: a static busybox for the series' architecture: this
# machine's, or the foreign architecture's busybox-static unpacked into the
# cache
cmd_busybox()
{
	local arch=$1 ver dir

	if ! hc_cross "$arch"; then
		hc_need_pkgs busybox-static
		printf '%s\n' /bin/busybox
		return
	fi
	ver=$(xapt_candidate "busybox-static:$arch")
	dir=$HC_CACHE/busybox/${arch}_${ver//:/_}
	mkdir -p "$HC_CACHE/busybox"
	exec 9>"$HC_CACHE/busybox/.lock"
	flock 9
	if [ ! -e "$dir/.unpacked" ]; then
		rm -rf "$dir"
		xapt_unpack "$dir/root" "busybox-static:$arch=$ver"
		[ -x "$dir/root/bin/busybox" ] || hc_die "no bin/busybox in busybox-static:$arch"
		touch "$dir/.unpacked"
	fi
	printf '%s\n' "$dir/root/bin/busybox"
}

# A foreign series takes the private apt setup first, for the whole command
# (the functions above run in subshells, which cannot keep it).
for s in "${@:2}"; do
	! hc_cross "$s" || xapt_lock
done

case "${1:-}" in
list)
	shift
	[ $# -gt 0 ] || set -- 6.1 6.12
	for s in "$@"; do
		printf '%s %s\n' "$s" "$(release_or_die "$s")"
	done
	;;
headers)
	cmd_headers "${2:?series}"
	;;
image)
	cmd_image "${2:?series}"
	;;
busybox)
	cmd_busybox "${2:?series}"
	;;
*)
	hc_die "usage: kernels.sh list [SERIES...] | headers SERIES | image SERIES | busybox SERIES"
	;;
esac

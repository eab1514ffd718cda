# SPDX-License-Identifier: GPL-2.0
#
# Common helpers for the build and guest test harness.  Sourced, not run.
#
# Layout:
#   HC_ROOT   the repository
#   HC_CACHE  expensive things shared by every checkout, keyed by what they
#             depend on (kernel images, the unpacked 6.12 source, the KUnit
#             kernel): $HYPERCALL_CACHE, else $XDG_CACHE_HOME/hypercall
#   HC_OUT    this checkout's build outputs and logs: $HYPERCALL_OUT, else
#             $HC_ROOT/build

# shellcheck shell=bash

HC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HC_CACHE=${HYPERCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hypercall}
HC_OUT=${HYPERCALL_OUT:-$HC_ROOT/build}
HC_JOBS=${HC_JOBS:-$(nproc)}
export HC_ROOT HC_CACHE HC_OUT HC_JOBS

hc_log()
{
	printf '%s\n' "$*" >&2
}

hc_die()
{
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# hc_need_pkgs PKG... : install the Debian packages that are missing.
hc_need_pkgs()
{
	local missing=() p

	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] ||
		hc_die "missing packages: ${missing[*]} (run as root, or install them)"
	hc_log "installing: ${missing[*]}"
	if [ ! -e "$HC_CACHE/.apt-updated" ] ||
	   [ -n "$(find "$HC_CACHE/.apt-updated" -mmin +720)" ]; then
		apt-get update -q >/dev/null || hc_die "apt-get update failed"
		mkdir -p "$HC_CACHE" && touch "$HC_CACHE/.apt-updated"
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		hc_die "apt-get install ${missing[*]} failed"
}

# The foreign architectures (Debian's names).  Debian 12 ships only 6.1
# kernels for them; the module is cross-built against their headers and
# tested under QEMU's TCG (scripts/kernels.sh, build.sh, guest.sh).
HC_CROSS_ARCHES="s390x ppc64el mips64el"
export HC_CROSS_ARCHES

# hc_cross ARCH: set, for a foreign architecture, HC_KARCH (the kernel's
# ARCH), HC_TRIPLET (the cross compiler's prefix, without the dash),
# HC_FLAVOUR (the Debian kernel flavour booted by the guests) and
# HC_QEMU_PKG (the package of its qemu-system-*).  Fails for anything else
# (this machine's series 6.1, 6.12, kunit).
# shellcheck disable=SC2034 # the callers read them
hc_cross()
{
	case "$1" in
	s390x)
		HC_KARCH=s390 HC_TRIPLET=s390x-linux-gnu HC_FLAVOUR=s390x
		HC_QEMU_PKG=qemu-system-misc
		;;
	ppc64el)
		HC_KARCH=powerpc HC_TRIPLET=powerpc64le-linux-gnu
		HC_FLAVOUR=powerpc64le HC_QEMU_PKG=qemu-system-ppc
		;;
	mips64el)
		HC_KARCH=mips HC_TRIPLET=mips64el-linux-gnuabi64
		HC_FLAVOUR=5kc-malta HC_QEMU_PKG=qemu-system-mips
		;;
	*) return 1 ;;
	esac
}

# hc_cross_cc ARCH: install the cross compiler of a foreign architecture and
# its C library (the test programs are linked static).
hc_cross_cc()
{
	hc_cross "$1" || hc_die "not a foreign architecture: '$1'"
	hc_need_pkgs "gcc-$HC_TRIPLET" "libc6-dev-$1-cross"
}

# hc_pkg_version PKG : the installed version of a Debian package.
hc_pkg_version()
{
	dpkg-query -W -f='${Version}' "$1" 2>/dev/null
}

# hc_linux_src : unpack linux-source-6.12 into the cache (once per package
# version) and print the tree's path.
hc_linux_src()
{
	local ver dir tarball

	ver=$(hc_pkg_version linux-source-6.12)
	[ -n "$ver" ] || hc_die "linux-source-6.12 is not installed"
	dir=$HC_CACHE/src/linux-source-6.12_$ver
	if [ ! -e "$dir/.unpacked" ]; then
		# make check runs builds side by side: one unpacks, the
		# others wait for it
		mkdir -p "$HC_CACHE/src"
		(
			flock 9
			[ ! -e "$dir/.unpacked" ] || exit 0
			tarball=$(ls /usr/src/linux-source-6.12.tar.xz) ||
				hc_die "no /usr/src/linux-source-6.12.tar.xz"
			hc_log "unpacking $tarball"
			rm -rf "$dir" && mkdir -p "$dir"
			tar -C "$dir" --strip-components=1 -xJf "$tarball" ||
				hc_die "cannot unpack $tarball"
			touch "$dir/.unpacked"
		) 9>"$HC_CACHE/src/.lock" || exit
	fi
	printf '%s\n' "$dir"
}

# hc_hash FILE... : a short content hash of files and strings on stdin.
hc_hash()
{
	cat "$@" | sha256sum | cut -c1-16
}

# hc_now : seconds since the epoch, with decimals, for stage timings.
hc_now()
{
	date +%s.%N
}

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the hypercall-dkms package (scripts/deb.sh) and install it the way a
# user would, "apt install ./hypercall-dkms_*.deb", in a throwaway root:
# this machine's root filesystem seen through an overlay whose writable layer
# is a tmpfs, in a private mount namespace, entered with chroot.  Everything
# the installation writes (dpkg database, /usr/src, /var/lib/dkms,
# /lib/modules, dkms's signing key) goes to the tmpfs and vanishes with the
# namespace.
#
# What it proves: the package's Maintainer field and changelog signature
# are whoever DEBEMAIL names (deb.sh; a test identity here); apt accepts the
# package and resolves its dependencies from a Debian 12 system; its real
# postinst (dh_dkms's, calling dkms's common.postinst) runs "dkms add" and
# builds and installs the module for the
# installed kernels; the module is in updates/dkms of both Debian kernel
# series, with MODULE_VERSION = VERSION, indexed by depmod; "apt remove" runs
# the prerm, which removes it again.  A kernel the postinst did not build for
# (it builds for the running and the newest kernel when the running one is
# installed) is built with "dkms autoinstall -k", what dkms's kernel hook runs
# when a kernel is installed.
#
# The chroot's root filesystem is this machine's, so the packages apt needs
# (dkms, the kernel headers) must be installed here; deps.sh does that.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

version=$(cat "$HC_ROOT/VERSION")

# inside DEB: runs in the private mount namespace
inside()
{
	local deb=$1 t m rel series ko got failures=0

	t=$(mktemp -d "${TMPDIR:-/tmp}/hc-deb.XXXXXX")
	mount -t tmpfs -o size=2g hc-deb "$t"
	mkdir "$t/upper" "$t/work" "$t/root"
	mount -t overlay hc-deb -o "lowerdir=/,upperdir=$t/upper,workdir=$t/work" \
		"$t/root"
	m=$t/root
	mount -t proc proc "$m/proc"
	mount --rbind /sys "$m/sys"
	mount --rbind /dev "$m/dev"
	mount -t tmpfs tmpfs "$m/tmp"
	mount -t tmpfs tmpfs "$m/run"
	# The kernels' own modules are not what is checked, and depmod, which
	# the postinst and the prerm run, reads every one of them: 4230
	# xz-compressed modules of an installed 6.12 image took it 12 s each
	# time.  Hidden under an empty directory, depmod indexes the one
	# module the package installs.
	while read -r series rel; do
		[ ! -d "$m/lib/modules/$rel/kernel" ] ||
			mount -t tmpfs -o ro hc-deb-hidden "$m/lib/modules/$rel/kernel"
	done < <("$HC_ROOT/scripts/kernels.sh" list)
	cp "$deb" "$m/tmp/"

	fail()
	{
		printf 'FAIL: %s\n' "$*"
		failures=$((failures + 1))
	}
	in_root()
	{
		printf '# %s\n' "$*" >&2
		chroot "$m" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"
	}

	in_root apt-get install -y "./tmp/$(basename "$deb")" ||
		fail "apt-get install ./$(basename "$deb")"
	[ -f "$m/usr/src/hypercall-$version/dkms.conf" ] ||
		fail "no /usr/src/hypercall-$version/dkms.conf"

	while read -r series rel; do
		if ! in_root dkms status -m hypercall -v "$version" -k "$rel" |
			grep -q ': installed'; then
			echo "the postinst did not build for $rel; the kernel hook would:"
			in_root dkms autoinstall -k "$rel" ||
				fail "dkms autoinstall -k $rel"
		fi
		in_root dkms status -m hypercall -v "$version" -k "$rel" |
			grep -q ': installed' || fail "$series: not installed"
		ko=$(cd "$m" && ls "lib/modules/$rel/updates/dkms/"hypercall.ko* 2>/dev/null) ||
			{ fail "$series: no module in updates/dkms"; continue; }
		got=$(modinfo -F version "$m/$ko")
		[ "$got" = "$version" ] ||
			fail "$series: modinfo version '$got', VERSION says '$version'"
		got=$(modinfo -F signer "$m/$ko")
		[ "$got" = "DKMS module signing key" ] ||
			fail "$series: not signed by dkms (signer '$got')"
		got=$(in_root modprobe -S "$rel" --show-depends hypercall)
		printf '%s\n' "$got"
		case "$got" in
		"insmod /$ko"*) ;;
		*) fail "$series: modprobe does not find /$ko" ;;
		esac
	done < <("$HC_ROOT/scripts/kernels.sh" list)
	in_root dkms status

	in_root apt-get remove -y hypercall-dkms || fail "apt-get remove"
	got=$(find "$m/lib/modules" -path '*/updates/dkms/hypercall.ko*')
	[ -z "$got" ] || fail "apt remove left $got"
	[ -z "$(in_root dkms status -m hypercall)" ] ||
		fail "dkms still lists hypercall after apt remove"

	[ "$failures" -eq 0 ]
}

if [ "${1:-}" = --inside ]; then
	inside "$2"
	exit
fi

[ "$(id -u)" -eq 0 ] || hc_die "needs root (mount namespaces, chroot)"
# The maintainer comes from the builder's DEBFULLNAME and DEBEMAIL (deb.sh);
# here a test identity, in DEBEMAIL's "Name <address>" form.
who="hypercall deb-check <deb-check@localhost>"
deb=$(env -u DEBFULLNAME DEBEMAIL="$who" "$HC_ROOT/scripts/deb.sh")
echo "package: $deb"
dpkg-deb -I "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Maintainer\):/&/p'
got=$(dpkg-deb -f "$deb" Maintainer)
[ "$got" = "$who" ] || hc_die "Maintainer: '$got', DEBEMAIL said '$who'"
got=$(dpkg-deb --fsys-tarfile "$deb" |
	tar -xOf - ./usr/share/doc/hypercall-dkms/changelog.Debian.gz |
	gzip -dc | sed -n 's/^ -- \(.*>\)  .*/\1/p')
[ "$got" = "$who" ] || hc_die "changelog signed by '$got', DEBEMAIL said '$who'"

before=$(dpkg-query -W -f='${Status} ${Version}' hypercall-dkms 2>/dev/null || true)
unshare --mount --propagation private "$0" --inside "$deb" ||
	hc_die "the package check failed (see above)"
after=$(dpkg-query -W -f='${Status} ${Version}' hypercall-dkms 2>/dev/null || true)
[ "$before" = "$after" ] || hc_die "this machine's dpkg state of hypercall-dkms changed"
if [ -z "$before" ] && [ -e "/usr/src/hypercall-$version" ]; then
	hc_die "/usr/src/hypercall-$version appeared on this machine"
fi
echo "deb: apt install, postinst build for every series, apt remove: ok"

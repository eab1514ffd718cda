#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prove the DKMS configuration with Debian 12's dkms, against the installed
# headers of both Debian kernel series, without touching this machine's own
# kernels: the DKMS tree, the source tree and the module directory all live
# in a throwaway directory (dkms --dkmstree, --sourcetree, --installtree),
# dkms's signing key too (mok_signing_key, mok_certificate), and depmod is
# run by hand on the throwaway tree (dkms --no-depmod).
#
#   dkms add DIR          (the tree "make install-src" produces)
#   dkms build -k REL     for each series; Module.symvers is kept for
#                         consumer modules (dkms.conf's POST_BUILD)
#   dkms install -k REL   the module lands in updates/dkms, signed, with
#                         MODULE_VERSION = VERSION; modprobe finds it
#   dkms remove --all     nothing of it is left
#   make install          from the same source tree, for packagers:
#                         INSTALL_MOD_PATH, updates/, no depmod
#
# and that /var/lib/dkms, /usr/src and /lib/modules of this machine are the
# same before and after.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

hc_need_pkgs dkms kmod openssl

version=$(cat "$HC_ROOT/VERSION")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hc-dkms.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
opts=(--dkmstree "$root/var/lib/dkms" --sourcetree "$root/usr/src"
      --installtree "$root/lib/modules" --no-depmod)
mkdir -p "$root/var/lib/dkms" "$root/usr/src" "$tmp/tmp"
export TMPDIR=$tmp/tmp mok_signing_key=$tmp/mok.key mok_certificate=$tmp/mok.pub

failures=0
fail()
{
	printf 'FAIL: %s\n' "$*"
	failures=$((failures + 1))
}

# What of this machine dkms could touch; compared at the end.
host_state()
{
	ls -la /var/lib/dkms /usr/src
	find /lib/modules -maxdepth 3 \( -path '*/updates*' -o -path '*/extra*' \) \
		-print 2>/dev/null | sort
}
host_state >"$tmp/host.before"

run()
{
	printf '$ %s\n' "$*"
	"$@"
}

make -s -C "$HC_ROOT" install-src DESTDIR="$tmp/stage" >/dev/null
run dkms add "$tmp/stage/usr/src/hypercall-$version" "${opts[@]}"
[ -f "$root/usr/src/hypercall-$version/dkms.conf" ] ||
	fail "dkms add did not copy the source to the source tree"

while read -r series rel; do
	kdir=/usr/src/linux-headers-$rel
	mkdir -p "$root/lib/modules/$rel"
	run dkms build -m hypercall -v "$version" -k "$rel" \
		--kernelsourcedir "$kdir" "${opts[@]}" ||
		{ fail "dkms build for $rel"; continue; }
	# dkms deletes its build directory; dkms.conf's POST_BUILD keeps
	# Module.symvers, with the exports, beside the saved module
	symvers=$root/var/lib/dkms/hypercall/$version/$rel/$(uname -m)/module/Module.symvers
	grep -q '	vmware_hypercall3	.*	EXPORT_SYMBOL_GPL' "$symvers" ||
		fail "$series: no ${symvers#"$root"} with the exports"
	run dkms install -m hypercall -v "$version" -k "$rel" \
		--kernelsourcedir "$kdir" "${opts[@]}" ||
		{ fail "dkms install for $rel"; continue; }

	ko=$(find "$root/lib/modules/$rel" -name 'hypercall.ko*')
	printf 'installed: %s\n' "${ko#"$root"}"
	case "$ko" in
	"$root/lib/modules/$rel/updates/dkms/hypercall.ko" | \
	"$root/lib/modules/$rel/updates/dkms/hypercall.ko.xz") ;;
	*) fail "$series: module not in updates/dkms: '$ko'"; continue ;;
	esac
	got=$(modinfo -F version "$ko")
	[ "$got" = "$version" ] ||
		fail "$series: modinfo version '$got', VERSION says '$version'"
	got=$(modinfo -F vermagic "$ko")
	[ "${got%% *}" = "$rel" ] || fail "$series: vermagic '$got'"
	got=$(modinfo -F signer "$ko")
	[ "$got" = "DKMS module signing key" ] ||
		fail "$series: not signed with the throwaway DKMS key (signer '$got')"
	depmod -b "$root" "$rel"
	got=$(modprobe -d "$root" -S "$rel" --show-depends hypercall)
	printf 'modprobe: %s\n' "$got"
	[ "$got" = "insmod ${ko} " ] || [ "$got" = "insmod ${ko}" ] ||
		fail "$series: modprobe does not find the module"
	dkms status -m hypercall -v "$version" -k "$rel" "${opts[@]}" |
		grep -q ': installed' || fail "$series: dkms status is not 'installed'"
done < <("$HC_ROOT/scripts/kernels.sh" list)

dkms status "${opts[@]}"
run dkms remove -m hypercall -v "$version" --all "${opts[@]}" ||
	fail "dkms remove"
left=$(find "$root/lib/modules" -name 'hypercall.ko*')
[ -z "$left" ] || fail "dkms remove left $left"
[ ! -e "$root/var/lib/dkms/hypercall/$version" ] ||
	fail "dkms remove left $root/var/lib/dkms/hypercall/$version"
[ -z "$(dkms status -m hypercall "${opts[@]}")" ] ||
	fail "dkms status still lists hypercall"

# Packagers: the same source tree builds and installs with "make install"
# into INSTALL_MOD_PATH, without depmod and without touching this machine.
while read -r series rel; do
	dest=$tmp/pkg-$series
	run make -s -C "$tmp/stage/usr/src/hypercall-$version" install \
		KDIR="/usr/src/linux-headers-$rel" INSTALL_MOD_PATH="$dest" \
		>"$tmp/make-install.log" 2>&1 ||
		{ cat "$tmp/make-install.log"; fail "$series: make install"; continue; }
	ko=$(find "$dest" -name 'hypercall.ko*')
	printf 'make install: %s\n' "${ko#"$dest"}"
	case "$ko" in
	"$dest/lib/modules/$rel/updates/kernel/hypercall.ko" | \
	"$dest/lib/modules/$rel/updates/kernel/hypercall.ko.xz") ;;
	*) fail "$series: make install put the module at '$ko'"; continue ;;
	esac
	got=$(modinfo -F version "$ko")
	[ "$got" = "$version" ] || fail "$series: make install: version '$got'"
done < <("$HC_ROOT/scripts/kernels.sh" list)

host_state >"$tmp/host.after"
diff -u "$tmp/host.before" "$tmp/host.after" ||
	fail "this machine's /var/lib/dkms, /usr/src or /lib/modules changed"

[ "$failures" -eq 0 ] || hc_die "$failures DKMS check(s) failed"
echo "dkms: add, build, install, remove; make install: ok for every series"

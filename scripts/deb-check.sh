#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the packages hypercall-dkms and hypercall-tools (scripts/deb.sh),
# check them with lintian, and install them the way a user would, "apt
# install ./hypercall-dkms_*.deb ./hypercall-tools_*.deb", in a throwaway
# root: this machine's root filesystem seen through an overlay whose
# writable layer is a tmpfs, in a private mount namespace, entered with
# chroot.  Everything the installation writes (dpkg database, /usr/src,
# /var/lib/dkms, /lib/modules, dkms's signing key) goes to the tmpfs and
# vanishes with the namespace.
#
# What it proves: the packages' Maintainer field and changelog signature
# are whoever DEBEMAIL names (deb.sh; a test identity here); lintian finds nothing (errors, warnings, info and
# pedantic tags; debian/*.lintian-overrides lists the accepted ones, each
# with its reason); apt accepts the packages and resolves their
# dependencies from a Debian 12 system; hypercall-dkms's real postinst
# (dh_dkms's, calling dkms's common.postinst) runs "dkms add" and builds and
# installs the module for the installed kernels; the module is in
# updates/dkms of both Debian kernel series, with MODULE_VERSION = VERSION,
# indexed by depmod; dkms kept its Module.symvers, and the sample consumer
# (kernel/sample, from the installed source) builds against the installed
# headers and that Module.symvers as Documentation/api.rst says; hcall runs
# (--help, --version, exit status 3 without the module), man finds and
# formats hcall(8) without a warning, the bash completion completes; "apt
# remove" runs the prerm, which removes the module again, and removes hcall.
# A kernel the postinst did not build for (it builds for the running and the
# newest kernel when the running one is installed) is built with "dkms
# autoinstall -k", what dkms's kernel hook runs when a kernel is installed.
#
# The chroot's root filesystem is this machine's, so the packages apt needs
# (dkms, the kernel headers, man-db) must be installed here; deps.sh does
# that.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

version=$(cat "$HC_ROOT/VERSION")

# inside DKMS_DEB TOOLS_DEB: runs in the private mount namespace
inside()
{
	local dkms_deb=$1 tools_deb=$2 t m rel series ko got symvers c
	local failures=0

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
	cp "$dkms_deb" "$tools_deb" "$m/tmp/"
	# Minimal images tell dpkg to drop manual pages (path-exclude); this
	# checks what the package installs, so let it install its own.
	echo 'path-include=/usr/share/man/man8/hcall.8*' \
		>"$m/etc/dpkg/dpkg.cfg.d/zz-hc-deb-check"

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

	# consumer SERIES REL: build the sample consumer from the installed
	# source as a module outside any tree, with the Kbuild and the make
	# line of Documentation/api.rst
	consumer()
	{
		c=/tmp/consumer-$1
		symvers=/var/lib/dkms/hypercall/kernel-$2-$(uname -m)/module/Module.symvers
		[ -f "$m$symvers" ] || { fail "$1: no $symvers"; return; }
		mkdir -p "$m$c"
		cp "$m/usr/src/hypercall-$version/kernel/sample/hypercall_sample.c" "$m$c/"
		printf '%s\n' 'obj-m += hypercall_sample.o' \
			"hc := /usr/src/hypercall-$version" \
			"ccflags-y += -I\$(hc)/kernel/include -I\$(hc)/kernel/arch/\$(SRCARCH)/include" \
			>"$m$c/Kbuild"
		in_root make -C "/lib/modules/$2/build" M="$c" \
			KBUILD_EXTRA_SYMBOLS="$symvers" modules >"$m$c.log" 2>&1 ||
			{ cat "$m$c.log"; fail "$1: the consumer does not build"; return; }
		if grep -i 'warning' "$m$c.log"; then
			fail "$1: the consumer's build warned"
		fi
		got=$(modinfo -F depends "$m$c/hypercall_sample.ko")
		[ "$got" = hypercall ] || fail "$1: the consumer depends on '$got'"
		got=$(modinfo -F vermagic "$m$c/hypercall_sample.ko")
		[ "${got%% *}" = "$2" ] || fail "$1: the consumer's vermagic '$got'"
		echo "$1: the sample consumer built against $symvers"
	}

	# tools: hcall, its manual and its completion, as installed
	tools()
	{
		got=$(in_root hcall --help) || fail "hcall --help exits non-zero"
		case "$got" in
		*"  info [KEY]"*"  vmware version|uuid"*"  kvm clock_pairing [KEY]"*) ;;
		*) fail "hcall --help: '$got'" ;;
		esac
		got=$(in_root hcall --version)
		[ "$got" = "hcall $version" ] || fail "hcall --version: '$got'"
		# /sys is this machine's, where the module is not loaded
		if [ ! -d /sys/module/hypercall ]; then
			got=0
			in_root sh -c 'exec hcall info 2>/tmp/hcall.err' || got=$?
			if [ "$got" != 3 ] ||
				! grep -q 'module is not loaded' "$m/tmp/hcall.err"; then
				fail "hcall info without the module: exit $got, '$(cat "$m/tmp/hcall.err")'"
			fi
		fi
		got=$(in_root sh -c 'MANWIDTH=80 exec man --warnings 8 hcall 2>/tmp/man.err') ||
			fail "man 8 hcall failed"
		[ ! -s "$m/tmp/man.err" ] ||
			fail "man 8 hcall warns: $(cat "$m/tmp/man.err")"
		case "$got" in
		"HCALL(8)"*"hcall - run a hypercall"*"EXIT STATUS"*"$version"*) ;;
		*) fail "man 8 hcall: '$(printf '%s' "$got" | head -n 5)'" ;;
		esac
		# shellcheck disable=SC2016 # expanded by the shell in the root
		got=$(in_root bash -c '. /usr/share/bash-completion/completions/hcall
			COMP_WORDS=(hcall vm); COMP_CWORD=1; _hcall hcall
			echo "${COMPREPLY[*]}"
			COMP_WORDS=(hcall kvm ""); COMP_CWORD=2; _hcall hcall
			echo "${COMPREPLY[*]}"')
		[ "$got" = "vmware
clock_pairing" ] || fail "bash completion: '$got'"
		echo "hcall: --help, --version, exit 3, man 8 hcall, completion: ok"
	}

	in_root apt-get install -y "./tmp/$(basename "$dkms_deb")" \
		"./tmp/$(basename "$tools_deb")" ||
		fail "apt-get install of both packages"
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
		consumer "$series" "$rel"
	done < <("$HC_ROOT/scripts/kernels.sh" list)
	in_root dkms status
	tools

	in_root apt-get remove -y hypercall-dkms hypercall-tools ||
		fail "apt-get remove"
	for got in /usr/bin/hcall /usr/share/man/man8/hcall.8.gz \
		/usr/share/bash-completion/completions/hcall; do
		[ ! -e "$m$got" ] || fail "apt remove left $got"
	done

	got=$(find "$m/lib/modules" -path '*/updates/dkms/hypercall.ko*')
	[ -z "$got" ] || fail "apt remove left $got"
	[ -z "$(in_root dkms status -m hypercall)" ] ||
		fail "dkms still lists hypercall after apt remove"

	[ "$failures" -eq 0 ]
}

if [ "${1:-}" = --inside ]; then
	inside "$2" "$3"
	exit
fi

[ "$(id -u)" -eq 0 ] || hc_die "needs root (mount namespaces, chroot)"
hc_need_pkgs lintian man-db
# The maintainer comes from the builder's DEBFULLNAME and DEBEMAIL (deb.sh);
# here a test identity, in DEBEMAIL's "Name <address>" form.
who="hypercall deb-check <deb-check@example.org>"
mapfile -t debs < <(env -u DEBFULLNAME DEBEMAIL="$who" "$HC_ROOT/scripts/deb.sh")
[ ${#debs[@]} -eq 2 ] || hc_die "deb.sh built '${debs[*]}', not two packages"
for deb in "${debs[@]}"; do
	echo "package: $deb"
	dpkg-deb -I "$deb" |
		sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Maintainer\):/&/p'
	pkg=$(dpkg-deb -f "$deb" Package)
	got=$(dpkg-deb -f "$deb" Maintainer)
	[ "$got" = "$who" ] || hc_die "$pkg: Maintainer '$got', DEBEMAIL said '$who'"
	got=$(dpkg-deb --fsys-tarfile "$deb" |
		tar -xOf - "./usr/share/doc/$pkg/changelog.Debian.gz" |
		gzip -dc | sed -n 's/^ -- \(.*>\)  .*/\1/p')
	[ "$got" = "$who" ] || hc_die "$pkg: changelog signed by '$got', DEBEMAIL said '$who'"
done

# lintian reads the .changes: both packages, the -dbgsym one and the
# .buildinfo.  Experimental tags are shown, they do not fail.
changes=$(ls "$(dirname "${debs[0]}")"/hypercall_"$version"-*.changes)
lintian --info --pedantic --display-experimental \
	--fail-on error,warning,info,pedantic "$changes" ||
	hc_die "lintian: the packages have the tags above"
echo "lintian: $(basename "$changes"): clean"

state()
{
	dpkg-query -W -f='${Package} ${Status} ${Version}\n' \
		hypercall-dkms hypercall-tools 2>/dev/null || true
}
before=$(state)
unshare --mount --propagation private "$0" --inside "${debs[@]}" ||
	hc_die "the package check failed (see above)"
[ "$before" = "$(state)" ] || hc_die "this machine's dpkg state of the packages changed"
if ! grep -q 'hypercall-dkms install ok' <<<"$before" &&
	[ -e "/usr/src/hypercall-$version" ]; then
	hc_die "/usr/src/hypercall-$version appeared on this machine"
fi
echo "deb: lintian; apt install, postinst build for every series, consumer build, hcall and its manual; apt remove: ok"

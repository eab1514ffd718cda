#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one guest, run the tests in it, and judge the run.
#
#   guest.sh [-t TEST[,TEST...]] [-T SECONDS] [-s CPUS] [-a APPEND] [-n TAG]
#            [-e NAME=VALUE]... [-L LEVEL] [-K] [-q] [-d] PROFILE KERNEL
#   guest.sh -P [PROFILE] KERNEL
#
#   PROFILE  vmware  TCG, CPUID hypervisor bit clear, vmport on, VMware SMBIOS:
#                    the kernel detects VMware; the backdoor is QEMU's vmport
#            kvm     real KVM, nested: a TCG guest (-cpu max) loads kvm-amd
#                    and runs the test guest with -accel kvm, vmport on
#            tcg     plain TCG (signature TCGTCGTCGTCG), vmport on
#            bare    TCG, hypervisor bit clear, vmport off: like bare metal
#            Other architectures, ARCH-PEER: Debian's name of the
#            architecture, and what the module meets there:
#            s390x-kvm     qemu-system-s390x -M s390-ccw-virtio, TCG, which
#                          answers diag 0x500 as KVM does; one virtio-ccw
#                          device (subchannel 0.0.0000)
#            ppc64el-tcg   qemu-system-ppc64 -M pseries, TCG: no /hypervisor
#                          node (no ePAPR hypercalls)
#            mips64el-tcg  qemu-system-mips64el -M malta -cpu 5KEf, TCG: no
#                          VZ, hypcall is a reserved instruction
#   KERNEL   6.1 or 6.12 (Debian's kernels) or kunit (the KUnit kernel built
#            from linux-source-6.12, with KASAN, UBSAN, lockdep, kmemleak; it
#            also runs the KUnit suites); the other architectures' profiles
#            take 6.1 only (Debian 12 ships no other), built as series ARCH
#            (scripts/build.sh module ARCH)
#   -t       run only these kselftests: NAME (of selftests/hypercall),
#            COLLECTION:NAME, or COLLECTION: for a whole collection (by
#            default only the hypercall collection runs)
#   -T       time limit of the whole run (default: 240 s; 480 s on the
#            KUnit kernel, whose checkers make everything slower; kvm 600 s)
#   -s       vCPUs of the test guest (default 2; kvm 1, and its first level
#            gets as many: TCG's nested SVM now and then resets an SMP
#            test guest in the middle of its run, with no report; the other
#            architectures 1)
#   -a       more kernel command line for the test guest (lockdown=...)
#   -n       a tag: the run is PROFILE-KERNEL-TAG, with its own logs
#   -e       put NAME=VALUE in the tests' environment (sizes of the
#            reliability tests: HC_FUZZ_OPS, HC_STRESS_CALLS, ...)
#   -L       when everything else is done (KUnit kernel: after kmemleak's
#            scans), run hypercall_reliability:lockdown.sh, which locks the
#            kernel down to LEVEL (integrity or confidentiality) through
#            securityfs once it holds the files a script would hold open
#   -K       KUnit kernel: do not run the KUnit suites (they run in the
#            untagged runs; a tagged run is there for its kselftests)
#   -q       do not print the logs of a failed run
#   -d       run selftests/hypercall/demo.sh instead of the tests (make demo)
#   -P       only pack the test initramfs of KERNEL into $HC_INITRAMFS_DIR,
#            where the runs started with the same HC_INITRAMFS_DIR take it
#            (another architecture's: name its PROFILE)
#            (check.sh packs before its guests start, then runs sparse
#            beside them, which rebuilds in the module's build directories)
#
# Logs land in $HC_OUT/runs/PROFILE-KERNEL/: console.log (everything the
# guest's console printed) and results.log (the TAP the tests wrote to the
# second serial port, or the architecture's second channel).  The run fails if a test fails, if the guest does not
# finish in time, or if the console shows an Oops, BUG, WARNING, KASAN or
# UBSAN report, lockdep splat, memory leak or panic.  The last line printed
# is the verdict: "RESULT <run> <pass|fail> <passed> <failed> <skipped> <s>".
#
# Unless HC_NO_BUILD=1, the module, selftests and kernels are built first.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

tests='' limit='' quiet='' role=test smp='' extra_append='' tag='' env=''
no_kunit='' pack_only='' lockdown=''
while getopts "t:T:qds:a:n:e:L:KP" opt; do
	case "$opt" in
	d) role=demo ;;
	P) pack_only=1 ;;
	s) smp=$OPTARG ;;
	a) extra_append=$OPTARG ;;
	n) tag=$OPTARG ;;
	e)
		[[ $OPTARG =~ ^[A-Z_][A-Z0-9_]*=[^[:space:]]*$ ]] ||
			hc_die "-e takes NAME=VALUE, without blanks: '$OPTARG'"
		env="$env hc.env=$OPTARG"
		;;
	K) no_kunit=1 ;;
	L)
		case "$OPTARG" in
		integrity | confidentiality) lockdown=$OPTARG ;;
		*) hc_die "-L takes integrity or confidentiality: '$OPTARG'" ;;
		esac
		;;
	t) tests=$OPTARG ;;
	T) limit=$OPTARG ;;
	q) quiet=1 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ -n "$pack_only" ]; then
	if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "${HC_INITRAMFS_DIR:-}" ]; then
		hc_die "usage: HC_INITRAMFS_DIR=DIR guest.sh -P [PROFILE] KERNEL"
	fi
	# another architecture's profile packs in a run directory of its own
	if [ $# -eq 2 ]; then
		tag=pack
	else
		set -- pack "$1"
	fi
fi
[ $# -eq 2 ] ||
	hc_die "usage: guest.sh [-t TESTS] [-T SECONDS] [-s CPUS] [-a APPEND] [-n TAG] [-e NAME=VALUE]... [-L LEVEL] [-K] [-q] [-d] PROFILE KERNEL"
profile=$1 series=$2
# arch: a foreign architecture (Debian's name), empty for this machine's
arch=
case "$profile" in
pack) [ -n "$pack_only" ] || hc_die "unknown profile 'pack'" ;;
vmware | tcg | bare) smp=${smp:-2} ;;
kvm) smp=${smp:-1} ;;
s390x-kvm | ppc64el-tcg | mips64el-tcg) arch=${profile%-*} smp=${smp:-1} ;;
*) hc_die "unknown profile '$profile'" ;;
esac
case "$series" in
6.1 | 6.12 | kunit) ;;
*) hc_die "unknown kernel '$series' (6.1, 6.12 or kunit)" ;;
esac
# bseries: the series the module is built for and the kernel booted: an
# architecture's name for a foreign one (its only kernel is 6.1)
bseries=$series
if [ -n "$arch" ]; then
	[ "$series" = 6.1 ] ||
		hc_die "$profile runs Debian 12's 6.1 kernel only, not '$series'"
	bseries=$arch
	hc_cross "$arch"
	cross_args=(ARCH="$HC_KARCH" CROSS_COMPILE="$HC_TRIPLET-")
else
	cross_args=()
fi
if [ -z "$limit" ]; then
	limit=240
	[ "$series" != kunit ] || limit=480
	[ "$profile" != kvm ] || limit=600
fi

run=$profile-$series${tag:+-$tag}
rundir=$HC_OUT/runs/$run
rm -rf "$rundir" && mkdir -p "$rundir"

# Fixed identity of the vmware profile, checked by the tests.
VMW_UUID=564d1a2b-3c4d-5e6f-7081-92a3b4c5d6e7
VMW_SERIAL="VMware-56 4d 1a 2b 3c 4d 5e 6f-70 81 92 a3 b4 c5 d6 e7"

# kernel_image SERIES: the bootable kernel of a series (ppc64el: the ELF
# vmlinux, which QEMU's pseries loads with its own firmware, x-vof)
kernel_image()
{
	local dir

	case "$1" in
	kunit)
		dir=$("$HC_ROOT/scripts/kunit-kernel.sh")
		printf '%s\n' "$dir/arch/x86/boot/bzImage"
		;;
	ppc64el)
		dir=$("$HC_ROOT/scripts/kernels.sh" image "$1")
		printf '%s\n' "$dir/root/boot/vmlinux-$(cat "$dir/release")"
		;;
	*)
		dir=$("$HC_ROOT/scripts/kernels.sh" image "$1")
		printf '%s\n' "$dir/root/boot/vmlinuz-$(cat "$dir/release")"
		;;
	esac
}

# pack STAGE OUT: an initramfs of directory STAGE
pack()
{
	(cd "$1" && find . | cpio -o -H newc --quiet) | gzip -1 >"$2"
}

# stage_common DIR: busybox, /init and what every guest needs
stage_common()
{
	mkdir -p "$1"/{bin,usr/bin,etc,proc,sys,dev,tmp,run,root}
	cp "$("$HC_ROOT/scripts/kernels.sh" busybox "$bseries")" "$1/bin/busybox"
	cp "$HC_ROOT/scripts/guest/init" "$1/init"
	cp "$HC_ROOT/scripts/guest/timeout" "$1/usr/bin/timeout"
	chmod 0755 "$1/init" "$1/usr/bin/timeout"
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' \
		>"$1/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$1/etc/group"
}

# sign_modules DIR: signed copies of DIR/*.ko in DIR/signed, with the KUnit
# kernel's own key: the modules are unsigned (like a DKMS build without a
# MOK key), and a locked-down kernel refuses unsigned modules.
sign_modules()
{
	local kdir hash ko

	kdir=$("$HC_ROOT/scripts/kunit-kernel.sh")
	hash=$(sed -n 's/^CONFIG_MODULE_SIG_HASH="\(.*\)"$/\1/p' "$kdir/.config")
	[ -n "$hash" ] || return 0
	mkdir -p "$1/signed"
	for ko in "$1"/*.ko; do
		cp "$ko" "$1/signed/"
		"$kdir/scripts/sign-file" "$hash" "$kdir/certs/signing_key.pem" \
			"$kdir/certs/signing_key.x509" "$1/signed/${ko##*/}" ||
			hc_die "cannot sign $ko"
	done
}

# test_initramfs OUT: the test guest: modules, kselftests and their runner
test_initramfs()
{
	local stage=$rundir/stage-test ko sel ksft col

	ko=$HC_OUT/ko/$bseries
	sel=$HC_OUT/selftests${arch:+-$arch}
	ksft=$(hc_linux_src)/tools/testing/selftests
	stage_common "$stage"
	mkdir -p "$stage/lib/modules/hypercall" "$stage/kselftest/kselftest"
	find "$ko/kernel" -name '*.ko' -exec cp {} "$stage/lib/modules/hypercall/" \;
	[ "$series" != kunit ] || sign_modules "$stage/lib/modules/hypercall"
	cp "$HC_OUT/tools${arch:+-$arch}/hcall" "$stage/usr/bin/hcall"
	cp "$ksft/run_kselftest.sh" "$stage/kselftest/"
	cp "$ksft/kselftest/runner.sh" "$ksft/kselftest/ktap_helpers.sh" \
		"$stage/kselftest/kselftest/"
	: >"$stage/kselftest/kselftest-list.txt"
	for col in "$HC_ROOT"/selftests/*/; do
		col=$(basename "$col")
		# install builds what is out of date: as build.sh does
		make -s -C "$HC_ROOT/selftests/$col" KSFT_DIR="$ksft" \
			"${cross_args[@]}" LDFLAGS=-static OUTPUT="$sel/$col" \
			INSTALL_PATH="$stage/kselftest/$col" install >/dev/null
		make -s -C "$HC_ROOT/selftests/$col" KSFT_DIR="$ksft" \
			"${cross_args[@]}" OUTPUT="$sel/$col" COLLECTION="$col" \
			emit_tests >>"$stage/kselftest/kselftest-list.txt"
	done
	pack "$stage" "$1"
}

# outer_initramfs OUT KDIR: the first level of the kvm profile: KVM and 9p
outer_initramfs()
{
	local stage=$rundir/stage-outer root=$2/root rel ko

	rel=$(cat "$2/release")
	stage_common "$stage"
	mkdir -p "$stage/lib/modules/outer"
	: >"$stage/lib/modules/outer/order"
	for ko in $(for m in kvm-amd virtio_pci 9pnet_virtio 9p; do
			modprobe -d "$root" -S "$rel" --show-depends "$m"
		done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }'); do
		case "$ko" in
		*.xz) xz -dc "$ko" >"$stage/lib/modules/outer/$(basename "$ko" .xz)" ;;
		*) cp "$ko" "$stage/lib/modules/outer/" ;;
		esac
		echo "/lib/modules/outer/$(basename "$ko" .xz)" \
			>>"$stage/lib/modules/outer/order"
	done
	pack "$stage" "$1"
}

# Build what the run needs (check.sh does it once, before parallel runs).
if [ "${HC_NO_BUILD:-}" != 1 ]; then
	"$HC_ROOT/scripts/build.sh" module "$bseries" >/dev/null
	"$HC_ROOT/scripts/build.sh" selftests ${arch:+"$arch"} >/dev/null
	"$HC_ROOT/scripts/build.sh" tools ${arch:+"$arch"} >/dev/null
fi
kernel=$(kernel_image "$bseries")
# The test initramfs depends on the kernel series only.  Runs started
# together on what is already built (check.sh) share one per series: with
# HC_INITRAMFS_DIR set, whichever run comes first packs it there, the others
# link it.  Whoever sets HC_INITRAMFS_DIR empties it first.
if [ -n "${HC_INITRAMFS_DIR:-}" ]; then
	mkdir -p "$HC_INITRAMFS_DIR"
	(
		flock 9
		shared=$HC_INITRAMFS_DIR/$bseries.gz
		if [ ! -e "$shared" ]; then
			test_initramfs "$shared.tmp"
			mv "$shared.tmp" "$shared"
		fi
		ln -f "$shared" "$rundir/initramfs.gz" 2>/dev/null ||
			cp "$shared" "$rundir/initramfs.gz"
	) 9>"$HC_INITRAMFS_DIR/$bseries.lock"
else
	test_initramfs "$rundir/initramfs.gz"
fi
[ -z "$pack_only" ] || exit 0

# The console and the results channel (scripts/guest/init): x86 and malta
# have two 16550 UARTs; s390 the SCLP's VT220 console and its line-mode
# console (the one for results: it is built in, unlike virtio_console);
# pseries two hypervisor virtual terminals (spapr-vty), hvc0 and hvc1.
case "$arch" in
s390x) console=ttysclp0 results=/dev/sclp_line0 ;;
ppc64el) console=hvc0 results=/dev/hvc1 ;;
*) console=ttyS0 results=/dev/ttyS1 ;;
esac
append="console=$console loglevel=7 panic=-1 oops=panic hc.role=$role"
[ "$results" = /dev/ttyS1 ] || append="$append hc.results=$results"
append="$append hc.profile=$profile${tests:+ hc.tests=$tests}"
# The KUnit suites run in every KUnit-kernel run but those with -K and the
# locked-down ones: a locked-down kernel loads only signed modules, and
# those runs test what lockdown changes (hypercall_reliability/lockdown.sh).
kunit=
case " $extra_append " in
*" lockdown="*) ;;
*) [ "$series" != kunit ] || [ -n "$no_kunit" ] || kunit=1 ;;
esac
# kmemleak watches the KUnit kernel's runs but the nested one: every
# allocation path of the module runs in vmware-kunit too (kvm.sh forces
# the KVM modes there), and in the nested guest the two scans took 22 s,
# a fifth of the run, besides kmemleak's cost on every allocation.
if [ "$series" = kunit ]; then
	if [ "$profile" = kvm ]; then
		append="$append kmemleak=off"
	else
		append="$append kmemleak=on"
	fi
fi
[ -n "$kunit" ] && append="$append hc.kunit=1"
[ -n "$lockdown" ] && append="$append hc.lockdown=$lockdown"
[ -n "$extra_append" ] && append="$append $extra_append"
[ -n "$env" ] && append="$append$env"
# 256 MiB: plenty for the tests, and a kmemleak scan reads every page in
# use.  Two tcg-kunit runs side by side: with 256 MiB the two scans took
# 15 s, with 1 GiB 25 s; the boot, kselftests and KUnit suites took the
# same.  The kvm profile's test guest keeps 1 GiB (its first level 2 GiB),
# the size with the long record: in one of the first ten nested KUnit-kernel
# runs with 256 MiB the test guest stopped in module.sh without a word and
# the run timed out.  Nothing says the size caused it, but nested runs are
# where TCG has hung before, and what 256 MiB saves there is 5 to 10 s.
mem=256
[ "$profile" = kvm ] && mem=1024
# What the tests compare the backdoor's answers with (HC_MEM_MIB, HC_UUID)
append="$append hc.mem=$mem"
[ "$profile" = vmware ] && append="$append hc.uuid=$VMW_UUID"
case "$profile" in
vmware)
	machine="pc,vmport=on"
	cpu="qemu64,-hypervisor"
	extra=(-uuid "$VMW_UUID" -smbios
	       "type=1,manufacturer=VMware,,Inc.,product=VMware Virtual Platform,serial=$VMW_SERIAL")
	;;
tcg | kvm)
	machine="pc,vmport=on"
	cpu="qemu64"
	extra=()
	;;&
kvm)
	# In the nested test guest every access to an I/O port is a VM exit
	# that TCG emulates, about 0.4 ms.  Its boot messages (KERN_INFO) stay
	# off the console: 14 to 24 KB of them took 6 to 10 s (the init sets
	# loglevel 7 for the tests; warnings and worse print at boot as well).
	# qemu64 is an AMD family 15 CPU, whose GART aperture the kernel looks
	# for by reading the PCI configuration of 256 buses, twice, 5 s here:
	# pci=noearly skips it (there is no GART, and no early PCI quirk
	# applies to QEMU's pc machine).
	append="${append/loglevel=7/loglevel=5} pci=noearly"
	;;
bare)
	machine="pc,vmport=off"
	cpu="qemu64,-hypervisor"
	extra=()
	;;
esac

# foreign_cmd: the QEMU command of the other architectures' profiles: TCG,
# one machine each (see the header)
foreign_cmd()
{
	local cons=(-chardev "file,id=con,path=$rundir/console.log"
		    -chardev "file,id=res,path=$rundir/results.log")

	hc_need_pkgs "$HC_QEMU_PKG"
	case "$arch" in
	s390x)
		# virtio-rng-ccw: a real subchannel, 0.0.0000 (schid
		# 0x10000), for diag 0x500's virtio-ccw notification
		cmd=(qemu-system-s390x -M s390-ccw-virtio -cpu max
		     "${cons[@]}" -device "sclpconsole,chardev=con"
		     -device "sclplmconsole,chardev=res"
		     -device "virtio-rng-ccw,devno=fe.0.0000")
		;;
	ppc64el)
		# x-vof: QEMU's own minimal firmware, which boots the ELF
		# vmlinux; the caps: TCG implements none of these
		# mitigations, and says so at every start otherwise
		cmd=(qemu-system-ppc64 -M "pseries,x-vof=on,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off"
		     -cpu power9 "${cons[@]}" -device "spapr-vty,chardev=con"
		     -device "spapr-vty,chardev=res")
		;;
	mips64el)
		cmd=(qemu-system-mips64el -M malta -cpu 5KEf
		     -serial "file:$rundir/console.log"
		     -serial "file:$rundir/results.log")
		;;
	esac
	cmd+=(-nodefaults -display none -monitor none -no-reboot -m "$mem"
	      -smp "$smp" -kernel "$kernel" -initrd "$rundir/initramfs.gz"
	      -append "$append")
}

start=$(hc_now)
if [ -n "$arch" ]; then
	foreign_cmd
elif [ "$profile" != kvm ]; then
	cmd=(qemu-system-x86_64 -nodefaults -display none -monitor none
	     -no-reboot -machine "$machine" -cpu "$cpu" -m "$mem" -smp "$smp"
	     "${extra[@]}" -kernel "$kernel" -initrd "$rundir/initramfs.gz"
	     -append "$append"
	     -serial "file:$rundir/console.log" -serial "file:$rundir/results.log")
else
	# The test guest runs under real KVM inside a TCG guest.  The first
	# level runs QEMU from this machine's root, shared read-only; the run
	# directory, which holds what the test guest boots from, is shared on
	# its own and mounted at /tmp/hc-run, because the first level puts a
	# tmpfs on /tmp (and the run directory may well be under /tmp).  The
	# first level runs without its lockup detectors (nowatchdog): a vCPU
	# of it that runs the test guest stays in KVM_RUN for as long as TCG
	# takes to emulate it, and on a loaded machine that is long enough to
	# be called a soft lockup.  The test guest keeps its own detectors.
	outer=$("$HC_ROOT/scripts/kernels.sh" image 6.12)
	outer_initramfs "$rundir/outer.gz" "$outer"
	ln -f "$kernel" "$rundir/inner-kernel" 2>/dev/null ||
		cp -f "$kernel" "$rundir/inner-kernel"
	cat >"$rundir/inner.sh" <<EOF
exec qemu-system-x86_64 -accel kvm -cpu $cpu -nodefaults -display none \\
	-monitor none -no-reboot -machine $machine -m $mem -smp $smp \\
	-kernel /tmp/hc-run/inner-kernel -initrd /tmp/hc-run/initramfs.gz \\
	-append '$append' -serial stdio -serial /dev/ttyS1
EOF
	cmd=(qemu-system-x86_64 -nodefaults -display none -monitor none
	     -no-reboot -machine pc -cpu max -m $((mem + 1024)) -smp "$smp"
	     -kernel "$outer/root/boot/vmlinuz-$(cat "$outer/release")"
	     -initrd "$rundir/outer.gz"
	     -append "console=ttyS0 loglevel=7 panic=-1 nowatchdog hc.role=outer hc.inner=/tmp/hc-run/inner.sh"
	     -virtfs "local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap"
	     -virtfs "local,path=${rundir//,/,,},mount_tag=hcrun,security_model=none,readonly=on"
	     -serial "file:$rundir/console.log" -serial "file:$rundir/results.log")
fi
printf '%q ' "${cmd[@]}" >"$rundir/qemu.cmd"
rc=0
timeout --kill-after=10 "$limit" "${cmd[@]}" </dev/null >"$rundir/qemu.out" 2>&1 || rc=$?
secs=$(echo "$(hc_now) - $start" | bc)
[ $rc -eq 124 ] && echo "timed out after $limit s" >>"$rundir/qemu.out"

if [ "$role" = demo ]; then
	tr -d '\r' <"$rundir/results.log" | sed -e '0,/^HC-BEGIN/d' -e '/^HC-END/,$d'
	grep -q '^HC-END ok' "$rundir/results.log"
	exit
fi

verdict=0
kunit_flag=
[ -n "$kunit" ] && kunit_flag=--expect-kunit
python3 "$HC_ROOT/scripts/judge.py" --run "$run" --seconds "$secs" \
	--qemu-rc "$rc" ${kunit_flag} \
	--kunit-parser "$(hc_linux_src)/tools/testing/kunit/kunit.py" \
	"$rundir" || verdict=$?
if [ $verdict -ne 0 ] && [ -z "$quiet" ]; then
	for f in qemu.out console.log results.log; do
		[ -s "$rundir/$f" ] || continue
		printf '\n===== %s: %s =====\n' "$run" "$f" >&2
		cat "$rundir/$f" >&2
	done
fi
tail -n 1 "$rundir/verdict"
exit $verdict

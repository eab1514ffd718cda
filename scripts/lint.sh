#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The static checks of make check (and make lint), one per call:
#
#   lint.sh checkpatch      checkpatch.pl --strict --no-tree (linux-source-6.12)
#                           on every C file and header under kernel/, tools/
#                           and selftests/; the accepted messages are listed,
#                           with their reasons, in scripts/checkpatch.exceptions
#                           (messages of unchanged files come from the cache)
#   lint.sh sparse SERIES   the W=1 build for SERIES (6.1, 6.12, or a foreign
#                           architecture: s390x, mips64el, ppc64el) checked
#                           again with sparse (C=2): any warning or error
#                           from the compiler, sparse, modpost or objtool
#                           fails
#   lint.sh kernel-doc      scripts/kernel-doc -none -Wall on every source file
#                           and header under kernel/, and every exported
#                           function has a kernel-doc comment
#   lint.sh shellcheck      shellcheck on every shell script git knows, and
#                           the bash completion
#   lint.sh version         VERSION, dkms.conf, debian/changelog and the
#                           module's MODULE_VERSION say the same version
#   lint.sh objcheck [SERIES...]
#                           scripts/objcheck.py on the modules built for
#                           SERIES (default 6.1 6.12): the exported
#                           hypercall functions and the sample's call sites
#                           reach their instruction through patched static
#                           keys only, and within the instruction budget
#                           (Documentation/performance.rst; the table in
#                           $HC_OUT/objcheck/budget.txt); its self-test
#                           first.  s390x: scripts/objcheck_s390.py,
#                           the same for diag 0x500, and each fixup on the
#                           instruction after the diag.  ppc64el:
#                           scripts/objcheck_powerpc.py, every site the one
#                           the module writes the sequence into, and the
#                           exported calls reach theirs without a load.
#                           mips64el has no static proof yet
#                           (Documentation/performance.rst): naming it
#                           fails.  HC_NO_BUILD=1: use the builds that are
#                           there
#   lint.sh docs            sphinx-build -W: Documentation/ renders without a
#                           warning, into $HC_OUT/docs/html; the ABI files
#                           pass the kernel's scripts/get_abi.pl validate;
#                           hcall(8) renders with rst2man --strict
#
# The DKMS and Debian package checks are scripts/dkms-check.sh and
# scripts/deb-check.sh.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$HC_ROOT"

# Files git tracks or would track, matching the pathspecs.
files()
{
	git ls-files -co --exclude-standard -- "$@"
}

cmd_checkpatch()
{
	local src
	local -a list

	src=$(hc_linux_src)
	mapfile -t list < <(files 'kernel/*.[ch]' 'tools/*.[ch]' 'selftests/*.[ch]')
	python3 "$HC_ROOT/scripts/checkpatch.py" "$src/scripts/checkpatch.pl" \
		scripts/checkpatch.exceptions "${list[@]}"
}

cmd_sparse()
{
	local series=$1 kdir dir log cross=()

	hc_need_pkgs sparse
	dir=$("$HC_ROOT/scripts/build.sh" module "$series")
	kdir=$("$HC_ROOT/scripts/kernels.sh" headers "$series")
	! hc_cross "$series" ||
		cross=(ARCH="$HC_KARCH" CROSS_COMPILE="$HC_TRIPLET-")
	log=$dir/sparse.log
	# C=2 runs sparse on every source file, built or not; the objects
	# are up to date, so nothing else runs.
	if ! make -C "$kdir" M="$dir" W=1 C=2 HC_DEV_MODULES=m -j"$HC_JOBS" \
		"${cross[@]}" modules >"$log" 2>&1; then
		cat "$log"
		hc_die "make W=1 C=2 failed for $series"
	fi
	grep -c '  CHECK ' "$log" | sed 's/^/sparse: files checked: /'
	# MIPS hands sparse every macro GCC predefines (CHECKFLAGS in
	# arch/mips/Makefile), and sparse 0.6.4 predefines the __ATOMIC_*
	# ones itself: it warns about them once per file, in "builtin"
	if grep -E -i 'warning|error' "$log" | grep -v 'Skipping BTF generation' |
		grep -v -E '^builtin:1:9: warning: preprocessor token __ATOMIC_[A-Z_]+ redefined$'; then
		hc_die "sparse or the compiler warned for $series"
	fi
}

cmd_kernel_doc()
{
	local src bad=0 out sym
	local -a list sources

	src=$(hc_linux_src)
	mkdir -p "$HC_OUT"
	mapfile -t list < <(files 'kernel/*.[ch]')
	out=$(perl "$src/scripts/kernel-doc" -none -Wall "${list[@]}" 2>&1)
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
		bad=1
	fi
	# Every exported function documents itself: kernel-doc -export
	# prints the documented ones.  Static keys are variables; their
	# header comments say what they are.
	mapfile -t sources < <(files 'kernel/*.c')
	perl "$src/scripts/kernel-doc" -rst -export "${sources[@]}" 2>/dev/null |
		sed -n 's/^\.\. c:function:: [^(]*[ *]\([A-Za-z0-9_]\+\) (.*/\1/p' |
		sort -u >"$HC_OUT/kernel-doc.documented"
	while read -r sym; do
		grep -q "^DEFINE_STATIC_KEY_[A-Z]*($sym);" "${sources[@]}" && continue
		if ! grep -qx "$sym" "$HC_OUT/kernel-doc.documented"; then
			echo "exported $sym() has no kernel-doc comment"
			bad=1
		fi
	done < <(sed -n 's/^EXPORT_SYMBOL\(_GPL\)\?(\([A-Za-z0-9_]*\));$/\2/p' "${sources[@]}")
	[ "$bad" -eq 0 ] || hc_die "kernel-doc found problems"
	echo "kernel-doc: ${#list[@]} files clean," \
		"$(wc -l <"$HC_OUT/kernel-doc.documented") exported functions documented"
}

cmd_shellcheck()
{
	local f first
	local -a list=()

	hc_need_pkgs shellcheck
	while read -r f; do
		[ -f "$f" ] || continue
		case "$f" in
		*.sh | *.bash-completion) list+=("$f"); continue ;;
		esac
		IFS= read -r first <"$f" || true
		case "$first" in
		'#!'*/sh | '#!'*/bash | '#!'*'/busybox sh' | '#!'*'env bash' | \
		'#!'*/sh\ * | '#!'*/bash\ *)
			list+=("$f") ;;
		esac
	done < <(files)
	# .shellcheckrc: follow sourced files from the script's directory
	shellcheck "${list[@]}"
	printf 'shellcheck: %d scripts clean\n' "${#list[@]}"
}

cmd_version()
{
	local version got dir

	version=$(cat VERSION)
	[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
		hc_die "VERSION '$version' is not MAJOR.MINOR.PATCH"
	# dkms sources dkms.conf with bash, from another directory
	got=$(cd / && bash -c '. "$1"; echo "$PACKAGE_NAME $PACKAGE_VERSION"' \
		sh "$HC_ROOT/dkms.conf")
	[ "$got" = "hypercall $version" ] ||
		hc_die "dkms.conf gives '$got', expected 'hypercall $version'"
	got=$(dpkg-parsechangelog -l debian/changelog -S Version)
	[ "${got%-*}" = "$version" ] ||
		hc_die "debian/changelog is at $got, VERSION at $version"
	dir=$("$HC_ROOT/scripts/build.sh" module 6.12)
	got=$(modinfo -F version "$dir/kernel/hypercall.ko")
	[ "$got" = "$version" ] ||
		hc_die "hypercall.ko has MODULE_VERSION '$got', VERSION is $version"
	echo "version: $version in VERSION, dkms.conf, debian/changelog, hypercall.ko"
}

cmd_objcheck()
{
	local series dir dirs=() s390=() ppc=()

	[ $# -gt 0 ] || set -- 6.1 6.12
	for series in "$@"; do
		! hc_cross "$series" || [ "$series" = s390x ] ||
			[ "$series" = ppc64el ] ||
			hc_die "objcheck: no static proof for $series (Documentation/performance.rst)"
		if [ "${HC_NO_BUILD:-}" = 1 ]; then
			dir=$HC_OUT/ko/$series
		else
			dir=$("$HC_ROOT/scripts/build.sh" module "$series")
		fi
		case "$series" in
		s390x) s390+=("$dir") ;;
		ppc64el) ppc+=("$dir") ;;
		*) dirs+=("$dir") ;;
		esac
	done
	if [ ${#dirs[@]} -gt 0 ]; then
		python3 "$HC_ROOT/scripts/objcheck.py" --self-test \
			--table "$HC_OUT/objcheck/budget.txt" "${dirs[@]}"
	fi
	for dir in "${s390[@]}"; do
		python3 "$HC_ROOT/scripts/objcheck_s390.py" "$dir"
	done
	if [ ${#ppc[@]} -gt 0 ]; then
		python3 "$HC_ROOT/scripts/objcheck_powerpc.py" "${ppc[@]}"
	fi
}

cmd_docs()
{
	local out=$HC_OUT/docs src abi

	hc_need_pkgs python3-sphinx python3-docutils
	src=$(hc_linux_src)
	# The ABI files, in the kernel's format, checked by the kernel's
	# parser; it warns on stderr but exits 0
	abi=$(perl "$src/scripts/get_abi.pl" --dir Documentation/ABI validate 2>&1)
	if [ -n "$abi" ]; then
		printf '%s\n' "$abi"
		hc_die "Documentation/ABI does not follow the kernel's ABI format"
	fi
	rm -rf "$out"
	# conf.py loads the kernel's kernel-doc extension from this tree
	HC_LINUX_SRC=$src sphinx-build -W --keep-going -q -b html \
		-d "$out/doctrees" Documentation "$out/html"
	mkdir -p "$out/man"
	make -s -C tools/hcall man OUTPUT="$out/man"
	echo "docs: $out/html/index.html, $out/man/hcall.8"
}

case "${1:-}" in
checkpatch) cmd_checkpatch ;;
sparse) cmd_sparse "${2:?series}" ;;
kernel-doc) cmd_kernel_doc ;;
shellcheck) cmd_shellcheck ;;
version) cmd_version ;;
objcheck) shift; cmd_objcheck "$@" ;;
docs) cmd_docs ;;
*) hc_die "usage: lint.sh checkpatch|sparse SERIES|kernel-doc|shellcheck|version|objcheck [SERIES...]|docs" ;;
esac

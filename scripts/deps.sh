#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install (apt-get, as root) the Debian 12 packages that make check needs,
# and the headers of both Debian kernel series.  Does nothing when all are
# there.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

hc_need_pkgs \
	make gcc libc6-dev bc flex bison libelf-dev libssl-dev xz-utils \
	kmod cpio rsync busybox-static qemu-system-x86 python3 \
	linux-source-6.12

# The static checks (scripts/lint.sh) and the packaging checks
# (scripts/dkms-check.sh, scripts/deb-check.sh: python3-docutils renders
# the manual page, lintian checks the packages, man-db reads the page in
# the throwaway root)
hc_need_pkgs \
	sparse shellcheck python3-sphinx python3-docutils dkms openssl \
	dpkg-dev debhelper dh-dkms apt util-linux lintian man-db

# The parser fuzzer (tools/fuzz: libFuzzer, ASan and UBSan from clang 14)
hc_need_pkgs clang libclang-rt-14-dev

# The other architectures' cross compilers and QEMUs (scripts/build.sh,
# scripts/guest.sh): here, once, not in builds that run side by side
for arch in $HC_CROSS_ARCHES; do
	hc_cross_cc "$arch"
	hc_need_pkgs "$HC_QEMU_PKG"
done

for series in 6.1 6.12; do
	"$HC_ROOT/scripts/kernels.sh" headers "$series" >/dev/null
done

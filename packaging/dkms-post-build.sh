#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dkms.conf's POST_BUILD: keep the build's Module.symvers next to the module
# that dkms saved, in /var/lib/dkms/hypercall/<version>/<kernel>/<arch>/module/
# (the directory dkms.conf passes).  A consumer module needs it to build
# against this one (KBUILD_EXTRA_SYMBOLS, Documentation/api.rst), and Debian
# 12's dkms (3.0.10) deletes the build directory, Module.symvers with it,
# after each build.  dkms runs this in the build directory, after it saved
# the module; "dkms remove" deletes the copy with the rest of that directory.

set -eu

dest=${1:?usage: dkms-post-build.sh DIR}
if [ ! -d "$dest" ]; then
	echo "dkms-post-build.sh: no directory $dest" >&2
	exit 1
fi
cp Module.symvers "$dest/Module.symvers"

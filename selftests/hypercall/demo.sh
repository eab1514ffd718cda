#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make demo: what the module shows a user of a VMware guest.  Not a test.

HC_DEBUGFS=/sys/kernel/debug/hypercall
HC_MODULE_DIR=${HC_MODULE_DIR:-/lib/modules/$(uname -r)/updates}

show()
{
	echo "\$ $*"
	"$@"
	echo
}

show uname -r
show insmod "$HC_MODULE_DIR/hypercall.ko"
show cat "$HC_DEBUGFS/info"
show rmmod hypercall

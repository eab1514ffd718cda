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

# show_sh 'COMMANDS': show and run a line of shell
show_sh()
{
	echo "\$ $1"
	eval "$1"
	echo
}

show uname -r
show insmod "$HC_MODULE_DIR/hypercall.ko"
show cat "$HC_DEBUGFS/info"
show ls -l "$HC_DEBUGFS/vmware"
for f in version uuid memsize hz vcpu_info; do
	show cat "$HC_DEBUGFS/vmware/$f"
done
show hcall vmware getversion
show hcall vmware getramsize
# shellcheck disable=SC2016 # shown as written, then run
show_sh 'exec 3<>/sys/kernel/debug/hypercall/vmware/call; echo getbiosuuid >&3; read -r answer <&3; exec 3<&-; echo "$answer"'
show hcall vmware stealclock
show insmod "$HC_MODULE_DIR/hypercall_sample.ko"
show cat /sys/module/hypercall_sample/parameters/version
show rmmod hypercall_sample
show rmmod hypercall

# SPDX-License-Identifier: GPL-2.0
#
# hypercall: VMware backdoor and KVM hypercalls for Linux guests.
#
#   make                 build hypercall.ko for KDIR (W=1)
#   make install         modules_install into INSTALL_MOD_PATH (default /)
#   make check           the whole test suite in QEMU guests (see README.md)
#   make demo            boot a VMware-like guest and show the module at work
#   make clean
#
# KDIR defaults to the running kernel's build directory, else the newest
# installed Debian kernel headers.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1))

.PHONY: all modules install modules_install clean check demo

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

install modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf build

check:
	scripts/check.sh

demo:
	scripts/demo.sh

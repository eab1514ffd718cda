# SPDX-License-Identifier: GPL-2.0
#
# hypercall: VMware backdoor and KVM hypercalls for Linux guests.
#
#   make                 build hypercall.ko for KDIR (W=1); HC_DEV_MODULES=m
#                        also builds the sample consumer and the benchmark
#   make install         install it into INSTALL_MOD_PATH (default: this
#                        system, then depmod) under INSTALL_MOD_DIR (default
#                        updates); modules_install is the same
#   make install-src     install the DKMS source tree into
#                        $(DESTDIR)/usr/src/hypercall-$(VERSION)
#   make check           the whole test suite in QEMU guests (see README.md)
#   make check-full      the same, with every test in every KUnit-kernel run
#   make lint            the static checks only (checkpatch, sparse, W=1,
#                        kernel-doc, shellcheck, docs, DKMS, Debian package)
#   make fuzz            fuzz the debugfs parsers for FUZZ_SECONDS (300)
#   make reliability     the reliability runs at full size, with figures
#                        (fuzzing, SMP stress, load cycles, fault matrix,
#                        lockdown; about 70 minutes)
#   make docs            render Documentation/ into build/docs/html
#   make deb             build the Debian packages hypercall-dkms and
#                        hypercall-tools into build/deb
#   make demo            boot a VMware-like guest and show the module at work
#   make bench           time the call paths in the vmware and kvm guests
#                        (Documentation/performance.rst; not part of check)
#   make clean
#
# KDIR defaults to the running kernel's build directory, else the newest
# installed Debian kernel headers of this machine's architecture (amd64,
# s390x).

DEB_ARCH := $(or $(shell dpkg --print-architecture 2>/dev/null),amd64)
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-$(DEB_ARCH) 2>/dev/null | sort -V | tail -n 1))

VERSION := $(shell cat VERSION)
INSTALL_MOD_DIR ?= updates
DESTDIR ?=

# Debian's kernel headers carry no signing key: modules_install would try to
# sign with it and print an error.  Let it sign only where the kernel tree
# has its certificate (a kernel built locally); sign for Secure Boot with
# your MOK key instead (Documentation/usage.rst).
ifeq ($(wildcard $(KDIR)/certs/signing_key.x509),)
NOSIGN := CONFIG_MODULE_SIG_ALL=
endif

.PHONY: all modules install modules_install install-src clean check check-full lint \
	docs deb demo bench fuzz reliability

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

# The kernel's depmod step needs System.map, which headers packages lack:
# run depmod ourselves when installing into the running system.
install modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(NOSIGN) modules_install
	if [ -z "$(INSTALL_MOD_PATH)" ]; then \
		depmod -a "$$(cat $(KDIR)/include/config/kernel.release)"; \
	fi

# What dkms needs to build the module, and nothing else.
install-src:
	install -d $(DESTDIR)/usr/src/hypercall-$(VERSION)
	install -m 0644 Kbuild Makefile VERSION dkms.conf \
		$(DESTDIR)/usr/src/hypercall-$(VERSION)/
	install -D -m 0755 packaging/dkms-post-build.sh \
		$(DESTDIR)/usr/src/hypercall-$(VERSION)/packaging/dkms-post-build.sh
	find kernel -type f \( -name '*.[chS]' -o -name Kbuild \) \
		! -name '*.mod.c' | while read -r f; do \
		install -D -m 0644 "$$f" \
			"$(DESTDIR)/usr/src/hypercall-$(VERSION)/$$f" || exit 1; \
	done

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf build

check:
	scripts/check.sh

check-full:
	scripts/check.sh --full

lint:
	scripts/check.sh --lint

FUZZ_SECONDS ?= 300
fuzz:
	scripts/deps.sh
	$(MAKE) -C tools/fuzz run FUZZ_SECONDS=$(FUZZ_SECONDS) \
		WORK=$(or $(HYPERCALL_OUT),$(CURDIR)/build)/fuzz

reliability:
	scripts/reliability.sh

docs:
	scripts/lint.sh docs

deb:
	scripts/deb.sh

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the hypercall module.
 */
#ifndef _HYPERCALL_INTERNAL_H
#define _HYPERCALL_INTERNAL_H

#include <linux/atomic.h>
#include <linux/version.h>
#include <hypercall/hypercall.h>

#include "detect.h"

/* Does this kernel export the TDX hypercall helpers we call? */
#if IS_ENABLED(CONFIG_INTEL_TDX_GUEST) && \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define HC_HAVE_VMWARE_TDX	1
#else
#define HC_HAVE_VMWARE_TDX	0
#endif
#if IS_ENABLED(CONFIG_INTEL_TDX_GUEST) && IS_ENABLED(CONFIG_KVM_GUEST)
#define HC_HAVE_KVM_TDX		1
#else
#define HC_HAVE_KVM_TDX		0
#endif

/**
 * struct hc_state - what the module decided at load, for info and debugfs
 * @det: the detection result
 * @in_sig: raw CPUID signature (for info)
 * @vendor: CPU vendor
 * @kernel_hv: the kernel's x86_hyper_type
 * @tdx_guest: running as a TDX guest
 * @mem_encrypt: guest memory is encrypted
 * @faults: hypercall instructions that faulted and were fixed up, per ABI
 */
struct hc_state {
	struct hc_detect det;
	enum hc_vendor vendor;
	enum hc_kernel_hv kernel_hv;
	bool tdx_guest;
	bool mem_encrypt;
	atomic_long_t faults[HC_ABI_NR];
};

extern struct hc_state hc_state;

/* vmware.c, kvm.c: point the static keys at a transport */
void hc_vmware_select(enum hc_mode mode, bool hb);
void hc_kvm_select(enum hc_mode mode);

/* debugfs.c */
void hc_debugfs_init(void);
void hc_debugfs_exit(void);

#endif /* _HYPERCALL_INTERNAL_H */

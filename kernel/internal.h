/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the hypercall module.
 */
#ifndef _HYPERCALL_INTERNAL_H
#define _HYPERCALL_INTERNAL_H

#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/version.h>
#include <hypercall/hypercall.h>

#include "detect.h"
#include "parse.h"

/*
 * Internals the KUnit suites (kernel/tests/) call: exported only in kernels
 * built with KUnit, in the EXPORTED_FOR_KUNIT_TESTING namespace.
 */
#if IS_ENABLED(CONFIG_KUNIT)
#include <kunit/visibility.h>
#define HC_EXPORT_FOR_KUNIT(sym)	EXPORT_SYMBOL_IF_KUNIT(sym)
#else
#define HC_EXPORT_FOR_KUNIT(sym)
#endif

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
 * @vendor: CPU vendor
 * @kernel_hv: the kernel's x86_hyper_type
 * @tdx_guest: running as a TDX guest
 * @mem_encrypt: guest memory is encrypted
 * @faults: hypercall instructions that faulted and were fixed up, per ABI
 * @vmware_buffer_faults: high-bandwidth calls whose buffer page-faulted
 */
struct hc_state {
	struct hc_detect det;
	enum hc_vendor vendor;
	enum hc_kernel_hv kernel_hv;
	bool tdx_guest;
	bool mem_encrypt;
	atomic_long_t faults[HC_ABI_NR];
	atomic_long_t vmware_buffer_faults;
};

extern struct hc_state hc_state;

/* vmware.c, kvm.c: point the static keys at a transport */
void hc_vmware_select(enum hc_mode mode, bool hb);
void hc_kvm_select(enum hc_mode mode);

/* vmware.c: called from vmware_slow.S only */
struct hc_vmware_regs;
int hc_vmware_slow(struct hc_vmware_regs *regs);

/* core.c: for the select functions, set keys to the states they need */
struct static_key_false;
void hc_keys_set(struct static_key_false *const keys[], const bool on[],
		 size_t n);

/* core.c: may debugfs run a command of this class? */
int hc_allow(enum hc_cmd_class cls);

/* debugfs.c */
#define HC_ANSWER_MAX	128
typedef ssize_t (*hc_call_fn)(const char *in, size_t len, char *out,
			      size_t size);
struct dentry;
void hc_debugfs_init(void);
void hc_debugfs_exit(void);
void hc_debugfs_create_call(const char *name, struct dentry *parent,
			    hc_call_fn run);

/* vmware_debugfs.c, kvm_debugfs.c */
void hc_vmware_debugfs_init(struct dentry *root);
void hc_kvm_debugfs_init(struct dentry *root);
void hc_rpc_debugfs_init(struct dentry *vmware_dir);

#endif /* _HYPERCALL_INTERNAL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the hypercall module, and what every architecture
 * folder (kernel/arch/<arch>/) provides to the generic code.
 */
#ifndef _HYPERCALL_INTERNAL_H
#define _HYPERCALL_INTERNAL_H

#include <linux/atomic.h>
#include <linux/export.h>
#include <hypercall/hypercall.h>

#include "detect.h"
#include "parse.h"
#include "policy.h"

/*
 * Internals the KUnit suites call: exported only in kernels built with
 * KUnit, in the EXPORTED_FOR_KUNIT_TESTING namespace.
 */
#if IS_ENABLED(CONFIG_KUNIT)
#include <kunit/visibility.h>
#define HC_EXPORT_FOR_KUNIT(sym)	EXPORT_SYMBOL_IF_KUNIT(sym)
#else
#define HC_EXPORT_FOR_KUNIT(sym)
#endif

/**
 * struct hc_state - what the module decided at load, for info and debugfs
 * @det: the detection result
 * @arch: what the architecture keeps of its machine (its hc_arch.h)
 * @faults: hypercall instructions that faulted and were fixed up, per ABI
 * @vmware_buffer_faults: high-bandwidth calls whose buffer page-faulted
 */
struct hc_state {
	struct hc_detect det;
	struct hc_arch_state arch;
	atomic_long_t faults[HC_ABI_NR];
	atomic_long_t vmware_buffer_faults;
};

extern struct hc_state hc_state;

static inline bool hc_vmware_available(void)
{
	return hc_state.det.mode[HC_ABI_VMWARE] != HC_MODE_NONE;
}

static inline bool hc_kvm_available(void)
{
	return hc_state.det.mode[HC_ABI_KVM] != HC_MODE_NONE;
}

/* core.c: for the select functions, set keys to the states they need */
struct static_key_false;
void hc_keys_set(struct static_key_false *const keys[], const bool on[],
		 size_t n);

/* debugfs.c; an architecture whose answers are longer says so (hc_arch.h) */
#ifdef HC_ARCH_ANSWER_MAX
#define HC_ANSWER_MAX	HC_ARCH_ANSWER_MAX
#else
#define HC_ANSWER_MAX	128
#endif
typedef ssize_t (*hc_call_fn)(const char *in, size_t len, char *out,
			      size_t size);
struct dentry;
struct seq_file;
void hc_debugfs_init(void);
void hc_debugfs_exit(void);
void hc_debugfs_create_call(const char *name, struct dentry *parent,
			    hc_call_fn run);

/* kvm_debugfs.c */
void hc_kvm_debugfs_init(struct dentry *root);

/*
 * The VMware backdoor, where the architecture has it (its Kbuild sets
 * hc-vmware, which defines HC_HAVE_VMWARE): vmware_debugfs.c,
 * rpc_debugfs.c, and of the architecture, hc_vmware_cmd_refused().
 */
#ifdef HC_HAVE_VMWARE
void hc_vmware_debugfs_init(struct dentry *root);
void hc_rpc_debugfs_init(struct dentry *vmware_dir);
bool hc_vmware_cmd_refused(u32 cmd);
#else
static inline void hc_vmware_debugfs_init(struct dentry *root) { }
#endif

/* Palacios, where the architecture has it (its hc_arch.h: HC_HAVE_PALACIOS) */
#ifdef HC_HAVE_PALACIOS
void hc_palacios_debugfs_init(struct dentry *root);
#else
static inline void hc_palacios_debugfs_init(struct dentry *root) { }
#endif

/*
 * What every architecture provides (kernel/arch/<arch>/):
 *
 * hc_arch_read_input()   read the machine: the facts of struct
 *                        hc_detect_input, its probe, its own parameters
 *                        (core.c sets kvm_mode's); fills hc_state.arch
 * hc_arch_init(), hc_arch_exit()  optional (core.c has empty defaults):
 *                        set up before the keys are set, take down at
 *                        unload
 * hc_arch_select()       point the static keys at what detection decided
 * hc_arch_info_show()    its lines of the info file
 * hc_arch_kvm_debugfs_init()  its files in kvm/
 * hc_arch_kvm_slow_call()     hypercall_kvm_call() where __hc_kvm() has no
 *                        instruction site: 0 and *@ret, or -ENODEV
 *                        (kvm_one_insn.c has these two fail, for an
 *                        architecture whose instruction is its only
 *                        transport)
 * hc_arch_kvm_rules[], hc_arch_kvm_arg_ok()   its KVM numbers (policy.h)
 */
void hc_arch_read_input(struct hc_detect_input *in);
int hc_arch_init(void);
void hc_arch_exit(void);
void hc_arch_select(const struct hc_detect *det);
void hc_arch_info_show(struct seq_file *m);
void hc_arch_kvm_debugfs_init(struct dentry *kvm_dir);
int hc_arch_kvm_slow_call(unsigned int nr, const unsigned long args[],
			  long *ret);

#endif /* _HYPERCALL_INTERNAL_H */

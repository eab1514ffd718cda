/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read-only guestinfo files: /sys/kernel/debug/hypercall/vmware/guestinfo/
 * (guestinfo.c).  Internal to the module; the KUnit suites call the
 * functions below.
 */
#ifndef _HYPERCALL_GUESTINFO_H
#define _HYPERCALL_GUESTINFO_H

#include <linux/types.h>
#include <hypercall/rpc.h>

/* Longest key name: it is a file name (NAME_MAX). */
#define HC_GUESTINFO_KEY_MAX	255
/* Longest key list: the kernel's limit for a string parameter. */
#define HC_GUESTINFO_LIST_MAX	1024
/* Largest value: a GuestRPC reply (1 MiB), less its "1 " status prefix. */
#define HC_GUESTINFO_VALUE_MAX	(HC_RPC_MAX_REPLY - 2)

/*
 * The default keys: what the programs that configure a guest from
 * guestinfo read (Documentation/debugfs.rst names the source lines).
 *  - cloud-init's VMware datasource: metadata, userdata, vendordata, and
 *    each one's ".encoding";
 *  - Ignition's vmware provider: ovfenv (the OVF environment, whose
 *    properties it falls back on), ignition.config.data and its encoding;
 *  - Afterburn's vmware provider: afterburn.initrd.network-kargs (and
 *    metadata, metadata.encoding, as cloud-init).
 */
#define HC_GUESTINFO_DEFAULT_KEYS					\
	"metadata,metadata.encoding,userdata,userdata.encoding,"	\
	"vendordata,vendordata.encoding,"				\
	"ovfenv,ignition.config.data,ignition.config.data.encoding,"	\
	"afterburn.initrd.network-kargs"

/**
 * struct hc_guestinfo_value - one read of a guestinfo variable
 * @len: length of @data
 * @data: the value, as the host sent it (any bytes), then a NUL; in the
 *        buffer hypercall_vmware_rpc_alloc() allocated for the reply
 */
struct hc_guestinfo_value {
	size_t len;
	char *data;
};

/**
 * struct hc_guestinfo_bad - why a key list was refused
 * @why: what is wrong, for the kernel log
 * @name: the name at fault (not NUL-terminated), or NULL
 * @len: its length
 */
struct hc_guestinfo_bad {
	const char *why;
	const char *name;
	size_t len;
};

int hc_guestinfo_check_keys(const char *list, struct hc_guestinfo_bad *bad);
struct hc_guestinfo_value *hc_guestinfo_get(const char *key);
void hc_guestinfo_free(struct hc_guestinfo_value *v);

struct dentry;
void hc_guestinfo_debugfs_init(struct dentry *vmware_dir);

#endif /* _HYPERCALL_GUESTINFO_H */

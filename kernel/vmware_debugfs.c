// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/hypercall/vmware/
 *
 *   call       0600  write "<cmd> [<in1> [<in3> [<in4> [<in5>]]]]", then read
 *                    "eax=0x.. ebx=0x.. ecx=0x.. edx=0x.. esi=0x.. edi=0x..\n"
 *                    on the same open file (debugfs.c has the plumbing)
 *   version    0400  GETVERSION: version, magic check, product type
 *   uuid       0400  GETUUID: the BIOS UUID
 *   memsize    0400  GETMEMSIZE
 *   hz         0400  GETHZ: TSC and APIC bus frequencies
 *   vcpu_info  0400  GET_VCPU_INFO, bit by bit
 *   rpc        0600  one GuestRPC command (rpc_debugfs.c)
 *   guestinfo/ 0400  one file per guestinfo key (guestinfo.c)
 *
 * Every read of a named file issues its command again.  Without a backdoor
 * every file fails with ENODEV; an instruction that faulted (a transport
 * forced on a machine without it) gives EIO.  The named files run only
 * side-effect-free commands; "call" runs what hc_allow() lets through.
 * Documentation/vmware.rst describes the formats for users.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <asm/byteorder.h>
#include <hypercall/vmware.h>

#include "guestinfo.h"
#include "internal.h"

/* GET_VCPU_INFO bits (open-vm-tools backdoor_def.h BDOOR_CMD_VCPU_*) */
#define HC_VMW_VCPU_SLC64		BIT(0)
#define HC_VMW_VCPU_SYNC_VTSCS		BIT(1)
#define HC_VMW_VCPU_HV_REPLAY_OK	BIT(2)
#define HC_VMW_VCPU_LEGACY_X2APIC_OK	BIT(3)
#define HC_VMW_VCPU_MMIO_HONORS_PAT	BIT(4)
#define HC_VMW_VCPU_RESERVED		BIT(31)	/* set: not implemented */

/* The VMX type in GETVERSION's ECX (open-vm-tools vm_vmx_type.h) */
static const char *const hc_vmware_products[] = {
	[0] = "unset",
	[1] = "Express",
	[2] = "ESX",
	[3] = "Server",
	[4] = "Workstation",
	[5] = "Workstation Enterprise",
};

/* The "call" file: parse, check the policy, run, format one line. */
static ssize_t hc_vmware_call_run(const char *in, size_t len, char *out,
				  size_t size)
{
	struct hc_vmware_req req;
	struct hc_vmware_regs r;
	int ret;

	ret = hc_parse_vmware_req(in, len, &req);
	if (ret)
		return ret;
	/* Before the policy: nothing runs, so nothing may taint. */
	if (!hc_vmware_available())
		return -ENODEV;
	if (hc_vmware_cmd_refused(req.cmd))
		return -EINVAL;	/* hypercall_vmware_call() would refuse it */
	ret = hc_allow(hc_vmware_cmd_class(req.cmd));
	if (ret)
		return ret;

	r = (struct hc_vmware_regs) {
		.bx = req.in1, .cx = req.cmd, .dx = req.in3,
		.si = req.in4, .di = req.in5,
	};
	ret = hypercall_vmware_call(&r);
	if (ret)
		return ret;
	return scnprintf(out, size,
			 "eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x esi=0x%08x edi=0x%08x\n",
			 (u32)r.ax, (u32)r.bx, (u32)r.cx, (u32)r.dx,
			 (u32)r.si, (u32)r.di);
}

/* Run one low-bandwidth command with EBX = @in1 for a named file. */
static int hc_vmware_query(u32 cmd, u32 in1, struct hc_vmware_regs *r)
{
	*r = (struct hc_vmware_regs) { .bx = in1, .cx = cmd };
	return hypercall_vmware_call(r);
}

static int hc_vmware_version_show(struct seq_file *m, void *unused)
{
	struct hc_vmware_regs r;
	u32 type;
	int ret;

	/* EBX starts as anything but the magic, as open-vm-tools does. */
	ret = hc_vmware_query(HC_VMW_CMD_GETVERSION, ~HC_VMW_MAGIC, &r);
	if (ret)
		return ret;
	type = r.cx;
	seq_printf(m, "version: %u\n", (u32)r.ax);
	if ((u32)r.bx == HC_VMW_MAGIC)
		seq_puts(m, "magic: ok\n");
	else
		seq_printf(m, "magic: bad 0x%08x\n", (u32)r.bx);
	seq_printf(m, "type: %u\n", type);
	seq_printf(m, "product: %s\n", type < ARRAY_SIZE(hc_vmware_products) ?
		   hc_vmware_products[type] : "unknown");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_vmware_version);

/*
 * The host returns the 16 bytes of the UUID as four little-endian dwords in
 * EAX, EBX, ECX, EDX: QEMU's vmport hands back -uuid byte for byte, so the
 * bytes in that order print (as %pUb) the UUID given to QEMU, which is also
 * what /sys/class/dmi/id/product_uuid shows there.
 */
static int hc_vmware_uuid_show(struct seq_file *m, void *unused)
{
	struct hc_vmware_regs r;
	__le32 raw[4];
	int ret;

	ret = hc_vmware_query(HC_VMW_CMD_GETUUID, 0, &r);
	if (ret)
		return ret;
	raw[0] = cpu_to_le32(r.ax);
	raw[1] = cpu_to_le32(r.bx);
	raw[2] = cpu_to_le32(r.cx);
	raw[3] = cpu_to_le32(r.dx);
	seq_printf(m, "uuid: %pUb\n", raw);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_vmware_uuid);

/* QEMU: EAX = RAM size in bytes (low 32 bits), EBX = 0x1177 */
static int hc_vmware_memsize_show(struct seq_file *m, void *unused)
{
	struct hc_vmware_regs r;
	int ret;

	ret = hc_vmware_query(HC_VMW_CMD_GETMEMSIZE, 0, &r);
	if (ret)
		return ret;
	seq_printf(m, "bytes: %u\n", (u32)r.ax);
	seq_printf(m, "mib: %u\n", (u32)r.ax >> 20);
	seq_printf(m, "ebx: 0x%08x\n", (u32)r.bx);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_vmware_memsize);

/*
 * EBX starts as U32_MAX and stays so when the host does not know the
 * frequencies, as in the kernel's vmware_platform_setup().
 */
static int hc_vmware_hz_show(struct seq_file *m, void *unused)
{
	struct hc_vmware_regs r;
	int ret;

	ret = hc_vmware_query(HC_VMW_CMD_GETHZ, U32_MAX, &r);
	if (ret)
		return ret;
	if ((u32)r.bx == U32_MAX) {
		seq_puts(m, "tsc_hz: unsupported\napic_hz: unsupported\n");
		return 0;
	}
	seq_printf(m, "tsc_hz: %llu\n", ((u64)(u32)r.bx << 32) | (u32)r.ax);
	seq_printf(m, "apic_hz: %u\n", (u32)r.cx);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_vmware_hz);

static void hc_vmware_bit(struct seq_file *m, const char *name, u32 v, u32 bit)
{
	seq_printf(m, "%s: %s\n", name, v & bit ? "yes" : "no");
}

static int hc_vmware_vcpu_info_show(struct seq_file *m, void *unused)
{
	struct hc_vmware_regs r;
	u32 v;
	int ret;

	ret = hc_vmware_query(HC_VMW_CMD_GET_VCPU_INFO, 0, &r);
	if (ret)
		return ret;
	v = r.ax;
	seq_printf(m, "eax: 0x%08x\n", v);
	if (v & HC_VMW_VCPU_RESERVED) {
		seq_puts(m, "supported: no\n");
		return 0;
	}
	seq_puts(m, "supported: yes\n");
	hc_vmware_bit(m, "slc64", v, HC_VMW_VCPU_SLC64);
	hc_vmware_bit(m, "sync_vtscs", v, HC_VMW_VCPU_SYNC_VTSCS);
	hc_vmware_bit(m, "hv_replay_ok", v, HC_VMW_VCPU_HV_REPLAY_OK);
	hc_vmware_bit(m, "legacy_x2apic", v, HC_VMW_VCPU_LEGACY_X2APIC_OK);
	hc_vmware_bit(m, "mmio_honors_pat", v, HC_VMW_VCPU_MMIO_HONORS_PAT);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_vmware_vcpu_info);

void hc_vmware_debugfs_init(struct dentry *root)
{
	struct dentry *dir = debugfs_create_dir("vmware", root);

	hc_debugfs_create_call("call", dir, hc_vmware_call_run);
	debugfs_create_file("version", 0400, dir, NULL, &hc_vmware_version_fops);
	debugfs_create_file("uuid", 0400, dir, NULL, &hc_vmware_uuid_fops);
	debugfs_create_file("memsize", 0400, dir, NULL, &hc_vmware_memsize_fops);
	debugfs_create_file("hz", 0400, dir, NULL, &hc_vmware_hz_fops);
	debugfs_create_file("vcpu_info", 0400, dir, NULL,
			    &hc_vmware_vcpu_info_fops);
	hc_rpc_debugfs_init(dir);
	hc_guestinfo_debugfs_init(dir);
}

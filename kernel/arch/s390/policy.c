// SPDX-License-Identifier: GPL-2.0
/*
 * s390: the diag 0x500 subcodes of kvm/call's policy (kernel/policy.c has
 * the rules).  The subcodes are those of Linux's
 * Documentation/virt/kvm/s390/s390-diag.rst; 0 to 2 belong to s390-virtio,
 * the transport QEMU dropped in 2.6 (hw/s390x/s390-virtio.c: their R2 is
 * a guest address, of a ring, a printk buffer or a device descriptor), 3 to
 * virtio-ccw.  Documentation/kvm.rst has the same list.
 *
 * Why a virtio-ccw notification (3) is safe in its plain form: without
 * VIRTIO_F_NOTIFICATION_DATA it carries no data, only "look at this queue";
 * the device then reads the queue's available index from guest memory and
 * takes only the buffers the driver has published there (QEMU's
 * virtio_queue_notify() and virtqueue_pop()): a notification with nothing
 * new is a no-op, one with something new only comes before the driver's
 * own.  It must name a virtio-ccw device, though: QEMU's handler takes any
 * subchannel's device for a virtio one (virtio_ccw_get_vdev() casts its
 * driver_data), so a 3270 or vfio-ccw subchannel would be misread by the
 * host.  With notification data negotiated, R3 also carries the driver's
 * next available index, which QEMU trusts (virtio_queue_set_shadow_avail_idx):
 * a wrong one hands the device stale descriptors.
 */

#ifdef __KERNEL__
#include <linux/device.h>
#include <linux/string.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <asm/ccwdev.h>
#include <asm/cio.h>
#include <asm/schid.h>
#include <hypercall/hypercall.h>

#include "hc_arch.h"
#endif

#include "policy.h"

/* What an argument must be, beyond kernel/policy.c's kinds */
#define HC_ARG_VIRTIO_SCHID	HC_ARG_ARCH0	/* see hc_virtio_schid() */
#define HC_ARG_VQ		HC_ARG_ARCH1	/* a virtqueue index */

/* QEMU's VIRTIO_QUEUE_MAX: it answers -EINVAL to a higher index */
#define HC_VIRTIO_QUEUE_MAX	1024

const struct hc_kvm_rule hc_arch_kvm_rules[] = {
	{ 3, HC_CMD_SAFE, { HC_ARG_VIRTIO_SCHID, HC_ARG_VQ, HC_ARG_ANY },
	  "KVM_S390_VIRTIO_CCW_NOTIFY: a spurious virtqueue notification" },
	{ 4, HC_CMD_SAFE, { }, "storage limit: a query" },
	/* s390-virtio: a guest address that the host reads or writes */
	{ 0, HC_CMD_FORBIDDEN, { },
	  "KVM_S390_VIRTIO_NOTIFY: a ring or printk buffer at a guest address" },
	{ 1, HC_CMD_FORBIDDEN, { },
	  "KVM_S390_VIRTIO_RESET: resets the device at a guest address" },
	{ 2, HC_CMD_FORBIDDEN, { },
	  "KVM_S390_VIRTIO_SET_STATUS: the device at a guest address" },
};

const unsigned int hc_arch_kvm_nrules = ARRAY_SIZE(hc_arch_kvm_rules);

#ifdef __KERNEL__
/* virtio-ccw's control unit type (drivers/s390/virtio/virtio_ccw.c) */
#define HC_VIRTIO_CCW_CU_TYPE	0x3832

/*
 * The subchannel information block that STORE SUBCHANNEL writes (13
 * words): of its path-management control word, word 1 holds "device
 * number valid" (bit 15) and the device number (bits 16-31).
 */
struct hc_schib {
	u32 intparm;
	u32 pmcw1;
	u32 more[11];
} __aligned(4);

#define HC_PMCW1_DNV	0x10000

/* Condition code of STORE SUBCHANNEL, or -EIO if it faulted. */
static int hc_stsch(u32 schid, struct hc_schib *schib)
{
	register unsigned long r1 asm("1") = schid;
	unsigned long fault;
	int cc;

	asm volatile(__HC_INSN_SAFE("stsch	%[schib]") "\n\t"
		     "ipm	%[cc]\n\t"
		     "srl	%[cc],28"
		     : [cc] "=&d" (cc), [fault] "=&d" (fault),
		       [schib] "=Q" (*schib)
		     : "d" (r1)
		     : "cc");
	return fault ? -EIO : cc;
}

static int hc_is_virtio_dev(struct device *dev, void *unused)
{
	return dev->bus && !strcmp(dev->bus->name, "virtio");
}

/*
 * Is @val the subchannel id of a virtio-ccw device of this guest that its
 * virtio device does not notify with data?  The channel subsystem gives the
 * subchannel's device number (STORE SUBCHANNEL), Linux the ccw device of
 * that number, whose subchannel must be @val, whose control unit must be
 * virtio's and which must have a virtio device.  A device that goes away
 * right after the check is harmless: QEMU answers -EINVAL for a subchannel
 * it does not have.
 */
static bool hc_virtio_schid(u64 val)
{
	struct ccw_dev_id id = { };
	struct subchannel_id schid;
	struct ccw_device *cdev;
	struct hc_schib schib;
	struct device *vdev;
	bool ok = false;
	u32 word;

	/* one bit (0x10000) set, reserved bits 20-23 and 32-63 clear */
	if (val >> 32 || (val & 0xf10000) != 0x10000)
		return false;
	if (hc_stsch(val, &schib) || !(schib.pmcw1 & HC_PMCW1_DNV))
		return false;
	id.ssid = (val >> 17) & 3;
	id.devno = schib.pmcw1 & 0xffff;
	cdev = get_ccwdev_by_dev_id(&id);
	if (!cdev)
		return false;
	ccw_device_get_schid(cdev, &schid);
	BUILD_BUG_ON(sizeof(schid) != sizeof(word));
	memcpy(&word, &schid, sizeof(word));
	if (word == val && cdev->id.cu_type == HC_VIRTIO_CCW_CU_TYPE) {
		vdev = device_find_child(&cdev->dev, NULL, hc_is_virtio_dev);
		if (vdev) {
			ok = true;
#ifdef VIRTIO_F_NOTIFICATION_DATA
			ok = !virtio_has_feature(dev_to_virtio(vdev),
						 VIRTIO_F_NOTIFICATION_DATA);
#endif
			put_device(vdev);
		}
	}
	put_device(&cdev->dev);
	return ok;
}

bool hc_arch_kvm_arg_ok(enum hc_kvm_arg kind, u64 val)
{
	switch (kind) {
	case HC_ARG_VIRTIO_SCHID:
		return hc_virtio_schid(val);
	case HC_ARG_VQ:
		return val < HC_VIRTIO_QUEUE_MAX;
	default:
		return false;
	}
}
#endif

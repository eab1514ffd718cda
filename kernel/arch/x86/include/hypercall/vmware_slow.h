/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The symbol of the VMware out-of-line path (kernel/vmware_slow.S), for the
 * inline API and the assembly alike.  Not API: include <hypercall/vmware.h>.
 *
 * Its name carries the version of its register contract (the registers in,
 * out and kept, and where the status goes).  Change the version whenever the
 * contract changes: a consumer module built against another contract then
 * fails to load ("Unknown symbol") instead of misreading registers.  The
 * modversions CRC cannot tell, since to C the function is void(void).
 */
#ifndef _HYPERCALL_VMWARE_SLOW_H
#define _HYPERCALL_VMWARE_SLOW_H

#define __HC_VMW_SLOW	__hc_vmware_slow_v2

#endif /* _HYPERCALL_VMWARE_SLOW_H */

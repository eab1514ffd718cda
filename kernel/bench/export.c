// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_bench: (a) the functions hypercall.ko exports, called across
 * modules as any caller of vmware_hypercall3() or hypercall_kvm0() does.
 * HC_VMWARE_EXPORTED_API makes vmware_hypercall3 name hypercall.ko's export
 * on Linux 6.11+ too, where <asm/vmware.h> has an inline of that name.
 */

#define HC_VMWARE_EXPORTED_API
#include "bench.h"

HC_BENCH_VMW_LOOP(hc_bench_vmw_export, vmware_hypercall3)
HC_BENCH_KVM_LOOP(hc_bench_kvm_export, hypercall_kvm0)

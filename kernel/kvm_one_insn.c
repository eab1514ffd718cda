// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-line KVM path of an architecture whose one KVM instruction is
 * the only transport (s390's diag 0x500, MIPS's hypcall, PowerPC's ePAPR
 * sequence): with the transport's key off there is nothing to call.  Such
 * an architecture's Kbuild adds this file (kvm_one_insn.o); x86, which has
 * TDX out of line, brings its own.
 */

#include <linux/export.h>
#include <hypercall/kvm.h>

#include "internal.h"

/**
 * __hc_kvm_slow() - KVM hypercall without an instruction site
 * @nr: hypercall number
 * @p1: first argument
 * @p2: second argument
 * @p3: third argument
 * @p4: fourth argument
 * @p5: fifth argument (where HC_KVM_NARGS has one)
 * @p6: sixth argument (where HC_KVM_NARGS has one)
 *
 * An inline site calls this only while its transport's key is off: there
 * is no other transport, and the call fails as if the host did not know
 * the hypercall.
 *
 * Return: -KVM_ENOSYS.
 */
long __hc_kvm_slow(unsigned int nr, unsigned long p1, unsigned long p2,
		   unsigned long p3, unsigned long p4, unsigned long p5,
		   unsigned long p6)
{
	return -KVM_ENOSYS;
}
EXPORT_SYMBOL_GPL(__hc_kvm_slow);

/* kvm/call without the transport: no backdoor to the host (ENODEV) */
int hc_arch_kvm_slow_call(unsigned int nr, const unsigned long args[],
			  long *ret)
{
	return -ENODEV;
}

/* No KVM file of the architecture's own in kvm/, only call */
void hc_arch_kvm_debugfs_init(struct dentry *kvm_dir)
{
}

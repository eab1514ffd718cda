// SPDX-License-Identifier: GPL-2.0
/*
 * PowerPC: what the device tree says, and what that means for the KVM
 * ABI, for the generic rules of kernel/detect.c.
 *
 * hc_arch_read_input() reads the /hypervisor node into a struct
 * hc_ppc_input; hc_ppc_facts(), a pure function, turns it into the
 * arch-neutral struct hc_detect_input.  The PowerPC rules, all in
 * hc_ppc_facts():
 *
 *  1. A /hypervisor node names the hypervisor: KVM when its "compatible"
 *     has "linux,kvm" (as the kernel's check_kvm_guest() decides; QEMU
 *     writes it for KVM, on pseries and e500), else another one, named by
 *     its first "compatible" string (an ePAPR hypervisor that is not KVM
 *     says "epapr,hypervisor-1").  Without the node nothing is named: the
 *     firmware's PAPR hypervisor of a pseries LPAR (PowerVM, or QEMU
 *     without KVM) has no KVM hypercalls, and the module serves no other.
 *  2. The KVM transport is epapr, the node's "hcall-instructions": one to
 *     four instructions (the kernel's epapr_paravirt.c takes at most four
 *     too).  Under KVM auto uses it; under another ePAPR hypervisor only a
 *     forced kvm_mode=epapr does, for KVM's numbers mean nothing there.
 *     Without the node or the property there is nothing to install, and
 *     forcing epapr fails the load.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/of.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <hypercall/kvm.h>

#include "internal.h"

/* Why epapr cannot run here, or NULL when the sequence is there (rule 2) */
static const char *hc_ppc_epapr_why(const struct hc_ppc_input *x)
{
	if (!x->node)
		return "no /hypervisor node in the device tree";
	if (x->len < 0)
		return "the /hypervisor node has no hcall-instructions";
	if (!x->len || x->len % sizeof(u32) ||
	    x->len > HC_EPAPR_WORDS * sizeof(u32))
		return "the /hypervisor hcall-instructions are not 1 to 4 instructions";
	return NULL;
}

/**
 * hc_ppc_facts() - what a PowerPC machine means for detection
 * @x: what the device tree says
 * @in: the arch-neutral facts (its parameters are left alone)
 *
 * The PowerPC rules of detection (at the top of this file), as a pure
 * function.
 */
void hc_ppc_facts(const struct hc_ppc_input *x, struct hc_detect_input *in)
{
	struct hc_abi_facts *f = &in->abi[HC_ABI_KVM];

	hc_detect_facts_clear(in);
	in->probe = NULL;

	if (x->node) {
		in->how = "devicetree";
		in->hv = x->kvm ? HC_HV_KVM : HC_HV_OTHER;
		memcpy(in->sig, x->compat, min(sizeof(in->sig),
					       sizeof(x->compat)));
	}
	f->modes = BIT(HC_MODE_EPAPR);
	f->why[HC_MODE_EPAPR] = hc_ppc_epapr_why(x);
	f->native = f->why[HC_MODE_EPAPR] ? HC_MODE_NONE : HC_MODE_EPAPR;
	f->foreign = HC_MODE_NONE;
}

/* What the device tree says. */
static void hc_ppc_read(struct hc_ppc_input *x)
{
	struct device_node *np = of_find_node_by_path("/hypervisor");
	const __be32 *insns;
	const char *compat;
	int len, i;

	memset(x, 0, sizeof(*x));
	x->len = -1;
	if (!np)
		return;
	x->node = true;
	x->kvm = of_device_is_compatible(np, "linux,kvm");
	if (!of_property_read_string(np, "compatible", &compat))
		strscpy(x->compat, compat, sizeof(x->compat));
	insns = of_get_property(np, "hcall-instructions", &len);
	if (insns) {
		x->len = len;
		for (i = 0; i < HC_EPAPR_WORDS && (i + 1) * 4 <= len; i++)
			x->words[i] = be32_to_cpu(insns[i]);
	}
	of_node_put(np);
}

void hc_arch_read_input(struct hc_detect_input *in)
{
	hc_ppc_read(&hc_state.arch.dt);
	hc_ppc_facts(&hc_state.arch.dt, in);
}

/* The sequence goes into every site before the key turns on. */
int hc_arch_init(void)
{
	struct hc_arch_state *a = &hc_state.arch;
	unsigned int i;

	if (hc_state.det.mode[HC_ABI_KVM] != HC_MODE_EPAPR)
		return 0;
	a->nwords = a->dt.len / sizeof(u32);
	for (i = 0; i < HC_EPAPR_WORDS; i++)
		a->seq[i] = i < a->nwords ? a->dt.words[i] : __HC_EPAPR_NOP;
	return hc_epapr_sites_init();
}

void hc_arch_exit(void)
{
	if (hc_state.det.mode[HC_ABI_KVM] == HC_MODE_EPAPR)
		hc_epapr_sites_exit();
}

void hc_arch_select(const struct hc_detect *det)
{
	struct static_key_false *const keys[] = { &__hc_kvm_epapr };
	const bool on[] = { det->mode[HC_ABI_KVM] == HC_MODE_EPAPR };

	hc_keys_set(keys, on, ARRAY_SIZE(keys));
}

/* Printable characters only: the device tree's strings are anyone's. */
static void hc_ppc_show_str(struct seq_file *m, const char *key,
			    const char *s)
{
	seq_printf(m, "%s: ", key);
	if (!*s)
		seq_putc(m, '-');
	for (; *s; s++)
		seq_putc(m, *s >= 0x20 && *s < 0x7f ? *s : '?');
	seq_putc(m, '\n');
}

void hc_arch_info_show(struct seq_file *m)
{
	const struct hc_arch_state *a = &hc_state.arch;
	int i;

	hc_ppc_show_str(m, "hypervisor_compatible", a->dt.compat);
	seq_puts(m, "hcall_instructions:");
	if (a->dt.len < 0)
		seq_puts(m, " -");
	else if (hc_ppc_epapr_why(&a->dt))
		seq_printf(m, " invalid (%d bytes)", a->dt.len);
	else
		for (i = 0; i < a->dt.len / sizeof(u32); i++)
			seq_printf(m, " 0x%08x", a->dt.words[i]);
	seq_putc(m, '\n');
	seq_printf(m, "epapr_sites: %u\n", hc_epapr_sites());
}

// SPDX-License-Identifier: GPL-2.0
/*
 * PowerPC: the ePAPR sequence of the device tree, installed in every
 * hypercall site, and the trap fixup of those sites.
 *
 * Every site (<hypercall/arch/hypercall.h>) is a static branch of
 * __hc_kvm_epapr followed by four words, and so has an entry in the
 * __jump_table of its module, which the kernel keeps in struct module
 * (jump_entries).  With kvm_mode epapr, the module writes the sequence into
 * its own sites at load, before it turns the key on, and into a consumer's
 * when the consumer loads (MODULE_STATE_COMING, before its init runs; the
 * jump-label notifier has already pointed its branches at the key).
 *
 * Why every site and not one function, as the kernel's
 * epapr_hypercall_start: a call from a consumer into hypercall.ko goes
 * through the module loader's stub (arch/powerpc/kernel/module_64.c), which
 * loads r11 and r12 (the number is in r11), saves r2 in the caller's frame
 * and needs a nop after the call to restore it: an inline "bl" knows
 * nothing of the frame it writes into.  A site that holds the sequence
 * itself costs no call at all: the branch, now a nop, the sequence and one
 * "li".
 *
 * Module text is read-only (STRICT_MODULE_RWX) and the kernel exports none
 * of its patching functions (patch_instruction() and friends), so the
 * words go through a second, writable mapping of their page (vmap() of
 * vmalloc_to_page()), then flush_icache_range() on the site's own address.
 * Before writing, each site must hold what the compiler put there: four
 * traps, and the two out-of-line "li r12" behind the branch's target.  A
 * jump entry of the key that does not look like that is someone else's
 * static branch: it is left alone.
 *
 * A trap inside a site (a sequence that traps, or a site left unwritten)
 * is a program check, for which the kernel reads no exception table: the
 * DIE_BPT notifier below sends it to the site's fault path, which counts
 * it.  The notifier knows only the sites recorded here.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jump_label.h>
#include <linux/kdebug.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>
#include <hypercall/kvm.h>

#include "internal.h"

/* li r12,0 after the words; li r12,1 and li r12,-1 behind the target */
#define HC_LI_R12(v)		(0x39800000U | ((v) & 0xffffU))
#define HC_SITE_BYTES		(HC_EPAPR_WORDS * sizeof(u32))

/**
 * struct hc_epapr_site - one site whose words hold the sequence
 * @words: the address of its first word
 * @fault: the address of its fault path
 * @init: in its module's init text, which is freed once the init ran
 */
struct hc_epapr_site {
	unsigned long words;
	unsigned long fault;
	bool init;
};

/**
 * struct hc_epapr_mod - the sites of one module
 * @list: in hc_epapr_mods
 * @rcu: to free it after the die notifier's readers
 * @mod: the module
 * @n: the number of its sites
 * @site: its sites
 */
struct hc_epapr_mod {
	struct list_head list;
	struct rcu_head rcu;
	struct module *mod;
	unsigned int n;
	struct hc_epapr_site site[];
};

/* Readers: the die notifier (RCU); writers hold hc_epapr_lock. */
static LIST_HEAD(hc_epapr_mods);
static DEFINE_MUTEX(hc_epapr_lock);
static unsigned int hc_epapr_nsites;

static bool hc_epapr_key(const struct jump_entry *e)
{
	return jump_entry_key(e) == &__hc_kvm_epapr.key;
}

/* Does the site of @e hold what the compiler put there? */
static bool hc_epapr_pristine(const struct jump_entry *e)
{
	const u32 *w = (const u32 *)(jump_entry_code(e) + sizeof(u32));
	const u32 *t = (const u32 *)jump_entry_target(e);
	unsigned int i;

	for (i = 0; i < HC_EPAPR_WORDS; i++)
		if (w[i] != __HC_EPAPR_FILL)
			return false;
	return w[HC_EPAPR_WORDS] == HC_LI_R12(0) && t[0] == HC_LI_R12(1) &&
	       t[__HC_EPAPR_FAULT_OFF / sizeof(u32)] == HC_LI_R12(-1);
}

/*
 * Write the sequence into the words at @addr (module text) through a
 * writable alias of the one or two pages they are on.
 */
static int hc_epapr_write(unsigned long addr, const u32 *seq)
{
	unsigned long end = addr + HC_SITE_BYTES;
	struct page *pages[2];
	unsigned int npages = 1, i;
	u32 *alias;
	void *map;

	pages[0] = vmalloc_to_page((void *)addr);
	if (PFN_DOWN(addr) != PFN_DOWN(end - 1))
		pages[npages++] = vmalloc_to_page((void *)(end - 1));
	for (i = 0; i < npages; i++)
		if (!pages[i])
			return -EFAULT;
	map = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
	if (!map)
		return -ENOMEM;
	alias = map + offset_in_page(addr);
	for (i = 0; i < HC_EPAPR_WORDS; i++)
		WRITE_ONCE(alias[i], seq[i]);
	flush_dcache_range((unsigned long)alias,
			   (unsigned long)alias + HC_SITE_BYTES);
	vunmap(map);
	flush_icache_range(addr, end);
	return 0;
}

/* Install the sequence in the sites of @mod and record them. */
static int hc_epapr_add(struct module *mod)
{
	struct jump_entry *e, *stop = mod->jump_entries + mod->num_jump_entries;
	struct hc_epapr_mod *m;
	unsigned int n = 0;
	int err;

	for (e = mod->jump_entries; e < stop; e++)
		n += hc_epapr_key(e);
	if (!n)
		return 0;
	m = kzalloc(struct_size(m, site, n), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->mod = mod;
	for (e = mod->jump_entries; e < stop; e++) {
		struct hc_epapr_site *s = &m->site[m->n];

		if (!hc_epapr_key(e))
			continue;
		if (!hc_epapr_pristine(e)) {
			pr_warn("%s: a static branch of __hc_kvm_epapr at %pS is not a hypercall site: left alone\n",
				mod->name, (void *)jump_entry_code(e));
			continue;
		}
		s->words = jump_entry_code(e) + sizeof(u32);
		s->fault = jump_entry_target(e) + __HC_EPAPR_FAULT_OFF;
		s->init = within_module_init(s->words, mod);
		err = hc_epapr_write(s->words, hc_state.arch.seq);
		if (err) {
			pr_err("%s: cannot write the hypercall site at %pS: %d\n",
			       mod->name, (void *)s->words, err);
			kfree(m);
			return err;
		}
		m->n++;
	}
	mutex_lock(&hc_epapr_lock);
	list_add_rcu(&m->list, &hc_epapr_mods);
	hc_epapr_nsites += m->n;
	mutex_unlock(&hc_epapr_lock);
	return 0;
}

static void hc_epapr_del(struct module *mod)
{
	struct hc_epapr_mod *m;

	mutex_lock(&hc_epapr_lock);
	list_for_each_entry(m, &hc_epapr_mods, list) {
		if (m->mod == mod) {
			list_del_rcu(&m->list);
			hc_epapr_nsites -= m->n;
			kfree_rcu(m, rcu);
			break;
		}
	}
	mutex_unlock(&hc_epapr_lock);
}

/* The fault path of the site whose words hold @nip, or 0 (RCU held). */
static unsigned long hc_epapr_fault_path(unsigned long nip)
{
	struct hc_epapr_mod *m;
	unsigned int i;

	list_for_each_entry_rcu(m, &hc_epapr_mods, list) {
		bool init_gone = m->mod->state != MODULE_STATE_COMING;

		for (i = 0; i < m->n; i++) {
			const struct hc_epapr_site *s = &m->site[i];

			if (nip - s->words < HC_SITE_BYTES &&
			    !(s->init && init_gone))
				return s->fault;
		}
	}
	return 0;
}

static int hc_epapr_die(struct notifier_block *nb, unsigned long val,
			void *data)
{
	struct die_args *args = data;
	struct pt_regs *regs = args->regs;
	unsigned long fault;

	if (val != DIE_BPT || user_mode(regs))
		return NOTIFY_DONE;
	fault = hc_epapr_fault_path(regs->nip);
	if (!fault)
		return NOTIFY_DONE;
	regs_set_return_ip(regs, fault);
	return NOTIFY_STOP;
}

static struct notifier_block hc_epapr_die_nb = {
	.notifier_call = hc_epapr_die,
};

static int hc_epapr_module(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct module *mod = data;

	switch (action) {
	case MODULE_STATE_COMING:
		return notifier_from_errno(hc_epapr_add(mod));
	case MODULE_STATE_GOING:
		hc_epapr_del(mod);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block hc_epapr_module_nb = {
	.notifier_call = hc_epapr_module,
};

/**
 * hc_epapr_sites_init() - install the sequence here and in every consumer
 *
 * The sequence (hc_state.arch.seq) goes into this module's sites now, and
 * into each consumer's as it loads, until hc_epapr_sites_exit().
 *
 * Return: 0, or the errno of a site that could not be written.
 */
int hc_epapr_sites_init(void)
{
	int err;

	err = hc_epapr_add(THIS_MODULE);
	if (err)
		return err;
	err = register_die_notifier(&hc_epapr_die_nb);
	if (err)
		goto out_del;
	err = register_module_notifier(&hc_epapr_module_nb);
	if (err)
		goto out_die;
	return 0;

out_die:
	unregister_die_notifier(&hc_epapr_die_nb);
out_del:
	hc_epapr_del(THIS_MODULE);
	return err;
}

/* No consumer is left when this module goes: only its own sites. */
void hc_epapr_sites_exit(void)
{
	unregister_module_notifier(&hc_epapr_module_nb);
	unregister_die_notifier(&hc_epapr_die_nb);
	hc_epapr_del(THIS_MODULE);
}

/* The number of sites that hold the sequence, for info */
unsigned int hc_epapr_sites(void)
{
	return READ_ONCE(hc_epapr_nsites);
}

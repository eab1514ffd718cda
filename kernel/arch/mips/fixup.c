// SPDX-License-Identifier: GPL-2.0
/*
 * MIPS: the exception fixup of the hypcall sites.
 *
 * do_ri() (arch/mips/kernel/traps.c, the same in 6.1 and 6.12) calls the
 * die notifiers with DIE_RI before it oopses on a Reserved Instruction in
 * kernel mode, and never looks at the exception table.  The sites of
 * <hypercall/arch/hypercall.h> carry ordinary __ex_table entries; this
 * notifier resumes at such an entry's second address, with the fault flag
 * ($3) set, for the sites it knows, and leaves every other exception to
 * the kernel:
 *
 *  - a site is an __ex_table entry whose first address holds hypcall code 0,
 *    in hypercall.ko or in a module that uses it (it links against this
 *    module, as every module with an inline call does: the call refers to
 *    the static key and to __hc_fault());
 *  - the sites of a module are collected when it is coming, before its
 *    init runs (a module notifier), and dropped when it goes.  A consumer
 *    can only load after hypercall.ko, so every consumer is seen;
 *  - only in kernel mode, and not in a branch delay slot (Cause.BD: EPC
 *    would then be the branch's).
 *
 * The caller of the site then counts the fault (__hc_fault()) and returns
 * an error, as on x86.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <asm/extable.h>
#include <asm/mipsregs.h>
#include <asm/ptrace.h>

#include "internal.h"

/**
 * struct hc_mips_mod_sites - the hypcall sites of one module
 * @node: in hc_mips_mods (RCU)
 * @mod: the module
 * @n: how many
 * @rcu: to free it after the readers
 * @e: its __ex_table entries at a hypcall, {insn, resume}
 */
struct hc_mips_mod_sites {
	struct list_head node;
	struct module *mod;
	unsigned int n;
	struct rcu_head rcu;
	struct exception_table_entry e[];
};

static LIST_HEAD(hc_mips_mods);
static DEFINE_MUTEX(hc_mips_mods_lock);

/* Does @mod link against this module?  (hypercall.ko itself: yes) */
static bool hc_mips_uses_us(struct module *mod)
{
#ifdef CONFIG_MODULE_UNLOAD
	struct module_use *use;

	if (mod == THIS_MODULE)
		return true;
	/* written while @mod resolved its symbols, before it is coming */
	list_for_each_entry(use, &mod->target_list, target_list)
		if (use->target == THIS_MODULE)
			return true;
	return false;
#else
	/* the kernel keeps no uses: the hypcall word and the entry decide */
	return true;
#endif
}

static bool hc_mips_is_site(const struct exception_table_entry *e)
{
	return !(e->insn & 3) &&
	       *(const u32 *)e->insn == HC_MIPS_HYPCALL_WORD;
}

/* Collect the sites of @mod; 0, or -ENOMEM (its load then fails). */
static int hc_mips_add(struct module *mod)
{
	struct hc_mips_mod_sites *s;
	unsigned int i, n = 0;

	if (!mod->num_exentries || !hc_mips_uses_us(mod))
		return 0;
	for (i = 0; i < mod->num_exentries; i++)
		n += hc_mips_is_site(&mod->extable[i]);
	if (!n)
		return 0;
	s = kmalloc(struct_size(s, e, n), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->mod = mod;
	s->n = 0;
	for (i = 0; i < mod->num_exentries; i++)
		if (hc_mips_is_site(&mod->extable[i]))
			s->e[s->n++] = mod->extable[i];
	mutex_lock(&hc_mips_mods_lock);
	list_add_rcu(&s->node, &hc_mips_mods);
	mutex_unlock(&hc_mips_mods_lock);
	return 0;
}

static void hc_mips_del(struct module *mod)
{
	struct hc_mips_mod_sites *s, *tmp;

	mutex_lock(&hc_mips_mods_lock);
	list_for_each_entry_safe(s, tmp, &hc_mips_mods, node) {
		if (s->mod == mod) {
			list_del_rcu(&s->node);
			kfree_rcu(s, rcu);
		}
	}
	mutex_unlock(&hc_mips_mods_lock);
}

/**
 * hc_mips_sites() - how many hypcall sites the RI notifier knows
 *
 * Return: the number of sites, in this module and its consumers.
 */
unsigned int hc_mips_sites(void)
{
	struct hc_mips_mod_sites *s;
	unsigned int n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &hc_mips_mods, node)
		n += s->n;
	rcu_read_unlock();
	return n;
}

/* The resume address of the site at @epc, or 0 if it is none of ours. */
static unsigned long hc_mips_resume(unsigned long epc)
{
	struct hc_mips_mod_sites *s;
	unsigned long resume = 0;
	unsigned int i;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &hc_mips_mods, node) {
		/* not in init text that the module has freed since */
		if (!within_module(epc, s->mod))
			continue;
		for (i = 0; i < s->n; i++) {
			if (s->e[i].insn == epc) {
				resume = s->e[i].nextinsn;
				goto out;
			}
		}
	}
out:
	rcu_read_unlock();
	return resume;
}

static int hc_mips_ri(struct notifier_block *nb, unsigned long val,
		      void *data)
{
	struct pt_regs *regs = ((struct die_args *)data)->regs;
	unsigned long resume;

	if (val != DIE_RI || user_mode(regs) ||
	    (regs->cp0_cause & CAUSEF_BD))
		return NOTIFY_DONE;
	resume = hc_mips_resume(regs->cp0_epc);
	if (!resume)
		return NOTIFY_DONE;
	regs->regs[HC_MIPS_FAULT_REG] = 1;
	regs->cp0_epc = resume;
	return NOTIFY_STOP;
}

static struct notifier_block hc_mips_ri_nb = {
	.notifier_call = hc_mips_ri,
};

static int hc_mips_module(struct notifier_block *nb, unsigned long val,
			  void *data)
{
	struct module *mod = data;

	switch (val) {
	case MODULE_STATE_COMING:
		return notifier_from_errno(hc_mips_add(mod));
	case MODULE_STATE_GOING:
		hc_mips_del(mod);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block hc_mips_module_nb = {
	.notifier_call = hc_mips_module,
};

/**
 * hc_mips_fixup_init() - recognise the hypcall sites from now on
 *
 * This module's own sites, and those of every module that loads later.
 *
 * Return: 0, or a negative errno (the load fails).
 */
int hc_mips_fixup_init(void)
{
	int err;

	err = hc_mips_add(THIS_MODULE);
	if (err)
		return err;
	err = register_module_notifier(&hc_mips_module_nb);
	if (err)
		goto out_sites;
	err = register_die_notifier(&hc_mips_ri_nb);
	if (err)
		goto out_module;
	return 0;

out_module:
	unregister_module_notifier(&hc_mips_module_nb);
out_sites:
	hc_mips_del(THIS_MODULE);
	return err;
}

/**
 * hc_mips_fixup_exit() - stop recognising hypcall sites
 *
 * At unload, when no consumer is left and no call of this module runs.
 */
void hc_mips_fixup_exit(void)
{
	unregister_die_notifier(&hc_mips_ri_nb);
	unregister_module_notifier(&hc_mips_module_nb);
	hc_mips_del(THIS_MODULE);
}

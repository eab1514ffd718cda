// SPDX-License-Identifier: GPL-2.0
/*
 * What a script may run through debugfs, and why: the one policy of the
 * module (policy.h).  The VMware backdoor's commands and GuestRPC's are
 * here; KVM hypercalls are here by rule, with each architecture's numbers in
 * its own policy.c (the numbers are the architecture's: KVM_HC_* on x86,
 * DIAGNOSE 0x500 subcodes on s390), and so are Palacios's, with x86's table
 * of its ids.  Every call file asks hc_allow() before it runs anything.
 */

#ifdef __KERNEL__
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/security.h>
#endif
#include <hypercall/vmware_cmds.h>

#include "policy.h"

/*
 * Every command of <hypercall/vmware_cmds.h> (all of open-vm-tools'
 * lib/include/backdoor_def.h, retired ones included), with what running it
 * from debugfs may do and why (Documentation/vmware.rst has the rules).
 * Numbers not in the table (0, 105 and up) are HC_CMD_UNSAFE.  A command's
 * name is its constant's, without HC_VMW_CMD_ (case does not matter).
 * Reasons:
 *
 *   query    reads a value and changes nothing (as Linux, open-vm-tools
 *            or QEMU use it): safe
 *   CPL0     "CPL 0 only" (in this version of the header or an earlier
 *            one): for the virtual firmware or the guest kernel's
 *            own drivers; the module runs it at CPL 0, so running it for
 *            a script would lift the host's CPL check: forbidden
 *   BIOS     a retired command of the virtual BIOS: forbidden, as CPL0
 *   GPA      hands the host a guest-physical address or page number that
 *            the host then reads or writes: forbidden
 *   devel    development only, or a debugging aid off by default:
 *            forbidden
 *   retired  "not in use" (current hosts ignore it, older ones may not):
 *            unsafe unless another reason forbids it
 *   unsafe   the other comments: the state it changes; "no caller": no
 *            public caller shows that it changes nothing
 *
 */
struct hc_vmware_cmd {
	u32 cmd;
	const char *name;
	enum hc_cmd_class cls;
	int safe_sub;	/* sub-command that keeps it safe; -1: any */
};

#define HC_CMD_NEVER	HC_CMD_FORBIDDEN
#define HC_CMD(c, cls, sub)	{ HC_VMW_CMD_##c, #c, HC_CMD_##cls, sub }

static const struct hc_vmware_cmd hc_vmware_cmds[] = {
	HC_CMD(GETMHZ, SAFE, -1),		/* query */
	HC_CMD(APMFUNCTION, NEVER, -1),		/* CPL0: BIOS APM */
	HC_CMD(GETDISKGEO, UNSAFE, -1),		/* no caller */
	HC_CMD(GETPTRLOCATION, SAFE, -1),	/* query */
	HC_CMD(SETPTRLOCATION, UNSAFE, -1),	/* moves the pointer */
	HC_CMD(GETSELLENGTH, UNSAFE, -1),	/* clipboard read */
	HC_CMD(GETNEXTPIECE, UNSAFE, -1),	/* moves its cursor */
	HC_CMD(SETSELLENGTH, UNSAFE, -1),	/* clipboard write */
	HC_CMD(SETNEXTPIECE, UNSAFE, -1),	/* clipboard write */
	HC_CMD(GETVERSION, SAFE, -1),		/* query */
	HC_CMD(GETDEVICELISTELEMENT, UNSAFE, -1),	/* no caller */
	HC_CMD(TOGGLEDEVICE, UNSAFE, -1),	/* connects devices */
	HC_CMD(GETGUIOPTIONS, SAFE, -1),	/* query */
	HC_CMD(SETGUIOPTIONS, UNSAFE, -1),	/* sets the options */
	HC_CMD(GETSCREENSIZE, UNSAFE, -1),	/* no caller */
	HC_CMD(MONITOR_CONTROL, NEVER, -1),	/* devel */
	HC_CMD(GETHWVERSION, SAFE, -1),		/* query */
	HC_CMD(OSNOTFOUND, NEVER, -1),		/* CPL0: BIOS */
	HC_CMD(GETUUID, SAFE, -1),		/* query */
	HC_CMD(GETMEMSIZE, SAFE, -1),		/* query */
	HC_CMD(HOSTCOPY, NEVER, -1),		/* retired, devel */
	HC_CMD(PMC, UNSAFE, -1),		/* no caller */
	HC_CMD(GETTIME, SAFE, -1),		/* query */
	HC_CMD(STOPCATCHUP, UNSAFE, -1),	/* guest time */
	HC_CMD(PUTCHR, NEVER, -1),		/* devel */
	HC_CMD(ENABLE_MSG, NEVER, -1),		/* retired, devel */
	HC_CMD(GOTO_TCL, NEVER, -1),		/* retired, devel */
	HC_CMD(INITPCIOPROM, NEVER, -1),	/* CPL0: BIOS */
	HC_CMD(INT13, NEVER, -1),		/* retired, BIOS */
	HC_CMD(MESSAGE, UNSAFE, -1),		/* any GuestRPC */
	HC_CMD(SIDT, UNSAFE, -1),		/* no caller */
	HC_CMD(SGDT, UNSAFE, -1),		/* no caller */
	HC_CMD(SLDT_STR, UNSAFE, -1),		/* no caller */
	HC_CMD(ISACPIDISABLED, SAFE, -1),	/* query */
	HC_CMD(TOE, UNSAFE, -1),		/* retired */
	HC_CMD(ISMOUSEABSOLUTE, SAFE, -1),	/* query */
	HC_CMD(PATCH_SMBIOS_STRUCTS, NEVER, -1),	/* CPL0: BIOS tables */
	HC_CMD(MAPMEM, NEVER, -1),		/* devel, GPA */
	HC_CMD(ABSPOINTER_DATA, UNSAFE, -1),	/* takes events */
	HC_CMD(ABSPOINTER_STATUS, SAFE, -1),	/* query */
	HC_CMD(ABSPOINTER_COMMAND, UNSAFE, -1),	/* pointer mode */
	HC_CMD(TIMER_SPONGE, UNSAFE, -1),	/* retired */
	HC_CMD(PATCH_ACPI_TABLES, NEVER, -1),	/* retired, BIOS */
	HC_CMD(DEVEL_FAKEHARDWARE, NEVER, -1),	/* retired, devel */
	HC_CMD(GETHZ, SAFE, -1),		/* query */
	HC_CMD(GETTIMEFULL, SAFE, -1),		/* query */
	HC_CMD(STATELOGGER, UNSAFE, -1),	/* retired */
	HC_CMD(CHECKFORCEBIOSSETUP, NEVER, -1),	/* CPL0: BIOS */
	HC_CMD(LAZYTIMEREMULATION, NEVER, -1),	/* CPL0 */
	HC_CMD(BIOSBBS, NEVER, -1),		/* CPL0: BIOS */
	HC_CMD(VASSERT, UNSAFE, -1),		/* retired */
	HC_CMD(ISGOSDARWIN, UNSAFE, -1),	/* no caller */
	HC_CMD(DEBUGEVENT, UNSAFE, -1),		/* no caller */
	HC_CMD(OSNOTMACOSXSERVER, NEVER, -1),	/* CPL0: EFI */
	HC_CMD(GETTIMEFULL_WITH_LAG, SAFE, -1),	/* query */
	HC_CMD(ACPI_HOTPLUG_DEVICE, NEVER, -1),	/* devel */
	HC_CMD(ACPI_HOTPLUG_MEMORY, NEVER, -1),	/* devel */
	HC_CMD(ACPI_HOTPLUG_CBRET, NEVER, -1),	/* devel */
	HC_CMD(GET_HOST_VIDEO_MODES, UNSAFE, -1),	/* retired */
	HC_CMD(ACPI_HOTPLUG_CPU, NEVER, -1),	/* devel */
	HC_CMD(USB_HOTPLUG_MOUSE, UNSAFE, -1),	/* retired */
	HC_CMD(XPMODE, NEVER, -1),		/* CPL0, retired */
	HC_CMD(NESTING_CONTROL, UNSAFE, 2),	/* 2: QUERY */
	HC_CMD(FIRMWARE_INIT, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(FIRMWARE_ACPI_SERVICES, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(SENDPSHAREHINTS, NEVER, -1),	/* retired, GPA */
	HC_CMD(ENABLE_USB_MOUSE, UNSAFE, -1),	/* switches mice */
	HC_CMD(GET_VCPU_INFO, SAFE, -1),	/* query */
	HC_CMD(EFI_SERIALCON_CONFIG, NEVER, -1),	/* CPL0: EFI */
	HC_CMD(BUG328986, NEVER, -1),		/* CPL0 */
	HC_CMD(FIRMWARE_ERROR, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(VMK_INFO, UNSAFE, -1),		/* no caller */
	HC_CMD(EFI_BOOT_CONFIG, NEVER, -1),	/* CPL0: EFI */
	HC_CMD(GET_HW_MODEL, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(GET_SVGA_CAPABILITIES, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(GET_FORCE_X2APIC, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(SET_PCI_HOLE, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(GET_PCI_HOLE, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(GET_PCI_BAR, NEVER, -1),		/* CPL0: firmware */
	HC_CMD(SHOULD_GENERATE_SYSTEMID, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(READ_DEBUG_FILE, NEVER, -1),	/* devel */
	HC_CMD(SCREENSHOT, NEVER, -1),		/* devel */
	HC_CMD(INJECT_KEY, NEVER, -1),		/* devel */
	HC_CMD(INJECT_MOUSE, NEVER, -1),	/* devel */
	HC_CMD(MKS_GUEST_STATS, NEVER, -1),	/* CPL0, GPA */
	HC_CMD(ABSPOINTER_RESTRICT, UNSAFE, -1),	/* pointer mode */
	HC_CMD(GUEST_INTEGRITY, NEVER, -1),	/* GPA */
	HC_CMD(MKSTEST, NEVER, -1),		/* devel */
	HC_CMD(SECUREBOOT, UNSAFE, -1),		/* no caller */
	HC_CMD(COPY_PHYSMEM, NEVER, -1),	/* devel, GPA */
	HC_CMD(STEALCLOCK, NEVER, -1),		/* CPL0, GPA */
	HC_CMD(GUEST_PAGE_HINTS, NEVER, -1),	/* CPL0, GPA */
	HC_CMD(FIRMWARE_UPDATE, NEVER, -1),	/* CPL0: firmware */
	HC_CMD(FUZZER_HELPER, NEVER, -1),	/* devel */
	HC_CMD(PUTCHR12, UNSAFE, -1),		/* no caller */
	HC_CMD(GMM, NEVER, -1),			/* GPA */
	HC_CMD(PRECISIONCLOCK, UNSAFE, 0),	/* 0: GETTIME */
	HC_CMD(COREDUMP_UNSYNC, NEVER, -1),	/* retired, devel */
	HC_CMD(APPLE_GPU_RES_SET, UNSAFE, -1),	/* sets a resolution */
	HC_CMD(GETBUILDNUM, SAFE, -1),		/* query */
	HC_CMD(GETENTROPY, UNSAFE, -1),		/* no caller */
	HC_CMD(REPORTGUESTCRASH, UNSAFE, -1),	/* tells the host */
	HC_CMD(PK_UPDATE, NEVER, -1),		/* CPL0: firmware */
	HC_CMD(GET_FWTRCLOG_MASK, UNSAFE, -1),	/* no caller */
};

#define HC_NCMDS ARRAY_SIZE(hc_vmware_cmds)

/* Names that parse too: QEMU's */
static const struct hc_vmware_cmd hc_vmware_aliases[] = {
	{ HC_VMW_CMD_GETUUID, "getbiosuuid" },
	{ HC_VMW_CMD_GETMEMSIZE, "getramsize" },
};

/**
 * hc_vmware_cmd_names() - the names a command line may use, one by one
 * @i: 0, 1, ... until the return is NULL
 * @cmd: the command the name stands for
 *
 * Return: the @i-th name, or NULL past the last.
 */
const char *hc_vmware_cmd_names(unsigned int i, u32 *cmd)
{
	const struct hc_vmware_cmd *c;

	if (i < HC_NCMDS)
		c = &hc_vmware_cmds[i];
	else if (i - HC_NCMDS < ARRAY_SIZE(hc_vmware_aliases))
		c = &hc_vmware_aliases[i - HC_NCMDS];
	else
		return NULL;
	*cmd = c->cmd;
	return c->name;
}

static const struct hc_vmware_cmd *hc_vmware_cmd_find(u32 cmd)
{
	size_t i;

	for (i = 0; i < HC_NCMDS; i++)
		if (hc_vmware_cmds[i].cmd == cmd)
			return &hc_vmware_cmds[i];
	return NULL;
}

/**
 * hc_vmware_cmd_name() - the name of a backdoor command
 * @cmd: ECX (the sub-command in bits 31:16 is ignored)
 *
 * Return: the name, or NULL for a command without one.
 */
const char *hc_vmware_cmd_name(u32 cmd)
{
	const struct hc_vmware_cmd *c = hc_vmware_cmd_find(cmd & 0xffff);

	return c ? c->name : NULL;
}

static bool hc_vmware_forbidden(u32 cmd)
{
	const struct hc_vmware_cmd *c = hc_vmware_cmd_find(cmd);

	return c && c->cls == HC_CMD_FORBIDDEN;
}

/**
 * hc_vmware_cmd_class() - what running a backdoor command may do
 * @cmd: ECX: command in bits 15:0, sub-command in 31:16
 *
 * VMware reads the command from bits 15:0, QEMU from bits 7:0, so a command
 * is forbidden if either reading makes it a forbidden one, and safe only if
 * both readings agree on a safe one (with a safe sub-command where that
 * matters).
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_vmware_cmd_class(u32 cmd)
{
	const struct hc_vmware_cmd *c;
	u32 c16 = cmd & 0xffff, sub = cmd >> 16;

	if (hc_vmware_forbidden(c16) || hc_vmware_forbidden(cmd & 0xff))
		return HC_CMD_FORBIDDEN;
	c = hc_vmware_cmd_find(c16);
	if (!c)
		return HC_CMD_UNSAFE;
	if (c->safe_sub >= 0)
		return sub == (u32)c->safe_sub ? HC_CMD_SAFE : HC_CMD_UNSAFE;
	return c->cls;
}

static const struct hc_kvm_rule *hc_rule(const struct hc_kvm_rule *rules,
					 unsigned int n, u32 nr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (rules[i].nr == nr)
			return &rules[i];
	return NULL;
}

/**
 * hc_rules_nr_class() - what a hypercall number of a table may do
 * @rules: the table (the architecture's KVM numbers, x86's Palacios ids)
 * @n: its size
 * @nr: the number
 *
 * The table says, with its reasons; a number not in it is unsafe
 * (obsolete, another architecture's, unknown).  A safe number is safe only
 * in its harmless form: hc_rules_req_class() checks the arguments.
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_rules_nr_class(const struct hc_kvm_rule *rules,
				    unsigned int n, u32 nr)
{
	const struct hc_kvm_rule *r = hc_rule(rules, n, nr);

	return r ? r->cls : HC_CMD_UNSAFE;
}

/**
 * hc_kvm_nr_class() - what a KVM hypercall number may do
 * @nr: the hypercall number
 *
 * hc_rules_nr_class() with the architecture's table.
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_kvm_nr_class(u32 nr)
{
	return hc_rules_nr_class(hc_arch_kvm_rules, hc_arch_kvm_nrules, nr);
}

static bool hc_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Does @s (@len bytes) start with the word @word, followed by a blank or
 * the end?  With @arg, the word must be followed by a blank and @arg.
 */
static bool hc_starts_with(const char *s, size_t len, const char *word,
			   const char *arg)
{
	size_t n = 0, a = 0;

	while (word[n]) {
		if (n == len || s[n] != word[n])
			return false;
		n++;
	}
	if (!arg)
		return n == len || hc_blank(s[n]);
	if (n == len || !hc_blank(s[n]))
		return false;
	n++;
	while (arg[a]) {
		if (n + a == len || s[n + a] != arg[a])
			return false;
		a++;
	}
	return true;
}

/**
 * hc_rpc_cmd_class() - what a GuestRPC command may do
 * @cmd: the command (need not end in NUL)
 * @len: its length
 *
 * Safe: "info-get ...", "info-set guestinfo.<key> ..." (guest variables
 * only, not the VM's other settings) and "log ..." (the VM's log file).
 * Everything else may change the VM or what tools report: unsafe.
 *
 * Return: HC_CMD_SAFE or HC_CMD_UNSAFE.
 */
enum hc_cmd_class hc_rpc_cmd_class(const char *cmd, size_t len)
{
	if (hc_starts_with(cmd, len, "info-get", NULL) ||
	    hc_starts_with(cmd, len, "info-set", "guestinfo.") ||
	    hc_starts_with(cmd, len, "log", NULL))
		return HC_CMD_SAFE;
	return HC_CMD_UNSAFE;
}

#ifdef __KERNEL__
/**
 * hc_rules_req_class() - what a hypercall of a table, with its arguments,
 * may do
 * @rules: the table (the architecture's KVM numbers, x86's Palacios ids)
 * @n: its size
 * @req: the hypercall
 *
 * A number that is safe stays safe only in the form its rule describes:
 * each argument what the rule says (0 where it says nothing).  Any other
 * form needs unsafe=1, like an unknown number.
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_rules_req_class(const struct hc_kvm_rule *rules,
				     unsigned int n,
				     const struct hc_kvm_req *req)
{
	const struct hc_kvm_rule *r = hc_rule(rules, n, req->nr);
	unsigned int i;

	if (!r)
		return HC_CMD_UNSAFE;
	if (r->cls != HC_CMD_SAFE)
		return r->cls;
	for (i = 0; i < HC_KVM_MAX_ARGS; i++) {
		u64 v = req->args[i];

		switch (r->arg[i]) {
		case HC_ARG_ZERO:
			if (v)
				return HC_CMD_UNSAFE;
			break;
		case HC_ARG_ANY:
			break;
		default:
			if (!hc_arch_kvm_arg_ok(r->arg[i], v))
				return HC_CMD_UNSAFE;
			break;
		}
	}
	return HC_CMD_SAFE;
}

/**
 * hc_kvm_req_class() - what a KVM hypercall, with its arguments, may do
 * @req: the hypercall
 *
 * hc_rules_req_class() with the architecture's table.
 *
 * Return: HC_CMD_SAFE, HC_CMD_UNSAFE or HC_CMD_FORBIDDEN.
 */
enum hc_cmd_class hc_kvm_req_class(const struct hc_kvm_req *req)
{
	return hc_rules_req_class(hc_arch_kvm_rules, hc_arch_kvm_nrules, req);
}

static bool unsafe;

/*
 * The lockdown reason of debugfs writes: the kernel refuses to open the call
 * files under it, and the module refuses what a file opened before would run.
 */
static bool hc_locked_down(void)
{
	return security_locked_down(LOCKDOWN_DEBUGFS) != 0;
}

/* unsafe=1 is refused under lockdown; 0 is always allowed. */
static int hc_unsafe_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret;

	/* a bool parameter given without a value means 1 */
	ret = kstrtobool(val ? val : "1", &on);
	if (ret)
		return ret;
	if (on && hc_locked_down()) {
		pr_warn("unsafe=1 refused: the kernel is locked down\n");
		return -EPERM;
	}
	return param_set_bool(val, kp);
}

static const struct kernel_param_ops hc_unsafe_ops = {
	.flags	= KERNEL_PARAM_OPS_FL_NOARG,
	.set	= hc_unsafe_set,
	.get	= param_get_bool,
};
module_param_cb(unsafe, &hc_unsafe_ops, &unsafe, 0600);
MODULE_PARM_DESC(unsafe,
		 "Let debugfs run commands that change host or guest state (taints the kernel; refused under lockdown)");

/**
 * hc_allow() - may debugfs run a command of this class now?
 * @cls: what the command may do
 *
 * Safe commands always run.  Unsafe ones run only with unsafe=1 and while
 * the kernel is not locked down (LOCKDOWN_DEBUGFS, asked at every call: a
 * file opened before the lockdown stays open), and taint the kernel
 * (TAINT_USER) when they do.  Forbidden ones never run.
 *
 * Return: 0, or -EPERM.
 */
int hc_allow(enum hc_cmd_class cls)
{
	switch (cls) {
	case HC_CMD_SAFE:
		return 0;
	case HC_CMD_UNSAFE:
		if (!READ_ONCE(unsafe) || hc_locked_down())
			return -EPERM;
		add_taint(TAINT_USER, LOCKDEP_STILL_OK);
		return 0;
	default:
		return -EPERM;
	}
}
#endif /* __KERNEL__ */

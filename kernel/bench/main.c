// SPDX-License-Identifier: GPL-2.0
/*
 * hypercall_bench - what each way of making a hypercall costs, side by side.
 *
 * Reading /sys/kernel/debug/hypercall_bench/vmware (GETVERSION) or .../kvm
 * (an unknown hypercall number) times the same cheap call made through each
 * variant, over the transport hypercall.ko selected:
 *
 *   a   the function hypercall.ko exports (vmware_hypercall3(),
 *       hypercall_kvm0())
 *   b   the inline API (hc_vmware_hypercall3(), hc_kvm_hypercall0()),
 *       compiled into this module and patched when it loaded
 *   c   the bare instruction with its operands in inline asm: the reference
 *   c2  the kernel's own inline (vmware_hypercall3() of <asm/vmware.h> on
 *       6.11+, kvm_hypercall0()), where it uses the same instruction
 *   d   the bare instruction behind a function pointer chosen at run time
 *   e   the bare instruction in a function called directly: the least an
 *       exported function costs
 *   z   (c) again, a second copy of the loop elsewhere: how far apart two
 *       identical loops measure, the noise floor of the table
 *
 * and answers a table: per variant the minimum, median and 99th percentile
 * of the time per call, the median's ratio to that of (c), and the median
 * of the ratios to (c) of the samples taken in the same round (paired/c);
 * then the same paired ratio of (a) to (e), the exported function against
 * the bare instruction in a function called directly.  A sample is one
 * batch of calls, long enough (sample_us) that reading the clock does not
 * count; samples are taken in rounds, one per variant in turn (a b c c2 d
 * e z, then b c c2 d e z a, ...), so that drift of the machine hits all
 * variants alike and none always comes first.  Preemption is off during a
 * sample and on between samples; interrupts stay on, and show in the 99th
 * percentile.  Every answer is compared with that of a first call through
 * hypercall.ko's checked function; the table counts those that differ.
 *
 * The run happens when the file is opened; one at a time.  See
 * Documentation/performance.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/utsname.h>
#include <asm/msr.h>
#include <asm/tsc.h>

#include "bench.h"

static unsigned int rounds = 500;
module_param(rounds, uint, 0644);
MODULE_PARM_DESC(rounds, "samples per variant (10 .. 100000, default 500)");

static unsigned int sample_us = 200;
module_param(sample_us, uint, 0644);
MODULE_PARM_DESC(sample_us,
		 "time of one sample, in microseconds (1 .. 100000, default 200)");

/* a, b, c, c2, d, e, z: one more, and hc_bench_add() says so */
#define HC_BENCH_VARIANTS	7
#define HC_BENCH_TEXT		4096

/**
 * struct hc_bench_variant - one way to make the call, and its samples
 * @name: a, b, c, c2, d, e or z
 * @what: what it is, for the table's legend
 * @loop: the calls
 * @cycles: TSC cycles of each sample
 * @paired: median of its per-round ratios to the reference, in millionths
 * @wrong: answers that differed from the expected one
 */
struct hc_bench_variant {
	const char *name;
	const char *what;
	hc_bench_loop loop;
	u64 *cycles;
	u64 paired;
	unsigned long wrong;
};

/**
 * struct hc_bench - one run
 * @title: the call, for the table's first line
 * @insn: the instruction hypercall.ko selected
 * @want: what every call must answer
 * @v: the variants that run
 * @nv: how many
 * @ref: which of them is the reference, (c)
 * @batch: calls per sample
 * @sample_us: how long a sample is meant to take
 * @rounds: samples per variant
 * @out: the table
 */
struct hc_bench {
	const char *title;
	enum hc_bench_insn insn;
	struct hc_bench_answer want;
	struct hc_bench_variant v[HC_BENCH_VARIANTS];
	unsigned int nv;
	unsigned int ref;
	unsigned int batch;
	unsigned int sample_us;
	unsigned int rounds;
	struct seq_buf out;
};

static DEFINE_MUTEX(hc_bench_lock);
static struct dentry *hc_bench_dir;

static const char *const hc_bench_insn_names[] = {
	[HC_BENCH_NONE] = "none",
	[HC_BENCH_IOPORT] = "ioport",
	[HC_BENCH_VMCALL] = "vmcall",
	[HC_BENCH_VMMCALL] = "vmmcall",
};

static void hc_bench_add(struct hc_bench *b, const char *name,
			 const char *what, hc_bench_loop loop)
{
	if (!loop)
		return;
	/* a variant added without making room: fail loudly, not drop it */
	if (WARN_ONCE(b->nv == ARRAY_SIZE(b->v),
		      "hypercall_bench: no room for variant %s\n", name))
		return;
	if (!strcmp(name, "c"))
		b->ref = b->nv;
	b->v[b->nv++] = (struct hc_bench_variant) {
		.name = name, .what = what, .loop = loop,
	};
}

/* TSC cycles of one sample of @n calls of @v */
static u64 hc_bench_sample(struct hc_bench *b, struct hc_bench_variant *v,
			   unsigned int n)
{
	u64 t0, t1;

	preempt_disable();
	t0 = rdtsc_ordered();
	v->wrong += v->loop(n, &b->want);
	t1 = rdtsc_ordered();
	preempt_enable();
	return t1 - t0;
}

/*
 * Calls per sample: enough for sample_us, from the fastest of a few short
 * runs of the reference (c) after a warm-up call of every variant.
 */
static void hc_bench_calibrate(struct hc_bench *b)
{
	u64 want = div_u64((u64)tsc_khz * b->sample_us, 1000);
	u64 best = U64_MAX;
	unsigned int i;

	for (i = 0; i < b->nv; i++)
		hc_bench_sample(b, &b->v[i], 1);
	for (i = 0; i < 5; i++)
		best = min(best, hc_bench_sample(b, &b->v[b->ref], 8));
	best = max_t(u64, div_u64(best, 8), 1);
	b->batch = clamp_t(u64, div64_u64(want, best), 1, 1000000);
}

static int hc_bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Picoseconds per call of a sample */
static u64 hc_bench_ps(const struct hc_bench *b, u64 cycles)
{
	return div_u64(mul_u64_u32_div(cycles, NSEC_PER_SEC, tsc_khz),
		       b->batch);
}

static void hc_bench_put_ns(struct seq_buf *s, u64 ps)
{
	seq_buf_printf(s, " %8llu.%02llu", div_u64(ps, 1000),
		       div_u64(ps % 1000, 10));
}

/*
 * The median over the rounds of each round's ratio of @v to @to (the
 * reference, or another variant): the two samples of a round were taken
 * within a few hundred microseconds, so whatever else the machine did then
 * weighs on both.  In millionths.  Before the samples are sorted.
 */
static u64 hc_bench_paired(struct hc_bench *b, const struct hc_bench_variant *v,
			   const struct hc_bench_variant *to, u64 *tmp)
{
	const u64 *ref = to->cycles;
	unsigned int r;

	for (r = 0; r < b->rounds; r++)
		tmp[r] = div64_u64(v->cycles[r] * 1000000, max(ref[r], 1ULL));
	sort(tmp, b->rounds, sizeof(u64), hc_bench_cmp, NULL);
	return tmp[b->rounds / 2];
}

static void hc_bench_put_ratio(struct seq_buf *s, u64 ppm)
{
	u64 permille = div_u64(ppm + 500, 1000);

	seq_buf_printf(s, " %5llu.%03llu", div_u64(permille, 1000),
		       permille % 1000);
}

static struct hc_bench_variant *hc_bench_find(struct hc_bench *b,
					      const char *name)
{
	unsigned int i;

	for (i = 0; i < b->nv; i++)
		if (!strcmp(b->v[i].name, name))
			return &b->v[i];
	return NULL;
}

static void hc_bench_report(struct hc_bench *b, u64 overhead, u64 *tmp)
{
	struct hc_bench_variant *a = hc_bench_find(b, "a");
	struct hc_bench_variant *e = hc_bench_find(b, "e");
	struct seq_buf *s = &b->out;
	unsigned int r = b->rounds, i;
	u64 ref, a_e = 0;

	seq_buf_printf(s, "%s over %s\n", b->title,
		       hc_bench_insn_names[b->insn]);
	seq_buf_printf(s, "kernel %s, TSC %u kHz\n", utsname()->release,
		       tsc_khz);
	seq_buf_printf(s, "answer rax=0x%lx ebx=0x%x, every call checked\n",
		       b->want.ax, b->want.bx);
	seq_buf_printf(s,
		       "%u rounds of %u calls per variant, interleaved, %u us a sample; clock read %llu cycles\n",
		       r, b->batch, b->sample_us, overhead);
	for (i = 0; i < b->nv; i++)
		seq_buf_printf(s, "%-3s %s\n", b->v[i].name, b->v[i].what);

	for (i = 0; i < b->nv; i++)
		b->v[i].paired = hc_bench_paired(b, &b->v[i], &b->v[b->ref],
						 tmp);
	/* the exported function against the same instruction in a function */
	if (a && e)
		a_e = hc_bench_paired(b, a, e, tmp);
	for (i = 0; i < b->nv; i++)
		sort(b->v[i].cycles, r, sizeof(u64), hc_bench_cmp, NULL);
	ref = hc_bench_ps(b, b->v[b->ref].cycles[r / 2]);
	seq_buf_printf(s, "%-7s %11s %11s %11s %9s %9s %7s\n", "variant",
		       "min_ns", "median_ns", "p99_ns", "median/c", "paired/c",
		       "wrong");
	for (i = 0; i < b->nv; i++) {
		const u64 *c = b->v[i].cycles;
		u64 med = hc_bench_ps(b, c[r / 2]);

		seq_buf_printf(s, "%-7s", b->v[i].name);
		hc_bench_put_ns(s, hc_bench_ps(b, c[0]));
		hc_bench_put_ns(s, med);
		hc_bench_put_ns(s, hc_bench_ps(b, c[DIV_ROUND_UP(r * 99, 100) - 1]));
		hc_bench_put_ratio(s, ref ? div64_u64(med * 1000000, ref) : 0);
		hc_bench_put_ratio(s, b->v[i].paired);
		seq_buf_printf(s, " %7lu\n", b->v[i].wrong);
	}
	if (a && e) {
		seq_buf_printf(s, "paired a/e");
		hc_bench_put_ratio(s, a_e);
		seq_buf_printf(s, "\n");
	}
}

static int hc_bench_run(struct hc_bench *b)
{
	u64 overhead = U64_MAX, t0, *tmp;
	unsigned int r, i, j;
	int ret = 0;

	b->rounds = clamp(rounds, 10U, 100000U);
	b->sample_us = clamp(sample_us, 1U, 100000U);
	for (i = 0; i < b->nv; i++) {
		b->v[i].cycles = kvcalloc(b->rounds, sizeof(u64), GFP_KERNEL);
		if (!b->v[i].cycles)
			return -ENOMEM;
	}
	tmp = kvcalloc(b->rounds, sizeof(u64), GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	hc_bench_calibrate(b);
	for (i = 0; i < b->nv; i++)
		b->v[i].wrong = 0;
	for (i = 0; i < 16; i++) {
		t0 = rdtsc_ordered();
		overhead = min(overhead, rdtsc_ordered() - t0);
	}

	/* Each round starts with the next variant: none is always first. */
	for (r = 0; r < b->rounds; r++) {
		for (j = 0; j < b->nv; j++) {
			i = (r + j) % b->nv;
			b->v[i].cycles[r] = hc_bench_sample(b, &b->v[i],
							    b->batch);
		}
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			goto out;
		}
		cond_resched();
	}
	hc_bench_report(b, overhead, tmp);
	if (seq_buf_has_overflowed(&b->out))
		ret = -EOVERFLOW;
out:
	kvfree(tmp);
	return ret;
}

/* The instruction behind the keys hypercall.ko enabled */
static enum hc_bench_insn hc_bench_vmw_insn(void)
{
	if (static_key_enabled(&__hc_vmware_ioport))
		return HC_BENCH_IOPORT;
	if (static_key_enabled(&__hc_vmware_vmcall))
		return HC_BENCH_VMCALL;
	if (static_key_enabled(&__hc_vmware_vmmcall))
		return HC_BENCH_VMMCALL;
	return HC_BENCH_NONE;
}

static enum hc_bench_insn hc_bench_kvm_insn(void)
{
	if (static_key_enabled(&__hc_kvm_vmcall))
		return HC_BENCH_VMCALL;
	if (static_key_enabled(&__hc_kvm_vmmcall))
		return HC_BENCH_VMMCALL;
	return HC_BENCH_NONE;
}

/*
 * The first call, through hypercall.ko's checked function, gives the
 * answer every call must repeat; it also proves that the instruction does
 * not fault here before the variants without a fixup run.
 */
static int hc_bench_setup_vmware(struct hc_bench *b)
{
	struct hc_vmware_regs r = {
		.bx = HC_BENCH_VMW_IN1, .cx = HC_VMW_CMD_GETVERSION,
	};
	int ret;

	b->title = "VMware GETVERSION";
	b->insn = hc_bench_vmw_insn();
	if (b->insn == HC_BENCH_NONE)
		return -ENODEV;
	ret = hypercall_vmware_call(&r);
	if (ret)
		return ret;
	b->want.ax = r.ax;
	b->want.bx = r.bx;

	hc_bench_add(b, "a", "vmware_hypercall3(), exported by hypercall.ko",
		     hc_bench_vmw_export);
	hc_bench_add(b, "b", "hc_vmware_hypercall3(), the inline API",
		     hc_bench_vmw_inline);
	hc_bench_add(b, "c", "the instruction alone, in inline asm (reference)",
		     hc_bench_vmw_asm(b->insn));
	hc_bench_add(b, "c2", "vmware_hypercall3() of <asm/vmware.h>, the kernel's inline",
		     hc_bench_vmw_kernel(b->insn));
	hc_bench_add(b, "d", "the instruction behind a function pointer set at run time",
		     hc_bench_vmw_indirect(b->insn));
	hc_bench_add(b, "e", "the instruction alone in a function, called directly",
		     hc_bench_vmw_call(b->insn));
	hc_bench_add(b, "z", "the reference (c) again, another copy: the noise floor",
		     hc_bench_vmw_again(b->insn));
	return 0;
}

static int hc_bench_setup_kvm(struct hc_bench *b)
{
	static const unsigned long args[4];
	long ax;
	int ret;

	b->title = "KVM hypercall " __stringify(HC_BENCH_KVM_NR) " (unknown)";
	b->insn = hc_bench_kvm_insn();
	if (b->insn == HC_BENCH_NONE)
		return -ENODEV;
	ret = hypercall_kvm_call(HC_BENCH_KVM_NR, args, &ax);
	if (ret)
		return ret;
	b->want.ax = ax;

	hc_bench_add(b, "a", "hypercall_kvm0(), exported by hypercall.ko",
		     hc_bench_kvm_export);
	hc_bench_add(b, "b", "hc_kvm_hypercall0(), the inline API",
		     hc_bench_kvm_inline);
	hc_bench_add(b, "c", "the instruction alone, in inline asm (reference)",
		     hc_bench_kvm_asm(b->insn));
	hc_bench_add(b, "c2", "kvm_hypercall0() of <asm/kvm_para.h>, the kernel's inline",
		     hc_bench_kvm_kernel(b->insn));
	hc_bench_add(b, "d", "the instruction behind a function pointer set at run time",
		     hc_bench_kvm_indirect(b->insn));
	hc_bench_add(b, "e", "the instruction alone in a function, called directly",
		     hc_bench_kvm_call(b->insn));
	hc_bench_add(b, "z", "the reference (c) again, another copy: the noise floor",
		     hc_bench_kvm_again(b->insn));
	return 0;
}

typedef int (*hc_bench_setup_fn)(struct hc_bench *b);

/* Opening the file runs the benchmark; reading returns its table. */
static int hc_bench_open(struct inode *inode, struct file *file)
{
	hc_bench_setup_fn setup = inode->i_private;
	struct hc_bench *b;
	char *text;
	int ret, i;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	text = kmalloc(HC_BENCH_TEXT, GFP_KERNEL);
	if (!b || !text) {
		ret = -ENOMEM;
		goto out;
	}
	seq_buf_init(&b->out, text, HC_BENCH_TEXT);

	ret = mutex_lock_interruptible(&hc_bench_lock);
	if (ret)
		goto out;
	ret = setup(b);
	if (!ret)
		ret = hc_bench_run(b);
	mutex_unlock(&hc_bench_lock);
	if (!ret) {
		file->private_data = text;
		text = NULL;
		ret = nonseekable_open(inode, file);
	}
out:
	if (b)
		for (i = 0; i < b->nv; i++)
			kvfree(b->v[i].cycles);
	kfree(b);
	kfree(text);
	return ret;
}

static ssize_t hc_bench_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	const char *text = file->private_data;

	return simple_read_from_buffer(buf, count, ppos, text, strlen(text));
}

static int hc_bench_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations hc_bench_fops = {
	.owner		= THIS_MODULE,
	.open		= hc_bench_open,
	.read		= hc_bench_read,
	.release	= hc_bench_release,
};

static int __init hc_bench_init(void)
{
	if (!tsc_khz) {
		pr_err("no TSC frequency: cannot time\n");
		return -ENODEV;
	}
	hc_bench_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("vmware", 0400, hc_bench_dir,
			    hc_bench_setup_vmware, &hc_bench_fops);
	debugfs_create_file("kvm", 0400, hc_bench_dir,
			    hc_bench_setup_kvm, &hc_bench_fops);
	return 0;
}
module_init(hc_bench_init);

static void __exit hc_bench_exit(void)
{
	debugfs_remove_recursive(hc_bench_dir);
}
module_exit(hc_bench_exit);

MODULE_DESCRIPTION("Benchmark of the hypercall module's call paths");
MODULE_AUTHOR("The hypercall developers");
MODULE_LICENSE("GPL");

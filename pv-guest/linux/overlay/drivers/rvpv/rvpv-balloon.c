// SPDX-License-Identifier: GPL-2.0
/*
 * rvpv balloon: gives guest pages back to the hypervisor with MEM_BALLOON_RELEASE and takes
 * them back with MEM_BALLOON_RECLAIM, to keep the balloon (pages given away) at its target.
 * The target comes from the host (MEM_BALLOON_TARGET, read when the port bound to
 * RVPV_EVSRC_BALLOON fires: the monitor's `balloon ID MiB`) or from inside the guest
 * (/sys/kernel/rvpv_balloon/target_kib); the last one set wins. current_kib shows the balloon.
 *
 * Pages are taken in chunks of up to 2^RVPV_BALLOON_ORDER pages (1 MiB), so one call releases
 * a whole chunk: each release is a G-stage change that every vCPU of the VM must pass a world
 * switch for, so fewer, larger calls cost less. A failed high-order allocation falls back to
 * smaller orders, down to single pages. A released page is never touched again until it is
 * reclaimed (an access would stop the VM); it leaves MemTotal while it is in the balloon.
 */
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rvpv.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>
#include <asm/sbi.h>

#define RVPV_BALLOON_ORDER	8
#define RVPV_BALLOON_RETRY	HZ	/* an allocation or a reclaim failed: try again later */
#define PAGES_TO_KIB(n)		((n) << (PAGE_SHIFT - 10))

static LIST_HEAD(balloon_chunks);	/* newest first; page_private = the chunk's order */
static DEFINE_MUTEX(balloon_lock);	/* the chunk list and balloon_pages */
static unsigned long balloon_pages;	/* released pages in the balloon */
static unsigned long balloon_target;	/* pages wanted in it */
static bool balloon_host_changed;	/* the host target changed since the work last looked */
static bool balloon_host_target;	/* MEM_BALLOON_TARGET is offered (ABI 1.2) */
static void balloon_work_fn(struct work_struct *w);
static DECLARE_DELAYED_WORK(balloon_work, balloon_work_fn);

/* one chunk into the balloon; false when no memory could be taken (try later) */
static bool balloon_inflate_one(unsigned long want)
{
	const gfp_t gfp = GFP_HIGHUSER | __GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN;
	unsigned int order = min_t(unsigned int, RVPV_BALLOON_ORDER, ilog2(want));
	struct page *page = NULL;
	struct sbiret r;

	for (;; order--) {
		page = alloc_pages(gfp, order);
		if (page || !order)
			break;
	}
	if (!page)
		return false;
	r = sbi_ecall(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_RELEASE, page_to_phys(page), 1ul << order,
		      0, 0, 0, 0);
	if (r.error) {
		/* DENIED, FAILED: nothing was released, the pages are still ours */
		pr_warn_ratelimited("rvpv-balloon: BALLOON_RELEASE of %lu pages: error %ld\n",
				    1ul << order, r.error);
		__free_pages(page, order);
		return false;
	}
	set_page_private(page, order);
	list_add(&page->lru, &balloon_chunks);
	adjust_managed_page_count(page, -(1l << order));
	balloon_pages += 1ul << order;
	return true;
}

/* the newest chunk out of the balloon (the whole chunk: chunks are not split) */
static bool balloon_deflate_one(void)
{
	struct page *page = list_first_entry(&balloon_chunks, struct page, lru);
	unsigned int order = page_private(page);
	struct sbiret r;

	r = sbi_ecall(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_RECLAIM, page_to_phys(page), 1ul << order,
		      0, 0, 0, 0);
	if (r.error) {
		/* FAILED: the host is out of memory; the chunk stays (reclaiming it again later
		 * maps only the pages still released) */
		pr_warn_ratelimited("rvpv-balloon: BALLOON_RECLAIM of %lu pages: error %ld\n",
				    1ul << order, r.error);
		return false;
	}
	list_del(&page->lru);
	set_page_private(page, 0);
	balloon_pages -= 1ul << order;
	adjust_managed_page_count(page, 1l << order);
	__free_pages(page, order);
	return true;
}

static void balloon_work_fn(struct work_struct *w)
{
	unsigned long target;
	bool ok = true;
	struct sbiret r;

	mutex_lock(&balloon_lock);
	if (READ_ONCE(balloon_host_changed)) {
		WRITE_ONCE(balloon_host_changed, false);
		r = sbi_ecall(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_TARGET, 0, 0, 0, 0, 0, 0);
		if (!r.error)
			WRITE_ONCE(balloon_target, r.value);
	}
	target = READ_ONCE(balloon_target);
	/* a chunk comes back whole: past the target, the rest is taken again in smaller ones */
	while (ok && balloon_pages > target)
		ok = balloon_deflate_one();
	while (ok && balloon_pages < target)
		ok = balloon_inflate_one(target - balloon_pages);
	if (ok)
		pr_info("rvpv-balloon: %lu KiB released (target %lu KiB)\n",
			PAGES_TO_KIB(balloon_pages), PAGES_TO_KIB(target));
	mutex_unlock(&balloon_lock);
	if (!ok)
		schedule_delayed_work(&balloon_work, RVPV_BALLOON_RETRY);
}

static irqreturn_t balloon_irq(int irq, void *unused)
{
	WRITE_ONCE(balloon_host_changed, true);
	mod_delayed_work(system_wq, &balloon_work, 0);
	return IRQ_HANDLED;
}

static ssize_t target_kib_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%lu\n", PAGES_TO_KIB(READ_ONCE(balloon_target)));
}

static ssize_t target_kib_store(struct kobject *k, struct kobj_attribute *a, const char *buf,
				size_t n)
{
	unsigned long kib;
	int err = kstrtoul(buf, 0, &kib);

	if (err)
		return err;
	if (kib / (PAGE_SIZE >> 10) > totalram_pages() + READ_ONCE(balloon_pages))
		return -EINVAL;
	WRITE_ONCE(balloon_target, kib / (PAGE_SIZE >> 10));
	mod_delayed_work(system_wq, &balloon_work, 0);
	return n;
}

static ssize_t current_kib_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%lu\n", PAGES_TO_KIB(READ_ONCE(balloon_pages)));
}

static ssize_t host_target_kib_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct sbiret r;

	if (!balloon_host_target)
		return -EOPNOTSUPP;
	r = sbi_ecall(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_TARGET, 0, 0, 0, 0, 0, 0);
	return r.error ? -EIO : sysfs_emit(buf, "%lu\n", PAGES_TO_KIB(r.value));
}

static struct kobj_attribute target_kib_attr = __ATTR_RW(target_kib);
static struct kobj_attribute current_kib_attr = __ATTR_RO(current_kib);
static struct kobj_attribute host_target_kib_attr = __ATTR_RO(host_target_kib);
static struct attribute *balloon_attrs[] = {
	&target_kib_attr.attr,
	&current_kib_attr.attr,
	&host_target_kib_attr.attr,
	NULL,
};
static const struct attribute_group balloon_group = { .attrs = balloon_attrs };

static int __init rvpv_balloon_init(void)
{
	unsigned long features;
	struct kobject *kobj;
	struct sbiret r;
	int irq, err;

	if (!rvpv_detect(&features) || !(features & RVPV_FEAT_BALLOON) ||
	    sbi_probe_extension(RVPV_EXT_MEM) <= 0)
		return -ENODEV;
	kobj = kobject_create_and_add("rvpv_balloon", kernel_kobj);
	if (!kobj)
		return -ENOMEM;
	err = sysfs_create_group(kobj, &balloon_group);
	if (err) {
		kobject_put(kobj);
		return err;
	}
	/* a hypervisor before ABI 1.2 answers NOT_SUPPORTED: then only the guest sets targets */
	r = sbi_ecall(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_TARGET, 0, 0, 0, 0, 0, 0);
	balloon_host_target = !r.error;
	irq = balloon_host_target ? rvpv_event_bind_irq(RVPV_EVSRC_BALLOON, 0) : -EOPNOTSUPP;
	if (irq > 0)
		irq = request_irq(irq, balloon_irq, 0, "rvpv-balloon", NULL) ? -EBUSY : irq;
	if (balloon_host_target && irq > 0) {
		/* a target set before the port was bound raised nothing: look once now */
		balloon_irq(irq, NULL);
	}
	pr_info("rvpv-balloon: on rvpv BALLOON_RELEASE/RECLAIM, host target %s (irq %d)\n",
		balloon_host_target ? "on" : "not offered", irq);
	return 0;
}
device_initcall(rvpv_balloon_init);

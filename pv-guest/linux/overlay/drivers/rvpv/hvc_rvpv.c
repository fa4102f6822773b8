// SPDX-License-Identifier: GPL-2.0
/*
 * hvc backend on rvpv's CONSOLE group: output is one CONSOLE_WRITE per buffer the hvc layer
 * hands over (hvc_console_print's chunks, a tty write's whole buffer up to a page), input is
 * CONSOLE_READ from the IRQ of the event port bound to RVPV_EVSRC_CONSOLE_IN (hvc_irq: no
 * polling while the tty is open). It takes hvc index 0 (console=hvc0) from console_initcall,
 * before hvc_riscv_sbi's device_initcall, which then gets the next free index (hvc1).
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/printk.h>
#include <linux/rvpv.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/sbi.h>

#include "../tty/hvc/hvc_console.h"

#define HVC_RVPV_VTERM	0x5256	/* vterm number, only an identifier here */
#define HVC_RVPV_BUF	PAGE_SIZE

/* the buffers the hypervisor copies from and to: linear-map memory, so virt_to_phys is a GPA */
static u8 *rvpv_out, *rvpv_in;
static DEFINE_RAW_SPINLOCK(rvpv_out_lock);
static DEFINE_RAW_SPINLOCK(rvpv_in_lock);
static bool hvc_rvpv_active;

static ssize_t hvc_rvpv_put(u32 vtermno, const u8 *buf, size_t count)
{
	unsigned long flags;
	struct sbiret r;
	bool locked = false;

	if (count > HVC_RVPV_BUF)
		count = HVC_RVPV_BUF;
	/* a CPU stopped by a panic may hold the lock: then print without it */
	if (oops_in_progress) {
		if (!raw_spin_trylock_irqsave(&rvpv_out_lock, flags))
			local_irq_save(flags);
		else
			locked = true;
	} else {
		raw_spin_lock_irqsave(&rvpv_out_lock, flags);
		locked = true;
	}
	memcpy(rvpv_out, buf, count);
	r = sbi_ecall(RVPV_EXT_CONSOLE, RVPV_FN_CONSOLE_WRITE, virt_to_phys(rvpv_out), count,
		      0, 0, 0, 0);
	if (locked)
		raw_spin_unlock_irqrestore(&rvpv_out_lock, flags);
	else
		local_irq_restore(flags);
	return r.error ? -EIO : r.value;
}

static ssize_t hvc_rvpv_get(u32 vtermno, u8 *buf, size_t count)
{
	unsigned long flags;
	struct sbiret r;

	if (count > HVC_RVPV_BUF)
		count = HVC_RVPV_BUF;
	raw_spin_lock_irqsave(&rvpv_in_lock, flags);
	r = sbi_ecall(RVPV_EXT_CONSOLE, RVPV_FN_CONSOLE_READ, virt_to_phys(rvpv_in), count,
		      0, 0, 0, 0);
	if (!r.error && r.value > 0)
		memcpy(buf, rvpv_in, min_t(size_t, r.value, count));
	raw_spin_unlock_irqrestore(&rvpv_in_lock, flags);
	return r.error ? -EIO : min_t(size_t, r.value, count);
}

static const struct hv_ops hvc_rvpv_ops = {
	.get_chars = hvc_rvpv_get,
	.put_chars = hvc_rvpv_put,
	.notifier_add = notifier_add_irq,
	.notifier_del = notifier_del_irq,
	.notifier_hangup = notifier_hangup_irq,
};

/* the console (printk) from console_init on: output only, no IRQ needed */
static int __init hvc_rvpv_console_init(void)
{
	unsigned long features;

	if (!rvpv_detect(&features) || !(features & RVPV_FEAT_CONSOLE) ||
	    sbi_probe_extension(RVPV_EXT_CONSOLE) <= 0)
		return -ENODEV;
	rvpv_out = kmalloc(HVC_RVPV_BUF, GFP_KERNEL);
	rvpv_in = kmalloc(HVC_RVPV_BUF, GFP_KERNEL);
	if (!rvpv_out || !rvpv_in) {
		kfree(rvpv_out);
		kfree(rvpv_in);
		return -ENOMEM;
	}
	if (hvc_instantiate(HVC_RVPV_VTERM, 0, &hvc_rvpv_ops))
		return -EBUSY;
	hvc_rvpv_active = true;
	return 0;
}
console_initcall(hvc_rvpv_console_init);

/* the tty, with the console-input event port as its IRQ */
static int __init hvc_rvpv_init(void)
{
	struct hvc_struct *hp;
	int irq;

	if (!hvc_rvpv_active)
		return -ENODEV;
	irq = rvpv_event_bind_irq(RVPV_EVSRC_CONSOLE_IN, 0);
	if (irq < 0) {
		pr_warn("hvc_rvpv: no console-input event port (%d): input is polled\n", irq);
		irq = 0;
	}
	hp = hvc_alloc(HVC_RVPV_VTERM, irq, &hvc_rvpv_ops, HVC_RVPV_BUF);
	if (IS_ERR(hp))
		return PTR_ERR(hp);
	pr_info("hvc_rvpv: hvc0 on rvpv CONSOLE_WRITE/CONSOLE_READ, input irq %d\n", irq);
	return 0;
}
device_initcall(hvc_rvpv_init);

// SPDX-License-Identifier: GPL-2.0
/*
 * rvpv event irqchip: rvpv's 512 event ports as Linux IRQs.
 *
 * The hypervisor sets a port's bit in the event page's pending words and raises the VS
 * external interrupt (SEIP, riscv-intc hwirq RV_IRQ_EXT = 9) of the port's vCPU while an
 * unmasked port is pending. This driver is a chained handler on that interrupt: it takes the
 * pending unmasked bits (atomic AND-NOT, so masked ports stay pending) and runs each port's IRQ
 * from a linear domain whose hwirq is the port number. It acknowledges without an exit on ABI
 * 1.3 (RVPV_EVENT_F_SELF_ACK): it clears sie.SEIE, which rvpv sets again with its next raise,
 * and looks at the page once more for a port raised before that clear. Before 1.3 it ends with
 * EVENT_EOI (which re-raises SEIP at once if something is still pending): a second exit for
 * every disk request. Mask and unmask are the page's mask bits; an unmask ends with EOI on the
 * bound vCPU, because the ABI raises nothing for a pending port that only becomes unmasked.
 *
 * All ports are bound to the vCPU of CPU 0 (no affinity setting).
 */
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/irqchip/chained_irq.h>
#include <linux/irqdomain.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rvpv.h>
#include <linux/smp.h>
#include <asm/csr.h>
#include <asm/irq.h>
#include <asm/sbi.h>
#include <asm/smp.h>

static struct rvpv_event_page *evpage;
static struct irq_domain *rvpv_domain;
static int rvpv_parent_irq;
static unsigned int rvpv_cpu;		/* the CPU whose vCPU every port is bound to */
static bool rvpv_self_ack;		/* RVPV_EVENT_F_SELF_ACK was accepted */
static DEFINE_MUTEX(rvpv_bind_lock);
static DECLARE_BITMAP(rvpv_ports_used, RVPV_EVENT_PORTS);

static void rvpv_eoi(void)
{
	sbi_ecall(RVPV_EXT_EVENT, RVPV_FN_EVENT_EOI, 0, 0, 0, 0, 0, 0);
}

static void rvpv_eoi_work_fn(struct irq_work *w)
{
	rvpv_eoi();
}
static DEFINE_PER_CPU(struct irq_work, rvpv_eoi_work) = IRQ_WORK_INIT_HARD(rvpv_eoi_work_fn);

static atomic64_t *rvpv_word(u64 *w)
{
	return (atomic64_t *)w;
}

static void rvpv_event_mask(struct irq_data *d)
{
	irq_hw_number_t p = irqd_to_hwirq(d);

	atomic64_or(BIT_ULL(p % 64), rvpv_word(&evpage->mask[p / 64]));
}

static void rvpv_event_unmask(struct irq_data *d)
{
	irq_hw_number_t p = irqd_to_hwirq(d);
	unsigned int cpu;

	atomic64_andnot(BIT_ULL(p % 64), rvpv_word(&evpage->mask[p / 64]));
	/* a port already pending raises nothing by being unmasked: EOI re-evaluates */
	if (!(READ_ONCE(evpage->pending[p / 64]) & BIT_ULL(p % 64)))
		return;
	cpu = get_cpu();
	if (cpu == rvpv_cpu)
		rvpv_eoi();
	else
		irq_work_queue_on(per_cpu_ptr(&rvpv_eoi_work, rvpv_cpu), rvpv_cpu);
	put_cpu();
}

static void rvpv_event_ack(struct irq_data *d)
{
	/* the pending bit was cleared by the demultiplexer before the flow handler ran */
}

static int rvpv_event_retrigger(struct irq_data *d)
{
	irq_hw_number_t p = irqd_to_hwirq(d);

	atomic64_or(BIT_ULL(p % 64), rvpv_word(&evpage->pending[p / 64]));
	rvpv_event_unmask(d);	/* EOI on the bound vCPU if unmasked */
	return 1;
}

static struct irq_chip rvpv_event_chip = {
	.name		= "rvpv-event",
	.irq_ack	= rvpv_event_ack,
	.irq_mask	= rvpv_event_mask,
	.irq_unmask	= rvpv_event_unmask,
	.irq_retrigger	= rvpv_event_retrigger,
};

static int rvpv_event_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	irq_set_chip_and_handler(virq, &rvpv_event_chip, handle_edge_irq);
	irq_set_noprobe(virq);
	return 0;
}

static const struct irq_domain_ops rvpv_event_domain_ops = {
	.map	= rvpv_event_map,
	.xlate	= irq_domain_xlate_onecell,
};

/* true if an unmasked port is pending */
static bool rvpv_event_pending(void)
{
	unsigned int w;

	for (w = 0; w < RVPV_EVENT_WORDS; w++)
		if (READ_ONCE(evpage->pending[w]) & ~READ_ONCE(evpage->mask[w]))
			return true;
	return false;
}

static void rvpv_event_handle(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);
	unsigned int w;

	chained_irq_enter(chip, desc);
again:
	for (w = 0; w < RVPV_EVENT_WORDS; w++) {
		u64 bits = READ_ONCE(evpage->pending[w]) & ~READ_ONCE(evpage->mask[w]);

		if (!bits)
			continue;
		bits &= atomic64_fetch_andnot(bits, rvpv_word(&evpage->pending[w]));
		while (bits) {
			unsigned int b = __ffs64(bits);

			bits &= bits - 1;
			if (generic_handle_domain_irq(rvpv_domain, w * 64 + b))
				pr_warn_ratelimited("rvpv-event: port %u has no IRQ\n", w * 64 + b);
		}
	}
	if (rvpv_self_ack) {
		/* a raise that came before this clear set SEIE in vain: its port is in the page */
		csr_clear(CSR_IE, IE_EIE);
		if (rvpv_event_pending())
			goto again;
	} else {
		rvpv_eoi();
	}
	chained_irq_exit(chip, desc);
}

static int rvpv_event_cpu_online(unsigned int cpu)
{
	enable_percpu_irq(rvpv_parent_irq, irq_get_trigger_type(rvpv_parent_irq));
	return 0;
}

static int rvpv_event_cpu_offline(unsigned int cpu)
{
	disable_percpu_irq(rvpv_parent_irq);
	return 0;
}

int rvpv_event_bind_irq(unsigned long source, unsigned long arg)
{
	struct sbiret r;
	unsigned int port;
	int virq;

	if (!rvpv_domain)
		return -ENODEV;
	mutex_lock(&rvpv_bind_lock);
	port = find_first_zero_bit(rvpv_ports_used, RVPV_EVENT_PORTS);
	if (port >= RVPV_EVENT_PORTS) {
		mutex_unlock(&rvpv_bind_lock);
		return -ENOSPC;
	}
	r = sbi_ecall(RVPV_EXT_EVENT, RVPV_FN_EVENT_BIND, port, source, arg,
		      cpuid_to_hartid_map(rvpv_cpu), 0, 0);
	if (r.error) {
		mutex_unlock(&rvpv_bind_lock);
		pr_err("rvpv-event: EVENT_BIND port %u source %lu arg %lu: error %ld\n",
		       port, source, arg, r.error);
		return r.error == SBI_ERR_ALREADY_AVAILABLE ? -EBUSY : -EINVAL;
	}
	__set_bit(port, rvpv_ports_used);
	mutex_unlock(&rvpv_bind_lock);
	virq = irq_create_mapping(rvpv_domain, port);
	if (!virq)
		return -ENOMEM;
	pr_info("rvpv-event: source %lu arg %lu on port %u, irq %d\n", source, arg, port, virq);
	return virq;
}

static int __init rvpv_event_init(void)
{
	struct irq_domain *intc;
	struct fwnode_handle *fwnode;
	unsigned long features;
	struct sbiret r;
	int ret;

	if (!rvpv_detect(&features) || !(features & RVPV_FEAT_EVENT) ||
	    sbi_probe_extension(RVPV_EXT_EVENT) <= 0)
		return 0;
	intc = irq_find_matching_fwnode(riscv_get_intc_hwnode(), DOMAIN_BUS_ANY);
	if (!intc) {
		pr_err("rvpv-event: no riscv-intc domain\n");
		return -ENODEV;
	}
	evpage = (struct rvpv_event_page *)get_zeroed_page(GFP_KERNEL);
	if (!evpage)
		return -ENOMEM;
	/* every port masked until its IRQ is started */
	memset(evpage->mask, 0xff, sizeof(evpage->mask));
	/* a hypervisor before ABI 1.3 answers INVALID_PARAM for the flag, pinning nothing */
	r = sbi_ecall(RVPV_EXT_EVENT, RVPV_FN_EVENT_REGISTER_PAGE, virt_to_phys(evpage),
		      RVPV_EVENT_F_SELF_ACK, 0, 0, 0, 0);
	rvpv_self_ack = !r.error;
	if (r.error == SBI_ERR_INVALID_PARAM)
		r = sbi_ecall(RVPV_EXT_EVENT, RVPV_FN_EVENT_REGISTER_PAGE, virt_to_phys(evpage),
			      0, 0, 0, 0, 0);
	if (r.error) {
		/* the page may be pinned by now: never give it back */
		pr_err("rvpv-event: EVENT_REGISTER_PAGE: error %ld\n", r.error);
		return -EIO;
	}
	fwnode = irq_domain_alloc_named_fwnode("rvpv-event");
	if (!fwnode)
		return -ENOMEM;
	rvpv_domain = irq_domain_create_linear(fwnode, RVPV_EVENT_PORTS,
					       &rvpv_event_domain_ops, NULL);
	if (!rvpv_domain) {
		irq_domain_free_fwnode(fwnode);
		return -ENOMEM;
	}
	rvpv_parent_irq = irq_create_mapping(intc, RV_IRQ_EXT);
	if (!rvpv_parent_irq) {
		irq_domain_remove(rvpv_domain);
		rvpv_domain = NULL;
		return -ENODEV;
	}
	irq_set_chained_handler(rvpv_parent_irq, rvpv_event_handle);
	rvpv_cpu = 0;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "irqchip/rvpv-event:online",
				rvpv_event_cpu_online, rvpv_event_cpu_offline);
	if (ret < 0)
		return ret;
	pr_info("rvpv-event: event page at %pa, %d ports on the S-mode external interrupt (irq %d), acknowledged %s\n",
		&(phys_addr_t){ virt_to_phys(evpage) }, RVPV_EVENT_PORTS, rvpv_parent_irq,
		rvpv_self_ack ? "by clearing sie.SEIE" : "by EVENT_EOI");
	return 0;
}
arch_initcall(rvpv_event_init);

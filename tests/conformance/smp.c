/* Secondary vCPUs/harts for the start/stop cases: each gets a stack and a context recording
 * its entry state; it reports, waits until released, then stops itself. */
#include "conf.h"

static struct smp_ctx ctxs[CONF_MAX_VCPUS];
static uint8_t stacks[CONF_MAX_VCPUS][4096] __attribute__((aligned(16)));

struct smp_ctx *smp_prepare(uint64_t id, int use_rvpv_stop)
{
	struct smp_ctx *c = &ctxs[id % CONF_MAX_VCPUS];

	/* no libc here: a struct assignment this size would become a call to memset */
	for (volatile uint8_t *b = (volatile uint8_t *)c; b < (volatile uint8_t *)(c + 1); b++)
		*b = 0;
	c->stack_top = GPA(stacks[id % CONF_MAX_VCPUS] + 4096);
	c->use_rvpv_stop = use_rvpv_stop;
	c->id_seen = UINT64_MAX;
	__asm__ volatile("fence rw, rw" ::: "memory");
	return c;
}

void smp_main(uint64_t a0, struct smp_ctx *c, uint64_t satp, uint64_t sstatus)
{
	c->id_seen = a0;
	c->opaque_seen = GPA(c);
	c->satp = satp;
	c->sstatus = sstatus;
	c->vcpu_id = env.rvpv ? (uint64_t)rvpv_cpu_vcpu_id().value : a0;
	__asm__ volatile("fence rw, rw" ::: "memory");
	if (c->wait_irq) {
		sip_clear(SIP_SSIP);
		irq_taken_reset();
		c->ready = 1;
		c->irq_seen = wait_sip(c->wait_irq) != 0;
		c->irq_taken = irq_taken_here();
		sip_clear(SIP_SSIP);
	}
	if (c->job)
		c->job(c);
	c->done = 1;
	wait_flag(&c->release);
	__asm__ volatile("fence rw, rw" ::: "memory");
	if (c->use_rvpv_stop)
		c->stop_error = rvpv_cpu_vcpu_stop().error;
	else
		c->stop_error = rvpv_sbi_call0(SBI_EXT_HSM, SBI_HSM_HART_STOP).error;
	c->stop_returned = 1;
	for (;;)
		__asm__ volatile("wfi");
}

/* CPU group: yield, block (until a deadline), one-shot timer, vCPU start/stop/status, IPIs,
 * own id and count. */
#include "hypercall.h"
#include "hc_util.h"
#include "vcpu.h"
#include "vm.h"
#include "hart.h"
#include "arch.h"
#include "event.h"
#include "platform.h"
#include "cpu_ops.h"

void hc_CPU_YIELD(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	c->next = RUN_PREEMPT;
}

void hc_CPU_BLOCK(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	c->next = RUN_BLOCK; /* park() returns at once if an event is already deliverable */
}

/* the deadline wakes it like an interrupt would (arch_vcpu_wake_pending), raising nothing */
void hc_CPU_BLOCK_UNTIL(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	if (arch_time_now() < c->a[0]) {
		c->v->block_until = c->a[0];
		c->next = RUN_BLOCK;
	}
}

void hc_CPU_SET_TIMER(struct hc_call *c)
{
	cpu_set_timer(c->v, c->a[0], true);
	c->error = SBI_SUCCESS;
}

void hc_CPU_VCPU_START(struct hc_call *c)
{
	c->error = cpu_vcpu_start(c->v->vm, c->a[0], c->a[1], c->a[2]);
}

void hc_CPU_VCPU_STOP(struct hc_call *c)
{
	c->v->stop_requested = true;
	c->no_return = true;
	c->next = RUN_STOP;
}

void hc_CPU_VCPU_STATUS(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	if (c->a[0] >= vm->nvcpus) { c->error = SBI_ERR_INVALID_PARAM; return; }
	c->error = SBI_SUCCESS;
	c->value = vm->vcpus[c->a[0]]->state == VCPU_STOPPED ? RVPV_VCPU_STOPPED : RVPV_VCPU_STARTED;
}

void hc_CPU_SEND_IPI(struct hc_call *c)
{
	int64_t err;
	struct vm *vm = c->v->vm;
	uint64_t targets = hc_vcpu_mask(vm, c->a[0], c->a[1], &err);
	if (err) { c->error = err; return; }
	for (uint32_t i = 0; i < vm->nvcpus; i++)
		if (targets >> i & 1)
			if (!event_raise_source(vm, RVPV_EVSRC_IPI, i))
				vcpu_raise_irq(vm->vcpus[i], ARCH_VIRQ_SOFT);
	c->error = SBI_SUCCESS;
}

void hc_CPU_VCPU_ID(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	c->value = c->v->id;
}

void hc_CPU_VCPU_COUNT(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	c->value = c->v->vm->nvcpus;
}

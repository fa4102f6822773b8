/* The per-hart timer policy: the next instant a hart must look at (the end of its slice, the
 * software timers and BLOCK_UNTIL deadlines of the vCPUs homed on it, a blocked vCPU's
 * hardware timer), and firing what is due there. The arch sets the timer (arch_set_hart_timer). */
#include "hart.h"
#include "vcpu.h"
#include "vm.h"
#include "sched.h"
#include "event.h"
#include "rvpv/event.h"

/* The next instant this hart must look at: end of slice, a homed vCPU's timer or deadline. */
void hart_program_timer(struct hart *h)
{
	uint64_t next = h->current ? h->slice_end : UINT64_MAX;
	for (uint32_t i = 0; i < h->nr_vcpus; i++) {
		struct vcpu *v = h->homed[i];
		if (v->timer_deadline < next)
			next = v->timer_deadline;
		if (v->block_until && v->block_until < next) /* set only while it blocks */
			next = v->block_until;
		if (v->state == VCPU_BLOCKED && arch_vcpu_hw_timer(v) < next)
			next = arch_vcpu_hw_timer(v);
	}
	arch_set_hart_timer(next);
}

bool hart_run_timers(struct hart *h)
{
	uint64_t now = arch_time_now();
	bool woke = false;
	for (uint32_t i = 0; i < h->nr_vcpus; i++) {
		struct vcpu *v = h->homed[i];
		if (v->timer_deadline <= now) {
			v->timer_deadline = UINT64_MAX;
			woke |= v != h->current;
			if (!event_raise_source(v->vm, RVPV_EVSRC_TIMER, v->id))
				vcpu_raise_irq(v, ARCH_VIRQ_TIMER);
		} else if (v->state == VCPU_BLOCKED && arch_vcpu_wake_pending(v)) {
			woke = true;
			sched_wake(v);
		}
	}
	if (!h->current)
		arch_set_hart_timer(UINT64_MAX); /* re-armed by hart_program_timer */
	return woke;
}

/* The per-hart timer policy: the next instant a hart must look at (the end of its slice, the
 * software timers and BLOCK_UNTIL deadlines of the vCPUs homed on it, a blocked vCPU's
 * hardware timer), and firing what is due there. The arch sets the timer (arch_set_hart_timer).
 * The homed vCPUs that have such an instant are kept in a binary min-heap on it (h->tq): the
 * next instant is the root, O(1); a change costs O(log n) in the vCPUs homed there. Only the
 * home hart touches its heap (vCPUs do not migrate), so it takes no lock. Another hart that
 * wakes or resets a vCPU leaves its key early, never late; it is computed again when due. */
#include "hart.h"
#include "vcpu.h"
#include "vm.h"
#include "sched.h"
#include "event.h"
#include "rvpv/event.h"

static void tq_set(struct hart *h, uint32_t i, struct vcpu *v)
{
	h->tq[i] = v;
	v->tq_pos = i + 1;
}

/* Put v into the free slot i, then move it up or down to where the heap order wants it. */
static void tq_place(struct hart *h, uint32_t i, struct vcpu *v)
{
	for (; i > 0 && v->wake_at < h->tq[(i - 1) / 2]->wake_at; i = (i - 1) / 2)
		tq_set(h, i, h->tq[(i - 1) / 2]);
	for (uint32_t c; (c = 2 * i + 1) < h->tq_len; i = c) {
		if (c + 1 < h->tq_len && h->tq[c + 1]->wake_at < h->tq[c]->wake_at)
			c++; /* the earlier child */
		if (h->tq[c]->wake_at >= v->wake_at)
			break;
		tq_set(h, i, h->tq[c]);
	}
	tq_set(h, i, v);
}

static void tq_remove(struct hart *h, struct vcpu *v)
{
	uint32_t i = v->tq_pos - 1;
	v->tq_pos = 0;
	if (i != --h->tq_len)
		tq_place(h, i, h->tq[h->tq_len]); /* the last one fills the hole */
}

/* v's next instant from its own state; on its hart's heap while it has one. A queued vCPU's
 * BLOCK_UNTIL is spent (it will run); its hardware timer counts only while it is blocked (it
 * fires in the guest while v runs); a stopped vCPU's timers die with it. */
void timer_update(struct vcpu *v)
{
	uint64_t at = v->timer_deadline;
	if (v->block_until && v->state != VCPU_RUNNABLE)
		at = MIN(at, v->block_until);
	if (v->state == VCPU_BLOCKED)
		at = MIN(at, arch_vcpu_hw_timer(v));
	v->wake_at = v->state == VCPU_STOPPED ? UINT64_MAX : at;
	if (v->tq_pos)
		tq_remove(v->hart, v);
	if (v->wake_at != UINT64_MAX)
		tq_place(v->hart, v->hart->tq_len++, v);
}

void hart_program_timer(struct hart *h)
{
	if (h->current)
		timer_update(h->current); /* its deadlines change while it runs */
	uint64_t next = h->current ? h->slice_end : UINT64_MAX;
	arch_set_hart_timer(h->tq_len ? MIN(next, h->tq[0]->wake_at) : next);
}

bool hart_run_timers(struct hart *h)
{
	uint64_t now = arch_time_now();
	bool woke = false;
	struct vcpu *due = NULL;
	/* every due vCPU off the heap first: one whose key is still due afterwards (a halted
	 * vCPU's spent BLOCK_UNTIL, which halt_in_place sees) is not taken again in this pass */
	while (h->tq_len && h->tq[0]->wake_at <= now) {
		struct vcpu *v = h->tq[0];
		tq_remove(h, v);
		v->tq_next = due;
		due = v;
	}
	for (struct vcpu *v = due; v; v = v->tq_next) {
		if (v->timer_deadline <= now) {
			v->timer_deadline = UINT64_MAX;
			woke |= v != h->current;
			if (!event_raise_source(v->vm, RVPV_EVSRC_TIMER, v->id))
				vcpu_raise_irq(v, ARCH_VIRQ_TIMER);
		} else if (v->state == VCPU_BLOCKED && arch_vcpu_wake_pending(v)) {
			woke = true;
			sched_wake(v);
		}
		timer_update(v);
	}
	if (!h->current)
		arch_set_hart_timer(UINT64_MAX); /* re-armed by hart_program_timer */
	return woke;
}

/* Per-hart scheduler: a FIFO run queue per hart, round-robin with a time slice; a blocked vCPU
 * is on no queue and uses no CPU; a spinning guest is preempted by the hypervisor's timer,
 * which it cannot mask (HS interrupts are always taken while V=1). */
#include "sched.h"
#include "hart.h"
#include "vm.h"
#include "arch.h"
#include "exit.h"
#include "platform.h"
#include "printf.h"
#include "cpu_ops.h"

uint64_t sched_slice_ticks(void)
{
	return plat.timebase * SCHED_SLICE_US / 1000000; /* a multiply: the divisor is constant */
}

/* Under h->rq_lock: v is runnable from now on (steal time counts from here). */
static void rq_push(struct hart *h, struct vcpu *v)
{
	v->state = VCPU_RUNNABLE;
	v->ready_since = arch_time_now();
	v->rq_next = NULL;
	if (h->rq_tail)
		h->rq_tail->rq_next = v;
	else
		h->rq_head = v;
	h->rq_tail = v;
}

static struct vcpu *rq_pop(struct hart *h)
{
	spin_lock(&h->rq_lock);
	struct vcpu *v = h->rq_head;
	if (v) {
		h->rq_head = v->rq_next;
		if (!h->rq_head)
			h->rq_tail = NULL;
		v->state = VCPU_RUNNING;
	}
	spin_unlock(&h->rq_lock);
	return v;
}

void sched_wake(struct vcpu *v)
{
	struct hart *h = v->hart;
	spin_lock(&h->rq_lock);
	bool queued = false;
	if (v->state == VCPU_BLOCKED || (v->state == VCPU_STOPPED && v->reset_pending)) {
		rq_push(h, v);
		queued = true;
	}
	spin_unlock(&h->rq_lock);
	/* a running vCPU picks up raised interrupts at its next entry; kick it so that is soon */
	if (h != this_hart() && (queued || v->state == VCPU_RUNNING))
		arch_hart_kick(h);
}

void sched_stop_vcpu(struct vcpu *v)
{
	struct hart *h = v->hart;
	spin_lock(&h->rq_lock);
	v->stop_requested = true;
	if (v->state == VCPU_BLOCKED) /* let it run once so it leaves through the normal path */
		rq_push(h, v);
	spin_unlock(&h->rq_lock);
	arch_hart_kick(h);
}

void sched_stop_kick(struct vcpu *v)
{
	arch_hart_kick(v->hart);
}

/* Park the vCPU: blocked unless an event arrived meanwhile (checked under the queue lock, which
 * wakers take too, so no wakeup is lost). A vCPU that left to wait for remote flushes whose
 * last one completed before this point was woken while still RUNNING (sched_wake queued
 * nothing): fence_blocked makes it runnable here instead of blocked for good. */
static void park(struct hart *h, struct vcpu *v)
{
	spin_lock(&h->rq_lock);
	if (!v->stop_requested && (READ_ONCE(v->flush_wait) || READ_ONCE(v->vm->paused))) {
		v->state = VCPU_BLOCKED; /* REMOTE_SFENCE in progress: only its completion wakes us */
	} else if (v->stop_requested || v->fence_blocked || arch_vcpu_wake_pending(v)) {
		rq_push(h, v);
	} else {
		v->state = VCPU_BLOCKED;
	}
	spin_unlock(&h->rq_lock);
	timer_update(v); /* blocked: its hardware timer and BLOCK_UNTIL are the hart's to watch */
}

static void idle(struct hart *h)
{
	uint64_t t0 = arch_time_now();
	h->idle = 1;
	hart_program_timer(h);
	/* SIE stays 0: wfi still wakes on a pending enabled interrupt, and we poll it below */
	if (!READ_ONCE(h->rq_head))
		arch_wait_for_interrupt();
	h->idle = 0;
	exit_handle_hs_interrupts(h);
	h->idle_ticks += arch_time_now() - t0;
}

void sched_loop(void)
{
	struct hart *h = this_hart();
	for (;;) {
		struct vcpu *v = rq_pop(h);
		if (!v) {
			idle(h);
			continue;
		}
		uint64_t now = arch_time_now();
		v->fence_blocked = false; /* running again: a fence it waited for is done */
		v->steal_ticks += now - v->ready_since;
		v->run_since = now;
		h->current = v;
		h->slice_end = now + sched_slice_ticks();
		enum run_result r = exit_run_vcpu(h, v);
		h->current = NULL;
		cpu_flush_done(v); /* off the hart now: it flushes before it runs again */
		now = arch_time_now();
		v->run_ticks += now - v->run_since;
		switch (r) {
		case RUN_PREEMPT:
			v->preemptions++;
			vcpu_account_preempted(v);
			spin_lock(&h->rq_lock);
			rq_push(h, v);
			spin_unlock(&h->rq_lock);
			break;
		case RUN_BLOCK:
			park(h, v);
			break;
		case RUN_STOP: {
			struct vm *vm = v->vm; /* v may be freed once released */
			if (vm_release_vcpu(vm))
				vm_reap(vm);
			break;
		}
		case RUN_CONTINUE:
			break;
		}
	}
}

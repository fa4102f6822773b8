/* vCPU operations behind both the rvpv CPU/MEM calls and the standard SBI extensions: timers,
 * starting a vCPU, and remote VS-stage TLB flushes that finish before the caller resumes. */
#include "cpu_ops.h"
#include "hypercall.h"
#include "vcpu.h"
#include "vm.h"
#include "hart.h"
#include "arch.h"
#include "event.h"
#include "sched.h"

void cpu_set_timer(struct vcpu *v, uint64_t deadline, bool event)
{
	/* a new deadline retracts an interrupt the old one raised (SBI TIME semantics) */
	arch_virq_retract(ARCH_VIRQ_TIMER);
	bool bound = event && READ_ONCE(v->vm->port_of[RVPV_EVSRC_TIMER][v->id]);
	if (!bound && arch_vtimer_set(deadline)) {
		v->timer_deadline = UINT64_MAX; /* the hardware compares, with no exit */
	} else {
		arch_vtimer_set(UINT64_MAX);
		v->timer_deadline = deadline;
	}
	hart_program_timer(v->hart);
}

int64_t cpu_vcpu_start(struct vm *vm, uint64_t id, uint64_t pc, uint64_t opaque)
{
	if (id >= vm->nvcpus)
		return SBI_ERR_INVALID_PARAM;
	if (!IS_ALIGNED(pc, 2) || !gmem_in_ram(vm, pc, 2))
		return SBI_ERR_INVALID_ADDRESS;
	struct vcpu *t = vm->vcpus[id];
	spin_lock(&vm->lock);
	if (t->state != VCPU_STOPPED || t->reset_pending) {
		spin_unlock(&vm->lock);
		return SBI_ERR_ALREADY_AVAILABLE;
	}
	vcpu_reset(t, pc, id, opaque);
	__atomic_add_fetch(&vm->running_vcpus, 1, __ATOMIC_SEQ_CST);
	spin_unlock(&vm->lock);
	sched_wake(t);
	return SBI_SUCCESS;
}

void cpu_remote_flush(struct hc_call *c, uint64_t targets, uint64_t start, uint64_t size, uint64_t asid)
{
	struct vcpu *self = c->v;
	struct vm *vm = self->vm;
	c->error = SBI_SUCCESS;
	if (size != 0 && size != UINT64_MAX && start + size < start) {
		c->error = SBI_ERR_INVALID_ADDRESS; /* 0 and all ones mean everything */
		return;
	}
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		if (!(targets >> i & 1))
			continue;
		struct vcpu *t = vm->vcpus[i];
		if (t == self) {
			arch_fence_vstage(start, size, asid);
			continue;
		}
		/* any other vCPU flushes everything before its next guest entry */
		__atomic_store_n(&t->flush_vvma, 1, __ATOMIC_SEQ_CST);
	}
	cpu_wait_for_remote(c, targets & ~(1ull << self->id));
}

/* A waiter registers with a target only while the target is in its run loop, and the target
 * releases every registered waiter when it leaves (under the same lock), so no registration
 * can come after the target's last release: looking first and registering after it let a
 * target stop (HSM stop) in between, and its waiter slept for good. Inside the loop the target
 * releases, at each pass before it enters the guest, the waiters it saw before it flushed. */
void cpu_wait_for_remote(struct hc_call *c, uint64_t targets)
{
	struct vcpu *self = c->v;
	struct vm *vm = self->vm;
	/* what the targets owe (flush_vvma, a new gs_gen) is visible before we look at them */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *t = vm->vcpus[i];
		if (!(targets >> i & 1) || t == self || t->hart == self->hart)
			continue; /* one on our hart is not running: it flushes before it does */
		spin_lock(&t->fence_lock);
		/* one that waits in halt_in_place flushes before it next enters the guest */
		bool wait = t->in_run && !__atomic_load_n(&t->halted, __ATOMIC_SEQ_CST);
		if (wait) {
			__atomic_fetch_or(&self->flush_wait, 1ull << i, __ATOMIC_SEQ_CST);
			__atomic_fetch_or(&t->fence_waiters, 1ull << self->id, __ATOMIC_SEQ_CST);
		}
		spin_unlock(&t->fence_lock);
		if (wait)
			arch_hart_kick(t->hart); /* its next pass through the run loop releases us */
	}
	if (self->flush_wait) {
		/* resumes once every running target has flushed (exit.c); the last target may
		 * finish before this vCPU is parked, and park() must then not block it */
		self->fence_blocked = true;
		c->next = RUN_BLOCK;
	}
}

void cpu_run_begin(struct vcpu *t)
{
	spin_lock(&t->fence_lock);
	t->in_run = 1;
	spin_unlock(&t->fence_lock);
}

void cpu_flush_release(struct vcpu *t, uint64_t waiters)
{
	struct vm *vm = t->vm;
	uint64_t bit = 1ull << t->id;
	/* ours first: a released waiter may register again at once (only we clear its bits,
	 * and it registers again only once all of them are clear) */
	__atomic_fetch_and(&t->fence_waiters, ~waiters, __ATOMIC_SEQ_CST);
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *w = vm->vcpus[i];
		if ((waiters >> i & 1) && __atomic_and_fetch(&w->flush_wait, ~bit, __ATOMIC_SEQ_CST) == 0)
			sched_wake(w);
	}
}

void cpu_flush_done(struct vcpu *t)
{
	spin_lock(&t->fence_lock);
	t->in_run = 0;
	uint64_t waiters = t->fence_waiters; /* no one registers after this */
	spin_unlock(&t->fence_lock);
	if (waiters)
		cpu_flush_release(t, waiters);
}

void cpu_suspend(struct hc_call *c, bool retentive, uint64_t pc, uint64_t opaque)
{
	c->v->suspended = true; /* cleared when it runs again (exit.c) */
	if (!retentive) {
		arch_vcpu_resume_at(c->v, pc, opaque);
		c->v->flush_vvma = 1;
		c->no_return = true;
	}
	c->error = SBI_SUCCESS;
	c->next = RUN_BLOCK;
}

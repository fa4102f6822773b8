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
	bool bound = false;
	if (event)
		for (uint32_t p = 0; p < RVPV_EVENT_PORTS && !bound; p++)
			bound = v->vm->ports[p].source == RVPV_EVSRC_TIMER && v->vm->ports[p].arg == v->id;
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

void cpu_wait_for_remote(struct hc_call *c, uint64_t targets)
{
	struct vcpu *self = c->v;
	struct vm *vm = self->vm;
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *t = vm->vcpus[i];
		if (!(targets >> i & 1) || t == self)
			continue;
		/* one that waits in halt_in_place flushes before it next enters the guest */
		if (READ_ONCE(t->state) == VCPU_RUNNING && t->hart != self->hart &&
		    !__atomic_load_n(&t->halted, __ATOMIC_SEQ_CST)) {
			__atomic_fetch_or(&self->flush_wait, 1ull << i, __ATOMIC_SEQ_CST);
			arch_hart_kick(t->hart);
		}
	}
	if (self->flush_wait) {
		/* resumes once every running target has flushed (exit.c); the last target may
		 * finish before this vCPU is parked, and park() must then not block it */
		self->fence_blocked = true;
		c->next = RUN_BLOCK;
	}
}

void cpu_flush_done(struct vcpu *t)
{
	struct vm *vm = t->vm;
	uint64_t bit = 1ull << t->id;
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *w = vm->vcpus[i];
		if ((READ_ONCE(w->flush_wait) & bit) &&
		    (__atomic_and_fetch(&w->flush_wait, ~bit, __ATOMIC_SEQ_CST) == 0))
			sched_wake(w);
	}
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

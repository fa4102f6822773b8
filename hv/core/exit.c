/* The run loop of one vCPU on its hart and the dispatch of every exit: ecalls (hypercalls and
 * SBI), guest page faults, virtual-instruction traps and HS interrupts. Anything a guest can
 * cause ends in a return value, an injected exception or a contained VM stop. */
#include "exit.h"
#include "hart.h"
#include "vm.h"
#include "arch.h"
#include "hypercall.h"
#include "printf.h"
#include "console.h"
#include "plic.h"
#include "cpu_ops.h"
#include "balloon.h"
#include "platform.h"
#include "../../sbi/hv/vsbi.h"

/* Make the hardware hold v's VS state and translations. */
static void load(struct hart *h, struct vcpu *v)
{
	if (h->loaded != v || v->reset_pending) {
		if (h->loaded && h->loaded != v)
			arch_vcpu_save(h->loaded);
		arch_vcpu_load(v);
		h->loaded = v;
		if (v->reset_pending)
			arch_fp_forget(h, v); /* fresh (zeroed) registers, whoever held them */
		v->reset_pending = false;
	}
	arch_fp_load(h, v);
	v->suspended = false;
	struct vm *vm = v->vm;
	/* the generation the fence covers: a change after it is the run loop's to fence */
	uint64_t gen = READ_ONCE(vm->gs_gen);
	if (vm->gen_seen[h->idx] != gen) {
		/* first run of this VM (or of a VM that reuses its VMID) on this hart */
		arch_fence_gstage(vm->vmid);
		vm->gen_seen[h->idx] = gen;
		v->flush_vvma = 1;
	}
	if (vm->last_vcpu[h->idx] != v) {
		/* vCPUs of one VM share its VMID: another one's VS-stage entries may be cached here */
		vm->last_vcpu[h->idx] = v;
		v->flush_vvma = 1;
	}
}

static bool others_waiting(struct hart *h)
{
	return READ_ONCE(h->rq_head) != NULL;
}

/* HS interrupts: the hypervisor timer, a kick from another hart, or a device. */
static enum run_result hs_interrupt(struct hart *h, enum arch_exit_kind kind, uint32_t irq)
{
	switch (kind) {
	case ARCH_EXIT_TIMER:
		/* a vCPU whose timer is due runs now, not at the end of the current slice (as a
		 * wake-up from another hart already does through ARCH_EXIT_KICK below); the next
		 * vCPU's entry programs the timer */
		if (hart_run_timers(h) && others_waiting(h))
			return RUN_PREEMPT;
		if (arch_time_now() >= h->slice_end) {
			if (others_waiting(h))
				return RUN_PREEMPT;
			h->slice_end = arch_time_now() + sched_slice_ticks();
		}
		hart_program_timer(h);
		return RUN_CONTINUE;
	case ARCH_EXIT_KICK: /* acknowledged by the decode */
		return others_waiting(h) ? RUN_PREEMPT : RUN_CONTINUE;
	case ARCH_EXIT_DEVICE:
		plic_handle(h);
		return others_waiting(h) ? RUN_PREEMPT : RUN_CONTINUE;
	default:
		panic("hart %lu: unexpected interrupt %u", (unsigned long)h->hartid, irq);
	}
}

void exit_handle_hs_interrupts(struct hart *h)
{
	uint32_t pending = arch_hs_pending(); /* acknowledges a kick */
	if (pending & ARCH_HS_DEVICE)
		plic_handle(h);
	if (pending & ARCH_HS_TIMER) /* a timer that fires later is still pending then */
		hart_run_timers(h);
}

/* Something the guest or the run loop must see now: a deliverable VS interrupt or SSE event,
 * a passed BLOCK_UNTIL deadline, or work for the run loop (stop, teardown, pause, fences,
 * balloon). */
static bool halt_over(struct hart *h, struct vcpu *v)
{
	uint64_t pending, enabled;
	arch_virq_state(&pending, &enabled);
	return others_waiting(h) || (pending & enabled) || v->irq_set || v->irq_clear ||
	       v->sse_poke || (v->block_until && arch_time_now() >= v->block_until) ||
	       v->stop_requested || v->vm->paused || v->vm->state == VM_DEAD || v->suspended ||
	       v->flush_wait || v->balloon_npages || (v->disk_wait && !READ_ONCE(*v->disk_wait)) ||
	       __atomic_load_n(&v->fence_waiters, __ATOMIC_ACQUIRE) ||
	       v->vm->gen_seen[h->idx] != v->vm->gs_gen;
}

/* wfi/BLOCK with nothing else to run here: wait with the vCPU loaded (no unload, park, idle,
 * reload) for a kick, timer or device, then back to the guest. A wake-up with nothing for v
 * (another VM's device, a kick or timer that woke nobody, wfi's own spurious return) waits
 * again here: going back to the guest would cost it one more wfi exit for nothing (the
 * guest's idle loop only goes round and blocks again). false (block the normal way) if a VS
 * interrupt is pending but disabled: wfi would not halt; or if another vCPU became runnable. */
static bool halt_in_place(struct hart *h, struct vcpu *v)
{
	uint64_t now = arch_time_now(), pending, enabled;
	arch_virq_state(&pending, &enabled);
	if (v->vm->ev_self_ack) /* SEIP left asserted after the guest's acknowledgement halts wfi */
		pending &= enabled | ~ARCH_VIRQ_EXT;
	if (others_waiting(h) || v->suspended || v->flush_wait || v->balloon_npages ||
	    (pending & ~enabled) || v->stop_requested || v->vm->paused)
		return false;
	if (v->fence_blocked) {
		/* a BLOCK for a remote fence whose targets are all done already (flush_wait is
		 * 0): nothing to wait for, and no interrupt of v's would end the wait */
		v->fence_blocked = false;
		return true;
	}
	v->stats.halts++;
	h->slice_end = UINT64_MAX;
	for (;;) {
		hart_program_timer(h); /* the homed vCPUs' timers and v's BLOCK_UNTIL deadline */
		__atomic_store_n(&v->halted, 1, __ATOMIC_SEQ_CST);
		if (!halt_over(h, v)) /* a raise from another hart before halted was set */
			arch_wait_for_interrupt();
		__atomic_exchange_n(&v->halted, 0, __ATOMIC_SEQ_CST); /* before the flush checks */
		exit_handle_hs_interrupts(h);
		uint64_t t = arch_time_now();
		h->idle_ticks += t - now;
		v->run_since += t - now; /* waiting is not running */
		now = t;
		if (halt_over(h, v))
			break;
		v->stats.halt_rewaits++;
	}
	h->slice_end = now + sched_slice_ticks();
	/* the wait woke another vCPU here (its timer, an event): it runs now, and v goes
	 * the normal way (park checks v's own wake-up again, under the queue lock) */
	if (others_waiting(h))
		return false;
	v->block_until = 0; /* spent: the timer must not fire for it again at entry */
	v->disk_wait = NULL;
	hart_program_timer(h);
	return true;
}

static enum run_result guest_exception(struct vcpu *v, const struct arch_exit *e)
{
	switch (e->kind) {
	case ARCH_EXIT_ECALL:
		return hypercall_dispatch(v);
	case ARCH_EXIT_WFI: /* stepped over by the decode */
		return RUN_BLOCK;
	case ARCH_EXIT_BAD_INSN:
		/* everything else VS-mode may not do is an illegal instruction from the guest's view */
		arch_vcpu_inject_illegal(v, e->insn);
		return RUN_CONTINUE;
	case ARCH_EXIT_GUEST_PF:
		if (gmem_dma(v->vm, e->gpa, 1)) {
			/* valid again (reclaim) while this hart kept the invalid entry, as the spec
			 * lets it: no fault of the guest's; only RWX leaves exist */
			arch_fence_gstage(v->vm->vmid);
			return RUN_CONTINUE;
		}
		vm_fault(v, gmem_in_ram(v->vm, e->gpa, 1) ? "access to a released page"
							  : "access outside guest RAM");
		return RUN_STOP;
	default:
		vm_fault(v, "unexpected exception");
		return RUN_STOP;
	}
}

enum run_result exit_run_vcpu(struct hart *h, struct vcpu *v)
{
	struct vm *vm = v->vm;
	load(h, v);
	cpu_run_begin(v); /* fences wait for us from here; load() owes a flush if need be */
	v->block_until = 0; /* awake: a CPU_BLOCK_UNTIL deadline is spent */
	v->disk_wait = NULL;
	vcpu_account_info(v);
	hart_program_timer(h);
	for (;;) {
		if (unlikely((vm->paused || v->flush_wait) && !v->stop_requested && vm->state != VM_DEAD)) {
			/* woken (an interrupt, an IPI) while its fence or balloon release still waits:
			 * the call has not returned. park() blocks it again unless both have just
			 * ended, whose wake-up found it running: fence_blocked makes it runnable then */
			v->fence_blocked = true;
			arch_vcpu_save(v);
			h->loaded = NULL;
			return RUN_BLOCK; /* park() keeps it blocked while the VM is paused */
		}
		if (unlikely(v->stop_requested || vm->state == VM_DEAD)) {
			arch_vcpu_save(v);
			h->loaded = NULL;
			arch_fp_forget(h, v); /* its VM may be freed once it is released */
			gmem_unpin(vm, &v->sta_pins[v->sta_cur]); /* SBI STA: a stopped hart reports none */
			vsbi_sse_stop(v);
			v->sta_on = false;
			v->state = VCPU_STOPPED;
			timer_update(v); /* off the heap: its VM may be freed */
			v->stop_requested = false;
			return RUN_STOP;
		}
		vcpu_apply_irqs(v, false);
		/* who waits for us: read before the flushes below, which then cover what each of
		 * them asked for (stored before it registered); later ones kick us round again */
		uint64_t waiters = __atomic_load_n(&v->fence_waiters, __ATOMIC_ACQUIRE);
		if (unlikely(vm->gen_seen[h->idx] != vm->gs_gen)) {
			/* the G-stage changed (balloon): forget old guest-physical translations */
			vm->gen_seen[h->idx] = vm->gs_gen;
			arch_fence_gstage(vm->vmid);
		}
		if (unlikely(v->balloon_npages && !v->flush_wait))
			balloon_finish(v);
		if (v->flush_vvma) {
			v->flush_vvma = 0;
			arch_fence_vstage_all(); /* and fence.i: where a remote fence.i lands */
		}
		if (unlikely(waiters))
			cpu_flush_release(v, waiters);
		if (unlikely(v->sse_poke))
			vsbi_sse_deliver(v); /* after a0/a1 of the last call: it interrupts what follows */
		arch_vcpu_enter(&v->arch.ctx);
		struct arch_exit e;
		arch_decode_exit(v, &e);
		enum run_result r;
		if (e.irq) {
			v->stats.intr_exits[e.stat]++;
			r = hs_interrupt(h, e.kind, e.stat);
		} else {
			v->stats.exits[e.stat]++;
			r = guest_exception(v, &e);
		}
		if (r == RUN_BLOCK && unlikely(v->vm->line_len) && v->vm->line_writer == v)
			console_vm_show(v->vm); /* a prompt: see console_vm_write */
		if (r == RUN_CONTINUE || (r == RUN_BLOCK && halt_in_place(h, v)))
			continue;
		if (r == RUN_BLOCK) {
			arch_vcpu_save(v);
			h->loaded = NULL;
		}
		if (r == RUN_STOP)
			continue; /* leave through the stop path above */
		return r;
	}
}

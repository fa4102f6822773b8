/* Virtual CPUs: interrupts raised from any hart, scheduling, flush and accounting state, with
 * the architecture's part (guest context, VS CSRs, FP registers: struct arch_vcpu) first. */
#ifndef HV_VCPU_H
#define HV_VCPU_H
#include "types.h"
#include "spinlock.h"
#include "rvpv/abi.h"
#include "gmem_pin.h"
#include "arch.h"

#define VCPU_X_COUNT(g, ...) +1
enum { VCPU_NCALLS = 0 RVPV_CALLS(VCPU_X_COUNT) };
#undef VCPU_X_COUNT

/* Per-vCPU counters (no sharing between harts); the monitor sums them per VM. */
struct vcpu_stats {
	uint64_t exits[ARCH_NR_EXC_STATS];      /* exceptions, by cause */
	uint64_t intr_exits[ARCH_NR_IRQ_STATS]; /* HS interrupts taken while the guest ran, by cause */
	uint64_t calls[VCPU_NCALLS];  /* rvpv calls, in RVPV_CALLS order (the null-call fast path is not counted) */
	uint64_t sbi_calls;
	uint64_t halts;        /* waits in place for a wfi/CPU_BLOCK (exit.c halt_in_place) */
	uint64_t halt_rewaits; /* wake-ups in them with nothing for the vCPU, waited through */
};

enum vcpu_state {
	VCPU_STOPPED,  /* never started, or stopped by HSM/VCPU_STOP */
	VCPU_RUNNABLE, /* on its hart's run queue */
	VCPU_RUNNING,  /* in the guest or handling its exit */
	VCPU_BLOCKED,  /* waiting for an event, timer or interrupt */
	VCPU_DEAD,     /* its VM is gone */
};

/* One SBI SSE event (sbi/hv/vsbi_sse.c): the attributes by id (STATUS is computed), its
 * state and pending bit, and the vCPU running its handler; guarded by vm->sse_lock. */
struct sse_event {
	uint64_t attr[10];            /* SBI_SSE_ATTR_*; [0] and, for a local event, [3] unused */
	uint8_t state;                /* SBI_SSE_STATE_* */
	bool pending;
	uint8_t runner;               /* vCPU id while RUNNING */
};

struct vm;
struct hart;

struct vcpu {
	struct arch_vcpu arch;        /* first: the world switch points sscratch at arch.ctx */
	struct vm *vm;
	struct hart *hart;            /* home hart: vCPUs do not migrate */
	uint32_t id;
	volatile uint32_t state;      /* enum vcpu_state */
	volatile uint32_t *disk_wait; /* BLOCK_NOTIFY waits until its disk's inflight is 0 (hc_block.c) */
	volatile uint64_t irq_set;    /* ARCH_VIRQ_* bits other harts want raised (atomic OR) */
	volatile uint64_t irq_clear;  /* ARCH_VIRQ_* bits to drop before the next entry */
	uint64_t timer_deadline;      /* CPU_SET_TIMER / software timer; UINT64_MAX = none */
	uint64_t block_until;         /* CPU_BLOCK_UNTIL deadline while blocked; 0 = none */
	uint64_t wake_at;             /* the earliest of those and the hardware timer (timer.c) */
	uint32_t tq_pos;              /* slot + 1 on the home hart's timer heap, 0 = not on it */
	struct vcpu *tq_next;         /* in hart_run_timers' list of due vCPUs */
	volatile uint32_t flush_vvma; /* VS-stage TLB flush owed before the next entry */
	uint32_t halted;              /* waits in halt_in_place (exit.c): flushes before it runs */
	volatile uint64_t flush_wait; /* vCPUs whose flush this one waits for (REMOTE_SFENCE) */
	volatile uint64_t fence_waiters; /* vCPUs waiting for this one's next flush (bit = id) */
	struct spinlock fence_lock;   /* a waiter's look at in_run and its registration are one step */
	uint32_t in_run;              /* in exit_run_vcpu: may enter the guest (under fence_lock) */
	bool fence_blocked;           /* left the run loop to wait for flush_wait (set by its own hart) */
	uint64_t balloon_gpa, balloon_npages; /* a release waiting for flush_wait to clear */
	bool stop_requested;          /* VCPU_STOP/HSM stop/VM stop: leave the run loop */
	volatile bool suspended;      /* in HSM suspend (or SUSP) until it next runs */
	uint8_t fwft_locked;          /* SBI FWFT: bit n = feature n locked until hart reset */
	bool dbtr_shmem;              /* SBI DBTR shared memory set (there are no triggers) */
	struct sse_event sse;         /* SBI SSE local software event, under vm->sse_lock */
	bool sse_unmasked;            /* SBI SSE hart_unmask: ready to receive events */
	volatile uint32_t sse_poke;   /* an SSE event may be deliverable: vsbi_sse_deliver before entry */
	struct vcpu *rq_next;
	/* HSM start parameters, consumed by the home hart */
	uint64_t start_pc, start_arg;
	bool reset_pending;
	/* accounting for the monitor and the vcpu-info page */
	uint64_t info_gpa;            /* 0 = none */
	struct gmem_pin info_pins[2]; /* info_pins[info_cur] is held while info_gpa != 0 */
	uint32_t info_cur;
	struct gmem_pin sta_pins[2];  /* SBI STA area: sta_pins[sta_cur] held while sta_on */
	uint32_t sta_cur;
	bool sta_on;
	uint64_t run_ticks, steal_ticks, preemptions, ready_since, run_since;
	struct vcpu_stats stats;
};

void vcpu_init(struct vcpu *v, struct vm *vm, uint32_t id, struct hart *home);
void vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1);
void vcpu_raise_irq(struct vcpu *v, uint64_t virq_bits); /* ARCH_VIRQ_*, from any hart */
void vcpu_lower_irq(struct vcpu *v, uint64_t virq_bits); /* from the home hart */
/* raised/lowered bits into the hardware: v is loaded (hypercall.c); light: from a light call */
void vcpu_apply_irqs(struct vcpu *v, bool light);
void vcpu_account_info(struct vcpu *v);      /* scheduled in: info and STA areas */
void vcpu_account_preempted(struct vcpu *v); /* descheduled while runnable: STA preempted */
#endif

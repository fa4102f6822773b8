/* Virtual CPUs: the saved guest context the world switch uses, the VS-level CSRs swapped on a
 * vCPU change, and the interrupt and scheduling state. */
#ifndef HV_VCPU_H
#define HV_VCPU_H
/* Offsets used by switch.S; checked against the struct below with static asserts. */
#define CTX_X(n)       ((n) * 8)          /* x1..x31; slot 0 unused */
#define CTX_SEPC       (32 * 8)
#define CTX_SSTATUS    (33 * 8)
#define CTX_HSTATUS    (34 * 8)
#define CTX_SCAUSE     (35 * 8)
#define CTX_STVAL      (36 * 8)
#define CTX_HTVAL      (37 * 8)
#define CTX_HS_RA      (38 * 8)
#define CTX_HS_SP      (39 * 8)
#define CTX_HS_GP      (40 * 8)
#define CTX_HS_TP      (41 * 8)
#define CTX_HS_S(n)    ((42 + (n)) * 8)   /* s0..s11 */
#define CTX_FAST_SBI   (54 * 8)           /* SBI BASE calls answered in switch.S */
#define CTX_SIZE       (55 * 8)
#define HV_FAST_NULL_FID 2  /* RVPV_FN_CORE_NULL_CALL, answered in switch.S */

#ifndef __ASSEMBLER__
#include "types.h"
#include "spinlock.h"
#include "rvpv/abi.h"
#include "gmem_pin.h"

#define VCPU_X_COUNT(g, n, fid, minor) +1
enum { VCPU_NCALLS = 0 RVPV_CALLS(VCPU_X_COUNT) };
#undef VCPU_X_COUNT

/* Per-vCPU counters (no sharing between harts); the monitor sums them per VM. */
struct vcpu_stats {
	uint64_t exits[24];           /* exceptions, by cause */
	uint64_t intr_exits[16];      /* HS interrupts taken while the guest ran, by cause */
	uint64_t calls[VCPU_NCALLS];  /* rvpv calls, in RVPV_CALLS order (the null-call fast path is not counted) */
	uint64_t sbi_calls;
};

struct vcpu_ctx {
	uint64_t x[32];
	uint64_t sepc, sstatus, hstatus;
	uint64_t scause, stval, htval;
	uint64_t hs_ra, hs_sp, hs_gp, hs_tp, hs_s[12];
	uint64_t fast_sbi;
};
_Static_assert(sizeof(struct vcpu_ctx) == CTX_SIZE, "ctx size");
_Static_assert(offsetof(struct vcpu_ctx, sepc) == CTX_SEPC, "ctx sepc");
_Static_assert(offsetof(struct vcpu_ctx, htval) == CTX_HTVAL, "ctx htval");
_Static_assert(offsetof(struct vcpu_ctx, hs_ra) == CTX_HS_RA, "ctx hs_ra");
_Static_assert(offsetof(struct vcpu_ctx, hs_s) == CTX_HS_S(0), "ctx hs_s");
_Static_assert(offsetof(struct vcpu_ctx, fast_sbi) == CTX_FAST_SBI, "ctx fast_sbi");

enum { REG_RA = 1, REG_SP = 2, REG_A0 = 10, REG_A1, REG_A2, REG_A3, REG_A4, REG_A5, REG_A6, REG_A7 };

enum vcpu_state {
	VCPU_STOPPED,  /* never started, or stopped by HSM/VCPU_STOP */
	VCPU_RUNNABLE, /* on its hart's run queue */
	VCPU_RUNNING,  /* in the guest or handling its exit */
	VCPU_BLOCKED,  /* waiting for an event, timer or interrupt */
	VCPU_DEAD,     /* its VM is gone */
};

/* VS CSRs that belong to a vCPU while another one runs on the hart */
struct vcpu_csrs {
	uint64_t vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
	uint64_t vstimecmp, hvip;
};

/* F/D register file (fp.S) */
struct vcpu_fp {
	uint64_t f[32];
	uint64_t fcsr;
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
	struct vcpu_ctx ctx;          /* first: the world switch points sscratch here */
	struct vm *vm;
	struct hart *hart;            /* home hart: vCPUs do not migrate */
	uint32_t id;
	volatile uint32_t state;      /* enum vcpu_state */
	struct vcpu_csrs csrs;
	struct vcpu_fp fp;            /* valid while another vCPU (or none) owns the hart's FP file */
	volatile uint64_t irq_set;    /* hvip bits other harts want raised (atomic OR) */
	volatile uint64_t irq_clear;  /* hvip bits to drop before the next entry */
	uint64_t timer_deadline;      /* CPU_SET_TIMER / software timer; UINT64_MAX = none */
	uint64_t block_until;         /* CPU_BLOCK_UNTIL deadline while blocked; 0 = none */
	volatile uint32_t flush_vvma; /* VS-stage TLB flush owed before the next entry */
	uint32_t halted;              /* waits in halt_in_place (exit.c): flushes before it runs */
	volatile uint64_t flush_wait; /* vCPUs whose flush this one waits for (REMOTE_SFENCE) */
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
void vcpu_raise_irq(struct vcpu *v, uint64_t hvip_bits); /* from any hart */
void vcpu_lower_irq(struct vcpu *v, uint64_t hvip_bits); /* from the home hart */
void vcpu_apply_irqs(struct vcpu *v); /* raised/lowered bits into hvip: v is loaded (hypercall.c) */
void vcpu_csrs_save(struct vcpu *v);
void vcpu_csrs_load(struct vcpu *v);
void vcpu_resume_at(struct vcpu *v, uint64_t pc, uint64_t opaque); /* CSRs loaded: non-retentive resume */
void vcpu_fp_load(struct hart *h, struct vcpu *v);   /* before entry, on the home hart */
void vcpu_fp_forget(struct hart *h, struct vcpu *v); /* v stops: its FP state is not kept */
void vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval);
bool vcpu_has_wake_event(struct vcpu *v);
void vcpu_account_info(struct vcpu *v);      /* scheduled in: info and STA areas */
void vcpu_account_preempted(struct vcpu *v); /* descheduled while runnable: STA preempted */
void vsbi_sse_deliver(struct vcpu *v);       /* sse_poke set, v loaded: enter a handler if due */
void vsbi_sse_stop(struct vcpu *v);          /* v stops: its events reset, a handler it ran ends */

/* fp.S */
void fp_save(struct vcpu_fp *fp);
void fp_save_fcsr(struct vcpu_fp *fp);
void fp_restore(const struct vcpu_fp *fp);

/* switch.S */
void vcpu_enter(struct vcpu_ctx *ctx);
void trap_vector(void);
#endif
#endif

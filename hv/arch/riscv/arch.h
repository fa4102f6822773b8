/* What the generic hypervisor (hv/core, hv/hc, hv/blk, hv/drivers, sbi/hv) needs from the
 * architecture, as functions: time and idling, virtual-interrupt injection, TLB fences, trap
 * decoding, vCPU and hart state, the G-stage tables. This is the arch folder's only header
 * that code outside hv/arch/ includes (tests/suite.d/13-static-check.sh checks it); no CSR
 * accessor or instruction reaches the core, so host builds of core files need no shims. */
#ifndef HV_ARCH_H
#define HV_ARCH_H
#include "types.h"
#include "arch_vcpu.h"
#include "gstage.h"

struct vcpu;
struct hart;

/* ---- time, idling, the machine ---- */
uint64_t arch_time_now(void);               /* the timebase counter */
void arch_wait_for_interrupt(void);         /* wfi: returns on a pending enabled interrupt (or spuriously) */
void arch_power_off(bool failure) __attribute__((noreturn)); /* the firmware's SRST */

/* ---- harts ---- */
static inline struct hart *this_hart(void)  /* tp holds it in HS-mode (entry.S) */
{
	struct hart *h;
	__asm__ volatile("mv %0, tp" : "=r"(h));
	return h;
}
void arch_hart_init(void);                  /* this hart's trap vector, delegation, counters */
void arch_hart_kick(struct hart *h);        /* another hart takes an HS interrupt soon (this one: none) */
void arch_set_hart_timer(uint64_t when);    /* this hart's next HS timer interrupt */
void arch_start_secondaries(void);

/* Pending HS interrupts of this hart, ARCH_HS_* bits; a kick is acknowledged by the read. */
#define ARCH_HS_KICK   0x1u
#define ARCH_HS_TIMER  0x2u
#define ARCH_HS_DEVICE 0x4u
uint32_t arch_hs_pending(void);
bool arch_hs_wanted(void); /* an HS interrupt is pending (nothing acknowledged) */

/* ---- virtual interrupts (bits of the loaded vCPU's pending set) ---- */
#define ARCH_VIRQ_SOFT  (1ull << 2)         /* SBI IPI */
#define ARCH_VIRQ_TIMER (1ull << 6)         /* SBI/legacy timer */
#define ARCH_VIRQ_EXT   (1ull << 10)        /* event ports */
#define ARCH_VIRQS (ARCH_VIRQ_SOFT | ARCH_VIRQ_TIMER | ARCH_VIRQ_EXT)
void arch_virq_assert(uint64_t bits);       /* the loaded vCPU: into hvip */
void arch_virq_enable(uint64_t bits);       /* the loaded vCPU: its vsie bits for these */
void arch_virq_retract(uint64_t bits);
bool arch_virq_asserted(uint64_t bits);    /* the loaded vCPU: any of these in hvip */
/* the loaded vCPU takes its VS external interrupt now, in its handler, unless its sstatus.SIE
 * masks it (false); light: from a light call, whose trap state is not in ctx */
bool arch_virq_ext_inject(struct vcpu *v, bool light);
/* The loaded vCPU's pending and enabled virtual interrupts (its own timer compare counted). */
void arch_virq_state(uint64_t *pending, uint64_t *enabled);
/* An unloaded vCPU (its CSRs saved) has an enabled pending interrupt or a passed BLOCK_UNTIL. */
bool arch_vcpu_wake_pending(struct vcpu *v);
/* An unloaded vCPU's hardware timer compare if its timer interrupt is enabled, else UINT64_MAX. */
uint64_t arch_vcpu_hw_timer(struct vcpu *v);
/* The loaded vCPU's hardware timer compare (Sstc): false if there is none, and the deadline
 * must be kept in software; true and the hardware raises ARCH_VIRQ_TIMER with no exit. */
bool arch_vtimer_set(uint64_t deadline);

/* ---- TLB fences (this hart) ---- */
void arch_fence_gstage(uint64_t vmid);      /* guest-physical translations of one VMID */
void arch_fence_vstage_all(void);           /* every VS-stage entry of the loaded VMID, and fence.i */
/* VS-stage entries of [start, start+size) (size 0 or UINT64_MAX: all), asid UINT64_MAX = any */
void arch_fence_vstage(uint64_t start, uint64_t size, uint64_t asid);
void arch_fence_i(void);

/* ---- vCPU state ---- */
void arch_vcpu_init(struct vcpu *v);        /* once, at creation: no timer armed */
void arch_vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1);
void arch_vcpu_resume_at(struct vcpu *v, uint64_t pc, uint64_t opaque); /* loaded: non-retentive resume */
void arch_vcpu_save(struct vcpu *v);        /* VS CSRs from the hardware; nothing of v left pending */
void arch_vcpu_load(struct vcpu *v);        /* VS CSRs and hgatp into the hardware */
void arch_fp_load(struct hart *h, struct vcpu *v);   /* before entry, on the home hart */
void arch_fp_forget(struct hart *h, struct vcpu *v); /* v stops: its FP state is not kept */
void arch_vcpu_inject_illegal(struct vcpu *v, uint64_t tval); /* loaded: as the hardware would */
void arch_vcpu_enter(struct vcpu_ctx *ctx); /* switch.S: runs the guest until its next exit */
/* SBI SSE on the loaded vCPU: enter a handler at pc in VS-mode with SIE off, as the spec's
 * injection does, giving the interrupted sepc and SBI_SSE_IFLAGS_* out; complete is the
 * handler's return to them (an sret from the handler, then sepc, SPP, SPIE restored). */
void arch_sse_inject(struct vcpu *v, uint64_t pc, uint64_t *sepc, uint64_t *iflags);
void arch_sse_complete(struct vcpu *v, uint64_t sepc, uint64_t iflags);

/* ---- trap decoding: why arch_vcpu_enter returned ---- */
enum arch_exit_kind {
	ARCH_EXIT_TIMER,      /* HS interrupts */
	ARCH_EXIT_KICK,       /* acknowledged by the decode */
	ARCH_EXIT_DEVICE,
	ARCH_EXIT_ECALL,      /* a hypercall or SBI call */
	ARCH_EXIT_WFI,        /* stepped over by the decode */
	ARCH_EXIT_BAD_INSN,   /* an instruction VS-mode may not run (insn) */
	ARCH_EXIT_GUEST_PF,   /* a guest-physical access with no mapping (gpa) */
	ARCH_EXIT_OTHER,
};
struct arch_exit {
	enum arch_exit_kind kind;
	bool irq;             /* an HS interrupt: stat indexes intr_exits, else exits */
	uint32_t stat;        /* the counter (< ARCH_NR_IRQ_STATS or ARCH_NR_EXC_STATS) */
	uint64_t gpa, insn;
};
void arch_decode_exit(struct vcpu *v, struct arch_exit *e);
const char *arch_exit_name(bool irq, uint32_t stat); /* for the monitor; NULL if unnamed */
#endif

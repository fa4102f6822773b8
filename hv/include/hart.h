/* Physical harts: per-hart state the scheduler and trap code use; tp points to it in HS-mode. */
#ifndef HV_HART_H
#define HV_HART_H
#define MAX_HARTS 64           /* harts used; more in the device tree are left stopped */
#define HART_STACK_SIZE (16 * 1024)

#ifndef __ASSEMBLER__
#include "types.h"
#include "spinlock.h"
#include "arch.h"

struct vcpu;

struct hart {
	uint8_t *stack_top;           /* first: entry.S loads sp from offset 0 */
	uint64_t hartid;
	uint32_t idx;                 /* dense index 0..nharts-1 */
	volatile uint32_t online;
	volatile uint32_t idle;       /* in wfi with nothing to run */
	struct spinlock rq_lock;
	struct vcpu *rq_head, *rq_tail;
	struct vcpu **tq;             /* timer heap: homed vCPUs with a next instant (timer.c) */
	uint32_t tq_len;
	struct vcpu *current;         /* running or handling an exit */
	struct vcpu *loaded;          /* whose VS CSRs the hardware holds */
	uint64_t slice_end;
	uint64_t idle_ticks;
	uint64_t loaded_vmid;
	struct vcpu *fp_owner;        /* whose f0-f31/fcsr the FP registers hold (arch_fp_load) */
};

extern struct hart harts[MAX_HARTS];
extern uint32_t nharts;

void hart_program_timer(struct hart *h);
bool hart_run_timers(struct hart *h); /* fire due vCPU timers homed here; true: one woke another vCPU */
void timer_update(struct vcpu *v);    /* on v's home hart: its deadlines or state changed */
#endif /* __ASSEMBLER__ */
#endif

/* The vCPU scheduler: per-hart run queues, round-robin time slices from the hypervisor's own
 * timer; vCPUs stay on their home hart. */
#ifndef HV_SCHED_H
#define HV_SCHED_H
#include "vcpu.h"

#define SCHED_SLICE_US 5000

enum run_result {
	RUN_CONTINUE,  /* re-enter the same vCPU */
	RUN_PREEMPT,   /* slice over or someone else is waiting: back to the queue */
	RUN_BLOCK,     /* wait for an event */
	RUN_STOP,      /* the vCPU stopped (HSM stop, VM stop) */
};

void sched_wake(struct vcpu *v);         /* any hart: make runnable if blocked or stopped-start */
void sched_stop_vcpu(struct vcpu *v);    /* any hart: the vCPU leaves at its next exit */
void sched_stop_kick(struct vcpu *v);    /* any hart: make a running vCPU exit soon */
void sched_loop(void) __attribute__((noreturn));
uint64_t sched_slice_ticks(void);
#endif

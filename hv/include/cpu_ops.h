/* vCPU operations shared by the rvpv CPU calls and the standard SBI HSM/TIME/RFENCE ones. */
#ifndef HV_CPU_OPS_H
#define HV_CPU_OPS_H
#include "types.h"
struct vcpu;
struct vm;
struct hc_call;
/* event = true: an rvpv CPU_SET_TIMER, delivered on the bound TIMER port if there is one */
void cpu_set_timer(struct vcpu *v, uint64_t deadline, bool event);
int64_t cpu_vcpu_start(struct vm *vm, uint64_t id, uint64_t pc, uint64_t opaque);
/* VS-stage TLB flush on every vCPU in targets, or INVALID_ADDRESS in c->error when the range
 * wraps (its arguments checked before); sets c->next when the caller must wait. */
void cpu_remote_flush(struct hc_call *c, uint64_t targets, uint64_t start, uint64_t size, uint64_t asid);
/* Makes the caller wait (c->next) until every other vCPU in targets that runs on another hart
 * right now has passed through the hypervisor (and so flushed what it owed). */
void cpu_wait_for_remote(struct hc_call *c, uint64_t targets);
/* t starts its run loop (exit_run_vcpu): from now on a fence waits for it */
void cpu_run_begin(struct vcpu *t);
/* t has flushed what it owed the vCPUs in waiters (read from t->fence_waiters before the
 * flush): release them */
void cpu_flush_release(struct vcpu *t, uint64_t waiters);
/* t has left its hart (it flushes before it runs again): release every vCPU waiting on it;
 * later fences do not wait for it until cpu_run_begin */
void cpu_flush_done(struct vcpu *t);
/* HSM suspend / SUSP: block until an interrupt the guest enabled is pending; non-retentive
 * resumes at pc as arch_vcpu_resume_at says. */
void cpu_suspend(struct hc_call *c, bool retentive, uint64_t pc, uint64_t opaque);
#endif

/* vCPUs, the generic part: homing on a hart, virtual interrupts raised from any hart (the
 * home hart moves them into the hardware before the next entry, vcpu_apply_irqs), and the
 * steal/run time published to the guest's vcpu-info and SBI STA areas. */
#include "vcpu.h"
#include "vm.h"
#include "hart.h"
#include "platform.h"
#include "sched.h"
#include "rvpv/mem.h"
#include "sbi/sbi_defs.h"

void vcpu_init(struct vcpu *v, struct vm *vm, uint32_t id, struct hart *home)
{
	v->vm = vm;
	v->id = id;
	v->hart = home;
	v->state = VCPU_STOPPED;
	v->timer_deadline = UINT64_MAX;
	arch_vcpu_init(v);
}

/* Boot state per the SBI HSM and Linux boot protocol (registers: arch_vcpu_reset); the home
 * hart loads it fresh (reset_pending) before the next entry. */
void vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1)
{
	arch_vcpu_reset(v, pc, a0, a1);
	v->timer_deadline = UINT64_MAX;
	v->irq_set = 0;
	v->irq_clear = 0;
	v->flush_vvma = 1;
	v->reset_pending = true;
	v->stop_requested = false;
	v->suspended = false;
	v->fwft_locked = 0; /* local FWFT features return to their reset values */
	v->dbtr_shmem = false;
}

void vcpu_raise_irq(struct vcpu *v, uint64_t bits)
{
	__atomic_fetch_and(&v->irq_clear, ~bits, __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&v->irq_set, bits, __ATOMIC_SEQ_CST);
	sched_wake(v);
}

void vcpu_lower_irq(struct vcpu *v, uint64_t bits)
{
	__atomic_fetch_and(&v->irq_set, ~bits, __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&v->irq_clear, bits, __ATOMIC_SEQ_CST);
}

/* SBI STA: steal time in ns (split so that ticks * 1e9 cannot overflow) and the preempted
 * flag, under the area's sequence count. The guest may scribble on it: only our copy counts. */
static void sta_publish(struct vcpu *v, uint8_t preempted)
{
	struct sbi_sta_shmem *s = gmem_at(&v->sta_pins[v->sta_cur], 0);
	uint64_t tb = plat.timebase ? plat.timebase : 1, t = v->steal_ticks;
	uint32_t seq = READ_ONCE(s->sequence) | 1;
	WRITE_ONCE(s->sequence, seq);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(s->steal, t / tb * 1000000000ull + t % tb * 1000000000ull / tb);
	WRITE_ONCE(s->preempted, preempted);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(s->sequence, seq + 1);
}

void vcpu_account_preempted(struct vcpu *v)
{
	if (v->sta_on)
		sta_publish(v, 1);
}

/* Publishes steal/run time to the guest's registered vcpu-info area under its seqlock. */
void vcpu_account_info(struct vcpu *v)
{
	if (v->sta_on)
		sta_publish(v, 0);
	if (!v->info_gpa)
		return;
	struct rvpv_vcpu_info *info = gmem_at(&v->info_pins[v->info_cur], 0); /* pinned: cannot be released */
	uint32_t seq = info->seq | 1;
	WRITE_ONCE(info->seq, seq);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	info->vcpu_id = v->id;
	info->steal_ticks = v->steal_ticks;
	info->run_ticks = v->run_ticks;
	info->preemptions = v->preemptions;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(info->seq, seq + 1);
}

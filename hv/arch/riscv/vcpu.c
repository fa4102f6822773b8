/* vCPU state on RISC-V: reset state, the VS CSRs swapped when the hart changes vCPU, virtual
 * interrupt bits (hvip) raised from any hart, and exceptions injected into the guest. */
#include "vcpu.h"
#include "vm.h"
#include "hart.h"
#include "csr.h"
#include "platform.h"
#include "sched.h"
#include "string.h"
#include "rvpv/mem.h"
#include "sbi/sbi_defs.h"

#define VS_IRQS (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

void vcpu_init(struct vcpu *v, struct vm *vm, uint32_t id, struct hart *home)
{
	v->vm = vm;
	v->id = id;
	v->hart = home;
	v->state = VCPU_STOPPED;
	v->timer_deadline = UINT64_MAX;
	v->csrs.vstimecmp = UINT64_MAX;
	spin_lock(&home->rq_lock);
	if (home->nr_vcpus < ARRAY_SIZE(home->homed))
		home->homed[home->nr_vcpus++] = v;
	spin_unlock(&home->rq_lock);
}

/* Boot state per the SBI HSM and Linux boot protocol: a0/a1 set, satp 0, interrupts off. */
void vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1)
{
	uint64_t fast_sbi = v->ctx.fast_sbi; /* a counter, like v->stats */
	memset(&v->ctx, 0, sizeof(v->ctx));
	v->ctx.fast_sbi = fast_sbi;
	memset(&v->csrs, 0, sizeof(v->csrs));
	memset(&v->fp, 0, sizeof(v->fp)); /* a stopped vCPU owns no hart's FP file (vcpu_fp_forget) */
	v->csrs.vstimecmp = UINT64_MAX;
	v->timer_deadline = UINT64_MAX;
	v->ctx.sepc = pc;
	v->ctx.x[REG_A0] = a0;
	v->ctx.x[REG_A1] = a1;
	v->ctx.sstatus = SSTATUS_SPP;           /* sret to S (VS, with SPV) */
	v->ctx.hstatus = HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW | HSTATUS_VSXL_64;
	v->irq_set = 0;
	v->irq_clear = 0;
	v->flush_vvma = 1;
	v->reset_pending = true;
	v->stop_requested = false;
	v->suspended = false;
	v->fwft_locked = 0; /* local FWFT features return to their reset values */
	v->dbtr_shmem = false;
}

/* Resume state of a non-retentive HSM suspend or a system suspend (SBI: satp 0, sstatus.SIE 0,
 * a0 = hart id, a1 = opaque, other registers undefined), in S-mode at pc. Runs on the vCPU's
 * own hart in its exit handler, so its VS CSRs are the live ones. */
void vcpu_resume_at(struct vcpu *v, uint64_t pc, uint64_t opaque)
{
	csr_write(vsatp, 0);
	csr_clear(vsstatus, SSTATUS_SIE);
	v->ctx.sepc = pc;
	v->ctx.sstatus |= SSTATUS_SPP;
	v->ctx.x[REG_A0] = v->id;
	v->ctx.x[REG_A1] = opaque;
	v->flush_vvma = 1;
}

void vcpu_csrs_save(struct vcpu *v)
{
	struct vcpu_csrs *c = &v->csrs;
	c->vsstatus = csr_read(vsstatus);
	c->vsie = csr_read(vsie);
	c->vstvec = csr_read(vstvec);
	c->vsscratch = csr_read(vsscratch);
	c->vsepc = csr_read(vsepc);
	c->vscause = csr_read(vscause);
	c->vstval = csr_read(vstval);
	c->vsatp = csr_read(vsatp);
	c->hvip = csr_read(hvip);
	if (plat.has_sstc)
		c->vstimecmp = csr_read(vstimecmp);
	/* Nothing of this vCPU may stay pending on the hart: hie keeps the VS interrupts enabled,
	 * so a VSTIP or VSEIP left behind keeps an idle wfi from halting. Under -icount that
	 * spin (rewriting stimecmp) starved QEMU's I/O thread and a disk read never completed. */
	csr_write(hvip, 0);
	if (plat.has_sstc)
		csr_write(vstimecmp, UINT64_MAX);
}

void vcpu_csrs_load(struct vcpu *v)
{
	struct vcpu_csrs *c = &v->csrs;
	csr_write(vsstatus, c->vsstatus);
	csr_write(vsie, c->vsie);
	csr_write(vstvec, c->vstvec);
	csr_write(vsscratch, c->vsscratch);
	csr_write(vsepc, c->vsepc);
	csr_write(vscause, c->vscause);
	csr_write(vstval, c->vstval);
	csr_write(vsatp, c->vsatp);
	csr_write(hvip, c->hvip);
	if (plat.has_sstc)
		csr_write(vstimecmp, c->vstimecmp);
	csr_write(hgatp, HGATP_MODE_SV39X4 | (v->vm->vmid << HGATP_VMID_SHIFT) |
			 ((uintptr_t)v->vm->gs.root >> PAGE_SHIFT));
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

/* Called for a vCPU that is not loaded (its CSRs are in v->csrs); so is a passed deadline. */
bool vcpu_has_wake_event(struct vcpu *v)
{
	uint64_t pending = (v->csrs.hvip | READ_ONCE(v->irq_set)) & ~READ_ONCE(v->irq_clear);
	uint64_t now = time_now();
	if (plat.has_sstc && now >= v->csrs.vstimecmp)
		pending |= MIP_VSTIP;
	uint64_t enabled = (v->csrs.vsie << 1) & VS_IRQS; /* vsie uses S-level bit positions */
	return (pending & enabled) != 0 || (v->block_until && now >= v->block_until) ||
	       READ_ONCE(v->sse_poke); /* an SBI SSE event preempts even a masked wfi */
}

/* Delivers an exception to the guest's VS-mode trap handler as the hardware would have. */
void vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval)
{
	uint64_t vsstatus = csr_read(vsstatus);
	bool from_s = (v->ctx.sstatus & SSTATUS_SPP) != 0;
	csr_write(vsepc, v->ctx.sepc);
	csr_write(vscause, cause);
	csr_write(vstval, tval);
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE);
	if (from_s)
		vsstatus |= SSTATUS_SPP;
	if (vsstatus & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	vsstatus &= ~SSTATUS_SIE;
	csr_write(vsstatus, vsstatus);
	v->ctx.sepc = csr_read(vstvec) & ~3ul;
	v->ctx.sstatus |= SSTATUS_SPP;          /* the handler runs in VS */
}

/* The guest runs with HS sstatus.FS on (V=1 needs both it and vsstatus.FS), so the FP file is
 * live hardware state shared by every vCPU of the hart. Lazy switch: the registers are loaded
 * when a vCPU takes the file from another one, marked Clean, and written back only if the
 * hardware has since marked them Dirty. No trap is needed: FP faults go straight to the guest. */
static bool hart_has_fp(void)
{
	static int known = -1; /* the single-letter part of riscv,isa names f (and d) */
	for (const char *p = plat.isa + 4; known < 0 && *p && *p != '_'; p++)
		if (*p == 'd')
			known = 1;
	if (known < 0)
		known = 0;
	return known;
}

void vcpu_fp_load(struct hart *h, struct vcpu *v)
{
	if (h->fp_owner == v || !hart_has_fp())
		return;
	csr_set(sstatus, SSTATUS_FS); /* so that HS may touch the file */
	struct vcpu *old = h->fp_owner;
	if (old && (old->ctx.sstatus & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		fp_save(&old->fp);
	else if (old)
		fp_save_fcsr(&old->fp); /* QEMU 7.2 leaves FS Clean after a guest's fcsr write */
	fp_restore(&v->fp);
	h->fp_owner = v;
	v->ctx.sstatus = (v->ctx.sstatus & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
}

void vcpu_fp_forget(struct hart *h, struct vcpu *v)
{
	if (h->fp_owner == v)
		h->fp_owner = NULL;
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

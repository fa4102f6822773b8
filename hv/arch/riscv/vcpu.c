/* The RISC-V part of a vCPU: reset state, the VS CSRs swapped when the hart changes vCPU, the
 * virtual interrupts in hvip, exceptions injected into the guest, the lazy FP switch. */
#include "arch.h"
#include "csr.h"
#include "vcpu.h"
#include "vm.h"
#include "hart.h"
#include "platform.h"
#include "string.h"
#include "sbi/sbi_defs.h"

#define VS_IRQS (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)
_Static_assert(ARCH_VIRQ_SOFT == MIP_VSSIP && ARCH_VIRQ_TIMER == MIP_VSTIP &&
	       ARCH_VIRQ_EXT == MIP_VSEIP, "virtual interrupts are hvip bits");

/* fp.S */
void fp_save(struct vcpu_fp *fp);
void fp_save_fcsr(struct vcpu_fp *fp);
void fp_restore(const struct vcpu_fp *fp);

void arch_vcpu_init(struct vcpu *v)
{
	v->arch.csrs.vstimecmp = UINT64_MAX;
}

/* Boot state per the SBI HSM and Linux boot protocol: a0/a1 set, satp 0, interrupts off. */
void arch_vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1)
{
	uint64_t fast_sbi = v->arch.ctx.fast_sbi; /* a counter, like v->stats */
	memset(&v->arch.ctx, 0, sizeof(v->arch.ctx));
	v->arch.ctx.fast_sbi = fast_sbi;
	memset(&v->arch.csrs, 0, sizeof(v->arch.csrs));
	memset(&v->arch.fp, 0, sizeof(v->arch.fp)); /* a stopped vCPU owns no hart's FP file (arch_fp_forget) */
	v->arch.csrs.vstimecmp = UINT64_MAX;
	v->arch.ctx.sepc = pc;
	v->arch.ctx.x[REG_A0] = a0;
	v->arch.ctx.x[REG_A1] = a1;
	v->arch.ctx.sstatus = SSTATUS_SPP;           /* sret to S (VS, with SPV) */
	v->arch.ctx.hstatus = HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW | HSTATUS_VSXL_64;
}

/* Resume state of a non-retentive HSM suspend or a system suspend (SBI: satp 0, sstatus.SIE 0,
 * a0 = hart id, a1 = opaque, other registers undefined), in S-mode at pc. Runs on the vCPU's
 * own hart in its exit handler, so its VS CSRs are the live ones. */
void arch_vcpu_resume_at(struct vcpu *v, uint64_t pc, uint64_t opaque)
{
	csr_write(vsatp, 0);
	csr_clear(vsstatus, SSTATUS_SIE);
	v->arch.ctx.sepc = pc;
	v->arch.ctx.sstatus |= SSTATUS_SPP;
	v->arch.ctx.x[REG_A0] = v->id;
	v->arch.ctx.x[REG_A1] = opaque;
}

void arch_vcpu_save(struct vcpu *v)
{
	struct vcpu_csrs *c = &v->arch.csrs;
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

void arch_vcpu_load(struct vcpu *v)
{
	struct vcpu_csrs *c = &v->arch.csrs;
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

/* Called for a vCPU that is not loaded (its CSRs are in v->arch.csrs); so is a passed deadline. */
bool arch_vcpu_wake_pending(struct vcpu *v)
{
	uint64_t pending = (v->arch.csrs.hvip | READ_ONCE(v->irq_set)) & ~READ_ONCE(v->irq_clear);
	uint64_t now = arch_time_now();
	if (plat.has_sstc && now >= v->arch.csrs.vstimecmp)
		pending |= MIP_VSTIP;
	uint64_t enabled = (v->arch.csrs.vsie << 1) & VS_IRQS; /* vsie uses S-level bit positions */
	if (v->vm->ev_self_ack) /* its raise sets SEIE (event_recheck), which the guest cleared */
		enabled |= READ_ONCE(v->irq_set) & MIP_VSEIP;
	return (pending & enabled) != 0 || (v->block_until && now >= v->block_until) ||
	       READ_ONCE(v->sse_poke); /* an SBI SSE event preempts even a masked wfi */
}

/* Enters the guest's VS-mode trap handler for `cause` as the hardware would (interrupts at
 * base + 4 x cause when vstvec is vectored); the trap came from VS-mode if from_s. */
static void vs_trap_enter(struct vcpu *v, uint64_t cause, uint64_t tval, bool from_s)
{
	uint64_t vs = csr_read(vsstatus), tvec = csr_read(vstvec);
	csr_write(vsepc, v->arch.ctx.sepc);
	csr_write(vscause, cause);
	csr_write(vstval, tval);
	csr_write(vsstatus, (vs & ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE)) | (from_s ? SSTATUS_SPP : 0) |
				    (vs & SSTATUS_SIE ? SSTATUS_SPIE : 0));
	v->arch.ctx.sepc = (tvec & ~3ul) + ((cause >> 63) && (tvec & 3) == 1 ? 4 * (cause & 63) : 0);
	v->arch.ctx.sstatus |= SSTATUS_SPP; /* the handler runs in VS */
}

void arch_vcpu_inject_illegal(struct vcpu *v, uint64_t tval)
{
	vs_trap_enter(v, EXC_ILLEGAL_INST, tval, v->arch.ctx.sstatus & SSTATUS_SPP);
}

bool arch_virq_ext_inject(struct vcpu *v, bool light)
{
	bool from_s = light || (v->arch.ctx.sstatus & SSTATUS_SPP); /* a light call's ecall is VS's */
	if (from_s && !(csr_read(vsstatus) & SSTATUS_SIE))
		return false;
	vs_trap_enter(v, 1ul << 63 | IRQ_S_EXT, 0, from_s);
	return true;
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

void arch_fp_load(struct hart *h, struct vcpu *v)
{
	if (h->fp_owner == v || !hart_has_fp())
		return;
	csr_set(sstatus, SSTATUS_FS); /* so that HS may touch the file */
	struct vcpu *old = h->fp_owner;
	if (old && (old->arch.ctx.sstatus & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		fp_save(&old->arch.fp);
	else if (old)
		fp_save_fcsr(&old->arch.fp); /* QEMU 7.2 leaves FS Clean after a guest's fcsr write */
	fp_restore(&v->arch.fp);
	h->fp_owner = v;
	v->arch.ctx.sstatus = (v->arch.ctx.sstatus & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
}

void arch_fp_forget(struct hart *h, struct vcpu *v)
{
	if (h->fp_owner == v)
		h->fp_owner = NULL;
}


void arch_virq_assert(uint64_t bits)
{
	csr_set(hvip, bits);
}

void arch_virq_enable(uint64_t bits) { csr_set(vsie, bits >> 1); /* S-level positions */ }

void arch_virq_retract(uint64_t bits)
{
	csr_clear(hvip, bits);
}

bool arch_virq_asserted(uint64_t bits) { return (csr_read(hvip) & bits) != 0; }

void arch_virq_state(uint64_t *pending, uint64_t *enabled)
{
	*enabled = (csr_read(vsie) << 1) & VS_IRQS; /* vsie uses S-level bit positions */
	/* hip (hvip's bits and Sstc's VSTIP) is what the guest will take, not time against
	 * vstimecmp: QEMU raises VSTIP from a timer of its own, which under load runs well
	 * after time passed vstimecmp, and a wfi ended before then came back at once, again
	 * and again (156 wfi exits in one idle run of test 47, 26 guest interrupts) */
	*pending = csr_read(hip) & VS_IRQS;
}

bool arch_vtimer_set(uint64_t deadline)
{
	if (plat.has_sstc)
		csr_write(vstimecmp, deadline);
	return plat.has_sstc;
}

void arch_sse_inject(struct vcpu *v, uint64_t pc, uint64_t *sepc, uint64_t *iflags)
{
	struct vcpu_ctx *x = &v->arch.ctx;
	uint64_t vs = csr_read(vsstatus);
	*iflags = (vs & SSTATUS_SPP ? SBI_SSE_IFLAGS_SSTATUS_SPP : 0) |
		  (vs & SSTATUS_SPIE ? SBI_SSE_IFLAGS_SSTATUS_SPIE : 0);
	*sepc = csr_read(vsepc);
	csr_write(vsepc, x->sepc);
	vs &= ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
	vs |= (x->sstatus & SSTATUS_SPP) | (csr_read(vsstatus) & SSTATUS_SIE ? SSTATUS_SPIE : 0);
	csr_write(vsstatus, vs);
	x->sepc = pc;
	x->sstatus |= SSTATUS_SPP; /* the handler runs in VS-mode */
}

void arch_sse_complete(struct vcpu *v, uint64_t sepc, uint64_t iflags)
{
	struct vcpu_ctx *x = &v->arch.ctx;
	uint64_t vs = csr_read(vsstatus);
	x->sepc = csr_read(vsepc);
	x->sstatus = (x->sstatus & ~SSTATUS_SPP) | (vs & SSTATUS_SPP);
	vs = (vs & ~(SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP)) | (vs & SSTATUS_SPIE ? SSTATUS_SIE : 0) |
	     (iflags & SBI_SSE_IFLAGS_SSTATUS_SPIE ? SSTATUS_SPIE : 0) |
	     (iflags & SBI_SSE_IFLAGS_SSTATUS_SPP ? SSTATUS_SPP : 0);
	csr_write(vsstatus, vs);
	csr_write(vsepc, sepc);
}

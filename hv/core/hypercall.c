/* Hypercall dispatch: one decode of a7/a6 into the table generated from the ABI's RVPV_CALLS
 * (or the standard SBI extension) and one finish (sepc past the ecall, a0/a1 written back),
 * shared by the light path (switch.S, no full exit) and the full path. Handlers check every
 * argument before they change state; the error a guest sees is always an SBI error code. */
#include "hypercall.h"
#include "vm.h"
#include "vcpu.h"
#include "arch.h"
#include "event.h"
#include "../../sbi/hv/vsbi.h"

typedef void (*hc_fn)(struct hc_call *c);

/* The call's position in RVPV_CALLS, for the per-call counters */
#define HC_X_POS(g, n, ...) HC_POS_##g##_##n,
enum { RVPV_CALLS(HC_X_POS) };
#undef HC_X_POS

#define HC_MAX_FID 16
struct hc_entry {
	hc_fn fn;          /* NULL: no such call */
	uint8_t pos;       /* index into vcpu stats.calls */
	uint8_t flags;     /* RVPV_CALL_* */
};
#define HC_X_ENTRY(g, n, w, fid, minor, flags, ...) \
	[RVPV_EXT_##g - RVPV_EXT_FIRST][fid] = { hc_##g##_##n, HC_POS_##g##_##n, (flags) },
static const struct hc_entry calls[RVPV_EXT_LAST - RVPV_EXT_FIRST + 1][HC_MAX_FID] = {
	RVPV_CALLS(HC_X_ENTRY)
};
#undef HC_X_ENTRY

#define HC_X_FID_OK(g, n, w, fid, ...) _Static_assert((fid) < HC_MAX_FID, "function id too large");
RVPV_CALLS(HC_X_FID_OK)
#undef HC_X_FID_OK
/* switch.S answers the FAST row with 0, 0 and no effect: exactly one row, without arguments */
#define HC_X_FAST_COUNT(g, n, w, fid, minor, flags, ...) + HV_X_FAST_IS(flags)
#define HC_X_FAST_NARGS(g, n, w, fid, minor, flags, nargs, args) + HV_X_FAST_IS(flags) * (nargs)
_Static_assert((0 RVPV_CALLS(HC_X_FAST_COUNT)) == 1, "one RVPV_CALL_FAST row");
_Static_assert((0 RVPV_CALLS(HC_X_FAST_NARGS)) == 0, "the fast call takes no argument");
#undef HC_X_FAST_COUNT
#undef HC_X_FAST_NARGS
_Static_assert(HV_FAST_EXT == RVPV_EXT_CORE && HV_FAST_FID == RVPV_FN_CORE_NULL_CALL,
	       "switch.S fast path answers CORE_NULL_CALL");

/* Where a call goes: its handler (NULL: NOT_SUPPORTED), the counter it bumps (NULL: none) and
 * whether the light path may answer it. */
struct hc_route {
	hc_fn fn;
	uint64_t *count;
	bool light;
};

/* The one decode of a7/a6, one switch (a GNU case range for the rvpv groups) so that the
 * compiler's decision tree reaches the light SBI calls as fast as the rvpv ones: BASE
 * probe_extension (switch.S answers the other BASE calls), TIME and IPI. */
static inline struct hc_route hc_decode(struct vcpu *v, uint64_t ext, uint64_t fid)
{
	const struct vsbi_ext *s;
	switch (ext) {
	case RVPV_EXT_FIRST ... RVPV_EXT_LAST: {
		const struct hc_entry *e = &calls[ext - RVPV_EXT_FIRST][fid < HC_MAX_FID ? fid : 0];
		if (fid >= HC_MAX_FID || !e->fn)
			return (struct hc_route){ NULL, NULL, false };
		return (struct hc_route){ e->fn, &v->stats.calls[e->pos], e->flags & RVPV_CALL_LIGHT };
	}
	case SBI_EXT_TIME:
		return (struct hc_route){ vsbi_time.handle, &v->stats.sbi_calls, true };
	case SBI_EXT_IPI:
		return (struct hc_route){ vsbi_ipi.handle, &v->stats.sbi_calls, true };
	case SBI_EXT_BASE:
		return (struct hc_route){ vsbi_base.handle, &v->stats.sbi_calls, true };
	default:
		s = vsbi_find(ext);
		return (struct hc_route){ s ? s->handle : NULL, &v->stats.sbi_calls, false };
	}
}

/* a0/a1 as the guest sees them */
static void write_result(struct vcpu_ctx *x, struct hc_call *c)
{
	if (c->legacy) {
		x->x[REG_A0] = c->value;
		return;
	}
	/* anything outside the SBI error range is a hypervisor slip: report it as FAILED */
	if (c->error > 0 || c->error < SBI_ERR_LOWEST)
		c->error = SBI_ERR_FAILED;
	x->x[REG_A0] = (uint64_t)c->error;
	x->x[REG_A1] = c->error ? 0 : c->value;
}

/* Runs a decoded call and finishes it, for both paths. sepc moves past the ecall (never
 * compressed) before the handler, so a handler that resumes the vCPU elsewhere wins. */
static inline enum run_result hc_run(struct vcpu *v, struct hc_route r)
{
	struct vcpu_ctx *x = &v->arch.ctx;
	struct hc_call c = {
		.v = v, .ext = x->x[REG_A7], .fid = x->x[REG_A6],
		.a = { x->x[REG_A0], x->x[REG_A1], x->x[REG_A2], x->x[REG_A3], x->x[REG_A4], x->x[REG_A5] },
		.error = SBI_ERR_NOT_SUPPORTED, .next = RUN_CONTINUE,
	};
	x->sepc += 4;
	if (r.count)
		(*r.count)++;
	if (r.fn)
		r.fn(&c);
	if (!c.no_return)
		write_result(x, &c);
	return c.next;
}

/* VSEIP is level: it means "a port bound to this vCPU is pending and unmasked" and is
 * re-derived from the event page rather than replayed. A queued raise whose port the guest
 * already acknowledged (it polls the page) would otherwise assert VSEIP with nothing left to
 * EOI, and the guest would take that interrupt forever (seen as a livelock on two harts). */
void vcpu_apply_irqs(struct vcpu *v, bool light)
{
	uint64_t set = 0;
	if (v->irq_set | v->irq_clear) {
		uint64_t clr = __atomic_exchange_n(&v->irq_clear, 0, __ATOMIC_SEQ_CST);
		set = __atomic_exchange_n(&v->irq_set, 0, __ATOMIC_SEQ_CST);
		arch_virq_retract(clr);
		arch_virq_assert(set & ~ARCH_VIRQ_EXT);
	}
	if (v->vm->ev_self_ack)
		event_settle(v, light, set & ARCH_VIRQ_EXT);
	else if (set & ARCH_VIRQ_EXT)
		event_recheck(v);
}

enum run_result hypercall_dispatch(struct vcpu *v)
{
	return hc_run(v, hc_decode(v, v->arch.ctx.x[REG_A7], v->arch.ctx.x[REG_A6]));
}

/* Called by switch.S for every ecall with only the caller-saved registers and sepc in ctx (the
 * vCPU is current on this hart); false sends the exit down the full path. Light calls never
 * block, switch or stop the caller, so the run loop need not see them: a raise aimed at the
 * caller goes into hvip before the return, and waking another vCPU needs no run loop. */
bool hypercall_light(struct vcpu *v)
{
	struct hc_route r = hc_decode(v, v->arch.ctx.x[REG_A7], v->arch.ctx.x[REG_A6]);
	if (!r.light)
		return false;
	v->stats.exits[ARCH_STAT_ECALL]++;
	hc_run(v, r);
	if (v->irq_set | v->irq_clear)
		vcpu_apply_irqs(v, true);
	return true;
}

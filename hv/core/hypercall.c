/* Hypercall dispatch: unpacks a7/a6/a0-a5, finds the handler in the table generated from the
 * ABI's RVPV_CALLS (or the standard SBI extension), and writes a0/a1 back. Handlers check every
 * argument before they change state; the error a guest sees is always an SBI error code. */
#include "hypercall.h"
#include "vm.h"
#include "vcpu.h"
#include "csr.h"
#include "event.h"

extern const struct vsbi_ext vsbi_base, vsbi_time, vsbi_ipi;

typedef void (*hc_fn)(struct hc_call *c);

#define HC_MAX_FID 16
#define HC_X_ENTRY(g, n, fid, minor) [RVPV_EXT_##g - RVPV_EXT_FIRST][fid] = hc_##g##_##n,
static const hc_fn table[RVPV_EXT_LAST - RVPV_EXT_FIRST + 1][HC_MAX_FID] = { RVPV_CALLS(HC_X_ENTRY) };
#undef HC_X_ENTRY

/* 1 + the call's position in RVPV_CALLS, for the per-call counters */
#define HC_X_POS(g, n, fid, minor) HC_POS_##g##_##n,
enum { RVPV_CALLS(HC_X_POS) };
#undef HC_X_POS
#define HC_X_INDEX(g, n, fid, minor) [RVPV_EXT_##g - RVPV_EXT_FIRST][fid] = HC_POS_##g##_##n + 1,
static const uint8_t call_index[RVPV_EXT_LAST - RVPV_EXT_FIRST + 1][HC_MAX_FID] = { RVPV_CALLS(HC_X_INDEX) };
#undef HC_X_INDEX

#define HC_X_FID_OK(g, n, fid, minor) _Static_assert((fid) < HC_MAX_FID, "function id too large");
RVPV_CALLS(HC_X_FID_OK)
#undef HC_X_FID_OK

_Static_assert(HV_FAST_NULL_FID == RVPV_FN_CORE_NULL_CALL, "switch.S fast path uses the null call's id");

/* a0/a1 as the guest sees them, for the full and the light path alike */
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

/* VSEIP is level: it means "a port bound to this vCPU is pending and unmasked" and is
 * re-derived from the event page rather than replayed. A queued raise whose port the guest
 * already acknowledged (it polls the page) would otherwise assert VSEIP with nothing left to
 * EOI, and the guest would take that interrupt forever (seen as a livelock on two harts). */
void vcpu_apply_irqs(struct vcpu *v)
{
	if (v->irq_set | v->irq_clear) {
		uint64_t clr = __atomic_exchange_n(&v->irq_clear, 0, __ATOMIC_SEQ_CST);
		uint64_t set = __atomic_exchange_n(&v->irq_set, 0, __ATOMIC_SEQ_CST);
		csr_clear(hvip, clr);
		csr_set(hvip, set & ~MIP_VSEIP);
		if (set & MIP_VSEIP)
			event_recheck(v);
	}
}

enum run_result hypercall_dispatch(struct vcpu *v)
{
	struct vcpu_ctx *x = &v->ctx;
	struct hc_call c = {
		.v = v, .ext = x->x[REG_A7], .fid = x->x[REG_A6],
		.a = { x->x[REG_A0], x->x[REG_A1], x->x[REG_A2], x->x[REG_A3], x->x[REG_A4], x->x[REG_A5] },
		.error = SBI_ERR_NOT_SUPPORTED, .next = RUN_CONTINUE,
	};
	x->sepc += 4; /* ecall is never compressed */
	if (c.ext >= RVPV_EXT_FIRST && c.ext <= RVPV_EXT_LAST) {
		hc_fn fn = c.fid < HC_MAX_FID ? table[c.ext - RVPV_EXT_FIRST][c.fid] : NULL;
		if (fn) {
			v->stats.calls[call_index[c.ext - RVPV_EXT_FIRST][c.fid] - 1]++;
			fn(&c);
		}
	} else {
		v->stats.sbi_calls++;
		const struct vsbi_ext *e = vsbi_find(c.ext);
		if (e)
			e->handle(&c);
	}
	if (!c.no_return)
		write_result(x, &c);
	return c.next;
}

/* Calls switch.S answers on its light path: they never block, switch or stop the caller, so
 * the run loop need not see them; a raise aimed at the caller goes into hvip before the
 * return, and waking another vCPU needs no run loop (nor would the full path preempt for it).
 * NULL if not light. */
static hc_fn light_handler(uint64_t ext, uint64_t fid)
{
	switch (ext) {
	case SBI_EXT_BASE: /* probe_extension; switch.S answers the others */
		return vsbi_base.handle;
	case SBI_EXT_TIME:
		return vsbi_time.handle;
	case SBI_EXT_IPI:
		return vsbi_ipi.handle;
	case RVPV_EXT_CORE:
		return fid == RVPV_FN_CORE_GET_VERSION || fid == RVPV_FN_CORE_GET_FEATURES
			       ? table[ext - RVPV_EXT_FIRST][fid] : NULL;
	case RVPV_EXT_CPU:
		return fid == RVPV_FN_CPU_SET_TIMER || fid == RVPV_FN_CPU_VCPU_ID ||
			       fid == RVPV_FN_CPU_VCPU_COUNT || fid == RVPV_FN_CPU_SEND_IPI
			       ? table[ext - RVPV_EXT_FIRST][fid] : NULL;
	case RVPV_EXT_EVENT:
		return fid == RVPV_FN_EVENT_EOI || fid == RVPV_FN_EVENT_SEND ? table[ext - RVPV_EXT_FIRST][fid] : NULL;
	default:
		return NULL;
	}
}

/* Called by switch.S for every ecall with only the caller-saved registers in ctx (the vCPU
 * is current on this hart; switch.S advances sepc); false sends the exit down the full path.
 * Every light call's result is an SBI error code, never legacy. */
bool hypercall_light(struct vcpu *v)
{
	struct vcpu_ctx *x = &v->ctx;
	uint64_t ext = x->x[REG_A7], fid = x->x[REG_A6];
	hc_fn fn = light_handler(ext, fid);
	if (!fn)
		return false;
	struct hc_call c = {
		.v = v, .ext = ext, .fid = fid,
		.a = { x->x[REG_A0], x->x[REG_A1], x->x[REG_A2], x->x[REG_A3], x->x[REG_A4], x->x[REG_A5] },
		.error = SBI_ERR_NOT_SUPPORTED,
	};
	v->stats.exits[EXC_ECALL_VS]++;
	if (ext >= RVPV_EXT_FIRST && ext <= RVPV_EXT_LAST)  /* SBI TIME's id lies above them */
		v->stats.calls[call_index[ext - RVPV_EXT_FIRST][fid] - 1]++;
	else
		v->stats.sbi_calls++;
	fn(&c);
	write_result(x, &c);
	if (v->irq_set | v->irq_clear)
		vcpu_apply_irqs(v);
	return true;
}

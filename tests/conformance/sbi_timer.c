/* Standard SBI cases: TIME (the timer fires, a new deadline clears it), IPI and RFENCE,
 * including their invalid hart masks. */
#include "conf.h"

static struct rvpv_sbiret set_timer(uint64_t t)
{
	return rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, t);
}

void sbi_cases_time(void)
{
	uint64_t deadline;
	struct rvpv_sbiret r;

	tap_group("time", "set_timer");
	deadline = rd_time() + 2 * CONF_TICKS_MS;
	r = set_timer(deadline);
	tap_expect(r, 0, "future-deadline");
	tap_ok(wait_sip(SIP_STIP) != 0, "fires", "no timer interrupt pending after the deadline");
	tap_ok(rd_time() >= deadline, "not-before-deadline", "time %lx < deadline %lx",
	       rd_time(), deadline);
	set_timer(UINT64_MAX);
	irq_forget(SIP_STIP);
	tap_ok(!irq_pending(SIP_STIP), "new-deadline-clears-pending", "sip %lx", rd_sip());
	set_timer(0);
	tap_ok(wait_sip(SIP_STIP) != 0, "past-deadline-fires", "sip %lx", rd_sip());
	timer_cancel();
	irq_forget(SIP_STIP);
	tap_ok(!irq_pending(SIP_STIP), "cancel-clears-pending", "sip %lx", rd_sip());
	tap_group("time", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_TIME, 1), SBI_ERR_NOT_SUPPORTED, "fid-1");
}

static struct rvpv_sbiret send_ipi(uint64_t mask, uint64_t base)
{
	return rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, mask, base);
}

/* An IPI to ourselves shows as sip.SSIP, which S-mode may clear. */
static void ipi_self(struct rvpv_sbiret r, const char *name)
{
	uint64_t got = r.error ? 0 : wait_sip(SIP_SSIP);

	tap_ok(r.error == 0 && got, name, "error %ld, sip %lx", r.error, rd_sip());
	sip_clear(SIP_SSIP);
}

/* An IPI to another hart: that hart's own trap handler takes SSIP (scause 1), the sender's
 * does not. */
static void ipi_other(void)
{
	uint64_t other = env.self ? 0 : 1;
	struct smp_ctx *c = smp_prepare(other, 0);

	c->wait_irq = SIP_SSIP;
	if (rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, other, GPA(smp_entry), GPA(c)).error ||
	    !wait_flag(&c->ready)) {
		tap_ok(0, "other-hart-receives", "hart %lu did not start", other);
		return;
	}
	sip_clear(SIP_SSIP);
	irq_taken_reset();
	tap_expect(send_ipi(1ull << other, 0), 0, "to-other-hart");
	tap_ok(wait_flag(&c->done) && c->irq_seen && (c->irq_taken & SIP_SSIP),
	       "other-hart-receives", "hart %lu saw %lu, took sip bits %lx", other, c->irq_seen,
	       c->irq_taken);
	tap_ok(!irq_pending(SIP_SSIP) && !(irq_taken_here() & SIP_SSIP), "sender-not-interrupted",
	       "sip %lx, took %lx", rd_sip(), irq_taken_here());
	sip_clear(SIP_SSIP);
	c->release = 1;
	poll_status(other, SBI_HSM_STATE_STOPPED, 0);
}

void sbi_cases_ipi(void)
{
	tap_group("ipi", "send_ipi");
	sip_clear(SIP_SSIP);
	ipi_self(send_ipi(1ull << env.self, 0), "self-by-mask");
	ipi_self(send_ipi(1, env.self), "self-by-base");
	ipi_self(send_ipi(0, UINT64_MAX), "broadcast");
	tap_expect(send_ipi(0, 0), 0, "empty-mask");
	if (env.rvpv) {
		tap_expect(send_ipi(1, env.ncpus), SBI_ERR_INVALID_PARAM, "base-no-such-hart");
		tap_expect(send_ipi((1ull << env.self) | (1ull << 63), 0), SBI_ERR_INVALID_PARAM,
			   "mask-bit-no-such-hart");
		tap_ok(!(rd_sip() & SIP_SSIP), "invalid-mask-sends-nothing", "sip %lx", rd_sip());
	} else {
		tap_skip("base-no-such-hart", "SBI 2.0 rule; rvpv only");
	}
	sip_clear(SIP_SSIP);
	if (env.ncpus >= 2)
		ipi_other();
	tap_group("ipi", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_IPI, 1), SBI_ERR_NOT_SUPPORTED, "fid-1");
}

static struct rvpv_sbiret sbi_flush(uint64_t va, uint64_t size)
{
	return rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, 1ull << env.self, 0, va, size);
}

static struct rvpv_sbiret sbi_flush_other(uint64_t hart, uint64_t va, uint64_t size)
{
	return rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, 1ull << hart, 0, va, size);
}

void sbi_cases_rfence(void)
{
	uint64_t me = 1ull << env.self;

	tap_group("rfence", "remote_fence_i");
	tap_expect(rvpv_sbi_call2(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_FENCE_I, me, 0), 0, "self");
	tap_expect(rvpv_sbi_call2(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_FENCE_I, 0, UINT64_MAX), 0,
		   "broadcast");
	tap_group("rfence", "remote_sfence_vma");
	tap_expect(rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, me, 0, 0, 0), 0,
		   "everything");
	tap_expect(rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, me, 0, 0x1000, 0x2000),
		   0, "range");
	tap_expect(rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, me, 0, 0, UINT64_MAX),
		   0, "size-all-ones");
	paging_flush_case(sbi_flush, "drops-stale-translation");
	paging_remote_flush_case(sbi_flush_other, env.self ? 0 : 1, 0,
				 "other-hart-sees-new-mapping");
	paging_fence_storm_case(sbi_flush_other, env.self ? 0 : 1, 0, "many-fences-at-a-spinning-hart");
	tap_group("rfence", "remote_sfence_vma_asid");
	tap_expect(rvpv_sbi_call5(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA_ASID, me, 0, 0,
			     UINT64_MAX, 1), 0, "asid-1");
	if (env.rvpv) {
		tap_group("rfence", "invalid");
		tap_expect(rvpv_sbi_call2(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_FENCE_I, 1, env.ncpus),
			   SBI_ERR_INVALID_PARAM, "fence_i-base-no-such-hart");
		tap_expect(rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, me | 1ull << 63,
				     0, 0, 0), SBI_ERR_INVALID_PARAM, "sfence-mask-no-such-hart");
		tap_expect(rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, me, 0,
				     UINT64_MAX - 4095, 8192), SBI_ERR_INVALID_ADDRESS, "sfence-range-wraps");
		for (uint64_t f = SBI_RFENCE_REMOTE_HFENCE_GVMA_VMID;
		     f <= SBI_RFENCE_REMOTE_HFENCE_VVMA; f++)
			tap_expect(rvpv_sbi_call2(SBI_EXT_RFENCE, f, me, 0), SBI_ERR_NOT_SUPPORTED,
				   "hfence-not-supported");
	}
	tap_group("rfence", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_RFENCE, 7), SBI_ERR_NOT_SUPPORTED, "fid-7");
}

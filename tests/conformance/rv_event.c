/* rvpv EVENT cases: event page registration, binding sources to ports (timer, IPI, self),
 * delivery through the pending bits and SEIP, masking, EOI, unbinding and sending. */
#include "conf.h"

#define P_SELF  5
#define P_TIMER 6
#define P_IPI   7
#define P_SELF2 8
#define P_OTHER 9
#define P_RACE  10
#define RACE_ROUNDS 2000

static volatile struct rvpv_event_page *page(void)
{
	return (volatile struct rvpv_event_page *)(void *)scratch[1];
}

static int pending(unsigned port)
{
	return (page()->pending[port / 64] >> (port % 64)) & 1;
}

static void clear_pending(unsigned port)
{
	__atomic_fetch_and((uint64_t *)&page()->pending[port / 64], ~(1ull << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

static void set_mask(unsigned port, int on)
{
	if (on)
		page()->mask[port / 64] |= 1ull << (port % 64);
	else
		page()->mask[port / 64] &= ~(1ull << (port % 64));
	__asm__ volatile("fence rw, rw" ::: "memory");
}

static struct rvpv_sbiret bind(uint64_t port, uint64_t src, uint64_t arg, uint64_t vcpu)
{
	return rvpv_event_bind(port, src, arg, vcpu);
}

/* Whether the VS external interrupt is asserted now: taken in a short window, as a fresh
 * observation (sip alone does not show it under QEMU 7.2). */
static int seip(void)
{
	irq_forget(SIP_SEIP);
	return irq_pending(SIP_SEIP) != 0;
}

/* BLOCK until the port is pending (bounded), with SEIP enabled as the wake-up. */
static int wait_port(unsigned port)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS;

	sie_set(SIP_SEIP);
	while (!pending(port) && rd_time() < end)
		rvpv_cpu_block();
	sie_clear(SIP_SEIP);
	return pending(port);
}

void conf_EVENT_REGISTER_PAGE(void)
{
	uint64_t pg = GPA(scratch[1]);

	tap_expect(bind(P_SELF, RVPV_EVSRC_SELF, 0, env.self), SBI_ERR_NO_SHMEM,
		   "bind-before-register");
	tap_expect(rvpv_event_send(P_SELF), SBI_ERR_INVALID_PARAM, "send-before-register");
	tap_expect(rvpv_event_register_page(pg + 64, 0), SBI_ERR_INVALID_ADDRESS, "misaligned");
	tap_expect(rvpv_event_register_page(0, 0), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_event_register_page(0x10000000ull, 0), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_event_register_page(env.ram_end, 0), SBI_ERR_INVALID_ADDRESS,
		   "past-ram");
	tap_expect(rvpv_event_register_page(0xfffffffffffff000ull, 0), SBI_ERR_INVALID_ADDRESS,
		   "last-page-of-address-space");
	/* bit 0 is RVPV_EVENT_F_SELF_ACK since 1.3 (this suite acknowledges with EOI) */
	if ((rvpv_core_get_version().value & 0xffff) < 3)
		tap_expect(rvpv_event_register_page(pg, 1), SBI_ERR_INVALID_PARAM, "nonzero-flags");
	tap_expect(rvpv_event_register_page(pg, 2), SBI_ERR_INVALID_PARAM, "flags-bit-1");
	tap_expect(rvpv_event_register_page(pg, RVPV_EVENT_F_SELF_ACK | 2), SBI_ERR_INVALID_PARAM,
		   "self-ack-and-bit-1");
	tap_expect(rvpv_event_register_page(pg, 1ull << 63), SBI_ERR_INVALID_PARAM,
		   "flags-bit-63");
	tap_expect_val(rvpv_event_register_page(pg, 0), 0, 0, "valid");
	tap_expect(rvpv_event_register_page(pg, 0), SBI_ERR_ALREADY_AVAILABLE, "repeated");
	tap_expect(rvpv_event_register_page(GPA(scratch[2]), 0), SBI_ERR_ALREADY_AVAILABLE,
		   "second-page");
}

void conf_EVENT_BIND(void)
{
	uint64_t n = env.ncpus, t;

	tap_expect(bind(RVPV_EVENT_PORTS, RVPV_EVSRC_SELF, 0, env.self), SBI_ERR_INVALID_PARAM,
		   "port-512");
	tap_expect(bind(UINT64_MAX, RVPV_EVSRC_SELF, 0, env.self), SBI_ERR_INVALID_PARAM,
		   "port-all-ones");
	tap_expect(bind(P_SELF, 0, 0, env.self), SBI_ERR_INVALID_PARAM, "source-0");
	/* 6 is RVPV_EVSRC_BALLOON since 1.2 (its cases are MEM_BALLOON_TARGET's) */
	if ((rvpv_core_get_version().value & 0xffff) < 2)
		tap_expect(bind(P_SELF, 6, 0, env.self), SBI_ERR_INVALID_PARAM, "source-6");
	tap_expect(bind(P_SELF, 7, 0, env.self), SBI_ERR_INVALID_PARAM, "source-7");
	tap_expect(bind(P_SELF, RVPV_EVSRC_SELF, 0, n), SBI_ERR_INVALID_PARAM, "vcpu-is-count");
	tap_expect(bind(P_SELF, RVPV_EVSRC_SELF, 1, env.self), SBI_ERR_INVALID_PARAM,
		   "self-arg-nonzero");
	tap_expect(bind(P_TIMER, RVPV_EVSRC_TIMER, n, env.self), SBI_ERR_INVALID_PARAM,
		   "timer-arg-no-such-vcpu");
	tap_expect(bind(P_IPI, RVPV_EVSRC_IPI, n, env.self), SBI_ERR_INVALID_PARAM,
		   "ipi-arg-no-such-vcpu");
	tap_expect(bind(P_OTHER, RVPV_EVSRC_CONSOLE_IN, 1, env.self), SBI_ERR_INVALID_PARAM,
		   "console-arg-nonzero");
	tap_expect(bind(P_OTHER, RVPV_EVSRC_BLOCK, 1u << 16, env.self), SBI_ERR_INVALID_PARAM,
		   "block-no-such-device");
	tap_expect(bind(P_OTHER, RVPV_EVSRC_BLOCK, 1, env.self), SBI_ERR_INVALID_PARAM,
		   "block-no-such-queue");
	tap_expect_val(bind(P_SELF, RVPV_EVSRC_SELF, 0, env.self), 0, 0, "self-valid");
	tap_expect(bind(P_SELF, RVPV_EVSRC_SELF, 0, env.self), SBI_ERR_ALREADY_AVAILABLE,
		   "port-already-bound");
	tap_expect(bind(P_SELF2, RVPV_EVSRC_SELF, 0, env.self), 0, "second-self-port");
	tap_expect(bind(P_TIMER, RVPV_EVSRC_TIMER, env.self, env.self), 0, "timer-valid");
	tap_expect(bind(P_OTHER, RVPV_EVSRC_TIMER, env.self, env.self), SBI_ERR_ALREADY_AVAILABLE,
		   "timer-source-already-bound");

	/* The timer now sets the port (and SEIP), not STIP. */
	t = rd_time() + 2 * CONF_TICKS_MS;
	rvpv_cpu_set_timer(t);
	tap_ok(wait_port(P_TIMER), "timer-sets-port", "pending %lx", page()->pending[0]);
	tap_ok(rd_time() >= t, "timer-port-not-early", "");
	irq_forget(SIP_STIP);
	tap_ok(!irq_pending(SIP_STIP), "timer-port-not-stip", "sip %lx", rd_sip());
	tap_ok(seip(), "timer-port-raises-seip", "sip %lx", rd_sip());
	clear_pending(P_TIMER);
	rvpv_event_eoi();

	sip_clear(SIP_SSIP);
	tap_expect(bind(P_IPI, RVPV_EVSRC_IPI, env.self, env.self), 0, "ipi-valid");
	rvpv_cpu_send_ipi(1ull << env.self, 0);
	tap_ok(wait_port(P_IPI), "ipi-sets-port", "pending %lx", page()->pending[0]);
	tap_ok(!(rd_sip() & SIP_SSIP), "ipi-port-not-ssip", "sip %lx", rd_sip());
	clear_pending(P_IPI);
	rvpv_event_eoi();

	if (n > 1) {
		struct smp_ctx *c = smp_prepare(1, 1);

		/* vCPU 1 waits for SEIP; EVENT_SEND on a port bound to it must wake it. */
		tap_expect(bind(P_OTHER, RVPV_EVSRC_SELF, 0, 1), 0, "bound-to-other-vcpu");
		c->wait_irq = SIP_SEIP;
		if (rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c)).error == 0 &&
		    wait_flag(&c->ready)) {
			irq_taken_reset();
			rvpv_event_send(P_OTHER);
			tap_ok(pending(P_OTHER), "other-vcpu-port-pending", "");
			/* vCPU 1 itself must take SEIP (scause 9 in its own trap handler) */
			tap_ok(wait_flag(&c->done) && c->irq_seen && (c->irq_taken & SIP_SEIP),
			       "send-wakes-other-vcpu", "vCPU 1 saw %lu, took sip bits %lx", c->irq_seen,
			       c->irq_taken);
			tap_ok(!seip() && !(irq_taken_here() & SIP_SEIP), "other-vcpu-port-not-our-seip",
			       "sip %lx, vCPU 0 took %lx", rd_sip(), irq_taken_here());
			clear_pending(P_OTHER);
			c->release = 1;
			poll_status(1, RVPV_VCPU_STOPPED, 1);
		} else {
			tap_ok(0, "send-wakes-other-vcpu", "vCPU 1 did not start");
		}
		rvpv_event_unbind(P_OTHER);
	}
}

void conf_EVENT_UNBIND(void)
{
	tap_expect_val(rvpv_event_unbind(P_SELF2), 0, 0, "valid");
	tap_expect(rvpv_event_unbind(P_SELF2), SBI_ERR_INVALID_PARAM, "not-bound");
	tap_expect(rvpv_event_unbind(100), SBI_ERR_INVALID_PARAM, "never-bound");
	tap_expect(rvpv_event_unbind(RVPV_EVENT_PORTS), SBI_ERR_INVALID_PARAM, "port-512");
	tap_expect(rvpv_event_send(P_SELF2), SBI_ERR_INVALID_PARAM, "send-after-unbind");
	/* Unbinding the timer port gives the timer back to STIP; the source is free again. */
	tap_expect(rvpv_event_unbind(P_TIMER), 0, "timer-port");
	sie_set(SIP_STIP);
	rvpv_cpu_set_timer(0);
	tap_ok(wait_sip(SIP_STIP) != 0, "timer-back-to-stip", "sip %lx", rd_sip());
	tap_ok(!pending(P_TIMER), "unbound-port-not-set", "");
	rvpv_cpu_set_timer(UINT64_MAX);
	sie_clear(SIP_STIP);
	tap_expect(bind(P_SELF2, RVPV_EVSRC_TIMER, env.self, env.self), 0, "source-free-again");
	rvpv_event_unbind(P_SELF2);
	tap_expect(rvpv_event_unbind(P_IPI), 0, "ipi-port");
	rvpv_cpu_send_ipi(1ull << env.self, 0);
	tap_ok(wait_sip(SIP_SSIP) != 0, "ipi-back-to-ssip", "sip %lx", rd_sip());
	sip_clear(SIP_SSIP);
}

static void eoi_race(void);

void conf_EVENT_EOI(void)
{
	tap_expect_val(rvpv_event_eoi(), 0, 0, "nothing-pending");
	tap_ok(!seip(), "nothing-pending-no-seip", "sip %lx", rd_sip());
	rvpv_event_send(P_SELF);
	tap_ok(seip(), "send-raises-seip", "sip %lx", rd_sip());
	rvpv_event_eoi();
	tap_ok(seip(), "eoi-with-pending-keeps-seip", "sip %lx", rd_sip());
	clear_pending(P_SELF);
	tap_expect(rvpv_event_eoi(), 0, "after-clearing");
	tap_ok(!seip(), "eoi-drops-seip", "sip %lx", rd_sip());
	set_mask(P_SELF, 1);
	rvpv_event_send(P_SELF);
	tap_ok(pending(P_SELF), "masked-port-still-pending", "");
	tap_ok(!seip(), "masked-port-no-seip", "sip %lx", rd_sip());
	set_mask(P_SELF, 0);
	rvpv_event_eoi();
	tap_ok(seip(), "unmask-then-eoi-raises", "sip %lx", rd_sip());
	clear_pending(P_SELF);
	rvpv_event_eoi();
	if (env.ncpus > 1)
		eoi_race();
}

/* vCPU 1 of the race case: raise vCPU 0's port, wait until vCPU 0 has polled it away. */
static void race_sender(struct smp_ctx *c)
{
	for (uint64_t i = 0; i < c->job_arg; i++) {
		if (rvpv_event_send(P_RACE).error)
			return;
		uint64_t end = rd_time() + CONF_WAIT_TICKS;
		while (pending(P_RACE) && rd_time() < end)
			;
	}
}

/* A guest may take events by polling the page instead of the interrupt. A raise from another
 * hart whose bit the guest has already cleared and EOI'd must not leave SEIP asserted with
 * nothing pending: no EOI would ever be owed, and a guest that trusts SEIP loops (seen as a
 * pv-guest livelock on two harts). Only vCPU 0 clears the bit, so an SEIP it takes while
 * the bit reads 0 is stale. Timing-dependent in what it provokes, exact in what it accepts. */
static void eoi_race(void)
{
	struct smp_ctx *c = smp_prepare(1, 1);
	uint64_t polled = 0, stale = 0;

	if (bind(P_RACE, RVPV_EVSRC_SELF, 0, env.self).error) {
		tap_ok(0, "poll-race-no-stale-seip", "bind failed");
		return;
	}
	c->job = race_sender;
	c->job_arg = RACE_ROUNDS;
	if (rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c)).error == 0) {
		/* bounded by progress, not by the clock: a loaded host only makes rounds slower */
		uint64_t last = rd_time();
		while (!c->done && rd_time() - last < CONF_WAIT_TICKS) {
			if (pending(P_RACE)) {
				clear_pending(P_RACE);
				rvpv_event_eoi();
				polled++;
				last = rd_time();
			}
			if (seip() && !pending(P_RACE)) {
				stale++;
				rvpv_event_eoi();  /* so one stale raise is counted once */
			}
		}
		tap_ok(c->done && polled == RACE_ROUNDS && stale == 0, "poll-race-no-stale-seip",
		       "%lu of %d raises polled, %lu stale SEIP", polled, RACE_ROUNDS, stale);
		c->release = 1;
		poll_status(1, RVPV_VCPU_STOPPED, 1);
	} else {
		tap_ok(0, "poll-race-no-stale-seip", "vCPU 1 did not start");
	}
	rvpv_event_unbind(P_RACE);
}

void conf_EVENT_SEND(void)
{
	tap_expect_val(rvpv_event_send(P_SELF), 0, 0, "valid");
	tap_ok(pending(P_SELF), "sets-pending-bit", "pending %lx", page()->pending[0]);
	clear_pending(P_SELF);
	rvpv_event_eoi();
	tap_expect(rvpv_event_send(RVPV_EVENT_PORTS), SBI_ERR_INVALID_PARAM, "port-512");
	tap_expect(rvpv_event_send(200), SBI_ERR_INVALID_PARAM, "unbound-port");
	rvpv_event_bind(P_TIMER, RVPV_EVSRC_TIMER, env.self, env.self);
	tap_expect(rvpv_event_send(P_TIMER), SBI_ERR_INVALID_PARAM, "port-not-self-source");
	rvpv_event_unbind(P_TIMER);
	tap_ok(!pending(P_TIMER), "rejected-send-sets-nothing", "");
	rvpv_event_unbind(P_SELF);
}

static uint64_t rd_sie(void)
{
	uint64_t v;
	__asm__ volatile("csrr %0, sie" : "=r"(v));
	return v;
}

/* Booted with "selfack" (configs/conformance-selfack.conf, test 71-conf-selfack): the event
 * page registered with RVPV_EVENT_F_SELF_ACK (ABI 1.3), and the guest acknowledges by
 * clearing sie.SEIE instead of calling EOI (this suite's trap handler clears it when it takes
 * SEIP). Each raise must set sie.SEIE again, a masked one must not, EOI still re-evaluates,
 * and a vCPU blocked with sie.SEIE clear must be woken by a raise. */
void conf_event_self_ack(void)
{
	uint64_t pg = GPA(scratch[1]), t, end;

	tap_group("event", "self_ack");
	tap_expect(rvpv_event_register_page(pg, RVPV_EVENT_F_SELF_ACK | 2), SBI_ERR_INVALID_PARAM,
		   "unknown-flag-with-self-ack");
	tap_expect_val(rvpv_event_register_page(pg, RVPV_EVENT_F_SELF_ACK), 0, 0, "register");
	tap_expect(bind(P_SELF, RVPV_EVSRC_SELF, 0, env.self), 0, "bind-self");
	for (int round = 0; round < 2; round++) {
		sie_clear(SIP_SEIP);
		rvpv_event_send(P_SELF);
		tap_ok(rd_sie() & SIP_SEIP, round ? "raise-sets-seie-again-without-eoi" : "raise-sets-seie",
		       "sie %lx", rd_sie());
		irq_forget(SIP_SEIP);
		tap_ok(irq_pending(SIP_SEIP), round ? "taken-again" : "taken", "sip %lx", rd_sip());
		clear_pending(P_SELF);
	}
	/* Nothing stays asserted behind an acknowledgement: QEMU 7.2 ran Linux at half speed while
	 * any mip bit was set, enabled or not. A raise the vCPU can take at once (sstatus.SIE set)
	 * is taken as the call returns; the handler clears SEIE (and so acknowledges), so setting
	 * SEIE again with no exit in between must find no SEIP. */
	sie_clear(SIP_SEIP);
	irq_taken_reset();
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
	rvpv_event_send(P_SELF);
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
	tap_ok(irq_taken_here() & SIP_SEIP, "taken-at-return", "taken %lx", irq_taken_here());
	irq_forget(SIP_SEIP);
	tap_ok(!irq_pending(SIP_SEIP), "nothing-asserted-after-taken", "sip %lx", rd_sip());
	clear_pending(P_SELF);
	/* A raise it cannot take (sstatus.SIE clear) asserts SEIP; taken later and acknowledged,
	 * with its port drained, it is gone after the next exit (a yield) */
	rvpv_event_send(P_SELF);
	tap_ok(irq_pending(SIP_SEIP), "masked-then-taken", "sip %lx", rd_sip());
	clear_pending(P_SELF);
	rvpv_cpu_yield();
	irq_forget(SIP_SEIP);
	tap_ok(!irq_pending(SIP_SEIP), "acknowledged-gone-after-exit", "sip %lx", rd_sip());
	set_mask(P_SELF, 1);
	sie_clear(SIP_SEIP);
	rvpv_event_send(P_SELF);
	tap_ok(pending(P_SELF) && !(rd_sie() & SIP_SEIP), "masked-raise-leaves-seie-clear",
	       "sie %lx pending %d", rd_sie(), pending(P_SELF));
	set_mask(P_SELF, 0);
	rvpv_event_eoi();
	tap_ok(rd_sie() & SIP_SEIP, "eoi-after-unmask-sets-seie", "sie %lx", rd_sie());
	clear_pending(P_SELF);
	rvpv_event_eoi();
	sie_clear(SIP_SEIP);
	/* the timer port fires while the vCPU is blocked with SEIE clear */
	tap_expect(bind(P_TIMER, RVPV_EVSRC_TIMER, env.self, env.self), 0, "bind-timer");
	t = rd_time() + 2 * CONF_TICKS_MS;
	end = rd_time() + CONF_WAIT_TICKS;
	rvpv_cpu_set_timer(t);
	while (!pending(P_TIMER) && rd_time() < end)
		rvpv_cpu_block();
	tap_ok(pending(P_TIMER) && (rd_sie() & SIP_SEIP), "block-with-seie-clear-woken",
	       "pending %d sie %lx", pending(P_TIMER), rd_sie());
	sie_clear(SIP_SEIP);
	clear_pending(P_TIMER);
	rvpv_event_unbind(P_TIMER);
	rvpv_event_unbind(P_SELF);
}

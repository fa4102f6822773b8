/* rvpv CPU cases: yield, block (until a deadline), the one-shot timer, starting/stopping
 * vCPUs and their entry state, status, IPIs with vCPU masks, id and count. */
#include "conf.h"

static struct smp_ctx *held; /* vCPU 1 started by VCPU_START, stopped by VCPU_STOP's cases */

/* BLOCK until one of the sip bits is pending (bounded); the caller set sie. */
static uint64_t block_until(uint64_t bits)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS, got;

	while (!(got = irq_pending(bits)) && rd_time() < end) {
		sie_set(bits);
		rvpv_cpu_block();
	}
	irq_forget(bits);
	return got;
}

void conf_CPU_YIELD(void)
{
	tap_expect_val(rvpv_cpu_yield(), 0, 0, "returns-0");
}

void conf_CPU_BLOCK(void)
{
	uint64_t deadline;
	struct rvpv_sbiret r;

	/* An interrupt already pending and enabled: BLOCK must not sleep (a backstop timer
	 * makes a wrong sleep end, and the SSIP check below still tells). */
	sip_clear(SIP_SSIP);
	rvpv_cpu_send_ipi(1ull << env.self, 0);
	sie_set(SIP_SSIP | SIP_STIP);
	rvpv_cpu_set_timer(rd_time() + CONF_WAIT_TICKS);
	r = rvpv_cpu_block();
	tap_expect_val(r, 0, 0, "returns-0");
	tap_ok(rd_sip() & SIP_SSIP, "pending-interrupt-returns", "sip %lx", rd_sip());
	sip_clear(SIP_SSIP);
	sie_clear(SIP_SSIP);
	deadline = rd_time() + 2 * CONF_TICKS_MS;
	rvpv_cpu_set_timer(deadline);
	tap_ok(block_until(SIP_STIP) != 0, "wakes-on-timer", "sip %lx", rd_sip());
	tap_ok(rd_time() >= deadline, "timer-not-early", "");
	rvpv_cpu_set_timer(UINT64_MAX);
	sie_clear(SIP_STIP);
}

/* BLOCK_UNTIL(deadline) in a loop until time >= deadline (spurious returns are allowed), with
 * a backstop timer (STIP enabled) at CONF_WAIT_TICKS so a sleep that ignores its deadline still
 * ends; returns 1 when the deadline ended it (no backstop interrupt, no error), else 0. */
static int sleep_until(uint64_t deadline)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS;
	struct rvpv_sbiret r = { 0, 0 };

	irq_forget(SIP_STIP);
	rvpv_cpu_set_timer(end);
	do {
		sie_set(SIP_STIP);
		r = rvpv_cpu_block_until(deadline);
	} while (!r.error && rd_time() < deadline && rd_time() < end && !irq_pending(SIP_STIP));
	rvpv_cpu_set_timer(UINT64_MAX);
	sie_clear(SIP_STIP);
	irq_forget(SIP_STIP);
	return !r.error && r.value == 0 && rd_time() >= deadline && rd_time() < end;
}

void conf_CPU_BLOCK_UNTIL(void)
{
	uint64_t t, minor = (uint64_t)rvpv_core_get_version().value & 0xffff;
	struct rvpv_sbiret r;

	if (minor < 1) {  /* added in 1.1 */
		tap_expect(rvpv_cpu_block_until(0), SBI_ERR_NOT_SUPPORTED, "not-in-1.0");
		return;
	}
	/* Deadlines that have passed return at once: nothing is enabled in sie, and the
	 * backstop timer would end a wrong sleep (then STIP shows). */
	sie_clear(SIP_SSIP | SIP_STIP | SIP_SEIP);
	tap_ok(sleep_until(0), "deadline-0-returns", "");
	tap_expect_val(rvpv_cpu_block_until(0), 0, 0, "returns-0");
	tap_ok(sleep_until(rd_time() - 1), "past-deadline-returns", "");
	/* A future deadline ends the sleep with no interrupt enabled and none raised. */
	t = rd_time() + 2 * CONF_TICKS_MS;
	tap_ok(sleep_until(t), "wakes-at-deadline", "");
	tap_ok(rd_time() >= t, "deadline-not-early", "");
	tap_ok(!irq_pending(SIP_SSIP | SIP_STIP), "deadline-raises-nothing", "sip %lx",
	       rd_sip());
	/* Far future and no deadline (UINT64_MAX, as BLOCK): an enabled interrupt ends the sleep.
	 * Already pending: at once; a timer 2 ms ahead: when it fires. */
	sip_clear(SIP_SSIP);
	rvpv_cpu_send_ipi(1ull << env.self, 0);
	sie_set(SIP_SSIP | SIP_STIP);
	rvpv_cpu_set_timer(rd_time() + CONF_WAIT_TICKS);  /* backstop */
	r = rvpv_cpu_block_until(rd_time() + 1000 * CONF_WAIT_TICKS);
	tap_expect_val(r, 0, 0, "pending-interrupt-returns");
	tap_ok(rd_sip() & SIP_SSIP, "ipi-still-pending", "sip %lx", rd_sip());
	rvpv_cpu_set_timer(UINT64_MAX);
	sip_clear(SIP_SSIP);
	sie_clear(SIP_SSIP | SIP_STIP);
	static const uint64_t far[] = { 1ull << 63, UINT64_MAX - 1, UINT64_MAX };
	static const char *const far_name[] = { "deadline-2^63-wakes-on-timer",
		"deadline-max-minus-1-wakes-on-timer", "no-deadline-wakes-on-timer" };
	for (int i = 0; i < 3; i++) {
		uint64_t end = rd_time() + CONF_WAIT_TICKS, got;

		t = rd_time() + 2 * CONF_TICKS_MS;
		irq_forget(SIP_STIP);
		rvpv_cpu_set_timer(t);
		while (!(got = irq_pending(SIP_STIP)) && rd_time() < end) {
			sie_set(SIP_STIP);
			r = rvpv_cpu_block_until(far[i]);
		}
		irq_forget(SIP_STIP);
		tap_ok(got && rd_time() >= t && !r.error, far_name[i], "sip %lx error %ld", rd_sip(),
		       r.error);
	}
	rvpv_cpu_set_timer(UINT64_MAX);
	sie_clear(SIP_STIP);
}

void conf_CPU_SET_TIMER(void)
{
	uint64_t t;

	sie_set(SIP_STIP);
	tap_expect_val(rvpv_cpu_set_timer(0), 0, 0, "past-deadline-succeeds");
	tap_ok(block_until(SIP_STIP) != 0, "past-deadline-fires", "sip %lx", rd_sip());
	tap_expect(rvpv_cpu_set_timer(UINT64_MAX), 0, "cancel");
	irq_forget(SIP_STIP);
	tap_ok(!irq_pending(SIP_STIP), "cancel-clears-pending", "sip %lx", rd_sip());
	/* A cancelled deadline must not fire: wait past it without a timer (yielding). */
	rvpv_cpu_set_timer(rd_time() + CONF_TICKS_MS);
	rvpv_cpu_set_timer(UINT64_MAX);
	t = rd_time() + 3 * CONF_TICKS_MS;
	while (rd_time() < t)
		rvpv_cpu_yield();
	irq_forget(SIP_STIP);
	tap_ok(!irq_pending(SIP_STIP), "cancelled-does-not-fire", "sip %lx", rd_sip());
	rvpv_cpu_set_timer(rd_time() + 1000 * CONF_WAIT_TICKS);
	t = rd_time() + 2 * CONF_TICKS_MS;
	rvpv_cpu_set_timer(t);
	tap_ok(block_until(SIP_STIP) != 0 && rd_time() >= t, "new-deadline-replaces-old", "");
	rvpv_cpu_set_timer(UINT64_MAX);
	sie_clear(SIP_STIP);
}

void conf_CPU_VCPU_START(void)
{
	struct smp_ctx *c;
	struct rvpv_sbiret r;

	tap_expect(rvpv_cpu_vcpu_start(env.ncpus, GPA(smp_entry), 0), SBI_ERR_INVALID_PARAM,
		   "id-is-count");
	tap_expect(rvpv_cpu_vcpu_start(UINT64_MAX, GPA(smp_entry), 0), SBI_ERR_INVALID_PARAM,
		   "id-all-ones");
	tap_expect(rvpv_cpu_vcpu_start(env.self, GPA(smp_entry), 0), SBI_ERR_ALREADY_AVAILABLE,
		   "self-already-started");
	if (env.ncpus < 2) {
		tap_skip("second-vcpu", "needs a VM with 2 vCPUs");
		return;
	}
	tap_expect(rvpv_cpu_vcpu_start(1, 0, 0), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_cpu_vcpu_start(1, 0x10000000ull, 0), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_cpu_vcpu_start(1, env.ram_end, 0), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_cpu_vcpu_start(1, GPA(smp_entry) + 1, 0), SBI_ERR_INVALID_ADDRESS,
		   "odd-address");
	tap_expect_val(rvpv_cpu_vcpu_status(1), 0, RVPV_VCPU_STOPPED,
		       "failed-start-changes-nothing");
	c = smp_prepare(1, 1);
	r = rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c));
	tap_expect_val(r, 0, 0, "starts-vcpu-1");
	if (r.error || !wait_flag(&c->done)) {
		tap_ok(0, "vcpu-1-runs", "vCPU 1 never reported");
		return;
	}
	tap_ok(c->id_seen == 1, "entry-a0-is-vcpu-id", "a0 = %lx", c->id_seen);
	tap_ok(c->opaque_seen == GPA(c), "entry-a1-is-opaque", "");
	tap_ok(c->vcpu_id == 1, "vcpu_id-on-vcpu-1", "VCPU_ID = %lx", c->vcpu_id);
	tap_ok(c->satp == 0, "entry-satp-zero", "satp %lx", c->satp);
	tap_ok(!(c->sstatus & SSTATUS_SIE), "entry-interrupts-off", "sstatus %lx", c->sstatus);
	tap_expect(rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c)), SBI_ERR_ALREADY_AVAILABLE,
		   "running-vcpu");
	held = c;
}

void conf_CPU_VCPU_STOP(void)
{
	struct smp_ctx *c = held;

	if (!c) {
		tap_skip("stop-vcpu-1", "no second vCPU running (see cpu/vcpu_start)");
		return;
	}
	held = 0;
	c->release = 1;
	tap_ok(poll_status(1, RVPV_VCPU_STOPPED, 1) == RVPV_VCPU_STOPPED, "vcpu-1-stopped",
	       "status never STOPPED");
	tap_ok(!c->stop_returned, "does-not-return", "returned error %ld", c->stop_error);
	c = smp_prepare(1, 1);
	tap_expect(rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c)), 0, "restart-after-stop");
	tap_ok(wait_flag(&c->done) && c->id_seen == 1, "restarted-vcpu-runs", "");
	c->release = 1;
	tap_ok(poll_status(1, RVPV_VCPU_STOPPED, 1) == RVPV_VCPU_STOPPED, "stops-again", "");
}

void conf_CPU_VCPU_STATUS(void)
{
	tap_expect_val(rvpv_cpu_vcpu_status(env.self), 0, RVPV_VCPU_STARTED, "self-started");
	tap_expect(rvpv_cpu_vcpu_status(env.ncpus), SBI_ERR_INVALID_PARAM, "id-is-count");
	tap_expect(rvpv_cpu_vcpu_status(UINT64_MAX), SBI_ERR_INVALID_PARAM, "id-all-ones");
	if (env.ncpus > 1)
		tap_expect_val(rvpv_cpu_vcpu_status(1), 0, RVPV_VCPU_STOPPED, "stopped-vcpu");
	tap_expect_val(rvpv_cpu_vcpu_status(env.self),
		       0, rvpv_sbi_call1(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, env.self).value,
		       "same-as-hsm");
}

static void ipi_self(struct rvpv_sbiret r, const char *name)
{
	uint64_t got = r.error ? 0 : wait_sip(SIP_SSIP);

	tap_ok(r.error == 0 && got, name, "error %ld sip %lx", r.error, rd_sip());
	sip_clear(SIP_SSIP);
}

void conf_CPU_SEND_IPI(void)
{
	sip_clear(SIP_SSIP);
	ipi_self(rvpv_cpu_send_ipi(1ull << env.self, 0), "self-by-mask");
	ipi_self(rvpv_cpu_send_ipi(1, env.self), "self-by-base");
	ipi_self(rvpv_cpu_send_ipi(0, UINT64_MAX), "all-vcpus");
	tap_expect_val(rvpv_cpu_send_ipi(0, 0), 0, 0, "empty-mask");
	tap_expect(rvpv_cpu_send_ipi(1, env.ncpus), SBI_ERR_INVALID_PARAM, "base-is-count");
	if (env.ncpus < 64)
		tap_expect(rvpv_cpu_send_ipi((1ull << env.self) | (1ull << env.ncpus), 0),
			   SBI_ERR_INVALID_PARAM, "mask-bit-no-such-vcpu");
	tap_ok(!(rd_sip() & SIP_SSIP), "invalid-mask-sends-nothing", "sip %lx", rd_sip());
	sip_clear(SIP_SSIP);
	if (env.ncpus < 2) {
		tap_skip("other-vcpu", "needs a VM with 2 vCPUs");
		return;
	}
	{
		struct smp_ctx *c = smp_prepare(1, 1);
		c->wait_irq = SIP_SSIP;
		if (rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c)).error || !wait_flag(&c->ready)) {
			tap_ok(0, "other-vcpu", "vCPU 1 did not start");
			return;
		}
		irq_taken_reset();
		tap_expect(rvpv_cpu_send_ipi(1ull << 1, 0), 0, "to-vcpu-1");
		/* vCPU 1 itself must take SSIP (scause 1 in its own trap handler) */
		tap_ok(wait_flag(&c->done) && c->irq_seen && (c->irq_taken & SIP_SSIP),
		       "vcpu-1-receives", "vCPU 1 saw %lu, took sip bits %lx", c->irq_seen,
		       c->irq_taken);
		tap_ok(!irq_pending(SIP_SSIP) && !(irq_taken_here() & SIP_SSIP), "vcpu-0-not-interrupted",
		       "sip %lx, vCPU 0 took %lx", rd_sip(), irq_taken_here());
		sip_clear(SIP_SSIP);
		c->release = 1;
		poll_status(1, RVPV_VCPU_STOPPED, 1);
	}
}

void conf_CPU_VCPU_ID(void)
{
	struct rvpv_sbiret r = rvpv_cpu_vcpu_id();

	tap_expect_val(r, 0, (int64_t)env.boot_a0, "equals-boot-a0");
	tap_ok(r.value == 0, "boot-vcpu-is-0", "value %ld", r.value);
}

void conf_CPU_VCPU_COUNT(void)
{
	struct rvpv_sbiret r = rvpv_cpu_vcpu_count();

	tap_ok(r.error == 0 && r.value >= 1, "at-least-1", "error %ld value %ld", r.error, r.value);
	tap_expect(rvpv_cpu_vcpu_status((uint64_t)r.value - 1), 0, "last-id-valid");
	tap_expect(rvpv_cpu_vcpu_status((uint64_t)r.value), SBI_ERR_INVALID_PARAM,
		   "count-is-first-invalid-id");
}

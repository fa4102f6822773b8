/* Standard SBI cases: HSM (status, start/stop of a second hart with its entry state, retentive
 * suspend, invalid ids/addresses/types) and DBCN (write, read, write_byte, address rules). */
#include "conf.h"

/* The hart the start/stop cases use: not the boot hart, which OpenSBI picks at random. */
#define OTHER (env.self ? 0u : 1u)

static struct rvpv_sbiret hsm(uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return rvpv_sbi_call3(SBI_EXT_HSM, fid, a0, a1, a2);
}

static void hsm_start_stop(void)
{
	struct smp_ctx *c = smp_prepare(OTHER, 0);
	struct rvpv_sbiret r = hsm(SBI_HSM_HART_START, OTHER, GPA(smp_entry), GPA(c));

	tap_expect(r, 0, "start-other-hart");
	if (r.error)
		return;
	tap_ok(wait_flag(&c->done) != 0, "other-hart-runs", "the hart never reported");
	if (!c->done)
		return;
	tap_ok(c->id_seen == OTHER, "entry-a0-is-hartid", "a0 = %lx", c->id_seen);
	tap_ok(c->opaque_seen == GPA(c), "entry-a1-is-opaque", "");
	tap_ok(c->satp == 0, "entry-satp-zero", "satp = %lx", c->satp);
	tap_ok(!(c->sstatus & SSTATUS_SIE), "entry-interrupts-off", "sstatus %lx", c->sstatus);
	tap_expect_val(hsm(SBI_HSM_HART_GET_STATUS, OTHER, 0, 0), 0, SBI_HSM_STATE_STARTED,
		       "status-started");
	tap_expect(hsm(SBI_HSM_HART_START, OTHER, GPA(smp_entry), GPA(c)), SBI_ERR_ALREADY_AVAILABLE,
		   "start-running-hart");
	c->release = 1;
	tap_ok(poll_status(OTHER, SBI_HSM_STATE_STOPPED, 0) == SBI_HSM_STATE_STOPPED,
	       "hart_stop-stops", "not STOPPED");
	tap_ok(!c->stop_returned, "hart_stop-does-not-return", "returned %ld", c->stop_error);
}

/* Default non-retentive suspend: the hart resumes at resume_entry with a0 = hart id and
 * a1 = opaque once the timer fires; resume_entry returns from resume_save a second time. */
static void non_retentive(void)
{
	static uint64_t buf[20];
	static volatile int64_t err;
	static volatile int resumed;

	resumed = 0;
	err = 0;
	sie_set(SIP_STIP);
	if (resume_save(buf) == 0) {
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + 2 * CONF_TICKS_MS);
		/* interrupts on at the call: the resumed hart must find them off */
		__asm__ volatile("csrs sstatus, %0" ::"r"(SSTATUS_SIE));
		err = hsm(SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_NON_RET_DEFAULT, GPA(resume_entry),
			  GPA(buf)).error;
		__asm__ volatile("csrc sstatus, %0" ::"r"(SSTATUS_SIE));
	} else {
		resumed = 1;
	}
	sie_clear(SIP_STIP);
	timer_cancel();
	tap_ok(resumed, "non-retentive-resumes", "suspend returned error %ld", err);
	if (!resumed)
		return;
	tap_ok(buf[16] == env.self, "non-retentive-a0-is-hartid", "a0 = %lx", buf[16]);
	tap_ok(buf[17] == 0 && !(buf[18] & SSTATUS_SIE), "non-retentive-entry-state",
	       "satp %lx sstatus %lx", buf[17], buf[18]);
	if (env.rvpv) {
		tap_expect(hsm(SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_NON_RET_DEFAULT, env.ram_end, 0),
			   SBI_ERR_INVALID_ADDRESS, "non-retentive-resume-past-ram");
		tap_expect(hsm(SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_NON_RET_DEFAULT,
			       GPA(resume_entry) + 1, 0), SBI_ERR_INVALID_ADDRESS,
			   "non-retentive-resume-odd");
	}
}

/* Another hart in retentive suspend reads SUSPENDED, and an IPI brings it back. */
static void suspend_job(struct smp_ctx *c)
{
	sie_set(SIP_SSIP);
	c->ready = 1;
	c->job_arg = (uint64_t)hsm(SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_RET_DEFAULT, 0, 0).error;
	sie_clear(SIP_SSIP);
	sip_clear(SIP_SSIP);
}

static void status_suspended(void)
{
	struct smp_ctx *c = smp_prepare(OTHER, 0);
	c->job = suspend_job;
	c->job_arg = 1;
	if (hsm(SBI_HSM_HART_START, OTHER, GPA(smp_entry), GPA(c)).error) {
		tap_ok(0, "status-suspended", "could not start hart %lu", (unsigned long)OTHER);
		return;
	}
	wait_flag(&c->ready);
	tap_ok(poll_status(OTHER, SBI_HSM_STATE_SUSPENDED, 0) == SBI_HSM_STATE_SUSPENDED,
	       "status-suspended", "a suspended hart did not read SUSPENDED");
	rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, OTHER);
	tap_ok(wait_flag(&c->done) && c->job_arg == 0, "ipi-resumes-suspended-hart",
	       "done %lu error %ld", (unsigned long)c->done, (long)c->job_arg);
	c->release = 1;
	poll_status(OTHER, SBI_HSM_STATE_STOPPED, 0);
}

void sbi_cases_hsm(void)
{
	struct rvpv_sbiret r;

	tap_group("hsm", "hart_get_status");
	tap_expect_val(hsm(SBI_HSM_HART_GET_STATUS, env.self, 0, 0), 0, SBI_HSM_STATE_STARTED,
		       "self-started");
	tap_expect(hsm(SBI_HSM_HART_GET_STATUS, 4096, 0, 0), SBI_ERR_INVALID_PARAM, "no-such-hart");
	if (env.rvpv)
		tap_expect(hsm(SBI_HSM_HART_GET_STATUS, env.ncpus, 0, 0), SBI_ERR_INVALID_PARAM,
			   "hart-count-is-invalid");

	tap_group("hsm", "hart_start");
	tap_expect(hsm(SBI_HSM_HART_START, env.self, GPA(smp_entry), 0), SBI_ERR_ALREADY_AVAILABLE,
		   "self-already-started");
	tap_expect(hsm(SBI_HSM_HART_START, 4096, GPA(smp_entry), 0), SBI_ERR_INVALID_PARAM,
		   "no-such-hart");
	if (env.ncpus < 2) {
		tap_skip("second-hart", "needs 2 harts (-smp 2)");
	} else {
		if (env.rvpv) {
			tap_expect(hsm(SBI_HSM_HART_START, OTHER, 0, 0), SBI_ERR_INVALID_ADDRESS,
				   "address-0");
			tap_expect(hsm(SBI_HSM_HART_START, OTHER, 0x10000000ull, 0),
				   SBI_ERR_INVALID_ADDRESS, "mmio-address");
			tap_expect(hsm(SBI_HSM_HART_START, OTHER, env.ram_end, 0),
				   SBI_ERR_INVALID_ADDRESS, "address-past-ram");
			tap_expect(hsm(SBI_HSM_HART_START, OTHER, GPA(smp_entry) + 1, 0),
				   SBI_ERR_INVALID_ADDRESS, "odd-address");
			tap_expect_val(hsm(SBI_HSM_HART_GET_STATUS, OTHER, 0, 0), 0,
				       SBI_HSM_STATE_STOPPED, "failed-start-changes-nothing");
		}
		hsm_start_stop();
	}

	tap_group("hsm", "hart_suspend");
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + 2 * CONF_TICKS_MS);
	sie_set(SIP_STIP);
	r = hsm(SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_RET_DEFAULT, 0, 0);
	sie_clear(SIP_STIP);
	tap_expect(r, 0, "retentive-returns-on-interrupt");
	timer_cancel();
	non_retentive();
	/* suspend_type is 32 bits: the upper half of a0 is not part of it (SBI binary encoding) */
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + 2 * CONF_TICKS_MS);
	sie_set(SIP_STIP);
	r = hsm(SBI_HSM_HART_SUSPEND, 1ull << 63 | SBI_HSM_SUSPEND_RET_DEFAULT, 0, 0);
	sie_clear(SIP_STIP);
	timer_cancel();
	tap_expect(r, 0, "type-upper-half-ignored");
	tap_expect(hsm(SBI_HSM_HART_SUSPEND, 1ull << 32 | 1, 0, 0), SBI_ERR_INVALID_PARAM,
		   "reserved-type-1-upper-half-set");
	if (env.ncpus >= 2)
		status_suspended();
	else
		tap_skip("status-suspended", "needs 2 harts (-smp 2)");
	tap_expect(hsm(SBI_HSM_HART_SUSPEND, 1, 0, 0), SBI_ERR_INVALID_PARAM, "reserved-type-1");
	tap_expect(hsm(SBI_HSM_HART_SUSPEND, 0x0fffffff, 0, 0), SBI_ERR_INVALID_PARAM,
		   "reserved-type-0x0fffffff");
	tap_expect(hsm(SBI_HSM_HART_SUSPEND, 0x80000001, 0, 0), SBI_ERR_INVALID_PARAM,
		   "reserved-non-retentive-type");
	r = hsm(SBI_HSM_HART_SUSPEND, 0x10000000, 0, 0);
	if (env.rvpv)
		tap_expect(r, SBI_ERR_INVALID_PARAM, "unimplemented-platform-type");
	else
		tap_ok(r.error == SBI_ERR_INVALID_PARAM || r.error == SBI_ERR_NOT_SUPPORTED,
		       "unimplemented-platform-type", "error %ld", r.error);
	tap_group("hsm", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_HSM, 4), SBI_ERR_NOT_SUPPORTED, "fid-4");
}

static struct rvpv_sbiret dbcn_write(uint64_t gpa, uint64_t n)
{
	return rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, n, gpa, 0);
}

void sbi_cases_dbcn(void)
{
	static const char msg[] = "# dbcn write\n";
	static const char bmsg[] = "# dbcn write_byte\n";
	char *buf = (char *)scratch[10];
	int64_t worst = 0;
	struct rvpv_sbiret r;

	tap_group("dbcn", "write");
	if (!env.dbcn) {
		if (env.rvpv)
			tap_ok(0, "offered", "rvpv must offer DBCN");
		else
			tap_skip("all", "firmware has no DBCN (SBI < 2.0)");
		return;
	}
	out_flush();
	r = rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, sizeof(msg) - 1, GPA(msg), 0);
	tap_expect_val(r, 0, sizeof(msg) - 1, "all-bytes");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, GPA(msg), 1), SBI_ERR_INVALID_PARAM,
		   "high-half-nonzero");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, env.ram_end, 0),
		   SBI_ERR_INVALID_PARAM, "past-ram");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, 8, env.ram_end - 4, 0),
		   SBI_ERR_INVALID_PARAM, "straddles-ram-end");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, 0x10000000ull, 0),
		   SBI_ERR_INVALID_PARAM, "mmio");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, 0, 0), SBI_ERR_INVALID_PARAM,
		   "address-0");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, UINT64_MAX, GPA(msg), 0),
		   SBI_ERR_INVALID_PARAM, "length-overflows");
	/* compared byte for byte on the console by tests/conformance/check-long.py */
	tap_ok(out_long_line("dbcn_write", 333, dbcn_write) == 334, "long-line-333-accepted", "");
	tap_ok(out_long_line("dbcn_write", 4500, dbcn_write) == 4501, "long-line-4500-accepted", "");

	tap_group("dbcn", "read");
	r = rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_READ, 16, GPA(buf), 0);
	tap_ok(r.error == 0 && r.value >= 0 && r.value <= 16, "at-most-len",
	       "error %ld value %ld", r.error, r.value);
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_READ, 16, env.ram_end, 0),
		   SBI_ERR_INVALID_PARAM, "past-ram");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_READ, 16, GPA(buf), 1), SBI_ERR_INVALID_PARAM,
		   "high-half-nonzero");

	tap_group("dbcn", "write_byte");
	for (const char *p = bmsg; *p; p++) {
		r = rvpv_sbi_call1(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, (uint8_t)*p);
		if (r.error)
			worst = r.error;
	}
	tap_ok(worst == 0, "returns-0", "error %ld", worst);
	tap_group("dbcn", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_DBCN, 3), SBI_ERR_NOT_SUPPORTED, "fid-3");
}

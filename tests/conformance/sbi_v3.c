/* Standard SBI cases for the extensions rvpv added for SBI 3.0 guests: STA (steal time), SUSP
 * (system suspend), FWFT (firmware features) and DBTR (debug triggers; SSE is in sbi_sse.c). Each runs only where BASE probes it (OpenSBI
 * 1.1 has none of them). */
#include "conf.h"

static int probed(uint64_t eid, const char *group)
{
	if (rvpv_sbi_call1(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, eid).value)
		return 1;
	tap_group(group, "probe");
	if (env.rvpv)
		tap_ok(0, "offered", "rvpv must offer it");
	else
		tap_skip("all", "firmware does not offer it");
	return 0;
}

static void sta(void)
{
	struct sbi_sta_shmem *s = (struct sbi_sta_shmem *)scratch[12];
	uint64_t a = GPA(s);

	if (!probed(SBI_EXT_STA, "sta"))
		return;
	tap_group("sta", "set_shmem");
	for (int i = 0; i < 64; i++)
		((volatile uint8_t *)s)[i] = 0xee;
	tap_expect_val(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, a, 0, 0), 0, 0, "register");
	tap_ok(s->flags == 0 && s->preempted == 0 && !(s->sequence & 1) && s->pad[46] == 0,
	       "zeroed-by-sbi", "flags %x preempted %u seq %u", s->flags, s->preempted, s->sequence);
	uint64_t seq0 = s->sequence;
	for (int i = 0; i < 20; i++)
		rvpv_cpu_yield(); /* each scheduling-in publishes */
	tap_ok(!env.rvpv || s->sequence != seq0, "updated-when-scheduled", "sequence stayed %lu",
	       (unsigned long)seq0);
	tap_expect(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, a + 32, 0, 0), SBI_ERR_INVALID_PARAM,
		   "unaligned");
	tap_expect(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, a, 0, 1), SBI_ERR_INVALID_PARAM,
		   "flags-nonzero");
	tap_expect(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, a, 1, 0), SBI_ERR_INVALID_ADDRESS,
		   "high-half-nonzero");
	tap_expect(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, env.ram_end, 0, 0),
		   SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, 0x10000000ull, 0, 0),
		   SBI_ERR_INVALID_ADDRESS, "mmio");
	if (env.rvpv && (env.features & RVPV_FEAT_BALLOON))
		tap_expect(rvpv_mem_balloon_release(a & ~4095ull, 1), SBI_ERR_DENIED,
			   "registered-page-not-released");
	tap_expect_val(rvpv_sbi_call3(SBI_EXT_STA, SBI_STA_SET_SHMEM, UINT64_MAX, UINT64_MAX, 0), 0, 0,
		       "unregister");
	uint64_t seq1 = s->sequence;
	for (int i = 0; i < 5; i++)
		rvpv_cpu_yield();
	tap_ok(s->sequence == seq1, "unregistered-not-written", "sequence moved");
	tap_group("sta", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_STA, 1), SBI_ERR_NOT_SUPPORTED, "fid-1");
}

static void susp(void)
{
	static uint64_t buf[20];
	static volatile int resumed;
	static volatile int64_t err;

	if (!probed(SBI_EXT_SUSP, "susp"))
		return;
	tap_group("susp", "system_suspend");
	tap_expect(rvpv_sbi_call3(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, 1, GPA(resume_entry), 0),
		   SBI_ERR_INVALID_PARAM, "reserved-type-1");
	tap_expect(rvpv_sbi_call3(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, 0x80000000u, GPA(resume_entry), 0),
		   SBI_ERR_INVALID_PARAM, "unimplemented-platform-type");
	tap_expect(rvpv_sbi_call3(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, 0, env.ram_end, 0),
		   SBI_ERR_INVALID_ADDRESS, "resume-past-ram");
	tap_expect(rvpv_sbi_call3(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, 0, GPA(resume_entry) + 1, 0),
		   SBI_ERR_INVALID_ADDRESS, "resume-odd");
	/* every other hart is stopped here (the HSM cases stopped theirs): suspend, and wake on
	 * the timer, at resume_entry in the resume state of the spec */
	resumed = 0;
	err = 0;
	sie_set(SIP_STIP);
	if (resume_save(buf) == 0) {
		/* sstatus.SIE stays 0: the wake-up is an interrupt enabled in sie, as for wfi. With SIE
		 * set, a timer due before the ecall was taken by the trap handler, which cleared
		 * sie.STIE, and the suspend never woke (a hang of case 71 under load) */
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + 2 * CONF_TICKS_MS);
		err = rvpv_sbi_call3(SBI_EXT_SUSP, SBI_SUSP_SYSTEM_SUSPEND, 1ull << 32, GPA(resume_entry),
				GPA(buf)).error;
	} else {
		resumed = 1;
	}
	sie_clear(SIP_STIP);
	timer_cancel();
	tap_ok(resumed, "suspend-to-ram-resumes", "returned error %ld", err);
	if (resumed)
		tap_ok(buf[16] == env.self && buf[17] == 0 && !(buf[18] & SSTATUS_SIE),
		       "resume-state", "a0 %lx satp %lx sstatus %lx", buf[16], buf[17], buf[18]);
	tap_group("susp", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_SUSP, 1), SBI_ERR_NOT_SUPPORTED, "fid-1");
}

static struct rvpv_sbiret fwft_set(uint64_t f, uint64_t v, uint64_t flags)
{
	return rvpv_sbi_call3(SBI_EXT_FWFT, SBI_FWFT_SET, f, v, flags);
}

static void fwft(void)
{
	if (!probed(SBI_EXT_FWFT, "fwft"))
		return;
	tap_group("fwft", "get");
	struct rvpv_sbiret r = rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, SBI_FWFT_MISALIGNED_EXC_DELEG);
	tap_ok(r.error == 0 && (r.value == 0 || r.value == 1), "misaligned-deleg", "error %ld value %ld",
	       r.error, r.value);
	int64_t cur = r.value;
	tap_expect_val(rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, 1ull << 32 | SBI_FWFT_MISALIGNED_EXC_DELEG),
		       r.error, cur, "feature-upper-half-ignored");
	tap_expect(rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, 6), SBI_ERR_DENIED, "reserved-local");
	tap_expect(rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, 0x40000000u), SBI_ERR_DENIED,
		   "platform-local-unimplemented");
	tap_expect(rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, 0x80000000u), SBI_ERR_DENIED, "reserved-global");
	tap_expect(rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, 0xc0000000u), SBI_ERR_DENIED,
		   "platform-global-unimplemented");
	for (uint64_t f = SBI_FWFT_LANDING_PAD; f <= SBI_FWFT_POINTER_MASKING_PMLEN; f++) {
		r = rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, f);
		/* this platform's harts have none of Zicfilp, Zicfiss, Ssdbltrp, Svadu, Ssnpm */
		tap_ok(r.error == SBI_ERR_NOT_SUPPORTED && r.value == 0, "absent-feature-not-supported",
		       "feature %lu: error %ld value %ld", (unsigned long)f, r.error, r.value);
	}

	tap_group("fwft", "set");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, 2, 0), SBI_ERR_INVALID_PARAM, "bad-value");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, cur, 2), SBI_ERR_INVALID_PARAM, "bad-flags");
	tap_expect(fwft_set(6, 0, 0), SBI_ERR_DENIED, "reserved-local");
	tap_expect(fwft_set(0xc0000000u, 0, 0), SBI_ERR_DENIED, "platform-global-unimplemented");
	tap_expect(fwft_set(SBI_FWFT_LANDING_PAD, 1, 0), SBI_ERR_NOT_SUPPORTED, "absent-feature");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, cur, 0), 0, "keep-current-value");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, cur, SBI_FWFT_SET_FLAG_LOCK), 0, "lock");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, cur, 0), SBI_ERR_DENIED_LOCKED, "locked");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, cur, SBI_FWFT_SET_FLAG_LOCK),
		   SBI_ERR_DENIED_LOCKED, "locked-relock");
	tap_expect(fwft_set(SBI_FWFT_MISALIGNED_EXC_DELEG, 2, 0), SBI_ERR_DENIED_LOCKED,
		   "locked-before-bad-value");
	tap_expect_val(rvpv_sbi_call1(SBI_EXT_FWFT, SBI_FWFT_GET, SBI_FWFT_MISALIGNED_EXC_DELEG), 0, cur,
		       "locked-value-sticks");
	tap_group("fwft", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_FWFT, 2), SBI_ERR_NOT_SUPPORTED, "fid-2");
}

/* DBTR on a hart without triggers (rvpv: trig_max = 0): the answers the spec gives then. */
static void dbtr(void)
{
	uint64_t shm = GPA(scratch[13]);
	struct rvpv_sbiret r;

	if (!probed(SBI_EXT_DBTR, "dbtr"))
		return;
	tap_group("dbtr", "num_triggers");
	r = rvpv_sbi_call1(SBI_EXT_DBTR, SBI_DBTR_NUM_TRIGGERS, 0);
	tap_ok(r.error == 0, "trig-max", "error %ld", r.error);
	uint64_t max = (uint64_t)r.value;
	if (max) { /* a platform with triggers: the cases below assume none */
		tap_skip("rest", "this hart has triggers");
		return;
	}
	tap_expect_val(rvpv_sbi_call1(SBI_EXT_DBTR, SBI_DBTR_NUM_TRIGGERS, 2ull << 60 | 0x44), 0, 0,
		       "mcontrol6-execute-none");
	tap_group("dbtr", "read_triggers");
	tap_expect(rvpv_sbi_call2(SBI_EXT_DBTR, SBI_DBTR_READ_TRIGGERS, 0, 1), SBI_ERR_NO_SHMEM, "no-shmem");
	tap_group("dbtr", "install_triggers");
	tap_expect(rvpv_sbi_call1(SBI_EXT_DBTR, SBI_DBTR_INSTALL_TRIGGERS, 1), SBI_ERR_NO_SHMEM, "no-shmem");
	tap_group("dbtr", "update_triggers");
	tap_expect(rvpv_sbi_call1(SBI_EXT_DBTR, SBI_DBTR_UPDATE_TRIGGERS, 1), SBI_ERR_NO_SHMEM, "no-shmem");
	tap_group("dbtr", "set_shmem");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBTR, SBI_DBTR_SET_SHMEM, shm, 0, 1), SBI_ERR_INVALID_PARAM,
		   "flags-nonzero");
	tap_expect(rvpv_sbi_call3(SBI_EXT_DBTR, SBI_DBTR_SET_SHMEM, shm + 4, 0, 0), SBI_ERR_INVALID_PARAM,
		   "misaligned");
	tap_expect_val(rvpv_sbi_call3(SBI_EXT_DBTR, SBI_DBTR_SET_SHMEM, shm, 0, 0), 0, 0, "set");
	tap_group("dbtr", "read_triggers");
	tap_expect(rvpv_sbi_call2(SBI_EXT_DBTR, SBI_DBTR_READ_TRIGGERS, 0, 1), SBI_ERR_BAD_RANGE,
		   "base-at-trig-max");
	tap_group("dbtr", "install_triggers");
	tap_expect(rvpv_sbi_call1(SBI_EXT_DBTR, SBI_DBTR_INSTALL_TRIGGERS, 1), SBI_ERR_BAD_RANGE,
		   "count-at-least-trig-max");
	tap_group("dbtr", "update_triggers");
	tap_expect(rvpv_sbi_call1(SBI_EXT_DBTR, SBI_DBTR_UPDATE_TRIGGERS, 1), SBI_ERR_BAD_RANGE,
		   "count-at-least-trig-max");
	for (uint64_t f = SBI_DBTR_UNINSTALL_TRIGGERS; f <= SBI_DBTR_DISABLE_TRIGGERS; f++) {
		static const char *const names[] = { "uninstall_triggers", "enable_triggers",
						     "disable_triggers" };
		tap_group("dbtr", names[f - SBI_DBTR_UNINSTALL_TRIGGERS]);
		tap_expect(rvpv_sbi_call2(SBI_EXT_DBTR, f, 0, 1), SBI_ERR_INVALID_PARAM, "unmapped-trigger");
		tap_expect(rvpv_sbi_call2(SBI_EXT_DBTR, f, 0, 0), 0, "empty-set");
	}
	tap_group("dbtr", "set_shmem");
	tap_expect_val(rvpv_sbi_call3(SBI_EXT_DBTR, SBI_DBTR_SET_SHMEM, UINT64_MAX, UINT64_MAX, 0), 0, 0,
		       "disable");
	tap_expect(rvpv_sbi_call2(SBI_EXT_DBTR, SBI_DBTR_READ_TRIGGERS, 0, 1), SBI_ERR_NO_SHMEM,
		   "disabled-no-shmem");
	tap_group("dbtr", "unknown");
	tap_expect(rvpv_sbi_call0(SBI_EXT_DBTR, 8), SBI_ERR_NOT_SUPPORTED, "fid-8");
}

void sbi_cases_v3(void)
{
	sta();
	fwft();
	dbtr();
	sbi_cases_sse(); /* uses the other hart, stopped again before SUSP */
	susp();
}

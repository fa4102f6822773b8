/* The conformance runner: boot-state cases, the standard SBI cases, then one case function per
 * rvpv call in RVPV_CALLS order (the table below is generated from RVPV_CALLS, so a call
 * without a conf_<GROUP>_<NAME> function fails the link), then the summary and SRST. */
#include "conf.h"
#include "bootargs.h"

struct conf_call {
	const char *group, *name;
	uint64_t ext, fid, minor;
	void (*run)(void);
};

static const struct conf_call calls[] = {
#define CONF_X_ENTRY(g, n, w, fid, minor, ...) { #g, #n, RVPV_EXT_##g, fid, minor, conf_##g##_##n },
	RVPV_CALLS(CONF_X_ENTRY)
#undef CONF_X_ENTRY
};
#define CONF_X_COUNT(g, ...) +1
_Static_assert(sizeof(calls) / sizeof(calls[0]) == 0 RVPV_CALLS(CONF_X_COUNT),
	       "one conformance entry per RVPV_CALLS entry");
#undef CONF_X_COUNT
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

void conf_misaligned(void); /* misalign.c */

uint8_t scratch[SCRATCH_PAGES][4096] __attribute__((aligned(4096), section(".bss.pages")));

static char lower_buf[2][32];

static const char *lower(int which, const char *s)
{
	char *d = lower_buf[which];
	int i = 0;

	for (; s[i] && i < 31; i++)
		d[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	d[i] = 0;
	return d;
}

int64_t poll_status(uint64_t id, int64_t want, int rvpv)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS;
	int64_t v;

	for (;;) {
		struct rvpv_sbiret r = rvpv ? rvpv_cpu_vcpu_status(id)
				       : rvpv_sbi_call1(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, id);
		v = r.error ? r.error : r.value;
		if (v == want || rd_time() >= end)
			return v;
		if (rvpv)
			rvpv_cpu_yield();
		else
			__asm__ volatile("nop");
	}
}

static void boot_cases(uint64_t satp, uint64_t sstatus)
{
	tap_group("boot", "entry");
	tap_ok(fdt_valid(env.boot_a1), "a1-is-device-tree", "a1 = %lx", env.boot_a1);
	tap_ok(satp == 0, "satp-is-zero", "satp = %lx", satp);
	tap_ok(!(sstatus & SSTATUS_SIE), "interrupts-off", "sstatus = %lx", sstatus);
	tap_ok(env.ram_base <= 0x80200000ull && 0x80200000ull < env.ram_end, "image-in-ram",
	       "RAM %lx..%lx", env.ram_base, env.ram_end);
}

/* Unknown function ids of every rvpv extension, and ids next to the rvpv range. */
static void unknown_ids(void)
{
	uint64_t next[RVPV_EXT_LAST - RVPV_EXT_FIRST + 1] = { 0 };

#define CONF_X_NEXT(g, n, w, fid, ...)                                  \
	if (next[RVPV_EXT_##g - RVPV_EXT_FIRST] <= (fid))                 \
		next[RVPV_EXT_##g - RVPV_EXT_FIRST] = (fid) + 1;
	RVPV_CALLS(CONF_X_NEXT)
#undef CONF_X_NEXT
	tap_group("core", "unknown_ids");
	for (uint64_t e = RVPV_EXT_FIRST; e <= RVPV_EXT_LAST; e++) {
		tap_expect(rvpv_sbi_call0(e, next[e - RVPV_EXT_FIRST]), SBI_ERR_NOT_SUPPORTED,
			   "next-fid-not-supported");
		tap_expect(rvpv_sbi_call0(e, 0xffffffffull), SBI_ERR_NOT_SUPPORTED,
			   "fid-0xffffffff-not-supported");
	}
	tap_expect(rvpv_sbi_call0(RVPV_EXT_LAST + 1, 0), SBI_ERR_NOT_SUPPORTED, "ext-after-last");
	tap_expect(rvpv_sbi_call0(RVPV_EXT_FIRST - 1, 0), SBI_ERR_NOT_SUPPORTED, "ext-before-first");
	tap_expect(rvpv_sbi_call0(0x0AFFFFFFull, 0), SBI_ERR_NOT_SUPPORTED, "ext-0x0affffff");
}

static void run_calls(uint32_t from)
{
	for (uint32_t i = from; i < NCALLS; i++) {
		const struct conf_call *c = &calls[i];

		tap_group(lower(0, c->group), lower(1, c->name));
		if (!env.rvpv) {
			tap_skip("all", "firmware is not rvpv");
			continue;
		}
		c->run();
		if (tap_lines_since() == 0)
			tap_ok(0, "has-a-case", "no case ran for this call");
	}
}

void conf_event_self_ack(void); /* rv_event.c */

void conf_main(uint64_t a0, uint64_t a1, uint64_t satp, uint64_t sstatus)
{
	env_init(a0, a1);
	boot_cases(satp, sstatus);
	if (env.rvpv && bootargs_flag(fdt_bootargs(env.boot_a1), "selfack")) {
		/* the event page can be registered once per boot: this mode is a boot of its own */
		conf_event_self_ack();
		tap_summary_and_exit();
	}
	sbi_cases_base();
	sbi_cases_registers();
	sbi_cases_time();
	sbi_cases_ipi();
	sbi_cases_rfence();
	sbi_cases_hsm();
	sbi_cases_dbcn();
	sbi_cases_legacy();
	conf_misaligned();
	if (env.rvpv)
		unknown_ids();
	run_calls(0);
	sbi_cases_v3(); /* SUSP needs every other hart stopped: after the calls' cases */
	sbi_cases_srst();
	tap_summary_and_exit();
}

/* Case reporting: "ok N - group/call/case", "not ok N - ...", "ok N - ... # SKIP why", the final
 * "N passed, N failed" line and the SBI SRST shutdown whose reason tells the result. */
#include "conf.h"

static const char *cur_group = "boot", *cur_call = "entry";
static uint32_t number = 1, passed, failed, skipped, lines_mark;

void tap_group(const char *group, const char *call)
{
	cur_group = group;
	cur_call = call;
	lines_mark = number;
}

uint32_t tap_lines_since(void) { return number - lines_mark; }
uint32_t tap_failed(void) { return failed; }
uint32_t tap_passed(void) { return passed; }
uint32_t tap_next_number(void) { return number; }

void tap_restore(uint32_t next, uint32_t p, uint32_t f)
{
	number = next;
	passed = p;
	failed = f;
}

static void name_line(const char *verdict, const char *name)
{
	out_printf("%s %u - %s/%s/%s", verdict, number++, cur_group, cur_call, name);
}

void tap_ok(int pass, const char *name, const char *fmt, ...)
{
	name_line(pass ? "ok" : "not ok", name);
	if (pass) {
		passed++;
	} else {
		failed++;
		if (fmt && *fmt) {
			va_list ap;
			out_printf(" # ");
			va_start(ap, fmt);
			out_vprintf(fmt, ap);
			va_end(ap);
		}
	}
	out_putc('\n');
}

void tap_skip(const char *name, const char *why)
{
	name_line("ok", name);
	out_printf(" # SKIP %s\n", why);
	skipped++;
}

void tap_expect(struct rvpv_sbiret r, int64_t err, const char *name)
{
	tap_ok(r.error == err, name, "expected error %ld, got error %ld value %lx",
	       err, r.error, (uint64_t)r.value);
}

void tap_expect_val(struct rvpv_sbiret r, int64_t err, int64_t val, const char *name)
{
	tap_ok(r.error == err && r.value == val, name,
	       "expected error %ld value %ld, got error %ld value %ld", err, val, r.error, r.value);
}

static void shutdown(uint64_t reason) __attribute__((noreturn));
static void shutdown(uint64_t reason)
{
	out_flush();
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, reason);
	out_use_rvpv(0);
	out_printf("# SRST shutdown returned; trying legacy shutdown\n");
	rvpv_sbi_call0(SBI_EXT_0_1_SHUTDOWN, 0);
	for (;;)
		__asm__ volatile("wfi");
}

void tap_summary_and_exit(void)
{
	if (skipped)
		out_printf("# %u skipped\n", skipped);
	out_printf("%u passed, %u failed\n", passed, failed);
	shutdown(failed ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
}

void tap_bail(const char *why)
{
	failed++;
	out_printf("not ok %u - %s/%s/%s\nBail out! %s\n", number++, cur_group, cur_call,
		   "no further cases run", why);
	tap_summary_and_exit();
}

/* rvpv CONSOLE cases: writes (whole, partial up to 4096, empty), non-blocking reads, the
 * address rules, and the console-input event source. */
#include "conf.h"

static struct rvpv_sbiret console_write(uint64_t gpa, uint64_t n)
{
	return rvpv_console_write(gpa, n);
}

void conf_CONSOLE_WRITE(void)
{
	static const char msg[] = "# console write\n";
	char *big = (char *)scratch[10];
	uint64_t done = 0, first = 0, len = 4200;
	struct rvpv_sbiret r;

	out_flush();
	tap_expect_val(rvpv_console_write(GPA(msg), sizeof(msg) - 1), 0, sizeof(msg) - 1,
		       "whole-line");
	tap_expect_val(rvpv_console_write(GPA(msg), 0), 0, 0, "zero-length");
	tap_expect_val(rvpv_console_write(0x10000000ull, 0), 0, 0, "zero-length-any-address");
	tap_expect(rvpv_console_write(0, 4), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_console_write(0x10000000ull, 4), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_console_write(env.ram_end, 4), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_console_write(env.ram_end - 4, 8), SBI_ERR_INVALID_ADDRESS,
		   "straddles-ram-end");
	tap_expect(rvpv_console_write(GPA(msg), UINT64_MAX), SBI_ERR_INVALID_ADDRESS,
		   "length-overflows");
	/* 4200 bytes (more than one page of scratch is fine: scratch[10..11] are contiguous) as
	 * 60 comment lines of 70 bytes; a call may write fewer bytes, at most 4096. */
	for (uint64_t i = 0; i < len; i++)
		big[i] = (i % 70 == 69) ? '\n' : (i % 70 < 2 ? "# "[i % 70] : 'c');
	while (done < len) {
		r = rvpv_console_write(GPA(big) + done, len - done);
		if (r.error || r.value <= 0 || (uint64_t)r.value > len - done)
			break;
		if (!first)
			first = (uint64_t)r.value;
		done += (uint64_t)r.value;
	}
	tap_ok(done == len, "long-write-completes-in-a-loop", "wrote %lu of %lu", done, len);
	tap_ok(first >= 1 && first <= 4096, "at-most-4096-per-call", "first call wrote %lu", first);
	/* Lines of 333 and 4500 bytes; tests/conformance/check-long.py compares them byte for
	 * byte on the machine's console (this case only says they were accepted). */
	tap_ok(out_long_line("console_write", 333, console_write) == 334, "long-line-333-accepted", "");
	tap_ok(out_long_line("console_write", 4500, console_write) == 4501, "long-line-4500-accepted",
	       "");
}

void conf_CONSOLE_READ(void)
{
	uint64_t buf = GPA(scratch[10]);
	struct rvpv_sbiret r = rvpv_console_read(buf, 16);

	tap_ok(r.error == 0 && r.value >= 0 && r.value <= 16, "non-blocking",
	       "error %ld value %ld", r.error, r.value);
	tap_expect_val(rvpv_console_read(buf, 0), 0, 0, "zero-length");
	tap_expect(rvpv_console_read(0, 16), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_console_read(0x10000000ull, 16), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_console_read(env.ram_end, 16), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_console_read(buf, UINT64_MAX), SBI_ERR_INVALID_ADDRESS,
		   "length-overflows");
	tap_expect(rvpv_event_bind(20, RVPV_EVSRC_CONSOLE_IN, 0, env.self), 0,
		   "input-event-bind");
	tap_expect(rvpv_event_bind(21, RVPV_EVSRC_CONSOLE_IN, 0, env.self),
		   SBI_ERR_ALREADY_AVAILABLE, "input-event-second-port");
	rvpv_event_unbind(20);
}

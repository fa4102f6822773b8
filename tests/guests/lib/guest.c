/* Test-guest runtime: printing through the rvpv console hypercall (tests/lib's printf core and
 * console) and exiting through SBI SRST. */
#include "guest.h"
#include <stdarg.h>
#include "cons.h"
#include "fmt.h"

void guest_puts(const char *s)
{
	size_t n = 0;
	while (s[n]) n++;
	cons_rvpv_write(s, n);
}

/* One CONSOLE_WRITE for the whole (at most 256-byte) text: lines of VMs do not interleave. */
void guest_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	size_t len = fmt_vbuf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cons_rvpv_write(buf, len);
}

void guest_exit_ok(void)
{
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE);
	for (;;) ;
}

void guest_exit_fail(void)
{
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_SYSFAIL);
	for (;;) ;
}

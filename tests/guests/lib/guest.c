/* Test-guest runtime: printing through the rvpv console hypercall and exiting through SBI SRST. */
#include "guest.h"
#include <stdarg.h>

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	while (n--) *p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	while (n--) *dp++ = *sp++;
	return d;
}

static void write_all(const char *s, size_t n)
{
	while (n) {
		struct rvpv_sbiret r = rvpv_console_write((uintptr_t)s, n);
		if (r.error || r.value == 0)
			return;
		s += r.value;
		n -= r.value;
	}
}

void guest_puts(const char *s)
{
	size_t n = 0;
	while (s[n]) n++;
	write_all(s, n);
}

static void fmt_num(char *buf, size_t *len, size_t cap, uint64_t v, unsigned base, int neg)
{
	char tmp[24];
	int n = 0;
	do { tmp[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
	if (neg && *len < cap) buf[(*len)++] = '-';
	while (n && *len < cap) buf[(*len)++] = tmp[--n];
}

void guest_printf(const char *fmt, ...)
{
	char buf[256];
	size_t len = 0, cap = sizeof(buf);
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt && len < cap; fmt++) {
		if (*fmt != '%') { buf[len++] = *fmt; continue; }
		fmt++;
		int lng = 0;
		while (*fmt == 'l') { lng = 1; fmt++; }
		switch (*fmt) {
		case 'd': { int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			    fmt_num(buf, &len, cap, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0); break; }
		case 'u': fmt_num(buf, &len, cap, lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0); break;
		case 'x': fmt_num(buf, &len, cap, lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0); break;
		case 's': { const char *s = va_arg(ap, const char *); while (*s && len < cap) buf[len++] = *s++; break; }
		case 'c': buf[len++] = (char)va_arg(ap, int); break;
		default: buf[len++] = *fmt; break;
		}
	}
	va_end(ap);
	write_all(buf, len);
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

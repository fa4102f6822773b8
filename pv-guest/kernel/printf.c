/* Kernel console output: a small printf (%d %u %x %p %s %c, l modifier) and panic. */
#include <stdarg.h>
#include "defs.h"
#include "pvops.h"

static void put_num(uint64_t v, int base, int neg)
{
	char buf[24];
	int i = 0;
	do {
		buf[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		buf[i++] = '-';
	while (i)
		console_putc(buf[--i]);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			console_putc(*fmt);
			continue;
		}
		int lng = 0;
		while (*++fmt == 'l')
			lng = 1;
		switch (*fmt) {
		case 'd': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0);
			break;
		}
		case 'u':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0);
			break;
		case 'x':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0);
			break;
		case 'p':
			console_putc('0');
			console_putc('x');
			put_num(va_arg(ap, uint64_t), 16, 0);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				console_putc(*s);
			break;
		}
		case 'c':
			console_putc(va_arg(ap, int));
			break;
		case '%':
			console_putc('%');
			break;
		default:
			console_putc('%');
			console_putc(*fmt);
			break;
		}
	}
	va_end(ap);
	pv_console_flush();
}

void panic(const char *msg)
{
	kprintf("pv-guest panic: %s\n", msg);
	pv_shutdown();
}

/* Console output of the conformance guest: a line buffer flushed through rvpv CONSOLE_WRITE
 * (one exit per line) or, before rvpv is detected and on plain OpenSBI, legacy putchar. */
#include "conf.h"

static char line[256];
static uint32_t used;
static int via_rvpv;

void out_use_rvpv(int on)
{
	out_flush();
	via_rvpv = on;
}

void out_flush(void)
{
	uint32_t done = 0;

	if (via_rvpv) {
		while (done < used) {
			struct sbiret r = RVC2(CONSOLE, WRITE, GPA(line + done), used - done);
			if (r.error || r.value <= 0)
				break; /* fall back below; the console case reports the failure */
			done += (uint32_t)r.value;
		}
	}
	for (; done < used; done++)
		sbi_call1(SBI_EXT_0_1_PUTCHAR, 0, (uint8_t)line[done]);
	used = 0;
}

void out_putc(char c)
{
	line[used++] = c;
	if (c == '\n' || used == sizeof(line))
		out_flush();
}

static void put_str(const char *s)
{
	while (*s)
		out_putc(*s++);
}

static void put_num(uint64_t v, unsigned base, int neg)
{
	char buf[24];
	int i = 0;

	if (neg)
		out_putc('-');
	do {
		buf[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (i)
		out_putc(buf[--i]);
}

/* %s, %c, %d/%u/%x (int), %ld/%lu/%lx (64-bit) */
void out_vprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int is_long = 0;

		if (*fmt != '%') {
			out_putc(*fmt);
			continue;
		}
		if (*++fmt == 'l') {
			is_long = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's': put_str(va_arg(ap, const char *)); break;
		case 'c': out_putc((char)va_arg(ap, int)); break;
		case 'd': {
			int64_t v = is_long ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(v < 0 ? (uint64_t)-v : (uint64_t)v, 10, v < 0);
			break;
		}
		case 'u': put_num(is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0); break;
		case 'x':
			out_putc('0');
			out_putc('x');
			put_num(is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0);
			break;
		case '%': out_putc('%'); break;
		default: out_putc('?'); break;
		}
	}
}

void out_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(fmt, ap);
	va_end(ap);
}

/* A long line checked byte for byte by tests/conformance/check-long.py: "# long TAG LEN " and
 * then pattern bytes up to LEN bytes, then a newline, all written straight through write()
 * (not the 256-byte line buffer), looping while it accepts fewer bytes. Returns the bytes
 * written, LEN + 1 when all went out. */
uint64_t out_long_line(const char *tag, uint32_t len, struct sbiret (*write)(uint64_t gpa, uint64_t n))
{
	static const char alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	char *buf = (char *)scratch[17];         /* scratch[17..18]: 8 KiB */
	uint64_t n = 0, done = 0;
	char num[12];
	int k = 0;

	__asm__("" : "+r"(buf)); /* scratch[17] and [18] are one buffer: hide the bound of [17] */
	out_flush();
	for (const char *p = "# long "; *p; p++)
		buf[n++] = *p;
	for (const char *p = tag; *p; p++)
		buf[n++] = *p;
	buf[n++] = ' ';
	for (uint32_t v = len; v || !k; v /= 10)
		num[k++] = (char)('0' + v % 10);
	while (k)
		buf[n++] = num[--k];
	buf[n++] = ' ';
	for (; n < len && n < 8000; n++)
		buf[n] = alpha[(n * 7 + n / 62) % 62];
	buf[n++] = '\n';
	while (done < n) {
		struct sbiret r = write(GPA(buf + done), n - done);
		if (r.error || r.value <= 0 || (uint64_t)r.value > n - done)
			break;
		done += (uint64_t)r.value;
	}
	return done;
}

/* Console output of the conformance guest: a line buffer flushed through rvpv CONSOLE_WRITE
 * (one exit per line) or, before rvpv is detected and on plain OpenSBI, legacy putchar
 * (tests/lib's consoles and printf core, whose %x prints 0x here). */
#include "conf.h"
#include "cons.h"
#include "fmt.h"

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
	/* what CONSOLE_WRITE did not take goes out by putchar; the console case reports it */
	size_t done = via_rvpv ? cons_rvpv_write(line, used) : 0;

	cons_sbi_write(line + done, used - done);
	used = 0;
}

void out_putc(char c)
{
	line[used++] = c;
	if (c == '\n' || used == sizeof(line))
		out_flush();
}

static void sink_put(struct fmt_sink *s, char c)
{
	out_putc(c);
}

/* %s, %c, %d/%u/%x (int), %ld/%lu/%lx (64-bit); %x prints 0x first */
void out_vprintf(const char *fmt, va_list ap)
{
	struct fmt_sink sink = { sink_put, 1 };

	fmt_vprint(&sink, fmt, ap);
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
uint64_t out_long_line(const char *tag, uint32_t len, struct rvpv_sbiret (*write)(uint64_t gpa, uint64_t n))
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
		struct rvpv_sbiret r = write(GPA(buf + done), n - done);
		if (r.error || r.value <= 0 || (uint64_t)r.value > n - done)
			break;
		done += (uint64_t)r.value;
	}
	return done;
}

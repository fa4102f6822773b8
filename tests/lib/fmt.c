/* The printf core of the test and bench guests (see fmt.h). */
#include <stdint.h>
#include "fmt.h"

static void put_str(struct fmt_sink *s, const char *str)
{
	while (*str)
		s->put(s, *str++);
}

static void put_num(struct fmt_sink *s, uint64_t v, unsigned base, int neg)
{
	char digits[24];
	int n = 0;

	if (neg)
		s->put(s, '-');
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		s->put(s, digits[--n]);
}

void fmt_vprint(struct fmt_sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int is_long = 0;

		if (*fmt != '%') {
			s->put(s, *fmt);
			continue;
		}
		while (*++fmt == 'l')
			is_long = 1;
		switch (*fmt) {
		case 's': put_str(s, va_arg(ap, const char *)); break;
		case 'c': s->put(s, (char)va_arg(ap, int)); break;
		case 'd': {
			int64_t v = is_long ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(s, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0);
			break;
		}
		case 'u': put_num(s, is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0); break;
		case 'x':
			if (s->hex_prefix)
				put_str(s, "0x");
			put_num(s, is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0);
			break;
		case '%': s->put(s, '%'); break;
		case 0: return;
		default: s->put(s, '?'); break;
		}
	}
}

struct buf_sink {
	struct fmt_sink sink;
	char *buf;
	size_t len, cap;
};

static void buf_put(struct fmt_sink *s, char c)
{
	struct buf_sink *b = (struct buf_sink *)s;

	if (b->len < b->cap)
		b->buf[b->len++] = c;
}

size_t fmt_vbuf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct buf_sink b = { { buf_put, 0 }, buf, 0, cap };

	fmt_vprint(&b.sink, fmt, ap);
	return b.len;
}

size_t fmt_buf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vbuf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

/* The one printf core of the test and bench guests (tests/lib): %s %c %d %u %x and %%, with l
 * or ll for 64-bit arguments; anything else prints '?'. Characters go to a sink one by one. */
#ifndef TLIB_FMT_H
#define TLIB_FMT_H
#include <stdarg.h>
#include <stddef.h>

struct fmt_sink {
	void (*put)(struct fmt_sink *s, char c);
	int hex_prefix;         /* %x prints 0x first (how the conformance suite's messages read) */
};

void fmt_vprint(struct fmt_sink *s, const char *fmt, va_list ap);
/* Formats into buf, at most cap bytes (the rest is dropped, no terminator); returns the length. */
size_t fmt_vbuf(char *buf, size_t cap, const char *fmt, va_list ap);
size_t fmt_buf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#endif

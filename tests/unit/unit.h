/* Host unit-test support: hypervisor logging/panic stand-ins and a tiny check macro. The
 * tests link real hypervisor sources (listed in each test's "// sources:" line). */
#ifndef UNIT_H
#define UNIT_H
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdint.h>

static int unit_failed, unit_passed;

#define CHECK(cond) do { \
	if (cond) { unit_passed++; } else { unit_failed++; \
		fprintf(stderr, "not ok: %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)

void hv_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
}

/* panics are expected in some tests: they longjmp back when armed */
#include <setjmp.h>
static jmp_buf unit_panic_jmp;
static int unit_panic_armed;
void hv_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!unit_panic_armed) {
		fprintf(stderr, "unexpected panic: ");
		vfprintf(stderr, fmt, ap);
		fprintf(stderr, "\n");
		abort();
	}
	va_end(ap);
	longjmp(unit_panic_jmp, 1);
}

static int unit_summary(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
#endif

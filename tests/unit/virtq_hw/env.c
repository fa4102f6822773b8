/* blk_env for the standalone payload: ns16550 console, bump page allocator after the image,
 * SBI shutdown. Just enough to drive hv/blk/virtio_mmio_blk.c on bare QEMU. */
#include <stdarg.h>
#include <stdint.h>
#include "../../../hv/blk/blk_env.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "env.h"

#define UART 0x10000000ul

extern uint8_t heap_start[];
static uint8_t *heap_next = heap_start;

/* The compiler may turn struct clears into memset calls (freestanding, no libc here). */
void *memset(void *d, int c, unsigned long n)
{
	volatile uint8_t *p = d; /* volatile: not recognised as a memset loop again */
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

static void putc_uart(char c)
{
	volatile uint8_t *u = (volatile uint8_t *)UART;
	while (!(u[5] & 0x20))
		; /* LSR.THRE */
	u[0] = (uint8_t)c;
}

static void put_str(const char *s)
{
	while (*s)
		putc_uart(*s++);
}

static void put_num(uint64_t v, unsigned base, int neg)
{
	char buf[24];
	int i = 0;
	if (neg)
		putc_uart('-');
	do {
		buf[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (i)
		putc_uart(buf[--i]);
}

void hv_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putc_uart(*fmt);
			continue;
		}
		int longs = 0;
		while (*++fmt == 'l')
			longs++;
		switch (*fmt) {
		case 's': put_str(va_arg(ap, const char *)); break;
		case 'c': putc_uart((char)va_arg(ap, int)); break;
		case 'd': {
			int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(v < 0 ? (uint64_t)-v : (uint64_t)v, 10, v < 0);
			break;
		}
		case 'u': put_num(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0); break;
		case 'x': put_num(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0); break;
		case 'p': put_str("0x"); put_num((uintptr_t)va_arg(ap, void *), 16, 0); break;
		case '%': putc_uart('%'); break;
		default: putc_uart('?'); break;
		}
	}
	va_end(ap);
}

void *palloc_alloc(uint64_t npages)
{
	uint8_t *p = heap_next;
	heap_next += npages * 4096;
	for (uint64_t i = 0; i < npages * 4096; i++)
		p[i] = 0;
	return p;
}

void env_shutdown(void)
{
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE);
	for (;;)
		__asm__ volatile("wfi");
}

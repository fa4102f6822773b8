/* blk_env for the standalone payload: ns16550 console (tests/lib), bump page allocator after
 * the image, SBI shutdown. Just enough to drive hv/blk/virtio_mmio_blk.c on bare QEMU. */
#include <stdarg.h>
#include <stdint.h>
#include "../../../hv/blk/blk_env.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "env.h"
#include "cons.h"
#include "fmt.h"

extern uint8_t heap_start[];
static uint8_t *heap_next = heap_start;

static void uart_put(struct fmt_sink *s, char c)
{
	cons_uart_write(&c, 1);
}

void hv_printf(const char *fmt, ...)
{
	struct fmt_sink sink = { uart_put, 0 };
	va_list ap;

	va_start(ap, fmt);
	fmt_vprint(&sink, fmt, ap);
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

/* The three consoles of the test and bench guests (see cons.h). */
#include <stdint.h>
#include "rvpv/hcall.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "cons.h"

#define UART_BASE 0x10000000ul  /* QEMU virt's ns16550 (the device tree's /soc/serial) */
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

int cons_on_rvpv(void)
{
	struct rvpv_sbiret id = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID);

	return !id.error && id.value == RVPV_SBI_IMPL_ID;
}

size_t cons_rvpv_write(const char *s, size_t n)
{
	size_t done = 0;

	while (done < n) {
		struct rvpv_sbiret r = rvpv_console_write((uintptr_t)(s + done), n - done);
		if (r.error || r.value <= 0 || (size_t)r.value > n - done)
			break;
		done += (size_t)r.value;
	}
	return done;
}

void cons_sbi_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rvpv_sbi_call1(SBI_EXT_0_1_PUTCHAR, 0, (uint8_t)s[i]);
}

void cons_uart_write(const char *s, size_t n)
{
	volatile uint8_t *u = (volatile uint8_t *)UART_BASE;

	for (size_t i = 0; i < n; i++) {
		while (!(u[UART_LSR] & UART_LSR_THRE))
			;
		u[UART_THR] = (uint8_t)s[i];
	}
}

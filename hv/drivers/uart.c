/* ns16550 UART driver: polled transmit, receive with an RX interrupt through the PLIC.
 * Before uart_init (or with no UART in the device tree) output goes to SBI legacy putchar. */
#include "uart.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LSR 5
#define LSR_DR   0x01
#define LSR_THRE 0x20

static volatile uint8_t *uart_base;
static uint32_t uart_shift;

static inline uint8_t rd(int reg) { return uart_base[reg << uart_shift]; }
static inline void wr(int reg, uint8_t v) { uart_base[reg << uart_shift] = v; }

void uart_init(uint64_t base, uint32_t reg_shift)
{
	uart_base = (volatile uint8_t *)(uintptr_t)base;
	uart_shift = reg_shift;
	wr(UART_FCR, 0x07); /* enable and clear FIFOs; OpenSBI already set the baud rate */
}

void uart_putc(char c)
{
	if (!uart_base) {
		rvpv_sbi_call1(SBI_EXT_0_1_PUTCHAR, 0, (uint8_t)c);
		return;
	}
	while (!(rd(UART_LSR) & LSR_THRE))
		;
	wr(UART_THR, (uint8_t)c);
}

int uart_getc(void)
{
	if (!uart_base || !(rd(UART_LSR) & LSR_DR))
		return -1;
	return rd(UART_RBR);
}

void uart_enable_rx_irq(void)
{
	if (uart_base)
		wr(UART_IER, 0x01);
}

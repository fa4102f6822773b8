/* ns16550 UART driver: the hypervisor console (polled transmit, receive with an RX interrupt
 * through the PLIC). The first ns16550a node is the console; others are left alone. */
#include "driver.h"
#include "console.h"
#include "plic.h"
#include "hart.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LSR 5
#define LSR_DR   0x01
#define LSR_THRE 0x20

static volatile uint8_t *uart_base;
static uint32_t uart_shift;
static const struct plat_dev *uart_dev;

static inline uint8_t rd(int reg) { return uart_base[reg << uart_shift]; }
static inline void wr(int reg, uint8_t v) { uart_base[reg << uart_shift] = v; }

static void uart_putc(char c)
{
	while (!(rd(UART_LSR) & LSR_THRE))
		;
	wr(UART_THR, (uint8_t)c);
}

static int uart_getc(void)
{
	if (!(rd(UART_LSR) & LSR_DR))
		return -1;
	return rd(UART_RBR);
}

static const struct console_ops uart_ops = { uart_putc, uart_getc };

static void uart_probe(const struct plat_dev *d)
{
	if (uart_base)
		return;
	uart_base = (volatile uint8_t *)(uintptr_t)d->base;
	uart_shift = d->reg_shift;
	uart_dev = d;
	wr(UART_FCR, 0x07); /* enable and clear FIFOs; OpenSBI already set the baud rate */
	console_set_device(&uart_ops);
}

static void uart_irq(uint32_t irq, void *arg)
{
	console_poll_input();
}

/* input goes to the hart that booted (any hart would do; one keeps input ordered) */
static void uart_probe_irq(const struct plat_dev *d)
{
	if (d != uart_dev || !d->irq)
		return;
	plic_register(d->irq, uart_irq, NULL, &harts[0]);
	wr(UART_IER, 0x01);
}

HV_DRIVER(uart_console, "ns16550a", DRIVER_CONSOLE, uart_probe);
HV_DRIVER(uart_input, "ns16550a", DRIVER_OTHER, uart_probe_irq);

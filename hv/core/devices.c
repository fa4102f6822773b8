/* Wires the physical devices' interrupts: console input from the UART goes to the hart that
 * booted (any hart would do; one keeps input ordered). */
#include "devices.h"
#include "platform.h"
#include "plic.h"
#include "uart.h"
#include "console.h"
#include "hart.h"
#include "disk.h"

static void uart_irq(uint32_t irq, void *arg)
{
	console_poll_input();
}

void devices_init(void)
{
	if (plat.uart_base && plat.uart_irq) {
		plic_register(plat.uart_irq, uart_irq, NULL, &harts[0]);
		uart_enable_rx_irq();
	}
	disk_init();
}

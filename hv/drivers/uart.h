/* ns16550 UART: polled output and non-blocking input for the hypervisor console. */
#ifndef HV_UART_H
#define HV_UART_H
#include <stdint.h>
void uart_init(uint64_t base, uint32_t reg_shift);
void uart_putc(char c);
int uart_getc(void);          /* -1 when no byte is waiting */
void uart_enable_rx_irq(void);
#endif

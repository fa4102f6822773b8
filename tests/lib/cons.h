/* The consoles of the test and bench guests (tests/lib): rvpv's CONSOLE_WRITE (one call a
 * line, so lines of VMs running at once do not interleave), SBI's legacy putchar (plain
 * OpenSBI has no DBCN) and the ns16550 UART of QEMU virt (payloads that drive devices). */
#ifndef TLIB_CONS_H
#define TLIB_CONS_H
#include <stddef.h>

/* 1 when SBI's implementation id is rvpv's. */
int cons_on_rvpv(void);
/* CONSOLE_WRITE until all of s is taken or a call fails or takes nothing; returns what was taken. */
size_t cons_rvpv_write(const char *s, size_t n);
void cons_sbi_write(const char *s, size_t n);
void cons_uart_write(const char *s, size_t n);
#endif

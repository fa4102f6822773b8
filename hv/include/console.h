/* The hypervisor console: its own messages, each VM's output prefixed with the VM's name, and
 * input routed to the VM that has the focus (or to the monitor). */
#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H
#include "types.h"
struct vm;
struct vcpu;
void console_write_raw(const char *s, size_t n);
void console_vm_write(struct vcpu *v, const char *s, size_t n); /* buffers to whole lines */
void console_vm_flush(struct vm *vm);
void console_vm_show(struct vm *vm); /* prints a buffered partial line */
uint32_t console_vm_read(struct vcpu *v, uint8_t *buf, uint32_t len);
/* The calls' side (CONSOLE_WRITE/READ, DBCN): guest buffers through gmem, any page layout;
 * -1 (nothing done) if a byte of [gpa, gpa + len) is not the guest's, else bytes moved. */
int64_t console_write_guest(struct vcpu *v, uint64_t gpa, uint64_t len);
int64_t console_read_guest(struct vcpu *v, uint64_t gpa, uint64_t len);
void console_poll_input(void);     /* drains the console device; called on its interrupt */

/* The console device class: a driver (drivers/uart.c) registers one; until then, and without
 * one, output goes to the firmware's legacy putchar and there is no input. */
struct console_ops {
	void (*putc)(char c);         /* waits for room */
	int (*getc)(void);            /* -1 when no byte is waiting */
};
void console_set_device(const struct console_ops *ops); /* the first one stays */
#endif

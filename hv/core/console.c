/* Console output and input. Output from all harts goes through one lock so lines never
 * interleave; a VM's output is collected into whole lines and printed as "name| line". */
#include "console.h"
#include "printf.h"
#include "spinlock.h"
#include "uart.h"
#include "vm.h"
#include "string.h"
#include "power.h"
#include <stdarg.h>

static struct spinlock out_lock = SPINLOCK_INIT;
static uint32_t focus;             /* index into vms[] that receives input */

void console_write_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

void hv_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	spin_lock(&out_lock);
	console_write_raw(buf, (size_t)n);
	spin_unlock(&out_lock);
}

void hv_panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* no lock: the panicking hart may hold it */
	console_write_raw("HV PANIC: ", 10);
	console_write_raw(buf, strlen(buf));
	console_write_raw("\n", 1);
	power_off(true);
}

static void print_line(struct vm *vm)
{
	spin_lock(&out_lock);
	console_write_raw(vm->name, strlen(vm->name));
	console_write_raw("| ", 2);
	console_write_raw(vm->line, vm->line_len);
	console_write_raw("\n", 1);
	spin_unlock(&out_lock);
	vm->line_len = 0;
}

void console_vm_flush(struct vm *vm)
{
	if (vm->line_len)
		print_line(vm);
}

/* Called with vm->lock held by the caller, so a VM's lines stay whole across its vCPUs. */
void console_vm_write(struct vm *vm, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			print_line(vm); /* an empty line still shows whose it is */
			continue;
		}
		if (c == '\r')
			continue;
		if ((unsigned char)c < 0x20 && c != '\t')
			c = '?';
		vm->line[vm->line_len++] = c;
		if (vm->line_len == sizeof(vm->line))
			print_line(vm);
	}
}

uint32_t console_vm_read(struct vm *vm, uint8_t *buf, uint32_t len)
{
	uint32_t n = 0;
	while (n < len && vm->in_tail != vm->in_head) {
		buf[n++] = vm->in_buf[vm->in_tail % CONSOLE_IN_SIZE];
		vm->in_tail++;
	}
	return n;
}

void console_poll_input(void)
{
	int c;
	while ((c = uart_getc()) >= 0) {
		struct vm *vm = vms[focus];
		if (!vm || vm->state != VM_RUNNING)
			continue;
		if (vm->in_head - vm->in_tail < CONSOLE_IN_SIZE) {
			vm->in_buf[vm->in_head % CONSOLE_IN_SIZE] = (uint8_t)c;
			vm->in_head++;
		}
	}
}

/* Console output and input. Output from all harts goes through one lock so lines never
 * interleave; a VM's output is collected into whole lines and printed as "name| line". */
#include "console.h"
#include "printf.h"
#include "spinlock.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "vm.h"
#include "string.h"
#include "event.h"
#include "monitor.h"
#include <stdarg.h>

static struct spinlock out_lock = SPINLOCK_INIT;
static uint32_t focus;             /* index into vms[] that receives input */
static bool hv_line_open;          /* the hypervisor's own partial line (the monitor prompt) */
static void close_open_line(void);
static const struct console_ops *dev;

void console_set_device(const struct console_ops *ops)
{
	if (!dev)
		dev = ops;
}

static void put(char c)
{
	if (dev)
		dev->putc(c);
	else
		rvpv_sbi_call1(SBI_EXT_0_1_PUTCHAR, 0, (uint8_t)c);
}

void console_write_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			put('\r');
		put(s[i]);
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
	close_open_line();
	console_write_raw(buf, (size_t)n);
	if (n > 0)
		hv_line_open = buf[n - 1] != '\n';
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
	arch_power_off(true);
}

/* The VM whose partial line (a prompt, say) is on the screen: its next output continues it,
 * anyone else's output starts on a fresh line. Protected by out_lock. */
static struct vm *open_vm;

static void close_open_line(void)
{
	if (open_vm) {
		console_write_raw("\n", 1);
		open_vm = NULL;
	}
}

/* Prints what the VM has buffered; a complete line ends with a newline, a partial one stays open. */
static void emit(struct vm *vm, bool newline)
{
	spin_lock(&out_lock);
	if (open_vm != vm) {
		close_open_line();
		if (hv_line_open) {  /* a VM line never continues "monitor> " */
			console_write_raw("\n", 1);
			hv_line_open = false;
		}
		console_write_raw(vm->name, strlen(vm->name));
		console_write_raw("| ", 2);
	}
	console_write_raw(vm->line, vm->line_len);
	if (newline) {
		console_write_raw("\n", 1);
		open_vm = NULL;
	} else if (vm->line_len) {
		open_vm = vm;
	}
	spin_unlock(&out_lock);
	vm->line_len = 0;
}

void console_vm_flush(struct vm *vm)
{
	if (vm->line_len)
		emit(vm, false);
	spin_lock(&out_lock);
	if (open_vm == vm)
		close_open_line();
	spin_unlock(&out_lock);
}

/* Called with vm->lock held, so a VM's lines stay whole across its vCPUs. */
void console_vm_write(struct vcpu *v, const char *s, size_t n)
{
	struct vm *vm = v->vm;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			emit(vm, true); /* an empty line still shows whose it is */
			continue;
		}
		if (c == '\r')
			continue;
		if ((unsigned char)c < 0x20 && c != '\t' && c != '\b')
			c = '?';
		vm->line[vm->line_len++] = c;
		if (vm->line_len == sizeof(vm->line))
			emit(vm, false);
	}
	vm->line_writer = v;
	/* A partial line stays buffered: kernels write in pieces (Linux's hvc in 16 bytes), and a
	 * piece printed at once let another VM's line in between. It shows when the VM reads input,
	 * or its writer blocks (a prompt is followed by one of them; another vCPU blocking says
	 * nothing of a line still being written), or the VM stops, or the buffer fills. */
}

void console_vm_show(struct vm *vm)
{
	spin_lock(&vm->lock);
	if (vm->line_len)
		emit(vm, false);
	spin_unlock(&vm->lock);
}

uint32_t console_vm_read(struct vcpu *v, uint8_t *buf, uint32_t len)
{
	struct vm *vm = v->vm;
	uint32_t n = 0;
	/* the prompt before the read; another vCPU's read (Linux's hvc thread) says nothing of a
	 * line the writer is still printing */
	if (vm->line_len && vm->line_writer == v)
		emit(vm, false);
	while (n < len && vm->in_tail != vm->in_head) {
		buf[n++] = vm->in_buf[vm->in_tail % CONSOLE_IN_SIZE];
		vm->in_tail++;
	}
	return n;
}

int64_t console_write_guest(struct vcpu *v, uint64_t gpa, uint64_t len)
{
	char copy[256]; /* read guest memory once, then print from our copy */
	if (!gmem_usable(v->vm, gpa, len))
		return -1;
	for (uint64_t done = 0, n; done < len; done += n) {
		n = MIN(len - done, sizeof(copy));
		if (gmem_read(v->vm, copy, gpa + done, n))
			return (int64_t)done; /* the guest released its own buffer meanwhile */
		spin_lock(&v->vm->lock);
		console_vm_write(v, copy, n);
		spin_unlock(&v->vm->lock);
	}
	return (int64_t)len;
}

int64_t console_read_guest(struct vcpu *v, uint64_t gpa, uint64_t len)
{
	uint8_t buf[CONSOLE_IN_SIZE];
	len = MIN(len, sizeof(buf));
	if (!gmem_usable(v->vm, gpa, len))
		return -1;
	spin_lock(&v->vm->lock);
	uint32_t n = console_vm_read(v, buf, (uint32_t)len);
	spin_unlock(&v->vm->lock);
	gmem_write(v->vm, gpa, buf, n); /* checked above: fails only if the guest raced itself */
	return n;
}

/* Ctrl-] moves the input focus to the next VM that is running (QEMU keeps Ctrl-A for itself). */
#define FOCUS_KEY 0x1d

#define FOCUS_MONITOR MAX_VMS

/* Cycles through the running VMs, then the monitor. */
static void switch_focus(void)
{
	for (uint32_t i = 1; i <= MAX_VMS + 1; i++) {
		uint32_t id = (focus + i) % (MAX_VMS + 1);
		if (id == FOCUS_MONITOR) {
			focus = id;
			hv_printf("hv: console input now goes to the monitor; Ctrl-] switches\n");
			monitor_prompt();
			return;
		}
		char name[VM_NAME_MAX];
		spin_lock(&vms_lock); /* the VM may be being destroyed on another hart */
		struct vm *vm = vms[id];
		bool live = vm && vm->state == VM_RUNNING;
		if (live)
			memcpy(name, vm->name, VM_NAME_MAX);
		spin_unlock(&vms_lock);
		if (live) {
			focus = id;
			hv_printf("hv: console input now goes to vm %s (id %u); Ctrl-] switches\n", name, id);
			return;
		}
	}
}

/* One input byte to the focused VM, under vms_lock: another hart may be destroying it. False
 * if it is not running. */
static bool deliver(uint8_t c)
{
	spin_lock(&vms_lock);
	struct vm *vm = focus < MAX_VMS ? vms[focus] : NULL;
	bool ok = vm && vm->state == VM_RUNNING;
	if (ok) {
		if (vm->in_head - vm->in_tail < CONSOLE_IN_SIZE) {
			vm->in_buf[vm->in_head % CONSOLE_IN_SIZE] = c;
			vm->in_head++;
		}
		event_raise_source(vm, RVPV_EVSRC_CONSOLE_IN, 0);
	}
	spin_unlock(&vms_lock);
	return ok;
}

void console_poll_input(void)
{
	int c;
	while (dev && (c = dev->getc()) >= 0) {
		if (c == FOCUS_KEY) {
			switch_focus();
			continue;
		}
		if (focus == FOCUS_MONITOR) {
			monitor_input((char)c);
			continue;
		}
		if (deliver((uint8_t)c))
			continue;
		switch_focus(); /* the focused VM is gone: input follows to a live one */
		if (focus == FOCUS_MONITOR)
			monitor_input((char)c);
		else
			deliver((uint8_t)c);
	}
}

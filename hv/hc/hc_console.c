/* CONSOLE group: write a guest buffer to the VM's console, non-blocking read of its input. */
#include "hypercall.h"
#include "hc_util.h"
#include "console.h"
#include "vm.h"
#include "string.h"

#define CONSOLE_MAX_CHUNK 4096

void hc_CONSOLE_WRITE(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t len = MIN(c->a[1], CONSOLE_MAX_CHUNK);
	c->error = SBI_SUCCESS;
	if (!len)
		return;
	/* the whole stated range must be the guest's, not only the chunk written now */
	const char *buf = vm_ram_contains(vm, c->a[0], c->a[1]) ? vm_gpa_to_hva(vm, c->a[0], len) : NULL;
	if (!buf) {
		c->error = SBI_ERR_INVALID_ADDRESS;
		return;
	}
	char copy[256]; /* read guest memory once, then print from our copy */
	for (uint64_t done = 0; done < len;) {
		uint64_t n = MIN(len - done, sizeof(copy));
		memcpy(copy, buf + done, n);
		spin_lock(&vm->lock);
		console_vm_write(vm, copy, n);
		spin_unlock(&vm->lock);
		done += n;
	}
	c->value = len;
}

void hc_CONSOLE_READ(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t len = MIN(c->a[1], CONSOLE_IN_SIZE);
	uint8_t *buf = len ? vm_gpa_to_hva(vm, c->a[0], len) : NULL;
	if (c->a[1] && (!buf || !vm_ram_contains(vm, c->a[0], c->a[1]))) {
		c->error = SBI_ERR_INVALID_ADDRESS;
		return;
	}
	spin_lock(&vm->lock);
	c->value = len ? console_vm_read(vm, buf, (uint32_t)len) : 0;
	spin_unlock(&vm->lock);
	c->error = SBI_SUCCESS;
}

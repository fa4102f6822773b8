/* LIFECYCLE group: shutdown, reboot and crash reports. */
#include "hypercall.h"
#include "vm.h"
#include "printf.h"
#include "string.h"

void hc_LIFECYCLE_SHUTDOWN(struct hc_call *c)
{
	vm_stop(c->v->vm, "shut down");
	c->no_return = true;
	c->next = RUN_STOP;
}

void hc_LIFECYCLE_REBOOT(struct hc_call *c)
{
	vm_reboot(c->v->vm);
	c->no_return = true;
	c->next = RUN_STOP;
}

void hc_LIFECYCLE_CRASH(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t len = MIN(c->a[2], RVPV_CRASH_MSG_MAX);
	char msg[RVPV_CRASH_MSG_MAX + 1], why[RVPV_CRASH_MSG_MAX + 48];
	if (c->a[2] && (!gmem_in_ram(vm, c->a[1], c->a[2]) || gmem_read(vm, msg, c->a[1], len))) {
		c->error = SBI_ERR_INVALID_ADDRESS;
		return;
	}
	for (uint64_t i = 0; i < len; i++) {
		uint8_t b = (uint8_t)msg[i];
		msg[i] = (b >= 0x20 && b < 0x7f) ? (char)b : '?';
	}
	msg[len] = 0;
	snprintf(why, sizeof(why), "crashed: code %lu: %s", (unsigned long)c->a[0], msg);
	vm_stop(vm, why);
	c->no_return = true;
	c->next = RUN_STOP;
}

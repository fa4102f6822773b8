/* CONSOLE group: write a guest buffer to the VM's console, non-blocking read of its input. */
#include "hypercall.h"
#include "hc_util.h"
#include "console.h"
#include "vm.h"

#define CONSOLE_MAX_CHUNK 4096

void hc_CONSOLE_WRITE(struct hc_call *c)
{
	uint64_t len = MIN(c->a[1], CONSOLE_MAX_CHUNK);
	c->error = SBI_SUCCESS;
	if (!c->a[1])
		return;
	/* the whole stated range must be the guest's, not only the chunk written now */
	int64_t n = gmem_in_ram(c->v->vm, c->a[0], c->a[1]) ? console_write_guest(c->v, c->a[0], len) : -1;
	c->error = n < 0 ? SBI_ERR_INVALID_ADDRESS : SBI_SUCCESS;
	c->value = n < 0 ? 0 : (uint64_t)n;
}

void hc_CONSOLE_READ(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	if (!c->a[1])
		return;
	int64_t n = gmem_in_ram(c->v->vm, c->a[0], c->a[1]) ? console_read_guest(c->v, c->a[0], c->a[1]) : -1;
	c->error = n < 0 ? SBI_ERR_INVALID_ADDRESS : SBI_SUCCESS;
	c->value = n < 0 ? 0 : (uint64_t)n;
}

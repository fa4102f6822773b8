/* SBI DBCN (debug console, SBI 2.0) and the legacy v0.1 console, shutdown and timer calls. */
#include "vsbi_env.h"

static void dbcn(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t len = c->a[0], lo = c->a[1], hi = c->a[2];
	switch (c->fid) {
	case SBI_DBCN_WRITE:
	case SBI_DBCN_READ: {
		/* SBI 2.0 DBCN: a bad address is INVALID_PARAM; at most 256 bytes per call */
		int64_t n = 0;
		if (!hi && len && gmem_in_ram(vm, lo, len))
			n = c->fid == SBI_DBCN_WRITE ? console_write_guest(c->v, lo, MIN(len, 256))
						     : console_read_guest(c->v, lo, MIN(len, 256));
		else if (hi || len)
			n = -1;
		if (n < 0) { c->error = SBI_ERR_INVALID_PARAM; return; }
		c->error = SBI_SUCCESS;
		c->value = (uint64_t)n;
		return;
	}
	case SBI_DBCN_WRITE_BYTE: {
		char ch = (char)c->a[0];
		spin_lock(&vm->lock);
		console_vm_write(c->v, &ch, 1);
		spin_unlock(&vm->lock);
		c->error = SBI_SUCCESS;
		return;
	}
	default:
		c->error = SBI_ERR_NOT_SUPPORTED;
	}
}

VSBI_EXTENSION(vsbi_dbcn, SBI_EXT_DBCN, SBI_EXT_DBCN, dbcn);

static void legacy(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	c->legacy = true;
	switch (c->ext) {
	case SBI_EXT_0_1_SET_TIMER:
		cpu_set_timer(c->v, c->a[0], false);
		c->value = 0;
		break;
	case SBI_EXT_0_1_PUTCHAR: {
		char ch = (char)c->a[0];
		spin_lock(&vm->lock);
		console_vm_write(c->v, &ch, 1);
		spin_unlock(&vm->lock);
		c->value = 0;
		break;
	}
	case SBI_EXT_0_1_GETCHAR: {
		uint8_t ch;
		spin_lock(&vm->lock);
		c->value = console_vm_read(c->v, &ch, 1) ? ch : (uint64_t)-1;
		spin_unlock(&vm->lock);
		break;
	}
	case SBI_EXT_0_1_SHUTDOWN:
		vm_stop(vm, "shut down");
		c->no_return = true;
		c->next = RUN_STOP;
		break;
	default:
		c->legacy = false;
		c->error = SBI_ERR_NOT_SUPPORTED;
	}
}

VSBI_EXTENSION(vsbi_legacy, 0x00, 0x0f, legacy);

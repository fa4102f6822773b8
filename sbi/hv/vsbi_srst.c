/* SBI SRST: shutdown and reboots act on the calling VM, never on the machine. */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	if (c->fid != SBI_SRST_SYSTEM_RESET) { c->error = SBI_ERR_NOT_SUPPORTED; return; }
	uint64_t type = c->a[0], reason = c->a[1];
	/* both are 32-bit fields: reserved values (and any upper bit) are invalid, vendor and
	 * implementation-specific ones are valid but not implemented here */
	bool type_reserved = type > 0xffffffffull || (type > SBI_SRST_TYPE_WARM_REBOOT && type < 0xF0000000ull);
	bool reason_reserved = reason > 0xffffffffull || (reason > SBI_SRST_REASON_SYSFAIL && reason < 0xE0000000ull);
	if (type_reserved || reason_reserved) { c->error = SBI_ERR_INVALID_PARAM; return; }
	if (type > SBI_SRST_TYPE_WARM_REBOOT || reason > SBI_SRST_REASON_SYSFAIL) {
		c->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	if (type == SBI_SRST_TYPE_SHUTDOWN)
		vm_stop(c->v->vm, reason == SBI_SRST_REASON_SYSFAIL ? "shut down (system failure)" : "shut down");
	else {
		/* say who asked: a Linux with panic=N ends its panic here, and rvpv then starts the VM
		 * afresh from its image (each restart is reported with its count) */
		hv_printf("hv: vm %s (id %u): guest requested a %s reboot through SBI SRST%s\n", c->v->vm->name,
			  c->v->vm->id, type == SBI_SRST_TYPE_COLD_REBOOT ? "cold" : "warm",
			  reason == SBI_SRST_REASON_SYSFAIL ? " (system failure)" : "");
		vm_reboot(c->v->vm);
	}
	c->no_return = true;
	c->next = RUN_STOP;
}

VSBI_EXTENSION(vsbi_srst, SBI_EXT_SRST, SBI_EXT_SRST, handle);

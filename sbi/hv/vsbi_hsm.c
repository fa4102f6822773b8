/* SBI HSM over vCPUs: start, stop, status (SUSPENDED while suspended) and suspend (retentive =
 * block until an interrupt; non-retentive = resume at resume_addr as arch_vcpu_resume_at says). */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	switch (c->fid) {
	case SBI_HSM_HART_START:
		c->error = cpu_vcpu_start(vm, c->a[0], c->a[1], c->a[2]); /* ALREADY_AVAILABLE if started */
		break;
	case SBI_HSM_HART_STOP:
		c->v->stop_requested = true;
		c->no_return = true;
		c->next = RUN_STOP;
		break;
	case SBI_HSM_HART_GET_STATUS: {
		if (c->a[0] >= vm->nvcpus) {
			c->error = SBI_ERR_INVALID_PARAM;
			break;
		}
		struct vcpu *t = vm->vcpus[c->a[0]];
		c->error = SBI_SUCCESS;
		c->value = READ_ONCE(t->state) == VCPU_STOPPED ? SBI_HSM_STATE_STOPPED
			   : READ_ONCE(t->suspended)            ? SBI_HSM_STATE_SUSPENDED
								: SBI_HSM_STATE_STARTED;
		break;
	}
	case SBI_HSM_HART_SUSPEND: {
		/* suspend_type is 32 bits wide: the register's upper half is not part of it */
		uint32_t type = (uint32_t)c->a[0];
		if (type != SBI_HSM_SUSPEND_RET_DEFAULT && type != SBI_HSM_SUSPEND_NON_RET_DEFAULT)
			c->error = SBI_ERR_INVALID_PARAM; /* reserved, or platform-specific: none here */
		else if (type == SBI_HSM_SUSPEND_NON_RET_DEFAULT &&
			 (!IS_ALIGNED(c->a[1], 2) || !gmem_usable(vm, c->a[1], 2)))
			c->error = SBI_ERR_INVALID_ADDRESS;
		else
			cpu_suspend(c, type == SBI_HSM_SUSPEND_RET_DEFAULT, c->a[1], c->a[2]);
		break;
	}
	default:
		c->error = SBI_ERR_NOT_SUPPORTED;
	}
}

VSBI_EXTENSION(vsbi_hsm, SBI_EXT_HSM, SBI_EXT_HSM, handle);

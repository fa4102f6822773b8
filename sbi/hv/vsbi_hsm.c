/* SBI HSM over vCPUs: start, stop, status and suspend (retentive = block until an interrupt;
 * non-retentive = resume at resume_addr with a0 = hart id, a1 = opaque). */
#include "hypercall.h"
#include "cpu_ops.h"
#include "vcpu.h"
#include "vm.h"

static void handle(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	switch (c->fid) {
	case SBI_HSM_HART_START:
		c->error = cpu_vcpu_start(vm, c->a[0], c->a[1], c->a[2]);
		if (c->error == SBI_ERR_ALREADY_AVAILABLE)
			c->error = SBI_ERR_ALREADY_AVAILABLE; /* SBI: already started */
		break;
	case SBI_HSM_HART_STOP:
		c->v->stop_requested = true;
		c->no_return = true;
		c->next = RUN_STOP;
		break;
	case SBI_HSM_HART_GET_STATUS:
		if (c->a[0] >= vm->nvcpus) {
			c->error = SBI_ERR_INVALID_PARAM;
			break;
		}
		c->error = SBI_SUCCESS;
		c->value = vm->vcpus[c->a[0]]->state == VCPU_STOPPED ? SBI_HSM_STATE_STOPPED
								      : SBI_HSM_STATE_STARTED;
		break;
	case SBI_HSM_HART_SUSPEND: {
		uint64_t type = c->a[0];
		if (type == SBI_HSM_SUSPEND_RET_DEFAULT) {
			c->error = SBI_SUCCESS;
			c->next = RUN_BLOCK;
		} else if (type == SBI_HSM_SUSPEND_NON_RET_DEFAULT) {
			if (!IS_ALIGNED(c->a[1], 2) || !gmem_in_ram(vm, c->a[1], 2)) {
				c->error = SBI_ERR_INVALID_ADDRESS;
				break;
			}
			/* resumes at resume_addr as if freshly started, once an interrupt is pending */
			struct vcpu_ctx *x = &c->v->ctx;
			x->sepc = c->a[1];
			x->x[REG_A0] = c->v->id;
			x->x[REG_A1] = c->a[2];
			c->no_return = true;
			c->next = RUN_BLOCK;
		} else {
			c->error = SBI_ERR_INVALID_PARAM;
		}
		break;
	}
	default:
		c->error = SBI_ERR_NOT_SUPPORTED;
	}
}

const struct vsbi_ext vsbi_hsm = { SBI_EXT_HSM, SBI_EXT_HSM, handle };

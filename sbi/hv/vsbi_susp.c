/* SBI SUSP (system suspend, SBI 2.0) for a VM: SUSPEND_TO_RAM only, entered when every other
 * vCPU is stopped; the caller then sleeps as in a non-retentive HSM suspend and resumes at
 * resume_addr when an interrupt it enabled in sie is pending (its timer, console input or a
 * disk completion event: with the other vCPUs stopped nothing else can wake it). */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint32_t type = (uint32_t)c->a[0]; /* 32 bits wide, as in HSM */
	if (c->fid != SBI_SUSP_SYSTEM_SUSPEND) { c->error = SBI_ERR_NOT_SUPPORTED; return; }
	if (type != SBI_SUSP_SLEEP_TYPE_SUSPEND_TO_RAM) {
		c->error = SBI_ERR_INVALID_PARAM; /* reserved, or platform-specific: none here */
		return;
	}
	if (!IS_ALIGNED(c->a[1], 2) || !gmem_usable(vm, c->a[1], 2)) {
		c->error = SBI_ERR_INVALID_ADDRESS;
		return;
	}
	/* only a running vCPU starts another, and every one but us must be stopped: no race */
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		if (vm->vcpus[i] != c->v && READ_ONCE(vm->vcpus[i]->state) != VCPU_STOPPED) {
			c->error = SBI_ERR_DENIED;
			return;
		}
	}
	cpu_suspend(c, false, c->a[1], c->a[2]);
}

VSBI_EXTENSION(vsbi_susp, SBI_EXT_SUSP, SBI_EXT_SUSP, handle);

/* SBI RFENCE: remote fence.i and VS-stage sfence.vma for a hart mask of vCPUs. The hfence
 * functions are for guests that are hypervisors themselves, which rvpv does not offer. */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	uint64_t start = c->a[2], size = c->a[3], asid = UINT64_MAX;
	switch (c->fid) {
	case SBI_RFENCE_REMOTE_FENCE_I:
		/* each target's home hart runs fence.i with the VS-stage flush before that vCPU's
		 * next entry (exit_run_vcpu); the caller's own fence.i is below */
		start = 0;
		size = UINT64_MAX;
		break;
	case SBI_RFENCE_REMOTE_SFENCE_VMA:
		break;
	case SBI_RFENCE_REMOTE_SFENCE_VMA_ASID:
		asid = c->a[4];
		break;
	default:
		c->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	uint64_t targets = hc_vcpu_mask(c->v->vm, c->a[0], c->a[1], &c->error);
	if (c->error)
		return;
	arch_fence_i(); /* no state: harmless when the range is refused */
	cpu_remote_flush(c, targets, start, size, asid);
}

VSBI_EXTENSION(vsbi_rfence, SBI_EXT_RFENCE, SBI_EXT_RFENCE, handle);

/* SBI IPI: send_ipi raises the VS software interrupt of each vCPU in the hart mask. */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	if (c->fid != SBI_IPI_SEND_IPI) { c->error = SBI_ERR_NOT_SUPPORTED; return; }
	struct vm *vm = c->v->vm;
	uint64_t targets = hc_vcpu_mask(vm, c->a[0], c->a[1], &c->error);
	if (c->error)
		return;
	for (uint32_t i = 0; i < vm->nvcpus; i++)
		if (targets >> i & 1)
			vcpu_raise_irq(vm->vcpus[i], ARCH_VIRQ_SOFT);
}

VSBI_EXTENSION(vsbi_ipi, SBI_EXT_IPI, SBI_EXT_IPI, handle);

/* Argument checks shared by the hypercall and SBI decoders. */
#ifndef HV_HC_UTIL_H
#define HV_HC_UTIL_H
#include "hypercall.h"
#include "vm.h"

/* SBI hart-mask convention over vCPU ids: base = -1 means every vCPU. Returns a bitmap of the
 * named vCPUs, or -1 in *err when a set bit names no vCPU. */
static inline uint64_t hc_vcpu_mask(struct vm *vm, uint64_t mask, uint64_t base, int64_t *err)
{
	uint64_t all = vm->nvcpus >= 64 ? ~0ull : (1ull << vm->nvcpus) - 1;
	*err = 0;
	if (base == UINT64_MAX)
		return all;
	if (base >= vm->nvcpus) {
		if (mask)
			*err = SBI_ERR_INVALID_PARAM;
		return 0;
	}
	uint64_t shifted = mask << base;
	if ((shifted >> base) != mask || (shifted & ~all)) {
		*err = SBI_ERR_INVALID_PARAM;
		return 0;
	}
	return shifted;
}
#endif

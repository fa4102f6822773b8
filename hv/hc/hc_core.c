/* CORE group: ABI version, feature bits and the null call used to measure a round trip. */
#include "hypercall.h"
#include "vm.h"
#include "platform.h"
#include "disk.h"

void hc_CORE_GET_VERSION(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
	c->value = RVPV_ABI_VERSION;
}

void hc_CORE_GET_FEATURES(struct hc_call *c)
{
	uint64_t f = RVPV_FEAT_CPU | RVPV_FEAT_EVENT | RVPV_FEAT_MEM | RVPV_FEAT_CONSOLE |
		     RVPV_FEAT_LIFECYCLE | RVPV_FEAT_STEAL_TIME | RVPV_FEAT_BALLOON;
	if (disk_of(c->v->vm, 0))
		f |= RVPV_FEAT_BLOCK;
	if (plat.has_sstc)
		f |= RVPV_FEAT_SSTC;
	c->error = SBI_SUCCESS;
	c->value = f;
}

void hc_CORE_NULL_CALL(struct hc_call *c)
{
	c->error = SBI_SUCCESS;
}

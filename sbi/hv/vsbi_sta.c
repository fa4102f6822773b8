/* SBI STA (steal-time accounting, SBI 2.0): each vCPU's 64-byte area, pinned like the rvpv
 * vCPU info area and fed by the same accounting (vcpu_account_info) when it is scheduled in. */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	struct vcpu *v = c->v;
	uint64_t lo = c->a[0], hi = c->a[1];
	bool off = lo == UINT64_MAX && hi == UINT64_MAX;
	if (c->fid != SBI_STA_SET_SHMEM) { c->error = SBI_ERR_NOT_SUPPORTED; return; }
	if (c->a[2] || (!off && !IS_ALIGNED(lo, SBI_STA_SHMEM_SIZE))) {
		c->error = SBI_ERR_INVALID_PARAM;
		return;
	}
	if ((!off && hi) || gmem_move_pin(v->vm, v->sta_pins, &v->sta_cur, off ? UINT64_MAX : lo,
					   SBI_STA_SHMEM_SIZE)) {
		c->error = SBI_ERR_INVALID_ADDRESS; /* guest RAM lies below 2^64: hi != 0 is outside it */
		return;
	}
	v->sta_on = !off;
	if (!off) {
		memset(gmem_at(&v->sta_pins[v->sta_cur], 0), 0, SBI_STA_SHMEM_SIZE); /* as the spec asks */
		vcpu_account_info(v);
	}
	c->error = SBI_SUCCESS;
	c->value = 0;
}

VSBI_EXTENSION(vsbi_sta, SBI_EXT_STA, SBI_EXT_STA, handle);

/* SBI DBTR (debug triggers, SBI 3.0) with trig_max = 0 on every vCPU. The Sdtrig CSRs
 * (tselect, tdata1-3) are M-mode only and OpenSBI 1.1 below rvpv has no DBTR to ask, so
 * HS-mode cannot program a trigger for a guest. Each function answers as the spec does for a
 * hart without triggers; the shared memory is 0 bytes long, so it is only recorded as set. */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	struct vcpu *v = c->v;
	uint64_t lo = c->a[0], hi = c->a[1];
	bool off = lo == UINT64_MAX && hi == UINT64_MAX;
	c->value = 0;
	switch (c->fid) {
	case SBI_DBTR_NUM_TRIGGERS: /* none, whatever trig_tdata1 asks for */
		c->error = SBI_SUCCESS;
		break;
	case SBI_DBTR_SET_SHMEM:
		/* a range of 0 bytes holds no inaccessible address: no INVALID_ADDRESS is due */
		if (c->a[2] || (!off && !IS_ALIGNED(lo, 8))) {
			c->error = SBI_ERR_INVALID_PARAM;
		} else {
			v->dbtr_shmem = !off;
			c->error = SBI_SUCCESS;
		}
		break;
	case SBI_DBTR_READ_TRIGGERS:    /* trig_idx_base >= trig_max */
	case SBI_DBTR_INSTALL_TRIGGERS: /* trig_count >= trig_max */
	case SBI_DBTR_UPDATE_TRIGGERS:
		c->error = v->dbtr_shmem ? SBI_ERR_BAD_RANGE : SBI_ERR_NO_SHMEM;
		break;
	case SBI_DBTR_UNINSTALL_TRIGGERS:
	case SBI_DBTR_ENABLE_TRIGGERS:
	case SBI_DBTR_DISABLE_TRIGGERS:
		/* any index the mask names is >= trig_max; an empty set is done at once */
		c->error = c->a[1] ? SBI_ERR_INVALID_PARAM : SBI_SUCCESS;
		break;
	default:
		c->error = SBI_ERR_NOT_SUPPORTED;
	}
}

VSBI_EXTENSION(vsbi_dbtr, SBI_EXT_DBTR, SBI_EXT_DBTR, handle);

/* SBI TIME: set_timer programs the vCPU's VS timer (vstimecmp under Sstc, else in software). */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	if (c->fid != SBI_TIME_SET_TIMER) { c->error = SBI_ERR_NOT_SUPPORTED; return; }
	cpu_set_timer(c->v, c->a[0], false);
	c->error = SBI_SUCCESS;
}

VSBI_EXTENSION(vsbi_time, SBI_EXT_TIME, SBI_EXT_TIME, handle);

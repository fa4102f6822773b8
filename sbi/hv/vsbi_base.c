/* SBI BASE: spec version 3.0 (FWFT, SSE, DBTR; MPXY is optional and not offered), rvpv's implementation id, probing (standard and rvpv ids). */
#include "vsbi_env.h"

static bool probe(uint64_t eid)
{
	/* of the legacy ids only set_timer, putchar, getchar and shutdown are offered */
	if (eid <= 0x0f)
		return eid == SBI_EXT_0_1_SET_TIMER || eid == SBI_EXT_0_1_PUTCHAR ||
		       eid == SBI_EXT_0_1_GETCHAR || eid == SBI_EXT_0_1_SHUTDOWN;
	return (eid >= RVPV_EXT_FIRST && eid <= RVPV_EXT_LAST) || vsbi_find(eid) != NULL;
}

/* The answers that are constants, by fid (switch.S reads them too); mvendorid, marchid and
 * mimpid are 0, probe_extension (fid 3) is computed. */
const uint64_t vsbi_base_values[7] = { SBI_SPEC_VERSION(3, 0), RVPV_SBI_IMPL_ID, RVPV_SBI_IMPL_VERSION };

static void handle(struct hc_call *c)
{
	if (c->fid > SBI_BASE_GET_MIMPID)
		return; /* NOT_SUPPORTED */
	c->error = SBI_SUCCESS;
	c->value = c->fid == SBI_BASE_PROBE_EXT ? probe(c->a[0]) : vsbi_base_values[c->fid];
}

VSBI_EXTENSION(vsbi_base, SBI_EXT_BASE, SBI_EXT_BASE, handle);

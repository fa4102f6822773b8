/* The standard SBI extensions rvpv answers for its guests, one descriptor per extension (the
 * handlers live in one small file each). */
#include "hypercall.h"

extern const struct vsbi_ext vsbi_base, vsbi_time, vsbi_ipi, vsbi_rfence, vsbi_hsm, vsbi_srst,
	vsbi_dbcn, vsbi_legacy, vsbi_sta, vsbi_susp, vsbi_fwft, vsbi_sse, vsbi_dbtr;

static const struct vsbi_ext *const exts[] = {
	&vsbi_legacy, &vsbi_base, &vsbi_time, &vsbi_ipi, &vsbi_rfence, &vsbi_hsm, &vsbi_srst, &vsbi_dbcn,
	&vsbi_sta, &vsbi_susp, &vsbi_fwft, &vsbi_sse, &vsbi_dbtr,
};

const struct vsbi_ext *vsbi_find(uint64_t eid)
{
	for (unsigned i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (eid >= exts[i]->eid_first && eid <= exts[i]->eid_last)
			return exts[i];
	return NULL;
}

/* The standard SBI extensions rvpv answers for its guests: each sbi/hv/vsbi_*.c enters its
 * descriptor in the link-time list with VSBI_EXTENSION (vsbi.h); this finds the one for an id. */
#include "vsbi_env.h"

extern const struct vsbi_ext *const __start_vsbi_exts[], *const __stop_vsbi_exts[];

const struct vsbi_ext *vsbi_find(uint64_t eid)
{
	/* the linker's bounds of one section: one array, whatever the compiler sees */
	// cppcheck-suppress comparePointers
	for (const struct vsbi_ext *const *e = __start_vsbi_exts; e < __stop_vsbi_exts; e++)
		if (eid >= (*e)->eid_first && eid <= (*e)->eid_last)
			return *e;
	return NULL;
}

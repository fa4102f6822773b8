/* G-stage (guest-physical -> host-physical) page tables, Sv39x4: a 16 KiB root covering a
 * 41-bit guest-physical space, 1 GiB / 2 MiB / 4 KiB leaves. */
#ifndef HV_GSTAGE_H
#define HV_GSTAGE_H
#include "types.h"

#define GSTAGE_R 0x2
#define GSTAGE_W 0x4
#define GSTAGE_X 0x8
#define GSTAGE_RWX (GSTAGE_R | GSTAGE_W | GSTAGE_X)
#define GSTAGE_GPA_LIMIT (1ull << 41)

struct gstage {
	uint64_t *root;       /* 16 KiB aligned */
	uint64_t table_pages; /* page-table pages in use, root included */
};

int gstage_init(struct gstage *g);                           /* 0 or -1 (no memory) */
int gstage_map(struct gstage *g, uint64_t gpa, uint64_t hpa, uint64_t size, uint32_t prot);
int gstage_unmap(struct gstage *g, uint64_t gpa, uint64_t size); /* splits large leaves */
/* Ballooning: invalidate 4 KiB leaves but keep their host page recorded ("stale"), so the page
 * can be freed once every hart has flushed; take_stale hands such a page back exactly once. */
int gstage_invalidate_keep(struct gstage *g, uint64_t gpa, uint64_t size);
bool gstage_take_stale(struct gstage *g, uint64_t gpa, uint64_t *hpa);
bool gstage_revalidate(struct gstage *g, uint64_t gpa); /* a stale leaf becomes valid again */
bool gstage_translate(const struct gstage *g, uint64_t gpa, uint64_t *hpa, uint32_t *prot);
void gstage_destroy(struct gstage *g);                       /* frees every table page */
#endif

// sources: hv/core/palloc.c hv/arch/riscv/gstage.c
/* G-stage tables built on the host: leaf sizes, translation, unmap with splitting, the
 * ballooning "stale" state, bounds, and that destroy returns every table page. */
#include "unit.h"
#include "palloc.h"
#include "gstage.h"
#include <string.h>

#define MiB (1ull << 20)

int main(void)
{
	uint64_t pool = 8 * MiB;
	uint8_t *mem = aligned_alloc(2 * MiB, pool);
	palloc_init((uintptr_t)mem, pool, false);
	uint64_t free0 = palloc_free_pages();
	struct gstage g;
	CHECK(gstage_init(&g) == 0);
	CHECK(((uintptr_t)g.root % (16 * 1024)) == 0);   /* Sv39x4 root: 16 KiB aligned */

	/* 4 MiB of "RAM" at a 2 MiB aligned host address: two 2 MiB leaves */
	uint64_t gpa = 0x80000000ull, hpa = 0x40000000ull;
	CHECK(gstage_map(&g, gpa, hpa, 4 * MiB, GSTAGE_RWX) == 0);
	CHECK(g.table_pages == 4 + 1);                   /* root + one level-1 table */
	uint64_t out; uint32_t prot;
	CHECK(gstage_translate(&g, gpa + 0x123456, &out, &prot) && out == hpa + 0x123456 && prot == GSTAGE_RWX);
	CHECK(!gstage_translate(&g, gpa + 4 * MiB, &out, NULL));
	CHECK(!gstage_translate(&g, gpa - 1, &out, NULL));
	CHECK(!gstage_translate(&g, 1ull << 41, &out, NULL)); /* beyond Sv39x4 */

	/* bad arguments */
	CHECK(gstage_map(&g, gpa + 1, hpa, PAGE_SIZE, GSTAGE_RWX) < 0);
	CHECK(gstage_map(&g, gpa, hpa, PAGE_SIZE, 0) < 0);
	CHECK(gstage_map(&g, (1ull << 41) - PAGE_SIZE, hpa, 2 * PAGE_SIZE, GSTAGE_RWX) < 0);

	/* unmapping one page splits a 2 MiB leaf; its neighbours still translate */
	CHECK(gstage_unmap(&g, gpa + 0x1000, PAGE_SIZE) == 0);
	CHECK(!gstage_translate(&g, gpa + 0x1000, &out, NULL));
	CHECK(gstage_translate(&g, gpa + 0x2000, &out, NULL) && out == hpa + 0x2000);
	CHECK(gstage_translate(&g, gpa, &out, NULL) && out == hpa);
	CHECK(gstage_translate(&g, gpa + 3 * MiB, &out, NULL) && out == hpa + 3 * MiB);

	/* balloon states: invalidate-keep, revalidate, take exactly once */
	CHECK(gstage_invalidate_keep(&g, gpa + 0x5000, 2 * PAGE_SIZE) == 0);
	CHECK(!gstage_translate(&g, gpa + 0x5000, &out, NULL));
	CHECK(gstage_revalidate(&g, gpa + 0x5000));
	CHECK(gstage_translate(&g, gpa + 0x5000, &out, NULL) && out == hpa + 0x5000);
	CHECK(gstage_take_stale(&g, gpa + 0x6000, &out) && out == hpa + 0x6000);
	CHECK(!gstage_take_stale(&g, gpa + 0x6000, &out));
	CHECK(!gstage_take_stale(&g, gpa + 0x5000, &out)); /* valid pages are not stale */

	/* map a single page back, 4 KiB granularity */
	CHECK(gstage_map(&g, gpa + 0x1000, 0x12345000ull, PAGE_SIZE, GSTAGE_R) == 0);
	CHECK(gstage_translate(&g, gpa + 0x1000, &out, &prot) && out == 0x12345000ull && prot == GSTAGE_R);

	/* a big range far away needs new tables */
	CHECK(gstage_map(&g, 0x100000000ull, hpa, 2 * MiB + PAGE_SIZE, GSTAGE_RWX) == 0);
	CHECK(gstage_translate(&g, 0x100000000ull + 2 * MiB, &out, NULL) && out == hpa + 2 * MiB);
	CHECK(gstage_unmap(&g, 0x100000000ull, 2 * MiB + PAGE_SIZE) == 0);
	CHECK(!gstage_translate(&g, 0x100000000ull, &out, NULL));

	/* Sv39x4's root has 2048 entries (GPA bits 40:30), not Sv39's 512: guest addresses at and
	 * above 512 GiB have root entries of their own and never alias the low ones */
	uint64_t hi = (1ull << 39) + gpa, hi_hpa = 0x50000000ull;
	CHECK(gstage_map(&g, hi, hi_hpa, 2 * MiB, GSTAGE_R) == 0);
	CHECK(gstage_translate(&g, hi + 0x1234, &out, &prot) && out == hi_hpa + 0x1234 && prot == GSTAGE_R);
	CHECK(gstage_translate(&g, gpa, &out, &prot) && out == hpa && prot == GSTAGE_RWX);
	CHECK(gstage_translate(&g, gpa + 3 * MiB, &out, NULL) && out == hpa + 3 * MiB);
	CHECK(!gstage_translate(&g, hi + 2 * MiB, &out, NULL));   /* not the low RAM's next 2 MiB */
	CHECK(!gstage_translate(&g, (1ull << 39) + gpa + 3 * MiB, &out, NULL));
	CHECK(!gstage_translate(&g, (2ull << 39) + gpa, &out, NULL)); /* 1 TiB, 1.5 TiB up */
	CHECK(!gstage_translate(&g, (3ull << 39) + gpa, &out, NULL));
	uint64_t top = (1ull << 41) - 2 * MiB;                   /* the last 2 MiB of the GPA space */
	CHECK(gstage_map(&g, top, hi_hpa, 2 * MiB, GSTAGE_RWX) == 0);
	CHECK(gstage_translate(&g, top + 8, &out, NULL) && out == hi_hpa + 8);
	CHECK(!gstage_translate(&g, top - 2 * MiB, &out, NULL));
	CHECK(gstage_translate(&g, gpa, &out, NULL) && out == hpa);
	CHECK(gstage_translate(&g, hi, &out, NULL) && out == hi_hpa);
	CHECK(gstage_unmap(&g, hi, 2 * MiB) == 0);
	CHECK(!gstage_translate(&g, hi, &out, NULL));
	CHECK(gstage_translate(&g, gpa, &out, NULL) && out == hpa); /* unmapping high left low alone */

	gstage_destroy(&g);
	CHECK(g.root == NULL && g.table_pages == 0);
	CHECK(palloc_free_pages() == free0);             /* every table page came back */

	/* 1 GiB of "RAM" at 1 GiB aligned addresses (rvpv's VMs of 1 GiB or more): one root leaf,
	 * no table under it; a balloon's page splits it: 512 2 MiB leaves, then 4 KiB ones */
	uint64_t ghpa = 0xc0000000ull, gib = 1024 * MiB;
	CHECK(gstage_init(&g) == 0);
	CHECK(gstage_map(&g, gpa, ghpa, gib + 2 * MiB, GSTAGE_RWX) == 0);
	CHECK(g.table_pages == 4 + 1);                   /* root + the table of the 2 MiB after it */
	CHECK(gstage_translate(&g, gpa + gib - 8, &out, &prot) && out == ghpa + gib - 8 && prot == GSTAGE_RWX);
	CHECK(gstage_translate(&g, gpa + gib + 8, &out, NULL) && out == ghpa + gib + 8);
	CHECK(gstage_unmap(&g, gpa + 0x3000, PAGE_SIZE) == 0);
	CHECK(g.table_pages == 4 + 1 + 2);               /* the leaf's 512 and the first 2 MiB's */
	CHECK(!gstage_translate(&g, gpa + 0x3000, &out, NULL));
	CHECK(gstage_translate(&g, gpa + 0x4000, &out, NULL) && out == ghpa + 0x4000);
	CHECK(gstage_translate(&g, gpa + 0x2000, &out, NULL) && out == ghpa + 0x2000);
	CHECK(gstage_translate(&g, gpa + 700 * MiB + 5, &out, &prot) && out == ghpa + 700 * MiB + 5 && prot == GSTAGE_RWX);
	CHECK(gstage_take_stale(&g, gpa + 0x3000, &out) == false);
	gstage_destroy(&g);
	CHECK(palloc_free_pages() == free0);
	free(mem);
	return unit_summary("gstage");
}

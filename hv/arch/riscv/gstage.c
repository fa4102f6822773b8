/* G-stage page-table builder (privileged spec 1.12, section 8.5): maps each VM's guest RAM to
 * the host memory it exclusively owns, with the largest leaves alignment allows. */
#include "gstage.h"
#include "palloc.h"
#include "string.h"

#define PTE_V 0x1ull
#define PTE_U 0x10ull
#define PTE_A 0x40ull
#define PTE_D 0x80ull
#define PTE_LEAF_BITS (GSTAGE_RWX)
#define PTE_PPN_SHIFT 10
#define ROOT_ENTRIES 2048 /* Sv39x4: 11 index bits at the root */

static inline uint64_t pte_addr(uint64_t pte) { return (pte >> PTE_PPN_SHIFT) << PAGE_SHIFT; }
static inline bool pte_is_leaf(uint64_t pte) { return (pte & PTE_LEAF_BITS) != 0; }
static inline uint64_t make_leaf(uint64_t hpa, uint32_t prot)
{
	/* G-stage leaves are user pages; A/D preset so no hardware update is needed */
	return (hpa >> PAGE_SHIFT) << PTE_PPN_SHIFT | (prot & GSTAGE_RWX) | PTE_V | PTE_U | PTE_A | PTE_D;
}
static inline uint64_t level_size(int level) { return 1ull << (PAGE_SHIFT + 9 * level); }
static inline unsigned level_index(uint64_t gpa, int level)
{
	return (unsigned)((gpa >> (PAGE_SHIFT + 9 * level)) & (level == 2 ? ROOT_ENTRIES - 1 : 511));
}

int gstage_init(struct gstage *g)
{
	g->root = palloc_alloc_aligned(4, 4 * PAGE_SIZE);
	g->table_pages = g->root ? 4 : 0;
	return g->root ? 0 : -1;
}

static uint64_t *table_of(uint64_t pte) { return (uint64_t *)(uintptr_t)pte_addr(pte); }

/* Returns the next-level table under *pte, creating it (or splitting a leaf) as needed. */
static uint64_t *descend(struct gstage *g, uint64_t *pte, int level)
{
	if ((*pte & PTE_V) && !pte_is_leaf(*pte))
		return table_of(*pte);
	uint64_t *t = palloc_alloc(1);
	if (!t)
		return NULL;
	g->table_pages++;
	if (*pte & PTE_V) { /* split a large leaf into 512 smaller ones with the same rights */
		uint64_t base = pte_addr(*pte), child = level_size(level - 1);
		for (unsigned i = 0; i < 512; i++)
			t[i] = make_leaf(base + i * child, (uint32_t)(*pte & GSTAGE_RWX));
	}
	/* the filled table before the pointer to it: harts (and gmem's lockless walk) may be
	 * translating through this entry right now */
	__atomic_store_n(pte, ((uintptr_t)t >> PAGE_SHIFT) << PTE_PPN_SHIFT | PTE_V, __ATOMIC_RELEASE);
	return t;
}

int gstage_map(struct gstage *g, uint64_t gpa, uint64_t hpa, uint64_t size, uint32_t prot)
{
	if (!IS_ALIGNED(gpa | hpa | size, PAGE_SIZE) || !(prot & GSTAGE_RWX) ||
	    gpa >= GSTAGE_GPA_LIMIT || size > GSTAGE_GPA_LIMIT - gpa)
		return -1;
	while (size) {
		uint64_t *t = g->root;
		int level = 2;
		for (;; level--) {
			uint64_t ls = level_size(level);
			uint64_t *pte = &t[level_index(gpa, level)];
			if (level == 0 || (IS_ALIGNED(gpa | hpa, ls) && size >= ls && !(*pte & PTE_V))) {
				if (level > 0 && (*pte & PTE_V))
					return -1; /* never overwrite a subtree */
				*pte = make_leaf(hpa, prot);
				gpa += ls; hpa += ls; size -= ls;
				break;
			}
			t = descend(g, pte, level);
			if (!t)
				return -1;
		}
	}
	return 0;
}

int gstage_unmap(struct gstage *g, uint64_t gpa, uint64_t size)
{
	if (!IS_ALIGNED(gpa | size, PAGE_SIZE) || gpa >= GSTAGE_GPA_LIMIT || size > GSTAGE_GPA_LIMIT - gpa)
		return -1;
	while (size) {
		uint64_t *t = g->root;
		for (int level = 2;; level--) {
			uint64_t ls = level_size(level);
			uint64_t *pte = &t[level_index(gpa, level)];
			if (!(*pte & PTE_V)) { /* nothing here: skip to the end of this entry's span */
				uint64_t step = ls - (gpa & (ls - 1));
				step = MIN(step, size);
				gpa += step; size -= step;
				break;
			}
			if (pte_is_leaf(*pte) && (level == 0 || (IS_ALIGNED(gpa, ls) && size >= ls))) {
				*pte = 0;
				gpa += ls; size -= ls;
				break;
			}
			t = descend(g, pte, level); /* splits a leaf larger than the range */
			if (!t)
				return -1;
		}
	}
	return 0;
}

/* The level-0 entry for gpa, splitting larger leaves on the way; NULL if absent or no memory. */
static uint64_t *leaf4k(struct gstage *g, uint64_t gpa, bool split)
{
	uint64_t *t = g->root;
	for (int level = 2; level > 0; level--) {
		uint64_t *pte = &t[level_index(gpa, level)];
		if (!(*pte & PTE_V))
			return NULL;
		if (pte_is_leaf(*pte) && !split)
			return NULL;
		t = descend(g, pte, level);
		if (!t)
			return NULL;
	}
	return &t[level_index(gpa, 0)];
}

int gstage_invalidate_keep(struct gstage *g, uint64_t gpa, uint64_t size)
{
	uint64_t hpa;
	if (!IS_ALIGNED(gpa | size, PAGE_SIZE) || gpa >= GSTAGE_GPA_LIMIT || size > GSTAGE_GPA_LIMIT - gpa)
		return -1;
	/* split every large leaf first (same translations): out of memory then changes nothing */
	for (uint64_t a = gpa; a < gpa + size; a += PAGE_SIZE)
		if (gstage_translate(g, a, &hpa, NULL) && !leaf4k(g, a, true))
			return -1;
	for (uint64_t a = gpa; a < gpa + size; a += PAGE_SIZE) {
		uint64_t *pte = leaf4k(g, a, true);
		if (pte && (*pte & PTE_V))
			*pte &= ~PTE_V;
	}
	return 0;
}

bool gstage_take_stale(struct gstage *g, uint64_t gpa, uint64_t *hpa)
{
	uint64_t *pte = leaf4k(g, gpa, false);
	if (!pte || (*pte & PTE_V) || !(*pte >> PTE_PPN_SHIFT))
		return false;
	*hpa = pte_addr(*pte);
	*pte = 0;
	return true;
}

bool gstage_revalidate(struct gstage *g, uint64_t gpa)
{
	uint64_t *pte = leaf4k(g, gpa, false);
	if (!pte || (*pte & PTE_V) || !(*pte >> PTE_PPN_SHIFT))
		return false;
	*pte |= PTE_V;
	return true;
}

bool gstage_translate(const struct gstage *g, uint64_t gpa, uint64_t *hpa, uint32_t *prot)
{
	if (gpa >= GSTAGE_GPA_LIMIT)
		return false;
	const uint64_t *t = g->root;
	for (int level = 2; level >= 0; level--) {
		uint64_t pte = t[level_index(gpa, level)];
		if (!(pte & PTE_V))
			return false;
		if (pte_is_leaf(pte)) {
			*hpa = pte_addr(pte) + (gpa & (level_size(level) - 1));
			if (prot) *prot = (uint32_t)(pte & GSTAGE_RWX);
			return true;
		}
		t = table_of(pte);
	}
	return false;
}

static void free_tables(struct gstage *g, uint64_t *t, int level, unsigned entries)
{
	for (unsigned i = 0; i < entries; i++)
		if ((t[i] & PTE_V) && !pte_is_leaf(t[i])) {
			if (level > 1)
				free_tables(g, table_of(t[i]), level - 1, 512);
			palloc_free(table_of(t[i]), 1);
			g->table_pages--;
		}
}

void gstage_destroy(struct gstage *g)
{
	if (!g->root)
		return;
	free_tables(g, g->root, 2, ROOT_ENTRIES);
	palloc_free(g->root, 4);
	g->root = NULL;
	g->table_pages = 0;
}

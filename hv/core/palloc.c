/* Physical page allocator: a bitmap (1 = used) placed in the first pages of the managed range.
 * First fit with alignment; a word-at-a-time skip keeps the scan short. Free pages are zero:
 * palloc_free scrubs what it takes back, so memory of a destroyed VM never reaches its next
 * owner, and RAM the platform gives zeroed (QEMU's, on its first boot: see palloc_init) is not
 * written again when it is handed out. When the RAM is not known to be zero, every page is
 * zeroed as it is handed out. */
#include "palloc.h"
#include "spinlock.h"
#include "string.h"
#include "printf.h"

/* In the pool's first pages, after the bitmap: set once the pool is in use, so a second boot in
 * the same RAM (QEMU `system_reset` keeps RAM) sees that the RAM is no longer fresh. */
#define PALLOC_IN_USE 0x72767076706f6f6cull /* "rvpvpool" */

static struct spinlock lock = SPINLOCK_INIT;
static uint64_t *bitmap;
static uint64_t region_base, npages_total, nfree;
static bool zero_on_alloc; /* free pages are not known to be zero */

static inline bool used(uint64_t i) { return bitmap[i / 64] >> (i % 64) & 1; }
static inline void set_used(uint64_t i) { bitmap[i / 64] |= 1ull << (i % 64); }
static inline void set_free(uint64_t i) { bitmap[i / 64] &= ~(1ull << (i % 64)); }
static inline uint64_t bits(uint64_t lo, uint64_t len) { return (len == 64 ? ~0ull : (1ull << len) - 1) << lo; }

/* through memset (eight stores per iteration), which the fuzz harness's wrapper hooks */
static void scrub(void *p, uint64_t npages)
{
	memset(p, 0, npages * PAGE_SIZE);
}

bool palloc_init(uint64_t base, uint64_t size, bool ram_zeroed)
{
	uint64_t end = ALIGN_DOWN(base + size, PAGE_SIZE);
	base = ALIGN_UP(base, PAGE_SIZE);
	size = end > base ? end - base : 0;
	lock.locked = 0;
	region_base = base;
	npages_total = size / PAGE_SIZE;
	uint64_t words = (npages_total + 63) / 64;
	uint64_t bm_pages = ALIGN_UP(words * 8 + 8, PAGE_SIZE) / PAGE_SIZE;
	bitmap = (uint64_t *)(uintptr_t)base;
	uint64_t *in_use = bitmap + words;
	if (npages_total <= bm_pages) {
		npages_total = nfree = 0;
		return false;
	}
	bool fresh = ram_zeroed && *in_use != PALLOC_IN_USE;
	zero_on_alloc = !fresh;
	memset(bitmap, 0, words * 8);
	*in_use = PALLOC_IN_USE;
	/* bits past the end and the bitmap's own pages are used */
	for (uint64_t i = npages_total; i < words * 64; i++)
		set_used(i);
	for (uint64_t i = 0; i < bm_pages; i++)
		set_used(i);
	nfree = npages_total - bm_pages;
	return fresh;
}

static bool page_range(uint64_t addr, uint64_t size, uint64_t *first, uint64_t *last)
{
	uint64_t end = addr + size;
	if (end <= region_base || addr >= region_base + npages_total * PAGE_SIZE)
		return false;
	*first = addr < region_base ? 0 : (addr - region_base) / PAGE_SIZE;
	*last = (MIN(end, region_base + npages_total * PAGE_SIZE) - region_base + PAGE_SIZE - 1) / PAGE_SIZE;
	return true;
}

/* The free pages in [addr, addr + size): reserved (marked used), or zeroed and left free. */
static void free_pages_in(uint64_t addr, uint64_t size, bool reserve)
{
	uint64_t first, last;
	if (!page_range(addr, size, &first, &last))
		return;
	spin_lock(&lock);
	for (uint64_t i = first; i < last; i++) {
		if (used(i))
			continue;
		if (reserve) { set_used(i); nfree--; }
		else scrub((void *)(uintptr_t)(region_base + i * PAGE_SIZE), 1);
	}
	spin_unlock(&lock);
}

void palloc_reserve(uint64_t addr, uint64_t size) { free_pages_in(addr, size, true); }
void palloc_scrub_free(uint64_t addr, uint64_t size) { free_pages_in(addr, size, false); }

void *palloc_alloc_aligned(uint64_t npages, uint64_t align)
{
	if (npages == 0 || npages > npages_total)
		return NULL;
	uint64_t step = align > PAGE_SIZE ? align / PAGE_SIZE : 1;
	/* index i is suitably aligned when region_base + i*PAGE_SIZE is a multiple of align */
	uint64_t skew = ((region_base / PAGE_SIZE) % step);
	uint64_t start = skew ? step - skew : 0;
	spin_lock(&lock);
	for (uint64_t i = start; i + npages <= npages_total; i += step) {
		if (step == 1 && (i % 64) == 0 && bitmap[i / 64] == ~0ull) {
			i += 63;
			continue;
		}
		uint64_t n = 0;
		while (n < npages && !used(i + n)) /* a free word at a time where a whole one fits */
			n += (i + n) % 64 == 0 && npages - n >= 64 && !bitmap[(i + n) / 64] ? 64 : 1;
		if (n == npages) {
			/* word by word: the pages of [i + n, i + npages) in the word of i + n */
			for (n = 0; n < npages; n += 64 - (i + n) % 64)
				bitmap[(i + n) / 64] |= bits((i + n) % 64, MIN(64 - (i + n) % 64, npages - n));
			nfree -= npages;
			spin_unlock(&lock);
			void *p = (void *)(uintptr_t)(region_base + i * PAGE_SIZE);
			if (zero_on_alloc)
				scrub(p, npages);
			return p;
		}
		if (step == 1)
			i += n; /* skip past the used page that stopped us */
	}
	spin_unlock(&lock);
	return NULL;
}

void *palloc_alloc(uint64_t npages)
{
	return palloc_alloc_aligned(npages, PAGE_SIZE);
}

void palloc_free(void *p, uint64_t npages)
{
	uint64_t addr = (uintptr_t)p;
	if (!p || npages == 0)
		return;
	if (!IS_ALIGNED(addr, PAGE_SIZE) || addr < region_base ||
	    (addr - region_base) / PAGE_SIZE + npages > npages_total)
		panic("palloc: free of %p (%lu pages) outside the pool", p, (unsigned long)npages);
	uint64_t first = (addr - region_base) / PAGE_SIZE;
	spin_lock(&lock);
	for (uint64_t i = first; i < first + npages; i++)
		if (!used(i))
			panic("palloc: double free of page %lx", (unsigned long)(region_base + i * PAGE_SIZE));
	spin_unlock(&lock);
	/* still ours until the bits below say free: scrubbed without the lock held */
	scrub(p, npages);
	spin_lock(&lock);
	for (uint64_t i = first; i < first + npages; i++)
		set_free(i);
	nfree += npages;
	spin_unlock(&lock);
}

uint64_t palloc_free_pages(void) { return nfree; }
uint64_t palloc_total_pages(void) { return npages_total; }

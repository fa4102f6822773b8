/* hv/core/palloc.c for fuzz_gmem, unchanged, behind a wrapper: its three allocation entry
 * points are renamed real_* here and re-exported under their own names so the fuzzer sees
 * every page that goes out or comes back (fz_palloc_out / fz_palloc_back in fuzz_gmem.c; the
 * latter checks a page is safe to free before it is marked free, then poisons it for ASan).
 * The memset palloc uses to zero pages it hands out first un-poisons them. */
#include <sanitizer/asan_interface.h>
#include "string.h"
#include "palloc.h"

void fz_palloc_out(void *p, uint64_t npages);
void fz_palloc_back(void *p, uint64_t npages);

static void *palloc_memset(void *d, int c, size_t n)
{
	ASAN_UNPOISON_MEMORY_REGION(d, n);
	return memset(d, c, n);
}

#define memset palloc_memset
#define palloc_alloc real_palloc_alloc
#define palloc_alloc_aligned real_palloc_alloc_aligned
#define palloc_free real_palloc_free
void *real_palloc_alloc(uint64_t npages);
void *real_palloc_alloc_aligned(uint64_t npages, uint64_t align);
void real_palloc_free(void *p, uint64_t npages);
#include "../../hv/core/palloc.c"
#undef memset
#undef palloc_alloc
#undef palloc_alloc_aligned
#undef palloc_free

void *palloc_alloc_aligned(uint64_t npages, uint64_t align)
{
	void *p = real_palloc_alloc_aligned(npages, align);
	if (p)
		fz_palloc_out(p, npages);
	return p;
}

void *palloc_alloc(uint64_t npages)
{
	return palloc_alloc_aligned(npages, PAGE_SIZE);
}

void palloc_free(void *p, uint64_t npages)
{
	if (p && npages)
		fz_palloc_back(p, npages); /* checks first: a bad free is reported, not panicked on */
	real_palloc_free(p, npages);
	if (p && npages)
		ASAN_POISON_MEMORY_REGION(p, npages * PAGE_SIZE);
}

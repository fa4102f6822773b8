/* The physical page allocator: a free list of 4 KiB pages threaded through the pages. */
#include "defs.h"

struct run {
	struct run *next;
};
static struct run *freelist;
static uint64_t nfree;

static void push(void *pa)
{
	struct run *r = pa;
	r->next = freelist;
	freelist = r;
	nfree++;
}

void kfree(void *pa)
{
	if ((uint64_t)pa % PGSIZE)
		panic("kfree: unaligned");
	memset(pa, 0x5a, PGSIZE);  /* catch use after free */
	push(pa);
}

/* Not poisoned: nothing can use a page before its first kalloc (which zeroes it), and writing
 * every page of RAM here was most of the boot (and made a hypervisor's lazily zeroed RAM
 * all touched at once). */
void kalloc_init(uint64_t start, uint64_t end)
{
	for (uint64_t p = PGROUNDUP(start); p + PGSIZE <= end; p += PGSIZE)
		push((void *)p);
}

/* Returns a zeroed page or 0 when memory is exhausted. */
void *kalloc(void)
{
	struct run *r = freelist;
	if (!r)
		return 0;
	freelist = r->next;
	nfree--;
	memset(r, 0, PGSIZE);
	return r;
}

uint64_t kalloc_free_pages(void)
{
	return nfree;
}

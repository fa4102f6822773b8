// sources: hv/core/palloc.c
/* The page allocator on a host buffer: alignment, exhaustion, zeroing, reuse, double free; RAM
 * trusted to be zero is not written again, dirty and freed pages are, a second boot in the same
 * RAM trusts nothing. */
#include "unit.h"
#include "palloc.h"
#include <string.h>

int main(void)
{
	const uint64_t pool = 64 * PAGE_SIZE + 123; /* odd size: the tail must be ignored */
	uint8_t *mem = aligned_alloc(PAGE_SIZE, 80 * PAGE_SIZE);
	memset(mem, 0xa5, 80 * PAGE_SIZE);
	CHECK(!palloc_init((uintptr_t)mem + 1, pool, false)); /* unaligned base is rounded up */
	uint64_t total = palloc_total_pages(), free0 = palloc_free_pages();
	CHECK(total == 63);
	CHECK(free0 == 62);                       /* one page for the bitmap */

	uint8_t *a = palloc_alloc(1);
	CHECK(a && ((uintptr_t)a % PAGE_SIZE) == 0);
	int zero = 1;
	for (uint64_t i = 0; a && i < PAGE_SIZE; i++) zero &= a[i] == 0;
	CHECK(zero);                              /* handed out zeroed */
	CHECK(palloc_free_pages() == free0 - 1);

	uint8_t *b = palloc_alloc_aligned(4, 4 * PAGE_SIZE);
	CHECK(b && ((uintptr_t)b % (4 * PAGE_SIZE)) == 0);
	CHECK(palloc_alloc(1000) == NULL);        /* more than exists */
	CHECK(palloc_alloc(0) == NULL);

	/* exhaust, then every page is distinct and inside the pool */
	uint8_t *pages[64];
	int n = 0;
	while ((pages[n] = palloc_alloc(1)) != NULL) {
		CHECK(pages[n] >= mem + PAGE_SIZE && pages[n] < mem + 65 * PAGE_SIZE);
		pages[n][0] = 0x5a; /* dirty it */
		n++;
	}
	CHECK(palloc_free_pages() == 0);
	CHECK(n == (int)free0 - 5);
	for (int i = 0; i < n; i++)
		palloc_free(pages[i], 1);
	palloc_free(a, 1);
	palloc_free(b, 4);
	CHECK(palloc_free_pages() == free0);      /* nothing leaked */

	/* freed pages are scrubbed at once, so reuse hands out zeroed memory */
	zero = 1;
	for (int i = 0; i < n; i++) zero &= pages[i][0] == 0;
	CHECK(zero);
	uint8_t *c = palloc_alloc(1);
	CHECK(c && c[0] == 0);

	/* double free and foreign pointers are hypervisor bugs: they panic */
	palloc_free(c, 1);
	unit_panic_armed = 1;
	int panicked = 0;
	if (setjmp(unit_panic_jmp) == 0) palloc_free(c, 1); else panicked = 1;
	CHECK(panicked);
	panicked = 0;
	if (setjmp(unit_panic_jmp) == 0) palloc_free(mem + 70 * PAGE_SIZE, 1); else panicked = 1;
	CHECK(panicked);
	unit_panic_armed = 0;

	/* RAM given as zero: pages are handed out as they are (a canary shows nothing wrote them),
	 * except free pages of a range scrubbed at boot; a second init over the same pool trusts
	 * nothing */
	memset(mem, 0, 80 * PAGE_SIZE);
	CHECK(palloc_init((uintptr_t)mem, 16 * PAGE_SIZE, true));
	palloc_reserve((uintptr_t)mem + 6 * PAGE_SIZE, PAGE_SIZE);
	mem[3 * PAGE_SIZE + 8] = 0x77;  /* not zero, yet trusted: must stay as it is */
	mem[5 * PAGE_SIZE + 16] = 0x66; /* scrubbed below */
	mem[6 * PAGE_SIZE + 24] = 0x55; /* reserved: the scrub leaves it */
	palloc_scrub_free((uintptr_t)mem + 5 * PAGE_SIZE, 2 * PAGE_SIZE);
	CHECK(mem[5 * PAGE_SIZE + 16] == 0 && mem[6 * PAGE_SIZE + 24] == 0x55);
	uint8_t *all = palloc_alloc(5);
	CHECK(all == mem + PAGE_SIZE);
	CHECK(all && mem[3 * PAGE_SIZE + 8] == 0x77);
	palloc_free(all, 5);
	CHECK(mem[3 * PAGE_SIZE + 8] == 0);  /* scrubbed on free */
	memset(mem + PAGE_SIZE, 0x55, 15 * PAGE_SIZE);
	CHECK(!palloc_init((uintptr_t)mem, 16 * PAGE_SIZE, true)); /* the pool of the first boot */
	all = palloc_alloc(15);
	zero = 1;
	for (uint64_t i = 0; all && i < 15 * PAGE_SIZE; i++) zero &= all[i] == 0;
	CHECK(all && zero);

	/* a contiguous run is found around a hole */
	CHECK(!palloc_init((uintptr_t)mem, 16 * PAGE_SIZE, false));
	palloc_reserve((uintptr_t)mem + 4 * PAGE_SIZE, PAGE_SIZE);
	uint8_t *run = palloc_alloc(8);
	CHECK(run == mem + 5 * PAGE_SIZE);
	free(mem);
	return unit_summary("palloc");
}

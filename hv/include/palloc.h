/* Physical page allocator: one bitmap over the RAM the hypervisor owns (everything that is not
 * firmware, the hypervisor image or the device tree). Pages come back zeroed; freed pages are
 * scrubbed at once. */
#ifndef HV_PALLOC_H
#define HV_PALLOC_H
#include "types.h"

/* ram_zeroed: the platform hands over this RAM zeroed, except what palloc_scrub_free is then
 * given. Returns whether that was trusted: not when the pool shows an earlier boot in the same
 * RAM (then every page is zeroed as it is handed out). */
bool palloc_init(uint64_t base, uint64_t size, bool ram_zeroed);
void palloc_reserve(uint64_t addr, uint64_t size);      /* before any allocation */
void palloc_scrub_free(uint64_t addr, uint64_t size);   /* zero the free pages in the range */
void *palloc_alloc(uint64_t npages);                    /* 4 KiB aligned, zeroed, or NULL */
void *palloc_alloc_aligned(uint64_t npages, uint64_t align); /* align: bytes, power of two */
void palloc_free(void *p, uint64_t npages);             /* scrubs the pages */
uint64_t palloc_free_pages(void);
uint64_t palloc_total_pages(void);
#endif

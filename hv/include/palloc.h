/* Physical page allocator: one bitmap over the RAM the hypervisor owns (everything that is not
 * firmware, the hypervisor image or the device tree). Pages come back zeroed. */
#ifndef HV_PALLOC_H
#define HV_PALLOC_H
#include "types.h"

void palloc_init(uint64_t base, uint64_t size);
void palloc_reserve(uint64_t addr, uint64_t size);      /* before any allocation */
void *palloc_alloc(uint64_t npages);                    /* 4 KiB aligned, zeroed, or NULL */
void *palloc_alloc_aligned(uint64_t npages, uint64_t align); /* align: bytes, power of two */
void palloc_free(void *p, uint64_t npages);
uint64_t palloc_free_pages(void);
uint64_t palloc_total_pages(void);
#endif

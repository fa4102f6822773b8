/* rvpv memory structures: the memory map (MEM_GET_MAP) and the per-vCPU info area
 * (MEM_REGISTER_VCPU_INFO) with steal time under a sequence count. */
#ifndef RVPV_MEM_H
#define RVPV_MEM_H

#define RVPV_PAGE_SIZE 4096

#define RVPV_MEM_RAM      1  /* guest RAM */
#define RVPV_MEM_RESERVED 2  /* present but not for general use (e.g. the guest image) */

#define RVPV_MEM_REGION_SIZE 32
#define RVPV_VCPU_INFO_SIZE  64

#ifndef __ASSEMBLER__
#include <stdint.h>

struct rvpv_mem_region {
	uint64_t base;     /* guest-physical */
	uint64_t size;     /* bytes */
	uint32_t type;     /* RVPV_MEM_* */
	uint32_t flags;    /* 0 */
	uint64_t reserved; /* 0 */
};
_Static_assert(sizeof(struct rvpv_mem_region) == RVPV_MEM_REGION_SIZE, "mem region size");
_Static_assert(__builtin_offsetof(struct rvpv_mem_region, type) == 16, "type offset");

/* Written by the hypervisor each time the vCPU is scheduled in. Readers retry while seq is odd
 * or changed across the read (seqlock); times are in timebase ticks. */
struct rvpv_vcpu_info {
	uint32_t seq;
	uint32_t vcpu_id;
	uint64_t steal_ticks;  /* runnable but not running */
	uint64_t run_ticks;    /* running on a hart */
	uint64_t preemptions;  /* times the vCPU was descheduled while runnable */
	uint64_t reserved[4];
};
_Static_assert(sizeof(struct rvpv_vcpu_info) == RVPV_VCPU_INFO_SIZE, "vcpu info size");
_Static_assert(__builtin_offsetof(struct rvpv_vcpu_info, steal_ticks) == 8, "steal offset");
#endif
#endif

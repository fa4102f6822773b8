/* rvpv block transport: a virtio 1.x split virtqueue in guest memory, driven through
 * hypercalls instead of virtio-mmio registers. Ring layouts are in rvpv/virtio_ring.h. */
#ifndef RVPV_BLK_H
#define RVPV_BLK_H

#define RVPV_BLK_INFO_SIZE 64
#define RVPV_BLK_QUEUE_CFG_SIZE 48
#define RVPV_BLK_QUEUE_MAX 256   /* largest queue size the hypervisor accepts */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct rvpv_blk_info {
	uint64_t capacity;   /* 512-byte sectors */
	uint64_t features;   /* offered virtio feature bits (VIRTIO_BLK_F_*, VIRTIO_F_*) */
	uint32_t num_queues;
	uint32_t queue_max;  /* largest size accepted by BLOCK_QUEUE_SETUP, a power of two */
	uint32_t seg_max;    /* data descriptors per request */
	uint32_t blk_size;   /* 512 */
	uint64_t reserved[4];
};
_Static_assert(sizeof(struct rvpv_blk_info) == RVPV_BLK_INFO_SIZE, "blk info size");
_Static_assert(__builtin_offsetof(struct rvpv_blk_info, num_queues) == 16, "num_queues offset");

struct rvpv_blk_queue_cfg {
	uint64_t desc;     /* guest-physical, 16-byte aligned */
	uint64_t avail;    /* guest-physical, 2-byte aligned */
	uint64_t used;     /* guest-physical, 4-byte aligned */
	uint32_t size;     /* power of two, 1..queue_max */
	uint32_t flags;    /* 0 */
	uint64_t reserved[2];
};
_Static_assert(sizeof(struct rvpv_blk_queue_cfg) == RVPV_BLK_QUEUE_CFG_SIZE, "queue cfg size");
_Static_assert(__builtin_offsetof(struct rvpv_blk_queue_cfg, size) == 24, "size offset");
#endif
#endif

/* The memory-rule guests' disk queue (see ring.h). */
#include "ring.h"

int64_t ring_setup(struct ring *r, void *cfg, void *desc, void *avail, void *used, uint32_t size)
{
	memset(desc, 0, VIRTQ_DESC_BYTES(size));
	memset(avail, 0, VIRTQ_AVAIL_BYTES(size));
	memset(used, 0, VIRTQ_USED_BYTES(size));
	*r = (struct ring){ size, desc, avail, used, 0, 0 };
	struct rvpv_blk_queue_cfg c = { (uintptr_t)desc, (uintptr_t)avail, (uintptr_t)used, size, 0, { 0, 0 } };
	memcpy(cfg, &c, sizeof(c));
	iso_fence();
	return rvpv_block_queue_setup(0, 0, (uintptr_t)cfg).error;
}

void ring_req(struct ring *r, uint16_t head, struct virtio_blk_req_hdr *hdr, uint32_t type,
	      uint64_t sector, void *buf, uint32_t len, volatile uint8_t *status)
{
	uint16_t m = (uint16_t)(r->size - 1), d1 = (uint16_t)((head + 1) & m), d2 = (uint16_t)((head + 2) & m);
	int dev_writes = type == VIRTIO_BLK_T_IN || type == VIRTIO_BLK_T_GET_ID;
	*hdr = (struct virtio_blk_req_hdr){ type, 0, sector };
	*status = 0xee;
	r->desc[head & m] = (struct virtq_desc){ (uintptr_t)hdr, sizeof(*hdr), VIRTQ_DESC_F_NEXT, d1 };
	if (len) {
		r->desc[d1] = (struct virtq_desc){ (uintptr_t)buf, len,
			(uint16_t)(VIRTQ_DESC_F_NEXT | (dev_writes ? VIRTQ_DESC_F_WRITE : 0)), d2 };
	} else { /* FLUSH: header, status */
		r->desc[head & m].next = d2;
	}
	r->desc[d2] = (struct virtq_desc){ (uintptr_t)status, 1, VIRTQ_DESC_F_WRITE, 0 };
	r->avail[2 + (r->next_avail & m)] = (uint16_t)(head & m);
	r->next_avail++;
}

int64_t ring_kick(struct ring *r)
{
	iso_fence();
	r->avail[1] = r->next_avail;
	iso_fence();
	return rvpv_block_notify(0, 0).error;
}

int64_t ring_run(struct ring *r, uint16_t n, uint64_t ticks)
{
	int64_t e = ring_kick(r);
	if (e)
		return e;
	uint64_t end = rdtime() + ticks;
	while (ring_done(r) < n) {
		if (rdtime() > end)
			return 1;
		rvpv_cpu_yield();
	}
	iso_fence();
	ring_consume(r, n);
	return 0;
}

void iso_sleep(uint64_t ticks)
{
	uint64_t end = rdtime() + ticks;
	while (rdtime() < end)
		rvpv_cpu_yield();
}

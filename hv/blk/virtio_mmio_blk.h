/* Driver for a physical virtio-blk device on virtio-mmio (modern, version 2): one request
 * queue, many requests in flight, zero copy (the caller's host-physical segments go straight
 * into the descriptors), completion by polling from the interrupt handler.
 * Not thread-safe: the caller serialises all calls on one device (its device lock). */
#ifndef HV_BLK_VIRTIO_MMIO_BLK_H
#define HV_BLK_VIRTIO_MMIO_BLK_H
#include <stdint.h>
#include "rvpv/virtio_ring.h"
#include "blk_dev.h"

#define VMBLK_OK       0
#define VMBLK_EBUSY   BLK_DEV_EBUSY  /* not enough free descriptors: retry after vmblk_poll completes some */
#define VMBLK_EINVAL  BLK_DEV_EINVAL /* bad request (too many segments, empty or oversized segment) */
#define VMBLK_ENODEV  (-3) /* no virtio-blk device at that address */
#define VMBLK_ELEGACY (-4) /* virtio-mmio version 1: not supported */
#define VMBLK_ENOTSUP (-5) /* device lacks VIRTIO_F_VERSION_1 or VIRTIO_BLK_F_FLUSH */
#define VMBLK_ENOMEM  (-6)
#define VMBLK_EIO     (-7) /* device refused features or queue setup */

#define VMBLK_QUEUE_MAX 256

struct vmblk_slot {
	void *cookie;
	uint16_t ndesc;
	uint16_t busy;
};

struct vmblk {
	struct blk_dev dev;       /* what vblk.c uses: filled by vmblk_init */
	uint64_t base;            /* MMIO registers */
	uint64_t capacity;        /* 512-byte sectors */
	uint64_t features;        /* negotiated */
	uint32_t seg_max;         /* data segments per request this driver accepts */
	uint32_t size_max;        /* largest segment in bytes, 0 = no limit */
	uint32_t blk_size;
	uint32_t ro;
	uint32_t event_idx;       /* VIRTIO_F_RING_EVENT_IDX negotiated */
	uint16_t qsize;
	uint16_t nfree;
	uint16_t free_head;
	uint16_t avail_idx;       /* our copy of avail->idx */
	uint16_t kicked_idx;      /* avail_idx at the last notify */
	uint16_t last_used;
	uint32_t inflight;        /* requests submitted and not yet completed */
	struct blk_dev_stats stats; /* since vmblk_init; notifies = QUEUE_NOTIFY writes */
	uint8_t *pages;           /* palloc'd once, reused by a later vmblk_init */
	struct virtq_desc *desc;  /* rings and per-head buffers: palloc pages, device-visible */
	struct virtq_avail *avail;
	struct virtq_used *used;
	struct virtio_blk_req_hdr *hdr;
	uint8_t *status;
	uint16_t *link;           /* host only: chain / free-list links */
	struct vmblk_slot *slot;  /* host only: per head */
};

typedef blk_done_fn vmblk_done_fn;

/* Device id at a virtio-mmio slot (2 = block, 0 = empty slot), or -1 if no virtio there. */
int vmblk_device_id(uint64_t base);

/* Resets and brings up the device at base (features VERSION_1 + FLUSH required; RO, BLK_SIZE,
 * SEG_MAX, SIZE_MAX read when offered; RING_EVENT_IDX used when offered), sets up queue 0 and
 * d->dev (the blk_dev_ops below). Returns VMBLK_OK or an error above; every failure is logged
 * with hv_printf. */
int vmblk_init(struct vmblk *d, uint64_t base);

/* Queues one request: type VIRTIO_BLK_T_*, sector, nseg host-physical data segments (the
 * device writes the ones with write = 1). The device sees it at the next vmblk_kick.
 * VMBLK_OK, VMBLK_EBUSY or VMBLK_EINVAL. */
int vmblk_submit(struct vmblk *d, uint32_t type, uint64_t sector, const struct blk_hseg *seg,
		 uint32_t nseg, void *cookie);

/* Tells the device about requests queued since the last kick: at most one MMIO write per
 * batch, none when the device said it will look anyway (avail_event / NO_NOTIFY). With event
 * idx the device does not interrupt for completions before the next vmblk_poll (used_event
 * is set behind last_used): the caller polls after every kick. */
void vmblk_kick(struct vmblk *d);

/* Acknowledges the device interrupt and reports every completed request through done.
 * Returns the number completed. Safe to call when nothing completed (spurious IRQ). With
 * event idx it then asks for an interrupt at the next completion (used_event). */
uint32_t vmblk_poll(struct vmblk *d, vmblk_done_fn done, void *arg);

/* Device stops (status 0); in-flight requests are dropped without callbacks. */
void vmblk_reset(struct vmblk *d);

#endif

/* A physical block device as the virtual disk (vblk.c) sees it: geometry and one operations
 * table per driver, so a second kind of block device is one driver file that fills a struct
 * blk_dev and registers it (core: disk_register). Every call on one device is serialised by
 * the caller (the disk lock). */
#ifndef HV_BLK_DEV_H
#define HV_BLK_DEV_H
#include <stdint.h>
#include "blk_gpa.h"

#define BLK_DEV_OK      0
#define BLK_DEV_EBUSY  (-1) /* not enough room: retry after poll completes some */
#define BLK_DEV_EINVAL (-2) /* bad request (too many segments, empty or oversized segment) */

/* since the device came up, for measurements */
struct blk_dev_stats {
	uint64_t requests;    /* completed */
	uint64_t kicks;       /* kick calls with new requests */
	uint64_t notifies;    /* kicks the device did not suppress */
	uint64_t irqs;        /* polls that found the device's interrupt raised */
};

/* Called for each completed request with its status byte (VIRTIO_BLK_S_*) and the number of
 * bytes the device wrote (data + status). */
typedef void (*blk_done_fn)(void *arg, void *cookie, uint8_t status, uint32_t len);

struct blk_dev;
struct blk_dev_ops {
	/* queues one request: type VIRTIO_BLK_T_*, sector, nseg host-physical data segments
	 * (the device writes those with write = 1); seen by the device at the next kick.
	 * BLK_DEV_OK, BLK_DEV_EBUSY or BLK_DEV_EINVAL. */
	int (*submit)(struct blk_dev *d, uint32_t type, uint64_t sector, const struct blk_hseg *seg,
		      uint32_t nseg, void *cookie);
	/* the device sees what was submitted; it may finish it without an interrupt until the
	 * next poll, so every kick is followed by a poll before the caller lets go */
	void (*kick)(struct blk_dev *d);
	/* acknowledges the interrupt, reports every completed request; returns how many */
	uint32_t (*poll)(struct blk_dev *d, blk_done_fn done, void *arg);
	/* nonzero when the device has completed something poll has not reported: a cheap look
	 * (no device register), callable without the caller's lock as a hint */
	int (*finished)(struct blk_dev *d);
};

struct blk_dev {
	const struct blk_dev_ops *ops;
	uint64_t capacity;            /* 512-byte sectors */
	uint32_t seg_max;             /* data segments per request */
	uint32_t ro;
	const struct blk_dev_stats *stats;
	const char *note;             /* appended to the report, e.g. " (event idx)" */
};
#endif

/* A VM's virtual disk: the BLOCK hypercalls' semantics (docs: rvpv/blk.h, ABI notes) on top of
 * the ring walker (virtq.c) and a physical block device (blk_dev.h: any driver's ops). A VM's disk
 * is a window [offset, offset + capacity) of sectors on the physical device; guest buffers go
 * to the device without copies. Every entry point takes one global disk lock; call them with
 * HS interrupts disabled (the PLIC handler also enters through vblk_irq). */
#ifndef HV_BLK_VBLK_H
#define HV_BLK_VBLK_H
#include <stdint.h>
#include "virtq.h"
#include "blk_dev.h"

#define VBLK_MAX 8            /* virtual disks in the system */
#define VBLK_ID_BYTES 20      /* VIRTIO_BLK_T_GET_ID answer */

struct vblk_io {              /* one in-flight request, indexed by its head */
	struct vblk *vb;
	uint64_t status_gpa;
	uint32_t used_len;
	uint32_t busy;
};

struct vblk {
	void *vm;
	uint32_t dev;             /* index the guest uses */
	uint32_t ro;
	struct blk_dev *hw;
	uint64_t offset;          /* first physical sector */
	uint64_t capacity;        /* sectors the guest sees */
	uint64_t offered, features;
	char id[VBLK_ID_BYTES];
	struct virtq q;
	struct virtq_blk_limits lim;
	uint32_t inflight;
	struct vblk_stats {       /* since vblk_init, for measurements */
		uint64_t requests;    /* requests answered (device or walker verdict) */
		uint64_t notifies;    /* BLOCK_NOTIFY calls on a live queue */
		uint64_t events;      /* completion events raised for the guest */
	} stats;
	uint32_t stalled;         /* req holds a popped request the device had no room for */
	struct virtq_req req;
	struct blk_hseg hseg[2 * VIRTQ_SEG_MAX];
	struct vblk_io *io;       /* RVPV_BLK_QUEUE_MAX entries (palloc) */
};

/* Creates the disk (vb zeroed by the caller, lives as long as the VM); id: up to 20 bytes for
 * GET_ID. 0, or -1 if the window does not fit the device, VBLK_MAX disks exist or no pages. */
int vblk_init(struct vblk *vb, void *vm, uint32_t dev, struct blk_dev *hw, uint64_t offset,
	      uint64_t capacity, int ro, const char *id);

/* BLOCK_* hypercalls: each returns an SBI error code (SBI_SUCCESS = 0). */
int vblk_get_info(struct vblk *vb, uint64_t info_gpa);
int vblk_set_features(struct vblk *vb, uint64_t features);
int vblk_queue_setup(struct vblk *vb, uint32_t queue, uint64_t cfg_gpa);
/* NOTIFY sets *wait_until (the timebase counter value) when the caller should wait, halted,
 * until inflight (a hint without the lock) is 0 or that time; else leaves it. */
int vblk_notify(struct vblk *vb, uint32_t queue, uint64_t *wait_until);
int vblk_reset(struct vblk *vb);

/* Waits until the device is done with every buffer of this disk's in-flight requests; the
 * queue stays live. For the core before it frees guest pages (balloon release after the
 * G-stage unmap, VM teardown after vblk_reset): submissions re-translate every guest buffer
 * through blk_env_gpa under the disk lock, so once a page is unmapped no new DMA can target
 * it, and after vblk_quiesce none submitted before it is still running (its last step may
 * restart a stalled queue: those requests were translated after the unmap). */
void vblk_quiesce(struct vblk *vb);

/* From the PLIC handler when hw's interrupt fires: completes requests, restarts stalled
 * queues, notifies guests. */
void vblk_irq(struct blk_dev *hw);

#endif

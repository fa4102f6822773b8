/* Hypervisor side of one guest virtio 1.x split virtqueue carrying virtio-blk requests:
 * pops available heads, walks and validates each descriptor chain (every descriptor read from
 * guest memory once), and pushes used elements with the event-idx notification rule.
 * Not thread-safe: the caller serialises all calls on one queue (its device lock). */
#ifndef HV_BLK_VIRTQ_H
#define HV_BLK_VIRTQ_H
#include <stdint.h>
#include "rvpv/virtio_ring.h"
#include "blk_env.h"

/* Data descriptors per request that the walker keeps; a longer request completes IOERR.
 * Advertise at most this as seg_max. */
#define VIRTQ_SEG_MAX 64

struct virtq {
	void *vm;
	/* The rings, pinned from setup to reset (the guest cannot balloon them out meanwhile);
	 * each part may cross a page boundary onto a host page that is not adjacent. */
	struct gmem_pin desc, avail, used;
	uint16_t size;
	uint16_t last_avail;     /* next avail->ring slot to consume (free-running) */
	uint16_t avail_shadow;   /* last avail->idx read */
	uint16_t used_idx;       /* our copy of used->idx: the guest cannot change ours */
	uint16_t signalled_used; /* used_idx when we last decided about notifying */
	uint8_t event_idx;       /* VIRTIO_F_RING_EVENT_IDX negotiated */
	uint8_t ready;
	uint8_t broken;          /* a malformed ring was seen: nothing more until reset */
	const char *why;         /* reason it broke (for tests and debugging, never logged) */
};

/* One guest buffer of a request (already checked to lie in RAM). */
struct virtq_seg {
	uint64_t gpa;
	uint32_t len;
	uint32_t write;          /* device writes into it (IN, GET_ID) */
};

/* A popped request. status == VIRTIO_BLK_S_OK: valid, to be executed; IOERR or UNSUPP: the
 * request must be completed at once with that status (virtq_complete, used length 1). */
struct virtq_req {
	uint16_t head;
	uint8_t status;
	uint32_t type;           /* VIRTIO_BLK_T_* from the header */
	uint64_t sector;
	uint64_t status_gpa;     /* the status byte, device-writable, in RAM */
	uint64_t data_len;       /* sum of seg[].len */
	uint32_t nseg;
	struct virtq_seg seg[VIRTQ_SEG_MAX];
};

/* What the device behind the queue accepts. */
struct virtq_blk_limits {
	uint64_t capacity;       /* 512-byte sectors */
	uint32_t seg_max;        /* data segments per request, <= VIRTQ_SEG_MAX */
	uint32_t ro;             /* OUT completes IOERR */
};

#define VIRTQ_EMPTY  0
#define VIRTQ_REQ    1
#define VIRTQ_BROKEN (-1)

/* Checks and activates a queue (size: power of two, 1..max_size; desc 16-, avail 2-, used
 * 4-byte aligned; every ring part with its event-idx trailer inside RAM, any page layout).
 * Returns SBI_SUCCESS, SBI_ERR_INVALID_PARAM (size) or SBI_ERR_INVALID_ADDRESS; q is left
 * inactive on error. Pins the three parts. Sets used->idx = used->flags = 0. */
int virtq_setup(struct virtq *q, void *vm, uint64_t desc, uint64_t avail, uint64_t used,
		uint32_t size, uint32_t max_size, int event_idx);

/* Forgets the queue (inactive, not broken) and unpins its rings. */
void virtq_reset(struct virtq *q);

/* Takes the next available request: VIRTQ_REQ (r filled), VIRTQ_EMPTY, or VIRTQ_BROKEN (the
 * ring is malformed or the queue inactive; q->why says why). With event idx, an empty queue
 * publishes avail_event so the guest notifies for the next request. */
int virtq_pop(struct virtq *q, const struct virtq_blk_limits *lim, struct virtq_req *r);

/* Writes the status byte of request `head` at status_gpa (virtq_req.status_gpa), then pushes
 * {head, used_len} to the used ring. Returns 0, or VIRTQ_BROKEN if the queue is broken or
 * inactive or the status byte is no longer in RAM. */
int virtq_complete(struct virtq *q, uint16_t head, uint64_t status_gpa, uint8_t status,
		   uint32_t used_len);

/* Pushes one used element (id = head, len = bytes written into the chain). */
void virtq_push(struct virtq *q, uint16_t head, uint32_t used_len);

/* After a batch of pushes: 1 if the guest asked to be told (event idx: used_event passed since
 * the last call; otherwise avail->flags lacks NO_INTERRUPT), 0 if not or nothing was pushed. */
int virtq_should_notify(struct virtq *q);

#endif

/* A minimal driver for the VM's disk queue, for the memory-rule guests (pinrace, xpage, stream):
 * ring parts wherever the caller puts them (page-crossing, in a page about to be released...),
 * requests of header + data + status descriptors, completion by polling the used ring. */
#ifndef ISO_RING_H
#define ISO_RING_H
#include "iso.h"

struct ring {
	uint32_t size;
	volatile struct virtq_desc *desc;
	volatile uint16_t *avail;         /* flags, idx, ring[size], used_event */
	volatile struct virtq_used *used;
	uint16_t next_avail, last_used;
};

/* Zeroes the three parts, fills cfg (48 bytes, 8-aligned, anywhere) and calls QUEUE_SETUP.
 * Returns the SBI error. */
int64_t ring_setup(struct ring *r, void *cfg, void *desc, void *avail, void *used, uint32_t size);
/* Request of three descriptors at head, head+1, head+2 (mod size) put in the avail ring (not
 * yet published): header hdr, data [buf, buf+len) (device-written for IN and GET_ID; none when
 * len = 0, for FLUSH), status. */
void ring_req(struct ring *r, uint16_t head, struct virtio_blk_req_hdr *hdr, uint32_t type,
	      uint64_t sector, void *buf, uint32_t len, volatile uint8_t *status);
/* Publishes what ring_req put, NOTIFY, then polls (YIELD) until n more used entries arrived or
 * `ticks` passed. 0, the NOTIFY error, or 1 on timeout. */
int64_t ring_run(struct ring *r, uint16_t n, uint64_t ticks);
/* Publishes and NOTIFYs only (the caller polls ring_done). */
int64_t ring_kick(struct ring *r);
/* Used entries not yet consumed; ring_consume(n) takes n of them. */
static inline uint16_t ring_done(const struct ring *r) { return (uint16_t)(r->used->idx - r->last_used); }
static inline void ring_consume(struct ring *r, uint16_t n) { r->last_used = (uint16_t)(r->last_used + n); }

#define ISO_TICKS_PER_SEC 10000000ull
/* Waits about `ticks` of time with YIELD (never a bare spin). */
void iso_sleep(uint64_t ticks);
#endif

/* Disk test guests' runtime: bootargs from the device tree, the BLOCK calls with one split
 * virtqueue in guest memory, completion waits on an event port, and the seeded sector pattern
 * and hash that tests/disk/pattern.py computes on the host. Depends only on abi/ and sbi/. */
#ifndef TEST_DISK_DLIB_H
#define TEST_DISK_DLIB_H
#include "guest.h"
#include "rvpv/blk.h"
#include "rvpv/virtio_ring.h"
#include "rvpv/event.h"

#define DQ_MAX 64              /* queue size for ordinary I/O */
#define DQ_RING_MAX 256        /* largest queue the rings have room for */
#define DQ_SLOTS (DQ_MAX / 3)  /* requests in flight: header + data + status each */
#define D_PORT 7               /* event port bound to the disk's completions */
#define D_TICKS_PER_SEC 10000000ull

struct dq {
	uint32_t size;
	struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t next_avail;       /* our avail->idx */
	uint16_t kicked;           /* avail->idx at the last NOTIFY decision */
	uint16_t last_used;
	int event_idx;
};

extern struct dq dq;
extern struct rvpv_blk_info dinfo;
extern uint64_t ram_base, ram_end;
extern struct virtio_blk_req_hdr dhdr[DQ_SLOTS];
extern volatile uint8_t dstatus[DQ_SLOTS];

/* Reads bootargs from the device tree, the memory map and the disk's info; registers the event
 * page and binds D_PORT. Fails the guest (with a line) when there is no disk. */
void d_init(uint64_t dtb);
/* Value of "key=N" in bootargs (decimal or 0x hex), or def. */
uint64_t d_arg(const char *key, uint64_t def);
/* 1 if the word appears in bootargs. */
int d_flag(const char *word);

/* SET_FEATURES + zeroed rings + QUEUE_SETUP with `size` entries. Returns the SBI error. */
int64_t dq_open(uint32_t size, uint64_t features);
/* BLOCK_RESET; the rings may be reused. */
int64_t dq_reset(void);
/* Builds request `slot` (descriptors 3*slot..3*slot+2): header, one data buffer (none when
 * len = 0), status byte. Returns the head. */
uint16_t dq_req(uint32_t slot, uint32_t type, uint64_t sector, void *buf, uint32_t len,
		int device_writes);
/* Puts a head into the next avail slot (not yet visible). */
void dq_put(uint16_t head);
/* Publishes the puts (avail->idx) and NOTIFYs unless event idx says the device looks anyway
 * (always when force). Returns the NOTIFY error (0 when skipped). */
int64_t dq_kick(int force);
/* Waits until used->idx reaches last_used + n (timeout in ticks); 0, or -1 on timeout.
 * Consumes the n used entries. */
int dq_wait(uint16_t n, uint64_t ticks);
/* One request in slot 0 start to finish: the status byte, 0xfe if NOTIFY failed, 0xff if it
 * never completed. */
uint8_t dq_one(uint32_t type, uint64_t sector, void *buf, uint32_t len, int device_writes);

/* The pattern: 64 words per sector, each a mix of (seed, sector, word). */
uint64_t d_pattern(uint64_t seed, uint64_t sector, uint32_t word);
void d_fill(uint64_t seed, uint64_t sector, void *buf);
/* FNV-1a over 64-bit words, continued from h (start with D_HASH0). */
#define D_HASH0 0xcbf29ce484222325ull
uint64_t d_hash(uint64_t h, const void *buf, uint32_t len);

void d_fail(const char *why) __attribute__((noreturn));
#endif

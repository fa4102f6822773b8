/* Host unit test of hv/blk/virtio_mmio_blk.c's notification suppression against a page of host
 * memory playing the virtio-mmio registers; the test acts as the device (avail_event, used
 * ring). QEMU drains the ring inside the notify write, so only here are suppressions visible. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../hv/blk/virtio_mmio_blk.h"

#define F_BLK_FLUSH (1u << VIRTIO_BLK_F_FLUSH)
#define F_EVENT_IDX (1u << VIRTIO_F_RING_EVENT_IDX)

static int pass, fail;
static uint32_t *regs;
static uint8_t data[4][512];
static int cookie_seen[256];

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	if (ok)
		pass++;
	else
		fail++;
}

static void reg(uint32_t off, uint32_t v)
{
	regs[off / 4] = v;
}

/* A fresh fake device offering `feat` in both feature words: word 1 reads the same cell, so
 * bit 0 there doubles as VIRTIO_F_VERSION_1 (bit 32). */
static void device(struct vmblk *d, uint32_t feat)
{
	memset(regs, 0, 4096);
	reg(0x000, 0x74726976);
	reg(0x004, 2);
	reg(0x008, 2);
	reg(0x010, feat | 1);
	reg(0x034, 256);
	reg(0x100, 8192);
	memset(d, 0, sizeof(*d));
	check(vmblk_init(d, (uint64_t)(uintptr_t)regs) == VMBLK_OK, "init on the fake device");
}

static uint16_t *avail_event(struct vmblk *d)
{
	return (uint16_t *)&d->used->ring[d->qsize];
}

static uint16_t used_event(struct vmblk *d)
{
	return d->avail->ring[d->qsize];
}

static void submit(struct vmblk *d, int n)
{
	for (int i = 0; i < n; i++) {
		struct blk_hseg s = { (uint64_t)(uintptr_t)data[i % 4], 512, 1 };
		if (vmblk_submit(d, VIRTIO_BLK_T_IN, (uint64_t)i, &s, 1, &cookie_seen[0]) != VMBLK_OK)
			check(0, "submit");
	}
}

/* The device completes the oldest n available heads. */
static void complete(struct vmblk *d, uint16_t *dev_used, int n)
{
	for (int i = 0; i < n; i++) {
		uint16_t head = d->avail->ring[*dev_used & (d->qsize - 1)];
		d->used->ring[*dev_used & (d->qsize - 1)] = (struct virtq_used_elem){ head, 513 };
		d->status[head] = VIRTIO_BLK_S_OK;
		(*dev_used)++;
	}
	d->used->idx = *dev_used;
	reg(0x060, 1); /* interrupt status: used buffer */
}

static void done(void *arg, void *cookie, uint8_t st, uint32_t len)
{
	(void)arg;
	(void)len;
	if (st == VIRTIO_BLK_S_OK)
		(*(int *)cookie)++;
}

static void t_event_idx(void)
{
	struct vmblk d;
	uint16_t dev_used = 0;
	device(&d, F_BLK_FLUSH | F_EVENT_IDX);
	check(d.event_idx == 1 && (d.features >> VIRTIO_F_RING_EVENT_IDX & 1),
	      "EVENT_IDX negotiated when offered");
	submit(&d, 4);
	vmblk_kick(&d);
	check(d.stats.kicks == 1 && d.stats.notifies == 1, "first batch of 4: one notify");
	check(used_event(&d) == 0xffff, "kick: no interrupt until the next poll (used_event behind)");
	vmblk_kick(&d);
	check(d.stats.kicks == 1 && d.stats.notifies == 1, "kick with nothing new: nothing");
	/* the device drained the ring and asks to be told about entry 4 onwards */
	*avail_event(&d) = 4;
	submit(&d, 3);
	vmblk_kick(&d);
	check(d.stats.notifies == 2, "device waiting at avail_event 4: next batch notifies");
	/* the device is busy with that batch (its avail_event stays 4): it will look anyway */
	submit(&d, 5);
	vmblk_kick(&d);
	check(d.stats.kicks == 3 && d.stats.notifies == 2,
	      "device still busy (avail_event behind): batch of 5 costs no notify");
	cookie_seen[0] = 0;
	complete(&d, &dev_used, 6);
	uint32_t n = vmblk_poll(&d, done, 0);
	check(n == 6 && cookie_seen[0] == 6 && d.stats.irqs == 1, "interrupt: 6 completions in one poll");
	check(used_event(&d) == 6, "poll asks for an interrupt at the next completion (used_event 6)");
	check(regs[0x064 / 4] == 1, "interrupt acknowledged");
	reg(0x060, 0);
	check(vmblk_poll(&d, done, 0) == 0 && d.stats.irqs == 1, "poll without interrupt status: no irq counted");
	complete(&d, &dev_used, 6);
	n = vmblk_poll(&d, done, 0);
	check(n == 6 && d.inflight == 0 && d.nfree == d.qsize && used_event(&d) == 12,
	      "rest completed, every descriptor back, used_event follows");
	free(d.pages);
}

static void t_no_event_idx(void)
{
	struct vmblk d;
	uint16_t dev_used = 0;
	device(&d, F_BLK_FLUSH);
	check(d.event_idx == 0 && !(d.features >> VIRTIO_F_RING_EVENT_IDX & 1),
	      "no EVENT_IDX when the device does not offer it");
	submit(&d, 2);
	vmblk_kick(&d);
	check(d.stats.notifies == 1, "batch notifies");
	d.used->flags = VIRTQ_USED_F_NO_NOTIFY;
	submit(&d, 2);
	vmblk_kick(&d);
	check(d.stats.kicks == 2 && d.stats.notifies == 1, "NO_NOTIFY set: no notify");
	d.used->flags = 0;
	complete(&d, &dev_used, 4);
	check(vmblk_poll(&d, done, 0) == 4 && used_event(&d) == 0,
	      "completions polled; used_event left alone");
	free(d.pages);
}

int main(void)
{
	regs = aligned_alloc(4096, 4096);
	t_event_idx();
	t_no_event_idx();
	free(regs);
	printf("vmblk: %d passed, %d failed\n", pass, fail);
	return fail != 0;
}

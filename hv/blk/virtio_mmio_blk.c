/* virtio-blk over virtio-mmio version 2 (virtio 1.1, 4.2.2 and 5.2): bring-up, one split queue
 * owned by the hypervisor, descriptor free list, submission and completion polling, and
 * notification suppression both ways with VIRTIO_F_RING_EVENT_IDX when the device offers it. */
#include <stddef.h>
#include "virtio_mmio_blk.h"
#include "blk_env.h"

#define MMIO_MAGIC          0x000
#define MMIO_VERSION        0x004
#define MMIO_DEVICE_ID      0x008
#define MMIO_DEV_FEATURES   0x010
#define MMIO_DEV_FEAT_SEL   0x014
#define MMIO_DRV_FEATURES   0x020
#define MMIO_DRV_FEAT_SEL   0x024
#define MMIO_QUEUE_SEL      0x030
#define MMIO_QUEUE_NUM_MAX  0x034
#define MMIO_QUEUE_NUM      0x038
#define MMIO_QUEUE_READY    0x044
#define MMIO_QUEUE_NOTIFY   0x050
#define MMIO_IRQ_STATUS     0x060
#define MMIO_IRQ_ACK        0x064
#define MMIO_STATUS         0x070
#define MMIO_QUEUE_DESC     0x080
#define MMIO_QUEUE_DRIVER   0x090
#define MMIO_QUEUE_DEVICE   0x0a0
#define MMIO_CONFIG_GEN     0x0fc
#define MMIO_CONFIG         0x100
#define MMIO_MAGIC_VALUE    0x74726976 /* "virt" */

/* virtio-blk config space offsets */
#define CFG_CAPACITY  0x00
#define CFG_SIZE_MAX  0x08
#define CFG_SEG_MAX   0x0c
#define CFG_BLK_SIZE  0x14

#define ST_ACKNOWLEDGE 1
#define ST_DRIVER      2
#define ST_DRIVER_OK   4
#define ST_FEATURES_OK 8
#define ST_FAILED      128

#define BIT(n) (1ull << (n))
#define NO_LINK 0xffff

/* Device registers and rings are both ordered by a full I/O+memory fence: the device reads
 * the rings when it sees our MMIO write, and writes them before raising the interrupt. */
static inline void io_fence(void)
{
#if defined(__riscv)
	__asm__ volatile("fence iorw, iorw" ::: "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

#ifndef VMBLK_MMIO_HOOK /* tests/unit/vmblk_race_test.c: the lock QEMU takes around an access */
#define VMBLK_MMIO_HOOK()
#endif
static uint32_t rd(const struct vmblk *d, uint32_t off)
{
	VMBLK_MMIO_HOOK();
	uint32_t v = *(volatile uint32_t *)(uintptr_t)(d->base + off);
	io_fence();
	return v;
}

static void wr(const struct vmblk *d, uint32_t off, uint32_t v)
{
	io_fence();
	*(volatile uint32_t *)(uintptr_t)(d->base + off) = v;
}

static void wr64(const struct vmblk *d, uint32_t off, uint64_t v)
{
	wr(d, off, (uint32_t)v);
	wr(d, off + 4, (uint32_t)(v >> 32));
}

int vmblk_device_id(uint64_t base)
{
	struct vmblk t = { .base = base };
	if (rd(&t, MMIO_MAGIC) != MMIO_MAGIC_VALUE)
		return -1;
	return (int)rd(&t, MMIO_DEVICE_ID);
}

static int fail(struct vmblk *d, int err, const char *why)
{
	hv_printf("vmblk %lx: %s\n", (unsigned long)d->base, why);
	wr(d, MMIO_STATUS, rd(d, MMIO_STATUS) | ST_FAILED);
	return err;
}

/* Reads the 64-bit capacity with the config generation check (it spans two registers). */
static uint64_t read_capacity(const struct vmblk *d)
{
	uint32_t gen, lo, hi;
	do {
		gen = rd(d, MMIO_CONFIG_GEN);
		lo = rd(d, MMIO_CONFIG + CFG_CAPACITY);
		hi = rd(d, MMIO_CONFIG + CFG_CAPACITY + 4);
	} while (gen != rd(d, MMIO_CONFIG_GEN));
	return (uint64_t)hi << 32 | lo;
}

static int negotiate(struct vmblk *d)
{
	wr(d, MMIO_DEV_FEAT_SEL, 0);
	uint64_t offered = rd(d, MMIO_DEV_FEATURES);
	wr(d, MMIO_DEV_FEAT_SEL, 1);
	offered |= (uint64_t)rd(d, MMIO_DEV_FEATURES) << 32;
	if (!(offered & BIT(VIRTIO_F_VERSION_1)))
		return fail(d, VMBLK_ENOTSUP, "device lacks VIRTIO_F_VERSION_1");
	if (!(offered & BIT(VIRTIO_BLK_F_FLUSH)))
		return fail(d, VMBLK_ENOTSUP, "device lacks VIRTIO_BLK_F_FLUSH (no way to persist writes)");
	uint64_t want = BIT(VIRTIO_F_VERSION_1) | BIT(VIRTIO_BLK_F_FLUSH) | BIT(VIRTIO_BLK_F_RO) |
			BIT(VIRTIO_BLK_F_BLK_SIZE) | BIT(VIRTIO_BLK_F_SEG_MAX) |
			BIT(VIRTIO_BLK_F_SIZE_MAX) | BIT(VIRTIO_F_RING_EVENT_IDX);
	d->features = offered & want;
	d->event_idx = !!(d->features & BIT(VIRTIO_F_RING_EVENT_IDX));
	wr(d, MMIO_DRV_FEAT_SEL, 0);
	wr(d, MMIO_DRV_FEATURES, (uint32_t)d->features);
	wr(d, MMIO_DRV_FEAT_SEL, 1);
	wr(d, MMIO_DRV_FEATURES, (uint32_t)(d->features >> 32));
	wr(d, MMIO_STATUS, ST_ACKNOWLEDGE | ST_DRIVER | ST_FEATURES_OK);
	if (!(rd(d, MMIO_STATUS) & ST_FEATURES_OK))
		return fail(d, VMBLK_EIO, "device refused our features");
	d->capacity = read_capacity(d);
	d->ro = !!(d->features & BIT(VIRTIO_BLK_F_RO));
	d->blk_size = 512;
	if (d->features & BIT(VIRTIO_BLK_F_BLK_SIZE))
		d->blk_size = rd(d, MMIO_CONFIG + CFG_BLK_SIZE);
	d->seg_max = 0;
	if (d->features & BIT(VIRTIO_BLK_F_SEG_MAX))
		d->seg_max = rd(d, MMIO_CONFIG + CFG_SEG_MAX);
	if (d->features & BIT(VIRTIO_BLK_F_SIZE_MAX))
		d->size_max = rd(d, MMIO_CONFIG + CFG_SIZE_MAX);
	return VMBLK_OK;
}

/* Six pages, allocated once per struct (kept across re-init):
 * desc | avail | used | headers | status bytes + links | slots. */
static int alloc_rings(struct vmblk *d)
{
	if (!d->pages)
		d->pages = palloc_alloc(6);
	uint8_t *p = d->pages;
	if (!p)
		return VMBLK_ENOMEM;
	d->desc = (struct virtq_desc *)p;
	d->avail = (struct virtq_avail *)(p + 0x1000);
	d->used = (struct virtq_used *)(p + 0x2000);
	d->hdr = (struct virtio_blk_req_hdr *)(p + 0x3000);
	d->status = p + 0x4000;
	d->link = (uint16_t *)(p + 0x4000 + VMBLK_QUEUE_MAX);
	d->slot = (struct vmblk_slot *)(p + 0x5000);
	_Static_assert(VIRTQ_USED_BYTES(VMBLK_QUEUE_MAX) <= 0x1000, "used ring fits a page");
	_Static_assert(sizeof(struct vmblk_slot) * VMBLK_QUEUE_MAX <= 0x1000, "slots fit a page");
	return VMBLK_OK;
}

/* Event-idx trailers: the device reads used_event (after our avail ring) to decide whether to
 * interrupt; it writes avail_event (after its used ring) to say when it wants a notify. */
static volatile uint16_t *used_event(const struct vmblk *d)
{
	return (volatile uint16_t *)&d->avail->ring[d->qsize];
}

static volatile uint16_t *avail_event(const struct vmblk *d)
{
	return (volatile uint16_t *)&d->used->ring[d->qsize];
}

static int setup_queue(struct vmblk *d)
{
	wr(d, MMIO_QUEUE_SEL, 0);
	if (rd(d, MMIO_QUEUE_READY))
		return fail(d, VMBLK_EIO, "queue 0 already live after reset");
	uint32_t max = rd(d, MMIO_QUEUE_NUM_MAX);
	if (max == 0)
		return fail(d, VMBLK_EIO, "queue 0 not available");
	uint32_t n = VMBLK_QUEUE_MAX;
	while (n > max)
		n >>= 1; /* split rings want a power of two */
	d->qsize = (uint16_t)n;
	if (alloc_rings(d) != VMBLK_OK)
		return fail(d, VMBLK_ENOMEM, "out of pages for the queue");
	for (uint32_t i = 0; i < n; i++) {
		d->link[i] = (uint16_t)(i + 1 < n ? i + 1 : NO_LINK);
		d->slot[i] = (struct vmblk_slot){ 0 };
	}
	d->free_head = 0;
	d->nfree = (uint16_t)n;
	d->avail_idx = d->kicked_idx = d->last_used = 0;
	d->avail->idx = 0;
	d->avail->flags = 0;
	d->used->idx = 0;
	*used_event(d) = 0; /* interrupt at the first completion */
	*avail_event(d) = 0;
	d->inflight = 0;
	/* A request is header + data + status descriptors; the device may allow fewer. */
	uint32_t room = n - 2;
	if (d->seg_max == 0 || d->seg_max > room)
		d->seg_max = room;
	wr(d, MMIO_QUEUE_NUM, n);
	wr64(d, MMIO_QUEUE_DESC, (uint64_t)(uintptr_t)d->desc);
	wr64(d, MMIO_QUEUE_DRIVER, (uint64_t)(uintptr_t)d->avail);
	wr64(d, MMIO_QUEUE_DEVICE, (uint64_t)(uintptr_t)d->used);
	wr(d, MMIO_QUEUE_READY, 1);
	return VMBLK_OK;
}

/* the blk_dev operations: this driver's own calls */
static struct vmblk *of(struct blk_dev *bd)
{
	return (struct vmblk *)((char *)bd - offsetof(struct vmblk, dev));
}
static int op_submit(struct blk_dev *bd, uint32_t type, uint64_t sector, const struct blk_hseg *seg,
		     uint32_t nseg, void *cookie)
{
	return vmblk_submit(of(bd), type, sector, seg, nseg, cookie);
}
static void op_kick(struct blk_dev *bd) { vmblk_kick(of(bd)); }
static uint32_t op_poll(struct blk_dev *bd, blk_done_fn done, void *arg)
{
	return vmblk_poll(of(bd), done, arg);
}
static int op_finished(struct blk_dev *bd)
{
	return *(volatile uint16_t *)&of(bd)->used->idx != of(bd)->last_used;
}
static const struct blk_dev_ops vmblk_ops = { op_submit, op_kick, op_poll, op_finished };

int vmblk_init(struct vmblk *d, uint64_t base)
{
	uint8_t *pages = d->pages;
	/* byte by byte: a struct assignment this size becomes a memset call the standalone
	 * test payload does not have */
	for (volatile uint8_t *p = (volatile uint8_t *)d; p < (volatile uint8_t *)(d + 1); p++)
		*p = 0;
	d->base = base;
	d->pages = pages;
	if (rd(d, MMIO_MAGIC) != MMIO_MAGIC_VALUE) {
		hv_printf("vmblk %lx: no virtio-mmio device\n", (unsigned long)base);
		return VMBLK_ENODEV;
	}
	uint32_t ver = rd(d, MMIO_VERSION);
	if (ver == 1) {
		hv_printf("vmblk %lx: legacy virtio-mmio (version 1) not supported; "
			  "run QEMU with -global virtio-mmio.force-legacy=false\n",
			  (unsigned long)base);
		return VMBLK_ELEGACY;
	}
	if (ver != 2 || rd(d, MMIO_DEVICE_ID) != 2) {
		hv_printf("vmblk %lx: not a virtio-blk device (version %u, id %u)\n",
			  (unsigned long)base, ver, rd(d, MMIO_DEVICE_ID));
		return VMBLK_ENODEV;
	}
	wr(d, MMIO_STATUS, 0);
	while (rd(d, MMIO_STATUS) != 0)
		; /* reset completes when status reads back 0 */
	wr(d, MMIO_STATUS, ST_ACKNOWLEDGE);
	wr(d, MMIO_STATUS, ST_ACKNOWLEDGE | ST_DRIVER);
	int rc = negotiate(d);
	if (rc == VMBLK_OK)
		rc = setup_queue(d);
	if (rc != VMBLK_OK)
		return rc;
	wr(d, MMIO_STATUS, ST_ACKNOWLEDGE | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK);
	/* field by field, for the same reason as the clearing above */
	d->dev.ops = &vmblk_ops;
	d->dev.capacity = d->capacity;
	d->dev.seg_max = d->seg_max;
	d->dev.ro = d->ro;
	d->dev.stats = &d->stats;
	d->dev.note = d->event_idx ? " (event idx)" : "";
	return VMBLK_OK;
}

static uint16_t take_desc(struct vmblk *d)
{
	uint16_t i = d->free_head;
	d->free_head = d->link[i];
	d->nfree--;
	return i;
}

static void set_desc(struct vmblk *d, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	d->desc[i] = (struct virtq_desc){ addr, len, flags, next };
}

int vmblk_submit(struct vmblk *d, uint32_t type, uint64_t sector, const struct blk_hseg *seg,
		 uint32_t nseg, void *cookie)
{
	if (nseg > d->seg_max)
		return VMBLK_EINVAL;
	for (uint32_t i = 0; i < nseg; i++)
		if (seg[i].len == 0 || (d->size_max && seg[i].len > d->size_max))
			return VMBLK_EINVAL;
	if (nseg + 2 > d->nfree)
		return VMBLK_EBUSY;
	uint16_t head = take_desc(d), cur = head;
	d->hdr[head] = (struct virtio_blk_req_hdr){ type, 0, sector };
	d->status[head] = 0xff; /* the device overwrites it; 0xff never is a valid status */
	for (uint32_t i = 0; i <= nseg; i++) {
		uint16_t nx = take_desc(d);
		d->link[cur] = nx;
		if (i == 0)
			set_desc(d, cur, (uint64_t)(uintptr_t)&d->hdr[head], sizeof(d->hdr[0]),
				 VIRTQ_DESC_F_NEXT, nx);
		else
			set_desc(d, cur, seg[i - 1].addr, seg[i - 1].len,
				 VIRTQ_DESC_F_NEXT | (seg[i - 1].write ? VIRTQ_DESC_F_WRITE : 0), nx);
		cur = nx;
	}
	set_desc(d, cur, (uint64_t)(uintptr_t)&d->status[head], 1, VIRTQ_DESC_F_WRITE, 0);
	d->link[cur] = NO_LINK;
	d->slot[head] = (struct vmblk_slot){ cookie, (uint16_t)(nseg + 2), 1 };
	d->avail->ring[d->avail_idx & (d->qsize - 1)] = head;
	io_fence(); /* descriptors and ring entry before the index that publishes them */
	d->avail->idx = ++d->avail_idx;
	d->inflight++;
	return VMBLK_OK;
}

void vmblk_kick(struct vmblk *d)
{
	uint16_t old = d->kicked_idx, cur = d->avail_idx;
	if (old == cur)
		return;
	d->kicked_idx = cur;
	d->stats.kicks++;
	if (d->event_idx) /* no interrupt before the next poll: QEMU often finishes in the write */
		*used_event(d) = (uint16_t)(d->last_used - 1);
	io_fence(); /* avail->idx before reading the device's wish */
	int need;
	if (d->event_idx) /* the device waits for a notify only at an avail_event in [old, cur) */
		need = virtq_need_event(*avail_event(d), cur, old);
	else
		need = !(*(volatile uint16_t *)&d->used->flags & VIRTQ_USED_F_NO_NOTIFY);
	if (need) {
		d->stats.notifies++;
		wr(d, MMIO_QUEUE_NOTIFY, 0);
	}
}

static void release(struct vmblk *d, uint16_t head)
{
	uint16_t i = head, n = d->slot[head].ndesc;
	while (--n)
		i = d->link[i];
	d->link[i] = d->free_head; /* splice the whole chain onto the free list */
	d->free_head = head;
	d->nfree = (uint16_t)(d->nfree + d->slot[head].ndesc);
	d->slot[head].busy = 0;
}

uint32_t vmblk_poll(struct vmblk *d, vmblk_done_fn done, void *arg)
{
	uint32_t count = 0;
	for (;;) {
		uint16_t used_idx = *(volatile uint16_t *)&d->used->idx;
		if (used_idx == d->last_used) {
			/* Caught up: ask for an interrupt at the next completion, acknowledge what was
			 * raised (a completion after the ack raises it again) and look once more. The
			 * ISR read is also the barrier between that store and the look: on one hart
			 * QEMU 7.2 drops fence instructions, while its I/O thread completes requests
			 * under the lock this MMIO read takes; with io_fence alone both sides could
			 * miss the other's store and the request hung with no interrupt. */
			if (d->event_idx)
				*used_event(d) = d->last_used;
			uint32_t isr = rd(d, MMIO_IRQ_STATUS);
			if (isr) {
				wr(d, MMIO_IRQ_ACK, isr);
				d->stats.irqs++;
			}
			if (*(volatile uint16_t *)&d->used->idx == d->last_used)
				break;
			continue;
		}
		io_fence(); /* the element after the index that published it */
		volatile struct virtq_used_elem *e = &d->used->ring[d->last_used & (d->qsize - 1)];
		uint32_t id = e->id, len = e->len;
		d->last_used++;
		if (id >= d->qsize || !d->slot[id].busy) {
			hv_printf("vmblk %lx: device completed unknown head %u\n",
				  (unsigned long)d->base, id);
			continue;
		}
		uint8_t st = *(volatile uint8_t *)&d->status[id];
		void *cookie = d->slot[id].cookie;
		release(d, (uint16_t)id);
		d->inflight--;
		d->stats.requests++;
		count++;
		if (done)
			done(arg, cookie, st, len);
	}
	return count;
}

void vmblk_reset(struct vmblk *d)
{
	wr(d, MMIO_STATUS, 0);
	while (rd(d, MMIO_STATUS) != 0)
		;
	d->inflight = 0;
}

/* pv backend: the disk transport. The split ring is the shared driver's (virtio_blk.c); here
 * it is handed to rvpv with BLOCK_QUEUE_SETUP, kicked with BLOCK_NOTIFY, and completion is
 * signalled on an event port bound to this vCPU. Without a BLOCK device, a disk image linked
 * into the kernel (pv-ramdisk.bin) is served from memory through the same ring. */
#include "defs.h"
#include "pvops.h"
#include "pv.h"

static int32_t blk_port = -1;
extern uint8_t pv_ramdisk_start[], pv_ramdisk_end[];
static struct virtq *ramq;   /* set when the built-in image is the disk */
static uint16_t ram_seen;

/* Linker-placed bounds of one object: compare addresses, not pointers into two arrays. */
static uint64_t ramdisk_size(void)
{
	return (uintptr_t)pv_ramdisk_end - (uintptr_t)pv_ramdisk_start;
}

static uint64_t ramdisk_setup(struct virtq *q, uint64_t *features)
{
	uint64_t size = ramdisk_size();
	if (size < VIRTIO_BLK_SECTOR_SIZE)
		return 0;
	ramq = q;
	*features = 1ull << VIRTIO_F_VERSION_1;
	kprintf("pv-guest: no rvpv disk, using the built-in image\n");
	return size / VIRTIO_BLK_SECTOR_SIZE;
}

/* Play the device: complete every request in the avail ring (header, data, status chains). */
static void ramdisk_run(void)
{
	struct virtq *q = ramq;
	while (ram_seen != q->avail->idx) {
		uint16_t head = q->avail->ring[ram_seen++ % q->size];
		struct virtq_desc *d = &q->desc[head];
		const struct virtio_blk_req_hdr *hdr = (const void *)d->addr;
		uint8_t st = VIRTIO_BLK_S_OK;
		uint32_t len = 0;
		while (d->flags & VIRTQ_DESC_F_NEXT) {
			struct virtq_desc *n = &q->desc[d->next];
			if (!(n->flags & VIRTQ_DESC_F_NEXT)) {  /* the last one is the status byte */
				*(uint8_t *)n->addr = st;
				break;
			}
			uint64_t off = hdr->sector * VIRTIO_BLK_SECTOR_SIZE;
			if (off + n->len > ramdisk_size())
				st = VIRTIO_BLK_S_IOERR;
			else if (hdr->type == VIRTIO_BLK_T_IN)
				memcpy((void *)n->addr, pv_ramdisk_start + off, n->len);
			else if (hdr->type == VIRTIO_BLK_T_OUT)
				memcpy(pv_ramdisk_start + off, (void *)n->addr, n->len);
			else
				st = VIRTIO_BLK_S_UNSUPP;
			len += n->len;
			d = n;
		}
		struct virtq_used_elem *e = &q->used->ring[q->used->idx % q->size];
		e->id = head;
		e->len = len + 1;
		__sync_synchronize();
		q->used->idx++;
	}
}


uint64_t pv_blk_setup(struct virtq *q, uint64_t *features)
{
	static struct rvpv_blk_info info;
	static struct rvpv_blk_queue_cfg cfg;
	if (rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value != RVPV_SBI_IMPL_ID ||
	    rvpv_block_get_info(0, GPA(&info)).error || info.queue_max < q->size)
		return ramdisk_setup(q, features);
	uint64_t want = info.features & ((1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_F_VERSION_1));
	if (rvpv_block_set_features(0, want).error)
		return 0;
	cfg = (struct rvpv_blk_queue_cfg){ GPA(q->desc), GPA(q->avail), GPA(q->used), q->size, 0, { 0, 0 } };
	if (rvpv_block_queue_setup(0, 0, GPA(&cfg)).error)
		return 0;
	if (pv_event_bind(PV_PORT_BLOCK, RVPV_EVSRC_BLOCK, 0, pv_vcpu) == 0)
		blk_port = PV_PORT_BLOCK;
	*features = want;
	return info.capacity;
}

void pv_blk_notify(void)
{
	if (ramq)
		ramdisk_run();
	else
		rvpv_block_notify(0, 0);
}

/* A port of this vCPU (another vCPU's pending IPI is that vCPU's to take) */
static int any_event_pending(void)
{
	for (uint32_t w = 0; w < RVPV_EVENT_WORDS; w++) {
		uint64_t live = __atomic_load_n(&pv_events.pending[w], __ATOMIC_ACQUIRE) & ~pv_events.mask[w];
		for (; live; live &= live - 1)
			if (pv_event_mine(w * 64 + (uint32_t)__builtin_ctzll(live)))
				return 1;
	}
	return 0;
}

/* rvpv completes requests when the real disk interrupts: sleep in CPU_BLOCK until the
 * completion port (or anything else) is pending; the driver re-checks the used ring. A port
 * already pending (say a completion whose event landed after the ring was read, or console
 * input) or a tick that came due is handled instead of slept on: SEIP and STIP are levels,
 * so CPU_BLOCK would return at once and the wait would spin (seen in a QEMU trace: CPU_BLOCK
 * every 14 us for a slow request while the tick was due). The port wakes only the vCPU it
 * is bound to (pv_vcpu): any other vCPU waiting for the disk yields instead of sleeping, or
 * it could sleep through the completion. */
void pv_blk_wait(void)
{
	if (blk_port < 0 || mycpu()->hartid != pv_vcpu) {
		pv_spin_wait();
		return;
	}
	if (any_event_pending() || (mycpu()->next_tick && pv_time() >= mycpu()->next_tick)) {
		poll_interrupts();
		return;
	}
	/* The tick stays armed: turning it off and on would cost two more exits per request. */
	rvpv_cpu_block();
}

/* QEMU's disk often finishes a request within a few tens of microseconds of the notify.
 * Looking at the ring meanwhile costs no exit; sleeping in CPU_BLOCK costs one, plus the EOI
 * of the event that ends it. Past BLK_POLL_TICKS a slow device is slept on. */
#define BLK_POLL_TICKS 1000  /* 100 us at QEMU's 10 MHz timebase */
int pv_blk_poll(const volatile uint16_t *used_idx, uint16_t want)
{
	uint64_t end = pv_time() + BLK_POLL_TICKS;
	while ((int16_t)(*used_idx - want) < 0)
		if (pv_time() > end)
			return 0;
	return 1;
}

void pv_blk_complete(void)
{
	if (blk_port >= 0 && pv_event_pending((uint32_t)blk_port))
		pv_event_ack((uint32_t)blk_port);
}

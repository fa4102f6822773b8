/* Hostile VM, vCPU 1: races the hypervisor over the shared virtqueue (rewrites descriptors,
 * ring entries, the indices it owns and the ones the device owns, the queue configuration
 * while it is read), floods NOTIFY, IPIs and event sends, spins with interrupts off, and now
 * and then stops itself (vCPU 0 starts it again). After vCPU 0 is done it just spins. */
#include "hostile.h"

#define QMAX 256
#define STALL_SECS 30

static uint64_t stale; /* ticks this vCPU ran while vCPU 0 began no new call */

/* Tells a stall from slowness: when vCPU 0 begins no call during STALL_SECS of time in which
 * this vCPU was running, the call under way is printed once (`hostile: stalled: ...`). Gaps of
 * more than 100 ms between two looks are not counted: then this vCPU was not running either
 * (QEMU descheduled on a loaded host), which says nothing about vCPU 0. */
static void watch(void)
{
	static uint64_t seen, last;
	static int told;
	uint64_t now = rdtime(), n = hostile_begun, gap = now - last;
	last = now;
	if (n != seen) {
		seen = n;
		stale = 0;
		told = 0;
		return;
	}
	if (gap < HOSTILE_TICKS_PER_SEC / 10)
		stale += gap;
	if (stale < STALL_SECS * HOSTILE_TICKS_PER_SEC || told)
		return;
	told = 1;
	volatile struct call *c = &hostile_current;
	guest_printf("\nhostile: stalled: call %lu has not returned in %u s: 0x%lx %lu 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx\n",
		     n - 1, STALL_SECS, c->ext, c->fid, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
}

static void burst(uint64_t *s)
{
	uint64_t r = iso_rand(s);
	for (int i = 0; i < 8; i++) {
		switch (r % 4) {
		case 0: rvpv_block_notify(0, 0); break;
		case 1: rvpv_cpu_send_ipi(3, 0); break;
		case 2: rvpv_event_send((r >> 8) % 8); break;
		default: rvpv_sbi_call2(SBI_EXT_IPI, 0, 0, ~0ull); break;
		}
	}
}

/* A well-formed request, so that real transfers run beside the broken ones. */
static void request(uint64_t *s)
{
	volatile struct virtq_desc *d = (volatile struct virtq_desc *)(uintptr_t)pl.desc;
	volatile uint16_t *avail = (volatile uint16_t *)(uintptr_t)pl.avail;
	uint64_t r = iso_rand(s);
	uint32_t qs = queue_size;
	if (qs < 4 || qs > QMAX)
		return;
	uint16_t head = (uint16_t)((r >> 8) % (qs - 2));
	uint32_t type = (r >> 16) % 4 == 0 ? VIRTIO_BLK_T_OUT : (r >> 16) % 4 == 1 ? VIRTIO_BLK_T_FLUSH
									 : VIRTIO_BLK_T_IN;
	volatile struct virtio_blk_req_hdr *h = (volatile struct virtio_blk_req_hdr *)(uintptr_t)(pl.hdrs + head * 16);
	h->type = type;
	h->reserved = 0;
	h->sector = (r >> 24) % 9000; /* some past the end of the 4 MiB disk */
	uint32_t len = 512 * (uint32_t)(1 + (r >> 40) % 8);
	d[head] = (struct virtq_desc){ (uintptr_t)h, 16, VIRTQ_DESC_F_NEXT, (uint16_t)(head + 1) };
	d[head + 1] = (struct virtq_desc){ pl.data + ((r >> 48) % 64) * 4096, len,
		VIRTQ_DESC_F_NEXT | (type == VIRTIO_BLK_T_IN ? VIRTQ_DESC_F_WRITE : 0), (uint16_t)(head + 2) };
	d[head + 2] = (struct virtq_desc){ pl.status + head, 1, VIRTQ_DESC_F_WRITE, 0 };
	uint16_t idx = avail[1];
	avail[2 + idx % qs] = head;
	iso_fence();
	avail[1] = (uint16_t)(idx + 1);
	iso_fence();
}

static void scribble(uint64_t *s)
{
	uint64_t r = iso_rand(s);
	volatile uint16_t *avail = (volatile uint16_t *)(uintptr_t)pl.avail;
	volatile uint16_t *used = (volatile uint16_t *)(uintptr_t)pl.used;
	volatile struct virtq_desc *tab = (volatile struct virtq_desc *)(uintptr_t)((r >> 8) % 4 ? pl.desc : pl.indirect);
	switch (r % 8) {
	case 0: case 1: case 2: {
		struct virtq_desc d = gen_desc(s, QMAX);
		tab[(r >> 16) % QMAX] = d;
		break;
	}
	case 3: avail[2 + (r >> 16) % QMAX] = (uint16_t)((r >> 32) % 4 ? (r >> 40) % QMAX : r >> 40); break;
	case 4: avail[1] = (uint16_t)((r >> 16) % 8 ? avail[1] + 1 + (r >> 24) % 4 : r >> 24); break;
	case 5: used[(r >> 16) % 4] = (uint16_t)(r >> 32); break;      /* the device's own fields */
	case 6: avail[0] = (uint16_t)(r >> 16); avail[2 + QMAX] = (uint16_t)(r >> 32); break;
	default: { /* the configuration, perhaps while QUEUE_SETUP reads it */
		volatile uint64_t *c = (volatile uint64_t *)(uintptr_t)pl.cfg;
		uint64_t v = (r >> 16) % 2 ? protect(gen_addr(s)) : gen_val(s);
		c[(r >> 20) % 6] = (r >> 16) % 4 ? v : 0;
		break;
	}
	}
}

void racer_main(void)
{
	uint64_t s = hostile_seed ^ 0x9e3779b97f4a7c15ull ^ racer_ops;
	while (!hostile_done) {
		uint64_t r = iso_rand(&s);
		switch (r % 16) {
		case 0: case 1: case 2: case 3: case 4: case 5: case 6: scribble(&s); break;
		case 7: case 8: request(&s); break;
		case 9: case 10: burst(&s); break;
		case 11: /* spin with interrupts off (they are never on here) */
			for (uint64_t i = (r >> 8) % 20000; i; i--)
				__asm__ volatile("" ::: "memory");
			break;
		case 12: /* only while vCPU 0 makes calls: it restarts us, and we watch it */
			if ((r >> 8) % 512 == 0 && !stale)
				rvpv_sbi_call0(SBI_EXT_HSM, SBI_HSM_HART_STOP);
			break;
		default: rvpv_block_notify(0, 0); break;
		}
		racer_ops++;
		watch();
	}
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* Heavy disk I/O for the teardown test (issue #12, item 5; tests/suite.d/77): the monitor
 * restarts and destroys this VM while up to NREQ large requests are in flight, and the
 * hypervisor must wait for every one of them before it scrubs and frees the VM's pages. The
 * guest first checks that its RAM came back zeroed (twice, 100 ms apart: a device still writing
 * for the previous instance would land there, the first-fit allocator hands the same pages to
 * the new one), gives 16 pages of its buffers back and reclaims them in reverse order (so its
 * buffers span host pages that are not adjacent and teardown frees page by page), writes a
 * pattern over its 2 MiB of disk and reads it back, then streams with the queue kept full:
 * NREQ requests of REQ_BYTES, half rewriting the pattern, half reading it back (each checked),
 * every completion resubmitted at once. Lines: "stream: fresh RAM zero", "stream: streaming",
 * "stream: round N" every 256 requests; any difference "stream: MISMATCH ...". An 'r' on its
 * console makes it reboot itself (LIFECYCLE_REBOOT) with the queue full.
 * bootargs "idle=1": the same set-up and one round, then "stream: idle" and sleeps forever (the
 * test's reference for the memory an idle instance gives back). */
#include "ring.h"

#define QSIZE     128
#define NREQ      32                 /* 3 descriptors each */
#define REQ_BYTES (64 * 1024)
#define BUF_BYTES (NREQ * REQ_BYTES)  /* 2 MiB */

static uint8_t buf[BUF_BYTES] __attribute__((aligned(4096)));
static struct virtq_desc desc[QSIZE] __attribute__((aligned(4096)));
static uint16_t avail[QSIZE + 3] __attribute__((aligned(4096)));
static uint8_t used[4096] __attribute__((aligned(4096)));
static struct rvpv_blk_queue_cfg cfg __attribute__((aligned(8)));
static struct virtio_blk_req_hdr hdr[NREQ];
static volatile uint8_t st[NREQ];
static struct ring r;

static void die(const char *what, uint64_t a, uint64_t b)
{
	guest_printf("stream: MISMATCH: %s (%lu, %lu)\n", what, a, b);
	guest_exit_fail();
}

/* The disk's content: word w of sector n (the same for every instance and round). */
static uint64_t pat(uint64_t n, uint64_t w)
{
	return ((n << 32) | w) * 0x9e3779b97f4a7c15ull ^ 0x5bd1e995a5a5a5a5ull;
}

static void fill(uint32_t slot)
{
	uint64_t *w = (uint64_t *)(buf + (uint64_t)slot * REQ_BYTES), s0 = (uint64_t)slot * (REQ_BYTES / 512);
	for (uint64_t i = 0; i < REQ_BYTES / 8; i++)
		w[i] = pat(s0 + i / 64, i % 64);
}

static void check_slot(uint32_t slot)
{
	const uint64_t *w = (const uint64_t *)(buf + (uint64_t)slot * REQ_BYTES), s0 = (uint64_t)slot * (REQ_BYTES / 512);
	for (uint64_t i = 0; i < REQ_BYTES / 8; i++)
		if (w[i] != pat(s0 + i / 64, i % 64))
			die("read back: slot, word", slot, i);
}

static void fresh_ram(void)
{
	const volatile uint64_t *w = (const volatile uint64_t *)buf;
	for (int pass = 0; pass < 2; pass++) {
		for (uint64_t i = 0; i < BUF_BYTES / 8; i++)
			if (w[i])
				die("RAM not zero at boot: word, pass", i, (uint64_t)pass);
		if (!pass)
			iso_sleep(ISO_TICKS_PER_SEC / 10);
	}
	guest_printf("stream: fresh RAM zero: %u KiB checked twice\n", BUF_BYTES / 1024);
}

/* 16 pages in the middle of the buffers: released, then reclaimed from the top down. */
static void scramble(void)
{
	uint8_t *p = buf + BUF_BYTES / 2;
	struct rvpv_sbiret s = rvpv_mem_balloon_release((uintptr_t)p, 16);
	if (s.error || s.value != 16)
		die("balloon release", (uint64_t)s.error, (uint64_t)s.value);
	for (int k = 15; k >= 0; k--) {
		s = rvpv_mem_balloon_reclaim((uintptr_t)p + 4096ull * (uint64_t)k, 1);
		if (s.error || s.value != 1)
			die("balloon reclaim", (uint64_t)s.error, (uint64_t)k);
	}
}

static void submit(uint32_t slot, uint32_t type)
{
	ring_req(&r, (uint16_t)(3 * slot), &hdr[slot], type, (uint64_t)slot * (REQ_BYTES / 512),
		 buf + (uint64_t)slot * REQ_BYTES, REQ_BYTES, &st[slot]);
}

/* Every slot once (all writes or all reads), waited for: the set-up round. */
static void batch(uint32_t type)
{
	for (uint32_t i = 0; i < NREQ; i++)
		submit(i, type);
	int64_t e = ring_run(&r, NREQ, 30 * ISO_TICKS_PER_SEC);
	if (e)
		die(e == 1 ? "batch timed out: type" : "NOTIFY failed: type", type, (uint64_t)e);
	for (uint32_t i = 0; i < NREQ; i++)
		if (st[i] != VIRTIO_BLK_S_OK)
			die("request status: request, status", i, st[i]);
}

/* A streamed read: the first and last word of each sector (the first was cleared before the
 * read), cheap enough that the queue stays full. */
static void check_sectors(uint32_t slot)
{
	uint64_t *w = (uint64_t *)(buf + (uint64_t)slot * REQ_BYTES), s0 = (uint64_t)slot * (REQ_BYTES / 512);
	for (uint64_t k = 0; k < REQ_BYTES / 512; k++) {
		if (w[64 * k] != pat(s0 + k, 0) || w[64 * k + 63] != pat(s0 + k, 63))
			die("streamed read: slot, sector", slot, k);
		w[64 * k] = 0;
	}
}

/* The stream: the queue is kept full. Even slots rewrite their (unchanging) sectors, odd slots
 * read theirs into a buffer whose first word of every sector was cleared; each completion is
 * checked and its slot resubmitted at once. */
static void stream(void)
{
	uint64_t done = 0, t_end = rdtime() + 30 * ISO_TICKS_PER_SEC;
	for (uint32_t i = 0; i < NREQ; i++) {
		if (i & 1)
			for (uint32_t k = 0; k < REQ_BYTES / 512; k++)
				*(uint64_t *)(buf + (uint64_t)i * REQ_BYTES + 512ull * k) = 0;
		submit(i, i & 1 ? VIRTIO_BLK_T_IN : VIRTIO_BLK_T_OUT);
	}
	if (ring_kick(&r))
		die("NOTIFY failed", 0, 0);
	for (;;) {
		uint16_t n = ring_done(&r);
		uint8_t ch = 0;
		struct rvpv_sbiret c = rvpv_console_read((uintptr_t)&ch, 1);
		if (!c.error && c.value == 1 && ch == 'r') {
			guest_printf("stream: rebooting with %u requests in flight\n", (unsigned)(NREQ - n));
			rvpv_lifecycle_reboot();
		}
		if (!n) {
			if (rdtime() > t_end)
				die("no completion for 30 s: requests done", done, 0);
			rvpv_cpu_yield();
			continue;
		}
		iso_fence();
		for (uint16_t j = 0; j < n; j++) {
			uint32_t head = r.used->ring[(r.last_used + j) & (QSIZE - 1)].id, slot = head / 3;
			if (head % 3 || slot >= NREQ || st[slot] != VIRTIO_BLK_S_OK)
				die("completion: head, status", head, slot < NREQ ? st[slot] : 0xff);
			if (slot & 1)
				check_sectors(slot);
			submit(slot, slot & 1 ? VIRTIO_BLK_T_IN : VIRTIO_BLK_T_OUT);
			if (++done % 256 == 0)
				guest_printf("stream: round %lu\n", done / 256);
		}
		ring_consume(&r, n);
		if (ring_kick(&r))
			die("NOTIFY failed", done, 0);
		t_end = rdtime() + 30 * ISO_TICKS_PER_SEC;
	}
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	int idle = iso_arg(iso_bootargs(dtb), "idle", 0) != 0;
	fresh_ram();
	scramble();
	int64_t e = ring_setup(&r, &cfg, desc, avail, used, QSIZE);
	if (e)
		die("QUEUE_SETUP", (uint64_t)e, 0);
	for (uint32_t i = 0; i < NREQ; i++)
		fill(i);
	batch(VIRTIO_BLK_T_OUT);
	memset(buf, 0, BUF_BYTES);
	batch(VIRTIO_BLK_T_IN);
	for (uint32_t i = 0; i < NREQ; i++)
		check_slot(i);
	if (idle) {
		guest_printf("stream: idle\n");
		for (;;)
			rvpv_cpu_block(); /* no event is bound: it never wakes */
	}
	guest_printf("stream: streaming %u requests of %u KiB in flight, half writes, half reads\n", NREQ,
		     REQ_BYTES / 1024);
	stream();
}

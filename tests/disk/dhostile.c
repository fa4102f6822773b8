/* A hostile driver of the rvpv BLOCK queue: one line per malformed or out-of-bounds request
 * ("ok - name: ..." or "not ok - name: ..."), then "hostile: N passed, M failed". */
#include "dlib.h"

/* Documented outcomes (docs/abi.md, BLOCK_NOTIFY; hv/blk/README.md): a malformed ring breaks
 * the queue (NOTIFY answers FAILED, again until RESET, nothing is completed); a well-formed
 * chain with a bad request completes at once with IOERR or UNSUPP. After every case the queue
 * must work again (RESET + setup when it broke): a sector written and read back, or read on a
 * read-only disk. With the "ro" bootarg the disk must be read-only: writes are refused. */

#define QSZ 8u
#define NX VIRTQ_DESC_F_NEXT
#define WR VIRTQ_DESC_F_WRITE
#define FAILED SBI_ERR_FAILED
#define SCRATCH_SECTOR 300u

static uint8_t data[2][4096] __attribute__((aligned(4096)));
static uint8_t bal[3][4096] __attribute__((aligned(4096)));
static uint8_t pg[2][4096] __attribute__((aligned(4096)));
static uint32_t passed, failed, qsz = QSZ;
static int ro;
static uint64_t seedno;

/* One console write per line: lines of VMs printing at once must not interleave. */
static void report(int ok, const char *name, const char *fmt, int64_t a, int64_t b)
{
	static char line[160];
	const char *head = "%s - %s: ";
	uint32_t n = 0;
	for (const char *s = head; *s && n < sizeof(line) - 2; s++)
		line[n++] = *s;
	for (const char *s = fmt; *s && n < sizeof(line) - 2; s++)
		line[n++] = *s;
	line[n++] = '\n';
	line[n] = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	guest_printf(line, ok ? "ok" : "not ok", name, a, b);
#pragma GCC diagnostic pop
	if (ok)
		passed++;
	else
		failed++;
}

static void desc(uint16_t i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	dq.desc[i] = (struct virtq_desc){ addr, len, flags, next };
}

static uint64_t hdr_gpa(uint32_t type, uint64_t sector)
{
	dhdr[0] = (struct virtio_blk_req_hdr){ type, 0, sector };
	dstatus[0] = 0xee;
	return (uintptr_t)&dhdr[0];
}

#define STATUS_GPA ((uint64_t)(uintptr_t)&dstatus[0])

static int64_t reopen(void)
{
	return dq_open(qsz, 1ull << VIRTIO_F_VERSION_1);
}

/* The queue works: a seeded sector written and read back (read only, on a read-only disk). */
static int roundtrip(void)
{
	uint64_t *w0 = (uint64_t *)data[0], *w1 = (uint64_t *)data[1];
	seedno++;
	if (!ro) {
		d_fill(1000 + seedno, SCRATCH_SECTOR, data[0]);
		if (dq_one(VIRTIO_BLK_T_OUT, SCRATCH_SECTOR, data[0], 512, 0) != VIRTIO_BLK_S_OK)
			return 0;
	}
	memset(data[1], 0, 512);
	if (dq_one(VIRTIO_BLK_T_IN, SCRATCH_SECTOR, data[1], 512, 1) != VIRTIO_BLK_S_OK)
		return 0;
	for (uint32_t i = 0; i < 64; i++)
		if (w1[i] != (ro ? 0xa5a5a5a5a5a5a5a5ull : w0[i]))
			return 0;
	return 1;
}

/* Publishes what the case put in the rings; the queue must break, stay broken, complete
 * nothing, and work again after RESET. */
static void expect_broken(const char *name)
{
	uint16_t used0 = dq.used->idx;
	int64_t e1 = dq_kick(1);
	int64_t e2 = rvpv_block_notify(0, 0).error;
	int quiet = dq.used->idx == used0 && dstatus[0] == 0xee;
	int64_t er = dq_reset(), eo = reopen();
	int again = er == 0 && eo == 0 && roundtrip();
	report(e1 == FAILED && e2 == FAILED && quiet && again, name,
	       "NOTIFY -> %ld then %ld (FAILED = -1), RESET + I/O work again", e1, e2);
	if (!quiet)
		guest_printf("  (the broken queue completed something: status %u)\n", dstatus[0]);
	if (!again)
		guest_printf("  (after RESET: reset %ld, setup %ld)\n", er, eo);
}

/* Publishes one request; it must complete with status st and the queue keep working. */
static void expect_status(const char *name, uint8_t st)
{
	int64_t e = dq_kick(1);
	int done = e == 0 && dq_wait(1, 5 * D_TICKS_PER_SEC) == 0;
	uint8_t got = done ? dstatus[0] : 0xff;
	int again = roundtrip();
	report(e == 0 && got == st && again, name, "status %ld (expected %ld), I/O after it works",
	       got, st);
}

/* A well-formed IN / OUT with its data at (addr, len). */
static void rw_at(uint32_t type, uint64_t sector, uint64_t addr, uint32_t len)
{
	desc(0, hdr_gpa(type, sector), 16, NX, 1);
	desc(1, addr, len, (uint16_t)(NX | (type == VIRTIO_BLK_T_IN ? WR : 0)), 2);
	desc(2, STATUS_GPA, 1, WR, 0);
	dq_put(0);
}

static void addresses(void)
{
	uint64_t big = ram_base + (4u << 20); /* 4..12 MiB of RAM: nothing lives there */
	rw_at(VIRTIO_BLK_T_IN, 0, ram_base - 4096, 512);
	expect_broken("data-below-ram");
	rw_at(VIRTIO_BLK_T_IN, 0, ram_end, 512);
	expect_broken("data-past-ram");
	rw_at(VIRTIO_BLK_T_IN, 0, ram_end - 256, 512);
	expect_broken("data-straddles-ram-end");
	rw_at(VIRTIO_BLK_T_IN, 0, 0xbffff000ull, 512);
	expect_broken("data-in-host-ram-0xbffff000-outside-guest");
	rw_at(VIRTIO_BLK_T_IN, 0, ram_base + (1ull << 30), 512);
	expect_broken("data-at-ram-base-plus-1g");
	rw_at(VIRTIO_BLK_T_IN, 0, 0x10008000ull, 512);
	expect_broken("data-at-physical-virtio-registers");
	rw_at(VIRTIO_BLK_T_OUT, 0, 0x0c000000ull, 512);
	expect_broken("data-at-plic");
	rw_at(VIRTIO_BLK_T_IN, 0, 0, 512);
	expect_broken("data-at-address-0");
	rw_at(VIRTIO_BLK_T_IN, 0, big, 0xffffffffu);
	expect_broken("giant-length-0xffffffff");
	rw_at(VIRTIO_BLK_T_IN, 0, 0xfffffffffffff000ull, 0x2000);
	expect_broken("buffer-wraps-address-space");
	desc(0, 0x1000, 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 2);
	desc(2, STATUS_GPA, 1, WR, 0);
	dhdr[0] = (struct virtio_blk_req_hdr){ 0 };
	dstatus[0] = 0xee;
	dq_put(0);
	expect_broken("header-outside-ram");
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 2);
	desc(2, ram_end, 1, WR, 0);
	dq_put(0);
	expect_broken("status-outside-ram");
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 2);
	desc(2, STATUS_GPA, 1, 0, 0);
	dq_put(0);
	expect_broken("status-not-device-writable");
	/* giant but inside RAM: 8 MiB is past the 4 MiB disk; 2 MiB is a valid single segment */
	rw_at(VIRTIO_BLK_T_IN, 0, big, 8u << 20);
	expect_status("giant-read-past-capacity-ioerr", VIRTIO_BLK_S_IOERR);
	rw_at(VIRTIO_BLK_T_IN, 0, big, 2u << 20);
	expect_status("giant-2mib-read-inside-ram-ok", VIRTIO_BLK_S_OK);
}

static void chains(void)
{
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 0);
	dq_put(0);
	expect_broken("descriptor-loop-0-1-0");
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 1);
	dq_put(0);
	expect_broken("descriptor-self-loop");
	/* exactly queue-size descriptors: header, 6 data of 512, status */
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	for (uint16_t i = 1; i < QSZ - 1; i++)
		desc(i, (uintptr_t)bal[0] + 512u * (i - 1), 512, NX | WR, (uint16_t)(i + 1));
	desc(QSZ - 1, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("chain-of-queue-size-ok", VIRTIO_BLK_S_OK);
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	for (uint16_t i = 1; i < QSZ; i++)
		desc(i, (uintptr_t)bal[0] + 512u * (i - 1), 512, NX | WR, (uint16_t)((i + 1) % QSZ));
	dq_put(0);
	expect_broken("chain-longer-than-queue");
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, QSZ);
	dq_put(0);
	expect_broken("next-index-equals-queue-size");
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 0xffff);
	dq_put(0);
	expect_broken("next-index-0xffff");
	rw_at(VIRTIO_BLK_T_IN, 0, (uintptr_t)data[1], 512);
	dq.avail->ring[(uint16_t)(dq.next_avail - 1) % QSZ] = QSZ; /* replaces rw_at's head */
	expect_broken("avail-ring-head-out-of-range");
	rw_at(VIRTIO_BLK_T_IN, 0, (uintptr_t)data[1], 512);
	dq.next_avail = (uint16_t)(dq.next_avail + QSZ); /* published idx runs size + 1 ahead */
	expect_broken("avail-idx-jumps-beyond-ring");
	rw_at(VIRTIO_BLK_T_IN, 0, (uintptr_t)data[1], 512);
	dq.next_avail = 0x8000;
	expect_broken("avail-idx-jumps-0x8000");
	hdr_gpa(VIRTIO_BLK_T_IN, 0);
	dq.next_avail = 0xffff; /* one behind where the device is */
	expect_broken("avail-idx-goes-backwards");
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 16, VIRTQ_DESC_F_INDIRECT, 0);
	dq_put(0);
	expect_broken("indirect-descriptor-not-offered");
	/* the same head twice in one batch: the first is in flight when the second is popped */
	rw_at(VIRTIO_BLK_T_IN, 0, ram_base + (4u << 20), 1u << 20);
	dq_put(0);
	expect_broken("head-reused-while-in-flight");
}

static void requests(void)
{
	uint64_t cap = dinfo.capacity;
	desc(0, hdr_gpa(99, 0), 16, NX, 1);
	desc(1, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("unknown-type-99-unsupp", VIRTIO_BLK_S_UNSUPP);
	desc(0, hdr_gpa(11, 0), 16, NX, 1); /* DISCARD: not offered */
	desc(1, (uintptr_t)data[1], 16, NX, 2);
	desc(2, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("discard-not-offered-unsupp", VIRTIO_BLK_S_UNSUPP);
	rw_at(VIRTIO_BLK_T_IN, cap, (uintptr_t)data[1], 512);
	expect_status("sector-equals-capacity-ioerr", VIRTIO_BLK_S_IOERR);
	rw_at(VIRTIO_BLK_T_IN, cap - 1, (uintptr_t)data[1], 1024);
	expect_status("last-sector-plus-one-ioerr", VIRTIO_BLK_S_IOERR);
	rw_at(VIRTIO_BLK_T_IN, ~0ull, (uintptr_t)data[1], 512);
	expect_status("sector-all-ones-ioerr", VIRTIO_BLK_S_IOERR);
	rw_at(ro ? VIRTIO_BLK_T_IN : VIRTIO_BLK_T_OUT, 1ull << 63, (uintptr_t)data[0], 512);
	expect_status("sector-2-pow-63-ioerr", VIRTIO_BLK_S_IOERR);
	rw_at(VIRTIO_BLK_T_IN, 0, (uintptr_t)data[1], 500);
	expect_status("length-not-sector-multiple-ioerr", VIRTIO_BLK_S_IOERR);
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("read-without-data-ioerr", VIRTIO_BLK_S_IOERR);
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 8, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 2);
	desc(2, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("header-too-short-ioerr", VIRTIO_BLK_S_IOERR);
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX | WR, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 2);
	desc(2, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("header-device-writable-ioerr", VIRTIO_BLK_S_IOERR);
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX | WR, 2);
	desc(2, (uintptr_t)data[1] + 512, 512, NX, 3);
	desc(3, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("readable-after-writable-ioerr", VIRTIO_BLK_S_IOERR);
	desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
	desc(1, (uintptr_t)data[1], 512, NX, 2);
	desc(2, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("read-into-device-readable-buffer-ioerr", VIRTIO_BLK_S_IOERR);
	/* more data segments than seg_max, on a queue big enough to hold them */
	uint32_t n = dinfo.seg_max + 1;
	if (n + 2 <= DQ_RING_MAX) {
		qsz = 1;
		while (qsz < n + 2)
			qsz <<= 1;
		int64_t e = dq_reset() | reopen();
		desc(0, hdr_gpa(VIRTIO_BLK_T_IN, 0), 16, NX, 1);
		for (uint16_t i = 1; i <= n; i++)
			desc(i, ram_base + (4u << 20) + 512u * (i - 1), 512, NX | WR, (uint16_t)(i + 1));
		desc((uint16_t)(n + 1), STATUS_GPA, 1, WR, 0);
		dq_put(0);
		if (e)
			report(0, "more-segments-than-seg-max-ioerr", "queue of %ld: setup %ld", qsz, e);
		else
			expect_status("more-segments-than-seg-max-ioerr", VIRTIO_BLK_S_IOERR);
		qsz = QSZ;
		dq_reset();
		reopen();
	}
}

/* Guest RAM stops being host-contiguous once pages are released and reclaimed (fresh host
 * pages). Reclaiming bal[2] before bal[1] makes the bal[1] | bal[2] boundary non-contiguous for
 * sure under rvpv's first-fit page allocator: bal[2] gets the lowest free page, so bal[1] gets
 * a higher one and cannot sit just below it. A buffer across it must carry the right bytes. */
static void ballooned(void)
{
	uint64_t p = (uintptr_t)bal[2];
	struct rvpv_sbiret r = rvpv_mem_balloon_release((uintptr_t)bal[1], 2);
	if (r.error || r.value != 2) {
		report(0, "balloon-release", "error %ld, pages %ld", r.error, r.value);
		return;
	}
	rw_at(VIRTIO_BLK_T_IN, 0, (uintptr_t)bal[1], 512);
	expect_broken("data-into-ballooned-out-page");
	rw_at(VIRTIO_BLK_T_IN, 0, (uintptr_t)bal[0] + 4096 - 512, 1024);
	expect_broken("data-running-into-ballooned-out-page");
	r = rvpv_mem_balloon_reclaim(p, 1);
	struct rvpv_sbiret r2 = rvpv_mem_balloon_reclaim((uintptr_t)bal[1], 1);
	if (r.error || r.value != 1 || r2.error || r2.value != 1) {
		report(0, "balloon-reclaim", "error %ld, pages %ld", r.error | r2.error,
		       r.value + r2.value);
		return;
	}
	if (ro) {
		rw_at(VIRTIO_BLK_T_IN, SCRATCH_SECTOR, p - 512, 1024);
		expect_status("read-across-remapped-page-boundary", VIRTIO_BLK_S_OK);
		const volatile uint8_t *x = (const volatile uint8_t *)(uintptr_t)(p - 512);
		int same = 1;
		for (uint32_t i = 0; i < 1024; i++)
			same &= x[i] == 0xa5; /* bal[1]'s last sector, then bal[2]'s first */
		report(same, "read-across-remapped-page-boundary-data", "%ld of %ld bytes", same * 1024,
		       1024);
		return;
	}
	uint8_t *x = (uint8_t *)(uintptr_t)(p - 512);
	static uint8_t want[1024];
	for (uint32_t s = 0; s < 2; s++)
		d_fill(77, 500 + s, want + 512 * s);
	memcpy(x, want, 1024);
	rw_at(VIRTIO_BLK_T_OUT, 500, p - 512, 1024);
	expect_status("write-across-remapped-page-boundary", VIRTIO_BLK_S_OK);
	memset(x, 0, 1024);
	memset(data[1], 0, 1024);
	rw_at(VIRTIO_BLK_T_IN, 500, p - 512, 1024);
	expect_status("read-across-remapped-page-boundary", VIRTIO_BLK_S_OK);
	int same = dq_one(VIRTIO_BLK_T_IN, 500, data[1], 1024, 1) == VIRTIO_BLK_S_OK;
	for (uint32_t i = 0; i < 1024; i++)
		same &= x[i] == want[i] && data[1][i] == want[i];
	report(same, "remapped-boundary-data-round-trips", "%ld (1 = every byte of %ld)", same, 1024);
}

/* A page given back while the device may still be reading into it: the hypervisor waits for
 * the DMA before the page can have a new owner, so after reclaiming it reads zero, never disk
 * data, whatever the timing; the request still completes OK (its status byte stays mapped). */
static void release_in_flight(void)
{
	static uint8_t want[8192];
	for (uint32_t s = 0; s < 16; s++)
		if (ro)
			memset(want + 512 * s, 0xa5, 512);
		else
			d_fill(88, 1000 + s, want + 512 * s);
	if (!ro && (dq_one(VIRTIO_BLK_T_OUT, 1000, want, 4096, 0) != VIRTIO_BLK_S_OK ||
		    dq_one(VIRTIO_BLK_T_OUT, 1008, want + 4096, 4096, 0) != VIRTIO_BLK_S_OK)) {
		report(0, "in-flight-read-into-released-page", "could not write the pattern", 0, 0);
		return;
	}
	rw_at(VIRTIO_BLK_T_IN, 1000, (uintptr_t)pg[0], 8192);
	int64_t e = dq_kick(1);
	struct rvpv_sbiret r = rvpv_mem_balloon_release((uintptr_t)pg[1], 1);
	int waited = dq_wait(1, 5 * D_TICKS_PER_SEC) == 0;
	uint8_t st = waited ? dstatus[0] : 0xff;
	struct rvpv_sbiret r2 = rvpv_mem_balloon_reclaim((uintptr_t)pg[1], 1);
	int zero = 1, kept = 1;
	for (uint32_t i = 0; i < 4096; i++) {
		zero &= pg[1][i] == 0;
		kept &= pg[0][i] == want[i];
	}
	int again = roundtrip();
	report(e == 0 && r.error == 0 && r2.error == 0 && st == VIRTIO_BLK_S_OK && zero && kept &&
	       again, "in-flight-read-into-released-page",
	       "status %ld, released page zero after reclaim: %ld", st, zero);
}

static void read_only(void)
{
	int offered = !!(dinfo.features & (1ull << VIRTIO_BLK_F_RO));
	report(offered, "read-only-disk-offers-VIRTIO_BLK_F_RO", "features %lx",
	       (int64_t)dinfo.features, 0);
	memset(data[0], 0x3c, 4096);
	rw_at(VIRTIO_BLK_T_OUT, 0, (uintptr_t)data[0], 4096);
	expect_status("write-to-read-only-disk-ioerr", VIRTIO_BLK_S_IOERR);
	rw_at(VIRTIO_BLK_T_OUT, SCRATCH_SECTOR, (uintptr_t)data[0], 512);
	expect_status("write-to-read-only-disk-scratch-ioerr", VIRTIO_BLK_S_IOERR);
	desc(0, hdr_gpa(VIRTIO_BLK_T_FLUSH, 0), 16, NX, 1);
	desc(1, STATUS_GPA, 1, WR, 0);
	dq_put(0);
	expect_status("flush-on-read-only-disk-ok", VIRTIO_BLK_S_OK);
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	d_init(dtb);
	ro = d_flag("ro");
	if (reopen())
		d_fail("queue setup");
	report(roundtrip(), "queue-works-before", "write + read back", 0, 0);
	if (ro)
		read_only();
	addresses();
	chains();
	requests();
	ballooned();
	release_in_flight();
	report(roundtrip(), "queue-works-after-all-cases", "write + read back", 0, 0);
	guest_printf("hostile: %u passed, %u failed\n", passed, failed);
	if (failed)
		guest_exit_fail();
}

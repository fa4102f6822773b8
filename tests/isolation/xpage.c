/* The address rule after a reclaim (issue #12, item 4; tests/suite.d/76): every call that takes a
 * buffer must accept one that crosses a page boundary inside RAM, also when the two pages are
 * no longer adjacent in host memory. The guest releases a run of ARENA pages and reclaims them
 * one by one in reverse order: each reclaim takes the lowest free host page, so page k ends up
 * above page k+1 and no boundary inside the arena is host-contiguous any more. Then, each at
 * its own boundary: CONSOLE_WRITE (one line, and 4 lines > 256 bytes), DBCN write, CONSOLE_READ
 * and DBCN read (text the test types), MEM_GET_MAP, BLOCK_GET_INFO, BLOCK_QUEUE_SETUP's cfg and
 * each ring part alone, data buffers alone, then all of them together (write, FLUSH, read back,
 * compare), and last LIFECYCLE_CRASH with a 100-byte message across a boundary (the
 * hypervisor must print it whole and stop the VM). Output: "xpage: ok - NAME" or
 * "xpage: not ok - NAME: why" per case, then "xpage: N passed, M failed". */
#include "ring.h"

#define ARENA 24
#define QSIZE 16
#define SECTOR 64

static uint8_t arena[ARENA][4096] __attribute__((aligned(4096)));
static uint8_t plain[8][4096] __attribute__((aligned(4096))); /* never released */
static uint32_t passed, failed;

static uint8_t *bnd(int k) { return arena[k]; } /* boundary between reclaimed pages k-1 and k */

static void report(int ok, const char *name, const char *fmt, uint64_t a, uint64_t b)
{
	if (ok) {
		passed++;
		guest_printf("xpage: ok - %s\n", name);
		return;
	}
	failed++;
	guest_printf("xpage: not ok - %s: ", name);
	guest_printf(fmt, a, b);
	guest_printf("\n");
}

static size_t slen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static int same(const volatile void *a, const volatile void *b, size_t n)
{
	const volatile uint8_t *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

/* The arena: released as one run, reclaimed page by page from the top. */
static void scramble(void)
{
	struct rvpv_sbiret r = rvpv_mem_balloon_release((uintptr_t)arena, ARENA);
	if (r.error || r.value != ARENA) {
		guest_printf("xpage: not ok - balloon-release: error %ld, %ld pages\n", r.error, r.value);
		guest_exit_fail();
	}
	for (int k = ARENA - 1; k >= 0; k--) {
		r = rvpv_mem_balloon_reclaim((uintptr_t)arena[k], 1);
		if (r.error || r.value != 1) {
			guest_printf("xpage: not ok - balloon-reclaim of page %d: error %ld\n", k, r.error);
			guest_exit_fail();
		}
	}
	guest_printf("xpage: %u pages released and reclaimed in reverse order\n", ARENA);
}

/* CONSOLE_WRITE or DBCN write of text placed across boundary k, looping on short writes. */
static void write_across(int dbcn, int k, uint64_t before, const char *text, const char *name)
{
	size_t n = slen(text);
	uint8_t *p = bnd(k) - before;
	memcpy(p, text, n);
	iso_fence();
	size_t done = 0;
	int64_t err = 0;
	while (done < n && !err) {
		struct rvpv_sbiret r = dbcn ? rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, n - done, (uintptr_t)p + done, 0)
				       : rvpv_console_write((uintptr_t)p + done, n - done);
		err = r.error;
		if (!err && r.value == 0)
			err = 99;
		done += err ? 0 : (size_t)r.value;
	}
	report(!err && done == n, name, "error %ld after %lu bytes", (uint64_t)err, done);
}

/* The test types "!" then (after our prompt) the text; we read it into [bnd(k) - 20, +len). */
static void read_across(int dbcn, int k, const char *want, const char *name)
{
	size_t n = slen(want);
	uint8_t *p = bnd(k) - 20;
	uint8_t c = 0;
	uint64_t end = rdtime() + 60 * ISO_TICKS_PER_SEC;
	while (c != '!' && rdtime() < end) { /* a plain one-byte read: the go signal */
		struct rvpv_sbiret r = rvpv_console_read((uintptr_t)&c, 1);
		if (r.error || r.value == 0)
			rvpv_cpu_yield();
	}
	guest_printf("xpage: type the %s text\n", dbcn ? "dbcn" : "console");
	iso_sleep(ISO_TICKS_PER_SEC / 2); /* let it all arrive: the first read then crosses */
	memset(p, 0, n);
	size_t got = 0, first = 0;
	int64_t err = 0;
	while (got < n && !err && rdtime() < end) {
		struct rvpv_sbiret r = dbcn ? rvpv_sbi_call3(SBI_EXT_DBCN, SBI_DBCN_READ, n - got, (uintptr_t)p + got, 0)
				       : rvpv_console_read((uintptr_t)p + got, n - got);
		err = r.error;
		if (!err && r.value == 0)
			rvpv_cpu_yield();
		if (!err && !got)
			first = (size_t)r.value;
		got += err ? 0 : (size_t)r.value;
	}
	if (err) {
		uint8_t drain[64]; /* keep the next case's input clean */
		rvpv_console_read((uintptr_t)drain, n);
	}
	report(!err && got == n && same(p, want, n), name, "error %ld, %lu bytes", (uint64_t)err, got);
	if (!err && got == n)
		guest_printf("xpage: %s read %lu bytes across the boundary, %lu in the first call\n",
			     dbcn ? "dbcn" : "console", got, first);
}

static void get_map(int k)
{
	struct rvpv_mem_region *ref = (void *)plain[0], *x = (void *)(bnd(k) - 32);
	memset(ref, 0, 64);
	memset(x, 0xcc, 64);
	struct rvpv_sbiret a = rvpv_mem_get_map((uintptr_t)ref, 2);
	struct rvpv_sbiret b = rvpv_mem_get_map((uintptr_t)x, 2);
	report(!a.error && !b.error && a.value == b.value && same(ref, x, 64), "mem-get-map-across",
	       "error %ld, %ld regions", (uint64_t)b.error, (uint64_t)b.value);
}

static void get_info(int k)
{
	uint8_t *ref = plain[0], *x = bnd(k) - 24;
	memset(ref, 0, 64);
	memset(x, 0xcc, 64);
	struct rvpv_sbiret a = rvpv_block_get_info(0, (uintptr_t)ref);
	struct rvpv_sbiret b = rvpv_block_get_info(0, (uintptr_t)x);
	report(!a.error && !b.error && same(ref, x, 64), "block-get-info-across",
	       "error %ld (plain buffer: %ld)", (uint64_t)b.error, (uint64_t)a.error);
}

static struct virtio_blk_req_hdr hdrs[QSIZE];
static volatile uint8_t sts[QSIZE];

/* Writes `count` sectors from wbuf, FLUSHes, reads them into rbuf and compares; each request
 * one sector on its own head. The avail and used entries walk past the ring parts' boundaries. */
static int io_round(struct ring *r, uint8_t *wbuf, uint8_t *rbuf, uint32_t bytes, uint64_t seed)
{
	for (uint32_t i = 0; i < bytes / 8; i++) {
		uint64_t s = seed * 1000 + i + 1;
		((uint64_t *)(uintptr_t)plain[1])[i] = iso_rand(&s);
	}
	memcpy(wbuf, plain[1], bytes);
	memset(rbuf, 0, bytes);
	ring_req(r, 0, &hdrs[0], VIRTIO_BLK_T_OUT, SECTOR, wbuf, bytes, &sts[0]);
	if (ring_run(r, 1, 10 * ISO_TICKS_PER_SEC) || sts[0])
		return -1;
	ring_req(r, 3, &hdrs[1], VIRTIO_BLK_T_FLUSH, 0, 0, 0, &sts[1]);
	if (ring_run(r, 1, 10 * ISO_TICKS_PER_SEC) || sts[1])
		return -2;
	ring_req(r, 6, &hdrs[2], VIRTIO_BLK_T_IN, SECTOR, rbuf, bytes, &sts[2]);
	if (ring_run(r, 1, 10 * ISO_TICKS_PER_SEC) || sts[2])
		return -3;
	return same(rbuf, plain[1], bytes) ? 0 : -4;
}

/* QUEUE_SETUP with the named parts across boundaries (the others in plain pages), then I/O. */
static void queue_case(const char *name, int cfg_k, int desc_k, int avail_k, int used_k,
		       uint8_t *wbuf, uint8_t *rbuf, uint32_t bytes)
{
	struct ring r;
	void *cfg = cfg_k ? bnd(cfg_k) - 16 : plain[2];
	void *desc = desc_k ? bnd(desc_k) - 16 * 5 : plain[3];     /* descriptor 5 starts the page */
	void *avail = avail_k ? bnd(avail_k) - 10 : plain[4];      /* ring[3] starts the page */
	void *used = used_k ? bnd(used_k) - 20 : plain[5];         /* ring[2] starts the page */
	int64_t e = ring_setup(&r, cfg, desc, avail, used, QSIZE);
	if (e) {
		report(0, name, "QUEUE_SETUP error %ld (%lu)", (uint64_t)e, 0);
		return;
	}
	int bad = 0;
	for (int round = 0; round < 3 && !bad; round++) /* 9 requests: every part's boundary used */
		bad = io_round(&r, wbuf, rbuf, bytes, (uint64_t)round + 1);
	int64_t re = rvpv_block_reset(0).error;
	report(!bad && !re, name, "I/O step %ld failed (reset error %ld)", (uint64_t)(int64_t)bad, (uint64_t)re);
}

static const char crash_msg[] =
	"xpage crash message across a page boundary, one hundred bytes long: 0123456789abcdefghijklmnopqrstuv";
_Static_assert(sizeof(crash_msg) == 101, "the message is 100 bytes");

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	(void)dtb;
	guest_printf("xpage: address rule after a reclaim: buffers across non-adjacent host pages\n");
	scramble();
	write_across(0, 1, 40, "xpage: console-write across a page boundary: 0123456789-abcdefghijklmnopqrstuvwxyz-END\n",
		     "console-write-across");
	write_across(0, 2, 150,
		     "xpage: long write 1/4 (more than 256 bytes, across a page boundary) ...........+\n"
		     "xpage: long write 2/4 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123+\n"
		     "xpage: long write 3/4 the quick brown fox jumps over the lazy dog, page crossed+\n"
		     "xpage: long write 4/4 end of the long write ..................................+\n",
		     "console-write-across-long");
	write_across(1, 3, 33, "xpage: dbcn-write across a page boundary: ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210-END\n",
		     "dbcn-write-across");
	read_across(0, 4, "console-input-0123456789-ABCDEFGHIJKLMNOP", "console-read-across");
	read_across(1, 5, "dbcn-input-zyxwvutsrqponmlkjihgfedcba-987", "dbcn-read-across");
	get_map(6);
	get_info(7);
	/* one sector, in plain pages: only the named part crosses */
	queue_case("queue-setup-cfg-across", 8, 0, 0, 0, plain[6], plain[7], 512);
	queue_case("queue-setup-desc-across", 0, 9, 0, 0, plain[6], plain[7], 512);
	queue_case("queue-setup-avail-across", 0, 0, 10, 0, plain[6], plain[7], 512);
	queue_case("queue-setup-used-across", 0, 0, 0, 11, plain[6], plain[7], 512);
	/* data buffers across boundaries (rings plain): 4 KiB written from a buffer across one
	 * boundary, read into one across another (unaligned start); then everything across */
	queue_case("disk-data-across", 0, 0, 0, 0, bnd(17) - 1024, bnd(19) - 3000, 4096);
	queue_case("queue-and-data-across", 12, 13, 14, 15, bnd(17) - 1024, bnd(19) - 3000, 4096);
	guest_printf("xpage: %u passed, %u failed\n", passed, failed);
	/* last: the valid CRASH ends the VM; the test checks the hypervisor's line */
	uint8_t *m = bnd(21) - 50;
	memcpy(m, crash_msg, 100);
	struct rvpv_sbiret r = rvpv_lifecycle_crash(12, (uintptr_t)m, 100);
	guest_printf("xpage: not ok - crash-across: CRASH returned error %ld\n", r.error);
	guest_exit_fail();
}

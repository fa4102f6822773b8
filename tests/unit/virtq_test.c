/* Host unit tests of hv/blk/virtq.c on crafted rings: one line per case, exit 1 on failure. */
#include <stdio.h>
#include <string.h>
#include "virtq_env.h"
#include "../../hv/blk/virtq.h"
#include "../../hv/blk/blk_gpa.h"
#include "sbi/sbi_defs.h"
#include "rvpv/blk.h"

#define R 0

static struct virtq q;
static uint16_t qsize;
static struct virtq_blk_limits lim;
static struct virtq_req req;
static int case_failed;

#define CHECK(c)                                                                   \
	do {                                                                       \
		if (!(c)) {                                                        \
			printf("    line %d: %s (why: %s)\n", __LINE__, #c,       \
			       q.why ? q.why : "-");                               \
			case_failed = 1;                                           \
			return;                                                    \
		}                                                                  \
	} while (0)


static void hdr_at(uint64_t gpa, uint32_t type, uint64_t sector)
{
	struct virtio_blk_req_hdr h = { type, 0, sector };
	memcpy(vq_host(gpa), &h, sizeof(h));
}

static void publish(uint16_t head)
{
	A()->ring[A()->idx & (qsize - 1)] = head;
	A()->idx++;
}

static int fresh(uint16_t size, int event_idx)
{
	vq_env_init();
	qsize = size;
	lim = (struct virtq_blk_limits){ .capacity = 1000, .seg_max = VIRTQ_SEG_MAX, .ro = 0 };
	return virtq_setup(&q, NULL, DESC, AVAIL, USED, size, RVPV_BLK_QUEUE_MAX, event_idx);
}

/* header, one data buffer, status: descriptors d0..d0+2 */
static void std_req(uint16_t d0, uint32_t type, uint64_t sector, uint64_t data, uint32_t dlen,
		    uint16_t dflags)
{
	hdr_at(HDR + 16u * d0, type, sector);
	desc(d0, HDR + 16u * d0, 16, N, d0 + 1);
	desc(d0 + 1, data, dlen, dflags | N, d0 + 2);
	desc(d0 + 2, STATUS + d0, 1, W, 0);
	publish(d0);
}

static int pop(void) { return virtq_pop(&q, &lim, &req); }

/* ---- setup ---- */
static void t_setup_checks(void)
{
	CHECK(fresh(8, 0) == SBI_SUCCESS && q.ready);
	CHECK(fresh(256, 0) == SBI_SUCCESS);
	CHECK(fresh(1, 0) == SBI_SUCCESS);
	CHECK(fresh(0, 0) == SBI_ERR_INVALID_PARAM);
	CHECK(fresh(3, 0) == SBI_ERR_INVALID_PARAM && !q.ready);
	CHECK(fresh(512, 0) == SBI_ERR_INVALID_PARAM);
	CHECK(virtq_setup(&q, 0, DESC + 8, AVAIL, USED, 8, 256, 0) == SBI_ERR_INVALID_ADDRESS);
	CHECK(virtq_setup(&q, 0, DESC, AVAIL + 1, USED, 8, 256, 0) == SBI_ERR_INVALID_ADDRESS);
	CHECK(virtq_setup(&q, 0, DESC, AVAIL, USED + 2, 8, 256, 0) == SBI_ERR_INVALID_ADDRESS);
	CHECK(virtq_setup(&q, 0, 0x1000, AVAIL, USED, 8, 256, 0) == SBI_ERR_INVALID_ADDRESS);
	/* used ring's last byte one past RAM (with its avail_event trailer) */
	uint64_t end = VQ_RAM_BASE + VQ_RAM_SIZE;
	CHECK(virtq_setup(&q, 0, DESC, AVAIL, end - VIRTQ_USED_BYTES(8) + 4, 8, 256, 0) ==
	      SBI_ERR_INVALID_ADDRESS);
	CHECK(vq_pins == 0); /* desc and avail were pinned before used failed: given back */
	CHECK(virtq_setup(&q, 0, DESC, AVAIL, end - VIRTQ_USED_BYTES(8) - 2, 8, 256, 0) ==
	      SBI_SUCCESS);
	/* a set-up queue holds exactly its three parts until reset */
	CHECK(vq_pins == 3);
	/* desc table across the host-discontiguous boundary: the address rule allows it */
	CHECK(virtq_setup(&q, 0, VQ_RAM_SPLIT - 64, AVAIL, USED, 8, 256, 0) == SBI_SUCCESS);
	CHECK(vq_pins == 3);
	CHECK(fresh(8, 0) == 0 && vq_pins == 3);
	virtq_reset(&q);
	CHECK(vq_pins == 0);
}

/* A desc table and used ring that cross onto a host page that is not adjacent (as after a
 * balloon reclaim): descriptors and used elements on both sides are read and written there. */
static void t_rings_across_host_pages(void)
{
	uint64_t d = VQ_RAM_SPLIT - 64, u = VQ_RAM_SPLIT - 12; /* entries 0-3 | 4-7; elem 1 | 2 */
	vq_env_init();
	qsize = 8;
	lim = (struct virtq_blk_limits){ .capacity = 1000, .seg_max = VIRTQ_SEG_MAX, .ro = 0 };
	CHECK(virtq_setup(&q, NULL, d, AVAIL, u, 8, RVPV_BLK_QUEUE_MAX, 0) == SBI_SUCCESS);
	for (uint16_t r0 = 2; r0 <= 5; r0 += 3) { /* chains 2-4 and 5-7 */
		hdr_at(HDR + 16u * r0, VIRTIO_BLK_T_IN, r0);
		*(struct virtq_desc *)vq_host(d + 16u * r0) = (struct virtq_desc){ HDR + 16u * r0, 16, N, r0 + 1 };
		*(struct virtq_desc *)vq_host(d + 16u * (r0 + 1)) = (struct virtq_desc){ DATA, 512, W | N, r0 + 2 };
		*(struct virtq_desc *)vq_host(d + 16u * (r0 + 2)) = (struct virtq_desc){ STATUS + r0, 1, W, 0 };
		publish(r0);
	}
	for (int i = 0; i < 2; i++) {
		CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK && req.nseg == 1);
		CHECK(req.sector == req.head && req.status_gpa == STATUS + req.head);
		CHECK(virtq_complete(&q, req.head, req.status_gpa, VIRTIO_BLK_S_OK, 513) == 0);
	}
	/* flags and idx below the split, used element 0 ends the low block, element 1 starts
	 * the high one */
	CHECK(*(uint16_t *)vq_host(u + 2) == 2);
	CHECK(*(uint32_t *)vq_host(u + 4) == 2 && *(uint32_t *)vq_host(u + 8) == 513);
	CHECK(*(uint32_t *)vq_host(u + 12) == 5 && *(uint32_t *)vq_host(u + 16) == 513);
	CHECK(vq_pins == 3);
}

static void t_empty(void)
{
	CHECK(fresh(8, 0) == 0);
	CHECK(pop() == VIRTQ_EMPTY);
	CHECK(pop() == VIRTQ_EMPTY && !q.broken);
}

static void t_not_ready(void)
{
	virtq_reset(&q);
	CHECK(pop() == VIRTQ_BROKEN);
}

/* ---- good requests ---- */
static void t_read_ok(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 7, DATA, 4096, W);
	CHECK(pop() == VIRTQ_REQ);
	CHECK(req.status == VIRTIO_BLK_S_OK && req.type == VIRTIO_BLK_T_IN && req.sector == 7);
	CHECK(req.head == 0 && req.nseg == 1 && req.data_len == 4096);
	CHECK(req.seg[0].gpa == DATA && req.seg[0].len == 4096 && req.seg[0].write);
	CHECK(req.status_gpa == STATUS);
	CHECK(pop() == VIRTQ_EMPTY);
	CHECK(virtq_complete(&q, req.head, req.status_gpa, VIRTIO_BLK_S_OK, 4097) == 0);
	CHECK(U()->idx == 1 && U()->ring[0].id == 0 && U()->ring[0].len == 4097);
	CHECK(*(uint8_t *)vq_host(STATUS) == VIRTIO_BLK_S_OK);
}

static void t_write_two_segs(void)
{
	CHECK(fresh(8, 0) == 0);
	*(uint8_t *)vq_host(STATUS + 3) = 0xee;
	hdr_at(HDR, VIRTIO_BLK_T_OUT, 10);
	desc(3, HDR, 16, N, 5);
	desc(5, DATA, 512, N, 1);
	desc(1, DATA + 0x1000, 1024, N, 7);
	desc(7, STATUS + 3, 1, W, 0);
	publish(3);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK);
	CHECK(req.type == VIRTIO_BLK_T_OUT && req.head == 3 && req.nseg == 2);
	CHECK(req.seg[1].gpa == DATA + 0x1000 && !req.seg[1].write && req.data_len == 1536);
	CHECK(virtq_complete(&q, req.head, req.status_gpa, VIRTIO_BLK_S_IOERR, 1) == 0);
	CHECK(*(uint8_t *)vq_host(STATUS + 3) == VIRTIO_BLK_S_IOERR && U()->ring[0].id == 3);
}

static void t_flush(void)
{
	CHECK(fresh(8, 0) == 0);
	hdr_at(HDR, VIRTIO_BLK_T_FLUSH, 0);
	desc(0, HDR, 16, N, 1);
	desc(1, STATUS, 1, W, 0);
	publish(0);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK && req.nseg == 0);
	CHECK(req.type == VIRTIO_BLK_T_FLUSH && req.status_gpa == STATUS);
}

static void t_merged_layouts(void)
{
	CHECK(fresh(8, 0) == 0);
	/* header and data in one readable buffer, status alone */
	hdr_at(DATA, VIRTIO_BLK_T_OUT, 1);
	desc(0, DATA, 16 + 512, N, 1);
	desc(1, STATUS, 1, W, 0);
	publish(0);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK);
	CHECK(req.nseg == 1 && req.seg[0].gpa == DATA + 16 && req.seg[0].len == 512);
	/* data and status in one writable buffer: status is its last byte */
	hdr_at(HDR, VIRTIO_BLK_T_IN, 2);
	desc(2, HDR, 16, N, 3);
	desc(3, DATA + 0x1000, 513, W, 0);
	publish(2);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK);
	CHECK(req.nseg == 1 && req.seg[0].len == 512 && req.status_gpa == DATA + 0x1000 + 512);
}

static void t_get_id(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_GET_ID, 0, DATA, 20, W);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK && req.data_len == 20);
	std_req(3, VIRTIO_BLK_T_GET_ID, 0, DATA, 20, R);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
}

/* ---- requests answered with an error status (queue stays usable) ---- */
static void t_unsupp(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, 11 /* DISCARD, not offered */, 0, DATA, 512, R);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_UNSUPP && req.status_gpa == STATUS);
	CHECK(virtq_complete(&q, req.head, req.status_gpa, req.status, 1) == 0 && !q.broken);
	CHECK(*(uint8_t *)vq_host(STATUS) == VIRTIO_BLK_S_UNSUPP);
}

static void t_wrong_direction(void)
{
	CHECK(fresh(16, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, R);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	std_req(3, VIRTIO_BLK_T_OUT, 0, DATA, 512, W);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	/* readable data after writable data */
	hdr_at(HDR, VIRTIO_BLK_T_OUT, 0);
	desc(6, HDR, 16, N, 7);
	desc(7, DATA, 512, W | N, 8);
	desc(8, DATA + 512, 512, N, 9);
	desc(9, STATUS, 1, W, 0);
	publish(6);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR && !q.broken);
	/* header device-writable */
	desc(10, HDR, 16, W | N, 11);
	desc(11, STATUS, 1, W, 0);
	publish(10);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR && !q.broken);
}

static void t_lengths_and_ranges(void)
{
	CHECK(fresh(32, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 511, W);       /* not whole sectors */
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	std_req(3, VIRTIO_BLK_T_IN, 999, DATA, 1024, W);    /* ends one past capacity */
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	std_req(6, VIRTIO_BLK_T_IN, 998, DATA, 1024, W);    /* ends exactly at capacity */
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK);
	std_req(9, VIRTIO_BLK_T_OUT, UINT64_MAX, DATA, 512, R); /* sector + n wraps */
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	std_req(12, VIRTIO_BLK_T_IN, 1000, DATA, 512, W);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	/* header shorter than 16 bytes */
	desc(15, HDR, 8, N, 16);
	desc(16, STATUS, 1, W, 0);
	publish(15);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	/* zero-length read */
	hdr_at(HDR, VIRTIO_BLK_T_IN, 0);
	desc(17, HDR, 16, N, 18);
	desc(18, STATUS, 1, W, 0);
	publish(17);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR && !q.broken);
}

static void t_read_only(void)
{
	CHECK(fresh(8, 0) == 0);
	lim.ro = 1;
	std_req(0, VIRTIO_BLK_T_OUT, 0, DATA, 512, R);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	std_req(3, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK);
}

static void t_seg_max(void)
{
	CHECK(fresh(256, 0) == 0);
	lim.seg_max = 4;
	/* hdr + 254 data + status: all 256 descriptors in one chain, still a valid ring */
	hdr_at(HDR, VIRTIO_BLK_T_IN, 0);
	desc(0, HDR, 16, N, 1);
	for (uint16_t i = 1; i < 255; i++)
		desc(i, DATA + 512u * (i % 16), 512, W | N, i + 1);
	desc(255, STATUS, 1, W, 0);
	publish(0);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR && !q.broken);
	CHECK(req.nseg == 4 && req.data_len == 254u * 512);
	lim.seg_max = 4;
	hdr_at(HDR, VIRTIO_BLK_T_IN, 0);
	desc(250, HDR, 16, N, 251);
	for (uint16_t i = 251; i < 255; i++)
		desc(i, DATA, 512, W | N, i + 1);
	publish(250);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK && req.nseg == 4);
}

/* ---- malformed rings: the queue breaks ---- */
static void t_loop(void)
{
	CHECK(fresh(8, 0) == 0);
	hdr_at(HDR, VIRTIO_BLK_T_IN, 0);
	desc(0, HDR, 16, N, 1);
	desc(1, DATA, 512, W | N, 0);
	publish(0);
	CHECK(pop() == VIRTQ_BROKEN && q.broken);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	desc(4, DATA, 512, W | N, 4); /* self loop */
	publish(4);
	CHECK(pop() == VIRTQ_BROKEN);
}

static void t_index_out_of_range(void)
{
	CHECK(fresh(8, 0) == 0);
	desc(0, HDR, 16, N, 8);
	publish(0);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	publish(8); /* head */
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	publish(0xffff);
	CHECK(pop() == VIRTQ_BROKEN);
}

static void t_size_one(void)
{
	CHECK(fresh(1, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W); /* needs descriptors 1 and 2 */
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(1, 0) == 0);
	desc(0, DATA, 17, W, 0); /* one writable buffer: no header, but a status byte */
	publish(0);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_IOERR);
	CHECK(virtq_complete(&q, req.head, req.status_gpa, req.status, 1) == 0 && U()->idx == 1);
	publish(0);
	CHECK(pop() == VIRTQ_REQ);
}

static void t_giant_and_outside(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 0xffffffffu, W);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, UINT64_MAX - 100, 512, W); /* wraps */
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, VQ_RAM_BASE + VQ_RAM_SIZE - 256, 512, W);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, VQ_RAM_BASE - 512, 512, W);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	desc(2, VQ_RAM_BASE + VQ_RAM_SIZE, 1, W, 0); /* status one past the end */
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	desc(0, 0, 16, N, 1); /* header at GPA 0 */
	desc(1, STATUS, 1, W, 0);
	publish(0);
	CHECK(pop() == VIRTQ_BROKEN);
}

static void t_noncontiguous_buffer(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, VQ_RAM_SPLIT - 1024, 2048, W);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK);
	struct blk_hseg hs[4];
	uint32_t n = 0;
	CHECK(blk_gpa_split(0, req.seg[0].gpa, req.seg[0].len, 1, hs, &n, 4) == 0 && n == 2);
	CHECK(hs[0].addr == (uint64_t)(uintptr_t)vq_host(VQ_RAM_SPLIT - 1024) && hs[0].len == 1024);
	CHECK(hs[1].addr == (uint64_t)(uintptr_t)vq_host(VQ_RAM_SPLIT) && hs[1].len == 1024);
	n = 0;
	CHECK(blk_gpa_split(0, req.seg[0].gpa, req.seg[0].len, 1, hs, &n, 1) == -1);
	n = 0;
	CHECK(blk_gpa_split(0, DATA, 8192, 0, hs, &n, 1) == 0 && n == 1 && hs[0].len == 8192);
	/* a header straddling the discontinuity is read in two pieces */
	struct virtio_blk_req_hdr h = { VIRTIO_BLK_T_OUT, 0, 42 };
	memcpy(vq_host(VQ_RAM_SPLIT - 8), &h, 8);
	memcpy(vq_host(VQ_RAM_SPLIT), (uint8_t *)&h + 8, 8);
	desc(3, VQ_RAM_SPLIT - 8, 16, N, 4);
	desc(4, DATA, 512, N, 5);
	desc(5, STATUS, 1, W, 0);
	publish(3);
	CHECK(pop() == VIRTQ_REQ && req.status == VIRTIO_BLK_S_OK && req.sector == 42);
}

static void t_indirect(void)
{
	CHECK(fresh(8, 0) == 0);
	hdr_at(HDR, VIRTIO_BLK_T_IN, 0);
	desc(0, DATA, 48, VIRTQ_DESC_F_INDIRECT, 0);
	publish(0);
	CHECK(pop() == VIRTQ_BROKEN);
}

static void t_no_status(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_OUT, 0, DATA, 512, R);
	desc(2, STATUS, 1, R, 0); /* status not device-writable */
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	hdr_at(HDR, VIRTIO_BLK_T_FLUSH, 0);
	desc(0, HDR, 16, 0, 0); /* header alone */
	publish(0);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	desc(2, STATUS, 0, W, 0); /* zero-length status */
	CHECK(pop() == VIRTQ_BROKEN); /* the last descriptor must hold the status byte */
}

/* ---- indices ---- */
static void t_avail_runs_ahead(void)
{
	CHECK(fresh(4, 0) == 0);
	for (int i = 0; i < 4; i++) {
		desc(0, 0, 0, 0, 0);
	}
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	A()->idx = 4; /* exactly size ahead: allowed */
	A()->ring[1] = A()->ring[2] = A()->ring[3] = 0;
	int got = 0;
	while (pop() == VIRTQ_REQ)
		got++;
	CHECK(got == 4 && !q.broken);
	CHECK(fresh(4, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	A()->idx = 5; /* one more than the ring holds */
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(fresh(4, 0) == 0);
	A()->idx = 0xffff; /* guest index "behind" ours */
	CHECK(pop() == VIRTQ_BROKEN);
}

static void t_index_wrap(void)
{
	CHECK(fresh(4, 0) == 0);
	/* as if 65534 requests had already gone through */
	q.last_avail = q.avail_shadow = q.used_idx = q.signalled_used = 65534;
	A()->idx = 65534;
	U()->idx = 65534;
	for (int i = 0; i < 4; i++) {
		std_req(0, VIRTIO_BLK_T_IN, (uint64_t)i, DATA, 512, W);
		CHECK(pop() == VIRTQ_REQ && req.sector == (uint64_t)i);
		CHECK(virtq_complete(&q, req.head, req.status_gpa, 0, 513) == 0);
	}
	CHECK(A()->idx == 2 && U()->idx == 2 && q.last_avail == 2);
	CHECK(U()->ring[(65535u) & 3].len == 513 && pop() == VIRTQ_EMPTY);
}

static void t_notify_plain(void)
{
	CHECK(fresh(8, 0) == 0);
	CHECK(virtq_should_notify(&q) == 0); /* nothing pushed */
	virtq_push(&q, 0, 1);
	CHECK(virtq_should_notify(&q) == 1);
	CHECK(virtq_should_notify(&q) == 0);
	A()->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	virtq_push(&q, 0, 1);
	CHECK(virtq_should_notify(&q) == 0);
}

static void t_notify_event_idx(void)
{
	CHECK(fresh(8, 1) == 0);
	volatile uint16_t *used_event = &A()->ring[8];
	*used_event = 0;
	virtq_push(&q, 0, 1); /* used 0 -> 1 passes event 0 */
	CHECK(virtq_should_notify(&q) == 1);
	virtq_push(&q, 0, 1); /* 1 -> 2: event 0 already passed */
	CHECK(virtq_should_notify(&q) == 0);
	*used_event = 4;
	virtq_push(&q, 0, 1);
	virtq_push(&q, 0, 1); /* 2 -> 4: event 4 not yet passed (needs idx 5) */
	CHECK(virtq_should_notify(&q) == 0);
	virtq_push(&q, 0, 1);
	virtq_push(&q, 0, 1); /* 4 -> 6 passes 4 in one batch */
	CHECK(virtq_should_notify(&q) == 1);
	A()->flags = VIRTQ_AVAIL_F_NO_INTERRUPT; /* ignored under event idx */
	*used_event = 6;
	virtq_push(&q, 0, 1);
	CHECK(virtq_should_notify(&q) == 1);
	/* avail_event: published when the queue is found empty */
	const volatile uint16_t *avail_event = (uint16_t *)((uint8_t *)U() + 4 + 8 * 8);
	CHECK(pop() == VIRTQ_EMPTY && *avail_event == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	std_req(3, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(pop() == VIRTQ_REQ && pop() == VIRTQ_REQ && pop() == VIRTQ_EMPTY);
	CHECK(*avail_event == 2);
}

static void t_broken_until_reset(void)
{
	CHECK(fresh(8, 0) == 0);
	publish(9);
	CHECK(pop() == VIRTQ_BROKEN);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(pop() == VIRTQ_BROKEN);
	CHECK(virtq_complete(&q, req.head, req.status_gpa, 0, 1) == VIRTQ_BROKEN);
	CHECK(fresh(8, 0) == 0 && !q.broken);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(pop() == VIRTQ_REQ);
}

/* The walker must not see a descriptor change while it validates it: requests popped before
 * the guest rewrites a descriptor keep the values read at pop time. */
static void t_snapshot(void)
{
	CHECK(fresh(8, 0) == 0);
	std_req(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(pop() == VIRTQ_REQ);
	desc(1, 0x1000, 0x7fffffff, W | N, 2);
	CHECK(req.seg[0].gpa == DATA && req.seg[0].len == 512);
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "setup_checks", t_setup_checks },
	{ "rings_across_host_pages", t_rings_across_host_pages },
	{ "empty", t_empty },
	{ "not_ready", t_not_ready },
	{ "read_ok", t_read_ok },
	{ "write_two_segs", t_write_two_segs },
	{ "flush", t_flush },
	{ "merged_layouts", t_merged_layouts },
	{ "get_id", t_get_id },
	{ "unsupp", t_unsupp },
	{ "wrong_direction", t_wrong_direction },
	{ "lengths_and_ranges", t_lengths_and_ranges },
	{ "read_only", t_read_only },
	{ "seg_max", t_seg_max },
	{ "loop", t_loop },
	{ "index_out_of_range", t_index_out_of_range },
	{ "size_one", t_size_one },
	{ "giant_and_outside", t_giant_and_outside },
	{ "noncontiguous_buffer", t_noncontiguous_buffer },
	{ "indirect", t_indirect },
	{ "no_status", t_no_status },
	{ "avail_runs_ahead", t_avail_runs_ahead },
	{ "index_wrap", t_index_wrap },
	{ "notify_plain", t_notify_plain },
	{ "notify_event_idx", t_notify_event_idx },
	{ "broken_until_reset", t_broken_until_reset },
	{ "snapshot", t_snapshot },
};

int main(void)
{
	int pass = 0, fail = 0;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		case_failed = 0;
		virtq_reset(&q);
		vq_pins = 0;
		cases[i].fn();
		printf("%s: virtq %s\n", case_failed ? "FAIL" : "PASS", cases[i].name);
		case_failed ? fail++ : pass++;
	}
	printf("virtq: %d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}

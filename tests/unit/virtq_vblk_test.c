/* Host tests of hv/blk/vblk.c (BLOCK hypercall semantics) over a pretend device: rings built
 * in fake guest RAM, one line per case, exit 1 on failure. */
#include <stdio.h>
#include <string.h>
#include "virtq_env.h"
#include "virtq_fakehw.h"
#include "../../hv/blk/vblk.h"
#include "rvpv/blk.h"
#include "sbi/sbi_defs.h"

static uint64_t until; /* vblk_notify's wait for its caller (0: none) */

#define INFO   (VQ_RAM_BASE + 0x3c00)
#define CFG    (VQ_RAM_BASE + 0x3d00)
#define OFFSET 16   /* the VM's window on the pretend disk */
#define CAP    100
#define QS     16

static struct blk_dev hw;
static struct vblk vb;
static int case_failed;

#define CHECK(c)                                                                        \
	do {                                                                            \
		if (!(c)) {                                                             \
			printf("    line %d: %s (why: %s)\n", __LINE__, #c,            \
			       vb.q.why ? vb.q.why : "-");                              \
			case_failed = 1;                                                \
			return;                                                         \
		}                                                                       \
	} while (0)

static uint8_t *H(uint64_t gpa) { return vq_host(gpa); }

/* Request at descriptors d0..d0+2: header, data (len bytes at gpa), status. */
static void rq(uint16_t d0, uint32_t type, uint64_t sector, uint64_t gpa, uint32_t len,
	       uint16_t dflags)
{
	struct virtio_blk_req_hdr h = { type, 0, sector };
	memcpy(H(HDR + 16u * d0), &h, sizeof(h));
	desc(d0, HDR + 16u * d0, 16, N, d0 + 1);
	desc(d0 + 1, gpa, len, dflags | N, d0 + 2);
	desc(d0 + 2, STATUS + d0, 1, W, 0);
	*H(STATUS + d0) = 0xee;
	A()->ring[A()->idx % QS] = d0;
	A()->idx++;
}

static int setup_queue(uint32_t size)
{
	struct rvpv_blk_queue_cfg c = { DESC, AVAIL, USED, size, 0, { 0, 0 } };
	memcpy(H(CFG), &c, sizeof(c));
	return vblk_queue_setup(&vb, 0, CFG);
}

/* A fresh VM disk: RAM cleared, device idle, vb re-created (vblk_init registers it once). */
static void fresh(void)
{
	static int inited;
	vq_env_init();
	vq_notifies = 0;
	fake_limit = FAKE_QMAX;
	fake_kicks = fake_submits = fake_flushes = fake_sync = fake_quick = fake_rearmed = fake_slow = 0;
	if (!inited) {
		hw = fake_dev();
		inited = vblk_init(&vb, 0, 0, &hw, OFFSET, CAP, 0, "rvpv-disk-0") == 0;
	}
	vblk_reset(&vb);
	for (int i = 0; i < FAKE_SECTORS * 512; i++)
		fake_disk[i] = (uint8_t)(i / 512);
}

static void t_init_limits(void)
{
	struct vblk other = { 0 };
	CHECK(vblk_init(&other, 0, 1, &hw, 200, 57, 0, "") == -1); /* past the device end */
	CHECK(vblk_init(&other, 0, 1, &hw, UINT64_MAX, 2, 0, "") == -1);
}

static void t_get_info(void)
{
	fresh();
	CHECK(vblk_get_info(&vb, INFO) == SBI_SUCCESS);
	struct rvpv_blk_info *i = (void *)H(INFO);
	CHECK(i->capacity == CAP && i->num_queues == 1 && i->queue_max == RVPV_BLK_QUEUE_MAX);
	CHECK(i->seg_max == VIRTQ_SEG_MAX && i->blk_size == 512);
	CHECK(i->features & (1ull << VIRTIO_F_VERSION_1) && i->features & (1ull << VIRTIO_BLK_F_FLUSH));
	CHECK(i->features & (1ull << VIRTIO_F_RING_EVENT_IDX) && !(i->features & (1ull << VIRTIO_BLK_F_RO)));
	CHECK(vblk_get_info(&vb, INFO + 4) == SBI_ERR_INVALID_ADDRESS);
	CHECK(vblk_get_info(&vb, VQ_RAM_BASE + VQ_RAM_SIZE - 32) == SBI_ERR_INVALID_ADDRESS);
	CHECK(vblk_get_info(&vb, 0x1000) == SBI_ERR_INVALID_ADDRESS);
}

static void t_features_and_setup(void)
{
	fresh();
	CHECK(vblk_set_features(&vb, 1ull << 63) == SBI_ERR_INVALID_PARAM);
	CHECK(vblk_set_features(&vb, vb.offered) == SBI_SUCCESS);
	CHECK(vblk_notify(&vb, 0, &until) == SBI_ERR_DENIED); /* before setup */
	CHECK(vblk_queue_setup(&vb, 1, CFG) == SBI_ERR_INVALID_PARAM);
	CHECK(vblk_queue_setup(&vb, 0, CFG + 4) == SBI_ERR_INVALID_ADDRESS);
	CHECK(vblk_queue_setup(&vb, 0, 0x1000) == SBI_ERR_INVALID_ADDRESS);
	struct rvpv_blk_queue_cfg c = { DESC, AVAIL, USED, QS, 1, { 0, 0 } };
	memcpy(H(CFG), &c, sizeof(c));
	CHECK(vblk_queue_setup(&vb, 0, CFG) == SBI_ERR_INVALID_PARAM); /* flags */
	CHECK(setup_queue(3) == SBI_ERR_INVALID_PARAM);
	CHECK(setup_queue(512) == SBI_ERR_INVALID_PARAM);
	CHECK(setup_queue(QS) == SBI_SUCCESS && vb.q.event_idx);
	CHECK(setup_queue(QS) == SBI_ERR_ALREADY_AVAILABLE);
	CHECK(vblk_set_features(&vb, 0) == SBI_ERR_DENIED);
	CHECK(vblk_notify(&vb, 1, &until) == SBI_ERR_INVALID_PARAM);
	CHECK(vblk_reset(&vb) == SBI_SUCCESS && vb.features == 0);
	CHECK(setup_queue(QS) == SBI_SUCCESS && !vb.q.event_idx);
}

static void t_write_read(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	memset(H(DATA), 0x5a, 1024);
	rq(0, VIRTIO_BLK_T_OUT, 3, DATA, 1024, 0);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && fake_submits == 1 && fake_kicks >= 1);
	CHECK(U()->idx == 0); /* not done before the device completes */
	vblk_irq(&hw);
	CHECK(U()->idx == 1 && U()->ring[0].id == 0 && U()->ring[0].len == 1);
	CHECK(*H(STATUS) == VIRTIO_BLK_S_OK && vq_notifies == 1);
	CHECK(fake_disk[(OFFSET + 3) * 512] == 0x5a && fake_disk[(OFFSET + 5) * 512 - 1] == 0x5a);
	CHECK(fake_disk[(OFFSET + 5) * 512] == OFFSET + 5 && fake_disk[(OFFSET + 3) * 512 - 1] == OFFSET + 2);
	rq(3, VIRTIO_BLK_T_IN, 0, DATA + 0x1000, 512, W);
	rq(6, VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0);
	desc(6, HDR + 16 * 6, 16, N, 8); /* flush: header + status only */
	CHECK(vblk_notify(&vb, 0, &until) == 0);
	vblk_irq(&hw);
	CHECK(U()->idx == 3 && *H(STATUS + 3) == 0 && *H(STATUS + 6) == 0 && fake_flushes == 1);
	CHECK(H(DATA + 0x1000)[0] == OFFSET && H(DATA + 0x1000)[511] == OFFSET);
	CHECK(U()->ring[1].id == 3 && U()->ring[1].len == 513);
}

static void t_errors_never_reach_device(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	rq(0, VIRTIO_BLK_T_IN, CAP, DATA, 512, W);        /* beyond the VM's window */
	rq(3, 99, 0, DATA, 512, W);                        /* unknown type */
	rq(6, VIRTIO_BLK_T_GET_ID, 0, DATA + 0x100, 20, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && fake_submits == 0);
	CHECK(U()->idx == 3 && *H(STATUS) == VIRTIO_BLK_S_IOERR && *H(STATUS + 3) == VIRTIO_BLK_S_UNSUPP);
	CHECK(*H(STATUS + 6) == 0 && memcmp(H(DATA + 0x100), "rvpv-disk-0\0\0\0\0\0\0\0\0", 20) == 0);
	CHECK(U()->ring[2].len == 21 && vq_notifies == 1);
}

static void t_stall_and_resume(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	fake_limit = 2;
	for (uint16_t i = 0; i < 5; i++)
		rq((uint16_t)(3 * i), VIRTIO_BLK_T_IN, i, DATA + 512u * i, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && fake_pending() == 2 && vb.stalled);
	vblk_irq(&hw); /* 2 done, 2 more started */
	CHECK(U()->idx == 2 && fake_pending() == 2);
	vblk_irq(&hw);
	vblk_irq(&hw);
	CHECK(U()->idx == 5 && !vb.stalled && fake_pending() == 0 && vb.inflight == 0);
	for (int i = 0; i < 5; i++)
		CHECK(H(DATA + 512u * (uint32_t)i)[7] == OFFSET + i && *H(STATUS + 3u * (uint32_t)i) == 0);
}

static void t_broken_ring(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	rq(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	desc(2, STATUS, 1, W | N, 0); /* loop back to the header */
	CHECK(vblk_notify(&vb, 0, &until) == SBI_ERR_FAILED && fake_submits == 0);
	CHECK(vblk_notify(&vb, 0, &until) == SBI_ERR_FAILED);
	CHECK(vblk_reset(&vb) == 0 && setup_queue(QS) == 0);
	A()->idx = 0;
	rq(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && fake_submits == 1);
	vblk_irq(&hw);
}

static void t_head_reuse(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	rq(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0);
	A()->ring[A()->idx % QS] = 0; /* same head again, still in flight */
	A()->idx++;
	CHECK(vblk_notify(&vb, 0, &until) == SBI_ERR_FAILED && fake_submits == 1);
	vblk_irq(&hw);
}

static void t_reset_waits(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	rq(0, VIRTIO_BLK_T_IN, 1, DATA, 512, W);
	rq(3, VIRTIO_BLK_T_IN, 2, DATA + 512, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && vb.inflight == 2);
	CHECK(vblk_reset(&vb) == 0 && vb.inflight == 0 && fake_pending() == 0 && !vb.q.ready);
	CHECK(H(DATA)[0] == OFFSET + 1 && H(DATA + 512)[0] == OFFSET + 2); /* DMA finished */
	CHECK(vblk_notify(&vb, 0, &until) == SBI_ERR_DENIED);
}

static void t_quiesce(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	CHECK(vq_pins == 3); /* the rings, until reset */
	rq(0, VIRTIO_BLK_T_IN, 1, DATA, 512, W);
	rq(3, VIRTIO_BLK_T_IN, 2, DATA + 512, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && vb.inflight == 2);
	fake_slow = 3; /* a device that needs more than the one poll of service() */
	vblk_quiesce(&vb);
	CHECK(vb.inflight == 0 && fake_pending() == 0 && vb.q.ready && U()->idx == 2);
	rq(6, VIRTIO_BLK_T_IN, 3, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && vb.inflight == 1);
	vblk_irq(&hw);
}

/* Two reads on a device with room for one: the first submitted, the second (at `second`)
 * held back, stalled. */
static int one_in_one_stalled(uint64_t second)
{
	fresh();
	fake_limit = 1;
	if (setup_queue(QS) != 0)
		return 0;
	rq(0, VIRTIO_BLK_T_IN, 1, DATA, 512, W);
	rq(3, VIRTIO_BLK_T_IN, 2, second, 512, W);
	return vblk_notify(&vb, 0, &until) == 0 && vb.stalled && fake_submits == 1;
}

/* A request that waited for device room is translated again when it is finally submitted:
 * a page unmapped meanwhile (balloon) makes it IOERR instead of DMA into a freed page. */
static void t_stalled_page_gone(void)
{
	CHECK(one_in_one_stalled(DATA + 0x2000));
	vq_hole = DATA + 0x2000;
	vblk_irq(&hw);
	CHECK(fake_submits == 1 && U()->idx == 2 && *H(STATUS + 3) == VIRTIO_BLK_S_IOERR);
	CHECK(*H(STATUS) == VIRTIO_BLK_S_OK && !vb.stalled && !vb.q.broken);
}

static void t_event_idx(void)
{
	fresh();
	CHECK(vblk_set_features(&vb, 1ull << VIRTIO_F_RING_EVENT_IDX) == 0 && setup_queue(QS) == 0);
	A()->ring[QS] = 1; /* used_event: tell me when used passes 1 (i.e. reaches 2) */
	rq(0, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0);
	vblk_irq(&hw);
	CHECK(U()->idx == 1 && vq_notifies == 0);
	rq(3, VIRTIO_BLK_T_IN, 0, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0);
	vblk_irq(&hw);
	CHECK(U()->idx == 2 && vq_notifies == 1);
	uint16_t avail_event = *(uint16_t *)(H(USED) + 4 + 8 * QS);
	CHECK(avail_event == 2);
}

/* A device that finishes during the kick (QEMU's often does): BLOCK_NOTIFY completes the
 * request before it returns; the event follows the guest's wish (NO_INTERRUPT while it polls). */
static void t_done_during_kick(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	fake_sync = 1;
	rq(0, VIRTIO_BLK_T_IN, 1, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && U()->idx == 1 && vb.inflight == 0 && fake_pending() == 0);
	CHECK(*H(STATUS) == VIRTIO_BLK_S_OK && H(DATA)[0] == OFFSET + 1 && vq_notifies == 1);
	A()->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	rq(3, VIRTIO_BLK_T_IN, 2, DATA, 512, W);
	CHECK(vblk_notify(&vb, 0, &until) == 0 && U()->idx == 2 && H(DATA)[0] == OFFSET + 2);
	CHECK(vq_notifies == 1); /* the guest looks at its ring itself: no event to acknowledge */
	A()->flags = 0;
}

/* BLOCK_NOTIFY on an idle disk watches the ring a little for what it started, and polls the
 * device (which lets it interrupt again) only after that watch: a completion seen there costs
 * no interrupt. What is still in flight then, it has its caller wait for (until != 0); with
 * requests in flight already, or all done, the caller does not wait. */
static void t_linger(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	fake_quick = 1;
	for (uint16_t i = 0; i < 3; i++) {
		rq((uint16_t)(3 * i), VIRTIO_BLK_T_IN, 1, DATA, 512, W);
		until = 0;
		CHECK(vblk_notify(&vb, 0, &until) == 0 && U()->idx == i + 1 && vb.inflight == 0);
		CHECK(until == 0 && fake_rearmed == 0);
	}
	fresh();
	CHECK(setup_queue(QS) == 0);
	rq(3, VIRTIO_BLK_T_IN, 2, DATA, 512, W);
	until = 0;
	CHECK(vblk_notify(&vb, 0, &until) == 0 && U()->idx == 0 && vb.inflight == 1);
	CHECK(until > blk_env_now() && fake_rearmed == 0); /* a slow device: the caller waits */
	fake_quick = 1;
	rq(6, VIRTIO_BLK_T_IN, 3, DATA + 512, 512, W);
	/* busy before (the notify's poll finishes the first request, not this one): no waiting */
	until = 0;
	CHECK(vblk_notify(&vb, 0, &until) == 0 && U()->idx == 1 && vb.inflight == 1 && until == 0);
	vblk_irq(&hw);
	CHECK(U()->idx == 2 && vb.inflight == 0 && fake_rearmed == 0);
}

static void t_read_only(void)
{
	static struct vblk ro;
	fresh();
	CHECK(vblk_init(&ro, 0, 1, &hw, 0, 8, 1, "ro") == 0);
	CHECK(ro.offered & (1ull << VIRTIO_BLK_F_RO) && ro.lim.ro);
	struct rvpv_blk_queue_cfg c = { DESC, AVAIL, USED, QS, 0, { 0, 0 } };
	memcpy(H(CFG), &c, sizeof(c));
	CHECK(vblk_queue_setup(&ro, 0, CFG) == 0);
	rq(0, VIRTIO_BLK_T_OUT, 0, DATA, 512, 0);
	CHECK(vblk_notify(&ro, 0, &until) == 0 && fake_submits == 0 && *H(STATUS) == VIRTIO_BLK_S_IOERR);
	vblk_reset(&ro);
}

/* A second vCPU hands each answered request straight back (the same head, a new avail entry):
 * one NOTIFY must still end, having answered at most a ring's worth. Unbounded, it held the
 * disk lock with interrupts off for as long as the guest liked. */
static int refills, refill_max;
static uint16_t refill_seen; /* used entries the second vCPU has handed back */
static void refill(uint64_t gpa)
{
	(void)gpa;
	for (; refill_seen != U()->idx && refills < refill_max; refill_seen++, refills++) {
		A()->ring[A()->idx % QS] = (uint16_t)U()->ring[refill_seen % QS].id;
		A()->idx++;
	}
}

static void t_refill_bounded(void)
{
	fresh();
	CHECK(setup_queue(QS) == 0);
	for (uint16_t i = 0; i < 5; i++) /* unsupported: answered without the device */
		rq((uint16_t)(3 * i), 99, 0, DATA, 512, W);
	refills = 0, refill_seen = U()->idx, refill_max = 1000, vq_on_write = refill;
	CHECK(vblk_notify(&vb, 0, &until) == 0);
	vq_on_write = 0;
	CHECK(refills <= QS && U()->idx <= QS && !vb.q.broken);
	CHECK(A()->idx != U()->idx); /* what is left over: the next NOTIFY's */
	CHECK(vblk_notify(&vb, 0, &until) == 0 && U()->idx == A()->idx);
}

/* Quiescing (before the balloon frees pages) waits for what is in flight, not for a guest
 * that keeps a stalled queue fed: each completion let it start one more. */
static void t_quiesce_refill(void)
{
	CHECK(one_in_one_stalled(DATA + 512) && vb.inflight == 1);
	refills = 0, refill_seen = U()->idx, refill_max = 1000, vq_on_write = refill;
	vblk_quiesce(&vb);
	vq_on_write = 0;
	CHECK(refills < 4 && *H(STATUS) == VIRTIO_BLK_S_OK);
	CHECK(vblk_reset(&vb) == 0 && vb.inflight == 0);
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "init_limits", t_init_limits },
	{ "get_info", t_get_info },
	{ "features_and_setup", t_features_and_setup },
	{ "write_read", t_write_read },
	{ "errors_never_reach_device", t_errors_never_reach_device },
	{ "stall_and_resume", t_stall_and_resume },
	{ "broken_ring", t_broken_ring },
	{ "head_reuse", t_head_reuse },
	{ "reset_waits", t_reset_waits },
	{ "quiesce", t_quiesce },
	{ "stalled_page_gone", t_stalled_page_gone },
	{ "event_idx", t_event_idx },
	{ "read_only", t_read_only },
	{ "done_during_kick", t_done_during_kick },
	{ "linger", t_linger },
	{ "refill_bounded", t_refill_bounded },
	{ "quiesce_refill", t_quiesce_refill },
};

int main(void)
{
	int pass = 0, fail = 0;
	fresh();
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		case_failed = 0;
		cases[i].fn();
		printf("%s: vblk %s\n", case_failed ? "FAIL" : "PASS", cases[i].name);
		case_failed ? fail++ : pass++;
	}
	printf("vblk: %d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}

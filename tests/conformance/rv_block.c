/* rvpv BLOCK cases: device info, feature negotiation, queue setup validation, requests through
 * a split virtqueue (IN, OUT, FLUSH, GET_ID, unsupported, out of range), completion events,
 * a broken ring, and reset. Request cases need a VM with a disk (RVPV_FEAT_BLOCK). */
#include "conf.h"
#include "rvpv/virtio_ring.h"

#define P_BLK 30
#define QSZ_MAX 8u

static struct rvpv_blk_info *info = (void *)scratch[5];
static struct rvpv_blk_queue_cfg *cfg = (void *)(scratch[5] + 128);
static struct virtio_blk_req_hdr *hdr = (void *)(scratch[5] + 256);
static volatile uint8_t *status = scratch[5] + 512;
static struct virtq_desc *desc = (void *)scratch[6];
static volatile struct virtq_avail *avail = (void *)scratch[7];
static volatile struct virtq_used *used = (void *)scratch[8];
static uint8_t *data = scratch[9];
static uint32_t qsz;
static int port_seen; /* the completion port was pending after the last request */
static uint16_t next_avail, last_used;
static int have_disk;

static void fill_cfg(void)
{
	*cfg = (struct rvpv_blk_queue_cfg){ GPA(desc), GPA(avail), GPA(used), qsz, 0, { 0, 0 } };
}

static struct rvpv_sbiret setup(void)
{
	return rvpv_block_queue_setup(0, 0, GPA(cfg));
}

static void ring_reset(void)
{
	for (unsigned i = 0; i < 4096; i++)
		scratch[6][i] = scratch[7][i] = scratch[8][i] = 0;
	next_avail = last_used = 0;
}

/* Submits one request (header, optional data, status) and waits for its completion; returns
 * the virtio status byte, or 0xff when the request did not complete. */
static uint8_t request(uint32_t type, uint64_t sector, int has_data, int device_writes)
{
	uint64_t end;

	*hdr = (struct virtio_blk_req_hdr){ type, 0, sector };
	*status = 0xee;
	desc[0] = (struct virtq_desc){ GPA(hdr), sizeof(*hdr), VIRTQ_DESC_F_NEXT, 1 };
	if (has_data) {
		desc[1] = (struct virtq_desc){ GPA(data), 512,
			(uint16_t)(VIRTQ_DESC_F_NEXT | (device_writes ? VIRTQ_DESC_F_WRITE : 0)), 2 };
	} else {
		desc[0].next = 2;
	}
	desc[2] = (struct virtq_desc){ GPA(status), 1, VIRTQ_DESC_F_WRITE, 0 };
	avail->ring[next_avail % qsz] = 0;
	__asm__ volatile("fence rw, rw" ::: "memory");
	avail->idx = ++next_avail;
	__asm__ volatile("fence rw, rw" ::: "memory");
	if (rvpv_block_notify(0, 0).error)
		return 0xfe;
	end = rd_time() + CONF_WAIT_TICKS;
	sie_set(SIP_SEIP);
	while (used->idx == last_used && rd_time() < end)
		rvpv_cpu_block();
	sie_clear(SIP_SEIP);
	if (used->idx == last_used)
		return 0xff;
	last_used++;
	{
		volatile struct rvpv_event_page *pg = (void *)scratch[1];
		port_seen = (pg->pending[P_BLK / 64] >> (P_BLK % 64)) & 1;
		__atomic_fetch_and((uint64_t *)&pg->pending[P_BLK / 64], ~(1ull << (P_BLK % 64)),
				   __ATOMIC_SEQ_CST);
		rvpv_event_eoi();
	}
	return *status;
}

static void no_disk(void)
{
	tap_ok(!(env.features & RVPV_FEAT_BLOCK), "no-feature-no-device", "");
	tap_skip("requests", "VM has no disk (RVPV_FEAT_BLOCK clear)");
}

void conf_BLOCK_GET_INFO(void)
{
	struct rvpv_sbiret r;

	for (unsigned i = 0; i < RVPV_BLK_INFO_SIZE; i++)
		((uint8_t *)info)[i] = 0xab;
	r = rvpv_block_get_info(0, GPA(info));
	have_disk = r.error == 0;
	tap_ok(have_disk == !!(env.features & RVPV_FEAT_BLOCK), "device-iff-feature",
	       "error %ld, features %lx", r.error, env.features);
	tap_expect(rvpv_block_get_info(1, GPA(info)), SBI_ERR_INVALID_PARAM, "no-such-device");
	if (!have_disk) {
		tap_expect(r, SBI_ERR_INVALID_PARAM, "no-disk-device-0-invalid");
		return;
	}
	tap_ok(info->capacity > 0 && info->blk_size == 512, "capacity-and-block-size",
	       "capacity %lu blk_size %u", info->capacity, info->blk_size);
	tap_ok(info->queue_max >= 1 && info->queue_max <= RVPV_BLK_QUEUE_MAX &&
	       !(info->queue_max & (info->queue_max - 1)), "queue-max-power-of-two",
	       "queue_max %u", info->queue_max);
	tap_ok(info->num_queues >= 1 && info->seg_max >= 1, "queues-and-segments",
	       "num_queues %u seg_max %u", info->num_queues, info->seg_max);
	tap_ok((info->features & (1ull << VIRTIO_F_VERSION_1)) != 0, "offers-version-1",
	       "features %lx", info->features);
	tap_ok(!(info->reserved[0] | info->reserved[1] | info->reserved[2] | info->reserved[3]),
	       "reserved-zero", "");
	tap_expect(rvpv_block_get_info(0, GPA(info) + 4), SBI_ERR_INVALID_ADDRESS, "misaligned");
	tap_expect(rvpv_block_get_info(0, 0), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_block_get_info(0, env.ram_end), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_block_get_info(0, env.ram_end - 32), SBI_ERR_INVALID_ADDRESS,
		   "straddles-ram-end");
	qsz = info->queue_max < QSZ_MAX ? info->queue_max : QSZ_MAX;
}

void conf_BLOCK_SET_FEATURES(void)
{
	uint64_t bit = 0;

	if (!have_disk) {
		tap_expect(rvpv_block_set_features(0, 0), SBI_ERR_INVALID_PARAM, "no-disk");
		return;
	}
	for (bit = 63; bit > 0 && (info->features & (1ull << bit)); bit--)
		;
	tap_expect(rvpv_block_set_features(0, 1ull << bit), SBI_ERR_INVALID_PARAM,
		   "not-offered-bit");
	tap_expect(rvpv_block_set_features(1, 0), SBI_ERR_INVALID_PARAM, "no-such-device");
	tap_expect_val(rvpv_block_set_features(0, 1ull << VIRTIO_F_VERSION_1), 0, 0,
		       "subset");
}

void conf_BLOCK_QUEUE_SETUP(void)
{
	if (!have_disk) {
		tap_expect(rvpv_block_queue_setup(0, 0, GPA(cfg)), SBI_ERR_INVALID_PARAM, "no-disk");
		return;
	}
	ring_reset();
	tap_expect(rvpv_block_notify(0, 0), SBI_ERR_DENIED, "notify-before-setup");
	fill_cfg();
	tap_expect(rvpv_block_queue_setup(1, 0, GPA(cfg)), SBI_ERR_INVALID_PARAM, "no-such-device");
	tap_expect(rvpv_block_queue_setup(0, 1, GPA(cfg)), SBI_ERR_INVALID_PARAM, "no-such-queue");
	tap_expect(rvpv_block_queue_setup(0, 0, GPA(cfg) + 4), SBI_ERR_INVALID_ADDRESS,
		   "cfg-misaligned");
	tap_expect(rvpv_block_queue_setup(0, 0, env.ram_end), SBI_ERR_INVALID_ADDRESS,
		   "cfg-past-ram");
	cfg->size = 0;
	tap_expect(setup(), SBI_ERR_INVALID_PARAM, "size-0");
	cfg->size = 3;
	tap_expect(setup(), SBI_ERR_INVALID_PARAM, "size-not-power-of-two");
	cfg->size = info->queue_max * 2;
	tap_expect(setup(), SBI_ERR_INVALID_PARAM, "size-above-max");
	fill_cfg();
	cfg->flags = 1;
	tap_expect(setup(), SBI_ERR_INVALID_PARAM, "nonzero-flags");
	fill_cfg();
	cfg->reserved[1] = 1;
	tap_expect(setup(), SBI_ERR_INVALID_PARAM, "nonzero-reserved");
	fill_cfg();
	cfg->desc += 8;
	tap_expect(setup(), SBI_ERR_INVALID_ADDRESS, "desc-misaligned");
	fill_cfg();
	cfg->avail += 1;
	tap_expect(setup(), SBI_ERR_INVALID_ADDRESS, "avail-misaligned");
	fill_cfg();
	cfg->used += 2;
	tap_expect(setup(), SBI_ERR_INVALID_ADDRESS, "used-misaligned");
	fill_cfg();
	cfg->used = env.ram_end;
	tap_expect(setup(), SBI_ERR_INVALID_ADDRESS, "used-past-ram");
	if (qsz > 1) {
		fill_cfg();
		cfg->desc = env.ram_end - 16;
		tap_expect(setup(), SBI_ERR_INVALID_ADDRESS, "desc-straddles-ram-end");
	}
	fill_cfg();
	cfg->avail = 0x10000000ull;
	tap_expect(setup(), SBI_ERR_INVALID_ADDRESS, "avail-mmio");
	tap_expect(rvpv_block_notify(0, 0), SBI_ERR_DENIED, "failed-setup-changes-nothing");
	fill_cfg();
	tap_expect_val(setup(), 0, 0, "valid");
	tap_expect(setup(), SBI_ERR_ALREADY_AVAILABLE, "repeated");
	if (env.features & RVPV_FEAT_BALLOON)
		tap_expect(rvpv_mem_balloon_release(GPA(desc), 1), SBI_ERR_DENIED,
			   "balloon-release-of-ring-denied");
	tap_expect(rvpv_block_set_features(0, 1ull << VIRTIO_F_VERSION_1), SBI_ERR_DENIED,
		   "set-features-after-setup");
}

void conf_BLOCK_NOTIFY(void)
{
	uint8_t st;

	if (!have_disk) {
		tap_expect(rvpv_block_notify(0, 0), SBI_ERR_INVALID_PARAM, "no-disk");
		no_disk();
		return;
	}
	tap_expect(rvpv_block_notify(1, 0), SBI_ERR_INVALID_PARAM, "no-such-device");
	tap_expect(rvpv_block_notify(0, 1), SBI_ERR_INVALID_PARAM, "no-such-queue");
	tap_expect_val(rvpv_block_notify(0, 0), 0, 0, "nothing-new");
	tap_expect(rvpv_event_bind(P_BLK, RVPV_EVSRC_BLOCK, 0, env.self), 0, "bind-completion-port");
	st = request(VIRTIO_BLK_T_IN, 0, 1, 1);
	tap_ok(st == VIRTIO_BLK_S_OK, "read-sector-0", "status %x", st);
	tap_ok(port_seen, "completion-sets-port", "");
	tap_ok(used->ring[0].id == 0, "used-id-is-head", "id %u", used->ring[0].id);
	st = request(VIRTIO_BLK_T_OUT, 0, 1, 0);
	if (info->features & (1ull << VIRTIO_BLK_F_RO))
		tap_ok(st == VIRTIO_BLK_S_IOERR, "write-read-only-disk-ioerr", "status %x", st);
	else
		tap_ok(st == VIRTIO_BLK_S_OK, "write-back-sector-0", "status %x", st);
	st = request(VIRTIO_BLK_T_FLUSH, 0, 0, 0);
	tap_ok(st == VIRTIO_BLK_S_OK, "flush", "status %x", st);
	st = request(VIRTIO_BLK_T_GET_ID, 0, 1, 1);
	tap_ok(st == VIRTIO_BLK_S_OK, "get-id", "status %x", st);
	st = request(99, 0, 0, 0);
	tap_ok(st == VIRTIO_BLK_S_UNSUPP, "unknown-type-unsupp", "status %x", st);
	st = request(VIRTIO_BLK_T_IN, info->capacity, 1, 1);
	tap_ok(st == VIRTIO_BLK_S_IOERR, "sector-past-end-ioerr", "status %x", st);
	/* An available index running more than a ring ahead breaks the queue until RESET. */
	avail->idx = (uint16_t)(next_avail + qsz + 1);
	__asm__ volatile("fence rw, rw" ::: "memory");
	tap_expect(rvpv_block_notify(0, 0), SBI_ERR_FAILED, "index-ahead-breaks-queue");
	tap_expect(rvpv_block_notify(0, 0), SBI_ERR_FAILED, "broken-until-reset");
}

void conf_BLOCK_RESET(void)
{
	uint8_t st;

	if (!have_disk) {
		tap_expect(rvpv_block_reset(0), SBI_ERR_INVALID_PARAM, "no-disk");
		return;
	}
	tap_expect(rvpv_block_reset(1), SBI_ERR_INVALID_PARAM, "no-such-device");
	tap_expect_val(rvpv_block_reset(0), 0, 0, "valid");
	tap_expect(rvpv_block_notify(0, 0), SBI_ERR_DENIED, "notify-after-reset");
	tap_expect_val(rvpv_block_reset(0), 0, 0, "idle-device");
	tap_expect(rvpv_block_set_features(0, 1ull << VIRTIO_F_VERSION_1), 0,
		   "features-again-after-reset");
	ring_reset();
	fill_cfg();
	tap_expect(setup(), 0, "setup-again-after-reset");
	st = request(VIRTIO_BLK_T_IN, 0, 1, 1);
	tap_ok(st == VIRTIO_BLK_S_OK, "requests-work-after-reset", "status %x", st);
	rvpv_block_reset(0);
	rvpv_event_unbind(P_BLK);
}

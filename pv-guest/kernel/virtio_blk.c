/* virtio-blk over a split virtqueue, shared by both backends: the rings live in guest memory
 * and only setup/notify/completion go through pv-ops (virtio-mmio registers natively, BLOCK_*
 * hypercalls under rvpv). A batch of up to VQ_REQS requests is posted with one notify and
 * polled to completion; one batch is in flight at a time. */
#include "defs.h"
#include "pvops.h"

static struct {
	struct virtq_desc desc[VQ_SIZE];
	uint8_t avail[VIRTQ_AVAIL_BYTES(VQ_SIZE)] __attribute__((aligned(2)));
	uint8_t used[VIRTQ_USED_BYTES(VQ_SIZE)] __attribute__((aligned(4096)));
} ring __attribute__((aligned(4096)));
static struct virtq vq;
static uint16_t last_used;
static uint64_t capacity, features;
#define VQ_REQS (VQ_SIZE / 3)  /* header, data and status descriptors each */
static struct virtio_blk_req_hdr hdrs[VQ_REQS];
static volatile uint8_t status[VQ_REQS];

void virtio_blk_init(void)
{
	vq.desc = ring.desc;
	vq.avail = (struct virtq_avail *)ring.avail;
	vq.used = (struct virtq_used *)ring.used;
	vq.size = VQ_SIZE;
	capacity = pv_blk_setup(&vq, &features);
	if (!capacity)
		panic("virtio_blk: no disk");
	kprintf("pv-guest: disk %lu sectors%s\n", capacity,
		(features >> VIRTIO_BLK_F_FLUSH) & 1 ? ", flush" : "");
}

uint64_t virtio_blk_capacity(void)
{
	return capacity;
}

static int all_used(int n)
{
	return (uint16_t)(*(volatile uint16_t *)&vq.used->idx - last_used) >= n;
}

/* Post chains 0..n-1 (request k uses descriptors 3k..3k+len-1, already filled and linked),
 * notify once and poll until the device has used all of them; 0 if every status is OK.
 * The device is asked for no completion signal while the backend's short poll runs: under
 * rvpv the batch is often done when the notify returns or soon after, and a signal nobody
 * waits for would cost an interrupt acknowledgement. Signals are back on (and the ring read
 * again after that, or a completion in between would go unsignalled) before anything sleeps. */
static int submit(int n)
{
	uint16_t idx = vq.avail->idx;
	for (int k = 0; k < n; k++) {
		status[k] = 0xff;
		vq.avail->ring[(uint16_t)(idx + k) % VQ_SIZE] = (uint16_t)(3 * k);
	}
	*(volatile uint16_t *)&vq.avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	__sync_synchronize();
	vq.avail->idx = (uint16_t)(idx + n);
	__sync_synchronize();
	pv_blk_notify();
	if (!pv_blk_poll(&vq.used->idx, (uint16_t)(last_used + n))) {
		*(volatile uint16_t *)&vq.avail->flags = 0;
		__sync_synchronize();
		while (!all_used(n))
			pv_blk_wait();
	}
	__sync_synchronize();
	last_used = (uint16_t)(last_used + n);
	pv_blk_complete();
	int bad = 0;
	for (int k = 0; k < n; k++)
		bad |= status[k] != VIRTIO_BLK_S_OK;
	return bad ? -1 : 0;
}

static void chain(int k, uint32_t type, uint64_t sector, void *data, uint32_t len, int write)
{
	struct virtq_desc *d = &vq.desc[3 * k];
	uint16_t first = (uint16_t)(3 * k);
	hdrs[k] = (struct virtio_blk_req_hdr){ type, 0, sector };
	d[0] = (struct virtq_desc){ (uint64_t)&hdrs[k], sizeof(hdrs[k]), VIRTQ_DESC_F_NEXT, (uint16_t)(first + 1) };
	if (data) {
		d[1] = (struct virtq_desc){ (uint64_t)data, len,
					    (uint16_t)(VIRTQ_DESC_F_NEXT | (write ? 0 : VIRTQ_DESC_F_WRITE)),
					    (uint16_t)(first + 2) };
		d++;
	}
	d[1] = (struct virtq_desc){ (uint64_t)&status[k], 1, VIRTQ_DESC_F_WRITE, 0 };
}

int virtio_blk_batch(const struct blk_req *rq, int n)
{
	for (int i = 0; i < n; i++)
		if (rq[i].sector + rq[i].len / VIRTIO_BLK_SECTOR_SIZE > capacity)
			return -1;
	while (n > 0) {
		int k = n < VQ_REQS ? n : VQ_REQS;
		for (int i = 0; i < k; i++)
			chain(i, rq[i].write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, rq[i].sector,
			      rq[i].data, rq[i].len, rq[i].write);
		if (submit(k) < 0)
			return -1;
		rq += k;
		n -= k;
	}
	return 0;
}

int virtio_blk_rw(uint64_t sector, void *data, uint32_t len, int write)
{
	struct blk_req rq = { sector, data, len, write };
	return virtio_blk_batch(&rq, 1);
}

int virtio_blk_flush(void)
{
	if (!((features >> VIRTIO_BLK_F_FLUSH) & 1))
		return 0;  /* no volatile cache to flush */
	chain(0, VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0);
	return submit(1);
}

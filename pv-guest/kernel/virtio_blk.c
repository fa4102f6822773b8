/* virtio-blk over a split virtqueue, shared by both backends: the rings live in guest memory
 * and only setup/notify/completion go through pv-ops (virtio-mmio registers natively, BLOCK_*
 * hypercalls under rvpv). One request at a time, polled to completion. */
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
static struct virtio_blk_req_hdr hdr;
static volatile uint8_t status;

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

/* Post the chain desc[0..n-1] and poll until the device has used it. */
static int submit(int n)
{
	for (int i = 0; i < n - 1; i++) {
		vq.desc[i].flags |= VIRTQ_DESC_F_NEXT;
		vq.desc[i].next = (uint16_t)(i + 1);
	}
	status = 0xff;
	vq.avail->ring[vq.avail->idx % VQ_SIZE] = 0;
	__sync_synchronize();
	vq.avail->idx++;
	__sync_synchronize();
	pv_blk_notify();
	while (*(volatile uint16_t *)&vq.used->idx == last_used)
		pv_blk_wait();
	__sync_synchronize();
	last_used++;
	pv_blk_complete();
	return status == VIRTIO_BLK_S_OK ? 0 : -1;
}

int virtio_blk_rw(uint64_t sector, void *data, uint32_t len, int write)
{
	if (sector + len / VIRTIO_BLK_SECTOR_SIZE > capacity)
		return -1;
	hdr.type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
	hdr.reserved = 0;
	hdr.sector = sector;
	vq.desc[0] = (struct virtq_desc){ (uint64_t)&hdr, sizeof(hdr), 0, 0 };
	vq.desc[1] = (struct virtq_desc){ (uint64_t)data, len, write ? 0 : VIRTQ_DESC_F_WRITE, 0 };
	vq.desc[2] = (struct virtq_desc){ (uint64_t)&status, 1, VIRTQ_DESC_F_WRITE, 0 };
	return submit(3);
}

int virtio_blk_flush(void)
{
	if (!((features >> VIRTIO_BLK_F_FLUSH) & 1))
		return 0;  /* no volatile cache to flush */
	hdr.type = VIRTIO_BLK_T_FLUSH;
	hdr.reserved = 0;
	hdr.sector = 0;
	vq.desc[0] = (struct virtq_desc){ (uint64_t)&hdr, sizeof(hdr), 0, 0 };
	vq.desc[1] = (struct virtq_desc){ (uint64_t)&status, 1, VIRTQ_DESC_F_WRITE, 0 };
	return submit(2);
}

/* native backend: the virtio-mmio (version 2, "modern") transport for the shared virtio-blk
 * driver. Finds the first block device among the device tree's virtio,mmio nodes. */
#include "defs.h"
#include "pvops.h"
#include "native.h"

#define VIRTIO_MMIO_MAGIC          0x000
#define VIRTIO_MMIO_VERSION        0x004
#define VIRTIO_MMIO_DEVICE_ID      0x008
#define VIRTIO_MMIO_DEV_FEATURES   0x010
#define VIRTIO_MMIO_DEV_FEAT_SEL   0x014
#define VIRTIO_MMIO_DRV_FEATURES   0x020
#define VIRTIO_MMIO_DRV_FEAT_SEL   0x024
#define VIRTIO_MMIO_QUEUE_SEL      0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX  0x034
#define VIRTIO_MMIO_QUEUE_NUM      0x038
#define VIRTIO_MMIO_QUEUE_READY    0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY   0x050
#define VIRTIO_MMIO_INT_STATUS     0x060
#define VIRTIO_MMIO_INT_ACK        0x064
#define VIRTIO_MMIO_STATUS         0x070
#define VIRTIO_MMIO_QUEUE_DESC     0x080
#define VIRTIO_MMIO_QUEUE_AVAIL    0x090
#define VIRTIO_MMIO_QUEUE_USED     0x0a0
#define VIRTIO_MMIO_CONFIG         0x100

#define STATUS_ACK         1
#define STATUS_DRIVER      2
#define STATUS_DRIVER_OK   4
#define STATUS_FEATURES_OK 8

static volatile uint32_t *regs;

static uint32_t rd(uint32_t off) { return regs[off / 4]; }
static void wr(uint32_t off, uint32_t v) { regs[off / 4] = v; }
static void wr64(uint32_t off, uint64_t v)
{
	wr(off, (uint32_t)v);
	wr(off + 4, (uint32_t)(v >> 32));
}

uint64_t pv_blk_setup(struct virtq *q, uint64_t *features)
{
	const struct fdt_info *fdt = native_fdt();
	regs = 0;
	for (uint32_t i = 0; i < fdt->nvirtio && !regs; i++) {
		volatile uint32_t *r = (volatile uint32_t *)fdt->virtio_base[i];
		if (r[VIRTIO_MMIO_MAGIC / 4] == 0x74726976 && r[VIRTIO_MMIO_VERSION / 4] == 2 &&
		    r[VIRTIO_MMIO_DEVICE_ID / 4] == 2)
			regs = r;
	}
	if (!regs)
		return 0;
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, STATUS_ACK);
	wr(VIRTIO_MMIO_STATUS, STATUS_ACK | STATUS_DRIVER);
	wr(VIRTIO_MMIO_DEV_FEAT_SEL, 0);
	uint64_t offered = rd(VIRTIO_MMIO_DEV_FEATURES);
	wr(VIRTIO_MMIO_DEV_FEAT_SEL, 1);
	offered |= (uint64_t)rd(VIRTIO_MMIO_DEV_FEATURES) << 32;
	uint64_t want = offered & ((1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_F_VERSION_1));
	wr(VIRTIO_MMIO_DRV_FEAT_SEL, 0);
	wr(VIRTIO_MMIO_DRV_FEATURES, (uint32_t)want);
	wr(VIRTIO_MMIO_DRV_FEAT_SEL, 1);
	wr(VIRTIO_MMIO_DRV_FEATURES, (uint32_t)(want >> 32));
	wr(VIRTIO_MMIO_STATUS, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	if (!(rd(VIRTIO_MMIO_STATUS) & STATUS_FEATURES_OK))
		return 0;
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	if (rd(VIRTIO_MMIO_QUEUE_NUM_MAX) < q->size)
		return 0;
	wr(VIRTIO_MMIO_QUEUE_NUM, q->size);
	wr64(VIRTIO_MMIO_QUEUE_DESC, (uint64_t)q->desc);
	wr64(VIRTIO_MMIO_QUEUE_AVAIL, (uint64_t)q->avail);
	wr64(VIRTIO_MMIO_QUEUE_USED, (uint64_t)q->used);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	wr(VIRTIO_MMIO_STATUS, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
	*features = want;
	return (uint64_t)regs[VIRTIO_MMIO_CONFIG / 4] | (uint64_t)regs[VIRTIO_MMIO_CONFIG / 4 + 1] << 32;
}

void pv_blk_notify(void)
{
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

void pv_blk_complete(void)
{
	wr(VIRTIO_MMIO_INT_ACK, rd(VIRTIO_MMIO_INT_STATUS) & 3);
}

/* No extra look: the wait below polls already. */
int pv_blk_poll(const volatile uint16_t *used_idx, uint16_t want)
{
	return *used_idx == want;
}

/* QEMU finishes requests in its I/O thread; see pv_spin_wait. */
void pv_blk_wait(void)
{
	pv_spin_wait();
}

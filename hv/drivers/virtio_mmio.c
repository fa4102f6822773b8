/* The virtio-mmio transport's entry in the driver table: a slot holding a block device (id 2)
 * is brought up by hv/blk/virtio_mmio_blk.c and handed to the disks; empty slots and other
 * device kinds are left alone. */
#include "driver.h"
#include "disk.h"
#include "../blk/virtio_mmio_blk.h"

#define VIRTIO_ID_BLOCK 2

static struct vmblk blks[DISK_MAX];
static uint32_t nblks;

static void probe(const struct plat_dev *d)
{
	if (vmblk_device_id(d->base) != VIRTIO_ID_BLOCK || nblks == DISK_MAX)
		return;
	struct vmblk *b = &blks[nblks++];
	bool ok = vmblk_init(b, d->base) == VMBLK_OK; /* a failure is logged by the driver */
	disk_register(ok ? &b->dev : NULL, "virtio-blk", d->base, d->irq);
}

HV_DRIVER(virtio_mmio, "virtio,mmio", DRIVER_OTHER, probe);

// SPDX-License-Identifier: GPL-2.0
/*
 * A virtio transport on rvpv's BLOCK calls, beside virtio-mmio and virtio-pci: the device's
 * discovery and config space come from BLOCK_GET_INFO, feature negotiation is
 * BLOCK_SET_FEATURES, the split virtqueue Linux's virtio_ring builds in guest RAM is handed
 * over with BLOCK_QUEUE_SETUP, a kick is BLOCK_NOTIFY and a reset BLOCK_RESET. Completions
 * arrive on the event port bound to RVPV_EVSRC_BLOCK (rvpv-event irqchip), so virtio_blk runs
 * unchanged on top. Buffers are guest-physical addresses the hypervisor's device reads and
 * writes directly (no VIRTIO_F_ACCESS_PLATFORM, so virtio_ring uses physical addresses):
 * zero copy. One device (dev 0) with one queue, as ABI 1.x offers.
 */
#include <linux/device.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/log2.h>
#include <linux/printk.h>
#include <linux/rvpv.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>
#include <asm/sbi.h>

#define RVPV_VIRTIO_DEV		0	/* the VM's only disk */
#define RVPV_VIRTIO_QUEUE	0	/* its only queue */

struct rvpv_vdev {
	struct virtio_device vdev;
	struct rvpv_blk_info info;	/* BLOCK_GET_INFO, read once at probe */
	struct virtio_blk_config config; /* the config space virtio_blk reads, built from info */
	u8 status;			/* the virtio status byte is the driver's own here */
	int irq;			/* the event port's IRQ, bound once (bindings survive RESET) */
	struct virtqueue *vq;
};

static struct rvpv_vdev *to_rvdev(struct virtio_device *vdev)
{
	return container_of(vdev, struct rvpv_vdev, vdev);
}

static long rvpv_blk_call(unsigned long fid, unsigned long a0, unsigned long a1,
			  unsigned long a2)
{
	return sbi_ecall(RVPV_EXT_BLOCK, fid, a0, a1, a2, 0, 0, 0).error;
}

static void rvpv_get(struct virtio_device *vdev, unsigned int offset, void *buf,
		     unsigned int len)
{
	struct rvpv_vdev *rv = to_rvdev(vdev);

	if (offset > sizeof(rv->config) || len > sizeof(rv->config) - offset) {
		memset(buf, 0, len);
		return;
	}
	memcpy(buf, (u8 *)&rv->config + offset, len);
}

static void rvpv_set(struct virtio_device *vdev, unsigned int offset, const void *buf,
		     unsigned int len)
{
	/* nothing in rvpv's disk config is writable (no VIRTIO_BLK_F_CONFIG_WCE) */
}

static u32 rvpv_generation(struct virtio_device *vdev)
{
	return 0;	/* the config never changes while the VM runs */
}

static u8 rvpv_get_status(struct virtio_device *vdev)
{
	return to_rvdev(vdev)->status;
}

static void rvpv_set_status(struct virtio_device *vdev, u8 status)
{
	to_rvdev(vdev)->status = status;
}

/* waits for requests in flight, forgets the queue and the accepted features */
static void rvpv_reset(struct virtio_device *vdev)
{
	struct rvpv_vdev *rv = to_rvdev(vdev);
	long err = rvpv_blk_call(RVPV_FN_BLOCK_RESET, RVPV_VIRTIO_DEV, 0, 0);

	if (err)
		dev_err(&vdev->dev, "BLOCK_RESET: error %ld\n", err);
	rv->status = 0;
}

static u64 rvpv_get_features(struct virtio_device *vdev)
{
	return to_rvdev(vdev)->info.features;
}

static int rvpv_finalize_features(struct virtio_device *vdev)
{
	long err;

	vring_transport_features(vdev);
	if (!__virtio_test_bit(vdev, VIRTIO_F_VERSION_1)) {
		dev_err(&vdev->dev, "rvpv's disk must offer VIRTIO_F_VERSION_1\n");
		return -EINVAL;
	}
	err = rvpv_blk_call(RVPV_FN_BLOCK_SET_FEATURES, RVPV_VIRTIO_DEV, vdev->features, 0);
	if (err) {
		dev_err(&vdev->dev, "BLOCK_SET_FEATURES %#llx: error %ld\n", vdev->features, err);
		return -EINVAL;
	}
	return 0;
}

/* one BLOCK_NOTIFY per kick: virtio_blk kicks once per batch of requests */
static bool rvpv_notify(struct virtqueue *vq)
{
	return !rvpv_blk_call(RVPV_FN_BLOCK_NOTIFY, RVPV_VIRTIO_DEV, RVPV_VIRTIO_QUEUE, 0);
}

static irqreturn_t rvpv_vq_interrupt(int irq, void *data)
{
	return vring_interrupt(irq, data);
}

static void rvpv_del_vqs(struct virtio_device *vdev)
{
	struct rvpv_vdev *rv = to_rvdev(vdev);

	if (!rv->vq)
		return;
	/* the hypervisor must let go of the rings (and finish with their buffers) first */
	rvpv_blk_call(RVPV_FN_BLOCK_RESET, RVPV_VIRTIO_DEV, 0, 0);
	free_irq(rv->irq, rv->vq);
	vring_del_virtqueue(rv->vq);
	rv->vq = NULL;
}

static struct virtqueue *rvpv_setup_vq(struct rvpv_vdev *rv, struct virtqueue_info *vqi)
{
	struct rvpv_blk_queue_cfg *cfg;
	struct virtqueue *vq;
	long err;
	int ret;

	vq = vring_create_virtqueue(RVPV_VIRTIO_QUEUE, rv->info.queue_max, SMP_CACHE_BYTES,
				    &rv->vdev, true, true, vqi->ctx, rvpv_notify,
				    vqi->callback, vqi->name);
	if (!vq)
		return ERR_PTR(-ENOMEM);
	vq->num_max = rv->info.queue_max;
	/* an 8-aligned copy in RAM that the hypervisor reads once */
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg) {
		ret = -ENOMEM;
		goto fail;
	}
	cfg->desc = virtqueue_get_desc_addr(vq);
	cfg->avail = virtqueue_get_avail_addr(vq);
	cfg->used = virtqueue_get_used_addr(vq);
	cfg->size = virtqueue_get_vring_size(vq);
	err = rvpv_blk_call(RVPV_FN_BLOCK_QUEUE_SETUP, RVPV_VIRTIO_DEV, RVPV_VIRTIO_QUEUE,
			    virt_to_phys(cfg));
	kfree(cfg);
	if (err) {
		dev_err(&rv->vdev.dev, "BLOCK_QUEUE_SETUP: error %ld\n", err);
		ret = -EIO;
		goto fail;
	}
	ret = request_irq(rv->irq, rvpv_vq_interrupt, 0, dev_name(&rv->vdev.dev), vq);
	if (ret) {
		rvpv_blk_call(RVPV_FN_BLOCK_RESET, RVPV_VIRTIO_DEV, 0, 0);
		goto fail;
	}
	return vq;
fail:
	vring_del_virtqueue(vq);
	return ERR_PTR(ret);
}

static int rvpv_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
			 struct virtqueue *vqs[], struct virtqueue_info vqs_info[],
			 struct irq_affinity *desc)
{
	struct rvpv_vdev *rv = to_rvdev(vdev);
	unsigned int i, queues = 0;

	for (i = 0; i < nvqs; i++) {
		vqs[i] = NULL;
		if (!vqs_info[i].name)
			continue;
		if (queues++ || rv->vq) {	/* ABI 1.x: one queue per device */
			rvpv_del_vqs(vdev);
			return -ENOENT;
		}
		vqs[i] = rvpv_setup_vq(rv, &vqs_info[i]);
		if (IS_ERR(vqs[i]))
			return PTR_ERR(vqs[i]);
		rv->vq = vqs[i];
	}
	return 0;
}

static void rvpv_synchronize_cbs(struct virtio_device *vdev)
{
	synchronize_irq(to_rvdev(vdev)->irq);
}

static const char *rvpv_bus_name(struct virtio_device *vdev)
{
	return "rvpv";
}

static const struct virtio_config_ops rvpv_virtio_config_ops = {
	.get			= rvpv_get,
	.set			= rvpv_set,
	.generation		= rvpv_generation,
	.get_status		= rvpv_get_status,
	.set_status		= rvpv_set_status,
	.reset			= rvpv_reset,
	.find_vqs		= rvpv_find_vqs,
	.del_vqs		= rvpv_del_vqs,
	.synchronize_cbs	= rvpv_synchronize_cbs,
	.get_features		= rvpv_get_features,
	.finalize_features	= rvpv_finalize_features,
	.bus_name		= rvpv_bus_name,
};

static void rvpv_vdev_release(struct device *dev)
{
	kfree(container_of(dev, struct rvpv_vdev, vdev.dev));
}

static int __init rvpv_virtio_init(void)
{
	struct rvpv_blk_info *info;
	struct rvpv_vdev *rv;
	unsigned long features;
	long err;
	int ret;

	if (!rvpv_detect(&features) || !(features & RVPV_FEAT_BLOCK) ||
	    !(features & RVPV_FEAT_EVENT) || sbi_probe_extension(RVPV_EXT_BLOCK) <= 0)
		return 0;
	rv = kzalloc(sizeof(*rv), GFP_KERNEL);
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!rv || !info) {
		ret = -ENOMEM;
		goto out_free;
	}
	err = rvpv_blk_call(RVPV_FN_BLOCK_GET_INFO, RVPV_VIRTIO_DEV, virt_to_phys(info), 0);
	if (err || !info->num_queues || !info->queue_max || !is_power_of_2(info->queue_max)) {
		pr_err("virtio_rvpv: BLOCK_GET_INFO: error %ld, %u queues of %u\n", err,
		       info->num_queues, info->queue_max);
		ret = -ENODEV;
		goto out_free;
	}
	rv->info = *info;
	kfree(info);
	info = NULL;
	rv->config.capacity = cpu_to_le64(rv->info.capacity);
	rv->config.seg_max = cpu_to_le32(rv->info.seg_max);
	rv->config.blk_size = cpu_to_le32(rv->info.blk_size);
	rv->irq = rvpv_event_bind_irq(RVPV_EVSRC_BLOCK,
				      (RVPV_VIRTIO_DEV << 16) | RVPV_VIRTIO_QUEUE);
	if (rv->irq < 0) {
		pr_err("virtio_rvpv: no event port for the disk (%d)\n", rv->irq);
		ret = rv->irq;
		goto out_free;
	}
	rv->vdev.id.device = VIRTIO_ID_BLOCK;
	rv->vdev.id.vendor = RVPV_SBI_IMPL_ID;
	rv->vdev.config = &rvpv_virtio_config_ops;
	rv->vdev.dev.release = rvpv_vdev_release;
	pr_info("virtio_rvpv: disk %u: %llu sectors, features %#llx, queue %u, irq %d\n",
		RVPV_VIRTIO_DEV, rv->info.capacity, rv->info.features, rv->info.queue_max,
		rv->irq);
	ret = register_virtio_device(&rv->vdev);
	if (ret) {
		pr_err("virtio_rvpv: register_virtio_device: %d\n", ret);
		put_device(&rv->vdev.dev);	/* frees rv through release */
	}
	return ret;
out_free:
	kfree(info);
	kfree(rv);
	return ret;
}
device_initcall(rvpv_virtio_init);

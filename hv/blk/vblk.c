/* Virtual disk glue: BLOCK hypercalls -> virtq walker -> a physical block device (its
 * blk_dev_ops), and back on the device interrupt. A request is fully validated by the walker before anything is submitted;
 * guest mistakes are answered (status byte or SBI error), never logged. */
#include "vblk.h"
#include "blk_env.h"
#include "blk_gpa.h"
#include "rvpv/blk.h"
#include "sbi/sbi_defs.h"

#define BIT(n) (1ull << (n))

/* BLOCK_NOTIFY on an idle disk: how long it watches the ring, and how long its caller then
 * waits halted for the requests at most. QEMU finishes most requests here within 200 us; a
 * shorter watch (30 us) sent most into the wait, whose host thread sleep and wake-up measured
 * dearer than the watch itself (pv-guest read1k 1.4-1.9x native against 1.0-1.4x). */
#define VBLK_WATCH_US 200
#define VBLK_WAIT_US 1000

static struct vblk *all[VBLK_MAX];
static uint32_t nall;
static struct spinlock disk_lock; /* the one disk lock (vblk.h) */

int vblk_init(struct vblk *vb, void *vm, uint32_t dev, struct blk_dev *hw, uint64_t offset,
	      uint64_t capacity, int ro, const char *id)
{
	int rc = -1;
	spin_lock(&disk_lock); /* two VMs' reboots may create their disks at once */
	if (offset <= hw->capacity && capacity <= hw->capacity - offset && nall < VBLK_MAX &&
	    (vb->io = palloc_alloc((RVPV_BLK_QUEUE_MAX * sizeof(struct vblk_io) + 4095) / 4096))) {
		vb->vm = vm;
		vb->dev = dev;
		vb->hw = hw;
		vb->offset = offset;
		vb->capacity = capacity;
		vb->ro = ro || hw->ro;
		vb->offered = BIT(VIRTIO_F_VERSION_1) | BIT(VIRTIO_BLK_F_FLUSH) |
			      BIT(VIRTIO_F_RING_EVENT_IDX) | BIT(VIRTIO_BLK_F_SEG_MAX) |
			      BIT(VIRTIO_BLK_F_BLK_SIZE) | (vb->ro ? BIT(VIRTIO_BLK_F_RO) : 0);
		for (uint32_t i = 0; id && i < VBLK_ID_BYTES && id[i]; i++)
			vb->id[i] = id[i];
		vb->lim.capacity = capacity;
		vb->lim.ro = vb->ro;
		vb->lim.seg_max = hw->seg_max < VIRTQ_SEG_MAX ? hw->seg_max : VIRTQ_SEG_MAX;
		all[nall++] = vb;
		rc = 0;
	}
	spin_unlock(&disk_lock);
	return rc;
}

int vblk_get_info(struct vblk *vb, uint64_t gpa)
{
	struct rvpv_blk_info info = {
		.capacity = vb->capacity,
		.features = vb->offered,
		.num_queues = 1,
		.queue_max = RVPV_BLK_QUEUE_MAX,
		.seg_max = vb->lim.seg_max,
		.blk_size = VIRTIO_BLK_SECTOR_SIZE,
	};
	if ((gpa & 7) || blk_gpa_write(vb->vm, gpa, &info, sizeof(info)))
		return SBI_ERR_INVALID_ADDRESS;
	return SBI_SUCCESS;
}

int vblk_set_features(struct vblk *vb, uint64_t features)
{
	int rc = SBI_SUCCESS;
	spin_lock(&disk_lock);
	if (features & ~vb->offered)
		rc = SBI_ERR_INVALID_PARAM;
	else if (vb->q.ready)
		rc = SBI_ERR_DENIED;
	else
		vb->features = features;
	spin_unlock(&disk_lock);
	return rc;
}

int vblk_queue_setup(struct vblk *vb, uint32_t queue, uint64_t cfg_gpa)
{
	struct rvpv_blk_queue_cfg c;
	if (queue != 0)
		return SBI_ERR_INVALID_PARAM;
	if ((cfg_gpa & 7) || blk_gpa_read(vb->vm, &c, cfg_gpa, sizeof(c)))
		return SBI_ERR_INVALID_ADDRESS;
	if (c.flags || c.reserved[0] || c.reserved[1])
		return SBI_ERR_INVALID_PARAM;
	int rc;
	spin_lock(&disk_lock);
	if (vb->q.ready)
		rc = SBI_ERR_ALREADY_AVAILABLE;
	else
		rc = virtq_setup(&vb->q, vb->vm, c.desc, c.avail, c.used, c.size,
				 RVPV_BLK_QUEUE_MAX, !!(vb->features & BIT(VIRTIO_F_RING_EVENT_IDX)));
	spin_unlock(&disk_lock);
	return rc;
}

static void finish(struct vblk *vb, uint16_t head, uint64_t status_gpa, uint8_t st,
		   uint32_t len)
{
	if (virtq_complete(&vb->q, head, status_gpa, st, len) == 0) /* a failure breaks the queue */
		vb->stats.requests++;
}

static void signal(struct vblk *vb)
{
	if (virtq_should_notify(&vb->q)) {
		vb->stats.events++;
		blk_env_notify(vb->vm, vb->dev, 0);
	}
}

/* GET_ID: the id string into the guest's buffers, NUL-padded, at most 20 bytes. */
static uint32_t put_id(struct vblk *vb, const struct virtq_req *r)
{
	uint32_t done = 0;
	for (uint32_t i = 0; i < r->nseg && done < VBLK_ID_BYTES; i++) {
		uint32_t n = r->seg[i].len;
		if (n > VBLK_ID_BYTES - done)
			n = VBLK_ID_BYTES - done;
		if (blk_gpa_write(vb->vm, r->seg[i].gpa, vb->id + done, n))
			break;
		done += n;
	}
	return done;
}

/* BLK_DEV_OK, BLK_DEV_EBUSY (retry later) or an error (complete IOERR). */
static int start_io(struct vblk *vb, const struct virtq_req *r)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < r->nseg; i++)
		if (blk_gpa_split(vb->vm, r->seg[i].gpa, r->seg[i].len, (int)r->seg[i].write,
				  vb->hseg, &n, vb->hw->seg_max < 2 * VIRTQ_SEG_MAX ?
				  vb->hw->seg_max : 2 * VIRTQ_SEG_MAX))
			return BLK_DEV_EINVAL;
	struct vblk_io *io = &vb->io[r->head];
	uint64_t sector = r->type == VIRTIO_BLK_T_FLUSH ? 0 : r->sector + vb->offset;
	int rc = vb->hw->ops->submit(vb->hw, r->type, sector, vb->hseg, n, io);
	if (rc != BLK_DEV_OK)
		return rc;
	*io = (struct vblk_io){ vb, r->status_gpa,
				r->type == VIRTIO_BLK_T_IN ? (uint32_t)r->data_len + 1 : 1, 1 };
	vb->inflight++;
	return BLK_DEV_OK;
}

/* Pops and starts requests until the ring is empty, broken, or the device is full, at most a
 * ring's worth: requests answered here free their slots at once, and a second vCPU handing
 * them straight back would otherwise hold this hart, the lock taken and interrupts off, for as
 * long as it liked. What is left waits for the guest's next NOTIFY. */
static void process(struct vblk *vb)
{
	struct virtq_req *r = &vb->req;
	for (uint32_t popped = 0; vb->q.ready && !vb->q.broken && popped < vb->q.size; popped++) {
		if (!vb->stalled && virtq_pop(&vb->q, &vb->lim, r) != VIRTQ_REQ)
			break;
		vb->stalled = 0;
		if (r->status != VIRTIO_BLK_S_OK) {
			finish(vb, r->head, r->status_gpa, r->status, 1);
			continue;
		}
		if (vb->io[r->head].busy) { /* the guest handed out a head it has not got back */
			vb->q.broken = 1;
			vb->q.why = "head reused while in flight";
			break;
		}
		if (r->type == VIRTIO_BLK_T_GET_ID) {
			uint32_t n = put_id(vb, r);
			finish(vb, r->head, r->status_gpa, VIRTIO_BLK_S_OK, n + 1);
			continue;
		}
		int rc = start_io(vb, r);
		if (rc == BLK_DEV_EBUSY) {
			vb->stalled = 1; /* vblk_irq retries when descriptors come back */
			break;
		}
		if (rc != BLK_DEV_OK)
			finish(vb, r->head, r->status_gpa, VIRTIO_BLK_S_IOERR, 1);
	}
	vb->hw->ops->kick(vb->hw);
}

static void on_done(void *arg, void *cookie, uint8_t st, uint32_t len)
{
	struct vblk_io *io = cookie;
	struct vblk *vb = io->vb;
	uint16_t head = (uint16_t)(io - vb->io);
	(void)arg;
	(void)len;
	io->busy = 0;
	if (--vb->inflight == 0)
		blk_env_idle(vb->vm);
	if (st != VIRTIO_BLK_S_OK && st != VIRTIO_BLK_S_UNSUPP)
		st = VIRTIO_BLK_S_IOERR; /* never pass the guest a value outside the spec */
	finish(vb, head, io->status_gpa, st, st == VIRTIO_BLK_S_OK ? io->used_len : 1);
}

/* Completes what the device finished, restarts queues that were waiting for room, notifies. */
static void service(struct blk_dev *hw)
{
	uint32_t restarted = 0;
	hw->ops->poll(hw, on_done, 0);
	for (uint32_t i = 0; i < nall; i++) {
		if (all[i]->hw == hw && all[i]->stalled) {
			uint32_t before = all[i]->inflight;
			process(all[i]);
			restarted |= all[i]->inflight != before;
		}
	}
	if (restarted) /* their kick is quiet until the next poll (blk_dev.h) */
		hw->ops->poll(hw, on_done, 0);
	for (uint32_t i = 0; i < nall; i++)
		if (all[i]->hw == hw)
			signal(all[i]);
}

int vblk_notify(struct vblk *vb, uint32_t queue, uint64_t *wait_until)
{
	if (queue != 0)
		return SBI_ERR_INVALID_PARAM;
	spin_lock(&disk_lock);
	if (!vb->q.ready) {
		spin_unlock(&disk_lock);
		return SBI_ERR_DENIED;
	}
	vb->stats.notifies++;
	uint32_t idle = !vb->inflight;
	process(vb);
	/* Requests started on an idle disk (a driver that waits for them now; one that keeps
	 * requests in flight is not held): first watch the device's ring (memory, no MMIO, the
	 * lock not held) a while, unless the hart has an interrupt to take. The kick asked the device for no interrupt before the
	 * next poll, and none runs before the one below: a completion seen here raises nothing.
	 * That poll lets the device interrupt again and looks once more (it also completes what
	 * finished during the kick); what is still in flight then, the caller waits for with the
	 * vCPU halted (the hart free, the device's interrupt taken in HS) instead of the guest
	 * going to sleep and taking an interrupt's exit. */
	if (idle && vb->inflight) {
		spin_unlock(&disk_lock);
		for (uint64_t end = blk_env_deadline(VBLK_WATCH_US); !vb->hw->ops->finished(vb->hw) &&
		     blk_env_now() < end && !blk_env_wanted();) /* the hart is not held from others */
			;
		spin_lock(&disk_lock);
		service(vb->hw);
		*wait_until = vb->inflight ? blk_env_deadline(VBLK_WAIT_US) : 0;
	} else {
		service(vb->hw);
	}
	int rc = vb->q.broken ? SBI_ERR_FAILED : SBI_SUCCESS;
	spin_unlock(&disk_lock);
	return rc;
}

void vblk_irq(struct blk_dev *hw)
{
	spin_lock(&disk_lock);
	service(hw);
	spin_unlock(&disk_lock);
}

int vblk_reset(struct vblk *vb)
{
	spin_lock(&disk_lock);
	/* Stop popping and answering (the guest is forgetting this ring), but let the device
	 * finish with the guest's buffers before the ring pages may be reused. */
	vb->q.broken = 1;
	vb->q.why = "reset";
	vb->stalled = 0;
	while (vb->inflight) /* the device finishes them on its own (no interrupt needed) */
		service(vb->hw);
	virtq_reset(&vb->q);
	vb->features = 0;
	spin_unlock(&disk_lock);
	return SBI_SUCCESS;
}

void vblk_quiesce(struct vblk *vb)
{
	spin_lock(&disk_lock);
	while (vb->inflight) /* only complete: restarting its stalled queue lets a guest that keeps
			      * the ring fed hold this loop forever */
		vb->hw->ops->poll(vb->hw, on_done, 0);
	service(vb->hw); /* then restart and signal */
	spin_unlock(&disk_lock);
}

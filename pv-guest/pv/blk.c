/* pv backend: the disk transport. The split ring is the shared driver's (virtio_blk.c); here
 * it is handed to rvpv with BLOCK_QUEUE_SETUP, kicked with BLOCK_NOTIFY, and completion is
 * signalled on an event port bound to this vCPU. */
#include "defs.h"
#include "pvops.h"
#include "pv.h"
#include "hcall.h"

static int32_t blk_port = -1;


uint64_t pv_blk_setup(struct virtq *q, uint64_t *features)
{
	static struct rvpv_blk_info info;
	static struct rvpv_blk_queue_cfg cfg;
	if (sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value != RVPV_SBI_IMPL_ID)
		return 0;
	if (hc_block_info(0, &info).error || info.queue_max < q->size)
		return 0;
	uint64_t want = info.features & ((1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_F_VERSION_1));
	if (hc_block_set_features(0, want).error)
		return 0;
	cfg = (struct rvpv_blk_queue_cfg){ GPA(q->desc), GPA(q->avail), GPA(q->used), q->size, 0, { 0, 0 } };
	if (hc_block_queue_setup(0, 0, &cfg).error)
		return 0;
	if (pv_event_bind(PV_PORT_BLOCK, RVPV_EVSRC_BLOCK, 0, pv_vcpu) == 0)
		blk_port = PV_PORT_BLOCK;
	*features = want;
	return info.capacity;
}

void pv_blk_notify(void)
{
	hc_block_notify(0, 0);
}

/* rvpv completes requests when the real disk interrupts: sleep in CPU_BLOCK until the
 * completion port (or anything else) is pending; the driver re-checks the used ring. */
void pv_blk_wait(void)
{
	if (blk_port >= 0)
		HC(CPU, BLOCK, 0, 0, 0);
	else
		pv_spin_wait();
}

void pv_blk_complete(void)
{
	if (blk_port >= 0 && pv_event_pending((uint32_t)blk_port))
		pv_event_ack((uint32_t)blk_port);
}

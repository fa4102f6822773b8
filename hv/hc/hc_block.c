/* BLOCK group: unpacks registers for the VM's virtual disk (hv/blk/vblk.c). */
#include "hypercall.h"
#include "vm.h"
#include "disk.h"
#include "../blk/vblk.h"

static struct vblk *dev_of(struct hc_call *c)
{
	struct vblk *vb = disk_of(c->v->vm, c->a[0]);
	if (!vb)
		c->error = SBI_ERR_INVALID_PARAM;
	return vb;
}

void hc_BLOCK_GET_INFO(struct hc_call *c)
{
	struct vblk *vb = dev_of(c);
	if (vb)
		c->error = vblk_get_info(vb, c->a[1]);
}

void hc_BLOCK_SET_FEATURES(struct hc_call *c)
{
	struct vblk *vb = dev_of(c);
	if (vb)
		c->error = vblk_set_features(vb, c->a[1]);
}

void hc_BLOCK_QUEUE_SETUP(struct hc_call *c)
{
	struct vblk *vb = dev_of(c);
	if (vb)
		c->error = c->a[1] > UINT32_MAX ? SBI_ERR_INVALID_PARAM
						 : vblk_queue_setup(vb, (uint32_t)c->a[1], c->a[2]);
}

void hc_BLOCK_NOTIFY(struct hc_call *c)
{
	struct vblk *vb = dev_of(c);
	uint64_t until = 0;
	if (vb)
		c->error = c->a[1] > UINT32_MAX ? SBI_ERR_INVALID_PARAM
						 : vblk_notify(vb, (uint32_t)c->a[1], &until);
	if (until) { /* the run loop halts the caller (exit.c halt_over) */
		c->v->block_until = until;
		c->v->disk_wait = &vb->inflight;
		c->next = RUN_BLOCK;
	}
}

void hc_BLOCK_RESET(struct hc_call *c)
{
	struct vblk *vb = dev_of(c);
	if (vb)
		c->error = vblk_reset(vb);
}

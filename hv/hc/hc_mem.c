/* MEM group: memory map, per-vCPU info area, ballooning, remote VS-stage TLB flush. */
#include "hypercall.h"
#include "hc_util.h"
#include "vm.h"
#include "vcpu.h"
#include "cpu_ops.h"
#include "balloon.h"
#include "string.h"

void hc_MEM_GET_MAP(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	struct rvpv_mem_region r[2] = {
		{ .base = vm->ram_gpa, .size = vm->ram_size, .type = RVPV_MEM_RAM },
		{ .base = vm->dtb_gpa, .size = GUEST_DTB_SIZE, .type = RVPV_MEM_RESERVED },
	};
	uint64_t max = c->a[1], n = MIN(max, ARRAY_SIZE(r));
	if (n) {
		/* max_entries may be huge: only the bytes we write must be the guest's */
		if (!IS_ALIGNED(c->a[0], 8) || gmem_write(vm, c->a[0], r, n * sizeof(r[0]))) {
			c->error = SBI_ERR_INVALID_ADDRESS;
			return;
		}
	}
	c->error = SBI_SUCCESS;
	c->value = ARRAY_SIZE(r);
}

void hc_MEM_REGISTER_VCPU_INFO(struct hc_call *c)
{
	/* only the vCPU itself writes its area (when scheduled in) and moves it */
	struct vcpu *v = c->v;
	if ((c->a[0] != UINT64_MAX && !IS_ALIGNED(c->a[0], RVPV_VCPU_INFO_SIZE)) ||
	    gmem_move_pin(v->vm, v->info_pins, &v->info_cur, c->a[0], RVPV_VCPU_INFO_SIZE)) {
		c->error = SBI_ERR_INVALID_ADDRESS;
		return;
	}
	v->info_gpa = c->a[0] == UINT64_MAX ? 0 : c->a[0];
	vcpu_account_info(v);
	c->error = SBI_SUCCESS;
}

static bool balloon_args(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t gpa = c->a[0], n = c->a[1];
	if (!IS_ALIGNED(gpa, PAGE_SIZE) || n > vm->ram_size / PAGE_SIZE ||
	    !gmem_in_ram(vm, gpa, n * PAGE_SIZE)) {
		c->error = SBI_ERR_INVALID_ADDRESS;
		return false;
	}
	return true;
}

void hc_MEM_BALLOON_RELEASE(struct hc_call *c)
{
	if (!balloon_args(c))
		return;
	c->error = balloon_release(c, c->a[0], c->a[1]);
}

void hc_MEM_BALLOON_RECLAIM(struct hc_call *c)
{
	if (!balloon_args(c))
		return;
	c->error = balloon_reclaim(c->v->vm, c->a[0], c->a[1], &c->value);
}

/* the monitor's one-word store; a guest that reads the old value gets the event after it */
void hc_MEM_BALLOON_TARGET(struct hc_call *c)
{
	c->value = READ_ONCE(c->v->vm->balloon_target);
	c->error = SBI_SUCCESS;
}

void hc_MEM_REMOTE_SFENCE(struct hc_call *c)
{
	int64_t err;
	uint64_t targets = hc_vcpu_mask(c->v->vm, c->a[0], c->a[1], &err);
	uint64_t start = c->a[2], size = c->a[3];
	if (err) { c->error = err; return; }
	cpu_remote_flush(c, targets, start, size, c->a[4]);
}

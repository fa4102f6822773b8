/* Ballooning. Released pages are invalidated in the G-stage but stay recorded there ("stale");
 * they go back to the page pool only after every hart that may cache the old translation has
 * flushed it (the caller waits, like a remote TLB flush). A stale translation on another hart
 * can therefore never reach a page that already has a new owner. */
#include "balloon.h"
#include "hypercall.h"
#include "vm.h"
#include "vcpu.h"
#include "hart.h"
#include "arch.h"
#include "palloc.h"
#include "cpu_ops.h"
#include "arch.h"
#include "disk.h"
#include "string.h"

int64_t balloon_release(struct hc_call *c, uint64_t gpa, uint64_t npages)
{
	struct vcpu *self = c->v;
	struct vm *vm = self->vm;
	uint64_t len = npages * PAGE_SIZE, hpa;
	spin_lock(&vm->lock);
	/* pages the hypervisor keeps (gmem pins: event page, vCPU info, rings) stay; checked and
	 * unmapped under one hold of vm->lock, which gmem_pin also takes */
	if (gmem_pinned_locked(vm, gpa, len)) {
		spin_unlock(&vm->lock);
		return SBI_ERR_DENIED;
	}
	uint64_t n = 0;
	for (uint64_t a = gpa; a < gpa + len; a += PAGE_SIZE)
		if (gstage_translate(&vm->gs, a, &hpa, NULL))
			n++;
	if (gstage_invalidate_keep(&vm->gs, gpa, len) < 0) {
		spin_unlock(&vm->lock);
		return SBI_ERR_FAILED;
	}
	vm->remapped = 1;
	vm->released_pages += n;
	vm->gs_gen = vm_next_gen(); /* every hart flushes this VMID before its next entry */
	self->balloon_gpa = gpa;    /* under the lock: another vCPU's balloon_finish looks */
	self->balloon_npages = npages;
	spin_unlock(&vm->lock);
	arch_fence_gstage(vm->vmid);
	c->value = n;
	cpu_wait_for_remote(c, ~0ull);
	if (!self->flush_wait)
		balloon_finish(self);
	return SBI_SUCCESS;
}

/* Another vCPU's release, still waiting for its flushes, covers gpa: the page was reclaimed
 * and released again after ours, so only that release's flushes make it safe to free; the
 * last pending release over a page frees it. Under vm->lock. */
static bool pending_elsewhere(struct vm *vm, struct vcpu *self, uint64_t gpa)
{
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *w = vm->vcpus[i];
		if (w != self && w->balloon_npages && gpa - w->balloon_gpa < w->balloon_npages * PAGE_SIZE)
			return true;
	}
	return false;
}

void balloon_finish(struct vcpu *v)
{
	struct vm *vm = v->vm;
	uint64_t hpa;
	disk_quiesce(vm); /* no DMA may still target pages about to be freed */
	spin_lock(&vm->lock);
	for (uint64_t i = 0; i < v->balloon_npages; i++)
		if (!pending_elsewhere(vm, v, v->balloon_gpa + i * PAGE_SIZE) &&
		    gstage_take_stale(&vm->gs, v->balloon_gpa + i * PAGE_SIZE, &hpa))
			palloc_free((void *)(uintptr_t)hpa, 1);
	v->balloon_npages = 0;
	spin_unlock(&vm->lock);
}

int64_t balloon_reclaim(struct vm *vm, uint64_t gpa, uint64_t npages, uint64_t *done)
{
	uint64_t hpa, n = 0;
	int64_t err = SBI_SUCCESS;
	spin_lock(&vm->lock);
	for (uint64_t a = gpa; a < gpa + npages * PAGE_SIZE; a += PAGE_SIZE) {
		if (gstage_translate(&vm->gs, a, &hpa, NULL))
			continue;
		if (gstage_revalidate(&vm->gs, a)) { /* released but not yet freed: still ours */
			hpa = 0;
			gstage_translate(&vm->gs, a, &hpa, NULL);
			memset((void *)(uintptr_t)hpa, 0, PAGE_SIZE);
		} else {
			void *page = palloc_alloc(1);
			if (!page || gstage_map(&vm->gs, a, (uintptr_t)page, PAGE_SIZE, GSTAGE_RWX) < 0) {
				if (page)
					palloc_free(page, 1);
				err = SBI_ERR_FAILED; /* out of memory: a1 says how far it got */
				break;
			}
		}
		n++;
		vm->released_pages--;
	}
	spin_unlock(&vm->lock);
	*done = n;
	return err;
}

void balloon_free_ram(struct vm *vm)
{
	uint64_t hpa;
	for (uint64_t a = vm->ram_gpa; a < vm->ram_gpa + vm->ram_size; a += PAGE_SIZE) {
		if (gstage_translate(&vm->gs, a, &hpa, NULL) || gstage_take_stale(&vm->gs, a, &hpa))
			palloc_free((void *)(uintptr_t)hpa, 1); /* scrubs it */
	}
}

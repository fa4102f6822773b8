/* The guest-memory layer (see gmem.h). Translation: while RAM is the one block it was created
 * as, an offset; once ballooning has remapped it, the G-stage table is the truth, page by page.
 * A copy that translated a page just before another vCPU released it is safe: the page is freed
 * only after every running vCPU of the VM has passed through the world switch (balloon.c), and
 * a hypercall finishes its copy before its vCPU gets there. */
#include "gmem.h"
#include "vm.h"
#include "arch.h"
#include "string.h"
#include "sbi/sbi_defs.h"

/* Host address of guest byte gpa (inside RAM), or NULL if its page is released. */
static uint8_t *host_of(struct vm *vm, uint64_t gpa)
{
	uint64_t hpa;
	if (likely(!READ_ONCE(vm->remapped)))
		return vm->ram + (gpa - vm->ram_gpa);
	return gstage_translate(&vm->gs, gpa, &hpa, NULL) ? (uint8_t *)(uintptr_t)hpa : NULL;
}

/* Bytes from gpa to the end of its page, at most len. */
static uint64_t in_page(uint64_t gpa, uint64_t len)
{
	return MIN(len, PAGE_SIZE - (gpa & (PAGE_SIZE - 1)));
}

bool gmem_in_ram(struct vm *vm, uint64_t gpa, uint64_t len)
{
	return range_inside(gpa, len, vm->ram_gpa, vm->ram_size);
}

bool gmem_usable(struct vm *vm, uint64_t gpa, uint64_t len)
{
	if (!gmem_in_ram(vm, gpa, len))
		return false;
	if (likely(!READ_ONCE(vm->remapped)))
		return true;
	for (uint64_t n; len; gpa += n, len -= n) {
		n = in_page(gpa, len);
		if (!host_of(vm, gpa))
			return false;
	}
	return true;
}

/* Checked first so that a failed call writes nothing (a concurrent release by the VM's own
 * other vCPU can still cut a copy short: the guest raced itself). */
static int copy(struct vm *vm, uint64_t gpa, uint8_t *buf, uint64_t len, bool to_guest)
{
	if (!gmem_usable(vm, gpa, len))
		return -1;
	for (uint64_t n; len; gpa += n, buf += n, len -= n) {
		n = READ_ONCE(vm->remapped) ? in_page(gpa, len) : len;
		uint8_t *h = host_of(vm, gpa);
		if (!h)
			return -1;
		if (to_guest)
			memcpy(h, buf, n);
		else
			memcpy(buf, h, n);
	}
	return 0;
}

int gmem_read(struct vm *vm, void *dst, uint64_t gpa, uint64_t len)
{
	return copy(vm, gpa, dst, len, false);
}

int gmem_write(struct vm *vm, uint64_t gpa, const void *src, uint64_t len)
{
	return copy(vm, gpa, (uint8_t *)(uintptr_t)src, len, true);
}

void *gmem_dma(struct vm *vm, uint64_t gpa, uint64_t len)
{
	if (!gmem_in_ram(vm, gpa, len ? len : 1))
		return NULL;
	uint8_t *first = host_of(vm, gpa);
	if (!first || !READ_ONCE(vm->remapped))
		return first;
	uint64_t off = in_page(gpa, len);
	for (uint64_t n; off < len; off += n) {
		n = in_page(gpa + off, len - off);
		if (host_of(vm, gpa + off) != first + off)
			return NULL;
	}
	return first;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen; /* an empty range touches nothing */
}

bool gmem_pinned_locked(struct vm *vm, uint64_t gpa, uint64_t len)
{
	for (uint32_t i = 0; i < GMEM_MAX_PINS; i++) {
		const struct gmem_pin *p = vm->pins[i];
		/* pins hold whole pages: compare page-rounded ranges */
		if (p && overlaps(gpa, len, ALIGN_DOWN(p->gpa, PAGE_SIZE),
				  ALIGN_UP(p->gpa + p->len, PAGE_SIZE) - ALIGN_DOWN(p->gpa, PAGE_SIZE)))
			return true;
	}
	return false;
}

/* Translation and record are one step under vm->lock, as balloon_release's check and unmap. */
int gmem_pin_locked(struct vm *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len)
{
	if (!len || len > GMEM_PIN_MAX_LEN || !gmem_in_ram(vm, gpa, len))
		return SBI_ERR_INVALID_ADDRESS;
	uint8_t *first = host_of(vm, gpa), *last = host_of(vm, gpa + len - 1);
	if (!first || !last)
		return SBI_ERR_INVALID_ADDRESS;
	for (uint32_t i = 0; i < GMEM_MAX_PINS; i++) {
		if (vm->pins[i])
			continue;
		*p = (struct gmem_pin){ gpa, len, { first - (gpa & (PAGE_SIZE - 1)),
				       last - ((gpa + len - 1) & (PAGE_SIZE - 1)) }, 1 };
		vm->pins[i] = p;
		return SBI_SUCCESS;
	}
	return SBI_ERR_FAILED;
}

int gmem_pin(struct vm *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len)
{
	spin_lock(&vm->lock);
	int rc = gmem_pin_locked(vm, p, gpa, len);
	spin_unlock(&vm->lock);
	return rc;
}

void gmem_unpin(struct vm *vm, struct gmem_pin *p)
{
	if (!p->held)
		return;
	spin_lock(&vm->lock);
	for (uint32_t i = 0; i < GMEM_MAX_PINS; i++)
		if (vm->pins[i] == p)
			vm->pins[i] = NULL;
	p->held = 0;
	spin_unlock(&vm->lock);
}

int gmem_move_pin(struct vm *vm, struct gmem_pin slots[2], uint32_t *cur, uint64_t gpa, uint64_t len)
{
	struct gmem_pin *old = &slots[*cur];
	if (gpa != UINT64_MAX) {
		if (gmem_pin(vm, &slots[*cur ^ 1], gpa, len))
			return SBI_ERR_INVALID_ADDRESS;
		*cur ^= 1;
	}
	gmem_unpin(vm, old);
	return SBI_SUCCESS;
}

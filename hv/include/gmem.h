/* Guest memory: the only way hypervisor code reads, writes or keeps a VM's RAM.
 * - gmem_read/gmem_write copy page by page (a range may cross host pages that are not
 *   adjacent once ballooning has remapped RAM); they fail, changing nothing, if any byte is
 *   outside RAM or released.
 * - gmem_pin takes a long-lived reference; pins and balloon releases are serialised by
 *   vm->lock, so a page is either pinned or released, never both.
 * - gmem_dma gives a short-lived host pointer for device DMA: valid while the caller holds
 *   the disk lock, and for in-flight requests until they complete (the balloon and teardown
 *   paths quiesce the disk before they free a page). */
#ifndef HV_GMEM_H
#define HV_GMEM_H
#include "types.h"
#include "gmem_pin.h"

struct vm;
#define GMEM_MAX_PINS 36  /* event page + per vCPU two info and two steal-time areas (while
                           * moving) + three rings */

bool gmem_in_ram(struct vm *vm, uint64_t gpa, uint64_t len);   /* bounds only, no overflow */
bool gmem_usable(struct vm *vm, uint64_t gpa, uint64_t len);   /* in RAM and not released */
int gmem_read(struct vm *vm, void *dst, uint64_t gpa, uint64_t len);        /* 0 or -1 */
int gmem_write(struct vm *vm, uint64_t gpa, const void *src, uint64_t len); /* 0 or -1 */
void *gmem_dma(struct vm *vm, uint64_t gpa, uint64_t len); /* NULL unless host-contiguous */

/* SBI_SUCCESS, SBI_ERR_INVALID_ADDRESS (not usable RAM, or longer than GMEM_PIN_MAX_LEN) or
 * SBI_ERR_FAILED (pin table full: a hypervisor bug). Takes vm->lock. */
int gmem_pin(struct vm *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len);
int gmem_pin_locked(struct vm *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len);
void gmem_unpin(struct vm *vm, struct gmem_pin *p);            /* no-op if not held */
/* A registration the guest may move (vCPU info, steal-time area): the new range is pinned in
 * the spare slot before the old pin is dropped, so a failed move changes nothing.
 * gpa = UINT64_MAX unregisters. SBI_SUCCESS or SBI_ERR_INVALID_ADDRESS. */
int gmem_move_pin(struct vm *vm, struct gmem_pin slots[2], uint32_t *cur, uint64_t gpa, uint64_t len);
bool gmem_pinned_locked(struct vm *vm, uint64_t gpa, uint64_t len); /* vm->lock held */
#endif

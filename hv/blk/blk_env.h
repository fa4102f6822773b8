/* What the disk code needs from the hypervisor core: guest-physical translation and pins,
 * zeroed pages for device rings, logging, time, its spinlock. The core implements these; host tests and the standalone QEMU
 * payload provide their own. Nothing else in hv/blk reaches outside the folder. */
#ifndef HV_BLK_ENV_H
#define HV_BLK_ENV_H
#include <stdint.h>
#include "../include/gmem_pin.h"
#include "../include/spinlock.h"

/* Returns a host pointer for [gpa, gpa+len) if the whole range lies in the VM's RAM, else NULL.
 * Contiguity: the range may cross 4 KiB page boundaries only if the VM RAM is contiguous there;
 * the function returns NULL where it is not (caller then splits at page boundaries).
 * write != 0: the range will be written (a read-only region answers NULL). */
void *blk_env_gpa(void *vm, uint64_t gpa, uint64_t len, int write);

/* Long-lived views of guest memory (the rings): while held, the guest cannot balloon the
 * pages out. pin: SBI_SUCCESS or an SBI error (INVALID_ADDRESS: not the guest's RAM, or more
 * than GMEM_PIN_MAX_LEN bytes); unpin: no-op if not held. */
int blk_env_pin(void *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len);
void blk_env_unpin(void *vm, struct gmem_pin *p);

/* npages zeroed, 4 KiB-aligned pages of host memory (satp = 0: the pointer is the
 * host-physical address a device may DMA to); NULL when exhausted. */
void *palloc_alloc(uint64_t npages);

/* Hypervisor log line (printf subset: %s %c %d %u %x %lx %lu %llx %p). */
void hv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A queue of the VM's disk `dev` completed requests and the guest asked to be told: raise the
 * event port bound to RVPV_EVSRC_BLOCK with arg (dev << 16) | queue (core: event_raise_source). */
void blk_env_notify(void *vm, uint32_t dev, uint32_t queue);

/* The VM's disk has no request in flight any more (under the disk lock): a vCPU that waits
 * for that in BLOCK_NOTIFY goes on (core: sched_wake, which kicks its hart). */
void blk_env_idle(void *vm);

/* The hart has an interrupt to take (a kick, a timer, a device): a watch of the ring ends. */
int blk_env_wanted(void);

/* The timebase counter, and the counter value us microseconds from now. */
uint64_t blk_env_now(void);
uint64_t blk_env_deadline(uint64_t us);

/* Barriers for memory shared with a guest or a device: plain compiler builtins, so the same
 * code builds for RV64 (fence) and for host tests. */
#define blk_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define blk_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define blk_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#endif

/* hv/core/gmem.c and hv/core/balloon.c for fuzz_gmem, unchanged, compiled with two names
 * redirected to the fuzzer (fuzz_gmem.c):
 * - spin_lock -> fz_spin_lock: takes the real lock, but before the first vm->lock of an
 *   operation may first run another vCPU's whole operation, as a second hart could (this is
 *   how a check done outside the lock, racing a release or a pin, shows up single-threaded);
 * - hfence_gvma_vmid -> fz_hfence_gvma_vmid: the calling hart's modelled TLB is flushed
 *   (the real one is RISC-V inline assembly). */
#include "spinlock.h"
#include "csr.h"

void fz_spin_lock(struct spinlock *l);
void fz_hfence_gvma_vmid(uint64_t vmid);
#define spin_lock(l) fz_spin_lock(l)
#define hfence_gvma_vmid(id) fz_hfence_gvma_vmid(id)
#include "../../hv/core/gmem.c"
#include "../../hv/core/balloon.c"

/* hv/core/gmem.c and hv/core/balloon.c for fuzz_gmem, unchanged, compiled with spin_lock
 * redirected to the fuzzer's fz_spin_lock (fuzz_gmem.c): it takes the real lock, but before
 * the first vm->lock of an operation may first run another vCPU's whole operation, as a second
 * hart could (this is how a check done outside the lock, racing a release or a pin, shows up
 * single-threaded). Their fence, arch_fence_gstage, is the fuzzer's model of the TLB. */
#include "spinlock.h"

void fz_spin_lock(struct spinlock *l);
#define spin_lock(l) fz_spin_lock(l)
#include "../../hv/core/gmem.c"
#include "../../hv/core/balloon.c"

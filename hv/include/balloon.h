/* Ballooning: guest pages handed back to the hypervisor's pool and later reclaimed. */
#ifndef HV_BALLOON_H
#define HV_BALLOON_H
#include "types.h"
struct vm;
struct vcpu;
struct hc_call;
int64_t balloon_release(struct hc_call *c, uint64_t gpa, uint64_t npages);
int64_t balloon_reclaim(struct vm *vm, uint64_t gpa, uint64_t npages, uint64_t *done);
void balloon_finish(struct vcpu *v);  /* frees released pages once every hart has flushed */
void balloon_free_ram(struct vm *vm); /* at VM destruction, when RAM is no longer one block */
#endif

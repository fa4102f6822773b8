/* Builds the device tree a VM finds in a1 at boot. */
#ifndef HV_VM_DTB_H
#define HV_VM_DTB_H
#include "types.h"
struct vm;
int vm_dtb_build(struct vm *vm, void *buf, uint32_t size); /* bytes used, or -1 */
#endif

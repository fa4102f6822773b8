/* Physical disks and each VM's virtual disk (see hv/core/disk.c). */
#ifndef HV_DISK_H
#define HV_DISK_H
#include "types.h"
struct vm;
struct vblk;
void disk_init(void);                               /* after platform + PLIC, before VMs */
struct vblk *disk_of(struct vm *vm, uint64_t dev);  /* NULL: no such device */
void disk_vm_gone(struct vm *vm);                   /* before the VM's RAM is freed */
void disk_quiesce(struct vm *vm);                   /* before ballooned pages are freed */
void disk_report(struct vm *vm, const char *lead);  /* counters, for the monitor and at exit */
#endif

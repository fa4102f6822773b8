/* Physical disks (any driver behind hv/blk/blk_dev.h) and each VM's virtual disk. */
#ifndef HV_DISK_H
#define HV_DISK_H
#include "types.h"
#define DISK_MAX 8
struct vm;
struct vblk;
struct blk_dev;
/* A block driver found device number N (in probe order); d NULL: it did not come up, and the
 * number stays taken. After the PLIC, before the VMs. */
void disk_register(struct blk_dev *d, const char *kind, uint64_t base, uint32_t irq);
void disk_attach(struct vm *vm);                    /* at VM creation (vm_create) */
struct vblk *disk_of(struct vm *vm, uint64_t dev);  /* NULL: no such device */
void disk_vm_gone(struct vm *vm);                   /* before the VM's RAM is freed */
void disk_quiesce(struct vm *vm);                   /* before ballooned pages are freed */
void disk_report(struct vm *vm, const char *lead);  /* counters, for the monitor and at exit */
#endif

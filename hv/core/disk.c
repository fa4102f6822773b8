/* Disks: the physical block devices the drivers register (numbered in the order the driver
 * table finds them: for virtio-mmio, highest slot first), their interrupts, each VM's virtual
 * disk (hv/blk/vblk.c), and the blk_env hooks hv/blk needs from the core. */
#include "disk.h"
#include "platform.h"
#include "plic.h"
#include "hart.h"
#include "vm.h"
#include "event.h"
#include "arch.h"
#include "printf.h"
#include "sched.h"
#include "../blk/vblk.h"
#include "../blk/blk_env.h"

static struct blk_dev *hw[DISK_MAX]; /* NULL: found, but it did not come up */
static uint32_t nhw;
static struct vblk vdisk[DISK_MAX]; /* by physical disk: one VM each (scripts/mkconfig.py) */
static bool vdisk_ok[DISK_MAX];

void *blk_env_gpa(void *vm, uint64_t gpa, uint64_t len, int write)
{
	return gmem_dma(vm, gpa, len);
}

int blk_env_pin(void *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len)
{
	return gmem_pin(vm, p, gpa, len);
}

void blk_env_unpin(void *vm, struct gmem_pin *p)
{
	gmem_unpin(vm, p);
}

uint64_t blk_env_now(void) { return arch_time_now(); }
int blk_env_wanted(void) { return arch_hs_wanted(); }
uint64_t blk_env_deadline(uint64_t us) { return arch_time_now() + plat.timebase * us / 1000000; }

void blk_env_notify(void *vm, uint32_t dev, uint32_t queue)
{
	event_raise_source(vm, RVPV_EVSRC_BLOCK, dev << 16 | queue);
}

void blk_env_idle(void *vm)
{
	struct vm *m = vm;
	for (uint32_t i = 0; i < m->nvcpus; i++)
		if (READ_ONCE(m->vcpus[i]->disk_wait))
			sched_wake(m->vcpus[i]);
}

static void disk_irq(uint32_t irq, void *arg)
{
	vblk_irq(arg);
}

void disk_register(struct blk_dev *d, const char *kind, uint64_t base, uint32_t irq)
{
	if (nhw == DISK_MAX)
		return;
	hw[nhw++] = d;
	if (!d)
		return;
	plic_register(irq, disk_irq, d, &harts[0]);
	hv_printf("disk %u: %s at 0x%lx irq %u, %lu sectors%s\n", nhw - 1, kind, (unsigned long)base,
		  irq, (unsigned long)d->capacity, d->ro ? ", read-only" : "");
}

/* At VM creation, before its vCPUs run, so that no BLOCK call can race it: the VM's first
 * creation makes its disk, a reboot's hands the disk to the new VM. */
void disk_attach(struct vm *vm)
{
	int32_t n = vm->cfg->disk;
	if (n < 0 || (uint32_t)n >= nhw || !hw[n])
		return;
	if (!vdisk_ok[n])
		vdisk_ok[n] = !vblk_init(&vdisk[n], vm, 0, hw[n], 0, hw[n]->capacity,
					 (int)vm->cfg->disk_ro, vm->name);
	vdisk[n].vm = vm;
}

struct vblk *disk_of(struct vm *vm, uint64_t dev)
{
	int32_t n = vm->cfg->disk;
	return dev == 0 && n >= 0 && n < DISK_MAX && vdisk_ok[n] ? &vdisk[n] : NULL;
}

/* What a batch cost on each side since boot: "LEAD disk: ..." (one line; nothing without a disk). */
void disk_report(struct vm *vm, const char *lead)
{
	const struct vblk *vb = disk_of(vm, 0);
	if (!vb)
		return;
	const struct vblk_stats *g = &vb->stats;
	const struct blk_dev_stats *h = vb->hw->stats;
	hv_printf("%s disk: %lu requests, %lu NOTIFY calls, %lu events; device: %lu requests, "
		  "%lu kicks, %lu notifies, %lu interrupts%s\n", lead,
		  (unsigned long)g->requests, (unsigned long)g->notifies, (unsigned long)g->events,
		  (unsigned long)h->requests, (unsigned long)h->kicks, (unsigned long)h->notifies,
		  (unsigned long)h->irqs, vb->hw->note);
}

void disk_vm_gone(struct vm *vm)
{
	struct vblk *vb = disk_of(vm, 0);
	if (!vb)
		return;
	vblk_reset(vb);
	char lead[48];
	snprintf(lead, sizeof(lead), "hv: vm %s", vm->name);
	disk_report(vm, lead);
}

void disk_quiesce(struct vm *vm)
{
	if (disk_of(vm, 0))
		vblk_quiesce(disk_of(vm, 0));
}

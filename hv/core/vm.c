/* VM lifecycle: create (RAM, G-stage, image, device tree, vCPUs), stop, destroy, reboot, and
 * reaping. Guest RAM is reached through gmem.c. */
#include "vm.h"
#include "hart.h"
#include "palloc.h"
#include "printf.h"
#include "string.h"
#include "console.h"
#include "sched.h"
#include "vm_dtb.h"
#include "arch.h"
#include "balloon.h"
#include "disk.h"

struct vm *vms[MAX_VMS];
struct spinlock vms_lock = SPINLOCK_INIT;
static uint32_t next_home;
static uint64_t gen_counter;
static volatile uint32_t reboots_in_flight; /* a rebooting VM still counts as live */

/* The kernel image at +2 MiB (or where its Linux Image header says) and the initrd, if any, as
 * high as it goes: 4 KiB aligned, ending at or below the device tree (vm->dtb_gpa, set). */
static bool load_image(struct vm *vm, uint64_t *entry)
{
	const struct vm_config *c = vm->cfg;
	uint64_t off = GUEST_LOAD_OFFSET, size = c->image_size;
	if (c->flags & VMCFG_LINUX_IMAGE) {
		/* Linux RISC-V Image header: text_offset at 8, image_size at 16, magic "RSC\x05" at 56 */
		if (size < 64 || memcmp(c->image + 56, "RSC\x05", 4) != 0) {
			hv_printf("hv: vm %s: image has no Linux RISC-V header\n", vm->name);
			return false;
		}
		uint64_t text_offset, image_size;
		memcpy(&text_offset, c->image + 8, 8);
		memcpy(&image_size, c->image + 16, 8);
		off = text_offset ? text_offset : GUEST_LOAD_OFFSET;
		if (image_size > size)
			size = image_size; /* room for its bss, zeroed already */
	}
	uint64_t top = vm->dtb_gpa - vm->ram_gpa; /* what the image and initrd may use */
	vm->initrd_size = c->initrd ? c->initrd_size : 0;
	if (vm->initrd_size) {
		if (vm->initrd_size > top) {
			hv_printf("hv: vm %s: initrd (%lu bytes) does not fit its RAM\n", vm->name,
				  (unsigned long)vm->initrd_size);
			return false;
		}
		top = ALIGN_DOWN(top - vm->initrd_size, PAGE_SIZE);
	}
	if (off > top || size > top - off) {
		hv_printf("hv: vm %s: image (%lu bytes)%s does not fit its RAM\n", vm->name,
			  (unsigned long)size, vm->initrd_size ? " and initrd" : "");
		return false;
	}
	memcpy(vm->ram + off, c->image, c->image_size);
	if (vm->initrd_size) {
		memcpy(vm->ram + top, c->initrd, vm->initrd_size);
		vm->initrd_gpa = vm->ram_gpa + top;
	}
	*entry = vm->ram_gpa + off;
	return true;
}

int vm_create(const struct vm_config *cfg, uint32_t id)
{
	if (id >= MAX_VMS || vms[id] || cfg->vcpus == 0 || cfg->vcpus > MAX_VCPUS ||
	    cfg->ram_size < 2 * GUEST_LOAD_OFFSET || !IS_ALIGNED(cfg->ram_size, 0x200000)) {
		hv_printf("hv: vm %s: invalid configuration\n", cfg->name);
		return -1;
	}
	uint64_t vm_pages = ALIGN_UP(sizeof(struct vm), PAGE_SIZE) / PAGE_SIZE;
	struct vm *vm = palloc_alloc(vm_pages);
	if (!vm)
		goto nomem;
	vm->id = id;
	vm->cfg = cfg;
	for (int i = 0; i < VM_NAME_MAX - 1 && cfg->name[i]; i++)
		vm->name[i] = cfg->name[i];
	vm->ram_gpa = GUEST_RAM_BASE;
	vm->ram_size = cfg->ram_size;
	vm->vmid = id + 1;
	vm->gs_gen = vm_next_gen();
	/* RAM on the largest G-stage leaves it fills, 1 GiB (else 2 MiB, also when no 1 GiB-aligned
	 * run is free): a guest TLB refill walks the G-stage once per guest page-table level, and
	 * QEMU refills the guest's TLB after every exit (docs/benchmarks.md) */
	uint64_t npg = cfg->ram_size / PAGE_SIZE, gib = 1ull << 30;
	vm->ram = (cfg->ram_size >= gib ? palloc_alloc_aligned(npg, gib) : NULL) ?: palloc_alloc_aligned(npg, 0x200000);
	if (!vm->ram || gstage_init(&vm->gs) < 0 ||
	    gstage_map(&vm->gs, vm->ram_gpa, (uintptr_t)vm->ram, vm->ram_size, GSTAGE_RWX) < 0)
		goto nomem_vm;
	uint64_t entry;
	vm->dtb_gpa = vm->ram_gpa + vm->ram_size - GUEST_DTB_SIZE;
	if (!load_image(vm, &entry))
		goto fail_vm;
	if (vm_dtb_build(vm, vm->ram + (vm->dtb_gpa - vm->ram_gpa), GUEST_DTB_SIZE) < 0) {
		hv_printf("hv: vm %s: device tree does not fit\n", vm->name);
		goto fail_vm;
	}
	for (uint32_t i = 0; i < cfg->vcpus; i++) {
		struct vcpu *v = palloc_alloc(ALIGN_UP(sizeof(struct vcpu), PAGE_SIZE) / PAGE_SIZE);
		if (!v)
			goto nomem_vm;
		vcpu_init(v, vm, i, &harts[__atomic_fetch_add(&next_home, 1, __ATOMIC_RELAXED) % nharts]);
		vm->vcpus[i] = v;
		vm->nvcpus++;
	}
	vcpu_reset(vm->vcpus[0], entry, 0, vm->dtb_gpa);
	disk_attach(vm);
	vm->state = VM_RUNNING;
	vm->start_time = arch_time_now();
	vms[id] = vm;
	return 0;
nomem_vm:
	hv_printf("hv: vm %s: out of memory (RAM %lu MiB)\n", cfg->name, (unsigned long)(cfg->ram_size >> 20));
fail_vm:
	vm->state = VM_DEAD;
	vms[id] = vm;
	vm_destroy(vm);
	return -1;
nomem:
	hv_printf("hv: vm %s: out of memory\n", cfg->name);
	return -1;
}

void vm_start(struct vm *vm)
{
	struct vcpu *v0 = vm->vcpus[0];
	__atomic_add_fetch(&vm->running_vcpus, 1, __ATOMIC_SEQ_CST);
	sched_wake(v0);
}

/* Generations are global so a VMID reused by a new VM never matches a hart's old record. */
uint64_t vm_next_gen(void)
{
	return __atomic_add_fetch(&gen_counter, 1, __ATOMIC_SEQ_CST);
}

uint32_t vm_live_count(void)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < MAX_VMS; i++)
		if (vms[i] && vms[i]->state != VM_DEAD)
			n++;
	return n;
}

void vm_stop(struct vm *vm, const char *why)
{
	spin_lock(&vm->lock);
	if (vm->state == VM_DEAD) {
		spin_unlock(&vm->lock);
		return;
	}
	console_vm_flush(vm);
	/* said before the VM counts as dead: the hart reaping another VM powers the machine off
	 * as soon as none is live, and would cut this line off */
	hv_printf("hv: vm %s (id %u): %s\n", vm->name, vm->id, why);
	vm->state = VM_DEAD;
	spin_unlock(&vm->lock);
	for (uint32_t i = 0; i < vm->nvcpus; i++)
		sched_stop_vcpu(vm->vcpus[i]);
}

void vm_reboot(struct vm *vm)
{
	spin_lock(&vm->lock);
	bool first = !vm->reboot_requested && vm->state != VM_DEAD;
	if (first) {
		vm->reboot_requested = true;
		__atomic_add_fetch(&reboots_in_flight, 1, __ATOMIC_SEQ_CST);
	}
	spin_unlock(&vm->lock);
	if (first)
		vm_stop(vm, "rebooting");
}

void vm_fault(struct vcpu *v, const char *what)
{
	struct vcpu_ctx *c = &v->arch.ctx;
	char why[200];
	snprintf(why, sizeof(why), "fault: %s: vcpu %u scause=0x%lx sepc=0x%lx htval=0x%lx stval=0x%lx, stopped",
		 what, v->id, (unsigned long)c->scause, (unsigned long)c->sepc,
		 (unsigned long)c->htval, (unsigned long)c->stval);
	vm_stop(v->vm, why);
}

bool vm_release_vcpu(struct vm *vm)
{
	if (__atomic_sub_fetch(&vm->running_vcpus, 1, __ATOMIC_SEQ_CST) != 0)
		return false;
	vm_stop(vm, "all vCPUs stopped"); /* no-op when it was already stopped */
	return true;
}

/* Called by the hart whose vCPU was the VM's last: nobody else can reach the VM now. */
void vm_reap(struct vm *vm)
{
	if (vm->reboot_requested) {
		/* a reboot is a fresh VM from the same configuration, in the same slot */
		const struct vm_config *cfg = vm->cfg;
		uint32_t id = vm->id, restarts = vm->restarts + 1;
		vm_destroy(vm);
		int ok = vm_create(cfg, id);
		__atomic_sub_fetch(&reboots_in_flight, 1, __ATOMIC_SEQ_CST);
		if (ok == 0) {
			vms[id]->restarts = restarts;
			hv_printf("hv: vm %s (id %u) restarted (%u), %lu KiB free\n", vms[id]->name, id,
				  restarts, (unsigned long)(palloc_free_pages() * 4));
			vm_start(vms[id]);
			return;
		}
	} else {
		char name[VM_NAME_MAX];
		uint32_t id = vm->id;
		memcpy(name, vm->name, VM_NAME_MAX);
		vm_destroy(vm);
		hv_printf("hv: vm %s (id %u): memory returned, %lu KiB free\n", name, id,
			  (unsigned long)(palloc_free_pages() * 4));
	}
	static uint32_t powering_off;
	if (vm_live_count() == 0 && !READ_ONCE(reboots_in_flight) &&
	    !__atomic_exchange_n(&powering_off, 1, __ATOMIC_SEQ_CST)) {
		hv_printf("hv: all VMs have stopped, powering off\n");
		arch_power_off(false);
	}
}

void vm_destroy(struct vm *vm)
{
	/* First out of vms[]: the monitor and console input use a VM only under vms_lock, so
	 * none of them can still be looking at its vCPUs or event page once they are freed. */
	spin_lock(&vms_lock);
	if (vms[vm->id] == vm)
		vms[vm->id] = NULL;
	spin_unlock(&vms_lock);
	disk_vm_gone(vm); /* the device must be done with guest buffers before RAM is freed */
	for (uint32_t i = 0; i < vm->nvcpus; i++) /* on no timer heap: they stopped (exit.c) */
		palloc_free(vm->vcpus[i], ALIGN_UP(sizeof(struct vcpu), PAGE_SIZE) / PAGE_SIZE);
	if (vm->ram && vm->remapped) {
		balloon_free_ram(vm); /* page by page: RAM is no longer one block */
	} else if (vm->ram) {
		palloc_free(vm->ram, vm->ram_size / PAGE_SIZE); /* scrubbed before anyone can get it */
	}
	gstage_destroy(&vm->gs); /* each hart flushes this VMID before its next user runs (gs_gen) */
	palloc_free(vm, ALIGN_UP(sizeof(struct vm), PAGE_SIZE) / PAGE_SIZE);
}

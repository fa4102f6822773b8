/* The hypervisor around the call decoders (hv/hc, sbi/hv, hv/core/hypercall.c) for
 * fuzz_hcargs: one VM whose RAM is a heap block of exactly its size (ASan sees any access
 * outside it), and stand-ins for the core functions the decoders call. Each stand-in checks
 * what the decoder promised before calling it (ids in range, buffers inside RAM) and counts a
 * state change in fuzz_effects, so the target can check that a failed call changed nothing. */
#include <stdlib.h>
#include "fuzz_hc.h"
#include "string.h"
#include "event.h"
#include "console.h"
#include "cpu_ops.h"
#include "balloon.h"
#include "disk.h"
#include "platform.h"
#include "arch.h"
#include "../../hv/blk/vblk.h"

uint64_t fuzz_effects;
int64_t fuzz_core_error;      /* what the next core stand-in that can fail answers */
struct platform plat;
struct fuzz_world fw;
static struct vblk fake_disk; /* never looked into: the decoders only pass it on */

void fuzz_world_init(uint32_t nvcpus, int disk, uint64_t ram_size)
{
	static struct vm_config cfg;
	cfg = (struct vm_config){ .name = "fuzz", .ram_size = ram_size, .vcpus = nvcpus, .disk = disk };
	memset(&fw, 0, sizeof(fw));
	fw.vm.cfg = &cfg;
	fw.vm.nvcpus = nvcpus;
	fw.vm.ram_gpa = GUEST_RAM_BASE;
	fw.vm.ram_size = ram_size;
	fw.vm.ram = fw.ram = malloc(ram_size);
	memset(fw.ram, 0, ram_size);
	fw.vm.dtb_gpa = GUEST_RAM_BASE + ram_size - GUEST_DTB_SIZE;
	fw.vm.state = VM_RUNNING;
	for (uint32_t i = 0; i < nvcpus; i++) {
		fw.vcpu[i].vm = &fw.vm;
		fw.vcpu[i].id = i;
		fw.vcpu[i].state = i ? VCPU_STOPPED : VCPU_RUNNING;
		fw.vm.vcpus[i] = &fw.vcpu[i];
	}
}

void fuzz_world_free(void)
{
	free(fw.ram);
	fw.ram = NULL;
}

static void require_vcpu(struct vcpu *v)
{
	REQUIRE(v >= fw.vcpu && v < fw.vcpu + fw.vm.nvcpus && v->vm == &fw.vm);
}

/* The guest RAM block, the only memory a decoder may touch on the guest's behalf. */
static void require_ram(const void *p, uint64_t len)
{
	const uint8_t *b = p;
	REQUIRE(b >= fw.ram && len <= fw.vm.ram_size && (uint64_t)(b - fw.ram) <= fw.vm.ram_size - len);
}

/* gmem.c is the real one; its RAM is never remapped here, so no G-stage walk happens. */
bool gstage_translate(const struct gstage *g, uint64_t gpa, uint64_t *hpa, uint32_t *prot)
{
	(void)g; (void)gpa; (void)hpa; (void)prot;
	REQUIRE(!"gstage_translate on RAM that was never remapped");
	return false;
}

void vm_stop(struct vm *vm, const char *why)
{
	REQUIRE(vm == &fw.vm && why && why[0]);
	vm->state = VM_DEAD;
	fuzz_effects++;
}

void vm_reboot(struct vm *vm)
{
	REQUIRE(vm == &fw.vm);
	vm->reboot_requested = true;
	fuzz_effects++;
}

bool event_raise_source(struct vm *vm, uint32_t source, uint32_t arg)
{
	REQUIRE(vm == &fw.vm && source >= RVPV_EVSRC_TIMER && source <= RVPV_EVSRC_SELF);
	if (source == RVPV_EVSRC_IPI)
		REQUIRE(arg < vm->nvcpus);
	fuzz_effects++;
	return fw.bound_sources >> source & 1;
}

void event_raise_port(struct vm *vm, uint32_t port)
{
	REQUIRE(vm == &fw.vm && port < RVPV_EVENT_PORTS && vm->ports[port].source == RVPV_EVSRC_SELF);
	REQUIRE(vm->evpage);
	require_ram(vm->evpage, RVPV_EVENT_PAGE_SIZE);
	vm->evpage->pending[port / 64] |= 1ull << (port % 64);
	fuzz_effects++;
}

void event_recheck(struct vcpu *v)
{
	require_vcpu(v);
	fuzz_effects++;
}

void event_settle(struct vcpu *v, bool light, bool raised)
{
	require_vcpu(v);
	REQUIRE(light); /* only the light path reaches it here */
	(void)raised;
}

void vcpu_raise_irq(struct vcpu *v, uint64_t bits)
{
	require_vcpu(v);
	REQUIRE(bits && !(bits & ~ARCH_VIRQS));
	v->irq_set |= bits;
	fuzz_effects++;
}

void sched_wake(struct vcpu *v)
{
	require_vcpu(v);
	fuzz_effects++;
}

void vcpu_account_info(struct vcpu *v)
{
	require_vcpu(v);
	if (!v->info_gpa)
		return;
	REQUIRE(!(v->info_gpa % RVPV_VCPU_INFO_SIZE) && v->info_pins[v->info_cur].held);
	uint8_t *p = gmem_at(&v->info_pins[v->info_cur], 0);
	REQUIRE(p == fw.ram + (v->info_gpa - v->vm->ram_gpa));
	require_ram(p, RVPV_VCPU_INFO_SIZE);
	memset(p, 0xa5, RVPV_VCPU_INFO_SIZE);
	fuzz_effects++;
}

void cpu_set_timer(struct vcpu *v, uint64_t deadline, bool event)
{
	require_vcpu(v);
	v->timer_deadline = deadline;
	(void)event;
	fuzz_effects++;
}

int64_t cpu_vcpu_start(struct vm *vm, uint64_t id, uint64_t pc, uint64_t opaque)
{
	REQUIRE(vm == &fw.vm);
	if (id >= vm->nvcpus)
		return SBI_ERR_INVALID_PARAM;
	if ((pc & 1) || !gmem_in_ram(vm, pc, 2))
		return SBI_ERR_INVALID_ADDRESS;
	if (vm->vcpus[id]->state != VCPU_STOPPED)
		return SBI_ERR_ALREADY_AVAILABLE;
	vm->vcpus[id]->state = VCPU_RUNNABLE;
	vm->vcpus[id]->start_pc = pc;
	vm->vcpus[id]->start_arg = opaque;
	fuzz_effects++;
	return SBI_SUCCESS;
}

void cpu_remote_flush(struct hc_call *c, uint64_t targets, uint64_t start, uint64_t size, uint64_t asid)
{
	uint64_t all = c->v->vm->nvcpus >= 64 ? ~0ull : (1ull << c->v->vm->nvcpus) - 1;
	REQUIRE(!(targets & ~all)); /* hc_vcpu_mask never names a vCPU that does not exist */
	(void)asid;
	/* the range check is cpu_ops.c's (conformance: range-overflows, sfence-range-wraps) */
	c->error = size == 0 || size == UINT64_MAX || start + size >= start ? SBI_SUCCESS
									    : SBI_ERR_INVALID_ADDRESS;
	fuzz_effects += c->error == SBI_SUCCESS;
}

void cpu_suspend(struct hc_call *c, bool retentive, uint64_t pc, uint64_t opaque)
{
	require_vcpu(c->v);
	if (!retentive)
		REQUIRE(!(pc & 1) && gmem_in_ram(c->v->vm, pc, 2));
	(void)opaque;
	c->v->suspended = true;
	c->error = SBI_SUCCESS;
	c->next = RUN_BLOCK;
	fuzz_effects++;
}

void cpu_wait_for_remote(struct hc_call *c, uint64_t targets)
{
	(void)c;
	(void)targets;
}

int64_t balloon_release(struct hc_call *c, uint64_t gpa, uint64_t npages)
{
	REQUIRE(!(gpa % PAGE_SIZE) && npages <= c->v->vm->ram_size / PAGE_SIZE);
	REQUIRE(gmem_in_ram(c->v->vm, gpa, npages * PAGE_SIZE));
	if (fuzz_core_error)
		return fuzz_core_error;
	c->value = npages;
	fuzz_effects++;
	return SBI_SUCCESS;
}

int64_t balloon_reclaim(struct vm *vm, uint64_t gpa, uint64_t npages, uint64_t *done)
{
	REQUIRE(!(gpa % PAGE_SIZE) && npages <= vm->ram_size / PAGE_SIZE);
	REQUIRE(gmem_in_ram(vm, gpa, npages * PAGE_SIZE));
	*done = 0;
	if (fuzz_core_error)
		return fuzz_core_error;
	*done = npages;
	fuzz_effects++;
	return SBI_SUCCESS;
}

void console_vm_write(struct vcpu *v, const char *s, size_t n)
{
	struct vm *vm = v->vm;
	REQUIRE(vm == &fw.vm && vm->lock.locked); /* callers hold the VM lock */
	volatile char sink = 0;
	for (size_t i = 0; i < n; i++)
		sink ^= s[i]; /* reads every byte: ASan checks the copy it came from */
	(void)sink;
	fuzz_effects++;
}

int64_t console_write_guest(struct vcpu *v, uint64_t gpa, uint64_t len)
{
	struct vm *vm = v->vm;
	char copy[256];
	REQUIRE(vm == &fw.vm && len && len <= 4096 && !vm->lock.locked);
	if (!gmem_usable(vm, gpa, len))
		return -1;
	for (uint64_t done = 0, n; done < len; done += n) {
		n = len - done < sizeof(copy) ? len - done : sizeof(copy);
		REQUIRE(gmem_read(vm, copy, gpa + done, n) == 0);
	}
	fuzz_effects++;
	return (int64_t)len;
}

int64_t console_read_guest(struct vcpu *v, uint64_t gpa, uint64_t len)
{
	struct vm *vm = v->vm;
	uint8_t buf[CONSOLE_IN_SIZE];
	REQUIRE(vm == &fw.vm && len && !vm->lock.locked);
	len = len < sizeof(buf) ? len : sizeof(buf);
	if (!gmem_usable(vm, gpa, len))
		return -1;
	uint32_t n = len < fw.input ? (uint32_t)len : fw.input;
	memset(buf, 'x', n);
	REQUIRE(gmem_write(vm, gpa, buf, n) == 0);
	fw.input -= n;
	if (n)
		fuzz_effects++;
	return n;
}

uint32_t console_vm_read(struct vcpu *v, uint8_t *buf, uint32_t len)
{
	struct vm *vm = v->vm;
	REQUIRE(vm == &fw.vm && vm->lock.locked && len);
	if (len > 1 || (buf >= fw.ram && buf < fw.ram + fw.vm.ram_size))
		require_ram(buf, len); /* guest buffers; legacy getchar reads one byte into its own */
	uint32_t n = len < fw.input ? len : fw.input;
	memset(buf, 'x', n);
	fw.input -= n;
	if (n)
		fuzz_effects++;
	return n;
}

struct vblk *disk_of(struct vm *vm, uint64_t dev)
{
	REQUIRE(vm == &fw.vm);
	return vm->cfg->disk >= 0 && dev == 0 ? &fake_disk : NULL;
}

static int blk_answer(struct vblk *vb)
{
	REQUIRE(vb == &fake_disk);
	if (fuzz_core_error)
		return (int)fuzz_core_error;
	fuzz_effects++;
	return 0;
}

int vblk_get_info(struct vblk *vb, uint64_t info_gpa) { (void)info_gpa; return blk_answer(vb); }
int vblk_set_features(struct vblk *vb, uint64_t features) { (void)features; return blk_answer(vb); }
int vblk_queue_setup(struct vblk *vb, uint32_t queue, uint64_t cfg_gpa) { (void)queue; (void)cfg_gpa; return blk_answer(vb); }
int vblk_notify(struct vblk *vb, uint32_t queue, uint64_t *until) { (void)queue; (void)until; return blk_answer(vb); }
int vblk_reset(struct vblk *vb) { return blk_answer(vb); }

/* The architecture (arch.h): the decoders' effects on the loaded vCPU's interrupts are kept
 * in one word; time stands still at 0. */
uint64_t fuzz_virqs;
void arch_virq_assert(uint64_t bits) { REQUIRE(!(bits & ~ARCH_VIRQS)); fuzz_virqs |= bits; }
void arch_virq_retract(uint64_t bits) { REQUIRE(!(bits & ~ARCH_VIRQS)); fuzz_virqs &= ~bits; }
uint64_t arch_time_now(void) { return 0; }
void arch_fence_i(void) {}
/* SSE injection and completion: the handler is entered (pc) and left (sepc) as vsbi_sse.c asks;
 * the interrupted VS state is one word, as the shimmed CSRs were before */
static uint64_t fuzz_vsepc;
void arch_sse_inject(struct vcpu *v, uint64_t pc, uint64_t *sepc, uint64_t *iflags)
{
	require_vcpu(v);
	*sepc = fuzz_vsepc;
	*iflags = 0;
	fuzz_vsepc = v->arch.ctx.sepc;
	v->arch.ctx.sepc = pc;
}
void arch_sse_complete(struct vcpu *v, uint64_t sepc, uint64_t iflags)
{
	require_vcpu(v);
	(void)iflags;
	v->arch.ctx.sepc = fuzz_vsepc;
	fuzz_vsepc = sepc;
}

/* SRST reports a guest's reboot request on the console: nothing to print here */
void hv_printf(const char *fmt, ...)
{
	REQUIRE(fmt);
}

/* Host unit test (ASan/UBSan) of the TLB fences in hv/core/exit.c: the real load() and
 * exit_run_vcpu(), compiled on the host unchanged. exit.c reaches the hardware only through
 * hv/arch/riscv/arch.h, whose functions this file implements: every fence, hgatp load and
 * guest entry is recorded. QEMU 7.2 flushes its whole TLB on every hgatp write, so a missing
 * hfence.gvma is invisible in any boot test; here it is a missing line in the record.
 *   - a VM's first run on a hart fences its VMID (hfence.gvma) before the first guest entry;
 *   - a new VM that reuses a destroyed VM's slot, and so its VMID, fences it again on every
 *     hart it runs on (stale G-stage entries of the old VM may still be cached there);
 *   - a G-stage change while the vCPU runs (balloon: new gs_gen) fences before the next entry;
 *   - a second vCPU of the same VM on the hart flushes the VS stage (hfence.vvma) first;
 *   - re-entering the same vCPU with nothing changed fences nothing;
 *   - a G-stage change that lands while load() fences is fenced again before the entry;
 *   - a guest page fault on a page mapped again (reclaim) fences and retries, one on a page
 *     that is not mapped stops the VM;
 *   - a vCPU woken while its fence or balloon release still waits for another vCPU's flush
 *     (flush_wait) blocks again without entering the guest or freeing the released pages.
 * Built by tests/unit/virtq_build.mk; no hypervisor file is changed for it. */
#include "../../hv/core/exit.c"
#include "unit.h"
#include <string.h>

/* ---- the record ---- */
enum ev_kind { EV_GVMA_VMID, EV_VVMA, EV_HGATP, EV_ENTER };
struct ev { enum ev_kind kind; uint64_t arg; uint32_t hart; };
static struct ev evs[256];
static unsigned nev;
static uint32_t cur_hart; /* the hart the code under test runs on */

static void record(enum ev_kind k, uint64_t arg)
{
	if (nev < ARRAY_SIZE(evs))
		evs[nev++] = (struct ev){ k, arg, cur_hart };
}

/* ---- the architecture (arch.h) ---- */
static struct vm *bump_in_fence; /* a G-stage change (balloon) landing during a fence */
void arch_fence_gstage(uint64_t vmid)
{
	record(EV_GVMA_VMID, vmid);
	if (bump_in_fence) {
		bump_in_fence->gs_gen += 1000;
		bump_in_fence = NULL;
	}
}
void arch_fence_vstage_all(void) { record(EV_VVMA, 0); }
void arch_vcpu_load(struct vcpu *v) { record(EV_HGATP, v->vm->vmid); } /* as vcpu.c: writes hgatp */
void arch_vcpu_save(struct vcpu *v) { (void)v; }
static uint64_t fake_time;
uint64_t arch_time_now(void) { return fake_time += 100; }
void arch_wait_for_interrupt(void) {}
uint32_t arch_hs_pending(void) { return 0; }
void arch_virq_state(uint64_t *pending, uint64_t *enabled) { *pending = *enabled = 0; }
void arch_vcpu_inject_illegal(struct vcpu *v, uint64_t tval) { (void)v; (void)tval; }
void arch_fp_load(struct hart *h, struct vcpu *v) { (void)h; (void)v; }
void arch_fp_forget(struct hart *h, struct vcpu *v) { (void)h; (void)v; }

/* ---- the hypervisor around exit.c ---- */
struct hart harts[MAX_HARTS];
uint32_t nharts = 2;
struct platform plat;

void vcpu_account_info(struct vcpu *v) { (void)v; }
void vcpu_apply_irqs(struct vcpu *v, bool light) { (void)v; (void)light; }
void hart_program_timer(struct hart *h) { (void)h; }
bool hart_run_timers(struct hart *h) { (void)h; return false; }
void timer_update(struct vcpu *v) { (void)v; }
void vsbi_sse_stop(struct vcpu *v) { (void)v; }
void vsbi_sse_deliver(struct vcpu *v) { (void)v; }
void gmem_unpin(struct vm *vm, struct gmem_pin *p) { (void)vm; (void)p; }
void plic_handle(struct hart *h) { (void)h; }
void console_vm_show(struct vm *vm) { (void)vm; }
uint64_t sched_slice_ticks(void) { return 1000000; }
void balloon_finish(struct vcpu *v) { v->balloon_npages = 0; }
void cpu_flush_done(struct vcpu *t) { (void)t; }
void cpu_run_begin(struct vcpu *t) { (void)t; }
void cpu_flush_release(struct vcpu *t, uint64_t waiters) { (void)t; (void)waiters; }
static int faults_expected, faults;
void vm_fault(struct vcpu *v, const char *what)
{
	(void)what;
	CHECK(faults_expected > faults);
	faults++;
	v->stop_requested = true; /* as vm_stop: the VM is dead */
}
/* the G-stage as gmem sees it: a guest page fault at pf_gpa finds it mapped or not */
static uint64_t pf_gpa;
static int pf_left, pf_mapped;
void *gmem_dma(struct vm *vm, uint64_t gpa, uint64_t len)
{
	static uint8_t page[4096];
	(void)vm, (void)len;
	return gpa == pf_gpa && pf_mapped ? page : NULL;
}
bool gmem_in_ram(struct vm *vm, uint64_t gpa, uint64_t len)
{
	return range_inside(gpa, len, vm->ram_gpa, vm->ram_size);
}

/* The guest: each entry runs one scripted step, then "exits" with an ecall: `ecalls_left`
 * calls that continue, then one that stops the vCPU (as VCPU_STOP does), which ends
 * exit_run_vcpu whatever the hart's policy for waiting in place. */
#define STOP_CALL 0x5709
static int ecalls_left;
static struct vm *bump_on_ecall;  /* a G-stage change (balloon) during the first ecall */
void arch_vcpu_enter(struct vcpu_ctx *ctx)
{
	struct vcpu *v = container_of(ctx, struct vcpu, arch.ctx);
	record(EV_ENTER, v->vm->vmid);
	ctx->x[REG_A7] = ecalls_left-- > 0 ? 0 : STOP_CALL;
}
void arch_decode_exit(struct vcpu *v, struct arch_exit *e)
{
	(void)v;
	*e = (struct arch_exit){ .kind = ARCH_EXIT_ECALL, .stat = ARCH_STAT_ECALL };
	if (pf_left > 0 && pf_left--)
		*e = (struct arch_exit){ .kind = ARCH_EXIT_GUEST_PF, .gpa = pf_gpa };
}

enum run_result hypercall_dispatch(struct vcpu *v)
{
	v->arch.ctx.sepc += 4;
	if (bump_on_ecall) {
		bump_on_ecall->gs_gen += 1000;
		bump_on_ecall = NULL;
	}
	if (v->arch.ctx.x[REG_A7] == STOP_CALL) {
		v->stop_requested = true;
		return RUN_STOP;
	}
	return RUN_CONTINUE;
}

/* ---- scenarios ---- */
static struct vm vm_a, vm_b, vm_c;
static struct vcpu vcpus[5];
static uint64_t gen;

static void make_vm(struct vm *vm, uint32_t id, struct vcpu *v, uint32_t n)
{
	memset(vm, 0, sizeof(*vm));
	vm->id = id;
	vm->vmid = id + 1;              /* as vm_create: the slot decides the VMID */
	vm->gs_gen = ++gen;             /* as vm_next_gen: global, never reused */
	vm->state = VM_RUNNING;
	vm->ram_gpa = GUEST_RAM_BASE;
	vm->ram_size = 4 << 20;
	vm->nvcpus = n;
	for (uint32_t i = 0; i < n; i++) {
		memset(&v[i], 0, sizeof(v[i]));
		v[i].vm = vm;
		v[i].id = i;
		v[i].state = VCPU_RUNNING;
		v[i].reset_pending = true; /* as vcpu_reset */
		v[i].flush_vvma = 1;
		vm->vcpus[i] = &v[i];
	}
}

/* Runs v on hart h until it stops (after `ecalls` continuing exits); returns the index of its
 * first record. The vCPU is then made running again, as a restart would. */
static unsigned run(uint32_t h, struct vcpu *v, int ecalls)
{
	unsigned from = nev;
	cur_hart = h;
	ecalls_left = ecalls;
	v->state = VCPU_RUNNING;
	CHECK(exit_run_vcpu(&harts[h], v) == RUN_STOP);
	return from;
}

/* From record `from` on: is there a fence of kind k (for vmid, if GVMA) before the next guest
 * entry? */
static bool fenced_before_entry(unsigned from, enum ev_kind k, uint64_t vmid)
{
	for (unsigned i = from; i < nev; i++) {
		if (evs[i].kind == EV_ENTER)
			return false;
		if (evs[i].kind == k && (k != EV_GVMA_VMID || evs[i].arg == vmid))
			return true;
	}
	return false;
}

static unsigned count(unsigned from, enum ev_kind k)
{
	unsigned n = 0;
	for (unsigned i = from; i < nev; i++)
		n += evs[i].kind == k;
	return n;
}

static unsigned entries(unsigned from)
{
	return count(from, EV_ENTER);
}

/* the position of the n-th (from 0) guest entry at or after record `from` */
static unsigned nth_entry(unsigned from, unsigned n)
{
	for (unsigned i = from; i < nev; i++)
		if (evs[i].kind == EV_ENTER && n-- == 0)
			return i;
	return nev;
}

int main(void)
{
	for (uint32_t i = 0; i < nharts; i++)
		harts[i].idx = i;

	/* VM A (slot 0, VMID 1), two vCPUs, runs on hart 0 and hart 1 */
	make_vm(&vm_a, 0, &vcpus[0], 2);
	unsigned r = run(0, &vcpus[0], 0);
	CHECK(fenced_before_entry(r, EV_GVMA_VMID, 1));        /* first run of VMID 1 on hart 0 */
	CHECK(fenced_before_entry(r, EV_VVMA, 0));
	r = run(1, &vcpus[1], 0);
	CHECK(fenced_before_entry(r, EV_GVMA_VMID, 1));        /* and on hart 1 */
	r = run(0, &vcpus[0], 0);
	CHECK(entries(r) == 1 && count(r, EV_GVMA_VMID) == 0 &&
	      count(r, EV_VVMA) == 0);                         /* nothing changed: no fence */

	/* a second vCPU of VM A on hart 0: VS-stage entries of vCPU 0 may be cached (same VMID) */
	r = run(0, &vcpus[1], 0);
	CHECK(fenced_before_entry(r, EV_VVMA, 0));
	CHECK(count(r, EV_GVMA_VMID) == 0);                    /* same G-stage: no gvma needed */
	r = run(0, &vcpus[0], 0);
	CHECK(fenced_before_entry(r, EV_VVMA, 0));

	/* the G-stage changes while vCPU 0 runs (a balloon release): fenced before re-entry */
	bump_on_ecall = &vm_a;
	r = run(0, &vcpus[0], 1);
	CHECK(entries(r) == 2);
	CHECK(fenced_before_entry(nth_entry(r, 0) + 1, EV_GVMA_VMID, 1));

	/* VM A is destroyed; VM B is created in the same slot and reuses VMID 1 */
	make_vm(&vm_b, 0, &vcpus[2], 2);
	CHECK(vm_b.vmid == vm_a.vmid);
	r = run(0, &vcpus[2], 0);
	CHECK(evs[r].kind == EV_HGATP && evs[r].arg == 1);
	CHECK(fenced_before_entry(r, EV_GVMA_VMID, 1));        /* the reused VMID, on hart 0 */
	CHECK(fenced_before_entry(r, EV_VVMA, 0));
	r = run(1, &vcpus[3], 0);
	CHECK(fenced_before_entry(r, EV_GVMA_VMID, 1));        /* and on hart 1, fenced on its own */
	r = run(1, &vcpus[3], 0);
	CHECK(count(r, EV_GVMA_VMID) == 0);                    /* once per hart and generation */

	/* another VM in another slot on hart 0 fences its own VMID and leaves VMID 1 alone */
	make_vm(&vm_c, 5, &vcpus[4], 1);
	r = run(0, &vcpus[4], 0);
	CHECK(fenced_before_entry(r, EV_GVMA_VMID, 6));
	r = run(0, &vcpus[2], 0);
	CHECK(count(r, EV_GVMA_VMID) == 0);

	/* vCPU 0 of VM B woken (an interrupt) while its balloon release waits for vCPU 1's flush:
	 * the call has not returned, so no guest entry and no balloon_finish yet; park() must see
	 * fence_blocked in case the wait ends before it looks. Once it ended: freed, then entered. */
	vcpus[2].flush_wait = 1ull << 1;
	vcpus[2].balloon_npages = 4;
	vcpus[2].fence_blocked = false;
	cur_hart = 0;
	r = nev;
	CHECK(exit_run_vcpu(&harts[0], &vcpus[2]) == RUN_BLOCK);
	CHECK(entries(r) == 0 && vcpus[2].balloon_npages == 4 && vcpus[2].fence_blocked);
	vcpus[2].flush_wait = 0;
	r = run(0, &vcpus[2], 0);
	CHECK(entries(r) == 1 && vcpus[2].balloon_npages == 0);

	/* a release lands while load() fences (vCPU not yet in its run loop, so the releaser
	 * does not wait for it): the fence may predate the change, so it is fenced again */
	make_vm(&vm_c, 5, &vcpus[4], 1);
	bump_in_fence = &vm_c;
	r = run(1, &vcpus[4], 0);
	unsigned first = nth_entry(r, 0);
	CHECK(count(r, EV_GVMA_VMID) == 2 && count(first, EV_GVMA_VMID) == 0); /* both before entry */

	/* a guest page fault on a page that is mapped (reclaimed while this hart may still cache
	 * its invalid entry): fenced and retried, not a fault of the guest's */
	pf_gpa = GUEST_RAM_BASE + 0x5000, pf_left = 1, pf_mapped = 1;
	r = run(1, &vcpus[4], 0);
	CHECK(entries(r) == 2 && faults == 0);
	CHECK(fenced_before_entry(nth_entry(r, 0) + 1, EV_GVMA_VMID, 6));
	/* one on a page that is not: the VM is stopped with a fault report */
	pf_left = 1, pf_mapped = 0, faults_expected = 1;
	r = run(1, &vcpus[4], 0);
	CHECK(entries(r) == 1 && faults == 1);

	if (unit_failed)
		for (unsigned i = 0; i < nev; i++)
			fprintf(stderr, "  %3u hart %u %s %lu\n", i, evs[i].hart,
				(const char *[]){ "hfence.gvma vmid", "hfence.vvma",
						  "hgatp vmid", "enter vmid" }[evs[i].kind],
				(unsigned long)evs[i].arg);
	return unit_summary("exit_load");
}

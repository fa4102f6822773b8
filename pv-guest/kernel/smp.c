/* Harts: the per-CPU records, the big kernel lock and starting the secondary harts. The whole
 * kernel runs under one lock (taken on every entry from user mode and by the scheduler,
 * released only to run user code or to idle), which keeps the single-hart code correct. */
#include "defs.h"
#include "pvops.h"

struct cpu cpus[MAXCPU];
uint32_t ncpu = 1;
/* The big kernel lock is a ticket lock: a CPU that syscalls in a tight loop would otherwise
 * win it back every time while a waiter sleeps in pv_spin_wait (seen: a sleeping parent
 * ran only after its spinning child had finished, on two harts). */
static volatile uint32_t bkl_next, bkl_owner;
uint8_t cpu_stacks[MAXCPU][16384] __attribute__((aligned(16)));

void smp_init_boot(uint64_t hartid)
{
	cpus[0].hartid = hartid;
}

void bkl_acquire(void)
{
	uint32_t ticket = __atomic_fetch_add(&bkl_next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&bkl_owner, __ATOMIC_ACQUIRE) != ticket)
		pv_spin_wait();
}

void bkl_release(void)
{
	__atomic_store_n(&bkl_owner, bkl_owner + 1, __ATOMIC_RELEASE);
}

void secondary_entry(void);
void trap_set_hz(uint64_t timebase);
static uint64_t timebase;

/* Boot hart: start every other hart the device tree lists; each enters secondary_entry
 * (entry.S) with a1 = its cpu index and ends in kmain_secondary. */
void smp_start(const struct fdt_info *fdt)
{
	timebase = fdt->timebase;
	for (uint32_t i = 0; i < fdt->ncpus && ncpu < MAXCPU; i++) {
		uint64_t h = fdt->hartids[i];
		if (h == cpus[0].hartid)
			continue;
		cpus[ncpu].hartid = h;
		if (pv_cpu_start(h, (uint64_t)secondary_entry, ncpu) < 0) {
			kprintf("pv-guest: hart %lu did not start\n", h);
			continue;
		}
		/* Wait with wfi and a short timer, never a bare spin: under -icount a spinning
		 * hart can starve the one it waits for. */
		uint64_t deadline = pv_time() + timebase;
		while (!__atomic_load_n(&cpus[ncpu].up, __ATOMIC_ACQUIRE) && pv_time() < deadline) {
			pv_timer_set(pv_time() + timebase / 1000);
			__asm__ volatile("wfi");
		}
		if (cpus[ncpu].up)
			kprintf("pv-guest: hart %lu up as cpu %u\n", h, ncpu);
		else
			kprintf("pv-guest: hart %lu started but never checked in\n", h);
		ncpu++;
	}
}

void kmain_secondary(uint64_t hartid, uint64_t idx)
{
	trap_init();
	kvm_switch(0);
	__atomic_store_n(&cpus[idx].up, 1, __ATOMIC_RELEASE);
	bkl_acquire();  /* held by the boot hart until its scheduler starts */
	pv_cpu_init(hartid);
	bkl_release();
	trap_set_hz(timebase);
	scheduler();
}

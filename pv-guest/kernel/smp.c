/* Harts: the per-CPU records, the big kernel lock and starting the secondary harts. The whole
 * kernel runs under one lock (taken on every entry from user mode and by the scheduler,
 * released only to run user code or to idle), which keeps the single-hart code correct. */
#include "defs.h"
#include "pvops.h"

struct cpu cpus[MAXCPU];
uint32_t ncpu = 1;
static volatile uint32_t bkl;
uint8_t cpu_stacks[MAXCPU][16384] __attribute__((aligned(16)));

void smp_init_boot(uint64_t hartid)
{
	cpus[0].hartid = hartid;
}

void bkl_acquire(void)
{
	while (__atomic_exchange_n(&bkl, 1, __ATOMIC_ACQUIRE))
		;
}

void bkl_release(void)
{
	__atomic_store_n(&bkl, 0, __ATOMIC_RELEASE);
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
		if (pv_cpu_start(h, (uint64_t)secondary_entry, ncpu) == 0)
			ncpu++;
		else
			kprintf("pv-guest: hart %lu did not start\n", h);
	}
}

void kmain_secondary(uint64_t hartid, uint64_t idx)
{
	trap_init();
	kvm_switch(0);
	bkl_acquire();
	kprintf("pv-guest: hart %lu up as cpu %lu\n", hartid, idx);
	bkl_release();
	trap_set_hz(timebase);
	scheduler();
}

/* A known number of calls on each of two vCPUs, for the monitor's per-VM sums (27-monitor):
 * vCPU 0 starts vCPU 1 and makes 1000 CPU_VCPU_COUNT calls; vCPU 1 makes 700 CPU_VCPU_COUNT
 * and 300 MEM_GET_MAP (count only) calls. Then vCPU 0 prints one line and both wait in wfi
 * for good, so the VM stays listed: CPU_VCPU_START=1 CPU_VCPU_COUNT=1700 MEM_GET_MAP=300
 * CONSOLE_WRITE=1, ecall exits 2002 (no SBI calls). */
#include "guest.h"

#define CALLS_VCPU0 1000
#define CALLS_VCPU1 700
#define MAPS_VCPU1 300

extern char _start[];
static volatile uint64_t vcpu1_done;

static void park(void)
{
	for (;;)
		__asm__ volatile("wfi"); /* a virtual-instruction exit, not a call */
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	if (vcpu == 1) {
		for (int i = 0; i < CALLS_VCPU1; i++)
			rvpv_cpu_vcpu_count();
		for (int i = 0; i < MAPS_VCPU1; i++)
			rvpv_mem_get_map(0, 0);
		__atomic_store_n(&vcpu1_done, 1, __ATOMIC_RELEASE);
		park();
	}
	if (rvpv_cpu_vcpu_start(1, (uint64_t)(uintptr_t)_start, 0).error)
		park(); /* no line: the test then never sees "count: done" */
	for (int i = 0; i < CALLS_VCPU0; i++)
		rvpv_cpu_vcpu_count();
	while (!__atomic_load_n(&vcpu1_done, __ATOMIC_ACQUIRE))
		; /* plain memory: the hypervisor's timer preempts this if need be */
	guest_printf("count: done, %d + %d calls\n", CALLS_VCPU0, CALLS_VCPU1 + MAPS_VCPU1);
	park();
}

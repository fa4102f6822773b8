/* A vCPU whose timer is due runs at once, not when its neighbour's time slice ends: vCPU 1 spins
 * with interrupts off on the same hart while vCPU 0 sleeps (wfi) until SBI TIME deadlines a few
 * milliseconds apart, and reports the worst lateness it saw. Run under -icount the figure is an
 * instruction count, not a wall-clock speed. */
#include "guest.h"

#define ROUNDS 20
#define SIE_STIE (1ul << 5)

extern char _start[];

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	if (vcpu) {
		__asm__ volatile("csrc sstatus, 2");
		for (;;)
			__asm__ volatile("" ::: "memory");
	}
	if (hc3(CPU, VCPU_START, 1, (uintptr_t)_start, 0).error)
		guest_exit_fail();
	__asm__ volatile("csrs sie, %0" ::"r"(SIE_STIE));
	uint64_t worst = 0;
	for (int round = 0; round < ROUNDS; round++) {
		/* 3.0-4.9 ms at 10 MHz: not a multiple of the hypervisor's 5 ms slice */
		uint64_t deadline = rdtime() + 30000 + (uint64_t)round * 997;
		sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline);
		while (rdtime() < deadline)
			__asm__ volatile("wfi"); /* SIE is 0: wfi returns once STIP is pending */
		uint64_t late = rdtime() - deadline;
		if (late > worst)
			worst = late;
	}
	sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX);
	guest_printf("timerlate: %d deadlines, worst lateness %lu ticks\n", ROUNDS, (unsigned long)worst);
	guest_exit_ok();
}

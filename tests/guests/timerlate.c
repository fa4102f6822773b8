/* A vCPU whose timer is due runs at once, not when its neighbour's time slice ends. Both vCPUs
 * share one hart; vCPU 0 sleeps (wfi) until SBI TIME deadlines 3.0-4.9 ms apart and reports the
 * worst lateness it saw, first beside a spinner, then beside a sleeper:
 *  - spinner: vCPU 1 spins with interrupts off, so each deadline falls in its time slice;
 *  - sleeper: vCPU 0 wakes vCPU 1 with an IPI before it sleeps; vCPU 1 computes for 2 ms with
 *    interrupts off, then waits in wfi, so each deadline falls while the hart waits with vCPU 1
 *    halted on it. Resuming vCPU 1 there (its wfi may return early) cost vCPU 0 the 2 ms.
 * Run under -icount the figures are instruction counts, not a wall-clock speed. */
#include "guest.h"

#define ROUNDS 20
#define SIP_SSIP (1ul << 1)
#define SIE_STIE (1ul << 5)

extern char _start[];
static volatile int sleeper; /* vCPU 1: 0 = spin, 1 = compute 2 ms after each wake-up */

static void second_vcpu(void)
{
	__asm__ volatile("csrc sstatus, 2");
	__asm__ volatile("csrs sie, %0" ::"r"(SIP_SSIP)); /* wfi returns on vCPU 0's IPI */
	while (!sleeper)
		__asm__ volatile("" ::: "memory");
	for (;;) {
		__asm__ volatile("wfi");
		__asm__ volatile("csrc sip, %0" ::"r"(SIP_SSIP));
		for (uint64_t until = rdtime() + 20000; rdtime() < until;)
			__asm__ volatile("" ::: "memory");
	}
}

static uint64_t worst_lateness(void)
{
	uint64_t worst = 0;
	for (int round = 0; round < ROUNDS; round++) {
		/* not a multiple of the hypervisor's 5 ms slice */
		uint64_t deadline = rdtime() + 30000 + (uint64_t)round * 997;
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline);
		if (sleeper)
			rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1ul << 1, 0);
		while (rdtime() < deadline)
			__asm__ volatile("wfi"); /* SIE is 0: wfi returns once STIP is pending */
		uint64_t late = rdtime() - deadline;
		if (late > worst)
			worst = late;
	}
	return worst;
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	if (vcpu)
		second_vcpu();
	if (rvpv_cpu_vcpu_start(1, (uintptr_t)_start, 0).error)
		guest_exit_fail();
	__asm__ volatile("csrs sie, %0" ::"r"(SIE_STIE));
	uint64_t spinner = worst_lateness();
	sleeper = 1;
	uint64_t halted = worst_lateness();
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX);
	guest_printf("timerlate: %d deadlines each, worst lateness beside a spinner %lu ticks, beside a sleeper %lu ticks\n",
		     ROUNDS, (unsigned long)spinner, (unsigned long)halted);
	guest_exit_ok();
}

/* Switch benchmark for `make bench`: CPU_YIELD in a loop. Alone (configs/bench-yield1.conf) a
 * yield returns to the caller; with two VMs (bench-yield-vm.conf) or two vCPUs of one VM
 * (bench-yield-vcpu.conf) on one hart, every yield switches to the other. Counted over the
 * middle half of the loop, when both sides are surely yielding. */
#include "guest.h"
#include "out.h"

#define N_YIELD 400

extern char _start[];

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	uint64_t nvcpus = rvpv_cpu_vcpu_count().value;
	if (vcpu != 0)
		for (;;)
			rvpv_cpu_yield();
	if (nvcpus > 1)
		rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, 1, (uintptr_t)_start, 0);
	uint64_t t = 0;
	for (uint32_t i = 0; i < N_YIELD; i++) {
		if (i == N_YIELD / 4)
			t = rdinstret();
		if (i == 3 * N_YIELD / 4)
			t = rdinstret() - t;
		rvpv_cpu_yield();
	}
	bench_line(nvcpus > 1 ? "yield_vcpus" : "yield", t, N_YIELD / 2);
	bench_line("done", 0, 0);
}

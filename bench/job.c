/* The fixed CPU job of the consolidation benchmark: every VM runs the same xorshift loop and
 * reports when it started and finished (rdtime, a machine-wide clock under rvpv). bootargs
 * iters=N sets the loop's length (the scale series, configs/bench-vms*.conf, runs shorter jobs). */
#include "guest.h"
#include "out.h"
#include "fdt.h"
#include "bootargs.h"

#define JOB_ITERS 16000000

static volatile uint64_t sink;

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	uint64_t iters = bootargs_num(fdt_bootargs(dtb), "iters", JOB_ITERS);
	uint64_t start = rdtime(), x = 88172645463325252ull;
	for (uint64_t i = 0; i < iters; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	sink = x;
	bench_line("job", start, rdtime());
}

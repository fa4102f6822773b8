/* Floating point is per vCPU: fills f0-f31 and fcsr with a pattern of its own, lets the
 * hypervisor preempt it (another VM doing the same runs on the same hart), and reads them back.
 * Any register that changed meanwhile is a leak between VMs. Runs until it has been preempted
 * FP_ROUNDS times (counted by rvpv in the vCPU info area), so the check does not depend on speed. */
#include "guest.h"
#include "rvpv/mem.h"

#define FP_ROUNDS 40

static struct rvpv_vcpu_info info __attribute__((aligned(64)));

/* f0..f31 = base, base+1, ...; fcsr = base's low 8 bits */
static void fp_fill(uint64_t base)
{
	__asm__ volatile(".option push\n.option arch, +d\n"
			 "fscsr %0\n"
			 ".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
			 "fmv.d.x f\\n, %0\naddi %0, %0, 1\n"
			 ".endr\n.option pop\n"
			 : "+r"(base) :: "memory");
}

/* registers that differ from fp_fill(base), fcsr counted as one more */
static uint64_t fp_check(uint64_t base)
{
	uint64_t bad = 0, t;
	__asm__ volatile(".option push\n.option arch, +d\n"
			 "frcsr %2\nandi %2, %2, 0xff\nandi t0, %1, 0xff\nbeq %2, t0, 1f\naddi %0, %0, 1\n1:\n"
			 ".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
			 "fmv.x.d %2, f\\n\nbeq %2, %1, 1f\naddi %0, %0, 1\n1:\naddi %1, %1, 1\n"
			 ".endr\n.option pop\n"
			 : "+r"(bad), "+r"(base), "=&r"(t) :: "t0", "memory");
	return bad;
}

static uint64_t preemptions(void)
{
	uint32_t s0, s1;
	uint64_t p;
	do {
		s0 = __atomic_load_n(&info.seq, __ATOMIC_ACQUIRE);
		p = info.preemptions;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s1 = __atomic_load_n(&info.seq, __ATOMIC_RELAXED);
	} while ((s0 & 1) || s0 != s1);
	return p;
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	/* a pattern no other VM uses: the boot instant, in the high half */
	uint64_t seed = rdtime() << 32 | 0x5a5a0000u, bad = 0, reads = 0;
	__asm__ volatile("csrs sstatus, %0" ::"r"(1ul << 13)); /* FS = Initial */
	if (rvpv_mem_register_vcpu_info((uintptr_t)&info).error)
		guest_exit_fail();
	uint64_t start = preemptions();
	guest_printf("fpcheck: pattern %lx\n", (unsigned long)seed);
	for (uint64_t round = 0; preemptions() - start < FP_ROUNDS; round++) {
		fp_fill(seed + round * 64);
		for (int spin = 0; spin < 20000; spin++)
			__asm__ volatile("" ::: "memory"); /* long enough to be preempted now and then */
		bad += fp_check(seed + round * 64);
		reads += 33;
	}
	/* fcsr alone: QEMU 7.2 marks HS sstatus.FS Dirty for f-register writes but not for a
	 * guest's fcsr writes (nor fflags set by compares), so a switch that trusted FS alone
	 * would hand this VM the other one's rounding mode */
	start = preemptions();
	for (uint64_t round = 0; preemptions() - start < FP_ROUNDS; round++) {
		uint64_t want = (seed >> 32 ^ round) & 0x1f; /* fflags only: frm stays valid */
		__asm__ volatile(".option push\n.option arch, +d\nfscsr %0\n.option pop" ::"r"(want));
		for (int spin = 0; spin < 20000; spin++)
			__asm__ volatile("" ::: "memory");
		uint64_t got;
		__asm__ volatile(".option push\n.option arch, +d\nfrcsr %0\n.option pop" : "=r"(got));
		bad += got != want;
		reads++;
	}
	guest_printf("fpcheck: %lu register reads across %d preemptions, %lu corrupted\n",
		     (unsigned long)reads, 2 * FP_ROUNDS, (unsigned long)bad);
	if (bad)
		guest_exit_fail();
	guest_exit_ok();
}

/* Cross-vCPU benchmarks for `make bench`: an IPI round trip (vCPU 0 sends an SBI IPI, vCPU 1's
 * handler answers with one back, vCPU 0's handler takes it) and SBI remote_sfence_vma aimed at
 * the other vCPU (rvpv only, see below). Both vCPUs wait with wfi, never a bare spin (-icount runs all harts on one
 * host thread). The same image runs on rvpv (a VM with 2 vCPUs) and natively on OpenSBI
 * (-smp 2): hart 1 is started through SBI HSM in both cases. */
#include "guest.h"
#include "out.h"

#define N_ROUNDS 64
#define N_FENCE  64
#define SIP_SSIP (1ul << 1)
#define SSTATUS_SIE (1ul << 1)

extern char _start[];
static volatile uint64_t irqs[2];

static uint64_t self(void)
{
	uint64_t id;
	__asm__ volatile("csrr %0, sscratch" : "=r"(id));
	return id;
}

__attribute__((interrupt("supervisor"), aligned(4))) static void smp_trap(void)
{
	uint64_t cause, id = self();
	__asm__ volatile("csrr %0, scause" : "=r"(cause));
	if (cause != ((1ul << 63) | 1))
		guest_exit_fail();
	__asm__ volatile("csrc sip, %0" : : "r"(SIP_SSIP));
	irqs[id]++;
	if (id == 1)  /* answer: hart mask 1 << 0 */
		rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, 0);
}

static void setup(uint64_t id)
{
	__asm__ volatile("csrw sscratch, %0" : : "r"(id));
	__asm__ volatile("csrw stvec, %0" : : "r"((uintptr_t)smp_trap));
	__asm__ volatile("csrs sie, %0" : : "r"(SIP_SSIP));
}

/* Sleep with interrupts on until vCPU `id` has taken one more IPI (bounded by a timer-free
 * count of wake-ups: a lost IPI ends the run with a _lost result instead of hanging). */
static int wait_ipi(uint64_t id, uint64_t before)
{
	for (uint32_t i = 0; i < 1000 && irqs[id] == before; i++) {
		__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
		__asm__ volatile("wfi");
		__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	}
	return irqs[id] != before;
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	setup(vcpu);
	if (vcpu != 0) {
		rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, 0);  /* "ready", to vCPU 0 */
		for (;;) {  /* answer IPIs until vCPU 0 ends the run */
			__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
			__asm__ volatile("wfi");
		}
	}
	if (rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, 1, (uintptr_t)_start, 0).error ||
	    !wait_ipi(0, 0)) {
		bench_line("smp_start_failed", 0, 0);
		guest_exit_ok();
	}
	int rvpv = bench_on_rvpv();
	uint64_t ok = 0, t = rdinstret();
	for (uint32_t i = 0; i < N_ROUNDS; i++) {
		uint64_t before = irqs[0];
		rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, 1);  /* hart mask 1 << 1 */
		ok += (uint64_t)wait_ipi(0, before);
	}
	t = rdinstret() - t;
	bench_line(ok == N_ROUNDS ? (rvpv ? "ipi_rt_rvpv" : "ipi_rt_native") : "ipi_rt_lost", t, N_ROUNDS);

	/* Not natively: OpenSBI waits for the other hart's acknowledgement in a spin, which under
	 * -icount (one host thread for both harts) never lets that hart run. */
	if (!rvpv) {
		bench_line("done", 0, 0);
		guest_exit_ok();
	}
	t = rdinstret();
	for (uint32_t i = 0; i < N_FENCE; i++)
		rvpv_sbi_call4(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, 1, 1, 0, ~0ul);
	t = rdinstret() - t;
	bench_line("rfence_rvpv", t, N_FENCE);
	bench_line("done", 0, 0);
	guest_exit_ok();
}

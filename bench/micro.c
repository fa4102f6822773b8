/* Microbenchmarks for `make bench`: instruction counts (rdinstret deltas, deterministic under
 * QEMU -icount) of hypercalls, SBI calls, console writes, event and timer delivery. The same
 * image runs as an rvpv guest (VS-mode) and as a plain S-mode payload of OpenSBI; calls that
 * only rvpv offers are skipped in the second case. */
#include "guest.h"
#include "out.h"

#define N_CALLS   256
#define N_CONSOLE 8
#define N_NOTIFY  64
#define POLL_MAX  20000
#define SIP_STIP  (1ul << 5)
#define SIP_SEIP  (1ul << 9)
#define SCAUSE_IRQ (1ul << 63)
#define SSTATUS_SIE_BIT (1ul << 1)

/* One SBI call per iteration; `insn` is "ecall" or "" (the empty loop: same register set-up,
 * same loop, no call), so the difference of the two is the cost of the call alone. */
#define CALL_LOOP(insn, n, ext, fid, x0, x1) ({                                     \
	uint64_t t_ = rdinstret();                                                  \
	for (uint64_t i_ = 0; i_ < (n); i_++) {                                     \
		register uint64_t r0_ __asm__("a0") = (x0);                         \
		register uint64_t r1_ __asm__("a1") = (x1);                         \
		register uint64_t r6_ __asm__("a6") = (fid);                        \
		register uint64_t r7_ __asm__("a7") = (ext);                        \
		__asm__ volatile(insn : "+r"(r0_), "+r"(r1_) : "r"(r6_), "r"(r7_)  \
				 : "memory");                                       \
	}                                                                           \
	rdinstret() - t_; })

static struct rvpv_event_page event_page __attribute__((aligned(4096)));
static char line64[64];

static volatile uint64_t irq_count;
static volatile int timer_by_sbi;

/* Delivery is measured up to the guest's own trap handler, which acknowledges the source. */
__attribute__((interrupt("supervisor"), aligned(4))) static void bench_trap(void)
{
	uint64_t cause;
	__asm__ volatile("csrr %0, scause" : "=r"(cause));
	if (cause == (SCAUSE_IRQ | 5)) {
		if (timer_by_sbi)
			rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, ~0ul);
		else
			__asm__ volatile("csrw stimecmp, %0" : : "r"(~0ul));
	} else if (cause == (SCAUSE_IRQ | 9)) {
		__atomic_fetch_and(&event_page.pending[0], ~2ul, __ATOMIC_SEQ_CST);
		rvpv_event_eoi();
	} else {
		guest_exit_fail();
	}
	irq_count++;
}

/* Interrupts on until the handler has run once more (bounded: a lost interrupt is reported). */
static int wait_irq(uint64_t before)
{
	int ok = 0;
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE_BIT));
	for (uint64_t i = 0; i < POLL_MAX && !ok; i++)
		ok = irq_count != before;
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE_BIT));
	return ok;
}

static void bench_calls(int rvpv)
{
	uint64_t empty = CALL_LOOP("", N_CALLS, 0, 0, 0, 0);
	bench_line("empty_loop", empty, N_CALLS);
	uint64_t base = CALL_LOOP("ecall", N_CALLS, SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0);
	bench_line(rvpv ? "sbi_base_rvpv" : "sbi_base_native", base, N_CALLS);
	if (!rvpv)
		return;
	uint64_t null = CALL_LOOP("ecall", N_CALLS, RVPV_EXT_CORE, RVPV_FN_CORE_NULL_CALL, 0, 0);
	bench_line("null_call", null, N_CALLS);
	/* the rvpv timer call, disarming (no event port is bound yet): the routing look-up it makes */
	uint64_t tmr = CALL_LOOP("ecall", N_CALLS, RVPV_EXT_CPU, RVPV_FN_CPU_SET_TIMER, UINT64_MAX, 0);
	bench_line("cpu_set_timer", tmr, N_CALLS);

	for (int i = 0; i < 63; i++)
		line64[i] = '.';
	line64[63] = '\n';
	uint64_t cempty = CALL_LOOP("", N_CONSOLE, 0, 0, (uintptr_t)line64, 64);
	uint64_t cons = CALL_LOOP("ecall", N_CONSOLE, RVPV_EXT_CONSOLE, RVPV_FN_CONSOLE_WRITE,
				  (uintptr_t)line64, 64);
	bench_line("console64_empty", cempty, N_CONSOLE);
	bench_line("console64", cons, N_CONSOLE);
}

/* EVENT_SEND to a SELF port bound to this vCPU, taken as an external interrupt by the guest's
 * handler, which clears the port and calls EVENT_EOI. */
static void bench_event(void)
{
	if (rvpv_event_register_page((uintptr_t)&event_page, 0).error ||
	    rvpv_event_bind(1, RVPV_EVSRC_SELF, 0, 0).error) {
		bench_line("event_setup_failed", 0, 0);
		return;
	}
	uint64_t ok = 0, t = rdinstret();
	for (uint64_t i = 0; i < N_NOTIFY; i++) {
		rvpv_event_send(1);
		ok += (uint64_t)wait_irq(irq_count);
	}
	t = rdinstret() - t;
	bench_line(ok == N_NOTIFY ? "event_send_eoi" : "event_send_eoi_lost", t, N_NOTIFY);
}

/* A timer due at once, until the guest's handler has taken it and disarmed it: through the SBI TIME call
 * (answered by rvpv or OpenSBI) and, on rvpv with Sstc, by writing stimecmp directly. */
static void bench_timer(int rvpv)
{
	timer_by_sbi = 1;
	uint64_t ok = 0, t = rdinstret();
	for (uint64_t i = 0; i < N_NOTIFY; i++) {
		uint64_t before = irq_count;
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, 0);
		ok += (uint64_t)wait_irq(before);
	}
	t = rdinstret() - t;
	bench_line(ok == N_NOTIFY ? (rvpv ? "timer_sbi_rvpv" : "timer_sbi_native") : "timer_sbi_lost",
		   t, N_NOTIFY);
	if (!rvpv || !(rvpv_core_get_features().value & RVPV_FEAT_SSTC))
		return;
	timer_by_sbi = 0;
	ok = 0;
	t = rdinstret();
	for (uint64_t i = 0; i < N_NOTIFY; i++) {
		uint64_t before = irq_count;
		__asm__ volatile("csrw stimecmp, zero");
		ok += (uint64_t)wait_irq(before);
	}
	t = rdinstret() - t;
	bench_line(ok == N_NOTIFY ? "timer_sstc" : "timer_sstc_lost", t, N_NOTIFY);
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	int rvpv = bench_on_rvpv();
	__asm__ volatile("csrw stvec, %0" : : "r"((uintptr_t)bench_trap));
	__asm__ volatile("csrs sie, %0" : : "r"(SIP_STIP | SIP_SEIP));
	bench_calls(rvpv);
	if (rvpv)
		bench_event();
	bench_timer(rvpv);
	bench_line("done", 0, 0);
}

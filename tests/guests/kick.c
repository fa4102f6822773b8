/* Kicks between harts (test 24). vCPUs 0 and 1 of one VM, homed on harts 0 and 1, send each
 * other SBI IPIs; for each one rvpv kicks the other hart: a store to its ACLINT SSWI register,
 * or an SBI IPI through OpenSBI when the machine has none (scripts/qemu.sh -C).
 *  - ping-pong: vCPU 0 sends, vCPU 1's handler answers, vCPU 0 waits in wfi for the answer;
 *  - crossing: both vCPUs ping the other at once, each waiting in wfi for the acknowledgement
 *    (an IPI back) of its own ping while its handler acknowledges the other's, so kicks cross
 *    both ways; one IPI may carry a ping and an acknowledgement (the handler reads memory).
 * A lost kick leaves a vCPU in wfi: a watchdog timer (SBI TIME, 2 s of guest time per wait)
 * ends that wait, and the guest prints which phase and round lost it. */
#include "guest.h"

#define ROUNDS 2000
#define WATCHDOG 20000000ul /* ticks at 10 MHz */
#define SIP_SSIP (1ul << 1)
#define SIE_STIE (1ul << 5)
#define SSTATUS_SIE (1ul << 1)
#define CAUSE_SSI ((1ul << 63) | 1)
#define CAUSE_STI ((1ul << 63) | 5)

extern char _start[];
static volatile uint64_t pings[2];   /* pings[i]: how many vCPU i has sent in this phase */
static volatile uint64_t acks[2];    /* acks[i]: the latest of vCPU i's pings the other saw */
static volatile uint64_t answer;     /* ping-pong phase: vCPU 1 answers each IPI */
static volatile uint64_t answers;    /* ping-pong phase: IPIs vCPU 0 took (1 ready + 1 per round) */
static volatile uint64_t expired[2], watchdogs;
static volatile uint64_t crossing_go, crossing_done;

static uint64_t self(void)
{
	uint64_t id;
	__asm__ volatile("csrr %0, sscratch" : "=r"(id));
	return id;
}

static void send_ipi(uint64_t to)
{
	rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1ul << to, 0);
}

__attribute__((interrupt("supervisor"), aligned(4))) static void kick_trap(void)
{
	uint64_t cause, id = self();
	__asm__ volatile("csrr %0, scause" : "=r"(cause));
	if (cause == CAUSE_STI) {
		expired[id] = 1;
		watchdogs++;
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX);
		return;
	}
	if (cause != CAUSE_SSI)
		guest_exit_fail();
	__asm__ volatile("csrc sip, %0" : : "r"(SIP_SSIP));
	if (answer && id == 1)
		send_ipi(0);
	else if (answer)
		answers++;
	else if (pings[1 - id] > acks[1 - id]) { /* a new ping, not just our acknowledgement */
		acks[1 - id] = pings[1 - id];
		send_ipi(1 - id);
	}
}

/* Sleep until *word reaches want or the watchdog fires. wfi runs with SIE off, so an IPI that
 * comes after the check still ends it; the handler runs when SIE opens. */
static int wait_for(volatile uint64_t *word, uint64_t want)
{
	uint64_t id = self();
	expired[id] = 0;
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rdtime() + WATCHDOG);
	while (*word < want && !expired[id]) {
		__asm__ volatile("wfi");
		__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
		__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	}
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX);
	return *word >= want;
}

/* Each vCPU pings the other ROUNDS times; false at the first ping not acknowledged. */
static int crossing(uint64_t id)
{
	for (uint64_t i = 1; i <= ROUNDS; i++) {
		pings[id] = i;
		send_ipi(1 - id);
		if (!wait_for(&acks[id], i)) {
			guest_printf("kick: crossing lost vCPU %lu's ping %lu\n", (unsigned long)id,
				     (unsigned long)i);
			return 0;
		}
	}
	return 1;
}

static void setup(uint64_t id)
{
	__asm__ volatile("csrw sscratch, %0" : : "r"(id));
	__asm__ volatile("csrw stvec, %0" : : "r"((uintptr_t)kick_trap));
	__asm__ volatile("csrs sie, %0" : : "r"(SIP_SSIP | SIE_STIE));
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)dtb;
	setup(vcpu);
	if (vcpu != 0) {
		send_ipi(0); /* ready */
		for (;;) {
			if (crossing_go) {
				crossing_go = 0;
				crossing_done = crossing(1) ? 1 : 2;
				send_ipi(0); /* vCPU 0 may wait for crossing_done */
			}
			__asm__ volatile("wfi");
			__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
			__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
		}
	}
	answer = 1;
	if (rvpv_cpu_vcpu_start(1, (uintptr_t)_start, 0).error || !wait_for(&answers, 1)) {
		guest_printf("kick: vCPU 1 did not start\n");
		guest_exit_fail();
	}
	/* ping-pong: the next ping only after the answer to the last one: no two IPIs merge */
	for (uint64_t i = 1; i <= ROUNDS; i++) {
		send_ipi(1);
		if (!wait_for(&answers, i + 1)) {
			guest_printf("kick: ping-pong lost round %lu\n", (unsigned long)i);
			guest_exit_fail();
		}
	}
	guest_printf("kick: ping-pong %d rounds answered, watchdog %lu\n", ROUNDS, (unsigned long)watchdogs);
	answer = 0;
	pings[0] = pings[1] = acks[0] = acks[1] = 0;
	crossing_go = 1;
	send_ipi(1); /* vCPU 1 starts its half */
	int ok = crossing(0);
	if (!wait_for(&crossing_done, 1) || !ok || crossing_done != 1) {
		guest_printf("kick: crossing failed (vCPU 0 %s, vCPU 1 %s)\n", ok ? "done" : "lost",
			     crossing_done == 1 ? "done" : crossing_done ? "lost" : "not done");
		guest_exit_fail();
	}
	guest_printf("kick: crossing %d pings each way acknowledged, watchdog %lu\n", ROUNDS,
		     (unsigned long)watchdogs);
	guest_exit_ok();
}

/* One of many small VMs that share a few harts (configs/crowd.conf, tests/suite.d/24-crowd):
 * it sleeps through ROUNDS deadlines of its own, spread by its bootargs n=, taking turns
 * between the three ways a vCPU waits for time (a CPU_SET_TIMER bound to an event port, a
 * CPU_BLOCK_UNTIL, an SBI TIME timer with wfi), so each hart's timer heap holds many vCPUs
 * with different keys of every kind. A timer event that comes before its deadline is a
 * failure. Then it answers every line typed to it with one line, sleeping on its
 * console-input port in between, and never stops (the monitor must list it). */
#include "guest.h"
#include "fdt.h"
#include "bootargs.h"
#include "rvpv/event.h"

#define ROUNDS 12
#define PORT_TIMER 1
#define PORT_CONSOLE 2
#define SIE_STIE (1ul << 5)
#define SIE_SEIE (1ul << 9)

static struct rvpv_event_page evpage __attribute__((aligned(RVPV_EVENT_PAGE_SIZE)));

/* Sleeps (BLOCK: SEIE is set, SIE is not, so no trap) until port is pending, then takes it. */
static void wait_port(uint32_t port)
{
	uint64_t bit = 1ull << port;
	while (!(__atomic_load_n(&evpage.pending[0], __ATOMIC_SEQ_CST) & bit))
		rvpv_cpu_block();
	__atomic_fetch_and(&evpage.pending[0], ~bit, __ATOMIC_SEQ_CST);
	rvpv_event_eoi();
}

static void answer_lines(uint64_t n)
{
	char line[48], buf[16];
	uint32_t len = 0;
	for (;;) {
		uint64_t got = rvpv_console_read((uintptr_t)buf, sizeof(buf)).value;
		if (!got) {
			wait_port(PORT_CONSOLE);
			continue;
		}
		for (uint64_t i = 0; i < got; i++) {
			if (buf[i] != '\r' && buf[i] != '\n') {
				if (len + 1 < sizeof(line))
					line[len++] = buf[i];
				continue;
			}
			line[len] = 0;
			if (len)
				guest_printf("crowd %lu: heard '%s'\n", (unsigned long)n, line);
			len = 0;
		}
	}
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	uint64_t n = bootargs_num(fdt_bootargs(dtb), "n", 0);
	if (rvpv_event_register_page((uintptr_t)&evpage, 0).error ||
	    rvpv_event_bind(PORT_TIMER, RVPV_EVSRC_TIMER, 0, 0).error ||
	    rvpv_event_bind(PORT_CONSOLE, RVPV_EVSRC_CONSOLE_IN, 0, 0).error) {
		guest_printf("crowd %lu: FAIL: event setup\n", (unsigned long)n);
		guest_exit_fail();
	}
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX); /* nothing armed at reset */
	__asm__ volatile("csrs sie, %0" ::"r"(SIE_SEIE | SIE_STIE));
	uint32_t early = 0;
	for (uint32_t r = 0; r < ROUNDS; r++) {
		/* 20 us to 0.32 ms ahead, different for every VM and round */
		uint64_t deadline = rdtime() + 200 + (n * 7919 + r * 104729) % 3000;
		switch (r % 3) {
		case 0: /* a software timer in the hypervisor, fired as an event */
			rvpv_cpu_set_timer(deadline);
			wait_port(PORT_TIMER);
			early += rdtime() < deadline;
			break;
		case 1: /* a deadline on the blocked vCPU itself */
			while (rdtime() < deadline)
				rvpv_cpu_block_until(deadline);
			break;
		case 2: /* the hardware timer (Sstc) of a vCPU that waits blocked */
			rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline);
			while (rdtime() < deadline)
				__asm__ volatile("wfi");
			rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX);
			break;
		}
	}
	if (early) {
		guest_printf("crowd %lu: FAIL: %u timer events before their deadline\n", (unsigned long)n, early);
		guest_exit_fail();
	}
	guest_printf("crowd %lu: %u deadlines kept, none early\n", (unsigned long)n, ROUNDS);
	answer_lines(n);
}

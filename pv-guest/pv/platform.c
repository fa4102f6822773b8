/* pv backend: VS-mode on rvpv. Console through CONSOLE_WRITE/READ (output collected into
 * lines to save exits), idle through CPU_BLOCK_UNTIL (tickless), IPIs and remote fences through
 * hypercalls, events through the shared event page. */
#include "defs.h"
#include "pvops.h"
#include "pv.h"

const char pv_backend_name[] = "pv";
struct rvpv_event_page pv_events __attribute__((aligned(4096)));
uint64_t pv_vcpu;
static const struct fdt_info *fdt;
static int on_rvpv;
static int tickless;  /* ABI >= 1.1: CPU_BLOCK_UNTIL */
static int32_t console_port = -1;
static uint8_t port_vcpu[RVPV_EVENT_PORTS];  /* 1 + the vCPU a port is bound to; 0: unbound */
static char outbuf[128];
static uint32_t outlen;
static char inbuf[64];
static uint32_t inpos, inlen;
static int more_input;  /* the last CONSOLE_READ filled inbuf: rvpv may hold more */

void pv_platform_init(uint64_t hartid, const struct fdt_info *info)
{
	fdt = info;
	pv_vcpu = hartid;
	on_rvpv = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value == RVPV_SBI_IMPL_ID;
	if (!on_rvpv)
		return;
	tickless = rvpv_core_get_version().value >= (1 << 16 | 1);  /* CPU_BLOCK_UNTIL came with 1.1 */
	for (int i = 0; i < RVPV_EVENT_WORDS; i++)
		pv_events.mask[i] = ~0ull;
	if (rvpv_event_register_page(GPA(&pv_events), 0).error)
		return;
	if (pv_event_bind(PV_PORT_CONSOLE, RVPV_EVSRC_CONSOLE_IN, 0, hartid) == 0)
		console_port = PV_PORT_CONSOLE;
}

/* Bind a source to a port on a vCPU and unmask it; 0 or -1. */
int pv_event_bind(uint32_t port, uint64_t source, uint64_t arg, uint64_t vcpu)
{
	if (vcpu >= 255 || rvpv_event_bind(port, source, arg, vcpu).error)
		return -1;
	port_vcpu[port] = (uint8_t)(vcpu + 1);
	__atomic_fetch_and(&pv_events.mask[port / 64], ~(1ull << (port % 64)), __ATOMIC_RELEASE);
	return 0;
}

int pv_event_pending(uint32_t port)
{
	return (__atomic_load_n(&pv_events.pending[port / 64], __ATOMIC_ACQUIRE) >> (port % 64)) & 1;
}

/* The port is bound to the vCPU running this (vCPU ids are the hart ids). */
int pv_event_mine(uint32_t port)
{
	return port_vcpu[port] == mycpu()->hartid + 1;
}

/* Only the port's own vCPU takes its event: rvpv asserts SEIP on that vCPU until that vCPU
 * calls EOI. A port another vCPU cleared (and EOIed for itself) left the owner's SEIP up
 * with nothing pending to acknowledge, so its every return to user mode trapped again until
 * some later event of its own (with a tickless idle none came: test 67 hung). */
void pv_event_ack(uint32_t port)
{
	if (!pv_event_mine(port))
		return;
	__atomic_fetch_and(&pv_events.pending[port / 64], ~(1ull << (port % 64)), __ATOMIC_ACQ_REL);
	rvpv_event_eoi();
}

static void flush(void)
{
	uint32_t done = 0;
	while (done < outlen) {
		struct rvpv_sbiret r = on_rvpv ? rvpv_console_write(GPA(outbuf + done), outlen - done)
					  : (struct rvpv_sbiret){ -1, 0 };
		if (r.error || r.value <= 0) {
			for (; done < outlen; done++)  /* not on rvpv: legacy SBI putchar */
				rvpv_sbi_call1(SBI_EXT_0_1_PUTCHAR, 0, (uint8_t)outbuf[done]);
			break;
		}
		done += (uint32_t)r.value;
	}
	outlen = 0;
}

void pv_console_putc(int c)
{
	if (c == '\r')
		return;  /* rvpv prints whole lines itself */
	outbuf[outlen++] = (char)c;
	if (c == '\n' || outlen == sizeof(outbuf))
		flush();
}

void pv_console_flush(void)
{
	flush();
}

/* With the console port bound, CONSOLE_READ is called only when the port says input came
 * (or the last read filled the buffer), so an idle console costs no exits at each tick. The
 * port is acknowledged before the read: input arriving after it raises the port again. */
int pv_console_getc(void)
{
	if (inpos == inlen) {
		if (!on_rvpv)
			return -1;
		if (console_port >= 0) {
			int pending = pv_event_pending((uint32_t)console_port);
			if (!pending && !more_input)
				return -1;
			if (pending && !pv_event_mine((uint32_t)console_port))
				return -1;  /* its own vCPU reads it (and acknowledges it) */
			if (pending)
				pv_event_ack((uint32_t)console_port);
		}
		struct rvpv_sbiret r = rvpv_console_read(GPA(inbuf), sizeof(inbuf));
		more_input = !r.error && r.value == (int64_t)sizeof(inbuf);
		if (r.error || r.value <= 0)
			return -1;
		inpos = 0;
		inlen = (uint32_t)r.value;
	}
	return (uint8_t)inbuf[inpos++];
}

/* Tickless: the tick is disarmed while the vCPU sleeps in CPU_BLOCK_UNTIL (no exit: Sstc) and
 * put back after, so an idle VM exits only for its events and its deadline. */
void pv_idle(uint64_t deadline)
{
	if (!on_rvpv) {
		__asm__ volatile("wfi");
	} else if (!tickless) {
		rvpv_cpu_block();  /* ABI 1.0: the tick wakes it */
	} else {
		uint64_t tick = csr_read(0x14d);
		pv_timer_set(UINT64_MAX);
		rvpv_cpu_block_until(deadline);
		pv_timer_set(tick);
	}
}

/* Called at every poll, not only when sip shows SEIP (see poll_interrupts): reading the
 * event page costs no exit. This vCPU's events other than the console (drained by
 * console_poll) are acknowledged here; the disk's owner re-checks its used ring by itself. */
void pv_external_irq(void)
{
	for (uint32_t w = 0; w < RVPV_EVENT_WORDS; w++) {
		uint64_t bits = __atomic_load_n(&pv_events.pending[w], __ATOMIC_ACQUIRE) & ~pv_events.mask[w];
		while (bits) {
			uint32_t port = w * 64 + (uint32_t)__builtin_ctzll(bits);
			bits &= bits - 1;
			if ((int32_t)port != console_port)
				pv_event_ack(port);
		}
	}
	console_poll();
}

/* Let rvpv run another vCPU (perhaps the lock holder) instead of burning this one. */
void pv_spin_wait(void)
{
	if (on_rvpv)
		rvpv_cpu_yield();
}

void pv_send_ipi(uint64_t hartmask)
{
	rvpv_cpu_send_ipi(hartmask, 0);  /* vCPU ids are the hart ids of rvpv's device tree */
}

int pv_cpu_start(uint64_t hartid, uint64_t entry, uint64_t opaque)
{
	return rvpv_cpu_vcpu_start(hartid, entry, opaque).error ? -1 : 0;
}

/* IPIs arrive as an event port bound to this vCPU; pv_external_irq acknowledges them. */
void pv_cpu_init(uint64_t hartid)
{
	if (on_rvpv && hartid < 64)
		pv_event_bind(PV_PORT_IPI(hartid), RVPV_EVSRC_IPI, hartid, hartid);
}

void pv_ipi_clear(void)
{
	csr_clear(sip, SIP_SSIP);
}

void pv_remote_sfence(uint64_t hartmask)
{
	rvpv_mem_remote_sfence(hartmask, 0, 0, UINT64_MAX, UINT64_MAX);
}

void pv_memory(uint64_t *base, uint64_t *size)
{
	*base = fdt->mem_base;
	*size = fdt->mem_size;
}

void pv_hvinfo(struct pv_hvinfo *out)
{
	out->sbi_impl_id = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value;
	out->sbi_impl_version = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION).value;
	if (on_rvpv) {
		out->rvpv_version = rvpv_core_get_version().value;
		out->rvpv_features = rvpv_core_get_features().value;
	}
	out->timebase = fdt->timebase;
	memcpy(out->backend, pv_backend_name, sizeof(pv_backend_name));
}

void pv_shutdown(void)
{
	flush();
	if (on_rvpv)
		rvpv_lifecycle_shutdown();
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE);
	for (;;)
		__asm__ volatile("wfi");
}

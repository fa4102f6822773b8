/* The suite's view of its platform (rvpv or not, RAM range, vCPU count), CSR helpers, bounded
 * waits (wfi woken by a timer, never a bare spin) and the trap handler (interrupts are
 * recorded, any exception ends the run). */
#include "conf.h"

struct conf_env env;

uint64_t rd_time(void)
{
	uint64_t t;
	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

uint64_t rd_sip(void)
{
	uint64_t v;
	__asm__ volatile("csrr %0, sip" : "=r"(v));
	return v;
}

void sip_clear(uint64_t bits) { __asm__ volatile("csrc sip, %0" : : "r"(bits)); }
void sie_set(uint64_t bits) { __asm__ volatile("csrs sie, %0" : : "r"(bits)); }
void sie_clear(uint64_t bits) { __asm__ volatile("csrc sie, %0" : : "r"(bits)); }

void timer_cancel(void)
{
	rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, UINT64_MAX);
}

/* Interrupts taken by conf_trap, as sip bits, one record per vCPU/hart: the trap handler of
 * the vCPU that took the interrupt sets its own entry (sscratch holds the vCPU/hart id, set at
 * every entry in crt0.S and resume.S), so a case can tell which vCPU an interrupt reached.
 * Reading sip alone is not enough: QEMU 7.2 does not show a VS timer interrupt raised by
 * vstimecmp (Sstc) in sip, although it delivers it. irq_seen is cleared by irq_forget;
 * irq_taken only by irq_taken_reset. */
static volatile uint64_t irq_seen[CONF_MAX_VCPUS], irq_taken[CONF_MAX_VCPUS];

static uint64_t my_slot(void)
{
	uint64_t id;
	__asm__ volatile("csrr %0, sscratch" : "=r"(id));
	return id % CONF_MAX_VCPUS;
}

void irq_forget(uint64_t bits)
{
	irq_seen[my_slot()] &= ~bits;
}

uint64_t irq_taken_here(void)
{
	return irq_taken[my_slot()];
}

void irq_taken_reset(void)
{
	irq_taken[my_slot()] = 0;
}

uint64_t irq_pending(uint64_t bits)
{
	sie_set(bits);
	__asm__ volatile("csrs sstatus, %0\n\tnop\n\tcsrc sstatus, %0" : : "r"(SSTATUS_SIE)
			 : "memory");
	sie_clear(bits);
	return (rd_sip() | irq_seen[my_slot()]) & bits;
}

/* wfi with sstatus.SIE = 0 (it still wakes on an interrupt enabled in sie), then a window in
 * which the interrupt is taken and recorded. Taking it at the wfi itself would be wrong: sepc
 * would point at the wfi, and the handler masks the source, so the hart would sleep forever. */
static void wfi_window(void)
{
	__asm__ volatile("wfi\n\tcsrs sstatus, %0\n\tnop\n\tcsrc sstatus, %0"
			 : : "r"(SSTATUS_SIE) : "memory");
}

uint64_t wait_flag(volatile uint64_t *flag)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS;

	while (!*flag && rd_time() < end) {
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + CONF_TICKS_MS);
		sie_set(SIP_STIP);
		wfi_window();
	}
	timer_cancel();
	sie_clear(SIP_STIP);
	irq_forget(SIP_STIP);
	return *flag;
}

uint64_t wait_sip(uint64_t bits)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS, got;
	int own_timer = !(bits & SIP_STIP);

	while (!(got = irq_pending(bits)) && rd_time() < end) {
		if (own_timer)
			rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + CONF_TICKS_MS);
		sie_set(bits | SIP_STIP);
		wfi_window();
	}
	if (own_timer) {
		timer_cancel();
		irq_forget(SIP_STIP);
	}
	sie_clear(bits | SIP_STIP);
	irq_forget(bits);
	return got;
}

static uint64_t count_harts(void)
{
	uint64_t n = 0;

	while (n < CONF_MAX_VCPUS &&
	       rvpv_sbi_call1(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, n).error == SBI_SUCCESS)
		n++;
	return n;
}

void env_init(uint64_t a0, uint64_t a1)
{
	struct rvpv_sbiret r;
	uint64_t base, size;

	env.boot_a0 = a0;
	env.boot_a1 = a1;
	env.self = a0;
	env.impl_id = (uint64_t)rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value;
	env.rvpv = env.impl_id == RVPV_SBI_IMPL_ID;
	env.dbcn = rvpv_sbi_call1(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_DBCN).value != 0;
	env.ram_base = 0x80000000ull;
	env.ram_end = env.ram_base + (128ull << 20);
	if (fdt_memory(a1, &base, &size) == 0) {
		env.ram_base = base;
		env.ram_end = base + size;
	}
	if (env.rvpv) {
		out_use_rvpv(1);
		env.features = (uint64_t)rvpv_core_get_features().value;
		r = rvpv_cpu_vcpu_count();
		env.ncpus = r.error ? 1 : (uint64_t)r.value;
		r = rvpv_mem_get_map(GPA(scratch[0]), 4096 / RVPV_MEM_REGION_SIZE);
		if (r.error == 0) {
			const struct rvpv_mem_region *m = (const void *)scratch[0];
			for (int64_t i = 0; i < r.value && i < 4096 / RVPV_MEM_REGION_SIZE; i++) {
				if (m[i].type == RVPV_MEM_RAM) {
					env.ram_base = m[i].base;
					env.ram_end = m[i].base + m[i].size;
					break;
				}
			}
		}
	} else {
		env.ncpus = count_harts();
	}
	out_printf("# rvpv conformance suite: impl id %lx (%s), %lu cpus, RAM %lx..%lx, DBCN %s\n",
		   env.impl_id, env.rvpv ? "rvpv" : "not rvpv", env.ncpus, env.ram_base, env.ram_end,
		   env.dbcn ? "yes" : "no");
}

void conf_trap(uint64_t scause, uint64_t sepc, uint64_t stval)
{
	if (scause >> 63) {
		uint64_t bit = 1ull << (scause & 63), me = my_slot();
		irq_seen[me] |= bit;
		irq_taken[me] |= bit;
		sie_clear(bit); /* level-triggered: mask until the case that waits looks at it */
		return;
	}
	out_printf("# unexpected trap: scause %lx sepc %lx stval %lx\n", scause, sepc, stval);
	tap_bail("unexpected trap in the guest");
}

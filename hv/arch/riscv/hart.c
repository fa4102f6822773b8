/* Physical harts: HS CSR setup (delegation, counters, Sstc), starting the secondary harts via
 * SBI HSM, cross-hart kicks (ACLINT SSWI, else SBI IPI), the hart's timer, time, wfi and
 * power-off through the firmware. What the timer is set to is the core's policy (core/timer.c). */
#include "arch.h"
#include "csr.h"
#include "hart.h"
#include "platform.h"
#include "printf.h"
#include "vcpu.h"
#include "vm.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"

struct hart harts[MAX_HARTS];
uint32_t nharts;
uint8_t boot_stack[HART_STACK_SIZE] __attribute__((aligned(16))); /* the others: palloc (main.c) */

void hart_secondary_entry(void);

void trap_vector(void); /* switch.S */

void arch_hart_init(void)
{
	csr_write(stvec, (uintptr_t)trap_vector);
	csr_write(sscratch, 0);
	/* Every exception a native kernel handles itself goes straight to the guest's vector:
	 * misaligned accesses (OpenSBI emulates plain loads and stores, but redirects a misaligned
	 * AMO or LR/SC as cause 4/6, to VS when delegated here), access faults, breakpoints, user
	 * ecalls, illegal instructions and VS-stage page faults. Guest-page faults, VS ecalls and
	 * virtual-instruction traps cannot be delegated and stay ours. */
	csr_write(hedeleg, (1ul << EXC_INST_MISALIGNED) | (1ul << EXC_INST_ACCESS) |
			   (1ul << EXC_ILLEGAL_INST) | (1ul << EXC_BREAKPOINT) |
			   (1ul << EXC_LOAD_MISALIGNED) | (1ul << EXC_LOAD_ACCESS) |
			   (1ul << EXC_STORE_MISALIGNED) | (1ul << EXC_STORE_ACCESS) |
			   (1ul << EXC_ECALL_U) | (1ul << EXC_INST_PAGE_FAULT) |
			   (1ul << EXC_LOAD_PAGE_FAULT) | (1ul << EXC_STORE_PAGE_FAULT));
	csr_write(hideleg, MIP_VSSIP | MIP_VSTIP | MIP_VSEIP);
	csr_write(hcounteren, 0x7);           /* cycle, time, instret readable in VS/VU */
	csr_write(hvip, 0);
	csr_write(htimedelta, 0);
	if (plat.has_sstc) {
		csr_write(henvcfg, ENVCFG_STCE);  /* guest programs vstimecmp with no exit */
		csr_write(stimecmp, UINT64_MAX);
	}
	/* hgatp as the privileged spec has it probed (ones written, read back): Sv39x4, and a
	 * VMID for every VM slot (vm.c: slot + 1), else two VMs would share TLB entries */
	csr_write(hgatp, HGATP_MODE_SV39X4 | HGATP_VMID_MASK << HGATP_VMID_SHIFT);
	uint64_t g = csr_read(hgatp), vmid_max = g >> HGATP_VMID_SHIFT & HGATP_VMID_MASK;
	if (g >> 60 != HGATP_MODE_SV39X4 >> 60 || vmid_max < MAX_VMS)
		panic("hgatp reads 0x%lx: rvpv needs Sv39x4 and VMIDs 1-%u", (unsigned long)g, MAX_VMS);
	csr_write(hgatp, 0);
	/* HS interrupts: taken while a guest runs (HS interrupts are always enabled when V=1);
	 * sstatus.SIE stays 0 so HS code itself is never interrupted. */
	csr_write(sie, MIP_SSIP | MIP_STIP | MIP_SEIP);
	csr_clear(sstatus, SSTATUS_SIE);
}

static volatile bool starting;

/* entry.S: _start ran again. OpenSBI 1.1 leaves its cold-boot IPI pending, so a stopped hart
 * polls its HSM state instead of sleeping, and sbi_hsm_hart_start publishes START_PENDING before
 * it stores the start address and argument: a hart that wins that race leaves with its
 * defaults, this entry and the boot device tree. It is the secondary being started. Anything
 * else (a jump here from hypervisor code: tp is one of our harts) is a bug. */
struct hart *hart_entered_again(uint64_t a0, uint64_t a1, uintptr_t tp)
{
	bool ours = tp >= (uintptr_t)harts && tp < (uintptr_t)(harts + nharts);
	for (uint32_t i = 1; i < nharts && starting && !ours; i++)
		if (harts[i].hartid == a0 && !harts[i].online)
			return &harts[i];
	panic("_start entered again on hart %lu (a0=0x%lx a1=0x%lx scause=0x%lx sepc=0x%lx)",
	      (unsigned long)(ours ? ((struct hart *)tp)->hartid : a0), (unsigned long)a0,
	      (unsigned long)a1, (unsigned long)csr_read(scause), (unsigned long)csr_read(sepc));
}

void arch_start_secondaries(void)
{
	starting = true;
	for (uint32_t i = 1; i < nharts; i++) {
		struct rvpv_sbiret r = rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, harts[i].hartid,
					    (uintptr_t)hart_secondary_entry, (uintptr_t)&harts[i]);
		if (r.error)
			hv_printf("hv: hart %lu did not start (%ld)\n", (unsigned long)harts[i].hartid, (long)r.error);
	}
}

uint64_t arch_time_now(void)
{
	return csr_read(time);
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

void arch_power_off(bool failure)
{
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN,
		  failure ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	for (;;)
		arch_wait_for_interrupt();
}

void arch_hart_kick(struct hart *h)
{
	if (h == this_hart() || !h->online)
		return;
	/* what the kick announces (queued vCPU, raised bits) is visible before the hart wakes */
	__asm__ volatile("fence w, o" ::: "memory");
	if (plat.sswi_setssip[h->idx])
		*(volatile uint32_t *)(uintptr_t)plat.sswi_setssip[h->idx] = 1;
	else
		rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, h->hartid);
}

void arch_set_hart_timer(uint64_t when)
{
	if (plat.has_sstc)
		csr_write(stimecmp, when);
	else
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, when);
}

uint64_t arch_vcpu_hw_timer(struct vcpu *v)
{
	/* vsie holds S-level positions: its STIE is at MIP_STIP's bit */
	return plat.has_sstc && (v->arch.csrs.vsie & MIP_STIP) ? v->arch.csrs.vstimecmp : UINT64_MAX;
}

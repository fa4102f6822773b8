/* Trap decoding: why the guest left (scause, stval, htval into a struct arch_exit), the HS
 * interrupts pending on this hart, and the panic for a trap taken in HS-mode itself. */
#include "arch.h"
#include "csr.h"
#include "vcpu.h"
#include "hart.h"
#include "printf.h"

#define INSN_WFI 0x10500073u

void arch_decode_exit(struct vcpu *v, struct arch_exit *e)
{
	struct vcpu_ctx *x = &v->arch.ctx;
	uint64_t cause = x->scause;
	*e = (struct arch_exit){ .kind = ARCH_EXIT_OTHER };
	if (cause & CAUSE_INTR) {
		uint64_t irq = cause & ~CAUSE_INTR;
		e->irq = true;
		e->stat = (uint32_t)(irq & (ARCH_NR_IRQ_STATS - 1));
		if (irq == IRQ_S_TIMER) {
			e->kind = ARCH_EXIT_TIMER;
		} else if (irq == IRQ_S_SOFT) {
			csr_clear(sip, MIP_SSIP);
			e->kind = ARCH_EXIT_KICK;
		} else if (irq == IRQ_S_EXT) {
			e->kind = ARCH_EXIT_DEVICE;
		}
		return;
	}
	e->stat = cause < ARCH_NR_EXC_STATS ? (uint32_t)cause : 0;
	switch (cause) {
	case EXC_ECALL_VS:
		e->kind = ARCH_EXIT_ECALL;
		break;
	case EXC_VIRTUAL_INST:
		e->insn = (uint32_t)x->stval;
		e->kind = e->insn == INSN_WFI ? ARCH_EXIT_WFI : ARCH_EXIT_BAD_INSN;
		if (e->kind == ARCH_EXIT_WFI)
			x->sepc += 4;
		break;
	case EXC_INST_GUEST_PF:
	case EXC_LOAD_GUEST_PF:
	case EXC_STORE_GUEST_PF:
		e->gpa = x->htval << 2 | (x->stval & 3);
		e->kind = ARCH_EXIT_GUEST_PF;
		break;
	}
}

const char *arch_exit_name(bool irq, uint32_t stat)
{
	static const char *const exc_names[ARCH_NR_EXC_STATS] = {
		[EXC_ILLEGAL_INST] = "illegal", [EXC_ECALL_VS] = "ecall", [EXC_INST_GUEST_PF] = "fetch-gpf",
		[EXC_LOAD_GUEST_PF] = "load-gpf", [EXC_VIRTUAL_INST] = "virtual-insn",
		[EXC_STORE_GUEST_PF] = "store-gpf",
	};
	static const char *const irq_names[ARCH_NR_IRQ_STATS] = {
		[IRQ_S_SOFT] = "kick", [IRQ_S_TIMER] = "timer", [IRQ_S_EXT] = "device",
	};
	if (irq)
		return stat < ARCH_NR_IRQ_STATS ? irq_names[stat] : NULL;
	return stat < ARCH_NR_EXC_STATS ? exc_names[stat] : NULL;
}
_Static_assert(ARCH_STAT_ECALL == EXC_ECALL_VS, "ecall exits are counted by cause");

uint32_t arch_hs_pending(void)
{
	uint64_t sip = csr_read(sip);
	if (sip & MIP_SSIP)
		csr_clear(sip, MIP_SSIP);
	return (sip & MIP_SSIP ? ARCH_HS_KICK : 0) | (sip & MIP_STIP ? ARCH_HS_TIMER : 0) |
	       (sip & MIP_SEIP ? ARCH_HS_DEVICE : 0);
}

bool arch_hs_wanted(void)
{
	return (csr_read(sip) & csr_read(sie) & (MIP_SSIP | MIP_STIP | MIP_SEIP)) != 0;
}

/* A trap taken while the hypervisor itself runs (sscratch = 0): always a hypervisor bug, since
 * HS code runs with interrupts off and touches guest memory only through checked pointers. */
void hs_trap_handler(uint64_t *regs)
{
	panic("hv: trap in HS-mode on hart %lu: scause=0x%lx sepc=0x%lx stval=0x%lx ra=0x%lx",
	      (unsigned long)this_hart()->hartid, (unsigned long)csr_read(scause),
	      (unsigned long)csr_read(sepc), (unsigned long)csr_read(stval), (unsigned long)regs[1]);
}

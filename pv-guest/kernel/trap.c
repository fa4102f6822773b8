/* Traps from user mode (system calls, faults, timer/IPI interrupts) and the clock tick.
 * The kernel runs with sstatus.SIE = 0; interrupts are taken only from U-mode, or found
 * pending by poll_interrupts() in the idle loop. */
#include "defs.h"
#include "pvops.h"

volatile uint64_t ticks;
static uint64_t tick_interval, tick_base;

void trap_init(void)
{
	csr_write(stvec, (uint64_t)trap_entry);
	csr_write(sscratch, 0);
	csr_write(0x106, 7);  /* scounteren: user may read cycle, time, instret */
	csr_write(sie, SIE_STIE | SIE_SSIE | SIE_SEIE);
}

void trap_set_hz(uint64_t timebase)
{
	tick_interval = timebase / HZ;
	if (!tick_base)  /* the boot hart, before any other hart starts ticking */
		tick_base = pv_time();
	mycpu()->next_tick = pv_time() + tick_interval;
	pv_timer_set(mycpu()->next_tick);
}

static void clock_tick(void)
{
	struct cpu *c = mycpu();
	uint64_t now = pv_time();
	/* ticks follow the time, whichever hart looks: an idle hart skips its ticks */
	if ((now - tick_base) / tick_interval > ticks)
		ticks = (now - tick_base) / tick_interval;
	if (c->next_tick <= now)
		c->next_tick = now - (now - tick_base) % tick_interval + tick_interval;
	pv_timer_set(c->next_tick);
	wakeup((const void *)&ticks);
}

/* Handles every pending interrupt; returns 1 if there was a tick or an IPI (the caller may
 * reschedule). External sources are always asked (pv_external_irq is cheap when nothing is
 * pending) instead of trusting sip.SEIP, which a VS-mode kernel on QEMU 7.2 does not see
 * reliably (as with STIP below): an event left unacknowledged would re-interrupt every
 * return to user mode. */
int poll_interrupts(void)
{
	uint64_t sip = csr_read(sip);
	int any = 0;
	/* Also compare the time: under rvpv an expired vstimecmp arrived as a trap from U-mode
	 * but never showed in a polled sip (measured: sip = 0 with time past stimecmp). */
	if ((sip & SIP_STIP) || (mycpu()->next_tick && pv_time() >= mycpu()->next_tick)) {
		clock_tick();
		any = 1;
	}
	pv_external_irq();
	if (sip & SIP_SSIP) {
		pv_ipi_clear();
		any = 1;
	}
	return any;
}

void usertrap(struct trapframe *tf)
{
	bkl_acquire();
	struct proc *p = myproc();
	uint64_t cause = csr_read(scause);
	if (cause == EXC_U_ECALL) {
		tf->epc += 4;
		syscall(tf);
	} else if (cause & SCAUSE_INTR) {
		poll_interrupts();
		yield();
	} else {
		kprintf("pid %d (%s): fault scause %lx sepc %lx stval %lx, killed\n", p->pid, p->name,
			cause, tf->epc, csr_read(stval));
		p->killed = 1;
	}
	if (p->killed)
		exit(-1);
	usertrapret();
}

void usertrapret(void)
{
	struct proc *p = myproc();
	uint64_t s = csr_read(sstatus);
	s &= ~(SSTATUS_SPP | SSTATUS_SIE);
	s |= SSTATUS_SPIE;
	csr_write(sstatus, s);
	p->tf.kernel_tp = cpuid();
	bkl_release();
	user_return(&p->tf);
}

void kerneltrap(void)
{
	kprintf("kernel trap: scause %lx sepc %lx stval %lx\n", csr_read(scause), csr_read(sepc),
		csr_read(stval));
	panic("kerneltrap");
}

/* A trap taken while the hypervisor itself runs (sscratch = 0): always a hypervisor bug, since
 * HS code runs with interrupts off and touches guest memory only through checked pointers. */
#include "csr.h"
#include "printf.h"
#include "hart.h"

void hs_trap_handler(uint64_t *regs)
{
	panic("hv: trap in HS-mode on hart %lu: scause=0x%lx sepc=0x%lx stval=0x%lx ra=0x%lx",
	      (unsigned long)this_hart()->hartid, (unsigned long)csr_read(scause),
	      (unsigned long)csr_read(sepc), (unsigned long)csr_read(stval), (unsigned long)regs[1]);
}

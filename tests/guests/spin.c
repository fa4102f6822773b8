/* A guest that never yields: interrupts off, a tight loop. The hypervisor's own timer must
 * still take the hart back so that other VMs run. */
#include "guest.h"

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	guest_printf("spin: spinning with interrupts off\n");
	__asm__ volatile("csrc sstatus, 2");
	for (;;)
		__asm__ volatile("" ::: "memory");
}

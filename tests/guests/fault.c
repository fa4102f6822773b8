/* A hostile guest: writes beyond the end of its RAM, then into hypervisor memory. The
 * hypervisor must stop it with a report and keep running the other VMs. */
#include "guest.h"

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	/* RAM is 0x80000000 + size; the device tree sits in the last 64 KiB of it */
	uint64_t beyond = (dtb + 0x10000 + 0xfff) & ~0xfffull;
	guest_printf("fault: writing to 0x%lx, past the end of my RAM\n", beyond);
	*(volatile uint64_t *)beyond = 0xdeadbeef;
	guest_printf("fault: still alive after the write: isolation is broken\n");
	guest_exit_fail();
}

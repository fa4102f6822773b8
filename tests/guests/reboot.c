/* Reboots itself at once, forever: each reboot destroys the VM and creates it afresh, so the
 * hypervisor's free memory must be the same after every cycle. */
#include "guest.h"

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	guest_puts("reboot: up\n");
	rvpv_lifecycle_reboot();
	guest_puts("reboot: LIFECYCLE_REBOOT returned\n");
	guest_exit_fail();
}

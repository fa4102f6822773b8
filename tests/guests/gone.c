/* A hostile guest: gives one page of its own back with MEM_BALLOON_RELEASE, then reads it. The
 * hypervisor must stop it with a report ("access to a released page"): a released page is gone
 * from the VM, not merely counted. Its teardown then frees RAM that is no longer one block. */
#include "guest.h"

static volatile uint8_t page[4096] __attribute__((aligned(4096)));

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	(void)dtb;
	page[0] = 0x5a;
	struct rvpv_sbiret r = rvpv_mem_balloon_release((uint64_t)(uintptr_t)page, 1);
	guest_printf("gone: released 0x%lx: error %ld, %ld page; reading it\n",
		     (unsigned long)(uintptr_t)page, (long)r.error, (long)r.value);
	if (r.error || r.value != 1)
		guest_exit_fail();
	guest_printf("gone: read 0x%x after the release: the page is still mapped\n", page[0]);
	guest_exit_fail();
}

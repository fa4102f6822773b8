/* Prober VM of the isolation test: one access outside its RAM, named by bootargs
 * `probe=ADDR` (`write=1` to store). The hypervisor must stop it with a fault report; a probe
 * that returns prints "isolation is broken". */
#include "iso.h"

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	const char *args = iso_bootargs(dtb);
	uint64_t a = iso_arg(args, "probe", 0);
	int wr = (int)iso_arg(args, "write", 0);
	guest_printf("probe: %s 0x%lx\n", wr ? "writing" : "reading", a);
	volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)a;
	uint64_t v = 0;
	if (wr)
		*p = 0x5858585858585858ull;
	else
		v = *p;
	guest_printf("probe: still alive after the access (0x%lx): isolation is broken\n", v);
	guest_exit_fail();
}

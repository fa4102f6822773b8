/* rvpv LIFECYCLE cases. SHUTDOWN and a valid CRASH end the VM, so only their refusals are
 * checked here (the run itself ends with SBI SRST); REBOOT is checked across the restart:
 * main.c leaves a mark in RAM below the image and the restarted suite continues from it. */
#include "conf.h"

void conf_LIFECYCLE_SHUTDOWN(void)
{
	tap_skip("stops-vm", "ends the run; the suite ends with SBI SRST shutdown instead");
}

void conf_LIFECYCLE_REBOOT(void)
{
	out_printf("# lifecycle/reboot: rebooting; the suite continues after the restart\n");
	out_flush();
	RVC0(LIFECYCLE, REBOOT);
	*(volatile uint64_t *)0x80100000ull = 0; /* returned: do not resume on a later boot */
	tap_ok(0, "does-not-return", "REBOOT returned");
}

void conf_LIFECYCLE_CRASH(void)
{
	static const char msg[] = "conformance";

	tap_expect(RVC3(LIFECYCLE, CRASH, 1, 0, sizeof(msg)), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(RVC3(LIFECYCLE, CRASH, 1, 0x10000000ull, sizeof(msg)), SBI_ERR_INVALID_ADDRESS,
		   "mmio");
	tap_expect(RVC3(LIFECYCLE, CRASH, 1, env.ram_end, sizeof(msg)), SBI_ERR_INVALID_ADDRESS,
		   "past-ram");
	tap_expect(RVC3(LIFECYCLE, CRASH, 1, env.ram_end - 4, 16), SBI_ERR_INVALID_ADDRESS,
		   "straddles-ram-end");
	tap_expect(RVC3(LIFECYCLE, CRASH, 1, GPA(msg), UINT64_MAX), SBI_ERR_INVALID_ADDRESS,
		   "length-overflows");
	tap_skip("valid-stops-vm", "ends the run");
}

/* rvpv LIFECYCLE cases. SHUTDOWN, REBOOT and a valid CRASH end the run, so only CRASH's
 * refusals are checked here; the run itself ends with SBI SRST shutdown. */
#include "conf.h"

void conf_LIFECYCLE_SHUTDOWN(void)
{
	tap_skip("stops-vm", "ends the run; the suite ends with SBI SRST shutdown instead");
}

void conf_LIFECYCLE_REBOOT(void)
{
	/* RAM is not preserved across a reboot, so a restarted guest cannot tell it is not on its
	 * first boot: the suite would loop. The harness-level reboot test lives with the core. */
	tap_skip("restarts-vm", "ends the run and nothing survives it for the guest to check");
}

void conf_LIFECYCLE_CRASH(void)
{
	static const char msg[] = "conformance";

	tap_expect(rvpv_lifecycle_crash(1, 0, sizeof(msg)), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_lifecycle_crash(1, 0x10000000ull, sizeof(msg)), SBI_ERR_INVALID_ADDRESS,
		   "mmio");
	tap_expect(rvpv_lifecycle_crash(1, env.ram_end, sizeof(msg)), SBI_ERR_INVALID_ADDRESS,
		   "past-ram");
	tap_expect(rvpv_lifecycle_crash(1, env.ram_end - 4, 16), SBI_ERR_INVALID_ADDRESS,
		   "straddles-ram-end");
	tap_expect(rvpv_lifecycle_crash(1, GPA(msg), UINT64_MAX), SBI_ERR_INVALID_ADDRESS,
		   "length-overflows");
	tap_skip("valid-stops-vm", "ends the run");
}

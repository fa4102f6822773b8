/* Machine power-off via SBI SRST (OpenSBI makes QEMU exit with status 0). */
#include "power.h"
#include "csr.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"

void power_off(bool failure)
{
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN,
		  failure ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	for (;;)
		wfi();
}

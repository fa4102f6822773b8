/* The first guest: greets through the console hypercall, checks that it runs on rvpv, and
 * shuts itself down through SBI SRST. */
#include "guest.h"

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	struct rvpv_sbiret id = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID);
	struct rvpv_sbiret ver = rvpv_core_get_version();
	guest_printf("hello from a paravirtual guest: vcpu %lu, dtb 0x%lx\n", vcpu, dtb);
	if (id.value != RVPV_SBI_IMPL_ID || ver.error || ver.value != RVPV_ABI_VERSION) {
		guest_printf("not on rvpv: impl id 0x%lx, version 0x%lx\n", id.value, ver.value);
		guest_exit_fail();
	}
	guest_printf("rvpv ABI %lu.%lu detected\n", ver.value >> 16, ver.value & 0xffff);
	guest_printf("goodbye\n");
}

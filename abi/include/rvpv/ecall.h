/* The SBI calling convention as one inline ecall, used by guests to reach rvpv (and by the
 * hypervisor to reach OpenSBI): a7 = extension, a6 = function, a0-a5 = arguments; returns
 * a0 = SBI error code, a1 = value. Prefixed names, so a kernel with its own `struct sbiret`
 * and `sbi_ecall` can include every rvpv header (tests/abi/check-headers.sh). */
#ifndef RVPV_ECALL_H
#define RVPV_ECALL_H

#ifndef __ASSEMBLER__
#include <stdint.h>

struct rvpv_sbiret {
	int64_t error;
	int64_t value;
};

static inline struct rvpv_sbiret rvpv_ecall(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1,
					    uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	register uint64_t r0 __asm__("a0") = a0;
	register uint64_t r1 __asm__("a1") = a1;
	register uint64_t r2 __asm__("a2") = a2;
	register uint64_t r3 __asm__("a3") = a3;
	register uint64_t r4 __asm__("a4") = a4;
	register uint64_t r5 __asm__("a5") = a5;
	register uint64_t r6 __asm__("a6") = fid;
	register uint64_t r7 __asm__("a7") = ext;
	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			 : "memory");
	return (struct rvpv_sbiret){ (int64_t)r0, (int64_t)r1 };
}
#endif
#endif

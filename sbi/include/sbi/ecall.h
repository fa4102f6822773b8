/* The SBI ecall: one inline wrapper used by the hypervisor (to reach OpenSBI) and by guests
 * (to reach rvpv). a7 = extension, a6 = function, a0-a5 = arguments; returns a0/a1. */
#ifndef SBI_ECALL_H
#define SBI_ECALL_H
#include <stdint.h>

struct sbiret {
	int64_t error;
	int64_t value;
};

static inline struct sbiret sbi_ecall(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1,
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
	return (struct sbiret){ (int64_t)r0, (int64_t)r1 };
}

#define sbi_call0(e, f)                 sbi_ecall((e), (f), 0, 0, 0, 0, 0, 0)
#define sbi_call1(e, f, a)              sbi_ecall((e), (f), (a), 0, 0, 0, 0, 0)
#define sbi_call2(e, f, a, b)           sbi_ecall((e), (f), (a), (b), 0, 0, 0, 0)
#define sbi_call3(e, f, a, b, c)        sbi_ecall((e), (f), (a), (b), (c), 0, 0, 0)
#define sbi_call4(e, f, a, b, c, d)     sbi_ecall((e), (f), (a), (b), (c), (d), 0, 0)
#define sbi_call5(e, f, a, b, c, d, g)  sbi_ecall((e), (f), (a), (b), (c), (d), (g), 0)

#endif

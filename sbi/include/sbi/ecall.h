/* Standard SBI calls by extension and function id, on the one ecall wrapper of rvpv/ecall.h
 * (shared by the hypervisor, to reach OpenSBI, and by guests, to reach rvpv). Prefixed, so a
 * kernel's own SBI code can sit beside it. */
#ifndef SBI_ECALL_H
#define SBI_ECALL_H
#include "rvpv/ecall.h"

#define rvpv_sbi_call0(e, f)                 rvpv_ecall((e), (f), 0, 0, 0, 0, 0, 0)
#define rvpv_sbi_call1(e, f, a)              rvpv_ecall((e), (f), (a), 0, 0, 0, 0, 0)
#define rvpv_sbi_call2(e, f, a, b)           rvpv_ecall((e), (f), (a), (b), 0, 0, 0, 0)
#define rvpv_sbi_call3(e, f, a, b, c)        rvpv_ecall((e), (f), (a), (b), (c), 0, 0, 0)
#define rvpv_sbi_call4(e, f, a, b, c, d)     rvpv_ecall((e), (f), (a), (b), (c), (d), 0, 0)
#define rvpv_sbi_call5(e, f, a, b, c, d, g)  rvpv_ecall((e), (f), (a), (b), (c), (d), (g), 0)

#endif

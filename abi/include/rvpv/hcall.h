/* The typed guest calls, generated from RVPV_CALLS: rvpv_<group>_<name>(arguments) for every
 * hypercall, taking exactly the arguments docs/abi.md lists (as uint64_t, guest-physical
 * addresses included) and returning a0/a1. The one spelling guests, tests and benchmarks use;
 * a case that must put something in a register a call ignores uses rvpv_ecall itself. */
#ifndef RVPV_HCALL_H
#define RVPV_HCALL_H
#include "rvpv/abi.h"
#include "rvpv/ecall.h"

#ifndef __ASSEMBLER__
/* Parameter lists and the six argument registers for 0..6 named arguments. */
#define RVPV_PARAMS_0() void
#define RVPV_PARAMS_1(a) uint64_t a
#define RVPV_PARAMS_2(a, b) uint64_t a, uint64_t b
#define RVPV_PARAMS_3(a, b, c) uint64_t a, uint64_t b, uint64_t c
#define RVPV_PARAMS_4(a, b, c, d) uint64_t a, uint64_t b, uint64_t c, uint64_t d
#define RVPV_PARAMS_5(a, b, c, d, e) uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e
#define RVPV_PARAMS_6(a, b, c, d, e, f) \
	uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f
#define RVPV_REGS_0() 0, 0, 0, 0, 0, 0
#define RVPV_REGS_1(a) a, 0, 0, 0, 0, 0
#define RVPV_REGS_2(a, b) a, b, 0, 0, 0, 0
#define RVPV_REGS_3(a, b, c) a, b, c, 0, 0, 0
#define RVPV_REGS_4(a, b, c, d) a, b, c, d, 0, 0
#define RVPV_REGS_5(a, b, c, d, e) a, b, c, d, e, 0
#define RVPV_REGS_6(a, b, c, d, e, f) a, b, c, d, e, f

/* A row whose argument count and names disagree fails to expand here. */
#define RVPV_X_WRAPPER(g, n, w, fid, minor, flags, nargs, args)                                   \
	static inline struct rvpv_sbiret rvpv_##w(RVPV_PARAMS_##nargs args)                       \
	{                                                                                         \
		return rvpv_ecall(RVPV_EXT_##g, RVPV_FN_##g##_##n, RVPV_REGS_##nargs args);       \
	}
RVPV_CALLS(RVPV_X_WRAPPER)
#undef RVPV_X_WRAPPER
#endif
#endif

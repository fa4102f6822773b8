/* The RISC-V part of a vCPU, embedded first in struct vcpu (Bao's way): the guest context the
 * world switch saves and loads, the VS-level CSRs swapped when the hart changes vCPU, and the
 * F/D register file. Offsets for switch.S come from here, checked with static asserts. */
#ifndef HV_ARCH_VCPU_H
#define HV_ARCH_VCPU_H
#define CTX_X(n)       ((n) * 8)          /* x1..x31; slot 0 unused */
#define CTX_SEPC       (32 * 8)
#define CTX_SSTATUS    (33 * 8)
#define CTX_HSTATUS    (34 * 8)
#define CTX_SCAUSE     (35 * 8)
#define CTX_STVAL      (36 * 8)
#define CTX_HTVAL      (37 * 8)
#define CTX_HS_RA      (38 * 8)
#define CTX_HS_SP      (39 * 8)
#define CTX_HS_GP      (40 * 8)
#define CTX_HS_TP      (41 * 8)
#define CTX_HS_S(n)    ((42 + (n)) * 8)   /* s0..s11 */
#define CTX_FAST_SBI   (54 * 8)           /* SBI BASE calls answered in switch.S */
#define CTX_SIZE       (55 * 8)
/* The call switch.S answers in its first instructions: the RVPV_CALL_FAST row of RVPV_CALLS
 * (rvpv/abi.h), as sums over the rows so that the assembler can use them too. */
#define HV_X_FAST_IS(flags) (((flags) >> RVPV_CALL_FAST_SHIFT) & 1)
#define HV_X_FAST_EXT(g, n, w, fid, minor, flags, ...) + HV_X_FAST_IS(flags) * RVPV_EXT_##g
#define HV_X_FAST_FID(g, n, w, fid, minor, flags, ...) + HV_X_FAST_IS(flags) * (fid)
#define HV_FAST_EXT (0 RVPV_CALLS(HV_X_FAST_EXT))
#define HV_FAST_FID (0 RVPV_CALLS(HV_X_FAST_FID))

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <stddef.h>

struct vcpu_ctx {
	uint64_t x[32];
	uint64_t sepc, sstatus, hstatus;
	uint64_t scause, stval, htval;
	uint64_t hs_ra, hs_sp, hs_gp, hs_tp, hs_s[12];
	uint64_t fast_sbi;
};
_Static_assert(sizeof(struct vcpu_ctx) == CTX_SIZE, "ctx size");
_Static_assert(offsetof(struct vcpu_ctx, sepc) == CTX_SEPC, "ctx sepc");
_Static_assert(offsetof(struct vcpu_ctx, htval) == CTX_HTVAL, "ctx htval");
_Static_assert(offsetof(struct vcpu_ctx, hs_ra) == CTX_HS_RA, "ctx hs_ra");
_Static_assert(offsetof(struct vcpu_ctx, hs_s) == CTX_HS_S(0), "ctx hs_s");
_Static_assert(offsetof(struct vcpu_ctx, fast_sbi) == CTX_FAST_SBI, "ctx fast_sbi");

/* the ecall convention: a7 = extension, a6 = function, a0-a5 = arguments, a0/a1 = result */
enum { REG_RA = 1, REG_SP = 2, REG_A0 = 10, REG_A1, REG_A2, REG_A3, REG_A4, REG_A5, REG_A6, REG_A7 };

/* VS CSRs that belong to a vCPU while another one runs on the hart */
struct vcpu_csrs {
	uint64_t vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
	uint64_t vstimecmp, hvip;
};

/* F/D register file (fp.S) */
struct vcpu_fp {
	uint64_t f[32];
	uint64_t fcsr;
};

struct arch_vcpu {
	struct vcpu_ctx ctx;          /* first: the world switch points sscratch here */
	struct vcpu_csrs csrs;
	struct vcpu_fp fp;            /* valid while another vCPU (or none) owns the hart's FP file */
};

/* exit counters, indexed by the RISC-V cause (the monitor names them, arch_exit_name) */
#define ARCH_NR_EXC_STATS 24
#define ARCH_NR_IRQ_STATS 16
#define ARCH_STAT_ECALL   10          /* a VS ecall: hypercalls and SBI calls */
#endif
#endif

/* The world switch. arch_vcpu_enter(ctx) saves the hypervisor's callee-saved registers in ctx,
 * loads the guest's and srets into VS/VU-mode. A trap from the guest lands in trap_vector,
 * which saves the guest's registers and trap CSRs into ctx and "returns" from arch_vcpu_enter, so
 * exits are handled in plain C on the hart's stack. sscratch holds ctx while a guest runs and 0
 * in HS-mode, which tells the two trap origins apart with one instruction. */
#include "arch_vcpu.h"
#include "csr.h"
#include "rvpv/abi.h"
#include "sbi/sbi_defs.h"

/* Guest register n lives at CTX_X(n); the hypervisor's callee-saved ones in CTX_HS_*. */
.macro GUEST op:req, regs:vararg
.irp n, \regs
	\op	x\n, CTX_X(\n)(a0)
.endr
.endm
.macro HS op:req
	\op	ra, CTX_HS_RA(a0)
	\op	sp, CTX_HS_SP(a0)
	\op	gp, CTX_HS_GP(a0)
	\op	tp, CTX_HS_TP(a0)
.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	\op	s\n, CTX_HS_S(\n)(a0)
.endr
.endm
/* What a C call may clobber (ra, sp, tp, t2, a1-a7, t3-t6: t0, t1 and a0 go separately) and
 * what it preserves (gp, s0-s11). */
#define CLOBBERED 1, 2, 4, 7, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31
#define PRESERVED 3, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27

	.text
	.globl arch_vcpu_enter
	.balign 4
arch_vcpu_enter:
	HS	sd
	/* sepc, sstatus.SPP and hstatus.SPV say where sret goes */
	ld	t0, CTX_SEPC(a0)
	csrw	sepc, t0
	ld	t0, CTX_SSTATUS(a0)
	csrw	sstatus, t0
	ld	t0, CTX_HSTATUS(a0)
	csrw	hstatus, t0
	csrw	sscratch, a0
	GUEST	ld, CLOBBERED, PRESERVED, 5, 6
	ld	a0, CTX_X(10)(a0)
	sret

	.globl trap_vector
	.balign 4
trap_vector:
	csrrw	a0, sscratch, a0
	beqz	a0, hs_trap		/* sscratch was 0: the trap came from HS-mode */
	sd	t0, CTX_X(5)(a0)
	/* Fast paths, answered here without saving the rest of the guest's registers or entering
	 * C: the RVPV_CALL_FAST row of RVPV_CALLS (CORE_NULL_CALL), the measuring stick of exit
	 * cost (t0 only), and the SBI BASE calls whose answer is a constant, vsbi_base_values[fid]
	 * (all but probe_extension, fid 3). */
	csrr	t0, scause
	addi	t0, t0, -EXC_ECALL_VS
	bnez	t0, 1f
	li	t0, HV_FAST_EXT
	bne	a7, t0, 2f
	addi	t0, a6, -HV_FAST_FID
	bnez	t0, 1f
	li	a1, 0
3:	csrr	t0, sepc
	addi	t0, t0, 4
	csrw	sepc, t0
	ld	t0, CTX_X(5)(a0)
	csrrw	a0, sscratch, a0	/* guest a0 back out, ctx back into sscratch */
	li	a0, 0			/* SBI_SUCCESS */
	sret
2:	addi	t0, a7, -SBI_EXT_BASE
	bnez	t0, 1f
	sltiu	t0, a6, 7
	beqz	t0, 1f
	addi	t0, a6, -3
	beqz	t0, 1f
	sd	t1, CTX_X(6)(a0)
	la	t1, vsbi_base_values
	slli	t0, a6, 3
	add	t1, t1, t0
	ld	a1, 0(t1)
	ld	t1, CTX_FAST_SBI(a0)	/* counted as an ecall exit and an SBI call */
	addi	t1, t1, 1
	sd	t1, CTX_FAST_SBI(a0)
	ld	t1, CTX_X(6)(a0)
	j	3b
	/* Every other exit: first the registers a C call may clobber, then scause into t0. */
1:	sd	t1, CTX_X(6)(a0)
	csrr	t0, scause
	GUEST	sd, CLOBBERED
	csrrw	t1, sscratch, zero	/* guest a0; sscratch = 0 again for HS */
	sd	t1, CTX_X(10)(a0)
	/* Light path: calls that neither block nor switch (hypercall_light says which) run in C
	 * on the hart's stack while the guest's callee-saved registers stay live in the CPU,
	 * since the C ABI preserves them; then straight back to the guest. sepc goes through ctx,
	 * where the call's one finish (hypercall.c) advances it for both paths. */
	li	t1, EXC_ECALL_VS
	bne	t0, t1, save_rest
	csrr	t1, sepc
	sd	t1, CTX_SEPC(a0)
	ld	sp, CTX_HS_SP(a0)
	ld	tp, CTX_HS_TP(a0)
	addi	sp, sp, -16
	sd	a0, 0(sp)
	call	hypercall_light		/* a0 = ctx = the vcpu */
	mv	t0, a0
	ld	a0, 0(sp)
	addi	sp, sp, 16
	beqz	t0, save_rest		/* not light: a full exit, nothing lost */
	ld	t0, CTX_SEPC(a0)
	csrw	sepc, t0
	csrw	sscratch, a0
	GUEST	ld, CLOBBERED, 5, 6
	ld	a0, CTX_X(10)(a0)
	sret
	/* Full exit: the rest of the guest's registers and the trap CSRs, then back to C. */
save_rest:
	GUEST	sd, PRESERVED
	csrr	t0, sepc
	sd	t0, CTX_SEPC(a0)
	csrr	t0, sstatus
	sd	t0, CTX_SSTATUS(a0)
	csrr	t0, hstatus
	sd	t0, CTX_HSTATUS(a0)
	csrr	t0, scause
	sd	t0, CTX_SCAUSE(a0)
	csrr	t0, stval
	sd	t0, CTX_STVAL(a0)
	csrr	t0, htval
	sd	t0, CTX_HTVAL(a0)
	HS	ld
	ret				/* back in arch_vcpu_enter's caller */

	/* A trap taken in HS-mode is a hypervisor bug: save what the report needs and panic. */
hs_trap:
	csrrw	a0, sscratch, a0	/* restore a0, sscratch = 0 */
	addi	sp, sp, -32 * 8
	sd	ra, 1 * 8(sp)
	sd	a0, 10 * 8(sp)
	mv	a0, sp
	call	hs_trap_handler
1:	wfi
	j	1b

/* The world switch. vcpu_enter(ctx) saves the hypervisor's callee-saved registers in ctx,
 * loads the guest's and srets into VS/VU-mode. A trap from the guest lands in trap_vector,
 * which saves the guest's registers and trap CSRs into ctx and "returns" from vcpu_enter, so
 * exits are handled in plain C on the hart's stack. sscratch holds ctx while a guest runs and 0
 * in HS-mode, which tells the two trap origins apart with one instruction. */
#include "vcpu.h"
#include "csr.h"
#include "rvpv/abi.h"

	.text
	.globl vcpu_enter
	.balign 4
vcpu_enter:
	sd	ra, CTX_HS_RA(a0)
	sd	sp, CTX_HS_SP(a0)
	sd	gp, CTX_HS_GP(a0)
	sd	tp, CTX_HS_TP(a0)
	sd	s0, CTX_HS_S(0)(a0)
	sd	s1, CTX_HS_S(1)(a0)
	sd	s2, CTX_HS_S(2)(a0)
	sd	s3, CTX_HS_S(3)(a0)
	sd	s4, CTX_HS_S(4)(a0)
	sd	s5, CTX_HS_S(5)(a0)
	sd	s6, CTX_HS_S(6)(a0)
	sd	s7, CTX_HS_S(7)(a0)
	sd	s8, CTX_HS_S(8)(a0)
	sd	s9, CTX_HS_S(9)(a0)
	sd	s10, CTX_HS_S(10)(a0)
	sd	s11, CTX_HS_S(11)(a0)
	/* sepc, sstatus.SPP and hstatus.SPV say where sret goes */
	ld	t0, CTX_SEPC(a0)
	csrw	sepc, t0
	ld	t0, CTX_SSTATUS(a0)
	csrw	sstatus, t0
	ld	t0, CTX_HSTATUS(a0)
	csrw	hstatus, t0
	csrw	sscratch, a0
	ld	ra, CTX_X(1)(a0)
	ld	sp, CTX_X(2)(a0)
	ld	gp, CTX_X(3)(a0)
	ld	tp, CTX_X(4)(a0)
	ld	t0, CTX_X(5)(a0)
	ld	t1, CTX_X(6)(a0)
	ld	t2, CTX_X(7)(a0)
	ld	s0, CTX_X(8)(a0)
	ld	s1, CTX_X(9)(a0)
	ld	a1, CTX_X(11)(a0)
	ld	a2, CTX_X(12)(a0)
	ld	a3, CTX_X(13)(a0)
	ld	a4, CTX_X(14)(a0)
	ld	a5, CTX_X(15)(a0)
	ld	a6, CTX_X(16)(a0)
	ld	a7, CTX_X(17)(a0)
	ld	s2, CTX_X(18)(a0)
	ld	s3, CTX_X(19)(a0)
	ld	s4, CTX_X(20)(a0)
	ld	s5, CTX_X(21)(a0)
	ld	s6, CTX_X(22)(a0)
	ld	s7, CTX_X(23)(a0)
	ld	s8, CTX_X(24)(a0)
	ld	s9, CTX_X(25)(a0)
	ld	s10, CTX_X(26)(a0)
	ld	s11, CTX_X(27)(a0)
	ld	t3, CTX_X(28)(a0)
	ld	t4, CTX_X(29)(a0)
	ld	t5, CTX_X(30)(a0)
	ld	t6, CTX_X(31)(a0)
	ld	a0, CTX_X(10)(a0)
	sret

	.globl trap_vector
	.balign 4
trap_vector:
	csrrw	a0, sscratch, a0
	beqz	a0, hs_trap		/* sscratch was 0: the trap came from HS-mode */
	sd	t0, CTX_X(5)(a0)
	sd	t1, CTX_X(6)(a0)
	/* Fast path: CORE_NULL_CALL, the measuring stick of exit cost, answered here without
	 * saving the rest of the guest's registers or entering C. */
	csrr	t0, scause
	li	t1, EXC_ECALL_VS
	bne	t0, t1, 1f
	li	t1, RVPV_EXT_CORE
	bne	a7, t1, 1f
	li	t1, HV_FAST_NULL_FID
	bne	a6, t1, 1f
	csrr	t0, sepc
	addi	t0, t0, 4
	csrw	sepc, t0
	ld	t0, CTX_X(5)(a0)
	ld	t1, CTX_X(6)(a0)
	li	a1, 0
	csrrw	a0, sscratch, a0	/* guest a0 back out, ctx back into sscratch */
	li	a0, 0			/* SBI_SUCCESS */
	sret
	/* Every other exit: first the registers a C call may clobber (t0 still holds scause). */
1:	sd	ra, CTX_X(1)(a0)
	sd	sp, CTX_X(2)(a0)
	sd	tp, CTX_X(4)(a0)
	sd	t2, CTX_X(7)(a0)
	sd	a1, CTX_X(11)(a0)
	sd	a2, CTX_X(12)(a0)
	sd	a3, CTX_X(13)(a0)
	sd	a4, CTX_X(14)(a0)
	sd	a5, CTX_X(15)(a0)
	sd	a6, CTX_X(16)(a0)
	sd	a7, CTX_X(17)(a0)
	sd	t3, CTX_X(28)(a0)
	sd	t4, CTX_X(29)(a0)
	sd	t5, CTX_X(30)(a0)
	sd	t6, CTX_X(31)(a0)
	csrrw	t1, sscratch, zero	/* guest a0; sscratch = 0 again for HS */
	sd	t1, CTX_X(10)(a0)
	/* Light path: calls that neither block nor switch (hypercall_light says which) run in C
	 * on the hart's stack while the guest's callee-saved registers stay live in the CPU,
	 * since the C ABI preserves them; then straight back to the guest. */
	li	t1, EXC_ECALL_VS
	bne	t0, t1, save_rest
	ld	sp, CTX_HS_SP(a0)
	ld	tp, CTX_HS_TP(a0)
	addi	sp, sp, -16
	sd	a0, 0(sp)
	call	hypercall_light		/* a0 = ctx = the vcpu */
	mv	t0, a0
	ld	a0, 0(sp)
	addi	sp, sp, 16
	beqz	t0, save_rest		/* not light: a full exit, nothing lost */
	csrr	t0, sepc
	addi	t0, t0, 4
	csrw	sepc, t0
	csrw	sscratch, a0
	ld	ra, CTX_X(1)(a0)
	ld	sp, CTX_X(2)(a0)
	ld	tp, CTX_X(4)(a0)
	ld	t0, CTX_X(5)(a0)
	ld	t1, CTX_X(6)(a0)
	ld	t2, CTX_X(7)(a0)
	ld	a1, CTX_X(11)(a0)
	ld	a2, CTX_X(12)(a0)
	ld	a3, CTX_X(13)(a0)
	ld	a4, CTX_X(14)(a0)
	ld	a5, CTX_X(15)(a0)
	ld	a6, CTX_X(16)(a0)
	ld	a7, CTX_X(17)(a0)
	ld	t3, CTX_X(28)(a0)
	ld	t4, CTX_X(29)(a0)
	ld	t5, CTX_X(30)(a0)
	ld	t6, CTX_X(31)(a0)
	ld	a0, CTX_X(10)(a0)
	sret
	/* Full exit: the rest of the guest's registers and the trap CSRs, then back to C. */
save_rest:
	sd	gp, CTX_X(3)(a0)
	sd	s0, CTX_X(8)(a0)
	sd	s1, CTX_X(9)(a0)
	sd	s2, CTX_X(18)(a0)
	sd	s3, CTX_X(19)(a0)
	sd	s4, CTX_X(20)(a0)
	sd	s5, CTX_X(21)(a0)
	sd	s6, CTX_X(22)(a0)
	sd	s7, CTX_X(23)(a0)
	sd	s8, CTX_X(24)(a0)
	sd	s9, CTX_X(25)(a0)
	sd	s10, CTX_X(26)(a0)
	sd	s11, CTX_X(27)(a0)
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
	ld	ra, CTX_HS_RA(a0)
	ld	sp, CTX_HS_SP(a0)
	ld	gp, CTX_HS_GP(a0)
	ld	tp, CTX_HS_TP(a0)
	ld	s0, CTX_HS_S(0)(a0)
	ld	s1, CTX_HS_S(1)(a0)
	ld	s2, CTX_HS_S(2)(a0)
	ld	s3, CTX_HS_S(3)(a0)
	ld	s4, CTX_HS_S(4)(a0)
	ld	s5, CTX_HS_S(5)(a0)
	ld	s6, CTX_HS_S(6)(a0)
	ld	s7, CTX_HS_S(7)(a0)
	ld	s8, CTX_HS_S(8)(a0)
	ld	s9, CTX_HS_S(9)(a0)
	ld	s10, CTX_HS_S(10)(a0)
	ld	s11, CTX_HS_S(11)(a0)
	ret				/* back in vcpu_enter's caller */

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

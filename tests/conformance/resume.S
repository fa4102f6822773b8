/* Non-retentive suspend support: a setjmp-like save of the callee-saved state, and the entry a
 * hart resumes at (a1 = the save buffer), which returns from the save a second time. */
	.text
	.globl resume_save
resume_save:
	sd	sp, 0(a0)
	sd	ra, 8(a0)
	sd	gp, 16(a0)
	sd	tp, 24(a0)
	sd	s0, 32(a0)
	sd	s1, 40(a0)
	sd	s2, 48(a0)
	sd	s3, 56(a0)
	sd	s4, 64(a0)
	sd	s5, 72(a0)
	sd	s6, 80(a0)
	sd	s7, 88(a0)
	sd	s8, 96(a0)
	sd	s9, 104(a0)
	sd	s10, 112(a0)
	sd	s11, 120(a0)
	li	a0, 0
	ret

	.globl resume_entry
	.balign 4
resume_entry:
	sd	a0, 128(a1)
	csrr	t0, satp
	sd	t0, 136(a1)
	csrr	t0, sstatus
	sd	t0, 144(a1)
	csrw	sscratch, a0		/* S-mode CSRs need not survive a non-retentive suspend */
	la	t0, trap_vector
	csrw	stvec, t0
	ld	sp, 0(a1)
	ld	ra, 8(a1)
	ld	gp, 16(a1)
	ld	tp, 24(a1)
	ld	s0, 32(a1)
	ld	s1, 40(a1)
	ld	s2, 48(a1)
	ld	s3, 56(a1)
	ld	s4, 64(a1)
	ld	s5, 72(a1)
	ld	s6, 80(a1)
	ld	s7, 88(a1)
	ld	s8, 96(a1)
	ld	s9, 104(a1)
	ld	s10, 112(a1)
	ld	s11, 120(a1)
	li	a0, 1
	ret

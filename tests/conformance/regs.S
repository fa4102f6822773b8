/* Register preservation probe: loads a distinct pattern into every register the SBI calling
 * convention says an ecall preserves, makes the call, and stores all 32 registers to out[]. */
	.text
	.globl regs_ecall_snapshot
	/* void regs_ecall_snapshot(uint64_t ext, uint64_t fid, uint64_t out[32]) */
regs_ecall_snapshot:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	gp, 8(sp)
	sd	tp, 16(sp)
	sd	s0, 24(sp)
	sd	s1, 32(sp)
	sd	s2, 40(sp)
	sd	s3, 48(sp)
	sd	s4, 56(sp)
	sd	s5, 64(sp)
	sd	s6, 72(sp)
	sd	s7, 80(sp)
	sd	s8, 88(sp)
	sd	s9, 96(sp)
	sd	s10, 104(sp)
	sd	s11, 112(sp)
	sd	a2, 120(sp)		/* out[], found again through sp after the call */
	mv	a7, a0
	mv	a6, a1
	li	a0, 0
	li	a1, 0
	.irp	r, 1, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	li	x\r, 0x5aa5000000000000 + \r
	.endr
	ecall
	.globl	regs_after_ecall	/* where an SSE event injected by the call interrupts */
regs_after_ecall:
	sd	x31, -8(sp)		/* free a scratch register below the frame */
	ld	x31, 120(sp)
	.irp	r, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	sd	x\r, (\r * 8)(x31)
	.endr
	ld	t0, -8(sp)
	sd	t0, (31 * 8)(x31)
	ld	ra, 0(sp)
	ld	gp, 8(sp)
	ld	tp, 16(sp)
	ld	s0, 24(sp)
	ld	s1, 32(sp)
	ld	s2, 40(sp)
	ld	s3, 48(sp)
	ld	s4, 56(sp)
	ld	s5, 64(sp)
	ld	s6, 72(sp)
	ld	s7, 80(sp)
	ld	s8, 88(sp)
	ld	s9, 96(sp)
	ld	s10, 104(sp)
	ld	s11, 112(sp)
	addi	sp, sp, 128
	ret

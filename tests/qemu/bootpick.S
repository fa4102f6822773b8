/* Chooses OpenSBI's boot hart on QEMU virt (scripts/qemu.sh -H puts every hart's reset PC
 * here with -device loader,cpu-num=N). With fw_dynamic OpenSBI 1.1 the boot hart is decided
 * twice: the dynamic info's boot_hart (QEMU always says 0) relocates and sets up the firmware,
 * then every hart draws a cold-boot lottery that hart 0 wins most of the time. So the chosen
 * hart enters OpenSBI at once with a copy of QEMU's dynamic info naming it, and the others hold
 * back until its cold boot is past the lottery: OpenSBI's console setup leaves the UART's line
 * control register at 8N1 (3), where reset left 0. Runs in M-mode from reset; linked at
 * 0x80100000, a gap between OpenSBI and the hypervisor that nobody uses. */
	.option norvc
	.text
	.globl _start
_start:			/* offset 0: the chosen hart */
	csrr	a0, mhartid
	lla	a2, dinfo
	li	t1, 0x1028	/* QEMU's fw_dynamic_info, after its 10-word reset vector at 0x1000 */
	li	t2, 0
1:	add	t3, t1, t2
	ld	t4, 0(t3)
	add	t3, a2, t2
	sd	t4, 0(t3)
	addi	t2, t2, 8
	li	t3, 40
	bltu	t2, t3, 1b
	sd	a0, 40(a2)	/* boot_hart (version 2 of the info) */
	fence	rw, rw
	j	enter

	.balign 256
wait:			/* offset 256: every other hart */
	li	t1, 0x10000000
1:	li	t2, 20000	/* some spacing between the polls of the UART */
2:	addi	t2, t2, -1
	bnez	t2, 2b
	lbu	t3, 3(t1)
	li	t4, 3
	bne	t3, t4, 1b
	csrr	a0, mhartid
	lla	a2, dinfo
enter:			/* as QEMU's reset vector: a0 = hart id, a1 = device tree, a2 = info */
	li	t1, 0x1000
	ld	a1, 0x20(t1)
	li	t0, 0x80000000
	jr	t0

	.balign 64
dinfo:	.space 48

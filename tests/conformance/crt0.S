/* Entry points of the conformance guest: the boot entry (a0 = vCPU id, a1 = device tree), the
 * entry of vCPUs/harts the suite starts (a1 = struct smp_ctx *), and the trap vector. */
	.section .text.entry, "ax"
	.globl _start
_start:
	csrr	a2, satp		/* boot state, before anything changes it */
	csrr	a3, sstatus
	csrw	sscratch, a0		/* this vCPU's id: conf_trap records interrupts per vCPU */
	la	t0, trap_vector
	csrw	stvec, t0
	la	sp, boot_stack + 16384
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	conf_main
3:	wfi
	j	3b

	.text
	.globl smp_entry
	.balign 4
smp_entry:
	csrr	a2, satp
	csrr	a3, sstatus
	csrw	sscratch, a0
	la	t0, trap_vector
	csrw	stvec, t0
	ld	sp, 0(a1)		/* struct smp_ctx: stack_top first */
	call	smp_main
1:	wfi
	j	1b

	/* Interrupts (taken only inside the short windows where the suite sets sstatus.SIE)
	 * return here after conf_trap recorded them; exceptions never return. */
	.balign 4
	.globl trap_vector
trap_vector:
	addi	sp, sp, -144
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	a0, 32(sp)
	sd	a1, 40(sp)
	sd	a2, 48(sp)
	sd	a3, 56(sp)
	sd	a4, 64(sp)
	sd	a5, 72(sp)
	sd	a6, 80(sp)
	sd	a7, 88(sp)
	sd	t3, 96(sp)
	sd	t4, 104(sp)
	sd	t5, 112(sp)
	sd	t6, 120(sp)
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	conf_trap
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	a0, 32(sp)
	ld	a1, 40(sp)
	ld	a2, 48(sp)
	ld	a3, 56(sp)
	ld	a4, 64(sp)
	ld	a5, 72(sp)
	ld	a6, 80(sp)
	ld	a7, 88(sp)
	ld	t3, 96(sp)
	ld	t4, 104(sp)
	ld	t5, 112(sp)
	ld	t6, 120(sp)
	addi	sp, sp, 144
	sret

	.section .bss
	.balign 16
boot_stack:
	.space 16384

/* Entry points of the conformance guest: the boot entry (a0 = vCPU id, a1 = device tree), the
 * entry of vCPUs/harts the suite starts (a1 = struct smp_ctx *), and the trap vector, which
 * only ever sees exceptions because the suite keeps sstatus.SIE = 0 and polls sip. */
	.section .text.entry, "ax"
	.globl _start
_start:
	csrr	a2, satp		/* boot state, before anything changes it */
	csrr	a3, sstatus
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
	la	t0, trap_vector
	csrw	stvec, t0
	ld	sp, 0(a1)		/* struct smp_ctx: stack_top first */
	call	smp_main
1:	wfi
	j	1b

	.balign 4
trap_vector:
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	conf_trap		/* reports and shuts down; never returns */
1:	wfi
	j	1b

	.section .bss
	.balign 16
boot_stack:
	.space 16384

/* Hypervisor entry from OpenSBI in HS-mode: a0 = hart id, a1 = device tree (boot hart) or
 * struct hart * (secondary harts started through SBI HSM). Sets sp and tp, then enters C. */
#include "hart.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	/* Only the first entry may clear .bss: later ones would wipe the running harts' stacks. */
	lla	t0, entered
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, again
	mv	s0, a0
	mv	s1, a1
	/* boot stack: the others are allocated once memory is set up (main.c) */
	la	sp, boot_stack
	li	t0, HART_STACK_SIZE
	add	sp, sp, t0
	/* clear .bss (OpenSBI does not) */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	tp, harts
	call	trap_setup
	mv	a0, s0
	mv	a1, s1
	call	hv_main
3:	wfi
	j	3b

	/* One hart at a time on a spare stack: C decides which hart this is, or panics. */
again:
	lla	t0, again_lock
1:	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, 1b
	lla	sp, again_stack + 2048
	mv	a2, tp
	call	hart_entered_again
	mv	a1, a0
	lla	t0, again_lock
	amoswap.w.rl zero, zero, (t0)
	j	hart_secondary_entry

	.text
	.globl hart_secondary_entry
	.balign 4
hart_secondary_entry:
	mv	tp, a1
	ld	sp, 0(a1)	/* struct hart starts with stack_top */
	call	trap_setup
	call	hart_secondary_main
4:	wfi
	j	4b

	/* OpenSBI leaves stvec at the entry address: a trap before arch_hart_init must report
	 * itself (hs_trap), not start the hypervisor again. */
trap_setup:
	csrw	sscratch, zero
	la	t0, trap_vector
	csrw	stvec, t0
	ret

	.data
	.balign 4
entered:	.word 0
	.bss
	.balign 16
again_lock:	.word 0
	.balign 16
again_stack:	.space 2048

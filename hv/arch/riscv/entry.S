/* Hypervisor entry from OpenSBI in HS-mode: a0 = hart id, a1 = device tree (boot hart) or
 * struct hart * (secondary harts started through SBI HSM). Sets sp and tp, then enters C. */
#include "hart.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	mv	s0, a0
	mv	s1, a1
	/* boot stack: the first slot of hart_stacks */
	la	sp, hart_stacks
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
	mv	a0, s0
	mv	a1, s1
	call	hv_main
3:	wfi
	j	3b

	.text
	.globl hart_secondary_entry
	.balign 4
hart_secondary_entry:
	mv	tp, a1
	ld	sp, 0(a1)	/* struct hart starts with stack_top */
	call	hart_secondary_main
4:	wfi
	j	4b

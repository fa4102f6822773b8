/* Test-guest entry: a0 = vCPU id, a1 = device tree. Each vCPU gets a 16 KiB stack slot;
 * .bss is cleared by vCPU 0 only (secondaries start later, through HSM). */
	.section .text.entry, "ax"
	.globl _start
_start:
	la	sp, guest_stacks
	addi	t0, a0, 1
	slli	t0, t0, 14
	add	sp, sp, t0
	bnez	a0, 2f
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	guest_main
	call	guest_exit_ok
3:	j	3b

	.bss
	.balign 16
	.globl guest_stacks
guest_stacks:
	.space 16384 * 8

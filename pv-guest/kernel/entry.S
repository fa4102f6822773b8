/* First instructions: OpenSBI (native) or rvpv (pv) enters here in S/VS-mode with
 * a0 = hart/vCPU id, a1 = device tree address, paging off. Set up a stack, zero .bss, go to C. */
	.section .text.entry
	.globl _start
_start:
	.option push
	.option norelax
	la gp, __global_pointer$
	.option pop
	la sp, boot_stack_top
	li tp, 0                        /* cpu index 0 */
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:	call kmain
3:	wfi
	j 3b

	/* Secondary harts (started by smp_start): a0 = hart id, a1 = cpu index. */
	.globl secondary_entry
secondary_entry:
	.option push
	.option norelax
	la gp, __global_pointer$
	.option pop
	mv tp, a1
	addi t0, a1, 1
	slli t0, t0, 14                 /* 16 KiB per cpu_stacks[] entry */
	la sp, cpu_stacks
	add sp, sp, t0
	call kmain_secondary
4:	wfi
	j 4b

	.section .bss
	.balign 16
boot_stack:
	.space 16384
boot_stack_top:

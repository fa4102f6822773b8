/* Entry of the standalone virtio-blk driver test: OpenSBI (fw_dynamic) jumps here in S-mode
 * with a0 = hart id, a1 = device tree. Only the boot hart arrives. */
	.section .text.entry
	.globl _start
_start:
	la	sp, stack_top
	call	main
1:	wfi
	j	1b

	.section .bss
	.balign 16
	.space	16384
stack_top:

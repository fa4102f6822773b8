/* User entry: the kernel starts us with a0 = argc, a1 = argv, sp on a fresh stack, all
 * memory loaded and zeroed. Point tp at the TLS block (errno lives there) and run main. */
	.section .text.init.enter
	.globl _start
_start:
	.option push
	.option norelax
	la gp, __global_pointer$
	.option pop
	la tp, __tls_base
	call __ulib_start
1:	j 1b

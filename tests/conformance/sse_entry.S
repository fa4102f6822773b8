/* SBI SSE handler entry (the ENTRY_PC every SSE case registers). The firmware enters it with
 * a6 = hart id, a7 = ENTRY_ARG = struct sse_arg * (sbi_sse.c) and every other register as the
 * interrupted code left it. It saves them all on the event's own stack, calls
 * sse_handler(arg, hart id), restores them and completes; SSE complete restores a6/a7 and
 * resumes the interrupted code, so it never returns here. */
#include "sbi/sbi_defs.h"
	.text
	.globl sse_entry
	.balign 4
sse_entry:
	sd	sp, 8(a7)		/* struct sse_arg: stack top at 0, the interrupted sp at 8 */
	ld	sp, 0(a7)
	addi	sp, sp, -256
	.irp	r, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\r, (\r * 8)(sp)
	.endr
	mv	a0, a7
	mv	a1, a6
	call	sse_handler
	.irp	r, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\r, (\r * 8)(sp)
	.endr
	ld	sp, 8(a7)		/* a7 = the arg again */
	li	a7, SBI_EXT_SSE
	li	a6, SBI_SSE_COMPLETE
	ecall
	call	sse_complete_returned	/* not reached unless complete failed */
1:	j	1b

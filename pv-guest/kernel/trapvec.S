/* Trap entry/exit and the kernel context switch. sscratch holds the current process's trap
 * frame while user code runs and 0 while the kernel runs, so one stvec serves both. */
#define TF_EPC 256
#define TF_KSP 264
#define TF_KTP 272

	.section .text
	.globl trap_entry
	.balign 4
trap_entry:
	csrrw sp, sscratch, sp          /* sp = trap frame, or 0 if the trap came from S-mode */
	beqz sp, from_kernel
	sd ra, 8(sp)
	sd gp, 24(sp)
	sd tp, 32(sp)
	sd t0, 40(sp)
	sd t1, 48(sp)
	sd t2, 56(sp)
	sd s0, 64(sp)
	sd s1, 72(sp)
	sd a0, 80(sp)
	sd a1, 88(sp)
	sd a2, 96(sp)
	sd a3, 104(sp)
	sd a4, 112(sp)
	sd a5, 120(sp)
	sd a6, 128(sp)
	sd a7, 136(sp)
	sd s2, 144(sp)
	sd s3, 152(sp)
	sd s4, 160(sp)
	sd s5, 168(sp)
	sd s6, 176(sp)
	sd s7, 184(sp)
	sd s8, 192(sp)
	sd s9, 200(sp)
	sd s10, 208(sp)
	sd s11, 216(sp)
	sd t3, 224(sp)
	sd t4, 232(sp)
	sd t5, 240(sp)
	sd t6, 248(sp)
	csrr t0, sscratch               /* the user's sp */
	sd t0, 16(sp)
	csrw sscratch, zero             /* from now on a trap is a kernel trap */
	csrr t0, sepc
	sd t0, TF_EPC(sp)
	.option push
	.option norelax
	la gp, __global_pointer$        /* user code may have changed gp */
	.option pop
	ld tp, TF_KTP(sp)               /* user tp was TLS; the kernel's is the cpu index */
	mv a0, sp
	ld sp, TF_KSP(a0)
	call usertrap                   /* does not return here: leaves via user_return */

from_kernel:
	csrrw sp, sscratch, sp          /* back to the kernel stack; sscratch = 0 again */
	call kerneltrap                 /* kernel traps are fatal (interrupts stay off in S-mode) */

	/* user_return(tf): load the user's registers and sret to tf->epc. */
	.globl user_return
user_return:
	ld t0, TF_EPC(a0)
	csrw sepc, t0
	csrw sscratch, a0
	ld ra, 8(a0)
	ld sp, 16(a0)
	ld gp, 24(a0)
	ld tp, 32(a0)
	ld t0, 40(a0)
	ld t1, 48(a0)
	ld t2, 56(a0)
	ld s0, 64(a0)
	ld s1, 72(a0)
	ld a1, 88(a0)
	ld a2, 96(a0)
	ld a3, 104(a0)
	ld a4, 112(a0)
	ld a5, 120(a0)
	ld a6, 128(a0)
	ld a7, 136(a0)
	ld s2, 144(a0)
	ld s3, 152(a0)
	ld s4, 160(a0)
	ld s5, 168(a0)
	ld s6, 176(a0)
	ld s7, 184(a0)
	ld s8, 192(a0)
	ld s9, 200(a0)
	ld s10, 208(a0)
	ld s11, 216(a0)
	ld t3, 224(a0)
	ld t4, 232(a0)
	ld t5, 240(a0)
	ld t6, 248(a0)
	ld a0, 80(a0)
	sret

	/* swtch(old, new): save callee-saved registers in old, load them from new. */
	.globl swtch
swtch:
	sd ra, 0(a0)
	sd sp, 8(a0)
	sd s0, 16(a0)
	sd s1, 24(a0)
	sd s2, 32(a0)
	sd s3, 40(a0)
	sd s4, 48(a0)
	sd s5, 56(a0)
	sd s6, 64(a0)
	sd s7, 72(a0)
	sd s8, 80(a0)
	sd s9, 88(a0)
	sd s10, 96(a0)
	sd s11, 104(a0)
	ld ra, 0(a1)
	ld sp, 8(a1)
	ld s0, 16(a1)
	ld s1, 24(a1)
	ld s2, 32(a1)
	ld s3, 40(a1)
	ld s4, 48(a1)
	ld s5, 56(a1)
	ld s6, 64(a1)
	ld s7, 72(a1)
	ld s8, 80(a1)
	ld s9, 88(a1)
	ld s10, 96(a1)
	ld s11, 104(a1)
	ret

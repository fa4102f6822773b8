/* Floating-point register file of a vCPU (F and D: f0-f31 as 64-bit, fcsr), for the lazy switch
 * in vcpu.c. The hypervisor itself is built without F/D, so only this file names FP registers;
 * the caller has made sstatus.FS non-Off. a0 = struct vcpu_fp *. */
#include "arch_vcpu.h"

	.option push
	.option arch, +d
	.text
	.globl fp_save
	.balign 4
fp_save:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (\n * 8)(a0)
	.endr
	frcsr	t0
	sd	t0, (32 * 8)(a0)
	ret

	/* fcsr alone: QEMU 7.2 does not mark HS sstatus.FS Dirty when a guest writes fcsr (or a
	 * compare sets fflags), so it is saved at every switch whatever FS says */
	.globl fp_save_fcsr
	.balign 4
fp_save_fcsr:
	frcsr	t0
	sd	t0, (32 * 8)(a0)
	ret

	.globl fp_restore
	.balign 4
fp_restore:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (\n * 8)(a0)
	.endr
	ld	t0, (32 * 8)(a0)
	fscsr	t0
	ret
	.option pop

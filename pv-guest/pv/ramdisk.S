/* pv-ramdisk.bin only: the file-system image linked into the kernel, served by pv/blk.c
 * when rvpv offers no BLOCK device (a stand-in for testing until every rvpv has a disk). */
	.section .ramdisk, "aw"
	.balign 4096
	.globl pv_ramdisk_start, pv_ramdisk_end
pv_ramdisk_start:
	.incbin RAMDISK_FILE
pv_ramdisk_end:

/* pv.bin: no built-in disk image (see ramdisk.S). */
	.section .ramdisk, "aw"
	.globl pv_ramdisk_start, pv_ramdisk_end
pv_ramdisk_start:
pv_ramdisk_end:

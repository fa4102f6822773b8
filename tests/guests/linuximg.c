/* An "unmodified kernel": a Linux RISC-V Image header in front, standard SBI only (legacy
 * putchar, SRST). The hypervisor must honour the header and hand over a device tree with the
 * configured bootargs, interrupts off and satp = 0. */
#include "guest.h"

/* Image header (Linux Documentation/arch/riscv/boot-image-header.rst): jumps to crt0's _start */
__asm__(".section .text.entry, \"ax\"\n"
	"linux_header:\n"
	"	j _start\n"
	"	.word 0\n"
	"	.dword 0x200000\n"            /* text_offset */
	"	.dword _end - linux_header\n" /* image_size */
	"	.dword 0\n"                   /* flags */
	"	.word 2\n"                    /* version 0.2 */
	"	.word 0\n"
	"	.dword 0\n"
	"	.ascii \"RISCV\\0\\0\\0\"\n"  /* magic */
	"	.ascii \"RSC\\x05\"\n"        /* magic2 */
	"	.word 0\n");

static void put(const char *s)
{
	while (*s)
		rvpv_sbi_call1(SBI_EXT_0_1_PUTCHAR, 0, (uint8_t)*s++);
}

static int dtb_has(const uint8_t *dtb, const char *s)
{
	uint32_t size = (uint32_t)dtb[4] << 24 | (uint32_t)dtb[5] << 16 | (uint32_t)dtb[6] << 8 | dtb[7];
	size_t n = 0;
	while (s[n]) n++;
	for (uint32_t i = 0; i + n <= size; i++) {
		size_t k = 0;
		while (k < n && dtb[i + k] == (uint8_t)s[k]) k++;
		if (k == n)
			return 1;
	}
	return 0;
}

void guest_main(uint64_t hart, uint64_t dtb)
{
	uint64_t satp, sstatus;
	__asm__ volatile("csrr %0, satp" : "=r"(satp));
	__asm__ volatile("csrr %0, sstatus" : "=r"(sstatus));
	const uint8_t *d = (const uint8_t *)(uintptr_t)dtb;
	int ok = hart == 0 && satp == 0 && !(sstatus & 2) &&
		 d[0] == 0xd0 && d[1] == 0x0d && d[2] == 0xfe && d[3] == 0xed &&
		 dtb_has(d, "console=hvc0 quiet") && dtb_has(d, "riscv,cpu-intc") && dtb_has(d, "_sstc");
	put(ok ? "linuximg: booted from its Image header with the expected entry state\n"
	       : "linuximg: wrong entry state or device tree\n");
	if (!ok)
		guest_exit_fail();
}

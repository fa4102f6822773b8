/* No VM ever reads another VM's data (tests/suite.d/78): at boot, every word of RAM outside the
 * image and its .bss must be zero, below the image and up to the device tree (a1 = the last
 * 64 KiB). Then, in a VM of 64 MiB, 64 pages are filled with a pattern, released to the
 * balloon and reclaimed: they must come back zero (its teardown then frees its RAM page by
 * page; a VM of another size keeps its RAM in one block, freed whole). Then all RAM gets the pattern
 * (nonzero for every word), and the guest waits for the monitor to destroy, restart or reset
 * it. Its .bss is cleared by crt0, so only the rest of RAM says anything about the hypervisor.
 * Lines: "scrub: fresh RAM zero: N KiB", "scrub: balloon pages zero", "scrub: pattern written";
 * any word found nonzero: "scrub: MISMATCH ...". */
#include "guest.h"

#define RAM_BASE   0x80000000ul
#define IMAGE_BASE 0x80200000ul
#define PAGE       4096ul
#define BALLOON_PAGES 64
#define DTB_SIZE   0x10000ul   /* the device tree fills the last 64 KiB of RAM */
#define BALLOONS   0x4000000ul /* a VM of 64 MiB balloons */

extern char _end[];

static uint64_t pattern(uint64_t gpa) { return 0x5343525542000000ull ^ gpa; }

/* [a, b) of RAM: the first nonzero word's address, or 0 */
static uint64_t first_nonzero(uint64_t a, uint64_t b)
{
	for (const volatile uint64_t *w = (const volatile uint64_t *)a; (uint64_t)w < b; w++)
		if (*w)
			return (uint64_t)w;
	return 0;
}

static void fill(uint64_t a, uint64_t b)
{
	for (volatile uint64_t *w = (volatile uint64_t *)a; (uint64_t)w < b; w++)
		*w = pattern((uint64_t)w);
}

static void check_zero(const char *what, uint64_t a, uint64_t b)
{
	uint64_t bad = first_nonzero(a, b);
	if (bad) {
		guest_printf("scrub: MISMATCH: %s: gpa 0x%lx holds 0x%lx\n", what, bad,
			     *(const volatile uint64_t *)bad);
		guest_exit_fail();
	}
}

/* [a, b) patterned, released to the balloon and reclaimed: it must come back zero */
static void balloon(uint64_t a, uint64_t b)
{
	uint64_t n = (b - a) / PAGE;
	fill(a, b);
	struct rvpv_sbiret s = rvpv_mem_balloon_release(a, n);
	if (s.error || (uint64_t)s.value != n) {
		guest_printf("scrub: MISMATCH: balloon release: error %ld, %lu pages\n", s.error, s.value);
		guest_exit_fail();
	}
	s = rvpv_mem_balloon_reclaim(a, n);
	if (s.error || (uint64_t)s.value != n) {
		guest_printf("scrub: MISMATCH: balloon reclaim: error %ld, %lu pages\n", s.error, s.value);
		guest_exit_fail();
	}
	check_zero("reclaimed balloon page not zero", a, b);
	guest_printf("scrub: balloon pages zero\n");
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	uint64_t lo = (((uint64_t)_end + PAGE - 1) / PAGE) * PAGE;
	check_zero("RAM not zero at boot", RAM_BASE, IMAGE_BASE);
	check_zero("RAM not zero at boot", (uint64_t)_end, dtb);
	guest_printf("scrub: fresh RAM zero: %lu KiB\n", (IMAGE_BASE - RAM_BASE + dtb - (uint64_t)_end) / 1024);
	if (dtb + DTB_SIZE - RAM_BASE == BALLOONS)
		balloon(lo, lo + BALLOON_PAGES * PAGE);
	fill(RAM_BASE, IMAGE_BASE);
	fill((uint64_t)_end, dtb);
	guest_printf("scrub: pattern written\n");
	for (;;)
		__asm__ volatile("wfi");
}

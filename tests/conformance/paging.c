/* Guest paging for the remote-fence cases: an Sv39 table mapping RAM 1:1 with one gigapage and
 * one test page at VA 0x40000000, so a fence can be shown to drop a stale translation. */
#include "conf.h"

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define TEST_VA 0x40000000ull
#define SATP_SV39 (8ull << 60)

static uint64_t pte_table(const void *next) { return (GPA(next) >> 12) << 10 | PTE_V; }
static uint64_t pte_leaf(uint64_t pa) { return (pa >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D; }

void paging_flush_case(struct sbiret (*flush)(uint64_t va, uint64_t size), const char *name)
{
	uint64_t *root = (uint64_t *)scratch[12], *l1 = (uint64_t *)scratch[13];
	uint64_t *l0 = (uint64_t *)scratch[14];
	volatile uint64_t *va = (volatile uint64_t *)(uintptr_t)TEST_VA;
	uint64_t first, second;
	struct sbiret r;

	if (env.ram_base != 0x80000000ull || env.ram_end > 0xc0000000ull) {
		tap_skip(name, "RAM is not inside the 1 GiB at 0x80000000");
		return;
	}
	for (int i = 0; i < 512; i++)
		root[i] = l1[i] = l0[i] = 0;
	*(volatile uint64_t *)scratch[15] = 0xaaaa;
	*(volatile uint64_t *)scratch[16] = 0xbbbb;
	root[2] = pte_leaf(0x80000000ull);  /* 1:1 gigapage: code, data, stacks */
	root[1] = pte_table(l1);            /* VA 0x40000000 */
	l1[0] = pte_table(l0);
	l0[0] = pte_leaf(GPA(scratch[15]));
	__asm__ volatile("fence rw, rw\n\tcsrw satp, %0\n\tsfence.vma" : : "r"(SATP_SV39 | GPA(root) >> 12)
			 : "memory");
	first = *va;
	__asm__ volatile("" ::: "memory"); /* the PTE store must follow the first read */
	l0[0] = pte_leaf(GPA(scratch[16]));
	__asm__ volatile("fence rw, rw" ::: "memory");
	r = flush(TEST_VA, 4096);
	second = *va;
	__asm__ volatile("csrw satp, zero\n\tsfence.vma" ::: "memory");
	tap_ok(r.error == 0 && first == 0xaaaa && second == 0xbbbb, name,
	       "error %ld, read %lx then %lx (want 0xaaaa then 0xbbbb)", r.error, first, second);
}

/* TLB fences on this hart: G-stage by VMID, VS-stage of the VMID in hgatp (all, by ASID, page
 * by page), and fence.i. H-extension fences need ".option arch, +h" (PLATFORM.md). */
#include "arch.h"

#define HFENCE(insn, ...) __asm__ volatile(".option push\n.option arch, +h\n" insn "\n.option pop" \
					   :: __VA_ARGS__ : "memory")

void arch_fence_gstage(uint64_t vmid)
{
	HFENCE("hfence.gvma zero, %0", "r"(vmid));
}

void arch_fence_i(void)
{
	__asm__ volatile("fence.i" ::: "memory");
}

void arch_fence_vstage_all(void)
{
	/* also the instruction fetch side: this is where a remote fence.i lands */
	HFENCE("hfence.vvma zero, zero");
	arch_fence_i();
}

void arch_fence_vstage(uint64_t start, uint64_t size, uint64_t asid)
{
	/* page-by-page for small ranges, else everything: flushing more is always correct */
	if (size != 0 && size != UINT64_MAX && size <= 64 * PAGE_SIZE) {
		/* count pages rather than compare addresses: a range in the last page of the
		 * address space would wrap va to 0 and loop forever (callers reject start + size
		 * overflowing, so the last byte's address is exact) */
		uint64_t va = ALIGN_DOWN(start, PAGE_SIZE);
		for (uint64_t n = (start + size - 1 - va) / PAGE_SIZE + 1; n; n--, va += PAGE_SIZE) {
			if (asid == UINT64_MAX)
				HFENCE("hfence.vvma %0, zero", "r"(va));
			else
				HFENCE("hfence.vvma %0, %1", "r"(va), "r"(asid));
		}
	} else if (asid == UINT64_MAX) {
		HFENCE("hfence.vvma zero, zero");
	} else {
		HFENCE("hfence.vvma zero, %0", "r"(asid));
	}
}

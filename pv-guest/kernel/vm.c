/* Sv39 page tables. The kernel half (devices and RAM as 1 GiB gigapages, no U bit) is copied
 * into the root of every process; user pages live in slot PX(2, UBASE) and below UTOP. */
#include "defs.h"
#include "memlayout.h"

static pagetable_t kernel_pt;

void kvm_init(uint64_t ram_base, uint64_t ram_size)
{
	kernel_pt = kalloc();
	if (!kernel_pt)
		panic("kvm_init: no memory");
	kernel_pt[0] = PA2PTE(0) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G;
	uint64_t gb = 1ull << 30;
	for (uint64_t a = ram_base & ~(gb - 1); a < ram_base + ram_size; a += gb) {
		if (PX(2, a) >= PX(2, UBASE))
			panic("kvm_init: RAM overlaps user space");
		kernel_pt[PX(2, a)] = PA2PTE(a) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | PTE_G;
	}
	kvm_switch(0);
}

/* Switch to a process's page table, or the kernel's alone when pt is 0. */
void kvm_switch(pagetable_t pt)
{
	csr_write(satp, MAKE_SATP(pt ? pt : kernel_pt));
	sfence_vma();
}

pagetable_t uvm_create(void)
{
	pagetable_t pt = kalloc();
	if (pt)
		for (int i = 0; i < 512; i++)
			if (i < (int)PX(2, UBASE))
				pt[i] = kernel_pt[i];
	return pt;
}

static pte_t *walk(pagetable_t pt, uint64_t va, int alloc)
{
	if (va < UBASE || va >= UTOP)
		return 0;
	for (int level = 2; level > 0; level--) {
		pte_t *pte = &pt[PX(level, va)];
		if (*pte & PTE_V) {
			pt = (pagetable_t)PTE2PA(*pte);
		} else {
			if (!alloc || !(pt = kalloc()))
				return 0;
			*pte = PA2PTE(pt) | PTE_V;
		}
	}
	return &pt[PX(0, va)];
}

int uvm_map(pagetable_t pt, uint64_t va, uint64_t pa, uint64_t perm)
{
	pte_t *pte = walk(pt, va, 1);
	if (!pte)
		return -1;
	if (*pte & PTE_V)
		panic("uvm_map: remap");
	*pte = PA2PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
	return 0;
}

/* Grow user memory from oldsz to newsz (absolute addresses); returns newsz or 0. */
uint64_t uvm_alloc(pagetable_t pt, uint64_t oldsz, uint64_t newsz, uint64_t perm)
{
	if (newsz > UTOP)
		return 0;
	for (uint64_t a = PGROUNDUP(oldsz); a < newsz; a += PGSIZE) {
		void *mem = kalloc();
		if (!mem || uvm_map(pt, a, (uint64_t)mem, perm | PTE_U) < 0) {
			if (mem)
				kfree(mem);
			uvm_dealloc(pt, a, oldsz);
			return 0;
		}
	}
	return newsz;
}

uint64_t uvm_dealloc(pagetable_t pt, uint64_t oldsz, uint64_t newsz)
{
	for (uint64_t a = PGROUNDUP(newsz); a < PGROUNDUP(oldsz); a += PGSIZE) {
		pte_t *pte = walk(pt, a, 0);
		if (pte && (*pte & PTE_V)) {
			kfree((void *)PTE2PA(*pte));
			*pte = 0;
		}
	}
	return newsz;
}

static void free_tables(pagetable_t pt, int level)
{
	for (int i = 0; i < 512; i++) {
		if (level == 2 && i < (int)PX(2, UBASE))
			continue;  /* kernel gigapages are shared */
		pte_t pte = pt[i];
		if ((pte & PTE_V) && !(pte & (PTE_R | PTE_W | PTE_X)))
			free_tables((pagetable_t)PTE2PA(pte), level - 1);
	}
	kfree(pt);
}

void uvm_free(pagetable_t pt, uint64_t sz)
{
	uvm_dealloc(pt, sz, UBASE);
	free_tables(pt, 2);
}

/* fork: copy every mapped user page of [UBASE, sz). */
int uvm_copy(pagetable_t from, pagetable_t to, uint64_t sz)
{
	for (uint64_t a = UBASE; a < sz; a += PGSIZE) {
		pte_t *pte = walk(from, a, 0);
		if (!pte || !(*pte & PTE_V))
			continue;
		void *mem = kalloc();
		if (!mem)
			return -1;
		memmove(mem, (void *)PTE2PA(*pte), PGSIZE);
		if (uvm_map(to, a, (uint64_t)mem, *pte & 0x3ff & ~PTE_V) < 0) {
			kfree(mem);
			return -1;
		}
	}
	return 0;
}

/* Make a page inaccessible to user mode (the stack guard). */
void uvm_clear_user(pagetable_t pt, uint64_t va)
{
	pte_t *pte = walk(pt, va, 0);
	if (!pte)
		panic("uvm_clear_user");
	*pte &= ~PTE_U;
}

/* Physical address of a user page, or 0 if it is not mapped for user access. */
uint64_t uvm_walkaddr(pagetable_t pt, uint64_t va)
{
	pte_t *pte = walk(pt, va, 0);
	if (!pte || (*pte & (PTE_V | PTE_U)) != (PTE_V | PTE_U))
		return 0;
	return PTE2PA(*pte);
}

int copyout(pagetable_t pt, uint64_t dst, const void *src, uint64_t len)
{
	while (len > 0) {
		uint64_t va0 = PGROUNDDOWN(dst), pa = uvm_walkaddr(pt, va0);
		if (!pa)
			return -1;
		uint64_t n = PGSIZE - (dst - va0);
		if (n > len)
			n = len;
		memmove((void *)(pa + dst - va0), src, n);
		len -= n;
		src = (const uint8_t *)src + n;
		dst += n;
	}
	return 0;
}

int copyin(pagetable_t pt, void *dst, uint64_t src, uint64_t len)
{
	while (len > 0) {
		uint64_t va0 = PGROUNDDOWN(src), pa = uvm_walkaddr(pt, va0);
		if (!pa)
			return -1;
		uint64_t n = PGSIZE - (src - va0);
		if (n > len)
			n = len;
		memmove(dst, (void *)(pa + src - va0), n);
		len -= n;
		dst = (uint8_t *)dst + n;
		src += n;
	}
	return 0;
}

/* Copy a NUL-terminated string of at most max bytes (including the NUL). */
int copyinstr(pagetable_t pt, char *dst, uint64_t src, uint64_t max)
{
	for (uint64_t i = 0; i < max; i++) {
		if (copyin(pt, dst + i, src + i, 1) < 0)
			return -1;
		if (!dst[i])
			return 0;
	}
	return -1;
}

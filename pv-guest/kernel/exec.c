/* exec: replace the calling process's memory with an ELF64 RISC-V executable, then put argv
 * on a fresh stack. Layout: segments, guard page, USTACK_PAGES of stack, then the heap. */
#include "defs.h"
#include "memlayout.h"

#define ELF_MAGIC 0x464c457fu
#define PT_LOAD 1

struct elfhdr {
	uint32_t magic;
	uint8_t ident[12];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct proghdr {
	uint32_t type, flags;
	uint64_t off, vaddr, paddr, filesz, memsz, align;
};

static int loadseg(pagetable_t pt, uint64_t va, struct inode *ip, uint32_t off, uint32_t sz)
{
	for (uint32_t i = 0; i < sz;) {
		uint64_t a = va + i, pa = uvm_walkaddr(pt, PGROUNDDOWN(a));
		if (!pa)
			return -1;
		uint32_t n = PGSIZE - (a % PGSIZE);
		if (n > sz - i)
			n = sz - i;
		if (readi(ip, 0, pa + a % PGSIZE, off + i, n) != (int)n)
			return -1;
		i += n;
	}
	return 0;
}

static uint64_t flags2perm(uint32_t f)
{
	return (f & 1 ? PTE_X : 0) | (f & 2 ? PTE_W : 0) | PTE_R;
}

int exec(const char *path, char **argv)
{
	struct proc *p = myproc();
	struct elfhdr eh;
	struct proghdr ph;
	pagetable_t pt = 0;
	uint64_t sz = UBASE;
	struct inode *ip = namei(path);
	if (!ip)
		return -1;
	iload(ip);
	if (readi(ip, 0, (uint64_t)&eh, 0, sizeof(eh)) != sizeof(eh) || eh.magic != ELF_MAGIC)
		goto bad;
	if (!(pt = uvm_create()))
		goto bad;
	for (int i = 0; i < eh.phnum; i++) {
		if (readi(ip, 0, (uint64_t)&ph, eh.phoff + i * sizeof(ph), sizeof(ph)) != sizeof(ph))
			goto bad;
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		if (ph.memsz < ph.filesz || ph.vaddr < sz || ph.vaddr + ph.memsz > UTOP)
			goto bad;
		/* Pages between segments are mapped too, so sz stays a simple high-water mark. */
		if (!(sz = uvm_alloc(pt, sz, ph.vaddr + ph.memsz, flags2perm(ph.flags | 6))))
			goto bad;
		if (loadseg(pt, ph.vaddr, ip, ph.off, ph.filesz) < 0)
			goto bad;
	}
	iput(ip);
	ip = 0;

	sz = PGROUNDUP(sz);
	uint64_t stack_end = sz + (USTACK_PAGES + 1) * PGSIZE;
	if (!(sz = uvm_alloc(pt, sz, stack_end, PTE_R | PTE_W)))
		goto bad;
	uvm_clear_user(pt, stack_end - (USTACK_PAGES + 1) * PGSIZE);
	uint64_t sp = stack_end, ustack[MAXARG + 1];
	int argc;
	for (argc = 0; argv[argc]; argc++) {
		if (argc >= MAXARG)
			goto bad;
		sp -= strlen(argv[argc]) + 1;
		sp &= ~15ull;
		if (copyout(pt, sp, argv[argc], strlen(argv[argc]) + 1) < 0)
			goto bad;
		ustack[argc] = sp;
	}
	ustack[argc] = 0;
	sp -= (argc + 1) * sizeof(uint64_t);
	sp &= ~15ull;
	if (copyout(pt, sp, ustack, (argc + 1) * sizeof(uint64_t)) < 0)
		goto bad;

	const char *last = path;
	for (const char *s = path; *s; s++)
		if (*s == '/')
			last = s + 1;
	safestrcpy(p->name, last, sizeof(p->name));
	pagetable_t old = p->pagetable;
	uint64_t oldsz = p->sz;
	p->pagetable = pt;
	p->sz = p->heap_base = stack_end;
	memset(p->tf.regs, 0, sizeof(p->tf.regs));
	p->tf.epc = eh.entry;
	p->tf.regs[2] = sp;
	p->tf.regs[10] = argc;  /* becomes main's argc */
	p->tf.regs[11] = sp;    /* argv */
	kvm_switch(pt);
	uvm_free(old, oldsz);
	return argc;
bad:
	if (pt)
		uvm_free(pt, sz);
	if (ip)
		iput(ip);
	return -1;
}

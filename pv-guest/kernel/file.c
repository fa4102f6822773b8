/* Open-file objects shared between descriptors: inodes, pipes and the console device. */
#include "defs.h"

static struct file ftable[NFILE];

struct file *filealloc(void)
{
	for (int i = 0; i < NFILE; i++) {
		if (ftable[i].ref == 0) {
			memset(&ftable[i], 0, sizeof(ftable[i]));
			ftable[i].ref = 1;
			return &ftable[i];
		}
	}
	return 0;
}

struct file *filedup(struct file *f)
{
	f->ref++;
	return f;
}

void fileclose(struct file *f)
{
	if (--f->ref > 0)
		return;
	if (f->type == FD_PIPE)
		pipeclose(f->pipe, f->writable);
	else if (f->type == FD_INODE || f->type == FD_DEVICE)
		iput(f->ip);
	f->type = FD_NONE;
}

int filestat(struct file *f, uint64_t addr)
{
	struct pv_stat st;
	memset(&st, 0, sizeof(st));
	if (f->type == FD_INODE || f->type == FD_DEVICE)
		stati(f->ip, &st);
	else if (f->type != FD_PIPE)
		return -1;
	return copyout(myproc()->pagetable, addr, &st, sizeof(st));
}

int fileread(struct file *f, uint64_t addr, int n)
{
	if (!f->readable || n < 0)
		return -1;
	if (f->type == FD_PIPE)
		return piperead(f->pipe, addr, n);
	if (f->type == FD_DEVICE)
		return console_read(addr, n);
	if (f->type == FD_INODE) {
		int r = readi(f->ip, 1, addr, f->off, n);
		if (r > 0)
			f->off += r;
		return r;
	}
	return -1;
}

int filewrite(struct file *f, uint64_t addr, int n)
{
	if (!f->writable || n < 0)
		return -1;
	if (f->type == FD_PIPE)
		return pipewrite(f->pipe, addr, n);
	if (f->type == FD_DEVICE)
		return console_write(addr, n);
	if (f->type == FD_INODE) {
		int r = writei(f->ip, 1, addr, f->off, n);
		if (r > 0)
			f->off += r;
		return r == n ? n : -1;
	}
	return -1;
}

/* Pipes: a 512-byte ring in one kernel page, readers and writers sleep on it. */
#include "defs.h"

#define PIPESIZE 512
struct pipe {
	uint8_t data[PIPESIZE];
	uint32_t nread, nwrite;   /* free-running counters */
	int readopen, writeopen;
};

int pipealloc(struct file **f0, struct file **f1)
{
	struct pipe *pi = kalloc();
	*f0 = filealloc();
	*f1 = *f0 ? filealloc() : 0;
	if (!pi || !*f1) {
		if (pi)
			kfree(pi);
		if (*f0)
			fileclose(*f0);
		return -1;
	}
	pi->readopen = pi->writeopen = 1;
	(*f0)->type = (*f1)->type = FD_PIPE;
	(*f0)->pipe = (*f1)->pipe = pi;
	(*f0)->readable = 1;
	(*f1)->writable = 1;
	return 0;
}

void pipeclose(struct pipe *pi, int writable)
{
	if (writable) {
		pi->writeopen = 0;
		wakeup(&pi->nread);
	} else {
		pi->readopen = 0;
		wakeup(&pi->nwrite);
	}
	if (!pi->readopen && !pi->writeopen)
		kfree(pi);
}

int pipewrite(struct pipe *pi, uint64_t addr, int n)
{
	int i = 0;
	while (i < n) {
		if (!pi->readopen || myproc()->killed)
			return i ? i : -1;
		if (pi->nwrite == pi->nread + PIPESIZE) {
			wakeup(&pi->nread);
			sleep_on(&pi->nwrite);
			continue;
		}
		uint8_t c;
		if (copyin(myproc()->pagetable, &c, addr + i, 1) < 0)
			break;
		pi->data[pi->nwrite++ % PIPESIZE] = c;
		i++;
	}
	wakeup(&pi->nread);
	return i;
}

int piperead(struct pipe *pi, uint64_t addr, int n)
{
	while (pi->nread == pi->nwrite && pi->writeopen) {
		if (myproc()->killed)
			return -1;
		sleep_on(&pi->nread);
	}
	int i;
	for (i = 0; i < n && pi->nread != pi->nwrite; i++) {
		uint8_t c = pi->data[pi->nread % PIPESIZE];
		if (copyout(myproc()->pagetable, addr + i, &c, 1) < 0)
			break;
		pi->nread++;
	}
	wakeup(&pi->nwrite);
	return i;
}

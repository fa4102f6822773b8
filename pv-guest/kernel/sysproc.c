/* Process-related system calls. */
#include "defs.h"
#include "pvops.h"

int64_t sys_exit(void)
{
	exit((int)argraw(0));
}

int64_t sys_fork(void)
{
	return fork();
}

int64_t sys_wait(void)
{
	return wait(argraw(0));
}

int64_t sys_getpid(void)
{
	return myproc()->pid;
}

/* Returns the old break; the heap is the top of the address space (p->sz). */
int64_t sys_sbrk(void)
{
	uint64_t old = myproc()->sz;
	if (growproc((int64_t)argraw(0)) < 0)
		return -1;
	return (int64_t)old;
}

/* sleep(n): n scheduler ticks (1/HZ s). */
int64_t sys_sleep(void)
{
	uint64_t n = argraw(0), t0 = ticks;
	while (ticks - t0 < n) {
		if (myproc()->killed)
			return -1;
		sleep_on((const void *)&ticks);
	}
	return 0;
}

int64_t sys_uptime(void)
{
	return (int64_t)ticks;
}

int64_t sys_halt(void)
{
	bcommit();
	kprintf("pv-guest: halt\n");
	pv_shutdown();
}

int64_t sys_hvinfo(void)
{
	struct pv_hvinfo info;
	memset(&info, 0, sizeof(info));
	pv_hvinfo(&info);
	info.ticks_per_sec = HZ;
	return copyout(myproc()->pagetable, argraw(0), &info, sizeof(info));
}

/* System-call dispatch: a7 selects the handler, a0-a5 are its arguments, a0 its result. */
#include "defs.h"

uint64_t argraw(int n)
{
	return myproc()->tf.regs[10 + n];
}

/* Fetch argument n as a NUL-terminated user string into buf. */
int argstr(int n, char *buf, int max)
{
	return copyinstr(myproc()->pagetable, buf, argraw(n), max);
}

static int64_t (*const syscalls[])(void) = {
	[SYS_exit] = sys_exit,     [SYS_fork] = sys_fork,     [SYS_exec] = sys_exec,
	[SYS_wait] = sys_wait,     [SYS_getpid] = sys_getpid, [SYS_read] = sys_read,
	[SYS_write] = sys_write,   [SYS_open] = sys_open,     [SYS_close] = sys_close,
	[SYS_dup] = sys_dup,       [SYS_pipe] = sys_pipe,     [SYS_mkdir] = sys_mkdir,
	[SYS_unlink] = sys_unlink, [SYS_chdir] = sys_chdir,   [SYS_fstat] = sys_fstat,
	[SYS_sbrk] = sys_sbrk,     [SYS_sleep] = sys_sleep,   [SYS_uptime] = sys_uptime,
	[SYS_sync] = sys_sync,     [SYS_halt] = sys_halt,     [SYS_hvinfo] = sys_hvinfo,
};

void syscall(struct trapframe *tf)
{
	uint64_t num = tf->regs[17];
	if (num < sizeof(syscalls) / sizeof(syscalls[0]) && syscalls[num])
		tf->regs[10] = (uint64_t)syscalls[num]();
	else
		tf->regs[10] = (uint64_t)-1;
	bcommit();  /* what the call wrote is on the device before it returns */
}

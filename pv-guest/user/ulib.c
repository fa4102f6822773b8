/* The user-side system-call layer under picolibc: POSIX names picolibc expects (read, write,
 * open, sbrk, _exit, ...) as ecalls, plus stdin/stdout/stderr on descriptors 0-2 with a
 * line-buffered stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ulib.h"

long pv_syscall(long n, long a0, long a1, long a2)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r2 __asm__("a2") = a2;
	register long r7 __asm__("a7") = n;
	__asm__ volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

static long check(long r)
{
	if (r < 0)
		errno = EIO;
	return r;
}

ssize_t read(int fd, void *buf, size_t n) { return check(pv_syscall(SYS_read, fd, (long)buf, (long)n)); }
ssize_t write(int fd, const void *buf, size_t n) { return check(pv_syscall(SYS_write, fd, (long)buf, (long)n)); }
int close(int fd) { return (int)check(pv_syscall(SYS_close, fd, 0, 0)); }
int dup(int fd) { return (int)check(pv_syscall(SYS_dup, fd, 0, 0)); }
int pipe(int fds[2]) { return (int)check(pv_syscall(SYS_pipe, (long)fds, 0, 0)); }
pid_t fork(void) { return (pid_t)check(pv_syscall(SYS_fork, 0, 0, 0)); }
pid_t getpid(void) { return (pid_t)pv_syscall(SYS_getpid, 0, 0, 0); }
pid_t wait(int *status) { return (pid_t)check(pv_syscall(SYS_wait, (long)status, 0, 0)); }
int chdir(const char *p) { return (int)check(pv_syscall(SYS_chdir, (long)p, 0, 0)); }
int unlink(const char *p) { return (int)check(pv_syscall(SYS_unlink, (long)p, 0, 0)); }
int mkdir(const char *p, mode_t m) { (void)m; return (int)check(pv_syscall(SYS_mkdir, (long)p, 0, 0)); }
int pv_exec(const char *p, char *const argv[]) { return (int)check(pv_syscall(SYS_exec, (long)p, (long)argv, 0)); }
int execv(const char *p, char *const argv[]) { return pv_exec(p, argv); }
long pv_uptime(void) { return pv_syscall(SYS_uptime, 0, 0, 0); }
int pv_sleep_ticks(long n) { return (int)pv_syscall(SYS_sleep, n, 0, 0); }
int pv_sync(void) { return (int)check(pv_syscall(SYS_sync, 0, 0, 0)); }
void pv_halt(void) { pv_syscall(SYS_halt, 0, 0, 0); }
int pv_hvinfo(struct pv_hvinfo *out) { return (int)pv_syscall(SYS_hvinfo, (long)out, 0, 0); }
int pv_fstat(int fd, struct pv_stat *st) { return (int)check(pv_syscall(SYS_fstat, fd, (long)st, 0)); }

unsigned sleep(unsigned s)
{
	pv_sleep_ticks((long)s * 100);
	return 0;
}

int open(const char *path, int flags, ...)
{
	int f = flags & (O_ACCMODE | O_CREAT | O_TRUNC);
	return (int)check(pv_syscall(SYS_open, (long)path, f, 0));
}

void *sbrk(ptrdiff_t n)
{
	long r = pv_syscall(SYS_sbrk, n, 0, 0);
	if (r == -1) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)r;
}

void _exit(int status)
{
	pv_syscall(SYS_exit, status, 0, 0);
	for (;;)
		;
}

int fstat(int fd, struct stat *st)
{
	struct pv_stat ps;
	if (pv_fstat(fd, &ps) < 0)
		return -1;
	memset(st, 0, sizeof(*st));
	st->st_ino = ps.ino;
	st->st_nlink = ps.nlink;
	st->st_size = (off_t)ps.size;
	st->st_mode = ps.type == PVFS_T_DIR ? S_IFDIR : ps.type == PVFS_T_DEV ? S_IFCHR : S_IFREG;
	return 0;
}

int stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY), r;
	if (fd < 0)
		return -1;
	r = fstat(fd, st);
	close(fd);
	return r;
}

/* stdio: stdout collects a line before writing; stdin and stderr are unbuffered. */
static char outbuf[256];
static int outlen;

static int out_flush(FILE *f)
{
	(void)f;
	if (outlen > 0 && write(1, outbuf, outlen) < 0) {
		outlen = 0;
		return EOF;
	}
	outlen = 0;
	return 0;
}

static int out_put(char c, FILE *f)
{
	outbuf[outlen++] = c;
	if (c == '\n' || outlen == (int)sizeof(outbuf))
		return out_flush(f) < 0 ? EOF : (unsigned char)c;
	return (unsigned char)c;
}

static int err_put(char c, FILE *f)
{
	(void)f;
	out_flush(0);  /* keep stdout and stderr in order */
	return write(2, &c, 1) == 1 ? (unsigned char)c : EOF;
}

static int in_get(FILE *f)
{
	(void)f;
	unsigned char c;
	out_flush(0);  /* prompts without a newline must be visible before we block */
	return read(0, &c, 1) == 1 ? c : EOF;
}

static FILE f_stdin = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);
static FILE f_stdout = FDEV_SETUP_STREAM(out_put, NULL, out_flush, _FDEV_SETUP_WRITE);
static FILE f_stderr = FDEV_SETUP_STREAM(err_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &f_stdin;
FILE *const stdout = &f_stdout;
FILE *const stderr = &f_stderr;

static void flush_at_exit(void)
{
	out_flush(0);
}

int main(int argc, char **argv);
extern void __libc_init_array(void);

void __ulib_start(int argc, char **argv)
{
	atexit(flush_at_exit);
	__libc_init_array();
	exit(main(argc, argv));
}

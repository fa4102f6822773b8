/* bench: micro-benchmarks timed with rdtime (timebase ticks) and rdinstret (instructions
 * retired by this hart, kernel included): CPU loop, null syscall, fork+wait, fork+exec+wait,
 * file write and read, and a sequential file larger than the buffer cache written (with sync)
 * and read back in 4 KiB calls (iters = KiB). Prints one "bench: NAME iters=N time=T
 * instret=I instret/iter=P" line each. `bench [SCALE [NAME]]`: NAME runs that workload alone. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ulib.h"

#define SEQ_KIB 256  /* 8x the buffer cache (NBUF 1 KiB blocks): most reads reach the disk */

static uint64_t t0, i0;
static volatile uint64_t sink;

static void start(void)
{
	t0 = rd_time();
	i0 = rd_instret();
}

static void stop(const char *name, long iters)
{
	uint64_t dt = rd_time() - t0, di = rd_instret() - i0;
	printf("bench: %-10s iters=%ld time=%lu instret=%lu instret/iter=%lu\n", name, iters,
	       (unsigned long)dt, (unsigned long)di, (unsigned long)(di / (uint64_t)iters));
}

static void cpu(long n)
{
	start();
	for (long i = 0; i < n; i++)
		sink += (uint64_t)i * 2654435761u;
	stop("cpu", n);
}

static void syscall(long n)
{
	start();
	for (long i = 0; i < n; i++)
		getpid();
	stop("syscall", n);
}

static void forks(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		int pid = fork();
		if (pid == 0)
			_exit(0);
		wait(0);
	}
	stop("fork", n);
}

static void forkexec(long n)
{
	start();
	for (long i = 0; i < n; i++) {
		int pid = fork();
		if (pid == 0) {
			char *av[] = { "echo", 0 };
			close(1);
			open("/console", O_WRONLY);
			pv_exec("/sync", av);  /* a tiny program */
			_exit(1);
		}
		wait(0);
	}
	stop("forkexec", n);
}

static void file1k(long n)
{
	static char buf[1024];
	memset(buf, 'b', sizeof(buf));
	int fd = open("/tmp/bench.dat", O_WRONLY | O_CREAT | O_TRUNC);
	start();
	for (long i = 0; i < n; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			printf("bench: write failed\n");
	stop("write1k", n);
	close(fd);

	fd = open("/tmp/bench.dat", O_RDONLY);
	start();
	for (long i = 0; i < n; i++)
		if (read(fd, buf, sizeof(buf)) != sizeof(buf))
			printf("bench: read failed\n");
	stop("read1k", n);
	close(fd);
	unlink("/tmp/bench.dat");
}

static void seq(void)
{
	static char big[4096];
	memset(big, 's', sizeof(big));
	int fd = open("/seq.dat", O_WRONLY | O_CREAT | O_TRUNC);
	start();
	for (long i = 0; i < SEQ_KIB / 4; i++)
		if (write(fd, big, sizeof(big)) != sizeof(big))
			printf("bench: write failed\n");
	close(fd);
	pv_sync();
	stop("seqwrite", SEQ_KIB);

	fd = open("/seq.dat", O_RDONLY);
	start();
	for (long i = 0; i < SEQ_KIB / 4; i++)
		if (read(fd, big, sizeof(big)) != sizeof(big))
			printf("bench: read failed\n");
	stop("seqread", SEQ_KIB);
	close(fd);
	unlink("/seq.dat");
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	const char *only = argc > 2 ? argv[2] : 0;
	if (scale < 1)
		scale = 1;
#define WANT(name) (!only || !strcmp(only, name))
	if (WANT("cpu"))
		cpu(200000 * scale);
	if (WANT("syscall"))
		syscall(2000 * scale);
	if (WANT("fork"))
		forks(20 * scale);
	if (WANT("forkexec"))
		forkexec(20 * scale);
	if (WANT("write1k") || WANT("read1k"))
		file1k(64 * scale);
	if (WANT("seqwrite") || WANT("seqread"))
		seq();
	printf("bench: done\n");
	return 0;
}

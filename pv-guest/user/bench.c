/* bench: micro-benchmarks timed with rdtime (timebase ticks) and rdinstret (instructions
 * retired by this hart, kernel included): CPU loop, null syscall, fork+wait, fork+exec+wait,
 * file write and read. Prints one "bench: NAME iters=N time=T instret=I per=P" line each. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ulib.h"

static uint64_t t0, i0;

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

static volatile uint64_t sink;

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	if (scale < 1)
		scale = 1;
	long n = 200000 * scale;
	start();
	for (long i = 0; i < n; i++)
		sink += (uint64_t)i * 2654435761u;
	stop("cpu", n);

	n = 2000 * scale;
	start();
	for (long i = 0; i < n; i++)
		getpid();
	stop("syscall", n);

	n = 20 * scale;
	start();
	for (long i = 0; i < n; i++) {
		int pid = fork();
		if (pid == 0)
			_exit(0);
		wait(0);
	}
	stop("fork", n);

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

	static char buf[1024];
	memset(buf, 'b', sizeof(buf));
	n = 64 * scale;
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
	printf("bench: done\n");
	return 0;
}

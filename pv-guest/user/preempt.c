/* preempt: shows that the timer preempts a CPU-bound process. A child spins (no system calls)
 * until 50 ticks have passed; the parent sleeps 5 ticks. If the parent wakes before the
 * child's spin is over, the child was preempted: "preempt: ok". */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ulib.h"

int main(void)
{
	long t0 = pv_uptime();
	int pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		while (pv_uptime() < t0 + 50)
			;  /* pv_uptime is a system call, but yields nothing: no sleep, no I/O */
		_exit(0);
	}
	pv_sleep_ticks(5);
	long woke = pv_uptime();
	wait(0);
	long done = pv_uptime();
	printf("preempt: %s\n", woke < t0 + 50 ? "ok" : "FAIL (parent ran only after the child)");
	return !(woke < t0 + 50 && done >= t0 + 50);
}

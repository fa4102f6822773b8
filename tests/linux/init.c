/* /init for the Linux tests (tests/suite.d/4x-linux-*): a static program that checks what an
 * unmodified Linux needs from rvpv and prints one line per check, "check NAME: ok ..." or
 * "check NAME: FAIL ...". The kernel command line (/proc/cmdline) picks the mode:
 *   rvpvinit=smp   (default) /proc, FP in two processes pinned to two vCPUs, a 1 s sleep,
 *                  two threads on two vCPUs, perf counting cycles and instructions, then power
 *                  off; rvpvcpus=N says how many vCPUs
 *   rvpvinit=fp    FP registers filled with this VM's pattern (rvpvseed=N) in two processes
 *                  and read back after rvpv and Linux preempted them; rvpvsecs=N bounds it
 *   rvpvinit=console  the console: prints /proc/consoles and the rvpv lines of /proc/interrupts,
 *                  reads one typed line from /dev/console and echoes it, checks that the rvpv
 *                  event irqchip counted the console port's interrupts (rvpvpv=1: must be
 *                  there; rvpvpv=0: must not), then runs /bin/sh (tests/linux/sh.c) on the
 *                  console and powers off when it exits with status 0 (tests/suite.d/45)
 *   rvpvinit=disk  the VM's disk /dev/vda (ext2, made on the host): checks the host's file
 *                  /host.txt, writes /guest.bin (rvpvmib=N MiB of the pattern of rvpvseed=N) and
 *                  /guest.txt, fsyncs them and the directory, unmounts, mounts again and reads
 *                  them back, counts the disk port's interrupts (rvpvpv=1: the rvpv-event line
 *                  of virtio0 must count them); rvpvdisk=verify only mounts and reads back what
 *                  an earlier boot wrote; rvpvkill=1 waits to be killed after the marker line
 *                  "disk: fsynced" instead of powering off (tests/suite.d/46)
 *   rvpvinit=cpu   steal time and idle: one spinning process pinned to each vCPU for rvpvspin=N
 *                  seconds, /proc/stat's steal before and after (rvpvsteal=1: must grow), then
 *                  "idle: start", idle until a typed line, "idle: end" and the interrupts that
 *                  counted meanwhile (the test reads the monitor's exit counts in between),
 *                  then power off (tests/suite.d/47)
 *   rvpvinit=balloon  rvpv's balloon driver (/sys/kernel/rvpv_balloon): waits until the host's
 *                  target (monitor `balloon ID rvpvballoon=N`) is reached, checks MemTotal fell
 *                  by as much and that the guest still writes, reads and runs things, waits for
 *                  the host's target 0; then sets rvpvballoonself=N MiB through target_kib and
 *                  0 again, a typed line after each step, then the host's target once more
 *                  (the test restarts it there); two processes ping-pong a byte between the
 *                  CPUs while the balloon moves (tests/suite.d/48)
 *   rvpvinit=exit  exit at once: the kernel panics ("Attempted to kill init"), with panic=-1
 *                  it resets the VM through SBI SRST
 * Built static with Debian's riscv64 cross glibc (tests/linux/build.mk). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "uprint.h"

static int failures;

static void check(int ok, const char *name, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	say("check %s: %s %s", name, ok ? "ok" : "FAIL", buf);
	if (!ok)
		failures++;
}

static const char *param_str(const char *key, char *out, size_t cap, const char *def)
{
	size_t kl = strlen(key);
	for (char *p = cmdline; (p = strstr(p, key)) != NULL; p += kl)
		if ((p == cmdline || p[-1] == ' ') && p[kl] == '=') {
			size_t n = strcspn(p + kl + 1, " \n");
			if (n >= cap)
				n = cap - 1;
			memcpy(out, p + kl + 1, n);
			out[n] = 0;
			return out;
		}
	return def;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int pin(int cpu)
{
	cpu_set_t s;
	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	return sched_setaffinity(0, sizeof(s), &s);
}

/* ---- FP registers: fill f0-f31 and fcsr, spin reading the time CSR (no FP, no syscall), read
 * them back. A gap between two reads of more than `thr` ticks means the process was not running
 * (Linux switched to another process, or rvpv to another vCPU, or the host took QEMU's thread):
 * those are counted as preemptions; Linux's own count (nonvoluntary_ctxt_switches) is shown
 * beside it. */
#define FLD(n) "fld f" #n ", " #n "*8(%[in])\n"
#define FSD(n) "fsd f" #n ", " #n "*8(%[out])\n"
#define ALL(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13) M(14) \
	M(15) M(16) M(17) M(18) M(19) M(20) M(21) M(22) M(23) M(24) M(25) M(26) M(27) M(28) M(29) M(30) M(31)

static long fp_round(const uint64_t in[33], uint64_t out[33], long spins, long thr)
{
	long gaps = 0, t, last, d;
	asm volatile(ALL(FLD)
		     "csrw fcsr, %[fcsr]\n"
		     "rdtime %[last]\n"
		     "1: rdtime %[t]\n"
		     "sub %[d], %[t], %[last]\n"
		     "blt %[d], %[thr], 2f\n"
		     "addi %[gaps], %[gaps], 1\n"
		     "2: mv %[last], %[t]\n"
		     "addi %[spins], %[spins], -1\n"
		     "bnez %[spins], 1b\n"
		     ALL(FSD)
		     "frcsr %[d]\n"
		     "sd %[d], 32*8(%[out])\n"
		     "fscsr zero\n" /* back to round-to-nearest: the pattern's frm may be invalid */
		     : [gaps] "+r"(gaps), [t] "=&r"(t), [last] "=&r"(last), [d] "=&r"(d), [spins] "+r"(spins)
		     : [in] "r"(in), [out] "r"(out), [thr] "r"(thr), [fcsr] "r"(in[32])
		     : "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11",
		       "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23",
		       "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31");
	return gaps;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

struct fpres { long reads, gaps, bad, nvcsw; };

/* Linux's count of involuntary context switches of this process (it was preempted) */
static long nvcsw(void)
{
	char buf[2048];
	int fd = open("/proc/self/status", O_RDONLY), n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *p = strstr(buf, "nonvoluntary_ctxt_switches:");
	return p ? strtol(p + 27, NULL, 10) : -1;
}

/* rounds of fill/spin/read with `seed`'s pattern until at least min_rounds rounds and min_gaps
 * preemptions, or secs seconds */
static struct fpres fp_regs(uint64_t seed, long min_gaps, long min_rounds, double secs)
{
	struct fpres r = { 0, 0, 0, 0 };
	uint64_t in[33], out[33];
	long thr = 20000; /* 2 ms at the 10 MHz timebase */
	double end = now() + secs;
	long cs0 = nvcsw();
	for (long round = 0; (r.gaps < min_gaps || round < min_rounds) && now() < end; round++) {
		for (int i = 0; i < 32; i++)
			in[i] = mix(seed << 40 ^ round << 8 ^ i);
		in[32] = mix(seed ^ round) & 0xff; /* frm (3 bits) and fflags (5) */
		r.gaps += fp_round(in, out, 100000, thr);
		for (int i = 0; i < 33; i++) {
			r.reads++;
			if (out[i] != in[i])
				r.bad++;
		}
	}
	r.nvcsw = nvcsw() - cs0;
	return r;
}

/* an FP computation whose exact IEEE result is known in advance (computed before any fork) */
static double fp_work(int n)
{
	volatile double s = 0;
	for (int k = 1; k <= n; k++)
		s += 1.0 / ((double)k * k) + __builtin_sqrt((double)k) * 1e-9;
	return s;
}

/* ---- the device tree as Linux got it (/sys/firmware/devicetree) ---- */
#define DT "/sys/firmware/devicetree/base"

static int dt_read(const char *path, uint8_t *buf, int cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int n = read(fd, buf, cap);
	close(fd);
	return n;
}

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* the device tree's own region is in /reserved-memory without no-map (so Linux keeps its linear
 * map in large pages), it is the last 64 KiB of RAM, and the initrd lies 4 KiB aligned below it */
static void check_dt(void)
{
	uint8_t b[16];
	char path[300], node[100] = "";
	DIR *d = opendir(DT "/reserved-memory");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "fdt@", 4) == 0)
			snprintf(node, sizeof(node), "%.90s", e->d_name);
	if (d)
		closedir(d);
	snprintf(path, sizeof(path), DT "/reserved-memory/%s/reg", node);
	uint64_t fdt = 0, fdt_size = 0, ram = 0, ram_size = 0, rd = 0, rd_end = 0;
	if (node[0] && dt_read(path, b, 16) == 16)
		fdt = be64(b), fdt_size = be64(b + 8);
	snprintf(path, sizeof(path), DT "/reserved-memory/%s/no-map", node);
	int nomap = access(path, F_OK) == 0;
	if (dt_read(DT "/memory@80000000/reg", b, 16) == 16)
		ram = be64(b), ram_size = be64(b + 8);
	if (dt_read(DT "/chosen/linux,initrd-start", b, 8) == 8)
		rd = be64(b);
	if (dt_read(DT "/chosen/linux,initrd-end", b, 8) == 8)
		rd_end = be64(b);
	int ok = node[0] && !nomap && fdt_size == 0x10000 && fdt + fdt_size == ram + ram_size && rd &&
		 rd % 4096 == 0 && rd < rd_end && rd_end <= fdt && fdt - rd_end < 4096;
	check(ok, "dt-layout", "/reserved-memory/%s %s, RAM %#lx+%#lx, initrd %#lx-%#lx", node[0] ? node : "(none)",
	      nomap ? "no-map" : "mapped", (unsigned long)ram, (unsigned long)ram_size, (unsigned long)rd,
	      (unsigned long)rd_end);
}

/* ---- smp mode ---- */
static void check_proc(int want_cpus)
{
	char buf[8192];
	int fd = open("/proc/cpuinfo", O_RDONLY), n = 0, len = 0, r;
	while (fd >= 0 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	buf[len] = 0;
	if (fd >= 0)
		close(fd);
	for (char *p = buf; (p = strstr(p, "processor")) != NULL; p++)
		n++;
	char *isa = strstr(buf, "isa\t");
	char isabuf[100] = "?";
	if (isa)
		sscanf(isa, "isa\t: %99s", isabuf);
	check(n == want_cpus, "proc-cpuinfo", "%d harts in /proc/cpuinfo (want %d), isa %s", n, want_cpus, isabuf);

	fd = open("/proc/self/stat", O_RDONLY);
	len = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	int pid = -1;
	char comm[64] = "?", state = '?';
	if (len > 0) {
		buf[len] = 0;
		sscanf(buf, "%d %63s %c", &pid, comm, &state);
	}
	check(pid == getpid() && strcmp(comm, "(init)") == 0 && state == 'R', "proc-self-stat",
	      "pid %d comm %s state %c", pid, comm, state);
}

static void check_fp_processes(int cpus, double expect)
{
	int fds[8][2];
	pid_t pids[8];
	for (int i = 0; i < cpus; i++) {
		if (pipe(fds[i]) < 0 || (pids[i] = fork()) < 0) {
			check(0, "fp-processes", "fork: %s", strerror(errno));
			return;
		}
		if (pids[i] == 0) {
			int pinned = pin(i) == 0;
			double got = 0;
			for (int k = 0; k < 5; k++)
				got = fp_work(200000);
			struct fpres r = fp_regs(0x100 + i, 10, 10, 20);
			int cpu = sched_getcpu();
			char msg[160];
			int n = snprintf(msg, sizeof(msg), "%d %d %d %ld %ld", pinned, cpu,
					 got == expect, r.reads, r.bad);
			if (write(fds[i][1], msg, n + 1) < 0)
				_exit(2);
			_exit(0);
		}
		close(fds[i][1]);
	}
	for (int i = 0; i < cpus; i++) {
		char msg[160] = "";
		int pinned = 0, cpu = -1, same = 0, st = 0;
		long reads = 0, bad = -1;
		if (read(fds[i][0], msg, sizeof(msg) - 1) > 0)
			sscanf(msg, "%d %d %d %ld %ld", &pinned, &cpu, &same, &reads, &bad);
		waitpid(pids[i], &st, 0);
		char name[32];
		snprintf(name, sizeof(name), "fp-process-%d", i);
		check(pinned && cpu == i && same && bad == 0 && reads > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      name, "pinned to cpu %d (ran on %d), sum %s, %ld register reads, %ld corrupted", i, cpu,
		      same ? "exact" : "WRONG", reads, bad);
	}
}

static void check_sleep(void)
{
	struct timespec req = { 1, 0 }, rt0, rt1;
	clock_gettime(CLOCK_REALTIME, &rt0);
	double t0 = now();
	int r = nanosleep(&req, NULL);
	double el = now() - t0;
	clock_gettime(CLOCK_REALTIME, &rt1);
	double rel = (rt1.tv_sec - rt0.tv_sec) + (rt1.tv_nsec - rt0.tv_nsec) / 1e9;
	/* loose: never early, at most a few seconds late on a loaded host */
	check(r == 0 && el >= 1.0 && el < 4.0 && rel > 0.9 && rel < 4.5, "sleep",
	      "nanosleep(1 s) returned %d after %.3f s (monotonic), %.3f s (realtime)", r, el, rel);
}

struct thr { int cpu, seen_cpu, pinned; long count; double sum; };
static volatile long shared_count;

static void *thread_main(void *arg)
{
	struct thr *t = arg;
	cpu_set_t s;
	CPU_ZERO(&s);
	CPU_SET(t->cpu, &s);
	t->pinned = pthread_setaffinity_np(pthread_self(), sizeof(s), &s) == 0;
	for (int k = 0; k < 200000; k++) {
		__atomic_add_fetch(&shared_count, 1, __ATOMIC_SEQ_CST);
		t->count++;
	}
	t->sum = fp_work(100000);
	t->seen_cpu = sched_getcpu();
	return NULL;
}

static void check_threads(int cpus)
{
	pthread_t th[8];
	struct thr t[8];
	double expect = fp_work(100000);
	shared_count = 0;
	for (int i = 0; i < cpus; i++) {
		t[i] = (struct thr){ .cpu = i, .seen_cpu = -1 };
		if (pthread_create(&th[i], NULL, thread_main, &t[i]) != 0) {
			check(0, "threads", "pthread_create failed");
			return;
		}
	}
	int ok = 1;
	char where[64] = "";
	for (int i = 0; i < cpus; i++) {
		pthread_join(th[i], NULL);
		ok &= t[i].pinned && t[i].seen_cpu == i && t[i].sum == expect && t[i].count == 200000;
		snprintf(where + strlen(where), sizeof(where) - strlen(where), "%s%d", i ? "," : "", t[i].seen_cpu);
	}
	ok &= shared_count == 200000L * cpus;
	check(ok, "threads", "%d threads ran on cpus %s, shared counter %ld (want %ld), FP sums %s", cpus,
	      where, shared_count, 200000L * cpus, ok ? "exact" : "checked");
}


/* Linux's perf through whatever PMU rvpv gives: rvpv offers no SBI PMU, so Linux falls back to
 * its legacy driver on the cycle and instret counters (hcounteren lets VS read them). A counter
 * opened on this process must count and never go back. Without -icount QEMU derives both
 * counters from host time, so how much a loop counts says nothing: only > 0 and monotonic. */
static long perf_open(uint64_t config)
{
	struct perf_event_attr a;
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_HARDWARE;
	a.size = sizeof(a);
	a.config = config;
	a.disabled = 1;
	return syscall(__NR_perf_event_open, &a, 0, -1, -1, 0);
}

static volatile uint64_t perf_sink;

static long long perf_after(int fd, long loops)
{
	long long v = -1;
	for (long i = 0; i < loops; i++)
		perf_sink += (uint64_t)i * 3;
	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return -1;
	return v;
}

static void check_perf(void)
{
	static const struct { uint64_t config; const char *name; } ev[] = {
		{ PERF_COUNT_HW_CPU_CYCLES, "cycles" }, { PERF_COUNT_HW_INSTRUCTIONS, "instructions" } };
	for (int i = 0; i < 2; i++) {
		long fd = perf_open(ev[i].config);
		if (fd < 0) {
			check(0, "perf", "perf_event_open(%s): errno %d", ev[i].name, errno);
			return;
		}
		ioctl((int)fd, PERF_EVENT_IOC_RESET, 0);
		ioctl((int)fd, PERF_EVENT_IOC_ENABLE, 0);
		long long a = perf_after((int)fd, 200000), b = perf_after((int)fd, 200000);
		close((int)fd);
		if (a <= 0 || b < a) {
			check(0, "perf", "%s: %lld after a loop, then %lld after another", ev[i].name, a, b);
			return;
		}
		say("perf: %s %lld after a loop, %lld after another", ev[i].name, a, b);
	}
	check(1, "perf", "cycles and instructions counted");
}

static void mode_smp(void)
{
	int cpus = (int)param("rvpvcpus", 2);
	if (cpus < 1 || cpus > 8)
		cpus = 2;
	double expect = fp_work(200000);
	check_dt();
	check_proc(cpus);
	check_fp_processes(cpus, expect);
	check_sleep();
	check_threads(cpus);
	check_perf();
}

/* ---- fp mode: two processes, each its own pattern, until both saw enough preemptions ---- */
static void mode_fp(void)
{
	long seed = param("rvpvseed", 1), want = param("rvpvgaps", 40), secs = param("rvpvsecs", 60);
	pid_t pids[2];
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			struct fpres r = fp_regs(seed * 16 + i, want, 20, secs);
			say("fp: process %d (seed %ld): %ld register reads across %ld preemptions, %ld corrupted "
			    "(%ld of them preemptions by Linux)", i, seed, r.reads, r.gaps, r.bad, r.nvcsw);
			_exit(r.bad == 0 && r.gaps >= want ? 0 : 1);
		}
	}
	int ok = 0;
	for (int i = 0; i < 2; i++) {
		int st = 0;
		waitpid(pids[i], &st, 0);
		ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	check(ok == 2, "fp-preempt", "%d of 2 processes kept their FP registers across %ld preemptions", ok, want);
}

/* ---- console mode ---- */
/* a /proc/interrupts line's count summed over the CPUs: the numbers after "IRQ:" */
static long irq_line_sum(const char *l)
{
	const char *p = strchr(l, ':');
	long sum = 0;
	for (p = p ? p + 1 : l;;) {
		char *e;
		long v = strtol(p, &e, 10);
		if (e == p)
			return sum;
		sum += v;
		p = e;
	}
}

/* prints the lines of /proc/interrupts that name the rvpv irqchip; returns the console port's
 * total count (the line with hvc_console), -1 if there is none */
static long rvpv_irq_lines(const char *when)
{
	char buf[4096];
	long console = -1;
	int fd = open("/proc/interrupts", O_RDONLY), n = 0, r;
	if (fd < 0) {
		say("console: /proc/interrupts: %s", strerror(errno));
		return -1;
	}
	while (n < (int)sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strstr(l, "rvpv"))
			continue;
		say("console: interrupts %s: %s", when, l);
		if (strstr(l, "hvc_console")) /* "  IRQ:   c0   c1 ... rvpv-event  PORT Edge  hvc_console" */
			console = irq_line_sum(l);
	}
	return console;
}

/* one line from the console (stdin), without its end */
static void read_line(char *line, size_t cap)
{
	size_t n = 0;
	while (n < cap - 1) {
		ssize_t r = read(0, line + n, 1);
		if (r <= 0) {
			say("console: read: %s", r < 0 ? strerror(errno) : "end of file");
			break;
		}
		if (line[n] == '\n' || line[n] == '\r')
			break;
		n++;
	}
	line[n] = 0;
}

/* /bin/sh (tests/linux/sh.c) on the console until it exits: the test types commands into it
 * and looks at the VM while it waits at its prompt; its status is a check */
static void run_shell(void)
{
	say("console: starting /bin/sh, exit leaves it");
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { "sh", NULL }, *envp[] = { "PATH=/bin:/", "HOME=/", NULL };
		execve("/bin/sh", argv, envp);
		say("console: exec /bin/sh: %s", strerror(errno));
		_exit(127);
	}
	int st = -1;
	if (pid > 0)
		waitpid(pid, &st, 0);
	check(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "shell", "/bin/sh %s %d",
	      pid < 0 ? "not started:" : WIFEXITED(st) ? "exited with" : "killed by signal",
	      pid < 0 ? errno : WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

static void mode_console(void)
{
	long pv = param("rvpvpv", 1);
	char line[256];
	int fd = open("/proc/consoles", O_RDONLY);
	if (fd >= 0) {
		int n = read(fd, line, sizeof(line) - 1);
		line[n > 0 ? n : 0] = 0;
		line[strcspn(line, "\n")] = 0;
		say("console: /proc/consoles: %s", line);
		close(fd);
	}
	long before = rvpv_irq_lines("before input");
	say("console: type a line");
	read_line(line, sizeof(line));
	say("console: got '%s'", line);
	long after = rvpv_irq_lines("after input");
	if (pv)
		check(after > 0 && after > before, "console-irq",
		      "console port interrupts %ld before input, %ld after", before, after);
	else
		check(after < 0, "console-irq", "no rvpv console port (%ld)", after);
	run_shell();
}

/* ---- cpu mode ---- */
/* the "cpu" line of /proc/stat: user nice system idle iowait irq softirq steal (USER_HZ ticks) */
static int stat_cpu(long long v[8])
{
	char buf[512];
	int fd = open("/proc/stat", O_RDONLY), n;
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return sscanf(buf, "cpu %lld %lld %lld %lld %lld %lld %lld %lld", &v[0], &v[1], &v[2],
		      &v[3], &v[4], &v[5], &v[6], &v[7]) == 8 ? 0 : -1;
}

/* /proc/interrupts into buf (NUL-terminated) */
static void read_interrupts(char *buf, size_t cap)
{
	int fd = open("/proc/interrupts", O_RDONLY), r;
	size_t n = 0;
	while (fd >= 0 && n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	buf[n] = 0;
}

/* the per-CPU counts of the line starting with label (e.g. " 5:" or "IPI0:"), summed */
static long irq_sum(const char *text, const char *label)
{
	const char *l = strstr(text, label);
	long sum = 0;
	if (!l)
		return -1;
	for (const char *p = l + strlen(label);;) {
		char *e;
		long v = strtol(p, &e, 10);
		if (e == p || *e == '\n')
			return e == p ? sum : sum + v;
		sum += v;
		p = e;
	}
}

/* says which interrupt lines counted during an interval: what woke the idle CPUs */
static void say_irq_deltas(const char *before, const char *after)
{
	char lines[4096];
	strncpy(lines, after, sizeof(lines) - 1);
	lines[sizeof(lines) - 1] = 0;
	for (char *l = strtok(lines, "\n"); l; l = strtok(NULL, "\n")) {
		char label[24], *colon = strchr(l, ':');
		if (!colon || colon - l >= (long)sizeof(label) - 1)
			continue;
		memcpy(label, l, colon - l + 1);
		label[colon - l + 1] = 0;
		long b = irq_sum(before, label), a = irq_sum(after, label);
		if (a > b && b >= 0)
			say("idle: %ld interrupts: %s", a - b, l);
	}
}

static void mode_cpu(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), want = param("rvpvcpus", 2);
	double spin = (double)param("rvpvspin", 3);
	long long a[8], b[8];
	char line[64];
	check(cpus == want, "cpu-count", "%ld CPUs online, %ld wanted", cpus, want);
	int ok = stat_cpu(a) == 0;
	for (long c = 0; c < cpus; c++)
		if (fork() == 0) {
			pin((int)c);
			for (double t = now(); now() - t < spin;)
				;
			_exit(0);
		}
	while (wait(NULL) > 0)
		;
	ok = ok && stat_cpu(b) == 0;
	long long steal = b[7] - a[7], busy = (b[0] - a[0]) + (b[2] - a[2]) + steal;
	say("cpu: /proc/stat over %.0f s of spinning on %ld CPUs: user %lld system %lld idle %lld steal %lld ticks",
	    spin, cpus, b[0] - a[0], b[2] - a[2], b[3] - a[3], steal);
	if (param("rvpvsteal", 1))
		check(ok && steal > 0, "steal", "%lld of %lld busy ticks stolen", steal, busy);
	else
		check(ok && steal == 0, "steal", "no steal (%lld ticks)", steal);
	/* idle until the test types a line: it takes its two monitor lists meanwhile, so the
	 * window it measures is idle however long the host takes to get there */
	static char irq0[8192], irq1[8192];
	read_interrupts(irq0, sizeof(irq0));
	say("idle: start, a typed line ends it");
	read_line(line, sizeof(line));
	read_interrupts(irq1, sizeof(irq1));
	say("idle: end");
	say_irq_deltas(irq0, irq1);
}

/* ---- disk mode ---- */
#define DISK_CHUNK 65536

/* word k of the pattern of seed (tests/suite.d/46 computes the same on the host) */
static uint64_t pattern_word(uint64_t seed, uint64_t k)
{
	return mix(seed * 0x9e3779b97f4a7c15ull + k);
}

static void fill(uint8_t *buf, uint64_t seed, uint64_t off, size_t n)
{
	for (size_t i = 0; i < n; i += 8) {
		uint64_t w = pattern_word(seed, (off + i) / 8);
		memcpy(buf + i, &w, 8);
	}
}

/* /dev/vda from /sys/block/vda/dev ("MAJOR:MINOR"): no devtmpfs in this kernel */
static int make_vda(void)
{
	char buf[32] = { 0 };
	unsigned maj, min;
	int fd = open("/sys/block/vda/dev", O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0 || sscanf(buf, "%u:%u", &maj, &min) != 2) {
		say("disk: no /sys/block/vda/dev: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	if (mknod("/dev/vda", S_IFBLK | 0600, makedev(maj, min)) < 0 && errno != EEXIST) {
		say("disk: mknod /dev/vda: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int mount_disk(void)
{
	mkdir("/mnt", 0755);
	if (mount("/dev/vda", "/mnt", "ext2", 0, NULL) < 0) {
		say("disk: mount /dev/vda: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void umount_disk(void)
{
	int r = umount("/mnt");
	check(r == 0, "disk-umount", "%s", r ? strerror(errno) : "/mnt");
}

static int file_is(const char *path, const char *want)
{
	char buf[256];
	int fd = open(path, O_RDONLY), n;
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return strcmp(buf, want) == 0;
}

/* the pattern file: returns the number of bad bytes (-1: no such file or a short one) */
static long read_pattern(const char *path, uint64_t seed, uint64_t bytes)
{
	static uint8_t buf[DISK_CHUNK], want[DISK_CHUNK];
	long bad = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	for (uint64_t off = 0; off < bytes; off += DISK_CHUNK) {
		ssize_t r = read(fd, buf, DISK_CHUNK);
		if (r != DISK_CHUNK) {
			close(fd);
			return -1;
		}
		fill(want, seed, off, DISK_CHUNK);
		for (int i = 0; i < DISK_CHUNK; i++)
			bad += buf[i] != want[i];
	}
	close(fd);
	return bad;
}

static int write_synced(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok = fd >= 0 && write(fd, data, n) == (ssize_t)n && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* the lines of /proc/interrupts naming virtio0; returns their total count, -1 if none */
static long disk_irqs(void)
{
	char buf[4096];
	long total = -1;
	int fd = open("/proc/interrupts", O_RDONLY), n = 0, r;
	if (fd < 0)
		return -1;
	while (n < (int)sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strstr(l, "virtio0"))
			continue;
		say("disk: interrupts: %s", l);
		total = irq_line_sum(l);
	}
	return total;
}

static void mode_disk(void)
{
	uint64_t seed = (uint64_t)param("rvpvseed", 1);
	uint64_t bytes = (uint64_t)param("rvpvmib", 2) << 20;
	long pv = param("rvpvpv", 1), bad;
	char what[16], text[96];
	param_str("rvpvdisk", what, sizeof(what), "write");
	snprintf(text, sizeof(text), "written by Linux, seed %llu\n", (unsigned long long)seed);
	if (make_vda() < 0 || mount_disk() < 0) {
		check(0, "disk-mount", "no file system from /dev/vda");
		return;
	}
	check(1, "disk-mount", "ext2 from /dev/vda on /mnt");
	if (strcmp(what, "verify") == 0) {
		double t0 = now();
		bad = read_pattern("/mnt/guest.bin", seed, bytes);
		check(bad == 0, "disk-verify", "/guest.bin: %ld bad bytes of %llu, read in %.2f s", bad,
		      (unsigned long long)bytes, now() - t0);
		check(file_is("/mnt/guest.txt", text), "disk-verify-text", "/guest.txt");
		umount_disk();
		return;
	}
	check(file_is("/mnt/host.txt", "made on the host\n"), "disk-host-file", "/host.txt");
	int fd = open("/mnt/guest.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	static uint8_t chunk[DISK_CHUNK];
	int ok = fd >= 0;
	double t0 = now();
	for (uint64_t off = 0; ok && off < bytes; off += DISK_CHUNK) {
		fill(chunk, seed, off, DISK_CHUNK);
		ok = write(fd, chunk, DISK_CHUNK) == DISK_CHUNK;
	}
	ok = ok && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	double t1 = now();
	ok = ok && write_synced("/mnt/guest.txt", text, strlen(text));
	/* ext2 keeps the new names in the directory: fsync it too */
	int dfd = open("/mnt", O_RDONLY | O_DIRECTORY);
	ok = ok && dfd >= 0 && fsync(dfd) == 0;
	if (dfd >= 0)
		close(dfd);
	check(ok, "disk-write", "%llu bytes written and fsynced in %.2f s: %s",
	      (unsigned long long)bytes, t1 - t0, ok ? "" : strerror(errno));
	/* from the disk, not the page cache: the unmount drops the files' pages */
	umount_disk();
	if (mount_disk() < 0)
		return;
	t0 = now();
	bad = read_pattern("/mnt/guest.bin", seed, bytes);
	t1 = now();
	check(bad == 0, "disk-readback", "%ld bad bytes of %llu, read in %.2f s", bad,
	      (unsigned long long)bytes, t1 - t0);
	check(file_is("/mnt/guest.txt", text), "disk-readback-text", "/guest.txt");
	long irqs = disk_irqs();
	if (pv)
		check(irqs > 0, "disk-irq", "%ld interrupts on the rvpv disk port", irqs);
	else
		check(1, "disk-irq", "%ld interrupts (not rvpv's)", irqs);
	if (param("rvpvkill", 0)) {
		say("disk: fsynced, %d checks failed; waiting to be killed", failures);
		for (;;)
			pause();
	}
	umount_disk();
}

/* ---- balloon mode ---- */
#define BALLOON_SYS "/sys/kernel/rvpv_balloon/"

static long sys_long(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

static long meminfo_kb(const char *key)
{
	char buf[2048], *p;
	int fd = open("/proc/meminfo", O_RDONLY);
	if (fd < 0)
		return -1;
	int n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	p = strstr(buf, key);
	return p ? strtol(p + strlen(key) + 1, NULL, 10) : -1;
}

/* polls current_kib until it is want (an upper bound of 120 s for a hang, not a speed) */
static long balloon_wait(long want)
{
	long cur = -1;
	for (int i = 0; i < 2400 && (cur = sys_long(BALLOON_SYS "current_kib")) != want; i++)
		usleep(50000);
	return cur;
}

/* files, a process: what a guest with less RAM must still do */
static int balloon_guest_works(void)
{
	static uint8_t buf[1 << 20], back[1 << 20];
	int ok = 1;
	for (int k = 0; k < 4 && ok; k++) {
		fill(buf, 48 + k, 0, sizeof(buf));
		ok = write_synced("/balloon.bin", buf, sizeof(buf));
		int fd = open("/balloon.bin", O_RDONLY);
		ok = ok && fd >= 0 && read(fd, back, sizeof(back)) == (ssize_t)sizeof(back) &&
		     memcmp(buf, back, sizeof(buf)) == 0;
		if (fd >= 0)
			close(fd);
	}
	unlink("/balloon.bin");
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	int st = 0;
	return ok && pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42;
}

/* Two processes, one pinned to each CPU, passing a byte back and forth through two pipes: both
 * vCPUs stay busy (so each balloon release waits for the other vCPU's world switch) and every
 * wake-up across CPUs is an IPI, some of which land while a release waits. */
static pid_t balloon_traffic[2];

static void balloon_traffic_start(void)
{
	int ab[2], ba[2];
	if (pipe(ab) < 0 || pipe(ba) < 0)
		return;
	for (int i = 0; i < 2; i++) {
		balloon_traffic[i] = fork();
		if (balloon_traffic[i] == 0) {
			char c = 0;
			pin(i);
			if (i == 0 && write(ab[1], &c, 1) < 0)
				_exit(1);
			for (;;)
				if (read(i ? ab[0] : ba[0], &c, 1) != 1 || write(i ? ba[1] : ab[1], &c, 1) != 1)
					_exit(1);
		}
	}
	close(ab[0]), close(ab[1]), close(ba[0]), close(ba[1]);
}

static void balloon_traffic_stop(void)
{
	for (int i = 0; i < 2; i++)
		if (balloon_traffic[i] > 0) {
			kill(balloon_traffic[i], SIGKILL);
			waitpid(balloon_traffic[i], NULL, 0);
			balloon_traffic[i] = 0;
		}
}

static int balloon_set(long kib)
{
	char v[32];
	int fd = open(BALLOON_SYS "target_kib", O_WRONLY), n = snprintf(v, sizeof(v), "%ld\n", kib);
	int ok = fd >= 0 && write(fd, v, n) == n;
	if (fd >= 0)
		close(fd);
	return ok;
}

static void mode_balloon(void)
{
	long host = param("rvpvballoon", 16) * 1024, self = param("rvpvballoonself", 8) * 1024;
	long mt0 = meminfo_kb("MemTotal:"), cur = sys_long(BALLOON_SYS "current_kib");
	char line[64];
	check(cur == 0, "balloon-sysfs", "current_kib %ld, target_kib %ld, host_target_kib %ld", cur,
	      sys_long(BALLOON_SYS "target_kib"), sys_long(BALLOON_SYS "host_target_kib"));
	balloon_traffic_start();
	say("balloon: ready, MemTotal %ld kB", mt0);
	cur = balloon_wait(host);
	balloon_traffic_stop();
	long mt = meminfo_kb("MemTotal:");
	check(cur == host && sys_long(BALLOON_SYS "host_target_kib") == host, "balloon-host-down",
	      "current_kib %ld of the host's %ld, MemTotal %ld kB (%+ld)", cur, host, mt, mt - mt0);
	check(mt0 - mt == host, "balloon-memtotal-down", "MemTotal %ld kB -> %ld kB", mt0, mt);
	check(balloon_guest_works(), "balloon-guest-works", "4 MiB written and read back, a child ran");
	say("balloon: down, waiting for the host's target 0");
	balloon_traffic_start();
	cur = balloon_wait(0);
	balloon_traffic_stop();
	mt = meminfo_kb("MemTotal:");
	check(cur == 0 && mt == mt0, "balloon-host-up", "current_kib %ld, MemTotal %ld kB", cur, mt);
	balloon_traffic_start();
	check(balloon_set(self), "balloon-self-target", "%ld KiB written", self);
	cur = balloon_wait(self);
	balloon_traffic_stop();
	check(cur == self && sys_long(BALLOON_SYS "target_kib") == self, "balloon-self-down",
	      "current_kib %ld of %ld", cur, self);
	check(balloon_guest_works(), "balloon-guest-works-self", "");
	say("balloon: self down, type a line");
	read_line(line, sizeof(line));
	balloon_traffic_start();
	check(balloon_set(0), "balloon-self-target-0", "");
	cur = balloon_wait(0);
	balloon_traffic_stop();
	check(cur == 0 && meminfo_kb("MemTotal:") == mt0, "balloon-self-up", "current_kib %ld", cur);
	say("balloon: self up, type a line");
	read_line(line, sizeof(line));
	/* the host's target once more: the test restarts the VM with its pages released */
	cur = balloon_wait(host);
	check(cur == host, "balloon-host-down-again", "current_kib %ld of %ld", cur, host);
	say("balloon: down again, type a line to power off");
	read_line(line, sizeof(line));
}

int main(void)
{
	if (mount("proc", "/proc", "proc", 0, NULL) < 0)
		say("init: mount /proc: %s", strerror(errno));
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) < 0)
		say("init: mount /sys: %s", strerror(errno));
	int fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		int n = read(fd, cmdline, sizeof(cmdline) - 1);
		cmdline[n > 0 ? n : 0] = 0;
		close(fd);
	}
	char mode[16];
	param_str("rvpvinit", mode, sizeof(mode), "smp");
	say("init: rvpv Linux test, mode %s, pid %d", mode, getpid());
	if (strcmp(mode, "exit") == 0) {
		say("init: exiting: the kernel should panic now");
		return 1;
	}
	if (strcmp(mode, "fp") == 0)
		mode_fp();
	else if (strcmp(mode, "console") == 0)
		mode_console();
	else if (strcmp(mode, "disk") == 0)
		mode_disk();
	else if (strcmp(mode, "cpu") == 0)
		mode_cpu();
	else if (strcmp(mode, "balloon") == 0)
		mode_balloon();
	else
		mode_smp();
	if (failures)
		say("init: %d checks FAILED, powering off", failures);
	else
		say("init: all checks passed, powering off");
	sync();
	reboot(RB_POWER_OFF);
	say("init: reboot(RB_POWER_OFF) returned: %s", strerror(errno));
	for (;;)
		pause();
}

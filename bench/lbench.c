/* lbench: /init of the Linux benchmark (make bench, bench/run.sh; docs/benchmarks.md, "Linux side
 * by side"). The same program in the same kernel Image natively on plain QEMU, paravirtualised on
 * rvpv and unmodified on rvpv: it prints one "lbench: ..." line per measurement, timed with
 * rdtime (the 10 MHz time CSR: under -icount shift=0 QEMU's instruction clock / 100, otherwise
 * host time), then powers off. Parameters come from the kernel command line (defaults in ()):
 *   lbsyscalls=N  getppid() calls (200000)   lbforks=N   fork + _exit + waitpid rounds (100)
 *   lbseqmib=N    MiB written, then read, in lbreqkib=N KiB requests, from offset 0 (32, 128)
 *   lbrand=N      4 KiB writes, then reads, at pseudo-random 4 KiB-aligned offsets (2048)
 *   lbsync=1      before each disk phase (and an empty one, "none") print "lbench: ready PHASE"
 *                 and wait for a typed line: the host reads rvpv's monitor between phases
 *                 (bench/lbench.py); at the end "lbench: ready idle" waits for a line with the
 *                 idle seconds instead of taking lbidle
 *   lbidle=N      after the rest, N seconds asleep between "lbench: idle start" and "idle end"
 *   lbsoak=1      a soaker runs beside the disk phases (below); with lbsync, a 1 typed at the
 *                 first sync point ("ready none") does
 * The disk is /dev/vda through O_DIRECT (no page cache); each write phase ends with fdatasync,
 * timed with it, so what is measured is the transport and QEMU's device, one request at a time
 * (queue depth 1). Under -icount sleep=off a wait for the disk costs whatever QEMU's clock skips
 * while every hart idles (to the next timer deadline, which differs with who programs it), so
 * ticks alone say little there: with lbsoak=1 a SCHED_IDLE process counts loop iterations of 3
 * instructions from the first disk phase to the last sync point (so the waits for the host's
 * typed lines between phases do not idle either: QEMU would race the clock through them) and
 * instructions the whole phase long, the CPU never idles, nothing is skipped, and the phase's
 * clock minus the soaker's instructions is what the I/O path executed (guest, hypervisor and
 * firmware, all of it) while QEMU's host threads did the device's work. Built static with Debian's riscv64 cross glibc (tests/linux/build.mk), packed
 * as the only file of build/linux/bench.cpio. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tests/linux/uprint.h"

static inline uint64_t ticks(void)
{
	uint64_t t;
	asm volatile("rdtime %0" : "=r"(t));
	return t;
}

static int read_text(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY), n = fd >= 0 ? read(fd, buf, cap - 1) : -1;
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void bench_syscalls(long n)
{
	uint64_t t0 = ticks();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	say("lbench: syscall n=%ld ticks=%llu", n, (unsigned long long)(ticks() - t0));
}

static void bench_forks(long n)
{
	uint64_t t0 = ticks();
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p == 0)
			_exit(0);
		if (p < 0 || waitpid(p, NULL, 0) != p) {
			say("lbench: fork failed: %s", strerror(errno));
			return;
		}
	}
	say("lbench: fork n=%ld ticks=%llu", n, (unsigned long long)(ticks() - t0));
}

/* ---- the disk ---- */
struct disk_counts { long long ios, flushes, irqs; };

/* requests completed (reads + writes, and flushes apart) from /sys/block/vda/stat, and the
 * interrupts of the virtio0 line of /proc/interrupts (every CPU's column summed) */
static struct disk_counts disk_counts(void)
{
	static char buf[8192];
	long long f[17] = { 0 };
	struct disk_counts c = { 0, 0, 0 };
	read_text("/sys/block/vda/stat", buf, sizeof(buf));
	char *p = buf;
	for (int i = 0; i < 17; i++)
		f[i] = strtoll(p, &p, 10);
	c.ios = f[0] + f[4];
	c.flushes = f[15];
	read_text("/proc/interrupts", buf, sizeof(buf));
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		char *colon = strchr(l, ':');
		if (!strstr(l, "virtio0") || !colon)
			continue;
		for (p = colon + 1;;) {
			char *e;
			long long v = strtoll(p, &e, 10);
			if (e == p)
				break;
			c.irqs += v;
			p = e;
		}
	}
	return c;
}

/* /dev/vda from /sys/block/vda/dev: this kernel has no devtmpfs */
static int open_vda(long long *bytes)
{
	char buf[64];
	unsigned maj, min;
	if (read_text("/sys/block/vda/dev", buf, sizeof(buf)) <= 0 || sscanf(buf, "%u:%u", &maj, &min) != 2)
		return -1;
	if (mknod("/dev/vda", S_IFBLK | 0600, makedev(maj, min)) < 0 && errno != EEXIST)
		return -1;
	read_text("/sys/block/vda/size", buf, sizeof(buf));
	*bytes = strtoll(buf, NULL, 10) * 512;
	return open("/dev/vda", O_RDWR | O_DIRECT);
}

/* says "lbench: ready PHASE" and returns the number on the line typed then (0 if none) */
static long wait_line(const char *phase)
{
	char line[32];
	size_t n = 0;
	say("lbench: ready %s", phase);
	while (n < sizeof(line) - 1 && read(0, line + n, 1) == 1 && line[n] != '\n' && line[n] != '\r')
		n++;
	line[n] = 0;
	return strtol(line, NULL, 10);
}

/* the soaker: counts iterations of a 3-instruction loop into shared memory until killed */
static volatile uint64_t *soak_count;

static pid_t soak_start(void)
{
	if (!soak_count) {
		void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return -1;
		soak_count = m;
	}
	*soak_count = 0;
	pid_t p = fork();
	if (p == 0) {
		struct sched_param sp = { 0 };
		sched_setscheduler(0, SCHED_IDLE, &sp);
		asm volatile("li t0, 0\n"
			     "1: addi t0, t0, 1\n"
			     "sd t0, 0(%0)\n"
			     "j 1b\n" : : "r"(soak_count) : "t0", "memory");
	}
	return p;
}

static void soak_stop(pid_t p)
{
	if (p > 0) {
		kill(p, SIGKILL);
		waitpid(p, NULL, 0);
	}
}

static uint64_t next_rand(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 33;
}

/* one phase: `count` requests of `len` bytes, sequential from 0 or at random 4 KiB blocks */
static void disk_phase(int fd, const char *name, int writing, int scattered, long count, size_t len,
		       long long disk_bytes, uint8_t *buf, pid_t soaker)
{
	uint64_t seed = 17, blocks = disk_bytes / 4096;
	if (param("lbsync", 0) && strcmp(name, "none"))
		wait_line(name);
	struct disk_counts a = disk_counts();
	uint64_t s0 = soaker > 0 ? *soak_count : 0, t0 = ticks();
	long done = 0;
	for (; done < count; done++) {
		off_t off = scattered ? (off_t)(next_rand(&seed) % blocks) * 4096 : (off_t)done * (off_t)len;
		ssize_t r = writing ? pwrite(fd, buf, len, off) : pread(fd, buf, len, off);
		if (r != (ssize_t)len) {
			say("lbench: disk %s failed at %lld: %s", name, (long long)off, r < 0 ? strerror(errno) : "short");
			return;
		}
	}
	if (writing && fdatasync(fd) < 0) {
		say("lbench: disk %s fdatasync: %s", name, strerror(errno));
		return;
	}
	uint64_t t = ticks() - t0, soaked = soaker > 0 ? *soak_count - s0 : 0;
	struct disk_counts b = disk_counts();
	say("lbench: disk %s bytes=%llu reqbytes=%zu ticks=%llu ios=%lld flushes=%lld irqs=%lld soak=%llu",
	    name, (unsigned long long)count * len, len, (unsigned long long)t, b.ios - a.ios,
	    b.flushes - a.flushes, b.irqs - a.irqs, (unsigned long long)soaked * 3);
}

/* the disk phases; returns the soaker, which the caller stops after its last sync point */
static pid_t bench_disk(void)
{
	long long disk_bytes = 0;
	int fd = open_vda(&disk_bytes);
	if (fd < 0) {
		say("lbench: no disk (/dev/vda: %s)", strerror(errno));
		return 0;
	}
	size_t req = (size_t)param("lbreqkib", 128) << 10;
	long seq = (param("lbseqmib", 32) << 20) / (long)req, rnd = param("lbrand", 2048);
	uint8_t *buf;
	if (req == 0 || (long long)seq * (long long)req > disk_bytes || posix_memalign((void **)&buf, 4096, req)) {
		say("lbench: disk parameters do not fit a %lld-byte disk", disk_bytes);
		close(fd);
		return 0;
	}
	for (size_t i = 0; i < req; i++)
		buf[i] = (uint8_t)(i * 7 + 1);
	say("lbench: disk /dev/vda %lld bytes", disk_bytes);
	long soak = param("lbsync", 0) ? wait_line("none") : param("lbsoak", 0);
	pid_t soaker = soak ? soak_start() : 0;
	/* an empty phase: with lbsync, its window is what one sync point costs by itself */
	disk_phase(fd, "none", 0, 0, 0, 4096, disk_bytes, buf, soaker);
	disk_phase(fd, "seqwrite", 1, 0, seq, req, disk_bytes, buf, soaker);
	disk_phase(fd, "seqread", 0, 0, seq, req, disk_bytes, buf, soaker);
	disk_phase(fd, "randwrite", 1, 1, rnd, 4096, disk_bytes, buf, soaker);
	disk_phase(fd, "randread", 0, 1, rnd, 4096, disk_bytes, buf, soaker);
	close(fd);
	free(buf);
	return soaker;
}

int main(void)
{
	uint64_t start = ticks(); /* the boot marker: QEMU's clock when /init starts */
	if (mount("proc", "/proc", "proc", 0, NULL) < 0 || mount("sysfs", "/sys", "sysfs", 0, NULL) < 0)
		say("lbench: mount /proc or /sys: %s", strerror(errno));
	read_text("/proc/cmdline", cmdline, sizeof(cmdline));
	say("lbench: boot ticks=%llu", (unsigned long long)start);
	bench_syscalls(param("lbsyscalls", 200000));
	bench_forks(param("lbforks", 100));
	pid_t soaker = bench_disk();
	long idle = param("lbsync", 0) ? wait_line("idle") : param("lbidle", 0);
	soak_stop(soaker);
	if (idle > 0) {
		say("lbench: idle start secs=%ld", idle);
		sleep((unsigned)idle);
		say("lbench: idle end");
	}
	say("lbench: done");
	reboot(RB_POWER_OFF);
	say("lbench: reboot(RB_POWER_OFF): %s", strerror(errno));
	for (;;)
		pause();
}

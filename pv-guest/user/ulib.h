/* Our additions to picolibc for user programs: the calls picolibc has no name for. */
#ifndef ULIB_H
#define ULIB_H
#include <stdint.h>
#include "pvsys.h"
#include "pvfs.h"

long pv_syscall(long n, long a0, long a1, long a2);
int pv_fstat(int fd, struct pv_stat *st);
int pv_exec(const char *path, char *const argv[]);
long pv_uptime(void);
int pv_sleep_ticks(long n);
int pv_sync(void);
void pv_halt(void);
int pv_hvinfo(struct pv_hvinfo *out);

static inline uint64_t rd_time(void)
{
	uint64_t v;
	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}
static inline uint64_t rd_instret(void)
{
	uint64_t v;
	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}
#endif

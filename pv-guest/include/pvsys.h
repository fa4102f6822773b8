/* The guest's system-call interface: numbers (a7), open flags and the stat record, shared by
 * the kernel and the user library. Arguments in a0-a5, result in a0 (-1 on error). */
#ifndef PVSYS_H
#define PVSYS_H
#include <stdint.h>

#define SYS_exit     1
#define SYS_fork     2
#define SYS_exec     3
#define SYS_wait     4
#define SYS_getpid   5
#define SYS_read     6
#define SYS_write    7
#define SYS_open     8
#define SYS_close    9
#define SYS_dup     10
#define SYS_pipe    11
#define SYS_mkdir   12
#define SYS_unlink  13
#define SYS_chdir   14
#define SYS_fstat   15
#define SYS_sbrk    16
#define SYS_sleep   17
#define SYS_uptime  18
#define SYS_sync    19
#define SYS_halt    20
#define SYS_hvinfo  21

#define PV_O_RDONLY 0x000
#define PV_O_WRONLY 0x001
#define PV_O_RDWR   0x002
#define PV_O_CREATE 0x200
#define PV_O_TRUNC  0x400

struct pv_stat {
	uint32_t ino;
	uint16_t type;   /* PVFS_T_* */
	uint16_t nlink;
	uint64_t size;
};

/* SYS_hvinfo: what the platform layer learned at boot. */
struct pv_hvinfo {
	uint64_t sbi_impl_id;
	uint64_t sbi_impl_version;
	uint64_t rvpv_version;    /* CORE_GET_VERSION, 0 when native */
	uint64_t rvpv_features;   /* CORE_GET_FEATURES */
	uint64_t timebase;        /* Hz, from the device tree */
	uint64_t ticks_per_sec;   /* scheduler tick rate */
	char backend[8];          /* "native" or "pv" */
};

#endif

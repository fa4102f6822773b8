/* Fixed kernel limits. */
#ifndef PARAM_H
#define PARAM_H
#define NPROC      32
#define NOFILE     16   /* open files per process */
#define NFILE      100  /* open files in the system */
#define NINODE     50   /* in-memory inodes */
#define NBUF       32   /* buffer cache blocks */
#define MAXARG     32
#define MAXPATH    128
#define KSTACK_SIZE 8192
#define HZ         100  /* scheduler ticks per second */
#define MAXCPU     4
#endif

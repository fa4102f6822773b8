/* Kernel-wide types and every function exported between kernel files. */
#ifndef DEFS_H
#define DEFS_H
#include <stdint.h>
#include <stddef.h>
#include "riscv.h"
#include "param.h"
#include "pvfs.h"
#include "pvsys.h"
#include "rvpv/virtio_ring.h"

/* fdt.c */
struct fdt_info {
	uint64_t mem_base, mem_size;
	uint64_t timebase;
	uint32_t ncpus;
	uint64_t hartids[8];   /* from the cpu@N node names */
	uint64_t uart_base;
	uint64_t virtio_base[8];
	uint32_t nvirtio;
	const char *bootargs;
	uint64_t fdt_addr, fdt_size;
};
int fdt_parse(uint64_t addr, struct fdt_info *out);

/* printf.c */
void kprintf(const char *fmt, ...);
void panic(const char *msg) __attribute__((noreturn));

/* string.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);
char *safestrcpy(char *d, const char *s, int n);

/* kalloc.c */
void kalloc_init(uint64_t start, uint64_t end);
void *kalloc(void);
void kfree(void *pa);
uint64_t kalloc_free_pages(void);

/* vm.c */
void kvm_init(uint64_t ram_base, uint64_t ram_size);
void kvm_switch(pagetable_t pt);
pagetable_t uvm_create(void);
int uvm_map(pagetable_t pt, uint64_t va, uint64_t pa, uint64_t perm);
uint64_t uvm_alloc(pagetable_t pt, uint64_t oldsz, uint64_t newsz, uint64_t perm);
uint64_t uvm_dealloc(pagetable_t pt, uint64_t oldsz, uint64_t newsz);
void uvm_free(pagetable_t pt, uint64_t sz);
int uvm_copy(pagetable_t from, pagetable_t to, uint64_t sz);
void uvm_clear_user(pagetable_t pt, uint64_t va);
uint64_t uvm_walkaddr(pagetable_t pt, uint64_t va);
int copyout(pagetable_t pt, uint64_t dst, const void *src, uint64_t len);
int copyin(pagetable_t pt, void *dst, uint64_t src, uint64_t len);
int copyinstr(pagetable_t pt, char *dst, uint64_t src, uint64_t max);

/* swtch.S / trapvec.S */
struct context {
	uint64_t ra, sp;
	uint64_t s[12];
};
struct trapframe {
	uint64_t regs[32];    /* x0..x31 (x0 slot unused) */
	uint64_t epc;         /* 256 */
	uint64_t kernel_sp;   /* 264 */
	uint64_t kernel_tp;   /* 272: this hart's cpu index, restored into tp on entry */
};
void swtch(struct context *old, struct context *new);
void trap_entry(void);
void user_return(struct trapframe *tf) __attribute__((noreturn));

/* smp.c: tp holds the cpu index while the kernel runs */
struct proc;
struct cpu {
	uint64_t hartid;
	struct proc *proc;         /* running here, or 0 */
	struct context sched_ctx;  /* swtch() here to enter the scheduler */
	uint64_t next_tick;
	int up;                     /* secondary has checked in */
	volatile int idle;          /* in pv_idle(): wake it with an IPI */
};
extern struct cpu cpus[MAXCPU];
extern uint32_t ncpu;
static inline uint64_t cpuid(void)
{
	uint64_t id;
	__asm__ volatile("mv %0, tp" : "=r"(id));
	return id;
}
static inline struct cpu *mycpu(void) { return &cpus[cpuid()]; }
void smp_init_boot(uint64_t hartid);
void smp_start(const struct fdt_info *fdt);
void bkl_acquire(void);
void bkl_release(void);

/* proc.c */
enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };
struct file;
struct inode;
struct proc {
	enum procstate state;
	const void *chan;
	int killed, xstate, pid;
	struct proc *parent;
	pagetable_t pagetable;
	uint64_t sz;            /* top of user memory (UBASE..sz in use) */
	uint64_t heap_base;     /* where sbrk memory starts */
	struct context context;
	struct trapframe tf;
	struct file *ofile[NOFILE];
	struct inode *cwd;
	char name[16];
	uint8_t kstack[KSTACK_SIZE] __attribute__((aligned(16)));
};
struct proc *myproc(void);
void proc_init(void);
void user_init(void);
void scheduler(void) __attribute__((noreturn));
void sched(void);
void yield(void);
void sleep_on(const void *chan);
void wakeup(const void *chan);
int fork(void);
void exit(int status) __attribute__((noreturn));
int wait(uint64_t addr);
int growproc(int64_t n);
pagetable_t proc_pagetable(struct proc *p);

/* trap.c */
extern volatile uint64_t ticks;
void trap_init(void);
void usertrap(struct trapframe *tf) __attribute__((noreturn));
void usertrapret(void) __attribute__((noreturn));
void kerneltrap(void) __attribute__((noreturn));
int poll_interrupts(void);

/* syscall.c */
void syscall(struct trapframe *tf);
int argstr(int n, char *buf, int max);
uint64_t argraw(int n);

/* sysproc.c, sysfile.c: the handlers */
int64_t sys_exit(void), sys_fork(void), sys_exec(void), sys_wait(void), sys_getpid(void);
int64_t sys_sbrk(void), sys_sleep(void), sys_uptime(void), sys_halt(void), sys_hvinfo(void);
int64_t sys_read(void), sys_write(void), sys_open(void), sys_close(void), sys_dup(void);
int64_t sys_pipe(void), sys_mkdir(void), sys_unlink(void), sys_chdir(void), sys_fstat(void);
int64_t sys_sync(void);

/* exec.c */
int exec(const char *path, char **argv);

/* console.c */
void console_init(const char *bootargs);
void console_poll(void);
int console_read(uint64_t dst, int n);
int console_write(uint64_t src, int n);
void console_putc(int c);

/* virtio_blk.c */
#define VQ_SIZE 32
struct virtq {
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	uint32_t size;
};
void virtio_blk_init(void);
struct blk_req {
	uint64_t sector;
	void *data;
	uint32_t len;
	int write;
};
int virtio_blk_rw(uint64_t sector, void *data, uint32_t len, int write);
int virtio_blk_batch(const struct blk_req *rq, int n);  /* one notify per VQ_SIZE / 3 */
int virtio_blk_flush(void);
uint64_t virtio_blk_capacity(void);

/* bio.c */
struct buf {
	int valid, refcnt, dirty;
	uint32_t blockno;
	struct buf *prev, *next;    /* LRU list */
	uint8_t data[PVFS_BSIZE];
};
void binit(void);
struct buf *bread(uint32_t blockno);
struct buf *bget(uint32_t blockno);  /* no read: the caller overwrites it whole */
void bwrite(struct buf *b);
void brelse(struct buf *b);
void bcommit(void);  /* write every dirty buffer, in batches */

/* fs.c */
struct inode {
	uint32_t inum;
	int ref, valid;
	uint16_t type, nlink;
	uint32_t size;
	uint32_t addrs[PVFS_NDIRECT + 1];
};
void fs_init(void);
struct inode *iget(uint32_t inum);
struct inode *idup(struct inode *ip);
void iput(struct inode *ip);
void iload(struct inode *ip);
void iupdate(struct inode *ip);
struct inode *ialloc(uint16_t type);
void itrunc(struct inode *ip);
int readi(struct inode *ip, int user, uint64_t dst, uint32_t off, uint32_t n);
int writei(struct inode *ip, int user, uint64_t src, uint32_t off, uint32_t n);
void stati(struct inode *ip, struct pv_stat *st);
struct inode *dirlookup(struct inode *dp, const char *name, uint32_t *poff);
int dirlink(struct inode *dp, const char *name, uint32_t inum);
struct inode *namei(const char *path);
struct inode *nameiparent(const char *path, char *name);
int either_copyout(int user, uint64_t dst, const void *src, uint64_t len);
int either_copyin(int user, void *dst, uint64_t src, uint64_t len);

/* file.c */
struct pipe;
struct file {
	enum { FD_NONE, FD_PIPE, FD_INODE, FD_DEVICE } type;
	int ref;
	int readable, writable;
	struct pipe *pipe;
	struct inode *ip;
	uint32_t off;
};
struct file *filealloc(void);
struct file *filedup(struct file *f);
void fileclose(struct file *f);
int filestat(struct file *f, uint64_t addr);
int fileread(struct file *f, uint64_t addr, int n);
int filewrite(struct file *f, uint64_t addr, int n);

/* pipe.c */
int pipealloc(struct file **f0, struct file **f1);
void pipeclose(struct pipe *pi, int writable);
int pipewrite(struct pipe *pi, uint64_t addr, int n);
int piperead(struct pipe *pi, uint64_t addr, int n);

#endif

/* Processes and the scheduler: the process table, fork/exit/wait, sleep/wakeup and the
 * round-robin loop. One hart runs the kernel with interrupts off, so no locks are needed. */
#include "defs.h"
#include "memlayout.h"
#include "pvops.h"

static struct proc procs[NPROC];
static struct proc *initproc;
static int nextpid = 1;

struct proc *myproc(void)
{
	return mycpu()->proc;
}

void proc_init(void)
{
	for (int i = 0; i < NPROC; i++)
		procs[i].state = UNUSED;
}

/* A process became runnable: an idle hart sleeps without a tick (pv_idle), so only an IPI
 * makes it look. */
static void kick_idle(void)
{
	uint64_t mask = 0;
	for (uint32_t i = 0; i < ncpu; i++)
		if (cpus[i].idle && i != cpuid())
			mask |= 1ull << cpus[i].hartid;
	if (mask)
		pv_send_ipi(mask);
}

static void forkret(void)
{
	usertrapret();
}

static struct proc *allocproc(void)
{
	struct proc *p = 0;
	for (int i = 0; i < NPROC && !p; i++)
		if (procs[i].state == UNUSED)
			p = &procs[i];
	if (!p)
		return 0;
	p->pid = nextpid++;
	p->state = USED;
	p->killed = p->xstate = 0;
	p->chan = 0;
	p->sz = p->heap_base = UBASE;
	p->pagetable = uvm_create();
	if (!p->pagetable) {
		p->state = UNUSED;
		return 0;
	}
	memset(&p->context, 0, sizeof(p->context));
	memset(&p->tf, 0, sizeof(p->tf));
	p->context.ra = (uint64_t)forkret;
	p->context.sp = (uint64_t)(p->kstack + KSTACK_SIZE);
	p->tf.kernel_sp = p->context.sp;
	return p;
}

static void freeproc(struct proc *p)
{
	if (p->pagetable)
		uvm_free(p->pagetable, p->sz);
	p->pagetable = 0;
	p->sz = 0;
	p->pid = 0;
	p->parent = 0;
	p->name[0] = 0;
	p->state = UNUSED;
}

/* The first process: exec /init from the file system. */
void user_init(void)
{
	struct proc *p = allocproc();
	if (!p)
		panic("user_init: no proc");
	initproc = p;
	safestrcpy(p->name, "init", sizeof(p->name));
	p->cwd = namei("/");
	if (!p->cwd)
		panic("user_init: no root directory");
	mycpu()->proc = p;
	kvm_switch(p->pagetable);
	char *argv[] = { "init", 0 };
	if (exec("/init", argv) < 0)
		panic("user_init: cannot exec /init");
	mycpu()->proc = 0;
	kvm_switch(0);
	p->state = RUNNABLE;
}

int growproc(int64_t n)
{
	struct proc *p = myproc();
	uint64_t sz = p->sz;
	if (n > 0) {
		if (!(sz = uvm_alloc(p->pagetable, sz, sz + n, PTE_R | PTE_W)))
			return -1;
	} else if (n < 0) {
		if (sz + n < p->heap_base)
			return -1;
		sz = uvm_dealloc(p->pagetable, sz, sz + n);
	}
	p->sz = sz;
	return 0;
}

int fork(void)
{
	struct proc *p = myproc(), *np = allocproc();
	if (!np)
		return -1;
	if (uvm_copy(p->pagetable, np->pagetable, p->sz) < 0) {
		freeproc(np);
		return -1;
	}
	np->sz = p->sz;
	np->heap_base = p->heap_base;
	uint64_t ksp = np->tf.kernel_sp;
	np->tf = p->tf;
	np->tf.kernel_sp = ksp;
	np->tf.regs[10] = 0;  /* the child's fork returns 0 */
	for (int i = 0; i < NOFILE; i++)
		np->ofile[i] = p->ofile[i] ? filedup(p->ofile[i]) : 0;
	np->cwd = idup(p->cwd);
	safestrcpy(np->name, p->name, sizeof(np->name));
	np->parent = p;
	np->state = RUNNABLE;
	kick_idle();
	return np->pid;
}

void exit(int status)
{
	struct proc *p = myproc();
	if (p == initproc)
		panic("init exiting");
	for (int fd = 0; fd < NOFILE; fd++) {
		if (p->ofile[fd]) {
			fileclose(p->ofile[fd]);
			p->ofile[fd] = 0;
		}
	}
	iput(p->cwd);
	p->cwd = 0;
	for (int i = 0; i < NPROC; i++) {
		if (procs[i].parent == p) {
			procs[i].parent = initproc;
			wakeup(initproc);
		}
	}
	wakeup(p->parent);
	p->xstate = status;
	p->state = ZOMBIE;
	sched();
	panic("zombie exit");
}

int wait(uint64_t addr)
{
	struct proc *p = myproc();
	for (;;) {
		int havekids = 0;
		for (int i = 0; i < NPROC; i++) {
			struct proc *c = &procs[i];
			if (c->parent != p || c->state == UNUSED)
				continue;
			havekids = 1;
			if (c->state == ZOMBIE) {
				int pid = c->pid;
				int32_t xs = c->xstate;
				if (addr && copyout(p->pagetable, addr, &xs, sizeof(xs)) < 0)
					return -1;
				freeproc(c);
				return pid;
			}
		}
		if (!havekids || p->killed)
			return -1;
		sleep_on(p);
	}
}

/* Round robin over the table; when nothing can run, idle until an interrupt is pending and
 * handle it here (the kernel never takes interrupts as traps). Runs with the kernel lock held
 * except while idle; a process switched to inherits the lock and releases it on its way
 * back to user mode. */
void scheduler(void)
{
	int last = 0;
	struct cpu *c = mycpu();
	for (;;) {
		bkl_acquire();
		poll_interrupts();
		struct proc *p = 0;
		int more = 0;  /* runnable beyond the one taken (a preempted one, say) */
		for (int k = 1; k <= NPROC; k++) {
			int i = (last + k) % NPROC;
			if (procs[i].state == RUNNABLE && !p) {
				p = &procs[i];
				last = i;
			} else if (procs[i].state == RUNNABLE) {
				more = 1;
			}
		}
		if (more)
			kick_idle();
		if (!p) {
			/* tickless: only a sleep(n) needs the next tick (ticks catch up from time) */
			uint64_t deadline = UINT64_MAX;
			for (int i = 0; i < NPROC; i++)
				if (procs[i].state == SLEEPING && procs[i].chan == (const void *)&ticks)
					deadline = c->next_tick;
			c->idle = 1;
			bkl_release();
			pv_idle(deadline);
			c->idle = 0;
			continue;
		}
		p->state = RUNNING;
		c->proc = p;
		kvm_switch(p->pagetable);
		swtch(&c->sched_ctx, &p->context);
		kvm_switch(0);  /* the process may be freed by another hart once we let go */
		c->proc = 0;
		bkl_release();
	}
}

void sched(void)
{
	struct proc *p = myproc();
	bcommit();  /* no dirty block outlives its writer's turn (sleep, exit, preemption) */
	swtch(&p->context, &mycpu()->sched_ctx);
}

void yield(void)
{
	myproc()->state = RUNNABLE;
	sched();
}

void sleep_on(const void *chan)
{
	struct proc *p = myproc();
	p->chan = chan;
	p->state = SLEEPING;
	sched();
	p->chan = 0;
}

void wakeup(const void *chan)
{
	int woke = 0;
	for (int i = 0; i < NPROC; i++) {
		if (procs[i].state == SLEEPING && procs[i].chan == chan) {
			procs[i].state = RUNNABLE;
			woke = 1;
		}
	}
	if (woke)
		kick_idle();
}

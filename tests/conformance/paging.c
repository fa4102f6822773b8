/* Guest paging for the remote-fence cases: an Sv39 table mapping RAM 1:1 with one gigapage and
 * one test page at VA 0x40000000, so a fence can be shown to drop a stale translation. */
#include "conf.h"

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define TEST_VA 0x40000000ull
#define SATP_SV39 (8ull << 60)

static uint64_t pte_table(const void *next) { return (GPA(next) >> 12) << 10 | PTE_V; }
static uint64_t pte_leaf(uint64_t pa) { return (pa >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D; }

void paging_flush_case(struct rvpv_sbiret (*flush)(uint64_t va, uint64_t size), const char *name)
{
	uint64_t *root = (uint64_t *)scratch[12], *l1 = (uint64_t *)scratch[13];
	uint64_t *l0 = (uint64_t *)scratch[14];
	volatile uint64_t *va = (volatile uint64_t *)(uintptr_t)TEST_VA;
	uint64_t first, second;
	struct rvpv_sbiret r;

	if (env.ram_base != 0x80000000ull || env.ram_end > 0xc0000000ull) {
		tap_skip(name, "RAM is not inside the 1 GiB at 0x80000000");
		return;
	}
	for (int i = 0; i < 512; i++)
		root[i] = l1[i] = l0[i] = 0;
	*(volatile uint64_t *)scratch[15] = 0xaaaa;
	*(volatile uint64_t *)scratch[16] = 0xbbbb;
	root[2] = pte_leaf(0x80000000ull);  /* 1:1 gigapage: code, data, stacks */
	root[1] = pte_table(l1);            /* VA 0x40000000 */
	l1[0] = pte_table(l0);
	l0[0] = pte_leaf(GPA(scratch[15]));
	__asm__ volatile("fence rw, rw\n\tcsrw satp, %0\n\tsfence.vma" : : "r"(SATP_SV39 | GPA(root) >> 12)
			 : "memory");
	first = *va;
	__asm__ volatile("" ::: "memory"); /* the PTE store must follow the first read */
	l0[0] = pte_leaf(GPA(scratch[16]));
	__asm__ volatile("fence rw, rw" ::: "memory");
	r = flush(TEST_VA, 4096);
	second = *va;
	__asm__ volatile("csrw satp, zero\n\tsfence.vma" ::: "memory");
	tap_ok(r.error == 0 && first == 0xaaaa && second == 0xbbbb, name,
	       "error %ld, read %lx then %lx (want 0xaaaa then 0xbbbb)", r.error, first, second);
}

/* Remote fences: another vCPU/hart (`other`) turns on the same Sv39 table and reads VA
 * 0x40000000, so its TLB holds the translation; then this one points the PTE at the other test
 * page and fences `other` with flush(other, va, size). The other side must read the new page
 * at once. It waits for the fence by spinning on memory (no ecall, no wfi: under rvpv any exit
 * would flush QEMU's TLB and hide a missing fence), so only the fence itself can drop the stale
 * entry. Several rounds, swapping pages each time: a round in which the other side happens to
 * leave the guest for some other reason (the hypervisor's slice timer) cannot hide a missing
 * fence in all of them. */
#define REMOTE_ROUNDS 8

static struct {
	volatile uint64_t go, cached, fenced, reread;   /* round numbers, 1-based */
	volatile uint64_t first[REMOTE_ROUNDS], second[REMOTE_ROUNDS];
	volatile uint64_t satp, timed_out;
} rf;

static int spin_until(volatile uint64_t *p, uint64_t want)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS;

	while (*p != want)
		if (rd_time() >= end)
			return 0;
	return 1;
}

static void remote_reader(struct smp_ctx *c)
{
	volatile uint64_t *va = (volatile uint64_t *)(uintptr_t)TEST_VA;

	__asm__ volatile("csrw satp, %0\n\tsfence.vma" : : "r"(rf.satp) : "memory");
	for (uint64_t r = 1; r <= c->job_arg; r++) {
		if (!spin_until(&rf.go, r))
			break;
		rf.first[r - 1] = *va;                 /* fills this hart's TLB */
		__asm__ volatile("fence rw, rw" ::: "memory");
		rf.cached = r;
		if (!spin_until(&rf.fenced, r))
			break;
		__asm__ volatile("fence rw, rw" ::: "memory");
		rf.second[r - 1] = *va;                /* must walk the new PTE */
		__asm__ volatile("fence rw, rw" ::: "memory");
		rf.reread = r;
	}
	if (rf.reread != c->job_arg)
		rf.timed_out = 1;
	__asm__ volatile("csrw satp, zero\n\tsfence.vma" ::: "memory");
}

/* Waits (wfi with a timer: this side's exits do not matter) until *p == want. */
static int wait_value(volatile uint64_t *p, uint64_t want)
{
	uint64_t end = rd_time() + CONF_WAIT_TICKS;

	while (*p != want && rd_time() < end) {
		rvpv_sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, rd_time() + CONF_TICKS_MS);
		sie_set(SIP_STIP);
		__asm__ volatile("wfi\n\tcsrs sstatus, %0\n\tnop\n\tcsrc sstatus, %0"
				 : : "r"(SSTATUS_SIE) : "memory");
	}
	timer_cancel();
	sie_clear(SIP_STIP);
	irq_forget(SIP_STIP);
	return *p == want;
}

void paging_remote_flush_case(struct rvpv_sbiret (*flush)(uint64_t target, uint64_t va, uint64_t size),
			      uint64_t other, int rvpv, const char *name)
{
	uint64_t *root = (uint64_t *)scratch[12], *l1 = (uint64_t *)scratch[13];
	uint64_t *l0 = (uint64_t *)scratch[14];
	uint64_t page[2] = { GPA(scratch[15]), GPA(scratch[16]) }, val[2] = { 0xaaaa, 0xbbbb };
	uint64_t stale = 0, wrong = 0, cur = 0;
	int64_t err = 0;
	struct smp_ctx *c;
	struct rvpv_sbiret r;

	if (env.ncpus < 2) {
		tap_skip(name, "needs 2 vCPUs/harts");
		return;
	}
	if (env.ram_base != 0x80000000ull || env.ram_end > 0xc0000000ull) {
		tap_skip(name, "RAM is not inside the 1 GiB at 0x80000000");
		return;
	}
	for (int i = 0; i < 512; i++)
		root[i] = l1[i] = l0[i] = 0;
	*(volatile uint64_t *)scratch[15] = val[0];
	*(volatile uint64_t *)scratch[16] = val[1];
	root[2] = pte_leaf(0x80000000ull);
	root[1] = pte_table(l1);
	l1[0] = pte_table(l0);
	l0[0] = pte_leaf(page[cur]);
	for (volatile uint8_t *b = (volatile uint8_t *)&rf; b < (volatile uint8_t *)(&rf + 1); b++)
		*b = 0;
	rf.satp = SATP_SV39 | GPA(root) >> 12;
	c = smp_prepare(other, rvpv);
	c->job = remote_reader;
	c->job_arg = REMOTE_ROUNDS;
	__asm__ volatile("fence rw, rw" ::: "memory");
	r = rvpv ? rvpv_cpu_vcpu_start(other, GPA(smp_entry), GPA(c))
		 : rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, other, GPA(smp_entry), GPA(c));
	if (r.error) {
		tap_ok(0, name, "could not start %lu: error %ld", other, r.error);
		return;
	}
	for (uint64_t n = 1; n <= REMOTE_ROUNDS; n++) {
		rf.go = n;
		if (!wait_value(&rf.cached, n))
			break;
		cur ^= 1;
		l0[0] = pte_leaf(page[cur]);
		__asm__ volatile("fence rw, rw" ::: "memory");
		r = flush(other, TEST_VA, 4096);
		if (r.error)
			err = r.error;
		rf.fenced = n;
		if (!wait_value(&rf.reread, n))
			break;
		if (rf.first[n - 1] != val[cur ^ 1])
			wrong++;
		if (rf.second[n - 1] == val[cur ^ 1])
			stale++;
		else if (rf.second[n - 1] != val[cur])
			wrong++;
	}
	wait_flag(&c->done);
	tap_ok(c->done && !rf.timed_out && rf.reread == REMOTE_ROUNDS && err == 0 && stale == 0 &&
	       wrong == 0, name, "%lu of %d rounds, fence error %ld, %lu stale reads after the fence, "
	       "%lu wrong", rf.reread, REMOTE_ROUNDS, err, stale, wrong);
	c->release = 1;
	poll_status(other, rvpv ? RVPV_VCPU_STOPPED : SBI_HSM_STATE_STOPPED, rvpv);
}

/* Many fences in a row at a vCPU/hart that spins in the guest (so each one has to interrupt
 * it and wait for its flush): every call must return. A waiter whose last target flushed
 * before the hypervisor had parked it was once left blocked for good (about one fence in a
 * few hundred); the spinner watches the fence count and ends the run with "Bail out!" if it
 * stops moving, rather than leaving a hang for the harness's timeout. */
#define STORM_FENCES 4000

static struct {
	volatile uint64_t done_fences, stop, stuck;
} storm;

static void storm_spinner(struct smp_ctx *c)
{
	uint64_t seen = 0, since = rd_time();

	while (!storm.stop) {
		uint64_t n = storm.done_fences;
		if (n != seen) {
			seen = n;
			since = rd_time();
		} else if (rd_time() - since > CONF_WAIT_TICKS) {
			storm.stuck = 1;
			out_printf("# %s: the fencing vCPU made no progress for %lu ms after %lu fences\n",
				   (const char *)(uintptr_t)c->job_arg, CONF_WAIT_TICKS / CONF_TICKS_MS, n);
			tap_bail("a remote fence never returned");
		}
	}
}

void paging_fence_storm_case(struct rvpv_sbiret (*flush)(uint64_t target, uint64_t va, uint64_t size),
			     uint64_t other, int rvpv, const char *name)
{
	struct smp_ctx *c;
	struct rvpv_sbiret r;
	uint64_t errors = 0;
	int64_t err = 0;

	if (env.ncpus < 2) {
		tap_skip(name, "needs 2 vCPUs/harts");
		return;
	}
	storm.done_fences = storm.stop = storm.stuck = 0;
	c = smp_prepare(other, rvpv);
	c->job = storm_spinner;
	c->job_arg = GPA(name);
	__asm__ volatile("fence rw, rw" ::: "memory");
	r = rvpv ? rvpv_cpu_vcpu_start(other, GPA(smp_entry), GPA(c))
		 : rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, other, GPA(smp_entry), GPA(c));
	if (r.error) {
		tap_ok(0, name, "could not start %lu: error %ld", other, r.error);
		return;
	}
	for (uint64_t i = 0; i < STORM_FENCES; i++) {
		r = flush(other, 0x40000000ull, 4096);
		if (r.error) {
			errors++;
			err = r.error;
		}
		storm.done_fences = i + 1;
	}
	storm.stop = 1;
	wait_flag(&c->done);
	tap_ok(c->done && !storm.stuck && errors == 0, name, "%lu fences, %lu errors (last %ld)",
	       storm.done_fences, errors, err);
	c->release = 1;
	poll_status(other, rvpv ? RVPV_VCPU_STOPPED : SBI_HSM_STATE_STOPPED, rvpv);
}

/* Hostile VM of the isolation test, vCPU 0: `calls=N` seeded random calls (`seed=S`, 0 = from
 * the time counter) over every rvpv and SBI extension plus unknown ones, with arguments from
 * gen.c, shaped per call so that deep paths (queue setup, binds, balloon) are reached. Calls
 * that would legitimately end this VM are filtered first (README.md says which and why). Each
 * answer must be an SBI error code; the totals are printed at the end, then it spins. */
#include "hostile.h"

#define NEXTS 17
struct plan pl;
volatile uint64_t hostile_done, racer_ops;
volatile uint32_t queue_size = 256;
uint64_t hostile_seed;
volatile struct call hostile_current;
volatile uint64_t hostile_begun;
extern char _start[], _end[];

static const struct { uint64_t ext; uint32_t nfid; } exts[NEXTS] = {
	{ RVPV_EXT_CORE, 3 }, { RVPV_EXT_CPU, 9 }, { RVPV_EXT_EVENT, 5 }, { RVPV_EXT_MEM, 5 },
	{ RVPV_EXT_CONSOLE, 2 }, { RVPV_EXT_BLOCK, 5 }, { RVPV_EXT_LIFECYCLE, 3 },
	{ SBI_EXT_BASE, 7 }, { SBI_EXT_TIME, 1 }, { SBI_EXT_IPI, 1 }, { SBI_EXT_RFENCE, 7 },
	{ SBI_EXT_HSM, 4 }, { SBI_EXT_SRST, 1 }, { SBI_EXT_DBCN, 3 }, { SBI_EXT_PMU, 8 },
	{ RVPV_EXT_LAST + 1, 1 }, { 0, 9 } /* legacy: ext = fid below */
};

static char text[4096];
static uint64_t hist[12], bad, skipped, trace = ~0ull;

static uint64_t sel(uint64_t *s, uint32_t pct, uint64_t v) /* v with pct% chance, else random */
{
	return iso_rand(s) % 100 < pct ? v : gen_val(s);
}

static void write_cfg(uint64_t *s)
{
	volatile struct rvpv_blk_queue_cfg *c = (volatile struct rvpv_blk_queue_cfg *)(uintptr_t)pl.cfg;
	uint64_t r = iso_rand(s);
	c->desc = pl.desc; c->avail = pl.avail; c->used = pl.used;
	c->size = 1u << (r % 9); c->flags = 0; c->reserved[0] = c->reserved[1] = 0;
	switch ((r >> 8) % 12) {
	case 0: c->desc = protect(gen_addr(s)); break;
	case 1: c->avail = protect(gen_addr(s)); break;
	case 2: c->used = protect(gen_addr(s)); break;
	case 3: c->size = (uint32_t)gen_val(s); break;
	case 4: c->flags = (uint32_t)gen_val(s); break;
	case 5: c->reserved[(r >> 16) & 1] = gen_val(s); break;
	}
	if ((r >> 20) & 1) { /* the rings must start zeroed: mostly they are */
		for (uint64_t a = pl.desc; a < pl.used + 0x1000; a += 8)
			*(volatile uint64_t *)(uintptr_t)a = 0;
	}
}

/* Arguments shaped for the call, so that more than the first check is reached. */
static void shape(uint64_t *s, struct call *c)
{
	for (int i = 0; i < 6; i++)
		c->a[i] = gen_val(s);
	uint64_t e = c->ext, f = c->fid;
	if (e == RVPV_EXT_BLOCK) {
		c->a[0] = sel(s, 85, 0);
		if (f == RVPV_FN_BLOCK_GET_INFO) c->a[1] = gen_addr(s);
		if (f == RVPV_FN_BLOCK_SET_FEATURES) c->a[1] = sel(s, 60, iso_rand(s) & (1ull << VIRTIO_F_VERSION_1 |
				1ull << VIRTIO_F_RING_EVENT_IDX | 1ull << VIRTIO_BLK_F_FLUSH | 1ull << VIRTIO_BLK_F_SEG_MAX));
		if (f == RVPV_FN_BLOCK_QUEUE_SETUP || f == RVPV_FN_BLOCK_NOTIFY) c->a[1] = sel(s, 85, 0);
		if (f == RVPV_FN_BLOCK_QUEUE_SETUP) { c->a[2] = sel(s, 75, pl.cfg); write_cfg(s); }
	} else if (e == RVPV_EXT_EVENT) {
		if (f == RVPV_FN_EVENT_REGISTER_PAGE) { c->a[0] = sel(s, 60, gen_addr(s) & ~0xfffull); c->a[1] = sel(s, 90, 0); }
		if (f == RVPV_FN_EVENT_BIND) {
			c->a[0] = sel(s, 80, iso_rand(s) % 520); c->a[1] = sel(s, 80, iso_rand(s) % 7);
			c->a[2] = sel(s, 80, iso_rand(s) % 3); c->a[3] = sel(s, 80, iso_rand(s) % 3);
		}
		if (f == RVPV_FN_EVENT_UNBIND || f == RVPV_FN_EVENT_SEND) c->a[0] = sel(s, 80, iso_rand(s) % 520);
	} else if (e == RVPV_EXT_CPU || e == SBI_EXT_HSM) {
		c->a[0] = sel(s, 70, iso_rand(s) % 3);
		if (e == RVPV_EXT_CPU && f == RVPV_FN_CPU_SET_TIMER) c->a[0] = sel(s, 50, rdtime() + iso_rand(s) % 100000);
		if (e == RVPV_EXT_CPU && f == RVPV_FN_CPU_BLOCK_UNTIL) /* half of them end by the deadline */
			c->a[0] = sel(s, 50, rdtime() + iso_rand(s) % (HOSTILE_TICKS_PER_SEC / 1000));
		if (e == RVPV_EXT_CPU && f == RVPV_FN_CPU_SEND_IPI) c->a[1] = sel(s, 60, iso_rand(s) % 2 ? ~0ull : iso_rand(s) % 3);
		if (e == SBI_EXT_HSM && f == SBI_HSM_HART_SUSPEND) {
			static const uint64_t types[] = { 0, 0x80000000u, 1, 0x10000000, 0x8fffffffu, 0xffffffffu };
			c->a[0] = sel(s, 80, types[iso_rand(s) % 6]);
		}
	} else if (e == RVPV_EXT_MEM) {
		if (f == RVPV_FN_MEM_REGISTER_VCPU_INFO) c->a[0] = sel(s, 60, gen_addr(s) & ~63ull);
		if (f == RVPV_FN_MEM_BALLOON_RELEASE || f == RVPV_FN_MEM_BALLOON_RECLAIM) {
			c->a[0] = sel(s, 60, (pl.b_lo + iso_rand(s) % (pl.b_hi - pl.b_lo)) & ~0xfffull);
			c->a[1] = sel(s, 70, iso_rand(s) % 17);
		}
		if (f == RVPV_FN_MEM_REMOTE_SFENCE || f == RVPV_FN_MEM_GET_MAP) c->a[1] = sel(s, 50, iso_rand(s) % 3);
	} else if (e == RVPV_EXT_CONSOLE || (e == SBI_EXT_DBCN && f < 2)) {
		uint64_t a = gen_addr(s), l = gen_len(s);
		c->a[0] = e == SBI_EXT_DBCN ? l : a;
		c->a[1] = e == SBI_EXT_DBCN ? a : l;
		c->a[2] = sel(s, 85, 0);
	} else if (e == SBI_EXT_SRST) {
		c->a[0] = sel(s, 70, iso_rand(s) % 4);
		c->a[1] = sel(s, 70, iso_rand(s) % 3);
	} else if (e == SBI_EXT_RFENCE || e == SBI_EXT_IPI) {
		c->a[0] = sel(s, 70, iso_rand(s) % 4);
		c->a[1] = sel(s, 60, iso_rand(s) % 2 ? ~0ull : iso_rand(s) % 3);
	}
}

static int console_valid(uint64_t gpa, uint64_t len, uint64_t hi)
{
	return len && !hi && in_ram(gpa, len);
}

/* Keeps the VM alive: returns 0 for a call that is replaced (and counted as skipped). */
static int filter(uint64_t *s, struct call *c)
{
	uint64_t e = c->ext, f = c->fid, *a = c->a;
	for (int i = 0; i < 6; i++)
		a[i] = protect(a[i]);
	if ((e == RVPV_EXT_CPU && f == RVPV_FN_CPU_VCPU_STOP) || (e == SBI_EXT_HSM && f == SBI_HSM_HART_STOP))
		return 0; /* vCPU 0 would stop; the racer stops itself instead */
	if (e == RVPV_EXT_LIFECYCLE && f != RVPV_FN_LIFECYCLE_CRASH && f < 3)
		return 0; /* SHUTDOWN, REBOOT */
	if (e == 0x08)
		return 0; /* legacy shutdown */
	if ((e == RVPV_EXT_CPU && f == RVPV_FN_CPU_VCPU_START) || (e == SBI_EXT_HSM && f == SBI_HSM_HART_START))
		if (a[0] == 1 && in_ram(a[1], 2) && !(a[1] & 1))
			a[1] = (uintptr_t)_start; /* a started racer must run code, not garbage */
	/* suspend_type is the low 32 bits of a0 (SBI HSM): 0x100000000 is a retentive suspend too */
	if (e == SBI_EXT_HSM && f == SBI_HSM_HART_SUSPEND && (uint32_t)a[0] == SBI_HSM_SUSPEND_NON_RET_DEFAULT)
		a[1] |= 1; /* resuming elsewhere would lose this loop: only the address check */
	if (e == SBI_EXT_SRST && f == SBI_SRST_SYSTEM_RESET && a[0] <= 2 && a[1] <= 1)
		a[1] = 2 + iso_rand(s) % 100; /* a reserved reason: refused */
	if (e == RVPV_EXT_LIFECYCLE && f == RVPV_FN_LIFECYCLE_CRASH) {
		a[1] = pl.end + (iso_rand(s) % 64) * 8; /* a valid CRASH would end the VM */
		a[2] |= 1;
	}
	if (e == 0x01 || (e == SBI_EXT_DBCN && f == SBI_DBCN_WRITE_BYTE))
		a[0] = 'a' + iso_rand(s) % 26;
	int cw = e == RVPV_EXT_CONSOLE && f == RVPV_FN_CONSOLE_WRITE;
	int dw = e == SBI_EXT_DBCN && f == SBI_DBCN_WRITE;
	if ((cw && console_valid(a[0], a[1], 0)) || (dw && console_valid(a[1], a[0], a[2]))) {
		/* printing our scratch would flood the log with junk: print a little text instead */
		uint64_t len = 1 + iso_rand(s) % (iso_rand(s) % 64 ? 40 : 300); /* > 256: copied in chunks */
		a[cw ? 0 : 1] = (uintptr_t)text;
		a[cw ? 1 : 0] = len;
	}
	if (e == RVPV_EXT_MEM && f == RVPV_FN_MEM_BALLOON_RELEASE && a[1] <= (pl.end - pl.base) / 4096 &&
	    !(a[0] & 0xfff) && in_ram(a[0], a[1] * 4096) &&
	    !(a[0] >= pl.b_lo && a[0] + a[1] * 4096 <= pl.b_hi)) {
		a[0] = pl.b_lo + (a[0] % (pl.b_hi - pl.b_lo) & ~0xfffull); /* only B is given away */
		if (a[1] > (pl.b_hi - a[0]) / 4096)
			a[1] = (pl.b_hi - a[0]) / 4096;
	}
	return 1;
}

static void pick(uint64_t *s, struct call *c)
{
	uint64_t r = iso_rand(s);
	uint32_t k = (uint32_t)(r % (NEXTS + 1));
	if (k == NEXTS) { /* anything at all */
		c->ext = (r >> 8) % 2 ? (uint32_t)iso_rand(s) : iso_rand(s);
		c->fid = gen_val(s);
	} else {
		c->ext = exts[k].ext;
		c->fid = (r >> 8) % 16 ? (r >> 12) % (exts[k].nfid + 1) : gen_val(s);
		if (c->ext == 0) { c->ext = (r >> 12) % 16; c->fid = gen_val(s); }
	}
	shape(s, c);
}

static int known_ext(uint64_t e)
{
	for (int i = 0; i < NEXTS - 2; i++)
		if (exts[i].ext == e)
			return 1;
	return e <= 0x0f;
}

/* Calls that once broke the hypervisor, made first under every seed. */
static const struct call regressions[] = {
	/* the light path indexed the rvpv call counters with SBI TIME's extension id */
	{ SBI_EXT_TIME, 0, { ~0ull } }, { SBI_EXT_TIME, 0x6a609b9b, { 0 } },
	/* a flush range ending in the last page of the address space: the page loop wrapped to 0
	 * and never ended (seed 0x1234567, call 35135) */
	{ SBI_EXT_RFENCE, 2, { 0x40, ~0ull, 0xfffffffffffff000ull, 3, 9 } },
	{ SBI_EXT_RFENCE, 1, { 1, 0, 0xffffffffffffe001ull, 0x1ffe } },
	{ RVPV_EXT_MEM, RVPV_FN_MEM_REMOTE_SFENCE, { 3, 0, 0xfffffffffffffff0ull, 15, 0 } },
	/* sleeps that must be given a wake-up (call_made): retentive suspend with type 0 in the
	 * low half only, BLOCK_UNTIL far away and forever; made before the racer starts, whose
	 * IPIs would end them spuriously (seed 0x5776e1 hung in both) */
	{ SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, { 1ull << 40 } },
	{ SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, { 0xffffffff00000000ull, 1 } },
	{ RVPV_EXT_CPU, RVPV_FN_CPU_BLOCK_UNTIL, { ~0ull - 1 } },
	{ RVPV_EXT_CPU, RVPV_FN_CPU_BLOCK_UNTIL, { ~0ull } },
};

static void call_made(struct call c, uint64_t n);

static void one_call(uint64_t *s, uint64_t n)
{
	struct call c;
	pick(s, &c);
	if (!filter(s, &c)) {
		skipped++;
		c = (struct call){ RVPV_EXT_CORE, RVPV_FN_CORE_GET_VERSION, { 0 } };
	}
	call_made(c, n);
}

static void call_made(struct call c, uint64_t n)
{
	if (n >= trace)
		guest_printf("hostile: call %lu: 0x%lx %lu 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx\n", n, c.ext, c.fid,
			     c.a[0], c.a[1], c.a[2], c.a[3], c.a[4], c.a[5]);
	/* Each of these sleeps until an enabled interrupt, and the hostile VM hung itself in both
	 * (the 10,000,000-call run with seed 0x5776e1, and test 73): HSM suspend whose a0 has type 0
	 * only in its low half (a0 = 2^40), and BLOCK_UNTIL with a random deadline (minutes to
	 * centuries away). The racer's IPIs woke it (a spurious return) until the racer stopped
	 * itself, and only vCPU 0 restarts it. A deadline within 1 ms ends the sleep by itself. */
	int blocks = (c.ext == RVPV_EXT_CPU && c.fid == RVPV_FN_CPU_BLOCK) ||
		     (c.ext == RVPV_EXT_CPU && c.fid == RVPV_FN_CPU_BLOCK_UNTIL &&
		      c.a[0] > rdtime() + HOSTILE_TICKS_PER_SEC / 1000) ||
		     (c.ext == SBI_EXT_HSM && c.fid == SBI_HSM_HART_SUSPEND &&
		      (uint32_t)c.a[0] == SBI_HSM_SUSPEND_RET_DEFAULT);
	if (blocks) { /* sleeping needs a wake-up: a timer already due and enabled in sie */
		__asm__ volatile("csrw sie, %0" :: "r"(0x222ul));
		rvpv_sbi_call1(SBI_EXT_TIME, 0, 0);
	}
	uint32_t qs = ((volatile struct rvpv_blk_queue_cfg *)(uintptr_t)pl.cfg)->size;
	hostile_current.ext = c.ext;
	hostile_current.fid = c.fid;
	for (int i = 0; i < 6; i++)
		hostile_current.a[i] = c.a[i];
	hostile_begun = n + 1;
	struct rvpv_sbiret r = rvpv_ecall(c.ext, c.fid, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4], c.a[5]);
	if (c.ext == RVPV_EXT_BLOCK && c.fid == RVPV_FN_BLOCK_QUEUE_SETUP && c.a[2] == pl.cfg && !r.error)
		queue_size = qs;
	if (blocks)
		__asm__ volatile("csrw sie, zero");
	if (c.ext <= 0x0f && c.ext != 0x08)
		return; /* legacy calls return a value, not an error */
	if (r.error > 0 || r.error < -9 || (!known_ext(c.ext) && r.error != SBI_ERR_NOT_SUPPORTED)) {
		if (bad++ < 10)
			guest_printf("hostile: call %lu: ext 0x%lx fid %lu answered %ld\n", n, c.ext, c.fid, r.error);
	}
	if (r.error <= 0 && r.error >= -9)
		hist[-r.error]++;
}

static void setup(uint64_t dtb)
{
	iso_ram(&pl.base, &pl.end);
	pl.end += pl.base;
	pl.p_lo = (uintptr_t)_start;
	pl.p_hi = ((uintptr_t)_end + 0xffff) & ~0xffffull;
	pl.r_lo = pl.p_hi;
	pl.b_lo = pl.base + (pl.end - pl.base) / 2;
	pl.r_hi = pl.b_lo;
	pl.b_hi = pl.end;
	pl.cfg = pl.r_lo;
	pl.desc = pl.r_lo + 0x1000;
	pl.avail = pl.r_lo + 0x2000;
	pl.used = pl.r_lo + 0x3000;
	pl.indirect = pl.r_lo + 0x4000;
	pl.hdrs = pl.r_lo + 0x5000;
	pl.status = pl.r_lo + 0x6000;
	pl.data = pl.r_lo + 0x10000;
	pl.data_size = 0x40000;
	for (uint32_t i = 0; i < sizeof(text); i++)
		text[i] = i % 64 == 63 ? '\n' : "hostile noise "[i % 14];
	(void)dtb;
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	if (vcpu != 0)
		racer_main();
	const char *args = iso_bootargs(dtb);
	uint64_t calls = iso_arg(args, "calls", 10000);
	hostile_seed = iso_arg(args, "seed", 1);
	trace = iso_arg(args, "trace", ~0ull); /* print each call from this one on (to find a hang) */
	uint64_t every = iso_arg(args, "progress", calls / 10); /* calls between progress lines */
	if (!hostile_seed)
		hostile_seed = rdtime() | 1;
	setup(dtb);
	guest_printf("hostile: seed=0x%lx calls=%lu RAM 0x%lx..0x%lx, image ends 0x%lx\n",
		     hostile_seed, calls, pl.base, pl.end, (uint64_t)(uintptr_t)_end);
	if (pl.r_hi <= pl.data + pl.data_size + 0x70000) {
		guest_printf("hostile: RAM too small\n");
		guest_exit_fail();
	}
	for (uint32_t i = 0; i < sizeof(regressions) / sizeof(regressions[0]); i++)
		call_made(regressions[i], i);
	rvpv_cpu_vcpu_start(1, (uintptr_t)_start, 0);
	guest_printf("hostile: %u regression calls answered\n", (unsigned)(sizeof(regressions) / sizeof(regressions[0])));
	uint64_t s = hostile_seed, t0 = rdtime();
	for (uint64_t n = 0; n < calls; n++) {
		one_call(&s, n);
		if (n % 512 == 511 && rvpv_cpu_vcpu_status(1).value == RVPV_VCPU_STOPPED)
			rvpv_cpu_vcpu_start(1, (uintptr_t)_start, 0);
		if (every && (n + 1) % every == 0)
			guest_printf("hostile: %lu calls, %lu racer operations, %lu ms\n", n + 1, racer_ops,
				     (rdtime() - t0) / (HOSTILE_TICKS_PER_SEC / 1000));
	}
	hostile_done = 1;
	guest_printf("\nhostile: done: seed=0x%lx calls=%lu skipped=%lu racer=%lu bad answers=%lu in %lu ms\n",
		     hostile_seed, calls, skipped, racer_ops, bad, (rdtime() - t0) / (HOSTILE_TICKS_PER_SEC / 1000));
	guest_printf("hostile: answers ok=%lu failed=%lu notsupp=%lu inval=%lu denied=%lu addr=%lu avail=%lu started=%lu stopped=%lu noshmem=%lu\n",
		     hist[0], hist[1], hist[2], hist[3], hist[4], hist[5], hist[6], hist[7], hist[8], hist[9]);
	guest_printf("hostile: now spinning with interrupts off\n");
	for (;;)
		__asm__ volatile("" ::: "memory");
}

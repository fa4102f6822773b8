/* Pins against balloon releases (issue #12, items 1 and 2; tests/suite.d/75). A page the
 * hypervisor keeps is pinned: the event page (EVENT_REGISTER_PAGE, until reboot), a vCPU info
 * area (MEM_REGISTER_VCPU_INFO, until moved or unregistered) and each ring part of the disk
 * queue (BLOCK_QUEUE_SETUP, until BLOCK_RESET). For each of these five pins, in both orders:
 *   pin, then release of a range touching it -> DENIED, nothing released;
 *   release, then pin on the released page   -> INVALID_ADDRESS;
 *   unpin, then release                      -> SUCCESS (the event page: after a reboot);
 * and races: vCPU 0 pins while vCPU 1 releases the 32 pages around the pinned page. Each round
 * starts both together (a flag, its acknowledgement, then a delay on one side that adapts until
 * each side wins about half the rounds: there the two calls overlap most). Exactly one may
 * win: (pin SUCCESS, release DENIED) or (release SUCCESS, pin INVALID_ADDRESS). After a pin
 * win the hypervisor must really use the page: a SELF port's pending bit appears in the event
 * page, the info area is filled in, a GET_ID request runs through the queue. Then the round is
 * undone (reclaim, unregister, reset). `rounds=N` races per info/ring pin; the event page can
 * be registered once per VM lifetime, so each boot races it until the pin wins (release wins
 * are reclaimed and retried) and then reboots (LIFECYCLE_REBOOT), `boots=N` times; the totals
 * live in sector 0 of the disk across reboots. Lines: "pinrace: ok - NAME" or "not ok - NAME:
 * why", per race "pinrace: race KIND: N rounds: pin won A, release won B, both C, neither D,
 * unused E", and at the end "pinrace: done: F failures, L lost wakeups" (see release()). */
#include "ring.h"

#define RPAGES   32            /* pages a release covers */
#define PIN      16            /* the pinned page's index in its region */
#define QSIZE    16
#define MAX_BAD  5             /* a kind stops racing after this many broken rounds */

enum kind { K_EVENT, K_INFO, K_DESC, K_AVAIL, K_USED, NKINDS };
static const char *const kname[NKINDS] = { "event-page", "vcpu-info", "ring-desc", "ring-avail", "ring-used" };
static const uint32_t pin_off[NKINDS] = { 0, 2048, 1024, 1024, 1024 }; /* inside page PIN */

static uint8_t region[NKINDS][RPAGES][4096] __attribute__((aligned(4096)));
static uint8_t plain[8][4096] __attribute__((aligned(4096))); /* never released */

/* vCPU 0 <-> vCPU 1 */
static struct {
	volatile uint64_t go, ack, done, quit; /* round numbers: go from vCPU 0, ack and done from vCPU 1 */
	volatile uint64_t gpa, npages, delay;
	volatile int64_t err;
	volatile uint64_t val;
} sh;

struct tally {
	uint64_t rounds, pin, rel, both, neither, unused;
	int64_t delay;               /* pin's start after the release's, in spin loops (adapted) */
	int64_t step, dir;           /* the staircase's step and last direction */
	uint64_t rng;
};
struct persist {                 /* sector 0 */
	uint64_t magic, boots, failures, lost;
	struct tally ev;
};
#define MAGIC 0x70696e7261636531ull

static struct persist st;
static uint64_t nfail, jitter;
static struct ring dq;
static struct virtio_blk_req_hdr hdr;
static volatile uint8_t status;

static void *pin_addr(enum kind k) { return region[k][PIN] + pin_off[k]; }

static void check(int ok, const char *name, const char *fmt, int64_t a, int64_t b)
{
	if (ok) {
		guest_printf("pinrace: ok - %s\n", name);
		return;
	}
	nfail++;
	guest_printf("pinrace: not ok - %s: ", name);
	guest_printf(fmt, a, b);
	guest_printf("\n");
}

static void spin(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		__asm__ volatile("nop");
}

/* Waits for *p == v (or quit): spins, yielding the hart every 2 ms. A shorter spin would hand
 * the hart to the victim for a whole 5 ms slice each time the partner is a little late. */
static void wait_for(volatile uint64_t *p, uint64_t v)
{
	uint64_t next = rdtime() + ISO_TICKS_PER_SEC / 500;
	while (*p != v && !sh.quit)
		if (rdtime() > next) {
			rvpv_cpu_yield();
			next = rdtime() + ISO_TICKS_PER_SEC / 500;
		}
}

/* --- the disk, for the counters that survive a reboot ---------------------------------- */

static int disk_rw(uint32_t type, void *buf)
{
	if (ring_setup(&dq, plain[0], plain[1], plain[2], plain[3], QSIZE))
		return -1;
	ring_req(&dq, 0, &hdr, type, 0, buf, 512, &status);
	int rc = ring_run(&dq, 1, 10 * ISO_TICKS_PER_SEC) || status;
	if (!rc && type == VIRTIO_BLK_T_OUT) {
		ring_req(&dq, 3, &hdr, VIRTIO_BLK_T_FLUSH, 0, 0, 0, &status);
		rc = ring_run(&dq, 1, 10 * ISO_TICKS_PER_SEC) || status;
	}
	return rvpv_block_reset(0).error || rc ? -1 : 0;
}

static void save(void)
{
	static uint8_t sec[512] __attribute__((aligned(8)));
	memset(sec, 0, sizeof(sec));
	memcpy(sec, &st, sizeof(st));
	if (disk_rw(VIRTIO_BLK_T_OUT, sec)) {
		guest_printf("pinrace: not ok - disk: cannot write the counters\n");
		guest_exit_fail();
	}
}

/* --- pins --------------------------------------------------------------------------- */

static int64_t do_pin(enum kind k)
{
	uint64_t a = (uintptr_t)pin_addr(k);
	struct rvpv_blk_queue_cfg *cfg = (void *)plain[4];
	switch (k) {
	case K_EVENT:
		return rvpv_event_register_page(a, 0).error;
	case K_INFO:
		return rvpv_mem_register_vcpu_info(a).error;
	default:
		cfg->desc = k == K_DESC ? a : (uintptr_t)plain[5];
		cfg->avail = k == K_AVAIL ? a : (uintptr_t)plain[6];
		cfg->used = k == K_USED ? a : (uintptr_t)plain[7];
		return rvpv_block_queue_setup(0, 0, (uintptr_t)cfg).error;
	}
}

/* What do_pin needs in memory before the call: a zeroed event page, an info area with a
 * nonzero vcpu_id the hypervisor must overwrite, zeroed rings and their cfg. */
static void prepare_pin(enum kind k)
{
	uint8_t *p = pin_addr(k);
	if (k == K_EVENT) {
		memset(p, 0, 4096);
	} else if (k == K_INFO) {
		memset(p, 0, 64);
		((volatile struct rvpv_vcpu_info *)p)->vcpu_id = 0x77;
	} else {
		uint8_t *d = k == K_DESC ? p : plain[5], *av = k == K_AVAIL ? p : plain[6];
		uint8_t *u = k == K_USED ? p : plain[7];
		memset(d, 0, VIRTQ_DESC_BYTES(QSIZE));
		memset(av, 0, VIRTQ_AVAIL_BYTES(QSIZE));
		memset(u, 0, VIRTQ_USED_BYTES(QSIZE));
		dq = (struct ring){ QSIZE, (void *)d, (void *)av, (void *)u, 0, 0 };
		*(struct rvpv_blk_queue_cfg *)(void *)plain[4] = (struct rvpv_blk_queue_cfg){
			0, 0, 0, QSIZE, 0, { 0, 0 } };
	}
}

/* The hypervisor uses the pinned page: 1 if it does. */
static int pin_used(enum kind k)
{
	if (k == K_EVENT) {
		volatile struct rvpv_event_page *pg = pin_addr(k);
		if (rvpv_event_bind(3, RVPV_EVSRC_SELF, 0, 0).error)
			return 0;
		__atomic_fetch_and(&pg->pending[0], ~(1ull << 3), __ATOMIC_SEQ_CST);
		int ok = !rvpv_event_send(3).error && (pg->pending[0] & (1ull << 3));
		__atomic_fetch_and(&pg->pending[0], ~(1ull << 3), __ATOMIC_SEQ_CST);
		rvpv_event_eoi();
		return ok && !rvpv_event_unbind(3).error;
	}
	if (k == K_INFO) {
		volatile struct rvpv_vcpu_info *in = pin_addr(k);
		return in->seq != 0 && !(in->seq & 1) && in->vcpu_id == 0;
	}
	static char id[24];
	memset(id, 0, sizeof(id));
	ring_req(&dq, 0, &hdr, VIRTIO_BLK_T_GET_ID, 0, id, 20, &status);
	return ring_run(&dq, 1, ISO_TICKS_PER_SEC / 2) == 0 && status == VIRTIO_BLK_S_OK &&
	       id[0] == 'p' && id[6] == 'e';   /* "pinrace" */
}

static int64_t unpin(enum kind k)
{
	if (k == K_INFO)
		return rvpv_mem_register_vcpu_info(UINT64_MAX).error;
	if (k != K_EVENT)
		return rvpv_block_reset(0).error;
	return 0;
}

/* Canaries at offset 0 of every page of the region but a whole-page pin: a DENIED release must
 * leave them (and the mappings) as they were. */
static void canaries(enum kind k, uint64_t tag)
{
	for (int i = 0; i < RPAGES; i++)
		if (!(k == K_EVENT && i == PIN))
			*(volatile uint64_t *)region[k][i] = tag ^ (uint64_t)i << 40;
}

static int canaries_ok(enum kind k, uint64_t tag)
{
	for (int i = 0; i < RPAGES; i++)
		if (!(k == K_EVENT && i == PIN) && *(volatile uint64_t *)region[k][i] != (tag ^ (uint64_t)i << 40))
			return 0;
	return 1;
}

/* BALLOON_RELEASE waits until the other vCPU has flushed its G-stage translations (it blocks the
 * caller meanwhile). The hypervisor can lose that wakeup (the flush finishing before the caller
 * is parked leaves it blocked with no event to end it); with no timer running it would sleep
 * forever. A rescue timer 2 s ahead (sie.STIE on, sstatus.SIE off: it ends a block without
 * being taken) bounds that; a release that needed it is counted and reported. */
static volatile uint64_t lost_wakeups;

static struct rvpv_sbiret release(uint64_t gpa, uint64_t n)
{
	uint64_t t = rdtime();
	__asm__ volatile("csrs sie, %0" : : "r"(1ull << 5));
	rvpv_cpu_set_timer(t + 2 * ISO_TICKS_PER_SEC);
	struct rvpv_sbiret r = rvpv_mem_balloon_release(gpa, n);
	rvpv_cpu_set_timer(UINT64_MAX);
	if (rdtime() - t > 3 * ISO_TICKS_PER_SEC / 2) {
		lost_wakeups++;
		if (rvpv_cpu_vcpu_id().value == 0)
			nfail++; /* vCPU 1's count in the round that saw it (race_round) */
		guest_printf("pinrace: not ok - vcpu %lu: BALLOON_RELEASE blocked %lu ms: woken by the rescue "
			     "timer (a lost wakeup)\n", rvpv_cpu_vcpu_id().value, (rdtime() - t) / 10000);
	}
	return r;
}
static struct rvpv_sbiret reclaim(uint64_t gpa, uint64_t n) { return rvpv_mem_balloon_reclaim(gpa, n); }

/* --- the ordered cases ----------------------------------------------------------------- */

static char nm[64];
static const char *name(enum kind k, const char *what)
{
	int n = 0;
	for (const char *p = kname[k]; *p; p++) nm[n++] = *p;
	nm[n++] = '-';
	for (const char *p = what; *p && n < 63; p++) nm[n++] = *p;
	nm[n] = 0;
	return nm;
}

/* release, then pin on the released page: INVALID_ADDRESS (nothing pinned); then reclaim */
static void release_then_pin(enum kind k)
{
	uint64_t base = (uintptr_t)region[k];
	prepare_pin(k); /* the pin's own writes, while the page is still there */
	struct rvpv_sbiret r = release(base, RPAGES);
	int64_t pe = do_pin(k);
	struct rvpv_sbiret c = reclaim(base, RPAGES);
	check(!r.error && r.value == RPAGES && !c.error && c.value == RPAGES, name(k, "release-first-succeeds"),
	      "release error %ld, reclaim error %ld", r.error, c.error);
	check(pe == SBI_ERR_INVALID_ADDRESS, name(k, "pin-on-released-page-invalid-address"), "error %ld, want %ld",
	      pe, SBI_ERR_INVALID_ADDRESS);
	if (pe == SBI_SUCCESS && k != K_EVENT)
		unpin(k);
}

/* With k pinned: releases touching the pin are DENIED and change nothing, releases next to it
 * succeed, and the hypervisor uses the pinned page. */
static void pinned_checks(enum kind k)
{
	uint64_t base = (uintptr_t)region[k], pin = base + PIN * 4096ull, tag = 0x5eed0000ull + k;
	canaries(k, tag);
	struct rvpv_sbiret a = release(base, RPAGES), b = release(pin, 1), c = release(base + 4096, PIN);
	check(a.error == SBI_ERR_DENIED && b.error == SBI_ERR_DENIED, name(k, "release-touching-pin-denied"),
	      "errors %ld (the 32 pages around it), %ld (the page alone)", a.error, b.error);
	check(c.error == SBI_ERR_DENIED, name(k, "release-ending-at-pin-denied"), "error %ld, %ld pages", c.error, c.value);
	check(canaries_ok(k, tag), name(k, "denied-release-changed-nothing"), "a canary of the %ld pages changed",
	      RPAGES, 0);
	struct rvpv_sbiret d = release(base, PIN), e = release(pin + 4096, RPAGES - PIN - 1);
	struct rvpv_sbiret f = reclaim(base, RPAGES);
	check(!d.error && d.value == PIN && !e.error && e.value == RPAGES - PIN - 1 && !f.error &&
	      f.value == RPAGES - 1, name(k, "release-next-to-pin-succeeds"), "errors %ld %ld", d.error, e.error);
	check(pin_used(k), name(k, "pinned-page-used"), "the hypervisor does not use it (at page offset %ld)",
	      pin_off[k], 0);
}

/* unpin, then release: SUCCESS (not for the event page: see event_unpinned_by_reboot) */
static void unpin_then_release(enum kind k)
{
	uint64_t base = (uintptr_t)region[k];
	int64_t u = unpin(k);
	struct rvpv_sbiret r = release(base, RPAGES), c = reclaim(base, RPAGES);
	check(!u && !r.error && r.value == RPAGES && !c.error && c.value == RPAGES,
	      name(k, "unpin-then-release-succeeds"), "unpin error %ld, release error %ld", u, r.error);
}

static void ordered(enum kind k)
{
	release_then_pin(k);
	prepare_pin(k);
	int64_t pe = do_pin(k);
	check(pe == SBI_SUCCESS, name(k, "pin-succeeds"), "error %ld, want %ld", pe, 0);
	if (pe)
		return;
	pinned_checks(k);
	if (k != K_EVENT)
		unpin_then_release(k);
}

/* A moved info area no longer pins its old page; the new one does; unregistering frees both. */
static void info_moved(void)
{
	uint64_t a = (uintptr_t)region[K_INFO][PIN] + 2048, b = (uintptr_t)region[K_INFO][PIN + 4] + 64;
	int64_t e1 = rvpv_mem_register_vcpu_info(a).error, e2 = rvpv_mem_register_vcpu_info(b).error;
	struct rvpv_sbiret r1 = release(a & ~0xfffull, 1), r2 = release(b & ~0xfffull, 1);
	struct rvpv_sbiret c1 = reclaim(a & ~0xfffull, 1);
	check(!e1 && !e2 && !r1.error && r1.value == 1 && r2.error == SBI_ERR_DENIED && c1.value == 1,
	      "vcpu-info-moved-old-page-free-new-page-pinned", "release errors %ld (old) %ld (new)", r1.error, r2.error);
	int64_t u = rvpv_mem_register_vcpu_info(UINT64_MAX).error;
	struct rvpv_sbiret r3 = release(b & ~0xfffull, 1), c3 = reclaim(b & ~0xfffull, 1);
	check(!u && !r3.error && r3.value == 1 && c3.value == 1, "vcpu-info-unregistered-page-free",
	      "unregister error %ld, release error %ld", u, r3.error);
}

/* --- the race --------------------------------------------------------------------------- */

/* vCPU 1: releases what vCPU 0 names, when vCPU 0 says go. */
static void releaser(void)
{
	for (uint64_t r = 1;; r++) {
		wait_for(&sh.go, r);
		if (sh.quit)
			for (;;)
				rvpv_cpu_yield();
		sh.ack = r;
		spin(sh.delay);
		struct rvpv_sbiret s = release(sh.gpa, sh.npages);
		sh.err = s.error;
		sh.val = (uint64_t)s.value;
		iso_fence();
		sh.done = r;
	}
}

static uint64_t round_no;

/* Waits for vCPU 1's answer for round r; after 30 s vCPU 1 must be stuck and the run ends. */
static void wait_done(enum kind k, uint64_t r)
{
	uint64_t end = rdtime() + 30 * ISO_TICKS_PER_SEC, next = rdtime() + ISO_TICKS_PER_SEC / 500;
	while (sh.done != r) {
		if (rdtime() > next) {
			rvpv_cpu_yield();
			next = rdtime() + ISO_TICKS_PER_SEC / 500;
		}
		if (rdtime() > end) {
			guest_printf("pinrace: not ok - %s: round %lu: vCPU 1 has not answered for 30 s\n", kname[k], r);
			guest_exit_fail();
		}
	}
}

/* One round for kind k: 0 normal (either side won and it was undone), 1 a broken round. */
static int race_round(enum kind k, struct tally *t)
{
	uint64_t r = ++round_no, base = (uintptr_t)region[k];
	if (!t->rng)
		t->rng = 0x243f6a8885a308d3ull + k;
	int64_t jit = (int64_t)jitter, off = t->delay + (int64_t)(iso_rand(&t->rng) % (uint64_t)(2 * jit + 1)) - jit;
	canaries(k, r * 0x9e3779b97f4a7c15ull);
	prepare_pin(k);
	sh.gpa = base;
	sh.npages = RPAGES;
	sh.delay = off < 0 ? (uint64_t)-off : 0;
	iso_fence();
	sh.go = r;
	wait_for(&sh.ack, r); /* vCPU 1 is running right now: the delays decide the order */
	spin(off > 0 ? (uint64_t)off : 0);
	int64_t pe = do_pin(k);
	uint64_t lost = lost_wakeups;
	wait_done(k, r);
	int bad = lost_wakeups != lost;
	iso_fence();
	int64_t re = sh.err;
	uint64_t rv = sh.val;
	t->rounds++;
	/* a staircase on the delay: it settles where either side wins half the time, which is
	 * where the two calls overlap most (the window a missing pin check would open) */
	int64_t dir = pe == SBI_SUCCESS && re == SBI_ERR_DENIED ? 1 :
		      re == SBI_SUCCESS && pe == SBI_ERR_INVALID_ADDRESS ? -1 : 0;
	if (!t->step)
		t->step = 512;
	if (dir && t->dir && dir != t->dir && t->step > 8)
		t->step /= 2;
	if (dir)
		t->dir = dir;
	t->delay += dir * t->step;
	if (t->delay > 1000000 || t->delay < -1000000)
		t->delay = 0;
	if (pe == SBI_SUCCESS && re == SBI_ERR_DENIED) {
		t->pin++;
		if (!canaries_ok(k, r * 0x9e3779b97f4a7c15ull)) {
			guest_printf("pinrace: not ok - %s: round %lu: DENIED release changed the pages\n", kname[k], r);
			bad = 1;
		}
		if (!pin_used(k)) {
			t->unused++;
			guest_printf("pinrace: not ok - %s: round %lu: pinned page not used by the hypervisor\n", kname[k], r);
			bad = 1;
		}
	} else if (pe == SBI_ERR_INVALID_ADDRESS && re == SBI_SUCCESS && rv == RPAGES) {
		t->rel++;
	} else if (pe == SBI_SUCCESS && re == SBI_SUCCESS) {
		t->both++;
		guest_printf("pinrace: not ok - %s: round %lu (delay %ld): BOTH won: pin SUCCESS, release SUCCESS (%lu pages)\n",
			     kname[k], r, off, rv);
		bad = 1;
	} else {
		t->neither++;
		guest_printf("pinrace: not ok - %s: round %lu: pin error %ld, release error %ld value %lu\n",
			     kname[k], r, pe, re, rv);
		bad = 1;
	}
	if (re == SBI_SUCCESS) {
		struct rvpv_sbiret c = reclaim(base, RPAGES);
		if (c.error || c.value != (int64_t)rv) {
			guest_printf("pinrace: not ok - %s: round %lu: reclaim error %ld, %ld pages\n", kname[k], r, c.error, c.value);
			bad = 1;
		}
	}
	if (pe == SBI_SUCCESS && k != K_EVENT && unpin(k)) {
		guest_printf("pinrace: not ok - %s: round %lu: unpin failed\n", kname[k], r);
		bad = 1;
	}
	return bad;
}

static uint64_t t0;

static void report_tally(const char *what, const struct tally *t)
{
	guest_printf("pinrace: race %s: %lu rounds: pin won %lu, release won %lu, both %lu, neither %lu, unused %lu\n",
		     what, t->rounds, t->pin, t->rel, t->both, t->neither, t->unused);
	guest_printf("pinrace: race %s: pin delay settled at %ld spin loops, %lu ms\n", what, t->delay,
		     (rdtime() - t0) / 10000);
}

static int64_t settled_max; /* the largest delay a race settled at (seeds the event page's) */

static void race_kind(enum kind k, uint64_t rounds)
{
	t0 = rdtime();
	struct tally t = { 0 };
	uint64_t bad = 0;
	for (uint64_t i = 0; i < rounds && bad < MAX_BAD; i++)
		bad += (uint64_t)race_round(k, &t);
	if (bad >= MAX_BAD)
		guest_printf("pinrace: %s: stopped after %lu broken rounds\n", kname[k], bad);
	report_tally(kname[k], &t);
	if (t.delay > settled_max)
		settled_max = t.delay;
	nfail += bad;
	check(!bad && t.rounds == rounds && t.pin && t.rel, name(k, "race-exactly-one-wins"),
	      "%ld broken rounds (both sides must win sometimes: pin won %ld)", (int64_t)bad, (int64_t)t.pin);
}

/* The event page of the last boot is not pinned in this one (a reboot forgets it). */
static void event_unpinned_by_reboot(void)
{
	uint64_t pin = (uintptr_t)region[K_EVENT][PIN];
	struct rvpv_sbiret r = release(pin, 1), c = reclaim(pin, 1);
	check(!r.error && r.value == 1 && !c.error && c.value == 1, "event-page-unpinned-by-reboot",
	      "release error %ld, %ld pages", r.error, r.value);
}

/* One boot's event page: ordered case, then races until the pin wins (it can only win once). */
static void event_boot(void)
{
	release_then_pin(K_EVENT);
	uint64_t before = st.ev.pin, bad = 0, n = 0;
	for (; n < 2000 && st.ev.pin == before && !bad; n++)
		bad = (uint64_t)race_round(K_EVENT, &st.ev);
	nfail += bad;
	guest_printf("pinrace: boot %lu: event page raced %lu rounds, pin delay %ld\n", st.boots + 1, n, st.ev.delay);
	if (st.ev.pin != before)
		pinned_checks(K_EVENT);
	else if (!bad)
		check(0, "event-page-race-pin-won", "the release won %ld times in a row (boot %ld)", 2000, (int64_t)st.boots + 1);
}

extern char _start[];

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	static uint8_t sec[512] __attribute__((aligned(8)));
	uint64_t boot_t0 = rdtime();
	if (vcpu == 1)
		releaser();
	const char *args = iso_bootargs(dtb);
	uint64_t rounds = iso_arg(args, "rounds", 1000), boots = iso_arg(args, "boots", 20);
	jitter = iso_arg(args, "jitter", 100);
	if (disk_rw(VIRTIO_BLK_T_IN, sec)) {
		guest_printf("pinrace: not ok - disk: cannot read the counters\n");
		guest_exit_fail();
	}
	memcpy(&st, sec, sizeof(st));
	if (st.magic != MAGIC)
		st = (struct persist){ .magic = MAGIC };
	guest_printf("pinrace: boot %lu of %lu: %lu rounds per race, jitter %lu spin loops\n", st.boots + 1,
		     boots, rounds, jitter);
	if (rvpv_cpu_vcpu_start(1, (uintptr_t)_start, 0).error) {
		guest_printf("pinrace: not ok - cannot start vCPU 1\n");
		guest_exit_fail();
	}
	if (st.boots > 0)
		event_unpinned_by_reboot();
	if (st.boots == 0) {
		for (enum kind k = K_INFO; k < NKINDS; k++) {
			ordered(k);
			race_kind(k, rounds);
		}
		info_moved();
		/* the event page's race starts where the release wins and walks down to the pin's
		 * first win; later boots go on from where the last one stopped (st.ev) */
		st.ev.delay = 2 * settled_max + 2048;
	}
	event_boot();
	st.boots++;
	st.failures += nfail;
	st.lost += lost_wakeups;
	save();
	if (st.boots < boots) {
		guest_printf("pinrace: boot %lu done in %lu ms (%lu failures so far): rebooting\n", st.boots,
			     (rdtime() - boot_t0) / 10000, st.failures);
		rvpv_lifecycle_reboot();
	}
	report_tally("event-page", &st.ev);
	guest_printf("pinrace: event page: %lu boots, %lu register wins, %lu release wins\n", st.boots,
		     st.ev.pin, st.ev.rel);
	guest_printf("pinrace: done: %lu failures, %lu lost wakeups\n", st.failures, st.lost);
	sh.quit = 1;
	if (st.failures)
		guest_exit_fail();
	guest_exit_ok();
}

/* libFuzzer target for the guest-memory layer: the real hv/core/gmem.c, hv/core/balloon.c,
 * hv/arch/riscv/gstage.c, hv/core/palloc.c and the MEM_BALLOON_* / MEM_REGISTER_VCPU_INFO
 * decoders (hv/hc/hc_mem.c) on the host, driven by a script of operations on one VM, checked
 * against a reference model after every operation.
 *
 * The world: one VM of 16..1024 pages (the 2 and 4 MiB sizes get 2 MiB G-stage leaves, which
 * a release must split) carved by palloc from an 8 MiB arena, 1..3 vCPUs on 1..3 harts. Around
 * the hypervisor code, the fuzzer plays what runs on the harts (a mirror of exit.c, sched.c
 * and cpu_ops.c, whose hardware parts cannot run here): the world switch with its G-stage
 * generation check and deferred balloon_finish, vCPUs leaving and re-entering their hart,
 * cpu_wait_for_remote / cpu_flush_done, a small TLB per hart that guest accesses fill from the
 * G-stage and hfence / the generation check empty, and in-flight device DMA that
 * disk_quiesce completes.
 *
 * The model: per guest page MAPPED (with its host page), STALE (released, its host page not
 * yet freed) or FREED; a shadow copy of every byte; the pins held. After every operation:
 * - each call's answer is the model's (SUCCESS / DENIED / INVALID_ADDRESS / FAILED, a1, copy
 *   success, bytes read, gmem_dma pointer, gmem_at addresses, who waits for whose flush);
 * - the G-stage maps exactly the MAPPED pages, to their host pages, each owned once;
 *   vm->pins[] is exactly the held pins; released_pages, remapped, the table page count agree;
 * - the only pages freed are STALE ones (then FREED) and no page is freed twice; when a page
 *   goes back to palloc no pin points into it, no DMA is in flight on it and no hart that can
 *   run the guest without flushing first still caches a translation to it;
 * - reclaimed pages read zero; data written through a pin, by DMA or by the guest is what
 *   gmem_read returns later; a failed write changes nothing;
 * - at the end (balloon_free_ram or the one-block free, gstage_destroy) palloc is back to
 *   its free count and every arena page is free.
 * Freed pages are ASan-poisoned, so any later touch of one by the hypervisor code is reported.
 *
 * Input: 2 header bytes (RAM size, vCPUs and harts, RAM placement; the 4 "hot" pages three of
 * the address modes aim at, the initial RAM pattern, RAM above free pages), then 8-byte operations
 * { op, vb, a, b, c } (16-bit little-endian a, b, c; vb: vCPU, address mode, length mode).
 * op bit 7: the next record is another vCPU's operation that runs inside this one, right
 * before this one's first vm->lock (see gmem_hv.c). FUZZ_GMEM_TRACE=1 prints each step. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sanitizer/asan_interface.h>
#include "vm.h"
#include "vcpu.h"
#include "hart.h"
#include "hypercall.h"
#include "balloon.h"
#include "palloc.h"
#include "gstage.h"
#include "gmem.h"
#include "cpu_ops.h"
#include "disk.h"
#include "printf.h"
#include "string.h"

#define ARENA_SIZE (8ull << 20)
#define ARENA_PAGES (ARENA_SIZE / PAGE_SIZE)
#define MAX_PAGES 1024u
#define NSLOTS GMEM_MAX_PINS /* pins the fuzzer holds itself: enough to fill vm->pins */
#define NV 3u       /* vCPUs at most, one hart each at most */
#define TLB_N 16u
#define NDMA 4u
#define MAX_OPS 512u

static bool trace;
#define T(...) do { if (trace) fprintf(stderr, __VA_ARGS__); } while (0)

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "fuzz_gmem: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}
#define CHECK(c, ...) do { if (!(c)) fail(__VA_ARGS__); } while (0)

void hv_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "fuzz_gmem: hv_panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

/* ---- the world ---- */
static uint8_t *arena;
static struct vm vm;
static struct vcpu vcpu[NV];
static struct hart hart[NV];
static uint32_t nv, nh;
static uint64_t npages, gen_counter, pool_start, tables;
static bool vm_live;
static int cur_hart; /* the hart the hypervisor code runs on right now */

/* palloc's pages as the fuzzer sees them: 0 free, 1 out */
static uint8_t out[ARENA_PAGES];
static uint64_t alloc_log[ARENA_PAGES], nalloc_log;  /* handed out during this operation */
static uint64_t free_log[ARENA_PAGES], nfree_log;    /* came back during this operation */
static bool harness_alloc;                           /* the fuzzer's own (hog) pages: not logged */
static void *hog[ARENA_PAGES];
static uint64_t nhog;

/* ---- the model ---- */
enum { P_MAPPED, P_STALE, P_FREED };
static struct { uint8_t st; uint64_t hpa; } pg[MAX_PAGES];
static uint16_t rev[ARENA_PAGES];     /* arena page -> guest page + 1 while MAPPED or STALE */
static uint8_t shadow[MAX_PAGES * PAGE_SIZE];
static bool m_remapped;
static bool m_large;                  /* RAM mapped with 2 MiB leaves */
static bool m_split[MAX_PAGES / 512]; /* that 2 MiB leaf has been split into 4 KiB ones */
static struct gmem_pin slot[NSLOTS];
static struct { bool held; uint64_t gpa, len; } ms[NSLOTS];
static uint64_t m_info[NV];           /* registered vCPU info gpa, 0 = none */

/* per-hart TLB and the generation each hart has flushed for */
static struct { uint64_t gpage, hpa; bool valid; } tlb[NV][TLB_N];
static uint32_t tlb_next[NV];
static uint64_t gen_seen[NV];

static struct { bool live; uint8_t *p; uint64_t gpa, len; uint8_t seed; } dma[NDMA];

static uint8_t buf[MAX_PAGES * PAGE_SIZE + PAGE_SIZE];
static uint8_t pat[65536 + 2 * PAGE_SIZE + 256]; /* bytes to write: pat + seed (no per-byte loops) */
static const uint8_t zero_page[PAGE_SIZE];
static uint8_t ee_page[PAGE_SIZE];        /* what a failed gmem_read must leave in buf */

static uint64_t apage(uint64_t hpa) { return (hpa - (uintptr_t)arena) / PAGE_SIZE; }
static bool in_arena(uint64_t hpa) { return hpa >= (uintptr_t)arena && hpa < (uintptr_t)arena + ARENA_SIZE; }
static uint32_t hidx(const struct vcpu *v) { return (uint32_t)(v->hart - hart); }
/* on its hart and able to act (a halted one waits in halt_in_place, its guest stopped) */
static bool running(uint32_t i) { return i < nv && vcpu[i].state == VCPU_RUNNING && !vcpu[i].halted; }
static bool in_ram(uint64_t gpa, uint64_t len) { return range_inside(gpa, len, vm.ram_gpa, vm.ram_size); }
static uint64_t gidx(uint64_t gpa) { return (gpa - vm.ram_gpa) / PAGE_SIZE; }
static uint8_t *sh(uint64_t gpa) { return shadow + (gpa - vm.ram_gpa); }

/* Host pages of every pin held right now: the fuzzer's, the vCPU info ones, vm->pins[]. */
static bool pin_points_into(uint64_t hpa_page)
{
	for (uint32_t i = 0; i < GMEM_MAX_PINS; i++) {
		const struct gmem_pin *p = vm.pins[i];
		if (p && ((uintptr_t)p->page[0] == hpa_page || (uintptr_t)p->page[1] == hpa_page))
			return true;
	}
	for (uint32_t i = 0; i < NSLOTS; i++)
		if (slot[i].held && ((uintptr_t)slot[i].page[0] == hpa_page || (uintptr_t)slot[i].page[1] == hpa_page))
			return true;
	for (uint32_t v = 0; v < nv; v++)
		for (uint32_t k = 0; k < 4; k++) {
			const struct gmem_pin *p = k < 2 ? &vcpu[v].info_pins[k] : &vcpu[v].sta_pins[k - 2];
			if (p->held && ((uintptr_t)p->page[0] == hpa_page || (uintptr_t)p->page[1] == hpa_page))
				return true;
		}
	return false;
}

/* ---- palloc hooks (gmem_palloc.c) ---- */
void fz_palloc_out(void *p, uint64_t n)
{
	uint64_t a = (uintptr_t)p;
	CHECK(in_arena(a) && in_arena(a + n * PAGE_SIZE - 1) && !(a % PAGE_SIZE), "palloc gave %p outside the arena", p);
	for (uint64_t i = 0; i < n; i++) {
		CHECK(!out[apage(a) + i], "palloc handed out page %#lx twice", (unsigned long)(a + i * PAGE_SIZE));
		out[apage(a) + i] = 1;
		if (vm_live && !harness_alloc)
			alloc_log[nalloc_log++] = a + i * PAGE_SIZE;
	}
}

void fz_palloc_back(void *p, uint64_t n)
{
	uint64_t a = (uintptr_t)p;
	CHECK(in_arena(a) && in_arena(a + n * PAGE_SIZE - 1) && !(a % PAGE_SIZE), "free of %p outside the arena", p);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t h = a + i * PAGE_SIZE;
		CHECK(out[apage(h)], "page %#lx freed twice (or never handed out)", (unsigned long)h);
		out[apage(h)] = 0;
		if (!vm_live || harness_alloc)
			continue;
		/* while the VM lives, only a released page may go back, and only once nothing can
		 * reach it any more */
		CHECK(!pin_points_into(h), "page %#lx freed while a pin points into it", (unsigned long)h);
		for (uint32_t d = 0; d < NDMA; d++)
			CHECK(!dma[d].live || (uintptr_t)dma[d].p + dma[d].len <= h || (uintptr_t)dma[d].p >= h + PAGE_SIZE,
			      "page %#lx freed with DMA in flight on it", (unsigned long)h);
		for (uint32_t hh = 0; hh < nh; hh++) {
			bool usable = gen_seen[hh] == vm.gs_gen; /* no flush pending before the next guest entry */
			for (uint32_t v = 0; v < nv; v++)
				if (hidx(&vcpu[v]) == hh && running(v))
					usable = true; /* in the guest now (or in the hypervisor, back any moment);
							* a halted one flushes before it re-enters */
			for (uint32_t e = 0; e < TLB_N && usable; e++)
				CHECK(!(tlb[hh][e].valid && tlb[hh][e].hpa == h),
				      "page %#lx (guest %#lx) freed while hart %u still caches its translation",
				      (unsigned long)h, (unsigned long)tlb[hh][e].gpage, hh);
		}
		bool mine = false;
		for (uint64_t k = 0; k < nalloc_log; k++)
			if (alloc_log[k] == h) { /* handed out and back within one operation */
				alloc_log[k] = alloc_log[--nalloc_log];
				mine = true;
				break;
			}
		if (!mine)
			free_log[nfree_log++] = h;
	}
}

/* ---- hypervisor stand-ins ---- */
uint64_t vm_next_gen(void) { return ++gen_counter; }

static void tlb_flush(uint32_t h) { memset(tlb[h], 0, sizeof(tlb[h])); }

void arch_fence_gstage(uint64_t vmid)
{
	CHECK(vmid == vm.vmid, "hfence of VMID %lu", (unsigned long)vmid);
	tlb_flush((uint32_t)cur_hart);
}

static void sched_wake_model(struct vcpu *w)
{
	if (w->state == VCPU_BLOCKED)
		w->state = VCPU_RUNNABLE;
}

/* as cpu_ops.c: wait for every other running vCPU on another hart, unless it is halted */
void cpu_wait_for_remote(struct hc_call *c, uint64_t targets)
{
	struct vcpu *self = c->v;
	CHECK(!vm.lock.locked, "cpu_wait_for_remote under vm->lock");
	for (uint32_t i = 0; i < nv; i++) {
		struct vcpu *t = &vcpu[i];
		if (!(targets >> i & 1) || t == self)
			continue;
		if (t->state == VCPU_RUNNING && t->hart != self->hart && !t->halted)
			self->flush_wait |= 1ull << i;
	}
	if (self->flush_wait) {
		self->fence_blocked = true;
		c->next = RUN_BLOCK;
	}
}

void cpu_flush_done(struct vcpu *t)
{
	uint64_t bit = 1ull << t->id;
	for (uint32_t i = 0; i < nv; i++) {
		struct vcpu *w = &vcpu[i];
		if ((w->flush_wait & bit) && !(w->flush_wait &= ~bit))
			sched_wake_model(w);
	}
}

void cpu_remote_flush(struct hc_call *c, uint64_t targets, uint64_t start, uint64_t size, uint64_t asid)
{
	(void)c; (void)targets; (void)start; (void)size; (void)asid;
	fail("cpu_remote_flush is not driven by this fuzzer");
}

static void model_bytes_written(uint64_t gpa, const uint8_t *host, uint64_t len);

/* The device finishes a transfer: it writes its pattern where gmem_dma pointed. */
static void dma_complete(uint32_t d)
{
	if (!dma[d].live)
		return;
	dma[d].live = false;
	uint64_t gpa = dma[d].gpa, len = dma[d].len;
	uint8_t *p = dma[d].p;
	memcpy(p, pat + dma[d].seed, len);
	T("  dma %u completes %#lx+%lu\n", d, (unsigned long)gpa, (unsigned long)len);
	model_bytes_written(gpa, p, len);
}

void disk_quiesce(struct vm *v)
{
	CHECK(v == &vm && !vm.lock.locked, "disk_quiesce under vm->lock");
	for (uint32_t d = 0; d < NDMA; d++)
		dma_complete(d);
}

/* as vcpu.c: the info area is written through its pin at every entry */
void vcpu_account_info(struct vcpu *v)
{
	if (!v->info_gpa)
		return;
	struct gmem_pin *p = &v->info_pins[v->info_cur];
	CHECK(p->held && p->gpa == v->info_gpa && p->len == RVPV_VCPU_INFO_SIZE, "vCPU info pin not held");
	uint64_t i = gidx(v->info_gpa);
	CHECK(in_ram(v->info_gpa, RVPV_VCPU_INFO_SIZE) && pg[i].st == P_MAPPED, "vCPU info area on a page not mapped");
	struct rvpv_vcpu_info *info = gmem_at(p, 0);
	CHECK((uintptr_t)info == pg[i].hpa + (v->info_gpa & (PAGE_SIZE - 1)),
	      "gmem_at of the vCPU info pin: %p, its page is at %#lx", (void *)info, (unsigned long)pg[i].hpa);
	uint32_t seq = info->seq | 1;
	info->seq = seq;
	info->vcpu_id = v->id;
	info->steal_ticks = v->steal_ticks;
	info->run_ticks = ++v->run_ticks;
	info->preemptions = v->preemptions;
	info->seq = seq + 1;
	model_bytes_written(v->info_gpa, (uint8_t *)info, RVPV_VCPU_INFO_SIZE);
}

/* ---- the model's bookkeeping ---- */
/* Bytes now at host for [gpa, gpa+len): the shadow follows them where the page is MAPPED
 * there; a STALE page's bytes do not matter (zeroed on reclaim); anything else is a write
 * into a page that is not the VM's. */
static void model_bytes_written(uint64_t gpa, const uint8_t *host, uint64_t len)
{
	for (uint64_t off = 0, n; off < len; off += n) {
		uint64_t a = gpa + off;
		n = MIN(len - off, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
		CHECK(in_ram(a, n), "a write outside RAM at %#lx", (unsigned long)a);
		uint64_t i = gidx(a), hp = ALIGN_DOWN((uintptr_t)(host + off), PAGE_SIZE);
		CHECK(pg[i].st != P_FREED && pg[i].hpa == hp,
		      "bytes for guest %#lx landed in host page %#lx; that page is %s at %#lx",
		      (unsigned long)a, (unsigned long)hp, pg[i].st == P_FREED ? "freed" : "backed",
		      (unsigned long)pg[i].hpa);
		if (pg[i].st == P_MAPPED)
			memcpy(sh(a), host + off, n);
	}
}

static void set_page(uint64_t i, uint8_t st, uint64_t hpa)
{
	if (pg[i].st != P_FREED)
		rev[apage(pg[i].hpa)] = 0;
	pg[i].st = st;
	pg[i].hpa = st == P_FREED ? 0 : hpa;
	if (st != P_FREED) {
		CHECK(!rev[apage(hpa)], "host page %#lx backs guest pages %u and %lu", (unsigned long)hpa,
		      rev[apage(hpa)] - 1u, (unsigned long)i);
		rev[apage(hpa)] = (uint16_t)(i + 1);
	}
}

static uint32_t pins_held(void)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < NSLOTS; i++)
		n += ms[i].held;
	for (uint32_t v = 0; v < nv; v++)
		n += m_info[v] != 0;
	return n;
}

static bool page_pinned(uint64_t i)
{
	uint64_t a = vm.ram_gpa + i * PAGE_SIZE;
	for (uint32_t s = 0; s < NSLOTS; s++)
		if (ms[s].held && ALIGN_DOWN(ms[s].gpa, PAGE_SIZE) <= a && a < ms[s].gpa + ms[s].len)
			return true;
	for (uint32_t v = 0; v < nv; v++)
		if (m_info[v] && ALIGN_DOWN(m_info[v], PAGE_SIZE) == a)
			return true;
	return false;
}

/* every byte of [gpa, gpa+len) in RAM and on a MAPPED page */
static bool m_usable(uint64_t gpa, uint64_t len)
{
	if (!in_ram(gpa, len))
		return false;
	for (uint64_t i = len ? gidx(gpa) : 0; len && i <= gidx(gpa + len - 1); i++)
		if (pg[i].st != P_MAPPED)
			return false;
	return true;
}

/* Frees seen during an operation: each must be a STALE page, which becomes FREED. Pages
 * handed out and not used as RAM are G-stage tables. */
static void settle_logs(void)
{
	for (uint64_t k = 0; k < nfree_log; k++) {
		uint64_t h = free_log[k], r = rev[apage(h)];
		CHECK(r && pg[r - 1].st == P_STALE && pg[r - 1].hpa == h,
		      "host page %#lx went back to palloc but is %s", (unsigned long)h,
		      !r ? "no released page of the VM" : "a mapped page of the VM");
		set_page(r - 1, P_FREED, 0);
		T("  freed guest page %lu (host %#lx)\n", (unsigned long)(r - 1), (unsigned long)h);
	}
	nfree_log = 0;
	tables += nalloc_log;
	nalloc_log = 0;
}

static bool took_fresh(uint64_t h)
{
	for (uint64_t k = 0; k < nalloc_log; k++)
		if (alloc_log[k] == h) {
			alloc_log[k] = alloc_log[--nalloc_log];
			return true;
		}
	return false;
}

/* ---- the harts: a mirror of exit.c / sched.c ---- */
/* The top of the run loop after an exit: flush for a new G-stage generation, then a deferred
 * balloon_finish once nobody is waited for. */
static void run_loop_top(struct vcpu *v)
{
	uint32_t h = hidx(v);
	int saved = cur_hart;
	cur_hart = (int)h;
	if (gen_seen[h] != vm.gs_gen) {
		gen_seen[h] = vm.gs_gen;
		tlb_flush(h);
		cpu_flush_done(v);
	}
	if (v->balloon_npages && !v->flush_wait) {
		T("  vcpu %u: balloon_finish %#lx+%lu pages\n", v->id, (unsigned long)v->balloon_gpa,
		  (unsigned long)v->balloon_npages);
		balloon_finish(v);
	}
	cur_hart = saved;
}

/* A hypercall on v is over: block if it asked to, else back to the top of the loop. */
static void after_call(struct vcpu *v, enum run_result next)
{
	if (next == RUN_BLOCK) {
		CHECK(v->flush_wait, "a call blocked with nothing to wait for");
		cpu_flush_done(v); /* sched_loop: off the hart now */
		v->state = v->flush_wait ? VCPU_BLOCKED : VCPU_RUNNABLE;
		T("  vcpu %u blocks (waits for %#lx)\n", v->id, (unsigned long)v->flush_wait);
		return;
	}
	run_loop_top(v);
}

/* ---- decoding ---- */
struct rec { uint8_t op, vb; uint16_t a, b, c; };

static const uint64_t edges[] = { 0, 1, 4095, 4096, 0x7ffff000, 0x80000000, 0xffffffff,
	1ull << 40, 1ull << 41, 1ull << 63, ~0ull, ~0ull - 4095, ~0ull - 0x7fffffff };

static uint64_t hot; /* first of 4 pages modes 1, 3 and 6 aim at, so that operations meet */

static uint64_t dec_gpa(unsigned mode, uint16_t a, uint16_t b)
{
	uint64_t base = vm.ram_gpa, end = base + vm.ram_size;
	switch (mode & 7) {
	case 0: return base + (a % npages) * PAGE_SIZE + (b % PAGE_SIZE);
	case 1: return base + (hot + a % 4) * PAGE_SIZE + (b % PAGE_SIZE);
	case 2: return base + (a % npages) * PAGE_SIZE;
	case 3: return base + (hot + a % 4) * PAGE_SIZE + PAGE_SIZE - 1 - (b % 96); /* a hot page's end */
	case 4: return end - 1 - (b % 0x3000);
	case 5: return b & 1 ? base - 1 - (b % 0x3000) : end + (b % 0x3000);
	case 6: return base + (hot + a % 4) * PAGE_SIZE;
	default: return edges[a % ARRAY_SIZE(edges)] + (int16_t)b;
	}
}

static uint64_t dec_len(unsigned mode, uint16_t c)
{
	switch (mode & 7) {
	case 0: return c % 16;
	case 1: return c % 257;
	case 2: return c % (PAGE_SIZE + 1);
	case 3: return PAGE_SIZE;
	case 4: return c % (3 * PAGE_SIZE + 1);
	case 5: return PAGE_SIZE - 2 + c % 4;
	case 6: return c;
	default: return edges[c % ARRAY_SIZE(edges)] + (c >> 8);
	}
}

static uint64_t dec_npages(unsigned mode, uint16_t c)
{
	switch (mode & 7) {
	case 0: return c % 4;
	case 1: return c % 17;
	case 2: return 1 + c % npages;
	case 3: return npages;
	case 4: return 1;
	case 5: return 2;
	case 6: return c;
	default: return edges[c % ARRAY_SIZE(edges)] / PAGE_SIZE + (c >> 8);
	}
}

/* ---- operations ---- */
/* scratch shared between an operation and its predict function */
static struct {
	uint32_t v;
	uint64_t gpa, len, np;
	int64_t err;
	uint64_t value, waits, splits;
	uint64_t pages[MAX_PAGES], npg; /* the pages a reclaim takes back, in order */
} X;

/* The first vm->lock of an operation is where it takes effect: another vCPU's operation armed
 * for it runs first (as if that hart got the lock first), then the model predicts the answer. */
static const struct rec *armed;
static bool in_nested, predicted;
static void (*predict_fn)(void);
static int busy_slot = -1;  /* the pin the outer operation works on: the nested one leaves it */
static uint32_t busy_vcpu = ~0u;
static void do_op(const struct rec *r);

void fz_spin_lock(struct spinlock *l)
{
	if (l == &vm.lock && !in_nested && !predicted && predict_fn) {
		void (*fn)(void) = predict_fn;
		if (armed) {
			static __typeof__(X) saved_x;
			const struct rec *r = armed;
			int saved_hart = cur_hart;
			armed = NULL;
			saved_x = X;
			in_nested = true;
			T("  >> interleaved before the lock:\n");
			do_op(r);
			T("  << back\n");
			in_nested = false;
			X = saved_x;
			cur_hart = saved_hart;
		}
		predict_fn = fn;
		predicted = true;
		fn();
	}
	spin_lock(l);
}

static void begin(void (*fn)(void))
{
	predict_fn = fn;
	predicted = false;
}

static void settle_predict(void)
{
	if (!predicted && predict_fn) {
		predicted = true;
		predict_fn();
	}
	predict_fn = NULL;
}


static void predict_pin(void)
{
	uint64_t gpa = X.gpa, len = X.len;
	if (!len || len > GMEM_PIN_MAX_LEN || !m_usable(gpa, len))
		X.err = SBI_ERR_INVALID_ADDRESS;
	else if (pins_held() >= GMEM_MAX_PINS)
		X.err = SBI_ERR_FAILED;
	else
		X.err = SBI_SUCCESS;
}

static void check_pin_struct(const struct gmem_pin *p, uint64_t gpa, uint64_t len)
{
	CHECK(p->held && p->gpa == gpa && p->len == len, "pin at %#lx+%lu not recorded as asked",
	      (unsigned long)gpa, (unsigned long)len);
	uint64_t f = gidx(gpa), l = gidx(gpa + len - 1);
	CHECK((uintptr_t)p->page[0] == pg[f].hpa && (uintptr_t)p->page[1] == pg[l].hpa && pg[f].st == P_MAPPED &&
	      pg[l].st == P_MAPPED, "pin at %#lx+%lu holds host pages %p %p, not the pages mapped there",
	      (unsigned long)gpa, (unsigned long)len, (void *)p->page[0], (void *)p->page[1]);
}

static int free_slot(uint32_t from)
{
	for (uint32_t k = 0; k < NSLOTS; k++) {
		uint32_t s = (from + k) % NSLOTS;
		if ((int)s != busy_slot && !slot[s].held)
			return (int)s;
	}
	return -1;
}

/* op bit 6: then the same range again into every free slot, until the pin table is full */
static void op_pin(const struct rec *r, uint32_t v)
{
	int s = free_slot(r->a % NSLOTS);
	if (s < 0)
		return;
	X.gpa = dec_gpa(r->vb >> 2, r->b, r->a >> 4);
	X.len = dec_len(r->vb >> 5, r->c);
	if (!in_nested)
		busy_slot = s; /* the interleaved operation leaves it alone */
	begin(predict_pin);
	for (;;) {
		int rc = gmem_pin(&vm, &slot[s], X.gpa, X.len);
		settle_predict();
		T("pin v%u slot %d %#lx+%lu -> %d (model %ld)\n", v, s, (unsigned long)X.gpa, (unsigned long)X.len, rc,
		  (long)X.err);
		CHECK(rc == X.err, "gmem_pin(%#lx, %lu) = %d, model says %ld", (unsigned long)X.gpa, (unsigned long)X.len,
		      rc, (long)X.err);
		if (rc == SBI_SUCCESS) {
			check_pin_struct(&slot[s], X.gpa, X.len);
			ms[s].held = true;
			ms[s].gpa = X.gpa;
			ms[s].len = X.len;
		} else {
			CHECK(!slot[s].held, "a failed pin is held");
		}
		if (!(r->op & 0x40) || rc != SBI_SUCCESS || (s = free_slot((uint32_t)s)) < 0)
			break;
		begin(predict_pin);
	}
	after_call(&vcpu[v], RUN_CONTINUE);
}

static void predict_none(void) {}

static void op_unpin(const struct rec *r, uint32_t v)
{
	uint32_t s = r->a % NSLOTS;
	if ((int)s == busy_slot)
		return;
	if (!in_nested)
		busy_slot = (int)s;
	begin(predict_none);
	gmem_unpin(&vm, &slot[s]);
	settle_predict();
	T("unpin v%u slot %u (held %d)\n", v, s, ms[s].held);
	CHECK(!slot[s].held, "gmem_unpin left the pin held");
	ms[s].held = false;
	after_call(&vcpu[v], RUN_CONTINUE);
}

static void predict_balloon_args(void)
{
	X.err = SBI_SUCCESS;
	if (!IS_ALIGNED(X.gpa, PAGE_SIZE) || X.np > npages || !in_ram(X.gpa, X.np * PAGE_SIZE))
		X.err = SBI_ERR_INVALID_ADDRESS;
}

static void predict_release(void)
{
	predict_balloon_args();
	X.value = 0;
	X.waits = 0;
	if (X.err)
		return;
	for (uint64_t k = 0; k < X.np; k++)
		if (page_pinned(gidx(X.gpa) + k))
			X.err = SBI_ERR_DENIED;
	if (X.err)
		return;
	/* a 2 MiB leaf the range touches is split first, one table page each: without the pages
	 * the call fails and the guest sees nothing change (the leaves split so far stay split) */
	uint64_t need = 0;
	X.splits = 0;
	for (uint64_t i = gidx(X.gpa); m_large && X.np && i <= gidx(X.gpa) + X.np - 1; i = ALIGN_DOWN(i, 512) + 512)
		need += !m_split[i / 512];
	X.splits = MIN(need, palloc_free_pages());
	if (need > X.splits) {
		X.err = SBI_ERR_FAILED;
		return;
	}
	for (uint64_t k = 0; k < X.np; k++)
		X.value += pg[gidx(X.gpa) + k].st == P_MAPPED;
	for (uint32_t i = 0; i < nv; i++)
		if (i != X.v && running(i) && vcpu[i].hart != vcpu[X.v].hart)
			X.waits |= 1ull << i;
}

static void op_release(const struct rec *r, uint32_t v)
{
	struct hc_call c = { .v = &vcpu[v] };
	CHECK(!vcpu[v].balloon_npages && !vcpu[v].flush_wait, "a running vCPU with a release pending");
	X.v = v;
	X.gpa = c.a[0] = dec_gpa(r->vb >> 2, r->b, r->a);
	X.np = c.a[1] = dec_npages(r->vb >> 5, r->c);
	cur_hart = (int)hidx(&vcpu[v]);
	begin(predict_release);
	hc_MEM_BALLOON_RELEASE(&c);
	settle_predict();
	T("release v%u %#lx+%lu pages -> %ld a1 %lu (model %ld %lu, waits %#lx)\n", v, (unsigned long)X.gpa,
	  (unsigned long)X.np, (long)c.error, (unsigned long)c.value, (long)X.err, (unsigned long)X.value,
	  (unsigned long)X.waits);
	CHECK(c.error == X.err, "BALLOON_RELEASE(%#lx, %lu) = %ld, model says %ld", (unsigned long)X.gpa,
	      (unsigned long)X.np, (long)c.error, (long)X.err);
	if (c.error == SBI_SUCCESS) {
		CHECK(c.value == X.value, "BALLOON_RELEASE(%#lx, %lu) released %lu pages, model says %lu",
		      (unsigned long)X.gpa, (unsigned long)X.np, (unsigned long)c.value, (unsigned long)X.value);
		CHECK(vcpu[v].flush_wait == X.waits && (c.next == RUN_BLOCK) == (X.waits != 0),
		      "release waits for %#lx, model says %#lx", (unsigned long)vcpu[v].flush_wait, (unsigned long)X.waits);
		for (uint64_t k = 0; k < X.np; k++) {
			uint64_t i = gidx(X.gpa) + k;
			if (pg[i].st == P_MAPPED)
				set_page(i, P_STALE, pg[i].hpa);
		}
		m_remapped = true;
	} else {
		CHECK(c.next != RUN_BLOCK && !vcpu[v].flush_wait, "a failed release waits");
	}
	for (uint64_t i = gidx(X.gpa); X.splits; i = ALIGN_DOWN(i, 512) + 512)
		if (!m_split[i / 512]) {
			m_split[i / 512] = true;
			X.splits--;
		}
	settle_logs();
	after_call(&vcpu[v], c.next);
	if (!vcpu[v].flush_wait)
		CHECK(!vcpu[v].balloon_npages, "release done, nobody waited for, but its finish did not run");
}

static void predict_reclaim(void)
{
	predict_balloon_args();
	X.value = 0;
	X.npg = 0;
	if (X.err)
		return;
	uint64_t avail = palloc_free_pages();
	for (uint64_t k = 0; k < X.np; k++) {
		uint64_t i = gidx(X.gpa) + k;
		if (pg[i].st == P_MAPPED)
			continue;
		if (pg[i].st == P_FREED) {
			if (!avail) {
				X.err = SBI_ERR_FAILED;
				break;
			}
			avail--;
		}
		X.pages[X.npg++] = i;
	}
	X.value = X.npg;
}

static void op_reclaim(const struct rec *r, uint32_t v)
{
	struct hc_call c = { .v = &vcpu[v] };
	X.v = v;
	X.gpa = c.a[0] = dec_gpa(r->vb >> 2, r->b, r->a);
	X.np = c.a[1] = dec_npages(r->vb >> 5, r->c);
	cur_hart = (int)hidx(&vcpu[v]);
	begin(predict_reclaim);
	hc_MEM_BALLOON_RECLAIM(&c);
	settle_predict();
	T("reclaim v%u %#lx+%lu pages -> %ld a1 %lu (model %ld %lu)\n", v, (unsigned long)X.gpa, (unsigned long)X.np,
	  (long)c.error, (unsigned long)c.value, (long)X.err, (unsigned long)X.value);
	CHECK(c.error == X.err, "BALLOON_RECLAIM(%#lx, %lu) = %ld, model says %ld", (unsigned long)X.gpa,
	      (unsigned long)X.np, (long)c.error, (long)X.err);
	if (c.error == SBI_SUCCESS || c.error == SBI_ERR_FAILED) {
		CHECK(c.value == X.value, "BALLOON_RECLAIM(%#lx, %lu) reclaimed %lu pages, model says %lu",
		      (unsigned long)X.gpa, (unsigned long)X.np, (unsigned long)c.value, (unsigned long)X.value);
		for (uint64_t k = 0; k < X.npg; k++) {
			uint64_t i = X.pages[k], gpa = vm.ram_gpa + i * PAGE_SIZE, hpa = 0;
			CHECK(gstage_translate(&vm.gs, gpa, &hpa, NULL), "reclaimed guest page %#lx is not mapped",
			      (unsigned long)gpa);
			if (pg[i].st == P_STALE)
				CHECK(hpa == pg[i].hpa, "a released page not yet freed came back as another page");
			else
				CHECK(took_fresh(hpa), "a freed page came back as host page %#lx, not a fresh one",
				      (unsigned long)hpa);
			set_page(i, P_MAPPED, hpa);
			memset(sh(gpa), 0, PAGE_SIZE);
			CHECK(!memcmp((void *)(uintptr_t)hpa, zero_page, PAGE_SIZE), "reclaimed page %#lx is not zero",
			      (unsigned long)gpa);
		}
	}
	settle_logs();
	after_call(&vcpu[v], c.next);
}

static void op_copy(const struct rec *r, uint32_t v, bool write)
{
	uint64_t gpa = dec_gpa(r->vb >> 2, r->a, r->b), len = dec_len(r->vb >> 5, r->c);
	uint64_t fill = MIN(len, sizeof(buf)); /* a longer copy can only fail (ASan: if it did not) */
	bool ok = m_usable(gpa, len);
	int rc;
	if (write) {
		for (uint64_t i = 0; i < fill; i += 65536)
			memcpy(buf + i, pat + (r->a & 0xff), MIN(fill - i, 65536));
		rc = gmem_write(&vm, gpa, buf, len);
	} else {
		memset(buf, 0xee, fill);
		rc = gmem_read(&vm, buf, gpa, len);
	}
	T("%s v%u %#lx+%lu -> %d (model %d)\n", write ? "write" : "read", v, (unsigned long)gpa, (unsigned long)len,
	  rc, ok ? 0 : -1);
	CHECK(rc == (ok ? 0 : -1), "gmem_%s(%#lx, %lu) = %d, model says %d", write ? "write" : "read",
	      (unsigned long)gpa, (unsigned long)len, rc, ok ? 0 : -1);
	if (ok && write) {
		memcpy(sh(gpa), buf, len);
	} else if (ok) {
		for (uint64_t i = 0; memcmp(buf, sh(gpa), len) && i < len; i++)
			CHECK(buf[i] == *sh(gpa + i), "gmem_read(%#lx, %lu): byte at %#lx is %#x, the guest wrote %#x",
			      (unsigned long)gpa, (unsigned long)len, (unsigned long)(gpa + i), buf[i], *sh(gpa + i));
	} else if (!write) {
		for (uint64_t i = 0; i < fill; i += PAGE_SIZE)
			CHECK(!memcmp(buf + i, ee_page, MIN(PAGE_SIZE, fill - i)), "a failed gmem_read(%#lx, %lu) wrote the buffer",
			      (unsigned long)gpa, (unsigned long)len);
	} else if (in_ram(gpa, 1)) {
		/* nothing changed: every mapped page of the range still holds what the model says */
		uint64_t last = in_ram(gpa, len) ? gidx(gpa + len - 1) : npages - 1;
		for (uint64_t i = gidx(gpa); len && i <= last; i++)
			if (pg[i].st == P_MAPPED)
				CHECK(!memcmp((void *)(uintptr_t)pg[i].hpa, shadow + i * PAGE_SIZE, PAGE_SIZE),
				      "a failed gmem_write(%#lx, %lu) changed guest page %lu", (unsigned long)gpa,
				      (unsigned long)len, (unsigned long)i);
	}
	after_call(&vcpu[v], RUN_CONTINUE);
}

static void op_dma(const struct rec *r)
{
	uint64_t gpa = dec_gpa(r->vb >> 2, r->a, r->b), len = dec_len(r->vb >> 5, r->c);
	uint8_t *p = gmem_dma(&vm, gpa, len);
	uint8_t *want = NULL;
	if (in_ram(gpa, len ? len : 1) && pg[gidx(gpa)].st == P_MAPPED) {
		want = (uint8_t *)(uintptr_t)pg[gidx(gpa)].hpa + (gpa & (PAGE_SIZE - 1));
		for (uint64_t i = gidx(gpa) + 1; len && i <= gidx(gpa + len - 1); i++)
			if (pg[i].st != P_MAPPED || pg[i].hpa != pg[gidx(gpa)].hpa + (i - gidx(gpa)) * PAGE_SIZE)
				want = NULL;
	}
	T("dma %#lx+%lu -> %p (model %p)\n", (unsigned long)gpa, (unsigned long)len, (void *)p, (void *)want);
	CHECK(p == want, "gmem_dma(%#lx, %lu) = %p, model says %p", (unsigned long)gpa, (unsigned long)len,
	      (void *)p, (void *)want);
	if (!p)
		return;
	CHECK(!memcmp(p, sh(gpa), len), "DMA from %#lx+%lu does not read what the guest wrote", (unsigned long)gpa,
	      (unsigned long)len); /* the device reads what the guest wrote */
	for (uint32_t d = 0; d < NDMA; d++)
		if (!dma[d].live && (r->op & 0x40)) { /* and writes later, unless quiesced first */
			dma[d].live = true;
			dma[d].p = p;
			dma[d].gpa = gpa;
			dma[d].len = len;
			dma[d].seed = (uint8_t)r->b;
			break;
		}
}

/* Byte `off` of a held pin, and a size that fits the pin and does not cross its page. */
static const struct gmem_pin *pin_obj(const struct rec *r, uint64_t *off, uint32_t *sz)
{
	uint32_t s = r->a % NSLOTS;
	if (!slot[s].held || (int)s == busy_slot)
		return NULL;
	const struct gmem_pin *p = &slot[s];
	*sz = 1u << (r->c & 3);
	*off = (r->b % p->len) & ~(uint64_t)(*sz - 1);
	while (*sz > 1 && (*off + *sz > p->len || ((p->gpa + *off) & (PAGE_SIZE - 1)) + *sz > PAGE_SIZE))
		*sz >>= 1;
	uint64_t a = p->gpa + *off, i = gidx(a);
	CHECK(pg[i].st == P_MAPPED, "pinned page %#lx is not mapped", (unsigned long)a);
	uint8_t *h = gmem_at(p, *off);
	CHECK((uintptr_t)h == pg[i].hpa + (a & (PAGE_SIZE - 1)), "gmem_at(pin %#lx+%lu, %lu) = %p, the page is at %#lx",
	      (unsigned long)p->gpa, (unsigned long)p->len, (unsigned long)*off, (void *)h, (unsigned long)pg[i].hpa);
	return p;
}

static void op_pin_access(const struct rec *r, bool write)
{
	uint64_t off;
	uint32_t sz;
	const struct gmem_pin *p = pin_obj(r, &off, &sz);
	if (!p)
		return;
	uint8_t *h = gmem_at(p, off);
	T("pin%s %#lx+%lu: %u bytes at +%lu\n", write ? "write" : "read", (unsigned long)p->gpa,
	  (unsigned long)p->len, sz, (unsigned long)off);
	if (write) {
		uint64_t val = (uint64_t)r->c * 0x9e3779b97f4a7c15ull;
		memcpy(h, &val, sz);
		model_bytes_written(p->gpa + off, h, sz);
	} else {
		CHECK(!memcmp(h, sh(p->gpa + off), sz), "a read through the pin at %#lx differs from what was written",
		      (unsigned long)(p->gpa + off));
	}
}

/* The guest itself touches memory through its hart's TLB, filled from the G-stage. */
static void op_guest(const struct rec *r, uint32_t v)
{
	uint32_t h = hidx(&vcpu[v]), sz = 1u << (r->c & 3);
	uint64_t gpa = ALIGN_DOWN(dec_gpa(r->vb >> 2, r->a, r->b), sz), gp = ALIGN_DOWN(gpa, PAGE_SIZE), hpa = 0;
	bool write = r->c & 4, hit = false;
	for (uint32_t e = 0; e < TLB_N; e++)
		if (tlb[h][e].valid && tlb[h][e].gpage == gp) {
			hpa = tlb[h][e].hpa;
			hit = true;
		}
	if (!hit) {
		bool mapped = gstage_translate(&vm.gs, gp, &hpa, NULL);
		bool want = in_ram(gp, PAGE_SIZE) && pg[gidx(gp)].st == P_MAPPED;
		CHECK(mapped == want && (!mapped || hpa == pg[gidx(gp)].hpa),
		      "the G-stage %s guest page %#lx (host %#lx), the model has it %s", mapped ? "maps" : "does not map",
		      (unsigned long)gp, (unsigned long)hpa, want ? "mapped" : "unmapped");
		if (!mapped) {
			T("guest v%u %#lx: fault\n", v, (unsigned long)gpa);
			return; /* the VM would be stopped with a fault report; the fuzzer goes on */
		}
		tlb[h][tlb_next[h]].gpage = gp;
		tlb[h][tlb_next[h]].hpa = hpa;
		tlb[h][tlb_next[h]].valid = true;
		tlb_next[h] = (tlb_next[h] + 1) % TLB_N;
	}
	CHECK(in_arena(hpa) && out[apage(hpa)] && rev[apage(hpa)] == gidx(gp) + 1,
	      "the guest on hart %u reaches host page %#lx for guest %#lx: not its page any more", h,
	      (unsigned long)hpa, (unsigned long)gp);
	uint8_t *p = (uint8_t *)(uintptr_t)hpa + (gpa & (PAGE_SIZE - 1));
	T("guest v%u %s %#lx (%u bytes)%s\n", v, write ? "writes" : "reads", (unsigned long)gpa, sz, hit ? " tlb" : "");
	if (write) {
		uint64_t val = (uint64_t)r->b * 0x2545f4914f6cdd1dull + r->a;
		memcpy(p, &val, sz);
		model_bytes_written(gpa, p, sz);
	} else if (pg[gidx(gp)].st == P_MAPPED) {
		CHECK(!memcmp(p, sh(gpa), sz), "the guest reads at %#lx something else than was written", (unsigned long)gpa);
	}
}

static void predict_info(void)
{
	uint64_t a0 = X.gpa;
	if (a0 == UINT64_MAX)
		X.err = SBI_SUCCESS;
	else if (!IS_ALIGNED(a0, RVPV_VCPU_INFO_SIZE) || !m_usable(a0, RVPV_VCPU_INFO_SIZE) ||
		 pins_held() >= GMEM_MAX_PINS)
		X.err = SBI_ERR_INVALID_ADDRESS;
	else
		X.err = SBI_SUCCESS;
}

static void op_info(const struct rec *r, uint32_t v)
{
	struct hc_call c = { .v = &vcpu[v] };
	uint64_t a0 = (r->c & 7) == 7 ? UINT64_MAX : dec_gpa(r->vb >> 2, r->a, r->b);
	if (r->c & 8)
		a0 = ALIGN_DOWN(a0, RVPV_VCPU_INFO_SIZE);
	X.gpa = c.a[0] = a0;
	begin(predict_info);
	hc_MEM_REGISTER_VCPU_INFO(&c);
	settle_predict();
	T("vcpu info v%u %#lx -> %ld (model %ld)\n", v, (unsigned long)a0, (long)c.error, (long)X.err);
	CHECK(c.error == X.err, "REGISTER_VCPU_INFO(%#lx) = %ld, model says %ld", (unsigned long)a0, (long)c.error, (long)X.err);
	if (c.error == SBI_SUCCESS)
		m_info[v] = a0 == UINT64_MAX ? 0 : a0;
	struct vcpu *vc = &vcpu[v];
	CHECK(vc->info_gpa == m_info[v] && !vc->info_pins[vc->info_cur ^ 1].held &&
	      vc->info_pins[vc->info_cur].held == (m_info[v] != 0), "vCPU info pins do not match what was registered");
	if (m_info[v])
		check_pin_struct(&vc->info_pins[vc->info_cur], m_info[v], RVPV_VCPU_INFO_SIZE);
	after_call(vc, RUN_CONTINUE);
}

static void op_hog(const struct rec *r)
{
	harness_alloc = true;
	if (r->a & 1) { /* give back */
		for (uint64_t n = MIN(r->c, nhog); n; n--)
			palloc_free(hog[--nhog], 1);
	} else {
		for (uint64_t n = r->c % 2048 + 1; n && nhog < ARENA_PAGES; n--) {
			void *p = palloc_alloc(1);
			if (!p)
				break;
			hog[nhog++] = p;
		}
	}
	harness_alloc = false;
	T("hog: %lu pages held by others, %lu free\n", (unsigned long)nhog, (unsigned long)palloc_free_pages());
}

static void op_usable(const struct rec *r)
{
	uint64_t gpa = dec_gpa(r->vb >> 2, r->a, r->b), len = dec_len(r->vb >> 5, r->c);
	CHECK(gmem_in_ram(&vm, gpa, len) == in_ram(gpa, len), "gmem_in_ram(%#lx, %lu) wrong", (unsigned long)gpa, (unsigned long)len);
	CHECK(gmem_usable(&vm, gpa, len) == m_usable(gpa, len), "gmem_usable(%#lx, %lu) = %d, model says %d",
	      (unsigned long)gpa, (unsigned long)len, gmem_usable(&vm, gpa, len), m_usable(gpa, len));
}

/* (op & 0x3f) % 22: 0-1 pin, 2 unpin, 3-4 BALLOON_RELEASE, 5 BALLOON_RECLAIM, 6 gmem_read,
 * 7 gmem_write, 8 gmem_dma (op bit 6: the transfer stays in flight), 9/10 write/read through a
 * pin (gmem_at), 11-12 guest access, 13 exit, 14 the vCPU leaves its hart, 15 it comes back,
 * 16 REGISTER_VCPU_INFO, 17 a DMA completes, 18 palloc pages taken by others / given back,
 * 19 a TLB entry dropped, 20 gmem_usable / gmem_in_ram, 21 the vCPU halts in place (wfi with
 * nothing else to run; remote flushes do not wait for it) or wakes. make_gmem_corpus.py
 * writes these. */
static void do_op(const struct rec *r)
{
	uint32_t v = (r->vb & 3) % nv, k = (r->op & 0x3f) % 22;
	if (in_nested && v == busy_vcpu)
		v = (v + 1) % nv;
	bool needs_vcpu = k <= 8 || k == 11 || k == 12 || k == 13 || k == 14 || k == 16;
	if (needs_vcpu && (!running(v) || (in_nested && v == busy_vcpu)))
		return; /* that vCPU is not in the hypervisor or guest right now */
	if (!in_nested)
		busy_vcpu = v;
	int saved_slot = busy_slot;
	cur_hart = (int)hidx(&vcpu[v]);
	switch (k) {
	case 0: case 1: op_pin(r, v); break;
	case 2: op_unpin(r, v); break;
	case 3: case 4: op_release(r, v); break;
	case 5: op_reclaim(r, v); break;
	case 6: op_copy(r, v, false); break;
	case 7: op_copy(r, v, true); break;
	case 8: op_dma(r); break;
	case 9: op_pin_access(r, true); break;
	case 10: op_pin_access(r, false); break;
	case 11: case 12: op_guest(r, v); break;
	case 13: /* an exit with nothing to do: the top of the loop */
		T("exit v%u\n", v);
		begin(predict_none);
		run_loop_top(&vcpu[v]);
		settle_predict();
		break;
	case 14: /* off the hart (preempted, or wfi) */
		T("v%u leaves its hart\n", v);
		cpu_flush_done(&vcpu[v]);
		vcpu[v].state = VCPU_RUNNABLE;
		break;
	case 15: { /* back on its hart: load(), the info area, then the loop */
		struct vcpu *w = &vcpu[v];
		uint32_t h = hidx(w);
		if (w->state != VCPU_RUNNABLE || (in_nested && v == busy_vcpu))
			break;
		bool busy = false;
		for (uint32_t i = 0; i < nv; i++)
			busy |= vcpu[i].state == VCPU_RUNNING && hidx(&vcpu[i]) == h;
		if (busy)
			break; /* its hart runs another vCPU */
		T("v%u enters its hart\n", v);
		w->state = VCPU_RUNNING;
		w->fence_blocked = false;
		if (gen_seen[h] != vm.gs_gen) {
			gen_seen[h] = vm.gs_gen;
			tlb_flush(h);
		}
		vcpu_account_info(w);
		begin(predict_none);
		run_loop_top(w);
		settle_predict();
		break;
	}
	case 16: op_info(r, v); break;
	case 17: dma_complete(r->a % NDMA); break;
	case 18: op_hog(r); break;
	case 19: { /* the hardware may drop TLB entries at any time */
		uint32_t h = r->a % nh;
		tlb[h][r->b % TLB_N].valid = false;
		break;
	}
	case 20: op_usable(r); break;
	default: /* halt_in_place (exit.c): wait with the vCPU loaded; woken, back to the loop */
		if (vcpu[v].state != VCPU_RUNNING || (in_nested && v == busy_vcpu))
			break;
		if (!vcpu[v].halted) {
			T("v%u halts in place\n", v);
			vcpu[v].halted = 1;
		} else {
			T("v%u wakes in place\n", v);
			vcpu[v].halted = 0;
			begin(predict_none);
			run_loop_top(&vcpu[v]);
			settle_predict();
		}
		break;
	}
	busy_slot = saved_slot;
	settle_logs();
}

/* ---- after every operation ---- */
static uint32_t stamp[ARENA_PAGES], stamp_now;

static void check_world(void)
{
	CHECK(!vm.lock.locked, "vm->lock left held");
	CHECK(!vm.remapped == !m_remapped, "remapped is %u, model says %d", vm.remapped, m_remapped);
	uint64_t released = 0;
	stamp_now++;
	for (uint64_t i = 0; i < npages; i++) {
		uint64_t gpa = vm.ram_gpa + i * PAGE_SIZE, hpa = 0;
		bool mapped = gstage_translate(&vm.gs, gpa, &hpa, NULL);
		CHECK(mapped == (pg[i].st == P_MAPPED), "guest page %#lx is %s in the G-stage, the model has it %s",
		      (unsigned long)gpa, mapped ? "mapped" : "unmapped", pg[i].st == P_MAPPED ? "mapped" : "released");
		if (pg[i].st == P_FREED) {
			released++;
			continue;
		}
		released += pg[i].st == P_STALE;
		if (mapped)
			CHECK(hpa == pg[i].hpa, "guest page %#lx maps host %#lx, the model %#lx", (unsigned long)gpa,
			      (unsigned long)hpa, (unsigned long)pg[i].hpa);
		uint64_t a = apage(pg[i].hpa);
		CHECK(out[a], "guest page %#lx is backed by host page %#lx, which is free", (unsigned long)gpa,
		      (unsigned long)pg[i].hpa);
		CHECK(stamp[a] != stamp_now, "host page %#lx backs two guest pages", (unsigned long)pg[i].hpa);
		stamp[a] = stamp_now;
	}
	CHECK(vm.released_pages == released, "released_pages %lu, model %lu", (unsigned long)vm.released_pages,
	      (unsigned long)released);
	CHECK(vm.gs.table_pages == tables, "G-stage has %lu table pages, %lu were handed out for it",
	      (unsigned long)vm.gs.table_pages, (unsigned long)tables);
	/* vm->pins[] is exactly the held pins, each pointing at the mapped pages */
	uint32_t n = 0;
	for (uint32_t i = 0; i < GMEM_MAX_PINS; i++)
		if (vm.pins[i]) {
			n++;
			CHECK(vm.pins[i]->held, "vm->pins[%u] is not held", i);
			check_pin_struct(vm.pins[i], vm.pins[i]->gpa, vm.pins[i]->len);
		}
	CHECK(n == pins_held(), "vm->pins has %u entries, %u pins are held", n, pins_held());
	for (uint32_t s = 0; s < NSLOTS; s++) {
		CHECK(slot[s].held == ms[s].held, "pin slot %u held %u, model %d", s, slot[s].held, ms[s].held);
		if (ms[s].held)
			check_pin_struct(&slot[s], ms[s].gpa, ms[s].len);
	}
	bool pending = false;
	for (uint32_t v = 0; v < nv; v++) {
		pending |= vcpu[v].balloon_npages != 0;
		if (vcpu[v].state == VCPU_RUNNING)
			CHECK(!vcpu[v].flush_wait && !vcpu[v].balloon_npages, "vCPU %u runs with a release pending", v);
		if (vcpu[v].state == VCPU_BLOCKED)
			CHECK(vcpu[v].flush_wait, "vCPU %u blocked with nothing to wait for", v);
	}
	if (!pending)
		for (uint64_t i = 0; i < npages; i++)
			CHECK(pg[i].st != P_STALE, "guest page %lu released, not freed, and no finish pending",
			      (unsigned long)i);
}

/* ---- one input ---- */
static const uint32_t ram_pages[8] = { 16, 16, 33, 64, 128, 256, 512, 1024 };

static void setup(uint8_t h0, uint8_t h1)
{
	static const uint64_t offs[4] = { 0, 0x1000, 0x200000, 0x7000 };
	if (!arena) {
		arena = aligned_alloc(0x200000, ARENA_SIZE);
		CHECK(arena, "no arena");
	}
	ASAN_UNPOISON_MEMORY_REGION(arena, ARENA_SIZE);
	memset(out, 0, sizeof(out));
	memset(rev, 0, sizeof(rev));
	palloc_init((uintptr_t)arena, ARENA_SIZE, false);
	for (uint64_t i = 0; i < ARENA_PAGES; i++) /* the bitmap's own page(s) */
		out[i] = i < ARENA_PAGES - palloc_free_pages();
	pool_start = palloc_free_pages();
	nalloc_log = nfree_log = nhog = 0;
	memset(&vm, 0, sizeof(vm));
	memset(vcpu, 0, sizeof(vcpu));
	memset(hart, 0, sizeof(hart));
	memset(slot, 0, sizeof(slot));
	memset(ms, 0, sizeof(ms));
	memset(m_info, 0, sizeof(m_info));
	memset(tlb, 0, sizeof(tlb));
	memset(tlb_next, 0, sizeof(tlb_next));
	memset(dma, 0, sizeof(dma));
	m_remapped = false;
	memset(m_split, 0, sizeof(m_split));
	armed = NULL;
	predict_fn = NULL;
	in_nested = false;
	busy_slot = -1;

	npages = ram_pages[h0 & 7];
	nv = ((h0 >> 3) & 3) % 3 + 1;
	bool shared = (h0 >> 5) & 1;
	vm.ram_gpa = GUEST_RAM_BASE + offs[(h0 >> 6) & 3];
	vm.ram_size = npages * PAGE_SIZE;
	vm.vmid = 1;
	vm.state = VM_RUNNING;
	vm.nvcpus = nv;
	vm.gs_gen = vm_next_gen();
	/* h1 bit 7: pages below the VM's RAM are taken while it is created and given back after,
	 * so that a reclaim's fresh page is not simply the freed one again (first fit) */
	void *pad = h1 & 0x80 ? palloc_alloc(64) : NULL;
	/* as vm_create: RAM in one block, 2 MiB aligned when its size allows large leaves */
	vm.ram = palloc_alloc_aligned(npages, IS_ALIGNED(vm.ram_size, 0x200000) ? 0x200000 : PAGE_SIZE);
	CHECK(vm.ram && gstage_init(&vm.gs) == 0 &&
	      gstage_map(&vm.gs, vm.ram_gpa, (uintptr_t)vm.ram, vm.ram_size, GSTAGE_RWX) == 0, "VM setup failed");
	palloc_free(pad, 64);
	tables = vm.gs.table_pages;
	hot = (h1 % (npages / 4)) * 4;
	m_large = IS_ALIGNED(vm.ram_gpa | (uintptr_t)vm.ram | vm.ram_size, 0x200000);
	/* the pattern a guest image leaves, so that zeroing is visible */
	for (uint64_t i = 0; i < npages; i++) {
		memcpy(vm.ram + i * PAGE_SIZE, pat + ((i * 13 + h1) & 0xff), PAGE_SIZE);
		memcpy(shadow + i * PAGE_SIZE, vm.ram + i * PAGE_SIZE, PAGE_SIZE);
	}
	for (uint64_t i = 0; i < npages; i++) {
		pg[i].st = P_MAPPED;
		pg[i].hpa = (uintptr_t)vm.ram + i * PAGE_SIZE;
		rev[apage(pg[i].hpa)] = (uint16_t)(i + 1);
	}
	nh = shared && nv > 1 ? nv - 1 : nv;
	for (uint32_t i = 0; i < nv; i++) {
		vcpu[i].vm = &vm;
		vcpu[i].id = i;
		vcpu[i].hart = &hart[shared && i > 0 ? i - 1 : i];
		vcpu[i].state = shared && i == 1 ? VCPU_RUNNABLE : VCPU_RUNNING; /* one per hart */
		vm.vcpus[i] = &vcpu[i];
	}
	for (uint32_t i = 0; i < nh; i++) {
		hart[i].idx = i;
		gen_seen[i] = vm.gs_gen;
	}
	vm_live = true;
}

static void teardown(void)
{
	for (uint32_t d = 0; d < NDMA; d++) /* disk_vm_gone: the device is done with guest buffers */
		dma_complete(d);
	settle_logs();
	for (uint64_t i = 0; i < npages; i++)
		if (pg[i].st == P_MAPPED)
			CHECK(!memcmp((void *)(uintptr_t)pg[i].hpa, shadow + i * PAGE_SIZE, PAGE_SIZE),
			      "guest page %lu does not hold what was written to it", (unsigned long)i);
	vm_live = false;
	/* as vm_destroy */
	if (vm.remapped) {
		balloon_free_ram(&vm);
	} else {
		memset(vm.ram, 0, vm.ram_size);
		palloc_free(vm.ram, npages);
	}
	gstage_destroy(&vm.gs);
	harness_alloc = true;
	while (nhog)
		palloc_free(hog[--nhog], 1);
	harness_alloc = false;
	CHECK(palloc_free_pages() == pool_start, "palloc has %lu free pages after the VM is gone, %lu before",
	      (unsigned long)palloc_free_pages(), (unsigned long)pool_start);
	for (uint64_t i = ARENA_PAGES - pool_start; i < ARENA_PAGES; i++)
		CHECK(!out[i], "host page %#lx still out after the VM is gone", (unsigned long)((uintptr_t)arena + i * PAGE_SIZE));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	trace = getenv("FUZZ_GMEM_TRACE") != NULL;
	for (size_t i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t)(i * 131 + (i >> 8) + 1);
	memset(ee_page, 0xee, sizeof(ee_page));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	setup(data[0], data[1]);
	T("== %lu pages at %#lx, %u vCPUs on %u harts\n", (unsigned long)npages, (unsigned long)vm.ram_gpa, nv, nh);
	struct rec recs[MAX_OPS];
	size_t n = MIN((size - 2) / 8, MAX_OPS);
	for (size_t i = 0; i < n; i++) {
		const uint8_t *p = data + 2 + 8 * i;
		recs[i] = (struct rec){ p[0], p[1], (uint16_t)(p[2] | p[3] << 8), (uint16_t)(p[4] | p[5] << 8),
					(uint16_t)(p[6] | p[7] << 8) };
	}
	for (size_t i = 0; i < n; i++) {
		if ((recs[i].op & 0x80) && i + 1 < n)
			armed = &recs[i + 1];
		do_op(&recs[i]);
		if (armed) { /* the operation took no lock: the other vCPU's runs after it */
			const struct rec *r = armed;
			armed = NULL;
			do_op(r);
		}
		if (recs[i].op & 0x80)
			i++;
		check_world();
	}
	teardown();
	return 0;
}

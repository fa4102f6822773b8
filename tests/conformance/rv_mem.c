/* rvpv MEM cases: the memory map against the device tree, the per-vCPU info area, balloon
 * release/reclaim with their address and ownership rules, the host's balloon target and its
 * event source, and remote VS-stage fences. */
#include "conf.h"

static int inside(uint64_t a, uint64_t len, uint64_t base, uint64_t size)
{
	return a >= base && len <= size && a - base <= size - len;
}

void conf_MEM_GET_MAP(void)
{
	struct rvpv_mem_region *m = (void *)scratch[0];
	uint64_t total, nram = 0, bad = 0, dtb_in_reserved = 0, rb = 0, rs = 0;
	struct rvpv_sbiret r;

	r = rvpv_mem_get_map(0x10000000ull, 0);
	tap_ok(r.error == 0 && r.value >= 1, "count-only", "error %ld value %ld", r.error, r.value);
	total = (uint64_t)r.value;
	for (unsigned i = 0; i < 4096; i++)
		scratch[0][i] = 0xab;
	r = rvpv_mem_get_map(GPA(m), 4096 / RVPV_MEM_REGION_SIZE);
	tap_expect_val(r, 0, (int64_t)total, "full");
	for (uint64_t i = 0; i < total && i < 4096 / RVPV_MEM_REGION_SIZE; i++) {
		if (m[i].type == RVPV_MEM_RAM) {
			nram++;
			rb = m[i].base;
			rs = m[i].size;
		}
		if (m[i].flags || m[i].reserved ||
		    (m[i].type != RVPV_MEM_RAM && m[i].type != RVPV_MEM_RESERVED))
			bad++;
	}
	tap_ok(nram == 1 && rb == 0x80000000ull, "one-ram-region-at-0x80000000", "%lu RAM, base %lx",
	       nram, rb);
	tap_ok(bad == 0, "flags-reserved-zero-types-known", "%lu bad entries", bad);
	for (uint64_t i = 0; i < total && i < 4096 / RVPV_MEM_REGION_SIZE; i++) {
		if (m[i].type != RVPV_MEM_RESERVED)
			continue;
		if (!inside(m[i].base, m[i].size, rb, rs))
			bad++;
		if (inside(env.boot_a1, 1, m[i].base, m[i].size))
			dtb_in_reserved = 1;
	}
	tap_ok(bad == 0, "reserved-inside-ram", "");
	tap_ok(dtb_in_reserved, "device-tree-is-reserved", "a1 %lx", env.boot_a1);
	{
		uint64_t db = 0, ds = 0;
		int ok = fdt_memory(env.boot_a1, &db, &ds) == 0;
		tap_ok(ok && db == rb && ds == rs, "matches-device-tree",
		       "dtb %lx+%lx map %lx+%lx", db, ds, rb, rs);
	}
	scratch[0][RVPV_MEM_REGION_SIZE] = 0xab;
	r = rvpv_mem_get_map(GPA(m), 1);
	tap_ok(r.error == 0 && (uint64_t)r.value == total && scratch[0][RVPV_MEM_REGION_SIZE] == 0xab,
	       "writes-at-most-max", "error %ld value %ld", r.error, r.value);
	tap_expect(rvpv_mem_get_map(GPA(m) + 4, 1), SBI_ERR_INVALID_ADDRESS, "misaligned");
	tap_expect(rvpv_mem_get_map(0, 1), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_mem_get_map(0x10000000ull, 1), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_mem_get_map(env.ram_end, 1), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_mem_get_map(env.ram_end - 16, 1), SBI_ERR_INVALID_ADDRESS,
		   "straddles-ram-end");
	r = rvpv_mem_get_map(GPA(m), 1ull << 59);
	tap_expect_val(r, 0, (int64_t)total, "huge-max-checks-only-written-bytes");
	tap_expect(rvpv_mem_get_map(env.ram_end - RVPV_MEM_REGION_SIZE * (total - 1) - 8, 1ull << 59),
		   SBI_ERR_INVALID_ADDRESS, "written-bytes-past-ram");
}

void conf_MEM_REGISTER_VCPU_INFO(void)
{
	volatile struct rvpv_vcpu_info *vi = (void *)scratch[2], *v2 = vi + 1;

	vi->vcpu_id = 0xdead;
	vi->seq = 1;
	tap_expect_val(rvpv_mem_register_vcpu_info(GPA(vi)), 0, 0, "valid");
	tap_ok(vi->vcpu_id == env.self && !(vi->seq & 1), "filled-at-registration",
	       "vcpu_id %x seq %u", vi->vcpu_id, vi->seq);
	rvpv_cpu_yield();
	tap_ok(!(vi->seq & 1) && vi->vcpu_id == env.self, "consistent-after-yield", "seq %u",
	       vi->seq);
	if (env.features & RVPV_FEAT_STEAL_TIME) {
		/* Sleep 2 ms (BLOCK on the timer): the vCPU is scheduled in again afterwards. */
		uint64_t run0 = vi->run_ticks, seq0 = vi->seq;
		sie_set(SIP_STIP);
		rvpv_cpu_set_timer(rd_time() + 2 * CONF_TICKS_MS);
		wait_sip(SIP_STIP);
		rvpv_cpu_set_timer(UINT64_MAX);
		rvpv_cpu_yield();
		tap_ok(vi->seq != seq0 && !(vi->seq & 1) && vi->run_ticks >= run0,
		       "updated-when-scheduled-in", "seq %u -> %u, run %lu -> %lu", (unsigned)seq0,
		       vi->seq, run0, vi->run_ticks);
		tap_ok(vi->run_ticks > 0, "run-ticks-counted", "run_ticks %lu", vi->run_ticks);
	}
	tap_expect(rvpv_mem_register_vcpu_info(GPA(vi) + 32), SBI_ERR_INVALID_ADDRESS,
		   "misaligned");
	tap_expect(rvpv_mem_register_vcpu_info(0), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_mem_register_vcpu_info(0x10000000ull), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_mem_register_vcpu_info(env.ram_end), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_mem_register_vcpu_info(UINT64_MAX - 63), SBI_ERR_INVALID_ADDRESS,
		   "end-of-address-space");
	v2->vcpu_id = 0xdead;
	tap_expect(rvpv_mem_register_vcpu_info(GPA(v2)), 0, "move");
	tap_ok(v2->vcpu_id == env.self, "moved-area-filled", "vcpu_id %x", v2->vcpu_id);
	tap_expect(rvpv_mem_register_vcpu_info(UINT64_MAX), 0, "unregister");
	v2->vcpu_id = 0xdead;
	rvpv_cpu_yield();
	tap_ok(v2->vcpu_id == 0xdead, "unregistered-not-written", "vcpu_id %x", v2->vcpu_id);
}

void conf_MEM_BALLOON_RELEASE(void)
{
	uint64_t p = GPA(scratch[3]);
	struct rvpv_sbiret r;

	if (!(env.features & RVPV_FEAT_BALLOON)) {
		tap_expect(rvpv_mem_balloon_release(p, 1), SBI_ERR_NOT_SUPPORTED,
			   "without-feature-not-supported");
		return;
	}
	scratch[3][0] = 0x11;
	scratch[4][4095] = 0x22;
	__asm__ volatile("fence rw, rw" ::: "memory");
	tap_expect(rvpv_mem_balloon_release(p + 8, 1), SBI_ERR_INVALID_ADDRESS, "misaligned");
	tap_expect(rvpv_mem_balloon_release(0, 1), SBI_ERR_INVALID_ADDRESS, "address-0");
	tap_expect(rvpv_mem_balloon_release(0x10000000ull, 1), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_mem_balloon_release(env.ram_end, 1), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_mem_balloon_release(env.ram_end - 4096, 2), SBI_ERR_INVALID_ADDRESS,
		   "straddles-ram-end");
	tap_expect(rvpv_mem_balloon_release(p, 1ull << 52), SBI_ERR_INVALID_ADDRESS,
		   "length-overflows");
	tap_expect(rvpv_mem_balloon_release(GPA(scratch[1]), 1), SBI_ERR_DENIED, "event-page");
	rvpv_mem_register_vcpu_info(GPA(scratch[2]));
	tap_expect(rvpv_mem_balloon_release(GPA(scratch[1]), 2), SBI_ERR_DENIED,
		   "range-with-event-page-and-vcpu-info");
	tap_expect(rvpv_mem_balloon_release(GPA(scratch[2]), 1), SBI_ERR_DENIED, "vcpu-info");
	rvpv_mem_register_vcpu_info(UINT64_MAX);
	tap_expect_val(rvpv_mem_balloon_release(p, 0), 0, 0, "zero-pages");
	r = rvpv_mem_balloon_release(p, 2);
	tap_expect_val(r, 0, 2, "two-pages");
	tap_expect_val(rvpv_mem_balloon_release(p, 2), 0, 0, "already-released-counts-0");
}

void conf_MEM_BALLOON_RECLAIM(void)
{
	uint64_t p = GPA(scratch[3]);

	if (!(env.features & RVPV_FEAT_BALLOON)) {
		tap_expect(rvpv_mem_balloon_reclaim(p, 1), SBI_ERR_NOT_SUPPORTED,
			   "without-feature-not-supported");
		return;
	}
	tap_expect(rvpv_mem_balloon_reclaim(p + 8, 1), SBI_ERR_INVALID_ADDRESS, "misaligned");
	tap_expect(rvpv_mem_balloon_reclaim(env.ram_end, 1), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rvpv_mem_balloon_reclaim(0x10000000ull, 1), SBI_ERR_INVALID_ADDRESS, "mmio");
	tap_expect(rvpv_mem_balloon_reclaim(p, 1ull << 52), SBI_ERR_INVALID_ADDRESS,
		   "length-overflows");
	tap_expect_val(rvpv_mem_balloon_reclaim(p, 3), 0, 2, "only-released-pages-count");
	tap_ok(scratch[3][0] == 0 && scratch[4][4095] == 0, "reclaimed-pages-zeroed",
	       "bytes %x %x", scratch[3][0], scratch[4][4095]);
	tap_expect_val(rvpv_mem_balloon_reclaim(p, 2), 0, 0, "again-counts-0");
	scratch[3][0] = 0x33;
	tap_ok(scratch[3][0] == 0x33, "reclaimed-page-writable", "");
}

/* Nobody sets a target for the conformance VM, so it reads 0; the monitor's `balloon ID MiB`
 * and the event it raises are exercised end to end by test 48 (Linux's balloon driver). */
void conf_MEM_BALLOON_TARGET(void)
{
	uint64_t minor = (uint64_t)rvpv_core_get_version().value & 0xffff;
	struct rvpv_sbiret r;

	if (minor < 2) {  /* added in 1.2 */
		tap_expect(rvpv_mem_balloon_target(), SBI_ERR_NOT_SUPPORTED, "not-before-1.2");
		return;
	}
	tap_expect_val(rvpv_mem_balloon_target(), 0, 0, "no-target-set-reads-0");
	/* no arguments: whatever the guest leaves in a0-a5 is ignored */
	r = rvpv_ecall(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_TARGET, UINT64_MAX, 0x10000000ull,
		       1ull << 63, 4096, UINT64_MAX, 1);
	tap_expect_val(r, 0, 0, "ignores-argument-registers");
	regs_check(RVPV_EXT_MEM, RVPV_FN_MEM_BALLOON_TARGET, "preserves-registers");
	/* its notification: RVPV_EVSRC_BALLOON, arg 0, one port */
	tap_expect(rvpv_event_bind(20, RVPV_EVSRC_BALLOON, 1, env.self), SBI_ERR_INVALID_PARAM,
		   "source-arg-not-0");
	tap_expect(rvpv_event_bind(20, RVPV_EVSRC_BALLOON, UINT64_MAX, env.self),
		   SBI_ERR_INVALID_PARAM, "source-arg-all-ones");
	tap_expect_val(rvpv_event_bind(20, RVPV_EVSRC_BALLOON, 0, env.self), 0, 0, "source-binds");
	tap_expect(rvpv_event_bind(21, RVPV_EVSRC_BALLOON, 0, env.self), SBI_ERR_ALREADY_AVAILABLE,
		   "source-on-one-port");
	tap_expect(rvpv_event_unbind(20), 0, "source-unbinds");
	tap_expect(rvpv_event_bind(21, RVPV_EVSRC_BALLOON, 0, env.self), 0, "source-free-again");
	rvpv_event_unbind(21);
}

static struct rvpv_sbiret rv_flush(uint64_t va, uint64_t size)
{
	return rvpv_mem_remote_sfence(1ull << env.self, 0, va, size, UINT64_MAX);
}

static struct rvpv_sbiret rv_flush_all(uint64_t va, uint64_t size)
{
	return rvpv_mem_remote_sfence(0, UINT64_MAX, 0, 0, UINT64_MAX);
}

static struct rvpv_sbiret rv_flush_other(uint64_t vcpu, uint64_t va, uint64_t size)
{
	return rvpv_mem_remote_sfence(1, vcpu, va, size, UINT64_MAX);
}

/* the whole address space, every vCPU but by base = -1 (the caller included) */
static struct rvpv_sbiret rv_flush_other_all(uint64_t vcpu, uint64_t va, uint64_t size)
{
	return rvpv_mem_remote_sfence(0, UINT64_MAX, 0, 0, UINT64_MAX);
}

/* vCPU 1 stops itself as soon as it is started while this vCPU fences it, round after round.
 * A fence that found vCPU 1 running just before it stopped must not wait for a flush that a
 * stopped vCPU never makes (the waiter registered after the target's last flush-done: the
 * whole VM then slept for good, as nobody else starts vCPU 1 again). */
#define STOPPING_ROUNDS 3000
static void fences_at_stopping_vcpu_case(const char *name)
{
	uint64_t fences = 0, errors = 0, rounds = 0;
	int64_t status = RVPV_VCPU_STOPPED;

	if (env.ncpus < 2) {
		tap_skip(name, "needs 2 vCPUs");
		return;
	}
	for (; rounds < STOPPING_ROUNDS && status == RVPV_VCPU_STOPPED; rounds++) {
		uint64_t end = rd_time() + CONF_WAIT_TICKS; /* for one round: a bound, not a speed */
		struct smp_ctx *c = smp_prepare(1, 1);
		c->release = 1; /* report and stop at once */
		__asm__ volatile("fence rw, rw" ::: "memory");
		if (rvpv_cpu_vcpu_start(1, GPA(smp_entry), GPA(c)).error)
			break;
		do {
			for (int k = 0; k < 4; k++, fences++)
				errors += rvpv_mem_remote_sfence(2, 0, 0, 0, UINT64_MAX).error != 0;
			status = rvpv_cpu_vcpu_status(1).value;
		} while (status != RVPV_VCPU_STOPPED && rd_time() < end);
	}
	tap_ok(rounds == STOPPING_ROUNDS && status == RVPV_VCPU_STOPPED && !errors, name,
	       "%lu rounds, %lu fences, %lu errors", rounds, fences, errors);
}

void conf_MEM_REMOTE_SFENCE(void)
{
	uint64_t me = 1ull << env.self;

	tap_expect_val(rvpv_mem_remote_sfence(me, 0, 0, 0, UINT64_MAX), 0, 0, "everything");
	tap_expect(rvpv_mem_remote_sfence(1, env.self, 0x1000, 0x1000, 0), 0, "range-asid-0");
	tap_expect(rvpv_mem_remote_sfence(0, UINT64_MAX, 0, UINT64_MAX, UINT64_MAX), 0,
		   "all-vcpus");
	tap_expect(rvpv_mem_remote_sfence(me, 0, UINT64_MAX - 4095, 0, 0), 0,
		   "size-0-ignores-start");
	tap_expect(rvpv_mem_remote_sfence(1, env.ncpus, 0, 0, UINT64_MAX), SBI_ERR_INVALID_PARAM,
		   "base-no-such-vcpu");
	if (env.ncpus < 64)
		tap_expect(rvpv_mem_remote_sfence(me | (1ull << env.ncpus), 0, 0, 0, UINT64_MAX),
			   SBI_ERR_INVALID_PARAM, "mask-bit-no-such-vcpu");
	tap_expect(rvpv_mem_remote_sfence(me, 0, UINT64_MAX - 4095, 8192, UINT64_MAX),
		   SBI_ERR_INVALID_ADDRESS, "range-overflows");
	paging_flush_case(rv_flush, "range-drops-stale-translation");
	paging_flush_case(rv_flush_all, "all-drops-stale-translation");
	paging_remote_flush_case(rv_flush_other, 1, 1, "other-vcpu-sees-new-mapping");
	paging_remote_flush_case(rv_flush_other_all, 1, 1, "other-vcpu-sees-new-mapping-all");
	paging_fence_storm_case(rv_flush_other, 1, 1, "many-fences-at-a-spinning-vcpu");
	fences_at_stopping_vcpu_case("fences-at-a-vcpu-that-stops-itself");
}

/* Standard SBI cases for SSE (supervisor software events, SBI 3.0), run where BASE probes it
 * (OpenSBI 1.1 has no SSE): masking, event ids, attributes and their errors, the state
 * machine, delivery of the software-injected local and global events with the interrupted
 * state saved and restored (sse_entry.S), one-shot, priorities and preemption, and the global
 * event's preferred hart and the local event injected at another hart (2 harts). */
#include "conf.h"

#define LOCAL  SBI_SSE_EVENT_LOCAL_SOFTWARE
#define GLOBAL SBI_SSE_EVENT_GLOBAL_SOFTWARE
#define OTHER  (env.self ? 0u : 1u)

/* What a handler run records; the first two words belong to sse_entry.S. */
struct sse_arg {
	uint64_t stack_top, saved_sp;
	uint32_t event;
	char letter;                   /* traced: upper case on entry, lower case on exit */
	uint64_t inject;               /* an event to inject at this hart from inside the handler */
	uint64_t set_a6, set_sepc;     /* written to INTERRUPTED_A6 / _SEPC when nonzero */
	int check_rw;                  /* try the attribute writes a running event allows/refuses */
	volatile uint64_t runs;
	uint64_t hartid, slot, sstatus, sepc, inject_status;
	int64_t read_err, prio_err, flags_bad_err, flags_all_err, hart_err;
	uint64_t attrs[SBI_SSE_ATTR_COUNT], flags_all;
};

void sse_entry(void);
extern char regs_after_ecall[]; /* regs.S: the instruction after its ecall */
static struct sse_arg args[3];
static uint8_t stacks[3][4096] __attribute__((aligned(16)));
static volatile char trace[16];
static volatile uint32_t ntrace;

static struct rvpv_sbiret sse(uint64_t fid, uint64_t a0, uint64_t a1)
{
	return rvpv_sbi_call2(SBI_EXT_SSE, fid, a0, a1);
}

static struct rvpv_sbiret rd(uint64_t id, uint64_t base, uint64_t n, uint64_t gpa)
{
	return rvpv_sbi_call5(SBI_EXT_SSE, SBI_SSE_READ_ATTRS, id, base, n, gpa, 0);
}

static struct rvpv_sbiret wr(uint64_t id, uint64_t base, uint64_t n, uint64_t gpa)
{
	return rvpv_sbi_call5(SBI_EXT_SSE, SBI_SSE_WRITE_ATTRS, id, base, n, gpa, 0);
}

static uint64_t attr(uint64_t id, uint64_t a)
{
	uint64_t v = 0xdead;
	rd(id, a, 1, GPA(&v));
	return v;
}

static int64_t set_attr(uint64_t id, uint64_t a, uint64_t val)
{
	uint64_t v = val;
	return wr(id, a, 1, GPA(&v)).error;
}

static uint64_t csr_sstatus(void)
{
	uint64_t v;
	__asm__ volatile("csrr %0, sstatus" : "=r"(v));
	return v;
}

void sse_complete_returned(void)
{
	tap_bail("SSE complete returned inside a handler");
}

void sse_handler(struct sse_arg *a, uint64_t hartid)
{
	trace[ntrace++ % 16] = a->letter;
	a->hartid = hartid;
	a->sstatus = csr_sstatus();
	__asm__ volatile("csrr %0, sepc" : "=r"(a->sepc));
	__asm__ volatile("csrr %0, sscratch" : "=r"(a->slot));
	a->read_err = rd(a->event, 0, SBI_SSE_ATTR_COUNT, GPA(a->attrs)).error;
	if (a->check_rw) {
		a->prio_err = set_attr(a->event, SBI_SSE_ATTR_PRIORITY, 0);
		a->hart_err = set_attr(a->event, SBI_SSE_ATTR_PREFERRED_HART, env.self);
		a->flags_bad_err = set_attr(a->event, SBI_SSE_ATTR_INTERRUPTED_FLAGS, 0x40);
		uint64_t old = attr(a->event, SBI_SSE_ATTR_INTERRUPTED_FLAGS);
		a->flags_all_err = set_attr(a->event, SBI_SSE_ATTR_INTERRUPTED_FLAGS, SBI_SSE_IFLAGS_ALL);
		a->flags_all = attr(a->event, SBI_SSE_ATTR_INTERRUPTED_FLAGS);
		set_attr(a->event, SBI_SSE_ATTR_INTERRUPTED_FLAGS, old);
	}
	if (a->set_a6)
		set_attr(a->event, SBI_SSE_ATTR_INTERRUPTED_A6, a->set_a6);
	if (a->set_sepc)
		set_attr(a->event, SBI_SSE_ATTR_INTERRUPTED_SEPC, a->set_sepc);
	if (a->inject) {
		sse(SBI_SSE_INJECT, a->inject, hartid);
		a->inject_status = attr(a->inject, SBI_SSE_ATTR_STATUS);
	}
	a->runs++;
	trace[ntrace++ % 16] = (char)(a->letter + 'a' - 'A');
	__asm__ volatile("fence rw, rw" ::: "memory");
}

static struct sse_arg *arg_for(int i, uint32_t event, char letter)
{
	struct sse_arg *a = &args[i];
	for (volatile uint8_t *b = (volatile uint8_t *)a; b < (volatile uint8_t *)(a + 1); b++)
		*b = 0;
	a->stack_top = GPA(stacks[i] + 4096);
	a->event = event;
	a->letter = letter;
	return a;
}

static int64_t reg(uint32_t event, struct sse_arg *a)
{
	return rvpv_sbi_call3(SBI_EXT_SSE, SBI_SSE_REGISTER, event, GPA(sse_entry), GPA(a)).error;
}

static uint64_t state(uint32_t event)
{
	return attr(event, SBI_SSE_ATTR_STATUS) & 3;
}

static void reset_trace(void)
{
	ntrace = 0;
	for (int i = 0; i < 16; i++)
		trace[i] = 0;
}

static void mask_and_ids(void)
{
	static const uint32_t absent[] = { SBI_SSE_EVENT_LOCAL_HIGH_PRIO_RAS,
		SBI_SSE_EVENT_LOCAL_DOUBLE_TRAP, SBI_SSE_EVENT_GLOBAL_HIGH_PRIO_RAS,
		SBI_SSE_EVENT_LOCAL_PMU_OVERFLOW, SBI_SSE_EVENT_LOCAL_LOW_PRIO_RAS,
		SBI_SSE_EVENT_GLOBAL_LOW_PRIO_RAS };
	static const uint32_t invalid[] = { 0x2, 0x4000, 0xc000, 0x20000, 0xffff0001u, 0xffff4000u,
		0xffff8001u, 0xffffc000u };
	uint64_t v;

	tap_group("sse", "hart_mask");
	tap_expect(sse(SBI_SSE_HART_MASK, 0, 0), SBI_ERR_ALREADY_STOPPED, "masked-at-boot");
	tap_group("sse", "hart_unmask");
	tap_expect_val(sse(SBI_SSE_HART_UNMASK, 0, 0), 0, 0, "unmask");
	tap_expect(sse(SBI_SSE_HART_UNMASK, 0, 0), SBI_ERR_ALREADY_STARTED, "twice");
	tap_group("sse", "hart_mask");
	tap_expect_val(sse(SBI_SSE_HART_MASK, 0, 0), 0, 0, "mask");
	tap_expect(sse(SBI_SSE_HART_MASK, 0, 0), SBI_ERR_ALREADY_STOPPED, "twice");

	tap_group("sse", "event_id");
	int ok = 1;
	for (unsigned i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		for (uint64_t f = SBI_SSE_READ_ATTRS; f <= SBI_SSE_INJECT; f++)
			if (f != SBI_SSE_COMPLETE &&
			    rvpv_sbi_call5(SBI_EXT_SSE, f, absent[i], 0, 1, GPA(&v), 0).error !=
				    SBI_ERR_NOT_SUPPORTED)
				ok = 0;
	tap_ok(ok, "standard-without-source-not-supported", "RAS, double trap or PMU overflow");
	ok = 1;
	for (unsigned i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		for (uint64_t f = SBI_SSE_READ_ATTRS; f <= SBI_SSE_INJECT; f++)
			if (f != SBI_SSE_COMPLETE &&
			    rvpv_sbi_call5(SBI_EXT_SSE, f, invalid[i], 0, 1, GPA(&v), 0).error !=
				    SBI_ERR_INVALID_PARAM)
				ok = 0;
	tap_ok(ok, "reserved-and-platform-invalid-param", "one of 8 ids x 7 functions");
	tap_expect(rd(1ull << 32 | LOCAL, 0, 1, GPA(&v)), 0, "upper-half-ignored");
	tap_group("sse", "unknown");
	tap_expect(sse(10, 0, 0), SBI_ERR_NOT_SUPPORTED, "fid-10");
	tap_group("sse", "complete");
	tap_expect_val(sse(SBI_SSE_COMPLETE, 0, 0), 0, 0, "nothing-running");
}

static void attributes(void)
{
	uint64_t all[SBI_SSE_ATTR_COUNT + 1], one, *mis = (uint64_t *)(scratch[13] + 4);

	tap_group("sse", "read_attrs");
	for (int e = 0; e < 2; e++) {
		uint32_t id = e ? GLOBAL : LOCAL;
		tap_expect(rd(id, 0, SBI_SSE_ATTR_COUNT, GPA(all)), 0, "all");
		int ok = all[0] == SBI_SSE_STATUS_INJECT && (e || all[3] == env.self);
		for (int i = 1; i < SBI_SSE_ATTR_COUNT; i++)
			ok &= i == 3 || all[i] == 0;
		for (int i = 0; i < SBI_SSE_ATTR_COUNT; i++)
			ok &= rd(id, i, 1, GPA(&one)).error == 0 && one == all[i];
		tap_ok(ok, e ? "global-reset-values" : "local-reset-values", "status %lx hart %lx",
		       all[0], all[3]);
	}
	tap_expect(rd(LOCAL, 0, 0, GPA(all)), SBI_ERR_INVALID_PARAM, "count-0");
	tap_expect(rd(LOCAL, SBI_SSE_ATTR_COUNT, 1, GPA(all)), SBI_ERR_BAD_RANGE, "attr-10");
	tap_expect(rd(LOCAL, 9, 2, GPA(all)), SBI_ERR_BAD_RANGE, "past-last");
	tap_expect(rd(LOCAL, 0xffffffffu, 2, GPA(all)), SBI_ERR_BAD_RANGE, "base-plus-count-wraps");
	tap_expect(rd(LOCAL, 0, 1, GPA(mis)), SBI_ERR_INVALID_ADDRESS, "misaligned");
	tap_expect(rvpv_sbi_call5(SBI_EXT_SSE, SBI_SSE_READ_ATTRS, LOCAL, 0, 1, GPA(all), 1),
		   SBI_ERR_INVALID_ADDRESS, "high-half-nonzero");
	tap_expect(rd(LOCAL, 0, 1, env.ram_end), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(rd(LOCAL, 0, 2, env.ram_end - 8), SBI_ERR_INVALID_ADDRESS, "straddles-ram-end");
	tap_expect(rd(LOCAL, 0, 1, 0x10000000ull), SBI_ERR_INVALID_ADDRESS, "mmio");

	tap_group("sse", "write_attrs");
	tap_expect(wr(LOCAL, 0, 0, GPA(all)), SBI_ERR_INVALID_PARAM, "count-0");
	tap_expect(wr(LOCAL, SBI_SSE_ATTR_COUNT, 1, GPA(all)), SBI_ERR_BAD_RANGE, "attr-10");
	tap_ok(set_attr(LOCAL, SBI_SSE_ATTR_STATUS, 0) == SBI_ERR_DENIED &&
	       set_attr(LOCAL, SBI_SSE_ATTR_ENTRY_PC, 0) == SBI_ERR_DENIED &&
	       set_attr(GLOBAL, SBI_SSE_ATTR_ENTRY_ARG, 0) == SBI_ERR_DENIED, "read-only-denied", "");
	tap_expect(wr(LOCAL, SBI_SSE_ATTR_PREFERRED_HART, 1, GPA(&env.self)), SBI_ERR_DENIED,
		   "local-preferred-hart-read-only");
	tap_ok(set_attr(LOCAL, SBI_SSE_ATTR_PRIORITY, 1ull << 32) == SBI_ERR_INVALID_PARAM,
	       "priority-over-32-bits", "");
	tap_ok(set_attr(LOCAL, SBI_SSE_ATTR_CONFIG, 2) == SBI_ERR_INVALID_PARAM, "config-reserved-bit", "");
	tap_ok(set_attr(GLOBAL, SBI_SSE_ATTR_PREFERRED_HART, env.ncpus) == SBI_ERR_INVALID_PARAM,
	       "preferred-hart-invalid", "");
	int ok = 1;
	for (uint64_t a = SBI_SSE_ATTR_INTERRUPTED_SEPC; a <= SBI_SSE_ATTR_INTERRUPTED_A7; a++)
		ok &= set_attr(LOCAL, a, 1) == SBI_ERR_INVALID_STATE;
	tap_ok(ok, "interrupted-state-only-while-running", "");
	tap_ok(set_attr(LOCAL, SBI_SSE_ATTR_INTERRUPTED_FLAGS, 0x40) == SBI_ERR_INVALID_PARAM,
	       "flags-reserved-bit", "");
	all[0] = 7;
	all[1] = 2; /* CONFIG: reserved bit */
	tap_ok(wr(LOCAL, SBI_SSE_ATTR_PRIORITY, 2, GPA(all)).error == SBI_ERR_INVALID_PARAM &&
	       attr(LOCAL, SBI_SSE_ATTR_PRIORITY) == 0, "failed-write-changes-nothing", "");
	tap_expect(wr(LOCAL, SBI_SSE_ATTR_PRIORITY, 1, env.ram_end), SBI_ERR_INVALID_ADDRESS, "past-ram");
	tap_expect(wr(LOCAL, SBI_SSE_ATTR_PRIORITY, 1, GPA(mis)), SBI_ERR_INVALID_ADDRESS, "misaligned");
	all[1] = 1;
	tap_ok(wr(LOCAL, SBI_SSE_ATTR_PRIORITY, 2, GPA(all)).error == 0 &&
	       attr(LOCAL, SBI_SSE_ATTR_PRIORITY) == 7 && attr(LOCAL, SBI_SSE_ATTR_CONFIG) == 1,
	       "priority-and-config", "");
	all[0] = all[1] = 0;
	wr(LOCAL, SBI_SSE_ATTR_PRIORITY, 2, GPA(all));
}

static void states(void)
{
	struct sse_arg *a = arg_for(0, LOCAL, 'L');

	tap_group("sse", "register");
	tap_expect(sse(SBI_SSE_REGISTER, LOCAL, GPA(sse_entry) + 1), SBI_ERR_INVALID_PARAM, "pc-odd");
	tap_expect(rvpv_sbi_call3(SBI_EXT_SSE, SBI_SSE_REGISTER, LOCAL, GPA(sse_entry), GPA(a)), 0, "register");
	tap_ok(state(LOCAL) == SBI_SSE_STATE_REGISTERED && attr(LOCAL, SBI_SSE_ATTR_ENTRY_PC) ==
	       GPA(sse_entry) && attr(LOCAL, SBI_SSE_ATTR_ENTRY_ARG) == GPA(a), "registered-attrs",
	       "state %lu", state(LOCAL));
	tap_expect(sse(SBI_SSE_REGISTER, LOCAL, GPA(sse_entry)), SBI_ERR_INVALID_STATE, "twice");
	tap_group("sse", "disable");
	tap_expect(sse(SBI_SSE_DISABLE, LOCAL, 0), SBI_ERR_INVALID_STATE, "not-enabled");
	tap_group("sse", "enable");
	tap_expect(sse(SBI_SSE_ENABLE, LOCAL, 0), 0, "enable");
	tap_ok(state(LOCAL) == SBI_SSE_STATE_ENABLED, "enabled", "state %lu", state(LOCAL));
	tap_expect(sse(SBI_SSE_ENABLE, LOCAL, 0), SBI_ERR_INVALID_STATE, "twice");
	tap_ok(set_attr(LOCAL, SBI_SSE_ATTR_PRIORITY, 1) == SBI_ERR_INVALID_STATE,
	       "priority-fixed-while-enabled", "");
	tap_group("sse", "unregister");
	tap_expect(sse(SBI_SSE_UNREGISTER, LOCAL, 0), SBI_ERR_INVALID_STATE, "while-enabled");
	tap_group("sse", "disable");
	tap_expect(sse(SBI_SSE_DISABLE, LOCAL, 0), 0, "disable");
	tap_group("sse", "unregister");
	tap_expect(sse(SBI_SSE_UNREGISTER, LOCAL, 0), 0, "unregister");
	tap_ok(attr(LOCAL, SBI_SSE_ATTR_STATUS) == SBI_SSE_STATUS_INJECT, "unused-again", "");
	tap_expect(sse(SBI_SSE_UNREGISTER, LOCAL, 0), SBI_ERR_INVALID_STATE, "twice");
	tap_group("sse", "enable");
	tap_expect(sse(SBI_SSE_ENABLE, LOCAL, 0), SBI_ERR_INVALID_STATE, "unused");
	tap_group("sse", "inject");
	tap_expect(sse(SBI_SSE_INJECT, LOCAL, env.self), 0, "unused-dropped");
	tap_ok(attr(LOCAL, SBI_SSE_ATTR_STATUS) == SBI_SSE_STATUS_INJECT && !a->runs,
	       "unused-not-pending", "");
	tap_expect(sse(SBI_SSE_INJECT, LOCAL, env.ncpus), SBI_ERR_INVALID_PARAM, "invalid-hart");
}

/* Injected while masked, the local event runs when unmask returns: every register as the
 * unmask ecall left it, sepc, SPP and SPIE restored, the interrupted a6/a7 those of the call. */
static void delivery(void)
{
	uint64_t regs[32], sie, sepc;
	struct sse_arg *a = arg_for(0, LOCAL, 'L');

	tap_group("sse", "inject");
	if (reg(LOCAL, a) || sse(SBI_SSE_ENABLE, LOCAL, 0).error) {
		tap_ok(0, "setup", "register/enable failed");
		return;
	}
	a->check_rw = 1;
	tap_expect(sse(SBI_SSE_INJECT, LOCAL, env.self), 0, "masked");
	tap_ok(!a->runs && attr(LOCAL, SBI_SSE_ATTR_STATUS) == (SBI_SSE_STATE_ENABLED |
	       SBI_SSE_STATUS_PENDING | SBI_SSE_STATUS_INJECT), "masked-stays-pending", "runs %lu", a->runs);
	__asm__ volatile("csrr %0, sie; csrw sie, zero" : "=r"(sie));
	__asm__ volatile("csrw sepc, %0" ::"r"(0x80345678ull));
	/* interrupted sstatus: SPP = 0 (U), SPIE = 1, SIE = 1 (with sie = 0 nothing is taken) */
	__asm__ volatile("csrc sstatus, %0; csrs sstatus, %1" ::"r"(1ull << 8), "r"(1ull << 5 | SSTATUS_SIE));
	regs_ecall_snapshot(SBI_EXT_SSE, SBI_SSE_HART_UNMASK, regs);
	uint64_t ss = csr_sstatus();
	__asm__ volatile("csrr %0, sepc" : "=r"(sepc));
	__asm__ volatile("csrc sstatus, %0" ::"r"(SSTATUS_SIE | 1ull << 5));
	__asm__ volatile("csrw sie, %0; csrs sstatus, %1" ::"r"(sie), "r"(1ull << 8));

	tap_group("sse", "hart_unmask");
	tap_ok(a->runs == 1, "delivers-pending", "handler ran %lu times", a->runs);
	if (a->runs != 1)
		goto out;
	int ok = regs[10] == 0;
	for (int r = 1; r < 32; r++)
		if (r != 2 && r != 10 && r != 11 && r != 16 && r != 17)
			ok &= regs[r] == 0x5aa5000000000000ull + (uint64_t)r;
	tap_ok(ok, "registers-restored", "a0 %lx ra %lx t0 %lx s0 %lx a2 %lx t6 %lx", regs[10], regs[1],
	       regs[5], regs[8], regs[12], regs[31]);
	tap_ok(regs[16] == SBI_SSE_HART_UNMASK && regs[17] == SBI_EXT_SSE, "a6-a7-restored",
	       "a6 %lx a7 %lx", regs[16], regs[17]);
	tap_ok(sepc == 0x80345678ull, "sepc-restored", "sepc %lx", sepc);
	tap_ok((ss & SSTATUS_SIE) && (ss & 1ull << 5) && !(ss & 1ull << 8), "sstatus-restored",
	       "sstatus %lx", ss);
	tap_group("sse", "handler_entry");
	tap_ok(a->hartid == env.self && a->slot == env.self, "a6-is-hart-id", "a6 %lx", a->hartid);
	/* SPP = the interrupted mode (S), not the interrupted SPP (0, in INTERRUPTED_FLAGS) */
	tap_ok(!(a->sstatus & SSTATUS_SIE) && (a->sstatus & 1ull << 5) && (a->sstatus & 1ull << 8),
	       "sstatus-spp-interrupted-mode-spie-sie", "sstatus %lx", a->sstatus);
	tap_ok(a->read_err == 0 && a->attrs[0] == (SBI_SSE_STATE_RUNNING | SBI_SSE_STATUS_INJECT),
	       "running-not-pending", "status %lx", a->attrs[0]);
	tap_ok(a->attrs[SBI_SSE_ATTR_INTERRUPTED_SEPC] == 0x80345678ull,
	       "interrupted-sepc", "%lx", a->attrs[SBI_SSE_ATTR_INTERRUPTED_SEPC]);
	tap_ok(a->attrs[SBI_SSE_ATTR_INTERRUPTED_FLAGS] == SBI_SSE_IFLAGS_SSTATUS_SPIE,
	       "interrupted-flags", "%lx", a->attrs[SBI_SSE_ATTR_INTERRUPTED_FLAGS]);
	tap_ok(a->attrs[SBI_SSE_ATTR_INTERRUPTED_A6] == SBI_SSE_HART_UNMASK &&
	       a->attrs[SBI_SSE_ATTR_INTERRUPTED_A7] == SBI_EXT_SSE, "interrupted-a6-a7", "%lx %lx",
	       a->attrs[SBI_SSE_ATTR_INTERRUPTED_A6], a->attrs[SBI_SSE_ATTR_INTERRUPTED_A7]);
	tap_ok(a->sepc == GPA(regs_after_ecall), "sepc-is-interrupted-pc", "sepc %lx, want %lx",
	       a->sepc, GPA(regs_after_ecall));
	tap_group("sse", "write_attrs");
	tap_expect((struct rvpv_sbiret){ a->prio_err, 0 }, SBI_ERR_INVALID_STATE, "priority-while-running");
	tap_expect((struct rvpv_sbiret){ a->flags_bad_err, 0 }, SBI_ERR_INVALID_PARAM, "flags-reserved-running");
	tap_ok(a->flags_all_err == 0 && a->flags_all == SBI_SSE_IFLAGS_ALL, "flags-defined-bits",
	       "error %ld value %lx", a->flags_all_err, a->flags_all);

	/* the handler rewrites the interrupted a6 and sepc: complete must take them */
	a->check_rw = 0;
	a->set_a6 = 0x1234;
	a->set_sepc = 0x80456788ull;
	sse(SBI_SSE_HART_MASK, 0, 0);
	sse(SBI_SSE_INJECT, LOCAL, env.self);
	regs_ecall_snapshot(SBI_EXT_SSE, SBI_SSE_HART_UNMASK, regs);
	__asm__ volatile("csrr %0, sepc" : "=r"(sepc));
	tap_group("sse", "complete");
	tap_ok(a->runs == 2 && regs[16] == 0x1234 && sepc == 0x80456788ull, "takes-written-attributes",
	       "runs %lu a6 %lx sepc %lx", a->runs, regs[16], sepc);
	a->set_a6 = a->set_sepc = 0;

	/* one-shot: back to REGISTERED after complete; a disabled event keeps its signal pending */
	tap_group("sse", "inject");
	sse(SBI_SSE_DISABLE, LOCAL, 0);
	set_attr(LOCAL, SBI_SSE_ATTR_CONFIG, SBI_SSE_CONFIG_ONESHOT);
	sse(SBI_SSE_ENABLE, LOCAL, 0);
	sse(SBI_SSE_INJECT, LOCAL, env.self);
	tap_ok(a->runs == 3 && state(LOCAL) == SBI_SSE_STATE_REGISTERED, "oneshot-registered-after",
	       "runs %lu state %lu", a->runs, state(LOCAL));
	set_attr(LOCAL, SBI_SSE_ATTR_CONFIG, 0);
	sse(SBI_SSE_INJECT, LOCAL, env.self);
	tap_ok(a->runs == 3 && (attr(LOCAL, SBI_SSE_ATTR_STATUS) & SBI_SSE_STATUS_PENDING),
	       "registered-stays-pending", "runs %lu", a->runs);
	sse(SBI_SSE_ENABLE, LOCAL, 0);
	tap_ok(a->runs == 4, "enable-delivers-pending", "runs %lu", a->runs);
	tap_ok(a->attrs[SBI_SSE_ATTR_INTERRUPTED_A6] == SBI_SSE_ENABLE, "at-return-of-enable",
	       "interrupted a6 %lx", a->attrs[SBI_SSE_ATTR_INTERRUPTED_A6]);
out:
	sse(SBI_SSE_DISABLE, LOCAL, 0);
	sse(SBI_SSE_UNREGISTER, LOCAL, 0);
}

/* Local and global on this hart: lower priority value first, then the lower id (local). */
static void priority_case(const char *name, uint64_t pl, uint64_t pg, int global_first,
			  const char *want)
{
	struct sse_arg *l = arg_for(0, LOCAL, 'L'), *g = arg_for(1, GLOBAL, 'G');
	set_attr(LOCAL, SBI_SSE_ATTR_PRIORITY, pl);
	set_attr(GLOBAL, SBI_SSE_ATTR_PRIORITY, pg);
	set_attr(GLOBAL, SBI_SSE_ATTR_PREFERRED_HART, env.self);
	if (reg(LOCAL, l) || reg(GLOBAL, g) || sse(SBI_SSE_ENABLE, LOCAL, 0).error ||
	    sse(SBI_SSE_ENABLE, GLOBAL, 0).error) {
		tap_ok(0, name, "register/enable failed");
	} else {
		(global_first ? g : l)->inject = global_first ? LOCAL : GLOBAL;
		reset_trace();
		sse(SBI_SSE_INJECT, global_first ? GLOBAL : LOCAL, env.self);
		int ok = ntrace == 4;
		for (int i = 0; i < 4; i++)
			ok &= trace[i] == want[i];
		tap_ok(ok, name, "order %c%c%c%c (%u), want %s", trace[0], trace[1], trace[2], trace[3],
		       ntrace, want);
		struct sse_arg *first = global_first ? g : l;
		int nested = want[1] != want[0] + 'a' - 'A';
		tap_ok(nested ? !(first->inject_status & SBI_SSE_STATUS_PENDING)
			      : (first->inject_status & 7) == (SBI_SSE_STATE_ENABLED | SBI_SSE_STATUS_PENDING),
		       nested ? "preempting-not-pending-after" : "waits-pending", "status %lx",
		       first->inject_status);
	}
	for (int e = 0; e < 2; e++) {
		sse(SBI_SSE_DISABLE, e ? GLOBAL : LOCAL, 0);
		sse(SBI_SSE_UNREGISTER, e ? GLOBAL : LOCAL, 0);
		set_attr(e ? GLOBAL : LOCAL, SBI_SSE_ATTR_PRIORITY, 0);
	}
}

static void priorities(void)
{
	tap_group("sse", "priority");
	priority_case("same-priority-local-preempts-global", 0, 0, 1, "GLlg");
	priority_case("same-priority-global-waits-for-local", 0, 0, 0, "LlGg");
	priority_case("lower-value-preempts", 5, 3, 0, "LGgl");
	priority_case("higher-value-waits", 1, 0, 1, "GgLl");
}

/* The other hart: unmask, register its local event, report, and wait (wfi, no timer) until
 * released; an SSE event must wake it. */
static volatile uint64_t other_go, other_ready, other_masked;

static void other_job(struct smp_ctx *c)
{
	struct sse_arg *a = &args[2];
	sse(SBI_SSE_HART_UNMASK, 0, 0);
	rvpv_sbi_call3(SBI_EXT_SSE, SBI_SSE_REGISTER, LOCAL, GPA(sse_entry), GPA(a));
	sse(SBI_SSE_ENABLE, LOCAL, 0);
	sie_set(SIP_SSIP);
	other_ready = 1;
	while (!other_go) {
		__asm__ volatile("wfi");
		if (rd_sip() & SIP_SSIP)
			sip_clear(SIP_SSIP);
		if (other_go == 2) { /* mask, then go on waiting */
			sse(SBI_SSE_HART_MASK, 0, 0);
			other_go = 0;
			other_masked = 1;
		}
	}
	sie_clear(SIP_SSIP);
	sse(SBI_SSE_DISABLE, LOCAL, 0);
	sse(SBI_SSE_UNREGISTER, LOCAL, 0);
	(void)c;
}

static void wake_other(void)
{
	rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, OTHER);
}

static void two_harts(void)
{
	tap_group("sse", "two_harts");
	if (env.ncpus < 2) {
		tap_skip("all", "needs 2 harts");
		return;
	}
	struct smp_ctx *c = smp_prepare(OTHER, 0);
	struct sse_arg *l = arg_for(2, LOCAL, 'O'), *g = arg_for(1, GLOBAL, 'G');
	other_go = other_ready = other_masked = 0;
	c->job = other_job;
	if (rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, OTHER, GPA(smp_entry), GPA(c)).error ||
	    !wait_flag(&other_ready)) {
		tap_ok(0, "start", "the other hart did not start");
		return;
	}
	tap_expect(sse(SBI_SSE_INJECT, LOCAL, OTHER), 0, "inject-local-at-other");
	tap_ok(wait_flag(&l->runs) && l->hartid == OTHER && l->slot == OTHER, "runs-there-and-wakes-wfi",
	       "runs %lu a6 %lx", l->runs, l->hartid);
	tap_ok(l->attrs[SBI_SSE_ATTR_PREFERRED_HART] == OTHER, "local-preferred-hart-is-own",
	       "%lx", l->attrs[SBI_SSE_ATTR_PREFERRED_HART]);

	tap_ok(set_attr(GLOBAL, SBI_SSE_ATTR_PREFERRED_HART, OTHER) == 0, "preferred-hart-other", "");
	if (reg(GLOBAL, g) || sse(SBI_SSE_ENABLE, GLOBAL, 0).error) {
		tap_ok(0, "global", "register/enable failed");
	} else {
		sse(SBI_SSE_HART_UNMASK, 0, 0);
		sse(SBI_SSE_INJECT, GLOBAL, 12345); /* hart_id is ignored for a global event */
		tap_ok(wait_flag(&g->runs) && g->hartid == OTHER && g->slot == OTHER,
		       "global-at-preferred-hart", "runs %lu on %lx", g->runs, g->hartid);
		other_go = 2;
		wake_other();
		tap_ok(wait_flag(&other_masked) != 0, "other-masks", "");
		g->runs = 0;
		sse(SBI_SSE_INJECT, GLOBAL, 0);
		tap_ok(wait_flag(&g->runs) && g->hartid == env.self, "global-preferred-masked-elsewhere",
		       "runs %lu on %lx", g->runs, g->hartid);
		sse(SBI_SSE_HART_MASK, 0, 0);
	}
	sse(SBI_SSE_DISABLE, GLOBAL, 0);
	sse(SBI_SSE_UNREGISTER, GLOBAL, 0);
	set_attr(GLOBAL, SBI_SSE_ATTR_PREFERRED_HART, 0);
	other_go = 1;
	wake_other();
	wait_flag(&c->done);
	c->release = 1;
	tap_ok(poll_status(OTHER, SBI_HSM_STATE_STOPPED, 0) == SBI_HSM_STATE_STOPPED, "other-stops", "");
}

void sbi_cases_sse(void)
{
	if (!rvpv_sbi_call1(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_SSE).value) {
		tap_group("sse", "probe");
		if (env.rvpv)
			tap_ok(0, "offered", "rvpv must offer it");
		else
			tap_skip("all", "firmware does not offer it");
		return;
	}
	mask_and_ids();
	attributes();
	states();
	delivery();
	priorities();
	two_harts();
}

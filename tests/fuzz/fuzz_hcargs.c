/* libFuzzer target for the hypercall argument checks: the dispatcher and light path
 * (hv/core/hypercall.c), every rvpv decoder (hv/hc/) and every SBI extension (sbi/hv/), run on
 * the host against the stand-ins of hc_stubs.c. The input is a VM shape and a script of calls
 * (extension, function, six arguments, which vCPU). After each call: the answer is an SBI
 * error code with a1 = 0 on error; a failed call changed nothing; no register but a0/a1
 * moved; the VM lock is free; shared pages and ports recorded by the VM are inside its RAM and
 * well formed; a call the light path answers gets the same answer on the full path. And each
 * call that takes a guest address is held to a reference model of docs/abi.md's rules (the
 * address rule, each call's alignment and length, the hart-mask convention): an address that
 * breaks them is answered with the call's address error (never SUCCESS, never a call that
 * ends the VM or does not return), and one that keeps them is never answered with it. */
#include "fuzz_hc.h"
#include "string.h"

struct input { const uint8_t *p; size_t left; };

static uint64_t rd(struct input *in, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n && in->left; i++, in->left--)
		v |= (uint64_t)*in->p++ << (8 * i);
	return v;
}

static const uint64_t exts[] = {
	RVPV_EXT_CORE, RVPV_EXT_CPU, RVPV_EXT_EVENT, RVPV_EXT_MEM, RVPV_EXT_CONSOLE, RVPV_EXT_BLOCK,
	RVPV_EXT_LIFECYCLE, RVPV_EXT_LAST + 1, RVPV_EXT_FIRST - 1, SBI_EXT_BASE, SBI_EXT_TIME,
	SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN, SBI_EXT_PMU,
	0, 1, 2, 3, 8, 0xf, SBI_EXT_SSE, SBI_EXT_DBTR,
};

static const uint64_t edges[] = {
	0, 1, 2, 3, 7, 8, 63, 64, 511, 512, 4095, 4096, 0x7fffffff, 0x80000000, 0xffffffff,
	0x100000000ull, 0xe0000000, 0xf0000000, 1ull << 63, ~0ull, ~0ull - 1, ~0ull - 4095,
};

/* One argument: mostly the small ids and counts the checks compare against, then addresses
 * inside, at the edge of and outside RAM, boundary values and raw bytes. */
static uint64_t arg(struct input *in)
{
	uint64_t k = rd(in, 1), base = fw.vm.ram_gpa, end = base + fw.vm.ram_size;
	switch (k % 16) {
	case 0: case 1: case 2: case 3: case 4: return (k >> 4) % 8;
	case 5: return (k >> 4) | rd(in, 1) << 4;                 /* ports, pages: 0..4095 */
	case 6: case 7: return base + rd(in, 3) % fw.vm.ram_size;
	case 8: return (base + rd(in, 3) % fw.vm.ram_size) & ~0xfffull;
	case 9: return (base + rd(in, 3) % fw.vm.ram_size) & ~63ull;
	case 10: return end - rd(in, 2) % 0x2000;                 /* at the end */
	case 11: return end + rd(in, 2);                          /* just past it */
	case 12: return edges[rd(in, 1) % (sizeof(edges) / sizeof(edges[0]))];
	case 13: return base - rd(in, 2);
	default: return rd(in, 8);
	}
}

static bool known(uint64_t ext)
{
	return (ext >= RVPV_EXT_FIRST && ext <= RVPV_EXT_LAST) || vsbi_find(ext) != NULL;
}

static bool legacy(uint64_t ext)
{
	return ext == 0 || ext == 1 || ext == 2 || ext == 8;
}

/* What a failed call must leave alone. */
struct snap {
	struct evport ports[RVPV_EVENT_PORTS];
	void *evpage;
	uint64_t evpage_gpa, effects;
	uint32_t vm_state;
	bool reboot;
	struct { uint32_t state; uint64_t info_gpa, timer, start_pc; bool stop; } v[MAX_VCPUS];
};

static void take(struct snap *s)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->ports, fw.vm.ports, sizeof(s->ports));
	s->evpage = fw.vm.evpage;
	s->evpage_gpa = fw.vm.evpage_gpa;
	s->effects = fuzz_effects;
	s->vm_state = fw.vm.state;
	s->reboot = fw.vm.reboot_requested;
	for (uint32_t i = 0; i < fw.vm.nvcpus; i++) {
		s->v[i].state = fw.vcpu[i].state;
		s->v[i].info_gpa = fw.vcpu[i].info_gpa;
		s->v[i].timer = fw.vcpu[i].timer_deadline;
		s->v[i].start_pc = fw.vcpu[i].start_pc;
		s->v[i].stop = fw.vcpu[i].stop_requested;
	}
}

static void invariants(void)
{
	struct vm *vm = &fw.vm;
	REQUIRE(!vm->lock.locked);
	if (vm->evpage) {
		REQUIRE(!(vm->evpage_gpa % RVPV_EVENT_PAGE_SIZE));
		REQUIRE((uint8_t *)vm->evpage == fw.ram + (vm->evpage_gpa - vm->ram_gpa));
		REQUIRE(gmem_in_ram(vm, vm->evpage_gpa, RVPV_EVENT_PAGE_SIZE));
	}
	for (uint32_t p = 0; p < RVPV_EVENT_PORTS; p++) {
		struct evport *e = &vm->ports[p];
		if (!e->source)
			continue;
		REQUIRE(vm->evpage && e->source <= RVPV_EVSRC_BALLOON && e->vcpu < vm->nvcpus);
		if (e->source == RVPV_EVSRC_TIMER || e->source == RVPV_EVSRC_IPI)
			REQUIRE(e->arg < vm->nvcpus);
		else
			REQUIRE(e->arg == 0);
	}
	for (uint32_t i = 0; i < vm->nvcpus; i++)
		if (fw.vcpu[i].info_gpa)
			REQUIRE(!(fw.vcpu[i].info_gpa % RVPV_VCPU_INFO_SIZE) &&
				gmem_in_ram(vm, fw.vcpu[i].info_gpa, RVPV_VCPU_INFO_SIZE));
	/* SBI SSE: only legal attribute values get in (docs/abi.md), and no event runs (the
	 * fuzz world never enters a guest, so nothing is ever delivered) */
	REQUIRE(!vm->sse_lock.locked);
	for (uint32_t i = 0; i <= vm->nvcpus; i++) {
		const struct sse_event *e = i < vm->nvcpus ? &fw.vcpu[i].sse : &vm->sse;
		REQUIRE(e->state < SBI_SSE_STATE_RUNNING && !(e->attr[SBI_SSE_ATTR_PRIORITY] >> 32) &&
			e->attr[SBI_SSE_ATTR_CONFIG] <= SBI_SSE_CONFIG_ONESHOT &&
			!(e->attr[SBI_SSE_ATTR_ENTRY_PC] & 1) &&
			e->attr[SBI_SSE_ATTR_INTERRUPTED_FLAGS] == 0);
		REQUIRE(i < vm->nvcpus ? e->attr[SBI_SSE_ATTR_PREFERRED_HART] == 0
				       : e->attr[SBI_SSE_ATTR_PREFERRED_HART] < vm->nvcpus);
		REQUIRE(!e->pending || e->state != SBI_SSE_STATE_UNUSED);
	}
}

/* ---- the reference model: docs/abi.md, written again here, not taken from the decoders ---- */

/* The address rule: [gpa, gpa + len) does not overflow 64 bits and lies inside RAM. */
static bool model_in_ram(uint64_t gpa, uint64_t len)
{
	unsigned __int128 end = (unsigned __int128)gpa + len;
	return gpa >= fw.vm.ram_gpa && end <= (unsigned __int128)fw.vm.ram_gpa + fw.vm.ram_size &&
	       end <= (unsigned __int128)UINT64_MAX;
}

/* SBI hart mask over vCPUs: 1 = valid, 0 = names no vCPU, -1 = the ABI leaves it open
 * (mask 0 with a base past the last vCPU). */
static int model_mask(uint64_t mask, uint64_t base)
{
	uint64_t n = fw.vm.nvcpus;
	if (base == UINT64_MAX)
		return 1;
	if (!mask)
		return base < n ? 1 : -1;
	for (unsigned i = 0; i < 64; i++)
		if ((mask >> i & 1) && (base >= n || i >= n - base))
			return 0;
	return 1;
}

/* REMOTE_SFENCE / RFENCE ranges: size 0 and all ones are the whole space, else no overflow. */
static bool model_range_ok(uint64_t start, uint64_t size)
{
	return size == 0 || size == UINT64_MAX || (unsigned __int128)start + size <= UINT64_MAX;
}

struct model {
	bool modeled;      /* the call takes an address the model judges */
	bool addr_bad;     /* ... and it breaks the rules */
	int64_t addr_err;  /* the error an address is refused with (DBCN: INVALID_PARAM) */
	bool others_ok;    /* every other argument is valid: addr_err is then the only answer */
};

static struct model model_of(uint64_t ext, uint64_t fid, const uint64_t a[6])
{
	struct model m = { true, false, SBI_ERR_INVALID_ADDRESS, true };
	const uint64_t region = 32, regions = 2; /* 1.0: RAM + the device tree's reserved part */
	int mask;

	switch (ext) {
	case RVPV_EXT_CONSOLE:
		if (fid != RVPV_FN_CONSOLE_WRITE && fid != RVPV_FN_CONSOLE_READ)
			break;
		m.addr_bad = a[1] && !model_in_ram(a[0], a[1]);  /* len 0: not checked */
		return m;
	case RVPV_EXT_MEM:
		switch (fid) {
		case RVPV_FN_MEM_GET_MAP: {
			uint64_t n = a[1] < regions ? a[1] : regions; /* only the bytes written */
			m.addr_bad = n && ((a[0] & 7) || !model_in_ram(a[0], n * region));
			return m;
		}
		case RVPV_FN_MEM_REGISTER_VCPU_INFO:
			m.addr_bad = a[0] != UINT64_MAX &&
				     ((a[0] % RVPV_VCPU_INFO_SIZE) || !model_in_ram(a[0], RVPV_VCPU_INFO_SIZE));
			return m;
		case RVPV_FN_MEM_BALLOON_RELEASE:
		case RVPV_FN_MEM_BALLOON_RECLAIM:
			if (!a[1])
				break; /* npages 0: whether the address still matters is not written down */
			m.addr_bad = (a[0] % 4096) || a[1] > UINT64_MAX / 4096 ||
				     !model_in_ram(a[0], a[1] * 4096);
			return m;
		case RVPV_FN_MEM_REMOTE_SFENCE:
			mask = model_mask(a[0], a[1]);
			m.addr_bad = !model_range_ok(a[2], a[3]);
			m.others_ok = mask == 1; /* else INVALID_PARAM may come first */
			return m;
		}
		break;
	case RVPV_EXT_EVENT:
		if (fid != RVPV_FN_EVENT_REGISTER_PAGE)
			break;
		m.addr_bad = (a[0] % RVPV_EVENT_PAGE_SIZE) || !model_in_ram(a[0], RVPV_EVENT_PAGE_SIZE);
		m.others_ok = a[1] == 0;
		return m;
	case RVPV_EXT_LIFECYCLE:
		if (fid != RVPV_FN_LIFECYCLE_CRASH)
			break;
		m.addr_bad = a[2] && !model_in_ram(a[1], a[2]);  /* the whole message, not 128 bytes */
		return m;
	case SBI_EXT_DBCN:
		if (fid != SBI_DBCN_WRITE && fid != SBI_DBCN_READ)
			break;
		m.addr_err = SBI_ERR_INVALID_PARAM;
		m.addr_bad = a[0] && !model_in_ram(a[1], a[0]);  /* a[2]: base_addr_hi */
		m.others_ok = a[2] == 0;
		return m;
	case SBI_EXT_HSM:
		if (fid != SBI_HSM_HART_SUSPEND || a[0] != SBI_HSM_SUSPEND_NON_RET_DEFAULT)
			break;
		m.addr_bad = (a[1] & 1) || !model_in_ram(a[1], 2);
		return m;
	case SBI_EXT_RFENCE:
		if (fid != SBI_RFENCE_REMOTE_SFENCE_VMA && fid != SBI_RFENCE_REMOTE_SFENCE_VMA_ASID)
			break;
		mask = model_mask(a[0], a[1]);
		m.addr_bad = !model_range_ok(a[2], a[3]);
		m.others_ok = mask == 1;
		return m;
	}
	m.modeled = false;
	return m;
}

/* Errors that depend on the VM's state, not on the arguments. docs/abi.md says argument
 * values are checked before state, but also that guests must not depend on which of several
 * applicable errors they get; EVENT_REGISTER_PAGE answers ALREADY_AVAILABLE for a bad
 * address once a page is registered, and that is tolerated here. */
static bool model_state_error(int64_t err)
{
	return err == SBI_ERR_DENIED || err == SBI_ERR_ALREADY_AVAILABLE ||
	       err == SBI_ERR_ALREADY_STARTED || err == SBI_ERR_ALREADY_STOPPED ||
	       err == SBI_ERR_NO_SHMEM;
}

/* err: the answer; ended: the call did not return (VM stopped, rebooted, vCPU reset or
 * resumed elsewhere). The fuzz world never balloons a page out (the balloon calls are
 * stand-ins), so rule 4 of the address rule (no page of the range released) always holds. */
static void model_check(const struct model *m, int64_t err, bool ended)
{
	if (!m->modeled)
		return;
	if (m->addr_bad) {
		REQUIRE(!ended);             /* a refused call returns, with an error */
		REQUIRE(err != SBI_SUCCESS);
		if (m->others_ok)
			REQUIRE(err == m->addr_err || model_state_error(err));
	} else if (!ended && !fuzz_core_error) { /* (the core stand-ins may answer anything) */
		if (m->addr_err == SBI_ERR_INVALID_ADDRESS)
			REQUIRE(err != SBI_ERR_INVALID_ADDRESS); /* no such error for a good address */
		else if (m->others_ok)
			REQUIRE(err == SBI_SUCCESS);             /* DBCN: nothing else can fail */
	}
}

static void one_call(struct vcpu *v, uint64_t ext, uint64_t fid, const uint64_t a[6])
{
	struct vcpu_ctx *x = &v->arch.ctx;
	for (int i = 0; i < 32; i++)
		x->x[i] = 0x1111111111111111ull * (uint64_t)(i % 15 + 1);
	for (int i = 0; i < 6; i++)
		x->x[REG_A0 + i] = a[i];
	x->x[REG_A6] = fid;
	x->x[REG_A7] = ext;
	x->sepc = 0x80200000;
	struct vcpu_ctx before = *x;
	struct snap s0, s1;
	take(&s0);

	uint64_t light_a0 = 0, light_a1 = 0;
	bool light = hypercall_light(v);
	if (light) { /* the same call again on the full path must answer the same */
		light_a0 = x->x[REG_A0];
		light_a1 = x->x[REG_A1];
		REQUIRE(x->sepc == before.sepc + 4); /* the shared finish advances it; switch.S loads it */
		*x = before;
		invariants();
	}
	(void)hypercall_dispatch(v);
	invariants();
	take(&s1);
	bool ended = fw.vm.state != s0.vm_state || fw.vm.reboot_requested != s0.reboot ||
		     v->stop_requested != s0.v[v->id].stop || x->sepc != before.sepc + 4;
	struct model m = model_of(ext, fid, a);
	model_check(&m, (int64_t)x->x[REG_A0], ended);
	if (ended) { /* a call that does not return: put the VM back to keep going */
		fw.vm.state = VM_RUNNING;
		fw.vm.reboot_requested = false;
		v->stop_requested = false;
		return;
	}
	for (int i = 0; i < 32; i++)
		if (i != REG_A0 && i != REG_A1)
			REQUIRE(x->x[i] == before.x[i]);
	if (legacy(ext))
		return; /* v0.1: a0 is a value */
	int64_t err = (int64_t)x->x[REG_A0];
	REQUIRE(err <= 0 && err >= SBI_ERR_LOWEST);
	if (!known(ext))
		REQUIRE(err == SBI_ERR_NOT_SUPPORTED && s1.effects == s0.effects);
	if (light)
		REQUIRE(light_a0 == x->x[REG_A0] && light_a1 == x->x[REG_A1]);
	if (err) {
		REQUIRE(x->x[REG_A1] == 0);
		REQUIRE(memcmp(&s0, &s1, sizeof(s0)) == 0); /* failed: no effect at all */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	uint64_t shape = rd(&in, 1);
	uint32_t nvcpus = 1 + (uint32_t)(shape % MAX_VCPUS);
	fuzz_world_init(nvcpus, (shape >> 3) & 1 ? 0 : -1, (2 + ((shape >> 4) % 4)) * GUEST_DTB_SIZE);
	fw.input = (uint32_t)rd(&in, 2) % 2048;
	fw.bound_sources = (uint32_t)rd(&in, 1);
	for (int n = 0; n < 256 && in.left; n++) {
		uint64_t sel = rd(&in, 1);
		struct vcpu *v = &fw.vcpu[(sel >> 5) % nvcpus];
		uint64_t ext = sel % 32 < sizeof(exts) / sizeof(exts[0]) ? exts[sel % 32] : rd(&in, 4);
		uint64_t fid = rd(&in, 1);
		fid = fid < 0xf0 ? fid % 10 : arg(&in);
		uint64_t a[6];
		for (int i = 0; i < 6; i++)
			a[i] = arg(&in);
		if (ext == SBI_EXT_SSE) { /* mostly the events offered and well-formed buffers */
			if (a[5] % 4)
				a[0] = (a[0] & ~0xffffffffull) | (a[5] % 4 == 1 ? SBI_SSE_EVENT_LOCAL_SOFTWARE
										   : SBI_SSE_EVENT_GLOBAL_SOFTWARE);
			if (a[5] & 4) {
				a[1] %= 11;
				a[2] %= 11;
				a[3] &= ~7ull;
				a[4] = 0;
			}
		}
		if (ext == SBI_EXT_SSE && fid == SBI_SSE_WRITE_ATTRS && model_in_ram(a[3], 80))
			for (int i = 0; i < 10; i++) { /* attribute values the guest wrote */
				uint64_t w = rd(&in, 1) % 4 ? rd(&in, 1) % 4 : arg(&in);
				memcpy(fw.ram + (a[3] - fw.vm.ram_gpa) + 8 * i, &w, 8);
			}
		uint64_t e = rd(&in, 1);
		fuzz_core_error = e % 8 == 0 ? -(int64_t)(1 + e / 8 % 9) : 0;
		if (e % 16 == 1) /* another vCPU stops or starts behind the caller's back */
			fw.vcpu[(e >> 4) % nvcpus].state ^= VCPU_RUNNABLE;
		one_call(v, ext, fid, a);
	}
	fuzz_world_free();
	return 0;
}

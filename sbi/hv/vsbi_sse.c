/* SBI SSE (supervisor software events, SBI 3.0) over vCPUs: the software-injected local event
 * (0xffff0000, one per vCPU) and global event (0xffff8000, one per VM). The global event goes
 * to its PREFERRED_HART when that vCPU has unmasked events, else to the lowest-numbered vCPU
 * that has. The other standard events need hardware rvpv does not give guests (RAS, double
 * trap, PMU overflow): NOT_SUPPORTED; reserved and platform-specific ids: INVALID_PARAM.
 * An event enters its handler just before the vCPU next enters the guest (vsbi_sse_deliver),
 * so one injected by the caller interrupts the instruction after the ecall, a0/a1 holding the
 * result. The guest has no H extension, Zicfilp or Ssdbltrp: INTERRUPTED_FLAGS holds SPP and
 * SPIE (the other four defined bits can be written and read back; completion ignores them).
 * All SSE state of a VM is under vm->sse_lock; guest memory is copied outside it. */
#include "vsbi_env.h"

#define A_PRIO  SBI_SSE_ATTR_PRIORITY
#define A_HART  SBI_SSE_ATTR_PREFERRED_HART
#define A_SEPC  SBI_SSE_ATTR_INTERRUPTED_SEPC
#define A_FLAGS SBI_SSE_ATTR_INTERRUPTED_FLAGS
#define A_A6    SBI_SSE_ATTR_INTERRUPTED_A6
#define A_A7    SBI_SSE_ATTR_INTERRUPTED_A7

static int64_t check_id(uint32_t id)
{
	switch (id) {
	case SBI_SSE_EVENT_LOCAL_SOFTWARE:
	case SBI_SSE_EVENT_GLOBAL_SOFTWARE:
		return SBI_SUCCESS;
	case SBI_SSE_EVENT_LOCAL_HIGH_PRIO_RAS:
	case SBI_SSE_EVENT_LOCAL_DOUBLE_TRAP:
	case SBI_SSE_EVENT_GLOBAL_HIGH_PRIO_RAS:
	case SBI_SSE_EVENT_LOCAL_PMU_OVERFLOW:
	case SBI_SSE_EVENT_LOCAL_LOW_PRIO_RAS:
	case SBI_SSE_EVENT_GLOBAL_LOW_PRIO_RAS:
		return SBI_ERR_NOT_SUPPORTED; /* standard, but no source for it here */
	default:
		return SBI_ERR_INVALID_PARAM; /* reserved, or platform-specific (rvpv defines none) */
	}
}

/* The order of urgency: lower priority value first, then lower event id (local before global). */
static uint64_t rank(const struct sse_event *e, bool global)
{
	return e->attr[A_PRIO] << 32 |
	       (global ? SBI_SSE_EVENT_GLOBAL_SOFTWARE : SBI_SSE_EVENT_LOCAL_SOFTWARE);
}

static struct vcpu *global_target(struct vm *vm)
{
	struct vcpu *pref = vm->vcpus[vm->sse.attr[A_HART]];
	if (pref->sse_unmasked)
		return pref;
	for (uint32_t i = 0; i < vm->nvcpus; i++)
		if (vm->vcpus[i]->sse_unmasked)
			return vm->vcpus[i];
	return NULL;
}

/* The most urgent handler v runs (running) and the event v should enter now (the result): one
 * pending and ENABLED for v that is more urgent than every handler v is in. */
static struct sse_event *due(struct vcpu *v, struct sse_event **running)
{
	struct sse_event *ev[2] = { &v->sse, &v->vm->sse }, *best = NULL;
	uint64_t best_rank = UINT64_MAX, run_rank = UINT64_MAX;
	*running = NULL;
	for (int g = 0; g < 2; g++) {
		struct sse_event *e = ev[g];
		uint64_t r = rank(e, g);
		if (e->state == SBI_SSE_STATE_RUNNING && e->runner == v->id && r < run_rank) {
			run_rank = r;
			*running = e;
		} else if (e->state == SBI_SSE_STATE_ENABLED && e->pending && r < best_rank &&
			   v->sse_unmasked && (!g || global_target(v->vm) == v)) {
			best_rank = r;
			best = e;
		}
	}
	return best_rank < run_rank ? best : NULL;
}

/* After any change: every vCPU with an event due enters it before its next guest instruction
 * (a blocked one is woken, one running on another hart is kicked). */
static void poke_due(struct vm *vm)
{
	struct sse_event *running;
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *t = vm->vcpus[i];
		if (due(t, &running)) {
			__atomic_store_n(&t->sse_poke, 1, __ATOMIC_SEQ_CST);
			sched_wake(t);
		}
	}
}

/* Software event injection as the spec lists it, for a guest in VS/VU-mode: the interrupted
 * state into the attributes, then the handler entered in VS-mode with SIE off. */
void vsbi_sse_deliver(struct vcpu *v)
{
	struct vm *vm = v->vm;
	struct vcpu_ctx *x = &v->arch.ctx;
	struct sse_event *e, *running;
	__atomic_store_n(&v->sse_poke, 0, __ATOMIC_SEQ_CST); /* a later poke sets it again */
	spin_lock(&vm->sse_lock);
	e = due(v, &running);
	if (e) {
		e->attr[A_A6] = x->x[REG_A6];
		e->attr[A_A7] = x->x[REG_A7];
		x->x[REG_A6] = v->id;
		x->x[REG_A7] = e->attr[SBI_SSE_ATTR_ENTRY_ARG];
		arch_sse_inject(v, e->attr[SBI_SSE_ATTR_ENTRY_PC], &e->attr[A_SEPC], &e->attr[A_FLAGS]);
		e->state = SBI_SSE_STATE_RUNNING;
		e->pending = false;
		e->runner = (uint8_t)v->id;
	}
	spin_unlock(&vm->sse_lock);
}

/* Software event completion as the spec lists it: like an sret from the handler, then the
 * interrupted sepc, SPP, SPIE, a6 and a7 back from the attributes. */
static void complete(struct hc_call *c, struct sse_event *e)
{
	struct vcpu_ctx *x = &c->v->arch.ctx;
	arch_sse_complete(c->v, e->attr[A_SEPC], e->attr[A_FLAGS]);
	x->x[REG_A7] = e->attr[A_A7];
	x->x[REG_A6] = e->attr[A_A6];
	e->state = e->attr[SBI_SSE_ATTR_CONFIG] & SBI_SSE_CONFIG_ONESHOT ? SBI_SSE_STATE_REGISTERED
									 : SBI_SSE_STATE_ENABLED;
	c->no_return = true; /* a0/a1 are the interrupted context's */
}

/* The error writing val to attribute id would give, in the spec's order for one attribute. */
static int64_t check_write(struct vcpu *v, struct sse_event *e, bool global, uint32_t id, uint64_t val)
{
	switch (id) {
	case A_PRIO:
	case SBI_SSE_ATTR_CONFIG:
	case A_HART:
		if (id == A_HART && !global)
			return SBI_ERR_DENIED; /* read-only for a local event */
		if ((id == A_PRIO && val >> 32) || (id == SBI_SSE_ATTR_CONFIG && val & ~1ull) ||
		    (id == A_HART && val >= v->vm->nvcpus))
			return SBI_ERR_INVALID_PARAM;
		return e->state <= SBI_SSE_STATE_REGISTERED ? SBI_SUCCESS : SBI_ERR_INVALID_STATE;
	case A_SEPC:
	case A_FLAGS:
	case A_A6:
	case A_A7:
		if (id == A_FLAGS && val & ~(uint64_t)SBI_SSE_IFLAGS_ALL)
			return SBI_ERR_INVALID_PARAM;
		/* only while running, and for the global event only by the vCPU running it */
		return e->state == SBI_SSE_STATE_RUNNING && e->runner == v->id ? SBI_SUCCESS
									: SBI_ERR_INVALID_STATE;
	default:
		return SBI_ERR_DENIED; /* STATUS, ENTRY_PC, ENTRY_ARG */
	}
}

/* read_attrs / write_attrs: base, count and the buffer (8 bytes per attribute, attribute
 * base + i at offset 8 * i, as OpenSBI and KVM read the spec's size rule). Copies happen
 * outside the lock: a fault in the copy changes nothing. */
static int64_t attrs(struct hc_call *c, struct sse_event *e, bool global)
{
	struct vcpu *v = c->v;
	struct vm *vm = v->vm;
	uint32_t base = (uint32_t)c->a[1], count = (uint32_t)c->a[2];
	uint64_t buf[SBI_SSE_ATTR_COUNT], gpa = c->a[3];
	int64_t err = SBI_SUCCESS;
	if (!count)
		return SBI_ERR_INVALID_PARAM;
	if ((uint64_t)base + count > SBI_SSE_ATTR_COUNT)
		return SBI_ERR_BAD_RANGE;
	if (c->a[4] || !IS_ALIGNED(gpa, 8))
		return SBI_ERR_INVALID_ADDRESS; /* guest RAM lies below 2^64: hi != 0 is outside it */
	if (c->fid == SBI_SSE_WRITE_ATTRS && gmem_read(vm, buf, gpa, 8ull * count))
		return SBI_ERR_INVALID_ADDRESS;
	spin_lock(&vm->sse_lock);
	for (uint32_t i = 0; i < count && c->fid == SBI_SSE_WRITE_ATTRS && !err; i++)
		err = check_write(v, e, global, base + i, buf[i]);
	for (uint32_t i = 0; i < count && !err; i++) {
		uint32_t id = base + i;
		if (c->fid == SBI_SSE_WRITE_ATTRS)
			e->attr[id] = buf[i];
		else if (id == SBI_SSE_ATTR_STATUS)
			buf[i] = e->state | (e->pending ? SBI_SSE_STATUS_PENDING : 0) | SBI_SSE_STATUS_INJECT;
		else
			buf[i] = id == A_HART && !global ? v->id : e->attr[id];
	}
	if (c->fid == SBI_SSE_WRITE_ATTRS && !err)
		poke_due(vm); /* a new priority or preferred hart may make an event due */
	spin_unlock(&vm->sse_lock);
	if (c->fid == SBI_SSE_READ_ATTRS && gmem_write(vm, gpa, buf, 8ull * count))
		return SBI_ERR_INVALID_ADDRESS;
	return err;
}

/* register .. inject: the state machine of one event (fids 2-5 and 7), under the lock */
static int64_t transition(struct hc_call *c, struct sse_event *e, bool global)
{
	struct vm *vm = c->v->vm;
	uint8_t want = c->fid == SBI_SSE_REGISTER ? SBI_SSE_STATE_UNUSED
		       : c->fid == SBI_SSE_DISABLE ? SBI_SSE_STATE_ENABLED : SBI_SSE_STATE_REGISTERED;
	if (c->fid == SBI_SSE_REGISTER && !IS_ALIGNED(c->a[1], 2))
		return SBI_ERR_INVALID_PARAM;
	if (c->fid == SBI_SSE_INJECT) {
		if (!global && c->a[1] >= vm->nvcpus)
			return SBI_ERR_INVALID_PARAM;
		if (!global)
			e = &vm->vcpus[c->a[1]]->sse;
		/* an UNUSED event has no handler to take it: the signal is dropped */
		e->pending = e->state != SBI_SSE_STATE_UNUSED;
		poke_due(vm);
		return SBI_SUCCESS;
	}
	if (e->state != want)
		return SBI_ERR_INVALID_STATE;
	switch (c->fid) {
	case SBI_SSE_REGISTER:
		e->attr[SBI_SSE_ATTR_ENTRY_PC] = c->a[1];
		e->attr[SBI_SSE_ATTR_ENTRY_ARG] = c->a[2];
		e->state = SBI_SSE_STATE_REGISTERED;
		break;
	case SBI_SSE_UNREGISTER: /* priority, config and preferred hart are kept */
		e->attr[SBI_SSE_ATTR_ENTRY_PC] = e->attr[SBI_SSE_ATTR_ENTRY_ARG] = 0;
		e->pending = false;
		e->state = SBI_SSE_STATE_UNUSED;
		break;
	case SBI_SSE_ENABLE:
		e->state = SBI_SSE_STATE_ENABLED;
		poke_due(vm);
		break;
	default: /* DISABLE: a pending signal stays pending */
		e->state = SBI_SSE_STATE_REGISTERED;
	}
	return SBI_SUCCESS;
}

static void handle(struct hc_call *c)
{
	struct vcpu *v = c->v;
	struct vm *vm = v->vm;
	uint32_t id = (uint32_t)c->a[0]; /* 32 bits wide, as are attr_id and attr_count */
	bool global = id == SBI_SSE_EVENT_GLOBAL_SOFTWARE;
	struct sse_event *e = global ? &vm->sse : &v->sse, *running;
	c->value = 0;
	if (c->fid > SBI_SSE_HART_MASK) { c->error = SBI_ERR_NOT_SUPPORTED; return; }
	if (c->fid != SBI_SSE_COMPLETE && c->fid < SBI_SSE_HART_UNMASK) {
		c->error = check_id(id);
		if (c->error)
			return;
		if (c->fid <= SBI_SSE_WRITE_ATTRS) {
			c->error = attrs(c, e, global);
			return;
		}
	}
	c->error = SBI_SUCCESS;
	spin_lock(&vm->sse_lock);
	if (c->fid == SBI_SSE_COMPLETE) {
		due(v, &running);
		if (running) /* else: nothing to complete, SUCCESS */
			complete(c, running);
	} else if (c->fid == SBI_SSE_HART_UNMASK || c->fid == SBI_SSE_HART_MASK) {
		bool unmask = c->fid == SBI_SSE_HART_UNMASK;
		if (v->sse_unmasked == unmask)
			c->error = unmask ? SBI_ERR_ALREADY_STARTED : SBI_ERR_ALREADY_STOPPED;
		v->sse_unmasked = unmask;
	} else {
		c->error = transition(c, e, global);
	}
	if (!c->error && (c->fid == SBI_SSE_COMPLETE || c->fid >= SBI_SSE_HART_UNMASK))
		poke_due(vm); /* a pending event may be due now, or (mask) due on another vCPU */
	spin_unlock(&vm->sse_lock);
}

/* v stops (HSM stop, VCPU_STOP): its local event returns to its reset state and events are
 * masked, as at hart start; a global handler it was running is over (so another vCPU can
 * take the event again). */
void vsbi_sse_stop(struct vcpu *v)
{
	struct vm *vm = v->vm;
	spin_lock(&vm->sse_lock);
	memset(&v->sse, 0, sizeof(v->sse));
	v->sse_unmasked = false;
	v->sse_poke = 0;
	if (vm->sse.state == SBI_SSE_STATE_RUNNING && vm->sse.runner == v->id)
		vm->sse.state = vm->sse.attr[SBI_SSE_ATTR_CONFIG] & SBI_SSE_CONFIG_ONESHOT
					? SBI_SSE_STATE_REGISTERED : SBI_SSE_STATE_ENABLED;
	if (vm->state != VM_DEAD)
		poke_due(vm);
	spin_unlock(&vm->sse_lock);
}

VSBI_EXTENSION(vsbi_sse, SBI_EXT_SSE, SBI_EXT_SSE, handle);

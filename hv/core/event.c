/* Event ports. The pending/mask bitmaps live in a guest page; the hypervisor only ever ORs a
 * pending bit in (atomically) and reads the mask, then raises the VS external interrupt of the
 * port's vCPU. The interrupt stays asserted until the guest's EOI, when it is re-evaluated;
 * with RVPV_EVENT_F_SELF_ACK the guest clears its sie.SEIE instead, which each raise sets. */
#include "event.h"
#include "vm.h"
#include "vcpu.h"
#include "arch.h"

void event_raise_port(struct vm *vm, uint32_t port)
{
	struct rvpv_event_page *pg = vm->evpage;
	if (!pg || port >= RVPV_EVENT_PORTS || !vm->ports[port].source)
		return;
	uint64_t bit = 1ull << (port % 64);
	__atomic_fetch_or(&pg->pending[port / 64], bit, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&pg->mask[port / 64], __ATOMIC_SEQ_CST) & bit)
		return; /* the guest will look when it unmasks and calls EOI */
	uint32_t target = vm->ports[port].vcpu;
	if (target < vm->nvcpus)
		vcpu_raise_irq(vm->vcpus[target], ARCH_VIRQ_EXT);
}

bool event_raise_source(struct vm *vm, uint32_t source, uint32_t arg)
{
	uint16_t *slot = event_bound(vm, source, arg);
	uint16_t port = slot ? __atomic_load_n(slot, __ATOMIC_ACQUIRE) : 0;
	if (!port || !vm->evpage)
		return false;
	event_raise_port(vm, port - 1u); /* which checks that the port is still bound */
	return true;
}

/* A port bound to v is pending and not masked. */
static bool port_live(struct vcpu *v)
{
	struct vm *vm = v->vm;
	struct rvpv_event_page *pg = vm->evpage;
	for (uint32_t w = 0; pg && w < RVPV_EVENT_WORDS; w++) {
		uint64_t live = __atomic_load_n(&pg->pending[w], __ATOMIC_SEQ_CST) &
				~__atomic_load_n(&pg->mask[w], __ATOMIC_SEQ_CST);
		for (; live; live &= live - 1) {
			uint32_t port = w * 64 + (uint32_t)__builtin_ctzll(live);
			if (vm->ports[port].source && vm->ports[port].vcpu == v->id)
				return true;
		}
	}
	return false;
}

void event_recheck(struct vcpu *v)
{
	if (!port_live(v))
		return;
	arch_virq_assert(ARCH_VIRQ_EXT);
	if (v->vm->ev_self_ack) /* the guest acknowledged by clearing it */
		arch_virq_enable(ARCH_VIRQ_EXT);
}

/* Self-acknowledged events, before v runs: no SEIP stays asserted that the guest acknowledged
 * (it cleared SEIE) or can take at once (entered into its handler now, as the hardware would).
 * QEMU 7.2 takes its global lock and re-checks interrupts at every return to its execution loop
 * while any mip bit is set, enabled or not: with one left asserted, Linux ran at half speed. */
void event_settle(struct vcpu *v, bool light, bool raised)
{
	if (!raised && !arch_virq_asserted(ARCH_VIRQ_EXT))
		return;
	arch_virq_retract(ARCH_VIRQ_EXT);
	if (!port_live(v))
		return;
	arch_virq_enable(ARCH_VIRQ_EXT); /* each raise sets SEIE, the guest's acknowledgement */
	if (!arch_virq_ext_inject(v, light))
		arch_virq_assert(ARCH_VIRQ_EXT);
}

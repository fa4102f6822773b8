/* EVENT group: register the event page, bind and unbind sources to ports, EOI, self-send. */
#include "hypercall.h"
#include "hc_util.h"
#include "event.h"
#include "vm.h"
#include "arch.h"

void hc_EVENT_REGISTER_PAGE(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	c->error = c->a[1] & ~(uint64_t)RVPV_EVENT_F_SELF_ACK   ? SBI_ERR_INVALID_PARAM
		   : !IS_ALIGNED(c->a[0], RVPV_EVENT_PAGE_SIZE) ? SBI_ERR_INVALID_ADDRESS : SBI_SUCCESS;
	if (c->error)
		return;
	/* Pinned for the VM's lifetime. Under vm->lock, as balloon_release is: a page being
	 * ballooned out on another vCPU at the same moment is either still the guest's (the
	 * release then fails DENIED) or already gone (this call fails INVALID_ADDRESS). */
	spin_lock(&vm->lock);
	if (vm->evpage) {
		c->error = SBI_ERR_ALREADY_AVAILABLE;
	} else {
		c->error = gmem_pin_locked(vm, &vm->evpin, c->a[0], RVPV_EVENT_PAGE_SIZE);
		if (!c->error) {
			vm->evpage_gpa = c->a[0];
			vm->evpage = gmem_at(&vm->evpin, 0);
			vm->ev_self_ack = c->a[1] != 0;
		}
	}
	spin_unlock(&vm->lock);
}

static bool source_arg_valid(struct vm *vm, uint64_t source, uint64_t arg)
{
	switch (source) {
	case RVPV_EVSRC_TIMER:
	case RVPV_EVSRC_IPI:
		return arg < vm->nvcpus;
	case RVPV_EVSRC_CONSOLE_IN:
	case RVPV_EVSRC_SELF:
	case RVPV_EVSRC_BALLOON:
		return arg == 0;
	case RVPV_EVSRC_BLOCK:
		return vm->cfg->disk >= 0 && arg == 0; /* device 0, queue 0 */
	default:
		return false;
	}
}

void hc_EVENT_BIND(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t port = c->a[0], source = c->a[1], arg = c->a[2], vcpu = c->a[3];
	if (port >= RVPV_EVENT_PORTS || !source_arg_valid(vm, source, arg) || vcpu >= vm->nvcpus) {
		c->error = SBI_ERR_INVALID_PARAM;
		return;
	}
	spin_lock(&vm->lock);
	uint16_t *slot = event_bound(vm, (uint32_t)source, (uint32_t)arg); /* SELF: none, many ports */
	if (!vm->evpage) {
		c->error = SBI_ERR_NO_SHMEM;
	} else if (vm->ports[port].source || (slot && *slot)) {
		c->error = SBI_ERR_ALREADY_AVAILABLE; /* the port, or the source's one port, is taken */
	} else {
		c->error = SBI_SUCCESS;
		vm->ports[port].arg = (uint32_t)arg;
		vm->ports[port].vcpu = (uint8_t)vcpu;
		__atomic_store_n(&vm->ports[port].source, (uint8_t)source, __ATOMIC_RELEASE);
		if (slot)
			__atomic_store_n(slot, (uint16_t)(port + 1), __ATOMIC_RELEASE);
	}
	spin_unlock(&vm->lock);
}

void hc_EVENT_UNBIND(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t port = c->a[0];
	if (port >= RVPV_EVENT_PORTS) { c->error = SBI_ERR_INVALID_PARAM; return; }
	spin_lock(&vm->lock);
	c->error = vm->ports[port].source ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
	uint16_t *slot = event_bound(vm, vm->ports[port].source, vm->ports[port].arg);
	if (slot) /* the source's one port is this one (or nothing is bound: row 0) */
		__atomic_store_n(slot, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&vm->ports[port].source, 0, __ATOMIC_RELEASE);
	spin_unlock(&vm->lock);
}

void hc_EVENT_EOI(struct hc_call *c)
{
	arch_virq_retract(ARCH_VIRQ_EXT);
	event_recheck(c->v);
	c->error = SBI_SUCCESS;
}

void hc_EVENT_SEND(struct hc_call *c)
{
	struct vm *vm = c->v->vm;
	uint64_t port = c->a[0];
	if (port >= RVPV_EVENT_PORTS || vm->ports[port].source != RVPV_EVSRC_SELF) {
		c->error = SBI_ERR_INVALID_PARAM;
		return;
	}
	event_raise_port(vm, (uint32_t)port);
	c->error = SBI_SUCCESS;
}

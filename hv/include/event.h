/* Event ports: the paravirtual interrupt model (ABI group EVENT). */
#ifndef HV_EVENT_H
#define HV_EVENT_H
#include "vm.h"
bool event_raise_source(struct vm *vm, uint32_t source, uint32_t arg); /* false: not bound */
void event_raise_port(struct vm *vm, uint32_t port);
void event_recheck(struct vcpu *v);  /* after EOI: re-raise if something is still pending */
/* RVPV_EVENT_F_SELF_ACK, before v runs: SEIP from the page (raised: a raise for v came) */
void event_settle(struct vcpu *v, bool light, bool raised);

/* Where the one port of a source other than SELF is recorded (port + 1, 0 = unbound; written
 * under vm->lock), so that routing an event is one lookup. NULL for SELF (many ports) and for
 * a source or arg no binding can have (EVENT_BIND checks them first). A new source needs its
 * row in port_of (the last source + 1 rows): without one it would act like SELF, which the
 * conformance cases of one port per source catch (test 71). */
static inline uint16_t *event_bound(struct vm *vm, uint32_t source, uint32_t arg)
{
	bool one_port = source != RVPV_EVSRC_SELF && source < ARRAY_SIZE(vm->port_of);
	return one_port && arg < MAX_VCPUS ? &vm->port_of[source][arg] : NULL;
}
#endif

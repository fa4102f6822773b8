/* Event ports: the paravirtual interrupt model (ABI group EVENT). */
#ifndef HV_EVENT_H
#define HV_EVENT_H
#include "types.h"
struct vm;
struct vcpu;
bool event_raise_source(struct vm *vm, uint32_t source, uint32_t arg); /* false: not bound */
void event_raise_port(struct vm *vm, uint32_t port);
void event_recheck(struct vcpu *v);  /* after EOI: re-raise if something is still pending */
#endif

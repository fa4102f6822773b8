/* Shared between the pv backend's files only. */
#ifndef PV_H
#define PV_H
#include "defs.h"
#include "rvpv/event.h"
extern struct rvpv_event_page pv_events;
extern uint64_t pv_vcpu;
void pv_event_ack(uint32_t port);
int pv_event_pending(uint32_t port);
#endif

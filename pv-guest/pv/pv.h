/* Shared between the pv backend's files only. */
#ifndef PV_H
#define PV_H
#include "defs.h"
#include "rvpv/event.h"
#include "rvpv/hcall.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
/* The kernel is identity-mapped, so a kernel pointer is its guest-physical address. */
#define GPA(p) ((uint64_t)(uintptr_t)(p))
/* Event ports this guest binds (the guest chooses the numbers). */
#define PV_PORT_CONSOLE 1
#define PV_PORT_BLOCK   2
#define PV_PORT_IPI(v)  (16 + (v))
extern struct rvpv_event_page pv_events;
int pv_event_bind(uint32_t port, uint64_t source, uint64_t arg, uint64_t vcpu);
extern uint64_t pv_vcpu;
int pv_event_mine(uint32_t port);   /* bound to the calling vCPU */
void pv_event_ack(uint32_t port);   /* clear + EOI; only on the port's own vCPU */
int pv_event_pending(uint32_t port);
#endif

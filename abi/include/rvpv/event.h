/* rvpv events: the per-VM event page and event sources (the paravirtual interrupt model).
 * Port p is pending when bit p%64 of pending[p/64] is set. The hypervisor raises the guest's
 * VS external interrupt while any port is pending, not masked, and bound to that vCPU. */
#ifndef RVPV_EVENT_H
#define RVPV_EVENT_H

#define RVPV_EVENT_PORTS   512
#define RVPV_EVENT_WORDS   (RVPV_EVENT_PORTS / 64)
#define RVPV_EVENT_PAGE_SIZE 4096

/* EVENT_REGISTER_PAGE flags (ABI 1.3): the guest acknowledges SEIP by clearing sie.SEIE, which
 * the hypervisor sets again with each raise, instead of calling EVENT_EOI (docs/abi.md) */
#define RVPV_EVENT_F_SELF_ACK (1u << 0)

/* EVENT_BIND sources; the argument's meaning depends on the source */
#define RVPV_EVSRC_TIMER      1  /* arg: vCPU id whose CPU_SET_TIMER fires the port */
#define RVPV_EVSRC_IPI        2  /* arg: vCPU id that CPU_SEND_IPI targets */
#define RVPV_EVSRC_CONSOLE_IN 3  /* arg: 0 */
#define RVPV_EVSRC_BLOCK      4  /* arg: (device << 16) | queue */
#define RVPV_EVSRC_SELF       5  /* arg: 0; raised only by EVENT_SEND */
#define RVPV_EVSRC_BALLOON    6  /* arg: 0; the host changed MEM_BALLOON_TARGET (ABI 1.2) */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct rvpv_event_page {
	uint64_t pending[RVPV_EVENT_WORDS]; /* set by the hypervisor (atomic OR), cleared by the guest */
	uint64_t mask[RVPV_EVENT_WORDS];    /* owned by the guest; 1 = masked */
	uint8_t reserved[RVPV_EVENT_PAGE_SIZE - 2 * 8 * RVPV_EVENT_WORDS];
};
_Static_assert(sizeof(struct rvpv_event_page) == 4096, "event page is one page");
_Static_assert(__builtin_offsetof(struct rvpv_event_page, mask) == 64, "mask offset");
#endif
#endif

/* The hostile VM's memory plan, shared by its two halves (hostile.c: random calls on vCPU 0;
 * racer.c: ring races and floods on vCPU 1). RAM is split in three:
 *   P  [image, image end)       the guest's own code, data and stacks: never named as a buffer
 *                                the hypervisor may write, so the guest cannot kill itself;
 *   L  [RAM base, image - 8 KiB) and R [image end, middle): scratch the hypervisor may write; R
 *                                also holds the rings, request headers and data buffers;
 *   B  [middle, RAM end)         the only pages it balloons away (and the device tree). */
#ifndef HOSTILE_H
#define HOSTILE_H
#include "iso.h"

struct plan {
	uint64_t base, end;          /* RAM */
	uint64_t p_lo, p_hi, r_lo, r_hi, b_lo, b_hi;
	uint64_t cfg, desc, avail, used, indirect, hdrs, status, data, text;
	uint32_t data_size;
};
extern struct plan pl;
extern volatile uint64_t hostile_done, racer_ops;
extern volatile uint32_t queue_size; /* of the last QUEUE_SETUP that used our rings */
extern uint64_t hostile_seed;

/* The call vCPU 0 has under way and how many it has begun: racer.c's watchdog reports a call
 * that does not return. */
struct call { uint64_t ext, fid, a[6]; };
extern volatile struct call hostile_current;
extern volatile uint64_t hostile_begun;
/* The time CSR counts at 10 MHz on QEMU virt (the banner's timebase). */
#define HOSTILE_TICKS_PER_SEC ((uint64_t)10000000)

static inline int in_ram(uint64_t a, uint64_t len)
{
	return a >= pl.base && len <= pl.end - pl.base && a - pl.base <= pl.end - pl.base - len;
}

/* Values that fall in (or just below) P are moved into R: a call may write up to 4 KiB at an
 * address it is given. */
static inline uint64_t protect(uint64_t v)
{
	if (v >= pl.p_lo - 8192 && v < pl.p_hi)
		return pl.r_lo + 0x60000 + (v & 0xfff8);
	return v;
}

uint64_t gen_addr(uint64_t *s);
uint64_t gen_len(uint64_t *s);
uint64_t gen_val(uint64_t *s);
struct virtq_desc gen_desc(uint64_t *s, uint32_t qsize);
void racer_main(void) __attribute__((noreturn));
#endif

/* A pin: a guest range of at most one page's length that the hypervisor keeps across calls
 * (event page, vCPU info, virtqueue rings). While it is held, the guest pages under it cannot
 * be ballooned out (MEM_BALLOON_RELEASE answers DENIED), so the host addresses stay its.
 * Standalone (stdint only) so that hv/blk can hold pins through blk_env.h. */
#ifndef HV_GMEM_PIN_H
#define HV_GMEM_PIN_H
#include <stdint.h>

#define GMEM_PIN_MAX_LEN 4096u  /* so a pin touches at most two guest pages */

struct gmem_pin {
	uint64_t gpa, len;
	uint8_t *page[2];           /* host address of each guest page the range touches */
	uint32_t held;
};

/* Host address of byte `off` of a held pin. The object there must not cross a page
 * boundary of the guest range (every ring field and element is naturally aligned). */
static inline void *gmem_at(const struct gmem_pin *p, uint64_t off)
{
	uint64_t a = (p->gpa & 4095u) + off;
	return p->page[a >> 12] + (a & 4095u);
}
#endif

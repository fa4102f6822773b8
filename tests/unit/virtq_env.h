/* Host stand-in for the hypervisor core under the virtq tests: guest RAM of 64 KiB at
 * VQ_RAM_BASE made of two host blocks, so ranges crossing VQ_RAM_SPLIT are not contiguous. */
#ifndef VIRTQ_ENV_H
#define VIRTQ_ENV_H
#include <stdint.h>

#define VQ_RAM_BASE  0x80000000ull
#define VQ_RAM_SIZE  0x10000ull
#define VQ_RAM_SPLIT (VQ_RAM_BASE + VQ_RAM_SIZE / 2)

extern uint8_t *vq_ram_lo, *vq_ram_hi;
extern int vq_notifies; /* blk_env_notify calls */
extern int vq_pins;     /* guest ranges pinned through blk_env_pin and not yet unpinned */
extern uint64_t vq_hole;  /* if set: the 4 KiB page at this GPA is not RAM (ballooned out) */
/* if set: called at every guest-memory write the code under test makes through blk_env_gpa
 * (a status byte, say), as a second vCPU that reacts at once would see it */
extern void (*vq_on_write)(uint64_t gpa);

/* Host pointer of a guest address known to be in RAM (test side, no checks). */
void *vq_host(uint64_t gpa);
void vq_env_init(void);

/* The ring layout both host tests build in that RAM, and small builders for it. */
#include "rvpv/virtio_ring.h"
#define DESC   (VQ_RAM_BASE + 0x0000)
#define AVAIL  (VQ_RAM_BASE + 0x1000)
#define USED   (VQ_RAM_BASE + 0x2000)
#define HDR    (VQ_RAM_BASE + 0x3000)
#define STATUS (VQ_RAM_BASE + 0x3800)
#define DATA   (VQ_RAM_BASE + 0x4000)
#define W VIRTQ_DESC_F_WRITE
#define N VIRTQ_DESC_F_NEXT

static inline struct virtq_avail *A(void) { return vq_host(AVAIL); }
static inline struct virtq_used *U(void) { return vq_host(USED); }
static inline void desc(uint16_t i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	*(struct virtq_desc *)vq_host(DESC + 16u * i) = (struct virtq_desc){ addr, len, flags, next };
}

#endif

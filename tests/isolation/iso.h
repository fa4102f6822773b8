/* Shared by the isolation-test guests: a seeded PRNG, key=value arguments from the device
 * tree's /chosen/bootargs, and the VM's RAM range from MEM_GET_MAP. */
#ifndef ISO_H
#define ISO_H
#include "guest.h"
#include "rvpv/mem.h"
#include "rvpv/blk.h"
#include "rvpv/virtio_ring.h"
#include "rvpv/event.h"
#include "bootargs.h"
#include "fdt.h"

/* xorshift64*: small, full period over nonzero states, good enough to pick arguments */
static inline uint64_t iso_rand(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1Dull;
}

/* /chosen/bootargs of the device tree at dtb, or "" (the reader trusts the blob: it is the
 * hypervisor's, read once before any hostile action). */
static inline const char *iso_bootargs(uint64_t dtb) { return fdt_bootargs(dtb); }
/* The number after "key=" in args (decimal or 0x hex), or dflt. */
static inline uint64_t iso_arg(const char *args, const char *key, uint64_t dflt)
{
	return bootargs_num(args, key, dflt);
}
/* The first RAM region of MEM_GET_MAP. */
void iso_ram(uint64_t *base, uint64_t *size);
/* FNV-1a over 64-bit words. */
uint64_t iso_sum(const volatile uint64_t *p, uint64_t words);

static inline void iso_fence(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }
#endif

/* The hostile VM's argument generators: addresses inside, at the edge of and far outside its
 * RAM (MMIO, where other VMs and the hypervisor live, above the 41-bit guest space), lengths
 * that straddle, overflow or are giant, ids and boundary values, and virtqueue descriptors. */
#include "hostile.h"

static const uint64_t mmio[] = {
	0x0, 0x1000, 0x02000000, 0x0c000000, 0x0c200000, 0x10000000, 0x10001000, 0x10008000,
	0x30000000, 0x7ffff000,
};

static const uint64_t edges[] = {
	0, 1, 2, 7, 8, 63, 64, 255, 256, 511, 512, 4095, 4096, 0x7fffffff, 0x80000000, 0xffffffff,
	0x100000000ull, 1ull << 40, 1ull << 41, 1ull << 63, ~0ull, ~0ull - 1, ~0ull - 4095,
	0x8000000000000000ull - 1,
};

uint64_t gen_addr(uint64_t *s)
{
	uint64_t r = iso_rand(s), a;
	uint64_t size = pl.end - pl.base;
	switch (r % 16) {
	case 0: a = pl.base + (r >> 8) % (pl.p_lo - pl.base); break;               /* L */
	case 1: case 2: a = pl.r_lo + (r >> 8) % (pl.r_hi - pl.r_lo); break;       /* R */
	case 3: a = pl.b_lo + (r >> 8) % (pl.b_hi - pl.b_lo); break;               /* B */
	case 4: case 5: a = pl.r_lo + ((r >> 8) % 8) * 0x1000; break;              /* ring area */
	case 6: a = pl.end - (r >> 8) % 80; break;                                 /* straddles the end */
	case 7: a = pl.end + ((r >> 8) % 4) * 0x1000; break;
	case 8: a = pl.base - 1 - (r >> 8) % 4096; break;
	case 9: a = mmio[(r >> 8) % (sizeof(mmio) / sizeof(mmio[0]))]; break;
	case 10: case 11: /* host RAM beyond ours: other VMs, the hypervisor, OpenSBI's window */
		a = pl.end + (r >> 8) % (0x40000000ull - size); break;
	case 12: a = 0x80000000ull + ((r >> 8) % 64) * 0x100000; break;
	case 13: a = edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))]; break;
	case 14: a = (1ull << 41) - 0x1000 + (r >> 8) % 0x2000; break;
	default: a = iso_rand(s); break;
	}
	if ((r >> 60) == 0)
		a += 1 + (r >> 56) % 7; /* misaligned */
	return a;
}

uint64_t gen_len(uint64_t *s)
{
	uint64_t r = iso_rand(s);
	switch (r % 10) {
	case 0: return 0;
	case 1: return 1 + (r >> 8) % 16;
	case 2: return 1 + (r >> 8) % 4200;
	case 3: return 4096;
	case 4: return pl.end - pl.base;
	case 5: return pl.end - pl.base + 1;
	case 6: return ~0ull - (r >> 8) % 8;
	case 7: return 1ull << (32 + (r >> 8) % 32);
	case 8: return edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
	default: return iso_rand(s);
	}
}

uint64_t gen_val(uint64_t *s)
{
	uint64_t r = iso_rand(s);
	switch (r % 10) {
	case 0: case 1: case 2: return (r >> 8) % 10;
	case 3: case 4: case 5: return gen_addr(s);
	case 6: return gen_len(s);
	case 7: case 8: return edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
	default: return iso_rand(s);
	}
}

/* A descriptor for the racer: plausible buffers in R, loops (next within the queue), giant
 * and zero lengths, every flag combination. A buffer inside RAM never touches P. */
struct virtq_desc gen_desc(uint64_t *s, uint32_t qsize)
{
	uint64_t r = iso_rand(s);
	struct virtq_desc d;
	switch (r % 10) {
	case 0: case 1: case 2: d.addr = pl.data + (r >> 8) % pl.data_size; break;
	case 3: d.addr = pl.hdrs + ((r >> 8) % 256) * 16; break;
	case 4: d.addr = pl.status + (r >> 8) % 256; break;
	case 5: d.addr = pl.indirect + ((r >> 8) % 16) * 16; break;
	default: d.addr = gen_addr(s); break;
	}
	r = iso_rand(s);
	switch (r % 8) {
	case 0: d.len = 16; break;
	case 1: d.len = 1; break;
	case 2: d.len = 512 * (uint32_t)(1 + (r >> 8) % 16); break;
	case 3: d.len = 0; break;
	case 4: d.len = (uint32_t)(pl.end - pl.base); break;
	case 5: d.len = ~0u - (uint32_t)((r >> 8) % 4); break;
	default: d.len = (uint32_t)(r >> 32); break;
	}
	d.flags = (uint16_t)((r >> 16) % 8);
	if ((r >> 24) % 16 == 0)
		d.flags = (uint16_t)(r >> 40);
	d.next = (r >> 28) % 8 ? (uint16_t)((r >> 44) % qsize) : (uint16_t)(r >> 48);
	if (in_ram(d.addr, d.len) && d.addr < pl.p_hi && pl.p_lo < d.addr + d.len)
		d.addr = pl.data + (d.addr & 0xfff0);
	return d;
}

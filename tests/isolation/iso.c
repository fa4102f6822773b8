/* Helpers of the isolation-test guests: bootargs from the device tree, RAM range, checksums. */
#include "iso.h"

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) { a++; b++; }
	return *a == *b;
}

const char *iso_bootargs(uint64_t dtb)
{
	const uint8_t *f = (const uint8_t *)(uintptr_t)dtb;
	if (be32(f) != 0xd00dfeed)
		return "";
	const uint8_t *st = f + be32(f + 8), *strs = f + be32(f + 12);
	uint32_t size = be32(f + 36);
	for (uint32_t off = 0; off + 4 <= size;) {
		uint32_t tok = be32(st + off);
		off += 4;
		if (tok == 1) {                 /* BEGIN_NODE: skip the padded name */
			while (st[off]) off++;
			off = (off + 4) & ~3u;
		} else if (tok == 3) {          /* PROP: len, nameoff, value */
			uint32_t len = be32(st + off), name = be32(st + off + 4);
			const char *val = (const char *)(st + off + 8);
			if (str_eq((const char *)strs + name, "bootargs"))
				return val;
			off = (off + 8 + len + 3) & ~3u;
		} else if (tok == 9) {
			break;
		}
	}
	return "";
}

uint64_t iso_arg(const char *args, const char *key, uint64_t dflt)
{
	for (const char *p = args; *p; p++) {
		if (p != args && p[-1] != ' ')
			continue;
		const char *k = key, *q = p;
		while (*k && *q == *k) { k++; q++; }
		if (*k || *q != '=')
			continue;
		q++;
		uint64_t v = 0, base = 10;
		if (q[0] == '0' && q[1] == 'x') { base = 16; q += 2; }
		for (;; q++) {
			uint64_t d;
			if (*q >= '0' && *q <= '9') d = (uint64_t)(*q - '0');
			else if (base == 16 && *q >= 'a' && *q <= 'f') d = (uint64_t)(*q - 'a' + 10);
			else break;
			v = v * base + d;
		}
		return v;
	}
	return dflt;
}

void iso_ram(uint64_t *base, uint64_t *size)
{
	static struct rvpv_mem_region r[2];
	struct rvpv_sbiret s = rvpv_mem_get_map((uintptr_t)r, 2);
	*base = s.error ? 0x80000000ull : r[0].base;
	*size = s.error ? (16ull << 20) : r[0].size;
}

uint64_t iso_sum(const volatile uint64_t *p, uint64_t words)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (uint64_t i = 0; i < words; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

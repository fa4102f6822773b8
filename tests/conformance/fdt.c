/* Just enough of a flattened device tree reader to check the boot device tree and find the
 * RAM range in /memory, independently of MEM_GET_MAP. */
#include "conf.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;

	while (n--) {
		v = v << 32 | be32(p);
		p += 4;
	}
	return v;
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static int str_prefix(const char *s, const char *pre)
{
	while (*pre && *s == *pre) {
		s++;
		pre++;
	}
	return *pre == 0;
}

int fdt_valid(uint64_t dtb)
{
	const uint8_t *h = (const uint8_t *)(uintptr_t)dtb;

	return dtb && (dtb & 7) == 0 && be32(h) == FDT_MAGIC && be32(h + 20) >= 16;
}

/* First reg entry of the first /memory* node, with the root's #address-cells/#size-cells. */
int fdt_memory(uint64_t dtb, uint64_t *base, uint64_t *size)
{
	const uint8_t *h = (const uint8_t *)(uintptr_t)dtb;
	const uint8_t *p, *strs;
	uint32_t ac = 2, sc = 1, depth = 0;
	int in_memory = 0;

	if (!fdt_valid(dtb))
		return -1;
	p = h + be32(h + 8);
	strs = h + be32(h + 12);
	for (;;) {
		uint32_t tok = be32(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			uint32_t len = 0;
			while (p[len])
				len++;
			p += (len + 4) & ~3u;
			depth++;
			in_memory = depth == 2 && str_prefix(name, "memory");
		} else if (tok == FDT_END_NODE) {
			depth--;
			in_memory = 0;
		} else if (tok == FDT_PROP) {
			uint32_t len = be32(p), off = be32(p + 4);
			const char *pname = (const char *)(strs + off);
			const uint8_t *val = p + 8;
			p += 8 + ((len + 3) & ~3u);
			if (depth == 1 && str_eq(pname, "#address-cells"))
				ac = be32(val);
			else if (depth == 1 && str_eq(pname, "#size-cells"))
				sc = be32(val);
			else if (in_memory && str_eq(pname, "reg") && len >= 4 * (ac + sc)) {
				*base = cells(val, ac);
				*size = cells(val + 4 * ac, sc);
				return 0;
			}
		} else if (tok != FDT_NOP) {
			return -1;
		}
	}
}

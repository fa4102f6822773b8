/* The device-tree reader of the test and bench guests (see fdt.h). */
#include "fdt.h"

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

/* name is want, or want@unit-address */
static int node_is(const char *name, const char *want)
{
	while (*want && *name == *want) {
		name++;
		want++;
	}
	return !*want && (!*name || *name == '@');
}

int fdt_valid(uint64_t dtb)
{
	const uint8_t *h = (const uint8_t *)(uintptr_t)dtb;

	return dtb && (dtb & 7) == 0 && be32(h) == FDT_MAGIC && be32(h + 20) >= 16;
}

const void *fdt_prop(uint64_t dtb, const char *node, const char *prop, uint32_t *len)
{
	const uint8_t *h = (const uint8_t *)(uintptr_t)dtb;
	const uint8_t *st, *strs;
	uint32_t off = 0, size, depth = 0;
	int in_node = !*node;

	if (!fdt_valid(dtb))
		return 0;
	st = h + be32(h + 8);
	strs = h + be32(h + 12);
	size = be32(h + 36);
	while (off + 4 <= size) {
		uint32_t tok = be32(st + off);
		off += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)(st + off);
			while (off < size && st[off])
				off++;
			off = (off + 4) & ~3u;
			depth++;
			in_node = *node ? depth == 2 && node_is(name, node) : depth == 1;
		} else if (tok == FDT_END_NODE) {
			depth--;
			in_node = !*node && depth == 1;
		} else if (tok == FDT_PROP && off + 8 <= size) {
			uint32_t plen = be32(st + off), name = be32(st + off + 4);
			if (in_node && str_eq((const char *)strs + name, prop)) {
				*len = plen;
				return st + off + 8;
			}
			off += 8 + ((plen + 3) & ~3u);
		} else if (tok != FDT_NOP) {
			break;          /* FDT_END, or not a tree this reader knows */
		}
	}
	return 0;
}

const char *fdt_bootargs(uint64_t dtb)
{
	uint32_t len;
	const char *args = fdt_prop(dtb, "chosen", "bootargs", &len);

	return args && len ? args : "";
}

int fdt_memory(uint64_t dtb, uint64_t *base, uint64_t *size)
{
	uint32_t ac = 2, sc = 1, len;
	const uint8_t *v;

	if ((v = fdt_prop(dtb, "", "#address-cells", &len)) && len == 4)
		ac = be32(v);
	if ((v = fdt_prop(dtb, "", "#size-cells", &len)) && len == 4)
		sc = be32(v);
	v = fdt_prop(dtb, "memory", "reg", &len);
	if (!v || len < 4 * (ac + sc))
		return -1;
	*base = cells(v, ac);
	*size = cells(v + 4 * ac, sc);
	return 0;
}

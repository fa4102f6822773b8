/* A tiny flattened-device-tree reader: one pass over the structure block collecting what the
 * kernel needs (memory, timebase, CPU count, bootargs, UART and virtio-mmio addresses).
 * Assumes #address-cells = #size-cells = 2 for memory and devices, as on QEMU virt and rvpv. */
#include "defs.h"

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
	return (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4);
}

static int has_prefix(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

static uint64_t parse_hex(const char *s)
{
	uint64_t v = 0;
	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			v = v * 16 + (uint64_t)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			v = v * 16 + (uint64_t)(*s - 'a' + 10);
		else
			return v;
	}
}

/* Is str one of the NUL-separated strings in the compatible list? */
static int compat_has(const char *list, uint32_t len, const char *str)
{
	for (uint32_t i = 0; i < len; i += strlen(list + i) + 1)
		if (strncmp(list + i, str, strlen(str) + 1) == 0)
			return 1;
	return 0;
}

int fdt_parse(uint64_t addr, struct fdt_info *out)
{
	const uint8_t *fdt = (const uint8_t *)addr;
	if (be32(fdt) != FDT_MAGIC)
		return -1;
	memset(out, 0, sizeof(*out));
	out->fdt_addr = addr;
	out->fdt_size = be32(fdt + 4);
	const uint8_t *p = fdt + be32(fdt + 8);
	const char *strings = (const char *)fdt + be32(fdt + 12);

	int depth = 0;
	const char *node[4] = { 0 };  /* names along the current path, depth < 4 */
	uint64_t reg = 0;
	int is_uart = 0, is_virtio = 0;
	for (;;) {
		uint32_t tok = be32(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			p += (strlen(name) + 4) & ~3ull;
			if (depth < 4)
				node[depth] = name;
			depth++;
			reg = 0;
			is_uart = is_virtio = 0;
			if (depth == 3 && has_prefix(node[1], "cpus") && has_prefix(name, "cpu@") &&
			    out->ncpus < 8)
				out->hartids[out->ncpus++] = parse_hex(name + 4);
		} else if (tok == FDT_END_NODE) {
			if (is_uart && !out->uart_base)
				out->uart_base = reg;
			if (is_virtio && out->nvirtio < 8)
				out->virtio_base[out->nvirtio++] = reg;
			is_uart = is_virtio = 0;
			depth--;
			if (depth == 0)
				break;
		} else if (tok == FDT_PROP) {
			uint32_t len = be32(p);
			const char *pname = strings + be32(p + 4);
			const uint8_t *val = p + 8;
			p += 8 + ((len + 3) & ~3u);
			const char *cur = depth <= 4 ? node[depth - 1] : "";
			if (strncmp(pname, "reg", 4) == 0 && len >= 16) {
				reg = be64(val);
				if (depth == 2 && has_prefix(cur, "memory")) {
					out->mem_base = be64(val);
					out->mem_size = be64(val + 8);
				}
			} else if (strncmp(pname, "timebase-frequency", 19) == 0 && depth == 2) {
				out->timebase = len == 8 ? be64(val) : be32(val);
			} else if (strncmp(pname, "bootargs", 9) == 0 && depth == 2) {
				out->bootargs = (const char *)val;
			} else if (strncmp(pname, "compatible", 11) == 0) {
				is_uart = compat_has((const char *)val, len, "ns16550a");
				is_virtio = compat_has((const char *)val, len, "virtio,mmio");
			}
		} else if (tok == FDT_NOP) {
			continue;
		} else {
			break;
		}
	}
	return out->mem_size ? 0 : -1;
}

/* libFuzzer target for the device-tree reader (hv/core/fdt.c) and its consumer
 * hv/core/platform.c: the input is the blob firmware would hand over. Every lookup the
 * hypervisor makes is tried; results must lie inside the blob, walks must end, and the
 * platform tables must stay within their arrays. ASan catches any read outside the input. */
#include <stddef.h>
#include <stdint.h>
#include "string.h" /* hv/include/string.h: the hypervisor's own subset */
#include "fdt.h"
#include "platform.h"

#define REQUIRE(c)                        \
	do {                              \
		if (!(c))                 \
			__builtin_trap(); \
	} while (0)

void hv_printf(const char *fmt, ...) { (void)fmt; }

static const uint8_t *lo, *hi;

static int has_nul(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			return 1;
	return 0;
}

static void inside(const void *p, uint64_t len)
{
	REQUIRE((const uint8_t *)p >= lo && len <= (uint64_t)(hi - (const uint8_t *)p));
}

static void node_checks(const struct fdt *f, int node)
{
	static const char *const props[] = { "reg", "compatible", "device_type", "status", "phandle",
		"#address-cells", "#size-cells", "interrupts", "riscv,isa", "bootargs", "" };
	const char *name = fdt_name(f, node);
	if (name) {
		inside(name, 1);
		REQUIRE(has_nul(name, (size_t)(hi - (const uint8_t *)name)));
	}
	for (unsigned i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		uint32_t len = 0, v32;
		uint64_t v64;
		const void *p = fdt_prop(f, node, props[i], &len);
		if (p)
			inside(p, len);
		(void)fdt_prop_u32(f, node, props[i], &v32);
		(void)fdt_prop_u64(f, node, props[i], &v64);
		(void)fdt_has_string(f, node, props[i], "okay");
	}
	uint64_t a, s;
	for (int idx = 0; idx < 3; idx++)
		for (uint32_t ac = 0; ac < 4; ac++)
			(void)fdt_reg(f, node, idx, ac, 2 - ac % 3, &a, &s);
	(void)fdt_has_string(f, node, "compatible", "virtio,mmio");
	(void)fdt_subnode(f, node, "cpu");
	(void)fdt_subnode(f, node, "interrupt-controller");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdt f;
	lo = data;
	hi = data + size;
	if (size >= 8)
		(void)fdt_totalsize(data);
	if (fdt_open(&f, data, size) == 0) {
		REQUIRE(f.size <= size);
		int depth = 0, node = fdt_root(&f), steps = 0;
		while (node >= 0) {
			node_checks(&f, node);
			node = fdt_next_node(&f, node, &depth);
			REQUIRE(++steps <= (int)(size / 4) + 1); /* each node costs at least a token */
		}
		static const char *const paths[] = { "/", "/cpus", "/cpus/cpu@0", "/soc", "/chosen",
			"/memory", "/reserved-memory", "//", "/soc/", "/a/b/c/d/e/f/g/h/i/j/k" };
		for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			int n = fdt_path(&f, paths[i]);
			if (n >= 0)
				node_checks(&f, n);
		}
		node = -1;
		steps = 0;
		while ((node = fdt_find_compatible(&f, node, "virtio,mmio")) >= 0)
			REQUIRE(++steps <= (int)(size / 4) + 1);
	}
	memset(&plat, 0, sizeof(plat));
	if (platform_probe(data, size) == 0)
		REQUIRE(plat.ram_size && plat.nharts && plat.timebase);
	REQUIRE(plat.nharts <= MAX_HARTS && plat.ndevs <= MAX_PLAT_DEVS && plat.nreserved <= 8);
	/* every device's compatible lies inside the blob, and matching it stays inside too */
	for (uint32_t i = 0; i < plat.ndevs; i++) {
		const uint8_t *c = (const uint8_t *)plat.devs[i].compatible;
		REQUIRE(c >= data && plat.devs[i].compatible_len <= size &&
			(size_t)(c - data) <= size - plat.devs[i].compatible_len);
		(void)plat_dev_is(&plat.devs[i], "virtio,mmio");
	}
	REQUIRE(has_nul(plat.isa, sizeof(plat.isa)));
	return 0;
}

// sources: tests/lib/fmt.c tests/lib/fdt.c tests/lib/bootargs.c hv/core/fdt_build.c
/* The test and bench guests' support library on the host (tests/lib): the printf core's
 * conversions and truncation, bootargs words, and the device-tree reader on trees built with
 * the hypervisor's writer (bootargs, /memory with 2+2 and 1+1 cells, unit addresses, a root
 * property, what is missing) and on broken headers; argv[1], if given, is QEMU virt's own
 * tree (test 12 dumps it with -m 256M). */
#include "unit.h"
#include "fdt_build.h"
#include "../lib/bootargs.h"
#include "../lib/fdt.h"
#include "../lib/fmt.h"
#include <string.h>

static char out[64];
static size_t out_len;

static void out_put(struct fmt_sink *s __attribute__((unused)), char c)
{
	if (out_len + 1 < sizeof(out))
		out[out_len++] = c;
	out[out_len] = 0;
}

static const char *fmt_sink_hex(const char *fmt, ...)
{
	struct fmt_sink sink = { out_put, 1 };
	va_list ap;

	out_len = 0;
	out[0] = 0;
	va_start(ap, fmt);
	fmt_vprint(&sink, fmt, ap);
	va_end(ap);
	return out;
}

static int fmt_is(const char *want, const char *fmt, ...)
{
	char buf[64];
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vbuf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	buf[n] = 0;
	if (strcmp(buf, want))
		fprintf(stderr, "fmt \"%s\": got \"%s\", want \"%s\"\n", fmt, buf, want);
	return !strcmp(buf, want);
}

static void fmt_cases(void)
{
	CHECK(fmt_is("a 42 -7 0 x", "a %d %d %u %c", 42, -7, 0u, 'x'));
	CHECK(fmt_is("18446744073709551615 -9223372036854775808", "%lu %ld",
		     (uint64_t)-1, (int64_t)INT64_MIN));
	CHECK(fmt_is("ff 0xdeadbeefcafe 4294967295", "%x 0x%lx %u", 255u, 0xdeadbeefcafeull, 0xffffffffu));
	CHECK(fmt_is("7 7", "%llu %lld", 7ull, 7ll));
	CHECK(fmt_is("100% ?", "100%% %q"));
	CHECK(fmt_is("str: hello.", "str: %s.", "hello"));
	CHECK(fmt_is("end", "end%"));
	char small[4];
	CHECK(fmt_buf(small, sizeof(small), "%s", "truncated") == 4 && !memcmp(small, "trun", 4));
	CHECK(!strcmp(fmt_sink_hex("%x %lx %d", 16u, 1ull << 40, -1), "0x10 0x10000000000 -1"));
}

static void bootargs_cases(void)
{
	const char *a = "xseed=5 seed=0x1f n=12 verbose trace=3x quiet";

	CHECK(bootargs_num(a, "seed", 9) == 0x1f);
	CHECK(bootargs_num(a, "n", 0) == 12);
	CHECK(bootargs_num(a, "trace", 0) == 3);
	CHECK(bootargs_num(a, "eed", 9) == 9);
	CHECK(bootargs_num(a, "missing", 77) == 77);
	CHECK(bootargs_num("", "n", 1) == 1);
	CHECK(bootargs_flag(a, "verbose"));
	CHECK(bootargs_flag(a, "quiet"));
	CHECK(!bootargs_flag(a, "seed"));
	CHECK(!bootargs_flag(a, "verb"));
}

static uint64_t tree[512];      /* 8-byte aligned, as fdt_valid asks */

/* cells: 2 (64-bit address and size) or 1; bootargs may be 0 */
static uint64_t build(uint32_t cells, const char *bootargs)
{
	struct fdt_builder b;
	uint8_t reg[16];
	uint32_t n = 0;

	fdtb_init(&b, tree, sizeof(tree));
	fdtb_begin_node(&b, "");
	fdtb_prop_u32(&b, "#address-cells", cells);
	fdtb_prop_u32(&b, "#size-cells", cells);
	fdtb_prop_str(&b, "model", "rvpv-test");
	fdtb_begin_node(&b, "memoryless");     /* not /memory: the name must match to the '@' */
	fdtb_prop_u32(&b, "reg", 1);
	fdtb_end_node(&b);
	fdtb_begin_node(&b, "cpus");
	fdtb_begin_node(&b, "cpu@0");
	fdtb_prop_str(&b, "bootargs", "not-chosen");  /* deeper than /chosen: not it */
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	if (bootargs) {
		fdtb_begin_node(&b, "chosen");
		fdtb_prop_str(&b, "bootargs", bootargs);
		fdtb_end_node(&b);
	}
	fdtb_begin_node(&b, "memory@80000000");
	fdtb_prop_str(&b, "device_type", "memory");
	if (cells == 2) {
		uint8_t r[16] = { 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
		memcpy(reg, r, 16);
		n = 16;
	} else {
		uint8_t r[8] = { 0x80, 0x20, 0, 0, 0x04, 0, 0, 0 };
		memcpy(reg, r, 8);
		n = 8;
	}
	fdtb_prop(&b, "reg", reg, n);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	CHECK(fdtb_finish(&b) > 0);
	return (uint64_t)(uintptr_t)tree;
}

static void fdt_cases(const char *qemu_dtb)
{
	uint64_t base = 0, size = 0, dtb = build(2, "seed=54 quiet");
	uint32_t len = 0;

	CHECK(fdt_valid(dtb));
	CHECK(!strcmp(fdt_bootargs(dtb), "seed=54 quiet"));
	CHECK(fdt_memory(dtb, &base, &size) == 0 && base == 0x80000000ull && size == 1ull << 32);
	const char *model = fdt_prop(dtb, "", "model", &len);
	CHECK(model && len == 10 && !strcmp(model, "rvpv-test"));
	CHECK(!fdt_prop(dtb, "chosen", "stdout-path", &len));
	CHECK(!fdt_prop(dtb, "", "bootargs", &len));

	dtb = build(1, 0);
	CHECK(!strcmp(fdt_bootargs(dtb), ""));
	CHECK(fdt_memory(dtb, &base, &size) == 0 && base == 0x80200000ull && size == 0x04000000ull);

	/* broken headers: no magic, an old version, misaligned */
	uint8_t *h = (uint8_t *)tree;
	h[0] ^= 1;
	CHECK(!fdt_valid(dtb) && !strcmp(fdt_bootargs(dtb), "") && fdt_memory(dtb, &base, &size) < 0);
	h[0] ^= 1;
	h[23] = 15;
	CHECK(!fdt_valid(dtb));
	h[23] = 17;
	CHECK(fdt_valid(dtb) && !fdt_valid(dtb + 4) && !fdt_valid(0));
	/* a structure block declared too short: the walk stops inside it */
	uint32_t st = h[36] << 24 | h[37] << 16 | h[38] << 8 | h[39];
	h[36] = h[37] = h[38] = 0;
	h[39] = 8;
	CHECK(fdt_memory(dtb, &base, &size) < 0);
	h[36] = st >> 24; h[37] = st >> 16; h[38] = st >> 8; h[39] = st;
	CHECK(fdt_memory(dtb, &base, &size) == 0);

	if (qemu_dtb) {
		static uint64_t q[1 << 14];
		FILE *f = fopen(qemu_dtb, "rb");
		size_t n = f ? fread(q, 1, sizeof(q), f) : 0;
		if (f)
			fclose(f);
		CHECK(n > 40);
		CHECK(fdt_memory((uint64_t)(uintptr_t)q, &base, &size) == 0 && base == 0x80000000ull &&
		      size == 256ull << 20);
	}
}

int main(int argc, char **argv)
{
	fmt_cases();
	bootargs_cases();
	fdt_cases(argc > 1 ? argv[1] : 0);
	return unit_summary("tlib");
}

// sources: hv/core/fdt.c hv/core/fdt_build.c hv/core/printf.c hv/core/platform.c
/* The device-tree reader and writer: a round trip, lookups by path and compatible, reg
 * decoding, and hostile blobs (truncated, bad offsets, unterminated names, every prefix);
 * platform_probe on QEMU virt's own trees, with the ACLINT and with the plain CLINT. */
#include "unit.h"
#include "fdt.h"
#include "fdt_build.h"
#include "platform.h"
#include <string.h>

static int build(uint8_t *buf, uint32_t cap)
{
	struct fdt_builder b;
	fdtb_init(&b, buf, cap);
	fdtb_begin_node(&b, "");
	fdtb_prop_u32(&b, "#address-cells", 2);
	fdtb_prop_u32(&b, "#size-cells", 2);
	fdtb_begin_node(&b, "cpus");
	fdtb_prop_u32(&b, "timebase-frequency", 10000000);
	fdtb_begin_node(&b, "cpu@0");
	fdtb_prop_str(&b, "device_type", "cpu");
	fdtb_prop_u32(&b, "reg", 0);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	fdtb_begin_node(&b, "soc");
	fdtb_begin_node(&b, "serial@10000000");
	static const char compat[] = "vendor,x\0ns16550a";
	fdtb_prop(&b, "compatible", compat, sizeof(compat));
	uint8_t reg[16] = { 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	fdtb_prop(&b, "reg", reg, 16);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	return fdtb_finish(&b);
}

int main(int argc, char **argv)
{
	uint8_t buf[2048];
	int size = build(buf, sizeof(buf));
	CHECK(size > 0);
	struct fdt f;
	CHECK(fdt_open(&f, buf, (uint64_t)size) == 0);
	int cpus = fdt_path(&f, "/cpus");
	CHECK(cpus >= 0);
	uint64_t tb = 0;
	CHECK(fdt_prop_u64(&f, cpus, "timebase-frequency", &tb) && tb == 10000000);
	int cpu = fdt_subnode(&f, cpus, "cpu");
	CHECK(cpu >= 0 && strcmp(fdt_name(&f, cpu), "cpu@0") == 0);
	CHECK(fdt_has_string(&f, cpu, "device_type", "cpu"));
	CHECK(fdt_path(&f, "/cpus/cpu@1") < 0);
	CHECK(fdt_path(&f, "/nothing") < 0);
	int uart = fdt_find_compatible(&f, -1, "ns16550a");
	CHECK(uart >= 0 && fdt_find_compatible(&f, uart, "ns16550a") < 0);
	uint64_t a, s;
	CHECK(fdt_reg(&f, uart, 0, 2, 2, &a, &s) && a == 0x10000000 && s == 0x100);
	CHECK(!fdt_reg(&f, uart, 1, 2, 2, &a, &s));
	CHECK(!fdt_reg(&f, uart, 0, 3, 2, &a, &s));
	/* too small a buffer for the writer is reported, not overrun */
	uint8_t tiny[100];
	CHECK(build(tiny, sizeof(tiny)) < 0);

	/* every truncation is rejected or parsed without reading past the end (ASan checks) */
	for (int cut = 0; cut < size; cut++) {
		uint8_t *copy = malloc((size_t)cut + 1);
		memcpy(copy, buf, (size_t)cut);
		struct fdt t;
		if (fdt_open(&t, copy, (uint64_t)cut) == 0) {
			int d = 0, n = fdt_root(&t);
			while (n >= 0) n = fdt_next_node(&t, n, &d);
		}
		free(copy);
	}
	/* corrupt every byte in turn: never a crash, never a read outside the blob */
	for (int i = 0; i < size; i++) {
		uint8_t *copy = malloc((size_t)size);
		memcpy(copy, buf, (size_t)size);
		copy[i] ^= 0xff;
		struct fdt t;
		if (fdt_open(&t, copy, (uint64_t)size) == 0) {
			int d = 0, n = fdt_root(&t);
			while (n >= 0) {
				uint32_t len;
				fdt_prop(&t, n, "reg", &len);
				fdt_has_string(&t, n, "compatible", "ns16550a");
				n = fdt_next_node(&t, n, &d);
			}
			fdt_path(&t, "/cpus/cpu@0");
		}
		free(copy);
	}
	CHECK(fdt_open(&f, buf, 39) < 0);                   /* shorter than a header */
	uint8_t bad[64] = { 0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 64 };
	CHECK(fdt_open(&f, bad, sizeof(bad)) < 0);          /* version 0, offsets 0 */

	/* a real QEMU virt tree, when the test script dumped one */
	if (argc > 1) {
		FILE *fp = fopen(argv[1], "rb");
		static uint8_t dtb[1 << 20];
		size_t n = fp ? fread(dtb, 1, sizeof(dtb), fp) : 0;
		if (fp) fclose(fp);
		CHECK(n > 0 && fdt_open(&f, dtb, n) == 0);
		int mem = fdt_path(&f, "/memory@80000000");
		CHECK(mem >= 0 && fdt_reg(&f, mem, 0, 2, 2, &a, &s) && a == 0x80000000ull && s == 256ull << 20);
		CHECK(fdt_find_compatible(&f, -1, "ns16550a") >= 0);
		CHECK(fdt_find_compatible(&f, -1, "virtio,mmio") >= 0);
		int c0 = fdt_path(&f, "/cpus/cpu@1");
		CHECK(c0 >= 0 && fdt_subnode(&f, c0, "interrupt-controller") >= 0);
	}
	/* argv[1] has the ACLINT (virt,aclint=on), argv[2] not: each hart's PLIC S context (QEMU:
	 * 2 * hart + 1) and SSWI SETSSIP register (4 bytes a hart from 0x2f00000), or none */
	for (int t = 1; t < argc && t <= 2; t++) {
		FILE *fp = fopen(argv[t], "rb");
		static uint8_t dtb[1 << 16];
		size_t n = fp ? fread(dtb, 1, sizeof(dtb), fp) : 0;
		if (fp) fclose(fp);
		memset(&plat, 0, sizeof(plat));
		plat.boot_hartid = 1; /* index 0 whatever its place in the tree */
		CHECK(n > 0 && platform_probe(dtb, n) == 0 && plat.nharts == 2 && plat.hartids[0] == 1);
		for (uint32_t i = 0; i < 2; i++) {
			uint64_t id = plat.hartids[i];
			CHECK(plat.plic_ctx[i] == 2 * id + 1);
			CHECK(plat.sswi_setssip[i] == (t == 1 ? 0x2f00000 + 4 * id : 0));
		}
	}
	return unit_summary("fdt");
}

/* Reads the machine description from the device tree OpenSBI hands over: RAM, harts,
 * timebase, the PLIC, and the device nodes the drivers claim (core/devices.c). No virt
 * address is assumed. */
#include "platform.h"
#include "fdt.h"
#include "printf.h"
#include "string.h"

struct platform plat;
static bool boot_found;

static void probe_cpus(const struct fdt *f)
{
	int cpus = fdt_path(f, "/cpus");
	if (cpus < 0)
		return;
	fdt_prop_u64(f, cpus, "timebase-frequency", &plat.timebase);
	int depth = 0, node = cpus;
	plat.nharts = 1;
	while ((node = fdt_next_node(f, node, &depth)) >= 0 && depth > 0) {
		if (depth != 1 || !fdt_has_string(f, node, "device_type", "cpu"))
			continue;
		uint32_t len;
		const char *status = fdt_prop(f, node, "status", &len);
		if (status && len >= 4 && strncmp(status, "okay", 4) != 0)
			continue;
		uint64_t id, sz;
		if (!fdt_reg(f, node, 0, 1, 0, &id, &sz))
			continue;
		uint32_t i = plat.nharts;
		if (id == plat.boot_hartid && !boot_found) {
			i = 0;
			boot_found = true;
		} else if (i == MAX_HARTS) {
			if (plat.nunused < MAX_HARTS)
				plat.unused[plat.nunused] = id;
			plat.nunused++;
			continue;
		} else {
			plat.nharts++;
		}
		int intc = fdt_subnode(f, node, "interrupt-controller");
		uint32_t ph = 0;
		if (intc >= 0)
			fdt_prop_u32(f, intc, "phandle", &ph);
		plat.intc_phandle[i] = ph;
		plat.hartids[i] = id;
		const char *isa = fdt_prop(f, node, "riscv,isa", &len);
		if (isa && len > 0 && len <= sizeof(plat.isa) && isa[len - 1] == 0) {
			memcpy(plat.isa, isa, len);
			/* multi-letter extensions are '_'-separated */
			plat.has_sstc = false;
			for (const char *p = isa; *p; p++)
				if ((p == isa || p[-1] == '_') && strncmp(p, "sstc", 4) == 0 &&
				    (p[4] == 0 || p[4] == '_'))
					plat.has_sstc = true;
		}
	}
}

/* interrupts-extended of an interrupt controller: one (intc phandle, irq) pair per context.
 * For each hart that local interrupt irq of one of the first nctx contexts reaches, out[i]
 * becomes base + stride * that context. */
static void hart_contexts(const struct fdt *f, int node, uint32_t irq, uint64_t *out, uint64_t base,
			  uint64_t stride, uint64_t nctx)
{
	uint32_t len;
	const uint8_t *ie = fdt_prop(f, node, "interrupts-extended", &len);
	for (uint32_t ctx = 0; ie && (ctx + 1) * 8 <= len && ctx < nctx; ctx++) {
		uint32_t ph = fdt_be32(ie + ctx * 8);
		for (uint32_t i = 0; i < plat.nharts; i++)
			if (fdt_be32(ie + ctx * 8 + 4) == irq && ph && plat.intc_phandle[i] == ph)
				out[i] = base + stride * ctx;
	}
}

bool plat_dev_is(const struct plat_dev *d, const char *compatible)
{
	size_t n = strlen(compatible);
	for (uint32_t at = 0; at < d->compatible_len;) {
		uint32_t len = 0;
		while (at + len < d->compatible_len && d->compatible[at + len])
			len++;
		if (len == n && !memcmp(d->compatible + at, compatible, n))
			return true;
		at += len + 1;
	}
	return false;
}

/* Every child of bus with a compatible and a reg entry, for the drivers to claim. */
static void probe_devices(const struct fdt *f, int bus, uint32_t acells, uint32_t scells)
{
	int depth = 0, node = bus;
	while ((node = fdt_next_node(f, node, &depth)) >= 0 && depth > 0) {
		struct plat_dev *d = &plat.devs[plat.ndevs];
		uint32_t len;
		const char *compat = fdt_prop(f, node, "compatible", &len);
		if (depth != 1 || !compat || !len || plat.ndevs == MAX_PLAT_DEVS ||
		    !fdt_reg(f, node, 0, acells, scells, &d->base, &d->size))
			continue;
		d->compatible = compat;
		d->compatible_len = len;
		d->irq = d->reg_shift = 0;
		fdt_prop_u32(f, node, "interrupts", &d->irq); /* left 0 unless it is one cell */
		fdt_prop_u32(f, node, "reg-shift", &d->reg_shift);
		plat.ndevs++;
	}
	/* highest address first: QEMU fills the virtio-mmio slots from the top, so disk N is the
	 * N-th virtio device on its command line */
	for (uint32_t i = 1; i < plat.ndevs; i++)
		for (uint32_t j = i; j > 0 && plat.devs[j - 1].base < plat.devs[j].base; j--) {
			struct plat_dev t = plat.devs[j];
			plat.devs[j] = plat.devs[j - 1];
			plat.devs[j - 1] = t;
		}
}

int platform_probe(const void *dtb, uint64_t max_size)
{
	struct fdt f;
	boot_found = false;
	if (fdt_open(&f, dtb, max_size) < 0) {
		hv_printf("hv: invalid device tree at %p\n", dtb);
		return -1;
	}
	uint32_t acells = 2, scells = 2;
	int root = fdt_root(&f);
	fdt_prop_u32(&f, root, "#address-cells", &acells);
	fdt_prop_u32(&f, root, "#size-cells", &scells);

	int depth = 0, node = root;
	while ((node = fdt_next_node(&f, node, &depth)) >= 0) {
		if (depth == 1 && fdt_has_string(&f, node, "device_type", "memory") && !plat.ram_size)
			fdt_reg(&f, node, 0, acells, scells, &plat.ram_base, &plat.ram_size);
	}
	/* /reserved-memory children (OpenSBI's own region lives here) */
	int rsv = fdt_path(&f, "/reserved-memory");
	if (rsv >= 0) {
		depth = 0;
		node = rsv;
		while ((node = fdt_next_node(&f, node, &depth)) >= 0 && depth > 0)
			if (depth == 1 && plat.nreserved < 8 &&
			    fdt_reg(&f, node, 0, acells, scells, &plat.reserved_base[plat.nreserved],
				    &plat.reserved_size[plat.nreserved]))
				plat.nreserved++;
	}
	probe_cpus(&f);

	int soc = fdt_path(&f, "/soc");
	uint32_t sac = acells, ssc = scells;
	if (soc >= 0) {
		fdt_prop_u32(&f, soc, "#address-cells", &sac);
		fdt_prop_u32(&f, soc, "#size-cells", &ssc);
	}
	node = fdt_find_compatible(&f, -1, "riscv,plic0");
	if (node < 0)
		node = fdt_find_compatible(&f, -1, "sifive,plic-1.0.0");
	if (node >= 0) {
		fdt_reg(&f, node, 0, sac, ssc, &plat.plic_base, &plat.plic_size);
		fdt_prop_u32(&f, node, "riscv,ndev", &plat.plic_ndev);
		hart_contexts(&f, node, 9, plat.plic_ctx, 0, 1, UINT32_MAX); /* 9: S-mode external */
	}
	/* ACLINT SSWI (QEMU virt,aclint=on), one node per socket: a 32-bit SETSSIP register per
	 * context raises that hart's SSIP, so kicks need no firmware call (arch_hart_kick) */
	for (node = -1; (node = fdt_find_compatible(&f, node, "riscv,aclint-sswi")) >= 0;) {
		uint64_t base, size;
		if (fdt_reg(&f, node, 0, sac, ssc, &base, &size)) /* 1: S-mode software */
			hart_contexts(&f, node, 1, plat.sswi_setssip, base, 4, size / 4);
	}
	probe_devices(&f, soc >= 0 ? soc : root, sac, ssc);
	if (!plat.ram_size || !boot_found || !plat.timebase) {
		hv_printf("hv: device tree lacks memory, the boot hart or timebase-frequency\n");
		return -1;
	}
	return 0;
}

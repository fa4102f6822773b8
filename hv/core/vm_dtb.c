/* The device tree each VM boots with: its RAM, its vCPUs (with the ISA it really gets: no 'h',
 * sstc only when offered), the timebase, /chosen bootargs and initrd, and an /hypervisor node
 * naming rvpv. */
#include "vm_dtb.h"
#include "vm.h"
#include "fdt_build.h"
#include "platform.h"
#include "printf.h"
#include "string.h"

/* The host ISA string minus what the guest does not get: the hypervisor extension (VS-mode
 * cannot use it) and the vector extension (its state is not switched between vCPUs). F and D
 * stay: their registers are switched per vCPU (arch_fp_load). */
static void guest_isa(char *out, size_t cap)
{
	const char *src = plat.isa[0] ? plat.isa : "rv64imafdc_zicsr_zifencei";
	size_t n = 0, i = 0;
	/* single-letter part: copy until the first '_' dropping 'h' and 'v' */
	for (; src[i] && src[i] != '_' && n + 1 < cap; i++)
		if (i < 4 || (src[i] != 'h' && src[i] != 'v'))
			out[n++] = src[i];
	/* multi-letter part: keep every extension but sstc when it is not offered */
	while (src[i] == '_') {
		size_t j = i + 1;
		while (src[j] && src[j] != '_') j++;
		bool keep = !(j - i - 1 == 4 && strncmp(src + i + 1, "sstc", 4) == 0 && !plat.has_sstc);
		for (size_t k = i; keep && k < j && n + 1 < cap; k++)
			out[n++] = src[k];
		i = j;
	}
	out[n] = 0;
}

/* The same ISA in the newer binding's form, for riscv,isa-extensions: a string list of every
 * extension of the riscv,isa string ("rv64" + letters, then each _name), base "i" included. */
static uint32_t isa_extensions(const char *isa, char *out, uint32_t cap)
{
	uint32_t n = 0;
	const char *p = isa + 4;
	for (; *p && *p != '_' && n + 2 <= cap; p++) {
		out[n++] = *p;
		out[n++] = 0;
	}
	for (; *p && n < cap; p++)
		if (*p != '_')
			out[n++] = *p;
		else if (n && out[n - 1])
			out[n++] = 0;
	if (n < cap && n && out[n - 1])
		out[n++] = 0;
	return n;
}

int vm_dtb_build(struct vm *vm, void *buf, uint32_t size)
{
	struct fdt_builder b;
	char name[32], isa[96], exts[128];
	fdtb_init(&b, buf, size);
	fdtb_begin_node(&b, "");
	fdtb_prop_u32(&b, "#address-cells", 2);
	fdtb_prop_u32(&b, "#size-cells", 2);
	fdtb_prop_str(&b, "compatible", "rvpv,vm");
	snprintf(name, sizeof(name), "rvpv,%s", vm->name);
	fdtb_prop_str(&b, "model", name);

	fdtb_begin_node(&b, "chosen");
	fdtb_prop_str(&b, "bootargs", vm->cfg->bootargs ? vm->cfg->bootargs : "");
	if (vm->initrd_size) {
		/* the standard pair, 64-bit each: [start, end) */
		fdtb_prop_u64s(&b, "linux,initrd-start", &vm->initrd_gpa, 1);
		fdtb_prop_u64s(&b, "linux,initrd-end", (uint64_t[]){ vm->initrd_gpa + vm->initrd_size }, 1);
	}
	fdtb_end_node(&b);

	snprintf(name, sizeof(name), "memory@%lx", (unsigned long)vm->ram_gpa);
	fdtb_begin_node(&b, name);
	fdtb_prop_str(&b, "device_type", "memory");
	fdtb_prop_u64s(&b, "reg", (uint64_t[]){ vm->ram_gpa, vm->ram_size }, 2);
	fdtb_end_node(&b);

	/* The device tree's own 64 KiB: reserved, but without no-map, so the kernel keeps it in its
	 * linear map (a no-map hole in the last 2 MiB makes Linux map that block with 4 KiB pages). */
	fdtb_begin_node(&b, "reserved-memory");
	fdtb_prop_u32(&b, "#address-cells", 2);
	fdtb_prop_u32(&b, "#size-cells", 2);
	fdtb_prop(&b, "ranges", NULL, 0);
	snprintf(name, sizeof(name), "fdt@%lx", (unsigned long)vm->dtb_gpa);
	fdtb_begin_node(&b, name);
	fdtb_prop_u64s(&b, "reg", (uint64_t[]){ vm->dtb_gpa, GUEST_DTB_SIZE }, 2);
	fdtb_end_node(&b);
	fdtb_end_node(&b);

	fdtb_begin_node(&b, "cpus");
	fdtb_prop_u32(&b, "#address-cells", 1);
	fdtb_prop_u32(&b, "#size-cells", 0);
	fdtb_prop_u32(&b, "timebase-frequency", (uint32_t)plat.timebase);
	guest_isa(isa, sizeof(isa));
	uint32_t exts_len = isa_extensions(isa, exts, sizeof(exts));
	for (uint32_t i = 0; i < vm->cfg->vcpus; i++) {
		snprintf(name, sizeof(name), "cpu@%u", i);
		fdtb_begin_node(&b, name);
		fdtb_prop_str(&b, "device_type", "cpu");
		fdtb_prop_u32(&b, "reg", i);
		fdtb_prop_str(&b, "status", "okay");
		fdtb_prop_str(&b, "compatible", "riscv");
		fdtb_prop_str(&b, "riscv,isa", isa);
		fdtb_prop_str(&b, "riscv,isa-base", "rv64i");
		fdtb_prop(&b, "riscv,isa-extensions", exts, exts_len);
		fdtb_prop_str(&b, "mmu-type", "riscv,sv39");
		fdtb_begin_node(&b, "interrupt-controller");
		fdtb_prop_u32(&b, "#interrupt-cells", 1);
		fdtb_prop(&b, "interrupt-controller", NULL, 0);
		fdtb_prop_str(&b, "compatible", "riscv,cpu-intc");
		fdtb_prop_u32(&b, "phandle", i + 1);
		fdtb_end_node(&b);
		fdtb_end_node(&b);
	}
	fdtb_end_node(&b);

	fdtb_begin_node(&b, "hypervisor");
	fdtb_prop_str(&b, "compatible", "rvpv,hypervisor");
	fdtb_prop_u32(&b, "rvpv,abi-version", RVPV_ABI_VERSION);
	fdtb_end_node(&b);

	fdtb_end_node(&b);
	return fdtb_finish(&b);
}

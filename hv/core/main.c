/* Boot: probe the machine, set up the console, the page allocator and this hart, create the
 * configured VMs, start the other harts, and enter the scheduler. */
#include "types.h"
#include "printf.h"
#include "platform.h"
#include "palloc.h"
#include "hart.h"
#include "vm.h"
#include "sched.h"
#include "plic.h"
#include "console.h"
#include "fdt.h"
#include "arch.h"
#include "string.h"
#include "driver.h"

extern char __hv_end[];
static uint8_t host_dtb[64 * 1024] __attribute__((aligned(8)));

static void copy_dtb(const void *dtb)
{
	uint32_t size = fdt_totalsize(dtb);
	if (size > sizeof(host_dtb))
		panic("device tree of %u bytes is larger than %u", size, (unsigned)sizeof(host_dtb));
	memcpy(host_dtb, dtb, size);
}

/* QEMU hands over guest RAM as fresh anonymous memory, which reads zero, apart from what it
 * loads: OpenSBI and rvpv's image (below __hv_end) and the device tree, which QEMU virt puts
 * 2 MiB aligned below min(end of RAM, 3 GiB) and OpenSBI may have moved (a1). A reset keeps RAM:
 * palloc_init notices its own pool from the earlier boot. Not true on hardware, nor with a
 * file-backed QEMU memory backend: there this must be false (every page zeroed on first use). */
#define RAM_ZEROED_AT_POWER_ON true
#define QEMU_VIRT_FDT_TOP 0xc0000000ull
#define MiB2 0x200000ull

static void setup_memory(const void *dtb)
{
	uint64_t base = (uintptr_t)__hv_end, end = plat.ram_base + plat.ram_size;
	bool fresh = palloc_init(base, end - base, RAM_ZEROED_AT_POWER_ON);
	for (uint32_t i = 0; i < plat.nreserved; i++)
		palloc_reserve(plat.reserved_base[i], plat.reserved_size[i]);
	if (!fresh) {
		hv_printf("hv: RAM not known to be zero at boot: pages are zeroed as they are handed out\n");
		return;
	}
	/* copied to host_dtb already: 2 x 2 MiB at most, zeroed now (about 0.3 M instructions each) */
	uint64_t fdt = (uintptr_t)dtb, qemu_fdt = ALIGN_DOWN(MIN(end, QEMU_VIRT_FDT_TOP) - 1, MiB2);
	palloc_scrub_free(ALIGN_DOWN(fdt, MiB2), ALIGN_UP(fdt + fdt_totalsize(dtb), MiB2) - ALIGN_DOWN(fdt, MiB2));
	if (qemu_fdt != ALIGN_DOWN(fdt, MiB2))
		palloc_scrub_free(qemu_fdt, MiB2);
}

/* entry.S: a secondary hart, started by arch_start_secondaries, with tp and sp set */
void hart_secondary_main(void)
{
	struct hart *h = this_hart();
	arch_hart_init();
	plic_init_hart(h);
	h->online = 1;
	sched_loop();
}

void hv_main(uint64_t hartid, const void *dtb)
{
	harts[0].hartid = hartid; /* for reports from here on */
	copy_dtb(dtb); /* before anything can overwrite it: it lies in RAM we will hand out */
	plat.boot_hartid = hartid;
	if (platform_probe(host_dtb, sizeof(host_dtb)) < 0)
		panic("cannot run without a usable device tree");
	devices_init(DRIVER_CONSOLE);
	hv_printf("\nrvpv hypervisor, ABI %u.%u, on hart %lu of %u, %lu MiB RAM at 0x%lx, timebase %lu Hz%s%s\n",
		  RVPV_ABI_MAJOR, RVPV_ABI_MINOR, (unsigned long)hartid, plat.nharts + plat.nunused,
		  (unsigned long)(plat.ram_size >> 20), (unsigned long)plat.ram_base, (unsigned long)plat.timebase,
		  plat.has_sstc ? ", sstc" : "", plat.sswi_setssip[0] ? ", aclint-sswi" : "");
	/* never started, so OpenSBI keeps them stopped */
	for (uint32_t i = 0; i < plat.nunused && i < MAX_HARTS; i++)
		hv_printf("hv: hart %lu not used: the table holds %u\n", (unsigned long)plat.unused[i], MAX_HARTS);
	if (plat.nunused > MAX_HARTS)
		hv_printf("hv: %u more harts not used\n", plat.nunused - MAX_HARTS);

	setup_memory(dtb);
	/* dense hart indices as the platform table has them: the boot hart is index 0 (tp), on
	 * the static boot stack; the others get theirs from palloc, so only harts that exist cost
	 * a stack and a timer heap (room for every vCPU there can be) */
	extern uint8_t boot_stack[HART_STACK_SIZE];
	for (uint32_t i = 0; i < plat.nharts; i++) {
		harts[i].hartid = plat.hartids[i];
		harts[i].idx = i;
		uint8_t *stack = i ? palloc_alloc(HART_STACK_SIZE / PAGE_SIZE) : boot_stack;
		harts[i].tq = palloc_alloc(ALIGN_UP(MAX_VMS * MAX_VCPUS * sizeof(struct vcpu *), PAGE_SIZE) / PAGE_SIZE);
		if (!stack || !harts[i].tq)
			panic("no memory for hart %u", i);
		harts[i].stack_top = stack + HART_STACK_SIZE;
	}
	nharts = plat.nharts;
	arch_hart_init();
	plic_init_hart(&harts[0]);
	harts[0].online = 1;
	devices_init(DRIVER_OTHER);

	uint32_t created = 0;
	for (uint32_t i = 0; i < vm_config_count && i < MAX_VMS; i++)
		if (vm_create(&vm_configs[i], i) == 0)
			created++;
	hv_printf("hv: %u of %u VMs created, %lu KiB free\n", created, vm_config_count,
		  (unsigned long)(palloc_free_pages() * 4));
	for (uint32_t i = 0; i < MAX_VMS; i++)
		if (vms[i])
			vm_start(vms[i]);
	arch_start_secondaries();
	if (!created) {
		hv_printf("hv: no VM to run, powering off\n");
		arch_power_off(false);
	}
	sched_loop();
}

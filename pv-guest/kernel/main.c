/* Kernel entry from entry.S: parse the device tree, bring up the platform backend, memory,
 * the disk and file system, then start /init and the scheduler. */
#include "defs.h"
#include "memlayout.h"
#include "pvops.h"

extern char __kernel_end[];
void trap_set_hz(uint64_t timebase);
static struct fdt_info fdt;

void kmain(uint64_t hartid, uint64_t dtb)
{
	bkl_acquire();  /* released by the scheduler; secondary harts wait for it */
	if (fdt_parse(dtb, &fdt) < 0)
		pv_shutdown();  /* nothing to print with: no console address yet */
	smp_init_boot(hartid);
	pv_platform_init(hartid, &fdt);
	console_init(fdt.bootargs);
	kprintf("\npv-guest: %s backend, hart %lu, %lu MiB RAM, timebase %lu Hz, %u cpus\n",
		pv_backend_name, hartid, fdt.mem_size >> 20, fdt.timebase, fdt.ncpus);

	uint64_t base, size;
	pv_memory(&base, &size);
	uint64_t start = (uint64_t)__kernel_end, end = base + size;
	if (fdt.fdt_addr >= start && fdt.fdt_addr < end) {
		kalloc_init(start, PGROUNDDOWN(fdt.fdt_addr));
		kalloc_init(PGROUNDUP(fdt.fdt_addr + fdt.fdt_size), end);
	} else {
		kalloc_init(start, end);
	}
	kprintf("pv-guest: %lu free pages\n", kalloc_free_pages());
	kvm_init(base, size);
	trap_init();
	proc_init();
	binit();
	virtio_blk_init();
	fs_init();
	user_init();
	if (!fdt.timebase)
		fdt.timebase = 10000000;
	pv_cpu_init(hartid);
	smp_start(&fdt);
	trap_set_hz(fdt.timebase);
	bkl_release();
	scheduler();
}

/* What the hypervisor learned about the machine from the device tree OpenSBI passed in a1. */
#ifndef HV_PLATFORM_H
#define HV_PLATFORM_H
#include "types.h"
#include "hart.h"

#define MAX_PLAT_DEVS 32

/* A device node under /soc, for the driver table (core/devices.c) to match. */
struct plat_dev {
	const char *compatible;       /* the property in the device tree: NUL-separated strings */
	uint32_t compatible_len;
	uint32_t irq;                 /* first "interrupts" cell (a PLIC source), 0 = none */
	uint64_t base, size;          /* first reg entry */
	uint32_t reg_shift;           /* "reg-shift", 0 if absent */
};

struct platform {
	uint64_t ram_base, ram_size;
	uint64_t timebase;            /* Hz */
	uint64_t boot_hartid;         /* set before platform_probe: it always gets index 0 */
	uint32_t nharts;              /* in the table: the boot hart and the first others */
	uint64_t hartids[MAX_HARTS];
	uint32_t nunused;             /* harts the table had no room for */
	uint64_t unused[MAX_HARTS];   /* the first of them */
	uint64_t plic_base, plic_size;
	uint32_t plic_ndev;
	uint64_t plic_ctx[MAX_HARTS];   /* S-mode context of each hart (by dense index) */
	uint32_t intc_phandle[MAX_HARTS];
	uint64_t sswi_setssip[MAX_HARTS]; /* each hart's ACLINT SSWI register, 0 = none: kick through SBI */
	uint32_t ndevs;
	struct plat_dev devs[MAX_PLAT_DEVS]; /* highest address first (see platform.c) */
	bool has_sstc;
	char isa[96];
	uint64_t reserved_base[8], reserved_size[8];
	uint32_t nreserved;
};

extern struct platform plat;
int platform_probe(const void *dtb, uint64_t max_size); /* 0 or -1 with a message */
bool plat_dev_is(const struct plat_dev *d, const char *compatible); /* one of its strings */
#endif

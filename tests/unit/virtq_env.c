/* blk_env_* for host tests: two-block guest RAM, malloc pages, printf logging. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "virtq_env.h"
#include "../../hv/blk/blk_env.h"
#include "sbi/sbi_defs.h"

uint8_t *vq_ram_lo, *vq_ram_hi;
int vq_notifies, vq_pins;
uint64_t vq_hole;
void (*vq_on_write)(uint64_t gpa);

void blk_env_notify(void *vm, uint32_t dev, uint32_t queue)
{
	(void)vm;
	(void)dev;
	(void)queue;
	vq_notifies++;
}

/* A clock that advances one tick (0.1 us) per reading: a bounded wait always ends. */
static uint64_t vq_time;
uint64_t blk_env_now(void) { return ++vq_time; }
void blk_env_idle(void *vm) { (void)vm; }
int blk_env_wanted(void) { return 0; }
uint64_t blk_env_deadline(uint64_t us) { return vq_time + 10 * us; }

void vq_env_init(void)
{
	if (!vq_ram_lo) {
		vq_ram_lo = aligned_alloc(4096, VQ_RAM_SIZE / 2);
		vq_ram_hi = aligned_alloc(4096, VQ_RAM_SIZE / 2);
	}
	vq_hole = 0;
	vq_on_write = 0;
	memset(vq_ram_lo, 0, VQ_RAM_SIZE / 2);
	memset(vq_ram_hi, 0, VQ_RAM_SIZE / 2);
}

void *vq_host(uint64_t gpa)
{
	if (gpa < VQ_RAM_SPLIT)
		return vq_ram_lo + (gpa - VQ_RAM_BASE);
	return vq_ram_hi + (gpa - VQ_RAM_SPLIT);
}

void *blk_env_gpa(void *vm, uint64_t gpa, uint64_t len, int write)
{
	(void)vm;
	uint64_t end = gpa + len;
	if (end < gpa || gpa < VQ_RAM_BASE || end > VQ_RAM_BASE + VQ_RAM_SIZE)
		return NULL;
	if (vq_hole && gpa < vq_hole + 4096 && end > vq_hole)
		return NULL; /* a page the balloon took away */
	if (gpa < VQ_RAM_SPLIT && end > VQ_RAM_SPLIT)
		return NULL; /* the two blocks are not host-contiguous */
	if (write && vq_on_write)
		vq_on_write(gpa);
	return vq_host(gpa);
}

/* Pins as the core makes them: page by page, so a part may cross VQ_RAM_SPLIT; counted so that
 * tests can check a queue holds its rings exactly while it is set up. */
int blk_env_pin(void *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len)
{
	uint64_t last = gpa + len - 1;
	if (!len || len > GMEM_PIN_MAX_LEN || last < gpa)
		return SBI_ERR_INVALID_ADDRESS;
	uint8_t *a = blk_env_gpa(vm, gpa, 1, 1), *b = blk_env_gpa(vm, last, 1, 1);
	if (!a || !b)
		return SBI_ERR_INVALID_ADDRESS;
	*p = (struct gmem_pin){ gpa, len, { a - (gpa & 4095), b - (last & 4095) }, 1 };
	vq_pins++;
	return SBI_SUCCESS;
}

void blk_env_unpin(void *vm, struct gmem_pin *p)
{
	(void)vm;
	if (p->held)
		vq_pins--;
	p->held = 0;
}

void *palloc_alloc(uint64_t npages)
{
	void *p = aligned_alloc(4096, npages * 4096);
	if (p)
		memset(p, 0, npages * 4096);
	return p;
}

void hv_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

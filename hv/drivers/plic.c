/* PLIC driver: priority, per-context enable and threshold, claim/complete. Each device
 * interrupt is routed to one hart's S-mode context (found from interrupts-extended). */
#include "plic.h"
#include "platform.h"
#include "hart.h"
#include "printf.h"

#define PLIC_MAX_IRQ 128
#define PRIORITY(irq)        (plat.plic_base + 4ul * (irq))
#define ENABLE(ctx, irq)     (plat.plic_base + 0x2000ul + 0x80ul * (ctx) + 4ul * ((irq) / 32))
#define THRESHOLD(ctx)       (plat.plic_base + 0x200000ul + 0x1000ul * (ctx))
#define CLAIM(ctx)           (THRESHOLD(ctx) + 4)

static struct { plic_handler_t fn; void *arg; } handlers[PLIC_MAX_IRQ];

static inline void w32(uint64_t a, uint32_t v) { *(volatile uint32_t *)(uintptr_t)a = v; }
static inline uint32_t r32(uint64_t a) { return *(volatile uint32_t *)(uintptr_t)a; }

void plic_init_hart(struct hart *h)
{
	if (!plat.plic_base)
		return;
	w32(THRESHOLD(plat.plic_ctx[h->idx]), 0);
}

void plic_register(uint32_t irq, plic_handler_t fn, void *arg, struct hart *target)
{
	if (!plat.plic_base || irq == 0 || irq >= PLIC_MAX_IRQ)
		return;
	handlers[irq].fn = fn;
	handlers[irq].arg = arg;
	w32(PRIORITY(irq), 1);
	uint32_t ctx = plat.plic_ctx[target->idx];
	w32(ENABLE(ctx, irq), r32(ENABLE(ctx, irq)) | 1u << (irq % 32));
}

void plic_handle(struct hart *h)
{
	if (!plat.plic_base)
		return;
	uint32_t ctx = plat.plic_ctx[h->idx];
	uint32_t irq;
	while ((irq = r32(CLAIM(ctx))) != 0) {
		if (irq < PLIC_MAX_IRQ && handlers[irq].fn)
			handlers[irq].fn(irq, handlers[irq].arg);
		w32(CLAIM(ctx), irq);
	}
}

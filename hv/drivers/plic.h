/* RISC-V PLIC: routes device interrupts to the harts' S-mode (HS) contexts. */
#ifndef HV_PLIC_H
#define HV_PLIC_H
#include "types.h"
struct hart;
typedef void (*plic_handler_t)(uint32_t irq, void *arg);
void plic_init_hart(struct hart *h);
void plic_register(uint32_t irq, plic_handler_t fn, void *arg, struct hart *target);
void plic_handle(struct hart *h);
#endif

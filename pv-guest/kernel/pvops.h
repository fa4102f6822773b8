/* pv-ops: every sensitive or platform-specific operation the kernel performs. Exactly one
 * backend implements these: native/ (bare S-mode on OpenSBI: SBI calls, ns16550 UART,
 * virtio-mmio) or pv/ (VS-mode on rvpv: hypercalls from abi/include/rvpv/abi.h). Nothing
 * outside the backend folders knows which one is linked. */
#ifndef PVOPS_H
#define PVOPS_H
#include <stdint.h>
#include "riscv.h"
#include "pvsys.h"

struct fdt_info;
struct virtq;

/* Boot: called once on the boot hart with the parsed device tree, before anything prints. */
void pv_platform_init(uint64_t hartid, const struct fdt_info *fdt);
extern const char pv_backend_name[];   /* "native" or "pv" */

/* Console: byte output (blocking) and non-blocking input (-1 when nothing is waiting). */
void pv_console_putc(int c);
int pv_console_getc(void);
void pv_console_flush(void);   /* push out anything the backend collected */

/* Timer: identical on both backends. Sstc's stimecmp is the real CSR natively and reaches
 * vstimecmp without an exit under rvpv; the pending bit shows as sip.STIP in both. */
static inline void pv_timer_set(uint64_t when) { csr_write(0x14d, when); }
static inline uint64_t pv_time(void) { return rdtime(); }

/* Idle: wait until an interrupt is pending (IPI or device; the tick counts only if the backend
 * keeps it armed) or time >= deadline (UINT64_MAX: none); returns with it still pending and the
 * tick timer as it was. Interrupts stay globally disabled (sstatus.SIE = 0). */
void pv_idle(uint64_t deadline);

/* Called while waiting for a lock or a device: give the holder a chance to run. A bare spin
 * can starve the other harts under QEMU -icount, and wastes a pCPU under a hypervisor. */
void pv_spin_wait(void);

/* External interrupt (sip.SEIP) seen: natively nothing is routed (no PLIC use); under rvpv it
 * means an event port is pending. Acknowledges it and polls the console. */
void pv_external_irq(void);

/* Inter-processor: send a software interrupt / flush remote TLBs for the harts in hartmask. */
void pv_send_ipi(uint64_t hartmask);
void pv_remote_sfence(uint64_t hartmask);
void pv_ipi_clear(void);

/* Start another hart/vCPU at entry (S/VS-mode, paging off) with a0 = hartid, a1 = opaque;
 * returns 0 on success. */
int pv_cpu_start(uint64_t hartid, uint64_t entry, uint64_t opaque);

/* Per-hart setup, on every hart (boot hart after pv_platform_init) before it schedules. */
void pv_cpu_init(uint64_t hartid);

/* Memory map: usable RAM (the kernel frees what lies above its own image). */
void pv_memory(uint64_t *base, uint64_t *size);

/* Disk transport for the shared virtio-blk split-ring driver (virtio_blk.c). setup tells the
 * device where the rings are and returns the capacity in sectors (0 = no disk); notify says
 * the avail ring moved; complete acknowledges the device's completion signal after the
 * driver has seen a used-ring update. */
uint64_t pv_blk_setup(struct virtq *q, uint64_t *features);
void pv_blk_notify(void);
void pv_blk_complete(void);
void pv_blk_wait(void);   /* called while polling for a completion */
/* right after the notify: look at the used ring a short while (no sleep, no exit); 1 once
 * *used_idx has reached want, 0 to go on with signals and pv_blk_wait */
int pv_blk_poll(const volatile uint16_t *used_idx, uint16_t want);

/* Information for the hvinfo system call. */
void pv_hvinfo(struct pv_hvinfo *out);

/* Power off the machine; does not return. */
void pv_shutdown(void) __attribute__((noreturn));

#endif

/* pv backend: one typed wrapper per rvpv hypercall the guest uses, with its argument order
 * (checked against hv/hc/hc_*.c; vCPU sets are SBI-style mask + base). The kernel is
 * identity-mapped, so a kernel pointer is its guest-physical address. */
#ifndef PV_HCALL_H
#define PV_HCALL_H
#include <stdint.h>
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "rvpv/abi.h"

#define HC(g, n, a0, a1, a2) sbi_ecall(RVPV_EXT_##g, RVPV_FN_##g##_##n, (a0), (a1), (a2), 0, 0, 0)
#define HC4(g, n, a0, a1, a2, a3) sbi_ecall(RVPV_EXT_##g, RVPV_FN_##g##_##n, (a0), (a1), (a2), (a3), 0, 0)
#define GPA(p) ((uint64_t)(uintptr_t)(p))

/* CORE_GET_VERSION() -> value = (major << 16) | minor */
static inline struct sbiret hc_core_version(void) { return HC(CORE, GET_VERSION, 0, 0, 0); }
/* CORE_GET_FEATURES() -> value = RVPV_FEAT_* bits */
static inline struct sbiret hc_core_features(void) { return HC(CORE, GET_FEATURES, 0, 0, 0); }
/* CONSOLE_WRITE(gpa, len) -> value = bytes taken */
static inline struct sbiret hc_console_write(const void *p, uint64_t n) { return HC(CONSOLE, WRITE, GPA(p), n, 0); }
/* CONSOLE_READ(gpa, len) -> value = bytes read, 0 when none is waiting */
static inline struct sbiret hc_console_read(void *p, uint64_t n) { return HC(CONSOLE, READ, GPA(p), n, 0); }
/* CPU_BLOCK(): return when an event for this vCPU is pending or its timer fired */
static inline struct sbiret hc_cpu_block(void) { return HC(CPU, BLOCK, 0, 0, 0); }
/* CPU_BLOCK_UNTIL(deadline): as CPU_BLOCK, or until time >= deadline (ABI 1.1) */
static inline struct sbiret hc_cpu_block_until(uint64_t deadline) { return HC(CPU, BLOCK_UNTIL, deadline, 0, 0); }
/* CPU_SEND_IPI(vcpu mask, mask base): raises each target's IPI port, or VSSIP if unbound */
static inline struct sbiret hc_cpu_send_ipi(uint64_t mask) { return HC(CPU, SEND_IPI, mask, 0, 0); }
/* CPU_VCPU_START(vcpu id, entry gpa, opaque): entered like the boot vCPU, a1 = opaque */
static inline struct sbiret hc_vcpu_start(uint64_t vcpu, uint64_t entry, uint64_t opaque) { return HC(CPU, VCPU_START, vcpu, entry, opaque); }
/* EVENT_REGISTER_PAGE(gpa of a page-aligned struct rvpv_event_page, 0) */
static inline struct sbiret hc_event_register_page(void *page) { return HC(EVENT, REGISTER_PAGE, GPA(page), 0, 0); }
/* EVENT_BIND(port, source, arg, vcpu): the guest picks the port number */
static inline struct sbiret hc_event_bind(uint64_t port, uint64_t src, uint64_t arg, uint64_t vcpu) { return HC4(EVENT, BIND, port, src, arg, vcpu); }
/* EVENT_EOI(port): the guest has cleared the port's pending bit */
static inline struct sbiret hc_event_eoi(uint64_t port) { return HC(EVENT, EOI, port, 0, 0); }
/* MEM_REMOTE_SFENCE(vcpu mask, mask base, start, size): size UINT64_MAX = everything */
static inline struct sbiret hc_mem_remote_sfence(uint64_t mask) { return HC4(MEM, REMOTE_SFENCE, mask, 0, 0, UINT64_MAX); }
/* BLOCK_GET_INFO(device, gpa of struct rvpv_blk_info) */
static inline struct sbiret hc_block_info(uint64_t dev, void *info) { return HC(BLOCK, GET_INFO, dev, GPA(info), 0); }
/* BLOCK_SET_FEATURES(device, accepted feature bits) */
static inline struct sbiret hc_block_set_features(uint64_t dev, uint64_t f) { return HC(BLOCK, SET_FEATURES, dev, f, 0); }
/* BLOCK_QUEUE_SETUP(device, queue, gpa of struct rvpv_blk_queue_cfg) */
static inline struct sbiret hc_block_queue_setup(uint64_t dev, uint64_t q, void *cfg) { return HC(BLOCK, QUEUE_SETUP, dev, q, GPA(cfg)); }
/* BLOCK_NOTIFY(device, queue): the avail ring moved */
static inline struct sbiret hc_block_notify(uint64_t dev, uint64_t q) { return HC(BLOCK, NOTIFY, dev, q, 0); }
/* LIFECYCLE_SHUTDOWN(): the VM stops; does not return on success */
static inline struct sbiret hc_shutdown(void) { return HC(LIFECYCLE, SHUTDOWN, 0, 0, 0); }
#endif

/* Shared declarations of the conformance guest: output, case reporting, environment and the
 * per-call case functions (one per RVPV_CALLS entry, so a call without cases fails the link). */
#ifndef CONF_H
#define CONF_H
#include <stdint.h>
#include <stdarg.h>
#include "rvpv/abi.h"
#include "sbi/sbi_defs.h"
#include "rvpv/hcall.h"
#include "sbi/ecall.h"
#include "fdt.h"

#define CONF_MAX_VCPUS 8
#define CONF_TICKS_MS 10000ull          /* QEMU virt timebase is 10 MHz */
#define CONF_WAIT_TICKS (5000 * CONF_TICKS_MS) /* generous upper bound, never a speed test */

#define SIP_SSIP (1ull << 1)
#define SIP_STIP (1ull << 5)
#define SIP_SEIP (1ull << 9)
#define SSTATUS_SIE (1ull << 1)

/* out.c: console output (rvpv CONSOLE_WRITE when present, else legacy putchar) */
void out_use_rvpv(int on);
void out_putc(char c);
void out_flush(void);
void out_printf(const char *fmt, ...);
void out_vprintf(const char *fmt, va_list ap);
uint64_t out_long_line(const char *tag, uint32_t len, struct rvpv_sbiret (*write)(uint64_t gpa, uint64_t n));

/* tap.c: one line per case */
void tap_group(const char *group, const char *call);
void tap_ok(int pass, const char *name, const char *fmt, ...);
void tap_skip(const char *name, const char *why);
void tap_expect(struct rvpv_sbiret r, int64_t err, const char *name);
void tap_expect_val(struct rvpv_sbiret r, int64_t err, int64_t val, const char *name);
uint32_t tap_lines_since(void);
uint32_t tap_failed(void);
uint32_t tap_next_number(void);
void tap_restore(uint32_t next, uint32_t passed, uint32_t failed);
uint32_t tap_passed(void);
void tap_summary_and_exit(void) __attribute__((noreturn));
void tap_bail(const char *why) __attribute__((noreturn));

/* env.c: what the suite learned about its platform at boot */
struct conf_env {
	uint64_t boot_a0, boot_a1;       /* registers at entry */
	uint64_t boot_satp, boot_sstatus;
	int rvpv;                        /* get_impl_id is rvpv's */
	uint64_t impl_id;
	uint64_t features;               /* CORE_GET_FEATURES, 0 when not rvpv */
	uint64_t ram_base, ram_end;      /* guest RAM [base, end) */
	uint64_t ncpus;                  /* vCPUs (rvpv) or harts that answer HSM (native) */
	uint64_t self;                   /* this vCPU / hart id */
	int dbcn;                        /* DBCN probed present */
};
extern struct conf_env env;
void env_init(uint64_t a0, uint64_t a1);
uint64_t rd_time(void);
uint64_t rd_sip(void);
void sip_clear(uint64_t bits);
void sie_set(uint64_t bits);
void sie_clear(uint64_t bits);
/* Waits (wfi, woken by a 1 ms timer) until *flag != 0 or the timeout; returns *flag. */
uint64_t wait_flag(volatile uint64_t *flag);
/* Waits until any of the sip bits is pending; returns the pending bits (0 on timeout).
 * Uses the SBI TIME timer only when STIP is not among the bits. */
uint64_t wait_sip(uint64_t bits);
void timer_cancel(void);
/* Interrupts: sip bits pending now or taken since irq_forget (briefly opens sstatus.SIE). */
uint64_t irq_pending(uint64_t bits);
void irq_forget(uint64_t bits);
/* The interrupts (sip bits) this vCPU/hart's own trap handler took since irq_taken_reset. */
uint64_t irq_taken_here(void);
void irq_taken_reset(void);

/* regs.S: ecall with every preserved register holding 0x5aa5000000000000 + its number;
 * out[i] = x<i> after the call. */
void regs_ecall_snapshot(uint64_t ext, uint64_t fid, uint64_t out[32]);

/* smp.c: run a function on another vCPU/hart started at smp_entry */
struct smp_ctx {
	uint64_t stack_top;              /* read by crt0 */
	uint64_t opaque_seen, id_seen;   /* a1 and a0 on entry */
	uint64_t satp, sstatus;          /* at entry */
	uint64_t vcpu_id;                /* CPU_VCPU_ID answer (rvpv) */
	volatile uint64_t done;          /* set by the secondary once it has recorded the above */
	volatile uint64_t release;       /* set by the boot vCPU: stop now */
	volatile int64_t stop_error;     /* only if the stop call returned */
	volatile uint64_t stop_returned;
	int use_rvpv_stop;               /* stop with CPU_VCPU_STOP, else HSM hart_stop */
	uint64_t wait_irq;               /* before reporting done: wait for these sip bits */
	volatile uint64_t irq_seen;      /* wait_irq was seen pending on this vCPU */
	volatile uint64_t irq_taken;     /* interrupts this vCPU's own trap handler took meanwhile */
	volatile uint64_t ready;         /* set when it starts waiting */
	void (*job)(struct smp_ctx *c);  /* if set: run before reporting done */
	uint64_t job_arg;
};
extern void smp_entry(void);
struct smp_ctx *smp_prepare(uint64_t id, int use_rvpv_stop);
void smp_main(uint64_t a0, struct smp_ctx *c, uint64_t satp, uint64_t sstatus);
/* Polls a status function until it returns want (bounded); returns the last value seen. */
int64_t poll_status(uint64_t id, int64_t want, int rvpv);
void regs_check(uint64_t ext, uint64_t fid, const char *name);

/* resume.S: resume_save stores sp, ra, gp, tp and s0-s11 in buf and returns 0; a hart that
 * enters resume_entry with a1 = buf comes back from that resume_save returning 1, with
 * buf[16] = its a0 and buf[17]/buf[18] = satp/sstatus at entry. */
uint64_t resume_save(uint64_t buf[20]);
extern void resume_entry(void);

/* Page-aligned scratch memory the cases use for structures given to the hypervisor. */
#define SCRATCH_PAGES 20
extern uint8_t scratch[SCRATCH_PAGES][4096];

/* paging.c: turns on Sv39 with VA 0x40000000 -> page A, reads it, remaps it to page B without a
 * local sfence.vma, calls flush(va, size), reads again and reports whether page B is seen. */
void paging_flush_case(struct rvpv_sbiret (*flush)(uint64_t va, uint64_t size), const char *name);
/* paging.c: vCPU/hart `other` caches the translation of VA 0x40000000, this one remaps it and
 * calls flush(other, va, size); `other` must then read the new page (rounds of it). Started
 * with CPU_VCPU_START (rvpv = 1) or HSM hart_start. */
void paging_remote_flush_case(struct rvpv_sbiret (*flush)(uint64_t target, uint64_t va, uint64_t size),
			      uint64_t other, int rvpv, const char *name);
/* paging.c: 4000 fences at `other` while it spins in the guest; each must return. */
void paging_fence_storm_case(struct rvpv_sbiret (*flush)(uint64_t target, uint64_t va, uint64_t size),
			     uint64_t other, int rvpv, const char *name);

/* Standard SBI cases (native and rvpv) */
void sbi_cases_base(void);
void sbi_cases_time(void);
void sbi_cases_ipi(void);
void sbi_cases_rfence(void);
void sbi_cases_hsm(void);
void sbi_cases_srst(void);
void sbi_cases_dbcn(void);
void sbi_cases_legacy(void);
void sbi_cases_registers(void);
void sbi_cases_v3(void);       /* STA, FWFT, DBTR, SUSP (sbi_v3.c) */
void sbi_cases_sse(void);      /* SSE (sbi_sse.c) */

/* One function per rvpv call: conf_<GROUP>_<NAME>; defined in rv_<group>.c */
#define CONF_X_DECL(g, n, ...) void conf_##g##_##n(void);
RVPV_CALLS(CONF_X_DECL)
#undef CONF_X_DECL

#define GPA(p) ((uint64_t)(uintptr_t)(p))

#endif

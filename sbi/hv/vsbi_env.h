/* Everything an SBI extension in sbi/hv may use of the hypervisor, and nothing else reaches
 * it (tests/suite.d/13-static-check.sh: sbi/hv includes only this, vsbi.h and sbi/, rvpv/
 * headers). The decoded call and its result (struct hc_call: registers in, error/value out,
 * the run loop's next step); the caller's vCPU and VM; and the core services below. */
#ifndef SBI_HV_VSBI_ENV_H
#define SBI_HV_VSBI_ENV_H
#include "vsbi.h"
#include "hypercall.h"  /* struct hc_call, RUN_* */
#include "vm.h"         /* struct vm, struct vcpu, VCPU_*: the caller and its VM */
#include "arch.h"       /* ARCH_VIRQ_SOFT (IPI), arch_fence_i (RFENCE) */
#include "hc_util.h"    /* hc_vcpu_mask: SBI hart masks over vCPU ids */
#include "cpu_ops.h"    /* timers, vCPU start, remote flushes, suspend */
#include "console.h"    /* the VM's console (DBCN, legacy putchar/getchar) */
#include "printf.h"     /* hv_printf: reports the guest asked for (SRST reboot) */
#include "sched.h"      /* sched_wake: an SSE event for a blocked vCPU */
#include "string.h"
#endif

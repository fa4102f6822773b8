/* Hypercall and SBI dispatch: a decoded call, the rvpv call table and the SBI extensions. */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H
#include "types.h"
#include "sched.h"
#include "rvpv/abi.h"
#include "sbi/sbi_defs.h"

struct vcpu;

struct hc_call {
	struct vcpu *v;
	uint64_t ext, fid;
	uint64_t a[6];
	int64_t error;          /* SBI error code returned in a0 */
	uint64_t value;         /* returned in a1 */
	bool legacy;            /* SBI v0.1: a0 = value, a1 untouched */
	bool no_return;         /* a0/a1 must not be written (vCPU reset, stopped) */
	enum run_result next;   /* what the run loop does after the call */
};

/* Every rvpv call's handler, declared from the ABI table. */
#define HC_DECLARE(g, n, ...) void hc_##g##_##n(struct hc_call *c);
RVPV_CALLS(HC_DECLARE)
#undef HC_DECLARE

enum run_result hypercall_dispatch(struct vcpu *v);
bool hypercall_light(struct vcpu *v); /* switch.S: answered without a full exit? */

#endif

/*
 * rvpv hypercall ABI, version 1 (1.3): extension ids, function ids and the table of every call.
 *
 * This header is the single source of truth. RVPV_CALLS() lists every hypercall once; the
 * hypervisor's dispatcher and light path, the fast path's function id, the guests' typed calls
 * (rvpv/hcall.h), the documentation check (tests/abi) and the conformance suite's list of cases
 * are all generated from it, so a call that exists in one and not the others fails a build or
 * a test. Calling convention (SBI): ecall from VS-mode, a7 = extension id,
 * a6 = function id, a0-a5 = arguments; returns a0 = SBI error code, a1 = value; every other
 * register is preserved. docs/abi.md is the prose specification.
 *
 * Freestanding: only fixed-width types, usable from C and assembly.
 */
#ifndef RVPV_ABI_H
#define RVPV_ABI_H

#define RVPV_ABI_MAJOR 1
#define RVPV_ABI_MINOR 3
#define RVPV_ABI_VERSION ((RVPV_ABI_MAJOR << 16) | RVPV_ABI_MINOR)

/* SBI BASE get_impl_id answered by rvpv ("RVPV" in ASCII; not in the SBI registry, which has
 * no range for research hypervisors). A guest must see this id before it uses the
 * firmware-specific extension ids below, because their meaning is per implementation. */
#define RVPV_SBI_IMPL_ID 0x52565056
#define RVPV_SBI_IMPL_VERSION RVPV_ABI_VERSION

/* Extension ids: in the SBI firmware-specific space 0x0A000000-0x0AFFFFFF, one per group,
 * "VP" (0x5650) in the middle. Numbers are never reused. */
#define RVPV_EXT_CORE      0x0A565000
#define RVPV_EXT_CPU       0x0A565001
#define RVPV_EXT_EVENT     0x0A565002
#define RVPV_EXT_MEM       0x0A565003
#define RVPV_EXT_CONSOLE   0x0A565004
#define RVPV_EXT_BLOCK     0x0A565005
#define RVPV_EXT_LIFECYCLE 0x0A565006
#define RVPV_EXT_FIRST     RVPV_EXT_CORE
#define RVPV_EXT_LAST      RVPV_EXT_LIFECYCLE

/*
 * Every call, one row each:
 *   X(GROUP, NAME, wrapper, function id, minor version that added it, flags, argument count,
 *     (argument names))
 * The extension id is RVPV_EXT_<GROUP> and the function id the value of a6. `wrapper` names the
 * guest's typed call rvpv_<wrapper>() in rvpv/hcall.h (GROUP_NAME in lower case: the C
 * preprocessor cannot change case, and tests/abi checks the spelling). The argument names are
 * those of docs/abi.md, a0 first; calls ignore the registers past their count.
 */
#define RVPV_CALLS(X) \
	X(CORE, GET_VERSION, core_get_version, 0, 0, RVPV_CALL_LIGHT, 0, ())                     \
	X(CORE, GET_FEATURES, core_get_features, 1, 0, RVPV_CALL_LIGHT, 0, ())                   \
	X(CORE, NULL_CALL, core_null_call, 2, 0, RVPV_CALL_FAST, 0, ())                          \
	X(CPU, YIELD, cpu_yield, 0, 0, 0, 0, ())                                                 \
	X(CPU, BLOCK, cpu_block, 1, 0, 0, 0, ())                                                 \
	X(CPU, SET_TIMER, cpu_set_timer, 2, 0, RVPV_CALL_LIGHT, 1, (deadline))                   \
	X(CPU, VCPU_START, cpu_vcpu_start, 3, 0, 0, 3, (vcpu, start_gpa, opaque))                \
	X(CPU, VCPU_STOP, cpu_vcpu_stop, 4, 0, RVPV_CALL_NORETURN, 0, ())                        \
	X(CPU, VCPU_STATUS, cpu_vcpu_status, 5, 0, 0, 1, (vcpu))                                 \
	X(CPU, SEND_IPI, cpu_send_ipi, 6, 0, RVPV_CALL_LIGHT, 2, (mask, base))                   \
	X(CPU, VCPU_ID, cpu_vcpu_id, 7, 0, RVPV_CALL_LIGHT, 0, ())                               \
	X(CPU, VCPU_COUNT, cpu_vcpu_count, 8, 0, RVPV_CALL_LIGHT, 0, ())                         \
	X(CPU, BLOCK_UNTIL, cpu_block_until, 9, 1, 0, 1, (deadline))                             \
	X(EVENT, REGISTER_PAGE, event_register_page, 0, 0, 0, 2, (page_gpa, flags))              \
	X(EVENT, BIND, event_bind, 1, 0, 0, 4, (port, source, arg, vcpu))                        \
	X(EVENT, UNBIND, event_unbind, 2, 0, 0, 1, (port))                                       \
	X(EVENT, EOI, event_eoi, 3, 0, RVPV_CALL_LIGHT, 0, ())                                   \
	X(EVENT, SEND, event_send, 4, 0, RVPV_CALL_LIGHT, 1, (port))                             \
	X(MEM, GET_MAP, mem_get_map, 0, 0, 0, 2, (buf_gpa, max_entries))                         \
	X(MEM, REGISTER_VCPU_INFO, mem_register_vcpu_info, 1, 0, 0, 1, (info_gpa))               \
	X(MEM, BALLOON_RELEASE, mem_balloon_release, 2, 0, 0, 2, (gpa, npages))                  \
	X(MEM, BALLOON_RECLAIM, mem_balloon_reclaim, 3, 0, 0, 2, (gpa, npages))                  \
	X(MEM, REMOTE_SFENCE, mem_remote_sfence, 4, 0, 0, 5, (mask, base, start, size, asid))    \
	X(MEM, BALLOON_TARGET, mem_balloon_target, 5, 2, 0, 0, ())                               \
	X(CONSOLE, WRITE, console_write, 0, 0, 0, 2, (gpa, len))                                 \
	X(CONSOLE, READ, console_read, 1, 0, 0, 2, (gpa, len))                                   \
	X(BLOCK, GET_INFO, block_get_info, 0, 0, 0, 2, (dev, info_gpa))                          \
	X(BLOCK, SET_FEATURES, block_set_features, 1, 0, 0, 2, (dev, features))                  \
	X(BLOCK, QUEUE_SETUP, block_queue_setup, 2, 0, 0, 3, (dev, queue, cfg_gpa))              \
	X(BLOCK, NOTIFY, block_notify, 3, 0, 0, 2, (dev, queue))                                 \
	X(BLOCK, RESET, block_reset, 4, 0, 0, 1, (dev))                                          \
	X(LIFECYCLE, SHUTDOWN, lifecycle_shutdown, 0, 0, RVPV_CALL_NORETURN, 0, ())              \
	X(LIFECYCLE, REBOOT, lifecycle_reboot, 1, 0, RVPV_CALL_NORETURN, 0, ())                  \
	X(LIFECYCLE, CRASH, lifecycle_crash, 2, 0, RVPV_CALL_NORETURN, 3, (code, msg_gpa, len))

/* Row flags. NORETURN is part of the contract (the call does not return when it succeeds); FAST
 * and LIGHT say how rvpv answers a call, which a guest cannot tell apart except by its cost:
 * FAST in switch.S's first instructions (a call that does nothing and returns 0, 0), LIGHT in C
 * without a full exit (the call never blocks, switches or stops the caller). */
#define RVPV_CALL_LIGHT_SHIFT    0
#define RVPV_CALL_FAST_SHIFT     1
#define RVPV_CALL_NORETURN_SHIFT 2
#define RVPV_CALL_LIGHT    (1 << RVPV_CALL_LIGHT_SHIFT)
#define RVPV_CALL_FAST     (1 << RVPV_CALL_FAST_SHIFT)
#define RVPV_CALL_NORETURN (1 << RVPV_CALL_NORETURN_SHIFT)

/* RVPV_FN_<GROUP>_<NAME>: the function id of each call. */
#ifndef __ASSEMBLER__
enum rvpv_fn_ids {
#define RVPV_X_FN(g, n, w, fid, ...) RVPV_FN_##g##_##n = fid,
	RVPV_CALLS(RVPV_X_FN)
#undef RVPV_X_FN
};
#endif

/* CORE_GET_FEATURES bits, as masks (unlike the virtio VIRTIO_F_* names, which are bit numbers):
 * a group's bit is set when every call of the group is offered. */
#define RVPV_FEAT_CPU        (1u << 0)
#define RVPV_FEAT_EVENT      (1u << 1)
#define RVPV_FEAT_MEM        (1u << 2)
#define RVPV_FEAT_CONSOLE    (1u << 3)
#define RVPV_FEAT_BLOCK      (1u << 4)  /* set only when the VM has a disk */
#define RVPV_FEAT_LIFECYCLE  (1u << 5)
#define RVPV_FEAT_STEAL_TIME (1u << 6)
#define RVPV_FEAT_BALLOON    (1u << 7)
#define RVPV_FEAT_SSTC       (1u << 8)  /* the guest may program vstimecmp itself */

/* CPU_VCPU_STATUS values (same numbers as SBI HSM states) */
#define RVPV_VCPU_STARTED 0
#define RVPV_VCPU_STOPPED 1

/* LIFECYCLE_CRASH: longest message the hypervisor prints */
#define RVPV_CRASH_MSG_MAX 128

#include "rvpv/event.h"
#include "rvpv/mem.h"
#include "rvpv/blk.h"

#endif

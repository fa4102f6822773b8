/*
 * rvpv hypercall ABI, version 1 (1.1): extension ids, function ids and the table of every call.
 *
 * This header is the single source of truth. RVPV_CALLS() lists every hypercall once; the
 * hypervisor's dispatcher, the documentation check (tests/abi) and the conformance suite's list
 * of cases are all generated from it, so a call that exists in one and not the others fails a
 * build or a test. Calling convention (SBI): ecall from VS-mode, a7 = extension id,
 * a6 = function id, a0-a5 = arguments; returns a0 = SBI error code, a1 = value; every other
 * register is preserved. docs/abi.md is the prose specification.
 *
 * Freestanding: only fixed-width types, usable from C and assembly.
 */
#ifndef RVPV_ABI_H
#define RVPV_ABI_H

#define RVPV_ABI_MAJOR 1
#define RVPV_ABI_MINOR 1
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
 * Every call: X(GROUP, NAME, function id, minor version that added it).
 * The function id is the value of a6; the extension id is RVPV_EXT_<GROUP>.
 */
#define RVPV_CALLS(X)                               \
	X(CORE, GET_VERSION, 0, 0)                  \
	X(CORE, GET_FEATURES, 1, 0)                 \
	X(CORE, NULL_CALL, 2, 0)                    \
	X(CPU, YIELD, 0, 0)                         \
	X(CPU, BLOCK, 1, 0)                         \
	X(CPU, SET_TIMER, 2, 0)                     \
	X(CPU, VCPU_START, 3, 0)                    \
	X(CPU, VCPU_STOP, 4, 0)                     \
	X(CPU, VCPU_STATUS, 5, 0)                   \
	X(CPU, SEND_IPI, 6, 0)                      \
	X(CPU, VCPU_ID, 7, 0)                       \
	X(CPU, VCPU_COUNT, 8, 0)                    \
	X(CPU, BLOCK_UNTIL, 9, 1)                   \
	X(EVENT, REGISTER_PAGE, 0, 0)               \
	X(EVENT, BIND, 1, 0)                        \
	X(EVENT, UNBIND, 2, 0)                      \
	X(EVENT, EOI, 3, 0)                         \
	X(EVENT, SEND, 4, 0)                        \
	X(MEM, GET_MAP, 0, 0)                       \
	X(MEM, REGISTER_VCPU_INFO, 1, 0)            \
	X(MEM, BALLOON_RELEASE, 2, 0)               \
	X(MEM, BALLOON_RECLAIM, 3, 0)               \
	X(MEM, REMOTE_SFENCE, 4, 0)                 \
	X(CONSOLE, WRITE, 0, 0)                     \
	X(CONSOLE, READ, 1, 0)                      \
	X(BLOCK, GET_INFO, 0, 0)                    \
	X(BLOCK, SET_FEATURES, 1, 0)                \
	X(BLOCK, QUEUE_SETUP, 2, 0)                 \
	X(BLOCK, NOTIFY, 3, 0)                      \
	X(BLOCK, RESET, 4, 0)                       \
	X(LIFECYCLE, SHUTDOWN, 0, 0)                \
	X(LIFECYCLE, REBOOT, 1, 0)                  \
	X(LIFECYCLE, CRASH, 2, 0)

/* RVPV_FN_<GROUP>_<NAME>: the function id of each call. */
#ifndef __ASSEMBLER__
enum rvpv_fn_ids {
#define RVPV_X_FN(g, n, fid, minor) RVPV_FN_##g##_##n = fid,
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

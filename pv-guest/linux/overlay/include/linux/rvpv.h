/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rvpv paravirtual interface for Linux (pv-guest/linux in the rvpv repository).
 * The numbers are rvpv's hypercall ABI 1.3 (docs/abi.md, abi/include/rvpv/abi.h, event.h, blk.h);
 * they mean nothing on another SBI implementation, so every user first calls rvpv_detect().
 */
#ifndef _LINUX_RVPV_H
#define _LINUX_RVPV_H

#include <linux/build_bug.h>
#include <linux/types.h>

#define RVPV_SBI_IMPL_ID	0x52565056	/* "RVPV", SBI BASE get_impl_id */
#define RVPV_EXT_CORE		0x0A565000
#define RVPV_EXT_EVENT		0x0A565002
#define RVPV_EXT_MEM		0x0A565003
#define RVPV_EXT_CONSOLE	0x0A565004
#define RVPV_EXT_BLOCK		0x0A565005

#define RVPV_FN_CORE_GET_VERSION	0
#define RVPV_FN_CORE_GET_FEATURES	1
#define RVPV_FN_EVENT_REGISTER_PAGE	0
#define RVPV_FN_EVENT_BIND		1
#define RVPV_FN_EVENT_UNBIND		2
#define RVPV_FN_EVENT_EOI		3
#define RVPV_FN_MEM_BALLOON_RELEASE	2
#define RVPV_FN_MEM_BALLOON_RECLAIM	3
#define RVPV_FN_MEM_BALLOON_TARGET	5	/* ABI 1.2 */
#define RVPV_FN_CONSOLE_WRITE		0
#define RVPV_FN_CONSOLE_READ		1
#define RVPV_FN_BLOCK_GET_INFO		0
#define RVPV_FN_BLOCK_SET_FEATURES	1
#define RVPV_FN_BLOCK_QUEUE_SETUP	2
#define RVPV_FN_BLOCK_NOTIFY		3
#define RVPV_FN_BLOCK_RESET		4

#define RVPV_FEAT_EVENT		(1u << 1)
#define RVPV_FEAT_CONSOLE	(1u << 3)
#define RVPV_FEAT_BLOCK		(1u << 4)
#define RVPV_FEAT_BALLOON	(1u << 7)

#define RVPV_EVENT_PORTS	512
#define RVPV_EVENT_WORDS	(RVPV_EVENT_PORTS / 64)
#define RVPV_EVSRC_CONSOLE_IN	3
#define RVPV_EVSRC_BLOCK	4	/* arg = (dev << 16) | queue */
#define RVPV_EVSRC_BALLOON	6	/* arg = 0; the host changed the balloon target (ABI 1.2) */
#define RVPV_EVENT_F_SELF_ACK	(1u << 0)	/* EVENT_REGISTER_PAGE flag (ABI 1.3) */

struct rvpv_event_page {
	u64 pending[RVPV_EVENT_WORDS];	/* hypervisor sets bits (atomic OR), guest clears */
	u64 mask[RVPV_EVENT_WORDS];	/* guest's; 1 = masked */
	u8 reserved[4096 - 2 * 8 * RVPV_EVENT_WORDS];
};

/* BLOCK_GET_INFO's answer and BLOCK_QUEUE_SETUP's argument (rvpv/blk.h), both 8-aligned */
struct rvpv_blk_info {
	u64 capacity;		/* 512-byte sectors */
	u64 features;		/* offered virtio feature bits */
	u32 num_queues;
	u32 queue_max;		/* largest queue size, a power of two */
	u32 seg_max;		/* data descriptors per request */
	u32 blk_size;
	u64 reserved[4];
};
static_assert(sizeof(struct rvpv_blk_info) == 64);

struct rvpv_blk_queue_cfg {
	u64 desc;		/* guest-physical, 16-aligned */
	u64 avail;		/* 2-aligned */
	u64 used;		/* 4-aligned */
	u32 size;		/* power of two, 1..queue_max */
	u32 flags;		/* 0 */
	u64 reserved[2];
};
static_assert(sizeof(struct rvpv_blk_queue_cfg) == 48);

/*
 * true when the kernel runs on rvpv (impl id, CORE probes, ABI major 1) and the PV drivers
 * were not disabled with rvpv_pv=off; *features gets CORE_GET_FEATURES
 */
bool rvpv_detect(unsigned long *features);

/*
 * Binds event source (source, arg) to a free event port and returns the Linux IRQ of that
 * port (for request_irq), or a negative errno (-ENODEV without the rvpv event irqchip).
 */
int rvpv_event_bind_irq(unsigned long source, unsigned long arg);

#endif

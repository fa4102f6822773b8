/* Virtual machines: guest RAM behind a G-stage table, vCPUs, event ports, console and
 * accounting. The VM set comes from a build-time configuration table (configs/NAME.conf). */
#ifndef HV_VM_H
#define HV_VM_H
#include "types.h"
#include "spinlock.h"
#include "vcpu.h"
#include "hart.h"
#include "gmem.h"
#include "rvpv/abi.h"

#define MAX_VMS        64     /* scripts/mkconfig.py reads these two */
#define MAX_VCPUS      8
#define VM_NAME_MAX    16
#define GUEST_RAM_BASE 0x80000000ull
#define GUEST_LOAD_OFFSET 0x200000ull   /* kernel image at RAM + 2 MiB, as OpenSBI does */
#define GUEST_DTB_SIZE 0x10000ull       /* device tree in the last 64 KiB of RAM */
#define CONSOLE_IN_SIZE 1024

struct vm_config {
	const char *name;
	const uint8_t *image;
	uint64_t image_size;
	uint64_t ram_size;
	uint32_t vcpus;
	uint32_t flags;
	const char *bootargs;
	int32_t disk;                 /* physical virtio-blk index, -1 = none */
	uint32_t disk_ro;
	const uint8_t *initrd;        /* placed below the device tree; NULL = none */
	uint64_t initrd_size;
};
#define VMCFG_LINUX_IMAGE 0x1       /* honour the Linux RISC-V Image header */

extern const struct vm_config vm_configs[];
extern const uint32_t vm_config_count;

enum vm_state { VM_FREE, VM_RUNNING, VM_DEAD };

struct evport {
	uint8_t source;   /* RVPV_EVSRC_*, 0 = unbound */
	uint8_t vcpu;
	uint16_t pad;
	uint32_t arg;
};

struct vm {
	uint32_t id;
	volatile uint32_t state;      /* enum vm_state */
	char name[VM_NAME_MAX];
	const struct vm_config *cfg;
	struct spinlock lock;
	struct gstage gs;
	uint64_t vmid;
	uint64_t gs_gen;              /* changes whenever this VMID gets a new G-stage table */
	uint64_t gen_seen[MAX_HARTS]; /* by hart index: the gs_gen it fenced for (exit.c) */
	struct vcpu *last_vcpu[MAX_HARTS]; /* by hart index: whose VS-stage entries it may cache */
	uint64_t ram_gpa, ram_size;
	uint8_t *ram;                 /* host address of guest RAM as created (gmem.c translates) */
	struct gmem_pin *pins[GMEM_MAX_PINS]; /* under lock: pages that may not be released */
	uint64_t released_pages;      /* ballooned out right now */
	uint64_t balloon_target;      /* pages the monitor asks the guest to release (MEM_BALLOON_TARGET) */
	volatile uint32_t remapped;   /* RAM no longer one contiguous block: translate via the G-stage */
	uint64_t dtb_gpa;
	uint64_t initrd_gpa, initrd_size; /* 4 KiB aligned, just below the device tree; size 0 = none */
	uint32_t nvcpus;
	volatile uint32_t running_vcpus; /* started and not yet stopped */
	struct vcpu *vcpus[MAX_VCPUS];
	/* events */
	uint64_t evpage_gpa;
	struct rvpv_event_page *evpage; /* inside evpin, set once per VM lifetime */
	bool ev_self_ack;              /* RVPV_EVENT_F_SELF_ACK: a raise sets the vCPU's sie.SEIE */
	struct gmem_pin evpin;
	struct evport ports[RVPV_EVENT_PORTS];
	uint16_t port_of[RVPV_EVSRC_BALLOON + 1][MAX_VCPUS]; /* [source][arg]: port + 1 (event_bound) */
	/* console */
	char line[256];                /* Linux prints lines up to ~200 bytes (its memory line) */
	uint32_t line_len;
	struct vcpu *line_writer;      /* whose write left the line partial: only its block shows it */
	uint8_t in_buf[CONSOLE_IN_SIZE];
	volatile uint32_t in_head, in_tail;
	uint64_t start_time;
	uint32_t restarts;
	bool reboot_requested;
	volatile bool paused;          /* by the monitor: vCPUs park until resumed */
	struct spinlock sse_lock;      /* every SBI SSE event of the VM (vsbi_sse.c) */
	struct sse_event sse;          /* the SSE global software event */
};

_Static_assert(GMEM_MAX_PINS >= 1 + 4 * MAX_VCPUS + 3, "a pin slot for every page the VM can make us keep");
_Static_assert(MAX_VCPUS <= 64, "vCPU sets (flush_wait, fence_waiters, SBI hart masks) are 64-bit masks");

extern struct vm *vms[MAX_VMS];
extern struct spinlock vms_lock;   /* guards vms[] against destruction while the monitor reads */

int vm_create(const struct vm_config *cfg, uint32_t id);
void vm_start(struct vm *vm);
void vm_stop(struct vm *vm, const char *why);           /* every vCPU leaves; VM_DEAD */
void vm_destroy(struct vm *vm);                         /* frees everything; slot reusable */
void vm_reboot(struct vm *vm);
void vm_fault(struct vcpu *v, const char *what);        /* one-line report, then vm_stop */
uint64_t vm_next_gen(void);  /* a fresh G-stage generation (see vm->gs_gen) */
uint32_t vm_live_count(void);
bool vm_release_vcpu(struct vm *vm);  /* a started vCPU stopped; true if it was the last */
void vm_reap(struct vm *vm);          /* destroy; power off after the last VM */
#endif

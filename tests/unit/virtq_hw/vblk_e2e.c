/* End to end on QEMU: a pretend guest (its RAM = an array at a made-up GPA) drives hv/blk/vblk.c
 * through the BLOCK calls; requests reach the real virtio-blk zero-copy and complete in
 * BLOCK_NOTIFY itself (QEMU often finishes during the kick) or through the PLIC interrupt line
 * (wfi, claim, vblk_irq, complete). */
#include <stdint.h>
#include "../../../hv/blk/blk_env.h"
#include "../../../hv/blk/vblk.h"
#include "../../../hv/blk/virtio_mmio_blk.h"
#include "rvpv/blk.h"
#include "sbi/sbi_defs.h"
#include "env.h"

static uint64_t until; /* vblk_notify's wait: this payload polls the device itself */

#define GBASE   0x40000000ull   /* the pretend guest's RAM, GPA != host address */
#define GSIZE   0x10000ull
#define G_DESC  (GBASE + 0x0000)
#define G_AVAIL (GBASE + 0x1000)
#define G_USED  (GBASE + 0x2000)
#define G_HDR   (GBASE + 0x3000)
#define G_STAT  (GBASE + 0x3800)
#define G_CFG   (GBASE + 0x3c00)
#define G_INFO  (GBASE + 0x3d00)
#define G_BUF   (GBASE + 0x4000)   /* 8 KiB out, then 4 x 4 KiB in */
#define QS      16
#define PLIC    0x0c000000ul
#define SCTX    1                 /* hart 0, S-mode */

static uint8_t gram[GSIZE] __attribute__((aligned(4096)));
static struct vblk vb;
static int notifies;

void *blk_env_gpa(void *vm, uint64_t gpa, uint64_t len, int write)
{
	(void)vm;
	(void)write;
	if (gpa < GBASE || gpa + len < gpa || gpa + len > GBASE + GSIZE)
		return 0;
	return gram + (gpa - GBASE);
}

int blk_env_pin(void *vm, struct gmem_pin *p, uint64_t gpa, uint64_t len)
{
	uint8_t *h = blk_env_gpa(vm, gpa, len, 1);
	if (!h || !len || len > GMEM_PIN_MAX_LEN)
		return SBI_ERR_INVALID_ADDRESS;
	uint8_t *base = h - (gpa & 4095);
	*p = (struct gmem_pin){ gpa, len, { base, base + 4096 }, 1 };
	return SBI_SUCCESS;
}

void blk_env_unpin(void *vm, struct gmem_pin *p)
{
	(void)vm;
	p->held = 0;
}

uint64_t blk_env_now(void)
{
	uint64_t t;
	__asm__ volatile("csrr %0, time" : "=r"(t));
	return t;
}

uint64_t blk_env_deadline(uint64_t us)
{
	return blk_env_now() + 10 * us; /* QEMU virt's timebase: 10 MHz */
}

void blk_env_idle(void *vm) { (void)vm; } /* nobody waits: this payload polls */
int blk_env_wanted(void) { return 0; }

void blk_env_notify(void *vm, uint32_t dev, uint32_t queue)
{
	(void)vm;
	(void)dev;
	(void)queue;
	notifies++;
}

static void *G(uint64_t gpa) { return gram + (gpa - GBASE); }
static struct virtq_avail *A(void) { return G(G_AVAIL); }
static volatile struct virtq_used *U(void) { return G(G_USED); }

static void desc(uint16_t i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	((struct virtq_desc *)G(G_DESC))[i] = (struct virtq_desc){ addr, len, flags, next };
}

static void req(uint16_t d0, uint32_t type, uint64_t sector, uint64_t buf, uint32_t len)
{
	struct virtio_blk_req_hdr *h = G(G_HDR + 16u * d0);
	*h = (struct virtio_blk_req_hdr){ type, 0, sector };
	uint16_t f = type == VIRTIO_BLK_T_IN ? VIRTQ_DESC_F_WRITE : 0;
	desc(d0, G_HDR + 16u * d0, 16, VIRTQ_DESC_F_NEXT, d0 + 1);
	if (len) {
		desc(d0 + 1, buf, len, f | VIRTQ_DESC_F_NEXT, d0 + 2);
		desc(d0 + 2, G_STAT + d0, 1, VIRTQ_DESC_F_WRITE, 0);
	} else {
		desc(d0 + 1, G_STAT + d0, 1, VIRTQ_DESC_F_WRITE, 0);
	}
	*(uint8_t *)G(G_STAT + d0) = 0xee;
	A()->ring[A()->idx % QS] = d0;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	A()->idx++;
}

static void plic_on(uint32_t irq)
{
	*(volatile uint32_t *)(PLIC + 4 * irq) = 1;
	*(volatile uint32_t *)(PLIC + 0x2000 + 0x80 * SCTX + 4 * (irq / 32)) |= 1u << (irq % 32);
	*(volatile uint32_t *)(PLIC + 0x200000 + 0x1000 * SCTX) = 0;
	__asm__ volatile("csrs sie, %0" ::"r"(1ul << 9)); /* SEIE: wfi wakes on it, SIE stays 0 */
}

/* Sleeps until the device interrupts, as the hypervisor's handler would run; counts IRQs. */
static int wait_used(uint16_t want, struct vmblk *hw, uint32_t irq)
{
	int irqs = 0;
	while (U()->idx != want) {
		if (vb.q.broken)
			return -1; /* the test built a bad ring: fail rather than sleep forever */
		__asm__ volatile("wfi");
		uint32_t got = *(volatile uint32_t *)(PLIC + 0x200004 + 0x1000 * SCTX);
		if (got == irq) {
			irqs++;
			vblk_irq(&hw->dev);
		}
		if (got)
			*(volatile uint32_t *)(PLIC + 0x200004 + 0x1000 * SCTX) = got;
	}
	return irqs;
}

static uint8_t e2e_byte(uint32_t i) { return (uint8_t)(0x3c + i * 5); }

void vblk_e2e(struct vmblk *hw, uint32_t irq, void (*check)(int, const char *))
{
	int ok;
	check(vblk_init(&vb, 0, 0, &hw->dev, 64, 1024, 0, "rvpv-e2e") == 0, "e2e: vblk on sectors 64..1087");
	struct rvpv_blk_info *info = G(G_INFO);
	ok = vblk_get_info(&vb, G_INFO) == SBI_SUCCESS && info->capacity == 1024 &&
	     info->seg_max >= 1 && (info->features >> VIRTIO_BLK_F_FLUSH & 1);
	check(ok, "e2e: BLOCK_GET_INFO");
	uint64_t f = 1ull << VIRTIO_F_VERSION_1 | 1ull << VIRTIO_BLK_F_FLUSH |
		     1ull << VIRTIO_F_RING_EVENT_IDX;
	struct rvpv_blk_queue_cfg *c = G(G_CFG);
	*c = (struct rvpv_blk_queue_cfg){ G_DESC, G_AVAIL, G_USED, QS, 0, { 0, 0 } };
	ok = vblk_notify(&vb, 0, &until) == SBI_ERR_DENIED && vblk_set_features(&vb, f) == 0 &&
	     vblk_queue_setup(&vb, 0, G_CFG) == 0;
	check(ok, "e2e: BLOCK_SET_FEATURES + QUEUE_SETUP (event idx)");
	A()->ring[QS] = 0; /* used_event: notify me once used->idx passes 0 */
	plic_on(irq);

	/* write 8 KiB at guest sector 5 (= physical 69), then flush */
	for (uint32_t i = 0; i < 8192; i++)
		((uint8_t *)G(G_BUF))[i] = e2e_byte(i);
	req(0, VIRTIO_BLK_T_OUT, 5, G_BUF, 8192);
	req(3, VIRTIO_BLK_T_FLUSH, 0, 0, 0);
	ok = vblk_notify(&vb, 0, &until) == 0;
	int irqs = wait_used(2, hw, irq); /* -1: ring broken */
	ok = ok && *(uint8_t *)G(G_STAT) == 0 && *(uint8_t *)G(G_STAT + 3) == 0 && irqs >= 0;
	hv_printf("vmblk e2e: write + flush: %d PLIC interrupts after BLOCK_NOTIFY\n", irqs);
	check(ok, "e2e: write 8 KiB + flush completed (in BLOCK_NOTIFY or on the PLIC interrupt)");

	int n1 = notifies;
	A()->ring[QS] = U()->idx; /* as a driver does after reaping: next completion notifies */

	/* four reads in one notify */
	for (uint16_t k = 0; k < 4; k++)
		req((uint16_t)(3 * k), VIRTIO_BLK_T_IN, 5u + 2u * k, G_BUF + 0x2000 + 0x1000u * k, 1024);
	uint64_t t0, t1;
	__asm__ volatile("csrr %0, instret" : "=r"(t0));
	ok = vblk_notify(&vb, 0, &until) == 0;
	__asm__ volatile("csrr %0, instret" : "=r"(t1));
	hv_printf("vmblk e2e: BLOCK_NOTIFY of 4 reads: %lu instructions (exact under -icount)\n",
		  (unsigned long)(t1 - t0));
	ok = ok && wait_used(6, hw, irq) >= 0;
	for (uint32_t k = 0; k < 4 && ok; k++)
		for (uint32_t i = 0; i < 1024 && ok; i++)
			ok = ((uint8_t *)G(G_BUF + 0x2000 + 0x1000u * k))[i] == e2e_byte(1024 * k + i) &&
			     *(uint8_t *)G(G_STAT + 3 * k) == 0;
	check(ok && U()->ring[5].len == 1025, "e2e: 4 reads in one notify return the written data");
	check(n1 >= 1 && notifies > n1, "e2e: guest notified per used_event (event idx)");

	/* a request beyond the VM's window never reaches the device */
	req(0, VIRTIO_BLK_T_IN, 1024, G_BUF, 512);
	ok = vblk_notify(&vb, 0, &until) == 0 && U()->idx == 7 && *(uint8_t *)G(G_STAT) == VIRTIO_BLK_S_IOERR;
	check(ok, "e2e: read past the VM's window answered IOERR at once");
	check(vblk_reset(&vb) == 0 && vblk_notify(&vb, 0, &until) == SBI_ERR_DENIED, "e2e: BLOCK_RESET");
}

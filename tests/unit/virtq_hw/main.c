/* Standalone check of hv/blk/virtio_mmio_blk.c on QEMU: finds the virtio-blk slot, reads the
 * host's pattern, writes + flushes + reads back, keeps many requests in flight, checks IOERR
 * beyond the end and EBUSY when the queue is full; then vblk_e2e.c drives the whole path.
 * One PASS/FAIL line per case. */
#include <stdint.h>
#include "../../../hv/blk/blk_env.h"
#include "../../../hv/blk/virtio_mmio_blk.h"
#include "env.h"

#define SLOT0     0x10001000ul
#define NSLOTS    8
#define PLIC_PEND 0x0c001000ul
#define NIO       8

static struct vmblk dev;
static uint8_t buf[16][4096] __attribute__((aligned(4096)));
static int passed, failed;

struct done { int n; uint8_t status; uint32_t len; };
static struct done done_of[32];

static void on_done(void *arg, void *cookie, uint8_t status, uint32_t len)
{
	struct done *x = cookie;
	(void)arg;
	x->n++;
	x->status = status;
	x->len = len;
}

void vblk_e2e(struct vmblk *hw, uint32_t irq, void (*check)(int, const char *));

static void check(int ok, const char *what)
{
	hv_printf("%s: vmblk %s\n", ok ? "PASS" : "FAIL", what);
	ok ? passed++ : failed++;
}

static void wait_all(void)
{
	while (dev.inflight)
		vmblk_poll(&dev, on_done, 0);
}

/* Host pattern of sector s, byte i (the test script writes the same into the image). */
static uint8_t host_byte(uint64_t s, uint32_t i)
{
	return (uint8_t)(s * 31 + i * 7 + 1);
}

static uint8_t our_byte(uint32_t i)
{
	return (uint8_t)(0xa5 ^ (i * 13));
}

static int io(uint32_t type, uint64_t sector, struct blk_hseg *seg, uint32_t n, struct done *x)
{
	*x = (struct done){ 0 };
	int rc = vmblk_submit(&dev, type, sector, seg, n, x);
	vmblk_kick(&dev);
	wait_all();
	return rc == VMBLK_OK && x->n == 1 ? x->status : -1;
}

static struct blk_hseg seg_of(void *p, uint32_t len, int write)
{
	return (struct blk_hseg){ (uint64_t)(uintptr_t)p, len, (uint32_t)write };
}

static void run(void)
{
	struct blk_hseg s[2];
	struct done x;
	int ok;

	/* host pattern */
	s[0] = seg_of(buf[0], 512, 1);
	ok = io(VIRTIO_BLK_T_IN, 0, s, 1, &x) == VIRTIO_BLK_S_OK && x.len == 513;
	for (uint32_t i = 0; i < 512 && ok; i++)
		ok = buf[0][i] == host_byte(0, i);
	check(ok, "read sector 0 holds the host's pattern");

	/* write sector 1 from two buffers, flush, read back into a third */
	for (uint32_t i = 0; i < 512; i++)
		(i < 200 ? buf[1] : buf[2])[i] = our_byte(i);
	s[0] = seg_of(buf[1], 200, 0);
	s[1] = seg_of(buf[2] + 200, 312, 0);
	check(io(VIRTIO_BLK_T_OUT, 1, s, 2, &x) == VIRTIO_BLK_S_OK, "write sector 1 (2 segments)");
	check(io(VIRTIO_BLK_T_FLUSH, 0, 0, 0, &x) == VIRTIO_BLK_S_OK, "flush");
	s[0] = seg_of(buf[3], 512, 1);
	ok = io(VIRTIO_BLK_T_IN, 1, s, 1, &x) == VIRTIO_BLK_S_OK;
	for (uint32_t i = 0; i < 512 && ok; i++)
		ok = buf[3][i] == our_byte(i);
	check(ok, "read back sector 1 matches what was written");

	/* NIO reads in flight at once, one notify; interrupt line seen at the PLIC */
	for (int k = 0; k < NIO; k++) {
		done_of[k] = (struct done){ 0 };
		for (int i = 0; i < 4096; i++)
			buf[4 + k][i] = 0;
		s[0] = seg_of(buf[4 + k], 4096, 1);
		if (vmblk_submit(&dev, VIRTIO_BLK_T_IN, 8u + 8u * (uint32_t)k, s, 1, &done_of[k]))
			break;
	}
	uint32_t peak = dev.inflight;
	vmblk_kick(&dev);
	while (*(volatile uint16_t *)&dev.used->idx != dev.avail_idx)
		;
	int irq = 0;
	for (uint64_t slot = 0; slot < NSLOTS; slot++)
		if (dev.base == SLOT0 + slot * 0x1000)
			irq = (int)slot + 1;
	uint32_t pend = *(volatile uint32_t *)PLIC_PEND;
	wait_all();
	ok = peak == NIO;
	for (int k = 0; k < NIO && ok; k++) {
		ok = done_of[k].n == 1 && done_of[k].status == VIRTIO_BLK_S_OK &&
		     done_of[k].len == 4097;
		for (uint32_t i = 0; i < 4096 && ok; i++)
			ok = buf[4 + k][i] == host_byte(8u + 8u * (uint32_t)k + i / 512, i % 512);
	}
	check(ok, "8 reads of 4 KiB in flight together, each with the right data");
	check(irq && (pend >> irq & 1), "device raised its PLIC interrupt line");
	check(vmblk_poll(&dev, on_done, 0) == 0, "poll with nothing completed reports 0");

	/* beyond the end: the device answers IOERR */
	s[0] = seg_of(buf[0], 512, 1);
	check(io(VIRTIO_BLK_T_IN, dev.capacity, s, 1, &x) == VIRTIO_BLK_S_IOERR,
	      "read at sector = capacity completes IOERR");

	/* queue full: EBUSY, then everything still completes */
	int n = 0, rc;
	s[0] = seg_of(buf[0], 512, 1);
	while ((rc = vmblk_submit(&dev, VIRTIO_BLK_T_IN, 0, s, 1, &done_of[n % 32])) == VMBLK_OK)
		n++;
	vmblk_kick(&dev);
	wait_all();
	check(rc == VMBLK_EBUSY && n == dev.qsize / 3 && dev.nfree == dev.qsize,
	      "queue full gives EBUSY, all descriptors come back");
	check(vmblk_submit(&dev, VIRTIO_BLK_T_IN, 0, s, dev.seg_max + 1, 0) == VMBLK_EINVAL,
	      "more segments than seg_max is refused");
}

void main(uint64_t hart, uint64_t dtb)
{
	(void)hart;
	(void)dtb;
	hv_printf("vmblk test: start\n");
	uint64_t base = 0;
	for (uint64_t i = 0; i < NSLOTS; i++) {
		if (vmblk_device_id(SLOT0 + i * 0x1000) == 2) {
			base = SLOT0 + i * 0x1000;
			break;
		}
	}
	if (!base) {
		hv_printf("vmblk test: no virtio-blk device\n");
		env_shutdown();
	}
	hv_printf("vmblk test: virtio-blk at 0x%lx\n", (unsigned long)base);
	int rc = vmblk_init(&dev, base);
	if (rc == VMBLK_ELEGACY) {
		hv_printf("vmblk test: init refused the legacy device\n");
		env_shutdown();
	}
	if (rc != VMBLK_OK) {
		hv_printf("vmblk test: init failed (%d)\n", rc);
		env_shutdown();
	}
	hv_printf("vmblk test: capacity %lu sectors, queue %u, seg_max %u, features 0x%lx\n",
		  (unsigned long)dev.capacity, dev.qsize, dev.seg_max, (unsigned long)dev.features);
	run();
	vblk_e2e(&dev, (uint32_t)((base - SLOT0) / 0x1000 + 1), check);
	hv_printf("vmblk test: %d passed, %d failed\n", passed, failed);
	env_shutdown();
}

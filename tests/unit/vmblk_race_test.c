/* Host test of the race behind a pv-guest disk hang (docs/benchmarks.md, "A lost completion"):
 * hv/blk/virtio_mmio_blk.c compiled as QEMU 7.2 runs it on one hart, where TCG translates
 * `fence` to nothing and every MMIO access takes QEMU's global lock, against a device thread
 * that completes one request at a time as QEMU's I/O thread does (under that lock: store the
 * used index, full barrier, read used_event, interrupt if asked). vmblk_poll races each
 * completion; afterwards the request must be either seen by the poll or signalled. A poll that
 * arms used_event and looks once more with nothing between (the fence gone) lets the host's
 * store buffer hide the arm from the device while its look misses the completion. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t bql = PTHREAD_MUTEX_INITIALIZER;
static void model_mmio(void) { pthread_mutex_lock(&bql); pthread_mutex_unlock(&bql); }
#define VMBLK_MMIO_HOOK() model_mmio()
#define __atomic_thread_fence(order) ((void)0) /* QEMU 7.2, one vCPU: no barrier emitted */
#include "../../hv/blk/virtio_mmio_blk.c"
#undef __atomic_thread_fence

static uint32_t *regs;
static struct vmblk d;
static uint8_t data[512];
static int seen;
static volatile int go, done_dev, stop;
static volatile int irq;

static void reg(uint32_t off, uint32_t v) { regs[off / 4] = v; }

static void on_done(void *arg, void *cookie, uint8_t st, uint32_t len)
{
	(void)arg, (void)cookie, (void)st, (void)len;
	seen++;
}

/* QEMU's virtqueue_push + virtio_notify for one request, under the lock */
static void *device_thread(void *arg)
{
	unsigned seed = 1;
	(void)arg;
	for (;;) {
		while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
			if (__atomic_load_n(&stop, __ATOMIC_ACQUIRE))
				return NULL;
		__atomic_store_n(&go, 0, __ATOMIC_RELAXED);
		for (volatile unsigned i = 0, n = (seed = seed * 1103515245 + 12345) >> 24; i < n; i++)
			;
		pthread_mutex_lock(&bql);
		volatile struct virtq_used *u = d.used;
		uint16_t old = u->idx, head = d.avail->ring[old & (d.qsize - 1)];
		u->ring[old & (d.qsize - 1)] = (struct virtq_used_elem){ head, 1 };
		d.status[head] = VIRTIO_BLK_S_OK;
		__atomic_store_n(&u->idx, (uint16_t)(old + 1), __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_SEQ_CST); /* QEMU's smp_mb() in virtio_should_notify */
		uint16_t ev = *(volatile uint16_t *)&d.avail->ring[d.qsize];
		if (virtq_need_event(ev, (uint16_t)(old + 1), old)) {
			regs[MMIO_IRQ_STATUS / 4] = 1;
			irq = 1;
		}
		pthread_mutex_unlock(&bql);
		__atomic_store_n(&done_dev, 1, __ATOMIC_RELEASE);
	}
}

int main(void)
{
	regs = aligned_alloc(4096, 4096);
	memset(regs, 0, 4096);
	reg(0x000, 0x74726976);
	reg(0x004, 2);
	reg(0x008, 2);
	reg(0x010, (1u << VIRTIO_F_RING_EVENT_IDX) | (1u << VIRTIO_BLK_F_FLUSH) | 1);
	reg(0x034, 256);
	reg(0x100, 8192);
	if (vmblk_init(&d, (uint64_t)(uintptr_t)regs) != VMBLK_OK || !d.event_idx) {
		printf("FAIL: vmblk_init with EVENT_IDX on the fake device\n");
		return 1;
	}
	pthread_t t;
	pthread_create(&t, NULL, device_thread, NULL);
	long rounds = 0, lost = 0, signalled = 0;
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		struct blk_hseg s = { (uint64_t)(uintptr_t)data, 512, 1 };
		vmblk_submit(&d, VIRTIO_BLK_T_IN, 0, &s, 1, NULL);
		vmblk_kick(&d); /* used_event behind: no interrupt before the next poll */
		int before = seen;
		__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
		vmblk_poll(&d, on_done, NULL); /* races the completion */
		while (!__atomic_load_n(&done_dev, __ATOMIC_ACQUIRE))
			;
		done_dev = 0;
		if (seen == before && !irq)
			lost++;
		signalled += seen == before && irq;
		irq = 0;
		regs[MMIO_IRQ_STATUS / 4] = 0;
		while (d.inflight) /* the interrupt's poll, or the recovery of a lost one */
			vmblk_poll(&d, on_done, NULL);
		rounds++;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - t0.tv_sec < 4 && rounds < 4000000);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	printf("%s: %ld racing completions, %ld signalled after the poll, %ld neither seen nor signalled\n",
	       lost ? "FAIL" : "PASS", rounds, signalled, lost);
	free(d.pages);
	free(regs);
	return lost != 0;
}

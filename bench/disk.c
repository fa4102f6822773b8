/* Disk benchmark for `make bench`: 4 KiB reads and writes through rvpv's BLOCK transport, one
 * request per NOTIFY and batches of 16, counted with rdinstret: the guest's part (building
 * descriptors and the avail ring), the NOTIFY call (rvpv walks the ring and submits to the real
 * device; QEMU's device finishes inside that MMIO write, its own work counts no instructions),
 * and the wait for the used ring. The wait polls first, so no idle time enters the counts when
 * the completion is already there; otherwise it sleeps in CPU_BLOCK (counted: idle time skipped
 * by QEMU under -icount then shows in the wait figure). */
#include "guest.h"
#include "dlib.h"
#include "out.h"

#define N_REQ    64
#define BATCH    16
#define SECTORS  8   /* 4 KiB */
#define POLL_MAX 2000

static uint8_t bufs[BATCH][4096] __attribute__((aligned(4096)));
static uint64_t sector;

struct phase {
	uint64_t guest, notify, wait, calls, sleeps;
};

/* Waits for n completions: poll, then sleep on the completion port (one BLOCK + one EOI). */
static void wait_used(struct phase *p, uint16_t n)
{
	uint16_t target = (uint16_t)(dq.last_used + n);
	for (uint32_t i = 0; i < POLL_MAX && dq.used->idx != target; i++)
		__asm__ volatile("" ::: "memory");
	if (dq.used->idx != target) {
		p->sleeps++;
		p->calls += 4;  /* SET_TIMER, BLOCK, EOI, SET_TIMER */
		if (dq_wait(n, 10 * D_TICKS_PER_SEC) < 0)
			d_fail("a request never completed");
		return;
	}
	dq.last_used = target;
}

static void run(const char *name, uint32_t type, uint32_t batch)
{
	struct phase p = { 0, 0, 0, 0, 0 };
	for (uint32_t done = 0; done < N_REQ; done += batch) {
		uint64_t t0 = rdinstret();
		for (uint32_t j = 0; j < batch; j++) {
			dq_put(dq_req(j, type, sector, bufs[j], 4096, type == VIRTIO_BLK_T_IN));
			sector += SECTORS;
		}
		uint64_t t1 = rdinstret();
		if (dq_kick(1))
			d_fail("NOTIFY failed");
		uint64_t t2 = rdinstret();
		wait_used(&p, (uint16_t)batch);
		uint64_t t3 = rdinstret();
		for (uint32_t j = 0; j < batch; j++)
			if (dstatus[j] != VIRTIO_BLK_S_OK)
				d_fail("request failed");
		p.guest += t1 - t0;
		p.notify += t2 - t1;
		p.wait += t3 - t2;
		p.calls++;
	}
	char key[48];
	uint32_t n = 0;
	for (const char *s = name; *s; s++) key[n++] = *s;
	key[n] = 0;
	const char *parts[] = { "_guest", "_notify", "_wait", "_calls", "_sleeps" };
	uint64_t vals[] = { p.guest, p.notify, p.wait, p.calls, p.sleeps };
	for (uint32_t i = 0; i < 5; i++) {
		uint32_t k = n;
		for (const char *s = parts[i]; *s; s++) key[k++] = *s;
		key[k] = 0;
		bench_line(key, vals[i], N_REQ);
	}
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	d_init(dtb);
	if (dq_open(DQ_MAX, 1ull << VIRTIO_F_VERSION_1))
		d_fail("QUEUE_SETUP");
	run("disk_write1", VIRTIO_BLK_T_OUT, 1);
	run("disk_write16", VIRTIO_BLK_T_OUT, BATCH);
	sector = 0;
	run("disk_read1", VIRTIO_BLK_T_IN, 1);
	run("disk_read16", VIRTIO_BLK_T_IN, BATCH);
	bench_line("done", 0, 0);
	guest_exit_ok();
}

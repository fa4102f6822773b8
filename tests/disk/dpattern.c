/* Pattern writer / checker on the VM's disk, driven by bootargs: writes a seeded pattern in
 * multi-request batches and FLUSHes, reads it back and prints its hash, or both. */
#include "dlib.h"

/* bootargs: seed=N first=S count=C batch=B per=P [write] [verify] [hold] [eventidx]
 * write: C sectors from S in batches of B requests of P sectors (one NOTIFY per batch), every
 * request waited for, then one FLUSH; prints "flushed ..." once the FLUSH has completed.
 * verify: reads them back in batches and compares with the pattern; prints the hash of what
 * it read (tests/disk/pattern.py computes the same from the image).
 * hold: after the work, sleeps forever (the durability test kills QEMU here). */

#define MAX_BATCH 16
#define MAX_PER 16

static uint8_t buf[MAX_BATCH][MAX_PER * 512] __attribute__((aligned(4096)));
static uint64_t seed, first, count, batch, per;
static uint64_t nbatches;

/* Runs one batch of n requests starting at sector s (IN when !write). */
static void run_batch(uint64_t s, uint64_t n, int write)
{
	uint64_t left = first + count - s;
	for (uint32_t k = 0; k < n; k++) {
		uint64_t sec = s + k * per, m = per;
		if (sec - s + m > left)
			m = left - (sec - s);
		if (write)
			for (uint64_t j = 0; j < m; j++)
				d_fill(seed, sec + j, buf[k] + j * 512);
		dq_put(dq_req(k, write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, sec, buf[k],
			      (uint32_t)(m * 512), !write));
	}
	if (dq_kick(0))
		d_fail("BLOCK_NOTIFY refused a batch");
	if (dq_wait((uint16_t)n, 10 * D_TICKS_PER_SEC))
		d_fail("batch did not complete within 10 s");
	for (uint32_t k = 0; k < n; k++)
		if (dstatus[k] != VIRTIO_BLK_S_OK) {
			guest_printf("FAIL: request %u of batch at sector %lu: status %u\n", k, s,
				     dstatus[k]);
			guest_exit_fail();
		}
	nbatches++;
}

static uint64_t batch_requests(uint64_t s)
{
	uint64_t left = first + count - s, n = (left + per - 1) / per;
	return n < batch ? n : batch;
}

static void write_all(void)
{
	for (uint64_t s = first; s < first + count;) {
		uint64_t n = batch_requests(s);
		run_batch(s, n, 1);
		s += n * per;
	}
	uint8_t st = dq_one(VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0);
	if (st != VIRTIO_BLK_S_OK) {
		guest_printf("FAIL: flush status %u\n", st);
		guest_exit_fail();
	}
	guest_printf("flushed: seed %lu sectors %lu+%lu in %lu batches\n", seed, first, count,
		     nbatches);
}

static void verify_all(void)
{
	uint64_t h = D_HASH0, bad = 0;
	for (uint64_t s = first; s < first + count;) {
		uint64_t n = batch_requests(s);
		for (uint32_t k = 0; k < n; k++)
			memset(buf[k], 0x5a, sizeof(buf[k]));
		run_batch(s, n, 0);
		for (uint32_t k = 0; k < n; k++)
			for (uint64_t j = 0; j < per && s + k * per + j < first + count; j++) {
				const uint64_t *w = (const uint64_t *)(buf[k] + j * 512);
				for (uint32_t i = 0; i < 64; i++)
					bad += w[i] != d_pattern(seed, s + k * per + j, i);
				h = d_hash(h, w, 512);
			}
		s += n * per;
	}
	guest_printf("verified: seed %lu sectors %lu+%lu hash %lx mismatched words %lu\n", seed,
		     first, count, h, bad);
	if (bad)
		guest_exit_fail();
}

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	(void)vcpu;
	d_init(dtb);
	seed = d_arg("seed", 1);
	first = d_arg("first", 0);
	count = d_arg("count", 64);
	batch = d_arg("batch", 8);
	per = d_arg("per", 4);
	if (!batch || batch > MAX_BATCH || !per || per > MAX_PER || !count ||
	    first + count > dinfo.capacity)
		d_fail("bad bootargs (batch 1..16, per 1..16, range inside the disk)");
	uint64_t feat = 1ull << VIRTIO_F_VERSION_1;
	if (d_flag("eventidx") && (dinfo.features & (1ull << VIRTIO_F_RING_EVENT_IDX)))
		feat |= 1ull << VIRTIO_F_RING_EVENT_IDX;
	if (dq_open(DQ_MAX, feat))
		d_fail("queue setup");
	guest_printf("started at %lu\n", rdtime());
	if (d_flag("write"))
		write_all();
	if (d_flag("verify"))
		verify_all();
	guest_printf("batches %lu, done at %lu\n", nbatches, rdtime());
	if (d_flag("hold"))
		for (;;)
			rvpv_cpu_block(); /* sie = 0: nothing wakes us; QEMU is killed here */
}

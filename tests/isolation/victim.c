/* Victim VM of the isolation test: vCPU 0 keeps writing a pattern to its disk, flushing, and
 * reading it back against the checksum it wrote; vCPU 1 keeps checksumming a block of RAM and
 * the guest's own code. Runs until 'q' arrives on its console, then prints the totals. Any
 * mismatch prints "victim: MISMATCH" (the test forbids it). */
#include "iso.h"

#define QSIZE    16
#define SECTOR0  4096           /* 2 MiB into the disk, clear of nothing we need */
#define NSECT    64             /* 32 KiB checked per round */
#define REQ_SECT 8              /* 4 KiB per request */
#define MEM_WORDS (4u << 20) / 8

extern char _start[], _end[], __ro_end[];

static struct virtq_desc desc[QSIZE] __attribute__((aligned(16)));
static struct { uint16_t flags, idx, ring[QSIZE], used_event; } avail __attribute__((aligned(4)));
static struct { uint16_t flags, idx; struct virtq_used_elem ring[QSIZE]; uint16_t avail_event; }
	used __attribute__((aligned(8)));
static struct rvpv_blk_queue_cfg qcfg __attribute__((aligned(8)));
static struct rvpv_blk_info info __attribute__((aligned(8)));
static struct virtio_blk_req_hdr hdr __attribute__((aligned(16)));
static volatile uint8_t status;
static uint64_t data[NSECT * 512 / 8] __attribute__((aligned(4096)));
static uint16_t last_used;

static volatile uint64_t mem_rounds, mem_bad, code_bad, stop_mem, mem_stopped;
static uint64_t code_sum;

static void bad(const char *what, uint64_t round, uint64_t got, uint64_t want)
{
	guest_printf("victim: MISMATCH in %s at round %lu: 0x%lx != 0x%lx\n", what, round, got, want);
}

/* One request of three descriptors (header, data, status), waited for by polling. */
static int blk_req(uint32_t type, uint64_t sector, void *buf, uint32_t len)
{
	hdr = (struct virtio_blk_req_hdr){ type, 0, sector };
	status = 0xff;
	desc[0] = (struct virtq_desc){ (uintptr_t)&hdr, sizeof(hdr), VIRTQ_DESC_F_NEXT, 1 };
	uint16_t st = 1;
	if (len) {
		desc[1] = (struct virtq_desc){ (uintptr_t)buf, len,
					       VIRTQ_DESC_F_NEXT | (type == VIRTIO_BLK_T_IN ? VIRTQ_DESC_F_WRITE : 0), 2 };
		st = 2;
	}
	desc[st] = (struct virtq_desc){ (uintptr_t)&status, 1, VIRTQ_DESC_F_WRITE, 0 };
	avail.ring[avail.idx % QSIZE] = 0;
	iso_fence();
	avail.idx++;
	iso_fence();
	struct rvpv_sbiret r = rvpv_block_notify(0, 0);
	if (r.error) {
		guest_printf("victim: MISMATCH: NOTIFY failed %ld\n", r.error);
		return -1;
	}
	while (*(volatile uint16_t *)&used.idx == last_used)
		rvpv_cpu_yield();
	iso_fence();
	last_used++;
	return status == VIRTIO_BLK_S_OK ? 0 : -1;
}

static uint64_t pattern(uint64_t gen, uint64_t i)
{
	uint64_t s = (gen << 32 | i) + 0x9e3779b97f4a7c15ull;
	return iso_rand(&s);
}

/* Writes generation gen over the test sectors, flushes, returns the checksum written. */
static uint64_t disk_write(uint64_t gen)
{
	for (uint64_t i = 0; i < NSECT * 512 / 8; i++)
		data[i] = pattern(gen, i);
	uint64_t sum = iso_sum(data, NSECT * 512 / 8);
	for (uint32_t s = 0; s < NSECT; s += REQ_SECT)
		if (blk_req(VIRTIO_BLK_T_OUT, SECTOR0 + s, (uint8_t *)data + s * 512, REQ_SECT * 512))
			guest_printf("victim: MISMATCH: write of sector %u failed\n", SECTOR0 + s);
	if (info.features & (1ull << VIRTIO_BLK_F_FLUSH))
		if (blk_req(VIRTIO_BLK_T_FLUSH, 0, 0, 0))
			guest_printf("victim: MISMATCH: flush failed\n");
	return sum;
}

static uint64_t disk_read(void)
{
	for (uint64_t i = 0; i < NSECT * 512 / 8; i++)
		data[i] = 0;
	for (uint32_t s = 0; s < NSECT; s += REQ_SECT)
		if (blk_req(VIRTIO_BLK_T_IN, SECTOR0 + s, (uint8_t *)data + s * 512, REQ_SECT * 512))
			guest_printf("victim: MISMATCH: read of sector %u failed\n", SECTOR0 + s);
	return iso_sum(data, NSECT * 512 / 8);
}

static uint64_t code_words(void)
{
	return ((uintptr_t)__ro_end - (uintptr_t)_start) / 8; /* code and constants */
}

/* vCPU 1: a 4 MiB block above the image, refilled every 8 rounds with a new generation. */
static void mem_loop(uint64_t base)
{
	volatile uint64_t *m = (volatile uint64_t *)(uintptr_t)base;
	for (uint64_t gen = 1; !stop_mem; gen++) {
		for (uint64_t i = 0; i < MEM_WORDS; i++)
			m[i] = pattern(gen | 1ull << 31, i);
		uint64_t want = iso_sum(m, MEM_WORDS);
		for (int k = 0; k < 8 && !stop_mem; k++) {
			uint64_t got = iso_sum(m, MEM_WORDS);
			if (got != want) {
				mem_bad++;
				bad("memory", mem_rounds, got, want);
			}
			got = iso_sum((const volatile uint64_t *)_start, code_words());
			if (got != code_sum) {
				code_bad++;
				bad("code", mem_rounds, got, code_sum);
			}
			mem_rounds++;
		}
	}
	mem_stopped = 1;
	for (;;)
		rvpv_cpu_yield();
}

static void setup_disk(void)
{
	struct rvpv_sbiret r = rvpv_block_get_info(0, (uintptr_t)&info);
	if (r.error || info.capacity < SECTOR0 + NSECT) {
		guest_printf("victim: MISMATCH: no usable disk (%ld, %lu sectors)\n", r.error, info.capacity);
		guest_exit_fail();
	}
	uint64_t feat = (1ull << VIRTIO_F_VERSION_1) | (info.features & (1ull << VIRTIO_BLK_F_FLUSH));
	qcfg = (struct rvpv_blk_queue_cfg){ (uintptr_t)desc, (uintptr_t)&avail, (uintptr_t)&used, QSIZE, 0, { 0, 0 } };
	if (rvpv_block_set_features(0, feat).error || rvpv_block_queue_setup(0, 0, (uintptr_t)&qcfg).error) {
		guest_printf("victim: MISMATCH: queue setup failed\n");
		guest_exit_fail();
	}
}

void guest_main(uint64_t vcpu, uint64_t arg)
{
	uint64_t base, size;
	if (vcpu == 1)
		mem_loop(arg);
	iso_ram(&base, &size);
	uint64_t mem = ((uintptr_t)_end + 0xfffff) & ~0xfffffull;
	if (mem + 8 * MEM_WORDS > base + size - 0x10000) {
		guest_printf("victim: MISMATCH: RAM too small\n");
		guest_exit_fail();
	}
	code_sum = iso_sum((const volatile uint64_t *)_start, code_words());
	setup_disk();
	if (rvpv_cpu_vcpu_start(1, (uintptr_t)_start, mem).error) {
		guest_printf("victim: MISMATCH: cannot start vCPU 1\n");
		guest_exit_fail();
	}
	guest_printf("victim: ready: checking disk sectors %u..%u and 4 MiB at 0x%lx\n",
		     SECTOR0, SECTOR0 + NSECT - 1, mem);
	uint64_t rounds = 0, disk_bad = 0, want = 0, gen = 0;
	for (int quit = 0; !quit; rounds++) {
		if (rounds % 4 == 0)
			want = disk_write(++gen);
		uint64_t got = disk_read();
		if (got != want) {
			disk_bad++;
			bad("disk", rounds, got, want);
		}
		uint8_t ch = 0;
		struct rvpv_sbiret r = rvpv_console_read((uintptr_t)&ch, 1);
		quit = !r.error && r.value == 1 && ch == 'q';
		if (rounds % 8 == 0 || quit)
			guest_printf("victim: round %lu: disk %lu bad, memory rounds %lu, %lu bad\n",
				     rounds, disk_bad, mem_rounds, mem_bad + code_bad);
	}
	stop_mem = 1;
	while (!mem_stopped)
		rvpv_cpu_yield();
	if (disk_bad || mem_bad || code_bad || rounds == 0 || mem_rounds == 0) {
		guest_printf("victim: MISMATCH: %lu disk, %lu memory, %lu code\n", disk_bad, mem_bad, code_bad);
		guest_exit_fail();
	}
	guest_printf("victim: final: %lu disk rounds, %lu memory rounds: every checksum intact\n",
		     rounds, mem_rounds);
	guest_exit_ok();
}

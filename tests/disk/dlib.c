/* Disk test guests' runtime (see dlib.h): bootargs, BLOCK queue, waits, pattern and hash. */
#include "dlib.h"
#include "rvpv/mem.h"
#include "bootargs.h"
#include "fdt.h"

struct dq dq;
struct rvpv_blk_info dinfo;
uint64_t ram_base, ram_end;
struct virtio_blk_req_hdr dhdr[DQ_SLOTS];
volatile uint8_t dstatus[DQ_SLOTS];

static struct rvpv_event_page evpage __attribute__((aligned(4096)));
static struct virtq_desc ring_desc[DQ_RING_MAX] __attribute__((aligned(4096)));
static uint8_t ring_avail[4096] __attribute__((aligned(4096)));
static uint8_t ring_used[4096] __attribute__((aligned(4096)));
static struct rvpv_mem_region map[4];
static const char *args = "";

#define SIE_STIE (1ull << 5)
#define SIE_SEIE (1ull << 9)

void d_fail(const char *why)
{
	guest_printf("FAIL: %s\n", why);
	guest_exit_fail();
}

uint64_t d_arg(const char *key, uint64_t def)
{
	return bootargs_num(args, key, def);
}

int d_flag(const char *word)
{
	return bootargs_flag(args, word);
}

void d_init(uint64_t dtb)
{
	args = fdt_bootargs(dtb);
	struct rvpv_sbiret r = rvpv_mem_get_map((uintptr_t)map, 4);
	if (r.error || map[0].type != RVPV_MEM_RAM)
		d_fail("MEM_GET_MAP");
	ram_base = map[0].base;
	ram_end = map[0].base + map[0].size;
	if (rvpv_block_get_info(0, (uintptr_t)&dinfo).error)
		d_fail("no disk (BLOCK_GET_INFO)");
	memset(&evpage, 0, sizeof(evpage));
	if (rvpv_event_register_page((uintptr_t)&evpage, 0).error)
		d_fail("EVENT_REGISTER_PAGE");
	if (rvpv_event_bind(D_PORT, RVPV_EVSRC_BLOCK, 0, rvpv_cpu_vcpu_id().value).error)
		d_fail("EVENT_BIND of the disk port");
}

int64_t dq_open(uint32_t size, uint64_t features)
{
	struct rvpv_sbiret r = rvpv_block_set_features(0, features);
	if (r.error)
		return r.error;
	memset(ring_desc, 0, sizeof(ring_desc));
	memset(ring_avail, 0, sizeof(ring_avail));
	memset(ring_used, 0, sizeof(ring_used));
	dq = (struct dq){ size, ring_desc, (void *)ring_avail, (void *)ring_used, 0, 0, 0,
			  !!(features & (1ull << VIRTIO_F_RING_EVENT_IDX)) };
	static struct rvpv_blk_queue_cfg cfg;
	cfg = (struct rvpv_blk_queue_cfg){ (uintptr_t)ring_desc, (uintptr_t)ring_avail,
					   (uintptr_t)ring_used, size, 0, { 0, 0 } };
	return rvpv_block_queue_setup(0, 0, (uintptr_t)&cfg).error;
}

int64_t dq_reset(void)
{
	return rvpv_block_reset(0).error;
}

uint16_t dq_req(uint32_t slot, uint32_t type, uint64_t sector, void *buf, uint32_t len,
		int device_writes)
{
	uint16_t h = (uint16_t)(3 * slot);
	dhdr[slot] = (struct virtio_blk_req_hdr){ type, 0, sector };
	dstatus[slot] = 0xee;
	dq.desc[h] = (struct virtq_desc){ (uintptr_t)&dhdr[slot], sizeof(dhdr[0]), VIRTQ_DESC_F_NEXT,
					  (uint16_t)(h + 1) };
	if (len) {
		dq.desc[h + 1] = (struct virtq_desc){ (uintptr_t)buf, len,
			(uint16_t)(VIRTQ_DESC_F_NEXT | (device_writes ? VIRTQ_DESC_F_WRITE : 0)),
			(uint16_t)(h + 2) };
	} else {
		dq.desc[h].next = (uint16_t)(h + 2);
	}
	dq.desc[h + 2] = (struct virtq_desc){ (uintptr_t)&dstatus[slot], 1, VIRTQ_DESC_F_WRITE, 0 };
	return h;
}

void dq_put(uint16_t head)
{
	dq.avail->ring[dq.next_avail++ % dq.size] = head;
}

int64_t dq_kick(int force)
{
	uint16_t old = dq.kicked, cur = dq.next_avail;
	__asm__ volatile("fence rw, rw" ::: "memory");
	dq.avail->idx = cur;
	__asm__ volatile("fence rw, rw" ::: "memory");
	dq.kicked = cur;
	if (!force && dq.event_idx) {
		/* avail_event sits right after the used ring's size elements */
		uint16_t ev = *(volatile uint16_t *)(ring_used + 4 + 8 * dq.size);
		if (!virtq_need_event(ev, cur, old))
			return 0;
	}
	return rvpv_block_notify(0, 0).error;
}

int dq_wait(uint16_t n, uint64_t ticks)
{
	uint16_t target = (uint16_t)(dq.last_used + n);
	uint64_t end = rdtime() + ticks;
	if (dq.event_idx) /* one event when the last of them completes */
		dq.avail->ring[dq.size] = (uint16_t)(target - 1);
	__asm__ volatile("fence rw, rw" ::: "memory");
	__asm__ volatile("csrs sie, %0" :: "r"(SIE_SEIE | SIE_STIE));
	int rc = 0;
	while (dq.used->idx != target) {
		if (rdtime() >= end) {
			rc = -1;
			break;
		}
		rvpv_cpu_set_timer(end);
		rvpv_cpu_block();
		__atomic_fetch_and(&evpage.pending[D_PORT / 64], ~(1ull << (D_PORT % 64)),
				   __ATOMIC_SEQ_CST);
		rvpv_event_eoi();
	}
	rvpv_cpu_set_timer(UINT64_MAX);
	__asm__ volatile("csrc sie, %0" :: "r"(SIE_SEIE | SIE_STIE));
	__asm__ volatile("fence rw, rw" ::: "memory");
	if (rc == 0)
		dq.last_used = target;
	return rc;
}

uint8_t dq_one(uint32_t type, uint64_t sector, void *buf, uint32_t len, int device_writes)
{
	dq_put(dq_req(0, type, sector, buf, len, device_writes));
	if (dq_kick(1))
		return 0xfe;
	if (dq_wait(1, 5 * D_TICKS_PER_SEC))
		return 0xff;
	return dstatus[0];
}

uint64_t d_pattern(uint64_t seed, uint64_t sector, uint32_t word)
{
	uint64_t z = seed * 0x9e3779b97f4a7c15ull + sector * 64 + word;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void d_fill(uint64_t seed, uint64_t sector, void *buf)
{
	uint64_t *w = buf;
	for (uint32_t i = 0; i < 64; i++)
		w[i] = d_pattern(seed, sector, i);
}

uint64_t d_hash(uint64_t h, const void *buf, uint32_t len)
{
	const uint64_t *w = buf;
	for (uint32_t i = 0; i < len / 8; i++)
		h = (h ^ w[i]) * 0x100000001b3ull;
	return h;
}

/* libFuzzer target for hv/blk/virtq.c: the fuzz input is the guest's RAM (rings, headers,
 * buffers) plus a 16-byte prefix choosing the queue config and a tail of guest writes applied
 * between pops (index races). Checks the walker's promises on every request it accepts. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "../unit/virtq_env.h"
#include "../../hv/blk/virtq.h"
#include "../../hv/blk/blk_gpa.h"

#define PREFIX 16
#define POPS_MAX 600

#define REQUIRE(c)                     \
	do {                           \
		if (!(c))              \
			__builtin_trap(); \
	} while (0)

static void guest_write(uint16_t off, uint8_t v)
{
	*(uint8_t *)vq_host(VQ_RAM_BASE + (off % VQ_RAM_SIZE)) = v;
}

static int in_ram(uint64_t gpa, uint64_t len)
{
	return gpa >= VQ_RAM_BASE && gpa + len >= gpa && gpa + len <= VQ_RAM_BASE + VQ_RAM_SIZE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct virtq q;
	static struct virtq_req r;
	if (size < PREFIX)
		return 0;
	vq_env_init();
	uint8_t lg = data[0] % 10; /* 512 is refused by setup */
	int event_idx = data[1] & 1;
	struct virtq_blk_limits lim = {
		.capacity = (uint64_t)(data[12] | data[13] << 8 | data[14] << 16) << (data[15] & 31),
		.seg_max = data[2],
		.ro = (data[1] >> 1) & 1,
	};
	uint32_t nmut = data[3];
	uint64_t desc = VQ_RAM_BASE + ((data[4] | data[5] << 8) % VQ_RAM_SIZE);
	uint64_t avail = VQ_RAM_BASE + ((data[6] | data[7] << 8) % VQ_RAM_SIZE);
	uint64_t used = VQ_RAM_BASE + ((data[8] | data[9] << 8) % VQ_RAM_SIZE);
	data += PREFIX;
	size -= PREFIX;
	if ((size_t)nmut * 3 > size)
		nmut = (uint32_t)(size / 3);
	const uint8_t *mut = data + size - nmut * 3;
	size_t ram = size - nmut * 3;
	for (size_t i = 0; i < ram && i < VQ_RAM_SIZE; i++)
		guest_write((uint16_t)i, data[i]);

	if (virtq_setup(&q, 0, desc, avail, used, 1u << lg, 256, event_idx) != 0)
		return 0;
	uint16_t used_before = q.used_idx;
	for (int pops = 0; pops < POPS_MAX; pops++) {
		int rc = virtq_pop(&q, &lim, &r);
		if (rc != VIRTQ_REQ)
			break;
		REQUIRE(r.head < q.size);
		REQUIRE(r.nseg <= VIRTQ_SEG_MAX && r.nseg <= (lim.seg_max ? lim.seg_max : 0));
		REQUIRE(in_ram(r.status_gpa, 1) && blk_gpa_ok(0, r.status_gpa, 1, 1));
		uint64_t sum = 0;
		for (uint32_t i = 0; i < r.nseg; i++) {
			REQUIRE(r.seg[i].len > 0 && in_ram(r.seg[i].gpa, r.seg[i].len));
			REQUIRE(blk_gpa_ok(0, r.seg[i].gpa, r.seg[i].len, (int)r.seg[i].write));
			sum += r.seg[i].len;
		}
		if (r.status == VIRTIO_BLK_S_OK && r.type != VIRTIO_BLK_T_FLUSH) {
			REQUIRE(sum == r.data_len);
			if (r.type == VIRTIO_BLK_T_IN || r.type == VIRTIO_BLK_T_OUT) {
				REQUIRE(r.data_len % 512 == 0 && r.data_len > 0);
				REQUIRE(r.sector < lim.capacity &&
					r.data_len / 512 <= lim.capacity - r.sector);
				for (uint32_t i = 0; i < r.nseg; i++)
					REQUIRE(r.seg[i].write == (r.type == VIRTIO_BLK_T_IN));
				REQUIRE(!(lim.ro && r.type == VIRTIO_BLK_T_OUT));
			}
		}
		/* zero-copy consumers translate to host pieces: must succeed for an OK request */
		struct blk_hseg hs[2 * VIRTQ_SEG_MAX];
		uint32_t nh = 0;
		for (uint32_t i = 0; i < r.nseg; i++)
			REQUIRE(blk_gpa_split(0, r.seg[i].gpa, r.seg[i].len, (int)r.seg[i].write, hs,
					      &nh, 2 * VIRTQ_SEG_MAX) == 0);
		REQUIRE(virtq_complete(&q, r.head, r.status_gpa, r.status, 1) == 0);
		REQUIRE((uint16_t)(q.used_idx - used_before) == (uint16_t)(pops + 1));
		(void)virtq_should_notify(&q);
		if (nmut) { /* the guest scribbles while we work */
			guest_write((uint16_t)(mut[0] | mut[1] << 8), mut[2]);
			mut += 3;
			nmut--;
		}
	}
	return 0;
}

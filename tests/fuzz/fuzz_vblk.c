/* libFuzzer target for hv/blk/vblk.c over the pretend device (tests/unit/virtq_fakehw.c): the
 * input is the guest's RAM plus a script of BLOCK calls, device interrupts and guest writes.
 * ASan catches any transfer outside guest RAM (the RAM blocks are separate heap objects). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "../unit/virtq_env.h"
#include "../unit/virtq_fakehw.h"
#include "../../hv/blk/vblk.h"
#include "rvpv/blk.h"

static uint64_t until; /* vblk_notify's wait: the fuzzer never waits */

#define PREFIX 8
#define CFG (VQ_RAM_BASE + 0x3d00)

#define REQUIRE(c)                        \
	do {                              \
		if (!(c))                 \
			__builtin_trap(); \
	} while (0)

static struct blk_dev hw;
static struct vblk vb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	if (size < PREFIX)
		return 0;
	vq_env_init();
	if (!inited) {
		hw = fake_dev();
		REQUIRE(vblk_init(&vb, 0, 0, &hw, 8, FAKE_SECTORS - 8, 0, "fuzz") == 0);
		inited = 1;
	}
	vblk_reset(&vb);
	fake_limit = 1 + data[2] % FAKE_QMAX;
	fake_slow = data[6] % 4;
	uint32_t nops = data[3];
	struct rvpv_blk_queue_cfg c = { VQ_RAM_BASE + ((data[4] | data[5] << 8) & 0xfff0),
					VQ_RAM_BASE + 0x1000, VQ_RAM_BASE + 0x2000,
					1u << (data[0] % 9), 0, { 0, 0 } };
	uint64_t features = data[1] & 1 ? vb.offered : vb.offered & ~(1ull << VIRTIO_F_RING_EVENT_IDX);
	data += PREFIX;
	size -= PREFIX;
	if ((size_t)nops * 4 > size)
		nops = (uint32_t)(size / 4);
	const uint8_t *op = data + size - nops * 4;
	size_t ram = size - nops * 4;
	for (size_t i = 0; i < ram && i < VQ_RAM_SIZE; i++)
		*(uint8_t *)vq_host(VQ_RAM_BASE + i) = data[i];
	memcpy(vq_host(CFG), &c, sizeof(c));
	REQUIRE(vblk_set_features(&vb, features) == 0);
	if (vblk_queue_setup(&vb, 0, CFG) != 0)
		return 0;
	REQUIRE(vblk_notify(&vb, 0, &until) <= 0);
	for (uint32_t k = 0; k < nops; k++, op += 4) {
		switch (op[0] % 5) {
		case 0: (void)vblk_notify(&vb, 0, &until); break;
		case 1: vblk_irq(&hw); break;
		case 2: /* the guest scribbles on its RAM */
			*(uint8_t *)vq_host(VQ_RAM_BASE + ((op[1] | op[2] << 8) % VQ_RAM_SIZE)) = op[3];
			break;
		case 3: { /* nothing submitted before it still runs; its one restart may add */
			int before = fake_submits;
			vblk_quiesce(&vb);
			REQUIRE(fake_pending() <= fake_submits - before);
			break;
		}
		case 4: vblk_reset(&vb); REQUIRE(vb.inflight == 0 && !vb.q.ready);
			(void)vblk_set_features(&vb, features);
			(void)vblk_queue_setup(&vb, 0, CFG);
			break;
		}
		REQUIRE(vb.inflight == (uint32_t)fake_pending() && vb.inflight <= vb.q.size);
	}
	vblk_reset(&vb);
	REQUIRE(fake_pending() == 0);
	return 0;
}

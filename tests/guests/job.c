/* A fixed CPU job: a deterministic checksum over a few million steps, then shutdown. Used to
 * show that VMs sharing harts all finish with the same, correct result. */
#include "guest.h"

#define STEPS 3000000u

void guest_main(uint64_t vcpu, uint64_t dtb)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (uint32_t i = 0; i < STEPS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	guest_printf("job: done, checksum %lx\n", x);
}

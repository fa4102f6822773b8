/* Shared by fuzz_hcargs.c and hc_stubs.c: the one fake VM the call decoders act on. */
#ifndef FUZZ_HC_H
#define FUZZ_HC_H
#include "hypercall.h"
#include "vsbi.h"
#include "vm.h"
#include "vcpu.h"

#define REQUIRE(c)                        \
	do {                              \
		if (!(c))                 \
			__builtin_trap(); \
	} while (0)

struct fuzz_world {
	struct vm vm;
	struct vcpu vcpu[MAX_VCPUS];
	uint8_t *ram;            /* exactly vm.ram_size bytes on the heap */
	uint32_t input;          /* console bytes waiting for CONSOLE_READ */
	uint32_t bound_sources;  /* bit s: event_raise_source(s) finds a port */
};
extern struct fuzz_world fw;
extern uint64_t fuzz_effects;    /* state changes made through the core stand-ins */
extern int64_t fuzz_core_error;  /* nonzero: core stand-ins that can fail answer this */

void fuzz_world_init(uint32_t nvcpus, int disk, uint64_t ram_size);
void fuzz_world_free(void);
#endif

/* BLOCK group: the virtio-style disk transport. The disk backend is not wired in yet, so every
 * VM has no block device: each call answers "no such device" as the ABI specifies. */
#include "hypercall.h"
#include "vm.h"

static void no_device(struct hc_call *c)
{
	c->error = SBI_ERR_INVALID_PARAM;
}

void hc_BLOCK_GET_INFO(struct hc_call *c) { no_device(c); }
void hc_BLOCK_SET_FEATURES(struct hc_call *c) { no_device(c); }
void hc_BLOCK_QUEUE_SETUP(struct hc_call *c) { no_device(c); }
void hc_BLOCK_NOTIFY(struct hc_call *c) { no_device(c); }
void hc_BLOCK_RESET(struct hc_call *c) { no_device(c); }

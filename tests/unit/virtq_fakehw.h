/* The pretend device of virtq_fakehw.c: its disk and knobs. */
#ifndef VIRTQ_FAKEHW_H
#define VIRTQ_FAKEHW_H
#include "../../hv/blk/blk_dev.h"
#include "rvpv/virtio_ring.h"
#define FAKE_SECTORS 256
#define FAKE_QMAX 64
extern uint8_t fake_disk[FAKE_SECTORS * 512];
extern int fake_limit, fake_slow, fake_kicks, fake_submits, fake_flushes, fake_sync, fake_quick, fake_rearmed;
int fake_pending(void);
struct blk_dev fake_dev(void); /* FAKE_SECTORS sectors, 254 segments per request */
#endif

/* A pretend physical block device (hv/blk/blk_dev.h ops) for host tests of hv/blk/vblk.c:
 * requests queue up and are performed on an in-memory disk by a later poll. A request is done
 * at the first poll after the one that follows its submission (vblk_notify polls once itself,
 * so it completes at the next vblk_irq, as a device that takes its time); with fake_sync, at
 * the first poll (a device done during the kick, as QEMU's often is). With fake_quick, a request
 * is done once finished() looks after its submission (done while vblk lingers), and the next
 * poll completes it. fake_rearmed counts looks that came after a poll since the last kick: the
 * real device's interrupt is armed again by then (vmblk_poll), so the completion vblk watches
 * for would cost the guest an interrupt's exit anyway. fake_slow adds that many polls to every
 * request's wait (a device some requests take long on: the fuzzer varies it). */
#include <string.h>
#include "virtq_fakehw.h"

uint8_t fake_disk[FAKE_SECTORS * 512];
int fake_limit = FAKE_QMAX, fake_slow, fake_kicks, fake_submits, fake_flushes, fake_sync, fake_quick, fake_rearmed;
static struct fake_req { uint32_t type; uint64_t sector; struct blk_hseg seg[256];
			 uint32_t nseg; void *cookie; int poll, done; } fq[FAKE_QMAX];
static int nfq, polls, kick_polls;

int fake_pending(void) { return nfq; }

static int fake_submit(struct blk_dev *d, uint32_t type, uint64_t sector, const struct blk_hseg *seg,
		       uint32_t nseg, void *cookie)
{
	if (nseg > d->seg_max)
		return BLK_DEV_EINVAL;
	if (nfq >= fake_limit)
		return BLK_DEV_EBUSY;
	fq[nfq].type = type;
	fq[nfq].sector = sector;
	memcpy(fq[nfq].seg, seg, nseg * sizeof(*seg));
	fq[nfq].nseg = nseg;
	fq[nfq].cookie = cookie;
	fq[nfq].poll = polls;
	fq[nfq].done = 0;
	nfq++;
	fake_submits++;
	return BLK_DEV_OK;
}

static void fake_kick(struct blk_dev *d)
{
	(void)d;
	fake_kicks++;
	kick_polls = polls;
}

static uint8_t perform(struct fake_req *r, uint32_t *len)
{
	uint64_t off = r->sector * 512, total = 0;
	*len = 1;
	if (r->type == VIRTIO_BLK_T_FLUSH) {
		fake_flushes++;
		return VIRTIO_BLK_S_OK;
	}
	for (uint32_t i = 0; i < r->nseg; i++)
		total += r->seg[i].len;
	if (off + total > sizeof(fake_disk))
		return VIRTIO_BLK_S_IOERR;
	for (uint32_t i = 0; i < r->nseg; i++) {
		void *h = (void *)(uintptr_t)r->seg[i].addr;
		if (r->type == VIRTIO_BLK_T_IN)
			memcpy(h, fake_disk + off, r->seg[i].len);
		else
			memcpy(fake_disk + off, h, r->seg[i].len);
		off += r->seg[i].len;
	}
	if (r->type == VIRTIO_BLK_T_IN)
		*len = (uint32_t)total + 1;
	return VIRTIO_BLK_S_OK;
}

static uint32_t fake_poll(struct blk_dev *d, blk_done_fn done, void *arg)
{
	(void)d;
	int n = nfq, kept = 0;
	uint32_t completed = 0;
	polls++;
	nfq = 0;
	for (int i = 0; i < n; i++) {
		if (!fake_sync && !fq[i].done && fq[i].poll + fake_slow >= polls - 1) {
			fq[kept++] = fq[i];
			continue;
		}
		uint32_t len;
		uint8_t st = perform(&fq[i], &len);
		done(arg, fq[i].cookie, st, len);
		completed++;
	}
	nfq = kept;
	return completed;
}

static int fake_finished(struct blk_dev *d)
{
	(void)d;
	int any = 0;
	fake_rearmed += polls != kick_polls;
	for (int i = 0; i < nfq; i++) {
		fq[i].done |= fake_quick;
		any |= fake_sync || fq[i].done;
	}
	return any;
}

static const struct blk_dev_ops fake_ops = { fake_submit, fake_kick, fake_poll, fake_finished };
static const struct blk_dev_stats fake_stats;

struct blk_dev fake_dev(void)
{
	return (struct blk_dev){ .ops = &fake_ops, .capacity = FAKE_SECTORS, .seg_max = 254,
				 .stats = &fake_stats, .note = "" };
}

/* Buffer cache: NBUF disk blocks kept in LRU order. A write marks its buffer dirty; bcommit
 * writes every dirty buffer in one batch (one notify per batch) and runs before a system call
 * returns and before a process gives up the CPU, so a write is on the device when the call
 * that made it returns, as with write-through. No journal; sync then flushes the device. */
#include "defs.h"

static struct buf bufs[NBUF];
static struct buf head;  /* head.next = most recently used */

void binit(void)
{
	head.prev = head.next = &head;
	for (int i = 0; i < NBUF; i++) {
		struct buf *b = &bufs[i];
		b->next = head.next;
		b->prev = &head;
		head.next->prev = b;
		head.next = b;
	}
}

static void disk_rw(struct buf *b, int write)
{
	uint64_t sector = (uint64_t)b->blockno * (PVFS_BSIZE / VIRTIO_BLK_SECTOR_SIZE);
	if (virtio_blk_rw(sector, b->data, PVFS_BSIZE, write) < 0)
		panic("bio: disk error");
}

static int ndirty;

struct buf *bread(uint32_t blockno)
{
	struct buf *b;
	for (b = head.next; b != &head; b = b->next) {
		if (b->blockno == blockno && b->valid) {
			b->refcnt++;
			return b;
		}
	}
	for (int pass = 0; pass < 2; pass++) {
		for (b = head.prev; b != &head; b = b->prev) {
			if (b->refcnt == 0 && !b->dirty) {
				b->blockno = blockno;
				b->refcnt = 1;
				disk_rw(b, 0);
				b->valid = 1;
				return b;
			}
		}
		bcommit();  /* every free buffer was dirty: write them and look again */
	}
	panic("bread: no buffers");
}

void bwrite(struct buf *b)
{
	if (!b->dirty) {
		b->dirty = 1;
		ndirty++;
	}
}

void bcommit(void)
{
	static struct blk_req rq[NBUF];
	int n = 0;
	if (!ndirty)
		return;
	for (int i = 0; i < NBUF; i++)
		if (bufs[i].dirty)
			rq[n++] = (struct blk_req){ (uint64_t)bufs[i].blockno * (PVFS_BSIZE / VIRTIO_BLK_SECTOR_SIZE),
						    bufs[i].data, PVFS_BSIZE, 1 };
	if (virtio_blk_batch(rq, n) < 0)
		panic("bio: disk error");
	for (int i = 0; i < NBUF; i++)
		bufs[i].dirty = 0;
	ndirty = 0;
}

void brelse(struct buf *b)
{
	if (--b->refcnt == 0) {
		b->next->prev = b->prev;
		b->prev->next = b->next;
		b->next = head.next;
		b->prev = &head;
		head.next->prev = b;
		head.next = b;
	}
}

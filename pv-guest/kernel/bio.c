/* Buffer cache: NBUF disk blocks kept in LRU order. A write marks its buffer dirty; bcommit
 * writes every dirty buffer in one batch (one notify per batch) and runs before a system call
 * returns and before a process gives up the CPU, so a write is on the device when the call
 * that made it returns, as with write-through. A read that misses brings the blocks after it
 * too, in the same batch; a block about to be overwritten whole (bget) is not read at all.
 * No journal; sync then flushes the device. */
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

static int ndirty;

/* A missed block is read together with up to READAHEAD blocks after it that are not cached, in
 * one batch: on rvpv a batch is one BLOCK_NOTIFY exit, and sequential reads are most reads. */
#define READAHEAD 7

static void to_front(struct buf *b) /* most recently used */
{
	b->next->prev = b->prev;
	b->prev->next = b->next;
	b->next = head.next;
	b->prev = &head;
	head.next->prev = b;
	head.next = b;
}

static struct buf *cached(uint32_t blockno)
{
	for (struct buf *b = head.next; b != &head; b = b->next)
		if (b->blockno == blockno && b->valid)
			return b;
	return 0;
}

/* The least recently used buffer that is neither referenced nor dirty, taken for blockno
 * (referenced, not yet valid) and moved to the front; 0 if there is none. */
static struct buf *claim(uint32_t blockno)
{
	for (struct buf *b = head.prev; b != &head; b = b->prev) {
		if (b->refcnt == 0 && !b->dirty) {
			b->blockno = blockno;
			b->refcnt = 1;
			b->valid = 0;
			to_front(b);
			return b;
		}
	}
	return 0;
}

/* blockno's buffer, referenced: the cached one, or a claimed one (not yet valid) */
static struct buf *get(uint32_t blockno)
{
	struct buf *b = cached(blockno);
	if (b) {
		b->refcnt++;
		return b;
	}
	for (int pass = 0; pass < 2 && !(b = claim(blockno)); pass++)
		bcommit();  /* every free buffer was dirty: write them and look again */
	if (!b)
		panic("bio: no buffers");
	return b;
}

/* For a block the caller overwrites whole (a freshly allocated one): its old contents are
 * never read from the disk. */
struct buf *bget(uint32_t blockno)
{
	struct buf *b = get(blockno);
	b->valid = 1;
	return b;
}

struct buf *bread(uint32_t blockno)
{
	struct buf *b = get(blockno);
	if (b->valid)
		return b;
	struct buf *got[READAHEAD + 1] = { b };
	struct blk_req rq[READAHEAD + 1];
	uint64_t blocks = virtio_blk_capacity() / (PVFS_BSIZE / VIRTIO_BLK_SECTOR_SIZE);
	int n = 1;
	for (; n <= READAHEAD && blockno + n < blocks && !cached(blockno + n); n++)
		if (!(got[n] = claim(blockno + n)))
			break;
	for (int i = 0; i < n; i++)
		rq[i] = (struct blk_req){ (uint64_t)got[i]->blockno * (PVFS_BSIZE / VIRTIO_BLK_SECTOR_SIZE),
					  got[i]->data, PVFS_BSIZE, 0 };
	if (virtio_blk_batch(rq, n) < 0)
		panic("bio: disk error");
	for (int i = 0; i < n; i++) {
		got[i]->valid = 1;
		got[i]->refcnt -= i > 0; /* read ahead: cached, not held */
	}
	return b;
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
	if (--b->refcnt == 0)
		to_front(b);
}

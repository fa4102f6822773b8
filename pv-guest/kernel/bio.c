/* Buffer cache: NBUF disk blocks kept in LRU order. Writes go through to the disk at once
 * (no journal); sync only asks the device to flush its own cache. */
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

struct buf *bread(uint32_t blockno)
{
	struct buf *b;
	for (b = head.next; b != &head; b = b->next) {
		if (b->blockno == blockno && b->valid) {
			b->refcnt++;
			return b;
		}
	}
	for (b = head.prev; b != &head; b = b->prev) {
		if (b->refcnt == 0) {
			b->blockno = blockno;
			b->refcnt = 1;
			disk_rw(b, 0);
			b->valid = 1;
			return b;
		}
	}
	panic("bread: no buffers");
}

void bwrite(struct buf *b)
{
	disk_rw(b, 1);
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

/* pvfs in the kernel: block allocation, the inode cache, file contents and path lookup.
 * On-disk format in include/pvfs.h. Single hart, no preemption in the kernel and synchronous
 * disk I/O, so the caches need reference counts but no locks. */
#include "defs.h"

static struct pvfs_super sb;
static struct inode itable[NINODE];

void fs_init(void)
{
	struct buf *b = bread(1);
	memmove(&sb, b->data, sizeof(sb));
	brelse(b);
	if (sb.magic != PVFS_MAGIC)
		panic("fs_init: no pvfs on the disk");
	kprintf("pv-guest: pvfs %u blocks, %u inodes\n", sb.nblocks, sb.ninodes);
}

static void bzero_block(uint32_t bno)
{
	struct buf *b = bget(bno);
	memset(b->data, 0, PVFS_BSIZE);
	bwrite(b);
	brelse(b);
}

static uint32_t balloc(void)
{
	for (uint32_t base = 0; base < sb.nblocks; base += PVFS_BPB) {
		struct buf *b = bread(sb.bmap_start + base / PVFS_BPB);
		for (uint32_t bi = 0; bi < PVFS_BPB && base + bi < sb.nblocks; bi++) {
			uint8_t m = 1 << (bi % 8);
			if (!(b->data[bi / 8] & m)) {
				b->data[bi / 8] |= m;
				bwrite(b);
				brelse(b);
				bzero_block(base + bi);
				return base + bi;
			}
		}
		brelse(b);
	}
	return 0;
}

static void bfree(uint32_t bno)
{
	struct buf *b = bread(sb.bmap_start + bno / PVFS_BPB);
	uint32_t bi = bno % PVFS_BPB;
	b->data[bi / 8] &= ~(1 << (bi % 8));
	bwrite(b);
	brelse(b);
}

struct inode *iget(uint32_t inum)
{
	struct inode *empty = 0;
	for (int i = 0; i < NINODE; i++) {
		struct inode *ip = &itable[i];
		if (ip->ref > 0 && ip->inum == inum) {
			ip->ref++;
			return ip;
		}
		if (!empty && ip->ref == 0)
			empty = ip;
	}
	if (!empty)
		panic("iget: no inodes");
	empty->inum = inum;
	empty->ref = 1;
	empty->valid = 0;
	return empty;
}

struct inode *idup(struct inode *ip)
{
	ip->ref++;
	return ip;
}

static struct pvfs_dinode *dinode(struct buf *b, uint32_t inum)
{
	return (struct pvfs_dinode *)b->data + inum % PVFS_IPB;
}

/* Read the on-disk inode into memory if it is not there yet. */
void iload(struct inode *ip)
{
	if (ip->valid)
		return;
	struct buf *b = bread(sb.inode_start + ip->inum / PVFS_IPB);
	struct pvfs_dinode *d = dinode(b, ip->inum);
	ip->type = d->type;
	ip->nlink = d->nlink;
	ip->size = d->size;
	memmove(ip->addrs, d->addrs, sizeof(ip->addrs));
	brelse(b);
	ip->valid = 1;
	if (!ip->type)
		panic("iload: free inode");
}

void iupdate(struct inode *ip)
{
	struct buf *b = bread(sb.inode_start + ip->inum / PVFS_IPB);
	struct pvfs_dinode *d = dinode(b, ip->inum);
	d->type = ip->type;
	d->nlink = ip->nlink;
	d->size = ip->size;
	memmove(d->addrs, ip->addrs, sizeof(ip->addrs));
	bwrite(b);
	brelse(b);
}

struct inode *ialloc(uint16_t type)
{
	for (uint32_t inum = 1; inum < sb.ninodes; inum++) {
		struct buf *b = bread(sb.inode_start + inum / PVFS_IPB);
		struct pvfs_dinode *d = dinode(b, inum);
		if (d->type == 0) {
			memset(d, 0, sizeof(*d));
			d->type = type;
			bwrite(b);
			brelse(b);
			struct inode *ip = iget(inum);
			ip->valid = 0;
			iload(ip);
			return ip;
		}
		brelse(b);
	}
	return 0;
}

void itrunc(struct inode *ip)
{
	for (int i = 0; i < PVFS_NDIRECT; i++) {
		if (ip->addrs[i]) {
			bfree(ip->addrs[i]);
			ip->addrs[i] = 0;
		}
	}
	if (ip->addrs[PVFS_NDIRECT]) {
		struct buf *b = bread(ip->addrs[PVFS_NDIRECT]);
		uint32_t *a = (uint32_t *)b->data;
		for (uint32_t j = 0; j < PVFS_NINDIRECT; j++)
			if (a[j])
				bfree(a[j]);
		brelse(b);
		bfree(ip->addrs[PVFS_NDIRECT]);
		ip->addrs[PVFS_NDIRECT] = 0;
	}
	ip->size = 0;
	iupdate(ip);
}

/* Drop a reference; the last one to an unlinked inode frees it on disk. */
void iput(struct inode *ip)
{
	if (ip->ref == 1 && ip->valid && ip->nlink == 0) {
		itrunc(ip);
		ip->type = 0;
		iupdate(ip);
		ip->valid = 0;
	}
	ip->ref--;
}

/* Disk block holding the file's block bn, allocated when alloc is set (0 if none). */
static uint32_t bmap(struct inode *ip, uint32_t bn, int alloc)
{
	if (bn < PVFS_NDIRECT) {
		if (!ip->addrs[bn] && alloc)
			ip->addrs[bn] = balloc();
		return ip->addrs[bn];
	}
	bn -= PVFS_NDIRECT;
	if (bn >= PVFS_NINDIRECT)
		return 0;
	if (!ip->addrs[PVFS_NDIRECT]) {
		if (!alloc || !(ip->addrs[PVFS_NDIRECT] = balloc()))
			return 0;
	}
	struct buf *b = bread(ip->addrs[PVFS_NDIRECT]);
	uint32_t *a = (uint32_t *)b->data;
	if (!a[bn] && alloc && (a[bn] = balloc()))
		bwrite(b);
	uint32_t r = a[bn];
	brelse(b);
	return r;
}

int either_copyout(int user, uint64_t dst, const void *src, uint64_t len)
{
	if (user)
		return copyout(myproc()->pagetable, dst, src, len);
	memmove((void *)dst, src, len);
	return 0;
}

int either_copyin(int user, void *dst, uint64_t src, uint64_t len)
{
	if (user)
		return copyin(myproc()->pagetable, dst, src, len);
	memmove(dst, (const void *)src, len);
	return 0;
}

int readi(struct inode *ip, int user, uint64_t dst, uint32_t off, uint32_t n)
{
	if (off > ip->size || off + n < off)
		return 0;
	if (off + n > ip->size)
		n = ip->size - off;
	uint32_t tot = 0;
	while (tot < n) {
		uint32_t bno = bmap(ip, off / PVFS_BSIZE, 0);
		uint32_t m = PVFS_BSIZE - off % PVFS_BSIZE;
		if (m > n - tot)
			m = n - tot;
		if (bno) {
			struct buf *b = bread(bno);
			int bad = either_copyout(user, dst, b->data + off % PVFS_BSIZE, m);
			brelse(b);
			if (bad < 0)
				return -1;
		} else {
			static const uint8_t zeros[PVFS_BSIZE];
			if (either_copyout(user, dst, zeros, m) < 0)
				return -1;
		}
		tot += m;
		off += m;
		dst += m;
	}
	return (int)tot;
}

int writei(struct inode *ip, int user, uint64_t src, uint32_t off, uint32_t n)
{
	if (off > ip->size || off + n < off || off + n > PVFS_MAXFILE * PVFS_BSIZE)
		return -1;
	uint32_t tot = 0;
	while (tot < n) {
		uint32_t bno = bmap(ip, off / PVFS_BSIZE, 1);
		if (!bno)
			break;
		uint32_t m = PVFS_BSIZE - off % PVFS_BSIZE;
		if (m > n - tot)
			m = n - tot;
		struct buf *b = bread(bno);
		if (either_copyin(user, b->data + off % PVFS_BSIZE, src, m) < 0) {
			brelse(b);
			break;
		}
		bwrite(b);
		brelse(b);
		tot += m;
		off += m;
		src += m;
	}
	if (off > ip->size)
		ip->size = off;
	iupdate(ip);  /* bmap may have changed addrs even without growth */
	return (int)tot;
}

void stati(struct inode *ip, struct pv_stat *st)
{
	st->ino = ip->inum;
	st->type = ip->type;
	st->nlink = ip->nlink;
	st->size = ip->size;
}

static int namecmp(const char *a, const char *b)
{
	return strncmp(a, b, PVFS_NAMELEN);
}

struct inode *dirlookup(struct inode *dp, const char *name, uint32_t *poff)
{
	struct pvfs_dirent de;
	if (dp->type != PVFS_T_DIR)
		return 0;
	for (uint32_t off = 0; off < dp->size; off += sizeof(de)) {
		if (readi(dp, 0, (uint64_t)&de, off, sizeof(de)) != sizeof(de))
			panic("dirlookup: read");
		if (de.inum && namecmp(name, de.name) == 0) {
			if (poff)
				*poff = off;
			return iget(de.inum);
		}
	}
	return 0;
}

int dirlink(struct inode *dp, const char *name, uint32_t inum)
{
	struct pvfs_dirent de;
	struct inode *ip = dirlookup(dp, name, 0);
	if (ip) {
		iput(ip);
		return -1;
	}
	uint32_t off;
	for (off = 0; off < dp->size; off += sizeof(de)) {
		if (readi(dp, 0, (uint64_t)&de, off, sizeof(de)) != sizeof(de))
			panic("dirlink: read");
		if (!de.inum)
			break;
	}
	memset(&de, 0, sizeof(de));
	for (int i = 0; i < PVFS_NAMELEN && name[i]; i++)
		de.name[i] = name[i];
	de.inum = (uint16_t)inum;
	return writei(dp, 0, (uint64_t)&de, off, sizeof(de)) == sizeof(de) ? 0 : -1;
}

/* Copy the next path element into name; returns the rest of the path or 0 at the end. */
static const char *skipelem(const char *path, char *name)
{
	while (*path == '/')
		path++;
	if (!*path)
		return 0;
	const char *s = path;
	while (*path && *path != '/')
		path++;
	int len = path - s;
	if (len > PVFS_NAMELEN)
		len = PVFS_NAMELEN;
	memmove(name, s, len);
	name[len] = 0;
	while (*path == '/')
		path++;
	return path;
}

static struct inode *namex(const char *path, int parent, char *name)
{
	struct inode *ip = *path == '/' ? iget(PVFS_ROOTINO) : idup(myproc()->cwd), *next;
	while ((path = skipelem(path, name))) {
		iload(ip);
		if (ip->type != PVFS_T_DIR) {
			iput(ip);
			return 0;
		}
		if (parent && !*path)
			return ip;
		if (!(next = dirlookup(ip, name, 0))) {
			iput(ip);
			return 0;
		}
		iput(ip);
		ip = next;
	}
	if (parent) {
		iput(ip);
		return 0;
	}
	return ip;
}

struct inode *namei(const char *path)
{
	char name[PVFS_NAMELEN + 1];
	return namex(path, 0, name);
}

struct inode *nameiparent(const char *path, char *name)
{
	return namex(path, 1, name);
}

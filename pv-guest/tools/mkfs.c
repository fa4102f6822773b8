/* mkfs: build a pvfs image on the host. Usage: mkfs IMAGE FILE...
 * Every FILE goes into the root directory under its base name; /console is the console
 * device and /tmp an empty directory. Format in include/pvfs.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvfs.h"

#define NBLOCKS 4096u
#define NINODES 256u

static uint8_t img[NBLOCKS][PVFS_BSIZE];
static struct pvfs_super sb;
static uint32_t next_inum = 1, next_block;

static struct pvfs_dinode *dinode(uint32_t inum)
{
	return (struct pvfs_dinode *)img[sb.inode_start + inum / PVFS_IPB] + inum % PVFS_IPB;
}

static uint32_t ialloc(uint16_t type)
{
	uint32_t inum = next_inum++;
	if (inum >= NINODES) {
		fprintf(stderr, "mkfs: out of inodes\n");
		exit(1);
	}
	struct pvfs_dinode *d = dinode(inum);
	d->type = type;
	d->nlink = 1;
	return inum;
}

static uint32_t balloc(void)
{
	if (next_block >= NBLOCKS) {
		fprintf(stderr, "mkfs: image full\n");
		exit(1);
	}
	return next_block++;
}

/* Append n bytes to inode inum. */
static void iappend(uint32_t inum, const void *data, uint32_t n)
{
	struct pvfs_dinode *d = dinode(inum);
	const uint8_t *p = data;
	while (n > 0) {
		uint32_t fbn = d->size / PVFS_BSIZE, bno;
		if (fbn >= PVFS_MAXFILE) {
			fprintf(stderr, "mkfs: file too large\n");
			exit(1);
		}
		if (fbn < PVFS_NDIRECT) {
			if (!d->addrs[fbn])
				d->addrs[fbn] = balloc();
			bno = d->addrs[fbn];
		} else {
			if (!d->addrs[PVFS_NDIRECT])
				d->addrs[PVFS_NDIRECT] = balloc();
			uint32_t *ind = (uint32_t *)img[d->addrs[PVFS_NDIRECT]];
			if (!ind[fbn - PVFS_NDIRECT])
				ind[fbn - PVFS_NDIRECT] = balloc();
			bno = ind[fbn - PVFS_NDIRECT];
		}
		uint32_t off = d->size % PVFS_BSIZE, m = PVFS_BSIZE - off;
		if (m > n)
			m = n;
		memcpy(img[bno] + off, p, m);
		d->size += m;
		p += m;
		n -= m;
	}
}

static void dirent_add(uint32_t dir, const char *name, uint32_t inum)
{
	struct pvfs_dirent de;
	memset(&de, 0, sizeof(de));
	de.inum = (uint16_t)inum;
	strncpy(de.name, name, PVFS_NAMELEN);
	iappend(dir, &de, sizeof(de));
}

static uint32_t mkdir_in(uint32_t parent, const char *name)
{
	uint32_t d = ialloc(PVFS_T_DIR);
	dirent_add(d, ".", d);
	dirent_add(d, "..", parent);
	dinode(d)->nlink = 2;
	if (d != parent) {
		dirent_add(parent, name, d);
		dinode(parent)->nlink++;
	}
	return d;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkfs IMAGE FILE...\n");
		return 2;
	}
	sb.magic = PVFS_MAGIC;
	sb.nblocks = NBLOCKS;
	sb.ninodes = NINODES;
	sb.inode_start = 2;
	sb.bmap_start = sb.inode_start + (NINODES + PVFS_IPB - 1) / PVFS_IPB;
	sb.data_start = sb.bmap_start + (NBLOCKS + PVFS_BPB - 1) / PVFS_BPB;
	next_block = sb.data_start;
	memcpy(img[1], &sb, sizeof(sb));

	uint32_t root = mkdir_in(PVFS_ROOTINO, "/");
	if (root != PVFS_ROOTINO)
		return 1;
	dirent_add(root, "console", ialloc(PVFS_T_DEV));
	mkdir_in(root, "tmp");
	for (int i = 2; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		const char *base = strrchr(argv[i], '/');
		base = base ? base + 1 : argv[i];
		if (strlen(base) > PVFS_NAMELEN) {
			fprintf(stderr, "mkfs: name too long: %s\n", base);
			return 1;
		}
		uint32_t inum = ialloc(PVFS_T_FILE);
		dirent_add(root, base, inum);
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			iappend(inum, buf, (uint32_t)n);
		fclose(f);
	}
	/* Mark every block used so far (metadata and data) in the bitmap. */
	for (uint32_t b = 0; b < next_block; b++)
		img[sb.bmap_start + b / PVFS_BPB][(b % PVFS_BPB) / 8] |= 1 << (b % 8);

	FILE *out = fopen(argv[1], "wb");
	if (!out || fwrite(img, sizeof(img), 1, out) != 1 || fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	printf("mkfs: %s: %u of %u blocks used, %u inodes\n", argv[1], next_block, NBLOCKS,
	       next_inum - 1);
	return 0;
}

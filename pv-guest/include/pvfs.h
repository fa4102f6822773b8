/* On-disk format of pvfs, the guest's file system; shared by the kernel and tools/mkfs.c.
 * Layout in 1 KiB blocks: [0 unused][1 superblock][inode table][free bitmap][data]. */
#ifndef PVFS_H
#define PVFS_H
#include <stdint.h>

#define PVFS_MAGIC   0x53465650u  /* "PVFS" */
#define PVFS_BSIZE   1024
#define PVFS_NDIRECT 13
#define PVFS_NINDIRECT (PVFS_BSIZE / 4)
#define PVFS_MAXFILE (PVFS_NDIRECT + PVFS_NINDIRECT)
#define PVFS_ROOTINO 1
#define PVFS_NAMELEN 14

#define PVFS_T_DIR  1
#define PVFS_T_FILE 2
#define PVFS_T_DEV  3   /* the console; minor is unused */

struct pvfs_super {
	uint32_t magic;
	uint32_t nblocks;     /* whole image */
	uint32_t ninodes;
	uint32_t inode_start; /* first inode-table block */
	uint32_t bmap_start;  /* first free-bitmap block */
	uint32_t data_start;  /* first data block */
};

struct pvfs_dinode {
	uint16_t type;        /* 0 = free */
	uint16_t nlink;
	uint32_t size;
	uint32_t addrs[PVFS_NDIRECT + 1]; /* last one: block of PVFS_NINDIRECT more */
};
_Static_assert(sizeof(struct pvfs_dinode) == 64, "dinode is 64 bytes");

#define PVFS_IPB (PVFS_BSIZE / sizeof(struct pvfs_dinode))
#define PVFS_BPB (PVFS_BSIZE * 8)

struct pvfs_dirent {
	uint16_t inum;        /* 0 = free slot */
	char name[PVFS_NAMELEN];  /* NUL-padded, not terminated when full */
};
_Static_assert(sizeof(struct pvfs_dirent) == 16, "dirent is 16 bytes");

#endif

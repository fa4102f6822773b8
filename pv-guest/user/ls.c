/* ls: list a directory (name, type, inode, size) or describe a single file. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

static const char *tname(int t)
{
	return t == PVFS_T_DIR ? "dir" : t == PVFS_T_DEV ? "dev" : "file";
}

static void show(const char *name, const struct pv_stat *st)
{
	printf("%-14s %-4s %3u %6lu\n", name, tname(st->type), (unsigned)st->ino,
	       (unsigned long)st->size);
}

static int ls(const char *path)
{
	struct pv_stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || pv_fstat(fd, &st) < 0) {
		fprintf(stderr, "ls: cannot open %s\n", path);
		return 1;
	}
	if (st.type != PVFS_T_DIR) {
		show(path, &st);
		close(fd);
		return 0;
	}
	struct pvfs_dirent de;
	while (read(fd, &de, sizeof(de)) == sizeof(de)) {
		if (!de.inum)
			continue;
		char name[PVFS_NAMELEN + 1], full[128];
		memcpy(name, de.name, PVFS_NAMELEN);
		name[PVFS_NAMELEN] = 0;
		snprintf(full, sizeof(full), "%s/%s", path, name);
		struct pv_stat cst;
		int cfd = open(full, O_RDONLY);
		if (cfd >= 0 && pv_fstat(cfd, &cst) == 0)
			show(name, &cst);
		else
			printf("%-14s ?\n", name);
		if (cfd >= 0)
			close(cfd);
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return ls(".");
	int rc = 0;
	for (int i = 1; i < argc; i++)
		rc |= ls(argv[i]);
	return rc;
}

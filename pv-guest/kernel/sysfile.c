/* File-system system calls: descriptors, open/create, directories, pipes, exec, sync. */
#include "defs.h"

static int argfd(int n, struct file **pf)
{
	uint64_t fd = argraw(n);
	if (fd >= NOFILE || !myproc()->ofile[fd])
		return -1;
	*pf = myproc()->ofile[fd];
	return (int)fd;
}

static int fdalloc(struct file *f)
{
	struct proc *p = myproc();
	for (int fd = 0; fd < NOFILE; fd++) {
		if (!p->ofile[fd]) {
			p->ofile[fd] = f;
			return fd;
		}
	}
	return -1;
}

int64_t sys_dup(void)
{
	struct file *f;
	int fd;
	if (argfd(0, &f) < 0 || (fd = fdalloc(f)) < 0)
		return -1;
	filedup(f);
	return fd;
}

int64_t sys_read(void)
{
	struct file *f;
	return argfd(0, &f) < 0 ? -1 : fileread(f, argraw(1), (int)argraw(2));
}

int64_t sys_write(void)
{
	struct file *f;
	return argfd(0, &f) < 0 ? -1 : filewrite(f, argraw(1), (int)argraw(2));
}

int64_t sys_close(void)
{
	struct file *f;
	int fd = argfd(0, &f);
	if (fd < 0)
		return -1;
	myproc()->ofile[fd] = 0;
	fileclose(f);
	return 0;
}

int64_t sys_fstat(void)
{
	struct file *f;
	return argfd(0, &f) < 0 ? -1 : filestat(f, argraw(1));
}

static struct inode *create(const char *path, uint16_t type)
{
	char name[PVFS_NAMELEN + 1];
	struct inode *dp = nameiparent(path, name), *ip;
	if (!dp)
		return 0;
	iload(dp);
	if ((ip = dirlookup(dp, name, 0))) {
		iput(dp);
		iload(ip);
		if (type == PVFS_T_FILE && (ip->type == PVFS_T_FILE || ip->type == PVFS_T_DEV))
			return ip;
		iput(ip);
		return 0;
	}
	if (!(ip = ialloc(type))) {
		iput(dp);
		return 0;
	}
	ip->nlink = 1;
	iupdate(ip);
	if (type == PVFS_T_DIR) {
		if (dirlink(ip, ".", ip->inum) < 0 || dirlink(ip, "..", dp->inum) < 0)
			goto fail;
	}
	if (dirlink(dp, name, ip->inum) < 0)
		goto fail;
	if (type == PVFS_T_DIR) {
		dp->nlink++;  /* for ".." */
		iupdate(dp);
	}
	iput(dp);
	return ip;
fail:
	ip->nlink = 0;
	iupdate(ip);
	iput(ip);
	iput(dp);
	return 0;
}

int64_t sys_open(void)
{
	char path[MAXPATH];
	int mode = (int)argraw(1), fd;
	struct inode *ip;
	struct file *f;
	if (argstr(0, path, sizeof(path)) < 0)
		return -1;
	if (mode & PV_O_CREATE) {
		if (!(ip = create(path, PVFS_T_FILE)))
			return -1;
	} else {
		if (!(ip = namei(path)))
			return -1;
		iload(ip);
		if (ip->type == PVFS_T_DIR && mode != PV_O_RDONLY) {
			iput(ip);
			return -1;
		}
	}
	if (!(f = filealloc())) {
		iput(ip);
		return -1;
	}
	if ((fd = fdalloc(f)) < 0) {
		fileclose(f);
		iput(ip);
		return -1;
	}
	f->type = ip->type == PVFS_T_DEV ? FD_DEVICE : FD_INODE;
	f->ip = ip;
	f->readable = (mode & 3) != PV_O_WRONLY;
	f->writable = (mode & 3) != PV_O_RDONLY;
	if ((mode & PV_O_TRUNC) && ip->type == PVFS_T_FILE)
		itrunc(ip);
	return fd;
}

int64_t sys_mkdir(void)
{
	char path[MAXPATH];
	struct inode *ip;
	if (argstr(0, path, sizeof(path)) < 0 || !(ip = create(path, PVFS_T_DIR)))
		return -1;
	iput(ip);
	return 0;
}

static int dir_is_empty(struct inode *dp)
{
	struct pvfs_dirent de;
	for (uint32_t off = 2 * sizeof(de); off < dp->size; off += sizeof(de)) {
		if (readi(dp, 0, (uint64_t)&de, off, sizeof(de)) != sizeof(de))
			panic("dir_is_empty: read");
		if (de.inum)
			return 0;
	}
	return 1;
}

int64_t sys_unlink(void)
{
	char path[MAXPATH], name[PVFS_NAMELEN + 1];
	struct pvfs_dirent de;
	struct inode *dp, *ip;
	uint32_t off;
	if (argstr(0, path, sizeof(path)) < 0 || !(dp = nameiparent(path, name)))
		return -1;
	iload(dp);
	if (strncmp(name, ".", 2) == 0 || strncmp(name, "..", 3) == 0 ||
	    !(ip = dirlookup(dp, name, &off))) {
		iput(dp);
		return -1;
	}
	iload(ip);
	if (ip->type == PVFS_T_DIR && !dir_is_empty(ip)) {
		iput(ip);
		iput(dp);
		return -1;
	}
	memset(&de, 0, sizeof(de));
	if (writei(dp, 0, (uint64_t)&de, off, sizeof(de)) != sizeof(de))
		panic("unlink: writei");
	if (ip->type == PVFS_T_DIR) {
		dp->nlink--;
		iupdate(dp);
	}
	iput(dp);
	ip->nlink--;
	iupdate(ip);
	iput(ip);
	return 0;
}

int64_t sys_chdir(void)
{
	char path[MAXPATH];
	struct inode *ip;
	if (argstr(0, path, sizeof(path)) < 0 || !(ip = namei(path)))
		return -1;
	iload(ip);
	if (ip->type != PVFS_T_DIR) {
		iput(ip);
		return -1;
	}
	iput(myproc()->cwd);
	myproc()->cwd = ip;
	return 0;
}

int64_t sys_pipe(void)
{
	struct file *rf, *wf;
	int fds[2];
	if (pipealloc(&rf, &wf) < 0)
		return -1;
	if ((fds[0] = fdalloc(rf)) < 0 || (fds[1] = fdalloc(wf)) < 0) {
		if (fds[0] >= 0)
			myproc()->ofile[fds[0]] = 0;
		fileclose(rf);
		fileclose(wf);
		return -1;
	}
	if (copyout(myproc()->pagetable, argraw(0), fds, sizeof(fds)) < 0) {
		myproc()->ofile[fds[0]] = myproc()->ofile[fds[1]] = 0;
		fileclose(rf);
		fileclose(wf);
		return -1;
	}
	return 0;
}

int64_t sys_exec(void)
{
	static char strs[MAXARG][MAXPATH];  /* one hart, no kernel preemption: safe to share */
	char path[MAXPATH];
	char *argv[MAXARG + 1];
	uint64_t uargv = argraw(1), ua;
	if (argstr(0, path, sizeof(path)) < 0)
		return -1;
	int i;
	for (i = 0;; i++) {
		if (i >= MAXARG || copyin(myproc()->pagetable, &ua, uargv + 8 * i, 8) < 0)
			return -1;
		if (!ua)
			break;
		if (copyinstr(myproc()->pagetable, strs[i], ua, MAXPATH) < 0)
			return -1;
		argv[i] = strs[i];
	}
	argv[i] = 0;
	return exec(path, argv);
}

int64_t sys_sync(void)
{
	bcommit();
	return virtio_blk_flush();
}

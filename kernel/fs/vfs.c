/* kernel/fs/vfs.c — the file API the system calls stand on (kernel
 * buffers; the system-call layer copies from and to user memory). */
#include "kernel/fs/fs.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "mm/kmalloc.h"

int vfs_open(const char *path, int flags, umode_t mode)
{
	/* Linux takes the fd first (get_unused_fd_flags): with the table
	 * full, open is -EMFILE before O_CREAT or O_TRUNC could act */
	if (files_count_open(current->files) == NR_OPEN)
		return -EMFILE;
	struct file *f = file_open(path, flags, mode);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	int fd = fd_install(f);
	if (fd < 0)
		fput(f);
	return fd;
}

int vfs_close(int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	fput(f);
	return 0;
}

/* The common checks of read and write; the file, or NULL with *err set. */
static struct file *rw_file(int fd, unsigned int mode, int *err)
{
	struct file *f = fget(fd);
	*err = -EBADF;
	if (!f || !(f->f_mode & mode))
		return NULL;
	*err = -EISDIR;
	if (S_ISDIR(f->f_inode->i_mode))
		return NULL;
	*err = -EINVAL;
	if (mode == FMODE_READ ? !f->f_op->read : !f->f_op->write)
		return NULL;
	return f;
}

/* Linux's rw_verify_area: an offset must be positive and offset + count
 * must not pass 2^63 (so no driver sees an offset that wrapped). */
static int rw_verify_area(loff_t pos, size_t n)
{
	loff_t end;
	if (pos < 0 || __builtin_add_overflow(pos, (loff_t)n, &end))
		return -EINVAL;
	return 0;
}

ssize_t vfs_read(int fd, void *buf, size_t n)
{
	int err;
	struct file *f = rw_file(fd, FMODE_READ, &err);
	if (f && (err = rw_verify_area(f->f_pos, n)))
		return err;
	return f ? f->f_op->read(f, buf, n, &f->f_pos) : err;
}

ssize_t vfs_write(int fd, const void *buf, size_t n)
{
	int err;
	struct file *f = rw_file(fd, FMODE_WRITE, &err);
	if (f && (err = rw_verify_area(f->f_pos, n)))
		return err;
	return f ? f->f_op->write(f, buf, n, &f->f_pos) : err;
}

/* pread/pwrite: at pos, leaving f_pos alone; not on pipes or ttys (-ESPIPE). */
static struct file *prw_file(int fd, unsigned int mode, loff_t pos, size_t n, int *err)
{
	struct file *f = rw_file(fd, mode, err);
	if (f && (*err = rw_verify_area(pos, n)))
		return NULL;
	if (f && f->f_op->llseek == noop_llseek) {
		*err = -ESPIPE;
		return NULL;
	}
	return f;
}

ssize_t vfs_pread(int fd, void *buf, size_t n, loff_t pos)
{
	int err;
	struct file *f = prw_file(fd, FMODE_READ, pos, n, &err);
	return f ? f->f_op->read(f, buf, n, &pos) : err;
}

ssize_t vfs_pwrite(int fd, const void *buf, size_t n, loff_t pos)
{
	int err;
	struct file *f = prw_file(fd, FMODE_WRITE, pos, n, &err);
	if (f && (f->f_flags & O_APPEND))	/* Linux: O_APPEND wins over the offset */
		pos = f->f_inode->i_size;
	return f ? f->f_op->write(f, buf, n, &pos) : err;
}

loff_t vfs_lseek(int fd, loff_t off, int whence)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	return f->f_op->llseek ? f->f_op->llseek(f, off, whence) : -ESPIPE;
}

loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos : f->f_inode->i_size;
	if ((off > 0 && base > MAX_LFS_FILESIZE - off) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

loff_t noop_llseek(struct file *f, loff_t off, int whence)
{
	return -ESPIPE;
}

void vfs_getattr(struct inode *inode, struct kstat *st)
{
	*st = (struct kstat){
		.ino = inode->i_ino,
		.dev = inode->i_sb->s_dev,
		.mode = inode->i_mode,
		.nlink = inode->i_nlink,
		.uid = inode->i_uid,
		.gid = inode->i_gid,
		.size = inode->i_size,
		.rdev = inode->i_rdev,
		.blocks = inode->i_data.nrpages * (PAGE_SIZE / 512),
		.blksize = PAGE_SIZE,
		.atime = inode->i_atime,
		.mtime = inode->i_mtime,
		.ctime = inode->i_ctime,
	};
}

static int stat_inode(struct inode *inode, struct kstat *st)
{
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	vfs_getattr(inode, st);
	iput(inode);
	return 0;
}

int vfs_stat(const char *path, struct kstat *st)
{
	return stat_inode(namei(path), st);
}

/* A symbolic link itself: S_IFLNK, its size the target's length. */
int vfs_lstat(const char *path, struct kstat *st)
{
	return stat_inode(lnamei(path), st);
}

/* statfs of the file system holding inode (kstatfs's f_flags: Linux's
 * ST_VALID plus the mount's flags: /proc is nosuid,nodev,noexec, /dev
 * nosuid, as a usual Linux system mounts them). */
int vfs_statfs(struct inode *inode, struct kstatfs *buf)
{
	struct super_block *sb = inode->i_sb;
	sb->s_statfs(sb, buf);
	buf->f_frsize = buf->f_bsize;
	buf->f_flags = ST_VALID | (sb == &proc_sb ? ST_NOSUID | ST_NODEV | ST_NOEXEC :
				   sb == &devfs_sb ? ST_NOSUID : 0);
	return 0;
}

int vfs_fstat(int fd, struct kstat *st)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	vfs_getattr(f->f_inode, st);
	return 0;
}

/* A regular file's kind sets its size: ramfs cuts or grows the page
 * cache, procfs accepts and ignores it (as Linux's proc setattr for root). */
static int truncate_inode(struct inode *inode, loff_t len)
{
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || !inode->i_op->setsize)
		return -EINVAL;
	return inode->i_op->setsize(inode, len);
}

int vfs_truncate(const char *path, loff_t len)
{
	if (len < 0)
		return -EINVAL;			/* Linux: before the lookup */
	struct inode *inode = namei(path);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	int err = truncate_inode(inode, len);
	iput(inode);
	return err;
}

int vfs_ftruncate(int fd, loff_t len)
{
	if (len < 0)
		return -EINVAL;			/* Linux: before the fd is looked at */
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;			/* Linux: not a regular file, or not open for writing */
	return truncate_inode(f->f_inode, len);
}

/* Resolve the parent of path and run op on (parent, last component). */
static int with_parent(const char *path, int (*op)(struct inode *dir, const char *name, void *arg),
		       void *arg)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last);
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = op(dir, last, arg);
	iput(dir);
	return err;
}

/* The name in dir as its kind sees it: 0 with *found (NULL if free), or
 * the lookup's error (procfs: -ENOENT for a name it does not have). */
static int lookup_last(struct inode *dir, const char *name, struct inode **found)
{
	*found = dir->i_op->lookup(dir, name);
	return IS_ERR(*found) ? (int)PTR_ERR(*found) : 0;
}

static bool dot_or_dotdot(const char *name)
{
	return !*name || !strcmp(name, ".") || !strcmp(name, "..");
}

/* Linux's may_delete, as root: nothing is removed from or out of an
 * immutable directory (/proc/PID), whatever it is. */
static bool may_not_delete(struct inode *dir, struct inode *victim)
{
	return IS_IMMUTABLE(dir) || IS_IMMUTABLE(victim);
}

/* What unlink would remove: "/", "." and ".." are -EISDIR, then the
 * lookup (no such name: -ENOENT). */
static int unlink_victim(struct inode *dir, const char *name, struct inode **victim)
{
	if (dot_or_dotdot(name))
		return -EISDIR;
	int err = lookup_last(dir, name, victim);
	return err ? err : !*victim ? -ENOENT : 0;
}

/* As Linux's do_unlinkat and vfs_unlink: the victim (unlink_victim);
 * immutable -EPERM; a directory -EISDIR; then a kind without ->unlink
 * (/proc, /dev) says -EPERM. */
static int unlink_op(struct inode *dir, const char *name, void *arg)
{
	struct inode *victim;
	int err = unlink_victim(dir, name, &victim);
	if (err)
		return err;
	if (may_not_delete(dir, victim))
		return -EPERM;
	if (S_ISDIR(victim->i_mode))
		return -EISDIR;
	if (!dir->i_op->unlink)
		return -EPERM;
	return dir->i_op->unlink(dir, name);
}

/* unlink("name/"): the name itself, a link not followed (Linux's
 * do_unlinkat, "slashes"). */
static int unlink_slash_op(struct inode *dir, const char *name, void *arg)
{
	struct inode *victim;
	int err = unlink_victim(dir, name, &victim);
	return err ? err : S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;
}

int vfs_unlink(const char *path)
{
	/* "name/" names a directory or nothing (Linux's do_unlinkat): -ENOTDIR
	 * for a file or a symbolic link, which must stay (unlink_op alone
	 * would remove it), -ENOENT for nothing, -EISDIR for a directory. */
	size_t len = strlen(path);
	if (len && path[len - 1] == '/')
		return with_parent(path, unlink_slash_op, NULL);
	return with_parent(path, unlink_op, NULL);
}

struct mknod_arg {
	umode_t mode;
	dev_t dev;
};

/* As Linux's filename_create and vfs_mkdir/vfs_mknod: "/", "." and ".."
 * exist; then the lookup (procfs: -ENOENT for any new name); a name in use
 * is -EEXIST; an immutable directory, or a kind without ->mkdir or ->mknod
 * (/dev), says -EPERM. */
static int mknod_op(struct inode *dir, const char *name, void *arg)
{
	struct mknod_arg *a = arg;
	struct inode *old;
	if (dot_or_dotdot(name))
		return -EEXIST;
	int err = lookup_last(dir, name, &old);
	if (err)
		return err;
	if (old)
		return -EEXIST;
	if (IS_IMMUTABLE(dir))
		return -EPERM;				/* Linux's may_create */
	if (S_ISDIR(a->mode))
		return dir->i_op->mkdir ? dir->i_op->mkdir(dir, name, a->mode) : -EPERM;
	return dir->i_op->mknod ? dir->i_op->mknod(dir, name, a->mode, a->dev) : -EPERM;
}

int vfs_mkdir(const char *path, umode_t mode)
{
	struct mknod_arg a = { S_IFDIR | (mode & S_IALLUGO), 0 };
	return with_parent(path, mknod_op, &a);
}

/* Linux's may_mknod: type 0 is a regular file; a directory is -EPERM
 * (mkdir makes those); a fifo, socket or block node is made: a fifo opens
 * as a pipe (kernel/fs/pipe.c), a socket or block node as nothing yet
 * (file_open: -ENXIO). */
int vfs_mknod(const char *path, umode_t mode, dev_t dev)
{
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	struct mknod_arg a = { mode, dev };
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	return with_parent(path, mknod_op, &a);
}

/* The root is never an entry of a directory, so "" ("/") is the only way
 * to name it as the last component: "/." and "/.." are -EINVAL and
 * -ENOTEMPTY like any "." and ".." (Linux's do_rmdir).  Then as Linux's
 * vfs_rmdir: immutable -EPERM, not a directory -ENOTDIR, a kind without
 * ->rmdir (/proc, /dev) -EPERM, the root of /proc or /dev (a mount point
 * on Linux) -EBUSY. */
static int rmdir_op(struct inode *dir, const char *name, void *arg)
{
	struct inode *victim;
	if (!*name)
		return -EBUSY;				/* "/" */
	if (!strcmp(name, "."))
		return -EINVAL;
	if (!strcmp(name, ".."))
		return -ENOTEMPTY;
	int err = lookup_last(dir, name, &victim);
	if (err)
		return err;
	if (!victim)
		return -ENOENT;
	if (may_not_delete(dir, victim))
		return -EPERM;
	if (!S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (!dir->i_op->rmdir)
		return -EPERM;
	if (victim->i_flags & S_MOUNTPOINT)
		return -EBUSY;
	return dir->i_op->rmdir(dir, name);
}

int vfs_rmdir(const char *path)
{
	return with_parent(path, rmdir_op, NULL);
}

/* struct linux_dirent64, as getdents64 returns them. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __packed;

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t size, used;
};

static bool fill_dirent(struct dir_context *c, const char *name, int namelen, loff_t next,
			u64 ino, unsigned int type)
{
	struct getdents_ctx *g = container_of(c, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + namelen + 1, 8);
	if (g->used + reclen > g->size)
		return false;
	struct linux_dirent64 *d = (void *)(g->buf + g->used);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (u16)reclen;
	d->d_type = (u8)type;
	memcpy(d->d_name, name, namelen);
	memset(d->d_name + namelen, 0, reclen - offsetof(struct linux_dirent64, d_name) - namelen);
	g->used += reclen;
	return true;
}

ssize_t vfs_getdents(int fd, void *buf, size_t n)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_op->iterate)
		return -ENOTDIR;
	struct getdents_ctx g = { { fill_dirent, f->f_pos }, buf, n, 0 };
	int err = f->f_op->iterate(f, &g.ctx);
	f->f_pos = g.ctx.pos;
	if (err)
		return err;
	if (!g.used && f->f_pos < (loff_t)f->f_inode->i_nr_entries + 2)
		return -EINVAL;				/* not even one entry fits */
	return (ssize_t)g.used;
}

int vfs_fsync(int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	return f->f_op->fsync ? f->f_op->fsync(f) : -EINVAL;	/* as Linux for /dev/null */
}

/* fallocate(2): Linux's vfs_fallocate checks in Linux's order, then the
 * file's ->fallocate (ramfs's: kernel/fs/ramfs.c); a file without one (a
 * /proc file) -EOPNOTSUPP. */
int vfs_fallocate(int fd, int mode, loff_t offset, loff_t len)
{
	struct file *f = fget(fd);
	loff_t end;
	if (!f)
		return -EBADF;
	struct inode *inode = f->f_inode;
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
	    (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;		/* a hole never changes the size */
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;			/* pipes and fifos */
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -ENODEV;			/* devices, sockets (Linux: but block devices) */
	if (__builtin_add_overflow(offset, len, &end) || end > MAX_LFS_FILESIZE)
		return -EFBIG;
	if (!f->f_op->fallocate)
		return -EOPNOTSUPP;		/* /proc files */
	return (int)f->f_op->fallocate(f, mode, offset, len);
}

int vfs_chdir(const char *path)
{
	struct inode *inode = namei(path);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if (!S_ISDIR(inode->i_mode)) {
		iput(inode);
		return -ENOTDIR;
	}
	iput(current->fs.cwd);
	current->fs.cwd = inode;
	return 0;
}

int vfs_fchdir(int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	struct inode *old = current->fs.cwd;
	current->fs.cwd = igrab(f->f_inode);
	iput(old);
	return 0;
}

/* Build the path from the root down: names are found from the bottom up,
 * so they are written right to left into the end of buf, then moved. */
int vfs_getcwd(char *buf, size_t n)
{
	struct inode *i = current->fs.cwd;
	size_t pos = PATH_MAX - 1;
	int ret = -ENAMETOOLONG;

	if (!i->i_nlink)
		return -ENOENT;				/* the directory was removed */
	char *tmp = kmalloc(PATH_MAX);			/* not on the 16 KiB kernel stack */
	if (!tmp)
		return -ENOMEM;
	tmp[pos] = 0;
	for (; i != root_inode; i = i->i_parent) {
		const char *name = ramfs_name_of(i->i_parent, i);
		size_t len = name ? strlen(name) : 0;
		if (!name || len + 1 > pos)
			goto out;
		pos -= len;
		memcpy(tmp + pos, name, len);
		tmp[--pos] = '/';
	}
	if (pos == PATH_MAX - 1)
		tmp[--pos] = '/';			/* the root itself */
	size_t len = PATH_MAX - pos;			/* with the NUL */
	ret = -ERANGE;
	if (len <= n) {
		memcpy(buf, tmp + pos, len);
		ret = (int)len;
	}
out:
	kfree(tmp);
	return ret;
}

/* kernel/syscall_fs.c — the system calls on names and attributes of
 * files: rename, link, symlink, readlink, chmod, chown, umask, the
 * utimes family, statfs, the *at forms of mkdir, mknod and unlink, and
 * dup3, sendfile, fallocate, fchdir, sync.  They copy and check arguments in Linux's
 * order, then call the VFS (kernel/fs: rename.c, attr.c, vfs.c); the
 * table that names them is in kernel/syscall.c.
 *
 * Paths relative to a dirfd go through path_lookupat(dfd, ...) when the
 * call needs the inode itself, or at_dir (the current directory changed
 * for the call) when it hands a path to an older vfs_* function. */
#include "kernel/syscall.h"
#include "kernel/syscall_fs.h"
#include "kernel/proc.h"
#include "kernel/uaccess.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "mm/kmalloc.h"

/* Two user paths copied in (the first one's error first), then op. */
struct two_paths {
	long dfd1, dfd2, flags;
	long (*op)(const char *a, const char *b, const struct two_paths *t);
};

static long with_two_paths(unsigned long u1, unsigned long u2, const struct two_paths *t)
{
	char s1[NAME_ON_STACK], s2[NAME_ON_STACK];
	char *a = getname((const char *)u1, s1), *b = NULL;
	long r = IS_ERR(a) ? PTR_ERR(a) : 0;
	if (!r) {
		b = getname((const char *)u2, s2);
		r = IS_ERR(b) ? PTR_ERR(b) : t->op(a, b, t);
	}
	if (b)
		putname(b, s2);
	putname(a, s1);
	return r;
}

/* ---- rename, link, symlink, readlink ---- */

static long rename_op(const char *a, const char *b, const struct two_paths *t)
{
	return vfs_rename((int)t->dfd1, a, (int)t->dfd2, b, (unsigned int)t->flags);
}

long sys_renameat2(unsigned long olddfd, unsigned long oldpath, unsigned long newdfd,
		   unsigned long newpath, unsigned long flags)
{
	struct two_paths t = { (int)olddfd, (int)newdfd, (unsigned int)flags, rename_op };
	return with_two_paths(oldpath, newpath, &t);
}

long sys_renameat(unsigned long olddfd, unsigned long oldpath, unsigned long newdfd,
		  unsigned long newpath)
{
	return sys_renameat2(olddfd, oldpath, newdfd, newpath, 0);
}

long sys_rename(unsigned long oldpath, unsigned long newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

static long link_op(const char *a, const char *b, const struct two_paths *t)
{
	unsigned int how = (t->flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
			   (t->flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	return vfs_link((int)t->dfd1, a, (int)t->dfd2, b, how);
}

long sys_linkat(unsigned long olddfd, unsigned long oldpath, unsigned long newdfd,
		unsigned long newpath, unsigned long flags)
{
	if ((int)flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct two_paths t = { (int)olddfd, (int)newdfd, (int)flags, link_op };
	return with_two_paths(oldpath, newpath, &t);
}

long sys_link(unsigned long oldpath, unsigned long newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

static long symlink_op(const char *target, const char *path, const struct two_paths *t)
{
	return vfs_symlink(target, (int)t->dfd2, path);
}

long sys_symlinkat(unsigned long target, unsigned long newdfd, unsigned long path)
{
	struct two_paths t = { AT_FDCWD, (int)newdfd, 0, symlink_op };
	return with_two_paths(target, path, &t);
}

long sys_symlink(unsigned long target, unsigned long path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

/* The target, at most bufsiz bytes of it, without a NUL (as Linux). */
static long readlink_k(long dfd, const char *path, unsigned long ubuf, int bufsiz)
{
	size_t n = MIN((size_t)bufsiz, (size_t)PATH_MAX);
	char *k = kmalloc(n);
	if (!k)
		return -ENOMEM;
	long r = vfs_readlink((int)dfd, path, k, n);
	if (r > 0 && copy_to_user((void *)ubuf, k, r))
		r = -EFAULT;
	kfree(k);
	return r;
}

long sys_readlinkat(unsigned long dfd, unsigned long upath, unsigned long ubuf,
		    unsigned long bufsiz)
{
	if ((int)bufsiz <= 0)
		return -EINVAL;			/* Linux: before the path is looked at */
	return WITH_PATH((const char *)upath, readlink_k((int)dfd, path, ubuf, (int)bufsiz));
}

long sys_readlink(unsigned long upath, unsigned long ubuf, unsigned long bufsiz)
{
	return sys_readlinkat(AT_FDCWD, upath, ubuf, bufsiz);
}

/* ---- chmod, chown, umask ---- */

/* notify_change on what path names from dfd (lookup_flags: LOOKUP_*). */
static long setattr_at(long dfd, const char *path, unsigned int lookup_flags, struct iattr *a)
{
	struct inode *inode = path_lookupat((int)dfd, path, lookup_flags, NULL);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	long r = notify_change(inode, a);
	iput(inode);
	return r;
}

static long setattr_fd(unsigned long fd, struct iattr *a)
{
	struct file *f = fget((int)fd);
	return f ? notify_change(f->f_inode, a) : -EBADF;
}

long sys_fchmodat(unsigned long dfd, unsigned long upath, unsigned long mode)
{
	struct iattr a = { .ia_valid = ATTR_MODE | ATTR_CTIME, .ia_mode = (umode_t)mode };
	return WITH_PATH((const char *)upath, setattr_at((int)dfd, path, LOOKUP_FOLLOW, &a));
}

long sys_chmod(unsigned long upath, unsigned long mode)
{
	return sys_fchmodat(AT_FDCWD, upath, mode);
}

long sys_fchmod(unsigned long fd, unsigned long mode)
{
	struct iattr a = { .ia_valid = ATTR_MODE | ATTR_CTIME, .ia_mode = (umode_t)mode };
	return setattr_fd(fd, &a);
}

/* Linux's chown_common: -1 keeps an id; chown of a non-directory drops
 * set-user-ID (and set-group-ID if group-executable), root or not. */
static struct iattr chown_attr(unsigned long uid, unsigned long gid)
{
	struct iattr a = { .ia_valid = ATTR_CTIME | ATTR_KILL_SUID | ATTR_KILL_SGID };
	if ((u32)uid != (u32)-1) {
		a.ia_valid |= ATTR_UID;
		a.ia_uid = (u32)uid;
	}
	if ((u32)gid != (u32)-1) {
		a.ia_valid |= ATTR_GID;
		a.ia_gid = (u32)gid;
	}
	return a;
}

static long chown_at(long dfd, const char *path, unsigned int how, unsigned long uid,
		     unsigned long gid)
{
	struct inode *inode = path_lookupat((int)dfd, path, how, NULL);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	struct iattr a = chown_attr(uid, gid);
	if (S_ISDIR(inode->i_mode))
		a.ia_valid &= ~(ATTR_KILL_SUID | ATTR_KILL_SGID);
	long r = notify_change(inode, &a);
	iput(inode);
	return r;
}

long sys_fchownat(unsigned long dfd, unsigned long upath, unsigned long uid, unsigned long gid,
		  unsigned long flags)
{
	if ((int)flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	unsigned int how = (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	return WITH_PATH((const char *)upath, chown_at((int)dfd, path, how, uid, gid));
}

long sys_chown(unsigned long upath, unsigned long uid, unsigned long gid)
{
	return sys_fchownat(AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown(unsigned long upath, unsigned long uid, unsigned long gid)
{
	return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned long fd, unsigned long uid, unsigned long gid)
{
	struct file *f = fget((int)fd);
	if (!f)
		return -EBADF;
	struct iattr a = chown_attr(uid, gid);
	if (S_ISDIR(f->f_inode->i_mode))
		a.ia_valid &= ~(ATTR_KILL_SUID | ATTR_KILL_SGID);
	return notify_change(f->f_inode, &a);
}

/* The old mask; open, creat, mkdir and mknod take these bits away. */
long sys_umask(unsigned long mask)
{
	umode_t old = current->fs.umask;
	current->fs.umask = (umode_t)mask & S_IRWXUGO;
	return old;
}

/* ---- utimensat, utimes, futimesat, utime ---- */

#define UTIME_NOW	((1L << 30) - 1)	/* tv_nsec: the current time */
#define UTIME_OMIT	((1L << 30) - 2)	/* tv_nsec: leave this one alone */

struct user_timeval {
	long tv_sec, tv_usec;
};

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

/* Linux's vfs_utimes: NULL times (or UTIME_NOW) is now; UTIME_OMIT
 * keeps that time; ctime becomes now whatever was asked. */
static struct iattr times_attr(const struct timespec64 *t)
{
	struct iattr a = { .ia_valid = ATTR_CTIME | ATTR_ATIME | ATTR_MTIME };
	struct timespec64 now = current_time();
	a.ia_atime = a.ia_mtime = now;
	if (t && t[0].tv_nsec == UTIME_OMIT)
		a.ia_valid &= ~ATTR_ATIME;
	else if (t && t[0].tv_nsec != UTIME_NOW)
		a.ia_atime = t[0];
	if (t && t[1].tv_nsec == UTIME_OMIT)
		a.ia_valid &= ~ATTR_MTIME;
	else if (t && t[1].tv_nsec != UTIME_NOW)
		a.ia_mtime = t[1];
	return a;
}

/* Linux's do_utimes: a NULL path with a dirfd is futimens (no flags). */
static long do_utimes(long dfd, unsigned long upath, const struct timespec64 *t, long flags)
{
	if (t && (!nsec_valid(t[0].tv_nsec) || !nsec_valid(t[1].tv_nsec)))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct iattr a = times_attr(t);
	if (!upath && dfd != AT_FDCWD)
		return flags ? -EINVAL : setattr_fd(dfd, &a);
	unsigned int how = (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	return WITH_PATH((const char *)upath, setattr_at((int)dfd, path, how, &a));
}

long sys_utimensat(unsigned long dfd, unsigned long upath, unsigned long utimes,
		   unsigned long flags)
{
	struct timespec64 t[2];
	if (utimes) {
		if (copy_from_user(t, (void *)utimes, sizeof(t)))
			return -EFAULT;
		if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
			return 0;		/* Linux: nothing to do, not even a lookup */
	}
	return do_utimes((int)dfd, upath, utimes ? t : NULL, (int)flags);
}

long sys_futimesat(unsigned long dfd, unsigned long upath, unsigned long utimes)
{
	struct user_timeval tv[2];
	struct timespec64 t[2];
	if (utimes) {
		if (copy_from_user(tv, (void *)utimes, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
			t[i] = (struct timespec64){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
		}
	}
	return do_utimes((int)dfd, upath, utimes ? t : NULL, 0);
}

long sys_utimes(unsigned long upath, unsigned long utimes)
{
	return sys_futimesat(AT_FDCWD, upath, utimes);
}

/* utime(path, struct utimbuf { actime, modtime }): whole seconds. */
long sys_utime(unsigned long upath, unsigned long utimbuf)
{
	long secs[2];
	struct timespec64 t[2];
	if (utimbuf) {
		if (copy_from_user(secs, (void *)utimbuf, sizeof(secs)))
			return -EFAULT;
		t[0] = (struct timespec64){ secs[0], 0 };
		t[1] = (struct timespec64){ secs[1], 0 };
	}
	return do_utimes(AT_FDCWD, upath, utimbuf ? t : NULL, 0);
}

/* ---- statfs ---- */

/* Linux's x86-64 struct statfs (120 bytes). */
struct linux_statfs {
	long f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags, f_spare[4];
};

static long put_statfs(struct inode *inode, unsigned long ubuf)
{
	struct kstatfs k;
	long r = vfs_statfs(inode, &k);
	if (r)
		return r;
	struct linux_statfs s = {
		.f_type = k.f_type, .f_bsize = k.f_bsize, .f_blocks = k.f_blocks,
		.f_bfree = k.f_bfree, .f_bavail = k.f_bavail, .f_files = k.f_files,
		.f_ffree = k.f_ffree, .f_namelen = k.f_namelen, .f_frsize = k.f_frsize,
		.f_flags = k.f_flags,
	};
	return copy_to_user((void *)ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

static long statfs_k(const char *path, unsigned long ubuf)
{
	struct inode *inode = namei(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	long r = put_statfs(inode, ubuf);
	iput(inode);
	return r;
}

long sys_statfs(unsigned long upath, unsigned long ubuf)
{
	return WITH_PATH((const char *)upath, statfs_k(path, ubuf));
}

long sys_fstatfs(unsigned long fd, unsigned long ubuf)
{
	struct file *f = fget((int)fd);
	return f ? put_statfs(f->f_inode, ubuf) : -EBADF;
}

/* ---- the *at forms of mkdir, mknod, unlink ---- */

static long mkdirat_k(long dfd, const char *path, umode_t mode)
{
	struct inode *saved;
	long r = at_dir(dfd, path, &saved);
	if (!r)
		r = vfs_mkdir(path, mode & ~current->fs.umask);
	at_dir_restore(saved);
	return r;
}

long sys_mkdirat(unsigned long dfd, unsigned long upath, unsigned long mode)
{
	return WITH_PATH((const char *)upath, mkdirat_k((int)dfd, path, (umode_t)mode));
}

static long mknodat_k(long dfd, const char *path, umode_t mode, dev_t dev)
{
	struct inode *saved;
	long r = at_dir(dfd, path, &saved);
	if (!r)
		r = vfs_mknod(path, mode & ~current->fs.umask, dev);
	at_dir_restore(saved);
	return r;
}

/* dev in Linux's encoding (new_encode_dev): major bits 8..19, minor 0..7
 * and 20..31; this kernel's dev_t holds an 8-bit minor, as MKDEV. */
long sys_mknodat(unsigned long dfd, unsigned long upath, unsigned long mode, unsigned long dev)
{
	dev_t d = MKDEV((u32)((dev & 0xfff00) >> 8), (u32)(dev & 0xff));
	return WITH_PATH((const char *)upath, mknodat_k((int)dfd, path, (umode_t)mode, d));
}

long sys_mknod(unsigned long upath, unsigned long mode, unsigned long dev)
{
	return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

static long unlinkat_k(long dfd, const char *path, long flags)
{
	struct inode *saved;
	long r = at_dir(dfd, path, &saved);
	if (!r)
		r = flags & AT_REMOVEDIR ? vfs_rmdir(path) : vfs_unlink(path);
	at_dir_restore(saved);
	return r;
}

long sys_unlinkat(unsigned long dfd, unsigned long upath, unsigned long flags)
{
	if ((int)flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return WITH_PATH((const char *)upath, unlinkat_k((int)dfd, path, (int)flags));
}

/* ---- fds: dup3, fchdir, sync, syncfs ---- */

long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags)
{
	return vfs_dup3((int)oldfd, (int)newfd, (int)flags);
}

long sys_fchdir(unsigned long fd)
{
	return vfs_fchdir((int)fd);
}

/* Every file is in RAM: there is nothing to write back. */
long sys_sync(void)
{
	return 0;
}

long sys_syncfs(unsigned long fd)
{
	return fget((int)fd) ? 0 : -EBADF;
}

/* ---- sendfile ---- */

#define MAX_RW_COUNT	0x7ffff000L	/* Linux's: at most this much per call */

/* Copy from in (a regular file, at *pos) to out (at its offset, or a
 * pipe, a device...), through a kernel page; bytes copied, or an error
 * if none were.  A short write stops, with *pos counting only what was
 * written (Linux's splice does the same). */
static long sendfile_copy(struct file *in, loff_t *pos, struct file *out, size_t count)
{
	char on_stack[512];
	char *buf = kmalloc(PAGE_SIZE);
	size_t size = buf ? PAGE_SIZE : sizeof(on_stack), done = 0;
	long r = 0;
	if (!buf)
		buf = on_stack;			/* memory exhausted: smaller steps */
	while (done < count) {
		loff_t rpos = *pos;
		r = in->f_op->read(in, buf, MIN(size, count - done), &rpos);
		if (r <= 0)
			break;
		long w = out->f_op->write(out, buf, (size_t)r, &out->f_pos);
		if (w > 0) {
			*pos += w;
			done += (size_t)w;
		}
		if (w != r) {
			r = w;
			break;
		}
	}
	if (buf != on_stack)
		kfree(buf);
	return done ? (long)done : r;
}

long sys_sendfile(unsigned long out_fd, unsigned long in_fd, unsigned long uoffset,
		  unsigned long count)
{
	loff_t off;
	if (uoffset && copy_from_user(&off, (void *)uoffset, sizeof(off)))
		return -EFAULT;
	struct file *in = fget((int)in_fd), *out;
	if (!in || !(in->f_mode & FMODE_READ))
		return -EBADF;
	if (!S_ISREG(in->f_inode->i_mode) || !in->f_op->read)
		return -EINVAL;			/* Linux: also some devices (splice_read) */
	loff_t pos = uoffset ? off : in->f_pos;
	if (pos < 0 || (loff_t)count < 0)
		return -EINVAL;			/* rw_verify_area */
	count = MIN(count, (unsigned long)MAX_RW_COUNT);
	out = fget((int)out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE) || !out->f_op->write)
		return -EBADF;
	if (!S_ISFIFO(out->f_inode->i_mode) && (out->f_flags & O_APPEND))
		return -EINVAL;			/* do_splice_direct */
	long r = count ? sendfile_copy(in, &pos, out, count) : 0;
	if (!uoffset)
		in->f_pos = pos;
	else if (copy_to_user((void *)uoffset, &pos, sizeof(pos)))
		return -EFAULT;
	return r;
}

/* ---- fallocate ---- */

long sys_fallocate(unsigned long fd, unsigned long mode, unsigned long off, unsigned long len)
{
	return vfs_fallocate((int)fd, (int)mode, (loff_t)off, (loff_t)len);
}

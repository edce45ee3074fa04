/* file_names.c — wrappers of the file system calls on names and
 * attributes (rename, link, symlink, chmod, chown, utimes, statfs, the *at
 * forms) and of dup3, sendfile, fchdir, sync: one system call each.  Apart
 * from file.c so that a program that uses none of them links none of them
 * (the gdb tour quotes /bin/faultpaths's segment addresses). */
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <stdio.h>
#include <utime.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/statfs.h>
#include <sys/sendfile.h>
#include "libc.h"

/* ---- names: rename, link, symlink, readlink, the *at forms ---- */

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags)
{
	return RET(syscall5(SYS_renameat2, olddirfd, L(oldpath), newdirfd, L(newpath), flags));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return RET(syscall4(SYS_renameat, olddirfd, L(oldpath), newdirfd, L(newpath)));
}

int rename(const char *oldpath, const char *newpath)
{
	return RET(syscall2(SYS_rename, L(oldpath), L(newpath)));
}

int link(const char *oldpath, const char *newpath)
{
	return RET(syscall2(SYS_link, L(oldpath), L(newpath)));
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return RET(syscall5(SYS_linkat, olddirfd, L(oldpath), newdirfd, L(newpath), flags));
}

int symlink(const char *target, const char *linkpath)
{
	return RET(syscall2(SYS_symlink, L(target), L(linkpath)));
}

int symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return RET(syscall3(SYS_symlinkat, L(target), newdirfd, L(linkpath)));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return RET(syscall3(SYS_readlink, L(path), L(buf), L(size)));
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	return RET(syscall4(SYS_readlinkat, dirfd, L(path), L(buf), L(size)));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return RET(syscall3(SYS_unlinkat, dirfd, L(path), flags));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return RET(syscall3(SYS_mkdirat, dirfd, L(path), mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return RET(syscall3(SYS_mknod, L(path), mode, L(dev)));
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	return RET(syscall4(SYS_mknodat, dirfd, L(path), mode, L(dev)));
}

/* faccessat with flags is the faccessat2 system call (Linux 5.8), as
 * glibc and musl make it; without flags the old one. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags)
		return RET(syscall4(SYS_faccessat2, dirfd, L(path), mode, flags));
	return RET(syscall3(SYS_faccessat, dirfd, L(path), mode));
}

/* ---- attributes: mode, owner, times ---- */

int fchmod(int fd, mode_t mode)
{
	return RET(syscall2(SYS_fchmod, fd, mode));
}

/* The system call has no flags (fchmodat2 came in Linux 6.6): anything
 * but 0 is refused here, as musl does for AT_SYMLINK_NOFOLLOW on a link. */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags) {
		errno = EINVAL;
		return -1;
	}
	return RET(syscall3(SYS_fchmodat, dirfd, L(path), mode));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return RET(syscall3(SYS_chown, L(path), uid, gid));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return RET(syscall3(SYS_fchown, fd, uid, gid));
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return RET(syscall3(SYS_lchown, L(path), uid, gid));
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	return RET(syscall5(SYS_fchownat, dirfd, L(path), uid, gid, flags));
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	return RET(syscall4(SYS_utimensat, dirfd, L(path), L(times), flags));
}

/* futimens: utimensat with a NULL path names the fd itself. */
int futimens(int fd, const struct timespec times[2])
{
	return RET(syscall4(SYS_utimensat, fd, 0, L(times), 0));
}

int utimes(const char *path, const struct timeval times[2])
{
	return RET(syscall2(SYS_utimes, L(path), L(times)));
}

int futimesat(int dirfd, const char *path, const struct timeval times[2])
{
	return RET(syscall3(SYS_futimesat, dirfd, L(path), L(times)));
}

int utime(const char *path, const struct utimbuf *times)
{
	return RET(syscall2(SYS_utime, L(path), L(times)));
}

int statfs(const char *path, struct statfs *buf)
{
	return RET(syscall2(SYS_statfs, L(path), L(buf)));
}

int fstatfs(int fd, struct statfs *buf)
{
	return RET(syscall2(SYS_fstatfs, fd, L(buf)));
}

/* ---- fds ---- */

int dup3(int oldfd, int newfd, int flags)
{
	return RET(syscall3(SYS_dup3, oldfd, newfd, flags));
}

int fchdir(int fd)
{
	return RET(syscall1(SYS_fchdir, fd));
}

void sync(void)
{
	syscall0(SYS_sync);
}

int syncfs(int fd)
{
	return RET(syscall1(SYS_syncfs, fd));
}

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
	return RET(syscall4(SYS_sendfile, out_fd, in_fd, L(offset), L(count)));
}

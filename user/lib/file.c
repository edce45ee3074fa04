/* file.c — wrappers of the file system calls: one system call each. */
#include <stdarg.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/statfs.h>
#include <sys/sendfile.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <utime.h>
#include "libc.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return RET(syscall3(SYS_read, fd, L(buf), L(n)));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return RET(syscall3(SYS_write, fd, L(buf), L(n)));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return RET(syscall4(SYS_pread64, fd, L(buf), L(n), off));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return RET(syscall4(SYS_pwrite64, fd, L(buf), L(n), off));
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return RET(syscall3(SYS_readv, fd, L(iov), iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return RET(syscall3(SYS_writev, fd, L(iov), iovcnt));
}

/* The mode argument is read only when it can matter (O_CREAT, O_TMPFILE). */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return RET(syscall3(SYS_open, L(path), flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return RET(syscall4(SYS_openat, dirfd, L(path), flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int close(int fd)
{
	return RET(syscall1(SYS_close, fd));
}

off_t lseek(int fd, off_t off, int whence)
{
	return RET(syscall3(SYS_lseek, fd, off, whence));
}

int dup(int fd)
{
	return RET(syscall1(SYS_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return RET(syscall2(SYS_dup2, oldfd, newfd));
}

int pipe(int fds[2])
{
	return RET(syscall1(SYS_pipe, L(fds)));
}

int access(const char *path, int mode)
{
	return RET(syscall2(SYS_access, L(path), mode));
}

int fsync(int fd)
{
	return RET(syscall1(SYS_fsync, fd));
}

int ftruncate(int fd, off_t len)
{
	return RET(syscall2(SYS_ftruncate, fd, len));
}

int truncate(const char *path, off_t len)
{
	return RET(syscall2(SYS_truncate, L(path), len));
}

int unlink(const char *path)
{
	return RET(syscall1(SYS_unlink, L(path)));
}

int mkdir(const char *path, mode_t mode)
{
	return RET(syscall2(SYS_mkdir, L(path), mode));
}

int rmdir(const char *path)
{
	return RET(syscall1(SYS_rmdir, L(path)));
}

int chdir(const char *path)
{
	return RET(syscall1(SYS_chdir, L(path)));
}

int chmod(const char *path, mode_t mode)
{
	return RET(syscall2(SYS_chmod, L(path), mode));
}

mode_t umask(mode_t mask)
{
	return syscall1(SYS_umask, mask);	/* cannot fail */
}

/* The system call returns the length with the NUL; libc returns buf. */
char *getcwd(char *buf, size_t size)
{
	if (RET(syscall2(SYS_getcwd, L(buf), L(size))) < 0)
		return NULL;
	return buf;
}

int stat(const char *path, struct stat *st)
{
	return RET(syscall2(SYS_stat, L(path), L(st)));
}

int lstat(const char *path, struct stat *st)
{
	return RET(syscall2(SYS_lstat, L(path), L(st)));
}

int fstat(int fd, struct stat *st)
{
	return RET(syscall2(SYS_fstat, fd, L(st)));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return RET(syscall4(SYS_newfstatat, dirfd, L(path), L(st), flags));
}

ssize_t getdents64(int fd, void *buf, size_t len)
{
	return RET(syscall3(SYS_getdents64, fd, L(buf), L(len)));
}

/* ioctl and fcntl take one optional argument, passed through as a long. */
int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	long arg;

	va_start(ap, req);
	arg = va_arg(ap, long);
	va_end(ap);
	return RET(syscall3(SYS_ioctl, fd, L(req), arg));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return RET(syscall3(SYS_fcntl, fd, cmd, arg));
}

/* A terminal answers TCGETS; anything else fails it with ENOTTY. */
int isatty(int fd)
{
	char termios[60];	/* struct termios (Linux's kernel layout: 36 bytes) */

	return ioctl(fd, TCGETS, termios) == 0;
}

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

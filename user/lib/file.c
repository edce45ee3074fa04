/* file.c — wrappers of the file system calls: one system call each. */
#include <stdarg.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/ioctl.h>
#include <dirent.h>
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

ssize_t process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			 const struct iovec *remote, unsigned long riovcnt, unsigned long flags)
{
	return RET(syscall6(SYS_process_vm_readv, pid, L(local), (long)liovcnt, L(remote),
			    (long)riovcnt, (long)flags));
}

ssize_t process_vm_writev(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			  const struct iovec *remote, unsigned long riovcnt, unsigned long flags)
{
	return RET(syscall6(SYS_process_vm_writev, pid, L(local), (long)liovcnt, L(remote),
			    (long)riovcnt, (long)flags));
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

int fallocate(int fd, int mode, off_t offset, off_t len)
{
	return RET(syscall4(SYS_fallocate, fd, mode, offset, len));
}

/* A terminal answers TCGETS; anything else fails it with ENOTTY. */
int isatty(int fd)
{
	char termios[60];	/* struct termios (Linux's kernel layout: 36 bytes) */

	return ioctl(fd, TCGETS, termios) == 0;
}

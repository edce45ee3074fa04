/* sys/uio.h — scatter/gather I/O. */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
/* Another process's memory (Linux 3.2, glibc's <sys/uio.h> with _GNU_SOURCE). */
ssize_t process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			 const struct iovec *remote, unsigned long riovcnt, unsigned long flags);
ssize_t process_vm_writev(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			  const struct iovec *remote, unsigned long riovcnt, unsigned long flags);

#endif

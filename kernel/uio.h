/* kernel/uio.h — a caller's iovecs, as Linux's <linux/uio.h> and
 * lib/iov_iter.c reduced to user iovecs: copied in and checked
 * (import_iovec), then walked with an iov_iter that says where the next
 * byte goes or comes from.  process_vm_readv/writev (mm/process_vm_access.c)
 * and vmsplice (kernel/fs/splice.c) use them. */
#ifndef KERNEL_UIO_H
#define KERNEL_UIO_H

#include "kernel/types.h"

#define UIO_MAXIOV	1024		/* iovecs a call may pass, as Linux (IOV_MAX) */
#define MAX_RW_COUNT	0x7ffff000UL	/* bytes a call moves, as Linux (INT_MAX & PAGE_MASK) */

struct iovec {
	unsigned long iov_base;
	long iov_len;			/* ssize_t: negative is -EINVAL */
};

/* The caller's cnt iovecs at uvec, copied in (kmalloc'd: kfree them), or
 * NULL with *err: more than UIO_MAXIOV -EINVAL, a bad pointer -EFAULT, a
 * negative length -EINVAL, out of memory -ENOMEM.  The lengths are not
 * checked further (process_vm_readv's remote iovecs are another mm's). */
struct iovec *iovec_from_user(unsigned long uvec, unsigned long cnt, long *err);
/* ... and each must be our own user memory (-EFAULT), the lengths cut so
 * that together they are at most MAX_RW_COUNT (Linux's import_iovec). */
struct iovec *import_iovec(unsigned long uvec, unsigned long cnt, long *err);

/* Where the next byte goes in (or comes from) a caller's iovecs: v[i] at
 * off, never at the end of a segment (iov_iter_advance steps over empty
 * ones). */
struct iov_iter {
	const struct iovec *v;
	unsigned long cnt, i;
	unsigned long off;		/* into v[i] */
};

void iov_iter_init(struct iov_iter *it, const struct iovec *v, unsigned long cnt);
unsigned long iov_iter_count(const struct iov_iter *it);	/* bytes left */
void iov_iter_advance(struct iov_iter *it, unsigned long n);
/* Copy up to len bytes between kaddr and the iovecs (from_user: into
 * kaddr), as far as they go; false if a user byte could not be copied
 * (the iterator then stands at the piece that failed). */
bool copy_page_iter(char *kaddr, unsigned long len, struct iov_iter *it, bool from_user);

#endif

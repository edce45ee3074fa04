/* kernel/fs/splice.c — vmsplice(2): user memory into a pipe by reference,
 * or out of a pipe into user memory (Linux's fs/splice.c, its vmsplice
 * part; splice(2) and tee(2) are not here).
 *
 * Into a pipe (fd is a write end) nothing is copied: each page of the
 * iovecs is taken from the page tables with get_user_pages (a plain page
 * reference, FOLL_GET, as Linux 6.1's iov_iter_get_pages2; no FOLL_PIN,
 * no FOLL_WRITE) and becomes a pipe buffer, a window (offset, len) on it.
 * A reader later copies out what the page holds then:
 *
 *	vmsplice(fd, {mem, 4096})        page P: refcount 2 (PTE + pipe)
 *	mem[0] = 'x'  (PTE writable)     written in place: the reader sees 'x'
 *	fork(); child writes mem         do_wp_page: P's refcount > 1, so the
 *	                                 child gets a copy; the pipe keeps P
 *
 * The reference is what keeps copy-on-write honest: do_wp_page (mm/memory.c)
 * reuses a page only when one PTE maps it and nothing else holds it, so no
 * process can write into a page a pipe still holds once that page is
 * shared (Linux's cow selftest, "vmsplice() + unmap in child" and its three
 * siblings).  An untouched anonymous page comes back as the zero page,
 * taken without a reference (mm/gup.c); device memory (VM_PFNMAP, VM_IO:
 * /dev/fb0) has no pages to take: -EFAULT.
 *
 * Out of a pipe (fd is a read end) it is a readv(2) that takes whole
 * buffers or parts of them, as Linux's vmsplice_to_user. */
#include "kernel/fs/pipe_fs_i.h"
#include "kernel/uio.h"
#include "kernel/errno.h"
#include "mm/gup.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"

#define SPLICE_F_MOVE		0x01	/* move pages, not copy: a hint (Linux ignores it) */
#define SPLICE_F_NONBLOCK	0x02	/* do not wait for the pipe (not the other file) */
#define SPLICE_F_MORE		0x04	/* more data follows: a hint for sockets */
#define SPLICE_F_GIFT		0x08	/* the pages are a gift: Linux 6.1 marks the buffers,
					   and nothing then uses the mark */
#define SPLICE_F_ALL		(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

#define VMSPLICE_BATCH		16	/* pages taken per get_user_pages, as Linux's iter_to_pipe */

/* Wait until the pipe has a free slot: 0, or -EPIPE (with SIGPIPE) when
 * no reader is left, -EAGAIN for SPLICE_F_NONBLOCK (the pipe's own
 * O_NONBLOCK does not count, as on Linux), -ERESTARTSYS for a signal. */
static int wait_for_space(struct pipe_inode_info *pipe, unsigned int flags)
{
	for (;;) {
		if (!pipe->readers) {
			send_signal(current, SIGPIPE, current->pid);
			return -EPIPE;
		}
		if (!pipe_full(pipe->head, pipe->tail, pipe->ring_size))
			return 0;
		if (flags & SPLICE_F_NONBLOCK)
			return -EAGAIN;
		int err = wait_event_interruptible(&pipe->wait,
			!pipe_full(pipe->head, pipe->tail, pipe->ring_size) || !pipe->readers);
		if (err)
			return err;
	}
}

/* Put buf in the next slot: its len, or -EPIPE (SIGPIPE) with no reader,
 * -EAGAIN when the ring is full; on an error the buffer's page is
 * released (Linux's add_to_pipe).  It never waits: a vmsplice waits only
 * for its first slot and returns short when the ring fills. */
static long add_to_pipe(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	long ret;
	if (!pipe->readers) {
		send_signal(current, SIGPIPE, current->pid);
		ret = -EPIPE;
	} else if (pipe_full(pipe->head, pipe->tail, pipe->ring_size)) {
		ret = -EAGAIN;
	} else {
		*pipe_buf(pipe, pipe->head) = *buf;
		pipe->head++;
		return buf->len;
	}
	pipe_buf_release(buf);
	return ret;
}

/* The next piece of the iovecs, at most VMSPLICE_BATCH pages, taken by
 * reference into pages[]: the bytes of it those pages cover (*start: the
 * first one's offset in its page), or GUP's error when none was taken. */
static long iov_iter_get_pages(struct iov_iter *from, struct page **pages, unsigned long *start)
{
	const struct iovec *v = &from->v[from->i];
	unsigned long addr = v->iov_base + from->off;
	unsigned long left = (unsigned long)v->iov_len - from->off;
	*start = addr & ~PAGE_MASK;
	left = MIN(left, VMSPLICE_BATCH * PAGE_SIZE - *start);
	long n = get_user_pages(addr & PAGE_MASK, (*start + left + PAGE_SIZE - 1) / PAGE_SIZE,
				0, pages);
	if (n <= 0)
		return n ? n : -EFAULT;
	return (long)MIN(left, (unsigned long)n * PAGE_SIZE - *start);
}

/* Every page of the iovecs into its own buffer, no CAN_MERGE (a write
 * must never append to a process's page), until the ring is full or a
 * page cannot be had: the bytes put in, or the first error (Linux's
 * iter_to_pipe). */
static long iter_to_pipe(struct iov_iter *from, struct pipe_inode_info *pipe)
{
	struct page *pages[VMSPLICE_BATCH];
	long total = 0, ret = 0;
	while (iov_iter_count(from)) {
		unsigned long start;
		long left = iov_iter_get_pages(from, pages, &start);
		if (left <= 0) {
			ret = left;
			break;
		}
		long n = (long)((start + (unsigned long)left + PAGE_SIZE - 1) / PAGE_SIZE);
		for (long i = 0; i < n; i++) {
			unsigned int size = (unsigned int)MIN((unsigned long)left, PAGE_SIZE - start);
			struct pipe_buffer buf = { .page = pages[i], .offset = (unsigned int)start,
						   .len = size, .flags = 0 };
			ret = add_to_pipe(pipe, &buf);
			if (ret < 0) {
				while (++i < n)		/* add_to_pipe released this one */
					gup_put_page(pages[i]);
				goto out;
			}
			total += ret;
			iov_iter_advance(from, size);
			left -= size;
			start = 0;
		}
	}
out:
	return total ? total : ret;
}

static long vmsplice_to_pipe(struct pipe_inode_info *pipe, struct iov_iter *from,
			     unsigned int flags)
{
	long ret = wait_for_space(pipe, flags);
	if (!ret)
		ret = iter_to_pipe(from, pipe);
	if (ret > 0)
		wake_up(&pipe->wait);		/* data for a reader */
	return ret;
}

/* Copy out of the pipe into the iovecs, buffer by buffer, as a read:
 * wait while the pipe is empty and has writers, unless something was
 * copied already (then return it) or SPLICE_F_NONBLOCK (-EAGAIN); a
 * signal pending at the start is -ERESTARTSYS.  A user byte that cannot
 * be written ends it: what was copied, or -EFAULT (Linux's
 * vmsplice_to_user through __splice_from_pipe and pipe_to_user). */
static long vmsplice_to_user(struct pipe_inode_info *pipe, struct iov_iter *to,
			     unsigned int flags)
{
	long done = 0, ret = 0;
	if (signal_pending(current))
		return -ERESTARTSYS;
	while (iov_iter_count(to)) {
		if (pipe_empty(pipe->head, pipe->tail)) {
			if (!pipe->writers || done)
				break;
			if (flags & SPLICE_F_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			ret = wait_event_interruptible(&pipe->wait,
				!pipe_empty(pipe->head, pipe->tail) || !pipe->writers);
			if (ret)
				break;
			continue;
		}
		struct pipe_buffer *buf = pipe_buf(pipe, pipe->tail);
		unsigned int n = (unsigned int)MIN((unsigned long)buf->len, iov_iter_count(to));
		if (!copy_page_iter((char *)page_address(buf->page) + buf->offset, n, to, false)) {
			ret = -EFAULT;
			break;
		}
		pipe_buf_consume(pipe, n);
		done += n;
	}
	if (done)
		wake_up(&pipe->wait);		/* room for a writer */
	return done ? done : ret;
}

/* vmsplice(fd, iov, nr_segs, flags), Linux's checks in its order: flags
 * outside SPLICE_F_ALL -EINVAL; fd not open -EBADF; the iovecs (more than
 * UIO_MAXIOV -EINVAL, unreadable or not user memory -EFAULT, a negative
 * length -EINVAL); nothing to move: 0, whatever fd is; fd not a pipe
 * -EBADF.  A write end (or a fifo open O_RDWR) takes the pages, a read end
 * gives bytes.  The bytes moved. */
long sys_vmsplice(unsigned long fd, unsigned long uiov, unsigned long nr_segs,
		  unsigned long uflags)
{
	unsigned int flags = (unsigned int)uflags;	/* an unsigned int in Linux */
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	struct file *f = fget((int)fd);
	if (!f || !(f->f_mode & (FMODE_READ | FMODE_WRITE)))
		return -EBADF;
	long ret;
	struct iovec *iov = import_iovec(uiov, nr_segs, &ret);
	if (!iov)
		return ret;
	struct iov_iter it;
	iov_iter_init(&it, iov, nr_segs);
	struct pipe_inode_info *pipe = get_pipe_info(f);
	if (!iov_iter_count(&it))
		ret = 0;
	else if (!pipe)
		ret = -EBADF;
	else if (f->f_mode & FMODE_WRITE)
		ret = vmsplice_to_pipe(pipe, &it, flags);
	else
		ret = vmsplice_to_user(pipe, &it, flags);
	kfree(iov);
	return ret;
}

/* kernel/fs/pipe.c — pipes: pipe(2), pipe2(2), fifos.
 *
 * A pipe is an inode of its own kind (S_IFIFO, in no directory) with a
 * ring of buffers (pipe_fs_i.h: each a window on a page it holds a
 * reference to) and two kinds of open file: the read end and the write
 * end.  As Linux's fs/pipe.c:
 *   - the ring has PIPE_DEF_BUFFERS slots (64 KiB); a write fills a new
 *     page per slot, allocated then and freed when a read has taken its
 *     last byte; F_SETPIPE_SZ makes the ring any power of two slots up to
 *     pipe_max_size (pipe_set_size, below);
 *   - a write first appends what does not fill a page (its first
 *     len % PAGE_SIZE bytes) to the last buffer, if a write made that one
 *     (PIPE_BUF_FLAG_CAN_MERGE) and it has the room, then puts the rest
 *     in new pages, a slot each: so small writes share a page and a long
 *     one fills whole pages;
 *   - a read waits while the pipe is empty and has writers; it returns
 *     what there is (a short read), or 0 (end of file) once the last
 *     writer has closed;
 *   - a write of at most PIPE_BUF bytes is atomic: it goes into the last
 *     buffer or into one free slot, whole, so writers never interleave
 *     inside it; a longer write goes in as slots come free and returns
 *     when all of it is in;
 *   - a write with no reader left raises SIGPIPE and fails with -EPIPE;
 *   - O_NONBLOCK turns each wait into -EAGAIN (or a short write), and a
 *     signal ends a wait: -ERESTARTSYS, or what was done so far;
 *   - vmsplice (splice.c) puts user pages themselves into slots.
 * Both ends wait on one queue: a reader and a writer never wait at once
 * (a pipe cannot be empty and full), so one wake_up after every change is
 * enough.  Linux keeps a freed page for the next write (tmp_page); here
 * every write allocates.
 *
 * System calls reach read and write through a bounce buffer a page at a
 * time (kernel/syscall.c); a read(2) of a stream returns after its first
 * chunk, so a second chunk never waits on a pipe that has given data.  A
 * write longer than a page therefore arrives here a page at a time: the
 * rule above then merges the last chunk's bytes, not the first's, into a
 * buffer (the same bytes in the same order; only where a page boundary
 * falls differs from Linux).  Under memory exhaustion the bounce buffer
 * is 512 bytes, and a PIPE_BUF write may then be split. */
#include "kernel/fs/pipe_fs_i.h"
#include "kernel/err.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"

#define FIONREAD		0x541B
#define PIPE_MAX_SIZE		(1UL << 20)	/* Linux's pipe_max_size (/proc/sys/fs/pipe-max-size) */

static size_t pipe_size(const struct pipe_inode_info *pipe)
{
	return (size_t)pipe->ring_size * PAGE_SIZE;
}

/* A buffer's page goes when its window is empty: freed if a write
 * allocated it, a reference dropped if vmsplice took it from a process
 * (that one keeps its page).  GUP takes no reference on the zero page
 * (mm/gup.c), so none is dropped (Linux counts the zero page's references
 * too, but never frees it either). */
void pipe_buf_release(struct pipe_buffer *buf)
{
	if (buf->page != zero_page)
		put_page(buf->page);
	buf->page = NULL;
}

/* n bytes of the tail buffer have been read: its window shrinks from the
 * front, and an empty one leaves the ring (Linux's pipe_read and
 * splice_from_pipe_feed each do this). */
void pipe_buf_consume(struct pipe_inode_info *pipe, unsigned int n)
{
	struct pipe_buffer *b = pipe_buf(pipe, pipe->tail);
	b->offset += n;
	b->len -= n;
	if (!b->len) {
		pipe_buf_release(b);
		pipe->tail++;
	}
}

/* A new, empty pipe of 64 KiB (no page yet); NULL when out of memory. */
static struct pipe_inode_info *pipe_alloc(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe));
	if (!pipe)
		return NULL;
	pipe->bufs = kzalloc(PIPE_DEF_BUFFERS * sizeof(pipe->bufs[0]));
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	pipe->ring_size = PIPE_DEF_BUFFERS;
	init_waitqueue_head(&pipe->wait);
	return pipe;
}

static void pipe_free(struct pipe_inode_info *pipe)
{
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		pipe_buf_release(pipe_buf(pipe, i));
	kfree(pipe->bufs);
	kfree(pipe);
}

/* Bytes a read would find now: the sum of the windows (FIONREAD). */
static size_t pipe_bytes(const struct pipe_inode_info *pipe)
{
	size_t n = 0;
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		n += pipe_buf(pipe, i)->len;
	return n;
}

static ssize_t pipe_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	if (!n)
		return 0;
	if (pipe_empty(pipe->head, pipe->tail) && pipe->writers && (f->f_flags & O_NONBLOCK))
		return -EAGAIN;
	int err = wait_event_interruptible(&pipe->wait,
					   !pipe_empty(pipe->head, pipe->tail) || !pipe->writers);
	if (err)
		return err;
	size_t done = 0;
	while (done < n && !pipe_empty(pipe->head, pipe->tail)) {	/* a buffer at a time */
		struct pipe_buffer *b = pipe_buf(pipe, pipe->tail);
		size_t chunk = MIN(n - done, b->len);
		memcpy(buf + done, (char *)page_address(b->page) + b->offset, chunk);
		pipe_buf_consume(pipe, (unsigned int)chunk);
		done += chunk;
	}
	wake_up(&pipe->wait);			/* room for a writer */
	return (ssize_t)done;			/* 0: no writer left, end of file */
}

/* The first n % PAGE_SIZE bytes of a write into the last buffer, if a
 * write made it and they fit (Linux's merge in pipe_write): the bytes
 * merged, or 0. */
static size_t pipe_write_merge(struct pipe_inode_info *pipe, const char *buf, size_t n)
{
	size_t chars = n & (PAGE_SIZE - 1);
	if (!chars || pipe_empty(pipe->head, pipe->tail))
		return 0;
	struct pipe_buffer *last = pipe_buf(pipe, pipe->head - 1);
	size_t end = last->offset + last->len;
	if (!(last->flags & PIPE_BUF_FLAG_CAN_MERGE) || end + chars > PAGE_SIZE)
		return 0;
	memcpy((char *)page_address(last->page) + end, buf, chars);
	last->len += chars;
	return chars;
}

static ssize_t pipe_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	size_t done = 0;
	if (!n)
		return 0;
	if (pipe->readers)
		done = pipe_write_merge(pipe, buf, n);
	while (done < n) {
		if (!pipe->readers) {
			send_signal(current, SIGPIPE, current->pid);	/* Linux: send_sig */
			return done ? (ssize_t)done : -EPIPE;
		}
		if (pipe_full(pipe->head, pipe->tail, pipe->ring_size)) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			int err = wait_event_interruptible(&pipe->wait,
				!pipe_full(pipe->head, pipe->tail, pipe->ring_size) || !pipe->readers);
			if (err)
				return done ? (ssize_t)done : err;
			continue;
		}
		struct page *page = alloc_page();
		if (!page)
			return done ? (ssize_t)done : -ENOMEM;
		size_t chunk = MIN(n - done, PAGE_SIZE);
		memcpy(page_address(page), buf + done, chunk);
		*pipe_buf(pipe, pipe->head) = (struct pipe_buffer){
			.page = page, .offset = 0, .len = (unsigned int)chunk,
			.flags = PIPE_BUF_FLAG_CAN_MERGE,
		};
		pipe->head++;
		done += chunk;
		wake_up(&pipe->wait);		/* data for a reader */
	}
	wake_up(&pipe->wait);			/* what merged, too */
	return (ssize_t)done;
}

/* What a read or write would do now.  The read end: data (POLLIN), or
 * no writer left (POLLHUP); the write end: a free slot, room for an
 * atomic write (POLLOUT), or no reader left (POLLERR), as Linux's
 * pipe_poll. */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	unsigned int mask = 0;
	poll_wait(f, &pipe->wait, pt);
	if (f->f_mode & FMODE_READ) {
		if (!pipe_empty(pipe->head, pipe->tail))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (!pipe_full(pipe->head, pipe->tail, pipe->ring_size))
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

/* FIONREAD: how many bytes a read would find now. */
static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	int used = (int)pipe_bytes(pipe);
	if (cmd != FIONREAD)
		return -ENOTTY;
	return copy_to_user((void *)arg, &used, sizeof(used)) ? -EFAULT : 0;
}

/* An end goes (a close, or an open that did not complete): the other end's
 * waiters must look again (EOF, EPIPE); the last end frees the pipe, its
 * pages with it (a fifo's inode stays, and gets a new pipe at its next open). */
static void pipe_put_ends(struct inode *inode, bool rd, bool wr)
{
	struct pipe_inode_info *pipe = inode->i_private;
	pipe->readers -= rd;
	pipe->writers -= wr;
	wake_up(&pipe->wait);
	if (pipe->readers || pipe->writers)
		return;
	pipe_free(pipe);
	inode->i_private = NULL;
}

static int pipe_release(struct inode *inode, struct file *f)
{
	pipe_put_ends(inode, f->f_mode & FMODE_READ, f->f_mode & FMODE_WRITE);
	return 0;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read, .write = pipe_write, .llseek = noop_llseek,
	.ioctl = pipe_ioctl, .release = pipe_release, .poll = pipe_poll,
};

static struct file *pipe_file(struct inode *inode, unsigned int mode, int flags)
{
	struct file *f = file_alloc();
	if (!f)
		return NULL;
	f->f_inode = igrab(inode);
	f->f_op = &pipe_fops;
	f->f_flags = (mode == FMODE_READ ? O_RDONLY : O_WRONLY) | (flags & O_NONBLOCK);
	f->f_mode = mode;
	f->f_count = 1;
	return f;
}

/* pipe2: two open files on a new pipe, installed at the two lowest free
 * fds: [0] reads, [1] writes. */
int do_pipe2(int fds[2], int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;			/* O_DIRECT (packet mode) is not supported */
	struct inode *inode = new_inode(S_IFIFO | 0600);
	struct pipe_inode_info *pipe = inode ? pipe_alloc() : NULL;
	struct file *r = NULL, *w = NULL;
	int err = -ENOMEM;
	if (!pipe)
		goto out;
	pipe->readers = pipe->writers = 1;
	inode->i_private = pipe;
	inode->i_fop = &pipe_fops;
	r = pipe_file(inode, FMODE_READ, flags);
	w = r ? pipe_file(inode, FMODE_WRITE, flags) : NULL;
	if (!w)
		goto out;
	r->f_flags |= flags & O_CLOEXEC;	/* fd_install reads it for close_on_exec */
	w->f_flags |= flags & O_CLOEXEC;
	fds[0] = fd_install(r);
	fds[1] = fds[0] < 0 ? fds[0] : fd_install(w);
	if (fds[1] < 0) {
		err = fds[1];
		if (fds[0] >= 0)
			current->files->fd[fds[0]] = NULL;
		goto out;
	}
	r->f_flags &= ~O_CLOEXEC;
	w->f_flags &= ~O_CLOEXEC;
	iput(inode);				/* the files hold it now */
	return 0;
out:
	if (pipe) {				/* an end never opened is not counted */
		if (!r)
			pipe->readers--;
		if (!w)
			pipe->writers--;
		if (!r && !w) {
			pipe_free(pipe);
			inode->i_private = NULL;
		}
	}
	if (w)
		fput(w);			/* the last end's release frees the pipe */
	if (r)
		fput(r);
	if (inode)
		iput(inode);
	return err;
}

/* ---- fifos: a pipe with a name (mknod S_IFIFO) ----------------------------
 * Opened by name, as Linux's fifo_open: the pipe is made at the first open
 * and goes at the last close (pipe_release); an open for reading waits for
 * a writer to open it, an open for writing waits for a reader, unless
 * O_NONBLOCK (then a reader goes on at once and a writer without a reader
 * fails, -ENXIO); O_RDWR waits for nobody.  A signal ends a wait
 * (-ERESTARTSYS), and the open counts nothing. */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = inode->i_private;
	if (!pipe) {
		pipe = pipe_alloc();
		if (!pipe)
			return -ENOMEM;
		inode->i_private = pipe;
	}
	bool rd = f->f_mode & FMODE_READ, wr = f->f_mode & FMODE_WRITE;
	bool nonblock = f->f_flags & O_NONBLOCK;
	unsigned int r0 = pipe->r_counter, w0 = pipe->w_counter;
	pipe->readers += rd;
	pipe->writers += wr;
	pipe->r_counter += rd;
	pipe->w_counter += wr;
	wake_up(&pipe->wait);			/* the other end may be waiting for us */
	int err = 0;
	if (rd && !wr && !nonblock)
		err = wait_event_interruptible(&pipe->wait, pipe->writers || pipe->w_counter != w0);
	else if (wr && !rd && !pipe->readers)
		err = nonblock ? -ENXIO : wait_event_interruptible(&pipe->wait,
					pipe->readers || pipe->r_counter != r0);
	if (err)
		pipe_put_ends(inode, rd, wr);
	return err;
}

const struct file_operations fifo_fops = {
	.open = fifo_open, .read = pipe_read, .write = pipe_write, .llseek = noop_llseek,
	.ioctl = pipe_ioctl, .release = pipe_release, .poll = pipe_poll,
};

/* ---- F_GETPIPE_SZ, F_SETPIPE_SZ (fcntl) ------------------------------------
 * Linux's pipe_set_size: the size asked for is rounded up to a power of two
 * pages (at least one page: POSIX's PIPE_BUF; more than 2^31 bytes
 * -EINVAL), may not pass pipe_max_size (1 MiB: -EPERM), and may not have
 * fewer slots than there are buffers in the pipe (-EBUSY); the answer is
 * the new size.  Linux lets a process with CAP_SYS_RESOURCE (root) pass
 * pipe_max_size; everyone is root here, but a pipe's pages belong to no
 * process the OOM killer could end, so the limit holds for all.
 *
 * The buffers go to the front of the new ring, in order, and head and
 * tail count from 0 again (Linux's pipe_resize_ring). */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned long arg)
{
	if (arg > (1UL << 31))
		return -EINVAL;			/* round_pipe_size gives 0 */
	unsigned int nr = 1;
	while ((unsigned long)nr * PAGE_SIZE < arg)
		nr <<= 1;
	if ((unsigned long)nr * PAGE_SIZE > PIPE_MAX_SIZE && nr > pipe->ring_size)
		return -EPERM;
	unsigned int n = pipe_occupancy(pipe->head, pipe->tail);
	if (nr < n)
		return -EBUSY;
	struct pipe_buffer *bufs = kzalloc(nr * sizeof(bufs[0]));
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = *pipe_buf(pipe, pipe->tail + i);
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->ring_size = nr;
	pipe->tail = 0;
	pipe->head = n;
	wake_up(&pipe->wait);			/* maybe room for a writer now */
	return (long)pipe_size(pipe);
}

/* fcntl(F_GETPIPE_SZ / F_SETPIPE_SZ) on a pipe or fifo; anything else is
 * -EBADF, as Linux's pipe_fcntl. */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = get_pipe_info(f);
	if (!pipe)
		return -EBADF;
	return cmd == F_SETPIPE_SZ ? pipe_set_size(pipe, arg) : (long)pipe_size(pipe);
}

struct pipe_inode_info *get_pipe_info(struct file *f)
{
	if (f->f_op != &pipe_fops && f->f_op != &fifo_fops)
		return NULL;
	return f->f_inode->i_private;
}

/* kernel/fs/pipe.c — pipes: pipe(2), pipe2(2).
 *
 * A pipe is an inode of its own kind (S_IFIFO, in no directory) with a
 * ring of bytes and two kinds of open file: the read end and the write end.
 * As Linux's fs/pipe.c:
 *   - the ring holds PIPE_DEF_BUFFERS pages (64 KiB), each allocated when
 *     a write first needs it and kept until the pipe goes (or the ring
 *     shrinks); F_SETPIPE_SZ makes it any power of two pages up to
 *     pipe_max_size (pipe_set_size, below);
 *   - a read waits while the pipe is empty and has writers; it returns
 *     what there is (a short read), or 0 (end of file) once the last
 *     writer has closed;
 *   - a write of at most PIPE_BUF bytes is atomic: it waits until all of
 *     it fits, so writers never interleave inside it; a longer write goes
 *     in as room appears and returns when all of it is in;
 *   - a write with no reader left raises SIGPIPE and fails with -EPIPE;
 *   - O_NONBLOCK turns each wait into -EAGAIN (or a short write), and a
 *     signal ends a wait: -ERESTARTSYS, or what was done so far.
 * Both ends wait on one queue: a reader and a writer never wait at once
 * (a pipe cannot be empty and full), so one wake_up after every change is
 * enough.
 *
 * System calls reach read and write through a bounce buffer a page at a
 * time (kernel/syscall.c); a read(2) of a stream returns after its first
 * chunk, so a second chunk never waits on a pipe that has given data. */
#include "kernel/fs/fs.h"
#include "kernel/wait.h"
#include "kernel/err.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"

#define FIONREAD		0x541B
#define PIPE_BUF		4096	/* bytes a write puts in at once, unmixed */
#define PIPE_DEF_BUFFERS	16	/* pages of a new pipe: 64 KiB, Linux's default */
#define PIPE_MAX_SIZE		(1UL << 20)	/* Linux's pipe_max_size (/proc/sys/fs/pipe-max-size) */

struct pipe_inode_info {
	struct page **bufs;		/* the ring's nr_pages pages, NULL until written */
	unsigned int nr_pages;		/* a power of two: F_GETPIPE_SZ is nr_pages pages */
	size_t head, tail;		/* bytes written and read since the ring last was
					   empty or resized: head - tail are in the ring */
	unsigned int readers, writers;	/* open files of each end */
	unsigned int r_counter, w_counter;	/* opens of each end, ever (fifo_open) */
	struct wait_queue_head wait;	/* readers waiting for data, writers for room */
};

static size_t pipe_used(const struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail;
}

static size_t pipe_size(const struct pipe_inode_info *pipe)
{
	return (size_t)pipe->nr_pages * PAGE_SIZE;
}

/* Where byte number pos lives in the ring. */
static char *pipe_byte(struct pipe_inode_info *pipe, size_t pos)
{
	size_t off = pos & (pipe_size(pipe) - 1);
	return (char *)page_address(pipe->bufs[off / PAGE_SIZE]) + off % PAGE_SIZE;
}

/* The pages the bytes in the ring lie on: what Linux counts as the
 * buffers in use (pipe_occupancy).  Its writes fill a page before they
 * take the next, as here, so the two agree, except where Linux leaves a
 * page part empty (a short write that does not fit the last page's room
 * starts a new one). */
static size_t pipe_pages_used(const struct pipe_inode_info *pipe)
{
	if (!pipe_used(pipe))
		return 0;
	return (ALIGN_UP(pipe->head, PAGE_SIZE) - ALIGN_DOWN(pipe->tail, PAGE_SIZE)) / PAGE_SIZE;
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
	pipe->nr_pages = PIPE_DEF_BUFFERS;
	init_waitqueue_head(&pipe->wait);
	return pipe;
}

static void pipe_free(struct pipe_inode_info *pipe)
{
	for (unsigned int i = 0; i < pipe->nr_pages; i++)
		if (pipe->bufs[i])
			__free_page(pipe->bufs[i]);
	kfree(pipe->bufs);
	kfree(pipe);
}

static ssize_t pipe_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	if (!n)
		return 0;
	if (!pipe_used(pipe) && pipe->writers && (f->f_flags & O_NONBLOCK))
		return -EAGAIN;
	int err = wait_event_interruptible(&pipe->wait, pipe_used(pipe) || !pipe->writers);
	if (err)
		return err;
	size_t done = 0;
	while (done < n && pipe_used(pipe)) {	/* in pieces that do not cross a page */
		size_t in_page = PAGE_SIZE - pipe->tail % PAGE_SIZE;
		size_t chunk = MIN(MIN(n - done, pipe_used(pipe)), in_page);
		memcpy(buf + done, pipe_byte(pipe, pipe->tail), chunk);
		pipe->tail += chunk;
		done += chunk;
	}
	if (!pipe_used(pipe))
		pipe->head = pipe->tail = 0;	/* empty: the next write starts a page, as
					   Linux's starts a new buffer */
	wake_up(&pipe->wait);			/* room for a writer */
	return (ssize_t)done;			/* 0: no writer left, end of file */
}

/* Make sure the ring's pages for bytes [head, head + n) exist. */
static int pipe_grow(struct pipe_inode_info *pipe, size_t n)
{
	for (size_t p = pipe->head; p < pipe->head + n; p = ALIGN_DOWN(p, PAGE_SIZE) + PAGE_SIZE) {
		struct page **slot = &pipe->bufs[(p & (pipe_size(pipe) - 1)) / PAGE_SIZE];
		if (!*slot && !(*slot = alloc_page()))
			return -ENOMEM;
	}
	return 0;
}

static ssize_t pipe_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	size_t done = 0;
	while (done < n) {
		if (!pipe->readers) {
			send_signal(current, SIGPIPE, current->pid);	/* Linux: send_sig */
			return done ? (ssize_t)done : -EPIPE;
		}
		/* room for all of an atomic write, or for a byte of a long one */
		size_t need = n <= PIPE_BUF ? n : 1;
		if (pipe_size(pipe) - pipe_used(pipe) < need) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			int err = wait_event_interruptible(&pipe->wait,
				pipe_size(pipe) - pipe_used(pipe) >= need || !pipe->readers);
			if (err)
				return done ? (ssize_t)done : err;
			continue;
		}
		size_t room = MIN(n - done, pipe_size(pipe) - pipe_used(pipe));
		if (pipe_grow(pipe, room))
			return done ? (ssize_t)done : -ENOMEM;
		while (room) {
			size_t in_page = PAGE_SIZE - pipe->head % PAGE_SIZE;
			size_t chunk = MIN(room, in_page);
			memcpy(pipe_byte(pipe, pipe->head), buf + done, chunk);
			pipe->head += chunk;
			done += chunk;
			room -= chunk;
		}
		wake_up(&pipe->wait);		/* data for a reader */
	}
	return (ssize_t)done;
}

/* What a read or write would do now.  The read end: data (POLLIN), or
 * no writer left (POLLHUP); the write end: room for an atomic write
 * (POLLOUT), or no reader left (POLLERR), as Linux's pipe_poll. */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	unsigned int mask = 0;
	poll_wait(f, &pipe->wait, pt);
	if (f->f_mode & FMODE_READ) {
		if (pipe_used(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (pipe_size(pipe) - pipe_used(pipe) >= PIPE_BUF)
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
	int used = (int)pipe_used(pipe);
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
 * -EINVAL), may not pass pipe_max_size (1 MiB: -EPERM), and may not be
 * smaller than the pages the bytes in the pipe lie on (-EBUSY); the answer
 * is the new size.  Linux lets a process with CAP_SYS_RESOURCE (root) pass
 * pipe_max_size; everyone is root here, but a pipe's pages belong to no
 * process the OOM killer could end, so the limit holds for all.
 *
 * The bytes keep their pages: the pages they lie on go to the front of the
 * new ring, in order (Linux's pipe_resize_ring moves its buffers so), the
 * other pages fill the rest as far as they go, and what does not fit is
 * freed.  head and tail start again from the first page. */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned long arg)
{
	if (arg > (1UL << 31))
		return -EINVAL;			/* round_pipe_size gives 0 */
	unsigned int nr = 1;
	while ((unsigned long)nr * PAGE_SIZE < arg)
		nr <<= 1;
	if ((unsigned long)nr * PAGE_SIZE > PIPE_MAX_SIZE && nr > pipe->nr_pages)
		return -EPERM;
	size_t used = pipe_used(pipe), full = pipe_pages_used(pipe);
	if (nr < full)
		return -EBUSY;
	struct page **bufs = kzalloc(nr * sizeof(bufs[0]));
	if (!bufs)
		return -ENOMEM;
	unsigned int old_mask = pipe->nr_pages - 1, first = (pipe->tail / PAGE_SIZE) & old_mask;
	unsigned int k = 0;
	for (unsigned int i = 0; i < pipe->nr_pages; i++) {	/* from the first page of the bytes on */
		struct page *page = pipe->bufs[(first + i) & old_mask];
		if (i < full)
			bufs[k++] = page;		/* holds bytes: always fits (nr >= full) */
		else if (page && k < nr)
			bufs[k++] = page;
		else if (page)
			__free_page(page);
	}
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->nr_pages = nr;
	pipe->tail %= PAGE_SIZE;
	pipe->head = pipe->tail + used;
	wake_up(&pipe->wait);			/* maybe room for a writer now */
	return (long)pipe_size(pipe);
}

/* fcntl(F_GETPIPE_SZ / F_SETPIPE_SZ) on a pipe or fifo; anything else is
 * -EBADF, as Linux's pipe_fcntl. */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (f->f_op != &pipe_fops && f->f_op != &fifo_fops)
		return -EBADF;
	struct pipe_inode_info *pipe = f->f_inode->i_private;
	return cmd == F_SETPIPE_SZ ? pipe_set_size(pipe, arg) : (long)pipe_size(pipe);
}

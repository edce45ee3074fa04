/* kernel/fs/pipe_fs_i.h — a pipe's ring of buffers, shared by pipe.c
 * (read, write, poll, the size) and splice.c (vmsplice), as Linux's
 * include/linux/pipe_fs_i.h.
 *
 * The ring is ring_size slots (a power of two); head and tail count the
 * buffers put in and taken out since the pipe was made (or resized), and
 * wrap freely: slot i is bufs[i & (ring_size - 1)], head - tail buffers
 * are in use.
 *
 *	tail                       head
 *	 v                          v
 *	[ page,off,len ][ page,off,len ][ free ] ... [ free ]
 *
 * A buffer is a window (offset, len) on a page it holds a reference to:
 * one write(2) allocated (refcount 1, CAN_MERGE: later small writes may
 * append to it), or a user's page vmsplice took from the page tables by
 * reference (get_user_pages), no copy.  A read takes bytes from the
 * window's front and drops the reference when the window is empty
 * (pipe_buf_release). */
#ifndef KERNEL_FS_PIPE_FS_I_H
#define KERNEL_FS_PIPE_FS_I_H

#include "kernel/fs/fs.h"
#include "kernel/wait.h"

#define PIPE_DEF_BUFFERS	16	/* slots of a new pipe: 64 KiB, Linux's default */
#define PIPE_BUF_FLAG_CAN_MERGE	0x10	/* write(2) may append to it (Linux's value) */

struct pipe_buffer {
	struct page *page;		/* a reference held (none on the zero page) */
	unsigned int offset, len;	/* the bytes in it: [offset, offset + len) */
	unsigned int flags;		/* PIPE_BUF_FLAG_* */
};

struct pipe_inode_info {
	struct pipe_buffer *bufs;	/* the ring */
	unsigned int ring_size;		/* slots: a power of two (Linux's max_usage
					   is always ring_size here) */
	unsigned int head, tail;	/* buffers put in, taken out */
	unsigned int readers, writers;	/* open files of each end */
	unsigned int r_counter, w_counter;	/* opens of each end, ever (fifo_open) */
	struct wait_queue_head wait;	/* readers waiting for data, writers for room */
};

static inline unsigned int pipe_occupancy(unsigned int head, unsigned int tail)
{
	return head - tail;
}

static inline bool pipe_empty(unsigned int head, unsigned int tail)
{
	return head == tail;
}

static inline bool pipe_full(unsigned int head, unsigned int tail, unsigned int limit)
{
	return pipe_occupancy(head, tail) >= limit;
}

/* The buffer in slot i (a head or tail count). */
static inline struct pipe_buffer *pipe_buf(const struct pipe_inode_info *pipe, unsigned int i)
{
	return &pipe->bufs[i & (pipe->ring_size - 1)];
}

/* The pipe behind a pipe's or fifo's open file; NULL for any other file. */
struct pipe_inode_info *get_pipe_info(struct file *f);
/* Drop the buffer's page: the end of its window. */
void pipe_buf_release(struct pipe_buffer *buf);
/* n bytes read from the tail buffer: the window shrinks, an empty one goes. */
void pipe_buf_consume(struct pipe_inode_info *pipe, unsigned int n);

#endif

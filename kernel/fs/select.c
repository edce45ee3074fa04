/* kernel/fs/select.c — poll, ppoll, select, pselect6: wait until one of
 * several files is ready, or a time runs out, or a signal comes.
 *
 * As Linux's fs/select.c: each file's ->poll says what a read or a write
 * would do now, and through poll_wait names the wait queue(s) whose
 * wake_up may change that; do_poll asks every file, and if none is ready,
 * sleeps on all those queues at once (one wait_queue_entry per queue, in
 * the poll_table on our stack) until a wake_up, the timeout
 * (schedule_timeout_until) or a signal, then asks again.  A file without
 * ->poll is always ready (regular files, /proc, /dev/null, /dev/zero).
 *
 * Times are in ticks of 1/HZ s, rounded up: never early.  ppoll and
 * pselect6 wait with the given signal mask, and, when a signal interrupts
 * them, its handler still runs with that mask (as rt_sigsuspend). */
#include "kernel/fs/fs.h"
#include "kernel/wait.h"
#include "kernel/irq.h"
#include "kernel/uaccess.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define POLL_MAX_QUEUES	(2 * NR_OPEN)	/* queues one poll may sleep on */

struct poll_table {
	bool registering;		/* only the first pass puts us on queues */
	int n;
	struct wait_queue_entry entries[POLL_MAX_QUEUES];
	struct wait_queue_head *queues[POLL_MAX_QUEUES];
};

/* Woken at every tick: what has no interrupt of its own (the console's
 * UART) is looked at again then. */
struct wait_queue_head tick_wait = { LIST_HEAD_INIT(tick_wait.head) };

void poll_tick(void)
{
	if (!list_empty(&tick_wait.head))
		wake_up(&tick_wait);
}

void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	(void)f;
	if (!pt || !pt->registering || pt->n == POLL_MAX_QUEUES)
		return;
	for (int i = 0; i < pt->n; i++)
		if (pt->queues[i] == wq)
			return;			/* both ends of one pipe: one entry */
	struct wait_queue_entry *w = &pt->entries[pt->n];
	w->task = current;
	list_add_tail(&w->entry, &wq->head);
	pt->queues[pt->n++] = wq;
}

static void poll_freewait(struct poll_table *pt)
{
	for (int i = 0; i < pt->n; i++)
		list_del(&pt->entries[i].entry);
	pt->n = 0;
}

struct pollfd {
	int fd;
	short events, revents;
};

static unsigned int file_poll(struct file *f, struct poll_table *pt)
{
	return f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
}

/* One pass over the fds: each revents, and how many are ready. */
static int poll_pass(struct pollfd *fds, unsigned int nfds, struct poll_table *pt)
{
	int ready = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;		/* ignored, as Linux */
		struct file *f = fget(fds[i].fd);
		unsigned int mask = f ? file_poll(f, pt) : POLLNVAL;
		/* POLLERR, POLLHUP, POLLNVAL are reported unasked */
		mask &= (unsigned int)(unsigned short)fds[i].events | POLLERR | POLLHUP | POLLNVAL;
		fds[i].revents = (short)mask;
		ready += mask != 0;
	}
	return ready;
}

/* Until something is ready (how many), jiffy `until` (0), or a signal
 * (-ERESTARTSYS, or -EINTR when restarting would not be right). */
static int do_poll(struct pollfd *fds, unsigned int nfds, u64 until)
{
	struct poll_table *pt = kmalloc(sizeof(*pt));
	if (!pt)
		return -ENOMEM;
	pt->n = 0;
	pt->registering = true;
	int ready;
	for (;;) {
		ready = poll_pass(fds, nfds, pt);
		pt->registering = false;	/* the queues stay until we return */
		if (ready || until <= jiffies)
			break;
		if (signal_pending(current)) {
			ready = -EINTR;
			break;
		}
		schedule_timeout_until(until);
	}
	poll_freewait(pt);
	kfree(pt);
	return ready;
}

/* A timeout in ms (poll), or a timespec/timeval in user memory, as the
 * jiffy to stop at (~0: none). */
static u64 until_ms(long ms)
{
	if (ms < 0)
		return ~0ULL;
	return ms ? jiffies + ((u64)ms * HZ + 999) / 1000 + 1 : jiffies;
}

struct user_timespec {
	long tv_sec, tv_nsec;
};

static long until_timespec(unsigned long uts, u64 *until, bool usec)
{
	struct user_timespec ts;
	*until = ~0ULL;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, (void *)uts, sizeof(ts)))
		return -EFAULT;
	if (usec) {				/* select's timeval: microseconds carry, as Linux */
		ts.tv_sec += ts.tv_nsec / 1000000;
		ts.tv_nsec = ts.tv_nsec % 1000000 * 1000;
	}
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	u64 ns = (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
	/* one tick more: the tick now running is partly gone (never early) */
	*until = ns ? jiffies + (ns + 1000000000ULL / HZ - 1) / (1000000000ULL / HZ) + 1 : jiffies;
	return 0;
}

/* What is left of a timeout, written back (select and pselect6 do, as Linux). */
static void put_remaining(unsigned long uts, u64 until, bool usec)
{
	u64 left = until > jiffies ? until - jiffies : 0;
	u64 ns = left * (1000000000ULL / HZ);
	struct user_timespec ts = { (long)(ns / 1000000000ULL),
				    (long)(ns % 1000000000ULL / (usec ? 1000 : 1)) };
	copy_to_user((void *)uts, &ts, sizeof(ts));	/* a fault here: ignored, as Linux */
}

/* Wait with a signal mask (ppoll, pselect6): if a signal ends the wait, its
 * handler runs with that mask and sigreturn restores ours (rt_sigsuspend's
 * way); otherwise ours is back at once. */
static long set_wait_mask(unsigned long umask, unsigned long size)
{
	u64 mask;
	if (!umask)
		return 0;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, (void *)umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->sig.blocked;
	current->restore_sigmask = true;
	current->sig.blocked = mask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	return 0;
}

static void end_wait_mask(long ret)
{
	if (current->restore_sigmask && ret != -EINTR) {
		current->sig.blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
}

static long poll_common(unsigned long ufds, unsigned long nfds, u64 until)
{
	if (nfds > current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;			/* as Linux */
	size_t size = nfds * sizeof(struct pollfd);
	struct pollfd *fds = nfds ? kmalloc(size) : NULL;
	if (nfds && !fds)
		return -ENOMEM;
	long r = nfds && copy_from_user(fds, (void *)ufds, size) ? -EFAULT : 0;
	if (!r)
		r = do_poll(fds, (unsigned int)nfds, until);
	for (unsigned long i = 0; r >= 0 && i < nfds; i++)	/* only revents is written */
		if (copy_to_user((char *)ufds + i * sizeof(*fds) + offsetof(struct pollfd, revents),
				 &fds[i].revents, sizeof(fds[i].revents)))
			r = -EFAULT;
	kfree(fds);
	return r;
}

long sys_poll(unsigned long ufds, unsigned long nfds, unsigned long timeout_ms)
{
	return poll_common(ufds, nfds, until_ms((int)timeout_ms));
}

long sys_ppoll(unsigned long ufds, unsigned long nfds, unsigned long uts, unsigned long umask,
	       unsigned long masksize)
{
	u64 until;
	long r = until_timespec(uts, &until, false);
	if (!r)
		r = set_wait_mask(umask, masksize);
	if (r)
		return r;
	r = poll_common(ufds, nfds, until);
	end_wait_mask(r);
	return r;
}

/* select: three bitmaps of fds (read, write, except) become pollfds; a set
 * bit for an fd that is not open is -EBADF; each bitmap comes back with
 * only the ready fds. */
#define FD_WORDS	((NR_OPEN + 63) / 64)

static long do_select(unsigned long n, unsigned long uin, unsigned long uout, unsigned long uex,
		      u64 until)
{
	u64 sets[3][FD_WORDS] = { { 0 } };
	unsigned long usets[3] = { uin, uout, uex };
	if ((int)n < 0)
		return -EINVAL;
	n = MIN((unsigned int)n, NR_OPEN);	/* Linux: n is cut to the fd table's size */
	unsigned long bytes = (n + 7) / 8;
	for (int s = 0; s < 3; s++) {
		if (!usets[s])
			continue;
		for (unsigned long b = 0; b < bytes; b++) {
			u8 byte;
			if (copy_from_user(&byte, (u8 *)usets[s] + b, 1))
				return -EFAULT;
			if (b * 8 + 8 > n)
				byte &= (u8)((1u << (n - b * 8)) - 1);
			((u8 *)sets[s])[b] = byte;
		}
	}
	struct pollfd fds[NR_OPEN];
	unsigned int nfds = 0;
	for (int fd = 0; fd < NR_OPEN && (unsigned long)fd < n; fd++) {
		short ev = 0;
		if (sets[0][fd / 64] & BIT(fd % 64))
			ev |= POLLIN | POLLHUP | POLLERR;
		if (sets[1][fd / 64] & BIT(fd % 64))
			ev |= POLLOUT | POLLERR;
		if (sets[2][fd / 64] & BIT(fd % 64))
			ev |= POLLPRI;
		if (!ev)
			continue;
		if (!fget(fd))
			return -EBADF;
		fds[nfds++] = (struct pollfd){ fd, ev, 0 };
	}
	int r = do_poll(fds, nfds, until);
	if (r < 0)
		return r;
	u64 out[3][FD_WORDS] = { { 0 } };
	int count = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		int fd = fds[i].fd;
		short re = fds[i].revents;
		bool rd = (fds[i].events & POLLIN) && (re & (POLLIN | POLLHUP | POLLERR));
		bool wr = (fds[i].events & POLLOUT) && (re & (POLLOUT | POLLERR));
		bool ex = (fds[i].events & POLLPRI) && (re & POLLPRI);
		if (rd)
			out[0][fd / 64] |= BIT(fd % 64);
		if (wr)
			out[1][fd / 64] |= BIT(fd % 64);
		if (ex)
			out[2][fd / 64] |= BIT(fd % 64);
		count += rd + wr + ex;
	}
	for (int s = 0; s < 3; s++) {
		if (!usets[s])
			continue;
		for (unsigned long b = 0; b < bytes; b++) {
			u8 byte = ((u8 *)out[s])[b];
			if (b * 8 + 8 > n) {	/* the bits past n stay as they were */
				u8 mine = (u8)((1u << (n - b * 8)) - 1), was;
				if (copy_from_user(&was, (u8 *)usets[s] + b, 1))
					return -EFAULT;
				byte = (byte & mine) | (was & ~mine);
			}
			if (copy_to_user((u8 *)usets[s] + b, &byte, 1))
				return -EFAULT;
		}
	}
	return count;
}

long sys_select(unsigned long n, unsigned long uin, unsigned long uout, unsigned long uex,
		unsigned long utv)
{
	u64 until;
	long r = until_timespec(utv, &until, true);
	if (r)
		return r;
	r = do_select(n, uin, uout, uex, until);
	if (utv && r != -EFAULT)
		put_remaining(utv, until, true);
	return r;
}

/* pselect6's sixth argument: { const sigset_t *mask; size_t size; }. */
long sys_pselect6(unsigned long n, unsigned long uin, unsigned long uout, unsigned long uex,
		  unsigned long uts, unsigned long usig)
{
	u64 until;
	struct { unsigned long mask, size; } sig = { 0, 0 };
	long r = until_timespec(uts, &until, false);
	if (!r && usig && copy_from_user(&sig, (void *)usig, sizeof(sig)))
		r = -EFAULT;
	if (!r)
		r = set_wait_mask(sig.mask, sig.size);
	if (r)
		return r;
	r = do_select(n, uin, uout, uex, until);
	end_wait_mask(r);
	if (uts && r != -EFAULT)
		put_remaining(uts, until, false);
	return r;
}

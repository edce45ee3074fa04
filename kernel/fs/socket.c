/* kernel/fs/socket.c — socketpair(AF_UNIX, SOCK_STREAM or SOCK_SEQPACKET)
 * and shutdown, and socket(2)'s checks (no family it can create): Linux's net/socket.c and net/unix/af_unix.c, for the one
 * use a kernel without a network has for them: two connected ends, for a
 * parent and a child to talk both ways.
 *
 * Each end is a file (an S_IFSOCK inode in no directory) with a receive
 * queue of messages (Linux's skbs): a write puts one on the peer's queue,
 * a read takes from its own.  Not two pipes' rings back to back, although
 * a stream would fit in one: a SOCK_SEQPACKET write is one record that a
 * read returns whole (or cut to the read's size, the rest dropped), so the
 * queue keeps each write's bytes apart, as Linux's does for both types.
 *
 *	write, stream		the bytes go out in messages of at most a page; a
 *				writer whose sent-and-unread messages reach the send
 *				buffer (212992 bytes, Linux's wmem_default) waits
 *	write, seqpacket	one message of all the bytes (more than the send
 *				buffer: -EMSGSIZE); it waits the same way
 *	read, stream		what is there, across messages, at least one byte:
 *				waits while there is none
 *	read, seqpacket		the next message, cut to the read's size
 *	the peer closes		reads drain what is left, then end of file (0); a
 *				stream write: SIGPIPE and -EPIPE, a seqpacket write
 *				-EPIPE alone (Linux's unix_dgram_sendmsg sends none);
 *				if the peer left unread bytes behind, the next call
 *				that looks says -ECONNRESET once (Linux's sk_err:
 *				a stream read after its data, a seqpacket read first)
 *	shutdown(SHUT_WR)	our writes -EPIPE, the peer's reads end of file;
 *				SHUT_RD the other way round; SHUT_RDWR both
 *	O_NONBLOCK		a wait is -EAGAIN (or what was done so far)
 *	a signal		ends a wait: -ERESTARTSYS, or what was done so far
 *
 * The send buffer counts each message as kmalloc sizes it (Linux adds its
 * sk_buff's overhead, so fewer small writes fit there).  read(2) and
 * write(2) hand a socket the user's buffer whole (->read_user,
 * ->write_user), so a record is never cut at the system-call layer's
 * bounce buffer; ->read and ->write take kernel buffers (sendfile). */
#include "kernel/fs/fs.h"
#include "kernel/wait.h"
#include "kernel/err.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define AF_UNIX		1
#define AF_MAX		46		/* Linux 6.1's NPROTO: families are below it */
#define SOCK_STREAM	1
#define SOCK_SEQPACKET	5
#define SOCK_MAX	11		/* types are below it (SOCK_PACKET + 1) */
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	O_CLOEXEC
#define SOCK_NONBLOCK	O_NONBLOCK

#define RCV_SHUTDOWN	1		/* nothing more will come: reads end */
#define SEND_SHUTDOWN	2		/* nothing more may go: writes -EPIPE */
#define SHUTDOWN_MASK	3

#define UNIX_SNDBUF	212992		/* net.core.wmem_default */
#define UNIX_SKB_MAX	(PAGE_SIZE - sizeof(struct unix_skb))	/* a stream's message */

#define POLLWRBAND	0x0200
#define POLLRDHUP	0x2000
#define FIONREAD	0x541B		/* SIOCINQ */

struct unix_sock;

struct unix_skb {
	struct list_head list;		/* in the receiver's queue */
	struct unix_sock *owner;	/* the sender, charged for it; NULL once it is gone */
	size_t truesize;		/* what it costs the sender's buffer */
	size_t len, off;		/* its bytes, and those a stream read took already */
	char data[];
};

struct unix_sock {
	int type;			/* SOCK_STREAM or SOCK_SEQPACKET */
	struct unix_sock *peer;		/* NULL once the peer is gone */
	struct list_head queue;		/* messages for us: struct unix_skb */
	size_t wmem;			/* truesize of what we sent and the peer has not read */
	unsigned int shutdown;		/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int err;			/* ECONNRESET, said once (Linux's sock_error) */
	struct wait_queue_head wait;	/* our readers, and our writers waiting for room */
};

/* Where a read's or write's bytes are: user memory (read(2), write(2)) or
 * a kernel buffer (sendfile, ->read, ->write). */
struct unix_buf {
	char *p;
	bool user;
};

static int buf_to(const struct unix_buf *b, size_t off, const void *src, size_t n)
{
	if (b->user)
		return copy_to_user(b->p + off, src, n) ? -EFAULT : 0;
	memcpy(b->p + off, src, n);
	return 0;
}

static int buf_from(void *dst, const struct unix_buf *b, size_t off, size_t n)
{
	if (b->user)
		return copy_from_user(dst, b->p + off, n) ? -EFAULT : 0;
	memcpy(dst, b->p + off, n);
	return 0;
}

static struct unix_sock *unix_sk(struct file *f)
{
	return f->f_inode->i_private;
}

/* -ECONNRESET once, if the peer left unread bytes behind (sock_error). */
static int sock_error(struct unix_sock *u)
{
	int err = u->err;
	u->err = 0;
	return -err;
}

/* A message read to its end: off the queue, its sender uncharged (and
 * woken: there may be room now). */
static void unix_skb_consume(struct unix_skb *skb)
{
	list_del(&skb->list);
	if (skb->owner) {
		skb->owner->wmem -= skb->truesize;
		wake_up(&skb->owner->wait);
	}
	kfree(skb);
}

/* ---- reading ---- */

/* Nothing queued: what a read says, or 1 to wait.  The error first, then
 * the end of file, then -EAGAIN without waiting. */
static ssize_t unix_empty(struct unix_sock *u, bool nonblock)
{
	int err = sock_error(u);
	if (err)
		return err;
	if (u->shutdown & RCV_SHUTDOWN)
		return 0;
	return nonblock ? -EAGAIN : 1;
}

/* Linux's unix_stream_read_generic: at least one byte, as many as there
 * are, across messages. */
static ssize_t unix_stream_recv(struct unix_sock *u, const struct unix_buf *b, size_t n,
				bool nonblock)
{
	size_t copied = 0;
	for (;;) {
		while (copied < n && !list_empty(&u->queue)) {
			struct unix_skb *skb = list_first_entry(&u->queue, struct unix_skb, list);
			size_t chunk = MIN(n - copied, skb->len - skb->off);
			if (buf_to(b, copied, skb->data + skb->off, chunk))
				return copied ? (ssize_t)copied : -EFAULT;	/* the bytes stay */
			skb->off += chunk;
			copied += chunk;
			if (skb->off == skb->len)
				unix_skb_consume(skb);
		}
		if (copied)
			return (ssize_t)copied;
		ssize_t r = unix_empty(u, nonblock);
		if (r <= 0)
			return r;
		int err = wait_event_interruptible(&u->wait, !list_empty(&u->queue) || u->err ||
						   (u->shutdown & RCV_SHUTDOWN));
		if (err)
			return err;
	}
}

/* Linux's unix_dgram_recvmsg: the next message, cut to n; the cut part
 * is gone.  A message whose copy faults is gone too (Linux took it off
 * the queue before copying).  A pending error comes first, before the
 * messages (__skb_try_recv_datagram), where a stream reads its data first. */
static ssize_t unix_seqpacket_recv(struct unix_sock *u, const struct unix_buf *b, size_t n,
				   bool nonblock)
{
	for (;;) {
		int err = sock_error(u);
		if (err)
			return err;
		if (!list_empty(&u->queue)) {
			struct unix_skb *skb = list_first_entry(&u->queue, struct unix_skb, list);
			size_t size = MIN(n, skb->len);
			int err = buf_to(b, 0, skb->data, size);
			unix_skb_consume(skb);
			return err ? err : (ssize_t)size;
		}
		ssize_t r = unix_empty(u, nonblock);
		if (r <= 0)
			return r;
		err = wait_event_interruptible(&u->wait, !list_empty(&u->queue) || u->err ||
					       (u->shutdown & RCV_SHUTDOWN));
		if (err)
			return err;
	}
}

static ssize_t unix_recv(struct file *f, const struct unix_buf *b, size_t n)
{
	struct unix_sock *u = unix_sk(f);
	bool nonblock = f->f_flags & O_NONBLOCK;
	if (!n)
		return 0;			/* sock_read_iter: nothing asked, nothing taken */
	return u->type == SOCK_STREAM ? unix_stream_recv(u, b, n, nonblock)
				      : unix_seqpacket_recv(u, b, n, nonblock);
}

/* ---- writing ---- */

/* Room in our send buffer (Linux's sock_alloc_send_pskb): 0, or the
 * error that ends the write (-EPIPE once we may not send, -EAGAIN, a
 * signal's -ERESTARTSYS). */
static int unix_wait_for_room(struct unix_sock *u, bool nonblock)
{
	for (;;) {
		int err = sock_error(u);
		if (err)
			return err;
		if (u->shutdown & SEND_SHUTDOWN)
			return -EPIPE;
		if (u->wmem < UNIX_SNDBUF)
			return 0;
		if (nonblock)
			return -EAGAIN;
		err = wait_event_interruptible(&u->wait, u->wmem < UNIX_SNDBUF || u->err ||
					       (u->shutdown & SEND_SHUTDOWN));
		if (err)
			return err;
	}
}

/* One message of len bytes from b at off, on the peer's queue: 0, -EPIPE
 * when the peer reads no more (or is gone), -ENOBUFS, -EFAULT. */
static int unix_send_one(struct unix_sock *u, const struct unix_buf *b, size_t off, size_t len)
{
	struct unix_skb *skb = kmalloc(sizeof(*skb) + (len ? len : 1));
	if (!skb)
		return -ENOBUFS;
	if (buf_from(skb->data, b, off, len)) {
		kfree(skb);
		return -EFAULT;
	}
	struct unix_sock *peer = u->peer;
	if (!peer || (peer->shutdown & RCV_SHUTDOWN)) {
		kfree(skb);
		return -EPIPE;
	}
	skb->owner = u;
	skb->truesize = ksize(skb);
	skb->len = len;
	skb->off = 0;
	list_add_tail(&skb->list, &peer->queue);
	u->wmem += skb->truesize;
	wake_up(&peer->wait);			/* data for a reader */
	return 0;
}

/* Linux's unix_stream_sendmsg: in messages of at most UNIX_SKB_MAX bytes,
 * waiting for room; what was sent when something fails is the result.
 * Writing once we may not (shut down, the peer gone): SIGPIPE, -EPIPE. */
static ssize_t unix_stream_send(struct unix_sock *u, const struct unix_buf *b, size_t n,
				bool nonblock)
{
	size_t sent = 0;
	int err = 0;
	if (u->shutdown & SEND_SHUTDOWN)
		goto pipe_err;
	while (sent < n) {
		err = unix_wait_for_room(u, nonblock);
		if (err)
			return sent ? (ssize_t)sent : err;
		size_t size = MIN(n - sent, UNIX_SKB_MAX);
		err = unix_send_one(u, b, sent, size);
		if (err == -EPIPE)
			goto pipe_err;
		if (err)
			return sent ? (ssize_t)sent : err;
		sent += size;
	}
	return (ssize_t)sent;
pipe_err:
	if (!sent)
		send_signal(current, SIGPIPE, current->pid);	/* Linux: send_sig */
	return sent ? (ssize_t)sent : -EPIPE;
}

/* Linux's unix_seqpacket_sendmsg: one message of all n bytes. */
static ssize_t unix_seqpacket_send(struct unix_sock *u, const struct unix_buf *b, size_t n,
				   bool nonblock)
{
	int err = sock_error(u);
	if (err)
		return err;
	if (n > UNIX_SNDBUF - 32)
		return -EMSGSIZE;
	err = unix_wait_for_room(u, nonblock);
	if (!err)
		err = unix_send_one(u, b, 0, n);
	return err ? err : (ssize_t)n;
}

static ssize_t unix_send(struct file *f, const struct unix_buf *b, size_t n)
{
	struct unix_sock *u = unix_sk(f);
	bool nonblock = f->f_flags & O_NONBLOCK;
	return u->type == SOCK_STREAM ? unix_stream_send(u, b, n, nonblock)
				      : unix_seqpacket_send(u, b, n, nonblock);
}

static ssize_t unix_read_user(struct file *f, char *ubuf, size_t n)
{
	struct unix_buf b = { ubuf, true };
	return unix_recv(f, &b, n);
}

static ssize_t unix_write_user(struct file *f, const char *ubuf, size_t n)
{
	struct unix_buf b = { (char *)ubuf, true };
	return unix_send(f, &b, n);
}

static ssize_t unix_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct unix_buf b = { buf, false };
	return unix_recv(f, &b, n);
}

static ssize_t unix_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	struct unix_buf b = { (char *)buf, false };
	return unix_send(f, &b, n);
}

/* ---- poll, ioctl, close ---- */

/* Linux's unix_poll (and unix_dgram_poll, the same for a connected pair):
 * an error POLLERR; both directions shut POLLHUP; no more to come
 * POLLRDHUP and readable (a read returns at once); data POLLIN; room in
 * the send buffer (at most a quarter used) POLLOUT, also once the peer
 * is gone ("this prevents stuck sockets"). */
static unsigned int unix_poll(struct file *f, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(f);
	unsigned int mask = 0;
	poll_wait(f, &u->wait, pt);
	if (u->err)
		mask |= POLLERR;
	if (u->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (u->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (!list_empty(&u->queue))
		mask |= POLLIN | POLLRDNORM;
	if (u->wmem * 4 <= UNIX_SNDBUF)
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

/* FIONREAD (SIOCINQ): the bytes a read could take, every message's. */
static long unix_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_sk(f);
	struct unix_skb *skb;
	int amount = 0;
	if (cmd != FIONREAD)
		return -ENOTTY;
	list_for_each_entry(skb, &u->queue, list)
		amount += (int)(skb->len - skb->off);
	return copy_to_user((void *)arg, &amount, sizeof(amount)) ? -EFAULT : 0;
}

/* The last close of an end (Linux's unix_release_sock): the peer may send
 * no more and will read no more than what is queued for it; if we leave
 * unread bytes behind, it hears -ECONNRESET once.  What we sent and it has
 * not read stays readable, charged to nobody now. */
static int unix_release(struct inode *inode, struct file *f)
{
	struct unix_sock *u = inode->i_private, *peer = u->peer;
	struct unix_skb *skb, *next;
	if (peer) {
		peer->shutdown = SHUTDOWN_MASK;
		if (!list_empty(&u->queue))
			peer->err = ECONNRESET;
		list_for_each_entry(skb, &peer->queue, list)
			skb->owner = NULL;
		peer->peer = NULL;
		wake_up(&peer->wait);
	}
	list_for_each_entry_safe(skb, next, &u->queue, list)
		unix_skb_consume(skb);		/* uncharges the peer, wakes it */
	kfree(u);
	inode->i_private = NULL;
	return 0;
}

static const struct file_operations unix_socket_fops = {
	.read = unix_read, .write = unix_write, .read_user = unix_read_user,
	.write_user = unix_write_user, .llseek = noop_llseek, .poll = unix_poll,
	.ioctl = unix_ioctl, .release = unix_release,
};

/* ---- the system calls ---- */

/* One end: an S_IFSOCK inode in no directory (Linux's sockfs inode), open
 * read-write, the file holding new_inode's reference; NULL when out of
 * memory. */
static struct file *unix_socket_file(int type, int flags)
{
	struct inode *inode = new_inode(S_IFSOCK | 0777);
	struct unix_sock *u = inode ? kzalloc(sizeof(*u)) : NULL;
	struct file *f = u ? file_alloc() : NULL;
	if (!f) {
		kfree(u);
		iput(inode);
		return NULL;
	}
	u->type = type;
	INIT_LIST_HEAD(&u->queue);
	init_waitqueue_head(&u->wait);
	inode->i_private = u;
	inode->i_fop = &unix_socket_fops;
	*f = (struct file){ .f_inode = inode, .f_op = &unix_socket_fops, .f_count = 1,
			    .f_flags = O_RDWR | (flags & (SOCK_NONBLOCK | SOCK_CLOEXEC)),
			    .f_mode = FMODE_READ | FMODE_WRITE };
	return f;
}

/* Linux's __sock_create up to the family's create, in its order: the
 * family (AF_UNIX is the only one here: any other -EAFNOSUPPORT, as a Linux
 * built without it), the type (past SOCK_MAX -EINVAL), the protocol (0 or
 * PF_UNIX, else -EPROTONOSUPPORT), and the types AF_UNIX knows (SOCK_DGRAM
 * and SOCK_RAW are not here: -ESOCKTNOSUPPORT, what Linux's unix_create
 * says of a type it lacks). */
static long sock_create_check(int family, int type, int protocol)
{
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type >= SOCK_MAX)
		return -EINVAL;
	if (family != AF_UNIX)
		return -EAFNOSUPPORT;
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (type != SOCK_STREAM && type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	return 0;
}

/* socket(family, type, protocol): the same checks as socketpair's, then
 * -EAFNOSUPPORT for AF_UNIX too.  A teaching choice: a socket from
 * socket(2) is only of use through bind, connect and listen, which this
 * kernel does not have, so there is no unconnected socket to give; -ENOSYS
 * would be a kernel without networking at all (CONFIG_NET=n), and programs
 * take -EAFNOSUPPORT as "no such family" and go on without (BusyBox's
 * syslog opens no log socket).  socketpair is the way to AF_UNIX here. */
long sys_socket(unsigned long family, unsigned long utype, unsigned long protocol)
{
	int type = (int)utype;
	if ((type & ~SOCK_TYPE_MASK) & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	long err = sock_create_check((int)family, type & SOCK_TYPE_MASK, (int)protocol);
	return err ? err : -EAFNOSUPPORT;
}

/* Linux's __sys_socketpair, in its order: the flags beside the type; two
 * free fds; the fd numbers written to the user (even if what follows
 * fails, as Linux); then sock_create_check's. */
long sys_socketpair(unsigned long family, unsigned long utype, unsigned long protocol,
		    unsigned long usv)
{
	int type = (int)utype, flags = type & ~SOCK_TYPE_MASK, fds[2];
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	type &= SOCK_TYPE_MASK;
	if (files_count_open(current->files) + 2 > NR_OPEN)
		return -EMFILE;
	/* the two fds it would get: the two lowest free ones */
	for (int fd = 0, i = 0; i < 2; fd++)
		if (!current->files->fd[fd])
			fds[i++] = fd;
	if (copy_to_user((void *)usv, fds, sizeof(fds)))
		return -EFAULT;
	long err = sock_create_check((int)family, type, (int)protocol);
	if (err)
		return err;
	struct file *a = unix_socket_file(type, flags);
	struct file *b = a ? unix_socket_file(type, flags) : NULL;
	if (!b) {
		if (a)
			fput(a);
		return -ENOMEM;			/* Linux: -ENFILE from sock_alloc */
	}
	unix_sk(a)->peer = unix_sk(b);
	unix_sk(b)->peer = unix_sk(a);
	fd_install(a);				/* fds[0] and fds[1]: nothing ran since */
	fd_install(b);
	a->f_flags &= ~SOCK_CLOEXEC;		/* fd_install read it for close_on_exec */
	b->f_flags &= ~SOCK_CLOEXEC;
	return 0;
}

/* shutdown(fd, how): SHUT_RD, SHUT_WR, SHUT_RDWR, as Linux's unix_shutdown:
 * our side stops, and the peer's opposite side with it. */
long sys_shutdown(unsigned long fd, unsigned long how)
{
	struct file *f = fget((int)fd);
	if (!f)
		return -EBADF;
	if (f->f_op != &unix_socket_fops)
		return -ENOTSOCK;
	if ((int)how < 0 || (int)how > 2)
		return -EINVAL;
	struct unix_sock *u = unix_sk(f);
	unsigned int mode = ((unsigned int)how + 1) & SHUTDOWN_MASK;
	u->shutdown |= mode;
	wake_up(&u->wait);
	if (u->peer) {
		unsigned int peer_mode = (mode & RCV_SHUTDOWN ? SEND_SHUTDOWN : 0) |
					 (mode & SEND_SHUTDOWN ? RCV_SHUTDOWN : 0);
		u->peer->shutdown |= peer_mode;
		wake_up(&u->peer->wait);
	}
	return 0;
}

/* tests/user/sock_pair.c — socketpair(AF_UNIX, SOCK_STREAM or
 * SOCK_SEQPACKET): two connected ends, each readable and writable, for a
 * parent and a child to talk both ways.
 *
 * A stream is bytes in order, a read taking what is there across writes;
 * a seqpacket socket keeps each write a record, which a read takes whole
 * or cut to its size.  When one end closes, the other reads what is left
 * and then end of file; it may not write any more (a stream writer gets
 * SIGPIPE and EPIPE, a seqpacket writer EPIPE alone); if the closer left
 * bytes unread, the other hears ECONNRESET once.  shutdown() stops one
 * direction.  Linux's mm selftest map_populate synchronises a parent and
 * a child over a SOCK_SEQPACKET pair, which is where this began. */
#include "check.h"
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <syscall.h>
#include <time.h>

#define POLLIN		0x0001
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLRDHUP	0x2000

struct pollfd_ { int fd; short events, revents; };

static short poll_one(int fd, short events)
{
	struct pollfd_ p = { fd, events, 0 };
	return syscall(SYS_poll, &p, 1, 0) < 0 ? -1 : p.revents;
}

static int pair(int type, int sv[2])
{
	if (socketpair(AF_UNIX, type, 0, sv) == 0)
		return 1;
	diag("socketpair(AF_UNIX, %#x): errno %d (%s)", type, errno, strerror(errno));
	return 0;
}

static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET };

/* ---- talking ---- */

/* Both ends read and write; fstat says socket; seeks are ESPIPE. */
static int both_ways(void)
{
	char buf[16] = { 0 };
	struct stat st;
	for (int t = 0; t < 2; t++) {
		int sv[2];
		EXPECT(pair(types[t], sv));
		EXPECT_EQ(write(sv[0], "ping", 4), 4);
		EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 4);
		EXPECT(!memcmp(buf, "ping", 4));
		EXPECT_EQ(write(sv[1], "pong!", 5), 5);
		EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 5);
		EXPECT(!memcmp(buf, "pong!", 5));
		EXPECT_EQ(fstat(sv[0], &st), 0);
		EXPECT(S_ISSOCK(st.st_mode));
		EXPECT_ERRNO(lseek(sv[0], 0, SEEK_SET), ESPIPE);
		EXPECT_ERRNO(pread(sv[0], buf, 1, 0), ESPIPE);
		EXPECT_ERRNO(pwrite(sv[0], buf, 1, 0), ESPIPE);
		EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, sv[0], 0) == MAP_FAILED && errno == ENODEV);
		EXPECT_ERRNO(fallocate(sv[0], 0, 0, 4096), ENODEV);
		close(sv[0]);
		close(sv[1]);
	}
	return 1;
}

/* map_populate's handshake: the child writes, the parent reads and
 * answers, the child reads the answer; each waits for the other. */
static int parent_and_child(void)
{
	for (int t = 0; t < 2; t++) {
		int sv[2], v = 0;
		EXPECT(pair(types[t], sv));
		pid_t pid = fork_flushed();
		if (pid == 0) {
			close(sv[1]);
			int x = 41;
			if (write(sv[0], &x, sizeof(x)) != sizeof(x) ||
			    read(sv[0], &x, sizeof(x)) != sizeof(x))
				_exit(2);
			_exit(x == 42 ? 0 : 3);
		}
		close(sv[0]);
		EXPECT_EQ(read(sv[1], &v, sizeof(v)), sizeof(v));
		EXPECT_EQ(v, 41);
		v++;
		EXPECT_EQ(write(sv[1], &v, sizeof(v)), sizeof(v));
		EXPECT(reap(pid, 0));
		close(sv[1]);
	}
	return 1;
}

/* A stream read takes what is there, across writes. */
static int stream_reads_across_writes(void)
{
	int sv[2];
	char buf[16] = { 0 };
	EXPECT(pair(SOCK_STREAM, sv));
	EXPECT_EQ(write(sv[0], "abc", 3), 3);
	EXPECT_EQ(write(sv[0], "defgh", 5), 5);
	EXPECT_EQ(read(sv[1], buf, 2), 2);
	EXPECT_EQ(read(sv[1], buf + 2, sizeof(buf)), 6);
	EXPECT(!strcmp(buf, "abcdefgh"));
	return 1;
}

/* A seqpacket read takes one record: whole, or cut (the rest dropped). */
static int seqpacket_records(void)
{
	int sv[2];
	char buf[16] = { 0 };
	EXPECT(pair(SOCK_SEQPACKET, sv));
	EXPECT_EQ(write(sv[0], "abc", 3), 3);
	EXPECT_EQ(write(sv[0], "defgh", 5), 5);
	EXPECT_EQ(write(sv[0], "ijklmnop", 8), 8);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 3);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "defgh", 5));
	EXPECT_EQ(read(sv[1], buf, 2), 2);		/* "ij", and "klmnop" is gone */
	EXPECT(!memcmp(buf, "ij", 2));
	EXPECT_EQ(write(sv[0], "q", 1), 1);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 1);
	EXPECT_EQ(buf[0], 'q');
	return 1;
}

/* A seqpacket record larger than a page is still one read (64 KiB), and
 * more than the send buffer is EMSGSIZE. */
static int seqpacket_big_record(void)
{
	int sv[2];
	static char out[65536], in[70000];
	for (unsigned i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + i / 4096);
	EXPECT(pair(SOCK_SEQPACKET, sv));
	EXPECT_EQ(write(sv[0], out, sizeof(out)), sizeof(out));
	EXPECT_EQ(read(sv[1], in, sizeof(in)), sizeof(out));
	EXPECT(!memcmp(in, out, sizeof(out)));
	char *huge = malloc(1 << 20);
	EXPECT(huge);
	EXPECT_ERRNO(write(sv[0], huge, 1 << 20), EMSGSIZE);
	return 1;
}

/* 1 MiB from a child, in pieces, through a stream: every byte in order
 * (the writer waits for room when the buffer is full). */
static int stream_big_transfer(void)
{
	int sv[2];
	enum { TOTAL = 1 << 20 };
	EXPECT(pair(SOCK_STREAM, sv));
	pid_t pid = fork_flushed();
	if (pid == 0) {
		static unsigned char chunk[10000];
		close(sv[1]);
		for (long off = 0; off < TOTAL;) {
			long n = TOTAL - off < (long)sizeof(chunk) ? TOTAL - off : (long)sizeof(chunk);
			for (long i = 0; i < n; i++)
				chunk[i] = (unsigned char)((off + i) % 251);
			long w = write(sv[0], chunk, n);
			if (w <= 0)
				_exit(2);
			off += w;
		}
		_exit(0);
	}
	close(sv[0]);
	static unsigned char buf[8192];
	long got = 0, r;
	while ((r = read(sv[1], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			if (buf[i] != (unsigned char)((got + i) % 251))
				return check_fail(__FILE__, __LINE__, "byte %ld is %u", got + i, buf[i]);
		got += r;
	}
	EXPECT_EQ(r, 0);
	EXPECT_EQ(got, TOTAL);
	return reap(pid, 0);
}

/* ---- one end goes ---- */

/* The other reads what is left, then end of file, for both types. */
static int eof_when_peer_closes(void)
{
	char buf[8];
	for (int t = 0; t < 2; t++) {
		int sv[2];
		EXPECT(pair(types[t], sv));
		EXPECT_EQ(write(sv[0], "bye", 3), 3);
		close(sv[0]);
		EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 3);
		EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 0);
		EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 0);
		close(sv[1]);
	}
	return 1;
}

/* A read that waits is ended by the peer's close: end of file. */
static int close_wakes_reader(void)
{
	int sv[2];
	char c;
	EXPECT(pair(SOCK_STREAM, sv));
	pid_t pid = fork_flushed();
	if (pid == 0) {
		struct timespec ts = { 0, 100000000 };
		nanosleep(&ts, NULL);
		_exit(0);				/* the child's copy of sv[0] goes */
	}
	close(sv[0]);
	EXPECT_EQ(read(sv[1], &c, 1), 0);
	return reap(pid, 0);
}

/* A stream write to a closed peer: SIGPIPE kills the writer. */
static int stream_sigpipe(void)
{
	int sv[2];
	EXPECT(pair(SOCK_STREAM, sv));
	close(sv[1]);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		write(sv[0], "x", 1);
		_exit(0);
	}
	int st = wait_status(pid);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
	signal(SIGPIPE, SIG_IGN);
	EXPECT_ERRNO(write(sv[0], "x", 1), EPIPE);
	return 1;
}

/* A seqpacket write to a closed peer: EPIPE, and no SIGPIPE (Linux's
 * unix_dgram_sendmsg sends none). */
static int seqpacket_epipe_no_signal(void)
{
	int sv[2];
	EXPECT(pair(SOCK_SEQPACKET, sv));
	close(sv[1]);
	signal(SIGPIPE, SIG_DFL);
	EXPECT_ERRNO(write(sv[0], "x", 1), EPIPE);
	return 1;
}

/* The peer closed with bytes of ours unread: a read says ECONNRESET,
 * once: a stream after what is left for it, a seqpacket read before
 * (Linux's datagram receive looks at the error first); then end of file. */
static int econnreset_once(void)
{
	char buf[8];
	for (int t = 0; t < 2; t++) {
		int sv[2];
		EXPECT(pair(types[t], sv));
		EXPECT_EQ(write(sv[0], "unread", 6), 6);
		EXPECT_EQ(write(sv[1], "ok", 2), 2);
		close(sv[1]);
		if (types[t] == SOCK_STREAM) {
			EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 2);
			EXPECT_ERRNO(read(sv[0], buf, sizeof(buf)), ECONNRESET);
		} else {
			EXPECT_ERRNO(read(sv[0], buf, sizeof(buf)), ECONNRESET);
			EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 2);
		}
		EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 0);
		close(sv[0]);
	}
	return 1;
}

/* ---- shutdown ---- */

/* SHUT_WR: the peer reads end of file, our writes EPIPE; the other way
 * still works. */
static int shutdown_write(void)
{
	int sv[2];
	char buf[8];
	signal(SIGPIPE, SIG_IGN);
	EXPECT(pair(SOCK_STREAM, sv));
	EXPECT_EQ(write(sv[0], "last", 4), 4);
	EXPECT_EQ(shutdown(sv[0], SHUT_WR), 0);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 4);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 0);
	EXPECT_ERRNO(write(sv[0], "x", 1), EPIPE);
	EXPECT_EQ(write(sv[1], "back", 4), 4);
	EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 4);
	EXPECT_EQ(shutdown(sv[1], SHUT_RDWR), 0);
	EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 0);	/* the peer sends no more */
	EXPECT_ERRNO(write(sv[1], "x", 1), EPIPE);
	return 1;
}

static int shutdown_errors(void)
{
	int p[2], sv[2];
	EXPECT_EQ(pipe(p), 0);
	EXPECT(pair(SOCK_STREAM, sv));
	EXPECT_ERRNO(shutdown(p[0], SHUT_RD), ENOTSOCK);
	EXPECT_ERRNO(shutdown(99, SHUT_RD), EBADF);
	EXPECT_ERRNO(shutdown(sv[0], 3), EINVAL);
	EXPECT_ERRNO(shutdown(sv[0], -1), EINVAL);
	return 1;
}

/* ---- flags, poll, ioctl ---- */

static int nonblock_and_cloexec(void)
{
	int sv[2];
	char c, chunk[4096] = { 0 };
	EXPECT(pair(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, sv));
	for (int i = 0; i < 2; i++) {
		EXPECT(fcntl(sv[i], F_GETFL) & O_NONBLOCK);
		EXPECT_EQ(fcntl(sv[i], F_GETFD), FD_CLOEXEC);
	}
	EXPECT_ERRNO(read(sv[0], &c, 1), EAGAIN);
	/* fill the send buffer: then EAGAIN, and no POLLOUT */
	long n = 0, w;
	while (n < (4L << 20) && (w = write(sv[0], chunk, sizeof(chunk))) > 0)
		n += w;
	EXPECT(n >= 64 * 1024 && n < (4L << 20));
	EXPECT_ERRNO(write(sv[0], chunk, sizeof(chunk)), EAGAIN);
	EXPECT_EQ(poll_one(sv[0], POLLOUT) & POLLOUT, 0);
	int avail = -1;
	EXPECT_EQ(ioctl(sv[1], FIONREAD, &avail), 0);
	EXPECT_EQ(avail, n);
	while (read(sv[1], chunk, sizeof(chunk)) > 0)
		;
	EXPECT_EQ(poll_one(sv[0], POLLOUT), POLLOUT);
	return 1;
}

static int poll_states(void)
{
	int sv[2];
	char c;
	EXPECT(pair(SOCK_STREAM, sv));
	EXPECT_EQ(poll_one(sv[1], POLLIN | POLLOUT), POLLOUT);
	EXPECT_EQ(write(sv[0], "x", 1), 1);
	EXPECT_EQ(poll_one(sv[1], POLLIN | POLLOUT), POLLIN | POLLOUT);
	EXPECT_EQ(read(sv[1], &c, 1), 1);
	close(sv[0]);
	EXPECT_EQ(poll_one(sv[1], POLLIN | POLLOUT | POLLRDHUP),
		  POLLIN | POLLOUT | POLLHUP | POLLRDHUP);
	return 1;
}

/* A signal with a handler (no SA_RESTART) ends a waiting read: EINTR. */
static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

static int signal_ends_wait(void)
{
	int sv[2];
	char c;
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	EXPECT_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	EXPECT(pair(SOCK_SEQPACKET, sv));
	alarm(1);
	EXPECT_ERRNO(read(sv[0], &c, 1), EINTR);
	EXPECT_EQ(alarms, 1);
	return 1;
}

/* ---- what socketpair refuses ---- */

static int bad_arguments(void)
{
	int sv[2];
	return expect_errno(socketpair(AF_UNIX, 12, 0, sv), EINVAL, "type 12 (past SOCK_MAX)") &
	       expect_errno(socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, sv), EINVAL,
			    "an unknown flag beside the type") &
	       expect_errno(socketpair(AF_UNIX, SOCK_RDM, 0, sv), ESOCKTNOSUPPORT,
			    "SOCK_RDM, which AF_UNIX lacks") &
	       expect_errno(socketpair(AF_UNIX, SOCK_STREAM, 2, sv), EPROTONOSUPPORT,
			    "protocol 2") &
	       expect_eq(socketpair(AF_UNIX, SOCK_STREAM, PF_UNIX, sv), 0, "protocol PF_UNIX") &
	       expect_errno(socketpair(200, SOCK_STREAM, 0, sv), EAFNOSUPPORT, "family 200") &
	       expect_errno(socketpair(-1, SOCK_STREAM, 0, sv), EAFNOSUPPORT, "family -1") &
	       expect_errno(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, 8L), EFAULT,
			    "a bad pointer");
}

/* Not here: datagram sockets (ESOCKTNOSUPPORT, as Linux's unix_create for a
 * type it lacks) and other families (EAFNOSUPPORT, as a Linux without them). */
static int not_here(void)
{
	int sv[2];
	return expect_errno(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), ESOCKTNOSUPPORT, "SOCK_DGRAM") &
	       expect_errno(socketpair(AF_UNIX, SOCK_RAW, 0, sv), ESOCKTNOSUPPORT, "SOCK_RAW") &
	       expect_errno(socketpair(AF_INET, SOCK_STREAM, 0, sv), EAFNOSUPPORT, "AF_INET");
}

static const struct check checks[] = {
	CHECK("both ends read and write; fstat S_IFSOCK; lseek, pread, pwrite ESPIPE; mmap and "
	      "fallocate ENODEV", both_ways),
	CHECK("a parent and a child take turns (map_populate's handshake), stream and seqpacket",
	      parent_and_child),
	CHECK("a stream read takes what is there across writes", stream_reads_across_writes),
	CHECK("a seqpacket read takes one record, whole or cut", seqpacket_records),
	CHECK("a 64 KiB seqpacket record is one read; 1 MiB is EMSGSIZE", seqpacket_big_record),
	CHECK("1 MiB through a stream from a child, every byte in order", stream_big_transfer),
	CHECK("the peer closes: what is left, then end of file", eof_when_peer_closes),
	CHECK("a waiting read ends (end of file) when the peer closes", close_wakes_reader),
	CHECK("a stream write to a closed peer: SIGPIPE, or EPIPE when ignored", stream_sigpipe),
	CHECK("a seqpacket write to a closed peer: EPIPE without SIGPIPE",
	      seqpacket_epipe_no_signal),
	CHECK("a peer that closed with our bytes unread: ECONNRESET once (stream: after the "
	      "data, seqpacket: before), then end of file",
	      econnreset_once),
	CHECK("shutdown(SHUT_WR): the peer reads end of file, we get EPIPE; SHUT_RDWR",
	      shutdown_write),
	CHECK("shutdown of a pipe ENOTSOCK, a bad fd EBADF, a bad how EINVAL", shutdown_errors),
	CHECK("SOCK_NONBLOCK and SOCK_CLOEXEC; a full send buffer: EAGAIN, no POLLOUT; FIONREAD",
	      nonblock_and_cloexec),
	CHECK("poll: POLLOUT, POLLIN with data, POLLHUP and POLLRDHUP once the peer is gone",
	      poll_states),
	CHECK("a signal handler ends a waiting read with EINTR", signal_ends_wait),
	CHECK("socketpair's argument errors: EINVAL, ESOCKTNOSUPPORT, EPROTONOSUPPORT, "
	      "EAFNOSUPPORT, EFAULT", bad_arguments),
	FAULTLINE_ONLY("SOCK_DGRAM, SOCK_RAW: ESOCKTNOSUPPORT; AF_INET: EAFNOSUPPORT", not_here,
		       "Linux has datagram pairs, and AF_INET says EOPNOTSUPP"),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/pipe_basic.c — pipe(2) and pipe2(2) as Linux has them: two fds,
 * bytes in order, end of file when the last writer closes, reads that wait
 * for a writer, O_NONBLOCK, O_CLOEXEC, 64 KiB of room, PIPE_BUF atomicity,
 * SIGPIPE and EPIPE, a signal ending a wait, and the errors; a fifo; the
 * size, F_GETPIPE_SZ and F_SETPIPE_SZ. */
#include "check.h"
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <syscall.h>

#define PIPE_CAPACITY	65536		/* Linux's default: 16 pages */
#define PIPE_BUF_BYTES	4096
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#define PIPE_MAX_SIZE	(1L << 20)	/* Linux's /proc/sys/fs/pipe-max-size */

static int pipe2_(int fds[2], int flags)
{
	return (int)syscall(SYS_pipe2, fds, flags);
}

/* The lowest free fd now (so a failed call can be seen to leak none). */
static int next_fd(void)
{
	int fd = dup(0);
	if (fd >= 0)
		close(fd);
	return fd;
}

static int bytes_in_order(void)
{
	int p[2];
	char buf[16] = { 0 };
	EXPECT_EQ(pipe(p), 0);
	EXPECT(p[1] == p[0] + 1);
	EXPECT_EQ(write(p[1], "hello", 5), 5);
	EXPECT_EQ(write(p[1], ", pipe", 6), 6);
	EXPECT_EQ(read(p[0], buf, 3), 3);		/* a part of what is there */
	EXPECT_EQ(read(p[0], buf + 3, sizeof(buf)), 8);	/* the rest: a short read */
	EXPECT(strcmp(buf, "hello, pipe") == 0);
	close(p[0]);
	close(p[1]);
	return 1;
}

/* fstat says FIFO; seeking and positioned I/O are ESPIPE; the ends keep
 * their direction. */
static int what_a_pipe_is(void)
{
	int p[2];
	struct stat st;
	char c = 'x';
	EXPECT_EQ(pipe(p), 0);
	EXPECT_EQ(fstat(p[0], &st), 0);
	EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_EQ(st.st_size, 0);
	EXPECT_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERRNO(pwrite(p[1], &c, 1, 0), ESPIPE);
	EXPECT_ERRNO(pread(p[0], &c, 1, 0), ESPIPE);
	EXPECT_ERRNO(write(p[0], &c, 1), EBADF);
	EXPECT_ERRNO(read(p[1], &c, 1), EBADF);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_ERRNO(ftruncate(p[1], 0), EINVAL);
	close(p[0]);
	close(p[1]);
	return 1;
}

/* A read returns 0 once every write end is closed, here or in a child. */
static int eof_after_last_writer(void)
{
	int p[2];
	char buf[64];
	EXPECT_EQ(pipe(p), 0);
	int w2 = dup(p[1]);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		close(p[0]);
		_exit(write(p[1], "from the child", 14) == 14 ? 0 : 1);
	}
	close(p[1]);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 14);
	EXPECT_EQ(write(w2, "!", 1), 1);		/* the dup still writes */
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 1);
	close(w2);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);	/* no writer left: end of file */
	close(p[0]);
	return 1;
}

/* A read of an empty pipe waits until a writer writes: the child yields
 * a while first, so the parent is asleep in read when the data comes. */
static int read_waits_for_writer(void)
{
	int p[2];
	char buf[8] = { 0 };
	EXPECT_EQ(pipe(p), 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		for (int i = 0; i < 50; i++)
			sched_yield();
		_exit(write(p[1], "late", 4) == 4 ? 0 : 1);
	}
	close(p[1]);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 4);
	EXPECT(memcmp(buf, "late", 4) == 0);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);	/* the child has exited */
	EXPECT_EQ(wait_status(pid), 0);
	close(p[0]);
	return 1;
}

/* O_NONBLOCK: an empty pipe's read is EAGAIN; exactly 64 KiB fit in
 * 4 KiB writes; then a write of even one byte is EAGAIN. */
static int nonblocking_and_capacity(void)
{
	int p[2];
	static char page[PIPE_BUF_BYTES];
	char c;
	EXPECT_EQ(pipe2_(p, O_NONBLOCK), 0);
	EXPECT(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	EXPECT(fcntl(p[1], F_GETFL) & O_NONBLOCK);
	EXPECT_ERRNO(read(p[0], &c, 1), EAGAIN);
	int n = 0;
	while (write(p[1], page, sizeof(page)) == (ssize_t)sizeof(page))
		n++;
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_EQ(n * (int)sizeof(page), PIPE_CAPACITY);
	EXPECT_ERRNO(write(p[1], &c, 1), EAGAIN);
	int avail = -1;
	EXPECT_EQ(ioctl(p[0], FIONREAD, &avail), 0);
	EXPECT_EQ(avail, PIPE_CAPACITY);
	close(p[1]);
	EXPECT_EQ(read(p[0], page, sizeof(page)), (ssize_t)sizeof(page));
	close(p[0]);
	return 1;
}

static int cloexec(void)
{
	int p[2], q[2];
	EXPECT_EQ(pipe2_(p, O_CLOEXEC), 0);
	EXPECT_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_CLOEXEC, 0);	/* a descriptor flag, not a file's */
	EXPECT_EQ(pipe(q), 0);
	EXPECT_EQ(fcntl(q[0], F_GETFD), 0);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	return 1;
}

/* A long write waits for room and returns when all of it is in; the
 * reader sees every byte, in order. */
static int long_write_waits_for_room(void)
{
	enum { LEN = 3 * PIPE_CAPACITY + 1234 };
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		char *buf = malloc(LEN);
		if (!buf)
			_exit(2);
		for (int i = 0; i < LEN; i++)
			buf[i] = (char)(i * 7 + i / 4096);
		close(p[0]);
		_exit(write(p[1], buf, LEN) == LEN ? 0 : 1);
	}
	close(p[1]);
	static char got[4096];
	long total = 0, wrong = -1;
	ssize_t r;
	while ((r = read(p[0], got, sizeof(got))) > 0) {
		for (ssize_t i = 0; i < r; i++)
			if (wrong < 0 && got[i] != (char)((total + i) * 7 + (total + i) / 4096))
				wrong = total + i;
		total += r;
	}
	EXPECT_EQ(r, 0);
	EXPECT_EQ(total, LEN);
	EXPECT_EQ(wrong, -1);
	EXPECT_EQ(wait_status(pid), 0);
	close(p[0]);
	return 1;
}

/* Two writers, each writing PIPE_BUF-byte blocks of its own letter, more
 * than the pipe holds: every block arrives whole, never mixed. */
static int pipe_buf_writes_are_atomic(void)
{
	enum { BLOCKS = 40 };
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	pid_t pids[2];
	for (int k = 0; k < 2; k++) {
		pids[k] = fork_flushed();
		if (pids[k] == 0) {
			static char block[PIPE_BUF_BYTES];
			memset(block, 'a' + k, sizeof(block));
			close(p[0]);
			for (int i = 0; i < BLOCKS; i++)
				if (write(p[1], block, sizeof(block)) != (ssize_t)sizeof(block))
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	char *all = malloc(2 * BLOCKS * PIPE_BUF_BYTES);
	EXPECT(all);
	long total = 0;
	ssize_t r;
	while ((r = read(p[0], all + total, 2 * BLOCKS * PIPE_BUF_BYTES - total)) > 0)
		total += r;
	EXPECT_EQ(total, 2 * BLOCKS * PIPE_BUF_BYTES);
	int mixed = -1, count[2] = { 0, 0 };
	for (int b = 0; b < 2 * BLOCKS; b++) {
		char *blk = all + (long)b * PIPE_BUF_BYTES;
		for (int i = 1; i < PIPE_BUF_BYTES; i++)
			if (blk[i] != blk[0] && mixed < 0)
				mixed = b;
		if (blk[0] == 'a' || blk[0] == 'b')
			count[blk[0] - 'a']++;
	}
	free(all);
	EXPECT_EQ(mixed, -1);
	EXPECT_EQ(count[0], BLOCKS);
	EXPECT_EQ(count[1], BLOCKS);
	EXPECT_EQ(wait_status(pids[0]), 0);
	EXPECT_EQ(wait_status(pids[1]), 0);
	close(p[0]);
	return 1;
}

/* No reader: the write raises SIGPIPE, which kills by default ... */
static int sigpipe_kills(void)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	close(p[0]);				/* before the fork: no reader anywhere */
	pid_t pid = fork_flushed();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);	/* whatever our parent left us */
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	int status = wait_status(pid);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGPIPE);
	return 1;
}

/* ... and, ignored, leaves EPIPE. */
static int epipe_when_ignored(void)
{
	int p[2];
	signal(SIGPIPE, SIG_IGN);
	EXPECT_EQ(pipe(p), 0);
	close(p[0]);
	EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	EXPECT_EQ(write(p[1], "", 0), 0);		/* nothing to write: no error */
	close(p[1]);
	return 1;
}

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

/* A signal with a handler (no SA_RESTART) ends a read that waits: EINTR. */
static int signal_ends_the_wait(void)
{
	int p[2];
	char c;
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	EXPECT_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	EXPECT_EQ(pipe(p), 0);
	alarm(1);
	EXPECT_ERRNO(read(p[0], &c, 1), EINTR);
	EXPECT_EQ(alarms, 1);
	close(p[0]);
	close(p[1]);
	return 1;
}

static int errors(void)
{
	int p[2];
	int before = next_fd();
	EXPECT_ERRNO(pipe2_(p, O_APPEND), EINVAL);
	EXPECT_ERRNO(syscall(SYS_pipe, (void *)8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_pipe2, (void *)8, 0), EFAULT);
	EXPECT_EQ(next_fd(), before);			/* nothing left open */
	return 1;
}

/* A fifo (mknod S_IFIFO): a pipe opened by name.  The reader's open waits
 * for a writer; bytes go through; end of file when the writer closes.
 * O_NONBLOCK: a reader opens at once, a writer without a reader is ENXIO;
 * O_RDWR opens at once. */
static int fifo_by_name(void)
{
	const char *path = "pipe_basic.fifo";
	char buf[16] = { 0 };
	unlink(path);
	EXPECT_EQ(mknod(path, S_IFIFO | 0600, 0), 0);
	struct stat st;
	EXPECT_EQ(stat(path, &st), 0);
	EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_ERRNO(open(path, O_WRONLY | O_NONBLOCK), ENXIO);
	int r = open(path, O_RDONLY | O_NONBLOCK);
	EXPECT(r >= 0);
	EXPECT_EQ(read(r, buf, sizeof(buf)), 0);	/* no writer: end of file */
	close(r);
	int rw = open(path, O_RDWR);
	EXPECT(rw >= 0);
	EXPECT_EQ(write(rw, "loop", 4), 4);
	EXPECT_EQ(read(rw, buf, sizeof(buf)), 4);
	close(rw);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		int w = open(path, O_WRONLY);		/* waits for the reader */
		_exit(w >= 0 && write(w, "by name", 7) == 7 ? 0 : 1);
	}
	r = open(path, O_RDONLY);			/* waits for the writer */
	EXPECT(r >= 0);
	long n = 0, k;
	while ((k = read(r, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += k;
	EXPECT_EQ(n, 7);
	EXPECT(memcmp(buf, "by name", 7) == 0);
	EXPECT_EQ(wait_status(pid), 0);
	close(r);
	EXPECT_EQ(unlink(path), 0);
	return 1;
}

/* ---- F_GETPIPE_SZ, F_SETPIPE_SZ ------------------------------------------ */

/* Byte pos of a stream written with stream_write: not periodic in a page. */
static char stream_byte(long pos)
{
	return (char)(pos * 7 + pos / 4093);
}

static long stream_write(int fd, long *pos, long n)
{
	static char buf[65536];
	for (long i = 0; i < n; i++)
		buf[i] = stream_byte(*pos + i);
	long w = write(fd, buf, n);
	if (w > 0)
		*pos += w;
	return w;
}

/* Read n bytes and check they are the stream's next; 1 when they are. */
static int stream_read(int fd, long *pos, long n)
{
	static char buf[65536];
	long got = 0, r;
	while (got < n && (r = read(fd, buf, n - got < (long)sizeof(buf) ? n - got : (long)sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			if (buf[i] != stream_byte(*pos + i)) {
				diag("byte %ld of the stream is wrong", *pos + i);
				return 0;
			}
		*pos += r;
		got += r;
	}
	if (got != n)
		diag("read %ld bytes of %ld", got, n);
	return got == n;
}

/* The size is rounded up to a power of two pages, at least one; more than
 * 2^31 bytes is EINVAL; past pipe_max_size EPERM (Linux's root may pass
 * it: faultline holds every process to it); not a pipe EBADF.  Both ends
 * and every fd see the one size. */
static int pipe_size_rounding(void)
{
	static const long asks[][2] = {
		{ 0, 4096 }, { 1, 4096 }, { 4096, 4096 }, { 4097, 8192 }, { 12288, 16384 },
		{ 65537, 131072 }, { 100000, 131072 }, { PIPE_MAX_SIZE, PIPE_MAX_SIZE },
		{ 65536, 65536 },
	};
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), PIPE_CAPACITY);
	EXPECT_EQ(fcntl(p[1], F_GETPIPE_SZ), PIPE_CAPACITY);
	for (int i = 0; i < NCHECKS(asks); i++) {
		long r = fcntl(p[i & 1], F_SETPIPE_SZ, asks[i][0]);
		if (r != asks[i][1])
			diag("F_SETPIPE_SZ %ld: %ld, want %ld", asks[i][0], r, asks[i][1]);
		EXPECT_EQ(r, asks[i][1]);
		EXPECT_EQ(fcntl(p[1 - (i & 1)], F_GETPIPE_SZ), asks[i][1]);
	}
	EXPECT_ERRNO(fcntl(p[0], F_SETPIPE_SZ, 0x80000001UL), EINVAL);
	EXPECT_ERRNO(fcntl(p[0], F_SETPIPE_SZ, -1L), EINVAL);
	long r = fcntl(p[1], F_SETPIPE_SZ, 2 * PIPE_MAX_SIZE);
	EXPECT((r == 2 * PIPE_MAX_SIZE && !on_faultline()) || (r == -1 && errno == EPERM));
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	int fd = dup(p[0]);
	EXPECT_EQ(fcntl(fd, F_GETPIPE_SZ), 65536);
	close(fd);
	fd = open("/dev/null", O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(fcntl(fd, F_GETPIPE_SZ), EBADF);
	EXPECT_ERRNO(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
	close(fd);
	fd = open(".", O_RDONLY);
	EXPECT_ERRNO(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
	close(fd);
	close(p[0]);
	close(p[1]);
	return 1;
}

/* The size is the room: a one-page pipe takes 4096 bytes, a 1 MiB one 1
 * MiB (O_NONBLOCK writes until EAGAIN). */
static int pipe_size_is_room(void)
{
	static const long sizes[] = { 4096, 8192, PIPE_MAX_SIZE };
	for (int i = 0; i < NCHECKS(sizes); i++) {
		int p[2];
		long pos = 0, rpos = 0, w;
		EXPECT_EQ(pipe2_(p, O_NONBLOCK), 0);
		EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, sizes[i]), sizes[i]);
		while ((w = stream_write(p[1], &pos, 4096)) > 0)
			;
		EXPECT_EQ(errno, EAGAIN);
		EXPECT_EQ(pos, sizes[i]);
		EXPECT(stream_read(p[0], &rpos, pos));
		close(p[0]);
		close(p[1]);
	}
	return 1;
}

/* A pipe may not shrink below its content: EBUSY while the bytes lie on
 * more pages than the new size (Linux: more buffers; the same here, as
 * each write below starts on a new page or fills the last one), and
 * nothing changes; then it may, and every byte comes out in order, also
 * after it grows with bytes that ran round the end of the ring. */
static int pipe_size_and_content(void)
{
	int p[2];
	long pos = 0, rpos = 0;
	EXPECT_EQ(pipe(p), 0);
	EXPECT_EQ(stream_write(p[1], &pos, 8192), 8192);	/* two pages */
	EXPECT_ERRNO(fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	EXPECT_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536);
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 8192), 8192);	/* just room */
	EXPECT(stream_read(p[0], &rpos, 3000));
	EXPECT_ERRNO(fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);	/* 5192 bytes: two pages */
	EXPECT(stream_read(p[0], &rpos, 2000));
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);	/* 3192 bytes, all on the second */
	EXPECT(stream_read(p[0], &rpos, 3192));
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	/* round the ring's end: 60000 in, 50000 out, 40000 in (the stream's
	 * last bytes are at the ring's start), then grow: all of it in order */
	EXPECT_EQ(stream_write(p[1], &pos, 60000), 60000);
	EXPECT(stream_read(p[0], &rpos, 50000));
	EXPECT_EQ(stream_write(p[1], &pos, 40000), 40000);
	EXPECT_ERRNO(fcntl(p[1], F_SETPIPE_SZ, 32768), EBUSY);	/* 13 pages */
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 131072), 131072);
	EXPECT_EQ(stream_write(p[1], &pos, 60000), 60000);	/* room the old size had not */
	EXPECT(stream_read(p[0], &rpos, 110000));
	EXPECT_EQ(stream_write(p[1], &pos, 3000), 3000);	/* into the empty pipe: one page */
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
	EXPECT(stream_read(p[0], &rpos, 3000));
	EXPECT_EQ(rpos, pos);
	close(p[0]);
	close(p[1]);
	return 1;
}

/* A fifo is a pipe: the same size calls on it. */
static int fifo_pipe_size(void)
{
	const char *path = "pipe_basic.fifo_sz";
	unlink(path);
	EXPECT_EQ(mknod(path, S_IFIFO | 0600, 0), 0);
	int fd = open(path, O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_EQ(fcntl(fd, F_GETPIPE_SZ), PIPE_CAPACITY);
	EXPECT_EQ(fcntl(fd, F_SETPIPE_SZ, 5000), 8192);
	EXPECT_EQ(fcntl(fd, F_GETPIPE_SZ), 8192);
	close(fd);
	EXPECT_EQ(unlink(path), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("bytes come out in the order they went in; reads may be short", bytes_in_order),
	CHECK("fstat says FIFO; lseek, pread, pwrite are ESPIPE; each end one way", what_a_pipe_is),
	CHECK("a read gives 0 (end of file) once the last writer closes", eof_after_last_writer),
	CHECK("a read of an empty pipe waits for a writer", read_waits_for_writer),
	CHECK("O_NONBLOCK: EAGAIN when empty; 64 KiB fit, then EAGAIN; FIONREAD",
	      nonblocking_and_capacity),
	CHECK("pipe2(O_CLOEXEC) sets FD_CLOEXEC on both ends", cloexec),
	CHECK("a write longer than the pipe waits for room; the reader gets every byte",
	      long_write_waits_for_room),
	CHECK("two writers' PIPE_BUF-byte writes never mix", pipe_buf_writes_are_atomic),
	CHECK("a write with no reader: SIGPIPE kills the writer", sigpipe_kills),
	CHECK("a write with no reader, SIGPIPE ignored: EPIPE", epipe_when_ignored),
	CHECK("a signal handler ends a waiting read with EINTR", signal_ends_the_wait),
	CHECK("bad flags: EINVAL; a bad pointer: EFAULT, and no fd stays open", errors),
	CHECK("a fifo by name: opens wait for the other end; O_NONBLOCK; O_RDWR", fifo_by_name),
	CHECK("F_SETPIPE_SZ rounds to a power of two pages; EINVAL, EPERM, EBADF",
	      pipe_size_rounding),
	CHECK("F_SETPIPE_SZ: the size is the room (one page, two, 1 MiB)", pipe_size_is_room),
	CHECK("F_SETPIPE_SZ: EBUSY below the content; the bytes stay in order", pipe_size_and_content),
	CHECK("F_GETPIPE_SZ, F_SETPIPE_SZ on a fifo", fifo_pipe_size),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

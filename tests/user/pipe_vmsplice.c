/* tests/user/pipe_vmsplice.c — vmsplice(2) as Linux has it: user pages go
 * into a pipe by reference (no copy), so a reader sees what the page holds
 * when it reads; copy-on-write still keeps the pipe's bytes from a write
 * by another process (the four cases of Linux's cow selftest, small); a
 * read end copies out, as readv; the errors; a full pipe.
 *
 * The cow cases, in the words of Linux's tools/testing/selftests/mm/cow.c:
 *   "vmsplice() + unmap in child"          the child splices and unmaps,
 *                                          the parent writes: the child's
 *                                          pipe still has the old bytes
 *   "... with mprotect() optimization"     the same, the parent first
 *                                          mprotects PROT_READ, then RW
 *   "vmsplice() before fork(), unmap in    the parent splices, forks,
 *    parent after fork()"                  unmaps; the child writes
 *   "vmsplice() + unmap in parent after    the same, spliced after fork
 *    fork()"
 * In each the page is shared copy-on-write and referenced by the pipe: the
 * write must copy (do_wp_page may reuse a page only nobody else holds). */
#include "check.h"
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <syscall.h>

#define SPLICE_F_MOVE		0x01
#define SPLICE_F_NONBLOCK	0x02
#define SPLICE_F_MORE		0x04
#define SPLICE_F_GIFT		0x08
#define PIPE_SLOTS		16	/* a new pipe's buffers */
#define F_SETPIPE_SZ		1031

static int pipe2_(int fds[2], int flags)
{
	return (int)syscall(SYS_pipe2, fds, flags);
}

static long vmsplice_(int fd, const struct iovec *iov, unsigned long n, unsigned int flags)
{
	return syscall(SYS_vmsplice, fd, iov, n, flags);
}

/* Read exactly n bytes from fd (several reads: one per buffer); 1 if all came. */
static int read_all(int fd, char *buf, long n)
{
	long got = 0, r;
	while (got < n && (r = read(fd, buf + got, n - got)) > 0)
		got += r;
	if (got != n)
		diag("read %ld bytes of %ld (errno %d)", got, n, errno);
	return got == n;
}

/* Bytes of a pattern no page boundary repeats. */
static void fill(char *p, long n, int seed)
{
	for (long i = 0; i < n; i++)
		p[i] = (char)(i * 13 + i / 4093 + seed);
}

/* 5000 bytes from the middle of two pages and two more iovecs (one empty):
 * all of them, in order, through reads of any size. */
static int splice_then_read(void)
{
	char *p = map_anon(3, PROT_READ | PROT_WRITE);
	static char got[8192];
	int fds[2];
	EXPECT(p);
	fill(p, 3 * PAGE_SIZE, 1);
	EXPECT_EQ(pipe(fds), 0);
	struct iovec iov[] = {
		{ p + 100, 5000 }, { p, 0 }, { p + 2 * PAGE_SIZE, 10 }, { p + 7, 1 },
	};
	EXPECT_EQ(vmsplice_(fds[1], iov, 4, 0), 5011);
	int avail = -1;
	EXPECT_EQ(ioctl(fds[0], FIONREAD, &avail), 0);
	EXPECT_EQ(avail, 5011);
	EXPECT_EQ(read(fds[0], got, 3), 3);
	EXPECT(read_all(fds[0], got + 3, 5008));
	EXPECT(memcmp(got, p + 100, 5000) == 0);
	EXPECT(memcmp(got + 5000, p + 2 * PAGE_SIZE, 10) == 0);
	EXPECT_EQ(got[5010], p[7]);
	close(fds[1]);
	EXPECT_EQ(read(fds[0], got, 1), 0);
	close(fds[0]);
	return 1;
}

/* No copy: a write to the (writable, already written) page after the
 * vmsplice shows in the pipe, as on Linux.  A write(2) afterwards does
 * not go into the spliced page: it comes after it. */
static int by_reference(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	char got[16] = { 0 };
	int fds[2];
	EXPECT(p);
	memcpy(p, "old bytes", 9);
	EXPECT_EQ(pipe(fds), 0);
	struct iovec iov = { p, 9 };
	EXPECT_EQ(vmsplice_(fds[1], &iov, 1, 0), 9);
	memcpy(p, "NEW", 3);
	EXPECT_EQ(write(fds[1], "+w", 2), 2);
	EXPECT(read_all(fds[0], got, 11));
	EXPECT(memcmp(got, "NEW bytes+w", 11) == 0);
	close(fds[0]);
	close(fds[1]);
	return 1;
}

/* Memory never touched reads as zeros through the pipe (faultline and
 * Linux 6.1 take the shared zero page: no reference, nothing freed);
 * read-only memory may be spliced (no write access is asked). */
static int untouched_and_read_only(void)
{
	char *p = map_anon(2, PROT_READ | PROT_WRITE);
	char *ro = map_anon(1, PROT_READ);
	static char got[2 * PAGE_SIZE];
	int fds[2];
	EXPECT(p && ro);
	EXPECT_EQ(pipe(fds), 0);
	struct iovec iov[] = { { p, 2 * PAGE_SIZE } };
	EXPECT_EQ(vmsplice_(fds[1], iov, 1, 0), 2 * PAGE_SIZE);
	EXPECT_EQ(munmap(p, 2 * PAGE_SIZE), 0);
	memset(got, 1, sizeof(got));
	EXPECT(read_all(fds[0], got, 2 * PAGE_SIZE));
	EXPECT(all_zero(got, 2 * PAGE_SIZE, "untouched pages through the pipe"));
	struct iovec r = { ro + 5, 100 };
	EXPECT_EQ(vmsplice_(fds[1], &r, 1, 0), 100);
	EXPECT(read_all(fds[0], got, 100));
	EXPECT(all_zero(got, 100, "a read-only page"));
	close(fds[0]);
	close(fds[1]);
	return 1;
}

/* ---- copy-on-write: the four cases of Linux's cow selftest --------------- */

/* One byte from fd (the other side is ready), 1 if it came. */
static int sync_wait(int fd)
{
	char c;
	return read(fd, &c, 1) == 1;
}

static void close_pipes(int fds[2], int ready[2], int go[2])
{
	for (int i = 0; i < 2; i++) {
		close(fds[i]);
		close(ready[i]);
		close(go[i]);
	}
}

/* The child splices the page and unmaps it; the parent (after mprotect
 * PROT_READ then PROT_READ|PROT_WRITE, if asked) writes the page; the
 * child's pipe must hold the bytes of before. */
static int splice_in_child(int do_mprotect)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	int fds[2], ready[2], go[2];
	EXPECT(p);
	fill(p, PAGE_SIZE, 2);
	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(pipe(ready), 0);
	EXPECT_EQ(pipe(go), 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		static char old[PAGE_SIZE], got[PAGE_SIZE];
		memcpy(old, p, PAGE_SIZE);
		struct iovec iov = { p, PAGE_SIZE };
		if (vmsplice_(fds[1], &iov, 1, 0) != PAGE_SIZE || munmap(p, PAGE_SIZE))
			_exit(2);
		if (write(ready[1], "r", 1) != 1 || !sync_wait(go[0]))
			_exit(3);
		if (!read_all(fds[0], got, PAGE_SIZE))
			_exit(4);
		_exit(memcmp(old, got, PAGE_SIZE) ? 1 : 0);	/* 1: the parent's write leaked */
	}
	EXPECT(sync_wait(ready[0]));
	if (do_mprotect) {
		EXPECT_EQ(mprotect(p, PAGE_SIZE, PROT_READ), 0);
		EXPECT_EQ(mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	}
	memset(p, 0xff, PAGE_SIZE);
	EXPECT_EQ(write(go[1], "g", 1), 1);
	EXPECT(reap(pid, 0));
	close_pipes(fds, ready, go);
	return 1;
}

static int splice_in_child_unmap(void) { return splice_in_child(0); }
static int splice_in_child_mprotect(void) { return splice_in_child(1); }

/* The parent splices the page (before or after fork), unmaps it; the
 * child writes it and exits; the parent's pipe must hold the bytes of
 * before. */
static int splice_in_parent(int before_fork)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	static char old[PAGE_SIZE], got[PAGE_SIZE];
	int fds[2], ready[2], go[2];
	struct iovec iov = { 0 };
	EXPECT(p);
	iov.iov_base = p;
	iov.iov_len = PAGE_SIZE;
	fill(p, PAGE_SIZE, 3);
	memcpy(old, p, PAGE_SIZE);
	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(pipe(ready), 0);
	EXPECT_EQ(pipe(go), 0);
	if (before_fork)
		EXPECT_EQ(vmsplice_(fds[1], &iov, 1, 0), PAGE_SIZE);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		if (write(ready[1], "r", 1) != 1 || !sync_wait(go[0]))
			_exit(3);
		memset(p, 0xff, PAGE_SIZE);
		_exit(0);
	}
	if (!before_fork)
		EXPECT_EQ(vmsplice_(fds[1], &iov, 1, 0), PAGE_SIZE);
	EXPECT(sync_wait(ready[0]));
	EXPECT_EQ(munmap(p, PAGE_SIZE), 0);
	EXPECT_EQ(write(go[1], "g", 1), 1);
	EXPECT(reap(pid, 0));
	EXPECT(read_all(fds[0], got, PAGE_SIZE));
	EXPECT(memcmp(old, got, PAGE_SIZE) == 0);	/* else the child's write leaked */
	close_pipes(fds, ready, go);
	return 1;
}

static int splice_before_fork(void) { return splice_in_parent(1); }
static int splice_after_fork(void) { return splice_in_parent(0); }

/* ---- the read end, a full pipe, errors ----------------------------------- */

/* A read end copies out into the iovecs, as readv; an empty pipe with
 * SPLICE_F_NONBLOCK is EAGAIN (its own O_NONBLOCK does not count), with
 * no writer left 0. */
static int read_end_copies_out(void)
{
	int fds[2];
	char a[5] = { 0 }, b[32] = { 0 };
	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(write(fds[1], "hello, ", 7), 7);
	EXPECT_EQ(write(fds[1], "vmsplice", 8), 8);
	struct iovec iov[] = { { a, 5 }, { b, sizeof(b) } };
	EXPECT_EQ(vmsplice_(fds[0], iov, 2, 0), 15);
	EXPECT(memcmp(a, "hello", 5) == 0);
	EXPECT(memcmp(b, ", vmsplice", 10) == 0);
	EXPECT_ERRNO(vmsplice_(fds[0], iov, 2, SPLICE_F_NONBLOCK), EAGAIN);
	EXPECT_EQ(write(fds[1], "xyz", 3), 3);
	struct iovec one = { b, 2 };
	EXPECT_EQ(vmsplice_(fds[0], &one, 1, 0), 2);	/* part of a buffer */
	EXPECT_EQ(read(fds[0], b, sizeof(b)), 1);	/* the rest of it */
	EXPECT_EQ(b[0], 'z');
	close(fds[1]);
	EXPECT_EQ(vmsplice_(fds[0], iov, 2, 0), 0);	/* no writer: end of file */
	struct iovec bad = { (void *)16, 10 };
	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(write(fds[1], "data", 4), 4);
	EXPECT_ERRNO(vmsplice_(fds[0], &bad, 1, 0), EFAULT);
	EXPECT_EQ(read(fds[0], b, sizeof(b)), 4);	/* nothing was taken */
	close(fds[0]);
	close(fds[1]);
	return 1;
}

/* Each page piece takes a slot, and write(2) never appends to a spliced
 * page: 16 one-byte vmsplices fill the pipe; then SPLICE_F_NONBLOCK is
 * EAGAIN, and so is a 1-byte write to the O_NONBLOCK pipe.  A vmsplice of
 * more pages than there are free slots returns short. */
static int full_pipe(void)
{
	char *p = map_anon(PIPE_SLOTS + 2, PROT_READ | PROT_WRITE);
	int fds[2];
	EXPECT(p);
	fill(p, (PIPE_SLOTS + 2) * PAGE_SIZE, 4);
	EXPECT_EQ(pipe2_(fds, O_NONBLOCK), 0);
	for (int i = 0; i < PIPE_SLOTS; i++) {
		struct iovec iov = { p + i, 1 };
		EXPECT_EQ(vmsplice_(fds[1], &iov, 1, SPLICE_F_NONBLOCK), 1);
	}
	struct iovec iov = { p, 1 };
	EXPECT_ERRNO(vmsplice_(fds[1], &iov, 1, SPLICE_F_NONBLOCK | SPLICE_F_GIFT), EAGAIN);
	EXPECT_ERRNO(write(fds[1], "x", 1), EAGAIN);
	char got[PIPE_SLOTS];
	EXPECT_EQ(read(fds[0], got, sizeof(got)), PIPE_SLOTS);
	EXPECT(memcmp(got, p, PIPE_SLOTS) == 0);
	/* an empty pipe, 18 pages from an offset: 16 slots, 15 pages and a bit */
	struct iovec big = { p + 10, (PIPE_SLOTS + 1) * PAGE_SIZE };
	EXPECT_EQ(vmsplice_(fds[1], &big, 1, SPLICE_F_MOVE | SPLICE_F_MORE),
		  PIPE_SLOTS * PAGE_SIZE - 10);
	static char all[PIPE_SLOTS * PAGE_SIZE];
	EXPECT(read_all(fds[0], all, PIPE_SLOTS * PAGE_SIZE - 10));
	EXPECT(memcmp(all, p + 10, PIPE_SLOTS * PAGE_SIZE - 10) == 0);
	close(fds[0]);
	close(fds[1]);
	return 1;
}

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

/* A full pipe without SPLICE_F_NONBLOCK waits, even when the pipe is
 * O_NONBLOCK: a signal ends the wait (EINTR). */
static int full_pipe_waits(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	int fds[2];
	struct sigaction sa = { 0 };
	EXPECT(p);
	sa.sa_handler = on_alarm;
	EXPECT_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	EXPECT_EQ(pipe2_(fds, O_NONBLOCK), 0);
	EXPECT_EQ(fcntl(fds[1], F_SETPIPE_SZ, 4096), 4096);
	struct iovec iov = { p, 1 };
	EXPECT_EQ(vmsplice_(fds[1], &iov, 1, 0), 1);
	alarm(1);
	EXPECT_ERRNO(vmsplice_(fds[1], &iov, 1, 0), EINTR);
	EXPECT_EQ(alarms, 1);
	close(fds[0]);
	close(fds[1]);
	return 1;
}

/* No reader: SIGPIPE, and with it ignored EPIPE. */
static int no_reader(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	int fds[2];
	EXPECT(p);
	EXPECT_EQ(pipe(fds), 0);
	close(fds[0]);
	struct iovec iov = { p, 10 };
	signal(SIGPIPE, SIG_IGN);
	EXPECT_ERRNO(vmsplice_(fds[1], &iov, 1, 0), EPIPE);
	close(fds[1]);
	return 1;
}

static int errors(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	char *none = map_anon(1, PROT_NONE);
	int fds[2];
	EXPECT(p && none);
	EXPECT_EQ(pipe(fds), 0);
	struct iovec iov = { p, 10 };
	EXPECT_ERRNO(vmsplice_(fds[1], &iov, 1, 0x10), EINVAL);	/* a flag Linux lacks */
	EXPECT_ERRNO(vmsplice_(-1, &iov, 1, 0), EBADF);
	EXPECT_ERRNO(vmsplice_(999, &iov, 1, 0), EBADF);
	int null = open("/dev/null", O_RDWR);
	EXPECT(null >= 0);
	EXPECT_ERRNO(vmsplice_(null, &iov, 1, 0), EBADF);	/* not a pipe */
	EXPECT_EQ(vmsplice_(null, &iov, 0, 0), 0);		/* nothing to move: 0 first */
	close(null);
	EXPECT_EQ(vmsplice_(fds[1], &iov, 0, 0), 0);
	EXPECT_EQ(vmsplice_(fds[1], NULL, 0, 0), 0);
	EXPECT_ERRNO(vmsplice_(fds[1], &iov, 1025, 0), EINVAL);	/* more than IOV_MAX */
	EXPECT_ERRNO(vmsplice_(fds[1], (void *)16, 1, 0), EFAULT);
	struct iovec neg = { p, -1L };
	EXPECT_ERRNO(vmsplice_(fds[1], &neg, 1, 0), EINVAL);
	struct iovec hole = { (void *)16, 10 }, kern = { (void *)0xffff888000000000UL, 10 };
	EXPECT_ERRNO(vmsplice_(fds[1], &hole, 1, 0), EFAULT);
	EXPECT_ERRNO(vmsplice_(fds[1], &kern, 1, 0), EFAULT);
	struct iovec prot_none = { none, 10 };
	EXPECT_ERRNO(vmsplice_(fds[1], &prot_none, 1, 0), EFAULT);
	/* a hole after the first page: the first page goes in, and counts */
	EXPECT_EQ(munmap(none, PAGE_SIZE), 0);
	char *two = map_anon(2, PROT_READ | PROT_WRITE);
	EXPECT(two);
	EXPECT_EQ(munmap(two + PAGE_SIZE, PAGE_SIZE), 0);
	struct iovec runs_out = { two + PAGE_SIZE - 4, 100 };
	EXPECT_EQ(vmsplice_(fds[1], &runs_out, 1, 0), 4);
	int avail = -1;
	EXPECT_EQ(ioctl(fds[0], FIONREAD, &avail), 0);
	EXPECT_EQ(avail, 4);
	close(fds[0]);
	close(fds[1]);
	return 1;
}

/* Device memory has no pages to take: a mapping of /dev/fb0 is EFAULT
 * (skipped where there is no /dev/fb0, as on this test's Linux host). */
static int device_memory(void)
{
	int fb = open("/dev/fb0", O_RDWR);
	if (fb < 0)
		return 1;
	char *m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0);
	close(fb);
	EXPECT(m != MAP_FAILED);
	int fds[2];
	EXPECT_EQ(pipe(fds), 0);
	struct iovec iov = { m, 10 };
	EXPECT_ERRNO(vmsplice_(fds[1], &iov, 1, 0), EFAULT);
	close(fds[0]);
	close(fds[1]);
	return 1;
}

static const struct check checks[] = {
	CHECK("vmsplice then read: the bytes of every iovec, in order; FIONREAD", splice_then_read),
	CHECK("by reference: a write to the page after vmsplice shows in the pipe", by_reference),
	CHECK("untouched memory reads as zeros; read-only memory may be spliced",
	      untouched_and_read_only),
	CHECK("vmsplice() + unmap in child: the parent's write does not leak", splice_in_child_unmap),
	CHECK("... with mprotect() optimization", splice_in_child_mprotect),
	CHECK("vmsplice() before fork(), unmap in parent after fork(): no leak", splice_before_fork),
	CHECK("vmsplice() + unmap in parent after fork(): no leak", splice_after_fork),
	CHECK("a read end copies out, as readv; SPLICE_F_NONBLOCK EAGAIN; EOF; EFAULT",
	      read_end_copies_out),
	CHECK("a slot per piece: full, EAGAIN; a long vmsplice returns short", full_pipe),
	CHECK("a full pipe waits, O_NONBLOCK or not; a signal ends it", full_pipe_waits),
	CHECK("no reader: EPIPE", no_reader),
	CHECK("errors: EINVAL, EBADF, EFAULT; 0 iovecs 0; a hole ends it short", errors),
	CHECK("device memory (/dev/fb0): EFAULT", device_memory),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

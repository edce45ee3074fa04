/* tests/user/poll_select.c — poll, ppoll, select and pselect6 over pipes,
 * regular files and /dev/null: readiness, timeouts, a writer waking a
 * sleeper, hang-up, bad fds, and the signal mask of ppoll/pselect6. */
#include "check.h"
#include <sched.h>
#include <sys/syscall.h>
#include <syscall.h>
#include <time.h>
#include <sys/select.h>

#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020

struct pollfd_ { int fd; short events, revents; };
struct ts_ { long sec, nsec; };
struct tv_ { long sec, usec; };

static long poll_(struct pollfd_ *fds, unsigned long n, int ms)
{
	return syscall(SYS_poll, fds, n, ms);
}

/* A file nobody writes: a pipe's read end is not ready, its write end is;
 * a regular file and /dev/null always are. */
static int readiness(void)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	int f = open("/dev/null", O_RDWR);
	EXPECT(f >= 0);
	struct pollfd_ fds[3] = { { p[0], POLLIN, -1 }, { p[1], POLLOUT, -1 }, { f, POLLIN | POLLOUT, -1 } };
	EXPECT_EQ(poll_(fds, 3, 0), 2);
	EXPECT_EQ(fds[0].revents, 0);
	EXPECT_EQ(fds[1].revents, POLLOUT);
	EXPECT_EQ(fds[2].revents, POLLIN | POLLOUT);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	EXPECT_EQ(poll_(fds, 1, 0), 1);
	EXPECT_EQ(fds[0].revents, POLLIN);
	close(p[0]);
	close(p[1]);
	close(f);
	return 1;
}

/* Hang-up and errors: a read end whose writers are gone is POLLHUP (asked
 * or not); a write end without readers POLLERR; a closed fd POLLNVAL; a
 * negative fd is skipped. */
static int hangup_and_errors(void)
{
	int p[2], q[2];
	EXPECT_EQ(pipe(p), 0);
	EXPECT_EQ(pipe(q), 0);
	close(p[1]);
	close(q[0]);
	struct pollfd_ fds[4] = { { p[0], POLLIN, 0 }, { q[1], POLLOUT, 0 }, { 60, POLLIN, 0 },
				  { -1, POLLIN, 7 } };
	EXPECT_EQ(poll_(fds, 4, 0), 3);
	EXPECT(fds[0].revents & POLLHUP);
	EXPECT(fds[1].revents & POLLERR);
	EXPECT_EQ(fds[2].revents, POLLNVAL);
	EXPECT_EQ(fds[3].revents, 0);
	close(p[0]);
	close(q[1]);
	return 1;
}

/* A timeout with nothing ready: 0, after about that long. */
static int timeout_expires(void)
{
	int p[2];
	struct timespec a, b;
	EXPECT_EQ(pipe(p), 0);
	struct pollfd_ fd = { p[0], POLLIN, 0 };
	clock_gettime(CLOCK_MONOTONIC, &a);
	EXPECT_EQ(poll_(&fd, 1, 50), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	EXPECT(ms >= 49);
	EXPECT(ms < 5000);
	close(p[0]);
	close(p[1]);
	return 1;
}

/* A poll with no time limit sleeps until a child writes. */
static int writer_wakes_poller(void)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		for (int i = 0; i < 30; i++)
			sched_yield();
		_exit(write(p[1], "!", 1) == 1 ? 0 : 1);
	}
	struct pollfd_ fd = { p[0], POLLIN, 0 };
	EXPECT_EQ(poll_(&fd, 1, -1), 1);
	EXPECT_EQ(fd.revents, POLLIN);
	EXPECT_EQ(wait_status(pid), 0);
	close(p[0]);
	close(p[1]);
	return 1;
}

static int select_sets(void)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	fd_set rd, wr;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	struct tv_ tv = { 0, 0 };
	EXPECT_EQ(syscall(SYS_select, p[1] + 1, &rd, &wr, NULL, &tv), 1);
	EXPECT(!FD_ISSET(p[0], &rd));
	EXPECT(FD_ISSET(p[1], &wr));
	write(p[1], "y", 1);
	FD_SET(p[0], &rd);
	EXPECT_EQ(syscall(SYS_select, p[0] + 1, &rd, NULL, NULL, NULL), 1);
	EXPECT(FD_ISSET(p[0], &rd));
	/* a timeout: 0, and the time left written back (all of it used) */
	char c;
	read(p[0], &c, 1);
	FD_SET(p[0], &rd);
	tv = (struct tv_){ 0, 30000 };
	EXPECT_EQ(syscall(SYS_select, p[0] + 1, &rd, NULL, NULL, &tv), 0);
	EXPECT(tv.sec == 0 && tv.usec == 0);
	EXPECT(!FD_ISSET(p[0], &rd));
	/* an fd that is not open: EBADF; a negative count: EINVAL */
	close(p[1]);
	FD_ZERO(&rd);
	FD_SET(p[1], &rd);
	EXPECT_ERRNO(syscall(SYS_select, p[1] + 1, &rd, NULL, NULL, NULL), EBADF);
	EXPECT_ERRNO(syscall(SYS_select, -1, NULL, NULL, NULL, NULL), EINVAL);
	tv = (struct tv_){ -1, 0 };
	EXPECT_ERRNO(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), EINVAL);
	close(p[0]);
	return 1;
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

/* ppoll and pselect6 wait with their mask: a SIGUSR1 we block is let in
 * while they wait (EINTR, the handler ran), and blocked again after. */
static int wait_masks(void)
{
	sigset_t block, open_, now;
	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&open_);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	struct pollfd_ fd = { p[0], POLLIN, 0 };
	struct ts_ ts = { 5, 0 };
	EXPECT_ERRNO(syscall(SYS_ppoll, &fd, 1, &ts, &open_, 8), EINTR);
	EXPECT_EQ(usr1, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1));
	kill(getpid(), SIGUSR1);
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	struct { const sigset_t *mask; size_t size; } sig = { &open_, 8 };
	EXPECT_ERRNO(syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts, &sig), EINTR);
	EXPECT_EQ(usr1, 2);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1));
	/* with nothing pending, a zero timeout: 0 and the mask unchanged */
	ts = (struct ts_){ 0, 0 };
	EXPECT_EQ(syscall(SYS_ppoll, &fd, 1, &ts, &open_, 8), 0);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1));
	EXPECT_ERRNO(syscall(SYS_ppoll, &fd, 1, &ts, &open_, 4), EINVAL);
	close(p[0]);
	close(p[1]);
	return 1;
}

static const struct check checks[] = {
	CHECK("poll: an empty pipe is not readable, its write end and /dev/null are ready",
	      readiness),
	CHECK("poll: POLLHUP, POLLERR, POLLNVAL; a negative fd is skipped", hangup_and_errors),
	CHECK("poll: a 50 ms timeout returns 0 after 50 ms", timeout_expires),
	CHECK("poll: a writer wakes a poll without timeout", writer_wakes_poller),
	CHECK("select: read and write sets, timeout written back, EBADF, EINVAL", select_sets),
	CHECK("ppoll, pselect6: the signal mask while waiting, ours after", wait_masks),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

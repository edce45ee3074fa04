/* tests/stress/fork_bomb.c — fork until fork fails, then everyone exits.
 *
 * faultline allows as many tasks as Linux's max_threads would with this
 * RAM (the kernel stacks may take an eighth of it: 2047 tasks with 256
 * MiB, kernel/sched.c); fork past that is EAGAIN, as Linux's.  Out of
 * memory first, fork is ENOMEM, and nothing it had taken stays taken.
 * Afterwards every process is gone, the console, /proc and fork work, and
 * runtests finds every frame back and /proc/mm_audit ok.
 *
 * Issue 12 found fork failing at about 62 live processes (64 kernel-stack
 * slots); the first check is its regression test (at least 1024 live).
 *
 * Hostile: it fills the task table and memory, so it runs only inside
 * faultline (require_faultline; tests/hostile.h). */
#include "stress.h"

#define MAX_PIDS	20000		/* more than the limit can be */
#define WANT_LIVE	1024		/* issue 12: at least this many processes */

static pid_t pids[MAX_PIDS];

/* Kill and reap pids[0..n): how many were killed by SIGKILL. */
static int kill_and_reap(int n, int *other)
{
	int killed = 0;
	*other = 0;
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++) {
		int status;
		if (waitpid(pids[i], &status, 0) == pids[i] && WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL)
			killed++;
		else
			(*other)++;
	}
	return killed;
}

/* Children that stop themselves (alive, holding their memory) until fork
 * says no: EAGAIN, at the limit of tasks. */
static int fork_until_limit(void)
{
	int n = 0, err = 0, other;
	tap_flush();
	while (n < MAX_PIDS) {
		pid_t pid = fork();
		if (pid < 0) {
			err = errno;
			break;
		}
		if (pid == 0) {
			kill(getpid(), SIGSTOP);	/* until SIGKILL */
			_exit(0);
		}
		pids[n++] = pid;
	}
	int killed = kill_and_reap(n, &other);
	diag("%d children live when fork failed: errno %d (%s)", n, err, strerror(err));
	/* besides them: runtests, this program and this check */
	return expect(err == EAGAIN, "fork failed with errno %d (%s), want EAGAIN", err,
		      strerror(err)) &
	       expect(n + 3 >= WANT_LIVE, "%d live processes at most, want at least %d", n + 3,
		      WANT_LIVE) &
	       expect_eq(killed, n, "children killed by SIGKILL and reaped") &
	       expect_errno(waitpid(-1, NULL, WNOHANG), ECHILD, "no child left") &
	       kernel_alive("fork up to the limit");
}

/* RAM filled by a file but for 1024 pages, then vfork until it fails:
 * ENOMEM, well before the limit.  Each child exits at once and stays a
 * zombie (a task and its kernel stack) until we reap it.  vfork, not fork:
 * a fork's parent shares its stack copy-on-write with the child, so its
 * own next write needs a frame, and out of memory the OOM killer may take
 * it before fork fails (right, but not what this checks); a vfork's parent
 * writes nothing new. */
static __attribute__((noinline)) pid_t vfork_zombie(void)
{
	pid_t pid = vfork();
	if (pid == 0)
		_exit(7);
	return pid;
}

static int vfork_until_enomem(void)
{
	int n = 0, err = 0;
	int fd = fill_with_file("stress_hog", 1024);
	EXPECT(fd >= 0);
	tap_flush();
	while (n < MAX_PIDS) {
		pid_t pid = vfork_zombie();
		if (pid < 0) {
			err = errno;
			break;
		}
		pids[n++] = pid;
	}
	close(fd);
	unlink("stress_hog");
	int reaped = 0;
	for (int i = 0; i < n; i++)
		reaped += reap(pids[i], 7);
	diag("%d zombies when vfork failed: errno %d (%s)", n, err, strerror(err));
	return expect(err == ENOMEM, "vfork failed with errno %d (%s), want ENOMEM", err,
		      strerror(err)) &
	       expect(n > 0 && n + 3 < WANT_LIVE, "%d zombies: want some, fewer than the limit",
		      n) &
	       expect_eq(reaped, n, "zombies reaped with their status") &
	       kernel_alive("vfork out of memory");
}

/* The classic bomb, bounded by the kernel: every process forks until a
 * fork fails (its own or, through the shared page, anyone's: else the
 * slots freed by the first to exit go to new forkers, and the bomb churns
 * on), then waits for its children and exits.  The counters live in a
 * shared page. */
struct counts {
	long forks, eagain, other, live, stop;
};
static struct counts *counts;

static __attribute__((noreturn)) void bomb(void)
{
	__atomic_fetch_add(&counts->live, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		if (__atomic_load_n(&counts->stop, __ATOMIC_SEQ_CST) ||
		    __atomic_load_n(&counts->forks, __ATOMIC_SEQ_CST) >= MAX_PIDS)
			break;			/* (the second: should the kernel's bound fail) */
		pid_t pid = fork();
		if (pid == 0) {
			__atomic_fetch_add(&counts->live, 1, __ATOMIC_SEQ_CST);
			continue;		/* the child forks on */
		}
		if (pid < 0) {
			__atomic_store_n(&counts->stop, 1, __ATOMIC_SEQ_CST);
			__atomic_fetch_add(errno == EAGAIN ? &counts->eagain : &counts->other, 1,
					   __ATOMIC_SEQ_CST);
			break;
		}
		__atomic_fetch_add(&counts->forks, 1, __ATOMIC_SEQ_CST);
	}
	while (wait(NULL) > 0)
		;
	__atomic_fetch_sub(&counts->live, 1, __ATOMIC_SEQ_CST);
	_exit(0);
}

static int tree_bomb(void)
{
	counts = shared_page();
	EXPECT(counts);
	pid_t root = fork_flushed();
	EXPECT(root >= 0);
	if (root == 0)
		bomb();
	int ok = reap(root, 0);
	diag("%ld forks; %ld failed with EAGAIN, %ld otherwise", counts->forks, counts->eagain,
	     counts->other);
	return ok & expect(counts->forks + 3 >= WANT_LIVE, "only %ld forks", counts->forks) &
	       expect(counts->eagain > 0, "no fork failed with EAGAIN") &
	       expect_eq(counts->other, 0, "forks failed otherwise") &
	       expect_eq(counts->live, 0, "processes of the bomb still counted live") &
	       expect_errno(waitpid(-1, NULL, WNOHANG), ECHILD, "no child left") &
	       kernel_alive("a fork bomb");
}

static const struct check checks[] = {
	CHECK("fork until it fails: EAGAIN at the limit of tasks, over 1024 live", fork_until_limit),
	CHECK("vfork out of memory: ENOMEM, every zombie reaped", vfork_until_enomem),
	CHECK("a fork bomb (every process forks until it fails): all exit, all reaped",
	      tree_bomb),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}

/* tests/stress/proc_tree.c — zombies and orphans.
 *
 * A child that exits is a zombie until its parent waits: it keeps its task
 * and kernel stack, not its memory.  A process whose parent exits is given
 * to init (pid 1: here runtests), which reaps it when it exits, zombie or
 * not yet; with SIGCHLD ignored no zombie is left at all.  Each check
 * builds such a tree and watches every process of it go: kill(pid, 0)
 * answers ESRCH once a process is reaped (a zombie still answers 0).
 * runtests, as init, reaps while we run and checks MemFree and
 * /proc/mm_audit after the program.
 *
 * Hostile: it leaves orphans to init and, on Linux, would leave them to
 * the host's init, so it runs only inside faultline (require_faultline;
 * tests/hostile.h). */
#include "stress.h"

#define NZOMBIES	500
#define NORPHANS	100
#define CHAIN		100

/* What the processes of a tree tell the check: their pids and flags. */
struct tree {
	pid_t pid[NZOMBIES];
	int flag[NZOMBIES];
	int n;
};
static struct tree *tree;

static int all_flagged(void)
{
	for (int i = 0; i < tree->n; i++)
		if (!__atomic_load_n(&tree->flag[i], __ATOMIC_SEQ_CST))
			return 0;
	return 1;
}

static int all_reaped(void)
{
	for (int i = 0; i < tree->n; i++)
		if (kill(tree->pid[i], 0) == 0 || errno != ESRCH)
			return 0;
	return 1;
}

static int new_tree(int n)
{
	tree = mmap(NULL, sizeof(*tree), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
		    0);
	if (tree == MAP_FAILED)
		return 0;
	tree->n = n;
	return 1;
}

/* 500 children write 128 KiB each (copies of our pages) and exit; while
 * nobody waits they are zombies, which keep their kernel stack (16 KiB)
 * and task_struct (11 KiB: 16 with kmalloc's rounding), not their memory. */
#define ZOMBIE_MAX	(40 * 1024)	/* bytes a zombie may keep */
#define DIRTY_PAGES	32

static int zombies(void)
{
	EXPECT(new_tree(NZOMBIES));
	char *mem = map_anon(DIRTY_PAGES, PROT_READ | PROT_WRITE);
	EXPECT(mem);
	memset(mem, 1, DIRTY_PAGES * PAGE_SIZE);
	long before = mem_free_kb();
	tap_flush();
	for (int i = 0; i < NZOMBIES; i++) {
		pid_t pid = fork();
		EXPECT(pid >= 0);
		if (pid == 0) {
			memset(mem, 2, DIRTY_PAGES * PAGE_SIZE);
			tree->flag[i] = 1;
			_exit(i % 128);
		}
		tree->pid[i] = pid;
	}
	int exited = yield_until(all_flagged, 10);
	for (int i = 0; i < 100; i++)
		sched_yield();			/* from the flag to the zombie */
	long during = mem_free_kb();
	int alive = 0;
	for (int i = 0; i < NZOMBIES; i++)
		alive += kill(tree->pid[i], 0) == 0;
	int right = 0;
	for (int i = NZOMBIES - 1; i >= 0; i--) {
		int status;
		right += waitpid(tree->pid[i], &status, 0) == tree->pid[i] && WIFEXITED(status) &&
			 WEXITSTATUS(status) == i % 128;
	}
	long per_zombie = (before - during) * 1024 / NZOMBIES;
	diag("a zombie costs %ld bytes", per_zombie);
	return expect(exited, "not every child ran") &
	       expect_eq(alive, NZOMBIES, "zombies answering kill(pid, 0)") &
	       expect_eq(right, NZOMBIES, "zombies reaped with their exit status") &
	       expect(per_zombie < ZOMBIE_MAX, "a zombie costs %ld bytes, want its kernel stack "
		      "and task only (under %d), not the %lu bytes it wrote", per_zombie,
		      ZOMBIE_MAX, (unsigned long)DIRTY_PAGES * PAGE_SIZE) &
	       expect_errno(waitpid(-1, NULL, WNOHANG), ECHILD, "no child left") &
	       kernel_alive("500 zombies");
}

/* A child forks NORPHANS grandchildren and exits at once.  Each grandchild
 * waits until it is init's (getppid() 1) and exits; init reaps them all. */
static int orphan(int i)
{
	long deadline = seconds_now() + 10;
	while (getppid() != 1 && seconds_now() <= deadline)
		sched_yield();
	tree->flag[i] = getppid() == 1;
	_exit(0);
}

static int orphans_reaped_by_init(void)
{
	EXPECT(new_tree(NORPHANS));
	pid_t child = fork_flushed();
	EXPECT(child >= 0);
	if (child == 0) {
		for (int i = 0; i < NORPHANS; i++) {
			pid_t pid = fork();
			if (pid == 0)
				orphan(i);
			tree->pid[i] = pid;
		}
		_exit(0);
	}
	EXPECT(reap(child, 0));
	int gone = yield_until(all_reaped, 15);
	int adopted = 0;
	for (int i = 0; i < NORPHANS; i++)
		adopted += tree->flag[i];
	return expect_eq(adopted, NORPHANS, "orphans that saw getppid() == 1") &
	       expect(gone, "orphans not reaped by init within 15 s") &
	       kernel_alive("100 running orphans");
}

/* The grandchildren exit first, and are zombies when their parent exits
 * without waiting: init inherits zombies and reaps them. */
static int zombie_orphans(void)
{
	EXPECT(new_tree(NORPHANS));
	pid_t child = fork_flushed();
	EXPECT(child >= 0);
	if (child == 0) {
		for (int i = 0; i < NORPHANS; i++) {
			pid_t pid = fork();
			if (pid == 0) {
				tree->flag[i] = 1;
				_exit(1);
			}
			tree->pid[i] = pid;
		}
		yield_until(all_flagged, 10);
		for (int i = 0; i < 100; i++)
			sched_yield();
		_exit(0);
	}
	EXPECT(reap(child, 0));
	return expect(yield_until(all_reaped, 15), "zombie orphans not reaped by init") &
	       kernel_alive("100 zombie orphans");
}

/* A chain: each process forks the next and exits; every one but the first
 * is an orphan by then, the last one waits to be init's. */
static int chain(void)
{
	EXPECT(new_tree(CHAIN));
	pid_t first = fork_flushed();
	EXPECT(first >= 0);
	if (first == 0) {
		for (int i = 1; i < CHAIN; i++) {
			pid_t pid = fork();
			if (pid != 0) {
				tree->pid[i] = pid;
				tree->flag[i - 1] = pid > 0;
				_exit(0);
			}
		}
		tree->flag[CHAIN - 1] = 1;
		orphan(CHAIN - 1);
	}
	tree->pid[0] = first;
	EXPECT(reap(first, 0));
	int forked = yield_until(all_flagged, 15);
	return expect(forked, "the chain did not reach its end") &
	       expect(yield_until(all_reaped, 15), "the chain's orphans not reaped by init") &
	       kernel_alive("a chain of 100 orphans");
}

/* With SIGCHLD ignored, children leave no zombie: wait blocks until the
 * last one has exited, then ECHILD (Linux's SA_NOCLDWAIT semantics). */
static int sigchld_ignored(void)
{
	EXPECT(new_tree(NZOMBIES));
	EXPECT(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	tap_flush();
	for (int i = 0; i < NZOMBIES; i++) {
		pid_t pid = fork();
		EXPECT(pid >= 0);
		if (pid == 0)
			_exit(0);
		tree->pid[i] = pid;
	}
	EXPECT_ERRNO(wait(NULL), ECHILD);
	signal(SIGCHLD, SIG_DFL);		/* (kernel_alive waits for its child) */
	return expect(all_reaped(), "a child of a SIGCHLD-ignoring parent left a zombie") &
	       kernel_alive("500 children, SIGCHLD ignored");
}

/* Stopped orphans: a child forks grandchildren that stop themselves, and is
 * killed; init inherits them stopped; we (a stranger to them) kill them,
 * and init reaps them. */
static int stopped_orphans_killed(void)
{
	EXPECT(new_tree(NORPHANS));
	pid_t child = fork_flushed();
	EXPECT(child >= 0);
	if (child == 0) {
		for (int i = 0; i < NORPHANS; i++) {
			pid_t pid = fork();
			if (pid == 0) {
				/* its own pid, before the flag: the parent kills
				 * pid[i] once every flag is up (a 0 there was
				 * kill(0): our whole process group) */
				tree->pid[i] = getpid();
				tree->flag[i] = 1;
				kill(getpid(), SIGSTOP);
				_exit(0);
			}
		}
		for (;;)
			sched_yield();		/* until SIGKILL */
	}
	int stopped = yield_until(all_flagged, 10);
	EXPECT_EQ(kill(child, SIGKILL), 0);
	int status = wait_status(child);
	for (int i = 0; i < NORPHANS; i++)
		if (tree->pid[i] > 0)
			kill(tree->pid[i], SIGKILL);
	return expect(stopped, "not every grandchild ran") &
	       expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		      "the middle child: wait status %#x", status) &
	       expect(yield_until(all_reaped, 15), "killed stopped orphans not reaped by init") &
	       kernel_alive("100 stopped orphans killed");
}

static const struct check checks[] = {
	CHECK("500 zombies: each keeps a kernel stack, not its memory; reaped with its status",
	      zombies),
	CHECK("100 orphans, running: given to init (getppid 1), reaped when they exit",
	      orphans_reaped_by_init),
	CHECK("100 orphans already zombies when their parent exits: init reaps them",
	      zombie_orphans),
	CHECK("a chain of 100 processes, each exiting after forking the next: init reaps all",
	      chain),
	CHECK("SIGCHLD ignored: 500 children leave no zombie, wait ends with ECHILD",
	      sigchld_ignored),
	CHECK("stopped orphans killed by a stranger: init reaps them", stopped_orphans_killed),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/cow_vfork.c — vfork shares the parent's address space, no
 * copy-on-write at all, until the child execs or exits; the parent waits
 * until then.
 *
 * A vfork child here only writes memory, calls functions and then _exit
 * or execve: it never returns from the function that called vfork (the
 * stack below that frame is the parent's). */
#include "cow.h"
#include <signal.h>

#define N	16UL

static const char *self;		/* argv[0]: the exec check runs us again */
static volatile int global_word;
static volatile long child_faults = -1;
static volatile pid_t child_pid, child_ppid;
static char *volatile child_map;

static int child_write_global(void)
{
	global_word = 1;
	pid_t pid = vfork();
	if (pid == 0) {
		global_word = 2;
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(global_word, 2);		/* before wait: the child is done */
	EXPECT(reap(pid, 0));
	return 1;
}

static int child_write_stack(void)
{
	volatile int local = 1;
	pid_t pid = vfork();
	if (pid == 0) {
		local = 2;
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(local, 2);
	EXPECT(reap(pid, 0));
	return 1;
}

/* The child writes 16 pages the parent wrote: no fault in the child (the
 * same PTEs, writable), and the parent sees its writes. */
static int child_writes_pages(void)
{
	char *p = map_private(N);
	EXPECT(p);
	stamp_pages(p, N, 0xa);
	minflt();
	pid_t pid = vfork();
	if (pid == 0) {
		long before = minflt();
		stamp_pages(p, N, 0xc);
		child_faults = minflt() - before;
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xc, "parent"));
	EXPECT_EQ(child_faults, 0);
	return 1;
}

/* The parent runs again only when the child has exited: the child yields
 * the CPU 20 times first, and its last write is there when vfork returns. */
static int parent_waits_for_exit(void)
{
	global_word = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		for (int i = 0; i < 20; i++) {
			sched_yield();
			global_word++;
		}
		_exit(7);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(global_word, 20);
	EXPECT(reap(pid, 7));
	return 1;
}

/* A mapping the child makes is the parent's: the same address space. */
static int child_mmap_is_parents(void)
{
	child_map = NULL;
	pid_t pid = vfork();
	if (pid == 0) {
		char *m = mmap(NULL, N * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m != MAP_FAILED) {
			stamp_pages(m, N, 0xc);
			child_map = m;
		}
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT(reap(pid, 0));
	EXPECT(child_map);
	EXPECT(stamped(child_map, N, 0xc, "parent, the child's mapping"));
	EXPECT_EQ(munmap(child_map, N * PAGE), 0);
	return 1;
}

static int child_identity(void)
{
	pid_t me = getpid();
	pid_t pid = vfork();
	if (pid == 0) {
		child_pid = getpid();
		child_ppid = getppid();
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(child_pid, pid);
	EXPECT(child_pid != me);
	EXPECT_EQ(child_ppid, me);
	return 1;
}

/* Pages nobody touched yet: the child's first writes fault them in (one
 * fault each, in the child), into the one address space: the parent then
 * reads the child's bytes without a fault of its own. */
static int child_faults_for_parent(void)
{
	struct counts d;
	char *p = map_private(N);
	EXPECT(p);
	minflt();
	pid_t pid = vfork();
	if (pid == 0) {
		long before = minflt();
		write_bytes(p, N, 'v');
		child_faults = minflt() - before;
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(child_faults, N);
	measure(&d, read_bytes, p, N, 0);
	EXPECT_EQ(d.minflt, 0);
	EXPECT(bytes_are(p, N, 'v', "parent"));
	return 1;
}

/* A vfork child killed by a signal (a write to an unmapped address)
 * releases the parent too, which sees the signal in the wait status and
 * the writes made before it. */
static int child_killed(void)
{
	static volatile unsigned long nowhere = 16;	/* page 0: never mapped */
	global_word = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		global_word = 3;
		*(volatile int *)nowhere = 1;
		_exit(0);
	}
	EXPECT(pid > 0);
	int status = -1;
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGSEGV);
	EXPECT_EQ(global_word, 3);
	return 1;
}

/* vfork write-protects nothing: after the child is gone, the parent's
 * writes to its own pages take no fault. */
static int parent_no_faults_after(void)
{
	struct counts d;
	char *p = map_private(N);
	EXPECT(p);
	stamp_pages(p, N, 0xa);
	pid_t pid = vfork();
	if (pid == 0)
		_exit(0);
	EXPECT(pid > 0);
	EXPECT(reap(pid, 0));
	measure(&d, write_bytes, p, N, 'p');
	EXPECT_EQ(d.minflt, 0);
	return 1;
}

/* 50 vfork children in a row, each adding one to a word of the parent's. */
static int fifty_children_count(void)
{
	global_word = 0;
	for (int i = 0; i < 50; i++) {
		pid_t pid = vfork();
		if (pid == 0) {
			global_word++;
			_exit(i);
		}
		EXPECT(pid > 0);
		EXPECT_EQ(global_word, i + 1);
		EXPECT(reap(pid, i));
	}
	return 1;
}

/* vfork, a write, then execve of ourselves (--exec-child FILE): the
 * parent resumes at the exec, not at the exit (the new program waits for
 * FILE, which the parent creates only then), sees the write made before
 * the exec, keeps its own pages, and gets the new program's status. */
static int exec_child(const char *file)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int fd = open(file, O_RDONLY);
		if (fd >= 0) {
			close(fd);
			return 42;
		}
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 5)
			return 43;		/* the parent never ran: vfork held it */
	}
}

static int child_execs(void)
{
	static char file[64];
	char *p = map_private(N);
	EXPECT(p);
	stamp_pages(p, N, 0xa);
	snprintf(file, sizeof(file), "cow_vfork.%d.go", getpid());
	char *argv[] = { (char *)self, "--exec-child", file, NULL };
	global_word = 0;
	tap_flush();
	pid_t pid = vfork();
	if (pid == 0) {
		global_word = 5;
		execve(self, argv, environ);
		_exit(127);
	}
	EXPECT(pid > 0);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok = reap(pid, 42);
	unlink(file);
	EXPECT(fd >= 0);
	close(fd);
	EXPECT(ok);
	EXPECT_EQ(global_word, 5);
	EXPECT(stamped(p, N, 0xa, "parent, after the child's exec"));
	return 1;
}

/* A parent that ignores SIGCHLD leaves no zombie: its vfork child is
 * freed as soon as it exits, while the parent still waits in vfork, which
 * must not look at the freed child again. */
static int child_of_sigchld_ignorer(void)
{
	EXPECT(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	for (int i = 0; i < 20; i++) {
		global_word = 0;
		pid_t pid = vfork();
		if (pid == 0) {
			global_word = i + 1;
			_exit(0);
		}
		EXPECT(pid > 0);
		EXPECT_EQ(global_word, i + 1);
		EXPECT_ERRNO(waitpid(pid, NULL, 0), ECHILD);	/* no zombie */
	}
	return 1;
}

/* Issue 12's panic: one process takes these vfork children in turn, each
 * step harmless alone.  The children exit, die of SIGSEGV, fail two execs
 * and make one, leave a grandchild behind, vfork again, and change the
 * shared address space (munmap of the parent's 8 KiB, a populated 1 MiB
 * mapping, brk).  Each child's exit frees its kernel stack while the
 * parent's address space is loaded; the next child reuses the slot.  The
 * kernel once left the old stack's translation in the TLB (kernel
 * mappings are global): the new child's first frame went to the freed
 * page and the switch to it returned to address 0. */
static volatile int *seq_flag;		/* MAP_SHARED: the grandchild says it is done */

static int vfork_exit_status(void (*child)(void))
{
	tap_flush();
	pid_t pid = vfork();
	if (pid == 0) {
		child();
		_exit(99);
	}
	int status = -1;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void seq_write(void)	{ global_word = 11; _exit(0); }
static void seq_segv(void)	{ *(volatile int *)(unsigned long)global_word = 1; }

static const char seq_notelf[] = "cow_vfork.notelf";
static void seq_execs(void)
{
	char *argv[] = { (char *)self, "--exit", "5", NULL };
	if (execve("/no/such/program", argv, environ) == 0 || errno != ENOENT)
		_exit(20);
	if (execve(seq_notelf, argv, environ) == 0 || errno != ENOEXEC)
		_exit(21);
	execve(self, argv, environ);
	_exit(22);
}

static void seq_grandchild(void)
{
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		while (getppid() == me)		/* outlive the vfork child */
			sched_yield();
		*seq_flag = 1;
		_exit(0);
	}
	_exit(pid > 0 ? 0 : 30);
}

static void seq_nested(void)
{
	pid_t pid = vfork();
	if (pid == 0)
		_exit(6);
	int status = -1;
	_exit(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 6 ? 0 : 40);
}

static char *volatile seq_region;
static void seq_mm(void)
{
	unsigned char vec[2];
	if (munmap(seq_region, 2 * PAGE))
		_exit(50);
	if (mincore(seq_region, 2 * PAGE, vec) == 0 || errno != ENOMEM)
		_exit(53);			/* gone from the one address space */
	child_map = mmap(NULL, 256 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (child_map == MAP_FAILED)
		_exit(51);
	if (sbrk(64 * 1024) == (void *)-1)
		_exit(52);
	_exit(0);
}

static int one_sequence(void)
{
	int st;
	global_word = 0;
	EXPECT_EQ(vfork_exit_status(seq_write), 0);
	EXPECT_EQ(global_word, 11);
	global_word = 0;			/* the address seq_segv writes to */
	st = vfork_exit_status(seq_segv);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	EXPECT_EQ(vfork_exit_status(seq_execs), 5 << 8);
	*seq_flag = 0;
	EXPECT_EQ(vfork_exit_status(seq_grandchild), 0);
	while (!*seq_flag)			/* the orphan's parent (init) reaps it */
		sched_yield();
	EXPECT_EQ(vfork_exit_status(seq_nested), 0);
	seq_region = map_private(2);
	EXPECT(seq_region);
	seq_region[0] = 1;
	void *brk0 = sbrk(0);
	child_map = NULL;
	EXPECT_EQ(vfork_exit_status(seq_mm), 0);
	EXPECT(child_map && child_map[PAGE] == 0);
	EXPECT_EQ(munmap(child_map, 256 * PAGE), 0);
	EXPECT_EQ((char *)sbrk(0) - (char *)brk0, 64 * 1024);
	EXPECT_EQ(brk(brk0), 0);
	return 1;
}

static int vfork_sequence(void)
{
	int fd = open(seq_notelf, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "not an ELF file\n", 16), 16);
	close(fd);
	seq_flag = (volatile int *)map_shared(1);
	EXPECT(seq_flag);
	int ok = 1;
	for (int round = 0; round < 8 && ok; round++)
		ok = one_sequence();
	unlink(seq_notelf);
	return ok;
}

static const struct check checks[] = {
	CHECK("the vfork child's write to a global is the parent's", child_write_global),
	CHECK("the vfork child's write to the parent's stack variable is the parent's",
	      child_write_stack),
	CHECK("the vfork child writes 16 of the parent's pages: no fault, the parent sees them",
	      child_writes_pages),
	CHECK("the parent runs again only after the child's _exit", parent_waits_for_exit),
	CHECK("a mapping the vfork child makes is in the parent's address space",
	      child_mmap_is_parents),
	CHECK("the vfork child has its own pid and the parent as its parent", child_identity),
	CHECK("the vfork child's faults map pages for the parent: it reads them without a fault",
	      child_faults_for_parent),
	CHECK("a vfork child killed by SIGSEGV releases the parent, which sees its writes",
	      child_killed),
	CHECK("vfork write-protects nothing: the parent's writes after it take no fault",
	      parent_no_faults_after),
	CHECK("50 vfork children in turn, each adding one to the parent's word",
	      fifty_children_count),
	CHECK("vfork + execve: the parent resumes at the exec, sees the earlier write, keeps "
	      "its pages", child_execs),
	CHECK("a parent ignoring SIGCHLD: 20 vfork children leave no zombie, the parent goes on",
	      child_of_sigchld_ignorer),
	CHECK("vfork children in turn: exit, SIGSEGV, failed and good execs, an orphan, "
	      "a nested vfork, munmap+MAP_POPULATE+brk (8 rounds)", vfork_sequence),
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--exec-child"))
		return exec_child(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--exit"))
		return atoi(argv[2]);
	self = argv[0];
	return run_checks(checks, NCHECKS(checks));
}

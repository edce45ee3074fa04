/* tests/user/proc_fork.c — fork and vfork: who returns what, whose memory
 * is whose, a chain of nested forks, process ids, sched_yield and uname.
 * A child reports what it saw through its exit code (0: all as expected). */
#include "check.h"
#include <stdlib.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/utsname.h>

static int global = 1;			/* .data: copied on write by fork */
static int zeroed;			/* .bss */

/* fork returns the child's pid to the parent and 0 to the child; the
 * child's pid is what getpid says in the child and what wait4 returns. */
static int fork_returns(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(getpid() & 0xff);		/* low byte of our own pid */
	EXPECT(pid > 0);
	EXPECT(pid != getpid());
	int status;
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), pid & 0xff);
	return 1;
}

static int child_getppid(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0)
		_exit(getppid() == parent ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	return 1;
}

/* What the child sees: the parent's values, in data, bss, heap and stack. */
static int child_sees_parent_data(void)
{
	volatile int on_stack = 11;
	char *heap = malloc(64);
	EXPECT(heap);
	strcpy(heap, "from the parent");
	global = 5;
	zeroed = 6;
	pid_t pid = fork();
	if (pid == 0)
		_exit(global == 5 && zeroed == 6 && on_stack == 11 &&
		      !strcmp(heap, "from the parent") ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	free(heap);
	return 1;
}

/* A child's writes (data, bss, heap, stack, an anonymous mapping) are
 * its own copy: the parent's values do not change. */
static int child_writes_invisible(void)
{
	volatile int on_stack = 11;
	char *heap = malloc(64);
	char *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(heap && map != MAP_FAILED);
	strcpy(heap, "parent");
	strcpy(map, "parent map");
	global = 5;
	pid_t pid = fork();
	if (pid == 0) {
		global = 99;
		zeroed = 98;
		on_stack = 97;
		strcpy(heap, "child");
		strcpy(map, "child map");
		_exit(global == 99 && !strcmp(heap, "child") && !strcmp(map, "child map") ? 0 : 1);
	}
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(global, 5);
	EXPECT_EQ(zeroed, 0);
	EXPECT_EQ(on_stack, 11);
	EXPECT(!strcmp(heap, "parent"));
	EXPECT(!strcmp(map, "parent map"));
	free(heap);
	munmap(map, 4096);
	return 1;
}

/* The parent's writes after fork are invisible to the child, too. */
static int parent_writes_invisible(void)
{
	global = 7;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 20; i++)
			sched_yield();		/* let the parent write first */
		_exit(global == 7 ? 0 : 1);
	}
	global = 8;
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(global, 8);
	return 1;
}

/* vfork: the child borrows the parent's memory, and the parent waits
 * until the child exits, so it sees everything the child wrote. */
static volatile int vfork_shared;

static int vfork_shares_memory(void)
{
	vfork_shared = 1;
	pid_t pid = vfork();
	if (pid == 0) {
		for (int i = 0; i < 20; i++)
			sched_yield();		/* the parent must still be waiting */
		vfork_shared = 2;
		_exit(5);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(vfork_shared, 2);		/* written before the parent resumed */
	int status = wait_status(pid);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 5);
	return 1;
}

/* Each process of a chain forks the next one, waits for it and exits
 * with its child's status plus one; every link checks its parent. */
#define CHAIN_DEPTH	6

static int chain(int depth)
{
	if (depth == 0)
		return 0;
	pid_t me = getpid();
	tap_flush();
	pid_t pid = fork();
	if (pid < 0)
		return 100;
	if (pid == 0) {
		if (getppid() != me)
			_exit(200);
		_exit(chain(depth - 1));
	}
	int status = wait_status(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) >= 100)
		return 100;
	return WEXITSTATUS(status) + 1;
}

static int chain_main(void)
{
	return chain(CHAIN_DEPTH);
}

static int nested_fork_chain(void)
{
	int status = run_in_child(chain_main);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), CHAIN_DEPTH);
	return 1;
}

/* Many children alive at once, reaped in any order: each one exactly once. */
static int many_children(void)
{
	enum { N = 8 };
	pid_t pids[N];
	int seen[N] = { 0 };
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(10 + i);
		EXPECT(pids[i] > 0);
	}
	for (int n = 0; n < N; n++) {
		int status;
		pid_t pid = wait(&status);
		int i = 0;
		while (i < N && pids[i] != pid)
			i++;
		EXPECT(i < N);
		EXPECT_EQ(WEXITSTATUS(status), 10 + i);
		seen[i]++;
	}
	for (int i = 0; i < N; i++)
		EXPECT_EQ(seen[i], 1);
	EXPECT_ERRNO(wait(NULL), ECHILD);
	return 1;
}

static int getpid_stable(void)
{
	pid_t pid = getpid();
	EXPECT(pid > 0);
	EXPECT_EQ(getpid(), pid);
	EXPECT(getppid() > 0);
	EXPECT(getppid() != pid);
	return 1;
}

static int sched_yield_returns(void)
{
	for (int i = 0; i < 10; i++)
		EXPECT_EQ(sched_yield(), 0);
	return 1;
}

/* Every field is NUL-terminated; the machine is x86_64. */
static int uname_fields(void)
{
	struct utsname u;
	memset(&u, 'x', sizeof(u));
	EXPECT_EQ(uname(&u), 0);
	EXPECT(memchr(u.sysname, 0, sizeof(u.sysname)) && u.sysname[0]);
	EXPECT(memchr(u.nodename, 0, sizeof(u.nodename)));
	EXPECT(memchr(u.release, 0, sizeof(u.release)) && u.release[0]);
	EXPECT(memchr(u.version, 0, sizeof(u.version)));
	EXPECT(memchr(u.machine, 0, sizeof(u.machine)));
	EXPECT(!strcmp(u.machine, "x86_64"));
	diag("uname: %s %s %s", u.sysname, u.release, u.machine);
	return 1;
}

static const struct check checks[] = {
	CHECK("fork returns 0 in the child and its pid in the parent", fork_returns),
	CHECK("the child's getppid is the parent's pid", child_getppid),
	CHECK("the child sees the parent's data, bss, heap and stack", child_sees_parent_data),
	CHECK("the child's writes are invisible to the parent", child_writes_invisible),
	CHECK("the parent's writes after fork are invisible to the child", parent_writes_invisible),
	CHECK("vfork: the parent waits and sees the child's writes", vfork_shares_memory),
	CHECK("a chain of 6 nested forks, each waiting for the next", nested_fork_chain),
	CHECK("8 children at once, each reaped exactly once, then ECHILD", many_children),
	CHECK("getpid is stable and differs from getppid", getpid_stable),
	CHECK("sched_yield returns 0", sched_yield_returns),
	CHECK("uname: NUL-terminated fields, machine x86_64", uname_fields),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/cow_stress.c — 200 short-lived children created and reaped
 * in a loop, each sharing (and some writing) the parent's pages
 * copy-on-write.  Every exit status arrives, at the right pid; the
 * parent's pages survive them all; and (the runner's check, and on
 * faultline this program's too) the free memory comes back. */
#include "cow.h"

#define CHILDREN	200
#define BATCH		20		/* alive at once, in the batched check */
#define N		8UL		/* pages the children inherit */

static char *pages;

static int stamped_parent(void)
{
	pages = map_private(N);
	EXPECT(pages);
	stamp_pages(pages, N, 0xa);
	return 1;
}

/* Child i: writes its own stamp over every page (if write), checks it, and
 * exits with i; 255 if what it saw was wrong. */
static void child(int i, int write)
{
	int ok = stamped(pages, N, 0xa, "child, before writing");
	if (write) {
		stamp_pages(pages, N, 0x100 + i);
		ok &= stamped(pages, N, 0x100 + i, "child, after writing");
	}
	_exit(ok ? i : 255);
}

/* One child at a time: fork, reap, status. */
static int one_at_a_time(int write)
{
	EXPECT(stamped_parent());
	for (int i = 0; i < CHILDREN; i++) {
		pid_t pid = fork_flushed();
		if (pid == 0)
			child(i, write);
		EXPECT(pid > 0);
		if (!reap(pid, i)) {
			diag("child %d of %d", i, CHILDREN);
			return 0;
		}
	}
	EXPECT_EQ(waitpid(-1, NULL, WNOHANG), -1);
	EXPECT_EQ(errno, ECHILD);
	EXPECT(stamped(pages, N, 0xa, "parent, after the children"));
	return 1;
}

static int reading_children(void)
{
	return one_at_a_time(0);
}

static int writing_children(void)
{
	return one_at_a_time(1);
}

/* BATCH children alive at once, reaped by wait() in whatever order they
 * end; each pid's status is its own. */
static int batches(void)
{
	static pid_t pids[BATCH];
	EXPECT(stamped_parent());
	for (int round = 0; round < CHILDREN / BATCH; round++) {
		for (int j = 0; j < BATCH; j++) {
			pids[j] = fork_flushed();
			if (pids[j] == 0)
				child(round * BATCH + j, j & 1);
			EXPECT(pids[j] > 0);
		}
		for (int reaped = 0; reaped < BATCH; reaped++) {
			int status = -1, j;
			pid_t pid = wait(&status);
			for (j = 0; j < BATCH && pids[j] != pid; j++)
				;
			if (j == BATCH) {
				diag("round %d: wait returned %d (errno %d), not one of ours", round,
				     pid, errno);
				return 0;
			}
			if (!WIFEXITED(status) || WEXITSTATUS(status) != round * BATCH + j) {
				explain_status("child", status, round * BATCH + j);
				return 0;
			}
			pids[j] = 0;
		}
	}
	EXPECT_EQ(wait(NULL), -1);
	EXPECT_EQ(errno, ECHILD);
	EXPECT(stamped(pages, N, 0xa, "parent, after the children"));
	return 1;
}

/* After 200 children that each wrote every page (and are gone), the
 * parent is the only mapper again: one fault per page, each a reuse. */
static int parent_after_children(int vmstat)
{
	struct counts d;
	EXPECT(one_at_a_time(1));
	measure(&d, write_bytes, pages, N, 'p');
	if (vmstat) {
		EXPECT_EQ(d.wp_reuse, N);
		EXPECT_EQ(d.wp_copy, 0);
	} else {
		EXPECT_EQ(d.minflt, N);
	}
	return 1;
}

static int parent_faults_after(void)
{
	return parent_after_children(0);
}

static int parent_reuses_after(void)
{
	return parent_after_children(1);
}

/* MemFree before the first child and after the last is reaped. */
static int memory_comes_back(void)
{
	static pid_t pids[BATCH];
	EXPECT(stamped_parent());
	/* Everything we write below is ours already (not shared with the
	 * runner, whose child we are): pids, and stdout's FILE, which
	 * fork_flushed's tap_flush writes. */
	write_bytes((char *)pids, 1, 0);
	tap_flush();
	mem_free_kb();
	long before = mem_free_kb();
	for (int round = 0; round < CHILDREN / BATCH; round++) {
		for (int j = 0; j < BATCH; j++) {
			pids[j] = fork_flushed();
			if (pids[j] == 0)
				child(0, 1);
			EXPECT(pids[j] > 0);
		}
		for (int j = 0; j < BATCH; j++)
			EXPECT(reap(pids[j], 0));
	}
	EXPECT_EQ(mem_free_kb(), before);
	return 1;
}

static const struct check checks[] = {
	CHECK("200 children one at a time, reading the parent's pages: each exit status arrives",
	      reading_children),
	CHECK("200 children one at a time, each writing every inherited page: each status arrives",
	      writing_children),
	CHECK("10 rounds of 20 children alive at once, reaped in any order: each pid's status",
	      batches),
	CHECK("after 200 writing children, the parent's writes fault once per page",
	      parent_faults_after),
	FAULTLINE_ONLY("after 200 writing children, the parent's writes reuse its pages",
		       parent_reuses_after, WHY_VMSTAT),
	FAULTLINE_ONLY("MemFree after 200 children reaped is what it was before the first",
		       memory_comes_back, WHY_MEMFREE),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

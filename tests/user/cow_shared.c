/* tests/user/cow_shared.c — fork with shared anonymous memory
 * (MAP_SHARED|MAP_ANONYMOUS): parent and child map the same pages, so
 * each one's writes are seen by the other, in both directions, while both
 * run; nothing is copied.
 *
 * faultline backs such a mapping with an unnamed ramfs file, as Linux does
 * with a shmem file, and fork does not copy its PTEs (nor write-protect the
 * parent's): the child faults each page in from the file when it first
 * touches it, the parent does not fault at all. */
#include "cow.h"

#define N	16UL

/* A shared mapping of N pages stamped with tag (NULL: stamp nothing). */
static char *shared_stamped(unsigned long tag)
{
	char *p = map_shared(N);
	if (p && tag)
		stamp_pages(p, N, tag);
	return p;
}

static int child_sees_before(void)
{
	char *p = shared_stamped(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(stamped(p, N, 0xa, "child") ? 0 : 1);
	EXPECT(reap(pid, 0));
	return 1;
}

static int parent_sees_child(void)
{
	char *p = shared_stamped(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(p, N, 0xc);
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xc, "parent, after the child exited"));
	return 1;
}

/* While both run: the parent writes, the child sees it; the child
 * answers, the parent sees that. */
static int child_answers(volatile int *turns, char *p)
{
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(stamped(p, N, 0xb, "child, after the parent wrote"));
	stamp_pages(p, N, 0xc);
	turn_give(turns, 1, 1);
	return 1;
}

static int both_directions_live(void)
{
	volatile int *turns = turns_new();
	char *p = shared_stamped(0xa);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_answers(turns, p) ? 0 : 1);
	stamp_pages(p, N, 0xb);
	turn_give(turns, 0, 1);
	int ok = turn_wait(turns, 1, 1) && stamped(p, N, 0xc, "parent, while the child lives");
	EXPECT(reap(pid, 0));
	EXPECT(ok);
	return 1;
}

/* Pages nobody touched before fork: each side writes half, and sees the
 * other half written by the other. */
static int child_half(volatile int *turns, char *p)
{
	stamp_pages(p, N / 2, 0xc);
	turn_give(turns, 1, 1);
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(stamped(p + N / 2 * PAGE, N / 2, 0xb, "child"));
	return 1;
}

static int untouched_pages_halves(void)
{
	volatile int *turns = turns_new();
	char *p = shared_stamped(0);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_half(turns, p) ? 0 : 1);
	stamp_pages(p + N / 2 * PAGE, N / 2, 0xb);
	turn_give(turns, 0, 1);
	int ok = turn_wait(turns, 1, 1) && stamped(p, N / 2, 0xc, "parent");
	EXPECT(reap(pid, 0));
	EXPECT(ok);
	return 1;
}

/* Ping-pong in one shared word: the parent writes the odd numbers, the
 * child the even ones, each after seeing the other's. */
#define ROUNDS	100

static int pong(volatile long *ball)
{
	for (long i = 1; i < 2 * ROUNDS; i += 2) {
		struct timespec t0, t;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		while (*ball != i) {
			sched_yield();
			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t0.tv_sec > 5) {
				diag("child: the ball is %ld, want %ld", *ball, i);
				return 0;
			}
		}
		*ball = i + 1;
	}
	return 1;
}

static int ping_pong(void)
{
	volatile long *ball = (volatile long *)shared_stamped(0);
	EXPECT(ball);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(pong(ball) ? 0 : 1);
	int ok = 1;
	for (long i = 1; ok && i < 2 * ROUNDS; i += 2) {
		*ball = i;
		struct timespec t0, t;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		while (ok && *ball != i + 1) {
			sched_yield();
			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t0.tv_sec > 5) {
				diag("parent: the ball is %ld, want %ld", *ball, i + 1);
				ok = 0;
			}
		}
	}
	EXPECT(reap(pid, 0));
	EXPECT(ok);
	EXPECT_EQ(*ball, 2 * ROUNDS);
	return 1;
}

/* A private and a shared mapping side by side: only the shared one's
 * writes cross. */
static int private_beside_shared(void)
{
	char *s = shared_stamped(0xa), *p = map_private(N);
	EXPECT(s && p);
	stamp_pages(p, N, 0xa);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(s, N, 0xc);
		stamp_pages(p, N, 0xc);
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(s, N, 0xc, "parent's shared mapping"));
	EXPECT(stamped(p, N, 0xa, "parent's private mapping"));
	return 1;
}

/* Shared with the grandchild too. */
static int middle(char *p)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(p, N, 0xd);
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xd, "middle"));
	return 1;
}

static int grandchild_reaches_top(void)
{
	char *p = shared_stamped(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(middle(p) ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xd, "grandparent"));
	return 1;
}

/* The child unmaps its view: the parent's stays, with the data. */
static int child_unmaps(void)
{
	char *p = shared_stamped(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(p, N / 2, 0xc);
		_exit(munmap(p, N * PAGE) == 0 ? 0 : 1);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N / 2, 0xc, "parent"));
	EXPECT(stamped_range(p, N / 2, N / 2, 0xa, "parent"));
	stamp_pages(p, N, 0xb);
	EXPECT(stamped(p, N, 0xb, "parent, writing after the child's munmap"));
	return 1;
}

/* MADV_DONTNEED in the child drops its PTEs only: the pages are the
 * mapping's (the file's), so the child reads the data again, and the
 * parent never lost it. */
static int child_dontneed_body(char *p)
{
	EXPECT_EQ(madvise(p, N * PAGE, MADV_DONTNEED), 0);
	EXPECT(stamped(p, N, 0xa, "child, after MADV_DONTNEED"));
	stamp_pages(p, N / 2, 0xc);
	return 1;
}

static int child_dontneed(void)
{
	char *p = shared_stamped(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_dontneed_body(p) ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N / 2, 0xc, "parent"));
	EXPECT(stamped_range(p, N / 2, N / 2, 0xa, "parent"));
	return 1;
}

/* The child's first write to each shared page the parent wrote: one fault
 * (fork copied no PTE of the shared mapping), no copy. */
static int child_shared_write_cost(int vmstat)
{
	char *p = shared_stamped(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		struct counts d;
		measure(&d, write_bytes, p, N, 'c');
		if (vmstat && (d.wp_copy != 0 || d.shared_write != N)) {
			diag("child: fault_wp_copy +%ld, fault_file_shared_write +%ld; want +0, +%lu",
			     d.wp_copy, d.shared_write, N);
			_exit(1);
		}
		if (!vmstat && d.minflt != N) {
			diag("child: %ld faults, want %lu", d.minflt, N);
			_exit(1);
		}
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	EXPECT(bytes_are(p, N, 'c', "parent"));
	return 1;
}

static int child_shared_write_faults(void)
{
	return child_shared_write_cost(0);
}

static int child_shared_write_paths(void)
{
	return child_shared_write_cost(1);
}

/* The parent's PTEs of the shared mapping stay writable across fork: its
 * writes, while the child lives and after, take no fault. */
static int parent_shared_no_faults(void)
{
	volatile int *turns = turns_new();
	char *p = shared_stamped(0xa);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(turn_wait(turns, 0, 1) && bytes_are(p, N, 'p', "child") ? 0 : 1);
	struct counts live, after;
	measure(&live, write_bytes, p, N, 'p');
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	measure(&after, write_bytes, p, N, 'q');
	EXPECT_EQ(live.minflt, 0);
	EXPECT_EQ(after.minflt, 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("the child sees what the parent wrote before fork", child_sees_before),
	CHECK("the parent sees what the child wrote", parent_sees_child),
	CHECK("both run: the parent's writes reach the child, the child's the parent",
	      both_directions_live),
	CHECK("pages untouched before fork: each side sees the half the other wrote",
	      untouched_pages_halves),
	CHECK("ping-pong of 100 rounds in one shared word", ping_pong),
	CHECK("a private mapping beside it stays private", private_beside_shared),
	CHECK("a grandchild's writes reach its grandparent", grandchild_reaches_top),
	CHECK("the child unmaps its view: the parent keeps the pages and the data",
	      child_unmaps),
	CHECK("MADV_DONTNEED in the child: the shared data stays, its later writes still reach "
	      "the parent", child_dontneed),
	CHECK("the child's first write to each of 16 shared pages: one fault each",
	      child_shared_write_faults),
	FAULTLINE_ONLY("those writes copy nothing: fault_wp_copy +0, fault_file_shared_write +16",
		       child_shared_write_paths, WHY_VMSTAT),
	CHECK("the parent's writes to its shared pages, during and after the child: no fault",
	      parent_shared_no_faults),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

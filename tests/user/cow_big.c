/* tests/user/cow_big.c — fork of a process with 64 MiB written: the child
 * reads all of it, writes all of it (one copy-on-write fault per page),
 * exits; no page is lost or leaked, and the parent's pages are intact.
 *
 * One scenario, so a table of steps run in order in one process (they
 * share the mapping).  Every word of every page carries a stamp saying who
 * wrote it and which page it is, so a page mapped at the wrong place, or
 * a copy of the wrong page, shows.  The runner checks MemFree after the
 * program; on faultline the steps also check it at the points where it
 * must have come back (Linux's MemFree moves on its own).
 *
 * The child reports through its exit status, one bit per thing it checks
 * (0: everything as expected); its diagnostics say what it saw. */
#include "cow.h"

#define NPAGES	16384UL			/* 64 MiB */

enum child_bits {
	SAW_PARENT = 1,			/* every word of the parent's stamp */
	WRITE_FAULTS = 2,		/* its writes: one fault per page */
	KEPT_OWN = 4,			/* its pages hold its own stamp afterwards */
};

static char *big;
static int child_status = -1;		/* the child's wait status */
static long free_before_fork, free_before_map;

static void stamp_child(char *p, unsigned long n, char v)
{
	(void)v;
	stamp_pages(p, n, 0xc);
}

static void stamp_parent_again(char *p, unsigned long n, char v)
{
	(void)v;
	stamp_pages(p, n, 0xb);
}

/* The child: check, write, check; which of enum child_bits failed. */
static int child(void)
{
	struct counts d;
	int failed = 0;
	if (!stamped(big, NPAGES, 0xa, "child, before writing"))
		failed |= SAW_PARENT;
	measure(&d, stamp_child, big, NPAGES, 0);
	if (d.minflt != (long)NPAGES) {
		diag("child: writing %lu pages took %ld faults", NPAGES, d.minflt);
		failed |= WRITE_FAULTS;
	}
	if (!stamped(big, NPAGES, 0xc, "child, after writing"))
		failed |= KEPT_OWN;
	return failed;
}

static int parent_writes_64m(void)
{
	free_before_map = mem_free_kb();
	big = map_private(NPAGES);
	EXPECT(big);
	stamp_pages(big, NPAGES, 0xa);
	EXPECT(stamped(big, NPAGES, 0xa, "parent"));
	return 1;
}

static int fork_and_reap(void)
{
	EXPECT(big);
	free_before_fork = mem_free_kb();
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child());
	EXPECT(pid > 0);
	EXPECT_EQ(waitpid(pid, &child_status, 0), pid);
	EXPECT(WIFEXITED(child_status));
	return 1;
}

static int child_bit_ok(int bit)
{
	EXPECT(WIFEXITED(child_status));
	EXPECT(!(WEXITSTATUS(child_status) & bit));
	return 1;
}

static int child_saw_parent(void)
{
	return child_bit_ok(SAW_PARENT);
}

static int child_write_faults(void)
{
	return child_bit_ok(WRITE_FAULTS);
}

static int child_kept_own(void)
{
	return child_bit_ok(KEPT_OWN);
}

static int parent_intact(void)
{
	EXPECT(big);
	EXPECT(stamped(big, NPAGES, 0xa, "parent, after the child exited"));
	return 1;
}

/* The child's 16384 copies, its page tables and everything else it had
 * are free again once it is reaped. */
static int memfree_after_reap(void)
{
	long now = mem_free_kb();
	EXPECT(free_before_fork > 0);
	EXPECT_EQ(now, free_before_fork);
	return 1;
}

/* The parent's PTEs are still read-only: each page faults once more, and
 * (faultline's counters) is reused, not copied: the child is gone. */
static struct counts after_exit;

static int parent_write_faults(void)
{
	EXPECT(big);
	measure(&after_exit, stamp_parent_again, big, NPAGES, 0);
	EXPECT_EQ(after_exit.minflt, NPAGES);
	EXPECT(stamped(big, NPAGES, 0xb, "parent, after writing again"));
	return 1;
}

static int parent_write_reuses(void)
{
	EXPECT_EQ(after_exit.wp_reuse, NPAGES);
	EXPECT_EQ(after_exit.wp_copy, 0);
	return 1;
}

/* munmap gives back all 16384 pages (page tables may stay until exit). */
static int memfree_after_munmap(void)
{
	EXPECT(big);
	long before = mem_free_kb();
	EXPECT_EQ(munmap(big, NPAGES * PAGE), 0);
	big = NULL;
	long after = mem_free_kb();
	EXPECT(after - before >= (long)(NPAGES * PAGE / 1024));
	EXPECT(after <= free_before_map);
	return 1;
}

static const struct check steps[] = {
	CHECK("the parent writes 64 MiB (16384 pages)", parent_writes_64m),
	CHECK("fork; the child reads, writes all 64 MiB and exits", fork_and_reap),
	CHECK("the child saw every word of the parent's 16384 pages", child_saw_parent),
	CHECK("the child's writes took one fault per page (16384)", child_write_faults),
	CHECK("the child's 16384 pages held its own writes", child_kept_own),
	CHECK("the parent's 16384 pages are unchanged after the child exits", parent_intact),
	FAULTLINE_ONLY("MemFree after reaping the child is what it was before fork",
		       memfree_after_reap, WHY_MEMFREE),
	CHECK("the parent's writes after the child exits: one fault per page (16384)",
	      parent_write_faults),
	FAULTLINE_ONLY("those writes reuse every page: fault_wp_reuse +16384, fault_wp_copy +0",
		       parent_write_reuses, WHY_VMSTAT),
	FAULTLINE_ONLY("munmap of the 64 MiB frees its 16384 pages", memfree_after_munmap,
		       WHY_MEMFREE),
};

int main(void)
{
	return run_steps(steps, NCHECKS(steps));
}

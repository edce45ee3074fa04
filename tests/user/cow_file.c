/* tests/user/cow_file.c — fork of a private file mapping that is partly
 * copied-on-write already.
 *
 * The file has NP pages.  The parent maps it MAP_PRIVATE, reads every page
 * (each PTE maps the page-cache page, read-only) and writes the first
 * COWED of them (its own anonymous copies), then forks.  The child then
 * maps the parent's copies (shared copy-on-write between the two) and the
 * file's pages (the page cache itself).  Whatever either writes becomes
 * its own copy: it reaches neither the other nor the file, while a page
 * nobody wrote still shows what is written to the file later.  Two more
 * cases: a private mapping only read before fork, and a MAP_SHARED one.
 *
 * Stamps: the file's page i holds stamp_word(0xf, i, k) in word k; the
 * parent writes tag 0xa, the child 0xc. */
#include "cow.h"

#define NP	8UL			/* pages of the file */
#define COWED	4UL			/* the first COWED are the parent's copies at fork */

struct fixture {
	char name[64];
	int fd;
	char *m;			/* MAP_PRIVATE of the whole file */
	char *buf;			/* NP pages of scratch, for pread/pwrite */
};

static struct fixture f;

enum kind {
	COWED_AT_FORK,			/* MAP_PRIVATE, every page read, the first COWED written */
	READ_AT_FORK,			/* MAP_PRIVATE, every page read, none written */
	SHARED_AT_FORK,			/* MAP_SHARED, every page read */
};

/* The file, stamped 0xf, and its mapping, as kind says. */
static int setup(enum kind kind)
{
	int shared = kind == SHARED_AT_FORK;
	f.m = f.buf = NULL;
	snprintf(f.name, sizeof(f.name), "cow_file.%d.tmp", getpid());
	f.fd = open(f.name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(f.fd >= 0);
	f.buf = map_private(NP);
	EXPECT(f.buf);
	stamp_pages(f.buf, NP, 0xf);
	EXPECT_EQ(pwrite(f.fd, f.buf, NP * PAGE, 0), NP * PAGE);
	char *m = mmap(NULL, NP * PAGE, PROT_READ | PROT_WRITE, shared ? MAP_SHARED : MAP_PRIVATE,
		       f.fd, 0);
	EXPECT(m != MAP_FAILED);
	f.m = m;
	read_bytes(f.m, NP, 0);
	if (kind == COWED_AT_FORK)
		stamp_pages(f.m, COWED, 0xa);
	return 1;
}

/* Undo what setup did, whatever it got to: a check leaves no file behind
 * even when it fails (the runner would count its pages as leaked). */
static void teardown(void)
{
	if (f.m)
		munmap(f.m, NP * PAGE);
	if (f.buf)
		munmap(f.buf, NP * PAGE);
	if (f.fd >= 0)
		close(f.fd);
	unlink(f.name);
}

/* Run body with a fresh fixture, then tear it down; body's result. */
static int fixture(enum kind kind, int (*body)(void))
{
	int ok = setup(kind) && body();
	teardown();
	return ok;
}

/* The file's bytes, read with pread (not through any mapping), hold
 * stamp tag on pages [first, first + n). */
static int file_holds(unsigned long first, unsigned long n, unsigned long tag)
{
	EXPECT_EQ(pread(f.fd, f.buf, NP * PAGE, 0), NP * PAGE);
	EXPECT(stamped_range(f.buf, first, n, tag, "the file"));
	return 1;
}

/* What the parent's mapping holds at fork: its copies, then the file. */
static int view_at_fork(const char *who)
{
	EXPECT(stamped_range(f.m, 0, COWED, 0xa, who));
	EXPECT(stamped_range(f.m, COWED, NP - COWED, 0xf, who));
	return 1;
}

static int (*child_fn)(void);		/* what with_child's child runs */

/* Run child_fn in a child; then check the parent's view and the file are
 * as at fork.  1 if all held. */
static int child_then_check(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_fn() ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT(view_at_fork("parent, after the child exited"));
	EXPECT(file_holds(0, NP, 0xf));
	return 1;
}

static int with_child(int (*fn)(void))
{
	child_fn = fn;
	return fixture(COWED_AT_FORK, child_then_check);
}

static int child_view(void)
{
	return view_at_fork("child");
}

static int child_sees_copies_and_file(void)
{
	return with_child(child_view);
}

static int child_writes_all(void)
{
	stamp_pages(f.m, NP, 0xc);
	EXPECT(stamped(f.m, NP, 0xc, "child"));
	EXPECT(file_holds(0, NP, 0xf));
	return 1;
}

static int child_writes_reach_nobody(void)
{
	return with_child(child_writes_all);
}

/* The child's write to each page: one fault (a copy of the parent's copy,
 * or of the page-cache page). */
static int child_write_faults(void)
{
	struct counts d;
	measure(&d, write_bytes, f.m, NP, 'c');
	EXPECT_EQ(d.minflt, NP);
	return 1;
}

static int child_write_copies(void)
{
	struct counts d;
	measure(&d, write_bytes, f.m, NP, 'c');
	EXPECT_EQ(d.wp_copy, NP);
	EXPECT_EQ(d.wp_reuse, 0);
	EXPECT_EQ(d.file_cow, 0);		/* every page was mapped: do_wp_page */
	return 1;
}

static int child_faults_once_per_page(void)
{
	return with_child(child_write_faults);
}

static int child_copies_every_page(void)
{
	return with_child(child_write_copies);
}

/* The parent writes the file's pages after fork; the child looks after. */
static int child_after_parent(volatile int *turns)
{
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(view_at_fork("child, after the parent wrote"));
	return 1;
}

static volatile int *turns;

static int parent_writes_body(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_after_parent(turns) ? 0 : 1);
	stamp_pages(f.m, NP, 0xb);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(f.m, NP, 0xb, "parent"));
	EXPECT(file_holds(0, NP, 0xf));
	return 1;
}

static int parent_writes_reach_nobody(void)
{
	turns = turns_new();
	EXPECT(turns);
	return fixture(COWED_AT_FORK, parent_writes_body);
}

/* After fork the parent pwrites page 6 of the file: both mappings show it
 * there (nobody has a copy of it), and still their copies elsewhere. */
#define LATER	6UL

static int later_view(const char *who)
{
	EXPECT(stamped_range(f.m, 0, COWED, 0xa, who));
	EXPECT(stamped_range(f.m, COWED, LATER - COWED, 0xf, who));
	EXPECT(stamped_range(f.m, LATER, 1, 0xe, who));
	EXPECT(stamped_range(f.m, LATER + 1, NP - LATER - 1, 0xf, who));
	return 1;
}

static int child_sees_later(volatile int *turns)
{
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(later_view("child"));
	return 1;
}

static int later_body(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_sees_later(turns) ? 0 : 1);
	stamp_pages(f.buf, NP, 0xe);
	ssize_t n = pwrite(f.fd, f.buf + LATER * PAGE, PAGE, LATER * PAGE);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(n, PAGE);
	EXPECT(later_view("parent"));
	return 1;
}

static int later_file_write_seen(void)
{
	turns = turns_new();
	EXPECT(turns);
	return fixture(COWED_AT_FORK, later_body);
}

/* After the child exits: the parent's writes fault once per page; its own
 * copies are reused, the file's pages copied. */
static int vmstat;			/* parent_after_exit: check the paths, not the count */

static int parent_after_exit(void)
{
	struct counts d;
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(f.m, NP, 0xc);
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	measure(&d, write_bytes, f.m, NP, 'p');
	if (vmstat) {
		EXPECT_EQ(d.wp_reuse, COWED);
		EXPECT_EQ(d.wp_copy, NP - COWED);
	} else {
		EXPECT_EQ(d.minflt, NP);
	}
	EXPECT(bytes_are(f.m, NP, 'p', "parent"));
	EXPECT(file_holds(0, NP, 0xf));
	return 1;
}

static int parent_after_exit_faults(void)
{
	vmstat = 0;
	return fixture(COWED_AT_FORK, parent_after_exit);
}

static int parent_after_exit_paths(void)
{
	vmstat = 1;
	return fixture(COWED_AT_FORK, parent_after_exit);
}

/* A shared mapping of the same file across fork: the child's writes reach
 * the file and the parent. */
/* Nothing was written before fork: the child's writes (one fault each)
 * copy the file's pages; neither the parent nor the file sees them. */
static int read_only_body(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		struct counts d;
		measure(&d, write_bytes, f.m, NP, 'c');
		if (d.minflt != (long)NP)
			diag("child: %ld faults, want %lu", d.minflt, NP);
		_exit(d.minflt == (long)NP && bytes_are(f.m, NP, 'c', "child") ? 0 : 1);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(f.m, NP, 0xf, "parent"));
	EXPECT(file_holds(0, NP, 0xf));
	return 1;
}

static int read_only_at_fork(void)
{
	return fixture(READ_AT_FORK, read_only_body);
}

static int shared_body(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(f.m, NP, 0xc);
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(f.m, NP, 0xc, "parent's shared mapping"));
	EXPECT(file_holds(0, NP, 0xc));
	return 1;
}

static int shared_file_mapping(void)
{
	return fixture(SHARED_AT_FORK, shared_body);
}

static const struct check checks[] = {
	CHECK("the child sees the parent's 4 private copies and the file's 4 other pages",
	      child_sees_copies_and_file),
	CHECK("the child's writes to all 8 pages reach neither the file nor the parent",
	      child_writes_reach_nobody),
	CHECK("the parent's writes after fork reach neither the file nor the child",
	      parent_writes_reach_nobody),
	CHECK("a page nobody wrote shows a later write to the file, in both",
	      later_file_write_seen),
	CHECK("the child's first write to each of the 8 pages: one fault each",
	      child_faults_once_per_page),
	FAULTLINE_ONLY("the child's 8 writes copy: fault_wp_copy +8, fault_wp_reuse +0, "
		       "fault_file_private_cow +0",
		       child_copies_every_page, WHY_VMSTAT),
	CHECK("after the child exits, the parent's writes fault once per page (8)",
	      parent_after_exit_faults),
	FAULTLINE_ONLY("after the child exits, the parent reuses its 4 copies and copies the 4 "
		       "file pages",  parent_after_exit_paths, WHY_VMSTAT),
	CHECK("only read before fork: the child's 8 writes fault once each, reach nobody",
	      read_only_at_fork),
	CHECK("a MAP_SHARED mapping of the file: the child's writes reach the file and the parent",
	      shared_file_mapping),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

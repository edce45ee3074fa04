/* tests/user/cow_basic.c — fork shares private pages copy-on-write: what
 * each side sees, and what each write costs.
 *
 * After fork, parent and child map the same pages read-only.  The first
 * write to a page by either side takes one fault (do_wp_page) that gives
 * the writer its own copy (wp_page_copy) — or, when the other side no
 * longer maps the page, makes the writer's PTE writable in place
 * (wp_page_reuse).  Reads never fault.  Each fault count is measured in the
 * process that takes the faults (getrusage ru_minflt); faultline's
 * /proc/vmstat also says which path each took (fault_wp_copy,
 * fault_wp_reuse), which Linux does not show.
 *
 * On the zero page: a read fault of fresh anonymous memory maps the shared
 * zero page in Linux 6.1 and faultline, while some Linux versions map a
 * real page; no count below depends on which (a write then takes one fault
 * either way: a zero-page copy or a COW copy). */
#include "cow.h"

#define N	16UL			/* pages per mapping */

static volatile unsigned long data_word = 0x1111;	/* .data */
static volatile unsigned long bss_word;			/* .bss */

/* A mapping of N pages, each stamped with tag in every word. */
static char *stamped_mapping(unsigned long tag)
{
	char *p = map_private(N);
	if (p)
		stamp_pages(p, N, tag);
	return p;
}

/* ---- what each side sees -------------------------------------------------- */

static int child_sees(char *p, char *heap, volatile long *on_stack)
{
	EXPECT(stamped(p, N, 0xa, "child"));
	EXPECT_EQ(data_word, 0xda7a);
	EXPECT_EQ(bss_word, 0xb55);
	EXPECT_EQ(*on_stack, 0x57ac);
	EXPECT(!strcmp(heap, "the parent's heap"));
	return 1;
}

/* The child reads what the parent wrote before fork: a mapping, .data,
 * .bss, the heap and the stack. */
static int child_sees_parent_data(void)
{
	volatile long on_stack = 0x57ac;
	char *p = stamped_mapping(0xa), *heap = malloc(64);
	EXPECT(p && heap);
	strcpy(heap, "the parent's heap");
	data_word = 0xda7a;
	bss_word = 0xb55;
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_sees(p, heap, &on_stack) ? 0 : 1);
	EXPECT(reap(pid, 0));
	return 1;
}

/* The child overwrites everything; the parent's values stay. */
static int child_writes_invisible(void)
{
	volatile long on_stack = 1;
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	data_word = bss_word = 1;
	pid_t pid = fork_flushed();
	if (pid == 0) {
		stamp_pages(p, N, 0xc);
		data_word = bss_word = 2;
		on_stack = 2;
		_exit(stamped(p, N, 0xc, "child") && data_word == 2 && on_stack == 2 ? 0 : 1);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xa, "parent"));
	EXPECT_EQ(data_word, 1);
	EXPECT_EQ(bss_word, 1);
	EXPECT_EQ(on_stack, 1);
	return 1;
}

static int child_after_parent_wrote(volatile int *turns, char *p)
{
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(stamped(p, N, 0xa, "child"));
	EXPECT_EQ(data_word, 1);
	return 1;
}

/* The parent writes after fork, the child looks only after that (turns). */
static int parent_writes_invisible(void)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	data_word = 1;
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_after_parent_wrote(turns, p) ? 0 : 1);
	stamp_pages(p, N, 0xb);
	data_word = 2;
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xb, "parent"));
	EXPECT_EQ(data_word, 2);
	return 1;
}

static int child_writes_then_waits(volatile int *turns, char *p)
{
	stamp_pages(p, N, 0xc);
	turn_give(turns, 1, 1);
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(stamped(p, N, 0xc, "child, after the parent wrote"));
	return 1;
}

/* Both write the same pages, in turns: each keeps its own. */
static int both_write_same_pages(void)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_writes_then_waits(turns, p) ? 0 : 1);
	int ok = turn_wait(turns, 1, 1) && stamped(p, N, 0xa, "parent, after the child wrote");
	stamp_pages(p, N, 0xb);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT(ok);
	EXPECT(stamped(p, N, 0xb, "parent"));
	return 1;
}

/* Three processes share the pages; the middle one writes: neither the
 * grandparent nor the grandchild sees it. */
static int middle_writes(volatile int *turns, char *p)
{
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_after_parent_wrote(turns, p) ? 0 : 1);
	stamp_pages(p, N, 0xb);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xb, "middle"));
	return 1;
}

static int grandchild_shares(void)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	data_word = 1;
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(middle_writes(turns, p) ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xa, "grandparent"));
	return 1;
}

/* The parent unmaps its mapping: the child's view keeps the pages. */
static int child_keeps_after_unmap(volatile int *turns, char *p)
{
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(stamped(p, N, 0xa, "child, after the parent's munmap"));
	stamp_pages(p, N, 0xc);
	EXPECT(stamped(p, N, 0xc, "child, after writing"));
	return 1;
}

static int parent_unmaps(void)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_keeps_after_unmap(turns, p) ? 0 : 1);
	int r = munmap(p, N * PAGE);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(r, 0);
	return 1;
}

/* After the parent's munmap the child is the pages' only mapper: its
 * writes fault once per page and reuse them (its PTEs stayed read-only). */
static int child_cost_after_unmap(volatile int *turns, char *p, int vmstat)
{
	struct counts d;
	EXPECT(turn_wait(turns, 0, 1));
	measure(&d, write_bytes, p, N, 'c');
	if (vmstat) {
		EXPECT_EQ(d.wp_reuse, N);
		EXPECT_EQ(d.wp_copy, 0);
	} else {
		EXPECT_EQ(d.minflt, N);
	}
	return 1;
}

static int unmap_cost(int vmstat)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_cost_after_unmap(turns, p, vmstat) ? 0 : 1);
	int r = munmap(p, N * PAGE);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(r, 0);
	return 1;
}

static int child_faults_after_unmap(void)
{
	return unmap_cost(0);
}

static int child_reuses_after_unmap(void)
{
	return unmap_cost(1);
}

/* fork, then execve in the child (of ourselves, --wait READY GO): the exec
 * drops the child's old address space, so while the new program runs the
 * parent is the pages' only mapper again: its writes reuse them.  The new
 * program creates READY, then waits for GO (5 s at most) and exits 42. */
static const char *self;		/* argv[0] */

static int file_appears(const char *name)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int fd = open(name, O_RDONLY);
		if (fd >= 0) {
			close(fd);
			return 1;
		}
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 5)
			return 0;
	}
}

static int create_file(const char *name)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

static int wait_mode(const char *ready, const char *go)
{
	if (!create_file(ready))
		return 43;
	return file_appears(go) ? 42 : 44;
}

static int exec_releases(int vmstat)
{
	static char ready[64], go[64];
	struct counts d;
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	snprintf(ready, sizeof(ready), "cow_basic.%d.ready", getpid());
	snprintf(go, sizeof(go), "cow_basic.%d.go", getpid());
	char *argv[] = { (char *)self, "--wait", ready, go, NULL };
	pid_t pid = fork_flushed();
	if (pid == 0) {
		execve(self, argv, environ);
		_exit(127);
	}
	int ran = file_appears(ready);
	if (ran)
		measure(&d, write_bytes, p, N, 'p');
	int told = create_file(go);
	int ok = reap(pid, 42);
	unlink(ready);
	unlink(go);
	EXPECT(ran && told && ok);
	if (vmstat) {
		EXPECT_EQ(d.wp_reuse, N);
		EXPECT_EQ(d.wp_copy, 0);
	} else {
		EXPECT_EQ(d.minflt, N);
	}
	EXPECT(bytes_are(p, N, 'p', "parent"));
	return 1;
}

static int exec_then_faults(void)
{
	return exec_releases(0);
}

static int exec_then_reuses(void)
{
	return exec_releases(1);
}

static int child_drops(char *p)
{
	EXPECT_EQ(madvise(p, N * PAGE, MADV_DONTNEED), 0);
	for (unsigned long i = 0; i < N; i++)
		EXPECT_EQ(*(volatile unsigned long *)(p + i * PAGE), 0);
	return 1;
}

/* MADV_DONTNEED in the child: its pages read zero, the parent's stay. */
static int child_dontneed(void)
{
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_drops(p) ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xa, "parent"));
	return 1;
}

static int child_unprotects(char *p)
{
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_READ | PROT_WRITE), 0);
	stamp_pages(p, N, 0xc);
	EXPECT(stamped(p, N, 0xc, "child"));
	return 1;
}

/* Pages made read-only before fork are still copy-on-write when the child
 * makes them writable again. */
static int readonly_then_writable(void)
{
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_READ), 0);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_unprotects(p) ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xa, "parent"));
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_READ | PROT_WRITE), 0);
	stamp_pages(p, N, 0xb);
	EXPECT(stamped(p, N, 0xb, "parent, writable again"));
	return 1;
}

/* Pages read-only at fork, made writable in the parent while the child
 * lives: the parent's writes are still copies, the child keeps the data. */
static int parent_unprotects(void)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_READ), 0);
	data_word = 1;
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_after_parent_wrote(turns, p) ? 0 : 1);
	int r = mprotect(p, N * PAGE, PROT_READ | PROT_WRITE);
	if (r == 0)
		stamp_pages(p, N, 0xb);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(r, 0);
	EXPECT(stamped(p, N, 0xb, "parent"));
	return 1;
}

static int child_reopens(char *p)
{
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_READ | PROT_WRITE), 0);
	EXPECT(stamped(p, N, 0xa, "child, after PROT_NONE"));
	stamp_pages(p, N, 0xc);
	return 1;
}

/* Pages PROT_NONE at fork keep their data for the child, copy-on-write. */
static int protnone_at_fork(void)
{
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_NONE), 0);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_reopens(p) ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(mprotect(p, N * PAGE, PROT_READ), 0);
	EXPECT(stamped(p, N, 0xa, "parent"));
	return 1;
}

/* read() of /dev/zero into p: the kernel writes the pages (copy_to_user),
 * taking the copy-on-write faults itself.  The faults it took, or -1. */
static long kernel_writes(char *p)
{
	int fd = open("/dev/zero", O_RDONLY);
	if (fd < 0)
		return -1;
	minflt();
	long before = minflt(), done = 0, n = 1;
	while (done < (long)(N * PAGE) && n > 0)
		done += n = read(fd, p + done, N * PAGE - done);
	long faults = minflt() - before;
	close(fd);
	if (done != (long)(N * PAGE))
		diag("read of /dev/zero: %ld bytes of %lu, errno %d", done, N * PAGE, errno);
	return done == (long)(N * PAGE) ? faults : -1;
}

/* The child has the kernel write its inherited pages: each is copied
 * first (one fault per page, taken in the kernel), the parent's stay. */
static int child_kernel_write(void)
{
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		long faults = kernel_writes(p);
		if (faults != (long)N)
			diag("child: the kernel's writes took %ld faults, want %lu", faults, N);
		_exit(faults == (long)N && all_zero(p, N * PAGE, "child") ? 0 : 1);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xa, "parent"));
	return 1;
}

/* The same in the parent, while the child lives: the child's stay. */
static int parent_kernel_write(void)
{
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	data_word = 1;
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_after_parent_wrote(turns, p) ? 0 : 1);
	long faults = kernel_writes(p);
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(faults, N);
	EXPECT(all_zero(p, N * PAGE, "parent"));
	return 1;
}

/* The child's break is its own: growing it leaves the parent's. */
static int child_brk_own(void)
{
	char *before = sbrk(0);
	EXPECT(before != (char *)-1);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		char *old = sbrk(16 * PAGE);
		if (old != before)
			_exit(1);
		memset(old, 0x5a, 16 * PAGE);
		_exit(sbrk(0) == before + 16 * PAGE ? 0 : 2);
	}
	EXPECT(reap(pid, 0));
	EXPECT(sbrk(0) == before);
	char *mine = sbrk(PAGE);
	EXPECT(mine == before);
	EXPECT(all_zero(mine, PAGE, "parent's new break page"));
	return 1;
}

/* ---- what each write costs ------------------------------------------------ */

/* A child's verdict: what it counted, in words, when it is not what was
 * wanted (its exit status alone would say only "1"), then its exit. */
static __attribute__((noreturn)) void child_verdict(int ok, const char *what, long got, long want)
{
	if (!ok) {
		diag("child: %s: %ld, want %ld", what, got, want);
		tap_flush();
	}
	_exit(ok ? 0 : 1);
}

/* The child's first write to each inherited page: one fault, a copy. */
static int child_write_cost(int vmstat)
{
	struct counts d;
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		measure(&d, write_bytes, p, N, 'c');
		if (vmstat && d.wp_reuse != 0)
			child_verdict(0, "its writes reused (fault_wp_reuse)", (long)d.wp_reuse, 0);
		if (vmstat)
			child_verdict(d.wp_copy == N, "its writes copied (fault_wp_copy)",
				      (long)d.wp_copy, N);
		child_verdict(d.minflt == N, "its 16 writes took faults", (long)d.minflt, N);
	}
	EXPECT(reap(pid, 0));
	EXPECT(stamped(p, N, 0xa, "parent"));
	return 1;
}

static int child_write_faults(void)
{
	return child_write_cost(0);
}

static int child_write_copies(void)
{
	return child_write_cost(1);
}

/* The child reads inherited pages the parent wrote: no fault (the PTEs
 * were copied at fork, read-only). */
static int child_read_faults(void)
{
	struct counts d;
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		measure(&d, read_bytes, p, N, 0);
		child_verdict(d.minflt == 0, "its 16 reads took faults", (long)d.minflt, 0);
	}
	EXPECT(reap(pid, 0));
	return 1;
}

/* A second write to a page the child already copied: no fault. */
static int child_second_write(void)
{
	struct counts d;
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		write_bytes(p, N, 'c');
		measure(&d, write_bytes, p, N, 'd');
		if (!bytes_are(p, N, 'd', "child"))
			child_verdict(0, "pages holding what it wrote (see above)", 0, N);
		child_verdict(d.minflt == 0, "its second writes took faults", (long)d.minflt, 0);
	}
	EXPECT(reap(pid, 0));
	EXPECT(bytes_are(p, N, 0, "parent"));	/* stamp_word(0xa, i, 0): low byte 0 */
	return 1;
}

/* Pages the parent only read (the zero page, or real pages on some Linux
 * versions): the child's writes fault once per page; the parent's still
 * read zero. */
static int child_writes_read_pages(void)
{
	struct counts d;
	char *p = map_private(N);
	EXPECT(p);
	read_bytes(p, N, 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		measure(&d, write_bytes, p, N, 'c');
		if (!bytes_are(p, N, 'c', "child"))
			child_verdict(0, "pages holding what it wrote (see above)", 0, N);
		child_verdict(d.minflt == N, "its 16 writes took faults", (long)d.minflt, N);
	}
	EXPECT(reap(pid, 0));
	EXPECT(bytes_are(p, N, 0, "parent"));
	return 1;
}

/* The parent writes while the child still maps the pages: one fault per
 * page, each a copy. */
static int parent_write_cost(int vmstat)
{
	struct counts d;
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	data_word = 1;
	pid_t pid = fork_flushed();
	if (pid == 0) {
		turn_give(turns, 1, 1);		/* our first writes (the stack) are done */
		_exit(child_after_parent_wrote(turns, p) ? 0 : 1);
	}
	/* vmstat counts everyone's faults: wait until the child has taken its
	 * own first faults after fork (its stack: a wp_reuse when we wrote the
	 * page first), or a tick that runs it inside our window adds them */
	EXPECT(turn_wait(turns, 1, 1));
	measure(&d, write_bytes, p, N, 'p');
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	if (vmstat) {
		EXPECT_EQ(d.wp_copy, N);
		EXPECT_EQ(d.wp_reuse, 0);
	} else {
		EXPECT_EQ(d.minflt, N);
	}
	EXPECT(bytes_are(p, N, 'p', "parent"));
	return 1;
}

static int parent_write_faults(void)
{
	return parent_write_cost(0);
}

static int parent_write_copies(void)
{
	return parent_write_cost(1);
}

/* After the child exited (having written its own copies, or nothing), the
 * parent is the pages' only mapper again: its writes still fault once per
 * page (its PTEs stayed read-only), but reuse the pages, copying none. */
static int parent_after_exit(int child_writes, int vmstat)
{
	struct counts d;
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		if (child_writes)
			stamp_pages(p, N, 0xc);
		_exit(0);
	}
	EXPECT(reap(pid, 0));
	measure(&d, write_bytes, p, N, 'p');
	if (vmstat) {
		EXPECT_EQ(d.wp_copy, 0);
		EXPECT_EQ(d.wp_reuse, N);
	} else {
		EXPECT_EQ(d.minflt, N);
	}
	EXPECT(bytes_are(p, N, 'p', "parent"));
	for (unsigned long i = 0; i < N; i++)
		EXPECT_EQ(*(volatile unsigned long *)(p + i * PAGE + 8), stamp_word(0xa, i, 1));
	return 1;
}

static int after_idle_child_faults(void)
{
	return parent_after_exit(0, 0);
}

static int after_idle_child_reuses(void)
{
	return parent_after_exit(0, 1);
}

static int after_writing_child_faults(void)
{
	return parent_after_exit(1, 0);
}

static int after_writing_child_reuses(void)
{
	return parent_after_exit(1, 1);
}

/* The child copied page 0 only and waits: the parent's page 0 has one
 * mapper left (reused), the others still two (copied). */
static int child_copies_one(volatile int *turns, char *p)
{
	write_bytes(p, 1, 'c');
	turn_give(turns, 1, 1);
	EXPECT(turn_wait(turns, 0, 1));
	EXPECT(bytes_are(p, 1, 'c', "child"));
	EXPECT(bytes_are(p + PAGE, N - 1, 0, "child"));
	return 1;
}

static int parent_mixed_cost(int vmstat)
{
	struct counts d;
	volatile int *turns = turns_new();
	char *p = stamped_mapping(0xa);
	EXPECT(turns && p);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(child_copies_one(turns, p) ? 0 : 1);
	int ok = turn_wait(turns, 1, 1);
	measure(&d, write_bytes, p, N, 'p');
	turn_give(turns, 0, 1);
	EXPECT(reap(pid, 0));
	EXPECT(ok);
	if (vmstat) {
		EXPECT_EQ(d.wp_reuse, 1);
		EXPECT_EQ(d.wp_copy, N - 1);
	} else {
		EXPECT_EQ(d.minflt, N);
	}
	return 1;
}

static int parent_mixed_faults(void)
{
	return parent_mixed_cost(0);
}

static int parent_mixed_paths(void)
{
	return parent_mixed_cost(1);
}

/* wait4's rusage counts the child's faults, its COW copies among them. */
static int wait4_counts_child_faults(void)
{
	char *p = stamped_mapping(0xa);
	EXPECT(p);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		write_bytes(p, N, 'c');
		_exit(0);
	}
	struct rusage ru;
	int status = -1;
	EXPECT_EQ(wait4(pid, &status, 0, &ru), pid);
	EXPECT_EQ(status, 0);
	EXPECT(ru.ru_minflt >= (long)N);
	struct rusage all;
	EXPECT_EQ(getrusage(RUSAGE_CHILDREN, &all), 0);
	EXPECT(all.ru_minflt >= ru.ru_minflt);
	return 1;
}

static const struct check checks[] = {
	CHECK("the child sees the parent's mapping, .data, .bss, heap and stack",
	      child_sees_parent_data),
	CHECK("the child's writes are invisible to the parent",
	      child_writes_invisible),
	CHECK("the parent's writes after fork are invisible to the child",
	      parent_writes_invisible),
	CHECK("both write the same pages in turns: each keeps its own",
	      both_write_same_pages),
	CHECK("a middle process's writes reach neither its parent nor its child",
	      grandchild_shares),
	CHECK("the parent unmaps: the child keeps reading and writing the pages",
	      parent_unmaps),
	CHECK("MADV_DONTNEED in the child: it reads zero, the parent keeps its data",
	      child_dontneed),
	CHECK("pages read-only at fork, made writable in the child: still copied",
	      readonly_then_writable),
	CHECK("pages read-only at fork, made writable in the parent: the child keeps its data",
	      parent_unprotects),
	CHECK("pages PROT_NONE at fork: made accessible in the child, they hold the data",
	      protnone_at_fork),
	CHECK("the child's read() into inherited pages: 16 faults in the kernel, copies",
	      child_kernel_write),
	CHECK("the parent's read() into its pages while the child lives: 16 faults, copies",
	      parent_kernel_write),
	CHECK("the child's brk growth is its own: the parent's break does not move",
	      child_brk_own),
	CHECK("the child reads 16 inherited pages: no fault",
	      child_read_faults),
	CHECK("the child writes 16 inherited pages: 16 faults",
	      child_write_faults),
	FAULTLINE_ONLY("the child's 16 writes copy: fault_wp_copy +16, fault_wp_reuse +0",
		       child_write_copies, WHY_VMSTAT),
	CHECK("the child writes a page it copied already: no fault",
	      child_second_write),
	CHECK("the child writes 16 pages the parent only read: 16 faults, the parent reads zero",
	      child_writes_read_pages),
	CHECK("the parent writes 16 pages while the child lives: 16 faults",
	      parent_write_faults),
	FAULTLINE_ONLY("the parent's 16 writes while the child lives copy: fault_wp_copy +16",
		       parent_write_copies, WHY_VMSTAT),
	CHECK("after an idle child exits, the parent's writes fault once per page",
	      after_idle_child_faults),
	FAULTLINE_ONLY("after an idle child exits, the parent's writes reuse: fault_wp_reuse +16, fault_wp_copy +0",
		       after_idle_child_reuses, WHY_VMSTAT),
	CHECK("after a child that copied every page exits, the parent's writes fault once per page",
	      after_writing_child_faults),
	FAULTLINE_ONLY("after a copying child exits, the parent's writes reuse: fault_wp_reuse +16, fault_wp_copy +0",
		       after_writing_child_reuses, WHY_VMSTAT),
	CHECK("the child copied page 0 only: the parent's 16 writes take 16 faults",
	      parent_mixed_faults),
	FAULTLINE_ONLY("the child copied page 0 only: the parent reuses page 0 and copies 15",
		       parent_mixed_paths, WHY_VMSTAT),
	CHECK("after the parent's munmap, the child's writes fault once per page",
	      child_faults_after_unmap),
	FAULTLINE_ONLY("after the parent's munmap, the child's writes reuse: fault_wp_reuse +16",
		       child_reuses_after_unmap, WHY_VMSTAT),
	CHECK("fork + execve: while the new program runs, the parent's writes fault once per page",
	      exec_then_faults),
	FAULTLINE_ONLY("fork + execve: the exec released the child's share: the parent reuses all 16",
		       exec_then_reuses, WHY_VMSTAT),
	CHECK("wait4's rusage counts the child's 16 COW faults",
	      wait4_counts_child_faults),
};

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--wait"))
		return wait_mode(argv[2], argv[3]);
	self = argv[0];
	return run_checks(checks, NCHECKS(checks));
}

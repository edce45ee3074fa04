/* tests/stress/mem_anon.c — anonymous memory until RAM runs out: private,
 * shared, and copy-on-write after fork.
 *
 * Each case maps all of RAM (MemTotal: allowed by the overcommit heuristic,
 * more than is free) and writes it page by page in a child of its own.
 * Somewhere a fault finds no free frame: do_anonymous_page (private),
 * shmem's page-cache fill (shared) or wp_page_copy (COW) returns
 * VM_FAULT_OOM and the OOM killer sends SIGKILL to the writer.  The kernel
 * lives: the console, /proc and fork work afterwards, and once the writer
 * is gone every frame is back (runtests compares MemFree and runs
 * /proc/mm_audit after the program).  In the COW case the parent's pages,
 * which the child was copying, still hold what the parent wrote.
 *
 * Hostile: it exhausts the machine's memory, so it runs only inside
 * faultline (require_faultline; tests/hostile.h). */
#include "stress.h"

/* Write a word into every page of all of RAM, mapped with `flags`: the
 * child is OOM-killed before it gets to the end (exit 0 would mean RAM
 * did not run out; 2: the mmap was refused). */
static int touch_all_of_ram(int flags)
{
	unsigned long len = mem_total();
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 2;
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		*(volatile unsigned long *)(p + off) = off;
	return 0;
}

static int touch_private(void) { return touch_all_of_ram(MAP_PRIVATE); }
static int touch_shared(void) { return touch_all_of_ram(MAP_SHARED); }

static int expect_oom_kill(int (*fn)(void), const char *what)
{
	int status = run_in_child(fn);
	return expect(oom_killed(status), "%s: wait status %#x, want killed by SIGKILL (OOM)",
		      what, status) &
	       kernel_alive(what);
}

static int private_until_oom(void)
{
	return expect_oom_kill(touch_private, "private anonymous memory");
}

static int shared_until_oom(void)
{
	return expect_oom_kill(touch_shared, "shared anonymous memory");
}

/* The COW case: we fill 60% of the free memory, the child writes every
 * one of those pages, so it needs as much again: it is killed copying. */
static char *cow_pages;
static unsigned long cow_len;

static int cow_writer(void)
{
	for (unsigned long off = 0; off < cow_len; off += PAGE_SIZE)
		cow_pages[off] = 'c';
	return 0;
}

static int cow_until_oom(void)
{
	cow_len = (unsigned long)mem_free_kb() * 1024 / 10 * 6 & ~(PAGE_SIZE - 1);
	cow_pages = map_anon(cow_len / PAGE_SIZE, PROT_READ | PROT_WRITE);
	EXPECT(cow_pages);
	for (unsigned long off = 0; off < cow_len; off += PAGE_SIZE)
		*(unsigned long *)(cow_pages + off) = off;
	int status = run_in_child(cow_writer);
	unsigned long bad = 0;
	for (unsigned long off = 0; off < cow_len; off += PAGE_SIZE)
		bad += *(unsigned long *)(cow_pages + off) != off;
	munmap(cow_pages, cow_len);
	return expect(oom_killed(status), "COW writer: wait status %#x, want SIGKILL (OOM)",
		      status) &
	       expect_eq(bad, 0, "parent's pages changed by the child's COW writes") &
	       kernel_alive("copy-on-write");
}

/* Shared memory written by two processes: a child fills a shared mapping
 * the parent made, until it is killed; the parent then finds what the
 * child wrote in the first quarter of it (the child got further: RAM is
 * more than a quarter free), through the same frames, and unmaps.  (It
 * reads no further: a hole would need a new page while the file still
 * holds almost all of RAM.) */
static char *shared;
static unsigned long shared_len;

static int shared_writer(void)
{
	for (unsigned long off = 0; off < shared_len; off += PAGE_SIZE)
		*(volatile unsigned long *)(shared + off) = off + 1;
	return 0;
}

static int shared_parent_sees(void)
{
	shared_len = mem_total();
	shared = mmap(NULL, shared_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(shared != MAP_FAILED);
	int status = run_in_child(shared_writer);
	unsigned long bad = 0;
	for (unsigned long off = 0; off < shared_len / 4; off += PAGE_SIZE)
		bad += *(volatile unsigned long *)(shared + off) != off + 1;
	munmap(shared, shared_len);	/* the file and its pages go */
	return expect(oom_killed(status), "shared writer: wait status %#x, want SIGKILL (OOM)",
		      status) &
	       expect_eq(bad, 0, "pages of the first quarter the parent does not see written") &
	       kernel_alive("shared memory of two processes");
}

static const struct check checks[] = {
	CHECK("private anonymous memory past RAM: the writer is OOM-killed, the kernel lives",
	      private_until_oom),
	CHECK("shared anonymous memory past RAM: the writer is OOM-killed, the kernel lives",
	      shared_until_oom),
	CHECK("copy-on-write after fork past RAM: the copier is OOM-killed, the parent's "
	      "pages intact", cow_until_oom),
	CHECK("a shared mapping filled by a child until OOM: the parent sees its pages",
	      shared_parent_sees),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}

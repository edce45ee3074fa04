/* tests/user/fmap_fork.c — file mappings across fork.
 *
 * What the child inherits (Linux's copy_page_range / vma_needs_copy):
 *   - a shared file mapping: the VMA, not its PTEs: the child's pages come
 *     from the page cache by fault (fault-around included);
 *   - a private file mapping that never copied a page (no anon_vma): the
 *     same, "a page fault will fill them correctly";
 *   - a private file mapping with private copies: every PTE, the copies
 *     shared copy-on-write, so the child reads everything without a fault.
 * Either way both see the same bytes: the file's pages, and the parent's
 * copies as they were at fork. */
#include "fmap.h"

#define RW	(PROT_READ | PROT_WRITE)
#define ZEROS	"0000000000000000"

/* Run fn(p, fd) in a child of fork; 1 when it returned 1 (the child's
 * diagnostics are its own TAP comments). */
static int in_child(int (*fn)(char *, int), char *p, int fd)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn(p, fd) ? 0 : 1);
	int status = -1;
	if (!expect(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait: errno %d", errno))
		return 0;
	return expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child: status %#x",
		      status);
}

/* Not copied: the child's first read faults (how many pages that one fault
 * maps is fault-around's business: fmap_around). */
static int child_reads_fault_around(char *p, int fd)
{
	(void)fd;
	return expect_eq(fault_map(p, 16, READ)[0], '1', "the fault of the child's first read "
			 "of page 0") &
	       page_is(p, 9, 9);
}

/* A private file mapping the parent only read: the child faults again. */
static int private_read_only_not_copied(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);
	return in_child(child_reads_fault_around, p, fd);
}

/* A shared file mapping: the same. */
static int shared_not_copied(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);
	return in_child(child_reads_fault_around, p, fd);
}

static int child_reads_free_sees_copy(char *p, int fd)
{
	(void)fd;
	return expect_str(fault_map(p, 16, READ), ZEROS, "the child reads pages 0-15") &
	       expect_eq(p[4 * PAGE + 1], 'c', "the parent's copy of page 4") &
	       page_is(p, 9, 9);
}

/* A private file mapping with a private copy: every PTE comes along. */
static int private_with_copy_copied(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);
	p[4 * PAGE + 1] = 'c';
	return in_child(child_reads_free_sees_copy, p, fd);
}

static int child_writes_shared(char *p, int fd)
{
	int good = expect_eq(p[2 * PAGE], 'P', "the parent's store, seen by the child");
	p[3 * PAGE] = 'K';
	return good & expect_eq(file_byte(fd, 3 * PAGE), 'K', "the child's store, in the file");
}

/* A shared mapping is one memory for parent and child. */
static int shared_stores_both_ways(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	p[2 * PAGE] = 'P';
	int good = in_child(child_writes_shared, p, fd);
	return good & expect_eq(p[3 * PAGE], 'K', "the child's store, seen by the parent");
}

static int child_writes_private(char *p, int fd)
{
	int good = expect_eq(faults_at(p + 4 * PAGE + 2, WRITE), 1, "the child's write to page 4");
	good &= expect_eq(p[4 * PAGE + 1], 'c', "the child's copy keeps the parent's byte");
	return good & expect_eq(file_byte(fd, 4 * PAGE + 2), fpat(4, 2), "the file's byte");
}

/* The child's write to an inherited private copy makes a copy of its own:
 * one fault; the parent's copy and the file stay as they were. */
static int private_copy_split_by_child(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	p[4 * PAGE + 1] = 'c';
	int good = in_child(child_writes_private, p, fd);
	good &= expect_eq((unsigned char)p[4 * PAGE + 2], fpat(4, 2), "the parent's page 4, byte 2");
	return good & expect_eq(p[4 * PAGE + 1], 'c', "the parent's page 4, byte 1");
}

static int child_sees_truncation(char *p, int fd)
{
	int good = expect_eq(ftruncate(fd, 4 * PAGE), 0, "the child shrinks the file to 4 pages");
	return good & page_is(p, 3, 3);
}

/* A truncation by the child reaches the parent's mappings, private
 * copies included. */
static int truncation_reaches_parent(void)
{
	int fd = scratch_file(16 * PAGE);
	char *s = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_SHARED, fd, 0);
	char *p = s ? map_file(16, RW, MAP_PRIVATE, fd, 0) : NULL;
	if (!p)
		return 0;
	fault_map(s, 16, READ);
	fault_map(p, 16, WRITE);
	int good = in_child(child_sees_truncation, s, fd);
	good &= expect_sigbus(s + 6 * PAGE + 6, READ, "the parent reads its shared page 6");
	return good & expect_sigbus(p + 7 * PAGE + 7, READ, "the parent reads its copy of page 7");
}

static const struct check checks[] = {
	CHECK("private file mapping only read: not copied, the child's read faults",
	      private_read_only_not_copied),
	CHECK("shared file mapping: not copied, the child's read faults",
	      shared_not_copied),
	CHECK("private file mapping with a private copy: all copied, the child reads for free",
	      private_with_copy_copied),
	CHECK("shared mapping: parent and child see each other's stores", shared_stores_both_ways),
	CHECK("the child's write to an inherited copy: one fault, a copy of its own",
	      private_copy_split_by_child),
	CHECK("the child's ftruncate reaches the parent's mappings and copies (SIGBUS)",
	      truncation_reaches_parent),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_fork");
}

/* tests/user/mem_mremap.c — mremap(2): growing in place, moving (the PTEs
 * move with the mapping: a touched page does not fault again at its new
 * address), MREMAP_FIXED, shrinking, file mappings, and the errors.  Fault
 * counts are the process's own (getrusage), as on Linux. */
#include "check.h"
#include <sys/syscall.h>
#include <syscall.h>

#define PAGE		4096UL
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

static char *mremap_(void *old, unsigned long old_len, unsigned long new_len, int flags,
		     void *new_addr)
{
	return (char *)syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
}

/* n pages at a free place with n more free pages after it. */
static char *map_with_room(unsigned long n)
{
	char *p = map_anon(2 * n, PROT_READ | PROT_WRITE);
	if (p)
		munmap(p + n * PAGE, n * PAGE);
	return p;
}

static void fill(char *p, unsigned long n, char base)
{
	for (unsigned long i = 0; i < n; i++)
		p[i * PAGE] = (char)(base + i);
}

static int holds(const char *p, unsigned long n, char base)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i * PAGE] != (char)(base + i))
			return 0;
	return 1;
}

/* Room after the mapping: it grows where it is; its pages stay mapped,
 * the new ones fault once each. */
static int grow_in_place(void)
{
	char *p = map_with_room(4);
	EXPECT(p);
	fill(p, 4, 'a');
	EXPECT(mremap_(p, 4 * PAGE, 8 * PAGE, 0, NULL) == p);
	long f0 = minflt();
	EXPECT(holds(p, 4, 'a'));
	EXPECT_EQ(minflt() - f0, 0);
	fill(p + 4 * PAGE, 4, 'e');
	EXPECT_EQ(minflt() - f0, 4);
	EXPECT_EQ(munmap(p, 8 * PAGE), 0);
	return 1;
}

/* No room and no MREMAP_MAYMOVE: ENOMEM, the mapping as it was. */
static int no_room_no_move(void)
{
	char *p = map_anon(8, PROT_READ | PROT_WRITE);
	EXPECT(p);
	fill(p, 8, 'a');
	EXPECT(mremap_(p, 4 * PAGE, 6 * PAGE, 0, NULL) == MAP_FAILED && errno == ENOMEM);
	EXPECT(holds(p, 8, 'a'));
	EXPECT_EQ(munmap(p, 8 * PAGE), 0);
	return 1;
}

/* With MREMAP_MAYMOVE it moves: the touched pages are there at once (no
 * fault: their PTEs moved), the untouched ones and the growth fault once
 * each, and the old range is gone. */
static int move_keeps_pages_mapped(void)
{
	/* 9 pages, of which the first 8 move: the 9th, mapped after them, leaves
	 * no room to grow in place, wherever mmap put them */
	char *p = map_anon(9, PROT_READ | PROT_WRITE);
	EXPECT(p);
	fill(p, 6, 'a');				/* pages 6, 7 never touched */
	char *q = mremap_(p, 8 * PAGE, 12 * PAGE, MREMAP_MAYMOVE, NULL);
	EXPECT(q != MAP_FAILED);
	EXPECT(q != p);
	long f0 = minflt();
	EXPECT(holds(q, 6, 'a'));
	EXPECT_EQ(minflt() - f0, 0);
	EXPECT(all_zero(q + 6 * PAGE, 6 * PAGE, "pages 6-11"));	/* 6, 7 and the growth */
	EXPECT_EQ(minflt() - f0, 6);
	EXPECT(expect_segv(p, READ, SEGV_MAPERR));
	EXPECT(expect_access(p + 8 * PAGE, READ));	/* the 9th stayed */
	EXPECT_EQ(munmap(q, 12 * PAGE), 0);
	EXPECT_EQ(munmap(p + 8 * PAGE, PAGE), 0);
	return 1;
}

/* MREMAP_FIXED: to the address given, replacing what was mapped there. */
static int move_fixed(void)
{
	char *p = map_anon(4, PROT_READ | PROT_WRITE);
	char *target = map_anon(4, PROT_READ | PROT_WRITE);
	EXPECT(p && target);
	fill(p, 4, 'p');
	fill(target, 4, 't');
	EXPECT(mremap_(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, target) == target);
	long f0 = minflt();
	EXPECT(holds(target, 4, 'p'));
	EXPECT_EQ(minflt() - f0, 0);
	EXPECT(expect_segv(p + PAGE, READ, SEGV_MAPERR));
	EXPECT_EQ(munmap(target, 4 * PAGE), 0);
	return 1;
}

/* Shrinking unmaps the tail and keeps the head where it is. */
static int shrink(void)
{
	char *p = map_anon(8, PROT_READ | PROT_WRITE);
	EXPECT(p);
	fill(p, 8, 'a');
	EXPECT(mremap_(p, 8 * PAGE, 2 * PAGE, 0, NULL) == p);
	EXPECT(holds(p, 2, 'a'));
	EXPECT(expect_segv(p + 2 * PAGE, READ, SEGV_MAPERR));
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
	return 1;
}

/* A file mapping keeps its offsets when it moves: page i of the file is
 * at new + i pages; a shared one still writes the file. */
static int file_mapping_moves(void)
{
	char path[] = "/tmp/mremap_test";
	static char buf[PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	EXPECT(fd >= 0);
	unlink(path);
	for (int i = 0; i < 4; i++) {
		memset(buf, 'A' + i, PAGE);
		EXPECT_EQ(write(fd, buf, PAGE), (long)PAGE);
	}
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT_EQ(p[PAGE], 'B');
	char *q = mremap_(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
			  map_anon(2, PROT_READ));
	EXPECT(q != MAP_FAILED);
	EXPECT_EQ(q[0], 'A');
	EXPECT_EQ(q[PAGE], 'B');
	q[PAGE] = 'x';
	EXPECT_EQ(pread(fd, buf, 1, PAGE), 1);
	EXPECT_EQ(buf[0], 'x');
	EXPECT_EQ(p[2 * PAGE], 'C');			/* the rest stayed */
	munmap(q, 2 * PAGE);
	munmap(p + 2 * PAGE, 2 * PAGE);
	close(fd);
	return 1;
}

static int errors(void)
{
	char *p = map_anon(4, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT(mremap_(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL) == MAP_FAILED && errno == EINVAL);
	EXPECT(mremap_(p, PAGE, 2 * PAGE, 0x40, NULL) == MAP_FAILED && errno == EINVAL);
	EXPECT(mremap_(p, PAGE, 2 * PAGE, MREMAP_FIXED, p + 8 * PAGE) == MAP_FAILED &&
	       errno == EINVAL);
	EXPECT(mremap_(p, PAGE, 0, MREMAP_MAYMOVE, NULL) == MAP_FAILED && errno == EINVAL);
	EXPECT(mremap_(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + 2 * PAGE) ==
	       MAP_FAILED && errno == EINVAL);		/* overlapping */
	munmap(p, 4 * PAGE);
	EXPECT(mremap_(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL) == MAP_FAILED && errno == EFAULT);
	return 1;
}

/* After fork the moved pages are still shared with the child: a write
 * at the new address copies, and the child's memory never changes. */
static int move_after_fork(void)
{
	char *p = map_anon(5, PROT_READ | PROT_WRITE);	/* the 5th: no room in place */
	EXPECT(p);
	fill(p, 4, 'a');
	int pipefd[2];
	EXPECT_EQ(pipe(pipefd), 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		char c;
		read(pipefd[0], &c, 1);			/* until the parent has written */
		_exit(holds(p, 4, 'a') ? 0 : 1);
	}
	char *q = mremap_(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE, NULL);
	EXPECT(q != MAP_FAILED && q != p);
	long f0 = minflt();
	fill(q, 4, 'z');				/* copy-on-write, one fault each */
	EXPECT_EQ(minflt() - f0, 4);
	write(pipefd[1], "", 1);
	EXPECT_EQ(wait_status(pid), 0);
	close(pipefd[0]);
	close(pipefd[1]);
	return 1;
}

static const struct check checks[] = {
	CHECK("growing with room after it: in place, 4 new faults for 4 new pages", grow_in_place),
	CHECK("growing without room or MREMAP_MAYMOVE: ENOMEM, nothing changed", no_room_no_move),
	CHECK("MREMAP_MAYMOVE moves the PTEs: touched pages do not fault again", move_keeps_pages_mapped),
	CHECK("MREMAP_FIXED moves to the address given, replacing what was there", move_fixed),
	CHECK("shrinking unmaps the tail in place", shrink),
	CHECK("a shared file mapping moves with its offsets and still writes the file",
	      file_mapping_moves),
	CHECK("errors: EINVAL (alignment, flags, FIXED alone, length 0, overlap), EFAULT", errors),
	CHECK("moved after fork: writes at the new address copy; the child's pages stay",
	      move_after_fork),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

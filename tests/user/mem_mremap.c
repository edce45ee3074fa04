/* tests/user/mem_mremap.c — mremap(2): growing in place, moving (the PTEs
 * move with the mapping: a touched page does not fault again at its new
 * address), MREMAP_FIXED, shrinking, file mappings, MREMAP_DONTUNMAP (the
 * PTEs move, the old mapping stays, empty), old_len 0 (a shared mapping
 * seen twice), and the errors.  Fault counts are the process's own
 * (getrusage), as on Linux. */
#include "check.h"
#include <sys/syscall.h>
#include <syscall.h>

#define PAGE		4096UL
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define MREMAP_DONTUNMAP 4

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

/* Whether one line of the maps text read from fd (from its start) covers
 * [start, end). */
static int maps_covers(int fd, const char *start, const char *end)
{
	static char text[65536];
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	long n = 0, r;
	while ((r = read(fd, text + n, sizeof(text) - 1 - (size_t)n)) > 0)
		n += r;
	text[n] = 0;
	for (char *l = text; *l; ) {
		char *dash;
		unsigned long lo = strtoul(l, &dash, 16), hi = strtoul(dash + 1, NULL, 16);
		if (lo <= (unsigned long)start && hi >= (unsigned long)end)
			return 1;
		char *nl = strchr(l, '\n');
		l = nl ? nl + 1 : l + strlen(l);
	}
	return 0;
}

/* Growing into a hole up to the next mapping of the same kind merges the
 * two: one VMA, one maps line, as if the hole had never been (Linux's
 * mremap_test "mremap expand merge"); growing the upper part of a mapping
 * whose last page went restores the whole ("... merge offset").  The maps
 * file stays open: a read from its start after lseek shows it now. */
static int grow_merges(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	EXPECT(fd >= 0);
	char *p = map_anon(3, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT(maps_covers(fd, p, p + 3 * PAGE));
	EXPECT_EQ(munmap(p + PAGE, PAGE), 0);
	EXPECT(!maps_covers(fd, p, p + 3 * PAGE));
	EXPECT(mremap_(p, PAGE, 2 * PAGE, 0, NULL) == p);
	EXPECT(maps_covers(fd, p, p + 3 * PAGE));
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);

	p = map_anon(3, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	EXPECT(mremap_(p + PAGE, PAGE, 2 * PAGE, 0, NULL) == p + PAGE);
	EXPECT(maps_covers(fd, p, p + 3 * PAGE));
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);
	close(fd);
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

/* The same length, in the middle of a mapping: nothing moves, with or
 * without MREMAP_MAYMOVE (Linux's "always allow a shrinking remap"). */
static int same_length_stays(void)
{
	char *p = map_anon(4, PROT_READ | PROT_WRITE);
	EXPECT(p);
	fill(p, 4, 'a');
	EXPECT(mremap_(p + PAGE, PAGE, PAGE, 0, NULL) == p + PAGE);
	EXPECT(mremap_(p + PAGE, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL) == p + PAGE);
	EXPECT(mremap_(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL) == p);
	EXPECT(holds(p, 4, 'a'));
	EXPECT_EQ(munmap(p, 4 * PAGE), 0);
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

/* A file of n pages, page i full of 'A' + i, unlinked; its fd. */
static int page_file(const char *path, int n)
{
	static char buf[PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	unlink(path);
	for (int i = 0; i < n; i++) {
		memset(buf, 'A' + i, PAGE);
		if (write(fd, buf, PAGE) != (long)PAGE)
			return -1;
	}
	return fd;
}

/* MREMAP_DONTUNMAP: the PTEs move (the touched pages are at the new
 * address without a fault), the old range stays mapped with nothing in
 * it: it reads zero, one fault a page, and may be written. */
static int dontunmap_anon(void)
{
	char *p = map_anon(4, PROT_READ | PROT_WRITE);
	EXPECT(p);
	fill(p, 4, 'a');
	char *q = mremap_(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	EXPECT(q != MAP_FAILED);
	EXPECT(q != p);
	long f0 = minflt();
	EXPECT(holds(q, 4, 'a'));
	EXPECT_EQ(minflt() - f0, 0);
	EXPECT(all_zero(p, 4 * PAGE, "the old range"));
	EXPECT_EQ(minflt() - f0, 4);
	fill(p, 4, 'n');				/* still a writable mapping */
	EXPECT(holds(p, 4, 'n') && holds(q, 4, 'a'));
	EXPECT_EQ(munmap(p, 4 * PAGE), 0);
	EXPECT_EQ(munmap(q, 4 * PAGE), 0);
	return 1;
}

/* With MREMAP_FIXED it replaces what is at new_addr; without, a free
 * new_addr is taken as a hint.  Part of a mapping: the rest stays. */
static int dontunmap_fixed_and_hint(void)
{
	char *p = map_anon(6, PROT_READ | PROT_WRITE);
	char *target = map_anon(2, PROT_READ);
	EXPECT(p && target);
	fill(p, 6, 'a');
	EXPECT(mremap_(p + 2 * PAGE, 2 * PAGE, 2 * PAGE,
		       MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, target) == target);
	EXPECT(holds(target, 2, 'c'));
	EXPECT(target[0] = 'w');			/* writable now: p's protection */
	EXPECT(holds(p, 2, 'a'));			/* before and after: as they were */
	EXPECT_EQ(p[4 * PAGE], 'e');
	EXPECT(all_zero(p + 2 * PAGE, 2 * PAGE, "the range moved out"));
	char *hint = map_anon(2, PROT_READ);
	EXPECT(hint);
	EXPECT_EQ(munmap(hint, 2 * PAGE), 0);		/* free now */
	EXPECT(mremap_(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, hint) == hint);
	EXPECT(holds(hint, 2, 'a'));
	munmap(hint, 2 * PAGE);
	munmap(target, 2 * PAGE);
	munmap(p, 6 * PAGE);
	return 1;
}

/* File mappings: after a DONTUNMAP move of a shared one the old range
 * maps the file again (the same pages: a write through the new address
 * shows there); of a private one, the private copy moved, and the old
 * range reads the file. */
static int dontunmap_file(void)
{
	int fd = page_file("/tmp/mremap_dontunmap", 4);
	EXPECT(fd >= 0);
	char *s = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(s != MAP_FAILED);
	EXPECT_EQ(s[PAGE], 'B');
	char *q = mremap_(s, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	EXPECT(q != MAP_FAILED && q != s);
	q[PAGE] = 'x';
	EXPECT_EQ(s[PAGE], 'x');			/* one page of the file, mapped twice */
	EXPECT_EQ(s[2 * PAGE], 'C');
	char c;
	EXPECT_EQ(pread(fd, &c, 1, PAGE), 1);
	EXPECT_EQ(c, 'x');
	munmap(s, 4 * PAGE);
	munmap(q, 4 * PAGE);
	char *v = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	EXPECT(v != MAP_FAILED);
	v[0] = 'p';					/* a private copy of page 0 */
	q = mremap_(v, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	EXPECT(q != MAP_FAILED);
	EXPECT_EQ(q[0], 'p');
	EXPECT_EQ(v[0], 'A');				/* the file again */
	EXPECT_EQ(v[PAGE], 'x');
	munmap(v, 2 * PAGE);
	munmap(q, 2 * PAGE);
	close(fd);
	return 1;
}

static int dontunmap_errors(void)
{
	char *p = map_anon(4, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT(mremap_(p, 4 * PAGE, 4 * PAGE, MREMAP_DONTUNMAP, NULL) == MAP_FAILED &&
	       errno == EINVAL);			/* not without MREMAP_MAYMOVE */
	EXPECT(mremap_(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL) ==
	       MAP_FAILED && errno == EINVAL);		/* no resizing */
	EXPECT(mremap_(p, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, p + 2 * PAGE + 1) ==
	       MAP_FAILED && errno == EINVAL);		/* an unaligned hint */
	EXPECT(mremap_(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, p + PAGE) ==
	       MAP_FAILED && errno == EINVAL);		/* overlapping */
	EXPECT(mremap_(p, 0, 0, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL) == MAP_FAILED &&
	       errno == EINVAL);
	munmap(p, 4 * PAGE);
	EXPECT(mremap_(p, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL) == MAP_FAILED &&
	       errno == EFAULT);
	return 1;
}

/* old_len 0: a second mapping of a shared mapping's pages (Linux's
 * "duplicate shm area"); each sees the other's writes; the copy outlives
 * the original.  From a file it maps new_len pages from the old address's
 * file offset on. */
static int duplicate_shared(void)
{
	char *p = map_pages(4, PROT_READ | PROT_WRITE, MAP_SHARED);
	EXPECT(p);
	fill(p, 4, 'a');
	char *q = mremap_(p, 0, 4 * PAGE, MREMAP_MAYMOVE, NULL);
	EXPECT(q != MAP_FAILED && q != p);
	EXPECT(holds(q, 4, 'a'));
	q[PAGE] = 'Q';
	EXPECT_EQ(p[PAGE], 'Q');
	p[2 * PAGE] = 'P';
	EXPECT_EQ(q[2 * PAGE], 'P');
	EXPECT_EQ(munmap(p, 4 * PAGE), 0);
	EXPECT_EQ(q[2 * PAGE], 'P');
	EXPECT_EQ(munmap(q, 4 * PAGE), 0);

	int fd = page_file("/tmp/mremap_dup", 8);
	EXPECT(fd >= 0);
	char *f = mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(f != MAP_FAILED);
	char *g = mremap_(f + 2 * PAGE, 0, 5 * PAGE, MREMAP_MAYMOVE, NULL);
	EXPECT(g != MAP_FAILED);
	for (int i = 0; i < 5; i++)			/* file pages 2-6: past the first's end */
		EXPECT_EQ(g[i * PAGE], 'C' + i);
	EXPECT_EQ(f[3 * PAGE], 'D');
	char *target = map_anon(2, PROT_NONE);
	EXPECT(mremap_(f, 0, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, target) == target);
	EXPECT_EQ(target[PAGE], 'B');
	munmap(target, 2 * PAGE);
	munmap(g, 5 * PAGE);
	munmap(f, 4 * PAGE);
	close(fd);
	return 1;
}

static int duplicate_errors(void)
{
	char *p = map_anon(4, PROT_READ | PROT_WRITE);	/* private: nothing to share */
	EXPECT(p);
	EXPECT(mremap_(p, 0, 4 * PAGE, MREMAP_MAYMOVE, NULL) == MAP_FAILED && errno == EINVAL);
	munmap(p, 4 * PAGE);
	char *s = map_pages(4, PROT_READ | PROT_WRITE, MAP_SHARED);
	EXPECT(s);
	EXPECT(mremap_(s, 0, 4 * PAGE, 0, NULL) == MAP_FAILED && errno == ENOMEM);
	EXPECT(mremap_(s, 0, 0, MREMAP_MAYMOVE, NULL) == MAP_FAILED && errno == EINVAL);
	EXPECT(mremap_(s + PAGE, 0, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, s) == MAP_FAILED &&
	       errno == EINVAL);			/* the new range holds the old address */
	/* new_addr == addr: not an overlap for a length 0; the unmap of the new
	 * range takes the old address's mapping, and then there is none */
	EXPECT(mremap_(s + PAGE, 0, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, s + PAGE) == MAP_FAILED &&
	       errno == EFAULT);
	EXPECT(expect_segv(s + PAGE, READ, SEGV_MAPERR));
	EXPECT(expect_access(s + 2 * PAGE, READ));
	munmap(s, 4 * PAGE);
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
	CHECK("growing into a hole up to the next mapping: one VMA (maps, read again after lseek)",
	      grow_merges),
	CHECK("growing without room or MREMAP_MAYMOVE: ENOMEM, nothing changed", no_room_no_move),
	CHECK("MREMAP_MAYMOVE moves the PTEs: touched pages do not fault again", move_keeps_pages_mapped),
	CHECK("MREMAP_FIXED moves to the address given, replacing what was there", move_fixed),
	CHECK("shrinking unmaps the tail in place", shrink),
	CHECK("the same length in the middle of a mapping: it stays, MAYMOVE or not",
	      same_length_stays),
	CHECK("a shared file mapping moves with its offsets and still writes the file",
	      file_mapping_moves),
	CHECK("errors: EINVAL (alignment, flags, FIXED alone, length 0, overlap), EFAULT", errors),
	CHECK("moved after fork: writes at the new address copy; the child's pages stay",
	      move_after_fork),
	CHECK("MREMAP_DONTUNMAP: the PTEs move; the old range stays, empty (zero, 4 faults)",
	      dontunmap_anon),
	CHECK("MREMAP_DONTUNMAP with MREMAP_FIXED, with a hint, of part of a mapping",
	      dontunmap_fixed_and_hint),
	CHECK("MREMAP_DONTUNMAP of file mappings: shared maps the file twice, private moves "
	      "its copy", dontunmap_file),
	CHECK("MREMAP_DONTUNMAP errors: EINVAL (no MAYMOVE, resizing, hint, overlap), EFAULT",
	      dontunmap_errors),
	CHECK("old_len 0 duplicates a shared mapping (anonymous, or a file from its offset)",
	      duplicate_shared),
	CHECK("old_len 0: EINVAL (private, length 0, overlap), ENOMEM (no MAYMOVE), EFAULT",
	      duplicate_errors),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/mem_mmap.c — mmap, munmap and mprotect: the arguments Linux
 * refuses (and with which errno), and what a call that cuts a mapping in
 * pieces leaves behind: the rest keeps its data, the piece changes.
 *
 * Results are the raw system calls' (-EINVAL, not -1 and errno).  Mappings
 * whose neighbours matter are placed at a range known to be free
 * (free_range), so "the page after it faults" is a fact, not luck. */
#include "mem_lib.h"

#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)

/* npages at addr exactly (MAP_FIXED_NOREPLACE), page i filled with 'a' + i. */
static char *map_marked(unsigned long addr, unsigned long npages)
{
	char *p = mmap((void *)addr, npages * PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	if (!expect(p == (char *)addr, "mmap at %#lx: %p, errno %d", addr, (void *)p, errno))
		return NULL;
	for (unsigned long i = 0; i < npages; i++)
		memset(p + i * PAGE, 'a' + (int)i, PAGE);
	return p;
}

/* Page i of a map_marked mapping still holds its marks (both ends). */
static int marked(const char *p, unsigned long i)
{
	const char *page = p + i * PAGE;
	return expect(page[0] == 'a' + (int)i && page[PAGE - 1] == 'a' + (int)i,
		      "page %lu: %#x..%#x, want %#x", i, page[0], page[PAGE - 1], 'a' + (int)i);
}

/* ---- mmap arguments ---- */

static int mmap_len_zero(void)
{
	return expect_eq(raw_mmap(0, 0, RW, ANON, -1, 0), -EINVAL, "mmap length 0");
}

static int mmap_no_type(void)
{
	return expect_eq(raw_mmap(0, PAGE, RW, MAP_ANONYMOUS, -1, 0), -EINVAL,
			 "mmap MAP_ANONYMOUS without SHARED or PRIVATE") &
	       expect_eq(raw_mmap(0, PAGE, RW, MAP_TYPE | MAP_ANONYMOUS, -1, 0), -EINVAL,
			 "mmap type 0xf");
}

/* Linux validates unknown flags (MAP_SHARED_VALIDATE) for file mappings only:
 * anonymous memory takes MAP_SHARED or MAP_PRIVATE. */
static int mmap_shared_validate_anon(void)
{
	return expect_eq(raw_mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0),
			 -EINVAL, "mmap MAP_SHARED_VALIDATE | MAP_ANONYMOUS");
}

#define UNKNOWN_MAP_BIT	0x800000	/* no MAP_ flag (bits 26-31 are huge page sizes) */

/* Unknown flags on a file: MAP_SHARED ignores them, MAP_SHARED_VALIDATE
 * refuses them (EOPNOTSUPP), MAP_SYNC included (no DAX here), and takes
 * the flags every kernel knows. */
static int mmap_shared_unknown_flags(void)
{
	static const char name[] = "mem_mmap.flags";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(name);
	EXPECT(fd >= 0);
	EXPECT_EQ(ftruncate(fd, PAGE), 0);
	long a = raw_mmap(0, PAGE, RW, MAP_SHARED | UNKNOWN_MAP_BIT, fd, 0);
	int ok = expect(a > 0, "MAP_SHARED with unknown bits: %ld", a) &&
		 expect_eq(raw_munmap(a, PAGE), 0, "munmap");
	ok &= expect_eq(raw_mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | UNKNOWN_MAP_BIT, fd, 0),
			-EOPNOTSUPP, "MAP_SHARED_VALIDATE with an unknown bit");
	ok &= expect_eq(raw_mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0),
			-EOPNOTSUPP, "MAP_SHARED_VALIDATE | MAP_SYNC on a file without DAX");
	a = raw_mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_POPULATE | MAP_NORESERVE, fd, 0);
	ok &= expect(a > 0, "MAP_SHARED_VALIDATE with known flags: %ld", a) &&
	      expect_eq(raw_munmap(a, PAGE), 0, "munmap");
	close(fd);
	return ok;
}

/* Heuristic overcommit (Linux's default): one request for more memory than
 * the machine has is refused at once, when it would be charged: private
 * writable or shared anonymous memory, not MAP_NORESERVE, not read-only. */
static int mmap_more_than_ram(void)
{
	const unsigned long huge = 1UL << 46;		/* 64 TiB */
	int ok = expect_eq(raw_mmap(0, huge, RW, ANON, -1, 0), -ENOMEM, "64 TiB private RW") &
		 expect_eq(raw_mmap(0, huge, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0), -ENOMEM,
			   "64 TiB shared anonymous");
	long a = raw_mmap(0, huge, PROT_READ, ANON, -1, 0);
	ok &= expect(a > 0, "64 TiB private read-only: %ld", a) &&
	      expect_eq(raw_munmap(a, huge), 0, "munmap");
	a = raw_mmap(0, huge, RW, ANON | MAP_NORESERVE, -1, 0);
	ok &= expect(a > 0, "64 TiB private RW MAP_NORESERVE: %ld", a) &&
	      expect_eq(raw_munmap(a, huge), 0, "munmap");
	/* made writable later, it is charged then (unless MAP_NORESERVE) */
	a = raw_mmap(0, huge, PROT_READ, ANON, -1, 0);
	ok &= expect(a > 0, "64 TiB private read-only: %ld", a) &&
	      expect_eq(syscall3(SYS_mprotect, a, huge, RW), -ENOMEM, "mprotect of it RW") &
	      expect_eq(raw_munmap(a, huge), 0, "munmap");
	a = raw_mmap(0, huge, PROT_READ, ANON | MAP_NORESERVE, -1, 0);
	ok &= expect(a > 0, "64 TiB private read-only MAP_NORESERVE: %ld", a) &&
	      expect_eq(syscall3(SYS_mprotect, a, huge, RW), 0, "mprotect of it RW") &
	      expect_eq(raw_munmap(a, huge), 0, "munmap");
	return ok;
}

static int mmap_fixed_unaligned(void)
{
	unsigned long a = free_range(2);
	return a && expect_eq(raw_mmap(a + 100, PAGE, RW, ANON | MAP_FIXED, -1, 0), -EINVAL,
			      "mmap MAP_FIXED at page + 100") &
		    expect_eq(raw_mmap(a + 100, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
			      -EINVAL, "mmap MAP_FIXED_NOREPLACE at page + 100");
}

static int mmap_offset_unaligned(void)
{
	return expect_eq(raw_mmap(0, PAGE, RW, ANON, -1, 100), -EINVAL, "mmap offset 100");
}

/* Without MAP_FIXED the address is only a hint: an unaligned one is fine,
 * and where it is free, x86 Linux takes it rounded down to its page. */
static int mmap_hint_unaligned(void)
{
	unsigned long a = free_range(3);
	return a && expect_eq(raw_mmap(a + PAGE + 100, PAGE, RW, ANON, -1, 0), a + PAGE,
			      "mmap with a free hint at page + 100");
}

/* A length is rounded up to whole pages; the page after it stays free. */
static int mmap_one_byte(void)
{
	unsigned long a = free_range(2);
	long r = raw_mmap(a, 1, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	return expect_eq(r, a, "mmap of 1 byte at a free page") &&
	       expect_access(a + PAGE - 1, WRITE) & expect_segv(a + PAGE, READ, SEGV_MAPERR);
}

static int mmap_hint_kernel_half(void)
{
	long r = raw_mmap(KERNEL_DIRECT, PAGE, RW, ANON, -1, 0);
	return expect(r > 0 && (unsigned long)r < TASK_SIZE,
		      "mmap with a kernel-half hint: %#lx, want a user address", r) &&
	       expect_access(r, WRITE);
}

/* Lengths and addresses whose end passes the end of user space, or 2^64. */
static int mmap_overflow(void)
{
	unsigned long a = free_range(1);
	return expect_eq(raw_mmap(0, -PAGE, RW, ANON, -1, 0), -ENOMEM, "length 2^64 - 4096") &
	       expect_eq(raw_mmap(0, -1UL, RW, ANON, -1, 0), -ENOMEM, "length 2^64 - 1") &
	       expect_eq(raw_mmap(TASK_SIZE - PAGE, 2 * PAGE, RW, ANON | MAP_FIXED, -1, 0),
			 -ENOMEM, "MAP_FIXED across the end of user space") &
	       expect_eq(raw_mmap(a, -a, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM,
			 "MAP_FIXED with addr + len = 2^64") &
	       expect_eq(raw_mmap(KERNEL_DIRECT, PAGE, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM,
			 "MAP_FIXED in the kernel half");
}

/* ---- MAP_FIXED and MAP_FIXED_NOREPLACE ---- */

/* The middle two of four pages mapped again, read-only: fresh zero pages
 * there, the old protection gone, the outer pages untouched. */
static int fixed_replaces(void)
{
	unsigned long a = free_range(4);
	char *p = map_marked(a, 4);
	if (!p)
		return 0;
	long r = raw_mmap(a + PAGE, 2 * PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0);
	return expect_eq(r, a + PAGE, "mmap MAP_FIXED over pages 1-2") &&
	       all_zero(p + PAGE, 2 * PAGE, "pages 1-2") &
	       expect_segv(a + PAGE + 10, WRITE, SEGV_ACCERR) &
	       marked(p, 0) & marked(p, 3) & expect_access(a + 3 * PAGE, WRITE);
}

static int noreplace_over_mapping(void)
{
	unsigned long a = free_range(2);
	char *p = map_marked(a, 2);
	return p && expect_eq(raw_mmap(a, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST,
			      "MAP_FIXED_NOREPLACE over a mapping") &
		    marked(p, 0) & marked(p, 1);
}

/* Overlapping only the last page of what it asks for is enough to refuse;
 * the free part is not mapped either. */
static int noreplace_over_part(void)
{
	unsigned long a = free_range(3);
	char *p = a ? map_marked(a + 2 * PAGE, 1) : NULL;
	return p && expect_eq(raw_mmap(a, 3 * PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
			      -EEXIST, "MAP_FIXED_NOREPLACE over part of a mapping") &
		    expect_segv(a, READ, SEGV_MAPERR) & marked(p, 0);
}

static int noreplace_free(void)
{
	unsigned long a = free_range(2);
	return expect_eq(raw_mmap(a, 2 * PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), a,
			 "MAP_FIXED_NOREPLACE at a free range") &&
	       expect_access(a + 2 * PAGE - 1, WRITE);
}

/* ---- munmap ---- */

static int munmap_unaligned(void)
{
	char *p = map_anon(2, RW);
	return p && expect_eq(raw_munmap((unsigned long)p + 1, PAGE), -EINVAL,
			      "munmap at page + 1") &
		    expect_access((unsigned long)p, WRITE);
}

static int munmap_len_zero(void)
{
	char *p = map_anon(1, RW);
	return p && expect_eq(raw_munmap((unsigned long)p, 0), -EINVAL, "munmap length 0") &
		    expect_access((unsigned long)p, WRITE);
}

static int munmap_len_rounded(void)
{
	unsigned long a = free_range(2);
	char *p = map_marked(a, 2);
	return p && expect_eq(raw_munmap(a, 1), 0, "munmap of 1 byte") &&
	       expect_segv(a + PAGE - 1, READ, SEGV_MAPERR) & marked(p, 1);
}

static int munmap_nothing_mapped(void)
{
	unsigned long a = free_range(4);
	return a && expect_eq(raw_munmap(a, 4 * PAGE), 0, "munmap of a free range");
}

static int munmap_middle(void)
{
	unsigned long a = free_range(3);
	char *p = map_marked(a, 3);
	return p && expect_eq(raw_munmap(a + PAGE, PAGE), 0, "munmap of page 1 of 3") &&
	       expect_segv(a + PAGE + 123, READ, SEGV_MAPERR) &
	       expect_segv(a + 2 * PAGE - 1, WRITE, SEGV_MAPERR) & marked(p, 0) & marked(p, 2) &
	       expect_access(a, WRITE) & expect_access(a + 2 * PAGE, WRITE);
}

/* One munmap over two mappings and the hole between them. */
static int munmap_across(void)
{
	unsigned long a = free_range(5);
	char *lo = a ? map_marked(a, 2) : NULL;
	char *hi = lo ? map_marked(a + 3 * PAGE, 2) : NULL;
	int gone = 1;
	if (!hi || !expect_eq(raw_munmap(a, 5 * PAGE), 0, "munmap of 2 pages, a hole, 2 pages"))
		return 0;
	for (unsigned long i = 0; i < 5; i++)
		gone &= expect_segv(a + i * PAGE, READ, SEGV_MAPERR);
	return gone;
}

static int munmap_overflow(void)
{
	unsigned long a = free_range(1);
	return expect_eq(raw_munmap(a, -a), -EINVAL, "munmap with addr + len = 2^64") &
	       expect_eq(raw_munmap(a, -1UL), -EINVAL, "munmap length 2^64 - 1") &
	       expect_eq(raw_munmap(KERNEL_TEXT, PAGE), -EINVAL, "munmap in the kernel half");
}

/* ---- mprotect ---- */

static int mprotect_unaligned(void)
{
	char *p = map_anon(2, RW);
	return p && expect_eq(raw_mprotect((unsigned long)p + 1, PAGE, PROT_READ), -EINVAL,
			      "mprotect at page + 1") &
		    expect_access((unsigned long)p, WRITE);
}

static int mprotect_bad_prot(void)
{
	char *p = map_anon(1, RW);
	return p && expect_eq(raw_mprotect((unsigned long)p, PAGE, 0x10), -EINVAL,
			      "mprotect prot 0x10") &
		    expect_access((unsigned long)p, WRITE);
}

static int mprotect_len_zero(void)
{
	char *p = map_anon(1, RW);
	return p && expect_eq(raw_mprotect((unsigned long)p, 0, PROT_NONE), 0,
			      "mprotect length 0") &
		    expect_access((unsigned long)p, WRITE);
}

static int mprotect_middle_readonly(void)
{
	unsigned long a = free_range(3);
	char *p = map_marked(a, 3);
	return p && expect_eq(raw_mprotect(a + PAGE, PAGE, PROT_READ), 0, "mprotect page 1 of 3") &&
	       expect_segv(a + PAGE + 5, WRITE, SEGV_ACCERR) & marked(p, 1) &
	       expect_access(a + PAGE - 1, WRITE) & expect_access(a + 2 * PAGE, WRITE);
}

/* PROT_NONE keeps the page: back to read/write, its data is still there. */
static int mprotect_none_and_back(void)
{
	unsigned long a = free_range(3);
	char *p = map_marked(a, 3);
	return p && expect_eq(raw_mprotect(a + PAGE, PAGE, PROT_NONE), 0, "mprotect PROT_NONE") &&
	       expect_segv(a + PAGE, READ, SEGV_ACCERR) & marked(p, 0) & marked(p, 2) &&
	       expect_eq(raw_mprotect(a + PAGE, PAGE, RW), 0, "mprotect back to read/write") &&
	       marked(p, 1) & expect_access(a + PAGE + 7, WRITE);
}

/* A length is rounded up to whole pages here too. */
static int mprotect_len_rounded(void)
{
	unsigned long a = free_range(2);
	char *p = map_marked(a, 2);
	return p && expect_eq(raw_mprotect(a, 1, PROT_READ), 0, "mprotect of 1 byte") &&
	       expect_segv(a + PAGE - 1, WRITE, SEGV_ACCERR) & expect_access(a + PAGE, WRITE);
}

static int mprotect_unmapped(void)
{
	unsigned long a = free_range(2);
	return a && expect_eq(raw_mprotect(a, 2 * PAGE, PROT_READ), -ENOMEM,
			      "mprotect of a free range");
}

/* Mapped, a hole, mapped: the hole makes it ENOMEM — after the mapping
 * before the hole has changed (Linux walks VMA by VMA), the one after not. */
static int mprotect_hole(void)
{
	unsigned long a = free_range(3);
	char *lo = a ? map_marked(a, 1) : NULL;
	char *hi = lo ? map_marked(a + 2 * PAGE, 1) : NULL;
	return hi && expect_eq(raw_mprotect(a, 3 * PAGE, PROT_READ), -ENOMEM,
			       "mprotect over a hole") &
		     expect_segv(a + 5, WRITE, SEGV_ACCERR) & expect_access(a + 2 * PAGE, WRITE) &
		     expect_eq(raw_mprotect(a + PAGE, 2 * PAGE, PROT_READ), -ENOMEM,
			       "mprotect starting in a hole") &
		     expect_access(a + 2 * PAGE + 1, WRITE);
}

static int mprotect_overflow(void)
{
	char *p = map_anon(1, RW);
	unsigned long a = (unsigned long)p;
	return p && expect_eq(raw_mprotect(a, -a, PROT_READ), -ENOMEM,
			      "mprotect with addr + len = 2^64") &
		    expect_eq(raw_mprotect(a, -1UL, PROT_READ), -ENOMEM,
			      "mprotect length 2^64 - 1") &
		    expect_eq(raw_mprotect(KERNEL_TEXT, PAGE, PROT_READ), -ENOMEM,
			      "mprotect in the kernel half") &
		    expect_access(a, WRITE);
}

static const struct check checks[] = {
	CHECK("mmap length 0: EINVAL", mmap_len_zero),
	CHECK("mmap neither MAP_SHARED nor MAP_PRIVATE: EINVAL", mmap_no_type),
	CHECK("mmap MAP_SHARED_VALIDATE | MAP_ANONYMOUS: EINVAL", mmap_shared_validate_anon),
	CHECK("mmap of a file with unknown flags: ignored by MAP_SHARED, EOPNOTSUPP from "
	      "MAP_SHARED_VALIDATE", mmap_shared_unknown_flags),
	CHECK("mmap of 64 TiB: ENOMEM if charged (private writable, shared anonymous), "
	      "mapped if read-only or MAP_NORESERVE; mprotect to writable charges it",
	      mmap_more_than_ram),
	CHECK("mmap MAP_FIXED at an unaligned address: EINVAL", mmap_fixed_unaligned),
	CHECK("mmap at an unaligned offset: EINVAL", mmap_offset_unaligned),
	CHECK("mmap with an unaligned free hint: placed at its page", mmap_hint_unaligned),
	CHECK("mmap of 1 byte maps one whole page", mmap_one_byte),
	CHECK("mmap with a kernel-half hint: placed in user space", mmap_hint_kernel_half),
	CHECK("mmap past the end of user space or 2^64: ENOMEM", mmap_overflow),
	CHECK("MAP_FIXED over a mapping replaces that part only", fixed_replaces),
	CHECK("MAP_FIXED_NOREPLACE over a mapping: EEXIST", noreplace_over_mapping),
	CHECK("MAP_FIXED_NOREPLACE over part of a mapping: EEXIST, nothing mapped",
	      noreplace_over_part),
	CHECK("MAP_FIXED_NOREPLACE at a free range: mapped there", noreplace_free),
	CHECK("munmap at an unaligned address: EINVAL", munmap_unaligned),
	CHECK("munmap length 0: EINVAL", munmap_len_zero),
	CHECK("munmap of 1 byte unmaps the whole page only", munmap_len_rounded),
	CHECK("munmap of a range with nothing mapped: 0", munmap_nothing_mapped),
	CHECK("munmap of the middle page: a hole that faults, the rest kept", munmap_middle),
	CHECK("munmap across two mappings and a hole: all gone", munmap_across),
	CHECK("munmap past 2^64 or in the kernel half: EINVAL", munmap_overflow),
	CHECK("mprotect at an unaligned address: EINVAL", mprotect_unaligned),
	CHECK("mprotect with an unknown PROT_ bit: EINVAL", mprotect_bad_prot),
	CHECK("mprotect length 0: 0, nothing changes", mprotect_len_zero),
	CHECK("mprotect of the middle page read-only: only it refuses writes",
	      mprotect_middle_readonly),
	CHECK("mprotect PROT_NONE and back: the data is kept", mprotect_none_and_back),
	CHECK("mprotect of 1 byte changes the whole page only", mprotect_len_rounded),
	CHECK("mprotect of an unmapped range: ENOMEM", mprotect_unmapped),
	CHECK("mprotect over a hole: ENOMEM", mprotect_hole),
	CHECK("mprotect past 2^64 or in the kernel half: ENOMEM", mprotect_overflow),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

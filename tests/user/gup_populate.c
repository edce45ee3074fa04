/* gup_populate — madvise(MADV_POPULATE_READ / MADV_POPULATE_WRITE): fault a
 * range in without touching it, through get_user_pages with the VMA's own
 * protection (mm/gup.c's faultin_vma_page_range), so that the accesses
 * afterwards take no fault: a read after POPULATE_READ, any access after
 * POPULATE_WRITE (copy-on-write broken, PTEs writable).
 *
 * What a call did is read as a fault map (fmap.h's fault_map: "0000" =
 * no access faulted); the errors are Linux 6.1's: EINVAL for a VMA that
 * refuses the access (PROT_NONE, a write to read-only memory, device
 * memory), ENOMEM for a hole, EFAULT for a page the fault path refuses
 * (SIGBUS past a file's end).  Every check passes on Linux too, but the
 * one on /dev/fb0 (faultline's framebuffer: the host's must not be drawn
 * on). */
#include "fmap.h"

#define RW		(PROT_READ | PROT_WRITE)

/* ---- anonymous memory ---------------------------------------------------------- */

/* POPULATE_READ maps what a read fault would: the zero page, read-only.
 * Reads take no fault, each write one (the zero page is copied). */
static int read_maps_zero_page(void)
{
	char *p = map_anon(8, RW);
	EXPECT(p);
	EXPECT_EQ(madvise(p, 8 * PAGE, MADV_POPULATE_READ), 0);
	return expect_str(fault_map(p, 8, READ), "00000000", "faults of reading each page") &
	       all_zero(p, 8 * PAGE, "the pages") &
	       expect_str(fault_map(p, 8, WRITE), "11111111", "faults of writing each page");
}

static int write_maps_writable(void)
{
	char *p = map_anon(8, RW);
	EXPECT(p);
	EXPECT_EQ(madvise(p, 8 * PAGE, MADV_POPULATE_WRITE), 0);
	return expect_str(fault_map(p, 8, WRITE), "00000000", "faults of writing each page") &
	       expect_str(fault_map(p, 8, READ), "00000000", "faults of reading each page");
}

/* After fork every page is shared copy-on-write: POPULATE_WRITE in the
 * child copies the first four now (its later writes there take no fault),
 * the other four still fault; neither side sees the other's data. */
static int write_breaks_cow_after_fork(void)
{
	char *p = map_anon(8, RW);
	EXPECT(p);
	memset(p, 'P', 8 * PAGE);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		int ok = expect_eq(madvise(p, 4 * PAGE, MADV_POPULATE_WRITE), 0,
				   "MADV_POPULATE_WRITE of pages 0-3") &
			 expect_eq(p[0], 'P', "page 0, populated, before the write") &
			 expect_str(fault_map(p, 8, WRITE), "00001111", "the child's writes");
		_exit(ok ? 0 : 1);
	}
	int ok = reap(pid, 0);
	for (long i = 0; i < 8; i++)
		ok &= expect_eq(p[i * PAGE], 'P', "the parent's page after the child's writes");
	return ok;
}

/* ---- files --------------------------------------------------------------------- */

/* A private file mapping: POPULATE_WRITE gives it private copies of the
 * file's pages (writes take no fault), the file never changes. */
static int write_private_file_copies(void)
{
	int fd = scratch_file(4 * PAGE);
	EXPECT(fd >= 0);
	char *p = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE, fd, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_POPULATE_WRITE), 0);
	int ok = page_is(p, 2, 2);			/* the file's bytes, copied */
	ok &= expect_str(fault_map(p, 4, WRITE), "0000", "faults of writing each page");
	return ok & file_is_pattern(fd, 4);
}

/* A shared file mapping: POPULATE_WRITE is the first write of each page
 * (page_mkwrite: dirty, writable), so a store takes no fault and reaches
 * the file. */
static int write_shared_file_writable(void)
{
	int fd = scratch_file(4 * PAGE);
	EXPECT(fd >= 0);
	char *p = mmap(NULL, 4 * PAGE, RW, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_POPULATE_WRITE), 0);
	int ok = expect_str(fault_map(p, 4, WRITE), "0000", "faults of writing each page");
	return ok & expect_eq(file_byte(fd, 3 * PAGE), 'w', "the file after the write");
}

static int read_file_maps_pages(void)
{
	int fd = scratch_file(4 * PAGE);
	EXPECT(fd >= 0);
	char *p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_POPULATE_READ), 0);
	return expect_str(fault_map(p, 4, READ), "0000", "faults of reading each page") &
	       page_is(p, 3, 3);
}

/* MAP_POPULATE is the same work at mmap time; with MAP_NONBLOCK Linux
 * populates nothing. */
static int map_populate_nonblock(void)
{
	char *p = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	char *q = mmap(NULL, 4 * PAGE, RW,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_NONBLOCK, -1, 0);
	EXPECT(p != MAP_FAILED && q != MAP_FAILED);
	return expect_str(fault_map(p, 4, WRITE), "0000", "MAP_POPULATE: faults of writes") &
	       expect_str(fault_map(q, 4, WRITE), "1111", "MAP_POPULATE | MAP_NONBLOCK");
}

/* ---- errors -------------------------------------------------------------------- */

/* The VMA's protection holds (no FOLL_FORCE): an access it refuses is
 * EINVAL, for the whole call (Linux's selftest madv_populate: prot_read,
 * prot_write). */
static int protection_einval(void)
{
	char *r = map_anon(2, PROT_READ), *w = map_anon(2, PROT_WRITE), *n = map_anon(2, PROT_NONE);
	EXPECT(r && w && n);
	return expect_eq(madvise(r, 2 * PAGE, MADV_POPULATE_READ), 0, "READ of PROT_READ") &
	       expect_errno(madvise(r, 2 * PAGE, MADV_POPULATE_WRITE), EINVAL,
			    "WRITE of PROT_READ") &
	       expect_errno(madvise(w, 2 * PAGE, MADV_POPULATE_READ), EINVAL,
			    "READ of PROT_WRITE (no VM_READ)") &
	       expect_eq(madvise(w, 2 * PAGE, MADV_POPULATE_WRITE), 0, "WRITE of PROT_WRITE") &
	       expect_errno(madvise(n, 2 * PAGE, MADV_POPULATE_READ), EINVAL, "READ of PROT_NONE") &
	       expect_errno(madvise(n, 2 * PAGE, MADV_POPULATE_WRITE), EINVAL,
			    "WRITE of PROT_NONE");
}

/* A hole in the middle, at the end, at the start: ENOMEM; what lies
 * before the hole is populated. */
static int holes_enomem(void)
{
	char *p = map_anon(4, RW);
	EXPECT(p);
	EXPECT_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	int ok = expect_errno(madvise(p, 4 * PAGE, MADV_POPULATE_READ), ENOMEM,
			      "READ with a hole in the middle") &
		 expect_errno(madvise(p, 4 * PAGE, MADV_POPULATE_WRITE), ENOMEM,
			      "WRITE with a hole in the middle") &
		 expect_errno(madvise(p + PAGE, 2 * PAGE, MADV_POPULATE_WRITE), ENOMEM,
			      "WRITE with a hole at the end") &
		 expect_errno(madvise(p + 2 * PAGE, 2 * PAGE, MADV_POPULATE_READ), ENOMEM,
			      "READ with a hole at the start");
	return ok & expect_str(fault_map(p, 2, WRITE), "00", "the pages before the hole");
}

/* Past a file's end the fault path sends SIGBUS: EFAULT, the pages
 * before it populated. */
static int past_eof_efault(void)
{
	int fd = scratch_file(PAGE);
	EXPECT(fd >= 0);
	char *s = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);
	char *p = mmap(NULL, 3 * PAGE, RW, MAP_PRIVATE, fd, 0);
	EXPECT(s != MAP_FAILED && p != MAP_FAILED);
	return expect_errno(madvise(s, 3 * PAGE, MADV_POPULATE_READ), EFAULT, "READ, shared") &
	       expect_errno(madvise(s, 3 * PAGE, MADV_POPULATE_WRITE), EFAULT, "WRITE, shared") &
	       expect_errno(madvise(p, 3 * PAGE, MADV_POPULATE_WRITE), EFAULT, "WRITE, private") &
	       expect_str(fault_map(p, 1, WRITE), "0", "the private mapping's page 0");
}

/* The range: a start inside a page EINVAL, a length wrapping past the top
 * EINVAL, length 0 nothing. */
static int range_einval(void)
{
	char *p = map_anon(2, RW);
	EXPECT(p);
	return expect_errno(madvise(p + 100, PAGE, MADV_POPULATE_READ), EINVAL, "start + 100") &
	       expect_errno(madvise(p, -PAGE, MADV_POPULATE_WRITE), EINVAL, "length -4096") &
	       expect_eq(madvise(p, 0, MADV_POPULATE_WRITE), 0, "length 0") &
	       expect_str(fault_map(p, 1, WRITE), "1", "the page after length 0");
}

/* Device memory has no pages to fault in: EINVAL (Linux: VM_PFNMAP/VM_IO
 * refused by check_vma_flags). */
static int pfnmap_einval(void)
{
	int fb = open("/dev/fb0", O_RDWR);
	EXPECT(fb >= 0);
	char *p = mmap(NULL, PAGE, RW, MAP_SHARED, fb, 0);
	EXPECT(p != MAP_FAILED);
	return expect_errno(madvise(p, PAGE, MADV_POPULATE_READ), EINVAL, "READ of /dev/fb0") &
	       expect_errno(madvise(p, PAGE, MADV_POPULATE_WRITE), EINVAL, "WRITE of /dev/fb0");
}

static const struct check checks[] = {
	CHECK("MADV_POPULATE_READ maps the zero page: reads take no fault, writes one",
	      read_maps_zero_page),
	CHECK("MADV_POPULATE_WRITE maps anonymous memory writable: no fault at all",
	      write_maps_writable),
	CHECK("MADV_POPULATE_WRITE breaks COW after fork: the child's writes there take no fault",
	      write_breaks_cow_after_fork),
	CHECK("MADV_POPULATE_WRITE of a private file mapping copies; the file is unchanged",
	      write_private_file_copies),
	CHECK("MADV_POPULATE_WRITE of a shared file mapping: writes take no fault, reach the file",
	      write_shared_file_writable),
	CHECK("MADV_POPULATE_READ of a file mapping maps the file's pages",
	      read_file_maps_pages),
	CHECK("MAP_POPULATE populates; with MAP_NONBLOCK nothing", map_populate_nonblock),
	CHECK("an access the VMA refuses: EINVAL (PROT_READ, PROT_WRITE, PROT_NONE)",
	      protection_einval),
	CHECK("a hole: ENOMEM, the pages before it populated", holes_enomem),
	CHECK("past a file's end: EFAULT (SIGBUS), the pages before it populated",
	      past_eof_efault),
	CHECK("an unaligned start or a wrapping length: EINVAL; length 0: nothing",
	      range_einval),
	FAULTLINE_ONLY("device memory (/dev/fb0, VM_PFNMAP): EINVAL", pfnmap_einval,
		       "faultline only: a test must not map the host's framebuffer"),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "gup_populate");
}

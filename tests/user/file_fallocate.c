/* tests/user/file_fallocate.c — fallocate(2) on a RAM file: allocating
 * pages, and punching holes under mappings.
 *
 * The files are memfds, tmpfs files on Linux: the same file system
 * semantics on both kernels (ext4, where make test-linux's scratch files
 * live, also knows FALLOC_FL_ZERO_RANGE and friends; tmpfs does not).
 *
 *	fallocate(fd, 0, off, len)		every page of the range cached, the
 *						size at least off + len
 *	FALLOC_FL_KEEP_SIZE			the same, the size unchanged
 *	FALLOC_FL_PUNCH_HOLE | KEEP_SIZE	the range's whole pages leave every
 *						mapping and the cache; partial pages
 *						zeroed in place; the next access of a
 *						punched page faults in a zeroed page
 *						(inside the file: no SIGBUS)
 *
 * A punched page goes from shared mappings and from private ones that
 * still map the file's page; a private copy a write made stays (Linux:
 * "hole-punching leaves COWed pages"). */
#include "mem_lib.h"
#include <sys/stat.h>

#define RW		(PROT_READ | PROT_WRITE)
#define NPAGES		8

/* A memfd of NPAGES pages, page i filled with 'A' + i. */
static int filled_memfd(void)
{
	char page[PAGE];
	int fd = memfd_create("fallocate", MFD_ALLOW_SEALING);
	if (fd < 0) {
		diag("memfd_create: errno %d (%s)", errno, strerror(errno));
		return -1;
	}
	for (int i = 0; i < NPAGES; i++) {
		memset(page, 'A' + i, PAGE);
		if (write(fd, page, PAGE) != (ssize_t)PAGE) {
			diag("write of page %d: errno %d", i, errno);
			return -1;
		}
	}
	return fd;
}

static long blocks(int fd)
{
	struct stat st;
	return fstat(fd, &st) ? -1 : st.st_blocks;
}

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) ? -1 : st.st_size;
}

/* Every byte of [p, p + len) is c. */
static int all_are(const volatile char *p, unsigned long len, char c, const char *what)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i] != c)
			return check_fail(__FILE__, __LINE__, "%s: byte %lu is %#x, want %#x", what, i,
					  p[i], c);
	return 1;
}

/* ---- allocating ---- */

/* Mode 0 past the end: the size grows, the pages are there (st_blocks),
 * they read zero, the data before them is untouched. */
static int allocate_grows(void)
{
	char buf[PAGE];
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	long b0 = blocks(fd);
	EXPECT_EQ(fallocate(fd, 0, 6 * PAGE, 4 * PAGE), 0);
	int good = expect_eq(size_of(fd), 10 * PAGE, "st_size") &
		   expect_eq(blocks(fd) - b0, 2 * PAGE / 512, "st_blocks gained (2 new pages)");
	good &= expect(pread(fd, buf, PAGE, 9 * PAGE) == (ssize_t)PAGE, "read of page 9") &&
		all_zero(buf, PAGE, "page 9");
	good &= expect(pread(fd, buf, PAGE, 7 * PAGE) == (ssize_t)PAGE, "read of page 7") &&
		all_are(buf, PAGE, 'A' + 7, "page 7");
	return good & expect_eq(fallocate(fd, 0, 0, PAGE), 0, "inside the file") &
	       expect_eq(size_of(fd), 10 * PAGE, "st_size after allocating inside");
}

/* FALLOC_FL_KEEP_SIZE: the pages are there, the size is not: reads still
 * end at the old end. */
static int allocate_keep_size(void)
{
	char c;
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	long b0 = blocks(fd);
	EXPECT_EQ(fallocate(fd, FALLOC_FL_KEEP_SIZE, 7 * PAGE, 3 * PAGE), 0);
	return expect_eq(size_of(fd), NPAGES * PAGE, "st_size") &
	       expect_eq(blocks(fd) - b0, 2 * PAGE / 512, "st_blocks gained (2 pages past the end)") &
	       expect_eq(pread(fd, &c, 1, NPAGES * PAGE), 0, "read at the old end");
}

/* A mapping of the allocated part reads zero and writes reach the file. */
static int allocate_then_map(void)
{
	int fd = memfd_create("fallocate", 0);
	EXPECT(fd >= 0);
	EXPECT_EQ(fallocate(fd, 0, 0, 4 * PAGE), 0);
	char *p = mmap(NULL, 4 * PAGE, RW, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	char c = 0;
	int good = all_zero(p, 4 * PAGE, "the mapping");
	p[3 * PAGE + 1] = 'm';
	return good & expect(pread(fd, &c, 1, 3 * PAGE + 1) == 1 && c == 'm',
			     "read() of the byte stored: %#x", c);
}

/* ---- punching holes ---- */

/* Pages 2-5 punched whole, and the ends of pages 1 and 6: through a shared
 * mapping the punched pages fault in zeroed (no SIGBUS), the partial pages
 * are zeroed only where punched, the rest keeps its data. */
static int punch_shared(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	volatile char *p = mmap(NULL, NPAGES * PAGE, RW, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	for (int i = 0; i < NPAGES; i++)
		(void)p[i * PAGE];			/* every page mapped */
	long b0 = blocks(fd);
	EXPECT_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 2 * PAGE - 100,
			    4 * PAGE + 200), 0);
	int good = expect_eq(size_of(fd), NPAGES * PAGE, "st_size") &
		   expect_eq(b0 - blocks(fd), 4 * PAGE / 512, "st_blocks lost (4 whole pages)");
	good &= expect_access(p + 3 * PAGE, READ, "reading punched page 3");
	good &= all_zero(p + 2 * PAGE, 4 * PAGE, "pages 2-5") &
		all_are(p + PAGE, PAGE - 100, 'B', "page 1 before the hole") &
		all_zero(p + 2 * PAGE - 100, 100, "the end of page 1") &
		all_zero(p + 6 * PAGE, 100, "the start of page 6") &
		all_are(p + 6 * PAGE + 100, PAGE - 100, 'G', "page 6 after the hole") &
		all_are(p, PAGE, 'A', "page 0") & all_are(p + 7 * PAGE, PAGE, 'H', "page 7");
	p[4 * PAGE] = 'n';				/* a new page in the hole */
	char c = 0;
	return good & expect(pread(fd, &c, 1, 4 * PAGE) == 1 && c == 'n',
			     "read() of a store into the hole: %#x", c);
}

/* A private mapping that only read a page maps the file's own page: the
 * hole takes it, the next read sees zeros.  A page it wrote is its own
 * copy: that stays. */
static int punch_private(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	volatile char *p = mmap(NULL, NPAGES * PAGE, RW, MAP_PRIVATE, fd, 0);
	EXPECT(p != MAP_FAILED);
	(void)p[2 * PAGE];				/* read: the file's page */
	p[3 * PAGE] = 'c';				/* written: our copy */
	EXPECT_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 2 * PAGE, 2 * PAGE),
		  0);
	return all_zero(p + 2 * PAGE, PAGE, "page 2, read before the hole") &
	       expect_eq(p[3 * PAGE], 'c', "page 3, our copy: byte 0") &
	       all_are(p + 3 * PAGE + 1, PAGE - 1, 'D', "page 3, our copy: the rest");
}

/* A child of fork shares the mapping: the hole is gone for it too, and
 * every mapping sees what is written into the hole afterwards. */
static int punch_seen_by_child(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	volatile char *p = mmap(NULL, NPAGES * PAGE, RW, MAP_SHARED, fd, 0);
	volatile char *q = mmap(NULL, NPAGES * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED && q != MAP_FAILED);
	(void)p[5 * PAGE];
	(void)q[5 * PAGE];
	pid_t pid = fork_flushed();
	if (pid == 0) {
		if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 5 * PAGE, PAGE))
			_exit(2);
		_exit(p[5 * PAGE] == 0 ? 0 : 3);
	}
	EXPECT(pid > 0 && reap(pid, 0));
	int good = all_zero(p + 5 * PAGE, PAGE, "the parent's view of page 5");
	p[5 * PAGE + 9] = 'x';
	return good & expect_eq(q[5 * PAGE + 9], 'x', "the other mapping sees the new page");
}

/* The punched pages are freed: the page cache shrinks by them at once. */
static int punch_frees_pages(void)
{
	static char vm[4096];
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	char *p = mmap(NULL, NPAGES * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	for (int i = 0; i < NPAGES; i++)
		(void)*(volatile char *)(p + i * PAGE);
	EXPECT(read_file("/proc/vmstat", vm, sizeof(vm)) > 0);
	long before = proc_field(vm, "nr_file_pages");
	EXPECT_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, 6 * PAGE), 0);
	EXPECT(read_file("/proc/vmstat", vm, sizeof(vm)) > 0);
	return expect_eq(before - proc_field(vm, "nr_file_pages"), 6, "cached pages freed");
}

/* A hole past the end, or over a hole, is fine and changes nothing. */
static int punch_nothing(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	return expect_eq(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 20 * PAGE,
				   PAGE), 0, "past the end") &
	       expect_eq(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE), 0,
			 "a hole") &
	       expect_eq(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE), 0,
			 "the same hole again") &
	       expect_eq(size_of(fd), NPAGES * PAGE, "st_size");
}

/* ---- what is refused ---- */

static int bad_arguments(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	return expect_errno(fallocate(fd, 0, 0, 0), EINVAL, "length 0") &
	       expect_errno(fallocate(fd, 0, -PAGE, PAGE), EINVAL, "a negative offset") &
	       expect_errno(fallocate(fd, 0, 0, -1), EINVAL, "a negative length") &
	       expect_errno(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, PAGE), EOPNOTSUPP,
			    "PUNCH_HOLE without KEEP_SIZE") &
	       expect_errno(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, PAGE), EOPNOTSUPP,
			    "ZERO_RANGE (not on tmpfs)") &
	       expect_errno(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE |
					  FALLOC_FL_KEEP_SIZE, 0, PAGE), EOPNOTSUPP,
			    "PUNCH_HOLE with ZERO_RANGE") &
	       expect_errno(fallocate(fd, 0x100, 0, PAGE), EOPNOTSUPP, "an unknown mode") &
	       expect_errno(fallocate(fd, 0, 0x7ffffffffffff000L, 0x2000), EFBIG,
			    "offset + length past 2^63");
}

/* Linux 6.1's vfs_fallocate: COLLAPSE_RANGE and INSERT_RANGE must come
 * alone, UNSHARE_RANGE with KEEP_SIZE at most (EINVAL); later kernels
 * check the modes another way and say EOPNOTSUPP. */
static int mode_combinations(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	return expect_errno(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_KEEP_SIZE, 0, PAGE),
			    EINVAL, "COLLAPSE_RANGE with KEEP_SIZE") &
	       expect_errno(fallocate(fd, FALLOC_FL_INSERT_RANGE | FALLOC_FL_KEEP_SIZE, 0, PAGE),
			    EINVAL, "INSERT_RANGE with KEEP_SIZE") &
	       expect_errno(fallocate(fd, FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_PUNCH_HOLE |
					  FALLOC_FL_KEEP_SIZE, 0, PAGE), EINVAL,
			    "UNSHARE_RANGE with PUNCH_HOLE") &
	       expect_errno(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, PAGE), EOPNOTSUPP,
			    "COLLAPSE_RANGE alone (tmpfs has none)");
}

static int wrong_files(void)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	int null = open("/dev/null", O_RDWR);
	int ro = open("/proc/self/maps", O_RDONLY);
	EXPECT(null >= 0 && ro >= 0);
	return expect_errno(fallocate(p[1], 0, 0, PAGE), ESPIPE, "a pipe") &
	       expect_errno(fallocate(null, 0, 0, PAGE), ENODEV, "/dev/null") &
	       expect_errno(fallocate(ro, 0, 0, PAGE), EBADF, "an fd open for reading") &
	       expect_errno(fallocate(99, 0, 0, PAGE), EBADF, "no such fd");
}

/* Seals: no hole in a write-sealed memfd; no allocation past the end of a
 * GROW-sealed one (KEEP_SIZE or not); inside it, allocation is fine. */
static int seals(void)
{
	int fd = filled_memfd();
	EXPECT(fd >= 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW), 0);
	return expect_errno(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, PAGE),
			    EPERM, "a hole, WRITE-sealed") &
	       expect_errno(fallocate(fd, 0, 7 * PAGE, 2 * PAGE), EPERM, "past the end, GROW-sealed") &
	       expect_errno(fallocate(fd, FALLOC_FL_KEEP_SIZE, 7 * PAGE, 2 * PAGE), EPERM,
			    "past the end with KEEP_SIZE, GROW-sealed") &
	       expect_eq(fallocate(fd, 0, 0, NPAGES * PAGE), 0, "inside, sealed");
}

static const struct check checks[] = {
	CHECK("fallocate past the end: the size grows, the pages are there and read zero",
	      allocate_grows),
	CHECK("FALLOC_FL_KEEP_SIZE: pages past the end allocated, the size kept",
	      allocate_keep_size),
	CHECK("an allocated range maps, reads zero, and writes reach the file", allocate_then_map),
	CHECK("PUNCH_HOLE under a shared mapping: zero pages on the next read (no SIGBUS), the "
	      "partial pages zeroed in the range only", punch_shared),
	CHECK("PUNCH_HOLE under a private mapping: the file's page goes, our copy stays",
	      punch_private),
	CHECK("PUNCH_HOLE by a child of fork: every mapping sees the hole, then the new page",
	      punch_seen_by_child),
	FAULTLINE_ONLY("PUNCH_HOLE frees the cached pages at once", punch_frees_pages,
		       "nr_file_pages moves with everything else on a busy host"),
	CHECK("PUNCH_HOLE past the end or over a hole: 0, nothing changes", punch_nothing),
	CHECK("fallocate's argument errors: EINVAL, EOPNOTSUPP, EFBIG", bad_arguments),
	FAULTLINE_ONLY("fallocate's mode combinations: EINVAL as Linux 6.1", mode_combinations,
		       "later kernels (6.18) check them otherwise: EOPNOTSUPP"),
	CHECK("fallocate of a pipe ESPIPE, a device ENODEV, a read-only fd EBADF", wrong_files),
	CHECK("seals: no hole WRITE-sealed, no allocation past the end GROW-sealed", seals),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

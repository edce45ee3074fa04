/* tests/user/fmap.h — what the fmap_* tests (file mappings) share, beside
 * check.h: a scratch file of known bytes, placing a mapping, and reading
 * the faults of touching pages as a picture of what fault-around did.
 *
 * fmap_run() runs every check as check.h's run_checks() does, each in a
 * child process of its own; each check also gets a scratch file name in
 * the current directory (fmap_path), which the parent removes after it:
 * on faultline that is ramfs (the runner's cwd), on Linux build/linux-tmp,
 * the host's disk file system (ext4) — not tmpfs, whose mappings have no
 * write-notify.
 *
 *	static const struct check checks[] = {
 *		CHECK("page 0 maps pages 0-15", page0_maps_window),
 *		...
 *	};
 *	int main(void) { return fmap_run(checks, NCHECKS(checks), "fmap_around"); }
 *
 * A check that shows a known faultline bug is marked FAULTLINE_BUG in the
 * table (check.h): on faultline it still runs, and a failure is reported
 * as a skip naming the bug.
 *
 * Faults are counted with check.h's faults(): ru_minflt + ru_majflt.  A
 * page found in the page cache is a minor fault on both kernels; the sum
 * only matters for a hole, which Linux reads from the disk file system with
 * a major fault and faultline's ramfs fills with zeroes in a minor one.
 *
 * fault_map(p, n, how) touches pages 0..n-1 of p one at a time, in order,
 * and returns the faults each took as a string of digits, so a check reads
 * like the picture of what fault-around did:
 *
 *	"1000000000000000"  the first read mapped all 16 pages
 *	"1111111111111111"  one fault per page (writes: no fault-around)
 *
 * Fault-around (Linux's do_fault_around, fault_around_bytes = 64 KiB): a
 * read fault maps the pages of the page cache around it, in a window of 16
 * pages aligned on the *virtual address* (not the file offset); a window
 * whose aligned start lies before the VMA starts at the VMA instead and
 * still spans 16 pages; it is cut at the VMA's end, at the end of the page
 * table (2 MiB) and at the end of the file.  A check that depends on the
 * window puts its mapping at a known distance from a 64 KiB boundary, in
 * the middle of a page table (map_file_at), or from a 2 MiB boundary
 * (map_file_near). */
#ifndef FMAP_H
#define FMAP_H

#include "check.h"
#include <sys/stat.h>

/* Signed: file offsets and distances from a boundary (skews) can be negative. */
#define PAGE		4096L
#define WINDOW		16		/* fault_around_bytes / PAGE: Linux's default */
#define FMAP_UNUSED	__attribute__((unused))

/* The scratch file of the running check (set before each fork). */
static char fmap_path[64];

/* ---- the file ------------------------------------------------------------ */

/* The byte at offset off of file page pg: differs from page to page and
 * along a page, never 0 (so a page of zeros is never mistaken for data). */
static inline unsigned char fpat(long pg, long off)
{
	return (unsigned char)((pg * 37 + off / 64 * 5) % 255 + 1);
}

/* Write size bytes of the pattern at file offset from, one write() per
 * page (so Linux keeps one small folio per page: a larger write may give
 * ext4 a large folio, which Linux 6.18's fault-around maps whole).  0, or
 * -1 with a diag. */
static FMAP_UNUSED int write_pattern(int fd, long from, long size)
{
	static unsigned char buf[PAGE];
	for (long pos = from; pos < from + size;) {
		long pg = pos / PAGE, off = pos % PAGE;
		long n = PAGE - off < from + size - pos ? PAGE - off : from + size - pos;
		for (long i = 0; i < n; i++)
			buf[i] = fpat(pg, off + i);
		if (pwrite(fd, buf, n, pos) != n)
			return expect(0, "pwrite of %ld bytes at %ld: errno %d", n, pos, errno) - 1;
		pos += n;
	}
	return 0;
}

/* The check's scratch file, size bytes of the pattern written with write()
 * (so every page of it is in the page cache), opened O_RDWR; the fd, or -1
 * with a diag.  On Linux the pages are also written back (fsync), so that
 * no later writeback locks one while a fault-around looks at it. */
static FMAP_UNUSED int scratch_file(long size)
{
	int fd = open(fmap_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return expect(0, "open %s: errno %d", fmap_path, errno) - 1;
	if (write_pattern(fd, 0, size) < 0) {
		close(fd);
		return -1;
	}
	if (!on_faultline())
		fsync(fd);
	return fd;
}

/* Reopen the scratch file with other flags (O_RDONLY, O_WRONLY). */
static FMAP_UNUSED int reopen(int flags)
{
	int fd = open(fmap_path, flags);
	if (fd < 0)
		diag("open %s flags %#x: errno %d", fmap_path, flags, errno);
	return fd;
}

/* The bytes of page pg of p (a mapping, or a buffer read back) are the
 * file's pattern for file page fpg. */
static FMAP_UNUSED int page_is(const volatile char *p, long pg, long fpg)
{
	for (long off = 0; off < PAGE; off++) {
		unsigned char c = (unsigned char)p[pg * PAGE + off];
		if (c != fpat(fpg, off))
			return expect(0, "page %ld byte %ld is %u, want %u (file page %ld)", pg,
				      off, c, fpat(fpg, off), fpg);
	}
	return 1;
}

/* The file read back with pread matches the pattern for npages pages. */
static FMAP_UNUSED int file_is_pattern(int fd, long npages)
{
	static char buf[PAGE];
	for (long pg = 0; pg < npages; pg++) {
		if (!expect_eq(pread(fd, buf, PAGE, pg * PAGE), PAGE, "pread of a page"))
			return 0;
		if (!page_is(buf, 0, pg))
			return expect(0, "file page %ld changed", pg);
	}
	return 1;
}

/* One byte of the file at off, by pread; -1 on error. */
static FMAP_UNUSED int file_byte(int fd, long off)
{
	unsigned char c;
	return pread(fd, &c, 1, off) == 1 ? c : -1;
}

/* ---- placing a mapping ------------------------------------------------- */

#define PT_SPAN		(512 * PAGE)	/* what one page table maps: 2 MiB */

/* Map npages of fd from file page pgoff at `skew` pages (maybe negative)
 * from a boundary of `align` bytes, a power of two up to PT_SPAN.  A
 * boundary smaller than a page table is taken in the middle of one, so no
 * page-table end lies near the mapping by chance (fault-around stops
 * there too).  A PROT_NONE region is reserved to find a free place,
 * unmapped again, and the file mapped there with MAP_FIXED_NOREPLACE (one
 * thread: nothing can take the place meanwhile).  NULL with a diag. */
static FMAP_UNUSED char *map_file_near(unsigned long align, long skew, long npages, int prot,
				       int flags, int fd, long pgoff)
{
	long span = 3 * PT_SPAN + npages * PAGE;
	char *r = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED) {
		diag("reserving %ld bytes: errno %d", span, errno);
		return NULL;
	}
	munmap(r, span);
	unsigned long base = ((unsigned long)r + PT_SPAN - 1) & ~(PT_SPAN - 1);
	base += align < (unsigned long)PT_SPAN ? PT_SPAN / 2 : PT_SPAN;
	char *want = (char *)base + skew * PAGE;
	char *p = mmap(want, npages * PAGE, prot, flags | MAP_FIXED_NOREPLACE, fd, pgoff * PAGE);
	if (p == MAP_FAILED) {
		diag("mmap of %ld pages at %p: errno %d", npages, (void *)want, errno);
		return NULL;
	}
	if (p != want) {
		diag("mmap placed the mapping at %p, not at %p", (void *)p, (void *)want);
		munmap(p, npages * PAGE);
		return NULL;
	}
	return p;
}

/* At `skew` pages past a 64 KiB boundary (a fault-around window). */
static FMAP_UNUSED char *map_file_at(long skew, long npages, int prot, int flags, int fd,
				     long pgoff)
{
	return map_file_near(WINDOW * PAGE, skew, npages, prot, flags, fd, pgoff);
}

/* The same, at a 64 KiB boundary. */
static FMAP_UNUSED char *map_file(long npages, int prot, int flags, int fd, long pgoff)
{
	return map_file_at(0, npages, prot, flags, fd, pgoff);
}

/* ---- counting faults ----------------------------------------------------- */

/* The faults one access to the byte at p takes.  faults() runs once before
 * the count, so its code and buffer are mapped already. */
static FMAP_UNUSED long faults_at(volatile char *p, enum access how)
{
	faults();
	long before = faults();
	if (how == READ)
		(void)*p;
	else
		*p = 'w';
	return faults() - before;
}

/* Touch pages 0..n-1 of p one at a time (offset 0 of each; a write stores
 * 'w'): the faults of each as a digit ('+' for more than 9). */
static FMAP_UNUSED const char *fault_map(volatile char *p, long n, enum access how)
{
	static char map[4][128];
	static int next;
	char *s = map[next++ % 4];
	for (long i = 0; i < n && i < 127; i++) {
		long f = faults_at(p + i * PAGE, how);
		s[i] = f >= 0 && f <= 9 ? (char)('0' + f) : '+';
		s[i + 1] = 0;
	}
	if (n <= 0)
		s[0] = 0;
	return s;
}

/* The faults mmap(MAP_POPULATE) itself takes for a 16-page file.  A map
 * without MAP_POPULATE runs the same code first, so only the populating
 * is counted. */
static FMAP_UNUSED long populate_faults(int fd, int prot, int flags)
{
	char *p = map_file(16, prot, flags, fd, 0);
	if (!p)
		return -1;
	munmap(p, 16 * PAGE);
	faults();
	long before = faults();
	p = map_file(16, prot, flags | MAP_POPULATE, fd, 0);
	long n = faults() - before;
	return p ? n : -1;
}

/* ---- the runner ------------------------------------------------------------ */

/* Each check as run_checks() runs it, with its own scratch file name
 * (fmap_path: prog.N.tmp), removed before and after it; the exit status
 * of the program: 0 when every check passed. */
static FMAP_UNUSED int fmap_run(const struct check *c, int n, const char *prog)
{
	plan(n);
	for (int i = 0; i < n; i++) {
		snprintf(fmap_path, sizeof(fmap_path), "%s.%d.tmp", prog, i + 1);
		unlink(fmap_path);
		run_check(&c[i]);
		unlink(fmap_path);
	}
	return done_testing();
}

#endif

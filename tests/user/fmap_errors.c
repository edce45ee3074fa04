/* tests/user/fmap_errors.c — what mmap and mprotect refuse for a file, in
 * Linux's order of checks (do_mmap), and what mincore says of a file
 * mapping: the residency of the file's pages in the page cache, mapped or
 * not.
 *
 * Linux's order: the offset's alignment (EINVAL) before the fd (EBADF);
 * then, for MAP_SHARED, PROT_WRITE without FMODE_WRITE (EACCES); then for
 * every type, no FMODE_READ (EACCES); only then a file without ->mmap, a
 * directory (ENODEV).  The file's largest offset (MAX_LFS_FILESIZE) bounds
 * offset + length (EOVERFLOW, file_mmap_ok). */
#include "fmap.h"

#define RW	(PROT_READ | PROT_WRITE)

/* mmap returns MAP_FAILED with errno err. */
static int expect_mmap_errno(long len, int prot, int flags, int fd, long off, int err,
			     const char *what)
{
	errno = 0;
	void *p = mmap(NULL, len, prot, flags, fd, off);
	int e = errno;
	if (p != MAP_FAILED)
		munmap(p, len);
	return expect(p == MAP_FAILED && e == err, "%s: got %p errno %d (%s), want errno %d (%s)",
		      what, p, e, strerror(e), err, strerror(err));
}

static int directory_enodev(void)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	if (!expect(fd >= 0, "open . : errno %d", errno))
		return 0;
	return expect_mmap_errno(PAGE, PROT_READ, MAP_PRIVATE, fd, 0, ENODEV, "private, read") &
	       expect_mmap_errno(PAGE, PROT_READ, MAP_SHARED, fd, 0, ENODEV, "shared, read");
}

/* The write check of MAP_SHARED comes before the ->mmap check. */
static int directory_shared_write_eacces(void)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	if (!expect(fd >= 0, "open . : errno %d", errno))
		return 0;
	return expect_mmap_errno(PAGE, RW, MAP_SHARED, fd, 0, EACCES, "shared, read-write");
}

static int wronly_eacces(void)
{
	int fd0 = scratch_file(4 * PAGE);
	int fd = fd0 < 0 ? -1 : reopen(O_WRONLY);
	if (fd < 0)
		return 0;
	return expect_mmap_errno(PAGE, RW, MAP_SHARED, fd, 0, EACCES, "shared, read-write") &
	       expect_mmap_errno(PAGE, PROT_WRITE, MAP_SHARED, fd, 0, EACCES, "shared, write") &
	       expect_mmap_errno(PAGE, PROT_READ, MAP_PRIVATE, fd, 0, EACCES, "private, read");
}

static int rdonly_shared_write_eacces(void)
{
	int fd0 = scratch_file(4 * PAGE);
	int fd = fd0 < 0 ? -1 : reopen(O_RDONLY);
	if (fd < 0)
		return 0;
	return expect_mmap_errno(PAGE, RW, MAP_SHARED, fd, 0, EACCES, "shared, read-write") &
	       expect_mmap_errno(PAGE, PROT_WRITE, MAP_SHARED, fd, 0, EACCES, "shared, write");
}

/* MAP_SHARED|PROT_READ of an O_RDONLY file is fine; a store there is
 * SIGSEGV/SEGV_ACCERR. */
static int rdonly_shared_read_ok(void)
{
	int fd0 = scratch_file(4 * PAGE);
	int fd = fd0 < 0 ? -1 : reopen(O_RDONLY);
	char *p = fd < 0 ? NULL : map_file(4, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	return page_is(p, 3, 3) &
	       expect_signal(p + PAGE + 5, WRITE, SIGSEGV, SEGV_ACCERR, "writing page 1");
}

/* The offset is checked first: EINVAL even with a bad fd. */
static int unaligned_offset_einval(void)
{
	int fd = scratch_file(4 * PAGE);
	if (fd < 0)
		return 0;
	return expect_mmap_errno(PAGE, PROT_READ, MAP_SHARED, fd, 1, EINVAL, "offset 1") &
	       expect_mmap_errno(PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE / 2, EINVAL,
				 "offset 2048") &
	       expect_mmap_errno(PAGE, PROT_READ, MAP_PRIVATE, -1, 100, EINVAL,
				 "offset 100, fd -1");
}

static int bad_fd_and_length(void)
{
	int fd = scratch_file(4 * PAGE);
	if (fd < 0)
		return 0;
	return expect_mmap_errno(PAGE, PROT_READ, MAP_PRIVATE, -1, 0, EBADF, "fd -1") &
	       expect_mmap_errno(PAGE, PROT_READ, MAP_PRIVATE, 999, 0, EBADF, "fd 999") &
	       expect_mmap_errno(0, PROT_READ, MAP_SHARED, fd, 0, EINVAL, "length 0");
}

/* Offset + length past MAX_LFS_FILESIZE (2^63 - 1): EOVERFLOW.  The last
 * page that fits maps (and reads SIGBUS: it is past the end). */
static int offset_past_max_file_size(void)
{
	int fd = scratch_file(4 * PAGE);
	if (fd < 0)
		return 0;
	int good = expect_mmap_errno(PAGE, PROT_READ, MAP_SHARED, fd, 0x7ffffffffffff000L,
				     EOVERFLOW, "offset 2^63 - 4096, one page");
	good &= expect_mmap_errno(2 * PAGE, PROT_READ, MAP_SHARED, fd, 0x7fffffffffffe000L,
				  EOVERFLOW, "offset 2^63 - 8192, two pages");
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0x7fffffffffffe000L);
	if (!expect(p != MAP_FAILED, "offset 2^63 - 8192, one page: errno %d", errno))
		return 0;
	return good & expect_sigbus(p + 3, READ, "reading it");
}

/* mprotect cannot add PROT_WRITE to a shared mapping of an O_RDONLY
 * file; the mapping stays as it was. */
static int mprotect_shared_rdonly_eacces(void)
{
	int fd0 = scratch_file(4 * PAGE);
	int fd = fd0 < 0 ? -1 : reopen(O_RDONLY);
	char *p = fd < 0 ? NULL : map_file(4, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = expect_errno(mprotect(p, 4 * PAGE, RW), EACCES, "mprotect(PROT_READ|PROT_WRITE)");
	good &= expect_errno(mprotect(p + PAGE, PAGE, PROT_WRITE), EACCES, "mprotect(PROT_WRITE)");
	good &= page_is(p, 1, 1);
	return good & expect_signal(p + 2 * PAGE, WRITE, SIGSEGV, SEGV_ACCERR, "writing page 2");
}

/* A private one may: its writes are copies. */
static int mprotect_private_rdonly_ok(void)
{
	int fd0 = scratch_file(4 * PAGE);
	int fd = fd0 < 0 ? -1 : reopen(O_RDONLY);
	char *p = fd < 0 ? NULL : map_file(4, PROT_READ, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	int good = expect_eq(mprotect(p, 4 * PAGE, RW), 0, "mprotect(PROT_READ|PROT_WRITE)");
	good &= expect_access(p + 2 * PAGE, WRITE, "writing page 2");
	return good & file_is_pattern(fd0, 4);
}

/* A shared mapping of an O_RDWR file made writable by mprotect keeps
 * write-notify: each page read before takes one fault at its first write,
 * and the stores reach the file. */
static int mprotect_shared_rdwr_notifies(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);		/* mapped read-only, however many faults (fmap_around) */
	int good = expect_eq(mprotect(p, 16 * PAGE, RW), 0, "mprotect(PROT_READ|PROT_WRITE)");
	good &= expect_str(fault_map(p, 16, WRITE), "1111111111111111", "writing pages 0-15");
	return good & expect_eq(file_byte(fd, 9 * PAGE), 'w', "read() of page 9, byte 0");
}

/* mincore of a file mapping: the pages in the page cache, touched or not.
 * A 16-page file written with write(), mapped, nothing touched: all 16. */
static int mincore_written_pages_resident(void)
{
	unsigned char vec[16];
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_PRIVATE, fd, 0);
	if (!p || !expect_eq(mincore(p, 16 * PAGE, vec), 0, "mincore"))
		return 0;
	char got[17] = { 0 };
	for (int i = 0; i < 16; i++)
		got[i] = '0' + (vec[i] & 1);
	return expect_str(got, "1111111111111111", "resident pages, none touched");
}

/* Pages of a hole (the file grown by ftruncate) are in no cache until
 * write() puts one there, even when nothing maps it yet. */
static int mincore_hole_then_write(void)
{
	unsigned char vec[16];
	int fd = scratch_file(4 * PAGE);
	if (fd < 0 || !expect_eq(ftruncate(fd, 16 * PAGE), 0, "ftruncate to 16 pages"))
		return 0;
	char *p = map_file(16, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	char got[17] = { 0 };
	int good = expect_eq(mincore(p, 16 * PAGE, vec), 0, "mincore");
	for (int i = 0; i < 16; i++)
		got[i] = '0' + (vec[i] & 1);
	good &= expect_str(got, "1111000000000000", "resident pages of 4 written, 12 a hole");
	good &= expect_eq(write_pattern(fd, 9 * PAGE, PAGE), 0, "write() of page 9");
	good &= expect_eq(mincore(p, 16 * PAGE, vec), 0, "mincore");
	for (int i = 0; i < 16; i++)
		got[i] = '0' + (vec[i] & 1);
	return good & expect_str(got, "1111000001000000", "resident pages after write() of page 9");
}

/* Shrinking the file drops its pages from the cache: mincore says so;
 * an unmapped range is ENOMEM, an unaligned start EINVAL. */
static int mincore_after_truncate(void)
{
	unsigned char vec[16];
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);
	int good = expect_eq(ftruncate(fd, 6 * PAGE), 0, "ftruncate to 6 pages");
	good &= expect_eq(mincore(p, 16 * PAGE, vec), 0, "mincore");
	char got[17] = { 0 };
	for (int i = 0; i < 16; i++)
		got[i] = '0' + (vec[i] & 1);
	good &= expect_str(got, "1111110000000000", "resident pages after the shrink");
	good &= expect_errno(mincore(p + 1, PAGE, vec), EINVAL, "mincore at an unaligned address");
	munmap(p + 8 * PAGE, 8 * PAGE);
	return good & expect_errno(mincore(p, 16 * PAGE, vec), ENOMEM, "mincore over a hole");
}

/* msync: flags and alignment first (EINVAL), then the range: a part not
 * mapped is ENOMEM; a private or anonymous mapping is fine. */
static int msync_errors(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = expect_errno(msync(p + 1, PAGE, MS_SYNC), EINVAL, "an unaligned address");
	good &= expect_errno(msync(p, PAGE, MS_SYNC | MS_ASYNC), EINVAL, "MS_SYNC|MS_ASYNC");
	good &= expect_errno(msync(p, PAGE, 8), EINVAL, "an unknown flag");
	good &= expect_eq(msync(p, 0, MS_SYNC), 0, "length 0");
	good &= expect_eq(msync(p, 16 * PAGE - 1, MS_SYNC), 0, "a length rounded up to pages");
	munmap(p + 8 * PAGE, 4 * PAGE);
	good &= expect_errno(msync(p, 16 * PAGE, MS_SYNC), ENOMEM, "a range with a hole");
	return good & expect_eq(msync(p + 12 * PAGE, 4 * PAGE, MS_SYNC), 0, "the part after it");
}

static const struct check checks[] = {
	CHECK("mmap of a directory: ENODEV", directory_enodev),
	CHECK("mmap of a directory MAP_SHARED|PROT_WRITE: EACCES (checked before ENODEV)",
	      directory_shared_write_eacces),
	CHECK("mmap of an O_WRONLY file: EACCES", wronly_eacces),
	CHECK("MAP_SHARED with PROT_WRITE of an O_RDONLY file: EACCES", rdonly_shared_write_eacces),
	CHECK("MAP_SHARED|PROT_READ of an O_RDONLY file maps; a store is SEGV_ACCERR",
	      rdonly_shared_read_ok),
	CHECK("an offset not page aligned: EINVAL (before the fd is looked at)",
	      unaligned_offset_einval),
	CHECK("a bad fd: EBADF; length 0: EINVAL", bad_fd_and_length),
	CHECK("offset + length past the largest file size: EOVERFLOW", offset_past_max_file_size),
	CHECK("mprotect adding PROT_WRITE to MAP_SHARED of an O_RDONLY file: EACCES",
	      mprotect_shared_rdonly_eacces),
	CHECK("mprotect adding PROT_WRITE to MAP_PRIVATE of an O_RDONLY file: allowed",
	      mprotect_private_rdonly_ok),
	CHECK("mprotect making a shared mapping writable keeps write-notify",
	      mprotect_shared_rdwr_notifies),
	CHECK("mincore: pages written with write() are resident before any access",
	      mincore_written_pages_resident),
	CHECK("mincore: a hole is not resident until write() fills it", mincore_hole_then_write),
	CHECK("mincore after a shrink; EINVAL unaligned, ENOMEM unmapped", mincore_after_truncate),
	CHECK("msync: EINVAL for bad flags or alignment, ENOMEM over a hole", msync_errors),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_errors");
}

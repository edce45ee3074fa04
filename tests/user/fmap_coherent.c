/* tests/user/fmap_coherent.c — write() and read() against file mappings.
 *
 * A file's page cache is the one copy of its bytes: write() goes into the
 * very pages a shared mapping maps, and a private mapping maps them too
 * until it writes a page (then it has its own copy, which no later change
 * of the file reaches).  MADV_DONTNEED drops a private mapping's copies:
 * the next touch maps the file's page again. */
#include "fmap.h"

#define RW	(PROT_READ | PROT_WRITE)

static int pwrite_byte(int fd, long off, char c)
{
	return expect_eq(pwrite(fd, &c, 1, off), 1, "pwrite of one byte");
}

/* write() is seen at once through a shared mapping that maps the page. */
static int write_seen_by_shared(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = expect_eq((unsigned char)p[3 * PAGE + 10], fpat(3, 10), "before the write");
	good &= pwrite_byte(fd, 3 * PAGE + 10, 'X');
	return good & expect_eq(p[3 * PAGE + 10], 'X', "page 3 byte 10 after write()");
}

/* ... and through a private mapping at pages it has not copied: one it
 * maps already (read before) and one it has never touched. */
static int write_seen_by_private_uncopied(void)
{
	int fd = scratch_file(32 * PAGE);
	char *p = fd < 0 ? NULL : map_file(32, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	int good = expect_eq(faults_at(p, READ), 1, "reading page 0 (maps pages 0-15)");
	good &= pwrite_byte(fd, 5 * PAGE, 'M') & pwrite_byte(fd, 20 * PAGE, 'U');
	good &= expect_eq(p[5 * PAGE], 'M', "page 5 (mapped, not copied)");
	return good & expect_eq(p[20 * PAGE], 'U', "page 20 (never touched)");
}

/* A store through a shared mapping is what read() returns next. */
static int store_seen_by_read(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	p[7 * PAGE + 99] = 'S';
	return expect_eq(file_byte(fd, 7 * PAGE + 99), 'S', "read() of the byte stored");
}

/* A store through a private mapping stays in the process's copy. */
static int private_store_not_in_file(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	p[7 * PAGE + 99] = 'P';
	return expect_eq(file_byte(fd, 7 * PAGE + 99), fpat(7, 99), "read() of the byte") &
	       expect_eq(p[7 * PAGE + 99], 'P', "the byte through the mapping");
}

/* A private copy keeps its bytes (all of the page, not just the one
 * written) when the file changes under it; the pages not copied follow. */
static int private_copy_keeps_data(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	p[2 * PAGE] = 'C';
	int good = pwrite_byte(fd, 2 * PAGE + 1, 'F') & pwrite_byte(fd, 4 * PAGE + 1, 'F');
	good &= expect_eq(p[2 * PAGE], 'C', "copied page 2, byte 0 (ours)");
	good &= expect_eq((unsigned char)p[2 * PAGE + 1], fpat(2, 1), "copied page 2, byte 1");
	return good & expect_eq(p[4 * PAGE + 1], 'F', "page 4 (not copied), byte 1");
}

/* Two shared mappings of one file are one memory. */
static int two_shared_mappings(void)
{
	int fd = scratch_file(16 * PAGE);
	char *a = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	char *b = a ? map_file(8, RW, MAP_SHARED, fd, 8) : NULL;
	if (!b)
		return 0;
	a[9 * PAGE + 5] = 'A';
	b[3 * PAGE + 6] = 'B';
	return expect_eq(b[1 * PAGE + 5], 'A', "A's store seen through B") &
	       expect_eq(a[11 * PAGE + 6], 'B', "B's store seen through A");
}

/* MADV_DONTNEED on a private file mapping drops the copies: the file's
 * bytes come back, faulted in again (how many faults is fault-around's
 * business: fmap_around). */
static int dontneed_private_brings_back_file(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	int good = expect_eq(madvise(p, 16 * PAGE, MADV_DONTNEED), 0, "madvise(MADV_DONTNEED)");
	good &= expect_eq(fault_map(p, 16, READ)[0], '1', "the fault of the first read of page 0");
	for (long pg = 0; pg < 16; pg++)
		good &= page_is(p, pg, pg);
	return good;
}

/* ... and they are the file's bytes of now, not of the mmap. */
static int dontneed_private_sees_new_file_data(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	p[2 * PAGE] = 'C';
	int good = pwrite_byte(fd, 2 * PAGE, 'N');
	good &= expect_eq(p[2 * PAGE], 'C', "our copy before madvise");
	good &= expect_eq(madvise(p + 2 * PAGE, PAGE, MADV_DONTNEED), 0, "madvise of page 2");
	return good & expect_eq(p[2 * PAGE], 'N', "page 2 after madvise: the file's byte");
}

/* MADV_DONTNEED on a shared mapping loses nothing: the stores are in the
 * file's pages. */
static int dontneed_shared_keeps_stores(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	int good = expect_eq(madvise(p, 16 * PAGE, MADV_DONTNEED), 0, "madvise(MADV_DONTNEED)");
	for (long pg = 0; pg < 16; pg++)
		good &= expect_eq(p[pg * PAGE], 'w', "byte 0 of a page after madvise");
	return good;
}

static const struct check checks[] = {
	CHECK("write() is visible at once through a shared mapping", write_seen_by_shared),
	CHECK("write() is visible through a private mapping at pages not yet copied",
	      write_seen_by_private_uncopied),
	CHECK("a store through a shared mapping is visible to read()", store_seen_by_read),
	CHECK("a store through a private mapping is not in the file", private_store_not_in_file),
	CHECK("a private copy keeps its data after the file changes", private_copy_keeps_data),
	CHECK("two shared mappings of one file see each other's stores", two_shared_mappings),
	CHECK("MADV_DONTNEED on a private file mapping brings back the file's data",
	      dontneed_private_brings_back_file),
	CHECK("MADV_DONTNEED on a private mapping: the file's data as it is now",
	      dontneed_private_sees_new_file_data),
	CHECK("MADV_DONTNEED on a shared mapping keeps what was stored",
	      dontneed_shared_keeps_stores),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_coherent");
}

/* tests/user/fmap_truncate.c — truncation under a mapping, and mapping
 * past the end of a file.
 *
 * ftruncate shrinking a mapped file unmaps every page wholly past the new
 * end from every mapping, private copies included (Linux's
 * truncate_pagecache: unmap_mapping_range(..., even_cows = 1); faultline's
 * ramfs_truncate), so the next access there faults, and a fault on a page
 * at or past the end of the file is SIGBUS, si_code BUS_ADRERR, si_addr
 * the byte touched.  The partial last page stays mapped, its tail zeroed.
 * Growing the file again makes the lost pages a hole: they read zero. */
#include "fmap.h"

#define RW	(PROT_READ | PROT_WRITE)

/* Read every page of a 16-page shared mapping, shrink the file to 8
 * pages: pages 8-15 get SIGBUS at the exact address, 0-7 keep their data. */
static int shrink_shared_sigbus(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);
	int good = expect_eq(ftruncate(fd, 8 * PAGE), 0, "ftruncate to 8 pages");
	good &= expect_sigbus(p + 8 * PAGE + 0x10, READ, "reading page 8");
	good &= expect_sigbus(p + 15 * PAGE + 0xff8, READ, "reading page 15");
	good &= expect_sigbus(p + 12 * PAGE + 0x321, WRITE, "writing page 12");
	return good & page_is(p, 0, 0) & page_is(p, 7, 7);
}

/* Private copies past the new end go too; a copy before it stays. */
static int shrink_private_copies_sigbus(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);		/* every page a private copy */
	int good = expect_eq(ftruncate(fd, 8 * PAGE), 0, "ftruncate to 8 pages");
	good &= expect_sigbus(p + 10 * PAGE + 0x44, READ, "reading copied page 10");
	good &= expect_sigbus(p + 8 * PAGE, WRITE, "writing copied page 8");
	good &= expect_eq(p[7 * PAGE], 'w', "copied page 7, byte 0 (ours)");
	return good & expect_eq((unsigned char)p[7 * PAGE + 1], fpat(7, 1), "copied page 7, byte 1");
}

/* Shrinking to 8.5 pages: page 8 stays mapped, its second half reads zero
 * through a shared mapping (the page cache's tail was zeroed); page 9 is
 * past the end. */
static int shrink_mid_page(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, READ);
	int good = expect_eq(ftruncate(fd, 8 * PAGE + PAGE / 2), 0, "ftruncate to 8.5 pages");
	good &= expect_eq((unsigned char)p[8 * PAGE + PAGE / 2 - 1], fpat(8, PAGE / 2 - 1),
			  "the last byte of the file");
	good &= all_zero(p + 8 * PAGE + PAGE / 2, PAGE / 2, "page 8 past the new end");
	return good & expect_sigbus(p + 9 * PAGE + 7, READ, "reading page 9");
}

/* A private copy of the partial last page is not the file's any more:
 * Linux unmaps only the pages wholly past the end, so the copy keeps all
 * its bytes, those past the new end too. */
static int shrink_mid_page_private_copy(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	p[8 * PAGE] = 'c';
	int good = expect_eq(ftruncate(fd, 8 * PAGE + PAGE / 2), 0, "ftruncate to 8.5 pages");
	good &= expect_eq(p[8 * PAGE], 'c', "our copy of page 8, byte 0");
	return good & expect_eq((unsigned char)p[8 * PAGE + PAGE - 1], fpat(8, PAGE - 1),
				"our copy of page 8, its last byte (past the new end)");
}

/* Shrink to 8 pages, grow back to 16: pages 8-15 are a hole now and read
 * zero, through the shared and the private mapping alike (the copies
 * went with the shrink). */
static int grow_again_reads_zero(void)
{
	int fd = scratch_file(16 * PAGE);
	char *s = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	char *p = s ? map_file(16, RW, MAP_PRIVATE, fd, 0) : NULL;
	if (!p)
		return 0;
	fault_map(s, 16, READ);
	fault_map(p, 16, WRITE);
	int good = expect_eq(ftruncate(fd, 8 * PAGE), 0, "ftruncate to 8 pages");
	good &= expect_eq(ftruncate(fd, 16 * PAGE), 0, "ftruncate back to 16 pages");
	good &= all_zero(s + 8 * PAGE, 8 * PAGE, "shared mapping, pages 8-15");
	good &= all_zero(p + 8 * PAGE, 8 * PAGE, "private mapping, pages 8-15");
	good &= page_is(s, 7, 7);
	return good & expect_eq(p[7 * PAGE], 'w', "private copy of page 7");
}

/* A store through a shared mapping into the grown part reaches the file. */
static int grow_then_store(void)
{
	int fd = scratch_file(4 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = expect_sigbus(p + 6 * PAGE, WRITE, "writing page 6 of a 4-page file");
	good &= expect_eq(ftruncate(fd, 16 * PAGE), 0, "ftruncate to 16 pages");
	p[6 * PAGE + 1] = 'G';
	good &= expect_eq(file_byte(fd, 6 * PAGE + 1), 'G', "read() of the byte stored");
	return good & expect_eq(file_byte(fd, 6 * PAGE), 0, "read() of the byte before it");
}

/* mmap of an offset past the end of the file succeeds; the first access
 * gets SIGBUS. */
static int map_past_end(void)
{
	int fd = scratch_file(4 * PAGE);
	char *p = fd < 0 ? NULL : map_file(4, PROT_READ, MAP_SHARED, fd, 8);
	char *q = p ? map_file(4, RW, MAP_PRIVATE, fd, 4) : NULL;
	if (!q)
		return 0;
	return expect_sigbus(p + 0x80, READ, "reading a shared mapping at file page 8") &
	       expect_sigbus(q + 2 * PAGE + 1, WRITE, "writing a private mapping at file page 6");
}

/* A mapping that goes on past the end of the file: the pages inside work,
 * the first page past it gets SIGBUS, and after the file grows it works. */
static int map_longer_than_file(void)
{
	int fd = scratch_file(2 * PAGE);
	char *p = fd < 0 ? NULL : map_file(4, RW, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = page_is(p, 1, 1);
	good &= expect_sigbus(p + 2 * PAGE + 9, READ, "reading page 2 of a 2-page file");
	good &= expect_eq(write_pattern(fd, 2 * PAGE, PAGE), 0, "write() of page 2");
	good &= expect_access(p + 2 * PAGE + 9, READ, "reading page 2 after the write");
	return good & page_is(p, 2, 2) & expect_sigbus(p + 3 * PAGE, READ, "reading page 3");
}

/* A store into the partial last page past the end of the file goes
 * through (the page is mapped) but is no part of the file: the size stays,
 * read() stops at the end. */
static int store_past_end_in_last_page(void)
{
	static char buf[2 * PAGE];
	struct stat st;
	int fd = scratch_file(PAGE + 100);
	char *p = fd < 0 ? NULL : map_file(2, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = expect_access(p + PAGE + 200, WRITE, "a store at byte 200 of page 1");
	good &= expect_eq(fstat(fd, &st), 0, "fstat") & expect_eq(st.st_size, PAGE + 100, "st_size");
	good &= expect_eq(pread(fd, buf, sizeof(buf), 0), PAGE + 100, "pread of the whole file");
	return good & expect_eq(pread(fd, buf, 1, PAGE + 200), 0, "pread at the byte stored");
}

static const struct check checks[] = {
	CHECK("shrinking a shared-mapped file: past the new end SIGBUS/BUS_ADRERR at si_addr",
	      shrink_shared_sigbus),
	CHECK("shrinking: private copies past the new end go too (SIGBUS)",
	      shrink_private_copies_sigbus),
	CHECK("shrinking to mid-page: the rest of that page reads zero, the next SIGBUS",
	      shrink_mid_page),
	CHECK("shrinking to mid-page: a private copy of that page keeps all its bytes",
	      shrink_mid_page_private_copy),
	CHECK("growing it again: the pages read as zeros, shared and private",
	      grow_again_reads_zero),
	CHECK("growing a file: a store through a shared mapping there reaches the file",
	      grow_then_store),
	CHECK("mmap of an offset past the end succeeds; the first access gets SIGBUS",
	      map_past_end),
	CHECK("a mapping longer than the file: SIGBUS past the end until write() grows it",
	      map_longer_than_file),
	CHECK("a store past the end in the partial last page is not in the file",
	      store_past_end_in_last_page),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_truncate");
}

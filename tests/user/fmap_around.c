/* tests/user/fmap_around.c — fault-around: one read fault of a file mapping
 * maps the neighbours already in the page cache (Linux's do_fault_around
 * and filemap_map_pages; faultline's mm/memory.c and mm/filemap.c).
 *
 * The window is 16 pages (fault_around_bytes, 64 KiB) aligned on the
 * virtual address; it is cut at the VMA's start and end and at the last
 * page of the file, and only pages already in the page cache are mapped.
 * Every file here is written with write() first, so all its pages are
 * cached, on Linux as in faultline.  The fault counts are those of Linux
 * since 3.15 with the default fault_around_bytes (a root could change it
 * through debugfs). */
#include "fmap.h"

#define R	(PROT_READ)

/* A 16-page file at a 64 KiB boundary: reading page 0 maps all 16. */
static int page0_maps_window(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_PRIVATE, fd, 0);
	return p && expect_str(fault_map(p, 16, READ), "1000000000000000",
			       "faults of reading pages 0-15 in order");
}

/* Page 16 lies in the next window: one more fault, which maps 16-19. */
static int page16_next_window(void)
{
	int fd = scratch_file(20 * PAGE);
	char *p = fd < 0 ? NULL : map_file(20, R, MAP_SHARED, fd, 0);
	return p && expect_str(fault_map(p, 20, READ), "10000000000000001000",
			       "faults of reading pages 0-19 in order");
}

/* The window is aligned, not centred on the fault: page 8 maps 0-15. */
static int page8_maps_whole_window(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_PRIVATE, fd, 0);
	return p && expect_eq(faults_at(p + 8 * PAGE, READ), 1, "faults of reading page 8") &&
	       expect_str(fault_map(p, 16, READ), "0000000000000000",
			  "faults of reading pages 0-15 afterwards");
}

/* What fault-around maps is the file's own bytes, page by page. */
static int around_pages_hold_file_data(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_SHARED, fd, 0);
	if (!p || !expect_eq(faults_at(p + 5 * PAGE, READ), 1, "faults of reading page 5"))
		return 0;
	long before = faults();
	int good = 1;
	for (long pg = 0; pg < 16; pg++)
		good &= page_is(p, pg, pg);
	return good & expect_eq(faults() - before, 0, "faults of reading every byte after");
}

/* A mapping 5 pages past a 64 KiB boundary: a fault at its first page
 * maps 16 pages from the VMA's start, across the boundary (the window's
 * aligned start is cut at the VMA, its length is not).  Later faults get
 * aligned windows again: page 16 (boundary + 21) maps up to boundary + 31,
 * page 27 (boundary + 32) the rest, to the VMA's end. */
static int mid_window_start_address(void)
{
	int fd = scratch_file(32 * PAGE);
	char *p = fd < 0 ? NULL : map_file_at(5, 32, R, MAP_PRIVATE, fd, 0);
	return p && expect_str(fault_map(p, 32, READ), "10000000000000001000000000010000",
			       "faults of reading pages 0-31 of a mapping at boundary + 5 pages");
}

/* A 16-page mapping at boundary + 5 read from page 12: that window is
 * the aligned one, pages 11-15 (the VMA ends there); page 0's fault then
 * maps pages 0-10 (never over the PTEs already set). */
static int mid_window_fault_late(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file_at(5, 16, R, MAP_PRIVATE, fd, 0);
	return p && expect_eq(faults_at(p + 12 * PAGE, READ), 1, "faults of reading page 12") &&
	       expect_str(fault_map(p + 11 * PAGE, 5, READ), "00000", "pages 11-15 afterwards") &
	       expect_str(fault_map(p, 11, READ), "10000000000", "pages 0-10 afterwards");
}

/* A file offset of 3 pages at an aligned address: the window follows the
 * address, so all 16 pages (file pages 3-18) come with the first fault. */
static int window_follows_address_not_offset(void)
{
	int fd = scratch_file(20 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_SHARED, fd, 3);
	if (!p)
		return 0;
	int good = expect_str(fault_map(p, 16, READ), "1000000000000000",
			      "faults of reading pages 0-15 (file pages 3-18)");
	return good & page_is(p, 0, 3) & page_is(p, 15, 18);
}

/* File offset and address both 3 pages past a boundary: page 0 maps
 * pages 0-15 (file pages 3-18), page 16 (boundary + 19) the aligned window
 * that ends at boundary + 31, cut at the VMA's end (page 23). */
static int offset_and_address_skewed(void)
{
	int fd = scratch_file(32 * PAGE);
	char *p = fd < 0 ? NULL : map_file_at(3, 24, R, MAP_PRIVATE, fd, 3);
	if (!p)
		return 0;
	int good = expect_str(fault_map(p, 24, READ), "100000000000000010000000",
			      "faults of reading pages 0-23 at boundary + 3, file offset 3 pages");
	return good & page_is(p, 0, 3) & page_is(p, 23, 26);
}

/* A mapping that starts 8 pages below a 2 MiB boundary: the window never
 * crosses into the next page table, so page 0 maps pages 0-7 only and
 * page 8 (the boundary) maps 8-23. */
static int never_across_page_table(void)
{
	int fd = scratch_file(32 * PAGE);
	char *p = fd < 0 ? NULL : map_file_near(2UL << 20, -8, 32, R, MAP_SHARED, fd, 0);
	return p && expect_str(fault_map(p, 32, READ), "10000000100000000000000010000000",
			       "faults of reading pages 0-31 from 2 MiB boundary - 8 pages");
}

/* Two mappings of one file side by side in one window: pages 0-7 at the
 * boundary, then file pages 0-7 again (so the VMAs cannot merge).  Reading
 * the first never maps the second. */
static int never_past_vma_end(void)
{
	int fd = scratch_file(16 * PAGE);
	char *a = fd < 0 ? NULL : map_file(8, R, MAP_PRIVATE, fd, 0);
	char *b = a ? mmap(a + 8 * PAGE, 8 * PAGE, R, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, 0)
		    : MAP_FAILED;
	if (!a || !expect(b == a + 8 * PAGE, "second mapping at %p: got %p, errno %d",
			  (void *)(a + 8 * PAGE), (void *)b, errno))
		return 0;
	return expect_str(fault_map(a, 8, READ), "10000000", "first mapping, pages 0-7") &
	       expect_str(fault_map(b, 8, READ), "10000000", "second mapping, pages 0-7") &
	       page_is(b, 0, 0);
}

/* The same two mappings read the other way round: a fault in the second
 * never reaches back before its start. */
static int never_before_vma_start(void)
{
	int fd = scratch_file(16 * PAGE);
	char *a = fd < 0 ? NULL : map_file(8, R, MAP_PRIVATE, fd, 0);
	char *b = a ? mmap(a + 8 * PAGE, 8 * PAGE, R, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, 0)
		    : MAP_FAILED;
	if (!a || !expect(b == a + 8 * PAGE, "second mapping at %p: got %p, errno %d",
			  (void *)(a + 8 * PAGE), (void *)b, errno))
		return 0;
	return expect_str(fault_map(b, 8, READ), "10000000", "second mapping, pages 0-7") &
	       expect_str(fault_map(a, 8, READ), "10000000", "first mapping, pages 0-7");
}

/* A 10-page file in a 16-page mapping: page 0 maps 0-9 and no further;
 * page 10 and page 15 get SIGBUS, BUS_ADRERR, at the very byte touched. */
static int never_past_file_end(void)
{
	int fd = scratch_file(10 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	return expect_str(fault_map(p, 10, READ), "1000000000", "pages 0-9 of a 10-page file") &
	       expect_sigbus(p + 10 * PAGE + 0x123, READ, "reading page 10") &
	       expect_sigbus(p + 15 * PAGE + 0xfff, READ, "reading page 15");
}

/* A file of 9.5 pages: its partial last page is mapped with the others,
 * the rest of that page reads zero, and page 10 is past the end. */
static int partial_last_page(void)
{
	int fd = scratch_file(9 * PAGE + PAGE / 2);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	int good = expect_str(fault_map(p, 10, READ), "1000000000", "pages 0-9 of 9.5 pages");
	good &= expect_eq((unsigned char)p[9 * PAGE + PAGE / 2 - 1], fpat(9, PAGE / 2 - 1),
			  "last byte of the file");
	good &= all_zero(p + 9 * PAGE + PAGE / 2, PAGE / 2, "page 9 past the end of the file");
	return good & expect_sigbus(p + 10 * PAGE, READ, "reading page 10");
}

/* Only pages in the page cache are mapped around: pages 0-3 written, the
 * file then grown to 16 pages by ftruncate (4-15 a hole, in no cache).
 * Page 4 takes a fault of its own and reads zero. */
static int only_cached_pages(void)
{
	int fd = scratch_file(4 * PAGE);
	if (fd < 0 || !expect_eq(ftruncate(fd, 16 * PAGE), 0, "ftruncate to 16 pages"))
		return 0;
	char *p = map_file(16, R, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	return expect_str(fault_map(p, 4, READ), "1000", "pages 0-3 (cached)") &
	       expect_eq(faults_at(p + 4 * PAGE, READ), 1, "faults of page 4 (a hole)") &
	       all_zero(p + 4 * PAGE, PAGE, "page 4");
}

/* Fault-around never maps over a PTE already set: a private copy of page
 * 3 made first stays in place when page 0's fault maps the window. */
static int around_keeps_private_copy(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	int good = expect_eq(faults_at(p + 3 * PAGE, WRITE), 1, "faults of writing page 3");
	good &= expect_str(fault_map(p, 16, READ), "1000000000000000", "reading pages 0-15");
	good &= expect_eq(p[3 * PAGE], 'w', "page 3, byte 0 (our copy)");
	good &= expect_eq((unsigned char)p[3 * PAGE + 1], fpat(3, 1), "page 3, byte 1");
	return good & expect_eq(file_byte(fd, 3 * PAGE), fpat(3, 0), "file page 3, byte 0");
}

/* A window that crosses file page 4096 (where faultline's page-cache tree
 * grows a level) with nothing cached between the fault and 4096: it once
 * wrapped to page 0 and looped for ever, mapping the file's first pages at
 * the wrong addresses (issue 12).  Cached: pages 0 and 4032-4083 of a
 * 4100-page file; mapped 8 pages past a window boundary, so page 4090's
 * window is 4088-4103.  Page 4090 is a hole: it faults itself, reads
 * zero; pages 0 and 4083 still hold their bytes. */
static int window_across_page_4096(void)
{
	int fd = scratch_file(PAGE);
	if (fd < 0 || write_pattern(fd, 4032 * PAGE, 52 * PAGE) < 0 ||
	    !expect_eq(ftruncate(fd, 4100 * PAGE), 0, "ftruncate to 4100 pages"))
		return 0;
	if (!on_faultline())
		fsync(fd);
	char *p = map_file_at(8, 4100, R, MAP_SHARED, fd, 0);
	if (!p)
		return 0;
	return expect_eq(faults_at(p + 4090 * PAGE, READ), 1, "faults of page 4090 (a hole)") &
	       all_zero(p + 4088 * PAGE, 12 * PAGE, "pages 4088-4099") &
	       page_is(p, 4083, 4083) & page_is(p, 0, 0);
}

/* MAP_POPULATE faults the pages in as reads would: with the file cached,
 * one fault maps all 16 (shared, or private read-only). */

static int populate_one_fault(void)
{
	int fd = scratch_file(16 * PAGE);
	if (fd < 0)
		return 0;
	return expect_eq(populate_faults(fd, PROT_READ | PROT_WRITE, MAP_SHARED), 1,
			 "faults of MAP_POPULATE, shared read-write (fault-around maps 1-15)") &
	       expect_eq(populate_faults(fd, PROT_READ, MAP_PRIVATE), 1,
			 "faults of MAP_POPULATE, private read-only (fault-around maps 1-15)");
}

/* MADV_DONTNEED drops a private mapping's copies; reading back is one
 * fault again, which maps the whole window. */
static int dontneed_one_fault_back(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	return expect_eq(madvise(p, 16 * PAGE, MADV_DONTNEED), 0, "madvise(MADV_DONTNEED)") &
	       expect_str(fault_map(p, 16, READ), "1000000000000000",
			  "faults of reading pages 0-15 after MADV_DONTNEED");
}

/* The path, by faultline's per-path counters: one read of a cached 16-page
 * file is one fault_file_read_around, and ->fault (fault_file_read) is
 * never asked. */
static int counted_as_around(void)
{
	static char buf[4096];
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, R, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	read_file("/proc/vmstat", buf, sizeof(buf));
	read_file("/proc/vmstat", buf, sizeof(buf));
	long around = proc_field(buf, "fault_file_read_around");
	long read = proc_field(buf, "fault_file_read");
	fault_map(p, 16, READ);
	read_file("/proc/vmstat", buf, sizeof(buf));
	return expect_eq(proc_field(buf, "fault_file_read_around") - around, 1,
			 "fault_file_read_around after reading 16 cached pages (do_fault_around "
			 "must map the faulting page: VM_FAULT_NOPAGE)") &
	       expect_eq(proc_field(buf, "fault_file_read") - read, 0,
			 "fault_file_read after reading 16 cached pages (->fault should not be "
			 "needed for a cached page)");
}

static const struct check checks[] = {
	CHECK("16-page file at 64 KiB: page 0 costs 1 fault, pages 1-15 none", page0_maps_window),
	CHECK("20-page file: page 16 costs one more fault, 17-19 none", page16_next_window),
	CHECK("reading page 8 first maps pages 0-15", page8_maps_whole_window),
	CHECK("the pages mapped around hold the file's bytes", around_pages_hold_file_data),
	CHECK("mapping at boundary + 5 pages: page 0 maps 16 pages from the VMA start, "
	      "then aligned windows", mid_window_start_address),
	CHECK("mapping at boundary + 5 pages, page 12 first: maps 11-15, then page 0 maps 0-10",
	      mid_window_fault_late),
	CHECK("file offset 3 pages at a boundary: the window follows the address",
	      window_follows_address_not_offset),
	CHECK("file offset and address 3 pages past a boundary: 0-15, then 16-23",
	      offset_and_address_skewed),
	CHECK("fault-around never crosses a page-table (2 MiB) boundary", never_across_page_table),
	CHECK("fault-around never crosses the VMA end (a mapping right after)", never_past_vma_end),
	CHECK("fault-around never reaches before the VMA start", never_before_vma_start),
	CHECK("fault-around stops at the file end; past it SIGBUS/BUS_ADRERR at the address",
	      never_past_file_end),
	CHECK("partial last page: mapped, its tail reads zero; the next page SIGBUS",
	      partial_last_page),
	CHECK("only pages in the page cache are mapped around (a hole faults itself)",
	      only_cached_pages),
	CHECK("fault-around leaves a private copy in place", around_keeps_private_copy),
	CHECK("a window across file page 4096, nothing cached up to it: the hole faults "
	      "itself, reads zero", window_across_page_4096),
	CHECK("MAP_POPULATE of a cached file (shared, or private read-only): one fault",
	      populate_one_fault),
	CHECK("MADV_DONTNEED on a private mapping: reading back is one fault again",
	      dontneed_one_fault_back),
	FAULTLINE_ONLY("one read of a cached file: fault_file_read_around +1, fault_file_read +0",
		       counted_as_around,
		       "faultline only: Linux's /proc/vmstat has no per-path fault counters"),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_around");
}

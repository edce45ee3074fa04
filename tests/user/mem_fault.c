/* tests/user/mem_fault.c — demand paging of anonymous memory, seen through
 * the fault counter (getrusage ru_minflt): a fresh page reads zero, its first
 * touch costs one minor fault, a page already mapped costs none, and
 * MAP_POPULATE or MADV_DONTNEED move the faults to mmap or back. */
#include "mem_lib.h"

#define N	16	/* pages per mapping: small, so no huge page is involved */

static int fresh_pages_read_zero(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	return p && all_zero(p, N * PAGE, "the pages");
}

static int first_write_one_fault_per_page(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	return p && expect_eq(faults_of(write_pages, p, N), N, "faults for 16 first writes");
}

static int first_read_one_fault_per_page(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	return p && expect_eq(faults_of(read_pages, p, N), N, "faults for 16 first reads");
}

/* Linux 6.1, 6.18 and faultline map the shared zero page on a read fault, so
 * the first write after it faults again (do_wp_page): N more faults; a kernel
 * that maps a real page on the read fault takes none.  Both are accepted. */
static int read_then_write_one_fault_more(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	long reads = faults_of(read_pages, p, N);
	long writes = faults_of(write_pages, p, N);
	return expect_eq(reads, N, "faults for the reads") &
	       expect(writes == N || writes == 0,
		      "faults for the writes after the reads: %ld, want %d (zero page) or 0", writes,
		      N);
}

static int written_page_no_more_faults(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	write_pages(p, N);
	return expect_eq(faults_of(write_pages, p, N), 0, "faults for a second write") &
	       expect_eq(faults_of(read_pages, p, N), 0, "faults for a read after the write");
}

static int read_page_no_more_read_faults(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	read_pages(p, N);
	return expect_eq(faults_of(read_pages, p, N), 0, "faults for a second read");
}

/* The zero page is shared by every page read before written: a write
 * must give the page its own copy and leave the others zero. */
static int write_after_read_keeps_others_zero(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	read_pages(p, N);
	memset(p + 3 * PAGE, 0x5a, PAGE);
	return expect_eq(p[3 * PAGE + 100], 0x5a, "the written page") &
	       all_zero(p, 3 * PAGE, "pages 0-2") &
	       all_zero(p + 4 * PAGE, (N - 4) * PAGE, "the pages after page 3");
}

static int populate_writable_no_faults(void)
{
	char *p = mmap(NULL, N * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (!expect(p != MAP_FAILED, "mmap MAP_POPULATE: errno %d", errno))
		return 0;
	return expect_eq(faults_of(write_pages, p, N), 0, "faults for writes after MAP_POPULATE") &
	       expect_eq(faults_of(read_pages, p, N), 0, "faults for reads after MAP_POPULATE");
}

static int populate_readonly_no_faults(void)
{
	char *p = mmap(NULL, N * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		       -1, 0);
	if (!expect(p != MAP_FAILED, "mmap MAP_POPULATE: errno %d", errno))
		return 0;
	return expect_eq(faults_of(read_pages, p, N), 0, "faults for reads after MAP_POPULATE") &
	       all_zero(p, N * PAGE, "the pages");
}

static int populated_pages_read_zero(void)
{
	char *p = mmap(NULL, N * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	return expect(p != MAP_FAILED, "mmap MAP_POPULATE: errno %d", errno) &&
	       all_zero(p, N * PAGE, "the pages");
}

/* munmap drops the pages: the same range mapped again is fresh. */
static int remap_is_fresh(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	memset(p, 0x77, N * PAGE);
	munmap(p, N * PAGE);
	char *q = mmap(p, N * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return expect(q == p, "mmap MAP_FIXED at %p gave %p", (void *)p, (void *)q) &&
	       expect_eq(faults_of(write_pages, q, N), N, "faults for the first writes") &
	       all_zero(q + 1, PAGE - 1, "the rest of the page");
}

/* MADV_DONTNEED on private anonymous memory: the pages go, the next touch
 * faults in a zero page again. */
static int dontneed_refaults_zero(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	memset(p, 0x33, N * PAGE);
	return expect_eq(madvise(p, N * PAGE, MADV_DONTNEED), 0, "madvise MADV_DONTNEED") &
	       expect_eq(faults_of(read_pages, p, N), N, "faults for reads after MADV_DONTNEED") &
	       all_zero(p, N * PAGE, "the pages");
}

/* ---- the paths, by faultline's per-path counters (/proc/vmstat) -------------
 * Linux's /proc/vmstat has no fault_* lines: these checks run on faultline
 * only.  They tell a zero-page read from a fresh page (the anonymous-fault
 * lab, docs/labs/anon.md): the fault counts above cannot, since a kernel
 * that gives every read a page of its own passes them too. */
#define WHY_PATHS	"faultline only: Linux's /proc/vmstat has no per-path fault counters"

struct anon_paths {
	long zero, anon, wp_zero;
};

/* The counters now.  The buffer is static and read twice the first time:
 * after that, taking a snapshot faults nothing in. */
static struct anon_paths anon_paths(void)
{
	static char buf[4096];
	static int warm;
	if (!warm++)
		read_file("/proc/vmstat", buf, sizeof(buf));
	if (read_file("/proc/vmstat", buf, sizeof(buf)) < 0)
		buf[0] = 0;
	return (struct anon_paths){ proc_field(buf, "fault_anon_zero_page"),
				    proc_field(buf, "fault_anon_new_page"),
				    proc_field(buf, "fault_wp_zero_page_copy") };
}

/* A read of a page never written maps the zero page: no page is used. */
static int reads_map_zero_page(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	struct anon_paths a = anon_paths();
	read_pages(p, N);
	struct anon_paths b = anon_paths();
	return expect_eq(b.zero - a.zero, N, "fault_anon_zero_page after 16 first reads "
			 "(do_anonymous_page, read: map the zero page)") &
	       expect_eq(b.anon - a.anon, 0, "fault_anon_new_page after 16 first reads "
			 "(a read must not allocate a page)");
}

/* A first write gets a fresh page at once, writable: one fault. */
static int writes_map_new_pages(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	struct anon_paths a = anon_paths();
	write_pages(p, N);
	struct anon_paths b = anon_paths();
	return expect_eq(b.anon - a.anon, N, "fault_anon_new_page after 16 first writes "
			 "(do_anonymous_page, write: a new zeroed page)") &
	       expect_eq(b.zero - a.zero, 0, "fault_anon_zero_page after 16 first writes");
}

/* A write to a page read before: the zero page is read-only, so the write
 * faults again and do_wp_page gives the page a zeroed copy of its own. */
static int write_after_read_copies_zero_page(void)
{
	char *p = map_anon(N, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	read_pages(p, N);
	struct anon_paths a = anon_paths();
	write_pages(p, N);
	struct anon_paths b = anon_paths();
	return expect_eq(b.wp_zero - a.wp_zero, N, "fault_wp_zero_page_copy after writing 16 "
			 "pages read before (the zero page must be mapped read-only)");
}

/* 256 pages only read cost no memory: they all map the one zero page.
 * (A page table or two may be allocated: 8 pages are allowed.) */
static int reads_cost_no_memory(void)
{
	char *p = map_anon(256, PROT_READ | PROT_WRITE);
	if (!p)
		return 0;
	mem_free_kb();
	long before = mem_free_kb();
	read_pages(p, 256);
	long used = (before - mem_free_kb()) / 4;
	return expect(used <= 8, "reading 256 fresh pages used %ld pages of memory, want at most "
		      "8 (page tables): a read must map the shared zero page", used);
}

static const struct check checks[] = {
	CHECK("fresh anonymous pages read zero", fresh_pages_read_zero),
	CHECK("first write to each of 16 pages: 16 minor faults", first_write_one_fault_per_page),
	CHECK("first read of each of 16 pages: 16 minor faults", first_read_one_fault_per_page),
	CHECK("a write after a read faults once more (zero page), or not at all",
	      read_then_write_one_fault_more),
	CHECK("a written page: no fault to write or read it again", written_page_no_more_faults),
	CHECK("a read page: no fault to read it again", read_page_no_more_read_faults),
	CHECK("a write to one zero-page mapping leaves the others zero",
	      write_after_read_keeps_others_zero),
	CHECK("MAP_POPULATE read/write: no faults afterwards", populate_writable_no_faults),
	CHECK("MAP_POPULATE read-only: no faults afterwards", populate_readonly_no_faults),
	CHECK("MAP_POPULATE pages read zero", populated_pages_read_zero),
	CHECK("munmap, then mmap again: fresh pages, faulted again", remap_is_fresh),
	CHECK("MADV_DONTNEED: pages read zero and fault again", dontneed_refaults_zero),
	FAULTLINE_ONLY("16 first reads map the zero page: fault_anon_zero_page +16",
		       reads_map_zero_page, WHY_PATHS),
	FAULTLINE_ONLY("16 first writes map new pages: fault_anon_new_page +16",
		       writes_map_new_pages, WHY_PATHS),
	FAULTLINE_ONLY("writes to 16 pages read before copy the zero page: fault_wp_zero_page_copy +16",
		       write_after_read_copies_zero_page, WHY_PATHS),
	FAULTLINE_ONLY("reading 256 fresh pages uses no memory (the zero page)",
		       reads_cost_no_memory, "faultline only: Linux's MemFree moves for reasons of its own"),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

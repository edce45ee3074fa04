/* tests/user/fmap_write.c — write faults on file mappings, counted.
 *
 * Shared (faultline: do_shared_fault, do_wp_page -> ->page_mkwrite): a
 * file system with ->page_mkwrite wants to hear of the first write to each
 * page, so a shared writable mapping starts read-only (write-notify):
 * a write first costs one fault per page (writes get no fault-around);
 * a read first maps the window read-only, and each page's first write
 * costs a second fault.  msync(MS_SYNC) writes the dirty pages back and
 * write-protects them again (page_mkclean), so the next write to each
 * page faults once more.
 *
 * Which Linux behaviour this follows: a disk file system with
 * ->page_mkwrite — ext4, the host's build/linux-tmp here (xfs and btrfs
 * behave the same).  Linux's tmpfs and ramfs have no ->page_mkwrite: there
 * a shared mapping is writable from its first fault, a read then a write
 * costs one fault, and msync re-arms nothing.  faultline's ramfs has a
 * ->page_mkwrite (kernel/fs/ramfs.c) so that it behaves as ext4 does.
 *
 * Private (do_cow_fault, wp_page_copy): a write first copies the page in
 * one fault; a read first maps the page-cache page read-only, and the
 * write then copies it: two faults.  The file never changes. */
#include "fmap.h"

#define RW	(PROT_READ | PROT_WRITE)
#define ONES	"1111111111111111"
#define ZEROS	"0000000000000000"

/* The file's 16 pages mapped shared and writable at a 64 KiB boundary. */
static char *shared16(int *fdp)
{
	int fd = scratch_file(16 * PAGE);
	*fdp = fd;
	return fd < 0 ? NULL : map_file(16, RW, MAP_SHARED, fd, 0);
}

static char *private16(int *fdp)
{
	int fd = scratch_file(16 * PAGE);
	*fdp = fd;
	return fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
}

/* Every page's byte 0 reads 'w' through read() (the writes of fault_map). */
static int file_has_writes(int fd, long npages)
{
	for (long pg = 0; pg < npages; pg++)
		if (file_byte(fd, pg * PAGE) != 'w')
			return expect(0, "file page %ld byte 0: %d, want 'w'", pg,
				      file_byte(fd, pg * PAGE));
	return 1;
}

static int shared_write_first(void)
{
	int fd;
	char *p = shared16(&fd);
	return p && expect_str(fault_map(p, 16, WRITE), ONES, "writing pages 0-15 first") &
		    expect_str(fault_map(p, 16, READ), ZEROS, "reading them afterwards");
}

static int shared_read_then_write(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	fault_map(p, 16, READ);		/* how many faults: fault-around's business (fmap_around) */
	return expect_str(fault_map(p, 16, WRITE), ONES, "then writing them (write-notify)");
}

static int shared_second_write_free(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	return expect_str(fault_map(p, 16, WRITE), ZEROS, "writing pages 0-15 again");
}

/* ext4 (and faultline's ramfs) re-arm write-notify on write-back. */
static int shared_msync_rearms(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	int good = expect_str(fault_map(p, 16, WRITE), ONES, "first writes");
	good &= expect_eq(msync(p, 16 * PAGE, MS_SYNC), 0, "msync(MS_SYNC)");
	good &= expect_str(fault_map(p, 16, READ), ZEROS, "reads after msync (still mapped)");
	return good & expect_str(fault_map(p, 16, WRITE), ONES, "writes after msync");
}

/* msync of half the mapping re-arms that half only. */
static int shared_msync_range(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	int good = expect_eq(msync(p + 4 * PAGE, 8 * PAGE, MS_SYNC), 0, "msync of pages 4-11");
	return good & expect_str(fault_map(p, 16, WRITE), "0000111111110000", "writes after it");
}

/* The data is kept across the write-back and the new write fault; read()
 * sees the second stores. */
static int shared_msync_keeps_data(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	for (long pg = 0; pg < 16; pg++)
		p[pg * PAGE + 1] = 'a';
	msync(p, 16 * PAGE, MS_SYNC);
	for (long pg = 0; pg < 16; pg++)
		p[pg * PAGE + 2] = 'b';
	int good = 1;
	for (long pg = 0; pg < 16 && good; pg++)
		good = expect_eq(file_byte(fd, pg * PAGE + 1), 'a', "file byte 1 of a page") &
		       expect_eq(file_byte(fd, pg * PAGE + 2), 'b', "file byte 2 of a page") &
		       expect_eq(file_byte(fd, pg * PAGE + 3), fpat(pg, 3), "file byte 3");
	return good;
}

/* Write-back cleans the page in every mapping of it: msync through one
 * mapping re-arms the write fault in another (page_mkclean by rmap). */
static int shared_msync_rearms_other_mapping(void)
{
	int fd;
	char *a = shared16(&fd);
	char *b = a ? map_file(16, RW, MAP_SHARED, fd, 0) : NULL;
	if (!b)
		return 0;
	int good = expect_str(fault_map(a, 4, WRITE), "1111", "writes through mapping A");
	good &= expect_str(fault_map(b, 4, WRITE), "1111", "writes through mapping B");
	good &= expect_eq(msync(a, 4 * PAGE, MS_SYNC), 0, "msync of A");
	return good & expect_str(fault_map(b, 4, WRITE), "1111", "writes through B after it");
}

static int shared_stores_reach_file(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	return file_has_writes(fd, 16);
}

static int private_write_first(void)
{
	int fd;
	char *p = private16(&fd);
	if (!p)
		return 0;
	int good = expect_str(fault_map(p, 16, WRITE), ONES, "writing pages 0-15 first");
	good &= expect_str(fault_map(p, 16, READ), ZEROS, "reading them afterwards");
	good &= expect_eq(p[0], 'w', "byte 0 through the mapping");
	return good & file_is_pattern(fd, 16);
}

static int private_read_then_write(void)
{
	int fd;
	char *p = private16(&fd);
	if (!p)
		return 0;
	fault_map(p, 16, READ);		/* how many faults: fault-around's business (fmap_around) */
	int good = expect_str(fault_map(p, 16, WRITE), ONES, "then writing them (copies)");
	good &= expect_str(fault_map(p, 16, WRITE), ZEROS, "writing them again");
	return good & file_is_pattern(fd, 16);
}

/* One page read then written: two faults, and the copy has the rest of
 * the file's bytes. */
static int private_one_page_two_faults(void)
{
	int fd;
	char *p = private16(&fd);
	/* the same calls on an anonymous page first: the program's own text
	 * they run is then mapped, however fault-around maps text (fmap_around) */
	char *warm = map_pages(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!p || !warm)
		return 0;
	(void)(faults_at(warm, READ) + faults_at(warm, WRITE));
	long f = faults_at(p + 6 * PAGE + 100, READ) + faults_at(p + 6 * PAGE + 100, WRITE);
	int good = expect_eq(f, 2, "faults of reading then writing page 6");
	good &= expect_eq(p[6 * PAGE + 100], 'w', "the byte written");
	good &= expect_eq((unsigned char)p[6 * PAGE + 101], fpat(6, 101), "the byte after it");
	return good & file_is_pattern(fd, 16);
}

/* A private writable mapping of a file opened read-only is allowed: the
 * writes are copies and never reach the file. */
static int private_of_readonly_fd(void)
{
	int fd0 = scratch_file(16 * PAGE);
	int fd = fd0 < 0 ? -1 : reopen(O_RDONLY);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE, fd, 0);
	if (!p)
		return 0;
	int good = expect_str(fault_map(p, 16, WRITE), ONES, "writing pages 0-15");
	return good & file_is_pattern(fd0, 16);
}

/* msync of a private mapping writes nothing back and re-arms nothing. */
static int private_msync_noop(void)
{
	int fd;
	char *p = private16(&fd);
	if (!p)
		return 0;
	fault_map(p, 16, WRITE);
	int good = expect_eq(msync(p, 16 * PAGE, MS_SYNC), 0, "msync(MS_SYNC)");
	good &= expect_str(fault_map(p, 16, WRITE), ZEROS, "writes after msync");
	return good & file_is_pattern(fd, 16);
}

/* MAP_POPULATE faults the pages in during mmap, so touching them later
 * costs nothing.  As Linux's populate_vma_page_range: a shared mapping is
 * populated by reads (so each first write still notifies), a private
 * writable one by writes (every page copied at once: a later write() to
 * the file is not seen through it). */
static int populate_shared_reads(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_SHARED | MAP_POPULATE, fd, 0);
	return p && expect_str(fault_map(p, 16, READ), ZEROS, "reading pages 0-15") &
		    expect_str(fault_map(p, 16, WRITE), ONES, "then writing them");
}

static int populate_private_copies(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, RW, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (!p)
		return 0;
	char c = 'N';
	int good = expect_eq(pwrite(fd, &c, 1, 5 * PAGE), 1, "pwrite to page 5");
	good &= expect_eq((unsigned char)p[5 * PAGE], fpat(5, 0), "page 5, byte 0 (our copy)");
	good &= expect_str(fault_map(p, 16, WRITE), ZEROS, "writing pages 0-15");
	return good & expect_eq(file_byte(fd, 0), fpat(0, 0), "the file's byte 0");
}

static int populate_private_readonly(void)
{
	int fd = scratch_file(16 * PAGE);
	char *p = fd < 0 ? NULL : map_file(16, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (!p)
		return 0;
	char c = 'N';
	int good = expect_str(fault_map(p, 16, READ), ZEROS, "reading pages 0-15");
	good &= expect_eq(pwrite(fd, &c, 1, 5 * PAGE), 1, "pwrite to page 5");
	return good & expect_eq(p[5 * PAGE], 'N', "page 5, byte 0 (the file's page)");
}


/* They are the process's faults: Linux counts a fault taken for
 * get_user_pages in the caller's ru_minflt (mm_account_fault).  A shared
 * or read-only mapping takes one read fault (fault-around maps the rest),
 * a private writable one a write fault per page. */
static int populate_faults_counted(void)
{
	int fd = scratch_file(16 * PAGE);
	if (fd < 0)
		return 0;
	long shared = populate_faults(fd, RW, MAP_SHARED);
	long rdonly = populate_faults(fd, PROT_READ, MAP_PRIVATE);
	/* 1 each with fault-around (fmap_around counts that), 16 without */
	return expect(shared >= 1 && shared <= 16, "shared, read-write: %ld faults, want 1-16",
		      shared) &
	       expect(rdonly >= 1 && rdonly <= 16, "private, read-only: %ld faults, want 1-16",
		      rdonly) &
	       expect_eq(populate_faults(fd, RW, MAP_PRIVATE), 16, "private, read-write");
}

/* ->page_mkwrite is how the file learns that a mapped page is written:
 * faultline's ramfs marks the page dirty there (/proc/vmstat nr_dirty),
 * and msync cleans it (nr_written).  Linux's nr_dirty moves with
 * writeback of its own: faultline only. */
static long vmstat_field(const char *name)
{
	static char buf[4096];
	if (read_file("/proc/vmstat", buf, sizeof(buf)) < 0)
		return -1;
	return proc_field(buf, name);
}

static int shared_writes_dirty_pages(void)
{
	int fd;
	char *p = shared16(&fd);
	if (!p)
		return 0;
	vmstat_field("nr_dirty");
	int good = expect_eq(msync(p, 16 * PAGE, MS_SYNC), 0, "msync(MS_SYNC) before");
	long clean = vmstat_field("nr_dirty");
	fault_map(p, 16, WRITE);
	long dirty = vmstat_field("nr_dirty");
	good &= expect_eq(dirty - clean, 16, "nr_dirty after writing 16 clean pages through the "
			  "mapping (->page_mkwrite must be called: it dirties the page)");
	long written = vmstat_field("nr_written");
	good &= expect_eq(msync(p, 16 * PAGE, MS_SYNC), 0, "msync(MS_SYNC) after");
	return good & expect_eq(vmstat_field("nr_written") - written, 16,
				"nr_written by msync after writing 16 pages");
}

static const struct check checks[] = {
	CHECK("shared, write first: one fault per page, no fault-around", shared_write_first),
	CHECK("shared, read then write: one more (write-notify) fault per page",
	      shared_read_then_write),
	CHECK("shared: a second write to a page costs nothing", shared_second_write_free),
	CHECK("shared: write, msync(MS_SYNC), write again: one more fault per page (ext4)",
	      shared_msync_rearms),
	CHECK("shared: msync of pages 4-11 re-arms those pages only", shared_msync_range),
	CHECK("shared: stores before and after msync both reach the file", shared_msync_keeps_data),
	CHECK("shared: msync through one mapping re-arms another mapping of the file",
	      shared_msync_rearms_other_mapping),
	CHECK("shared: every store reaches the file (read() sees it)", shared_stores_reach_file),
	CHECK("private, write first: one fault per page, the file unchanged", private_write_first),
	CHECK("private, read then write: one fault per page for the writes",
	      private_read_then_write),
	CHECK("private: one page read then written costs two faults", private_one_page_two_faults),
	CHECK("private writable mapping of an O_RDONLY file: writes are private copies",
	      private_of_readonly_fd),
	CHECK("private: msync writes nothing back and re-arms nothing", private_msync_noop),
	CHECK("MAP_POPULATE, shared: no read faults, each first write still notifies",
	      populate_shared_reads),
	CHECK("MAP_POPULATE, private writable: every page copied at mmap", populate_private_copies),
	CHECK("MAP_POPULATE, private read-only: the file's pages, no faults",
	      populate_private_readonly),
	CHECK("MAP_POPULATE: mmap's own faults count in ru_minflt (16 private writable)",
	      populate_faults_counted),
	FAULTLINE_ONLY("shared: 16 stores to clean pages dirty 16 pages (nr_dirty), msync writes 16",
		       shared_writes_dirty_pages,
		       "faultline only: Linux's nr_dirty moves with its own writeback"),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_write");
}

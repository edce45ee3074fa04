/* tests/user/fmap_cache_edge.c — fault-around at the edge of what the page
 * cache's index holds.
 *
 * faultline's page cache is a radix tree of 64-way nodes that grows a level
 * only when an index needs it: pages 0..4095 take two levels.  Fault-around
 * (mm/filemap.c, filemap_map_pages) asks the tree for the cached pages of a
 * 16-page window; a window running from below 4096 to above it, in a file
 * whose cached pages all lie below 4096, once made the lookup skip to 4096,
 * read that index's digits in the 2-level tree and hand back page 0 as if it
 * were page 4096: the fault mapped it at a wrong address and looped forever
 * (found by the system-call fuzzer, tests/fuzz, seed 8).  Linux reads the
 * holes of the window as zeros, and so must faultline. */
#include "fmap.h"

/* A sparse file of 4200 pages with only pages 0 and 4032 written (cached),
 * mapped from file page 6 at a page-table boundary: reading file page 4095
 * (mapping page 4089) faults a window of file pages 4086-4101. */
static int window_across_4096(void)
{
	int fd = open(fmap_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return expect(0, "open %s: errno %d", fmap_path, errno);
	if (!expect_eq(ftruncate(fd, 4200 * PAGE), 0, "ftruncate to 4200 pages") ||
	    write_pattern(fd, 0, PAGE) < 0 || write_pattern(fd, 4032 * PAGE, PAGE) < 0)
		return 0;
	if (!on_faultline())
		fsync(fd);
	char *p = map_file_near(PT_SPAN, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 6);
	if (!p)
		return 0;
	int good = all_zero(p + 4089 * PAGE, PAGE, "file page 4095 (a hole)");
	for (long pg = 4080; pg < 4096; pg++)
		good &= all_zero(p + pg * PAGE, PAGE, "the window's pages (holes)");
	good &= page_is(p, 4026, 4032);
	good &= all_zero(p, PAGE, "file page 6 (a hole)");
	return good;
}

static const struct check checks[] = {
	CHECK("a fault-around window across file page 4096, only pages 0 and 4032 cached: "
	      "holes read zero, page 4032 its data", window_across_4096),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "fmap_cache_edge");
}

/* fb_mmap — mapping /dev/fb0: the rules of its mmap, what each access
 * costs in faults, the pfn_mkwrite damage cycle, and fork.
 *
 * The mapping is the pfn-map case of the fault path (drivers/fb.c,
 * mm/memory.c, docs/devices.md).  What each access costs, from the code:
 *
 *	read, PTE none           1 fault: do_read_fault -> fb_fault ->
 *	                           vmf_insert_pfn (read-only: write-notify)
 *	write, PTE none          2 faults: do_shared_fault -> fb_fault ->
 *	                           vmf_insert_pfn puts the PTE in read-only and
 *	                           returns VM_FAULT_NOPAGE; the write is retried,
 *	                           and faults again -> do_wp_page -> wp_pfn_shared
 *	                           -> fb_pfn_mkwrite (damaged), PTE writable
 *	write, PTE read-only     1 fault: wp_pfn_shared (pfn_mkwrite)
 *	write, PTE writable      none, until a flush (fsync, FBIO_FAULTLINE_FLUSH)
 *	                           write-protects the damaged pages again
 *
 * Linux's vmf_insert_pfn does the same (insert_pfn without mkwrite leaves
 * the PTE as vm_page_prot has it: read-only under write-notify).
 *
 * Every check runs in a child process of its own, which maps what it needs
 * and starts with no damage (a flush).  Faults are ru_minflt deltas; each
 * check first writes over a stretch of its stack (settle), so that the
 * copy-on-write faults a forked child takes on its stack land before the
 * counting starts, not inside it.
 *
 * There is no SIGBUS case to test: fb_fault's "pgoff past the end" answer
 * cannot be reached, as mmap refuses a mapping past the end (EINVAL), the
 * VMA cannot grow (VM_DONTEXPAND, and no mremap here), and vmf_insert_pfn's
 * own refusals (a copy-on-write VMA, an address outside the VMA) are ruled
 * out by fb_mmap's refusal of private mappings and by the fault path.
 *
 * On a system without /dev/fb0 (the Linux host) every check is skipped; on
 * Linux with a real /dev/fb0 too: its fbdev maps every pfn at mmap time
 * (remap_pfn_range), so there is nothing to count, it allows MAP_PRIVATE,
 * and it has no damage count — and a test must not draw on the host's screen. */
#include "check.h"
#include <sys/ioctl.h>
#include <linux/fb.h>

#define PAGE			4096L

/* Set by main before the first fork; the checks only read them. */
static struct fb_var_screeninfo var;
static struct fb_fix_screeninfo fix;
static int fb;				/* /dev/fb0, O_RDWR */
static long fb_len;			/* the pixels, rounded up to whole pages */
static long fb_pages;

#define N		8		/* pages a check touches */

/* mmap fails with EINVAL-like errno err */
#define EXPECT_MMAP_ERRNO(len, prot, flags, fd, off, err)                       \
	do {                                                                    \
		errno = 0;                                                      \
		void *__p = mmap(NULL, len, prot, flags, fd, off);              \
		if (__p != MAP_FAILED || errno != (err)) {                      \
			diag("%s:%d: mmap(%s, %s, %s) gave %p, errno %d (%s); " \
			     "want errno %d (%s)", __FILE__, __LINE__, #len,    \
			     #flags, #off, __p, errno, strerror(errno), err,    \
			     strerror(err));                                    \
			return 0;                                               \
		}                                                               \
	} while (0)

/* Write over 32 KiB of stack below us (copy-on-write after fork: one fault
 * per page, now rather than while counting) and settle errno and the
 * fault counter's own stack use. */
__attribute__((noinline)) static void settle(void)
{
	volatile char pad[32768];
	for (unsigned long i = 0; i < sizeof(pad); i += 512)
		pad[i] = 1;
	errno = 0;
	minflt();
	minflt();
}

static long damage(void)
{
	return ioctl(fb, FBIO_FAULTLINE_DAMAGE);
}

/* Faults taken touching pages first .. first+n-1 of p, one access each. */
__attribute__((noinline)) static long touch(volatile unsigned char *p, long first, long n, int write)
{
	long before = minflt();
	for (long i = first; i < first + n; i++) {
		if (write)
			p[i * PAGE + 8] = (unsigned char)i;
		else
			(void)p[i * PAGE + 8];
	}
	return minflt() - before;
}

/* A fresh shared mapping of the whole framebuffer, no damage pending. */
static unsigned char *map_fresh(int prot)
{
	settle();
	unsigned char *p = mmap(NULL, fb_len, prot, MAP_SHARED, fb, 0);
	if (p == MAP_FAILED) {
		diag("mmap of %ld bytes of /dev/fb0: %s", fb_len, strerror(errno));
		return NULL;
	}
	ioctl(fb, FBIO_FAULTLINE_FLUSH);
	return p;
}

/* The pages a check uses: the bottom of the screen, away from where the
 * text console has been writing. */
static long first_page(void)
{
	return fb_pages - 2 * N;
}

/* ---- mmap's rules ---- */

static int shared_rw_maps_whole_fb(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	/* /proc/self/maps names the device, shared ('s'), read-write */
	static char maps[8192];
	int fd = open("/proc/self/maps", O_RDONLY);
	EXPECT(fd >= 0);
	long n = read(fd, maps, sizeof(maps) - 1);
	close(fd);
	EXPECT(n > 0);
	maps[n] = 0;
	char want[64];
	snprintf(want, sizeof(want), "%lx-%lx rw-s 00000000 ", (unsigned long)p,
		 (unsigned long)p + fb_len);
	char *line = strstr(maps, want);
	if (!line)
		diag("no line \"%s...\" in /proc/self/maps:\n%s", want, maps);
	EXPECT(line);
	char *eol = strchr(line, '\n');
	if (eol)
		*eol = 0;
	EXPECT(strstr(line, "/dev/fb0"));
	EXPECT(munmap(p, fb_len) == 0);
	return 1;
}

static int private_writable_refused(void)
{
	EXPECT_MMAP_ERRNO(fb_len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fb, 0, EINVAL);
	EXPECT_MMAP_ERRNO(PAGE, PROT_WRITE, MAP_PRIVATE, fb, 0, EINVAL);
	return 1;
}

/* is_cow_mapping() is "VM_MAYWRITE without VM_SHARED": a private mapping
 * may be made writable later by mprotect, so read-only is refused too —
 * the rule Linux's vmf_insert_pfn asserts (BUG_ON) for VM_PFNMAP. */
static int private_readonly_refused(void)
{
	EXPECT_MMAP_ERRNO(fb_len, PROT_READ, MAP_PRIVATE, fb, 0, EINVAL);
	int ro = open("/dev/fb0", O_RDONLY);
	EXPECT(ro >= 0);
	EXPECT_MMAP_ERRNO(PAGE, PROT_READ, MAP_PRIVATE, ro, 0, EINVAL);
	close(ro);
	return 1;
}

static int length_past_end_refused(void)
{
	EXPECT_MMAP_ERRNO(fb_len + PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0, EINVAL);
	EXPECT_MMAP_ERRNO(2 * PAGE, PROT_READ, MAP_SHARED, fb, fb_len - PAGE, EINVAL);
	/* the last page itself is fine */
	unsigned char *p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fb, fb_len - PAGE);
	EXPECT(p != MAP_FAILED);
	(void)*(volatile unsigned char *)(p + PAGE - 1);
	EXPECT(munmap(p, PAGE) == 0);
	return 1;
}

static int offset_past_end_refused(void)
{
	EXPECT_MMAP_ERRNO(PAGE, PROT_READ, MAP_SHARED, fb, fb_len, EINVAL);
	EXPECT_MMAP_ERRNO(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fb, fb_len + PAGE, EINVAL);
	EXPECT_MMAP_ERRNO(PAGE, PROT_READ, MAP_SHARED, fb, 1L << 40, EINVAL);
	return 1;
}

/* As for any file: a shared writable mapping needs a writable fd. */
static int readonly_fd_maps_readonly(void)
{
	int ro = open("/dev/fb0", O_RDONLY);
	EXPECT(ro >= 0);
	EXPECT_MMAP_ERRNO(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0, EACCES);
	unsigned char *p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	EXPECT(p != MAP_FAILED);
	errno = 0;
	EXPECT(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES);
	EXPECT(munmap(p, PAGE) == 0);
	close(ro);
	return 1;
}

static int write_to_readonly_mapping_segv(void)
{
	unsigned char *p = map_fresh(PROT_READ);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 1, 0), 1);	/* the PTE is there, read-only */
	if (!expect_segv(p + pg * PAGE, WRITE, SEGV_ACCERR))
		return 0;
	EXPECT_EQ(damage(), 0);
	return 1;
}

/* ---- faults and the damage cycle ---- */

static int read_faults_once_per_page(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, N, 0), N);	/* vmf_insert_pfn, read-only */
	EXPECT_EQ(touch(p, pg, N, 0), 0);	/* mapped now */
	EXPECT_EQ(damage(), 0);			/* reads damage nothing */
	return 1;
}

static int first_write_costs_two_faults(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, N, 1), 2 * N);	/* insert read-only, then pfn_mkwrite */
	EXPECT_EQ(damage(), N);
	return 1;
}

static int write_after_read_costs_one_fault(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, N, 0), N);
	EXPECT_EQ(damage(), 0);
	EXPECT_EQ(touch(p, pg, N, 1), N);	/* pfn_mkwrite only */
	EXPECT_EQ(damage(), N);
	return 1;
}

static int later_writes_are_free(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, N, 1), 2 * N);
	EXPECT_EQ(touch(p, pg, N, 1), 0);	/* writable now: no fault */
	EXPECT_EQ(touch(p, pg, N, 0), 0);
	EXPECT_EQ(damage(), N);			/* still N: each page once */
	return 1;
}

/* fsync reports nothing (0) but flushes: damage N -> 0, the pages are
 * read-only again, reads stay free, each page's next write faults once. */
static int fsync_rearms_mkwrite(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(damage(), 0);
	EXPECT_EQ(touch(p, pg, N, 1), 2 * N);
	EXPECT_EQ(damage(), N);
	EXPECT_EQ(fsync(fb), 0);
	EXPECT_EQ(damage(), 0);
	EXPECT_EQ(touch(p, pg, N, 0), 0);	/* still mapped, read-only */
	EXPECT_EQ(touch(p, pg, N, 1), N);	/* pfn_mkwrite again, once per page */
	EXPECT_EQ(damage(), N);
	EXPECT_EQ(touch(p, pg, N, 1), 0);
	return 1;
}

static int flush_ioctl_counts_pages(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 3, 1), 6);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 3);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 0);	/* nothing new */
	EXPECT_EQ(touch(p, pg, 3, 1), 3);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 3);
	return 1;
}

/* The damage set is the device's, not the mapping's: it outlives munmap,
 * and a flush walks only the mappings that are left. */
static int damage_outlives_munmap(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 4, 1), 8);
	EXPECT(munmap(p, fb_len) == 0);
	EXPECT_EQ(damage(), 4);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 4);
	p = mmap(NULL, fb_len, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT_EQ(touch(p, pg, 4, 0), 4);	/* a new mapping starts empty */
	return 1;
}

/* mprotect keeps write-notify: vm_page_prot stays read-only for a mapping
 * with ->pfn_mkwrite, so the first write after PROT_READ -> PROT_WRITE is
 * still seen. */
static int mprotect_keeps_write_notify(void)
{
	unsigned char *p = map_fresh(PROT_READ);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, N, 0), N);
	EXPECT(mprotect(p, fb_len, PROT_READ | PROT_WRITE) == 0);
	EXPECT_EQ(touch(p, pg, N, 1), N);	/* pfn_mkwrite, once per page */
	EXPECT_EQ(damage(), N);
	EXPECT_EQ(touch(p, pg, N, 1), 0);
	return 1;
}

/* Two mappings of the same pixels: a store through one is seen through the
 * other, and a flush write-protects the page in both. */
static int two_mappings_share_pixels(void)
{
	unsigned char *a = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(a);
	unsigned char *b = mmap(NULL, fb_len, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0);
	EXPECT(b != MAP_FAILED && b != a);
	long off = first_page() * PAGE + 100;
	a[off] = 0x5a;
	EXPECT_EQ(((volatile unsigned char *)b)[off], 0x5a);
	b[off] = 0xa5;
	EXPECT_EQ(((volatile unsigned char *)a)[off], 0xa5);
	EXPECT_EQ(damage(), 1);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 1);
	EXPECT_EQ(touch(a, first_page(), 1, 1), 1);	/* read-only again in a */
	EXPECT_EQ(touch(b, first_page(), 1, 1), 1);	/* and in b */
	EXPECT_EQ(damage(), 1);
	return 1;
}

/* munmap of one page in the middle splits the VMA in two (split_vma puts
 * the new half on the device's list of mappings): a flush still reaches
 * the upper half, and the hole faults as nothing mapped (SIGSEGV). */
static int split_mapping_still_flushed(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg - 1, 3, 1), 6);
	EXPECT(munmap(p + pg * PAGE, PAGE) == 0);
	EXPECT_EQ(damage(), 3);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 3);
	EXPECT_EQ(touch(p, pg - 1, 1, 1), 1);	/* the lower piece: read-only again */
	EXPECT_EQ(touch(p, pg + 1, 1, 1), 1);	/* the upper piece too */
	EXPECT_EQ(damage(), 2);
	if (!expect_segv(p + pg * PAGE, READ, SEGV_MAPERR, "the unmapped middle page"))
		return 0;
	return 1;
}

/* ---- fork ---- */

/* Run fn in a child; 1 if it exited with 1. */
static int in_child(int (*fn)(unsigned char *), unsigned char *p)
{
	tap_flush();
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		settle();
		_exit(fn(p));
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	if (WIFSIGNALED(status))
		diag("child killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	return WIFEXITED(status) && WEXITSTATUS(status) == 1;
}

/* In the child: the parent's pixel is there, and the child's own store. */
static int child_reads_and_writes(unsigned char *p)
{
	long pg = first_page();
	EXPECT_EQ(((volatile unsigned char *)p)[pg * PAGE + 8], 0x11);
	p[pg * PAGE + 16] = 0x22;
	p[(pg + 1) * PAGE + 16] = 0x33;		/* a page the parent never touched */
	return 1;
}

static int fork_child_shares_pixels(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	unsigned char zero = 0;			/* page pg+1: cleared, but not mapped here */
	EXPECT(pwrite(fb, &zero, 1, (pg + 1) * PAGE + 16) == 1);
	p[pg * PAGE + 8] = 0x11;
	EXPECT(in_child(child_reads_and_writes, p));
	EXPECT_EQ(((volatile unsigned char *)p)[pg * PAGE + 16], 0x22);
	EXPECT_EQ(((volatile unsigned char *)p)[(pg + 1) * PAGE + 16], 0x33);
	return 1;
}

/* In the child: the PTEs were copied as they are (a shared pfn mapping is
 * not copy-on-write): page pg writable already, page pg+1 not mapped. */
static int child_inherits_ptes(unsigned char *p)
{
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 1, 1), 0);	/* the parent's writable PTE */
	EXPECT_EQ(touch(p, pg + 1, 1, 0), 0);	/* the parent's read-only PTE */
	EXPECT_EQ(touch(p, pg + 1, 1, 1), 1);	/* ... so pfn_mkwrite */
	EXPECT_EQ(touch(p, pg + 2, 1, 1), 2);	/* the parent never mapped it */
	EXPECT_EQ(damage(), 3);
	return 1;
}

static int fork_copies_ptes_as_they_are(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 1, 1), 2);
	EXPECT_EQ(touch(p, pg + 1, 1, 0), 1);
	EXPECT_EQ(damage(), 1);
	EXPECT(in_child(child_inherits_ptes, p));
	EXPECT_EQ(damage(), 3);			/* the child's damage is the device's */
	EXPECT_EQ(touch(p, pg + 2, 1, 0), 1);	/* not mapped here by the child's fault */
	return 1;
}

/* In the child: a flush reaches every mapping — its own and the parent's. */
static int child_flushes(unsigned char *p)
{
	long pg = first_page();
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 1);
	EXPECT_EQ(touch(p, pg, 1, 1), 1);	/* its inherited PTE: read-only again */
	return 1;
}

static int flush_reaches_parent_and_child(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 1, 1), 2);
	EXPECT(in_child(child_flushes, p));
	EXPECT_EQ(damage(), 1);			/* the child's write */
	EXPECT_EQ(touch(p, pg, 1, 1), 1);	/* the parent's PTE was flushed too */
	EXPECT_EQ(damage(), 1);
	return 1;
}

/* A child that exits with the framebuffer mapped frees no frame for it
 * (no struct page, nothing counted); the parent's mapping is untouched.
 * runtests checks MemFree and /proc/mm_audit after the program. */
static int child_exits_with_mapping(unsigned char *p)
{
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 8, 1), 0);	/* the parent's writable PTEs */
	EXPECT_EQ(touch(p, pg + 8, 4, 1), 8);	/* pages of its own */
	_exit(1);				/* exit with it all mapped */
}

static int fork_exit_leaves_parent_mapping(void)
{
	unsigned char *p = map_fresh(PROT_READ | PROT_WRITE);
	EXPECT(p);
	long pg = first_page();
	EXPECT_EQ(touch(p, pg, 8, 1), 16);
	EXPECT(in_child(child_exits_with_mapping, p));
	EXPECT_EQ(touch(p, pg, 8, 1), 0);	/* still mapped, still writable */
	EXPECT_EQ(((volatile unsigned char *)p)[(pg + 8) * PAGE + 8], (unsigned char)(pg + 8));
	EXPECT_EQ(damage(), 12);
	EXPECT_EQ(ioctl(fb, FBIO_FAULTLINE_FLUSH), 12);	/* the dead child's VMA is gone */
	EXPECT_EQ(touch(p, pg, 8, 1), 8);
	return 1;
}

static const struct check checks[] = {
	CHECK("MAP_SHARED read-write of the whole framebuffer; /proc/self/maps names /dev/fb0",
	      shared_rw_maps_whole_fb),
	CHECK("MAP_PRIVATE|PROT_WRITE is EINVAL (no copy-on-write of device memory)",
	      private_writable_refused),
	CHECK("MAP_PRIVATE|PROT_READ is EINVAL too (is_cow_mapping: VM_MAYWRITE)",
	      private_readonly_refused),
	CHECK("a length past the end is EINVAL; the last page maps", length_past_end_refused),
	CHECK("an offset at or past the end is EINVAL", offset_past_end_refused),
	CHECK("O_RDONLY fd: MAP_SHARED|PROT_WRITE and mprotect(PROT_WRITE) are EACCES",
	      readonly_fd_maps_readonly),
	CHECK("a write to a PROT_READ mapping is SIGSEGV/SEGV_ACCERR, no damage",
	      write_to_readonly_mapping_segv),
	CHECK("a read faults once per page (vmf_insert_pfn), then never", read_faults_once_per_page),
	CHECK("a first write costs 2 faults per page (insert read-only, then pfn_mkwrite)",
	      first_write_costs_two_faults),
	CHECK("a write to a page already read costs 1 fault (pfn_mkwrite)",
	      write_after_read_costs_one_fault),
	CHECK("writes after the first cost nothing; damage counts each page once",
	      later_writes_are_free),
	CHECK("damage 0 -> N -> 0 across fsync; then 1 fault per page written again",
	      fsync_rearms_mkwrite),
	CHECK("FBIO_FAULTLINE_FLUSH returns the pages flushed and re-arms pfn_mkwrite",
	      flush_ioctl_counts_pages),
	CHECK("the damage outlives munmap; a new mapping starts empty", damage_outlives_munmap),
	CHECK("mprotect PROT_READ -> PROT_READ|PROT_WRITE keeps write-notify",
	      mprotect_keeps_write_notify),
	CHECK("two mappings share the pixels; a flush write-protects both",
	      two_mappings_share_pixels),
	CHECK("munmap of a middle page splits the mapping; a flush reaches both pieces",
	      split_mapping_still_flushed),
	CHECK("fork: the child sees the parent's pixels, the parent the child's",
	      fork_child_shares_pixels),
	CHECK("fork: the child's PTEs are the parent's, as they were (writable stays writable)",
	      fork_copies_ptes_as_they_are),
	CHECK("fork: a flush in the child write-protects the parent's PTEs too",
	      flush_reaches_parent_and_child),
	CHECK("fork: a child exiting with the mapping leaves the parent's intact",
	      fork_exit_leaves_parent_mapping),
};

/* NULL when faultline's /dev/fb0 is here to test, else why not. */
static const char *setup(void)
{
	static char why[160];
	struct utsname u;
	fb = open("/dev/fb0", O_RDWR);
	if (fb < 0) {
		snprintf(why, sizeof(why), "no /dev/fb0 here (%s)", strerror(errno));
		return why;
	}
	if (uname(&u) < 0 || strcmp(u.sysname, "faultline") != 0)
		return "not faultline: Linux's fbdev maps every pfn at mmap time, allows "
		       "MAP_PRIVATE and has no damage count (and the host's screen is not ours)";
	if (ioctl(fb, FBIOGET_VSCREENINFO, &var) < 0 || ioctl(fb, FBIOGET_FSCREENINFO, &fix) < 0) {
		snprintf(why, sizeof(why), "FBIOGET_[VF]SCREENINFO: %s", strerror(errno));
		return why;
	}
	fb_len = ((long)fix.line_length * var.yres + PAGE - 1) & ~(PAGE - 1);
	fb_pages = fb_len / PAGE;
	if (fb_pages < 4 * N)
		return "a framebuffer too small to test";
	return NULL;
}

int main(void)
{
	const char *why = setup();
	plan(NCHECKS(checks));
	for (int i = 0; i < NCHECKS(checks); i++) {
		if (why)
			skip("%s: %s", checks[i].name, why);
		else
			run_check(&checks[i]);
	}
	if (!why)
		ioctl(fb, FBIO_FAULTLINE_FLUSH);	/* leave no damage behind */
	return done_testing();
}

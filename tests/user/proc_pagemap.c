/* tests/user/proc_pagemap.c — /proc/self/pagemap: one 64-bit entry per
 * virtual page, at offset (address / 4096) * 8, in Linux's layout:
 *
 *	63 present · 62 swapped · 61 file page or shared anonymous ·
 *	56 exclusively mapped (mapcount 1) · 55 soft-dirty · 54..0 the PFN
 *
 * What a page's entry says after each way of touching it: written (present,
 * a PFN, exclusive, anonymous), only read (the shared zero page: present,
 * not exclusive), never touched (not present), unmapped (0), shared with a
 * child by fork (the same PFN in both, exclusive in neither, until one
 * writes), shared anonymous or a file's page (bit 61).  Then the file
 * itself: sizes and offsets that are not multiples of 8 are -EINVAL, lseek
 * goes anywhere, one read spans VMAs and holes.
 *
 * Linux shows PFNs to root only (CAP_SYS_ADMIN; others read 0): everyone is
 * root in faultline, and make test-linux runs as root.  Soft-dirty (bit 55)
 * is checked in faultline only: Linux sets it only when built with
 * CONFIG_MEM_SOFT_DIRTY (Debian's 6.1 is: every page of a VMA reads
 * soft-dirty but in exec's stack, whose flags exec sets anew, as here).
 *
 * `proc_pagemap pt` (the gdb.pagemap boot, tests/gdb/pagemap.gdb) writes a
 * page at 0x10000000, reads one at 0x10001000 (the zero page), and leaves
 * their two entries at 0x10002000 for gdb to compare with the `pt` helper. */
#include "check.h"

#define PAGE		4096UL
#define PM_PFN_MASK	((1UL << 55) - 1)
#define PM_SOFT_DIRTY	(1UL << 55)
#define PM_EXCLUSIVE	(1UL << 56)
#define PM_FILE		(1UL << 61)
#define PM_SWAP		(1UL << 62)
#define PM_PRESENT	(1UL << 63)

#define WHY_FB		"faultline only: needs /dev/fb0 (a VM_PFNMAP mapping)"
#define WHY_END		"faultline only: Linux's end is the mm's task_size, which 5-level " \
			"page tables raise"

static const char scratch[] = "proc_pagemap.tmp";

/* The entry of the page that holds addr, through fd (an open pagemap);
 * ~0 (a diagnostic) if the read fails. */
static unsigned long entry_fd(int fd, const volatile void *addr)
{
	unsigned long e;
	off_t off = (off_t)((unsigned long)addr / PAGE * 8);
	ssize_t n = pread(fd, &e, sizeof(e), off);
	if (n != (ssize_t)sizeof(e)) {
		diag("pread of pagemap at %#lx: returned %ld, errno %d", (unsigned long)off,
		     (long)n, errno);
		return ~0UL;
	}
	return e;
}

/* The same through a fresh open of /proc/self/pagemap. */
static unsigned long entry_of(const volatile void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0) {
		diag("open /proc/self/pagemap: errno %d", errno);
		return ~0UL;
	}
	unsigned long e = entry_fd(fd, addr);
	close(fd);
	return e;
}

/* "present exclusive file pfn 0x1234" for a diagnostic. */
static const char *entry_str(unsigned long e)
{
	static char s[128];
	snprintf(s, sizeof(s), "%#lx:%s%s%s%s%s pfn %#lx", e, e & PM_PRESENT ? " present" : "",
		 e & PM_SWAP ? " swapped" : "", e & PM_FILE ? " file" : "",
		 e & PM_EXCLUSIVE ? " exclusive" : "", e & PM_SOFT_DIRTY ? " soft-dirty" : "",
		 e & PM_PFN_MASK);
	return s;
}

/* Entry e has exactly the flags want (of present, swapped, file and
 * exclusive), and a PFN when present; soft-dirty in faultline (every page
 * in a VMA), 0 elsewhere. */
static int entry_is(unsigned long e, unsigned long want, const char *what)
{
	unsigned long flags = PM_PRESENT | PM_SWAP | PM_FILE | PM_EXCLUSIVE;
	if ((e & flags) != want)
		return expect(0, "%s: entry %s, want flags %#lx", what, entry_str(e), want);
	if ((want & PM_PRESENT) && !(e & PM_PFN_MASK))
		return expect(0, "%s: present with PFN 0: %s", what, entry_str(e));
	if (!(want & PM_PRESENT) && (e & PM_PFN_MASK))
		return expect(0, "%s: not present, yet a PFN: %s", what, entry_str(e));
	if (on_faultline() && !(e & PM_SOFT_DIRTY))
		return expect(0, "%s: not soft-dirty: %s", what, entry_str(e));
	return 1;
}

static unsigned long pfn(unsigned long e)
{
	return e & PM_PFN_MASK;
}

/* ---- what a page's entry says --------------------------------------------- */

static int written_page(void)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	return entry_is(entry_of(p), PM_PRESENT | PM_EXCLUSIVE, "a written private page");
}

/* Never touched: not present, no PFN (soft-dirty in faultline: its VMA). */
static int untouched_page(void)
{
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	return entry_is(entry_of(p + PAGE), 0, "an untouched page");
}

/* A hole between two VMAs: 0 exactly, not even soft-dirty. */
static int hole_reads_zero(void)
{
	char *p = map_guarded(3, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	memset(p, 1, 3 * PAGE);
	EXPECT_EQ(munmap(p + PAGE, PAGE), 0);
	return expect_eq(entry_of(p + PAGE), 0, "the entry of the unmapped middle page") &
	       entry_is(entry_of(p + 2 * PAGE), PM_PRESENT | PM_EXCLUSIVE, "the page after it");
}

/* A read of untouched anonymous memory maps the shared zero page: present,
 * with its PFN, neither exclusive nor a file page (it is nobody's: Linux's
 * vm_normal_page); two such pages show the same PFN.  A write then gets a
 * page of its own. */
static int zero_page(void)
{
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	(void)*(volatile char *)p;
	(void)*(volatile char *)(p + PAGE);
	unsigned long a = entry_of(p), b = entry_of(p + PAGE);
	if (!entry_is(a, PM_PRESENT, "a page only read") ||
	    !expect_eq(pfn(b), pfn(a), "the PFN of another page only read (the zero page)"))
		return 0;
	p[0] = 1;
	unsigned long c = entry_of(p);
	return entry_is(c, PM_PRESENT | PM_EXCLUSIVE, "the page written after the read") &
	       expect(pfn(c) != pfn(a), "the written page still has the zero page's PFN %#lx",
		      pfn(a));
}

/* PROT_NONE keeps the frame: still present, same PFN (Linux's pte_present). */
static int prot_none_page(void)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	unsigned long before = entry_of(p);
	EXPECT_EQ(mprotect(p, PAGE, PROT_NONE), 0);
	unsigned long after = entry_of(p);
	return entry_is(after, PM_PRESENT | PM_EXCLUSIVE, "the page after PROT_NONE") &
	       expect_eq(pfn(after), pfn(before), "its PFN after PROT_NONE");
}

/* Shared anonymous memory (Linux: a shmem file) is "file-page or shared-anon". */
static int shared_anon_page(void)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_SHARED);
	EXPECT(p);
	p[0] = 1;
	return entry_is(entry_of(p), PM_PRESENT | PM_FILE | PM_EXCLUSIVE,
			"a written shared anonymous page");
}

/* A private file mapping: a page read is the file's (bit 61); a page
 * written is a private copy, anonymous. */
static int file_page_then_copy(void)
{
	static char buf[2 * PAGE];
	int fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	memset(buf, 'f', sizeof(buf));
	EXPECT_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	unlink(scratch);
	EXPECT(p != MAP_FAILED);
	(void)*(volatile char *)p;
	p[PAGE] = 'w';
	return entry_is(entry_of(p), PM_PRESENT | PM_FILE | PM_EXCLUSIVE, "a file page read") &
	       entry_is(entry_of(p + PAGE), PM_PRESENT | PM_EXCLUSIVE, "a file page written");
}

/* The start of the [stack] line of /proc/self/maps, or 0. */
static unsigned long stack_start(void)
{
	static char maps[16384];
	if (read_file("/proc/self/maps", maps, sizeof(maps)) < 0)
		return 0;
	for (char *l = maps; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char *nl = strchr(l, '\n');
		char *name = strstr(l, "[stack]");
		if (name && (!nl || name < nl))
			return strtoul(l, NULL, 16);
	}
	return 0;
}

/* The stack exec made is the one VMA without VM_SOFTDIRTY (Linux's exec
 * sets its flags anew): its lowest page, never touched, reads 0 exactly;
 * a page written there is present, and soft-dirty through its PTE. */
static int exec_stack_soft_dirty(void)
{
	volatile char here = 1;
	unsigned long low = stack_start();
	EXPECT(low != 0);
	return expect_eq(entry_of((void *)low), 0, "the stack's lowest page, never touched") &
	       entry_is(entry_of(&here), PM_PRESENT | PM_EXCLUSIVE, "a written stack page");
}

/* ---- fork -------------------------------------------------------------------- */

/* The child sends the entry of p down the pipe. */
static void send_entry(int fd, char *p)
{
	unsigned long e = entry_of(p);
	if (write(fd, &e, sizeof(e)) != (ssize_t)sizeof(e))
		_exit(2);
}

static unsigned long recv_entry(int fd)
{
	unsigned long e = ~0UL;
	if (read(fd, &e, sizeof(e)) != (ssize_t)sizeof(e))
		diag("reading the child's entry: errno %d", errno);
	return e;
}

/* After fork a written page is shared copy-on-write: the same PFN in
 * parent and child, exclusive in neither.  When the child writes, it gets
 * a copy (another PFN, exclusive) and the parent's page is its own again. */
static int fork_shares_pfn(void)
{
	int to_parent[2], to_child[2];
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	unsigned long before = entry_of(p);
	EXPECT(pipe(to_parent) == 0 && pipe(to_child) == 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		char go;
		send_entry(to_parent[1], p);
		if (read(to_child[0], &go, 1) != 1)
			_exit(2);
		p[0] = 2;			/* copy-on-write */
		send_entry(to_parent[1], p);
		_exit(0);
	}
	unsigned long child = recv_entry(to_parent[0]), parent = entry_of(p);
	int r = entry_is(parent, PM_PRESENT, "the parent's page after fork") &
		entry_is(child, PM_PRESENT, "the child's page after fork") &
		expect_eq(pfn(parent), pfn(before), "the parent's PFN after fork") &
		expect_eq(pfn(child), pfn(parent), "the child's PFN (the parent's)");
	EXPECT_EQ(write(to_child[1], "g", 1), 1);
	unsigned long child2 = recv_entry(to_parent[0]), parent2 = entry_of(p);
	r &= entry_is(child2, PM_PRESENT | PM_EXCLUSIVE, "the child's page after it wrote") &
	     expect(pfn(child2) != pfn(parent), "the child's copy has the parent's PFN %#lx",
		    pfn(parent)) &
	     entry_is(parent2, PM_PRESENT | PM_EXCLUSIVE, "the parent's page after the copy") &
	     expect_eq(pfn(parent2), pfn(before), "the parent's PFN after the child's copy");
	return reap(pid, 0) & r;
}

/* pagemap shows the process it was opened for: /proc/self/pagemap opened
 * before a fork still shows the parent to the child (Linux resolves
 * /proc/self and takes the mm at open).  The child maps a page the parent
 * has not: through the old fd it is not there. */
static int open_before_fork_shows_parent(void)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	EXPECT(fd >= 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		char *q = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
		if (!q)
			_exit(1);
		q[0] = 1;
		_exit(expect_eq(entry_fd(fd, q), 0, "the child's new page through the parent's fd") &
		      entry_is(entry_of(q), PM_PRESENT | PM_EXCLUSIVE,
			       "the same page through the child's own open") ? 0 : 1);
	}
	close(fd);
	return reap(pid, 0);
}

/* ---- the file --------------------------------------------------------------- */

/* Offsets and lengths that are not multiples of 8: -EINVAL (Linux's
 * pagemap_read); a read of 0 bytes: 0. */
static int bad_sizes_einval(void)
{
	char buf[16];
	int fd = open("/proc/self/pagemap", O_RDONLY);
	EXPECT(fd >= 0);
	off_t off = (off_t)((unsigned long)buf / PAGE * 8);
	int r = expect_errno(pread(fd, buf, 4, off), EINVAL, "a read of 4 bytes") &
		expect_errno(pread(fd, buf, 12, off), EINVAL, "a read of 12 bytes") &
		expect_errno(pread(fd, buf, 8, off + 4), EINVAL, "a read at offset + 4") &
		expect_eq(pread(fd, buf, 0, off), 0, "a read of 0 bytes");
	close(fd);
	return r;
}

/* lseek goes to any entry; a read there gives it and moves on by 8.
 * SEEK_END is -EINVAL (Linux's mem_lseek). */
static int lseek_then_read(void)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	unsigned long want = entry_of(p), e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	EXPECT(fd >= 0);
	off_t off = (off_t)((unsigned long)p / PAGE * 8);
	int r = expect_eq(lseek(fd, off, SEEK_SET), off, "lseek to the page's entry") &
		expect_eq(read(fd, &e, 8), 8, "read of one entry") &
		expect_eq(e, want, "the entry read after lseek") &
		expect_eq(lseek(fd, 0, SEEK_CUR), off + 8, "the offset after the read") &
		expect_errno(lseek(fd, 0, SEEK_END), EINVAL, "lseek SEEK_END");
	close(fd);
	return r;
}

/* One read of 5 entries: the guard page (PROT_NONE, never touched), a
 * written page, an untouched one, a hole, a written page. */
static int one_read_spans_vmas(void)
{
	unsigned long e[5];
	char *p = map_guarded(4, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	p[3 * PAGE] = 1;
	EXPECT_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	int fd = open("/proc/self/pagemap", O_RDONLY);
	EXPECT(fd >= 0);
	ssize_t n = pread(fd, e, sizeof(e), (off_t)(((unsigned long)p - PAGE) / PAGE * 8));
	close(fd);
	EXPECT_EQ(n, (long)sizeof(e));
	return entry_is(e[0], 0, "the guard page") &
	       entry_is(e[1], PM_PRESENT | PM_EXCLUSIVE, "page 0 (written)") &
	       entry_is(e[2], 0, "page 1 (untouched)") &
	       expect_eq(e[3], 0, "page 2 (unmapped)") &
	       entry_is(e[4], PM_PRESENT | PM_EXCLUSIVE, "page 3 (written)") &
	       expect_eq(pfn(e[1]), pfn(entry_of(p)), "page 0's PFN, read alone");
}

/* The file ends at TASK_SIZE's entry: a read there is the end of file. */
static int end_of_file(void)
{
	unsigned long e;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	EXPECT(fd >= 0);
	off_t end = (off_t)(0x7ffffffff000UL / PAGE * 8);
	int r = expect_eq(pread(fd, &e, 8, end - 8), 8, "a read of the last entry") &
		expect_eq(pread(fd, &e, 8, end), 0, "a read at the end");
	close(fd);
	return r;
}

/* The framebuffer (VM_PFNMAP): Linux's page walk skips raw pfn mappings
 * and reports them as holes inside a VMA, so a page read and written is
 * "not present" (soft-dirty only). */
static int pfnmap_not_present(void)
{
	int fd = open("/dev/fb0", O_RDWR);
	EXPECT(fd >= 0);
	volatile char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	EXPECT(p != MAP_FAILED);
	p[0] = p[0];
	return expect_eq(entry_of(p), PM_SOFT_DIRTY, "a framebuffer page's entry");
}

static const struct check checks[] = {
	CHECK("a written page: present, a PFN, exclusive, anonymous", written_page),
	CHECK("an untouched page of a VMA: not present, no PFN", untouched_page),
	CHECK("a hole between VMAs reads 0", hole_reads_zero),
	CHECK("a page only read is the zero page: present, shared PFN, not exclusive",
	      zero_page),
	CHECK("PROT_NONE keeps the page present with its PFN", prot_none_page),
	CHECK("exec's stack: an untouched page reads 0, a written one is present",
	      exec_stack_soft_dirty),
	CHECK("shared anonymous memory is a file page (bit 61)", shared_anon_page),
	CHECK("a private file page read is the file's; written, a private copy",
	      file_page_then_copy),
	CHECK("after fork parent and child map the same PFN, exclusive in neither; a write "
	      "copies", fork_shares_pfn),
	CHECK("pagemap opened before fork shows the parent to the child",
	      open_before_fork_shows_parent),
	CHECK("sizes and offsets not multiples of 8 are EINVAL", bad_sizes_einval),
	CHECK("lseek to an entry, read it; SEEK_END is EINVAL", lseek_then_read),
	CHECK("one read spans a guard page, pages, a hole", one_read_spans_vmas),
	FAULTLINE_ONLY("the file ends at TASK_SIZE's entry", end_of_file, WHY_END),
	FAULTLINE_ONLY("a VM_PFNMAP page reads as not present", pfnmap_not_present, WHY_FB),
};

/* For tests/gdb/pagemap.gdb: pages at fixed addresses, their entries at
 * 0x10002000 (written, then only read), and exit. */
static int for_gdb(void)
{
	char *p = mmap((void *)0x10000000, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (char *)0x10000000)
		return 1;
	unsigned long *out = (unsigned long *)(p + 2 * PAGE);
	p[0] = 1;				/* a page of its own */
	(void)*(volatile char *)(p + PAGE);	/* the zero page */
	out[0] = entry_of(p);
	out[1] = entry_of(p + PAGE);
	return !(out[0] & PM_PRESENT) || !(out[1] & PM_PRESENT);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "pt"))
		return for_gdb();
	return run_checks(checks, NCHECKS(checks));
}

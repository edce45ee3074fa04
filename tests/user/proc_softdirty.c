/* tests/user/proc_softdirty.c — soft-dirty tracking: which pages were
 * written since "echo 4 > /proc/self/clear_refs" (Linux's
 * Documentation/admin-guide/mm/soft-dirty.rst).  Bit 55 of a page's
 * /proc/self/pagemap entry says it; the mechanism:
 *
 *	clear_refs 4	every VMA loses VM_SOFTDIRTY (smaps VmFlags: no "sd"),
 *			every present PTE loses _PAGE_SOFT_DIRTY and is
 *			write-protected
 *	a write		faults once (do_wp_page reuses the page) and the PTE
 *			is soft-dirty again; a read does not fault, nor set it
 *	a new VMA	soft-dirty as a whole (VM_SOFTDIRTY, "sd"), present or not
 *
 * and what keeps or sets the bit: MADV_POPULATE_WRITE (a write fault, not
 * POPULATE_READ), fork (the child's PTEs keep their bit; its own writes
 * set its own), mremap (a moved page is soft-dirty), mprotect (read-only
 * and back leaves a clean page clean), a shared mapping (write-notified
 * after the clear), a forced write through /proc/self/mem.  Then the file
 * itself: mode 0200, values 1..5, anything else -EINVAL; 1/2/3 clear the
 * Accessed bits of all/anonymous/file pages (smaps's Referenced).
 *
 * Every check passes on Linux too (make test-linux runs as root), where
 * the soft-dirty ones need a kernel built with CONFIG_MEM_SOFT_DIRTY (as
 * Debian's): without it (no "sd" on a new mapping, as the selftests'
 * softdirty_supported asks) they are skipped, and the file's own checks
 * run. */
#include "check.h"
#include <sys/stat.h>

#define PAGE		4096UL
#define PM_SOFT_DIRTY	(1UL << 55)
#define PM_PRESENT	(1UL << 63)

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#endif

static char text[1 << 18];

/* ---- helpers -------------------------------------------------------------- */

/* Write v to /proc/self/clear_refs: write's result, or -1 (errno set). */
static ssize_t clear_refs(const char *v)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, v, strlen(v));
	int e = errno;
	close(fd);
	errno = e;
	return n;
}

/* clear_refs 4, reported if it fails. */
static int clear_soft_dirty(void)
{
	return expect_eq(clear_refs("4"), 1, "write \"4\" to /proc/self/clear_refs");
}

/* The pagemap entry of the page at p; ~0 (a diagnostic) if it cannot be read. */
static unsigned long entry_of(const volatile void *p)
{
	unsigned long e = ~0UL;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0 || pread(fd, &e, sizeof(e), (off_t)((unsigned long)p / PAGE * 8)) != 8)
		diag("reading /proc/self/pagemap for %p: errno %d", (const void *)p, errno);
	if (fd >= 0)
		close(fd);
	return e;
}

/* Minor faults taken by one access to *p: a write of v, or a read when
 * v < 0.  Run once on a stack byte first, so that this code's page and
 * getrusage's are mapped: a kernel without fault-around (lab filemap's
 * stub) then counts the access alone. */
static __attribute__((noinline)) long access_faults_at(volatile char *p, int v)
{
	long f0 = minflt();
	if (v < 0)
		(void)*p;
	else
		*p = (char)v;
	return minflt() - f0;
}

static long access_faults(volatile char *p, int v)
{
	volatile char warm = 0;
	access_faults_at(&warm, v < 0 ? -1 : 0);
	return access_faults_at(p, v);
}

/* Page p reads soft-dirty (1), or not (0); -1 when pagemap cannot say. */
static int soft_dirty(const volatile void *p)
{
	unsigned long e = entry_of(p);
	return e == ~0UL ? -1 : !!(e & PM_SOFT_DIRTY);
}

/* Pages [p, p + n pages) all read soft-dirty (want 1) or all clean (0). */
static int pages_are(const volatile char *p, int n, int want, const char *what)
{
	for (int i = 0; i < n; i++)
		if (soft_dirty(p + i * PAGE) != want)
			return expect(0, "%s: page %d of %d reads %s", what, i, n,
				      want ? "clean" : "soft-dirty");
	return 1;
}

#define is_soft_dirty(p, what)	expect_eq(soft_dirty(p), 1, what " (soft-dirty)")
#define is_clean(p, what)	expect_eq(soft_dirty(p), 0, what " (not soft-dirty)")

/* The smaps record of the VMA that holds addr, in text; NULL if none. */
static const char *smaps_record(const void *addr)
{
	if (read_file("/proc/self/smaps", text, sizeof(text)) < 0)
		return NULL;
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char *dash;
		unsigned long start = strtoul(l, &dash, 16), end;
		if (*dash != '-')
			continue;		/* not a record's first line */
		end = strtoul(dash + 1, NULL, 16);
		if (start <= (unsigned long)addr && (unsigned long)addr < end)
			return l;
	}
	diag("no smaps record holds %p", addr);
	return NULL;
}

/* Field name ("Referenced") of the VMA at addr in kB, or -1. */
static long smaps_field(const void *addr, const char *name)
{
	const char *rec = smaps_record(addr);
	size_t len = strlen(name);
	for (const char *l = rec; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, name, len) && l[len] == ':')
			return strtol(l + len + 1, NULL, 10);
	return -1;
}

/* Does the VmFlags line of the VMA at addr have "sd"?  1, 0, or -1. */
static int vmflags_sd(const void *addr)
{
	const char *rec = smaps_record(addr);
	const char *l = rec ? strstr(rec, "\nVmFlags:") : NULL;
	if (!l)
		return -1;
	const char *nl = strchr(l + 1, '\n');
	const char *sd = strstr(l, " sd");
	return sd && (!nl || sd < nl);
}

/* ---- clear, write, read --------------------------------------------------- */

/* A new mapping is soft-dirty as a whole, written or not; clear_refs 4
 * makes both pages clean and takes "sd" off the VMA. */
static int clear_makes_clean(void)
{
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	int r = is_soft_dirty(p, "a written page of a new mapping") &
		is_soft_dirty(p + PAGE, "an untouched page of a new mapping") &
		expect_eq(vmflags_sd(p), 1, "VmFlags sd of a new mapping");
	EXPECT(clear_soft_dirty());
	return r & is_clean(p, "the written page after clear_refs") &
	       is_clean(p + PAGE, "the untouched page after clear_refs") &
	       expect_eq(vmflags_sd(p), 0, "VmFlags sd after clear_refs");
}

/* After the clear the page is write-protected: the first write faults
 * (one minor fault) and makes it soft-dirty; the second does not fault. */
static int write_faults_once(void)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	EXPECT(clear_soft_dirty());
	EXPECT(is_clean(p, "before the write"));
	long first = access_faults(p, 2), second = access_faults(p + 1, 3);
	return expect_eq(first, 1, "faults of the first write after clear_refs") &
	       expect_eq(second, 0, "faults of the second write") &
	       is_soft_dirty(p, "the page written after clear_refs") &
	       expect_eq(p[0] + p[1], 5, "what the page holds");
}

/* Reads set nothing and take no fault: a page written before the clear,
 * and an untouched one (read: the zero page). */
static int read_keeps_clean(void)
{
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	EXPECT(clear_soft_dirty());
	long faults = access_faults(p, -1);
	int sum = *(volatile char *)p + *(volatile char *)(p + PAGE);
	return expect_eq(faults, 0, "faults of a read after clear_refs") &
	       expect_eq(sum, 1, "what was read") &
	       is_clean(p, "a page read after clear_refs") &
	       is_clean(p + PAGE, "an untouched page read after clear_refs");
}

/* Mapped after the clear: soft-dirty as a whole, "sd" in VmFlags.  Also
 * at the address a mapping cleared and unmapped had (Linux's selftest
 * soft-dirty, test_vma_reuse): new memory there is new to a tracker. */
static int new_mapping_after_clear(void)
{
	char *old = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(old);
	old[0] = 1;
	EXPECT(clear_soft_dirty());
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	int r = is_soft_dirty(p, "an untouched page mapped after clear_refs") &
		expect_eq(vmflags_sd(p), 1, "VmFlags sd of a mapping made after clear_refs");
	EXPECT(munmap(old, PAGE) == 0);
	char *again = mmap(old, PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT(again == old);
	return r & is_soft_dirty(again, "a page mapped again where a cleared one was");
}

/* ---- what else writes ------------------------------------------------------ */

/* MADV_POPULATE_READ maps the zero page: nothing written, still clean;
 * MADV_POPULATE_WRITE write-faults every page: soft-dirty (madv_populate's
 * test_softdirty). */
static int populate(void)
{
	char *p = map_guarded(4, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	EXPECT(clear_soft_dirty());
	EXPECT(pages_are(p, 4, 0, "after clear_refs"));
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_POPULATE_READ), 0);
	int r = pages_are(p, 4, 0, "after MADV_POPULATE_READ");
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_POPULATE_WRITE), 0);
	return r & pages_are(p, 4, 1, "after MADV_POPULATE_WRITE");
}

/* fork: the child's PTEs are the parent's, soft-dirty bit and all; each
 * process's own writes (copy-on-write) and clear_refs are its own. */
static int fork_keeps_bits(void)
{
	char *p = map_guarded(3, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = p[PAGE] = 1;
	EXPECT(clear_soft_dirty());
	p[0] = 2;				/* page 0 soft-dirty, page 1 clean */
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		int ok = is_soft_dirty(p, "the child's page 0, written before fork") &
			 is_clean(p + PAGE, "the child's page 1, clean before fork");
		p[PAGE] = 3;			/* the child's own copy */
		ok &= is_soft_dirty(p + PAGE, "the child's page 1 after its write");
		ok &= clear_soft_dirty() & is_clean(p, "the child's page 0 after its clear_refs");
		_exit(ok ? 0 : 1);
	}
	int r = reap(pid, 0);
	return r & is_soft_dirty(p, "the parent's page 0 after the child's clear_refs") &
	       is_clean(p + PAGE, "the parent's page 1 after the child wrote its copy") &
	       expect_eq(p[PAGE], 1, "the parent's page 1");
}

/* mremap moves the PTEs, and a moved page is soft-dirty (Linux's
 * move_soft_dirty_pte): one written after the clear, and one not. */
static int mremap_moves_soft_dirty(void)
{
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *dest = map_pages(2, PROT_NONE, MAP_PRIVATE);
	EXPECT(p && dest);
	p[0] = 1;
	p[PAGE] = 2;
	EXPECT(clear_soft_dirty());
	p[0] = 3;
	EXPECT(is_clean(p + PAGE, "page 1 before mremap"));
	char *q = mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dest);
	EXPECT(q == dest);
	return is_soft_dirty(q, "a page written after clear_refs, moved") &
	       is_soft_dirty(q + PAGE, "a clean page, moved") &
	       expect_eq(q[0] + q[PAGE], 5, "what the moved pages hold");
}

/* mprotect read-only and back does not make a clean page writable (or
 * soft-dirty): the next write still faults and sets the bit (Linux's
 * selftest soft-dirty, test_mprotect), private or shared. */
static int mprotect_keeps_clean(int flags, const char *what)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, flags);
	EXPECT(p);
	p[0] = 1;
	EXPECT(clear_soft_dirty());
	EXPECT_EQ(mprotect(p, PAGE, PROT_READ), 0);
	int r = is_clean(p, "after mprotect read-only");
	EXPECT_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	r &= is_clean(p, "after mprotect read-write");
	if (!r || !expect_eq(access_faults(p, 2), 1, "faults of the write after mprotect"))
		diag("(%s)", what);
	return r & is_soft_dirty(p, "after the write");
}

static int mprotect_private(void)
{
	return mprotect_keeps_clean(MAP_PRIVATE, "private");
}

static int mprotect_shared(void)
{
	return mprotect_keeps_clean(MAP_SHARED, "shared");
}

/* Shared memory: after the clear its PTEs are write-protected, and new
 * ones are made read-only (write-notify), so a write to a page written
 * before and to one only read since both fault and set the bit. */
static int shared_write_notified(void)
{
	char *p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_SHARED);
	EXPECT(p);
	p[0] = 1;
	EXPECT(clear_soft_dirty());
	int sum = *(volatile char *)(p + PAGE);	/* a new PTE, after the clear */
	int r = is_clean(p, "a shared page written before clear_refs") &
		is_clean(p + PAGE, "a shared page read after clear_refs");
	long before = access_faults(p, 2), read = access_faults(p + PAGE, 3);
	return r & expect_eq(sum, 0, "the shared page read") &
	       expect_eq(before, 1, "faults of the write to the page written before") &
	       expect_eq(read, 1, "faults of the write to the page read") &
	       pages_are(p, 2, 1, "the shared pages written after clear_refs");
}

/* A forced write (/proc/self/mem) into a read-only private page ours
 * alone: GUP may write it without a fault, but not a page soft-dirty
 * tracking waits on (Linux's can_follow_write_pte): the fault sets it. */
static int forced_write_sets_it(void)
{
	char *p = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	p[0] = 1;
	EXPECT_EQ(mprotect(p, PAGE, PROT_READ), 0);
	EXPECT(clear_soft_dirty());
	EXPECT(is_clean(p, "before the forced write"));
	int fd = open("/proc/self/mem", O_RDWR);
	EXPECT(fd >= 0);
	char c = 7;
	ssize_t n = pwrite(fd, &c, 1, (off_t)(unsigned long)p);
	close(fd);
	return expect_eq(n, 1, "pwrite to /proc/self/mem") &
	       expect_eq(p[0], 7, "the page after the forced write") &
	       is_soft_dirty(p, "after the forced write");
}

/* ---- the file ----------------------------------------------------------------- */

/* Mode 0200, as Linux's (S_IWUSR).  Root may open it for reading (root
 * passes the permission check), but there is no read: -EINVAL. */
static int file_mode_and_read(void)
{
	struct stat st;
	EXPECT_EQ(stat("/proc/self/clear_refs", &st), 0);
	int r = expect_eq(st.st_mode & 07777, 0200, "clear_refs's mode");
	int fd = open("/proc/self/clear_refs", O_RDONLY);
	if (geteuid() != 0)
		return r & expect(fd < 0 && errno == EACCES, "open O_RDONLY as a user: want EACCES");
	EXPECT(fd >= 0);
	char c;
	r &= expect_errno(read(fd, &c, 1), EINVAL, "read of clear_refs");
	close(fd);
	return r;
}

/* 1..5 are taken, whitespace around them too; what is no number from 1
 * to 5 is -EINVAL, what overflows an int -ERANGE (Linux's kstrtoint).
 * (Not a write of 0 bytes: Linux hands it to clear_refs, -EINVAL, where
 * faultline's write(2) returns 0 without asking the file.) */
static int file_values(void)
{
	static const char *const good[] = { "1", "2", "3", "4", "5", "4\n", " 4 ", "+4" };
	static const char *const bad[] = { "0", "6", "-1", "x", "4x", "1 2" };
	int r = 1;
	for (unsigned i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		r &= expect_eq(clear_refs(good[i]), (long)strlen(good[i]), good[i]);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		r &= expect_errno(clear_refs(bad[i]), EINVAL, bad[i]);
	return r & expect_errno(clear_refs("99999999999"), ERANGE, "99999999999");
}

/* 1 clears the Accessed bits of every page: smaps's Referenced drops to
 * 0; 3 (file pages only) leaves anonymous memory alone, 2 does not. */
static int referenced(void)
{
	char *p = map_guarded(4, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	memset(p, 1, 4 * PAGE);
	int r = expect_eq(smaps_field(p, "Referenced"), 16, "Referenced of 4 written pages");
	EXPECT_EQ(clear_refs("1"), 1);
	r &= expect_eq(smaps_field(p, "Referenced"), 0, "Referenced after clear_refs 1");
	char *q = map_guarded(4, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(q);
	memset(q, 1, 4 * PAGE);
	EXPECT_EQ(clear_refs("3"), 1);
	r &= expect_eq(smaps_field(q, "Referenced"), 16, "anonymous Referenced after clear_refs 3");
	EXPECT_EQ(clear_refs("2"), 1);
	return r & expect_eq(smaps_field(q, "Referenced"), 0, "Referenced after clear_refs 2") &
	       expect_eq(smaps_field(q, "Rss"), 16, "Rss after clear_refs 2 (pages stay)");
}

/* Soft-dirty itself: on a Linux built without CONFIG_MEM_SOFT_DIRTY (no
 * "sd" on a new mapping: the selftests' softdirty_supported) these are
 * skipped; faultline always tracks it. */
static const struct check soft_dirty_checks[] = {
	CHECK("a new mapping is soft-dirty (sd); clear_refs 4 clears pages and VmFlags",
	      clear_makes_clean),
	CHECK("after clear_refs the first write faults once and sets soft-dirty", write_faults_once),
	CHECK("after clear_refs a read neither faults nor sets soft-dirty", read_keeps_clean),
	CHECK("a mapping made after clear_refs is soft-dirty, also at a reused address",
	      new_mapping_after_clear),
	CHECK("MADV_POPULATE_READ leaves pages clean, MADV_POPULATE_WRITE sets soft-dirty",
	      populate),
	CHECK("fork: the child keeps the PTEs' bits; writes and clear_refs are per process",
	      fork_keeps_bits),
	CHECK("mremap: a moved page is soft-dirty", mremap_moves_soft_dirty),
	CHECK("mprotect read-only and back: a private page stays clean until written",
	      mprotect_private),
	CHECK("mprotect read-only and back: a shared page stays clean until written",
	      mprotect_shared),
	CHECK("shared memory after clear_refs: writes fault (write-notify) and set it",
	      shared_write_notified),
	CHECK("a forced write through /proc/self/mem faults and sets soft-dirty",
	      forced_write_sets_it),
};

/* The file, and its other values: every Linux has them. */
static const struct check file_checks[] = {
	CHECK("clear_refs is mode 0200; root may open it to read, a read is EINVAL",
	      file_mode_and_read),
	CHECK("clear_refs takes 1..5; other values EINVAL, an overflow ERANGE", file_values),
	CHECK("clear_refs 1 and 2 drop smaps Referenced to 0; 3 leaves anonymous pages",
	      referenced),
};

/* Does this kernel track soft-dirty?  A new mapping's VmFlags show sd. */
static int soft_dirty_tracked(void)
{
	char *p = map_pages(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int sd = p ? vmflags_sd(p) : -1;
	if (p)
		munmap(p, PAGE);
	return sd == 1;
}

int main(void)
{
	int n = NCHECKS(soft_dirty_checks), tracked = on_faultline() || soft_dirty_tracked();
	plan(n + NCHECKS(file_checks));
	for (int i = 0; i < n; i++) {
		if (tracked)
			run_check(&soft_dirty_checks[i]);
		else
			skip("%s: this Linux has no CONFIG_MEM_SOFT_DIRTY (no sd in VmFlags)",
			     soft_dirty_checks[i].name);
	}
	for (int i = 0; i < NCHECKS(file_checks); i++)
		run_check(&file_checks[i]);
	return done_testing();
}

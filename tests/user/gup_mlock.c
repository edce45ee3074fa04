/* gup_mlock — mlock, mlock2, munlock, mlockall, munlockall (mm/mlock.c):
 * locking a range sets VM_LOCKED on its VMAs and faults every page in
 * through get_user_pages, so touching them afterwards takes no fault;
 * MLOCK_ONFAULT (and MCL_ONFAULT) lock without populating.
 *
 * What a lock did is read three ways, each on both kernels: the faults a
 * touch takes (fault_map: "0000" = populated), /proc/self/status's VmLck
 * (the pages of locked VMAs: mm->locked_vm), and /proc/self/maps (how the
 * VMAs were split and merged).  /proc/meminfo's Mlocked is checked on
 * faultline only: Linux's is a system-wide counter other processes move.
 *
 * Every process here is root, and root has CAP_IPC_LOCK: RLIMIT_MEMLOCK is
 * kept and reported but does not stop it (as on Linux).  The checks say
 * what a process without the capability would get too, so they also pass
 * under make test-linux run as another user. */
#include "fmap.h"
#include <sys/syscall.h>
#include <syscall.h>
#include <time.h>

#define RW		(PROT_READ | PROT_WRITE)
#define RLIMIT_MEMLOCK	8

struct rlim { unsigned long cur, max; };

/* /proc/self/status's VmLck in kB, or -1. */
static long vmlck_kb(void)
{
	static char buf[8192];
	if (read_file("/proc/self/status", buf, sizeof(buf)) < 0)
		return -1;
	return proc_field(buf, "VmLck");
}

/* /proc/meminfo's line name in kB, or -1. */
static long meminfo_kb(const char *name)
{
	static char buf[4096];
	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	return proc_field(buf, name);
}

/* The bounds of the VMA holding addr, from /proc/self/maps: its start (its
 * end in *end), or 0 when no line holds it. */
static unsigned long vma_of(const void *addr, unsigned long *end)
{
	static char buf[65536];
	unsigned long a = (unsigned long)addr;
	if (read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return 0;
	for (char *l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		char *dash;
		unsigned long s = strtoul(l, &dash, 16), e = strtoul(dash + 1, NULL, 16);
		if (s <= a && a < e) {
			*end = e;
			return s;
		}
	}
	return 0;
}

/* How many VMAs the npages from p lie in (1: one VMA), by /proc/self/maps. */
static int vmas_over(const char *p, long npages)
{
	int n = 0;
	unsigned long end = 0;
	for (long i = 0; i < npages; i++)
		if ((unsigned long)(p + i * PAGE) >= end) {
			if (!vma_of(p + i * PAGE, &end))
				return -1;
			n++;
		}
	return n;
}

/* ---- mlock populates; MLOCK_ONFAULT does not -------------------------------- */

static int mlock_populates(void)
{
	char *p = map_anon(8, RW);
	EXPECT(p);
	long before = vmlck_kb();
	EXPECT_EQ(mlock(p, 8 * PAGE), 0);
	return expect_eq(vmlck_kb() - before, 32, "VmLck grew by (kB)") &
	       expect_str(fault_map(p, 8, WRITE), "00000000", "faults of writing each page") &
	       expect_str(fault_map(p, 8, READ), "00000000", "faults of reading each page");
}

/* Read-only private memory is populated with read faults (the zero page
 * here): a read takes no fault; a write would be refused anyway. */
static int mlock_readonly_populates_reads(void)
{
	char *p = map_anon(4, PROT_READ);
	EXPECT(p);
	EXPECT_EQ(mlock(p, 4 * PAGE), 0);
	return expect_str(fault_map(p, 4, READ), "0000", "faults of reading each page") &
	       all_zero(p, 4 * PAGE, "the pages");
}

static int mlock_onfault_populates_nothing(void)
{
	char *p = map_anon(8, RW);
	EXPECT(p);
	p[0] = 1;					/* page 0: present before */
	long before = vmlck_kb();
	EXPECT_EQ(mlock2(p, 8 * PAGE, MLOCK_ONFAULT), 0);
	return expect_eq(vmlck_kb() - before, 32, "VmLck grew by (kB): the VMA is locked") &
	       expect_str(fault_map(p, 8, WRITE), "01111111", "faults of writing each page");
}

/* A start inside a page and a length ending inside another: every page
 * they touch is locked, no more (Linux rounds start down, the end up). */
static int mlock_unaligned_whole_pages(void)
{
	char *p = map_anon(4, RW);
	EXPECT(p);
	long before = vmlck_kb();
	EXPECT_EQ(mlock(p + PAGE + 100, PAGE), 0);	/* pages 1 and 2 */
	return expect_eq(vmlck_kb() - before, 8, "VmLck grew by (kB)") &
	       expect_str(fault_map(p, 4, WRITE), "1001", "faults of writing each page") &
	       expect_eq(vmas_over(p, 4), 3, "VMAs over the 4 pages");
}

/* ---- munlock: VMAs split and merge as mprotect's ------------------------------ */

static int munlock_splits_and_merges(void)
{
	char *p = map_anon(3, RW);
	EXPECT(p);
	long before = vmlck_kb();
	EXPECT_EQ(mlock2(p, 3 * PAGE, MLOCK_ONFAULT), 0);
	int ok = expect_eq(vmas_over(p, 3), 1, "VMAs after mlock2 of all 3 pages");
	EXPECT_EQ(munlock(p + PAGE, PAGE), 0);
	ok &= expect_eq(vmas_over(p, 3), 3, "VMAs after munlock of the middle page") &
	      expect_eq(vmlck_kb() - before, 8, "VmLck, 2 pages locked (kB)");
	EXPECT_EQ(munlock(p, 3 * PAGE), 0);
	return ok & expect_eq(vmas_over(p, 3), 1, "VMAs after munlock of all 3") &
	       expect_eq(vmlck_kb() - before, 0, "VmLck after munlock (kB)");
}

/* munlock keeps the pages: they were faulted in, they stay mapped. */
static int munlock_keeps_pages(void)
{
	char *p = map_anon(4, RW);
	EXPECT(p);
	EXPECT_EQ(mlock(p, 4 * PAGE), 0);
	EXPECT_EQ(munlock(p, 4 * PAGE), 0);
	return expect_str(fault_map(p, 4, WRITE), "0000", "faults of writing each page");
}

/* munmap of locked memory unaccounts it, a piece or the whole. */
static int munmap_unaccounts(void)
{
	char *p = map_anon(8, RW);
	EXPECT(p);
	long before = vmlck_kb();
	EXPECT_EQ(mlock(p, 8 * PAGE), 0);
	EXPECT_EQ(munmap(p + 2 * PAGE, 2 * PAGE), 0);
	int ok = expect_eq(vmlck_kb() - before, 24, "VmLck after munmap of 2 of 8 pages (kB)");
	EXPECT_EQ(munmap(p, 8 * PAGE), 0);
	return ok & expect_eq(vmlck_kb() - before, 0, "VmLck after munmap of all (kB)");
}

/* ---- mlockall ------------------------------------------------------------------ */

static int mlockall_current_future(void)
{
	char *old = map_anon(4, RW);
	EXPECT(old);
	EXPECT_EQ(mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	int ok = expect_str(fault_map(old, 4, WRITE), "0000", "a mapping made before");
	char *p = map_anon(8, RW);
	EXPECT(p);
	ok &= expect_str(fault_map(p, 8, WRITE), "00000000", "a mapping made after") &
	      expect(vmlck_kb() > 0, "VmLck is %ld kB", vmlck_kb());
	/* the heap too: brk grows locked and populated */
	unsigned long b = ((unsigned long)sbrk(0) + PAGE - 1) & ~(PAGE - 1);
	EXPECT(sbrk(5 * PAGE) != (void *)-1);
	ok &= expect_str(fault_map((char *)b, 4, WRITE), "0000", "the heap grown by brk");
	EXPECT_EQ(munlockall(), 0);
	ok &= expect_eq(vmlck_kb(), 0, "VmLck after munlockall (kB)");
	char *q = map_anon(4, RW);
	EXPECT(q);
	return ok & expect_str(fault_map(q, 4, WRITE), "1111", "a mapping made after munlockall");
}

static int mlockall_future_onfault(void)
{
	EXPECT_EQ(mlockall(MCL_FUTURE | MCL_ONFAULT), 0);
	EXPECT_EQ(vmlck_kb(), 0);			/* nothing mapped now is locked */
	char *p = map_anon(4, RW);
	EXPECT(p);
	int ok = expect_eq(vmlck_kb(), 16, "VmLck after a 4-page mmap (kB)") &
		 expect_str(fault_map(p, 4, WRITE), "1111", "faults of writing each page");
	EXPECT_EQ(munlockall(), 0);
	return ok;
}

/* mmap(MAP_LOCKED): a locked mapping from the start, populated. */
static int mmap_locked_populates(void)
{
	long before = vmlck_kb();
	char *p = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	EXPECT(p != MAP_FAILED);
	return expect_eq(vmlck_kb() - before, 16, "VmLck grew by (kB)") &
	       expect_str(fault_map(p, 4, WRITE), "0000", "faults of writing each page");
}

/* ---- fork, mprotect, mremap ------------------------------------------------------ */

/* The child's VMAs are not locked (its VmLck is 0), MCL_FUTURE does not
 * carry over either, and the pages it shares copy-on-write still fault
 * on its writes. */
static int fork_does_not_inherit(void)
{
	char *p = map_anon(4, RW);
	EXPECT(p);
	EXPECT_EQ(mlock(p, 4 * PAGE), 0);
	EXPECT_EQ(mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		int ok = expect_eq(vmlck_kb(), 0, "the child's VmLck (kB)") &
			 expect_str(fault_map(p, 4, WRITE), "1111", "the child's writes");
		char *q = map_anon(4, RW);
		ok &= q && expect_str(fault_map(q, 4, WRITE), "1111", "the child's new mapping");
		_exit(ok ? 0 : 1);
	}
	int ok = reap(pid, 0) & expect(vmlck_kb() > 16, "the parent's VmLck: %ld kB", vmlck_kb());
	EXPECT_EQ(munlockall(), 0);
	return ok;
}

/* Locked read-only private memory made writable: COW is broken at once
 * (Linux's mprotect_fixup), so writes take no fault either. */
static int mprotect_writable_breaks_cow(void)
{
	char *p = map_anon(4, PROT_READ);
	EXPECT(p);
	EXPECT_EQ(mlock(p, 4 * PAGE), 0);
	EXPECT_EQ(mprotect(p, 4 * PAGE, RW), 0);
	return expect_str(fault_map(p, 4, WRITE), "0000", "faults of writing each page");
}

/* A locked mapping that grows is populated where it grew, and counted. */
static int mremap_grow_populates(void)
{
	char *p = map_anon(4, RW);
	EXPECT(p);
	long before = vmlck_kb();
	EXPECT_EQ(mlock(p, 4 * PAGE), 0);
	char *q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	EXPECT(q != MAP_FAILED);
	return expect_eq(vmlck_kb() - before, 32, "VmLck grew by (kB)") &
	       expect_str(fault_map(q, 8, WRITE), "00000000", "faults of writing each page");
}

/* Locked pages are not dropped by MADV_DONTNEED (EINVAL); DONTNEED_LOCKED
 * drops them, and the VMA stays locked. */
static int dontneed_refused_on_locked(void)
{
	char *p = map_anon(2, RW);
	EXPECT(p);
	p[0] = 'x';
	EXPECT_EQ(mlock(p, 2 * PAGE), 0);
	int ok = expect_errno(madvise(p, 2 * PAGE, MADV_DONTNEED), EINVAL, "MADV_DONTNEED") &
		 expect_eq(p[0], 'x', "the page after it");
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_DONTNEED_LOCKED), 0);
	return ok & expect_eq(p[0], 0, "the page after MADV_DONTNEED_LOCKED") &
	       expect_eq(vmlck_kb() >= 8, 1, "VmLck still counts the VMA");
}

/* ---- errors --------------------------------------------------------------------- */

static int bad_flags_einval(void)
{
	char *p = map_anon(1, RW);
	EXPECT(p);
	return expect_errno(mlock2(p, PAGE, 2), EINVAL, "mlock2 flags 2") &
	       expect_errno(mlock2(p, PAGE, MLOCK_ONFAULT | 0x100), EINVAL, "mlock2 flags 0x101") &
	       expect_errno(mlockall(0), EINVAL, "mlockall(0)") &
	       expect_errno(mlockall(MCL_ONFAULT), EINVAL, "mlockall(MCL_ONFAULT) alone") &
	       expect_errno(mlockall(8), EINVAL, "mlockall(8)") &
	       expect_eq(mlock(p, 0), 0, "mlock length 0") &
	       expect_eq(vmlck_kb(), 0, "VmLck (kB)");
}

/* A hole: ENOMEM; the VMAs before it are locked already (Linux's order). */
static int hole_enomem(void)
{
	char *p = map_anon(4, RW);
	EXPECT(p);
	EXPECT_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	long before = vmlck_kb();
	int ok = expect_errno(mlock(p + 2 * PAGE, PAGE), ENOMEM, "mlock of the hole") &
		 expect_errno(munlock(p + 2 * PAGE, PAGE), ENOMEM, "munlock of the hole") &
		 expect_errno(mlock2(p + 2 * PAGE, 2 * PAGE, MLOCK_ONFAULT), ENOMEM,
			      "mlock2 from the hole");
	ok &= expect_errno(mlock(p, 4 * PAGE), ENOMEM, "mlock across the hole") &
	      expect_eq(vmlck_kb() - before, 8, "VmLck: the 2 pages before the hole (kB)");
	return ok & expect_errno(munlock(p, 4 * PAGE), ENOMEM, "munlock across the hole") &
	       expect_eq(vmlck_kb() - before, 0, "VmLck after it (kB)");
}

/* Populating fails where the fault path would send SIGBUS (past a file's
 * end) or GUP may not go (PROT_NONE): get_user_pages' EFAULT, which mlock
 * turns into ENOMEM; the VMA stays locked, the pages before are populated. */
static int populate_failure_enomem(void)
{
	int fd = scratch_file(PAGE);
	EXPECT(fd >= 0);
	char *f = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(f != MAP_FAILED);
	long before = vmlck_kb();
	int ok = expect_errno(mlock(f, 3 * PAGE), ENOMEM, "mlock past the end of a file") &
		 expect_eq(vmlck_kb() - before, 12, "VmLck (kB): the VMA is locked") &
		 expect_str(fault_map(f, 1, READ), "0", "the file's page");
	char *n = map_anon(2, PROT_NONE);
	EXPECT(n);
	return ok & expect_errno(mlock(n, 2 * PAGE), ENOMEM, "mlock of PROT_NONE memory") &
	       expect_eq(vmlck_kb() - before, 20, "VmLck (kB): that VMA is locked too");
}

/* RLIMIT_MEMLOCK is kept, can be lowered and read back; a process with
 * CAP_IPC_LOCK (root) may lock past it, one without gets ENOMEM (mlock)
 * or EAGAIN (mmap MAP_LOCKED). */
static int rlimit_memlock(void)
{
	struct rlim r, small = { PAGE, PAGE };
	EXPECT_EQ(syscall(SYS_getrlimit, RLIMIT_MEMLOCK, &r), 0);
	EXPECT(r.cur <= r.max);
	EXPECT_EQ(syscall(SYS_setrlimit, RLIMIT_MEMLOCK, &small), 0);
	EXPECT_EQ(syscall(SYS_getrlimit, RLIMIT_MEMLOCK, &r), 0);
	EXPECT_EQ(r.cur, PAGE);
	EXPECT_EQ(r.max, PAGE);
	int root = geteuid() == 0;
	char *p = map_anon(4, RW);
	EXPECT(p);
	errno = 0;
	int ok = root ? expect_eq(mlock(p, 4 * PAGE), 0, "root's mlock of 4 pages past a 1-page limit")
		      : expect_errno(mlock(p, 4 * PAGE), ENOMEM, "mlock past the limit");
	errno = 0;
	char *q = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	ok &= root ? expect(q != MAP_FAILED, "root's mmap(MAP_LOCKED) past the limit: errno %d",
			    errno)
		   : expect(q == MAP_FAILED && errno == EAGAIN, "mmap(MAP_LOCKED): errno %d", errno);
	return ok;
}

/* ---- /proc/meminfo ----------------------------------------------------------------- */

#define WHY_MLOCKED	"faultline only: Linux's Mlocked is system-wide and folded from " \
			"per-CPU counters in batches"

/* Mlocked (and Unevictable) count the pages locked VMAs map, each once:
 * 16 locked pages are 64 kB more, a second locked mapping of the same
 * shared pages adds nothing, the zero page counts for nothing, and
 * munlock gives it all back. */
static int meminfo_mlocked(void)
{
	long before = meminfo_kb("Mlocked"), unevictable = meminfo_kb("Unevictable");
	EXPECT(before >= 0 && unevictable >= 0);
	char *p = map_pages(16, RW, MAP_SHARED);
	EXPECT(p);
	memset(p, 1, 16 * PAGE);
	EXPECT_EQ(mlock(p, 16 * PAGE), 0);
	int ok = expect_eq(meminfo_kb("Mlocked") - before, 64, "Mlocked grew by (kB)") &
		 expect_eq(meminfo_kb("Unevictable") - unevictable, 64, "Unevictable grew by (kB)");
	pid_t pid = fork_flushed();			/* the child locks the same pages */
	EXPECT(pid >= 0);
	if (pid == 0)
		_exit(mlock(p, 16 * PAGE) == 0 &&
		      meminfo_kb("Mlocked") - before == 64 ? 0 : 1);
	ok &= reap(pid, 0);
	char *z = map_anon(4, PROT_READ);
	EXPECT(z);
	EXPECT_EQ(mlock(z, 4 * PAGE), 0);		/* the zero page, 4 times */
	ok &= expect_eq(meminfo_kb("Mlocked") - before, 64, "Mlocked with the zero page locked");
	EXPECT_EQ(munlock(p, 16 * PAGE), 0);
	return ok & expect_eq(meminfo_kb("Mlocked"), before, "Mlocked after munlock (kB)");
}

/* Locking a terabyte of read-only memory takes minutes here (a zero-page
 * PTE each, and memory for the page tables runs out first): the populate
 * lets others run between pages (cond_resched), so the parent still runs,
 * and its SIGKILL ends the child at once (GUP's -EINTR). */
static int sigkill_ends_long_mlock(void)
{
	char *p = mmap(NULL, 1UL << 40, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	EXPECT(p != MAP_FAILED);
	struct timespec t0, t1, second = { 1, 0 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		mlock(p, 1UL << 40);
		_exit(0);
	}
	nanosleep(&second, NULL);
	kill(pid, SIGKILL);
	int status = wait_status(pid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	return expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		      "the child's wait status %#x, want killed by SIGKILL", status) &
	       expect(ms < 5000, "the child was reaped %ld ms after the fork, want < 5000", ms);
}

static const struct check checks[] = {
	CHECK("mlock populates: touching the pages afterwards takes no fault", mlock_populates),
	CHECK("mlock of read-only private memory populates it for reads",
	      mlock_readonly_populates_reads),
	CHECK("mlock2(MLOCK_ONFAULT) locks but populates nothing: each page faults once",
	      mlock_onfault_populates_nothing),
	CHECK("an unaligned mlock locks the whole pages it touches, no more",
	      mlock_unaligned_whole_pages),
	CHECK("munlock of a middle page splits the VMA, munlock of the rest merges it back",
	      munlock_splits_and_merges),
	CHECK("munlock keeps the pages mapped", munlock_keeps_pages),
	CHECK("munmap of locked memory takes it out of VmLck", munmap_unaccounts),
	CHECK("mlockall(MCL_CURRENT | MCL_FUTURE): old and new mappings and the heap populated; "
	      "munlockall undoes it", mlockall_current_future),
	CHECK("mlockall(MCL_FUTURE | MCL_ONFAULT): new mappings locked, not populated",
	      mlockall_future_onfault),
	CHECK("mmap(MAP_LOCKED) is locked and populated", mmap_locked_populates),
	CHECK("fork does not inherit locks (VMAs, MCL_FUTURE)", fork_does_not_inherit),
	CHECK("mprotect of locked read-only memory to writable breaks COW at once",
	      mprotect_writable_breaks_cow),
	CHECK("mremap growing a locked mapping populates the new part", mremap_grow_populates),
	CHECK("MADV_DONTNEED on locked memory: EINVAL; MADV_DONTNEED_LOCKED drops the pages",
	      dontneed_refused_on_locked),
	CHECK("bad flags: EINVAL (mlock2, mlockall); length 0: nothing", bad_flags_einval),
	CHECK("a hole: ENOMEM, the VMAs before it locked already", hole_enomem),
	CHECK("past a file's end, PROT_NONE: ENOMEM (GUP's EFAULT), the VMA locked",
	      populate_failure_enomem),
	CHECK("RLIMIT_MEMLOCK is kept; root (CAP_IPC_LOCK) may lock past it", rlimit_memlock),
	FAULTLINE_ONLY("/proc/meminfo's Mlocked counts each locked page once, not the zero page",
		       meminfo_mlocked, WHY_MLOCKED),
	FAULTLINE_ONLY("SIGKILL ends the mlock of a terabyte at once", sigkill_ends_long_mlock,
		       "faultline only: a test must not fill the host's memory with page tables"),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "gup_mlock");
}

/* tests/user/mem_mmap_flags.c — the mmap flags a kernel without a feature
 * must refuse, or ignore, exactly as Linux does.
 *
 * MAP_HUGETLB: huge pages come from hugetlbfs's pool, which holds none
 * unless an administrator reserves some (vm.nr_hugepages, 0 by default).
 * faultline has no hugetlbfs and answers as a Linux with an empty pool:
 * -ENOMEM for a request it cannot fill, -EINVAL for a page size no pool
 * has or a file not on hugetlbfs.  Before, the flag was ignored and a
 * 256 MiB request became 256 MiB of ordinary memory (issue 19.7).
 *
 * The type nibble (bits 0-3) takes MAP_SHARED, MAP_PRIVATE and
 * MAP_SHARED_VALIDATE, nothing else: MAP_DROPPABLE (0x08, Linux 6.11) is
 * -EINVAL to 6.1 alone and with MAP_PRIVATE (0x0a) alike.  Flag bits no
 * kernel knows are ignored with MAP_PRIVATE and MAP_SHARED.
 *
 * On Linux these run as root against the host's kernel: a host with huge
 * pages reserved would map what faultline refuses, so the hugetlb checks
 * look at HugePages_Free in /proc/meminfo first (faultline has no such
 * line: no pool). */
#include "mem_lib.h"

#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define HPAGE		(2UL << 20)
#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT	26
#endif
#define MAP_HUGE_LOG(n)	((unsigned long)(n) << MAP_HUGE_SHIFT)
#define MAP_DROPPABLE	0x08
#define MAP_UNINITIALIZED 0x4000000
#define UNKNOWN_MAP_BIT	0x800000	/* no MAP_ flag (bits 26-31 are huge page sizes) */

/* 1 when no huge page can be had (faultline; a Linux host with none
 * reserved); else a diagnostic, and the caller's check passes without
 * asking: what such a host does is not what this test is about. */
static int huge_pool_empty(void)
{
	static char buf[8192];
	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return 1;
	long free = proc_field(buf, "HugePages_Free");
	if (free > 0)
		diag("this host has %ld huge pages free: not checked", free);
	return free <= 0;
}

/* ---- MAP_HUGETLB ---- */

/* 2 MiB of anonymous huge pages, private or shared, default size or
 * MAP_HUGE_2MB: no page in the pool, -ENOMEM. */
static int hugetlb_enomem(void)
{
	if (!huge_pool_empty())
		return 1;
	return expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB, -1, 0), -ENOMEM,
			 "private, the default size") &
	       expect_eq(raw_mmap(0, HPAGE, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0),
			 -ENOMEM, "shared") &
	       expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB | MAP_HUGE_LOG(21), -1, 0),
			 -ENOMEM, "MAP_HUGE_2MB") &
	       expect_eq(raw_mmap(0, 1, PROT_READ, ANON | MAP_HUGETLB | MAP_POPULATE, -1, 0),
			 -ENOMEM, "1 byte (a whole huge page), read-only, MAP_POPULATE");
}

/* The request of issue 19.7, which used to be 256 MiB of ordinary memory
 * (and, populated, the end of init): refused, nothing taken. */
static int hugetlb_256m_takes_nothing(void)
{
	if (!huge_pool_empty())
		return 1;
	long before = mem_free_kb();
	long r = raw_mmap(0, 256UL << 20, RW, ANON | MAP_HUGETLB | MAP_POPULATE, -1, 0);
	long after = mem_free_kb();
	return expect_eq(r, -ENOMEM, "256 MiB, MAP_POPULATE") &
	       expect(after >= before - 64, "MemFree %ld kB before, %ld kB after", before, after);
}

/* A page size in bits 26-31 that no pool has: -EINVAL before anything
 * else (Linux's hstate_sizelog finds none). */
static int hugetlb_bad_size(void)
{
	return expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB | MAP_HUGE_LOG(25), -1, 0),
			 -EINVAL, "32 MiB pages") &
	       expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB | MAP_HUGE_LOG(12), -1, 0),
			 -EINVAL, "4 KiB \"huge\" pages") &
	       expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB | MAP_HUGE_LOG(63), -1, 0),
			 -EINVAL, "2^63-byte pages");
}

/* A file that is not on hugetlbfs: -EINVAL, whatever the type. */
static int hugetlb_file(void)
{
	static const char name[] = "mem_mmap_flags.file";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(name);
	EXPECT(fd >= 0);
	EXPECT_EQ(ftruncate(fd, HPAGE), 0);
	int ok = expect_eq(raw_mmap(0, HPAGE, RW, MAP_SHARED | MAP_HUGETLB, fd, 0), -EINVAL,
			   "MAP_SHARED file") &
		 expect_eq(raw_mmap(0, HPAGE, PROT_READ, MAP_PRIVATE | MAP_HUGETLB, fd, 0),
			   -EINVAL, "MAP_PRIVATE file");
	close(fd);
	return ok;
}

/* Checked as the mapping of a hugetlbfs file: MAP_GROWSDOWN and a bad type
 * are -EINVAL, MAP_SHARED_VALIDATE is a valid type (with an unknown flag:
 * -EOPNOTSUPP), and a MAP_FIXED address must be 2 MiB-aligned (-EINVAL). */
static int hugetlb_checked_as_file(void)
{
	if (!huge_pool_empty())
		return 1;
	unsigned long a = free_range(2 * HPAGE / PAGE);	/* a 2 MiB-aligned free stretch in it */
	unsigned long aligned = (a + HPAGE - 1) & ~(HPAGE - 1);
	EXPECT(a);
	return expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB | MAP_GROWSDOWN, -1, 0),
			 -EINVAL, "MAP_GROWSDOWN") &
	       expect_eq(raw_mmap(0, HPAGE, RW, MAP_ANONYMOUS | MAP_HUGETLB, -1, 0), -EINVAL,
			 "no type") &
	       expect_eq(raw_mmap(0, HPAGE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_HUGETLB,
				  -1, 0), -ENOMEM, "MAP_SHARED_VALIDATE") &
	       expect_eq(raw_mmap(0, HPAGE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_HUGETLB |
				  UNKNOWN_MAP_BIT, -1, 0), -EOPNOTSUPP,
			 "MAP_SHARED_VALIDATE with an unknown flag") &
	       expect_eq(raw_mmap(aligned + PAGE, HPAGE, RW, ANON | MAP_HUGETLB | MAP_FIXED, -1, 0),
			 -EINVAL, "MAP_FIXED 4 KiB past a 2 MiB boundary") &
	       expect_eq(raw_mmap(aligned, HPAGE, RW, ANON | MAP_HUGETLB | MAP_FIXED, -1, 0),
			 -ENOMEM, "MAP_FIXED at a 2 MiB boundary") &
	       expect_eq(raw_mmap(0, 0, RW, ANON | MAP_HUGETLB, -1, 0), -EINVAL, "length 0");
}

/* faultline's one difference: Linux maps MAP_HUGETLB | MAP_NORESERVE (it
 * reserves nothing) and the first touch gets SIGBUS; faultline refuses the
 * mapping at once. */
static int hugetlb_noreserve(void)
{
	return expect_eq(raw_mmap(0, HPAGE, RW, ANON | MAP_HUGETLB | MAP_NORESERVE, -1, 0),
			 -ENOMEM, "MAP_NORESERVE");
}

/* ---- the type nibble, and flags nobody knows ---- */

/* MAP_DROPPABLE with MAP_PRIVATE is type 0x0a: no type, on 6.1 and after. */
static int droppable_private(void)
{
	return expect_eq(raw_mmap(0, PAGE, RW, ANON | MAP_DROPPABLE, -1, 0), -EINVAL,
			 "MAP_PRIVATE | MAP_DROPPABLE");
}

/* MAP_DROPPABLE alone: a type since Linux 6.11, none to 6.1. */
static int droppable_alone(void)
{
	return expect_eq(raw_mmap(0, PAGE, RW, MAP_DROPPABLE | MAP_ANONYMOUS, -1, 0), -EINVAL,
			 "MAP_DROPPABLE | MAP_ANONYMOUS");
}

/* Bits no kernel knows, and the old flags that mean nothing now
 * (MAP_DENYWRITE, MAP_EXECUTABLE, MAP_UNINITIALIZED, MAP_STACK): ignored
 * by MAP_PRIVATE and MAP_SHARED; the memory is there, zeroed. */
static int ignored_flags(void)
{
	static const int extra[] = { UNKNOWN_MAP_BIT, 0x200000, MAP_DENYWRITE, MAP_EXECUTABLE,
				     MAP_UNINITIALIZED, MAP_STACK };
	int ok = 1;
	for (unsigned i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		for (int shared = 0; shared < 2; shared++) {
			int type = shared ? MAP_SHARED : MAP_PRIVATE;
			long a = raw_mmap(0, 2 * PAGE, RW, type | MAP_ANONYMOUS | extra[i], -1, 0);
			if (!expect(a > 0, "%s with %#x: %ld", shared ? "MAP_SHARED" : "MAP_PRIVATE",
				    extra[i], a)) {
				ok = 0;
				continue;
			}
			ok &= all_zero((char *)a, 2 * PAGE, "the memory");
			((char *)a)[PAGE] = 1;
			ok &= expect_eq(raw_munmap(a, 2 * PAGE), 0, "munmap");
		}
	}
	return ok;
}

/* MAP_SYNC asks for DAX's synchronous faults: MAP_SHARED_VALIDATE refuses
 * it (-EOPNOTSUPP, mem_mmap); with MAP_SHARED or MAP_PRIVATE what happens
 * is the file system's: tmpfs and ramfs ignore it (as here), ext4 and xfs
 * refuse any mapping with VM_SYNC that is not DAX (-EOPNOTSUPP), so on a
 * Linux host this depends on where the test runs: faultline only. */
static int sync_ignored_unless_validated(void)
{
	static const char name[] = "mem_mmap_flags.sync";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(name);
	EXPECT(fd >= 0);
	EXPECT_EQ(ftruncate(fd, PAGE), 0);
	long s = raw_mmap(0, PAGE, RW, MAP_SHARED | MAP_SYNC, fd, 0);
	long p = raw_mmap(0, PAGE, RW, MAP_PRIVATE | MAP_SYNC, fd, 0);
	int ok = expect(s > 0, "MAP_SHARED | MAP_SYNC: %ld", s) &
		 expect(p > 0, "MAP_PRIVATE | MAP_SYNC: %ld", p) &
		 expect_eq(raw_mmap(0, PAGE, RW, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0), -EOPNOTSUPP,
			   "MAP_SHARED_VALIDATE | MAP_SYNC");
	close(fd);
	return ok;
}

static void write_pages_op(volatile char *p, long n)
{
	write_pages(p, n);
}

/* MAP_POPULATE faults the pages in; with MAP_NONBLOCK it does nothing
 * (Linux: "(flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE"). */
static int populate_nonblock(void)
{
	char *p = mmap(NULL, 8 * PAGE, RW, ANON | MAP_POPULATE, -1, 0);
	char *q = mmap(NULL, 8 * PAGE, RW, ANON | MAP_POPULATE | MAP_NONBLOCK, -1, 0);
	EXPECT(p != MAP_FAILED && q != MAP_FAILED);
	madvise(p, 8 * PAGE, MADV_NOHUGEPAGE);
	madvise(q, 8 * PAGE, MADV_NOHUGEPAGE);
	return expect_eq(faults_of(write_pages_op, p, 8), 0, "writes to MAP_POPULATE pages") &
	       expect_eq(faults_of(write_pages_op, q, 8), 8,
			 "writes to MAP_POPULATE | MAP_NONBLOCK pages");
}

static const struct check checks[] = {
	CHECK("MAP_HUGETLB, anonymous, 2 MiB: ENOMEM (no huge page in the pool)", hugetlb_enomem),
	CHECK("MAP_HUGETLB of 256 MiB with MAP_POPULATE: ENOMEM, no memory taken",
	      hugetlb_256m_takes_nothing),
	CHECK("MAP_HUGETLB with a page size no pool has: EINVAL", hugetlb_bad_size),
	CHECK("MAP_HUGETLB of a file not on hugetlbfs: EINVAL", hugetlb_file),
	CHECK("MAP_HUGETLB is checked as a hugetlbfs file mapping: GROWSDOWN, type, "
	      "SHARED_VALIDATE, 2 MiB-aligned MAP_FIXED", hugetlb_checked_as_file),
	FAULTLINE_ONLY("MAP_HUGETLB | MAP_NORESERVE: ENOMEM at once", hugetlb_noreserve,
		       "Linux maps it and the first touch gets SIGBUS"),
	CHECK("MAP_PRIVATE | MAP_DROPPABLE (type 0x0a): EINVAL", droppable_private),
	FAULTLINE_ONLY("MAP_DROPPABLE alone: EINVAL, as Linux 6.1", droppable_alone,
		       "Linux 6.11 and later map it"),
	CHECK("unknown and obsolete flags are ignored by MAP_PRIVATE and MAP_SHARED",
	      ignored_flags),
	FAULTLINE_ONLY("MAP_SYNC: ignored by MAP_SHARED and MAP_PRIVATE (as tmpfs), "
		       "EOPNOTSUPP from MAP_SHARED_VALIDATE", sync_ignored_unless_validated,
		       "on Linux the file system decides (ext4 without DAX: EOPNOTSUPP)"),
	CHECK("MAP_POPULATE maps the pages; with MAP_NONBLOCK it does not", populate_nonblock),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/mem_sysctl.c — /proc/sys/vm: the tunables a program reads to
 * learn the memory rules (mmap_min_addr, overcommit_memory, max_map_count),
 * and the limit max_map_count sets.
 *
 * vm.max_map_count is the number of VMAs one address space may have
 * (65530 by default).  Linux refuses, with -ENOMEM and nothing changed,
 *
 *	mmap			when the count is already past the limit (> max),
 *	a split of a VMA	when the count has reached it (>= max): mprotect
 *				of part of a VMA, munmap of its middle,
 *
 * so the count can reach max + 1 through mmap, never through a split.  The
 * check climbs to the limit with mprotect (each call on the middle of a
 * PROT_NONE run cuts it in three: two VMAs more), then steps to max + 1
 * with mmap, where every one of these is refused; one VMA less and mmap
 * works again.  It reads the limit from the file, so it runs on any Linux
 * whose limit is not huge (a host that raised it is not checked). */
#include "mem_lib.h"

#define MAX_CHECKED	300000		/* a limit above this: the host's choice, not checked */

/* The number in /proc/sys/vm/name (one decimal number, a newline,
 * nothing else), or -1 and a diagnostic. */
static long sysctl_vm(const char *name)
{
	char path[96], buf[64], *end;
	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	ssize_t n = read_file(path, buf, sizeof(buf));
	if (n <= 0) {
		diag("%s: read %ld bytes, errno %d (%s)", path, (long)n, errno, strerror(errno));
		return -1;
	}
	long v = strtol(buf, &end, 10);
	if (end == buf || strcmp(end, "\n")) {
		diag("%s: \"%s\" is not one number and a newline", path, buf);
		return -1;
	}
	return v;
}

/* Each file is one number and a newline, as Linux's proc_dointvec writes it. */
static int files_read(void)
{
	return expect(sysctl_vm("mmap_min_addr") >= 0, "mmap_min_addr") &
	       expect(sysctl_vm("overcommit_memory") >= 0, "overcommit_memory") &
	       expect(sysctl_vm("max_map_count") > 0, "max_map_count");
}

/* faultline's values: its design's constants (a Linux host may be tuned). */
static int faultline_values(void)
{
	return expect_eq(sysctl_vm("mmap_min_addr"), 65536, "mmap_min_addr") &
	       expect_eq(sysctl_vm("overcommit_memory"), 0, "overcommit_memory (heuristic)") &
	       expect_eq(sysctl_vm("max_map_count"), 65530, "max_map_count");
}

/* mmap_min_addr is what MAP_FIXED may not go below (Linux lets a process
 * with CAP_SYS_RAWIO, root, go lower: faultline only). */
static int min_addr_enforced(void)
{
	long min = sysctl_vm("mmap_min_addr");
	EXPECT(min > 0);
	long below = raw_mmap((unsigned long)min - PAGE, PAGE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	long at = raw_mmap((unsigned long)min, PAGE, PROT_READ,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	return expect_eq(below, -EPERM, "MAP_FIXED a page below mmap_min_addr") &
	       expect_eq(at, min, "MAP_FIXED_NOREPLACE at mmap_min_addr");
}

/* The VMAs of this process now: lines of /proc/self/maps, but Linux's
 * [vsyscall], a page every process sees that is no VMA of its own. */
static long count_vmas(void)
{
	static char buf[16384];
	if (read_file("/proc/self/maps", buf, sizeof(buf)) <= 0)
		return -1;
	long n = 0;
	for (char *c = buf; *c; c++)
		n += *c == '\n';
	return n - (strstr(buf, "[vsyscall]") != NULL);
}

static int max_map_count_enforced(void)
{
	long max = sysctl_vm("max_map_count"), base = count_vmas();
	EXPECT(max > 0 && base > 0);
	if (max > MAX_CHECKED) {
		diag("max_map_count is %ld here: not checked", max);
		return 1;
	}
	/* PROT_NONE pages, a few more than the limit: mprotecting every odd
	 * page adds two VMAs, so the limit comes after about half of them */
	unsigned long npages = (unsigned long)max + 64;
	char *r = mmap(NULL, npages * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	EXPECT(r != MAP_FAILED);
	long ok_calls = 0, err = 0;
	for (unsigned long i = 1; i < npages - 2; i += 2) {
		err = raw_mprotect((unsigned long)(r + i * PAGE), PAGE, PROT_READ);
		if (err)
			break;
		ok_calls++;
	}
	long reached = base + 1 + 2 * ok_calls;		/* +1: the region itself */
	int good = expect_eq(err, -ENOMEM, "mprotect when the splits reach the limit") &
		   expect(reached >= max - 4 && reached <= max,
			  "%ld VMAs at the first refusal (%ld before, %ld mprotects), limit %ld",
			  reached, base, ok_calls, max);
	/* new single pages, read-only and PROT_NONE in turn (nothing merges),
	 * until mmap refuses: the count is then max + 1 */
	long singles[16], n = 0, m = 0;
	while (n < 16 && (m = raw_mmap(0, PAGE, n % 2 ? PROT_NONE : PROT_READ,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) > 0)
		singles[n++] = m;
	good &= expect_eq(m, -ENOMEM, "mmap once the count is past the limit");
	/* the untouched tail of the region is one VMA: cutting it is refused */
	unsigned long tail = (unsigned long)r + (npages - 4) * PAGE;
	good &= expect_eq(raw_mprotect(tail, PAGE, PROT_READ), -ENOMEM,
			  "mprotect of a page inside a VMA, past the limit");
	good &= expect_eq(raw_munmap(tail, PAGE), -ENOMEM, "munmap of a VMA's middle page");
	good &= expect_eq(raw_mprotect(tail, PAGE, PROT_NONE), 0,
			  "mprotect that changes nothing (no split)");
	/* one VMA less (a whole one, no split): mmap works again */
	if (n)
		good &= expect_eq(raw_munmap(singles[--n], PAGE), 0, "munmap of a whole VMA");
	m = raw_mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	good &= expect(m > 0, "mmap at the limit, not past it: %ld", m);
	if (m > 0)
		raw_munmap(m, PAGE);
	while (n)
		raw_munmap(singles[--n], PAGE);
	good &= expect_eq(munmap(r, npages * PAGE), 0, "munmap of the whole region");
	return good;
}

static const struct check checks[] = {
	CHECK("/proc/sys/vm/{mmap_min_addr,overcommit_memory,max_map_count}: one number each",
	      files_read),
	FAULTLINE_ONLY("their values are the ones the kernel uses: 65536, 0, 65530",
		       faultline_values, "a Linux host may be tuned otherwise"),
	FAULTLINE_ONLY("MAP_FIXED below mmap_min_addr: EPERM; at it: mapped", min_addr_enforced,
		       "Linux lets root (CAP_SYS_RAWIO) map below vm.mmap_min_addr"),
	CHECK("max_map_count: splits refused at the limit, mmap past it; one VMA less and "
	      "mmap works again", max_map_count_enforced),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/cow.h — what the cow_* tests (fork's copy-on-write) share.
 *
 * A cow_* program is a table of named checks.  run_checks() runs each one
 * in a child of its own, so a check that crashes names itself and starts
 * from the program's own memory, not from what another check left:
 *
 *	static const struct cow_check checks[] = {
 *		CHECK("the child sees the parent's data", child_sees_data),
 *		FAULTLINE_ONLY("... and reuses the pages", parent_reuses, WHY_VMSTAT),
 *		...
 *	};
 *	int main(void) { return run_checks(checks, NCHECKS(checks)); }
 *
 * A check that needs one big set-up (cow_big) is a table of steps instead:
 * run_steps() runs them in order in one process, sharing that state.
 *
 * A check returns 1 when it passed; EXPECT and EXPECT_EQ end it with 0 and
 * a "# file:line: what" diagnostic.  FAULTLINE_ONLY names why a check only
 * makes sense on faultline (it reads faultline's own counters), and Linux
 * skips it; FAULTLINE_BUG skips a check on faultline only, naming the bug.
 *
 * The helpers measure what a fork costs: minor faults (getrusage, in the
 * process that takes them), faultline's per-path counters in /proc/vmstat
 * (fault_wp_copy, fault_wp_reuse), MemFree, and a shared page to make two
 * processes take turns.  Every check reaps every child it starts: in
 * faultline an orphan goes to PID 1, the runner, and its pages would count
 * as leaked. */
#ifndef TESTS_USER_COW_H
#define TESTS_USER_COW_H

#include <tap.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define COW_UNUSED	__attribute__((unused))
#define PAGE		4096UL
#define NCHECKS(table)	((int)(sizeof(table) / sizeof((table)[0])))

/* Why a faultline-only check is skipped on Linux. */
#define WHY_VMSTAT	"faultline only: Linux's /proc/vmstat has no per-path fault counters"
#define WHY_MEMFREE	"faultline only: Linux's MemFree moves for reasons of its own"

struct cow_check {
	const char *name;
	int (*fn)(void);		/* 1: passed */
	const char *linux_skip;		/* not NULL: faultline only, skipped on Linux */
	const char *faultline_bug;	/* not NULL: skipped on faultline, naming the bug */
};

#define CHECK(name, fn)			{ name, fn, NULL, NULL }
#define FAULTLINE_ONLY(name, fn, why)	{ name, fn, why, NULL }
#define FAULTLINE_BUG(name, fn, bug)	{ name, fn, NULL, bug }

#define EXPECT(cond)                                                            \
	do {                                                                    \
		if (!(cond)) {                                                  \
			diag("%s:%d: %s", __FILE__, __LINE__, #cond);           \
			return 0;                                               \
		}                                                               \
	} while (0)

#define EXPECT_EQ(got, want)                                                    \
	do {                                                                    \
		long __got = (long)(got), __want = (long)(want);                \
		if (__got != __want) {                                          \
			diag("%s:%d: %s is %ld (%#lx), want %s = %ld (%#lx)",   \
			     __FILE__, __LINE__, #got, __got, __got, #want,     \
			     __want, __want);                                   \
			return 0;                                               \
		}                                                               \
	} while (0)

/* 1 when we run on faultline (uname's sysname), 0 on Linux. */
static COW_UNUSED int on_faultline(void)
{
	static int known = -1;
	struct utsname u;
	if (known < 0)
		known = uname(&u) == 0 && strcmp(u.sysname, "faultline") == 0;
	return known;
}

/* ---- processes ----------------------------------------------------------- */

/* fork, after flushing stdout (nothing buffered is printed twice). */
static COW_UNUSED pid_t fork_flushed(void)
{
	tap_flush();
	pid_t pid = fork();
	if (pid < 0)
		diag("fork: errno %d (%s)", errno, strerror(errno));
	return pid;
}

/* Why a child's wait status is not "exited with want", as a diagnostic. */
static COW_UNUSED void explain_status(const char *who, int status, int want)
{
	if (WIFSIGNALED(status))
		diag("%s: killed by signal %d (%s)", who, WTERMSIG(status),
		     strsignal(WTERMSIG(status)));
	else if (!WIFEXITED(status))
		diag("%s: wait status %#x", who, status);
	else if (WEXITSTATUS(status) != want)
		diag("%s: exit status %d, want %d", who, WEXITSTATUS(status), want);
}

/* Wait for pid (it must be ours): 1 if it exited with status want. */
static COW_UNUSED int reap(pid_t pid, int want)
{
	int status = -1;
	pid_t got = waitpid(pid, &status, 0);
	if (got != pid) {
		diag("waitpid(%d) returned %d, errno %d (%s)", pid, got, errno, strerror(errno));
		return 0;
	}
	explain_status("child", status, want);
	return WIFEXITED(status) && WEXITSTATUS(status) == want;
}

/* Every check in its own child process; TAP "ok N - name" for each.  The
 * exit status of the program: 0 when every check passed. */
static COW_UNUSED int run_checks(const struct cow_check *c, int n)
{
	plan(n);
	for (int i = 0; i < n; i++) {
		if (c[i].linux_skip && !on_faultline()) {
			skip("%s: %s", c[i].name, c[i].linux_skip);
			continue;
		}
		if (c[i].faultline_bug && on_faultline()) {
			skip("faultline bug: %s: %s", c[i].faultline_bug, c[i].name);
			continue;
		}
		int status = -1;
		pid_t pid = fork_flushed();
		if (pid == 0)
			_exit(c[i].fn() ? 0 : 1);
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			ok(0, "%s (fork/wait failed: errno %d)", c[i].name, errno);
			continue;
		}
		if (status != 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 1))
			explain_status(c[i].name, status, 0);
		ok(status == 0, "%s", c[i].name);
	}
	return done_testing();
}

/* Every step in order, in this process: they share the state the first
 * ones set up.  A failed step does not stop the ones after it. */
static COW_UNUSED int run_steps(const struct cow_check *c, int n)
{
	plan(n);
	for (int i = 0; i < n; i++) {
		if (c[i].linux_skip && !on_faultline())
			skip("%s: %s", c[i].name, c[i].linux_skip);
		else if (c[i].faultline_bug && on_faultline())
			skip("faultline bug: %s: %s", c[i].faultline_bug, c[i].name);
		else
			ok(c[i].fn(), "%s", c[i].name);
	}
	return done_testing();
}

/* ---- memory -------------------------------------------------------------- */

/* npages of anonymous memory, private or shared (NULL and a diagnostic if
 * mmap fails).  Transparent huge pages are refused: every fault the tests
 * count is one 4 KiB page (faultline takes the advice as a hint). */
static COW_UNUSED char *map_pages(unsigned long npages, int flags)
{
	char *p = mmap(NULL, npages * PAGE, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		diag("mmap of %lu pages: errno %d (%s)", npages, errno, strerror(errno));
		return NULL;
	}
	madvise(p, npages * PAGE, MADV_NOHUGEPAGE);
	return p;
}

static COW_UNUSED char *map_private(unsigned long npages)
{
	return map_pages(npages, MAP_PRIVATE);
}

static COW_UNUSED char *map_shared(unsigned long npages)
{
	return map_pages(npages, MAP_SHARED);
}

/* What the stamp of page i says: who wrote it (tag) and which page it is. */
static inline unsigned long stamp_word(unsigned long tag, unsigned long i, unsigned long w)
{
	return tag << 48 | i << 16 | w;
}

/* Fill every word of pages [0, n) of p with stamp_word(tag, page, word). */
static COW_UNUSED void stamp_pages(char *p, unsigned long n, unsigned long tag)
{
	for (unsigned long i = 0; i < n; i++) {
		volatile unsigned long *w = (volatile unsigned long *)(p + i * PAGE);
		for (unsigned long k = 0; k < PAGE / sizeof(long); k++)
			w[k] = stamp_word(tag, i, k);
	}
}

/* 1 if every word of pages [first, first + n) of p holds tag's stamp;
 * else a diagnostic naming the first page that does not, and what it holds. */
static COW_UNUSED int stamped_range(const char *p, unsigned long first, unsigned long n,
				    unsigned long tag, const char *who)
{
	for (unsigned long i = first; i < first + n; i++) {
		const volatile unsigned long *w = (const volatile unsigned long *)(p + i * PAGE);
		for (unsigned long k = 0; k < PAGE / sizeof(long); k++)
			if (w[k] != stamp_word(tag, i, k)) {
				diag("%s: page %lu word %lu is %#lx, want %#lx (tag %#lx)", who,
				     i, k, w[k], stamp_word(tag, i, k), tag);
				return 0;
			}
	}
	return 1;
}

/* The same for pages [0, n). */
static COW_UNUSED int stamped(const char *p, unsigned long n, unsigned long tag, const char *who)
{
	return stamped_range(p, 0, n, tag, who);
}

/* 1 if every byte of pages [0, n) is zero; else a diagnostic. */
static COW_UNUSED int all_zero(const char *p, unsigned long n, const char *who)
{
	const volatile unsigned long *w = (const volatile unsigned long *)p;
	for (unsigned long k = 0; k < n * PAGE / sizeof(long); k++)
		if (w[k]) {
			diag("%s: page %lu word %lu is %#lx, want 0", who,
			     k / (PAGE / sizeof(long)), k % (PAGE / sizeof(long)), w[k]);
			return 0;
		}
	return 1;
}

/* Write one byte (v) at the start of each of pages [0, n) of p. */
static COW_UNUSED void write_bytes(char *p, unsigned long n, char v)
{
	for (unsigned long i = 0; i < n; i++)
		((volatile char *)p)[i * PAGE] = v;
}

/* 1 if the first byte of each of pages [0, n) is v; else a diagnostic. */
static COW_UNUSED int bytes_are(const char *p, unsigned long n, char v, const char *who)
{
	for (unsigned long i = 0; i < n; i++) {
		char got = ((const volatile char *)p)[i * PAGE];
		if (got != v) {
			diag("%s: page %lu holds %d (%#x), want %d (%#x)", who, i, got,
			     (unsigned char)got, v, (unsigned char)v);
			return 0;
		}
	}
	return 1;
}

/* ---- counting what faults did -------------------------------------------- */

/* Minor faults of this process so far (getrusage ru_minflt). */
static COW_UNUSED long minflt(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return -1000000;
	return ru.ru_minflt;
}

/* A snapshot of the counters: ours (ru_minflt) and faultline's, from
 * /proc/vmstat (-1 where the line is missing, as on Linux). */
struct counts {
	long minflt;
	long wp_copy;		/* do_wp_page -> wp_page_copy: a page copied */
	long wp_reuse;		/* do_wp_page -> wp_page_reuse: made writable in place */
	long file_cow;		/* do_cow_fault: a private write to a file page not mapped */
	long shared_write;	/* do_shared_fault */
};

static char vmstat_buf[4096];

/* The number after "name " in vmstat_buf, or -1. */
static COW_UNUSED long vmstat_field(const char *name)
{
	size_t len = strlen(name);
	for (const char *l = vmstat_buf; *l; ) {
		if (!strncmp(l, name, len) && l[len] == ' ')
			return strtol(l + len + 1, NULL, 10);
		const char *nl = strchr(l, '\n');
		if (!nl)
			break;
		l = nl + 1;
	}
	return -1;
}

static COW_UNUSED void counts_now(struct counts *c)
{
	long n = -1;
	int fd = open("/proc/vmstat", O_RDONLY);
	if (fd >= 0) {
		n = read(fd, vmstat_buf, sizeof(vmstat_buf) - 1);
		close(fd);
	}
	vmstat_buf[n > 0 ? n : 0] = 0;
	c->minflt = minflt();
	c->wp_copy = vmstat_field("fault_wp_copy");
	c->wp_reuse = vmstat_field("fault_wp_reuse");
	c->file_cow = vmstat_field("fault_file_private_cow");
	c->shared_write = vmstat_field("fault_file_shared_write");
}

/* What op(p, n, v) cost, in *d (after - before).  Before measuring, op runs
 * once on a scratch page of our own, and the counters are read once: the
 * code, the stack and the buffers that measuring touches are then mapped
 * and writable (after fork, each of them takes a fault of its own the first
 * time: Linux maps even the code of a child only when it is touched). */
typedef void (*page_op)(char *p, unsigned long n, char v);

static COW_UNUSED void measure(struct counts *d, page_op op, char *p, unsigned long n, char v)
{
	static char *scratch;
	struct counts before, after;
	if (!scratch)
		scratch = map_private(1);
	if (scratch)
		op(scratch, 1, v);
	counts_now(&after);
	counts_now(&before);
	op(p, n, v);
	counts_now(&after);
	d->minflt = after.minflt - before.minflt;
	d->wp_copy = after.wp_copy - before.wp_copy;
	d->wp_reuse = after.wp_reuse - before.wp_reuse;
	d->file_cow = after.file_cow - before.file_cow;
	d->shared_write = after.shared_write - before.shared_write;
}

/* Read the first byte of each page (op for measure: v is unused). */
static COW_UNUSED void read_bytes(char *p, unsigned long n, char v)
{
	(void)v;
	for (unsigned long i = 0; i < n; i++)
		(void)((volatile char *)p)[i * PAGE];
}

/* MemFree of /proc/meminfo in kB, or -1. */
static COW_UNUSED long mem_free_kb(void)
{
	static char buf[2048];
	int fd = open("/proc/meminfo", O_RDONLY);
	if (fd < 0)
		return -1;
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *m = strstr(buf, "MemFree:");
	return m ? strtol(m + 8, NULL, 10) : -1;
}

/* ---- taking turns: a shared page of flags -------------------------------- */

/* Two processes take turns through words of a MAP_SHARED|MAP_ANONYMOUS
 * page: one sets a word (turn_give), the other waits until it has that
 * value (turn_wait), yielding the CPU meanwhile.  5 s without it: 0 and a
 * diagnostic (a test never hangs on a lost turn). */
static COW_UNUSED volatile int *turns_new(void)
{
	return (volatile int *)map_shared(1);
}

static COW_UNUSED void turn_give(volatile int *turns, int which, int value)
{
	turns[which] = value;
}

static COW_UNUSED int turn_wait(volatile int *turns, int which, int value)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (turns[which] != value) {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 5) {
			diag("pid %d: turn %d never became %d (it is %d)", getpid(), which,
			     value, turns[which]);
			return 0;
		}
	}
	return 1;
}

#endif

/* tests/user/check.h — what every table-of-checks test program shares.
 *
 * A test program is a table of named checks.  run_checks() runs each one in
 * a child process of its own and prints one TAP line per check, so a check
 * that crashes or is killed names itself ("killed by signal 11"), the others
 * still run, and none starts from what another one mapped or changed:
 *
 *	static const struct check checks[] = {
 *		CHECK("fork returns 0 in the child", fork_returns_zero),
 *		FAULTLINE_ONLY("... and copies 16 pages", copies_16, WHY_VMSTAT),
 *		FAULTLINE_BUG("mprotect splits the VMA", splits, "issue 12"),
 *		...
 *	};
 *	int main(void) { return run_checks(checks, NCHECKS(checks)); }
 *
 * A check returns 1 when it passed.  Two ways to say why it did not, both
 * printed as "# file:line: what" just before its "not ok":
 *
 *	EXPECT(p != NULL);			statements: end the check (return 0)
 *	EXPECT_EQ(d.minflt, 16);		at the first failure
 *	EXPECT_ERRNO(rmdir("x"), ENOTEMPTY);
 *
 *	return expect_eq(r, -EINVAL, "mmap length 0") &	expressions: 1 or 0, so
 *	       expect_segv(a + PAGE, READ, SEGV_MAPERR);	& runs (and reports) all
 *
 * Beside them, the helpers the topic headers (file.h, mem_lib.h, cow.h,
 * fmap.h) build on: processes (fork_flushed, wait_status, reap), faults
 * counted with getrusage (minflt, faults), numbers from /proc (proc_field,
 * mem_free_kb), anonymous pages (map_pages, map_guarded, all_zero), and one access that
 * may fault, caught (probe, expect_signal, expect_access).
 *
 * A check must reap every child it starts: in faultline an orphan goes to
 * PID 1, which is the runner, and its pages would count as leaked. */
#ifndef TESTS_USER_CHECK_H
#define TESTS_USER_CHECK_H

#include <tap.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/ucontext.h>
#include <sys/utsname.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* ---- the table of checks ------------------------------------------------- */

struct check {
	const char *name;
	int (*fn)(void);		/* 1: passed (diagnostics say why not) */
	const char *faultline_only;	/* not NULL: skipped elsewhere, saying why */
	const char *faultline_bug;	/* not NULL: a known faultline bug (below) */
};

#define CHECK(name, fn)			{ name, fn, NULL, NULL }
/* A check that only makes sense on faultline (it reads faultline's own
 * counters, say): on Linux it is "ok N # skip name: why". */
#define FAULTLINE_ONLY(name, fn, why)	{ name, fn, why, NULL }
/* A check that shows a known faultline bug.  On faultline it still runs
 * (its diagnostics show what the kernel did); if it fails it is reported
 * as "ok N - name # SKIP faultline bug: bug", if it passes a diagnostic
 * says the mark can go.  On Linux it is a check like any other. */
#define FAULTLINE_BUG(name, fn, bug)	{ name, fn, NULL, bug }

#define NCHECKS(table)	((int)(sizeof(table) / sizeof((table)[0])))

/* 1 when we run on faultline (uname's sysname), 0 on Linux. */
static inline int on_faultline(void)
{
	static int known = -1;
	struct utsname u;
	if (known < 0)
		known = uname(&u) == 0 && strcmp(u.sysname, "faultline") == 0;
	return known;
}

/* ---- expectations -------------------------------------------------------- */

/* Every failed expectation ends here: "# file:line: message", where
 * file:line is the expect macro's own place, and 0.  errno is left as it
 * was, so a diagnostic printed after this one can still show it. */
__attribute__((format(printf, 3, 4)))
static inline int check_fail(const char *file, int line, const char *fmt, ...)
{
	static char msg[1024];
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag("%s:%d: %s", file, line, msg);
	errno = saved;
	return 0;
}

/* " (errno N: text)" when errno is set, else "": EXPECT shows it, since a
 * failed condition is often a failed call. */
static inline const char *errno_note(void)
{
	static char note[96];
	int e = errno;
	if (!e)
		return "";
	snprintf(note, sizeof(note), " (errno %d: %s)", e, strerror(e));
	errno = e;
	return note;
}

/* got == want; else a diagnostic with both in decimal and hex, named by
 * the expressions (want_text) or by one description (want_text NULL). */
static inline int check_eq(const char *file, int line, long got, long want, const char *what,
			   const char *want_text)
{
	if (got == want)
		return 1;
	if (want_text)
		return check_fail(file, line, "%s is %ld (%#lx), want %s = %ld (%#lx)", what, got,
				  got, want_text, want, want);
	return check_fail(file, line, "%s: got %ld (%#lx), want %ld (%#lx)", what, got, got, want,
			  want);
}

/* A call returned -1 with errno err (r and e: what it returned, and errno). */
static inline int check_errno(const char *file, int line, long r, int e, int err, const char *what)
{
	if (r == -1 && e == err)
		return 1;
	return check_fail(file, line, "%s: returned %ld, errno %d (%s); want -1, errno %d (%s)",
			  what, r, e, strerror(e), err, strerror(err));
}

/* Expressions: 1 when met, else 0 and a diagnostic. */
#define expect(cond, ...)	((cond) ? 1 : check_fail(__FILE__, __LINE__, __VA_ARGS__))
#define expect_eq(got, want, what)                                                      \
	check_eq(__FILE__, __LINE__, (long)(got), (long)(want), what, NULL)
#define expect_str(got, want, what)                                                     \
	({                                                                              \
		const char *__g = (got), *__w = (want);                                 \
		expect(strcmp(__g, __w) == 0, "%s: got \"%s\", want \"%s\"", what, __g, \
		       __w);                                                            \
	})
/* call (a long-valued expression) returned -1 with errno err. */
#define expect_errno(call, err, what)                                                   \
	({                                                                              \
		errno = 0;                                                              \
		long __r = (long)(call);                                                \
		int __e = errno;                                                        \
		check_errno(__FILE__, __LINE__, __r, __e, (err), what);                 \
	})

/* Statements: the check ends with 0 at the first one not met. */
#define EXPECT(cond)                                                                    \
	do {                                                                            \
		if (!(cond)) {                                                          \
			check_fail(__FILE__, __LINE__, "%s%s", #cond, errno_note());    \
			return 0;                                                       \
		}                                                                       \
	} while (0)
#define EXPECT_EQ(got, want)                                                            \
	do {                                                                            \
		if (!check_eq(__FILE__, __LINE__, (long)(got), (long)(want), #got, #want)) \
			return 0;                                                       \
	} while (0)
#define EXPECT_ERRNO(call, err)                                                         \
	do {                                                                            \
		if (!expect_errno(call, err, #call))                                    \
			return 0;                                                       \
	} while (0)

/* ---- processes ----------------------------------------------------------- */

/* fork, after flushing stdout (nothing buffered is printed twice); a
 * diagnostic when it fails. */
static inline pid_t fork_flushed(void)
{
	tap_flush();
	pid_t pid = fork();
	if (pid < 0)
		diag("fork: errno %d (%s)", errno, strerror(errno));
	return pid;
}

/* The raw wait status of our child pid, or -1 (and a diagnostic). */
static inline int wait_status(pid_t pid)
{
	int status = -1;
	pid_t got = waitpid(pid, &status, 0);
	if (got != pid) {
		diag("waitpid(%d) returned %d, errno %d (%s)", pid, got, errno, strerror(errno));
		return -1;
	}
	return status;
}

/* Why a wait status is not "exited with want", as a diagnostic (none when
 * it is). */
static inline void explain_status(const char *who, int status, int want)
{
	if (WIFSIGNALED(status))
		diag("%s: killed by signal %d (%s)", who, WTERMSIG(status),
		     strsignal(WTERMSIG(status)));
	else if (!WIFEXITED(status))
		diag("%s: wait status %#x", who, status);
	else if (WEXITSTATUS(status) != want)
		diag("%s: exit status %d, want %d", who, WEXITSTATUS(status), want);
}

/* Wait for our child pid: 1 if it exited with status want, else 0 and a
 * diagnostic. */
static inline int reap(pid_t pid, int want)
{
	int status = wait_status(pid);
	if (status == -1)
		return 0;
	explain_status("child", status, want);
	return WIFEXITED(status) && WEXITSTATUS(status) == want;
}

/* Run fn in a child process that exits with fn's result; the child's raw
 * wait status, or -1. */
static inline int run_in_child(int (*fn)(void))
{
	pid_t pid = fork_flushed();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn());
	return wait_status(pid);
}

/* A child running fn was killed by signal sig (and did not, say, exit). */
#define expect_killed_by(fn, sig) check_killed_by(__FILE__, __LINE__, fn, #fn, sig)

static inline int check_killed_by(const char *file, int line, int (*fn)(void), const char *name,
				  int sig)
{
	int st = run_in_child(fn);
	if (st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig)
		return 1;
	if (st != -1 && WIFSIGNALED(st))
		return check_fail(file, line, "%s: killed by signal %d (%s), want signal %d (%s)",
				  name, WTERMSIG(st), strsignal(WTERMSIG(st)), sig, strsignal(sig));
	return check_fail(file, line, "%s: wait status %#x, want killed by signal %d (%s)", name,
			  st, sig, strsignal(sig));
}

/* ---- the runner ---------------------------------------------------------- */

/* 1 if check c is not run here, after printing its "ok N # skip" line. */
static inline int check_skipped(const struct check *c)
{
	if (!c->faultline_only || on_faultline())
		return 0;
	skip("%s: %s", c->name, c->faultline_only);
	return 1;
}

/* Print check c's TAP line, given whether it passed (see FAULTLINE_BUG);
 * what ok() returns. */
static inline int check_report(const struct check *c, int passed)
{
	const char *bug = on_faultline() ? c->faultline_bug : NULL;
	if (bug && !passed)
		return ok(1, "%s # SKIP faultline bug: %s", c->name, bug);
	if (bug)
		diag("passes now: the FAULTLINE_BUG mark \"%s\" can go", bug);
	return ok(passed, "%s", c->name);
}

/* Run check c in a child process of its own and print its TAP line.  The
 * child exits 0 (passed) or 1 (failed, the check said why); anything else,
 * a signal above all, is explained here. */
static inline int run_check(const struct check *c)
{
	int status = -1;
	if (check_skipped(c))
		return 1;
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(c->fn() ? 0 : 1);
	if (pid > 0)
		status = wait_status(pid);
	if (status != -1 && !(WIFEXITED(status) && WEXITSTATUS(status) <= 1))
		explain_status(c->name, status, 0);
	return check_report(c, status == 0);
}

/* Every check in its own process (see the top); the exit code for main:
 * 0 when every check passed. */
static inline int run_checks(const struct check *c, int n)
{
	plan(n);
	for (int i = 0; i < n; i++)
		run_check(&c[i]);
	return done_testing();
}

/* A table of steps instead, for a test with one big set-up (cow_big): all
 * in order in this process, sharing the state the first ones set up.  A
 * failed step does not stop the ones after it. */
static inline int run_steps(const struct check *c, int n)
{
	plan(n);
	for (int i = 0; i < n; i++)
		if (!check_skipped(&c[i]))
			check_report(&c[i], c[i].fn());
	return done_testing();
}

/* ---- files and /proc ----------------------------------------------------- */

/* fd is a device node of type (S_IFCHR, S_IFBLK) with that number, in
 * Linux's dev_t encoding (major: bits 8..19 and 32..; minor: 0..7, 20..);
 * 1, or 0 with a diagnostic. */
#define expect_dev_node(fd, type, major, minor) \
	check_dev_node(__FILE__, __LINE__, fd, type, major, minor)

static inline int check_dev_node(const char *file, int line, int fd, unsigned int type,
				 unsigned long major, unsigned long minor)
{
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0)
		return check_fail(file, line, "fstat of fd %d failed%s", fd, errno_note());
	unsigned long got_major = ((st.st_rdev >> 8) & 0xfff) | ((st.st_rdev >> 32) & ~0xfffUL);
	unsigned long got_minor = (st.st_rdev & 0xff) | ((st.st_rdev >> 12) & ~0xffUL);
	if ((st.st_mode & S_IFMT) != type)
		return check_fail(file, line, "st_mode %#o is not of type %#o", st.st_mode, type);
	if (got_major != major || got_minor != minor)
		return check_fail(file, line, "st_rdev is %lu:%lu, want %lu:%lu", got_major,
				  got_minor, major, minor);
	return 1;
}

/* Read the whole of path (up to size - 1 bytes) into buf as a string; its
 * length, or -1. */
static inline ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;
	if (fd < 0)
		return -1;
	while (len < (ssize_t)size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = 0;
	close(fd);
	return len;
}

/* The number on the line of text (a /proc file) that starts with name, as
 * /proc/vmstat writes it ("pgfault 123") or /proc/meminfo ("MemFree:   123
 * kB"); -1 if there is none.  Whole names only: "pgfault" is not
 * "pgfault_major". */
static inline long proc_field(const char *text, const char *name)
{
	size_t len = strlen(name);
	for (const char *l = text; *l; l++) {
		if (!strncmp(l, name, len) && (l[len] == ' ' || l[len] == ':'))
			return strtol(l + len + 1, NULL, 10);
		l = strchr(l, '\n');		/* on to the next line */
		if (!l)
			break;
	}
	return -1;
}

/* MemFree of /proc/meminfo in kB, or -1.  Its buffer is static: after the
 * first call, reading it again maps nothing new (a MemFree check compares
 * two readings exactly). */
static inline long mem_free_kb(void)
{
	static char buf[4096];
	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	return proc_field(buf, "MemFree");
}

/* ---- anonymous memory ---------------------------------------------------- */

/* npages of anonymous memory (flags: MAP_PRIVATE or MAP_SHARED), NULL and a
 * diagnostic if mmap fails.  Transparent huge pages are refused: every
 * fault a test counts is one 4 KiB page (faultline takes the advice as a
 * hint). */
static inline char *map_pages(unsigned long npages, int prot, int flags)
{
	unsigned long len = npages * PAGE_SIZE;
	char *p = mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		diag("mmap of %lu pages: errno %d (%s)", npages, errno, strerror(errno));
		return NULL;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	return p;
}

/* The same, private. */
static inline char *map_anon(unsigned long npages, int prot)
{
	return map_pages(npages, prot, MAP_PRIVATE);
}

/* n pages of anonymous memory (flags: MAP_PRIVATE or MAP_SHARED) with
 * protection prot, between two PROT_NONE guard pages, so that no
 * neighbour merges with it (a test reading smaps or pagemap finds its
 * own VMA); NULL and a diagnostic if that fails. */
static inline char *map_guarded(unsigned long n, int prot, int flags)
{
	char *g = map_pages(n + 2, PROT_NONE, flags);
	if (!g)
		return NULL;
	if (mprotect(g + PAGE_SIZE, n * PAGE_SIZE, prot)) {
		diag("mprotect: errno %d", errno);
		return NULL;
	}
	return g + PAGE_SIZE;
}

/* Every byte of [p, p + len) is zero; else a diagnostic naming the first
 * that is not, by its offset and its page. */
#define all_zero(p, len, what) check_zero(__FILE__, __LINE__, p, len, what)

static inline int check_zero(const char *file, int line, const volatile void *p,
			     unsigned long len, const char *what)
{
	const volatile unsigned char *b = p;
	for (unsigned long i = 0; i < len; i++)
		if (b[i])
			return check_fail(file, line, "%s: byte %lu (page %lu + %#lx) is %#x, "
					  "want 0", what, i, i / PAGE_SIZE, i % PAGE_SIZE, b[i]);
	return 1;
}

/* ---- counting faults ----------------------------------------------------- */

/* Minor faults of this process so far (getrusage ru_minflt: the faults
 * served without I/O), or a large negative number no count can match. */
static inline long minflt(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return -1000000;
	return ru.ru_minflt;
}

/* All faults so far, minor and major: a file page Linux reads from the
 * disk (a hole, say) is a major fault there, where faultline's ramfs fills
 * it with zeroes in a minor one. */
static inline long faults(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return -1000000;
	return ru.ru_minflt + ru.ru_majflt;
}

/* ---- one access that may fault ------------------------------------------- */

enum access { READ, WRITE, EXEC };

struct fault {
	int sig;		/* 0: the access went through */
	int code;		/* si_code: SEGV_MAPERR, SEGV_ACCERR, BUS_ADRERR, ... */
	unsigned long addr;	/* si_addr */
	long err;		/* the #PF error code the handler saw (REG_ERR) */
};

static __attribute__((unused)) sigjmp_buf probe_jmp;
static __attribute__((unused)) struct fault probe_seen;

static inline void probe_handler(int sig, siginfo_t *si, void *uc)
{
	probe_seen.sig = sig;
	probe_seen.code = si->si_code;
	probe_seen.addr = (unsigned long)si->si_addr;
	probe_seen.err = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_ERR];
	siglongjmp(probe_jmp, 1);	/* the mask saved by sigsetjmp comes back */
}

/* Read the byte at addr, write 'w' there, or call it, with SIGSEGV and
 * SIGBUS caught (SA_SIGINFO): the handler jumps back here (siglongjmp) and
 * we return what it saw.  addr: a pointer or a number. */
#define probe(addr, how) probe_at((unsigned long)(addr), how)

static inline struct fault probe_at(unsigned long addr, enum access how)
{
	struct sigaction sa = { .sa_sigaction = probe_handler, .sa_flags = SA_SIGINFO };
	struct sigaction old_segv, old_bus;

	memset(&probe_seen, 0, sizeof(probe_seen));
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	if (sigsetjmp(probe_jmp, 1) == 0) {
		volatile char *p = (volatile char *)addr;
		if (how == READ)
			(void)*p;
		else if (how == WRITE)
			*p = 'w';
		else
			((void (*)(void))addr)();
	}
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return probe_seen;
}

/* The access at addr gets signal want_sig with si_code want_code and
 * si_addr == addr exactly (want_sig 0: it goes through); else a diagnostic
 * naming the access by its address expression (text) and, when not "", a
 * description (what). */
static inline int check_fault(const char *file, int line, unsigned long addr, enum access how,
			      int want_sig, int want_code, const char *text, const char *what)
{
	static const char *const verbs[] = { "read", "write", "exec" };
	struct fault f = probe_at(addr, how);
	char access[256];

	if (f.sig == want_sig && (!want_sig || (f.code == want_code && f.addr == addr)))
		return 1;
	snprintf(access, sizeof(access), "%s%s%s at %s = %#lx", what, *what ? ": " : "",
		 verbs[how], text, addr);
	if (!want_sig)
		return check_fail(file, line, "%s: signal %d si_code %d si_addr %#lx, want none",
				  access, f.sig, f.code, f.addr);
	if (!f.sig)
		return check_fail(file, line, "%s went through, want signal %d si_code %d", access,
				  want_sig, want_code);
	return check_fail(file, line, "%s: signal %d si_code %d si_addr %#lx; want signal %d "
			  "si_code %d si_addr %#lx", access, f.sig, f.code, f.addr, want_sig,
			  want_code, addr);
}

/* The expectations on one access (addr: a pointer or a number); each may
 * end with a description, a string literal, for the diagnostic. */
#define expect_signal(addr, how, sig, code, ...)                                        \
	check_fault(__FILE__, __LINE__, (unsigned long)(addr), how, sig, code, #addr,   \
		    "" __VA_ARGS__)
/* SIGSEGV with si_code SEGV_MAPERR (nothing mapped) or SEGV_ACCERR (not allowed). */
#define expect_segv(addr, how, code, ...)                                               \
	expect_signal(addr, how, SIGSEGV, code, __VA_ARGS__)
/* SIGBUS with BUS_ADRERR: a file page past the end of the file. */
#define expect_sigbus(addr, how, ...)                                                   \
	expect_signal(addr, how, SIGBUS, BUS_ADRERR, __VA_ARGS__)
/* The access goes through. */
#define expect_access(addr, how, ...)                                                   \
	expect_signal(addr, how, 0, 0, __VA_ARGS__)

#endif

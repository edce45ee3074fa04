/* tests/user/mem_lib.h — what the mem_* test programs share.
 *
 * Each program is a table of named checks.  run_checks() runs every check in
 * a child of its own (fork), so a check that crashes names itself and none
 * sees what another one mapped; a check returns 1 when it passed, and says
 * why it did not with diag() lines (printed just before its "not ok").
 *
 *	static const struct mem_check checks[] = {
 *		{ "fresh anonymous pages read zero", anon_reads_zero },
 *		...
 *	};
 *	int main(void) { return run_checks(checks, ARRAY_SIZE(checks)); }
 *
 * The helpers below are for the checks: expect/expect_eq (a condition, with
 * a diag when it fails), raw system calls (the -errno result itself, no
 * libc in between), probe() (one access that may fault: which signal,
 * si_code, si_addr), faults_of() (the minor faults an access takes). */
#ifndef MEM_LIB_H
#define MEM_LIB_H

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <tap.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define PAGE		4096UL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MEM_UNUSED	__attribute__((unused))

/* Canonical addresses of the kernel half: the kernel image (Linux's and
 * faultline's -mcmodel=kernel base) and the direct map of RAM (PAGE_OFFSET).
 * A user access to either is a page fault the kernel answers with SIGSEGV. */
#define KERNEL_TEXT	0xffffffff80000000UL
#define KERNEL_DIRECT	0xffff888000000000UL
#define TASK_SIZE	0x00007ffffffff000UL	/* the end of user space (x86-64, 4 levels) */

struct mem_check {
	const char *name;
	int (*run)(void);	/* 1: passed */
};

/* ---- checks -------------------------------------------------------------- */

/* cond, or a diag line "what" and 0. */
#define expect(cond, ...) ((cond) ? 1 : (diag(__VA_ARGS__), 0))

static MEM_UNUSED int expect_eq(long got, long want, const char *what)
{
	return expect(got == want, "%s: got %ld (%#lx), want %ld (%#lx)", what, got, got,
		      want, want);
}

/* Run each check in its own child; TAP "ok N - name" for each.  The exit
 * status of the program: 0 when every check passed. */
static MEM_UNUSED int run_checks(const struct mem_check *c, int n)
{
	plan(n);
	for (int i = 0; i < n; i++) {
		int status = 0;

		tap_flush();
		pid_t pid = fork();
		if (pid == 0)
			_exit(c[i].run() ? 0 : 1);
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			ok(0, "%s (fork/wait failed)", c[i].name);
			continue;
		}
		if (WIFSIGNALED(status))
			diag("%s: killed by signal %d (%s)", c[i].name, WTERMSIG(status),
			     strsignal(WTERMSIG(status)));
		ok(status == 0, "%s", c[i].name);
	}
	return done_testing();
}

/* ---- raw system calls: the kernel's result, -errno on failure ------------ */

static MEM_UNUSED long raw_mmap(unsigned long addr, unsigned long len, int prot, int flags,
				int fd, long off)
{
	return syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

static MEM_UNUSED long raw_munmap(unsigned long addr, unsigned long len)
{
	return syscall2(SYS_munmap, (long)addr, (long)len);
}

static MEM_UNUSED long raw_mprotect(unsigned long addr, unsigned long len, int prot)
{
	return syscall3(SYS_mprotect, (long)addr, (long)len, prot);
}

static MEM_UNUSED unsigned long raw_brk(unsigned long addr)
{
	return (unsigned long)syscall1(SYS_brk, (long)addr);
}

/* npages of private anonymous memory (MAP_FAILED: the check fails with a diag). */
static MEM_UNUSED char *map_anon(unsigned long npages, int prot)
{
	char *p = mmap(NULL, npages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		diag("mmap of %lu pages: errno %d", npages, errno);
	return p == MAP_FAILED ? NULL : p;
}

/* The start of npages of address space with nothing mapped: mapped, then
 * unmapped again (one thread: nothing else can take it meanwhile).  A test
 * that needs to know what is around a mapping places it there. */
static MEM_UNUSED unsigned long free_range(unsigned long npages)
{
	char *p = map_anon(npages, PROT_NONE);
	if (!p)
		return 0;
	munmap(p, npages * PAGE);
	return (unsigned long)p;
}

/* ---- one access that may fault ------------------------------------------- */

enum access { READ, WRITE, EXEC };

struct fault {
	int sig;		/* 0: the access went through */
	int code;		/* si_code: SEGV_MAPERR, SEGV_ACCERR, ... */
	unsigned long addr;	/* si_addr */
	long err;		/* the #PF error code the handler saw (REG_ERR) */
};

static MEM_UNUSED sigjmp_buf probe_jmp;
static MEM_UNUSED struct fault probe_seen;

static MEM_UNUSED void probe_handler(int sig, siginfo_t *si, void *uc)
{
	probe_seen.sig = sig;
	probe_seen.code = si->si_code;
	probe_seen.addr = (unsigned long)si->si_addr;
	probe_seen.err = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_ERR];
	siglongjmp(probe_jmp, 1);	/* the mask saved by sigsetjmp comes back */
}

/* Read a byte at addr, write 1 there, or call it; SIGSEGV and SIGBUS are
 * caught (SA_SIGINFO) and the handler jumps back here (siglongjmp). */
static MEM_UNUSED struct fault probe(unsigned long addr, enum access how)
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
			*p = 1;
		else
			((void (*)(void))addr)();
	}
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return probe_seen;
}

/* The access at addr got SIGSEGV with this si_code and si_addr == addr. */
static MEM_UNUSED int expect_segv(unsigned long addr, enum access how, int code)
{
	static const char *const names[] = { "read", "write", "exec" };
	struct fault f = probe(addr, how);

	if (!f.sig)
		return expect(0, "%s at %#lx: no fault", names[how], addr);
	return expect_eq(f.sig, SIGSEGV, "signal") &
	       expect_eq(f.code, code, "si_code (1 SEGV_MAPERR, 2 SEGV_ACCERR)") &
	       expect_eq(f.addr, addr, "si_addr");
}

/* The access at addr went through. */
static MEM_UNUSED int expect_access(unsigned long addr, enum access how)
{
	struct fault f = probe(addr, how);
	return expect(!f.sig, "access at %#lx: signal %d, si_code %d, si_addr %#lx", addr,
		      f.sig, f.code, f.addr);
}

/* The wait status of a child that runs fn() and then exits with 0. */
static MEM_UNUSED int child_status(void (*fn)(void))
{
	int status = -1;

	tap_flush();
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid < 0 || wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/* A child running fn() was killed by sig (and not, say, exited). */
static MEM_UNUSED int expect_killed_by(void (*fn)(void), int sig)
{
	int st = child_status(fn);
	return expect(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == sig,
		      "wait status %#x: want killed by signal %d", st, sig);
}

/* ---- counting faults ----------------------------------------------------- */

/* Minor faults so far (getrusage ru_minflt: faults served without I/O). */
static MEM_UNUSED long minflt(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return -1000000;
	return ru.ru_minflt;
}

typedef void (*page_op)(volatile char *p, long npages);

/* Touch one byte per page. */
static MEM_UNUSED void read_pages(volatile char *p, long n)
{
	for (long i = 0; i < n; i++)
		(void)p[i * PAGE];
}

static MEM_UNUSED void write_pages(volatile char *p, long n)
{
	for (long i = 0; i < n; i++)
		p[i * PAGE] = (char)(i + 1);
}

/* The minor faults op(p, n) takes.  op(p, 0) and minflt() run once before,
 * touching nothing of p: the code, the stack and getrusage's buffer are then
 * mapped (in a child of fork, Linux maps even those only when touched). */
static MEM_UNUSED long faults_of(page_op op, volatile char *p, long n)
{
	op(p, 0);
	minflt();
	long before = minflt();
	op(p, n);
	return minflt() - before;
}

/* Every byte of [p, p + len) is zero. */
static MEM_UNUSED int all_zero(const volatile char *p, unsigned long len)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i])
			return expect(0, "byte %lu of %p is %d, want 0", i, (void *)p, p[i]);
	return 1;
}

#endif

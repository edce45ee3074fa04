/* tests/user/sig_fault.c — signals from faults and from children: a
 * SIGSEGV handler that repairs the mapping and returns (the faulting
 * instruction runs again), SIGFPE and SIGILL, default actions that kill,
 * and SIGCHLD with its siginfo when a child exits or is killed. */
#include "check.h"
#include <setjmp.h>
#include <sched.h>
#include <sys/mman.h>

/* nothing is mapped at page 0: a pointer gcc cannot see through */
static volatile int *volatile unmapped = (volatile int *)16;

#define PAGE	4096

static volatile int hits;
static volatile int last_sig, last_code, last_pid, last_status;
static void *volatile last_addr;
static volatile long last_trapno, last_err;
static char *volatile page;		/* the page a SIGSEGV handler repairs */

static int install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	return sigaction(sig, &sa, NULL);
}

static void record(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_addr = si->si_addr;
	last_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	last_err = uc->uc_mcontext.gregs[REG_ERR];
}

/* ---- SIGSEGV repaired by the handler ------------------------------------- */

static void make_writable(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	if (hits == 1)				/* a second fault would loop: let it die */
		mprotect(page, PAGE, PROT_READ | PROT_WRITE);
}

/* A write to a read-only page: SEGV_ACCERR at that address; the handler
 * makes the page writable and returns, and the write is done again. */
static int segv_mprotect_and_retry(void)
{
	page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(page != MAP_FAILED);
	EXPECT_EQ(install(SIGSEGV, make_writable, 0), 0);
	volatile char *p = page + 100;
	*p = 42;
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_sig, SIGSEGV);
	EXPECT_EQ(last_code, SEGV_ACCERR);
	EXPECT(last_addr == page + 100);
	EXPECT_EQ(last_trapno, 14);		/* #PF */
	EXPECT(last_err & 2);			/* a write */
	EXPECT(last_err & 4);			/* from user mode */
	EXPECT_EQ(page[100], 42);
	EXPECT_EQ(munmap(page, PAGE), 0);
	return 1;
}

/* The same after the page was read (mapped, read-only): still ACCERR. */
static int segv_after_read(void)
{
	page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(page != MAP_FAILED);
	EXPECT_EQ(install(SIGSEGV, make_writable, 0), 0);
	volatile char *p = page + 8;
	EXPECT_EQ(*p, 0);
	*p = 7;
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_code, SEGV_ACCERR);
	EXPECT(last_addr == page + 8);
	EXPECT_EQ(page[8], 7);
	EXPECT_EQ(munmap(page, PAGE), 0);
	return 1;
}

static void map_it(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	if (hits == 1)
		mmap(page, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		     -1, 0);
}

/* A read of an unmapped page: SEGV_MAPERR; the handler maps it. */
static int segv_map_and_retry(void)
{
	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(page != MAP_FAILED);
	EXPECT_EQ(munmap(page, PAGE), 0);
	EXPECT_EQ(install(SIGSEGV, map_it, 0), 0);
	volatile char *p = page + 200;
	EXPECT_EQ(*p, 0);			/* fresh anonymous memory */
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_code, SEGV_MAPERR);
	EXPECT(last_addr == page + 200);
	EXPECT(!(last_err & 2));		/* a read */
	EXPECT_EQ(munmap(page, PAGE), 0);
	return 1;
}

/* ---- other faults, left by siglongjmp ----------------------------------- */

static sigjmp_buf jump;

static void record_and_jump(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	siglongjmp(jump, 1);
}

static volatile int divisor;

static int sigfpe_divide(void)
{
	EXPECT_EQ(install(SIGFPE, record_and_jump, 0), 0);
	if (!sigsetjmp(jump, 1)) {
		volatile int x = 10 / divisor;
		(void)x;
		return 0;
	}
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_sig, SIGFPE);
	EXPECT_EQ(last_code, FPE_INTDIV);
	EXPECT(last_addr != NULL);		/* the faulting instruction */
	EXPECT_EQ(last_trapno, 0);		/* #DE */
	return 1;
}

static int sigill_ud2(void)
{
	EXPECT_EQ(install(SIGILL, record_and_jump, 0), 0);
	if (!sigsetjmp(jump, 1)) {
		__asm__ volatile("ud2");
		return 0;
	}
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_sig, SIGILL);
	EXPECT_EQ(last_code, ILL_ILLOPN);
	EXPECT_EQ(last_trapno, 6);		/* #UD */
	/* siglongjmp restored the mask: SIGILL is not blocked any more */
	sigset_t now;
	EXPECT_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	EXPECT(!sigismember(&now, SIGILL));
	return 1;
}

/* ---- default actions ------------------------------------------------------ */

static int raise_usr1(void)
{
	raise(SIGUSR1);
	return 1;				/* not reached */
}

static int sigusr1_default_kills(void)
{
	int status = run_in_child(raise_usr1);
	EXPECT_EQ(status, SIGUSR1);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGUSR1);
	return 1;
}

/* Another process's kill(SIGUSR1), to a child that spins. */
static int sigusr1_from_parent_kills(void)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			sched_yield();
	EXPECT(pid > 0);
	EXPECT_EQ(kill(pid, SIGUSR1), 0);
	EXPECT_EQ(wait_status(pid), SIGUSR1);
	return 1;
}

/* A fault with SIGSEGV blocked or ignored still kills (it would repeat). */
static int segv_blocked(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	sigprocmask(SIG_BLOCK, &s, NULL);
	*unmapped = 1;
	return 1;
}

static int segv_ignored(void)
{
	signal(SIGSEGV, SIG_IGN);
	*unmapped = 1;
	return 1;
}

static int fault_blocked_or_ignored_kills(void)
{
	EXPECT_EQ(run_in_child(segv_blocked) & 0x7f, SIGSEGV);
	EXPECT_EQ(run_in_child(segv_ignored) & 0x7f, SIGSEGV);
	return 1;
}

/* Stop signals stop (they do not kill); SIGCONT resumes; SIGKILL still
 * ends a stopped process. */
static pid_t yielding_child(int rounds, int code)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < rounds; i++)
			sched_yield();
		_exit(code);
	}
	return pid;
}

static int stop_then_cont(void)
{
	int sigs[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	for (int i = 0; i < 4; i++) {
		pid_t pid = yielding_child(200, 10 + i);
		EXPECT(pid > 0);
		EXPECT_EQ(kill(pid, sigs[i]), 0);
		for (int j = 0; j < 20; j++)
			sched_yield();
		EXPECT_EQ(kill(pid, SIGCONT), 0);
		EXPECT_EQ(wait_status(pid), (10 + i) << 8);
	}
	return 1;
}

static int stopped_then_killed(void)
{
	pid_t pid = yielding_child(1000000000, 0);
	EXPECT(pid > 0);
	EXPECT_EQ(kill(pid, SIGSTOP), 0);
	for (int j = 0; j < 20; j++)
		sched_yield();
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	EXPECT_EQ(wait_status(pid), SIGKILL);
	return 1;
}

/* ---- SIGCHLD ------------------------------------------------------------------ */

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_status = si->si_status;
}

/* The child's exit sends SIGCHLD: CLD_EXITED, its pid and exit code.  It
 * stays blocked until the child is reaped, so it cannot cut the wait. */
static int sigchld_on_exit(void)
{
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	EXPECT_EQ(install(SIGCHLD, on_chld, 0), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	EXPECT_EQ(wait_status(pid), 7 << 8);
	EXPECT_EQ(hits, 0);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &chld, NULL), 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_sig, SIGCHLD);
	EXPECT_EQ(last_code, CLD_EXITED);
	EXPECT_EQ(last_pid, pid);
	EXPECT_EQ(last_status, 7);
	return 1;
}

static int sigchld_on_kill(void)
{
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	EXPECT_EQ(install(SIGCHLD, on_chld, 0), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			sched_yield();
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	EXPECT_EQ(wait_status(pid), SIGKILL);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &chld, NULL), 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_code, CLD_KILLED);
	EXPECT_EQ(last_pid, pid);
	EXPECT_EQ(last_status, SIGKILL);
	return 1;
}

/* Unblocked, the handler runs during or right after the wait: by the
 * time wait4 has returned and we look, it has run exactly once. */
static int sigchld_unblocked(void)
{
	EXPECT_EQ(install(SIGCHLD, on_chld, SA_RESTART), 0);
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	int status;
	pid_t got;
	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	EXPECT_EQ(got, pid);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_pid, pid);
	return 1;
}

/* With the default action SIGCHLD is ignored: the parent lives on. */
static int sigchld_default_ignored(void)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	for (int i = 0; i < 20; i++)
		sched_yield();			/* the child has exited by now, or soon */
	EXPECT_EQ(wait_status(pid), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("SIGSEGV (write to read-only): mprotect in the handler, retried",
	      segv_mprotect_and_retry),
	CHECK("SIGSEGV after a read of the page: SEGV_ACCERR, retried", segv_after_read),
	CHECK("SIGSEGV (unmapped): SEGV_MAPERR, mmap in the handler, retried", segv_map_and_retry),
	CHECK("SIGFPE on divide by zero: FPE_INTDIV, siglongjmp out", sigfpe_divide),
	CHECK("SIGILL on ud2: ILL_ILLOPN, siglongjmp restores the mask", sigill_ud2),
	CHECK("default action of SIGUSR1 (raise) kills: status 10", sigusr1_default_kills),
	CHECK("default action of SIGUSR1 (kill from the parent) kills", sigusr1_from_parent_kills),
	CHECK("a fault with SIGSEGV blocked or ignored still kills",
	      fault_blocked_or_ignored_kills),
	CHECK("SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU stop, SIGCONT resumes", stop_then_cont),
	CHECK("SIGKILL ends a stopped process", stopped_then_killed),
	CHECK("SIGCHLD on exit: CLD_EXITED, si_pid, si_status", sigchld_on_exit),
	CHECK("SIGCHLD on kill: CLD_KILLED, si_status is the signal", sigchld_on_kill),
	CHECK("SIGCHLD unblocked: the handler runs once around wait", sigchld_unblocked),
	CHECK("SIGCHLD's default action is to ignore it", sigchld_default_ignored),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/proc_limits.c — resource limits (getrlimit, setrlimit,
 * prlimit64; RLIMIT_AS and RLIMIT_STACK enforced), priorities, prctl's
 * names, CPU affinity, the alternate signal stack, rt_sigsuspend and the
 * interval timers. */
#include "check.h"
#include <sched.h>
#include <sys/syscall.h>
#include <syscall.h>

#define RLIMIT_STACK	3
#define RLIMIT_NOFILE	7
#define RLIMIT_AS	9
#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define SS_ONSTACK	1
#define SS_DISABLE	2

struct rlim { unsigned long cur, max; };
struct stack_t_ { void *sp; int flags; size_t size; };
struct tv { long sec, usec; };
struct itv { struct tv interval, value; };

static long getrlim(int res, struct rlim *r) { return syscall(SYS_getrlimit, res, r); }
static long setrlim(int res, const struct rlim *r) { return syscall(SYS_setrlimit, res, r); }

static int limits_read_and_set(void)
{
	struct rlim r, s;
	EXPECT_EQ(getrlim(RLIMIT_NOFILE, &r), 0);
	EXPECT(r.cur <= r.max && r.cur >= 64);
	EXPECT_EQ(getrlim(RLIMIT_STACK, &s), 0);
	EXPECT(s.cur <= s.max);
	struct rlim bad = { 10, 5 };
	EXPECT_ERRNO(setrlim(RLIMIT_NOFILE, &bad), EINVAL);	/* cur above max */
	EXPECT_ERRNO(getrlim(99, &r), EINVAL);
	EXPECT_ERRNO(getrlim(RLIMIT_STACK, (void *)8), EFAULT);
	struct rlim lower = { 32, r.max };
	EXPECT_EQ(setrlim(RLIMIT_NOFILE, &lower), 0);
	EXPECT_EQ(getrlim(RLIMIT_NOFILE, &s), 0);
	EXPECT_EQ(s.cur, 32);
	/* prlimit64 on a child: its limit, not ours */
	pid_t pid = fork_flushed();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	struct rlim child_old, child_new = { 1UL << 30, ~0UL };
	EXPECT_EQ(syscall(SYS_prlimit64, pid, RLIMIT_AS, &child_new, &child_old), 0);
	EXPECT_EQ(child_old.cur, ~0UL);
	EXPECT_EQ(syscall(SYS_prlimit64, pid, RLIMIT_AS, NULL, &child_old), 0);
	EXPECT_EQ(child_old.cur, 1UL << 30);
	EXPECT_EQ(getrlim(RLIMIT_AS, &s), 0);
	EXPECT_EQ(s.cur, ~0UL);
	EXPECT_ERRNO(syscall(SYS_prlimit64, 0x3ffffff0, RLIMIT_AS, NULL, &child_old), ESRCH);
	kill(pid, SIGKILL);
	EXPECT(wait_status(pid) == SIGKILL);
	return 1;
}

/* RLIMIT_AS: a mapping past it is ENOMEM, one inside it is not. */
static int address_space_limit(void)
{
	struct rlim r = { 64UL << 20, ~0UL };
	void *big = mmap(NULL, 256UL << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(big != MAP_FAILED);			/* before the limit: fine */
	munmap(big, 256UL << 20);
	EXPECT_EQ(setrlim(RLIMIT_AS, &r), 0);
	big = mmap(NULL, 256UL << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(big == MAP_FAILED && errno == ENOMEM);
	void *small = mmap(NULL, 1UL << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(small != MAP_FAILED);
	EXPECT(sbrk(128L << 20) == (void *)-1 && errno == ENOMEM);
	return 1;
}

static sigjmp_buf overflow_jmp;
static volatile unsigned long handler_sp;
static void on_segv(int sig)
{
	int here;
	(void)sig;
	handler_sp = (unsigned long)&here;
	siglongjmp(overflow_jmp, 1);
}

static int recurse(int n)
{
	volatile char pad[1024];
	pad[0] = (char)n;
	return n ? recurse(n - 1) + pad[0] : 0;
}

/* RLIMIT_STACK: the stack may not grow past it (SIGSEGV), and a SIGSEGV
 * handler still runs, on the alternate signal stack. */
static int stack_limit_and_altstack(void)
{
	static char alt[65536];
	struct rlim r = { 256UL << 10, ~0UL };
	struct stack_t_ ss = { alt, 0, sizeof(alt) }, old;
	EXPECT_EQ(syscall(SYS_sigaltstack, &ss, &old), 0);
	EXPECT_EQ(old.flags, SS_DISABLE);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_segv;
	sa.sa_flags = SA_ONSTACK;
	EXPECT_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	EXPECT_EQ(setrlim(RLIMIT_STACK, &r), 0);
	if (sigsetjmp(overflow_jmp, 1) == 0) {
		recurse(4096);				/* 4 MiB of frames */
		EXPECT(!"the recursion past RLIMIT_STACK returned");
	}
	EXPECT(handler_sp >= (unsigned long)alt && handler_sp < (unsigned long)alt + sizeof(alt));
	return 1;
}

static volatile int onstack_flags = -1;
static void on_usr1_report(int sig)
{
	struct stack_t_ cur;
	(void)sig;
	syscall(SYS_sigaltstack, NULL, &cur);
	onstack_flags = cur.flags;
}

static int sigaltstack_rules(void)
{
	static char alt[16384];
	struct stack_t_ ss = { alt, 0, 1024 }, cur;
	EXPECT_ERRNO(syscall(SYS_sigaltstack, &ss, NULL), ENOMEM);	/* too small */
	ss.size = sizeof(alt);
	ss.flags = 0x40;
	EXPECT_ERRNO(syscall(SYS_sigaltstack, &ss, NULL), EINVAL);
	ss.flags = 0;
	EXPECT_EQ(syscall(SYS_sigaltstack, &ss, NULL), 0);
	EXPECT_EQ(syscall(SYS_sigaltstack, NULL, &cur), 0);
	EXPECT(cur.sp == alt && cur.size == sizeof(alt) && cur.flags == 0);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_usr1_report;
	sa.sa_flags = SA_ONSTACK;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	raise(SIGUSR1);
	EXPECT_EQ(onstack_flags, SS_ONSTACK);	/* in the handler: on it */
	ss.flags = SS_DISABLE;
	EXPECT_EQ(syscall(SYS_sigaltstack, &ss, NULL), 0);
	EXPECT_EQ(syscall(SYS_sigaltstack, NULL, &cur), 0);
	EXPECT_EQ(cur.flags, SS_DISABLE);
	return 1;
}

static volatile int usr1_count;
static void on_usr1(int sig) { (void)sig; usr1_count++; }

/* rt_sigsuspend: the given mask while it waits, the old one after. */
static int sigsuspend_masks(void)
{
	sigset_t block, empty, now;
	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	kill(getpid(), SIGUSR1);		/* pending, blocked */
	EXPECT_EQ(usr1_count, 0);
	EXPECT_ERRNO(syscall(SYS_rt_sigsuspend, &empty, 8), EINTR);
	EXPECT_EQ(usr1_count, 1);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	EXPECT(sigismember(&now, SIGUSR1));	/* blocked again */
	EXPECT_ERRNO(syscall(SYS_rt_sigsuspend, &empty, 4), EINVAL);
	return 1;
}

/* rt_sigtimedwait takes a blocked pending signal, with its siginfo, and
 * runs no handler; nothing pending: EAGAIN after the timeout; a signal a
 * child sends later ends the wait. */
static int sigtimedwait_takes(void)
{
	sigset_t set;
	siginfo_t si;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	signal(SIGUSR2, on_usr1);		/* a handler that must not run */
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	kill(getpid(), SIGUSR2);
	struct { long sec, nsec; } zero = { 0, 0 }, brief = { 0, 20000000 }, long_ = { 5, 0 };
	EXPECT_EQ(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 8), SIGUSR2);
	EXPECT_EQ(si.si_signo, SIGUSR2);
	EXPECT_EQ(si.si_pid, getpid());
	EXPECT_EQ(usr1_count, 0);
	EXPECT_ERRNO(syscall(SYS_rt_sigtimedwait, &set, &si, &brief, 8), EAGAIN);
	pid_t parent = getpid(), pid = fork_flushed();
	if (pid == 0) {
		for (int i = 0; i < 20; i++)
			sched_yield();
		kill(parent, SIGUSR2);
		_exit(0);
	}
	EXPECT_EQ(syscall(SYS_rt_sigtimedwait, &set, NULL, &long_, 8), SIGUSR2);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_ERRNO(syscall(SYS_rt_sigtimedwait, &set, NULL, &zero, 4), EINVAL);
	return 1;
}

static int priorities(void)
{
	EXPECT_EQ(syscall(SYS_setpriority, 0, 0, 5), 0);
	EXPECT_EQ(syscall(SYS_getpriority, 0, 0), 20 - 5);	/* the raw call: 20 - nice */
	EXPECT_EQ(syscall(SYS_setpriority, 0, 0, 100), 0);	/* clamped */
	EXPECT_EQ(syscall(SYS_getpriority, 0, getpid()), 20 - 19);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(syscall(SYS_getpriority, 0, 0) == 1 ? 0 : 1);	/* inherited */
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_ERRNO(syscall(SYS_getpriority, 7, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_setpriority, 0, 0x3ffffff0, 0), ESRCH);
	return 1;
}

static int prctl_names(void)
{
	char name[32] = { 0 };
	EXPECT_EQ(syscall(SYS_prctl, PR_SET_NAME, "a-rather-long-name", 0, 0, 0), 0);
	EXPECT_EQ(syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0), 0);
	EXPECT(strcmp(name, "a-rather-long-n") == 0);	/* 15 bytes and a NUL */
	int sig = -1;
	EXPECT_EQ(syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0), 0);
	EXPECT_EQ(syscall(SYS_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	EXPECT_EQ(sig, SIGTERM);
	EXPECT_ERRNO(syscall(SYS_prctl, PR_SET_PDEATHSIG, 200, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_prctl, 0x7fff0000, 0, 0, 0, 0), EINVAL);
	return 1;
}

static int affinity(void)
{
	unsigned long mask[2] = { 0, 0 };
	/* the size of the kernel's CPU mask, at most len: a long here (one CPU),
	 * often more on Linux (NR_CPUS) */
	long n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	EXPECT(n >= 8 && n <= (long)sizeof(mask) && n % 8 == 0);
	EXPECT(mask[0] & 1);
	EXPECT_ERRNO(syscall(SYS_sched_getaffinity, 0, 4, mask), EINVAL);
	unsigned long cpu0 = 1;
	EXPECT_EQ(syscall(SYS_sched_setaffinity, 0, sizeof(cpu0), &cpu0), 0);
	return 1;
}

static volatile int alarms, vtalarms;
static void on_alarm(int sig) { (void)sig; alarms++; }
static void on_vtalarm(int sig) { (void)sig; vtalarms++; }

/* ITIMER_REAL fires again and again at its interval; ITIMER_VIRTUAL
 * counts our own user time; getitimer reads them; bad arguments EINVAL. */
static int interval_timers(void)
{
	signal(SIGALRM, on_alarm);
	signal(SIGVTALRM, on_vtalarm);
	struct itv t = { { 0, 30000 }, { 0, 30000 } }, cur, off = { { 0, 0 }, { 0, 0 } };
	EXPECT_EQ(syscall(SYS_setitimer, 0, &t, NULL), 0);
	EXPECT_EQ(syscall(SYS_getitimer, 0, &cur), 0);
	EXPECT(cur.value.sec == 0 && cur.value.usec > 0 && cur.value.usec <= 30000);
	EXPECT(cur.interval.usec == 30000);
	while (alarms < 3)
		pause();
	EXPECT_EQ(syscall(SYS_setitimer, 0, &off, &cur), 0);
	EXPECT(cur.interval.usec == 30000);
	struct itv v = { { 0, 0 }, { 0, 20000 } };
	EXPECT_EQ(syscall(SYS_setitimer, 1, &v, NULL), 0);
	for (volatile unsigned long i = 0; !vtalarms && i < 4000000000UL; i++)
		;
	EXPECT_EQ(vtalarms, 1);
	struct itv bad = { { 0, 0 }, { 0, 1000000 } };
	EXPECT_ERRNO(syscall(SYS_setitimer, 0, &bad, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_setitimer, 5, &t, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_getitimer, 5, &cur), EINVAL);
	return 1;
}

static const struct check checks[] = {
	CHECK("getrlimit, setrlimit, prlimit64 of a child; EINVAL, EFAULT, ESRCH",
	      limits_read_and_set),
	CHECK("RLIMIT_AS: mmap and brk past it are ENOMEM", address_space_limit),
	CHECK("RLIMIT_STACK stops the stack; the SIGSEGV handler runs on the sigaltstack",
	      stack_limit_and_altstack),
	CHECK("sigaltstack: SS_ONSTACK in a handler, SS_DISABLE, ENOMEM, EINVAL", sigaltstack_rules),
	CHECK("rt_sigsuspend waits with its mask and restores ours", sigsuspend_masks),
	CHECK("rt_sigtimedwait takes a pending signal; EAGAIN; a later one ends the wait",
	      sigtimedwait_takes),
	CHECK("getpriority/setpriority: 20 - nice, clamped, inherited", priorities),
	CHECK("prctl: PR_SET_NAME/PR_GET_NAME, PR_SET_PDEATHSIG", prctl_names),
	CHECK("sched_getaffinity: CPU 0 is ours; lengths", affinity),
	CHECK("setitimer: ITIMER_REAL repeats, ITIMER_VIRTUAL counts user time", interval_timers),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

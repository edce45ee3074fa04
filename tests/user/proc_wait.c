/* tests/user/proc_wait.c — wait4 and its status word: normal exits, deaths
 * by a signal, rusage, waiting for one pid, ECHILD and WNOHANG.
 *
 * The raw status is checked too, as Linux builds it: exit code << 8 for
 * an exit, the signal number (| 0x80 if a core was dumped) for a death. */
#include "check.h"
#include <sched.h>
#include <syscall.h>
#include <sys/mman.h>
#include <sys/resource.h>

/* nothing is mapped at page 0: a pointer gcc cannot see through */
static volatile int *volatile unmapped = (volatile int *)16;

/* The raw wait status of a child that exits with code. */
static int exit_status_of(int code)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(code);
	return wait_status(pid);
}

static int exit_0(void)
{
	int status = exit_status_of(0);
	EXPECT_EQ(status, 0);
	EXPECT(WIFEXITED(status));
	EXPECT(!WIFSIGNALED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	return 1;
}

static int exit_3(void)
{
	int status = exit_status_of(3);
	EXPECT_EQ(status, 0x300);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 3);
	return 1;
}

static int exit_255(void)
{
	int status = exit_status_of(255);
	EXPECT_EQ(status, 0xff00);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 255);
	return 1;
}

/* Only the low 8 bits of the exit code reach the parent. */
static int exit_low_byte(void)
{
	int status = exit_status_of(0x1234);
	EXPECT_EQ(status, 0x3400);
	return 1;
}

static int segv_now(void)
{
	*unmapped = 1;
	return 0;
}

static int death_by_sigsegv(void)
{
	int status = run_in_child(segv_now);
	EXPECT(WIFSIGNALED(status));
	EXPECT(!WIFEXITED(status));
	EXPECT_EQ(WTERMSIG(status), SIGSEGV);
	/* 11, or 0x8b where the host dumped a core (faultline never does) */
	EXPECT_EQ(status & ~0x80, SIGSEGV);
	return 1;
}

/* A child that runs until it is killed. */
static pid_t spinner(void)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			sched_yield();
	return pid;
}

static int death_by_sigkill(void)
{
	pid_t pid = spinner();
	EXPECT(pid > 0);
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	int status = wait_status(pid);
	EXPECT_EQ(status, SIGKILL);		/* never a core */
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
	EXPECT(!WCOREDUMP(status));
	return 1;
}

/* SIGTERM's default action ends the process without a core, too. */
static int death_by_sigterm(void)
{
	pid_t pid = spinner();
	EXPECT(pid > 0);
	EXPECT_EQ(kill(pid, SIGTERM), 0);
	EXPECT_EQ(wait_status(pid), SIGTERM);
	return 1;
}

/* wait4's rusage counts the child's page faults (and only the child's). */
#define TOUCH_PAGES	32

static int touch_pages(void)
{
	char *p = mmap(NULL, TOUCH_PAGES * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 2;
	for (int i = 0; i < TOUCH_PAGES; i++)
		p[i * 4096] = 1;
	return 0;
}

static int wait4_rusage(void)
{
	struct rusage ru;
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(touch_pages());
	int status;
	memset(&ru, 0xff, sizeof(ru));
	EXPECT_EQ(wait4(pid, &status, 0, &ru), pid);
	EXPECT_EQ(status, 0);
	EXPECT(ru.ru_minflt >= TOUCH_PAGES);
	EXPECT(ru.ru_majflt >= 0);
	EXPECT(ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0 &&
	       ru.ru_utime.tv_usec < 1000000);
	EXPECT(ru.ru_stime.tv_sec >= 0 && ru.ru_stime.tv_usec >= 0 &&
	       ru.ru_stime.tv_usec < 1000000);
	/* and getrusage(RUSAGE_CHILDREN) has added it up */
	struct rusage children;
	EXPECT_EQ(getrusage(RUSAGE_CHILDREN, &children), 0);
	EXPECT(children.ru_minflt >= TOUCH_PAGES);
	return 1;
}

/* waitpid(pid) waits for that child, even when another one is done first. */
static int waitpid_specific(void)
{
	tap_flush();
	pid_t first = fork();
	if (first == 0)
		_exit(1);
	pid_t second = fork();
	if (second == 0) {
		for (int i = 0; i < 20; i++)
			sched_yield();
		_exit(2);
	}
	EXPECT(first > 0 && second > 0);
	int status;
	EXPECT_EQ(waitpid(second, &status, 0), second);
	EXPECT_EQ(WEXITSTATUS(status), 2);
	EXPECT_EQ(waitpid(first, &status, 0), first);
	EXPECT_EQ(WEXITSTATUS(status), 1);
	return 1;
}

static int echild_without_children(void)
{
	int status = 12345;
	EXPECT_ERRNO(wait(&status), ECHILD);
	EXPECT_EQ(status, 12345);		/* untouched */
	EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
	/* a process that is not our child: our parent */
	EXPECT_ERRNO(waitpid(getppid(), NULL, 0), ECHILD);
	return 1;
}

/* A child already reaped cannot be waited for again. */
static int echild_after_reaping(void)
{
	int status = exit_status_of(0);
	EXPECT_EQ(status, 0);
	EXPECT_ERRNO(wait(NULL), ECHILD);
	return 1;
}

/* WNOHANG: 0 while the child runs; its status once it is gone. */
static int wnohang(void)
{
	pid_t pid = spinner();
	EXPECT(pid > 0);
	int status = 12345;
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	EXPECT_EQ(waitpid(-1, &status, WNOHANG), 0);
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	pid_t got;
	while ((got = waitpid(pid, &status, WNOHANG)) == 0)
		sched_yield();
	EXPECT_EQ(got, pid);
	EXPECT_EQ(status, SIGKILL);
	return 1;
}

/* A NULL status pointer is allowed. */
static int null_status(void)
{
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(9);
	EXPECT_EQ(waitpid(pid, NULL, 0), pid);
	return 1;
}

/* Unknown option bits are refused. */
static int bad_options(void)
{
	EXPECT_ERRNO(wait4(-1, NULL, 0x40000, NULL), EINVAL);
	return 1;
}

/* kill(pid, 0) asks whether pid exists: a zombie does, until reaped.
 * With SIGCHLD blocked, its arrival (pending) says the child is a zombie. */
static int kill_zombie(void)
{
	sigset_t chld, pending = 0;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(6);
	while (!(pending & chld)) {
		EXPECT_EQ(syscall(SYS_rt_sigpending, &pending, sizeof(pending)), 0);
		sched_yield();
	}
	EXPECT_EQ(kill(pid, 0), 0);
	EXPECT_EQ(kill(pid, SIGKILL), 0);	/* too late to change its status */
	EXPECT_EQ(wait_status(pid), 6 << 8);
	EXPECT_ERRNO(kill(pid, 0), ESRCH);	/* reaped: gone */
	EXPECT_ERRNO(kill(getpid(), 65), EINVAL);
	return 1;
}

/* ---- wait4 and signals ---------------------------------------------------- */

static volatile int hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static int handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	return sigaction(sig, &sa, NULL);
}

/* A child that sends its parent sig every few yields, count times (or
 * for ever when count is 0), then exits with code. */
static pid_t nagging_child(int sig, int count, int code)
{
	pid_t parent = getpid();
	tap_flush();
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; !count || i < count; i++) {
			for (int j = 0; j < 5; j++)
				sched_yield();
			kill(parent, sig);
		}
		_exit(code);
	}
	return pid;
}

/* Signals the parent ignores (SIG_IGN, or a default action of "ignore")
 * do not cut its wait short. */
static int wait_ignores_ignored(void)
{
	EXPECT_EQ(handle(SIGUSR1, SIG_IGN, 0), 0);
	pid_t a = nagging_child(SIGUSR1, 10, 4);
	int status;
	EXPECT_EQ(waitpid(a, &status, 0), a);
	EXPECT_EQ(status, 4 << 8);
	pid_t b = nagging_child(SIGURG, 10, 5);
	EXPECT_EQ(waitpid(b, &status, 0), b);
	EXPECT_EQ(status, 5 << 8);
	return 1;
}

/* A handler without SA_RESTART: wait4 fails with EINTR after it ran. */
static int wait_eintr(void)
{
	EXPECT_EQ(handle(SIGUSR1, on_usr1, 0), 0);
	pid_t pid = nagging_child(SIGUSR1, 0, 0);
	int status = 12345;
	EXPECT_ERRNO(waitpid(pid, &status, 0), EINTR);
	EXPECT(hits >= 1);
	EXPECT_EQ(status, 12345);
	kill(pid, SIGKILL);
	pid_t got;
	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	EXPECT_EQ(got, pid);
	EXPECT_EQ(status, SIGKILL);
	return 1;
}

/* With SA_RESTART the handler runs and wait4 goes on waiting. */
static int wait_sa_restart(void)
{
	EXPECT_EQ(handle(SIGUSR1, on_usr1, SA_RESTART), 0);
	pid_t pid = nagging_child(SIGUSR1, 10, 3);
	int status;
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 3 << 8);
	EXPECT(hits >= 1);			/* standard signals may merge */
	return 1;
}

static const struct check checks[] = {
	CHECK("exit(0): status 0, WIFEXITED, WEXITSTATUS 0", exit_0),
	CHECK("exit(3): status 0x300, WEXITSTATUS 3", exit_3),
	CHECK("exit(255): status 0xff00, WEXITSTATUS 255", exit_255),
	CHECK("exit(0x1234): only the low byte, status 0x3400", exit_low_byte),
	CHECK("death by SIGSEGV: WIFSIGNALED, WTERMSIG 11", death_by_sigsegv),
	CHECK("death by kill(SIGKILL): status 9, no core", death_by_sigkill),
	CHECK("death by kill(SIGTERM): status 15", death_by_sigterm),
	CHECK("wait4 rusage: the child's minor faults; RUSAGE_CHILDREN", wait4_rusage),
	CHECK("waitpid of a specific pid, another child done first", waitpid_specific),
	CHECK("ECHILD with no children (wait, WNOHANG, our parent)", echild_without_children),
	CHECK("ECHILD once the only child is reaped", echild_after_reaping),
	CHECK("WNOHANG: 0 while the child runs, then its status", wnohang),
	CHECK("waitpid with a NULL status", null_status),
	CHECK("wait4 with unknown options: EINVAL", bad_options),
	CHECK("kill(pid, 0) of an unreaped zombie is 0, then ESRCH", kill_zombie),
	CHECK("ignored signals (SIG_IGN, SIGURG) do not interrupt wait4", wait_ignores_ignored),
	CHECK("a handler without SA_RESTART: wait4 fails with EINTR", wait_eintr),
	CHECK("a handler with SA_RESTART: wait4 is restarted", wait_sa_restart),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

/* tests/user/proc_jobs.c — what job control stands on: process groups and
 * sessions (setpgid, getpgid, getpgrp, setsid, getsid), kill() to a
 * process group, wait4 for a group, and wait4 reporting stopped
 * (WUNTRACED) and continued (WCONTINUED) children, with SIGCHLD's
 * CLD_STOPPED and CLD_CONTINUED. */
#include "check.h"
#include <sched.h>

/* A child that waits for a signal; killed, it is reaped by the caller. */
static pid_t idle_child(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* Reap a child we killed: did a signal end it? */
static int killed(pid_t pid)
{
	int status = wait_status(pid);
	return status != -1 && WIFSIGNALED(status);
}

/* A child inherits its parent's process group and session. */
static int inherited(void)
{
	EXPECT_EQ(getpgrp(), getpgid(0));
	EXPECT_EQ(getpgid(getpid()), getpgrp());
	EXPECT_EQ(getsid(0), getsid(getpid()));
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(getpgrp() == getpgid(getppid()) && getsid(0) == getsid(getppid()) ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	return 1;
}

/* setpgid(0, 0) makes a group of our own; the parent may move its child. */
static int new_groups(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(setpgid(0, 0) == 0 && getpgrp() == getpid() ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	pid_t a = idle_child(), b = idle_child();
	EXPECT_EQ(setpgid(a, a), 0);
	EXPECT_EQ(getpgid(a), a);
	EXPECT_EQ(setpgid(b, a), 0);		/* into a's group: it is in our session */
	EXPECT_EQ(getpgid(b), a);
	EXPECT_EQ(getsid(a), getsid(0));
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	EXPECT(killed(a));
	EXPECT(killed(b));
	return 1;
}

static int setpgid_errors(void)
{
	pid_t a = idle_child();
	EXPECT_ERRNO(setpgid(0, -1), EINVAL);
	EXPECT_ERRNO(setpgid(0x3ffffff0, 0), ESRCH);	/* no such process */
	EXPECT_ERRNO(setpgid(getppid(), 0), ESRCH);	/* not us, not our child */
	EXPECT_ERRNO(setpgid(a, 0x3ffffff0), EPERM);	/* no such group in our session */
	EXPECT_ERRNO(getpgid(0x3ffffff0), ESRCH);
	EXPECT_ERRNO(getsid(0x3ffffff0), ESRCH);
	kill(a, SIGKILL);
	EXPECT(killed(a));
	return 1;
}

/* setsid: a new session and group led by us; not for a group leader,
 * and a session leader's group cannot change. */
static int sessions(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		int ok = setsid() == getpid() && getsid(0) == getpid() && getpgrp() == getpid();
		ok = ok && setsid() == -1 && errno == EPERM;		/* already a leader */
		ok = ok && setpgid(0, 0) == -1 && errno == EPERM;	/* a session leader */
		_exit(ok ? 0 : 1);
	}
	EXPECT_EQ(wait_status(pid), 0);
	pid = fork_flushed();
	if (pid == 0)
		_exit(setpgid(0, 0) == 0 && setsid() == -1 && errno == EPERM ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	return 1;
}

/* kill(-pgid) reaches every member of that group and nobody else. */
static int kill_a_group(void)
{
	pid_t a = idle_child(), b = idle_child(), c = idle_child();
	EXPECT_EQ(setpgid(a, a), 0);
	EXPECT_EQ(setpgid(b, a), 0);
	EXPECT_EQ(setpgid(c, c), 0);
	EXPECT_EQ(kill(-a, SIGTERM), 0);
	int sa = wait_status(a), sb = wait_status(b);
	EXPECT(WIFSIGNALED(sa) && WTERMSIG(sa) == SIGTERM);
	EXPECT(WIFSIGNALED(sb) && WTERMSIG(sb) == SIGTERM);
	int status;
	EXPECT_EQ(waitpid(c, &status, WNOHANG), 0);	/* c lives */
	EXPECT_ERRNO(kill(-a, SIGTERM), ESRCH);	/* the group is gone */
	kill(c, SIGKILL);
	EXPECT(killed(c));
	return 1;
}

/* kill(0, sig) is our own group: in a group of its own, a child that
 * ignores SIGUSR1 signals itself and its own child (which does not
 * ignore it: it was forked first), not its parent. */
static int kill_zero_is_our_group(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		setpgid(0, 0);
		pid_t g = idle_child();
		signal(SIGUSR1, SIG_IGN);
		int ok = kill(0, SIGUSR1) == 0;
		int st = -1;
		waitpid(g, &st, 0);
		_exit(ok && WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1 ? 0 : 1);
	}
	EXPECT_EQ(wait_status(pid), 0);
	return 1;
}

/* waitpid(0) waits for our group's children, waitpid(-pgid) for that
 * group's: a child in a group of its own is only the second's.  (The
 * child waits on a pipe until we have looked.) */
static int wait_for_a_group(void)
{
	int p[2];
	char c;
	EXPECT_EQ(pipe(p), 0);
	pid_t a = fork_flushed();
	if (a == 0) {
		close(p[1]);
		read(p[0], &c, 1);		/* 0: the parent closed its end */
		_exit(3);
	}
	close(p[0]);
	EXPECT_EQ(setpgid(a, a), 0);
	int status;
	EXPECT_ERRNO(waitpid(0, &status, WNOHANG), ECHILD);	/* none in our group */
	EXPECT_EQ(waitpid(-a, &status, WNOHANG), 0);		/* one, running */
	close(p[1]);
	EXPECT_EQ(waitpid(-a, &status, 0), a);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	return 1;
}

static volatile int chld_codes[8], nchld;
static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (nchld < 8)
		chld_codes[nchld++] = si->si_code;
}

/* A stopped child is reported once to WUNTRACED, a continued one once to
 * WCONTINUED; SIGCHLD says CLD_STOPPED, then CLD_CONTINUED. */
static int stop_and_continue(void)
{
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	EXPECT_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	int p[2];
	char c;
	EXPECT_EQ(pipe(p), 0);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		close(p[1]);
		kill(getpid(), SIGTSTP);
		read(p[0], &c, 1);		/* continued: until the parent has looked */
		_exit(5);
	}
	close(p[0]);
	int status;
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGTSTP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);	/* reported once */
	EXPECT_EQ(kill(pid, SIGCONT), 0);
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	EXPECT(WIFCONTINUED(status));
	close(p[1]);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 5);
	EXPECT(nchld >= 2);
	EXPECT_EQ(chld_codes[0], CLD_STOPPED);
	EXPECT_EQ(chld_codes[1], CLD_CONTINUED);
	return 1;
}

/* Without WUNTRACED a stop is not reported: wait4 waits on to the exit. */
static int stop_unreported_without_wuntraced(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		_exit(6);
	}
	int status;
	for (int i = 0; i < 50 && waitpid(pid, &status, WNOHANG | WUNTRACED) == 0; i++)
		sched_yield();			/* until it has stopped */
	EXPECT(WIFSTOPPED(status));
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);	/* stopped, not exited */
	EXPECT_EQ(kill(pid, SIGCONT), 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 6);
	return 1;
}

static int wait_options(void)
{
	int status;
	EXPECT_ERRNO(waitpid(-1, &status, 0x100), EINVAL);
	EXPECT_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
	return 1;
}

static const struct check checks[] = {
	CHECK("a child inherits its parent's process group and session", inherited),
	CHECK("setpgid makes a group, moves a child into another group", new_groups),
	CHECK("setpgid: EINVAL, ESRCH, EPERM as Linux", setpgid_errors),
	CHECK("setsid makes a session; a leader can neither setsid nor setpgid", sessions),
	CHECK("kill(-pgid) signals that group, no one else", kill_a_group),
	CHECK("kill(0) signals our own group", kill_zero_is_our_group),
	CHECK("waitpid(0) is our group, waitpid(-pgid) that group", wait_for_a_group),
	CHECK("WUNTRACED reports a stop once, WCONTINUED a continue; SIGCHLD's codes",
	      stop_and_continue),
	CHECK("without WUNTRACED a stopped child is not reported", stop_unreported_without_wuntraced),
	CHECK("wait4: unknown options EINVAL, no child ECHILD", wait_options),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

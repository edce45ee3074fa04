/* tests/user/sig_alarm.c — alarm(2): SIGALRM after the seconds asked,
 * interrupting a blocked wait4 (no SA_RESTART: EINTR); alarm returns the
 * seconds the alarm before had left, and alarm(0) cancels it.  /bin/runtests
 * uses it to stop a program that runs too long. */
#include <tap.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	plan(5);
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);

	is(alarm(5), 0, "alarm(5) with no alarm pending returns 0");
	unsigned left = alarm(0);
	ok(left >= 4 && left <= 5, "alarm(0) cancels it and returns the seconds left (%u)", left);

	/* a child that outlives the alarm: our wait4 is interrupted */
	tap_flush();
	pid_t pid = fork();
	if (pid == 0) {
		double end = now() + 3;
		while (now() < end)
			;
		_exit(0);
	}
	double start = now();
	alarm(1);
	int status;
	pid_t got = waitpid(pid, &status, 0);
	int err = errno;
	double took = now() - start;
	ok(got < 0 && err == EINTR, "SIGALRM interrupts wait4: EINTR (got %d, errno %d)", got, err);
	ok(alarms == 1 && took > 0.5 && took < 2.5, "after about a second (%ld ms), once (%d)",
	   (long)(took * 1000), alarms);
	kill(pid, SIGKILL);
	is(waitpid(pid, &status, 0), pid, "the child is reaped");
	return done_testing();
}

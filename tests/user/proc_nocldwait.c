/* tests/user/proc_nocldwait.c — children of a parent that ignores SIGCHLD
 * leave no zombie (Linux: SIG_IGN or SA_NOCLDWAIT): more children than the
 * kernel has process slots can come and go, and wait reports ECHILD. */
#include <tap.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/wait.h>

#define CHILDREN 150		/* more than faultline's 64 task slots */

/* Fork n children that exit at once; how many forks succeeded. */
static int fork_children(int n)
{
	int made = 0;
	for (int i = 0; i < n; i++) {
		tap_flush();
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			break;
		made++;
		sched_yield();		/* let it run and exit */
	}
	return made;
}

/* wait until no child is left: ECHILD (they were never zombies) */
static int wait_gives_echild(void)
{
	int status;
	errno = 0;
	return waitpid(-1, &status, 0) == -1 && errno == ECHILD;
}

int main(void)
{
	struct sigaction sa;
	plan(4);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &sa, NULL);
	is(fork_children(CHILDREN), CHILDREN, "SIGCHLD ignored: %d children come and go", CHILDREN);
	ok(wait_gives_echild(), "SIGCHLD ignored: wait finds no zombie (ECHILD)");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	is(fork_children(CHILDREN), CHILDREN, "SA_NOCLDWAIT: %d children come and go", CHILDREN);
	ok(wait_gives_echild(), "SA_NOCLDWAIT: wait finds no zombie (ECHILD)");
	return done_testing();
}

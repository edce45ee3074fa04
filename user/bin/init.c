/* init — the first process: greets, runs /bin/sh, reaps every child (orphans
 * are re-parented to PID 1), and powers the machine off when the shell exits.
 *
 * The kernel runs it unless the command line names another program (init=).
 * Run by hand on Linux it is not PID 1: it then exits instead of calling
 * reboot(), which as root would really power the host off. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/wait.h>

static char *default_env[] = { "PATH=/bin:/tests", "HOME=/", "TERM=linux", NULL };

int main(int argc, char **argv, char **envp)
{
	char *sh_argv[] = { "sh", NULL };
	char **env = envp && envp[0] ? envp : default_env;
	int status = 0;
	pid_t sh;

	(void)argc;
	(void)argv;
	printf("faultline init: pid %d, starting /bin/sh\n", getpid());
	sh = fork();
	if (sh < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	} else if (sh == 0) {
		execve("/bin/sh", sh_argv, env);
		fprintf(stderr, "init: /bin/sh: %s\n", strerror(errno));
		_exit(127);
	} else {
		for (;;) {
			int st;
			pid_t pid = wait(&st);
			if (pid < 0) {
				if (errno == EINTR)
					continue;
				break;	/* ECHILD: nothing left */
			}
			if (pid == sh) {
				status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
				break;
			}
		}
	}
	if (getpid() != 1) {
		printf("faultline init: shell exited with status %d; not PID 1, so exiting\n",
		       status);
		return status;
	}
	printf("faultline init: shell exited with status %d, powering off\n", status);
	fflush(stdout);
	reboot(RB_POWER_OFF);
	fprintf(stderr, "init: reboot: %s\n", strerror(errno));
	return status;
}

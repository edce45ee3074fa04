/* tests/user/checks.h — what the proc_*, sig_* and file_* tests share.
 *
 * A test program is a table of named checks.  run_checks() runs each one
 * in its own child process and prints one TAP line per check, so a check
 * that crashes or is killed names itself ("killed by signal 11") and the
 * others still run:
 *
 *	static const struct check checks[] = {
 *		{ "fork returns 0 in the child", fork_returns_zero },
 *		...
 *	};
 *	int main(void) { return run_checks(checks, NCHECKS(checks)); }
 *
 * A check returns 1 when it passed.  EXPECT and EXPECT_EQ end it with 0
 * and a "# file:line: what" diagnostic when it did not.  A check must reap
 * every child it starts: in faultline an orphan goes to PID 1, which is the
 * runner, and its pages would count as leaked. */
#ifndef TESTS_USER_CHECKS_H
#define TESTS_USER_CHECKS_H

#include <tap.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

struct check {
	const char *name;
	int (*fn)(void);
};

#define NCHECKS(table)	((int)(sizeof(table) / sizeof((table)[0])))

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

/* call fails with -1 and errno == err */
#define EXPECT_ERRNO(call, err)                                                 \
	do {                                                                    \
		errno = 0;                                                      \
		long __r = (long)(call);                                        \
		if (__r != -1 || errno != (err)) {                              \
			diag("%s:%d: %s returned %ld, errno %d (%s); want -1, " \
			     "errno %d (%s)", __FILE__, __LINE__, #call, __r,   \
			     errno, strerror(errno), (err), strerror(err));     \
			return 0;                                               \
		}                                                               \
	} while (0)

/* The raw wait status of child pid, or -1 (and a diagnostic). */
static inline int wait_status(pid_t pid)
{
	int status = -1;
	pid_t got = waitpid(pid, &status, 0);
	if (got != pid) {
		diag("waitpid(%d) returned %d, errno %d", pid, got, errno);
		return -1;
	}
	return status;
}

/* Run fn in a child process, which exits with fn's result (its exit
 * code); the child's raw wait status, or -1. */
static inline int run_in_child(int (*fn)(void))
{
	tap_flush();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn());
	return wait_status(pid);
}

/* Why a check's process did not exit with status 0, as a diagnostic. */
static inline void explain_status(const char *name, int status)
{
	if (WIFSIGNALED(status))
		diag("%s: killed by signal %d (%s)", name, WTERMSIG(status),
		     strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status) != 1)
		diag("%s: exit status %d", name, WEXITSTATUS(status));
}

/* ---- files (file_*): a scratch directory, whole-file helpers ---- */

/* Make the directory name in the current one (or reuse it: a run that
 * was killed leaves it behind) and go into it: the checks then create
 * what they like there (they inherit the cwd). */
static inline void scratch_enter(const char *name)
{
	if ((mkdir(name, 0755) < 0 && errno != EEXIST) || chdir(name) < 0)
		bail_out("cannot make and enter %s: %s", name, strerror(errno));
}

/* Leave the scratch directory and remove it: it must be empty by now
 * (each check removes what it made). 1 when it was. */
static inline int scratch_leave(const char *name)
{
	if (chdir("..") < 0)
		return 0;
	if (rmdir(name) == 0)
		return 1;
	diag("rmdir %s: %s", name, strerror(errno));
	return 0;
}

/* Create (or truncate) path with the given text; 0 or -1. */
static inline int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	ssize_t n = (ssize_t)strlen(text);
	int r = write(fd, text, n) == n ? 0 : -1;
	return close(fd) < 0 ? -1 : r;
}

/* Read the whole of path into buf as a string; its length, or -1. */
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

/* st_size of path, or -1. */
static inline long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) < 0 ? -1 : st.st_size;
}

/* Every check in its own process (see the top); the exit code for main. */
static inline int run_checks(const struct check *checks, int n)
{
	plan(n);
	for (int i = 0; i < n; i++) {
		tap_flush();
		pid_t pid = fork();
		if (pid < 0)
			bail_out("fork: errno %d", errno);
		if (pid == 0)
			_exit(checks[i].fn() ? 0 : 1);
		int status = wait_status(pid);
		if (status > 0)
			explain_status(checks[i].name, status);
		ok(status == 0, "%s", checks[i].name);
	}
	return done_testing();
}

#endif

/* tests/user/file.h — what the file_* tests share, beside check.h: a
 * scratch directory to work in, and whole-file helpers.
 *
 *	int main(void)
 *	{
 *		scratch_enter(SCRATCH);
 *		int r = run_checks(checks, NCHECKS(checks));
 *		return scratch_leave(SCRATCH) ? r : 1;
 *	}
 *
 * Each check runs in a child process (check.h) and inherits the scratch
 * directory as its cwd; it removes what it made there. */
#ifndef TESTS_USER_FILE_H
#define TESTS_USER_FILE_H

#include "check.h"
#include <sys/stat.h>

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

/* Create (or truncate) path with the given text; 0 or -1.  (Reading a
 * whole file back is check.h's read_file.) */
static inline int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	ssize_t n = (ssize_t)strlen(text);
	int r = write(fd, text, n) == n ? 0 : -1;
	return close(fd) < 0 ? -1 : r;
}

/* st_size of path, or -1. */
static inline long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) < 0 ? -1 : st.st_size;
}

#endif

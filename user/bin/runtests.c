/* runtests — run every test program of a folder, one at a time, and report
 * in KTAP: each program's own TAP output becomes a subtest.
 *
 *     runtests [DIR]        (default /tests)
 *     runtests DIR PROG...  only these programs of DIR, in this order (make grade:
 *                           a lab's programs)
 *     runtests --after PROG [DIR [PROG...]]
 *                           the same, from the program after PROG on: tests/run.py
 *                           boots again with it when a program stopped the kernel
 *                           (a panic, a hang), so the rest still run
 *     runtests -t SECONDS ...  a program still running after SECONDS (default
 *                           TIMEOUT_S) is killed, and fails
 *     runtests -l LIST DIR [NAME...]
 *                           the runs LIST names (a line "name program args...";
 *                           # comments), in its order, or only the NAMEs: Linux's
 *                           mm selftests, some run with arguments
 *                           (tests/selftests/mm.run); a NAME not in LIST is a
 *                           program of DIR run without arguments.  A line ending
 *                           in "# skip: REASON" is not run when the whole list
 *                           runs: it is reported skipped (kselftest's exit 4, a
 *                           totals line of one skip) with its reason; named, it
 *                           runs
 *
 *	KTAP version 1
 *	1..2
 *	    # Subtest: anon_fault
 *	    1..12
 *	    ok 1 - fresh anonymous memory reads zero
 *	    ...
 *	ok 1 anon_fault
 *	...
 *
 * A program passes when it exits with status 0 (its TAP said everything
 * passed) and, on faultline, when the free memory (/proc/meminfo MemFree)
 * is back where it was before it ran (no page leaked) and the page-count
 * audit (/proc/mm_audit) finds every mapcount equal to its PTEs.  The same binary runs
 * the same tests on Linux (make test-linux), where MemFree moves for other
 * reasons and is not checked.  Each program's output goes to a scratch file
 * in the current directory, then is printed indented.
 *
 * Before the first program, a line names them all ("# runtests: programs:
 * a b c"), so that tests/run.py can name a program that never ran.  While
 * a program runs we wake every second (alarm): a program that runs past
 * its time, or is caught in a fault storm (the kernel counts them in
 * /proc/vmstat, fault_storms, and names the fault on the console: see
 * kernel/fault_trace.h), is killed with SIGKILL and fails, saying why.
 *
 * On faultline we are init (pid 1), so we do init's job as well: while a
 * program runs we reap every orphan given to us (a test may check that an
 * orphan's zombie goes away), and after it we wait (at most ORPHAN_WAIT_S
 * seconds) for the orphans it left running, since their pages would
 * count as leaked.  The stress programs (runtests /stress) fill memory while
 * we wait, and faultline's OOM killer kills the process whose allocation
 * failed (mm/memory.c), which must never be us: init's death powers the
 * machine off.  So while a program runs we touch no page we have not
 * touched before (the stack is touched deep at the start, our buffers are
 * static and written once), and we allocate nothing in the kernel (a wait
 * allocates nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/utsname.h>
#include <time.h>
#include <sched.h>
#include <errno.h>

#define MAX_TESTS	128
#define ORPHAN_WAIT_S	20		/* how long the orphans a program left may run on */
#define TIMEOUT_S	60		/* how long a program may run (-t) */
#define OUT_FILE	"runtests.out"

static char names[MAX_TESTS][64];
static char cmds[MAX_TESTS][128];	/* each run's "program args..." (-l), or "" */
static char skips[MAX_TESTS][128];	/* why a run of the -l list is not run, or "" */
static char list[8192];			/* the -l file */
static char run_path[512], run_words[sizeof(cmds[0])];	/* run_one's program and argv */
static char buf[4096];
static char line[1024];

/* Split buf into lines in place (like strtok on "\n"). */
static char *strtok_lines(char *s)
{
	static char *next;
	if (s)
		next = s;
	if (!next || !*next)
		return NULL;
	char *l = next, *nl = strchr(next, '\n');
	if (nl) {
		*nl = 0;
		next = nl + 1;
	} else {
		next = NULL;
	}
	return l;
}

/* Split s into words (spaces and tabs) in place, as strtok does. */
static char *strtok_words(char *s)
{
	static char *next;
	if (s)
		next = s;
	next += strspn(next, " \t");
	if (!*next)
		return NULL;
	char *w = next;
	next += strcspn(next, " \t");
	if (*next)
		*next++ = 0;
	return w;
}

/* The number after `key` in a /proc file, or -1 (no such file or key: on
 * Linux for faultline's own keys).  Static buffers only: no allocation. */
static long proc_number(const char *path, const char *key)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *p = strstr(buf, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* MemFree in kB, or -1. */
static long mem_free_kb(void)
{
	return proc_number("/proc/meminfo", "MemFree:");
}

/* faultline's page-count audit (/proc/mm_audit): 1 if it found nothing
 * wrong, else 0 with its report printed as diagnostics. */
static int mm_audit_ok(void)
{
	int fd = open("/proc/mm_audit", O_RDONLY);
	if (fd < 0)
		return 1;
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	if (n > 0 && strncmp(buf, "ok", 2) == 0)
		return 1;
	for (char *l = strtok_lines(buf); l; l = strtok_lines(NULL))
		printf("# mm_audit: %s\n", l);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The -l file's runs: "name program args... [# skip: why]" per line (a
 * lone name: the program of that name, without arguments); blank lines and
 * # comments are skipped.  Into listed[], listed_cmd[] and listed_skip[]:
 * how many, or -1. */
#define SKIP_MARK	"# skip:"
static char listed[MAX_TESTS][64], listed_cmd[MAX_TESTS][128], listed_skip[MAX_TESTS][128];

static int read_list(const char *file)
{
	int fd = open(file, O_RDONLY), n = 0;
	if (fd < 0) {
		printf("# runtests: cannot open %s\n", file);
		return -1;
	}
	long len = read(fd, list, sizeof(list) - 1);
	close(fd);
	list[len > 0 ? len : 0] = 0;
	for (char *l = strtok_lines(list); l && n < MAX_TESTS; l = strtok_lines(NULL)) {
		l += strspn(l, " \t");
		if (!*l || *l == '#')
			continue;
		size_t w = strcspn(l, " \t");
		char *cmd = l + w + strspn(l + w, " \t"), *why = strstr(cmd, SKIP_MARK);
		listed_skip[n][0] = 0;
		if (why) {
			snprintf(listed_skip[n], sizeof(listed_skip[0]), "%s",
				 why + strlen(SKIP_MARK) + strspn(why + strlen(SKIP_MARK), " "));
			while (why > cmd && (why[-1] == ' ' || why[-1] == '\t'))
				why--;
			*why = 0;
		}
		snprintf(listed[n], sizeof(listed[0]), "%.*s", (int)w, l);
		snprintf(listed_cmd[n], sizeof(listed_cmd[0]), "%s", *cmd ? cmd : listed[n]);
		n++;
	}
	return n;
}

/* names[i]'s command from the -l list (n runs there), or "" (not listed:
 * the program of that name, without arguments). */
static void command_of(int i, int n)
{
	cmds[i][0] = 0;
	for (int j = 0; j < n; j++)
		if (strcmp(listed[j], names[i]) == 0)
			snprintf(cmds[i], sizeof(cmds[0]), "%s", listed_cmd[j]);
}

static int list_tests(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (!d) {
		printf("# runtests: cannot open %s\n", dir);
		return -1;
	}
	while ((e = readdir(d)) && n < MAX_TESTS)
		if (e->d_name[0] != '.')
			strncpy(names[n++], e->d_name, sizeof(names[0]) - 1);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	return n;
}

/* Print the program's output, each line indented as a KTAP subtest. */
static void print_indented(void)
{
	int fd = open(OUT_FILE, O_RDONLY);
	size_t len = 0;
	long n;
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			if (buf[i] != '\n' && len < sizeof(line) - 1) {
				line[len++] = buf[i];
				continue;
			}
			if (buf[i] == '\n') {
				line[len] = 0;
				printf("    %s\n", line);
				len = 0;
			}
		}
	}
	if (len) {
		line[len] = 0;
		printf("    %s\n", line);
	}
	close(fd);
}

static long seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* As init (faultline's pid 1), we inherit the orphans a test leaves
 * behind, and as every init we reap them: their zombies would count as
 * leaked pages (a task's kernel stack).  Those still running get
 * ORPHAN_WAIT_S seconds to end; after that they are killed (only here, as
 * faultline's init: kill(-1) spares init, and on Linux we are not init)
 * and reaped.  1 if some had to be killed, else 0.  On Linux the orphans
 * go to the real init: nothing to reap (ECHILD). */
static int reap_orphans(int am_init)
{
	long deadline = seconds_now() + ORPHAN_WAIT_S;
	int status, left = 0;
	for (;;) {
		int pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0)
			continue;
		if (pid < 0)			/* ECHILD: nobody is left */
			return left;
		if (!am_init)
			return 0;		/* (not ours to wait for) */
		if (seconds_now() >= deadline && !left) {
			left = 1;
			kill(-1, SIGKILL);	/* every process but us */
		}
		sched_yield();
	}
}

static void touch_stack(void);

/* faultline's count of fault storms (/proc/vmstat fault_storms), or -1
 * (Linux has none; or the file cannot be read now). */
static long fault_storms(void)
{
	return proc_number("/proc/vmstat", "\nfault_storms ");
}

/* SIGALRM only interrupts the wait (no SA_RESTART).  The time a program
 * has run is read from the clock, not counted in alarms: a CPU-bound
 * program on a loaded host delays each alarm's handling, and 60 alarms
 * came to take minutes. */
static void on_alarm(int sig)
{
	(void)sig;
}

/* Why run_one killed the program: 0, or one of these. */
enum { KILLED_TIMEOUT = 1, KILLED_STORM };
static int killed_why;
static int timeout_s = TIMEOUT_S;

/* Run test i of names[] (the program DIR/name, or DIR/ and cmds[i]'s words)
 * with its output in OUT_FILE; its wait status, or -1.
 * We wake every second (SIGALRM interrupts the wait: no SA_RESTART) to
 * look at the clock and at the fault-storm count. */
static int run_one(const char *dir, int i)
{
	char *argv[16] = { run_path };
	int argc = 1;
	snprintf(run_words, sizeof(run_words), "%s", cmds[i][0] ? cmds[i] : names[i]);
	char *w = strtok_words(run_words);
	snprintf(run_path, sizeof(run_path), "%s/%s", dir, w);
	while ((w = strtok_words(NULL)) && argc < 15)
		argv[argc++] = w;
	argv[argc] = NULL;
	fflush(stdout);
	int pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(OUT_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			_exit(126);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execve(run_path, argv, environ);
		_exit(127);
	}
	/* fork left every page of ours read-only (copy-on-write): write the
	 * ones the wait below writes now, before the program starts, so that
	 * no fault of ours (a SIGALRM frame on the stack, a read into buf,
	 * errno set to EINTR by the interrupted wait: libc's .bss, maybe a
	 * page nothing else here writes) falls inside a program's count of
	 * faults (/proc/vmstat). */
	touch_stack();
	errno = 0;
	/* Any child: the orphans given to us while it runs are reaped too. */
	int status, got;
	long storms = fault_storms(), started = seconds_now();
	killed_why = 0;
	alarm(1);
	while ((got = waitpid(-1, &status, 0)) != pid) {
		if (got < 0 && errno != EINTR) {
			alarm(0);
			return -1;
		}
		if (got >= 0 || killed_why)
			continue;
		long now = fault_storms();
		if (now > storms && storms >= 0)
			killed_why = KILLED_STORM;
		else if (seconds_now() - started >= timeout_s)
			killed_why = KILLED_TIMEOUT;
		if (killed_why)
			kill(pid, SIGKILL);
		else
			alarm(1);
	}
	alarm(0);
	return status;
}

/* Touch 32 KiB of stack below us now, so that no call made later (while a
 * stress program holds all memory) faults for a new stack page. */
static __attribute__((noinline)) void touch_stack(void)
{
	volatile char deep[32768];
	for (size_t i = 0; i < sizeof(deep); i += 512)
		deep[i] = 0;
}

/* Drop the programs up to and including `after` (--after): n left. */
static int skip_through(int n, const char *after)
{
	int i = 0;
	while (i < n && strcmp(names[i], after) != 0)
		i++;
	if (i == n) {
		printf("# runtests: --after %s: no such program; running them all\n", after);
		return n;
	}
	memmove(names, names[i + 1], sizeof(names[0]) * (size_t)(n - i - 1));
	memmove(cmds, cmds[i + 1], sizeof(cmds[0]) * (size_t)(n - i - 1));
	memmove(skips, skips[i + 1], sizeof(skips[0]) * (size_t)(n - i - 1));
	return n - i - 1;
}

int main(int argc, char **argv)
{
	const char *after = NULL, *runs = NULL;
	while (argc > 2 && (strcmp(argv[1], "--after") == 0 || strcmp(argv[1], "-t") == 0 ||
			    strcmp(argv[1], "-l") == 0)) {
		if (argv[1][1] == 't')
			timeout_s = atoi(argv[2]) > 0 ? atoi(argv[2]) : TIMEOUT_S;
		else if (argv[1][1] == 'l')
			runs = argv[2];
		else
			after = argv[2];
		argc -= 2;
		argv += 2;
	}
	const char *dir = argc > 1 ? argv[1] : "/tests";
	struct utsname u;
	int check_memory = uname(&u) == 0 && strcmp(u.sysname, "faultline") == 0;
	int nlisted = runs ? read_list(runs) : 0;
	int n = argc > 2 ? 0 : runs ? nlisted : list_tests(dir), failed = 0;

	if (nlisted < 0)
		return 1;
	for (int i = 0; runs && argc <= 2 && i < n; i++) {	/* the -l list's runs, all */
		memcpy(names[i], listed[i], sizeof(names[0]));
		memcpy(cmds[i], listed_cmd[i], sizeof(cmds[0]));
		memcpy(skips[i], listed_skip[i], sizeof(skips[0]));
	}
	for (int i = 2; i < argc && n < MAX_TESTS; i++) {	/* the programs named */
		strncpy(names[n], argv[i], sizeof(names[0]) - 1);
		command_of(n++, nlisted);
	}

	if (n < 0)
		return 1;
	if (after)
		n = skip_through(n, after);
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	/* The tests make scratch files in the current directory: on faultline
	 * (where init starts in "/") that is /tmp, on Linux wherever we run. */
	if (check_memory && chdir("/tmp") < 0)
		printf("# runtests: cannot chdir to /tmp: scratch files go to the cwd\n");
	printf("KTAP version 1\n1..%d\n", n);
	printf("# runtests: programs:");
	for (int i = 0; i < n; i++)
		printf(" %s", names[i]);
	printf("\n");
	/* Touch our own buffers before measuring: wholly, since a program's
	 * long output later reaches parts of buf and line that reading
	 * /proc/meminfo does not, and their first touch takes a frame (even a
	 * read: with a lab's stub of do_anonymous_page, the zero page may not
	 * be used, and a first read of cmds[] cost cow_basic 4 kB "leaked"). */
	memset(buf, 0, sizeof(buf));
	memset(line, 0, sizeof(line));
	memset(run_path, 0, sizeof(run_path));
	memset(run_words, 0, sizeof(run_words));
	strtok_words(run_words);	/* (its own static pointer too) */
	for (int i = 0; i < n; i++) {	/* each run's command, which run_one reads */
		*(volatile char *)&cmds[i][0] = cmds[i][0];
		*(volatile char *)&cmds[i][sizeof(cmds[0]) - 1] = cmds[i][sizeof(cmds[0]) - 1];
		*(volatile char *)&skips[i][0] = skips[i][0];
	}
	touch_stack();
	mem_free_kb();
	long start_kb = mem_free_kb();
	for (int i = 0; i < n; i++) {
		printf("    # Subtest: %s\n", names[i]);
		if (skips[i][0]) {		/* not run: the list says why */
			printf("    # SKIP not run: %s\n", skips[i]);
			printf("    # Totals: pass:0 fail:0 xfail:0 xpass:0 skip:1 error:0\n");
			printf("# %s: exit status 4\nok %d %s\n", names[i], i + 1, names[i]);
			continue;
		}
		long before = mem_free_kb();
		int status = run_one(dir, i);
		int left = reap_orphans(check_memory && getpid() == 1);	/* (their output too) */
		print_indented();
		unlink(OUT_FILE);
		long after = mem_free_kb();
		int ok = status == 0;
		if (killed_why == KILLED_STORM)
			printf("# %s: caught in a fault storm (the kernel's warning above names the "
			       "fault): killed\n", names[i]);
		else if (killed_why == KILLED_TIMEOUT)
			printf("# %s: still running after %d s: killed\n", names[i], timeout_s);
		if (status < 0)
			printf("# %s: could not run it\n", names[i]);
		else if (WIFSIGNALED(status))
			printf("# %s: killed by signal %d (%s)\n", names[i], WTERMSIG(status),
			       strsignal(WTERMSIG(status)));
		else if (WEXITSTATUS(status))
			printf("# %s: exit status %d\n", names[i], WEXITSTATUS(status));
		if (left) {
			printf("# %s: its orphans still ran %d s after it ended: killed\n", names[i],
			       ORPHAN_WAIT_S);
			ok = 0;
		}
		if (check_memory && !mm_audit_ok()) {
			printf("# %s: the page counts disagree with the page tables\n", names[i]);
			ok = 0;
		}
		if (check_memory && before != after) {
			printf("# %s: free memory %ld kB before, %ld kB after: pages leaked\n",
			       names[i], before, after);
			ok = 0;
		}
		printf("%s %d %s\n", ok ? "ok" : "not ok", i + 1, names[i]);
		failed += !ok;
	}
	if (check_memory)
		printf("# runtests: free frames %ld before the tests, %ld after\n", start_kb / 4,
		       mem_free_kb() / 4);
	printf("# runtests: %d programs, %d failed\n", n, failed);
	return failed ? 1 : 0;
}

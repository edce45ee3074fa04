/* vmstat — the counters of /proc/vmstat, in two columns.
 *
 *     vmstat                   every counter: name, value
 *     vmstat -d PROG ARGS...   run PROG (found in $PATH, else /bin) and print
 *                              the counters that changed while it ran: name, delta;
 *                              the exit status is PROG's (128 + N if killed by signal N)
 *
 * /proc/vmstat is Linux's "name value" list; faultline has Linux's names
 * for what it counts (pgfault, nr_free_pages, ...) and one fault_<path>
 * counter per case of the fault path (fault_anon_zero_page, fault_wp_copy,
 * ...), so `vmstat -d cat /etc/motd` shows which paths a program took.
 * The counters are the whole system's: on Linux, other processes move them
 * too.  PROG is started with vfork, so that vmstat's own pages are not
 * shared copy-on-write meanwhile: the faults counted are PROG's. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define PATH		"/proc/vmstat"
#define MAX_COUNTERS	512

struct counter {
	const char *name;
	long value;
};

/* One reading of /proc/vmstat: its text, and the counters in it. */
struct vmstat {
	char text[65536];
	struct counter c[MAX_COUNTERS];
	int n;
};

static struct vmstat before, after;

/* Reads and parses /proc/vmstat into s; 0, or -1 after saying why. */
static int vmstat_read(struct vmstat *s)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(PATH, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "vmstat: cannot open %s: %s\n", PATH, strerror(errno));
		return -1;
	}
	while (len < sizeof(s->text) - 1 && (r = read(fd, s->text + len, sizeof(s->text) - 1 - len))) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "vmstat: read %s: %s\n", PATH, strerror(errno));
			close(fd);
			return -1;
		}
		len += r;
	}
	close(fd);
	s->text[len] = 0;
	s->n = 0;
	for (char *line = s->text; *line && s->n < MAX_COUNTERS;) {
		char *nl = strchr(line, '\n'), *sp;

		if (nl)
			*nl = 0;
		sp = strchr(line, ' ');
		if (sp) {			/* "name value" */
			*sp = 0;
			s->c[s->n].name = line;
			s->c[s->n].value = strtol(sp + 1, NULL, 10);
			s->n++;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}

/* The counter called name in s, or NULL. */
static const struct counter *find(const struct vmstat *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->c[i].name, name))
			return &s->c[i];
	return NULL;
}

static int name_width(const struct vmstat *s)
{
	int w = 0;

	for (int i = 0; i < s->n; i++)
		if ((int)strlen(s->c[i].name) > w)
			w = strlen(s->c[i].name);
	return w;
}

static int print_all(void)
{
	if (vmstat_read(&after) < 0)
		return 1;
	int w = name_width(&after);
	for (int i = 0; i < after.n; i++)
		printf("%-*s %14ld\n", w, after.c[i].name, after.c[i].value);
	return 0;
}

/* Runs argv[0] (PATH search) and waits for it; its wait status, or -1. */
static int run(char **argv, struct rusage *ru)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = vfork();
	if (pid < 0) {
		fprintf(stderr, "vmstat: vfork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {				/* the child: only exec or _exit */
		execvp(argv[0], argv);
		dprintf(2, "vmstat: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, ru) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "vmstat: wait4: %s\n", strerror(errno));
			return -1;
		}
	return status;
}

/* Touches depth KiB of stack (vfork's child runs on it: execvp's buffer). */
static void warm_stack(int depth)
{
	volatile char pad[1024];

	pad[0] = 0;
	if (depth > 1)
		warm_stack(depth - 1);
	pad[sizeof(pad) - 1] = 0;
}

static int print_delta(char **argv)
{
	struct rusage ru = { 0 };
	int status, w, changed = 0;

	/* Touch both readings and some stack first: a page fault of vmstat's
	 * own after the first snapshot would be counted as PROG's. */
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	warm_stack(16);
	if (vmstat_read(&before) < 0)
		return 1;
	status = run(argv, &ru);
	if (status < 0 || vmstat_read(&after) < 0)
		return 1;
	w = name_width(&after);
	printf("counters that changed while %s ran:\n", argv[0]);
	for (int i = 0; i < after.n; i++) {
		const struct counter *b = find(&before, after.c[i].name);
		long d = after.c[i].value - (b ? b->value : 0);

		if (d) {
			printf("%-*s %+14ld\n", w, after.c[i].name, d);
			changed++;
		}
	}
	if (!changed)
		printf("(none)\n");
	if (WIFSIGNALED(status))
		printf("%s was killed by signal %d; ", argv[0], WTERMSIG(status));
	else
		printf("%s exited with status %d; ", argv[0], WEXITSTATUS(status));
	printf("its own minor faults (wait4 rusage): %ld\n", ru.ru_minflt);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void usage(void)
{
	fprintf(stderr, "usage: vmstat               print every counter of %s\n"
			"       vmstat -d PROG ARGS  run PROG, print the counters that changed\n",
		PATH);
}

int main(int argc, char **argv)
{
	if (argc == 1)
		return print_all();
	if (!strcmp(argv[1], "-d") && argc > 2)
		return print_delta(argv + 2);
	usage();
	return 2;
}

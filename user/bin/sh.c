/* sh — a small shell.
 *
 *   sh              read commands from stdin ("$ " prompt on a terminal)
 *   sh -i           the same, always with the prompt
 *   sh -c 'cmds'    run cmds
 *   sh file         run the commands in file
 *
 * A line is split into words at spaces and tabs; '...' quotes literally,
 * "..." quotes with $? expanded, \ escapes one character, ';' separates
 * commands and '#' starts a comment. $? is the status of the last command.
 * Builtins: cd [dir], exit [status], echo [-n] [args]. Other commands run
 * with fork + execve, looked up in /bin when the name has no '/'. A command
 * killed by a signal is reported as bash does ("Segmentation fault") and
 * gives status 128 + the signal number. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_LINE	4096
#define MAX_ARGS	128

static int last_status;
static int interactive;

/* One line from fd, read a byte at a time so that nothing after the '\n' is
 * consumed: a command we start may read the rest of the same stdin.
 * Returns the length (without the '\n'), or -1 at end of input. */
static int read_line(int fd, char *buf, int size)
{
	int n = 0, too_long = 0;
	char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0 && !too_long)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		if (n < size - 1)
			buf[n++] = c;
		else
			too_long = 1;
	}
	buf[n] = 0;
	if (too_long)
		fprintf(stderr, "sh: line too long, cut to %d bytes\n", size - 1);
	return n;
}

/* Appends s to the word buffer at *out (bounded by end); 0 or -1 if full. */
static int append(char **out, char *end, const char *s)
{
	size_t n = strlen(s);

	if (*out + n >= end)
		return -1;
	memcpy(*out, s, n);
	*out += n;
	return 0;
}

/* Splits the command at *pp into argv (words stored in buf), up to an
 * unquoted ';' or the end; *pp is left after the ';'. Returns argc, or -1
 * for a syntax error. */
static int parse_command(const char **pp, char **argv, char *buf, size_t size)
{
	const char *p = *pp;
	char *out = buf, *end = buf + size;
	int argc = 0;

	for (;;) {
		char status[16];
		char quote = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == ';' || *p == '#')
			break;
		if (argc == MAX_ARGS - 1) {
			fprintf(stderr, "sh: too many arguments\n");
			return -1;
		}
		argv[argc++] = out;
		/* one word: runs until unquoted space, ';' or the end */
		for (; *p; p++) {
			char c[2] = { *p, 0 };
			if (quote == '\'' && *p != '\'') {
				/* literal */
			} else if (*p == '\'' || *p == '"') {
				if (!quote)
					quote = *p;
				else if (quote == *p)
					quote = 0;
				else if (append(&out, end, c) < 0)
					goto full;
				continue;
			} else if (!quote && (*p == ' ' || *p == '\t' || *p == ';')) {
				break;
			} else if (*p == '\\' && p[1]) {
				c[0] = *++p;
			} else if (p[0] == '$' && p[1] == '?') {
				snprintf(status, sizeof(status), "%d", last_status);
				if (append(&out, end, status) < 0)
					goto full;
				p++;
				continue;
			}
			if (append(&out, end, c) < 0)
				goto full;
		}
		if (quote) {
			fprintf(stderr, "sh: unterminated %c quote\n", quote);
			return -1;
		}
		if (out == end)
			goto full;
		*out++ = 0;
	}
	if (*p == '#')
		p += strlen(p);
	if (*p == ';')
		p++;
	*pp = p;
	argv[argc] = NULL;
	return argc;
full:
	fprintf(stderr, "sh: command too long\n");
	return -1;
}

/* Status of a finished child as $? shows it; reports death by a signal.
 * The terminal echoes Ctrl-C as "^C" and no more (as Linux's n_tty): the
 * interactive shell ends that line, as bash and ash do. */
static int child_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		if (sig == SIGINT && interactive)
			fputs("\n", stderr);
		if (sig != SIGINT && sig != SIGPIPE)
			fprintf(stderr, "%s%s\n", strsignal(sig),
				WCOREDUMP(st) ? " (core dumped)" : "");
		return 128 + sig;
	}
	return 128;
}

/* In the child: exec argv[0] — a name without '/' is looked up in each
 * folder of $PATH (default /bin) — or report why not. */
static __attribute__((noreturn)) void exec_command(char **argv)
{
	char path[MAX_LINE];
	const char *name = argv[0];

	if (interactive) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
	}
	if (strchr(name, '/')) {
		execve(name, argv, environ);
	} else {
		const char *dirs = getenv("PATH");
		if (!dirs || !*dirs)
			dirs = "/bin";
		for (const char *d = dirs; *d; ) {
			size_t len = strcspn(d, ":");
			snprintf(path, sizeof(path), "%.*s/%s", (int)len, d, name);
			execve(path, argv, environ);
			if (errno != ENOENT)
				break;			/* found, but it would not run */
			d += len + (d[len] == ':');
		}
	}
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
	_exit(126);
}

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");

	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static void builtin_exit(int argc, char **argv)
{
	int status = last_status;

	if (argc > 1) {
		char *end;
		long v = strtol(argv[1], &end, 10);
		if (!*argv[1] || *end) {
			fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
			status = 2;
		} else {
			status = v & 0xff;
		}
	}
	exit(status);
}

static int builtin_echo(int argc, char **argv)
{
	int newline = 1, i = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = 0;
		i++;
	}
	for (; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline)
		putchar('\n');
	fflush(stdout);
	return 0;
}

static int run_command(int argc, char **argv)
{
	pid_t pid;
	int st;

	if (!strcmp(argv[0], "cd"))
		return builtin_cd(argc, argv);
	if (!strcmp(argv[0], "exit"))
		builtin_exit(argc, argv);
	if (!strcmp(argv[0], "echo"))
		return builtin_echo(argc, argv);

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0)
		exec_command(argv);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sh: wait: %s\n", strerror(errno));
			return 1;
		}
	}
	return child_status(st);
}

/* Runs every ';'-separated command of one line. */
static void run_line(const char *line)
{
	char *argv[MAX_ARGS];
	char words[MAX_LINE + 256];	/* room for $? expansions */

	while (*line) {
		int argc = parse_command(&line, argv, words, sizeof(words));
		if (argc < 0) {
			last_status = 2;
			return;
		}
		if (argc > 0)
			last_status = run_command(argc, argv);
	}
}

static void run_fd(int fd)
{
	char line[MAX_LINE];

	for (;;) {
		if (interactive)
			fputs("$ ", stderr);
		if (read_line(fd, line, sizeof(line)) < 0)
			break;
		run_line(line);
	}
	if (interactive)
		fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	int i = 1;

	if (i < argc && !strcmp(argv[i], "-i")) {
		interactive = 1;
		i++;
	}
	if (i + 1 < argc && !strcmp(argv[i], "-c")) {
		run_line(argv[i + 1]);
		return last_status;
	}
	if (i < argc) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[i], strerror(errno));
			return 127;
		}
		run_fd(fd);
		close(fd);
		return last_status;
	}
	if (isatty(0))
		interactive = 1;
	if (interactive) {
		signal(SIGINT, SIG_IGN);	/* ^C stops the command, not the shell */
		signal(SIGQUIT, SIG_IGN);
	}
	run_fd(0);
	return last_status;
}

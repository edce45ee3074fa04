/* tests/user/proc_exec.c — execve: failures the caller survives, and a
 * new image that gets its argv and envp and nothing else of the old one.
 *
 * The program execs itself (argv[0]) with a marker as argv[1]: main then
 * runs exec_child(), which checks what it was given and exits with
 * EXEC_OK when everything was as the parent said. */
#include "check.h"
#include <stdlib.h>
#include <stdio.h>
#include <fcntl.h>
#include <sched.h>

#define MARKER		"--proc-exec-child"
#define EXEC_OK		42

static const char *self;		/* argv[0]: how to exec ourselves */
static int image_value = 7;		/* .data: 7 in every new image */
static volatile int vfork_shared;

/* ---- the exec'ed side ------------------------------------------------- */

/* argv: self MARKER what [args...]; the exit code says what was found. */
static int exec_child(int argc, char **argv)
{
	const char *what = argv[2];
	if (!strcmp(what, "args")) {		/* self MARKER args "two words" "" pid */
		if (argc != 6 || strcmp(argv[3], "two words") || strcmp(argv[4], ""))
			return 1;
		if (strtol(argv[5], NULL, 10) != getpid())
			return 2;			/* exec keeps the pid */
		if (!getenv("PROC_EXEC") || strcmp(getenv("PROC_EXEC"), "marker=1"))
			return 3;
		if (environ[0] == NULL || environ[1] == NULL || environ[2] != NULL)
			return 4;			/* exactly the two we passed */
		return EXEC_OK;
	}
	if (!strcmp(what, "image"))		/* the old image's writes are gone */
		return image_value == 7 ? EXEC_OK : 1;
	if (!strcmp(what, "fds")) {		/* self MARKER fds cloexec-fd kept-fd */
		int cloexec = atoi(argv[3]), kept = atoi(argv[4]);
		if (fcntl(cloexec, F_GETFD) != -1 || errno != EBADF)
			return 1;
		if (fcntl(kept, F_GETFD) != 0)
			return 2;
		return EXEC_OK;
	}
	if (!strcmp(what, "signals")) {		/* handlers reset, SIG_IGN and mask kept */
		struct sigaction sa;
		sigset_t mask;
		if (sigaction(SIGUSR1, NULL, &sa) || sa.sa_handler != SIG_DFL)
			return 1;
		if (sigaction(SIGUSR2, NULL, &sa) || sa.sa_handler != SIG_IGN)
			return 2;
		if (sigprocmask(SIG_BLOCK, NULL, &mask) || !sigismember(&mask, SIGTERM))
			return 3;
		return EXEC_OK;
	}
	if (!strcmp(what, "exit"))		/* self MARKER exit code */
		return atoi(argv[3]);
	return 100;
}

/* ---- the checks --------------------------------------------------------- */

/* Fork, exec ourselves with argv (after self and MARKER) and envp; the
 * raw wait status.  before runs in the child just before execve. */
static int exec_self(const char *const args[], char *const envp[], void (*before)(void))
{
	char *argv[16];
	int n = 0;
	argv[n++] = (char *)self;
	argv[n++] = MARKER;
	for (int i = 0; args[i]; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	tap_flush();
	pid_t pid = fork();
	if (pid == 0) {
		if (before)
			before();
		execve(self, argv, envp ? envp : environ);
		_exit(127);
	}
	return wait_status(pid);
}

static int exec_missing(void)
{
	char *argv[] = { "nonexistent", NULL };
	EXPECT_ERRNO(execve("/nonexistent/program", argv, environ), ENOENT);
	EXPECT_ERRNO(execve("no-such-program-here", argv, environ), ENOENT);
	return 1;				/* and we are still here */
}

/* A file with the given bytes and an executable mode: its name. */
static const char *make_file(const char *name, const char *bytes, size_t n)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n || close(fd))
		return NULL;
	return name;
}

static int exec_not_elf(void)
{
	char *argv[] = { "proc_exec.text", NULL };
	const char *text = "this is not an ELF file\n";
	EXPECT(make_file("proc_exec.text", text, strlen(text)));
	errno = 0;
	int r = execve("proc_exec.text", argv, environ);
	int err = errno;
	unlink("proc_exec.text");
	EXPECT_EQ(r, -1);
	EXPECT_EQ(err, ENOEXEC);
	return 1;
}

/* The ELF magic, then nothing: still not something to run. */
static int exec_truncated_elf(void)
{
	char *argv[] = { "proc_exec.elf", NULL };
	EXPECT(make_file("proc_exec.elf", "\177ELF\2\1\1", 7));
	errno = 0;
	int r = execve("proc_exec.elf", argv, environ);
	int err = errno;
	unlink("proc_exec.elf");
	EXPECT_EQ(r, -1);
	EXPECT_EQ(err, ENOEXEC);
	return 1;
}

/* A minimal static ELF: one PT_LOAD at 0x400000 holding the headers and
 * `exit(0)`, with memsz bytes of memory (the rest of it bss). */
static const char *make_tiny_elf(const char *name, unsigned long memsz)
{
	static const unsigned char code[] = {
		0xb8, 60, 0, 0, 0,		/* mov eax, 60 (exit) */
		0x31, 0xff,			/* xor edi, edi */
		0x0f, 0x05,			/* syscall */
	};
	struct {
		unsigned char ident[16];
		unsigned short type, machine;
		unsigned int version;
		unsigned long entry, phoff, shoff;
		unsigned int flags;
		unsigned short ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
		struct {
			unsigned int type, flags;
			unsigned long offset, vaddr, paddr, filesz, memsz, align;
		} ph;
		unsigned char code[sizeof(code)];
	} __attribute__((packed)) elf = {
		.ident = "\177ELF\2\1\1", .type = 2 /* ET_EXEC */, .machine = 62 /* x86-64 */,
		.version = 1, .entry = 0x400000 + offsetof(__typeof__(elf), code), .phoff = 64,
		.ehsize = 64, .phentsize = 56, .phnum = 1,
		.ph = { .type = 1 /* PT_LOAD */, .flags = 7 /* RWX */, .vaddr = 0x400000,
			.paddr = 0x400000, .filesz = sizeof(elf), .memsz = memsz, .align = 0x1000 },
	};
	memcpy(elf.code, code, sizeof(code));
	return make_file(name, (const char *)&elf, sizeof(elf));
}

/* A program whose bss is 64 TiB fits below the stack but is more memory
 * than the machine has: it never runs.  faultline refuses it before the
 * old program is gone (execve fails with ENOMEM, the caller goes on);
 * Linux finds out past its point of no return and kills the caller. */
static int exec_huge_bss(void)
{
	char *argv[] = { "proc_exec.bss", NULL };
	EXPECT(make_tiny_elf("proc_exec.bss", 2 * 4096));
	pid_t pid = fork_flushed();
	if (pid == 0) {
		execve("proc_exec.bss", argv, environ);
		_exit(100 + errno);
	}
	int small_ok = reap(pid, 0);		/* the same program with a small bss runs */
	EXPECT(make_tiny_elf("proc_exec.bss", 1UL << 46));
	pid = fork_flushed();
	if (pid == 0) {
		execve("proc_exec.bss", argv, environ);
		_exit(100 + errno);
	}
	int status = wait_status(pid);
	unlink("proc_exec.bss");
	EXPECT(small_ok);
	if (on_faultline())
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 100 + ENOMEM);
	else
		EXPECT(WIFSIGNALED(status) &&
		       (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGKILL));
	return 1;
}

static int exec_directory(void)
{
	char *argv[] = { ".", NULL };
	EXPECT_ERRNO(execve(".", argv, environ), EACCES);
	return 1;
}

static int exec_passes_argv_envp(void)
{
	/* the child's pid is not known before fork: the child passes its own */
	char pid[16];
	tap_flush();
	pid_t child = fork();
	if (child == 0) {
		snprintf(pid, sizeof(pid), "%d", getpid());
		char *argv[] = { (char *)self, MARKER, "args", "two words", "", pid, NULL };
		char *envp[] = { "PROC_EXEC=marker=1", "OTHER=2", NULL };
		execve(self, argv, envp);
		_exit(127);
	}
	EXPECT_EQ(wait_status(child), EXEC_OK << 8);
	return 1;
}

static void change_image(void)
{
	image_value = 99;
}

static int exec_replaces_image(void)
{
	const char *args[] = { "image", NULL };
	EXPECT_EQ(exec_self(args, NULL, change_image), EXEC_OK << 8);
	return 1;
}

/* An O_CLOEXEC fd is closed by execve; one without it stays open. */
static int exec_closes_cloexec(void)
{
	int cloexec = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int kept = open("/dev/null", O_RDONLY);
	EXPECT(cloexec >= 0 && kept >= 0);
	EXPECT_EQ(fcntl(cloexec, F_GETFD), FD_CLOEXEC);
	char a[16], b[16];
	snprintf(a, sizeof(a), "%d", cloexec);
	snprintf(b, sizeof(b), "%d", kept);
	const char *args[] = { "fds", a, b, NULL };
	EXPECT_EQ(exec_self(args, NULL, NULL), EXEC_OK << 8);
	close(cloexec);
	close(kept);
	return 1;
}

static void on_signal(int sig)
{
	(void)sig;
}

/* execve resets caught signals to SIG_DFL, keeps SIG_IGN and the mask. */
static void set_signals(void)
{
	sigset_t mask;
	signal(SIGUSR1, on_signal);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
}

static int exec_resets_handlers(void)
{
	const char *args[] = { "signals", NULL };
	EXPECT_EQ(exec_self(args, NULL, set_signals), EXEC_OK << 8);
	return 1;
}

/* vfork + execve: the child's writes before execve are the parent's,
 * the parent goes on once the child has exec'ed, and gets its status. */
static int vfork_then_exec(void)
{
	char *argv[] = { (char *)self, MARKER, "exit", "7", NULL };
	vfork_shared = 0;
	tap_flush();
	pid_t pid = vfork();
	if (pid == 0) {
		vfork_shared = 1;
		execve(self, argv, environ);
		_exit(127);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(vfork_shared, 1);
	EXPECT_EQ(wait_status(pid), 7 << 8);
	return 1;
}

/* The exit status of an exec'ed program reaches the parent as any other. */
static int exec_exit_status(void)
{
	const char *args[] = { "exit", "3", NULL };
	EXPECT_EQ(exec_self(args, NULL, NULL), 3 << 8);
	return 1;
}

static const struct check checks[] = {
	CHECK("execve of a missing file: ENOENT, the caller goes on", exec_missing),
	CHECK("execve of a text file: ENOEXEC, the caller goes on", exec_not_elf),
	CHECK("execve of a truncated ELF header: ENOEXEC", exec_truncated_elf),
	CHECK("execve of a directory: EACCES", exec_directory),
	CHECK("execve of a program with a 64 TiB bss: ENOMEM here (Linux: killed), never runs",
	      exec_huge_bss),
	CHECK("execve passes argv and envp and keeps the pid", exec_passes_argv_envp),
	CHECK("execve replaces the image (.data as in the file)", exec_replaces_image),
	CHECK("execve closes O_CLOEXEC fds and keeps the others", exec_closes_cloexec),
	CHECK("execve resets handlers, keeps SIG_IGN and the mask", exec_resets_handlers),
	CHECK("vfork shares memory until execve", vfork_then_exec),
	CHECK("the exit status of the new image reaches the parent", exec_exit_status),
};

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc >= 3 && !strcmp(argv[1], MARKER))
		return exec_child(argc, argv);
	return run_checks(checks, NCHECKS(checks));
}

/* libctest — TAP tests of user/lib, run natively on Linux (the reference)
 * and inside faultline. Each group below is one function; the ones that
 * expect a fault catch it with a SIGSEGV/SIGBUS handler and siglongjmp, or
 * let a child die of it and look at the wait status.
 *
 * Beyond libc itself these check what a kernel must get right for a libc:
 * argument passing, errno, the signal frame (siginfo_t, ucontext,
 * sa_restorer), fork/vfork/execve/wait4, mmap and the fault counters. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define PAGE 4096
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *self;	/* our own path, to execve ourselves */

/* --- catching a fault ------------------------------------------------------ */

struct fault {
	int sig;		/* 0: no fault */
	int code;
	void *addr;
	long trapno, err, cr2;	/* from the ucontext the kernel built */
};

static sigjmp_buf fault_jmp;
static struct fault last_fault;

static void fault_handler(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;

	last_fault.sig = sig;
	last_fault.code = si->si_code;
	last_fault.addr = si->si_addr;
	last_fault.trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	last_fault.err = uc->uc_mcontext.gregs[REG_ERR];
	last_fault.cr2 = uc->uc_mcontext.gregs[REG_CR2];
	siglongjmp(fault_jmp, 1);	/* restores the mask, which blocks sig now */
}

/* Runs fn(p) with SIGSEGV and SIGBUS caught; returns what happened. */
static struct fault catch_fault(void (*fn)(volatile char *), volatile char *p)
{
	struct sigaction sa = { .sa_sigaction = fault_handler, .sa_flags = SA_SIGINFO };
	struct sigaction old_segv, old_bus;

	memset(&last_fault, 0, sizeof(last_fault));
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	if (sigsetjmp(fault_jmp, 1) == 0)
		fn(p);
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return last_fault;
}

static void do_read(volatile char *p) { (void)*p; }
static void do_write(volatile char *p) { *p = 1; }

/* --- groups of tests ------------------------------------------------------- */

static void test_printf(void)
{
	static const struct {
		const char *want;
		const char *fmt;
		long a;
	} cases[] = {
		{ "-42", "%d", -42 },
		{ "   42", "%5d", 42 },
		{ "42   |", "%-5d|", 42 },
		{ "00042", "%05d", 42 },
		{ "-0042", "%05d", -42 },
		{ "+7", "%+d", 7 },
		{ "00042", "%.5d", 42 },
		{ "", "%.0d", 0 },
		{ "ff", "%x", 255 },
		{ "FF", "%X", 255 },
		{ "0xff", "%#x", 255 },
		{ "017", "%#o", 15 },
		{ "44", "%hhd", 300 },
		{ "-1", "%ld", -1 },
		{ "18446744073709551615", "%lu", -1 },
		{ "-9223372036854775808", "%ld", LONG_MIN },
		{ "ffffffffffffffff", "%lx", -1 },
		{ "18446744073709551615", "%llu", -1 },
		{ "4294967295", "%u", -1 },
		{ "123", "%zu", 123 },
		{ "-5", "%zd", -5 },
		{ "0x1000", "%p", 0x1000 },
		{ "(nil)", "%p", 0 },
		{ "x", "%c", 'x' },
		{ "100%", "%ld%%", 100 },
	};
	char buf[64];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(buf, sizeof(buf), cases[i].fmt, cases[i].a);
		is_str(buf, cases[i].want, "printf \"%s\"", cases[i].fmt);
	}
	snprintf(buf, sizeof(buf), "[%s|%.3s|%6s|%-6s|%*d]", "abc", "abcdef", "ab", "ab", 4, 7);
	is_str(buf, "[abc|abc|    ab|ab    |   7]", "printf strings, precision, * width");
	is(snprintf(buf, 4, "%s", "abcdef"), 6, "snprintf returns the untruncated length");
	is_str(buf, "abc", "snprintf truncates and terminates");
	is(snprintf(NULL, 0, "%d", 12345), 5, "snprintf(NULL, 0) counts");
}

static void test_string(void)
{
	char buf[32], *end;

	is(strlen("hello"), 5, "strlen");
	ok(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"), "strcmp");
	ok(!strncmp("abcX", "abcY", 3) && strncmp("ab", "abc", 3) < 0, "strncmp");
	is_str(strchr("a/b/c", '/'), "/b/c", "strchr");
	is_str(strrchr("a/b/c", '/'), "/c", "strrchr");
	strcpy(buf, "foo");
	strcat(buf, "bar");
	is_str(buf, "foobar", "strcpy + strcat");
	strcpy(buf, "0123456789");
	memmove(buf + 2, buf, 5);
	is_str(buf, "0101234789", "memmove, overlapping forwards");
	memmove(buf, buf + 2, 5);
	is_str(buf, "0123434789", "memmove, overlapping backwards");
	memset(buf, 'z', 3);
	ok(!memcmp(buf, "zzz3", 4), "memset + memcmp");
	is(strtol("  -0x1f", &end, 0), -31, "strtol base 0, hex");
	is(*end, 0, "strtol sets endptr");
	is(strtol("0755", NULL, 0), 0755, "strtol base 0, octal");
	errno = 0;
	is(strtol("99999999999999999999", NULL, 10), LONG_MAX, "strtol saturates");
	is(errno, ERANGE, "strtol overflow: ERANGE");
	is((long)strtoul("ffffffff", NULL, 16), 0xffffffffL, "strtoul hex");
	is(atoi("42abc"), 42, "atoi");
	char *d = strdup("dup");
	is_str(d, "dup", "strdup");
	free(d);
	is_str(strerror(ENOENT), "No such file or directory", "strerror");
	is_str(strsignal(SIGSEGV), "Segmentation fault", "strsignal");
}

static void test_malloc(void)
{
	char *p[64];
	int good = 1;

	for (int i = 0; i < 64; i++) {
		p[i] = malloc(i * 37 + 1);
		if (!p[i] || ((uintptr_t)p[i] & 15))
			good = 0;
		else
			memset(p[i], i, i * 37 + 1);
	}
	for (int i = 0; i < 64 && good; i++)
		for (int j = 0; j < i * 37 + 1; j++)
			if (p[i][j] != (char)i)
				good = 0;
	ok(good, "malloc: 64 blocks, 16-byte aligned, not overlapping");
	for (int i = 0; i < 64; i++)
		free(p[i]);
	char *a = malloc(100);
	uintptr_t a_addr = (uintptr_t)a;
	free(a);
	a = malloc(100);
	ok((uintptr_t)a == a_addr, "malloc reuses a freed block");
	free(a);

	char *big = malloc(1 << 20);
	ok(big != NULL, "malloc 1 MiB");
	big[0] = 1;
	big[(1 << 20) - 1] = 2;
	free(big);

	char *r = malloc(10);
	strcpy(r, "realloc!");
	r = realloc(r, 100000);
	is_str(r, "realloc!", "realloc keeps the contents");
	free(r);

	int *z = calloc(1000, sizeof(int));
	int zero = 1;
	for (int i = 0; i < 1000; i++)
		zero &= z[i] == 0;
	ok(zero, "calloc zeroes");
	free(z);
	volatile size_t huge = SIZE_MAX / 2;
	ok(calloc(huge, 4) == NULL, "calloc refuses an overflowing size");
}

/* Files under /tmp: skipped where there is none. */
static void test_files(void)
{
	char path[64], buf[64];
	struct stat st;
	int fd;

	errno = 0;
	is(open("/nonexistent/file", O_RDONLY), -1, "open of a missing file fails");
	is(errno, ENOENT, "... with ENOENT");
	if (stat("/tmp", &st) < 0 || !S_ISDIR(st.st_mode)) {
		skip("no /tmp");
		return;
	}
	snprintf(path, sizeof(path), "/tmp/libctest.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ok(fd >= 0, "open O_CREAT");
	is(write(fd, "hello, world", 12), 12, "write");
	is(lseek(fd, 7, SEEK_SET), 7, "lseek");
	is(read(fd, buf, sizeof(buf)), 5, "read to the end");
	ok(!memcmp(buf, "world", 5), "read what was written");
	is(pwrite(fd, "W", 1, 7), 1, "pwrite");
	is(pread(fd, buf, 5, 7), 5, "pread");
	ok(!memcmp(buf, "World", 5), "pread sees pwrite");
	ok(fstat(fd, &st) == 0 && S_ISREG(st.st_mode), "fstat: a regular file");
	is(st.st_size, 12, "fstat: st_size");
	is(ftruncate(fd, PAGE), 0, "ftruncate up");
	ok(stat(path, &st) == 0 && st.st_size == PAGE, "stat sees the new size");

	/* a shared mapping of the file, then truncation under it: SIGBUS */
	char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(m != MAP_FAILED, "mmap MAP_SHARED of the file");
	if (m != MAP_FAILED) {
		ok(!memcmp(m, "hello, World", 12), "the mapping shows the file");
		m[0] = 'H';
		is(msync(m, PAGE, MS_SYNC), 0, "msync");
		is(pread(fd, buf, 1, 0), 1, "pread after a store to the mapping");
		is(buf[0], 'H', "... sees the store");
		ftruncate(fd, 0);
		struct fault f = catch_fault(do_read, m);
		is(f.sig, SIGBUS, "a read past the end of the file: SIGBUS");
		is(f.code, BUS_ADRERR, "... BUS_ADRERR");
		ok(f.addr == m, "... si_addr is the address");
		munmap(m, PAGE);
	}
	close(fd);

	/* the directory lists it */
	DIR *d = opendir("/tmp");
	struct dirent *de;
	int found = 0;
	while (d && (de = readdir(d)))
		found |= !strcmp(de->d_name, path + 5);
	if (d)
		closedir(d);
	ok(found, "readdir(/tmp) lists the file");
	is(unlink(path), 0, "unlink");
	ok(stat(path, &st) < 0 && errno == ENOENT, "stat after unlink: ENOENT");

	snprintf(path, sizeof(path), "/tmp/libctest.dir.%d", getpid());
	is(mkdir(path, 0755), 0, "mkdir");
	ok(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "stat: a directory");
	is(rmdir(path), 0, "rmdir");
}

static void test_mmap(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct rusage before, after;
	unsigned char vec[3];
	struct fault f;
	int zero = 1;

	ok(p != MAP_FAILED && ((uintptr_t)p & (PAGE - 1)) == 0, "mmap anonymous: page aligned");
	for (int i = 0; i < 3 * PAGE; i++)
		zero &= p[i] == 0;
	ok(zero, "anonymous memory reads as zero");
	p[0] = 1;
	is(mincore(p, 3 * PAGE, vec), 0, "mincore");
	ok(vec[0] & 1, "mincore: the written page is resident");

	is(mprotect(p + PAGE, PAGE, PROT_READ), 0, "mprotect PROT_READ");
	f = catch_fault(do_write, p + PAGE + 8);
	is(f.sig, SIGSEGV, "a write to a read-only page: SIGSEGV");
	is(f.code, SEGV_ACCERR, "... SEGV_ACCERR");
	ok(f.addr == p + PAGE + 8, "... si_addr is the address");
	is(f.trapno, 14, "... trapno 14 (#PF)");
	is(f.err, 7, "... error code 7: present, write, user");
	ok(f.cr2 == (long)(p + PAGE + 8), "... cr2 is the address");

	is(munmap(p, 3 * PAGE), 0, "munmap");
	f = catch_fault(do_read, p + 5);
	is(f.sig, SIGSEGV, "a read after munmap: SIGSEGV");
	is(f.code, SEGV_MAPERR, "... SEGV_MAPERR");
	ok(f.addr == p + 5, "... si_addr is the address");
	is(f.err, 4, "... error code 4: not present, read, user");
	f = catch_fault(do_write, p);
	is(f.sig, SIGSEGV, "a second fault is caught too (the mask was restored)");
	is(f.err, 6, "... error code 6: not present, write, user");

	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = 0;
	ok(mmap(p, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0)
	   == MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping: EEXIST");
	munmap(p, PAGE);
	errno = 0;
	ok(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF,
	   "mmap of a bad fd: MAP_FAILED, EBADF");

	/* every first touch of a fresh page is a minor fault */
	p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	getrusage(RUSAGE_SELF, &before);
	for (int i = 0; i < 16; i++)
		p[i * PAGE] = 1;
	getrusage(RUSAGE_SELF, &after);
	ok(after.ru_minflt - before.ru_minflt >= 16, "16 first touches: >= 16 minor faults (%ld)",
	   after.ru_minflt - before.ru_minflt);
	munmap(p, 16 * PAGE);

	char *b0 = sbrk(0);
	ok(sbrk(PAGE) == b0, "sbrk returns the old break");
	b0[PAGE - 1] = 1;
	ok(sbrk(0) == b0 + PAGE, "the break moved");
	ok(sbrk(-PAGE) == b0 + PAGE && sbrk(0) == b0, "sbrk shrinks");
}

static volatile int usr1_count;

static void usr1_handler(int sig)
{
	if (sig == SIGUSR1)
		usr1_count++;
}

static void test_signals(void)
{
	struct sigaction sa = { .sa_handler = usr1_handler }, old;
	sigset_t set, pending_old;

	sigemptyset(&sa.sa_mask);
	is(sigaction(SIGUSR1, &sa, NULL), 0, "sigaction");
	ok(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == usr1_handler,
	   "sigaction reads the handler back");
	raise(SIGUSR1);
	is(usr1_count, 1, "raise runs the handler and returns through sa_restorer");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &pending_old);
	kill(getpid(), SIGUSR1);
	is(usr1_count, 1, "a blocked signal waits");
	sigprocmask(SIG_SETMASK, &pending_old, NULL);
	is(usr1_count, 2, "... and arrives when unblocked");
	signal(SIGUSR1, SIG_DFL);
	errno = 0;
	ok(sigaction(SIGKILL, &sa, NULL) < 0 && errno == EINVAL, "SIGKILL cannot be caught");

	jmp_buf jb;
	volatile int n = 0;
	if (setjmp(jb) == 0) {
		n = 1;
		longjmp(jb, 0);
	}
	is(n, 1, "setjmp/longjmp (longjmp(env, 0) returns 1)");
}

static int cow_value = 1;

static void test_processes(void)
{
	int st;
	pid_t pid, parent = getpid();

	tap_flush();
	pid = fork();
	if (pid == 0) {
		cow_value = 2;		/* a private copy from here on */
		_exit(getppid() == parent ? 42 : 1);
	}
	ok(pid > 0, "fork");
	is(waitpid(pid, &st, 0), pid, "waitpid");
	ok(WIFEXITED(st), "the child exited");
	is(WEXITSTATUS(st), 42, "exit status 42, and getppid() was the parent");
	is(cow_value, 1, "the child's store is not seen by the parent (copy-on-write)");

	pid = fork();
	if (pid == 0) {
		volatile int *volatile bad = (int *)8;
		*bad = 1;		/* no handler: the default action */
		_exit(0);
	}
	struct rusage ru;
	is(wait4(pid, &st, 0, &ru), pid, "wait4");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "a child dies of SIGSEGV (status %#x)", st);

	pid = fork();
	if (pid == 0) {
		for (;;)
			sched_yield();
	}
	is(kill(pid, SIGKILL), 0, "kill");
	ok(wait(&st) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "wait: SIGKILL");
	errno = 0;
	ok(wait(&st) < 0 && errno == ECHILD, "wait with no children: ECHILD");

	/* vfork: the child shares our memory and we wait until it execs */
	volatile int shared = 0;
	char *argv[] = { (char *)self, "--exit", "7", NULL };
	pid = vfork();
	if (pid == 0) {
		shared = 1;
		execve(self, argv, environ);
		_exit(99);
	}
	ok(pid > 0, "vfork");
	is(shared, 1, "the vfork child ran first, in our memory");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st), "the vfork child exited");
	is(WEXITSTATUS(st), 7, "execve of ourselves with arguments (status 7)");

	pid = vfork();
	if (pid == 0) {
		char *none[] = { "/nonexistent", NULL };
		execve("/nonexistent", none, environ);
		_exit(errno == ENOENT ? 3 : 4);
	}
	ok(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 3,
	   "execve of a missing file fails with ENOENT");
}

static void test_misc(int argc, char **argv)
{
	struct utsname u;
	struct timespec t0, t1;
	char cwd[256], rnd[16];

	ok(argc >= 1 && argv[0] && !argv[argc], "argv[argc] == NULL");
	ok(environ != NULL, "environ is set");
	is(getauxval(AT_PAGESZ), PAGE, "auxv AT_PAGESZ");
	ok(uname(&u) == 0 && !strcmp(u.machine, "x86_64"), "uname: machine %s", u.machine);
	ok(getpid() > 0 && getppid() >= 0, "getpid, getppid");
	ok(getuid() == geteuid() && getgid() == getegid(), "uid/gid calls");
	ok(clock_gettime(CLOCK_MONOTONIC, &t0) == 0 && clock_gettime(CLOCK_MONOTONIC, &t1) == 0 &&
	   (t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec)),
	   "clock_gettime(CLOCK_MONOTONIC) does not go back");
	is(getrandom(rnd, sizeof(rnd), 0), sizeof(rnd), "getrandom");
	ok(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	is(chdir("/"), 0, "chdir /");
	char root[8];
	is_str(getcwd(root, sizeof(root)), "/", "getcwd after chdir");
	chdir(cwd);
	is(sched_yield(), 0, "sched_yield");
	ok(isatty(-1) == 0 && errno == EBADF, "isatty(-1): 0, EBADF");
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--exit"))
		return atoi(argv[2]);	/* re-executed by test_processes */

	/* the path to execve ourselves: as given, or /bin/NAME as sh finds it */
	static char path[256];
	self = argv[0];
	if (!strchr(self, '/')) {
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
		self = path;
	}

	test_printf();
	test_string();
	test_malloc();
	test_files();
	test_mmap();
	test_signals();
	test_processes();
	test_misc(argc, argv);
	return done_testing();
}

/* proc.c — processes: fork, exec, wait, identities, time, system info. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <sched.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>
#include <sys/reboot.h>
#include <sys/random.h>
#include <asm/prctl.h>
#include <sys/prctl.h>
#include <stdarg.h>
#include "libc.h"

/* stdio is flushed first, so buffered output is not printed twice (glibc
 * leaves that to the caller). vfork is in vfork.S: it cannot be C. */
pid_t fork(void)
{
	fflush(NULL);
	return RET(syscall0(SYS_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return RET(syscall3(SYS_execve, L(path), L(argv), L(envp)));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* A name without '/' is looked for in each directory of $PATH (default /bin). */
int execvp(const char *file, char *const argv[])
{
	const char *path = getenv("PATH");
	char buf[4096];
	int saved = ENOENT;

	if (strchr(file, '/'))
		return execv(file, argv);
	if (!path || !*path)
		path = "/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		if (n + 1 + strlen(file) + 1 <= sizeof(buf)) {
			memcpy(buf, path, n);
			buf[n] = '/';
			strcpy(buf + n + 1, file);
			execv(buf, argv);
			if (errno != ENOENT)
				saved = errno;	/* e.g. EACCES: report it, as shells do */
		}
		path += n;
		if (*path == ':')
			path++;
	}
	errno = saved;
	return -1;
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return RET(syscall4(SYS_wait4, pid, L(status), options, L(ru)));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

/* These cannot fail. */
pid_t getpid(void) { return syscall0(SYS_getpid); }
pid_t getppid(void) { return syscall0(SYS_getppid); }
uid_t getuid(void) { return syscall0(SYS_getuid); }
uid_t geteuid(void) { return syscall0(SYS_geteuid); }
gid_t getgid(void) { return syscall0(SYS_getgid); }
gid_t getegid(void) { return syscall0(SYS_getegid); }

int sched_yield(void)
{
	return RET(syscall0(SYS_sched_yield));
}

int pause(void)
{
	return RET(syscall0(SYS_pause));
}

unsigned int alarm(unsigned int seconds)
{
	return syscall1(SYS_alarm, seconds);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return RET(syscall2(SYS_nanosleep, L(req), L(rem)));
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { .tv_sec = seconds, .tv_nsec = 0 };

	if (nanosleep(&ts, &ts) < 0)
		return ts.tv_sec;
	return 0;
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return RET(syscall2(SYS_clock_gettime, clk, L(ts)));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int getrusage(int who, struct rusage *ru)
{
	return RET(syscall2(SYS_getrusage, who, L(ru)));
}

int uname(struct utsname *u)
{
	return RET(syscall1(SYS_uname, L(u)));
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return RET(syscall3(SYS_getrandom, L(buf), L(len), flags));
}

int reboot(int cmd)
{
	return RET(syscall4(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			    (unsigned int)cmd, 0));
}

/* Four arguments after the option are always passed, as glibc's
 * prctl: an option that does not use them finds them 0 only if the
 * caller gave 0, so callers pass every argument the option checks. */
int prctl(int option, ...)
{
	va_list ap;
	unsigned long a[4];
	va_start(ap, option);
	for (int i = 0; i < 4; i++)
		a[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return RET(syscall5(SYS_prctl, option, L(a[0]), L(a[1]), L(a[2]), L(a[3])));
}

int arch_prctl(int code, unsigned long addr)
{
	return RET(syscall2(SYS_arch_prctl, code, L(addr)));
}

long set_tid_address(int *tidptr)
{
	return syscall1(SYS_set_tid_address, L(tidptr));	/* returns the tid */
}

/* Process groups and sessions: job control. */
pid_t getpgrp(void) { return (pid_t)syscall0(SYS_getpgrp); }
pid_t getpgid(pid_t pid) { return RET(syscall1(SYS_getpgid, pid)); }
int setpgid(pid_t pid, pid_t pgid) { return RET(syscall2(SYS_setpgid, pid, pgid)); }
pid_t setsid(void) { return RET(syscall0(SYS_setsid)); }
pid_t getsid(pid_t pid) { return RET(syscall1(SYS_getsid, pid)); }

int sysinfo(struct sysinfo *info)
{
	return RET(syscall1(SYS_sysinfo, L(info)));
}

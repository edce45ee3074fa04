/* tests/stress/stress.h — what the stress programs share.
 *
 * A stress program runs its checks as every test does (check.h: a table,
 * each check in a child of its own), but it takes the machine to its
 * limits on purpose: all of RAM, every task slot.  Three rules follow.
 *
 *  - While memory is exhausted, print nothing: our stdout is runtests'
 *    scratch file in ramfs, whose next page may not be there.  Record what
 *    happened, give the memory back, then check and say.
 *  - Exhaust memory in a process of its own (run_in_child), whose death by the
 *    OOM killer is an expected outcome.  faultline's OOM killer kills the
 *    process whose allocation failed (pagefault_out_of_memory, mm/memory.c):
 *    every other process of the test sleeps in wait4 meanwhile, and sleeping
 *    allocates nothing.
 *  - End every check with kernel_alive(): the console takes a line, /proc
 *    opens, fork works.  runtests then checks MemFree and /proc/mm_audit.
 *
 * Hostile: never on Linux (tests/hostile.h). */
#ifndef TESTS_STRESS_H
#define TESTS_STRESS_H

#include "../hostile.h"
#include "../user/check.h"
#include <sched.h>
#include <time.h>

#define MiB		(1UL << 20)
#define GiB		(1UL << 30)
#define PT_SPAN		(2 * MiB)	/* what one page table maps */

/* The kernel is alive: a line reaches /dev/console (the real one, not our
 * stdout), /proc/meminfo opens and reads, and a child can be forked and
 * reaped. */
static inline int kernel_alive(const char *what)
{
	static char buf[4096];
	char line[160];
	int fd = open("/dev/console", O_WRONLY);
	EXPECT(fd >= 0);
	int n = snprintf(line, sizeof(line), "# stress: console ok after %s\n", what);
	EXPECT_EQ(write(fd, line, n), n);
	close(fd);
	EXPECT(read_file("/proc/meminfo", buf, sizeof(buf)) > 0);
	EXPECT(proc_field(buf, "MemFree") > 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0)
		_exit(3);
	EXPECT(reap(pid, 3));
	return 1;
}

/* MemTotal of /proc/meminfo in bytes, or 0. */
static inline unsigned long mem_total(void)
{
	static char buf[4096];
	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return 0;
	return (unsigned long)proc_field(buf, "MemTotal") * 1024;
}

static inline long seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* Give the CPU away until cond() holds, at most `seconds`: 1 if it did. */
static inline int yield_until(int (*cond)(void), long seconds)
{
	long deadline = seconds_now() + seconds;
	while (!cond()) {
		if (seconds_now() > deadline)
			return 0;
		sched_yield();
	}
	return 1;
}

/* The status of a process killed by the OOM killer. */
static inline int oom_killed(int status)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* A page of memory shared with our children (MAP_SHARED|MAP_ANONYMOUS),
 * for what they report back; NULL on failure. */
static inline void *shared_page(void)
{
	void *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Fill RAM with a ramfs file until writing fails, then give back `leave`
 * pages of it (ftruncate): a machine with about that much memory free and
 * no process holding it.  The fd (unlink the file `path` to free it all),
 * or -1. */
static inline int fill_with_file(const char *path, unsigned long leave)
{
	static char chunk[64 * 1024];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	memset(chunk, 0xa5, sizeof(chunk));
	long size = 0, w;
	while ((w = write(fd, chunk, sizeof(chunk))) > 0)
		size += w;
	size &= ~(long)(PAGE_SIZE - 1);
	if (ftruncate(fd, size > (long)(leave * PAGE_SIZE) ? size - leave * PAGE_SIZE : 0) < 0) {
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

#endif

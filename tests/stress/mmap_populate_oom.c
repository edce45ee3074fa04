/* tests/stress/mmap_populate_oom.c — MAP_POPULATE of more memory than
 * there is: the populate stops when memory runs out, and the kernel lives.
 *
 * Issue 12 found the whole system hung after one call from a fuzzer:
 * mmap(0x2a, 0x7ffff000, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_SHARED |
 * MAP_ANONYMOUS | MAP_POPULATE | unknown bits, fd, 0x2000000000000).
 * Linux populates until memory runs out, then its OOM killer kills the
 * biggest process, the one populating; faultline's OOM killer kills the
 * process whose allocation failed, the same one here.  Each case runs in
 * a child that must end killed by SIGKILL (or, had the memory sufficed,
 * with mmap's success), and afterwards the console, /proc and fork work
 * and every frame is back (runtests checks MemFree and /proc/mm_audit).
 *
 * Hostile: it exhausts the machine's memory, so it runs only inside
 * faultline (require_faultline; tests/hostile.h). */
#include "../hostile.h"
#include "../user/check.h"

#define HUGE_LEN	0x7ffff000UL	/* 2 GiB - 4 KiB: MAX_RW_COUNT, and more than RAM */
#define UNKNOWN_BITS	0x800000UL	/* no MAP_* flag: ignored with MAP_SHARED, as Linux */

/* Run the mmap in a child; 1 if it ended as want_kill says: killed by the
 * OOM killer (SIGKILL) or, with nothing to allocate, mmap's success. */
static int populate_in_child(unsigned long addr, unsigned long prot, unsigned long flags,
			     unsigned long off, int want_kill)
{
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		void *p = mmap((void *)addr, HUGE_LEN, prot, flags, 3, off);
		_exit(p == MAP_FAILED ? 100 + errno : 0);
	}
	int status = wait_status(pid);
	if (want_kill)
		return expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
			      "the populating child's wait status %#x: not killed by SIGKILL", status);
	explain_status("populating child", status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* After each case: the console, /proc and fork still work. */
static int kernel_alive(void)
{
	static char buf[4096];
	EXPECT_EQ(write(1, "# console ok\n", 13), 13);
	int fd = open("/proc/meminfo", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT(read(fd, buf, sizeof(buf)) > 0);
	close(fd);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(3);
	EXPECT(reap(pid, 3));
	return 1;
}

static int shared_anon_unknown_flags(void)
{
	return populate_in_child(0x2a, PROT_READ | PROT_WRITE | PROT_EXEC,
				 MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE | UNKNOWN_BITS,
				 0x2000000000000UL, 1) & kernel_alive();
}

static int private_anon_write(void)
{
	return populate_in_child(0, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, 0, 1) & kernel_alive();
}

static int private_anon_read(void)
{
	return populate_in_child(0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, 0, 0) &
	       kernel_alive();
}

static const struct check checks[] = {
	CHECK("2 GiB MAP_SHARED|MAP_ANONYMOUS|MAP_POPULATE with unknown flags: OOM kill, "
	      "the kernel lives", shared_anon_unknown_flags),
	CHECK("2 GiB private writable MAP_POPULATE: OOM kill, the kernel lives",
	      private_anon_write),
	CHECK("2 GiB private read-only MAP_POPULATE: the zero page, no OOM", private_anon_read),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}

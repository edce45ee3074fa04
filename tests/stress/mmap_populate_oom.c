/* tests/stress/mmap_populate_oom.c — MAP_POPULATE of more memory than is
 * free: the populate stops when memory runs out, and the kernel lives.
 *
 * Issue 12 found the whole system hung after one call from a fuzzer:
 * mmap(0x2a, 0x7ffff000, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_SHARED |
 * MAP_ANONYMOUS | MAP_POPULATE | unknown bits, fd, 0x2000000000000): the
 * populate filled RAM, stopped, and the process lived on holding it all.
 * Now, as Linux: a request for more than RAM is refused at once (heuristic
 * overcommit: ENOMEM), and a populate that runs out of memory is ended by
 * the OOM killer (Linux's kills the biggest process, the one populating;
 * faultline's the one whose allocation failed, the same one here).  Each
 * case runs in a child; afterwards the console, /proc and fork work and
 * every frame is back (runtests checks MemFree and /proc/mm_audit).
 *
 * Hostile: it exhausts the machine's memory, so it runs only inside
 * faultline (require_faultline; tests/hostile.h). */
#include "../hostile.h"
#include "../user/check.h"

#define FUZZ_LEN	0x7ffff000UL	/* the fuzzer's 2 GiB - 4 KiB: more than RAM here */
#define UNKNOWN_BITS	0x800000UL	/* no MAP_* flag: ignored with MAP_SHARED, as Linux */

enum outcome { MAPPED, REFUSED, OOM_KILLED };

/* The mmap in a child; 1 if it ended as want says. */
static int mmap_in_child(unsigned long addr, unsigned long len, unsigned long prot,
			 unsigned long flags, unsigned long off, enum outcome want)
{
	static const char *const names[] = { "mapped", "refused with ENOMEM", "OOM-killed" };
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		void *p = mmap((void *)addr, len, prot, flags, 3, off);
		_exit(p != MAP_FAILED ? MAPPED : errno == ENOMEM ? REFUSED : 10);
	}
	int status = wait_status(pid);
	enum outcome got = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? OOM_KILLED
			 : WIFEXITED(status) && WEXITSTATUS(status) <= REFUSED ? WEXITSTATUS(status)
			 : (enum outcome)-1;
	return expect(got == want, "mmap of %#lx bytes: want %s, wait status %#x", len,
		      names[want], status);
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

/* All of RAM (MemTotal): allowed by the overcommit heuristic, but more
 * than is free, so populating it must run out. */
static unsigned long all_of_ram(void)
{
	static char buf[4096];
	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return 0;
	return (unsigned long)proc_field(buf, "MemTotal") * 1024;
}

static int fuzzer_call(void)
{
	return mmap_in_child(0x2a, FUZZ_LEN, PROT_READ | PROT_WRITE | PROT_EXEC,
			     MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE | UNKNOWN_BITS,
			     0x2000000000000UL, REFUSED) & kernel_alive();
}

static int shared_all_of_ram(void)
{
	unsigned long len = all_of_ram();
	EXPECT(len);
	return mmap_in_child(0, len, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE | UNKNOWN_BITS, 0,
			     OOM_KILLED) & kernel_alive();
}

static int private_all_of_ram(void)
{
	unsigned long len = all_of_ram();
	EXPECT(len);
	return mmap_in_child(0, len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, 0, OOM_KILLED) &
	       kernel_alive();
}

static int private_read_only(void)
{
	return mmap_in_child(0, FUZZ_LEN, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
			     0, MAPPED) & kernel_alive();
}

static const struct check checks[] = {
	CHECK("the fuzzer's 2 GiB MAP_SHARED|MAP_ANONYMOUS|MAP_POPULATE, unknown flags: "
	      "ENOMEM at once (more than RAM)", fuzzer_call),
	CHECK("MAP_SHARED|MAP_ANONYMOUS|MAP_POPULATE of all of RAM: OOM kill, the kernel lives",
	      shared_all_of_ram),
	CHECK("private writable MAP_POPULATE of all of RAM: OOM kill, the kernel lives",
	      private_all_of_ram),
	CHECK("2 GiB private read-only MAP_POPULATE: the zero page, no OOM", private_read_only),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}

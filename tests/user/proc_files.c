/* tests/user/proc_files.c — what ps, top, free, uptime, mount and df read:
 * /proc/PID/stat, status, cmdline, comm; /proc/uptime, loadavg, stat,
 * cpuinfo, mounts; /etc/passwd and /etc/group; uname's node name. */
#include "check.h"
#include <sys/sysinfo.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <syscall.h>

static char self_cmdline[512];		/* argv as main saw it, NUL-separated */
static size_t self_cmdline_len;

/* The whole of a small file, NUL-terminated; its length or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long n = 0, r;
	while (n < (long)size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

/* Field k (1-based) of a /proc/PID/stat line, after the comm's ')'. */
static long stat_field(const char *line, int k)
{
	const char *p = strrchr(line, ')');
	if (!p || k < 3)
		return -999;
	p += 2;					/* field 3: the state */
	for (int i = 3; i < k; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -999;
		p++;
	}
	return *p == '-' ? -strtol(p + 1, NULL, 10) : strtol(p, NULL, 10);
}

static char stat_state(const char *line)
{
	const char *p = strrchr(line, ')');
	return p ? p[2] : '?';
}

static int self_stat(void)
{
	char buf[1024];
	EXPECT(slurp("/proc/self/stat", buf, sizeof(buf)) > 0);
	EXPECT_EQ(strtol(buf, NULL, 10), getpid());
	EXPECT(strstr(buf, " (proc_files) ") != NULL);
	EXPECT_EQ(stat_state(buf), 'R');
	EXPECT_EQ(stat_field(buf, 4), getppid());
	EXPECT_EQ(stat_field(buf, 5), getpgrp());
	EXPECT_EQ(stat_field(buf, 6), getsid(0));
	EXPECT_EQ(stat_field(buf, 20), 1);		/* num_threads */
	EXPECT(stat_field(buf, 23) > 0);		/* vsize */
	EXPECT(stat_field(buf, 24) >= 0);		/* rss (Linux: 0 in a new child, its
							 * counters are synced later) */
	int fields = 2;					/* pid, (comm), then one a space */
	for (const char *p = strrchr(buf, ')'); *p; p++)
		fields += *p == ' ';
	EXPECT(fields >= 52);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", getpid());
	char again[1024];
	EXPECT(slurp(path, again, sizeof(again)) > 0);
	EXPECT_EQ(strtol(again, NULL, 10), getpid());
	return 1;
}

/* Fields 7 and 8, tty_nr and tpgid: the controlling terminal's device
 * number and its foreground process group (what ps shows as TT and '+'),
 * or 0 and -1 without one; a new session has none.  (In faultline under
 * runtests: the console, 5:1; on Linux whatever terminal runs the test, or
 * none.) */
static int stat_tty(void)
{
	char buf[1024];
	EXPECT(slurp("/proc/self/stat", buf, sizeof(buf)) > 0);
	int fd = open("/dev/tty", O_RDONLY | O_NOCTTY);
	if (fd >= 0) {
		int fg = -2;
		EXPECT_EQ(ioctl(fd, TIOCGPGRP, &fg), 0);
		close(fd);
		EXPECT(stat_field(buf, 7) > 0 && (stat_field(buf, 7) >> 8 & 0xfff) != 0);
		EXPECT_EQ(stat_field(buf, 8), fg);
	} else {
		EXPECT_EQ(errno, ENXIO);
		EXPECT_EQ(stat_field(buf, 7), 0);
		EXPECT_EQ(stat_field(buf, 8), -1);
	}
	pid_t pid = fork_flushed();
	if (pid == 0) {
		if (setsid() < 0 || slurp("/proc/self/stat", buf, sizeof(buf)) <= 0)
			_exit(2);
		_exit(stat_field(buf, 7) == 0 && stat_field(buf, 8) == -1 ? 0 : 1);
	}
	EXPECT_EQ(wait_status(pid), 0);
	return 1;
}

static int self_status(void)
{
	char buf[4096], want[64];
	EXPECT(slurp("/proc/self/status", buf, sizeof(buf)) > 0);
	EXPECT(strncmp(buf, "Name:\tproc_files\n", 17) == 0);
	snprintf(want, sizeof(want), "\nPid:\t%d\n", getpid());
	EXPECT(strstr(buf, want) != NULL);
	snprintf(want, sizeof(want), "\nPPid:\t%d\n", getppid());
	EXPECT(strstr(buf, want) != NULL);
	EXPECT(strstr(buf, "\nState:\tR (running)\n") != NULL);
	EXPECT(strstr(buf, "\nVmRSS:") != NULL);
	EXPECT(strstr(buf, "\nThreads:\t1\n") != NULL);
	EXPECT(strstr(buf, "\nUid:\t0\t0\t0\t0\n") != NULL || getuid() != 0);
	return 1;
}

static int cmdline_and_comm(void)
{
	char buf[512], comm[32];
	long n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	EXPECT_EQ(n, (long)self_cmdline_len);
	EXPECT(memcmp(buf, self_cmdline, self_cmdline_len) == 0);
	EXPECT(slurp("/proc/self/comm", comm, sizeof(comm)) > 0);
	EXPECT(strcmp(comm, "proc_files\n") == 0);
	EXPECT_EQ(syscall(SYS_prctl, 15 /* PR_SET_NAME */, "renamed", 0, 0, 0), 0);
	EXPECT(slurp("/proc/self/comm", comm, sizeof(comm)) > 0);
	EXPECT(strcmp(comm, "renamed\n") == 0);
	return 1;
}

/* A stopped child is 'T', a zombie 'Z' (and its cmdline empty). */
static int other_states(void)
{
	char path[64], buf[1024];
	pid_t pid = fork_flushed();
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		_exit(0);
	}
	int status;
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	EXPECT(slurp(path, buf, sizeof(buf)) > 0);
	EXPECT_EQ(stat_state(buf), 'T');
	kill(pid, SIGKILL);
	for (int i = 0; i < 1000; i++) {	/* dead, not yet waited for: a zombie */
		EXPECT(slurp(path, buf, sizeof(buf)) > 0);
		if (stat_state(buf) == 'Z')
			break;
		sched_yield();
	}
	EXPECT_EQ(stat_state(buf), 'Z');
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	EXPECT_EQ(slurp(path, buf, sizeof(buf)), 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	return 1;
}

/* "12.34" at *p, then the separator sep: its value in hundredths (-1 if
 * it is not there); *p moves past the separator. */
static long hundredths(const char **p, char sep)
{
	char *end;
	long whole = strtol(*p, &end, 10);
	if (end == *p || *end != '.' || end[1] < '0' || end[1] > '9' || end[2] < '0' ||
	    end[2] > '9' || end[3] != sep)
		return -1;
	*p = end + 4;
	return whole * 100 + (end[1] - '0') * 10 + (end[2] - '0');
}

static int system_files(void)
{
	char buf[8192], *end;
	const char *p = buf;
	EXPECT(slurp("/proc/uptime", buf, sizeof(buf)) > 0);
	long up = hundredths(&p, ' ');
	EXPECT(up > 0);
	EXPECT(hundredths(&p, '\n') >= 0);
	EXPECT(slurp("/proc/loadavg", buf, sizeof(buf)) > 0);
	p = buf;
	EXPECT(hundredths(&p, ' ') >= 0 && hundredths(&p, ' ') >= 0 && hundredths(&p, ' ') >= 0);
	long running = strtol(p, &end, 10);
	EXPECT(*end == '/');
	long all = strtol(end + 1, &end, 10), last = strtol(end, &end, 10);
	EXPECT(*end == '\n');
	EXPECT(running >= 1 && all >= running && last > 0);
	EXPECT(slurp("/proc/stat", buf, sizeof(buf)) > 0);
	EXPECT(strncmp(buf, "cpu ", 4) == 0);
	EXPECT(strstr(buf, "\nbtime ") != NULL && strstr(buf, "\nctxt ") != NULL);
	EXPECT(slurp("/proc/cpuinfo", buf, sizeof(buf)) > 0);
	EXPECT(strncmp(buf, "processor\t: 0\n", 14) == 0);
	EXPECT(strstr(buf, "\nmodel name\t: ") != NULL && strstr(buf, "\nflags\t\t: ") != NULL);
	EXPECT(slurp("/proc/mounts", buf, sizeof(buf)) > 0);
	EXPECT(strstr(buf, " /proc proc ") != NULL);
	EXPECT(strstr(buf, " / ") != NULL);		/* the root, by its real name (df) */
	return 1;
}

/* sysinfo(2)'s loads[] and /proc/loadavg are one figure (Linux's avenrun,
 * FSHIFT = 11 bits of fraction): loads[i] is avenrun << (16 - 11), and
 * loadavg prints avenrun + FIXED_1/200 (rounded) in hundredths.  uptime
 * and top read the one, ps and the first the other.  Read loadavg, sysinfo,
 * loadavg again until both reads agree (an update every 5 s). */
static int load_averages(void)
{
	char a[256], b[256];
	struct sysinfo si;
	for (int tries = 0; ; tries++) {
		EXPECT(slurp("/proc/loadavg", a, sizeof(a)) > 0);
		EXPECT_EQ(syscall(SYS_sysinfo, &si), 0);
		EXPECT(slurp("/proc/loadavg", b, sizeof(b)) > 0);
		if (strcmp(a, b) == 0)
			break;
		EXPECT(tries < 10);
	}
	const char *p = a;
	for (int i = 0; i < 3; i++) {
		unsigned long avg = (si.loads[i] >> 5) + 2048 / 200;
		long want = (long)(avg >> 11) * 100 + (long)((avg & 2047) * 100 >> 11);
		long got = hundredths(&p, ' ');
		if (got != want)
			diag("load %d: /proc/loadavg %ld hundredths, sysinfo %lu (%ld)", i, got,
			     si.loads[i], want);
		EXPECT_EQ(got, want);
	}
	return 1;
}

/* What free and top read: /proc/meminfo's Cached, MemAvailable and
 * SReclaimable (without all three BusyBox's free takes the kernel for one
 * older than 3.14 and prints its old "-/+ buffers/cache" line), Shmem (top's
 * "shrd"), and sysinfo's sharedram, which is Shmem in bytes. */
static int meminfo_for_free(void)
{
	static char buf[8192];
	struct sysinfo si;
	long shmem = -2;
	for (int tries = 0; ; tries++) {
		EXPECT(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
		EXPECT_EQ(syscall(SYS_sysinfo, &si), 0);
		shmem = proc_field(buf, "Shmem");
		if (shmem >= 0 && si.sharedram == (unsigned long)shmem * 1024)
			break;
		EXPECT(tries < 10);			/* (it changed between the reads) */
	}
	static const char *const names[] = { "MemTotal", "MemFree", "MemAvailable", "Buffers",
					      "Cached", "SwapTotal", "SwapFree", "Shmem",
					      "SReclaimable", "PageTables" };
	for (int i = 0; i < NCHECKS(names); i++) {
		if (proc_field(buf, names[i]) < 0)
			diag("no %s line", names[i]);
		EXPECT(proc_field(buf, names[i]) >= 0);
	}
	EXPECT(strncmp(buf, "MemTotal:", 9) == 0);
	EXPECT(proc_field(buf, "MemAvailable") <= proc_field(buf, "MemTotal"));
	EXPECT(proc_field(buf, "Shmem") <= proc_field(buf, "Cached"));
	return 1;
}

/* A ramfs file's pages cannot be dropped or written back: MemAvailable goes
 * down with MemFree when /tmp grows (and Shmem up), as tmpfs on Linux. */
static int ramfs_not_available(void)
{
	static char buf[8192], page[4096];
	EXPECT(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
	long avail0 = proc_field(buf, "MemAvailable"), shmem0 = proc_field(buf, "Shmem");
	int fd = open("/tmp/proc_files_mem", O_RDWR | O_CREAT | O_TRUNC, 0600);
	EXPECT(fd >= 0);
	unlink("/tmp/proc_files_mem");
	memset(page, 'x', sizeof(page));
	for (int i = 0; i < 256; i++)
		EXPECT_EQ(write(fd, page, sizeof(page)), (long)sizeof(page));
	EXPECT(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
	long avail1 = proc_field(buf, "MemAvailable"), shmem1 = proc_field(buf, "Shmem");
	close(fd);
	if (avail0 - avail1 < 1000 || shmem1 - shmem0 < 1000)
		diag("MemAvailable %ld -> %ld kB, Shmem %ld -> %ld kB for a 1024 kB file",
		     avail0, avail1, shmem0, shmem1);
	EXPECT(avail0 - avail1 >= 1000);
	EXPECT(shmem1 - shmem0 >= 1000);
	return 1;
}

static int users_and_groups(void)
{
	char buf[4096];
	EXPECT(slurp("/etc/passwd", buf, sizeof(buf)) > 0);
	EXPECT(strncmp(buf, "root:x:0:0:", 11) == 0 || strstr(buf, "\nroot:x:0:0:") != NULL);
	EXPECT(slurp("/etc/group", buf, sizeof(buf)) > 0);
	EXPECT(strncmp(buf, "root:x:0:", 9) == 0 || strstr(buf, "\nroot:x:0:") != NULL);
	return 1;
}

/* getgroups: the count, then the list (id, groups); a negative size, or one
 * smaller than the count, EINVAL.  faultline has none; Linux's root may. */
static int supplementary_groups(void)
{
	unsigned int list[256];
	long n = syscall(SYS_getgroups, 0, NULL);
	EXPECT(n >= 0 && n <= 256);
	EXPECT_EQ(syscall(SYS_getgroups, 256, list), n);
	EXPECT_ERRNO(syscall(SYS_getgroups, -1, list), EINVAL);
	if (n > 0)
		EXPECT_ERRNO(syscall(SYS_getgroups, n - 1, list), EINVAL);
	if (on_faultline())
		EXPECT_EQ(n, 0);
	return 1;
}

/* (faultline only: on the Linux host, as root, this would rename the host) */
static int hostname(void)
{
	struct utsname u;
	EXPECT_EQ(syscall(SYS_sethostname, "lab-machine", 11), 0);
	EXPECT_EQ(uname(&u), 0);
	EXPECT(strcmp(u.nodename, "lab-machine") == 0);
	char long_name[80];
	memset(long_name, 'x', sizeof(long_name));
	EXPECT_ERRNO(syscall(SYS_sethostname, long_name, sizeof(long_name)), EINVAL);
	EXPECT_EQ(syscall(SYS_sethostname, "faultline", 9), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("/proc/self/stat: pid, (comm), R, ppid, pgrp, session, 52 fields", self_stat),
	CHECK("/proc/self/stat: tty_nr and tpgid, the controlling terminal's; none after setsid",
	      stat_tty),
	CHECK("/proc/self/status: Name, State, Pid, PPid, VmRSS, Threads", self_status),
	CHECK("/proc/self/cmdline is argv; /proc/self/comm follows PR_SET_NAME", cmdline_and_comm),
	CHECK("/proc/PID/stat: a stopped child T, a zombie Z", other_states),
	CHECK("/proc/uptime, loadavg, stat, cpuinfo, mounts in Linux's formats", system_files),
	CHECK("sysinfo's load averages are /proc/loadavg's", load_averages),
	CHECK("/proc/meminfo has what free and top read; sysinfo's shared is Shmem",
	      meminfo_for_free),
	FAULTLINE_ONLY("a ramfs file's pages are Shmem, not MemAvailable", ramfs_not_available,
		       "/tmp may be on a disk, whose cached pages are available"),
	CHECK("/etc/passwd and /etc/group name root", users_and_groups),
	CHECK("getgroups: the count, the list; EINVAL for a negative or short size",
	      supplementary_groups),
	FAULTLINE_ONLY("sethostname renames the node uname reports", hostname,
		       "it would rename the Linux host"),
};

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (self_cmdline_len + n > sizeof(self_cmdline))
			break;
		memcpy(self_cmdline + self_cmdline_len, argv[i], n);
		self_cmdline_len += n;
	}
	return run_checks(checks, NCHECKS(checks));
}

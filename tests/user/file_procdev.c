/* tests/user/file_procdev.c — /proc and /dev are the kernel's: a user
 * program can read them and open their files, not remove, make, rename or
 * truncate what is in them (issue 12, item 3).  The errors are Linux's, as
 * root sees them (make test-linux runs as root; everyone is root here):
 *
 *	/proc	a name it lacks: ENOENT (so mkdir and creat of a new name too);
 *		unlink and rmdir: EPERM; rmdir /proc: EBUSY; truncate and
 *		O_TRUNC: 0, nothing changes; open for writing: allowed, write
 *		EIO (meminfo, vmstat) or EINVAL (maps)
 *	/dev	a node's own namespace errors as on Linux (EEXIST, ENOTDIR,
 *		EINVAL); unlink EPERM, mkdir EPERM, creat EACCES on faultline
 *		only: Linux's /dev is devtmpfs, where root may do all three
 *
 * On the host nothing here can change anything: the destructive calls are
 * made only on /proc, which Linux refuses, on names that do not exist, or
 * (the /dev ones Linux would allow) on faultline alone. */
#include "check.h"
#include <sys/stat.h>
#include <dirent.h>

#define WHY_DEVTMPFS	"Linux's /dev is devtmpfs: root may unlink, mkdir and creat there"

static char text[16384];

/* path reads as text starting with first (the file is still what it was). */
static int reads_as(const char *path, const char *first)
{
	ssize_t n = read_file(path, text, sizeof(text));
	return expect(n > 0 && !strncmp(text, first, strlen(first)),
		      "%s: read %ld bytes, want text starting \"%s\": \"%.40s\"", path, (long)n,
		      first, n > 0 ? text : "");
}

/* path exists, as a file of type (S_IFREG, S_IFDIR, S_IFCHR), of size. */
static int is_file(const char *path, unsigned type, long size)
{
	struct stat st;
	if (!expect(stat(path, &st) == 0, "stat %s: errno %d (%s)", path, errno, strerror(errno)))
		return 0;
	return expect((st.st_mode & S_IFMT) == type, "%s: mode %#o, want type %#o", path,
		      st.st_mode, type) &
	       (size < 0 || expect_eq(st.st_size, size, path));
}

static char self_dir[32];		/* "/proc/PID" of this process */

static const char *proc_self_dir(void)
{
	snprintf(self_dir, sizeof(self_dir), "/proc/%d", getpid());
	return self_dir;
}

/* unlink of a /proc file: EPERM, and the file is still there.  faultline's
 * own /proc/faults and /proc/mm_audit do not exist on Linux: ENOENT there. */
static int proc_unlink(void)
{
	static const char *const files[] = { "/proc/meminfo", "/proc/vmstat", "/proc/self/maps",
					     "/proc/faults", "/proc/mm_audit" };
	int r = 1;
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct stat st;
		int there = stat(files[i], &st) == 0;
		r &= expect(there || i >= 3, "stat %s: errno %d", files[i], errno);
		r &= expect_errno(unlink(files[i]), there ? EPERM : ENOENT, files[i]);
		r &= !there || is_file(files[i], S_IFREG, 0);
	}
	return r & reads_as("/proc/meminfo", "MemTotal:") &
	       expect_errno(unlink("/proc/no-such-file"), ENOENT, "unlink a name /proc lacks") &
	       expect_errno(unlink("/proc/meminfo/"), ENOTDIR, "unlink /proc/meminfo/") &
	       expect_errno(unlink(proc_self_dir()), EPERM, "unlink /proc/PID (immutable)") &
	       expect_errno(unlink("/proc/self"), EPERM, "unlink /proc/self") &
	       expect_errno(unlink("/proc"), EISDIR, "unlink /proc");
}

/* rmdir of a /proc directory: EPERM (/proc itself: EBUSY, a mount point);
 * in /proc/PID, immutable, even of a file: EPERM. */
static int proc_rmdir(void)
{
	return expect_errno(rmdir(proc_self_dir()), EPERM, "rmdir /proc/PID") &
	       expect_errno(rmdir("/proc/self/maps"), EPERM, "rmdir /proc/self/maps") &
	       is_file(proc_self_dir(), S_IFDIR, -1) &
	       expect_errno(rmdir("/proc"), EBUSY, "rmdir /proc") &
	       expect_errno(rmdir("/proc/meminfo"), ENOTDIR, "rmdir /proc/meminfo") &
	       expect_errno(rmdir("/proc/no-such-dir"), ENOENT, "rmdir a name /proc lacks") &
	       expect_errno(rmdir("/proc/."), EINVAL, "rmdir /proc/.") &
	       is_file("/proc/self/maps", S_IFREG, 0);
}

/* mkdir in /proc: a new name is ENOENT (the lookup fails first), a name in
 * use EEXIST.  99999999 is above Linux's largest pid (4194304). */
static int proc_mkdir(void)
{
	int r = expect_errno(mkdir("/proc/99999999", 0755), ENOENT, "mkdir /proc/99999999") &
		expect_errno(mkdir("/proc/newdir", 0755), ENOENT, "mkdir /proc/newdir") &
		expect_errno(mkdir("/proc/self/newdir", 0755), ENOENT, "mkdir /proc/self/newdir") &
		expect_errno(mkdir("/proc/meminfo", 0755), EEXIST, "mkdir /proc/meminfo") &
		expect_errno(mkdir("/proc/self", 0755), EEXIST, "mkdir /proc/self") &
		expect_errno(mkdir("/proc/meminfo/x", 0755), ENOTDIR, "mkdir /proc/meminfo/x");
	/* the same from inside, by a relative name */
	EXPECT_EQ(chdir("/proc/self"), 0);
	r &= expect_errno(mkdir("newdir", 0755), ENOENT, "mkdir newdir in /proc/self");
	EXPECT_EQ(chdir("/"), 0);
	return r & expect_errno(stat("/proc/newdir", &(struct stat){ 0 }), ENOENT, "stat /proc/newdir") &
	       is_file("/proc/meminfo", S_IFREG, 0);
}

/* creat, O_CREAT of a new name: ENOENT; of a file there: it opens (O_EXCL:
 * EEXIST); of a directory there: EISDIR. */
static int proc_creat(void)
{
	int r = expect_errno(creat("/proc/newfile", 0644), ENOENT, "creat /proc/newfile") &
		expect_errno(open("/proc/newfile", O_RDWR | O_CREAT | O_EXCL, 0644), ENOENT,
			     "O_CREAT|O_EXCL /proc/newfile") &
		expect_errno(open("/proc/self/newfile", O_WRONLY | O_CREAT, 0644), ENOENT,
			     "O_CREAT /proc/self/newfile") &
		expect_errno(open("/proc/meminfo", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST,
			     "O_CREAT|O_EXCL /proc/meminfo") &
		expect_errno(open("/proc/self", O_RDONLY | O_CREAT, 0644), EISDIR,
			     "O_CREAT /proc/self");
	int fd = open("/proc/meminfo", O_RDONLY | O_CREAT, 0644);
	EXPECT(fd >= 0);
	EXPECT(read(fd, text, 9) == 9 && !strncmp(text, "MemTotal:", 9));
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(chdir("/proc"), 0);
	r &= expect_errno(creat("newfile", 0644), ENOENT, "creat newfile in /proc");
	EXPECT_EQ(chdir("/"), 0);
	return r & expect_errno(stat("/proc/newfile", &(struct stat){ 0 }), ENOENT,
				"stat /proc/newfile");
}

/* truncate, O_TRUNC and ftruncate of a /proc file: 0 (as root on Linux:
 * proc's setattr takes the size and changes nothing), and nothing changed:
 * the size stays 0, the text is whole.  Not open for writing: EINVAL. */
static int proc_truncate(void)
{
	EXPECT_EQ(truncate("/proc/vmstat", 0), 0);
	EXPECT_EQ(truncate("/proc/vmstat", 4096), 0);
	EXPECT_EQ(truncate("/proc/self/maps", 100), 0);
	EXPECT(is_file("/proc/vmstat", S_IFREG, 0));
	EXPECT(is_file("/proc/self/maps", S_IFREG, 0));
	EXPECT(reads_as("/proc/vmstat", "nr_free_pages "));
	EXPECT_ERRNO(truncate("/proc/self", 0), EISDIR);
	EXPECT_ERRNO(truncate("/proc/no-such-file", 0), ENOENT);
	int fd = open("/proc/vmstat", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(ftruncate(fd, 0), EINVAL);
	EXPECT_EQ(close(fd), 0);
	if (geteuid() != 0)			/* Linux, not as root: no write permission */
		return expect_errno(open("/proc/vmstat", O_WRONLY | O_TRUNC), EACCES, "O_TRUNC");
	fd = open("/proc/vmstat", O_WRONLY | O_TRUNC);
	EXPECT(fd >= 0);
	EXPECT_EQ(ftruncate(fd, 0), 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT(is_file("/proc/vmstat", S_IFREG, 0));
	return reads_as("/proc/vmstat", "nr_free_pages ");
}

/* Opening a /proc file for writing: root may (Linux checks permission
 * bits, which root passes), but a write is EIO (/proc/meminfo: an entry
 * without ->proc_write) or EINVAL (/proc/self/maps: no ->write at all). */
static int proc_open_write(void)
{
	if (geteuid() != 0)
		return expect_errno(open("/proc/meminfo", O_WRONLY), EACCES, "O_WRONLY as a user");
	int fd = open("/proc/meminfo", O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(write(fd, "MemTotal: 1 kB\n", 15), EIO);
	EXPECT(read(fd, text, 9) == 9 && !strncmp(text, "MemTotal:", 9));
	EXPECT_EQ(close(fd), 0);
	fd = open("/proc/self/maps", O_WRONLY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(write(fd, "x", 1), EINVAL);
	EXPECT_EQ(close(fd), 0);
	fd = open("/proc/meminfo", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(write(fd, "x", 1), EBADF);
	EXPECT_EQ(close(fd), 0);
	return reads_as("/proc/meminfo", "MemTotal:");
}

/* The calls on /dev that Linux refuses too (devtmpfs or not), each on
 * /dev/null or a name /dev lacks; /dev/null still works afterwards. */
static int dev_refused_everywhere(void)
{
	int r = expect_errno(mkdir("/dev/null", 0755), EEXIST, "mkdir /dev/null") &
		expect_errno(open("/dev/null", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
			     "O_CREAT|O_EXCL /dev/null") &
		expect_errno(rmdir("/dev/null"), ENOTDIR, "rmdir /dev/null") &
		expect_errno(unlink("/dev/null/"), ENOTDIR, "unlink /dev/null/") &
		expect_errno(creat("/dev/null/x", 0644), ENOTDIR, "creat /dev/null/x") &
		expect_errno(mkdir("/dev/null/x", 0755), ENOTDIR, "mkdir /dev/null/x") &
		expect_errno(truncate("/dev/null", 0), EINVAL, "truncate /dev/null") &
		expect_errno(unlink("/dev/no-such-node"), ENOENT, "unlink a name /dev lacks") &
		expect_errno(rmdir("/dev/no-such-dir"), ENOENT, "rmdir a name /dev lacks") &
		expect_errno(rmdir("/dev"), EBUSY, "rmdir /dev") &
		expect_errno(unlink("/dev"), EISDIR, "unlink /dev");
	int fd = open("/dev/null", O_WRONLY | O_TRUNC);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(ftruncate(fd, 0), EINVAL);
	EXPECT_EQ(write(fd, "gone", 4), 4);
	EXPECT_EQ(close(fd), 0);
	return r & is_file("/dev/null", S_IFCHR, 0);
}

/* faultline's /dev is the kernel's: unlink, mkdir, creat there are refused
 * (Linux's devtmpfs lets root do them: not tried on the host). */
static int dev_is_the_kernels(void)
{
	int r = expect_errno(unlink("/dev/null"), EPERM, "unlink /dev/null") &
		expect_errno(unlink("/dev/console"), EPERM, "unlink /dev/console") &
		expect_errno(mkdir("/dev/x", 0755), EPERM, "mkdir /dev/x") &
		expect_errno(creat("/dev/newfile", 0644), EACCES, "creat /dev/newfile") &
		expect_errno(open("/dev/newfile", O_RDWR | O_CREAT | O_EXCL, 0600), EACCES,
			     "O_CREAT|O_EXCL /dev/newfile") &
		expect_errno(stat("/dev/x", &(struct stat){ 0 }), ENOENT, "stat /dev/x") &
		expect_errno(stat("/dev/newfile", &(struct stat){ 0 }), ENOENT, "stat /dev/newfile");
	int fd = open("/dev/null", O_WRONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "still here", 10), 10);
	EXPECT_EQ(close(fd), 0);
	return r & is_file("/dev/null", S_IFCHR, 0) & is_file("/dev/console", S_IFCHR, 0);
}

static const struct check checks[] = {
	CHECK("unlink of a /proc file: EPERM, and it stays", proc_unlink),
	CHECK("rmdir in /proc: EPERM; rmdir /proc: EBUSY", proc_rmdir),
	CHECK("mkdir in /proc: ENOENT for a new name, EEXIST for an old one", proc_mkdir),
	CHECK("creat and O_CREAT of a new /proc name: ENOENT; O_EXCL of a file: EEXIST",
	      proc_creat),
	CHECK("truncate, O_TRUNC, ftruncate of /proc files: 0, nothing changes", proc_truncate),
	CHECK("a /proc file opened for writing: write is EIO (maps: EINVAL)", proc_open_write),
	CHECK("/dev: EEXIST, ENOTDIR, EINVAL, ENOENT, EBUSY as Linux", dev_refused_everywhere),
	FAULTLINE_ONLY("/dev is the kernel's: unlink and mkdir EPERM, creat EACCES",
		       dev_is_the_kernels, WHY_DEVTMPFS),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}

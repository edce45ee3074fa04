/* tests/user/file_attrs.c — what stat shows that a program may change:
 * the mode (chmod, fchmod, fchmodat, and umask at creation), the owner
 * (chown, fchown, lchown, fchownat, which drop set-user-ID), the times
 * (utimensat with UTIME_NOW and UTIME_OMIT, futimens, utimes, futimesat,
 * utime, to the nanosecond); and faccessat2's flags, statfs, mknod.
 *
 * Everything happens in a scratch directory made in the current one
 * (faultline: /tmp; Linux: build/linux-tmp) and removed at the end.  The
 * checks run as root on both (everyone is root on faultline). */
#include "file.h"
#include <dirent.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <utime.h>

#define SCRATCH	"file_attrs.d"

static mode_t mode_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) < 0 ? (mode_t)-1 : st.st_mode;
}

/* ---- mode ------------------------------------------------------------- */

static int chmod_modes(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(chmod("f", 0640), 0);
	EXPECT_EQ(mode_of("f"), S_IFREG | 0640);
	EXPECT_EQ(chmod("f", 07777 | S_IFDIR), 0);	/* the type bits are ignored */
	EXPECT_EQ(mode_of("f"), S_IFREG | 07777);
	int fd = open("f", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(fchmod(fd, 0600), 0);
	EXPECT_EQ(mode_of("f"), S_IFREG | 0600);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(mkdir("d", 0755), 0);
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	EXPECT(dfd >= 0);
	EXPECT_EQ(write_file("d/g", "y"), 0);
	EXPECT_EQ(fchmodat(dfd, "g", 0444, 0), 0);
	EXPECT_EQ(mode_of("d/g"), S_IFREG | 0444);
	EXPECT_EQ(chmod("d", 0700), 0);
	EXPECT_EQ(mode_of("d"), S_IFDIR | 0700);
	EXPECT_EQ(close(dfd), 0);
	/* through a symbolic link: the target changes, the link stays 0777 */
	EXPECT_EQ(symlink("f", "l"), 0);
	EXPECT_EQ(chmod("l", 0604), 0);
	EXPECT_EQ(mode_of("f"), S_IFREG | 0604);
	EXPECT_EQ(mode_of("l"), S_IFLNK | 0777);
	EXPECT_ERRNO(chmod("missing", 0600), ENOENT);
	EXPECT_ERRNO(fchmod(-1, 0600), EBADF);
	EXPECT_EQ(unlink("l"), 0);
	EXPECT_EQ(unlink("d/g"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* chmod changes ctime, not mtime. */
static int chmod_ctime(void)
{
	struct stat st;
	struct timespec old[2] = { { 1000, 0 }, { 2000, 0 } };
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(utimensat(AT_FDCWD, "f", old, 0), 0);
	EXPECT_EQ(chmod("f", 0600), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_mtime, 2000);
	EXPECT(st.st_ctime > 2000);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- umask ------------------------------------------------------------ */

/* Linux's init starts with 022; faultline's first program is init. */
static int umask_default(void)
{
	EXPECT_EQ(umask(0), 022);
	return 1;
}

static int umask_applies(void)
{
	umask(027);
	EXPECT_EQ(umask(027), 027);			/* umask returns the old mask */
	EXPECT_EQ(write_file("f", "x"), 0);		/* open(O_CREAT, 0644) */
	EXPECT_EQ(mode_of("f"), S_IFREG | 0640);
	int fd = creat("c", 0666);
	EXPECT(fd >= 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(mode_of("c"), S_IFREG | 0640);
	EXPECT_EQ(mkdir("d", 0777), 0);
	EXPECT_EQ(mode_of("d"), S_IFDIR | 0750);
	EXPECT_EQ(mkdirat(AT_FDCWD, "d2", 0777), 0);
	EXPECT_EQ(mode_of("d2"), S_IFDIR | 0750);
	EXPECT_EQ(mknod("n", S_IFREG | 0666, 0), 0);
	EXPECT_EQ(mode_of("n"), S_IFREG | 0640);
	EXPECT_EQ(symlink("f", "l"), 0);		/* links: always 0777 */
	EXPECT_EQ(mode_of("l"), S_IFLNK | 0777);
	EXPECT_EQ(chmod("f", 0666), 0);			/* chmod is not masked */
	EXPECT_EQ(mode_of("f"), S_IFREG | 0666);
	umask(0777 | 07000);
	EXPECT_EQ(umask(0), 0777);			/* only the permission bits are kept */
	/* a child inherits it */
	umask(077);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(umask(0) == 077 ? 0 : 1);
	EXPECT(reap(pid, 0));
	EXPECT_EQ(unlink("l"), 0);
	EXPECT_EQ(unlink("n"), 0);
	EXPECT_EQ(rmdir("d2"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("c"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- owner ------------------------------------------------------------ */

static int chown_ids(void)
{
	struct stat st;
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(chown("f", 1234, 5678), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_uid, 1234);
	EXPECT_EQ(st.st_gid, 5678);
	EXPECT_EQ(chown("f", -1, 42), 0);		/* -1: unchanged */
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_uid, 1234);
	EXPECT_EQ(st.st_gid, 42);
	int fd = open("f", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(fchown(fd, 7, -1), 0);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_uid, 7);
	EXPECT_EQ(st.st_gid, 42);
	EXPECT_EQ(fchownat(fd, "", 8, 9, AT_EMPTY_PATH), 0);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_uid, 8);
	EXPECT_EQ(st.st_gid, 9);
	EXPECT_EQ(close(fd), 0);
	/* lchown and AT_SYMLINK_NOFOLLOW change the link, chown its target */
	EXPECT_EQ(symlink("f", "l"), 0);
	EXPECT_EQ(lchown("l", 100, 101), 0);
	EXPECT_EQ(lstat("l", &st), 0);
	EXPECT_EQ(st.st_uid, 100);
	EXPECT_EQ(stat("l", &st), 0);
	EXPECT_EQ(st.st_uid, 8);
	EXPECT_EQ(fchownat(AT_FDCWD, "l", 200, 201, AT_SYMLINK_NOFOLLOW), 0);
	EXPECT_EQ(lstat("l", &st), 0);
	EXPECT_EQ(st.st_uid, 200);
	EXPECT_EQ(chown("l", 300, 301), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_uid, 300);
	EXPECT_ERRNO(fchownat(AT_FDCWD, "f", 0, 0, 0x8000), EINVAL);
	EXPECT_ERRNO(chown("missing", 0, 0), ENOENT);
	EXPECT_ERRNO(fchown(-1, 0, 0), EBADF);
	EXPECT_EQ(unlink("l"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* chown of a file drops set-user-ID, and set-group-ID when the group may
 * execute, even for root (Linux's chown_common); not for a directory. */
static int chown_drops_setid(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(chmod("f", 06755), 0);
	EXPECT_EQ(chown("f", -1, -1), 0);
	EXPECT_EQ(mode_of("f"), S_IFREG | 0755);
	EXPECT_EQ(chmod("f", 02745), 0);		/* no group x: set-group-ID stays */
	EXPECT_EQ(chown("f", 0, 0), 0);
	EXPECT_EQ(mode_of("f"), S_IFREG | 02745);
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(chmod("d", 02775), 0);
	EXPECT_EQ(chown("d", 0, 0), 0);
	EXPECT_EQ(mode_of("d"), S_IFDIR | 02775);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- times ------------------------------------------------------------ */

static int utimensat_times(void)
{
	struct stat st;
	struct timespec t[2] = { { 1000000000, 123456789 }, { 1100000000, 987654321 } };
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(utimensat(AT_FDCWD, "f", t, 0), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
	EXPECT_EQ(st.st_atim.tv_nsec, 123456789);
	EXPECT_EQ(st.st_mtim.tv_sec, 1100000000);
	EXPECT_EQ(st.st_mtim.tv_nsec, 987654321);
	/* UTIME_OMIT keeps one; UTIME_NOW sets it to now */
	struct timespec now;
	EXPECT_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
	struct timespec t2[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	EXPECT_EQ(utimensat(AT_FDCWD, "f", t2, 0), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
	EXPECT_EQ(st.st_atim.tv_nsec, 123456789);
	EXPECT(st.st_mtim.tv_sec >= now.tv_sec - 2 && st.st_mtim.tv_sec <= now.tv_sec + 2);
	/* NULL: both now */
	EXPECT_EQ(utimensat(AT_FDCWD, "f", NULL, 0), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT(st.st_atim.tv_sec >= now.tv_sec - 2 && st.st_atim.tv_sec <= now.tv_sec + 2);
	/* both UTIME_OMIT: 0, not even a lookup */
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	EXPECT_EQ(utimensat(AT_FDCWD, "missing", omit, 0), 0);
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	EXPECT_ERRNO(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	bad[0].tv_nsec = -1;
	EXPECT_ERRNO(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	EXPECT_ERRNO(utimensat(AT_FDCWD, "f", t, 0x8000), EINVAL);
	EXPECT_ERRNO(utimensat(AT_FDCWD, "missing", t, 0), ENOENT);
	EXPECT_ERRNO(utimensat(AT_FDCWD, NULL, t, 0), EFAULT);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* A NULL path with an fd is futimens; AT_SYMLINK_NOFOLLOW: the link's own. */
static int utimensat_fd_and_links(void)
{
	struct stat st;
	struct timespec t[2] = { { 5000, 5 }, { 6000, 6 } };
	EXPECT_EQ(write_file("f", "x"), 0);
	int fd = open("f", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(futimens(fd, t), 0);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_mtim.tv_sec, 6000);
	EXPECT_EQ(st.st_mtim.tv_nsec, 6);
	EXPECT_ERRNO(utimensat(fd, NULL, t, AT_SYMLINK_NOFOLLOW), EINVAL);
	EXPECT_ERRNO(futimens(-1, t), EBADF);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(symlink("f", "l"), 0);
	struct timespec tl[2] = { { 7000, 0 }, { 8000, 0 } };
	EXPECT_EQ(utimensat(AT_FDCWD, "l", tl, AT_SYMLINK_NOFOLLOW), 0);
	EXPECT_EQ(lstat("l", &st), 0);
	EXPECT_EQ(st.st_mtime, 8000);
	EXPECT_EQ(stat("l", &st), 0);
	EXPECT_EQ(st.st_mtime, 6000);			/* the target untouched */
	EXPECT_EQ(utimensat(AT_FDCWD, "l", tl, 0), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_mtime, 8000);
	EXPECT_EQ(unlink("l"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* utimes and futimesat take microseconds, utime whole seconds. */
static int utimes_utime(void)
{
	struct stat st;
	struct timeval tv[2] = { { 3000, 1 }, { 4000, 999999 } };
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(utimes("f", tv), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_atim.tv_sec, 3000);
	EXPECT_EQ(st.st_atim.tv_nsec, 1000);
	EXPECT_EQ(st.st_mtim.tv_nsec, 999999000);
	tv[1].tv_usec = 1000000;
	EXPECT_ERRNO(utimes("f", tv), EINVAL);
	struct timeval tv2[2] = { { 10, 0 }, { 20, 0 } };
	EXPECT_EQ(futimesat(AT_FDCWD, "f", tv2), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_mtime, 20);
	struct utimbuf ub = { 30, 40 };
	EXPECT_EQ(utime("f", &ub), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT_EQ(st.st_atime, 30);
	EXPECT_EQ(st.st_mtime, 40);
	EXPECT_EQ(st.st_mtim.tv_nsec, 0);
	EXPECT_EQ(utime("f", NULL), 0);
	EXPECT_EQ(stat("f", &st), 0);
	EXPECT(st.st_mtime > 40);
	EXPECT_ERRNO(utime("missing", &ub), ENOENT);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- faccessat2 ------------------------------------------------------- */

static int faccessat2_flags(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(chmod("f", 0644), 0);
	EXPECT_EQ(symlink("nowhere", "dangling"), 0);
	EXPECT_EQ(faccessat(AT_FDCWD, "f", R_OK | W_OK, AT_EACCESS), 0);
	EXPECT_ERRNO(faccessat(AT_FDCWD, "f", X_OK, AT_EACCESS), EACCES);	/* root too */
	EXPECT_ERRNO(faccessat(AT_FDCWD, "dangling", F_OK, AT_EACCESS), ENOENT);
	EXPECT_EQ(faccessat(AT_FDCWD, "dangling", F_OK, AT_SYMLINK_NOFOLLOW), 0);
	int fd = open("f", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(faccessat(fd, "", R_OK, AT_EMPTY_PATH), 0);
	EXPECT_ERRNO(faccessat(fd, "", R_OK, AT_EACCESS), ENOENT);
	EXPECT_ERRNO(faccessat(AT_FDCWD, "f", R_OK, 0x8000), EINVAL);
	EXPECT_ERRNO(faccessat(AT_FDCWD, "f", 8, AT_EACCESS), EINVAL);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("dangling"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- statfs ----------------------------------------------------------- */

static int statfs_proc_dev(void)
{
	struct statfs s, fs;
	EXPECT_EQ(statfs("/proc", &s), 0);
	EXPECT_EQ(s.f_type, PROC_SUPER_MAGIC);
	EXPECT_EQ(s.f_namelen, 255);
	EXPECT(s.f_flags & ST_VALID);
	EXPECT_EQ(statfs("/proc/meminfo", &s), 0);
	EXPECT_EQ(s.f_type, PROC_SUPER_MAGIC);
	EXPECT_EQ(statfs("/dev", &s), 0);
	EXPECT_EQ(s.f_type, TMPFS_MAGIC);		/* devtmpfs */
	int fd = open("/dev/null", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(fstatfs(fd, &fs), 0);
	EXPECT_EQ(fs.f_type, TMPFS_MAGIC);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(statfs(".", &s), 0);
	EXPECT(s.f_bsize > 0);
	EXPECT(s.f_bfree <= s.f_blocks);
	EXPECT(s.f_bavail <= s.f_blocks);
	EXPECT(s.f_flags & ST_VALID);
	EXPECT_ERRNO(statfs("missing", &s), ENOENT);
	EXPECT_ERRNO(fstatfs(-1, &s), EBADF);
	return 1;
}

/* faultline's ramfs answers as tmpfs, from the free memory. */
static int statfs_ramfs(void)
{
	struct statfs s;
	EXPECT_EQ(statfs("/", &s), 0);
	EXPECT_EQ(s.f_type, TMPFS_MAGIC);
	EXPECT_EQ(s.f_bsize, 4096);
	EXPECT_EQ(s.f_frsize, 4096);
	EXPECT_EQ(s.f_namelen, 255);
	EXPECT(s.f_blocks > 0 && s.f_bfree > 0 && s.f_bfree <= s.f_blocks);
	EXPECT(s.f_files > 0 && s.f_ffree > 0 && s.f_ffree <= s.f_files);
	long free_pages = mem_free_kb() / 4;	/* a read of /proc/meminfo later: close */
	EXPECT(labs((long)s.f_bfree - free_pages) < 256);
	/* used (f_blocks - f_bfree) is the pages its files hold: a 1 MiB file
	 * adds 256; /dev holds none (df's Used and Use%) */
	static char page[4096];
	struct statfs d, after;
	EXPECT_EQ(statfs("/", &s), 0);
	int fd = open("/tmp/statfs_used", O_RDWR | O_CREAT | O_TRUNC, 0600);
	EXPECT(fd >= 0);
	memset(page, 'u', sizeof(page));
	for (int i = 0; i < 256; i++)
		EXPECT_EQ(write(fd, page, sizeof(page)), (long)sizeof(page));
	EXPECT_EQ(statfs("/", &after), 0);
	EXPECT_EQ(unlink("/tmp/statfs_used"), 0);
	EXPECT_EQ(close(fd), 0);
	long grew = (long)(after.f_blocks - after.f_bfree) - (long)(s.f_blocks - s.f_bfree);
	if (grew < 256 || grew > 266)
		diag("used blocks of / grew by %ld for 256 pages written", grew);
	EXPECT(grew >= 256 && grew <= 266);
	EXPECT_EQ(statfs("/dev", &d), 0);
	EXPECT_EQ(d.f_blocks - d.f_bfree, 0);
	EXPECT(d.f_bfree > 0);
	return 1;
}

/* ---- mknod ------------------------------------------------------------ */

static int mknod_types(void)
{
	char buf[256];
	EXPECT_EQ(mknod("fifo", S_IFIFO | 0600, 0), 0);
	EXPECT_EQ(mode_of("fifo"), S_IFIFO | 0600);
	EXPECT_EQ(mknod("reg", S_IFREG | 0600, 0), 0);
	EXPECT_EQ(mode_of("reg"), S_IFREG | 0600);
	EXPECT_EQ(mknod("zero", 0600, 0), 0);		/* type 0: a regular file */
	EXPECT_EQ(mode_of("zero"), S_IFREG | 0600);
	EXPECT_EQ(mknodat(AT_FDCWD, "fifo2", S_IFIFO | 0644, 0), 0);
	EXPECT_ERRNO(mknod("dir", S_IFDIR | 0700, 0), EPERM);
	EXPECT_ERRNO(mknod("bad", 0170000 | 0600, 0), EINVAL);
	EXPECT_ERRNO(mknod("fifo", S_IFIFO | 0600, 0), EEXIST);
	EXPECT_ERRNO(mknod("nodir/x", S_IFIFO | 0600, 0), ENOENT);
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	long n = getdents64(fd, buf, sizeof(buf));
	EXPECT(n > 0);
	int fifo_type = -1;
	for (long off = 0; off < n;) {
		struct dirent *d = (struct dirent *)(buf + off);
		if (!strcmp(d->d_name, "fifo"))
			fifo_type = d->d_type;
		off += d->d_reclen;
	}
	EXPECT_EQ(fifo_type, DT_FIFO);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("fifo"), 0);
	EXPECT_EQ(unlink("fifo2"), 0);
	EXPECT_EQ(unlink("reg"), 0);
	EXPECT_EQ(unlink("zero"), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("chmod, fchmod, fchmodat; through a link; errors", chmod_modes),
	CHECK("chmod changes ctime, not mtime", chmod_ctime),
	FAULTLINE_ONLY("umask starts at 022 (init's)", umask_default,
		       "on the host it is the shell's"),
	CHECK("umask: open, creat, mkdir, mknod; not symlink, chmod; fork", umask_applies),
	CHECK("chown, fchown, lchown, fchownat: ids, -1, links", chown_ids),
	CHECK("chown drops set-user-ID (set-group-ID if g+x)", chown_drops_setid),
	CHECK("utimensat: nanoseconds, UTIME_OMIT, UTIME_NOW, EINVAL", utimensat_times),
	CHECK("futimens; utimensat AT_SYMLINK_NOFOLLOW", utimensat_fd_and_links),
	CHECK("utimes, futimesat (microseconds), utime (seconds)", utimes_utime),
	CHECK("faccessat2: AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH", faccessat2_flags),
	CHECK("statfs: /proc PROC_SUPER_MAGIC, /dev TMPFS_MAGIC, errors", statfs_proc_dev),
	FAULTLINE_ONLY("statfs of ramfs: tmpfs's figures, used its files' pages", statfs_ramfs,
		       "the host's root is a disk file system"),
	CHECK("mknod: fifo, regular, type 0; EPERM, EINVAL, EEXIST", mknod_types),
};

int main(void)
{
	scratch_enter(SCRATCH);
	int r = run_checks(checks, NCHECKS(checks));
	return scratch_leave(SCRATCH) ? r : 1;
}

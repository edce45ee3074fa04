/* tests/user/file_links.c — names that move and names that point: rename
 * and renameat2's flags (with Linux's errors for directories), hard links,
 * symbolic links and how path lookup follows them (relative targets, a
 * trailing slash, ELOOP after 40, O_NOFOLLOW, lstat, readlink).
 *
 * Everything happens in a scratch directory made in the current one
 * (faultline: /tmp; Linux: build/linux-tmp) and removed at the end. */
#include "file.h"
#include <dirent.h>

#define SCRATCH	"file_links.d"

static ino_t ino_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) < 0 ? 0 : st.st_ino;
}

static long nlink_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) < 0 ? -1 : (long)st.st_nlink;
}

/* ---- rename ---------------------------------------------------------- */

static int rename_file(void)
{
	char buf[32];
	EXPECT_EQ(write_file("a", "alpha"), 0);
	ino_t ino = ino_of("a");
	EXPECT_EQ(rename("a", "b"), 0);
	EXPECT_ERRNO(access("a", F_OK), ENOENT);
	EXPECT_EQ(ino_of("b"), ino);
	EXPECT_EQ(read_file("b", buf, sizeof(buf)), 5);
	EXPECT(!strcmp(buf, "alpha"));
	/* onto an existing file: it is replaced; an open fd of it lives on */
	EXPECT_EQ(write_file("c", "gamma"), 0);
	int fd = open("c", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(rename("b", "c"), 0);
	EXPECT_EQ(ino_of("c"), ino);
	EXPECT_ERRNO(access("b", F_OK), ENOENT);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "gamma", 5));
	struct stat st;
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("c"), 0);
	return 1;
}

/* A directory moves with what is in it; ".." and the link counts follow. */
static int rename_directory(void)
{
	struct stat st;
	EXPECT_EQ(mkdir("p1", 0755), 0);
	EXPECT_EQ(mkdir("p2", 0755), 0);
	EXPECT_EQ(mkdir("p1/sub", 0755), 0);
	EXPECT_EQ(write_file("p1/sub/f", "x"), 0);
	EXPECT_EQ(nlink_of("p1"), 3);
	EXPECT_EQ(nlink_of("p2"), 2);
	EXPECT_EQ(rename("p1/sub", "p2/moved"), 0);
	EXPECT_EQ(nlink_of("p1"), 2);
	EXPECT_EQ(nlink_of("p2"), 3);
	EXPECT_EQ(stat("p2/moved/..", &st), 0);
	EXPECT_EQ(st.st_ino, ino_of("p2"));
	EXPECT_EQ(file_size("p2/moved/f"), 1);
	/* onto an empty directory: replaced */
	EXPECT_EQ(mkdir("p1/empty", 0755), 0);
	EXPECT_EQ(rename("p2/moved", "p1/empty"), 0);
	EXPECT_EQ(nlink_of("p1"), 3);
	EXPECT_EQ(nlink_of("p2"), 2);
	/* the current directory moved away: getcwd shows where it is now */
	pid_t pid = fork_flushed();
	if (pid == 0) {
		char cwd[PATH_MAX];
		if (chdir("p1/empty") < 0 || rename("../../p1", "../../p3") < 0 ||
		    !getcwd(cwd, sizeof(cwd)))
			_exit(1);
		size_t n = strlen(cwd);
		_exit(n > 9 && !strcmp(cwd + n - 9, "/p3/empty") ? 0 : 2);
	}
	EXPECT(reap(pid, 0));
	EXPECT_EQ(unlink("p3/empty/f"), 0);
	EXPECT_EQ(rmdir("p3/empty"), 0);
	EXPECT_EQ(rmdir("p3"), 0);
	EXPECT_EQ(rmdir("p2"), 0);
	return 1;
}

static int rename_errors(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(mkdir("full", 0755), 0);
	EXPECT_EQ(write_file("full/x", "x"), 0);
	EXPECT_ERRNO(rename("missing", "g"), ENOENT);
	EXPECT_ERRNO(rename("f", "nodir/g"), ENOENT);
	EXPECT_ERRNO(rename("f", "d"), EISDIR);
	EXPECT_ERRNO(rename("d", "f"), ENOTDIR);
	EXPECT_ERRNO(rename("d", "full"), ENOTEMPTY);
	EXPECT_ERRNO(rename("d", "d/inside"), EINVAL);
	EXPECT_EQ(mkdir("d/sub", 0755), 0);
	EXPECT_ERRNO(rename("d", "d/sub/deeper"), EINVAL);
	EXPECT_ERRNO(rename("d/sub", "d"), ENOTEMPTY);	/* the target is the source's parent */
	EXPECT_ERRNO(rename("f/", "g"), ENOTDIR);
	EXPECT_ERRNO(rename("f", "g/"), ENOTDIR);
	EXPECT_ERRNO(rename("f", "f/x"), ENOTDIR);
	EXPECT_ERRNO(rename(".", "g"), EBUSY);
	EXPECT_ERRNO(rename("d/sub/..", "g"), EBUSY);
	EXPECT_ERRNO(rename("f", "."), EBUSY);
	EXPECT_ERRNO(rename("f", "d/.."), EBUSY);
	EXPECT_ERRNO(rename("", "g"), ENOENT);
	/* a directory with a trailing slash is fine */
	EXPECT_EQ(rename("d/sub/", "d/sub2/"), 0);
	EXPECT_EQ(rmdir("d/sub2"), 0);
	EXPECT_EQ(unlink("full/x"), 0);
	EXPECT_EQ(rmdir("full"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* Onto itself, or onto another name of the same inode: 0, nothing moves. */
static int rename_same(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(rename("f", "f"), 0);
	EXPECT_EQ(link("f", "g"), 0);
	EXPECT_EQ(rename("f", "g"), 0);
	EXPECT_EQ(access("f", F_OK), 0);
	EXPECT_EQ(access("g", F_OK), 0);
	EXPECT_EQ(nlink_of("f"), 2);
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(rename("d", "d"), 0);
	EXPECT_EQ(rename("d", "./d/"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	EXPECT_EQ(unlink("g"), 0);
	return 1;
}

static int renameat2_flags(void)
{
	char buf[16];
	EXPECT_EQ(write_file("a", "A"), 0);
	EXPECT_EQ(write_file("b", "B"), 0);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "a", AT_FDCWD, "b", RENAME_NOREPLACE), EEXIST);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "a", AT_FDCWD, ".", RENAME_NOREPLACE), EEXIST);
	EXPECT_EQ(renameat2(AT_FDCWD, "a", AT_FDCWD, "c", RENAME_NOREPLACE), 0);
	EXPECT_EQ(renameat2(AT_FDCWD, "c", AT_FDCWD, "b", RENAME_EXCHANGE), 0);
	EXPECT_EQ(read_file("b", buf, sizeof(buf)), 1);
	EXPECT(!strcmp(buf, "A"));
	EXPECT_EQ(read_file("c", buf, sizeof(buf)), 1);
	EXPECT(!strcmp(buf, "B"));
	EXPECT_ERRNO(renameat2(AT_FDCWD, "c", AT_FDCWD, "missing", RENAME_EXCHANGE), ENOENT);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "c", AT_FDCWD, "b", RENAME_EXCHANGE | RENAME_NOREPLACE),
		     EINVAL);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "c", AT_FDCWD, "b", RENAME_EXCHANGE | RENAME_WHITEOUT),
		     EINVAL);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "c", AT_FDCWD, "b", 1 << 3), EINVAL);
	/* a file and a directory in two parents swap; ".." and counts follow */
	EXPECT_EQ(mkdir("p", 0755), 0);
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(rename("c", "p/c"), 0);
	EXPECT_EQ(renameat2(AT_FDCWD, "d", AT_FDCWD, "p/c", RENAME_EXCHANGE), 0);
	struct stat st;
	EXPECT_EQ(stat("p/c/..", &st), 0);
	EXPECT_EQ(st.st_ino, ino_of("p"));
	EXPECT_EQ(nlink_of("p"), 3);
	EXPECT_EQ(lstat("d", &st), 0);
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_ERRNO(renameat2(AT_FDCWD, "p", AT_FDCWD, "p/c", RENAME_EXCHANGE), EINVAL);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "p/c", AT_FDCWD, "p", RENAME_EXCHANGE), EINVAL);
	EXPECT_EQ(rmdir("p/c"), 0);
	EXPECT_EQ(rmdir("p"), 0);
	EXPECT_EQ(unlink("d"), 0);
	EXPECT_EQ(unlink("b"), 0);
	return 1;
}

/* ramfs (Linux's own ramfs too: simple_rename) has no whiteouts. */
static int rename_whiteout(void)
{
	EXPECT_EQ(write_file("a", "A"), 0);
	EXPECT_ERRNO(renameat2(AT_FDCWD, "a", AT_FDCWD, "b", RENAME_WHITEOUT), EINVAL);
	EXPECT_EQ(unlink("a"), 0);
	return 1;
}

/* Across file systems -EXDEV; inside /proc as Linux's proc answers. */
static int rename_other_fs(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_ERRNO(rename("f", "/proc/f"), EXDEV);
	EXPECT_ERRNO(rename("/proc/meminfo", "f"), EXDEV);
	EXPECT_ERRNO(rename("/proc/meminfo", "/proc/renamed"), ENOENT);
	EXPECT_ERRNO(rename("/proc/meminfo", "/proc/vmstat"), EPERM);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* The roots of /proc and /dev are mount points; /dev's nodes are the kernel's. */
static int rename_mount_points(void)
{
	char d[PATH_MAX];
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT(getcwd(d, sizeof(d) - 2));
	strcat(d, "/d");
	EXPECT_ERRNO(rename("/proc", "/proc2"), EBUSY);
	EXPECT_ERRNO(rename("/dev", "/dev2"), EBUSY);
	EXPECT_ERRNO(rename(d, "/proc"), EBUSY);
	EXPECT_ERRNO(rename("/dev/null", "/dev/null2"), EPERM);
	EXPECT_ERRNO(rename("/", "/x"), EBUSY);
	EXPECT_EQ(rmdir("d"), 0);
	return 1;
}

/* ---- hard links -------------------------------------------------------- */

static int link_counts(void)
{
	char buf[16];
	EXPECT_EQ(write_file("f", "one"), 0);
	EXPECT_EQ(link("f", "g"), 0);
	EXPECT_EQ(ino_of("f"), ino_of("g"));
	EXPECT_EQ(nlink_of("f"), 2);
	EXPECT_EQ(write_file("g", "two"), 0);
	EXPECT_EQ(read_file("f", buf, sizeof(buf)), 3);
	EXPECT(!strcmp(buf, "two"));
	EXPECT_EQ(unlink("f"), 0);
	EXPECT_EQ(nlink_of("g"), 1);
	EXPECT_EQ(read_file("g", buf, sizeof(buf)), 3);
	EXPECT_EQ(unlink("g"), 0);
	return 1;
}

static int link_errors(void)
{
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_ERRNO(link("d", "d2"), EPERM);
	EXPECT_ERRNO(link("f", "d"), EEXIST);
	EXPECT_ERRNO(link("f", "f"), EEXIST);
	EXPECT_ERRNO(link("f", "."), EEXIST);
	EXPECT_ERRNO(link("missing", "g"), ENOENT);
	EXPECT_ERRNO(link("f", "nodir/g"), ENOENT);
	EXPECT_ERRNO(link("f", "g/"), ENOENT);
	EXPECT_ERRNO(link("f/", "g"), ENOTDIR);
	EXPECT_ERRNO(link("f", "/proc/f"), ENOENT);	/* proc's lookup says so first */
	EXPECT_ERRNO(link("/proc/meminfo", "m"), EXDEV);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- symbolic links ---------------------------------------------------- */

static int symlink_readlink(void)
{
	char buf[64];
	struct stat st;
	EXPECT_EQ(write_file("target", "hello"), 0);
	EXPECT_EQ(symlink("target", "l"), 0);
	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(readlink("l", buf, sizeof(buf)), 6);
	EXPECT(!memcmp(buf, "targetX", 7));		/* no NUL added */
	EXPECT_EQ(readlink("l", buf, 3), 3);		/* cut short, no error */
	EXPECT(!memcmp(buf, "tar", 3));
	EXPECT_EQ(lstat("l", &st), 0);
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0777);
	EXPECT_EQ(st.st_size, 6);
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_EQ(stat("l", &st), 0);
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_size, 5);
	EXPECT_EQ(st.st_ino, ino_of("target"));
	EXPECT_EQ(read_file("l", buf, sizeof(buf)), 5);
	EXPECT_ERRNO(readlink("target", buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(readlink("l", buf, 0), EINVAL);
	EXPECT_ERRNO(readlink("missing", buf, sizeof(buf)), ENOENT);
	EXPECT_ERRNO(readlink(".", buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(symlink("x", "l"), EEXIST);
	EXPECT_ERRNO(symlink("x", "target"), EEXIST);
	EXPECT_ERRNO(symlink("", "empty"), ENOENT);
	EXPECT_ERRNO(symlink("x", "/proc/l"), ENOENT);
	EXPECT_EQ(unlink("l"), 0);			/* the link goes, not its target */
	EXPECT_EQ(file_size("target"), 5);
	EXPECT_EQ(unlink("target"), 0);
	return 1;
}

/* A link to nothing: lstat sees it, stat and open do not. */
static int symlink_dangling(void)
{
	struct stat st;
	char buf[8];
	EXPECT_EQ(symlink("nowhere", "l"), 0);
	EXPECT_EQ(lstat("l", &st), 0);
	EXPECT_ERRNO(stat("l", &st), ENOENT);
	EXPECT_ERRNO(open("l", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open("l", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	/* O_CREAT without O_EXCL creates the file the link names */
	int fd = open("l", O_RDWR | O_CREAT, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "made", 4), 4);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(read_file("nowhere", buf, sizeof(buf)), 4);
	EXPECT_EQ(unlink("l"), 0);
	EXPECT_EQ(unlink("nowhere"), 0);
	return 1;
}

/* Relative targets start at the link's directory; absolute ones at "/". */
static int symlink_lookup(void)
{
	struct stat st;
	char buf[16], abs[PATH_MAX];
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(mkdir("d/e", 0755), 0);
	EXPECT_EQ(write_file("f", "top"), 0);
	EXPECT_EQ(symlink("../f", "d/up"), 0);		/* relative to d, not to here */
	EXPECT_EQ(read_file("d/up", buf, sizeof(buf)), 3);
	EXPECT_EQ(symlink("d/e", "de"), 0);		/* a link in the middle of a path */
	EXPECT_EQ(write_file("de/g", "via"), 0);
	EXPECT_EQ(file_size("d/e/g"), 3);
	EXPECT_EQ(stat("de/..", &st), 0);		/* ".." of where the link led */
	EXPECT_EQ(st.st_ino, ino_of("d"));
	EXPECT(getcwd(abs, sizeof(abs)));
	strcat(abs, "/f");
	EXPECT_EQ(symlink(abs, "d/e/abs"), 0);
	EXPECT_EQ(read_file("de/abs", buf, sizeof(buf)), 3);
	EXPECT(!strcmp(buf, "top"));
	/* a trailing slash follows the link (lstat too): it must be a directory */
	EXPECT_EQ(lstat("de/", &st), 0);
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_ERRNO(lstat("d/up/", &st), ENOTDIR);
	EXPECT_EQ(lstat("de", &st), 0);
	EXPECT(S_ISLNK(st.st_mode));
	/* chdir through a link: getcwd shows the real directory */
	pid_t pid = fork_flushed();
	if (pid == 0) {
		char cwd[PATH_MAX];
		if (chdir("de") < 0 || !getcwd(cwd, sizeof(cwd)))
			_exit(1);
		size_t n = strlen(cwd);
		_exit(n > 4 && !strcmp(cwd + n - 4, "/d/e") ? 0 : 2);
	}
	EXPECT(reap(pid, 0));
	EXPECT_ERRNO(rmdir("de"), ENOTDIR);		/* rmdir does not follow */
	EXPECT_ERRNO(unlink("de/"), ENOTDIR);		/* nor unlink, even with a slash */
	EXPECT_EQ(lstat("de", &st), 0);
	EXPECT_EQ(unlink("d/e/abs"), 0);
	EXPECT_EQ(unlink("de/g"), 0);
	EXPECT_EQ(unlink("de"), 0);
	EXPECT_EQ(unlink("d/up"), 0);
	EXPECT_EQ(rmdir("d/e"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* 40 links in one lookup are followed, the 41st is -ELOOP; so is a loop. */
static int symlink_eloop(void)
{
	char name[16], target[16];
	struct stat st;
	EXPECT_EQ(write_file("end", "x"), 0);
	EXPECT_EQ(symlink("end", "l1"), 0);
	for (int i = 2; i <= 41; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		EXPECT_EQ(symlink(target, name), 0);
	}
	EXPECT_EQ(stat("l40", &st), 0);			/* 40 links */
	EXPECT_ERRNO(stat("l41", &st), ELOOP);		/* 41 */
	EXPECT_ERRNO(open("l41", O_RDONLY), ELOOP);
	EXPECT_EQ(lstat("l41", &st), 0);		/* not followed */
	EXPECT_EQ(symlink("self", "self"), 0);
	EXPECT_ERRNO(stat("self", &st), ELOOP);
	EXPECT_ERRNO(stat("self/x", &st), ELOOP);
	EXPECT_ERRNO(open("self", O_RDWR | O_CREAT, 0644), ELOOP);
	EXPECT_EQ(symlink("pong", "ping"), 0);
	EXPECT_EQ(symlink("ping", "pong"), 0);
	EXPECT_ERRNO(access("ping", F_OK), ELOOP);
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		EXPECT_EQ(unlink(name), 0);
	}
	EXPECT_EQ(unlink("self"), 0);
	EXPECT_EQ(unlink("ping"), 0);
	EXPECT_EQ(unlink("pong"), 0);
	EXPECT_EQ(unlink("end"), 0);
	return 1;
}

static int o_nofollow(void)
{
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(write_file("d/f", "x"), 0);
	EXPECT_EQ(symlink("d/f", "lf"), 0);
	EXPECT_EQ(symlink("d", "ld"), 0);
	EXPECT_ERRNO(open("lf", O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_ERRNO(open("lf", O_WRONLY | O_CREAT | O_NOFOLLOW, 0644), ELOOP);
	int fd = open("d/f", O_RDONLY | O_NOFOLLOW);		/* not a link: opens */
	EXPECT(fd >= 0);
	EXPECT_EQ(close(fd), 0);
	fd = open("ld/f", O_RDONLY | O_NOFOLLOW);		/* only the last component */
	EXPECT(fd >= 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("lf"), 0);
	EXPECT_EQ(unlink("ld"), 0);
	EXPECT_EQ(unlink("d/f"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	return 1;
}

/* getdents64 says DT_LNK; fstatat's AT_SYMLINK_NOFOLLOW is lstat. */
static int symlink_dirent_fstatat(void)
{
	char buf[1024];
	struct stat st;
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(symlink("nowhere", "d/l"), 0);
	int fd = open("d", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	long n = getdents64(fd, buf, sizeof(buf));
	EXPECT(n > 0);
	int seen = 0;
	for (long off = 0; off < n;) {
		struct dirent *d = (struct dirent *)(buf + off);
		if (!strcmp(d->d_name, "l"))
			seen = d->d_type == DT_LNK ? 1 : -1;
		off += d->d_reclen;
	}
	EXPECT_EQ(seen, 1);
	EXPECT_EQ(fstatat(fd, "l", &st, AT_SYMLINK_NOFOLLOW), 0);
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_ERRNO(fstatat(fd, "l", &st, 0), ENOENT);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("d/l"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	return 1;
}

/* rename and link of a link move the link, not what it names. */
static int links_to_links(void)
{
	struct stat st;
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(symlink("f", "l"), 0);
	EXPECT_EQ(rename("l", "l2"), 0);
	EXPECT_EQ(lstat("l2", &st), 0);
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ(link("l2", "hard"), 0);		/* link() does not follow */
	EXPECT_EQ(lstat("hard", &st), 0);
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_nlink, 2);
	EXPECT_EQ(nlink_of("f"), 1);
	EXPECT_EQ(unlink("hard"), 0);
	EXPECT_EQ(unlink("l2"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("rename a file, onto a file (an open fd lives on)", rename_file),
	CHECK("rename a directory: .., nlink, getcwd follow", rename_directory),
	CHECK("rename errors: EISDIR ENOTDIR ENOTEMPTY EINVAL EBUSY", rename_errors),
	CHECK("rename onto itself or a hard link of itself: 0", rename_same),
	CHECK("renameat2: NOREPLACE, EXCHANGE, bad flags", renameat2_flags),
	FAULTLINE_ONLY("renameat2 RENAME_WHITEOUT: EINVAL on ramfs", rename_whiteout,
		       "the host's file system may support whiteouts"),
	CHECK("rename to or from /proc: EXDEV, ENOENT, EPERM", rename_other_fs),
	FAULTLINE_ONLY("rename of /, /proc, /dev: EBUSY; in /dev EPERM", rename_mount_points,
		       "renaming the host's /proc and /dev is not a test to run on it"),
	CHECK("link: one inode, two names, nlink 2", link_counts),
	CHECK("link errors: EPERM for a directory, EEXIST, EXDEV", link_errors),
	CHECK("symlink, readlink (no NUL, cut short), lstat S_IFLNK", symlink_readlink),
	CHECK("a dangling link: lstat yes, stat no, O_CREAT makes it", symlink_dangling),
	CHECK("lookup through links: relative, absolute, trailing /", symlink_lookup),
	CHECK("ELOOP after 40 links, and for loops", symlink_eloop),
	CHECK("O_NOFOLLOW: ELOOP on a link, only the last component", o_nofollow),
	CHECK("getdents64 DT_LNK; fstatat AT_SYMLINK_NOFOLLOW", symlink_dirent_fstatat),
	CHECK("rename and link move a symlink itself", links_to_links),
};

int main(void)
{
	scratch_enter(SCRATCH);
	int r = run_checks(checks, NCHECKS(checks));
	return scratch_leave(SCRATCH) ? r : 1;
}

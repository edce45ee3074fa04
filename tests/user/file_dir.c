/* tests/user/file_dir.c — the namespace: stat and fstat, getdents64 of a
 * directory we fill, mkdir/rmdir/unlink, chdir/getcwd, and the errors
 * (ENOENT, ENOTDIR, EISDIR, EEXIST, ENOTEMPTY) Linux gives for them.
 *
 * Everything happens in a scratch directory made in the current one
 * (faultline: /tmp; Linux: build/linux-tmp) and removed at the end. */
#include "file.h"
#include <dirent.h>

#define SCRATCH	"file_dir.d"

static int stat_regular(void)
{
	struct stat st, fst;
	EXPECT_EQ(write_file("reg", "twelve bytes"), 0);
	memset(&st, 0xff, sizeof(st));
	EXPECT_EQ(stat("reg", &st), 0);
	EXPECT(S_ISREG(st.st_mode));
	EXPECT(!S_ISDIR(st.st_mode));
	EXPECT_EQ(st.st_size, 12);
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT(st.st_blksize > 0);
	int fd = open("reg", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(fstat(fd, &fst), 0);
	EXPECT_EQ(fst.st_ino, st.st_ino);
	EXPECT_EQ(fst.st_dev, st.st_dev);
	EXPECT_EQ(fst.st_size, 12);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("reg"), 0);
	return 1;
}

/* The size follows writes through an open fd. */
static int fstat_follows_writes(void)
{
	struct stat st;
	int fd = open("grow", O_RDWR | O_CREAT | O_TRUNC, 0600);
	EXPECT(fd >= 0);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(st.st_mode & 07777, 0600);
	char page[4096] = { 1 };
	EXPECT_EQ(write(fd, page, sizeof(page)), (long)sizeof(page));
	EXPECT_EQ(write(fd, page, 100), 100);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 4196);
	EXPECT(st.st_blocks >= 8);		/* 512-byte units: at least 4 KiB */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("grow"), 0);
	return 1;
}

static int stat_directory(void)
{
	struct stat st, dot;
	EXPECT_EQ(mkdir("dir", 0755), 0);
	EXPECT_EQ(stat("dir", &st), 0);
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT(!S_ISREG(st.st_mode));
	EXPECT_EQ(stat("dir/.", &dot), 0);
	EXPECT_EQ(dot.st_ino, st.st_ino);
	EXPECT_EQ(stat("dir/..", &dot), 0);
	struct stat here;
	EXPECT_EQ(stat(".", &here), 0);
	EXPECT_EQ(dot.st_ino, here.st_ino);
	int fd = open("dir", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	EXPECT_EQ(fstat(fd, &dot), 0);
	EXPECT(S_ISDIR(dot.st_mode));
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(rmdir("dir"), 0);
	return 1;
}

static int stat_errors(void)
{
	struct stat st;
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_ERRNO(stat("missing", &st), ENOENT);
	EXPECT_ERRNO(stat("f/x", &st), ENOTDIR);
	EXPECT_ERRNO(stat("f/", &st), ENOTDIR);
	EXPECT_ERRNO(stat("", &st), ENOENT);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- getdents64 ---------------------------------------------------------- */

struct entry {
	const char *name;
	unsigned char type;
	int seen;
};

/* Read the directory at fd with getdents64 in a small buffer (several
 * calls), marking the expected entries; 0 if an unknown name appears. */
static int list_dir(int fd, struct entry *e, int n)
{
	char buf[64] __attribute__((aligned(8)));
	ssize_t len;
	while ((len = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < len;) {
			struct dirent64 *d = (void *)(buf + off);
			int i = 0;
			while (i < n && strcmp(e[i].name, d->d_name))
				i++;
			if (i == n) {
				diag("unexpected entry \"%s\"", d->d_name);
				return 0;
			}
			if (d->d_type != e[i].type) {
				diag("\"%s\": d_type %d, want %d", d->d_name, d->d_type, e[i].type);
				return 0;
			}
			if (d->d_reclen % 8 || d->d_ino == 0) {
				diag("\"%s\": d_reclen %d, d_ino %lu", d->d_name, d->d_reclen,
				     (unsigned long)d->d_ino);
				return 0;
			}
			e[i].seen++;
			off += d->d_reclen;
		}
	}
	if (len < 0)
		diag("getdents64: %s", strerror(errno));
	return len == 0;
}

static int getdents_lists(void)
{
	struct entry e[] = {
		{ ".", DT_DIR, 0 }, { "..", DT_DIR, 0 }, { "alpha", DT_REG, 0 },
		{ "a-rather-long-file-name-to-fill-the-buffer", DT_REG, 0 },
		{ "gamma", DT_REG, 0 }, { "sub", DT_DIR, 0 },
	};
	EXPECT_EQ(mkdir("ls", 0755), 0);
	EXPECT_EQ(write_file("ls/alpha", "a"), 0);
	EXPECT_EQ(write_file("ls/a-rather-long-file-name-to-fill-the-buffer", "b"), 0);
	EXPECT_EQ(write_file("ls/gamma", "c"), 0);
	EXPECT_EQ(mkdir("ls/sub", 0755), 0);
	int fd = open("ls", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	EXPECT(list_dir(fd, e, 6));
	for (int i = 0; i < 6; i++)
		EXPECT_EQ(e[i].seen, 1);
	/* at the end, it stays at the end; lseek to 0 starts again */
	char buf[256];
	EXPECT_EQ(getdents64(fd, buf, sizeof(buf)), 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	for (int i = 0; i < 6; i++)
		e[i].seen = 0;
	EXPECT(list_dir(fd, e, 6));
	EXPECT_EQ(e[2].seen, 1);
	EXPECT_EQ(close(fd), 0);
	/* a removed entry is gone from the listing */
	EXPECT_EQ(unlink("ls/gamma"), 0);
	fd = open("ls", O_RDONLY | O_DIRECTORY);
	for (int i = 0; i < 6; i++)
		e[i].seen = 0;
	EXPECT(list_dir(fd, e, 6));
	EXPECT_EQ(e[4].seen, 0);
	EXPECT_EQ(e[5].seen, 1);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("ls/alpha"), 0);
	EXPECT_EQ(unlink("ls/a-rather-long-file-name-to-fill-the-buffer"), 0);
	EXPECT_EQ(rmdir("ls/sub"), 0);
	EXPECT_EQ(rmdir("ls"), 0);
	return 1;
}

static int getdents_errors(void)
{
	char buf[256];
	EXPECT_EQ(write_file("nd", "x"), 0);
	int fd = open("nd", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(getdents64(fd, buf, sizeof(buf)), ENOTDIR);
	EXPECT_EQ(close(fd), 0);
	EXPECT_ERRNO(getdents64(fd, buf, sizeof(buf)), EBADF);
	fd = open(".", O_RDONLY | O_DIRECTORY);
	EXPECT_ERRNO(getdents64(fd, buf, 8), EINVAL);	/* not even one entry fits */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("nd"), 0);
	return 1;
}

/* ---- mkdir, rmdir, unlink ---------------------------------------------------- */

static int mkdir_rmdir(void)
{
	struct stat st;
	EXPECT_EQ(mkdir("m", 0755), 0);
	EXPECT_ERRNO(mkdir("m", 0755), EEXIST);
	EXPECT_EQ(mkdir("m/n", 0755), 0);
	EXPECT_ERRNO(rmdir("m"), ENOTEMPTY);
	EXPECT_EQ(rmdir("m/n"), 0);
	EXPECT_ERRNO(stat("m/n", &st), ENOENT);
	EXPECT_EQ(rmdir("m"), 0);
	EXPECT_ERRNO(rmdir("m"), ENOENT);
	EXPECT_ERRNO(mkdir("no/such/parent", 0755), ENOENT);
	return 1;
}

static int unlink_file(void)
{
	struct stat st;
	EXPECT_EQ(write_file("u", "data"), 0);
	int fd = open("u", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(unlink("u"), 0);
	EXPECT_ERRNO(stat("u", &st), ENOENT);
	EXPECT_ERRNO(unlink("u"), ENOENT);
	/* the open file lives on, unnamed */
	char buf[8] = { 0 };
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 4);
	EXPECT(!strcmp(buf, "data"));
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(close(fd), 0);
	/* a new file of the same name is a new, empty one */
	EXPECT_EQ(write_file("u", ""), 0);
	EXPECT_EQ(file_size("u"), 0);
	EXPECT_EQ(unlink("u"), 0);
	return 1;
}

static int namespace_errors(void)
{
	EXPECT_EQ(write_file("file", "x"), 0);
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_ERRNO(unlink("d"), EISDIR);
	EXPECT_ERRNO(rmdir("file"), ENOTDIR);
	EXPECT_ERRNO(mkdir("file", 0755), EEXIST);
	EXPECT_ERRNO(mkdir("file/sub", 0755), ENOTDIR);
	EXPECT_ERRNO(mkdir("d", 0755), EEXIST);
	EXPECT_ERRNO(open("d", O_WRONLY | O_CREAT, 0644), EISDIR);
	EXPECT_ERRNO(unlink("file/x"), ENOTDIR);
	EXPECT_ERRNO(rmdir("."), EINVAL);
	EXPECT_ERRNO(chdir("file"), ENOTDIR);
	EXPECT_ERRNO(chdir("missing"), ENOENT);
	EXPECT_EQ(unlink("file"), 0);
	EXPECT_EQ(rmdir("d"), 0);
	return 1;
}

/* ---- chdir, getcwd ------------------------------------------------------------ */

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && !strcmp(s + n - m, tail);
}

static int chdir_getcwd(void)
{
	char top[512], cwd[512];
	EXPECT(getcwd(top, sizeof(top)) == top);
	EXPECT_EQ(top[0], '/');
	EXPECT(ends_with(top, "/" SCRATCH));
	EXPECT_EQ(mkdir("cd", 0755), 0);
	EXPECT_EQ(mkdir("cd/deeper", 0755), 0);
	EXPECT_EQ(chdir("cd/deeper"), 0);
	EXPECT(getcwd(cwd, sizeof(cwd)) == cwd);
	EXPECT(ends_with(cwd, "/" SCRATCH "/cd/deeper"));
	EXPECT_EQ(strlen(cwd), strlen(top) + strlen("/cd/deeper"));
	/* relative paths now start here */
	EXPECT_EQ(write_file("here", "x"), 0);
	EXPECT_EQ(file_size("../deeper/here"), 1);
	EXPECT_EQ(unlink("here"), 0);
	EXPECT_EQ(chdir(".."), 0);
	EXPECT(getcwd(cwd, sizeof(cwd)) == cwd);
	EXPECT(ends_with(cwd, "/" SCRATCH "/cd"));
	EXPECT_EQ(chdir(top), 0);		/* an absolute path */
	EXPECT(getcwd(cwd, sizeof(cwd)) == cwd);
	EXPECT(!strcmp(cwd, top));
	errno = 0;
	EXPECT(getcwd(cwd, 2) == NULL && errno == ERANGE);	/* too small */
	EXPECT_EQ(chdir("/"), 0);
	EXPECT(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"));
	EXPECT_EQ(chdir(top), 0);
	EXPECT_EQ(rmdir("cd/deeper"), 0);
	EXPECT_EQ(rmdir("cd"), 0);
	return 1;
}

/* The cwd is per process: a child's chdir leaves the parent where it was. */
static int chdir_per_process(void)
{
	char before[512], after[512];
	EXPECT(getcwd(before, sizeof(before)));
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(chdir("/") == 0 ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT(getcwd(after, sizeof(after)));
	EXPECT(!strcmp(before, after));
	return 1;
}

static const struct check checks[] = {
	CHECK("stat/fstat of a file: S_ISREG, size, nlink, same inode", stat_regular),
	CHECK("fstat follows writes: size and blocks", fstat_follows_writes),
	CHECK("stat of a directory: S_ISDIR, . and ..", stat_directory),
	CHECK("stat errors: ENOENT, ENOTDIR", stat_errors),
	CHECK("getdents64 lists what we made, with d_type", getdents_lists),
	CHECK("getdents64 errors: ENOTDIR, EBADF, EINVAL", getdents_errors),
	CHECK("mkdir/rmdir: EEXIST, ENOTEMPTY, ENOENT", mkdir_rmdir),
	CHECK("unlink: the name goes, an open file lives on", unlink_file),
	CHECK("EISDIR, ENOTDIR, EEXIST, EINVAL from the namespace", namespace_errors),
	CHECK("chdir and getcwd, relative and absolute, ERANGE", chdir_getcwd),
	CHECK("a child's chdir does not move the parent", chdir_per_process),
};

int main(void)
{
	scratch_enter(SCRATCH);
	int r = run_checks(checks, NCHECKS(checks));
	return scratch_leave(SCRATCH) ? r : 1;
}

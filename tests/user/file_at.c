/* tests/user/file_at.c — the *at calls relative to a directory fd
 * (mkdirat, unlinkat with AT_REMOVEDIR, renameat, linkat with
 * AT_SYMLINK_FOLLOW and AT_EMPTY_PATH, symlinkat, readlinkat, fstatat),
 * and the fd calls: dup3, sendfile, fchdir, creat, sync, syncfs.
 *
 * Everything happens in a scratch directory made in the current one
 * (faultline: /tmp; Linux: build/linux-tmp) and removed at the end. */
#include "file.h"
#include <sys/sendfile.h>

#define SCRATCH	"file_at.d"

static int at_calls(void)
{
	struct stat st;
	char buf[32];
	EXPECT_EQ(mkdir("d", 0755), 0);
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	EXPECT(dfd >= 0);
	EXPECT_EQ(mkdirat(dfd, "sub", 0755), 0);
	EXPECT_EQ(stat("d/sub", &st), 0);
	EXPECT(S_ISDIR(st.st_mode));
	int fd = openat(dfd, "f", O_WRONLY | O_CREAT, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "data", 4), 4);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(renameat(dfd, "f", dfd, "sub/g"), 0);
	EXPECT_EQ(file_size("d/sub/g"), 4);
	EXPECT_EQ(renameat(dfd, "sub/g", AT_FDCWD, "top"), 0);	/* two different starts */
	EXPECT_EQ(file_size("top"), 4);
	EXPECT_EQ(symlinkat("../top", dfd, "l"), 0);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(readlinkat(dfd, "l", buf, sizeof(buf)), 6);
	EXPECT(!strcmp(buf, "../top"));
	EXPECT_EQ(fstatat(dfd, "l", &st, 0), 0);
	EXPECT_EQ(st.st_size, 4);
	EXPECT_EQ(linkat(AT_FDCWD, "top", dfd, "hard", 0), 0);
	EXPECT_EQ(fstatat(dfd, "hard", &st, 0), 0);
	EXPECT_EQ(st.st_nlink, 2);
	/* an absolute path ignores dirfd, even a bad one */
	char abs[PATH_MAX];
	EXPECT(getcwd(abs, sizeof(abs) - 8));
	strcat(abs, "/top");
	EXPECT_EQ(fstatat(-1, abs, &st, 0), 0);
	/* unlinkat: a file, or with AT_REMOVEDIR a directory */
	EXPECT_ERRNO(unlinkat(dfd, "sub", 0), EISDIR);
	EXPECT_ERRNO(unlinkat(dfd, "hard", AT_REMOVEDIR), ENOTDIR);
	EXPECT_ERRNO(unlinkat(dfd, "hard", 0x8000), EINVAL);
	EXPECT_EQ(unlinkat(dfd, "hard", 0), 0);
	EXPECT_EQ(unlinkat(dfd, "l", 0), 0);
	EXPECT_EQ(unlinkat(dfd, "sub", AT_REMOVEDIR), 0);
	EXPECT_EQ(close(dfd), 0);
	EXPECT_EQ(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR), 0);
	EXPECT_EQ(unlink("top"), 0);
	return 1;
}

static int at_errors(void)
{
	struct stat st;
	char buf[8];
	EXPECT_EQ(write_file("f", "x"), 0);
	int fd = open("f", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(mkdirat(fd, "x", 0755), ENOTDIR);
	EXPECT_ERRNO(mkdirat(-1, "x", 0755), EBADF);
	EXPECT_ERRNO(unlinkat(99, "x", 0), EBADF);
	EXPECT_ERRNO(renameat(fd, "a", AT_FDCWD, "b"), ENOTDIR);
	EXPECT_ERRNO(renameat(AT_FDCWD, "f", -1, "b"), EBADF);
	EXPECT_ERRNO(linkat(AT_FDCWD, "f", fd, "b", 0), ENOTDIR);
	EXPECT_ERRNO(linkat(AT_FDCWD, "f", AT_FDCWD, "b", 0x8000), EINVAL);
	EXPECT_ERRNO(symlinkat("f", -1, "b"), EBADF);
	EXPECT_ERRNO(readlinkat(fd, "x", buf, sizeof(buf)), ENOTDIR);
	EXPECT_ERRNO(fstatat(fd, "x", &st, 0), ENOTDIR);
	EXPECT_ERRNO(fstatat(AT_FDCWD, "f", &st, 0x8000), EINVAL);
	EXPECT_ERRNO(mkdirat(fd, "", 0755), ENOENT);		/* "" before dirfd */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* linkat follows a symbolic link only with AT_SYMLINK_FOLLOW; AT_EMPTY_PATH
 * links the file an fd holds. */
static int linkat_flags(void)
{
	struct stat st;
	EXPECT_EQ(write_file("f", "x"), 0);
	EXPECT_EQ(symlink("f", "l"), 0);
	EXPECT_EQ(linkat(AT_FDCWD, "l", AT_FDCWD, "nofollow", 0), 0);
	EXPECT_EQ(lstat("nofollow", &st), 0);
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ(linkat(AT_FDCWD, "l", AT_FDCWD, "follow", AT_SYMLINK_FOLLOW), 0);
	EXPECT_EQ(lstat("follow", &st), 0);
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_nlink, 2);
	int fd = open("f", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(linkat(fd, "", AT_FDCWD, "byfd", AT_EMPTY_PATH), 0);
	EXPECT_EQ(lstat("byfd", &st), 0);
	EXPECT_EQ(st.st_nlink, 3);
	EXPECT_ERRNO(linkat(fd, "", AT_FDCWD, "byfd2", 0), ENOENT);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("byfd"), 0);
	EXPECT_EQ(unlink("follow"), 0);
	EXPECT_EQ(unlink("nofollow"), 0);
	EXPECT_EQ(unlink("l"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- dup3 ------------------------------------------------------------- */

static int dup3_flags(void)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	EXPECT_EQ(dup3(fd, 20, O_CLOEXEC), 20);
	EXPECT_EQ(fcntl(20, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(dup3(fd, 20, 0), 20);			/* replaces 20, without the flag */
	EXPECT_EQ(fcntl(20, F_GETFD), 0);
	EXPECT_ERRNO(dup3(fd, fd, 0), EINVAL);
	EXPECT_ERRNO(dup3(fd, fd, O_CLOEXEC), EINVAL);
	EXPECT_ERRNO(dup3(fd, 21, O_NONBLOCK), EINVAL);
	EXPECT_ERRNO(dup3(-1, 21, 0), EBADF);
	EXPECT_ERRNO(dup3(30, 21, 0), EBADF);
	EXPECT_ERRNO(dup3(fd, -1, 0), EBADF);
	EXPECT_ERRNO(fcntl(21, F_GETFD), EBADF);		/* nothing was made */
	/* the duplicate shares the offset */
	EXPECT_EQ(write_file("f", "0123456789"), 0);
	int f = open("f", O_RDONLY);
	EXPECT(f >= 0);
	EXPECT_EQ(dup3(f, 22, 0), 22);
	char c;
	EXPECT_EQ(read(f, &c, 1), 1);
	EXPECT_EQ(lseek(22, 0, SEEK_CUR), 1);
	EXPECT_EQ(dup2(f, f), f);				/* dup2: no EINVAL */
	EXPECT_EQ(close(22), 0);
	EXPECT_EQ(close(20), 0);
	EXPECT_EQ(close(f), 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* ---- sendfile --------------------------------------------------------- */

static int sendfile_files(void)
{
	char buf[64];
	EXPECT_EQ(write_file("in", "0123456789abcdef"), 0);
	int in = open("in", O_RDONLY);
	int out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	EXPECT(in >= 0 && out >= 0);
	/* no offset: in's file offset moves */
	EXPECT_EQ(sendfile(out, in, NULL, 4), 4);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 4);
	EXPECT_EQ(lseek(out, 0, SEEK_CUR), 4);
	/* an offset: it moves instead, in's offset stays */
	off_t off = 10;
	EXPECT_EQ(sendfile(out, in, &off, 100), 6);		/* short: the end of the file */
	EXPECT_EQ(off, 16);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 4);
	EXPECT_EQ(sendfile(out, in, &off, 100), 0);		/* at the end */
	EXPECT_EQ(sendfile(out, in, NULL, 0), 0);
	EXPECT_EQ(read_file("out", buf, sizeof(buf)), 10);
	EXPECT(!strcmp(buf, "0123abcdef"));
	/* to a pipe */
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	off = 0;
	EXPECT_EQ(sendfile(p[1], in, &off, 5), 5);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "01234", 5));
	EXPECT_EQ(close(p[0]), 0);
	EXPECT_EQ(close(p[1]), 0);
	EXPECT_EQ(close(in), 0);
	EXPECT_EQ(close(out), 0);
	EXPECT_EQ(unlink("in"), 0);
	EXPECT_EQ(unlink("out"), 0);
	return 1;
}

static int sendfile_errors(void)
{
	EXPECT_EQ(write_file("in", "abc"), 0);
	int in = open("in", O_RDONLY);
	int wo = open("in", O_WRONLY);
	int app = open("app", O_WRONLY | O_CREAT | O_APPEND, 0644);
	int out = open("out", O_WRONLY | O_CREAT, 0644);
	EXPECT(in >= 0 && wo >= 0 && app >= 0 && out >= 0);
	EXPECT_ERRNO(sendfile(out, -1, NULL, 3), EBADF);
	EXPECT_ERRNO(sendfile(out, wo, NULL, 3), EBADF);	/* in not open for reading */
	EXPECT_ERRNO(sendfile(-1, in, NULL, 3), EBADF);
	EXPECT_ERRNO(sendfile(in, in, NULL, 3), EBADF);		/* out not open for writing */
	EXPECT_ERRNO(sendfile(app, in, NULL, 3), EINVAL);	/* O_APPEND */
	off_t off = -1;
	EXPECT_ERRNO(sendfile(out, in, &off, 3), EINVAL);
	EXPECT_ERRNO(sendfile(out, in, (off_t *)8, 3), EFAULT);
	EXPECT_EQ(close(in), 0);
	EXPECT_EQ(close(wo), 0);
	EXPECT_EQ(close(app), 0);
	EXPECT_EQ(close(out), 0);
	EXPECT_EQ(unlink("in"), 0);
	EXPECT_EQ(unlink("app"), 0);
	EXPECT_EQ(unlink("out"), 0);
	return 1;
}

/* ---- fchdir, creat, sync ---------------------------------------------- */

static int fchdir_cwd(void)
{
	char before[PATH_MAX], after[PATH_MAX];
	EXPECT(getcwd(before, sizeof(before)));
	EXPECT_EQ(mkdir("d", 0755), 0);
	EXPECT_EQ(write_file("f", "x"), 0);
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	int here = open(".", O_RDONLY | O_DIRECTORY);
	int f = open("f", O_RDONLY);
	EXPECT(dfd >= 0 && here >= 0 && f >= 0);
	EXPECT_EQ(fchdir(dfd), 0);
	EXPECT(getcwd(after, sizeof(after)));
	EXPECT_EQ(strlen(after), strlen(before) + 2);
	EXPECT(!strcmp(after + strlen(before), "/d"));
	EXPECT_ERRNO(fchdir(f), ENOTDIR);
	EXPECT_ERRNO(fchdir(-1), EBADF);
	EXPECT_EQ(fchdir(here), 0);
	EXPECT(getcwd(after, sizeof(after)));
	EXPECT(!strcmp(after, before));
	EXPECT_EQ(close(dfd), 0);
	EXPECT_EQ(close(here), 0);
	EXPECT_EQ(close(f), 0);
	EXPECT_EQ(rmdir("d"), 0);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

/* creat is open(O_CREAT | O_WRONLY | O_TRUNC). */
static int creat_truncates(void)
{
	char c;
	EXPECT_EQ(write_file("f", "old contents"), 0);
	int fd = creat("f", 0600);
	EXPECT(fd >= 0);
	EXPECT_EQ(file_size("f"), 0);
	EXPECT_ERRNO(read(fd, &c, 1), EBADF);
	EXPECT_EQ(write(fd, "new", 3), 3);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(file_size("f"), 3);
	EXPECT_ERRNO(creat("nodir/f", 0600), ENOENT);
	EXPECT_EQ(unlink("f"), 0);
	return 1;
}

static int sync_calls(void)
{
	sync();
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	EXPECT_EQ(syncfs(fd), 0);
	EXPECT_ERRNO(syncfs(-1), EBADF);
	EXPECT_EQ(close(fd), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("mkdirat, openat, renameat, symlinkat, readlinkat, linkat, unlinkat", at_calls),
	CHECK("*at errors: EBADF, ENOTDIR for dirfd; EINVAL for flags", at_errors),
	CHECK("linkat: AT_SYMLINK_FOLLOW, AT_EMPTY_PATH", linkat_flags),
	CHECK("dup3: O_CLOEXEC, EINVAL for the same fd, EBADF", dup3_flags),
	CHECK("sendfile: offset NULL or a pointer, short at EOF, to a pipe", sendfile_files),
	CHECK("sendfile errors: EBADF, EINVAL (O_APPEND, offset), EFAULT", sendfile_errors),
	CHECK("fchdir: getcwd follows; ENOTDIR, EBADF", fchdir_cwd),
	CHECK("creat truncates and opens write-only", creat_truncates),
	CHECK("sync and syncfs succeed", sync_calls),
};

int main(void)
{
	scratch_enter(SCRATCH);
	int r = run_checks(checks, NCHECKS(checks));
	return scratch_leave(SCRATCH) ? r : 1;
}

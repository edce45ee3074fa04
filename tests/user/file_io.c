/* tests/user/file_io.c — reading and writing files: round trips through
 * open/read/write/lseek/close, O_APPEND, O_TRUNC, pread/pwrite,
 * readv/writev, dup/dup2 sharing one offset, ftruncate, fallocate,
 * /dev/null, /dev/zero and /dev/urandom, fcntl, the errors a program gets for bad fds, and file times
 * against clock_gettime.
 *
 * Everything happens in a scratch directory made in the current one
 * (faultline: /tmp; Linux: build/linux-tmp) and removed at the end. */
#include "file.h"
#include <sys/syscall.h>
#include <sys/uio.h>
#include <syscall.h>
#include <time.h>

#define SCRATCH	"file_io.d"

static int round_trip(void)
{
	char buf[64];
	int fd = open("rt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "hello, ", 7), 7);
	EXPECT_EQ(write(fd, "world", 5), 5);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 12);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 12);
	EXPECT(!memcmp(buf, "hello, world", 12));
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);	/* end of file */
	EXPECT_EQ(close(fd), 0);
	/* and again through a new open */
	EXPECT_EQ(read_file("rt", buf, sizeof(buf)), 12);
	EXPECT(!strcmp(buf, "hello, world"));
	EXPECT_EQ(unlink("rt"), 0);
	return 1;
}

static int lseek_whence(void)
{
	char c;
	int fd = open("seek", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "0123456789", 10), 10);
	EXPECT_EQ(lseek(fd, 3, SEEK_SET), 3);
	EXPECT_EQ(read(fd, &c, 1), 1);
	EXPECT_EQ(c, '3');
	EXPECT_EQ(lseek(fd, 2, SEEK_CUR), 6);
	EXPECT_EQ(read(fd, &c, 1), 1);
	EXPECT_EQ(c, '6');
	EXPECT_EQ(lseek(fd, -1, SEEK_END), 9);
	EXPECT_EQ(read(fd, &c, 1), 1);
	EXPECT_EQ(c, '9');
	EXPECT_ERRNO(lseek(fd, -11, SEEK_END), EINVAL);
	EXPECT_ERRNO(lseek(fd, 0, 7), EINVAL);
	/* past the end: a hole that reads as zeros */
	EXPECT_EQ(lseek(fd, 20, SEEK_SET), 20);
	EXPECT_EQ(write(fd, "x", 1), 1);
	EXPECT_EQ(pread(fd, &c, 1, 15), 1);
	EXPECT_EQ(c, 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 21);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("seek"), 0);
	return 1;
}

/* A big write crosses page boundaries and reads back byte for byte. */
static int large_round_trip(void)
{
	enum { N = 3 * 4096 + 123 };
	static char out[N], in[N + 16];
	for (int i = 0; i < N; i++)
		out[i] = (char)(i * 7 + (i >> 8));
	int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, out, N), N);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(read(fd, in, sizeof(in)), N);
	EXPECT(!memcmp(in, out, N));
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(file_size("big"), N);
	EXPECT_EQ(unlink("big"), 0);
	return 1;
}

static int o_append(void)
{
	char buf[64];
	EXPECT_EQ(write_file("app", "abc"), 0);
	int fd = open("app", O_WRONLY | O_APPEND);
	EXPECT(fd >= 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(write(fd, "def", 3), 3);	/* at the end all the same */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 6);
	EXPECT_EQ(pwrite(fd, "g", 1, 0), 1);	/* Linux: O_APPEND wins over the offset */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(read_file("app", buf, sizeof(buf)), 7);
	EXPECT(!strcmp(buf, "abcdefg"));
	EXPECT_EQ(unlink("app"), 0);
	return 1;
}

static int o_trunc(void)
{
	char buf[64];
	EXPECT_EQ(write_file("tr", "a long first version"), 0);
	EXPECT_EQ(file_size("tr"), 20);
	int fd = open("tr", O_WRONLY | O_TRUNC);
	EXPECT(fd >= 0);
	EXPECT_EQ(file_size("tr"), 0);
	EXPECT_EQ(write(fd, "short", 5), 5);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(read_file("tr", buf, sizeof(buf)), 5);
	EXPECT(!strcmp(buf, "short"));
	/* without O_TRUNC the rest of the file stays */
	fd = open("tr", O_WRONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "S", 1), 1);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(read_file("tr", buf, sizeof(buf)), 5);
	EXPECT(!strcmp(buf, "Short"));
	EXPECT_EQ(unlink("tr"), 0);
	return 1;
}

static int pread_pwrite(void)
{
	char buf[16];
	int fd = open("prw", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "0123456789", 10), 10);
	EXPECT_EQ(lseek(fd, 2, SEEK_SET), 2);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(pread(fd, buf, 4, 5), 4);
	EXPECT(!memcmp(buf, "5678", 4));
	EXPECT_EQ(pwrite(fd, "AB", 2, 8), 2);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);	/* neither moved the offset */
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 7), 3);	/* short at the end */
	EXPECT(!memcmp(buf, "7AB", 3));
	EXPECT_EQ(pread(fd, buf, 4, 100), 0);
	EXPECT_ERRNO(pread(fd, buf, 4, -1), EINVAL);
	/* offset + count past 2^63: EINVAL before any file system sees it */
	EXPECT_ERRNO(pread(fd, buf, 16, 0x7ffffffffffffff8L), EINVAL);
	EXPECT_ERRNO(pwrite(fd, buf, 16, 0x7ffffffffffffff8L), EINVAL);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("prw"), 0);
	return 1;
}

static int readv_writev(void)
{
	char a[3], b[5], c[8];
	struct iovec out[3] = {
		{ "abc", 3 }, { "", 0 }, { "defgh", 5 },
	};
	int fd = open("iov", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(writev(fd, out, 3), 8);
	EXPECT_EQ(file_size("iov"), 8);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	struct iovec in[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	memset(c, 'z', sizeof(c));
	EXPECT_EQ(readv(fd, in, 3), 8);
	EXPECT(!memcmp(a, "abc", 3));
	EXPECT(!memcmp(b, "defgh", 5));
	EXPECT_EQ(c[0], 'z');			/* nothing left for the third */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("iov"), 0);
	return 1;
}

/* dup and dup2 give fds sharing one open file: one offset, one set of flags. */
static int dup_shares_offset(void)
{
	char buf[16];
	int fd = open("dup", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	int fd2 = dup(fd);
	EXPECT(fd2 >= 0 && fd2 != fd);
	EXPECT_EQ(write(fd, "one", 3), 3);
	EXPECT_EQ(lseek(fd2, 0, SEEK_CUR), 3);
	EXPECT_EQ(write(fd2, "two", 3), 3);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 6);
	EXPECT_EQ(lseek(fd2, 1, SEEK_SET), 1);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(read(fd, buf, 2), 2);
	EXPECT(!memcmp(buf, "ne", 2));
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(read(fd2, buf, 3), 3);	/* still open through the other */
	EXPECT(!memcmp(buf, "two", 3));
	EXPECT_EQ(close(fd2), 0);
	EXPECT_EQ(unlink("dup"), 0);
	return 1;
}

static int dup2_replaces(void)
{
	char buf[16];
	EXPECT_EQ(write_file("d2a", "AAAA"), 0);
	EXPECT_EQ(write_file("d2b", "BBBB"), 0);
	int a = open("d2a", O_RDONLY), b = open("d2b", O_RDONLY);
	EXPECT(a >= 0 && b >= 0);
	EXPECT_EQ(dup2(a, b), b);		/* b now names d2a; d2b's file closed */
	EXPECT_EQ(read(b, buf, 2), 2);
	EXPECT(!memcmp(buf, "AA", 2));
	EXPECT_EQ(lseek(a, 0, SEEK_CUR), 2);
	EXPECT_EQ(dup2(a, a), a);		/* to itself: nothing happens */
	EXPECT_EQ(dup2(a, 40), 40);		/* to a free high fd */
	EXPECT_EQ(lseek(40, 0, SEEK_CUR), 2);
	EXPECT_ERRNO(dup2(45, 46), EBADF);
	EXPECT_ERRNO(dup(45), EBADF);
	EXPECT_EQ(close(40), 0);
	EXPECT_EQ(close(b), 0);
	EXPECT_EQ(close(a), 0);
	EXPECT_EQ(unlink("d2a"), 0);
	EXPECT_EQ(unlink("d2b"), 0);
	return 1;
}

/* dup returns the lowest free fd. */
static int dup_lowest(void)
{
	int fd = open("/dev/null", O_RDONLY);
	EXPECT(fd >= 3);
	EXPECT_EQ(close(0), 0);
	EXPECT_EQ(dup(fd), 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(open("/dev/null", O_RDONLY), fd);
	return 1;
}

static int ftruncate_sizes(void)
{
	char buf[32];
	int fd = open("ft", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "0123456789", 10), 10);
	EXPECT_EQ(ftruncate(fd, 4), 0);
	EXPECT_EQ(file_size("ft"), 4);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 10);	/* the offset does not move */
	EXPECT_EQ(ftruncate(fd, 8), 0);		/* grows with zeros */
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 8);
	EXPECT(!memcmp(buf, "0123\0\0\0\0", 8));
	EXPECT_ERRNO(ftruncate(fd, -1), EINVAL);
	EXPECT_EQ(truncate("ft", 2), 0);
	EXPECT_EQ(file_size("ft"), 2);
	EXPECT_EQ(close(fd), 0);
	fd = open("ft", O_RDONLY);
	EXPECT_ERRNO(ftruncate(fd, 0), EINVAL);	/* not open for writing */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("ft"), 0);
	return 1;
}

/* fallocate: mode 0 grows the file (zeros), FALLOC_FL_KEEP_SIZE (1)
 * leaves the size, and neither touches what is there; then Linux's
 * errors in vfs_fallocate's order. */
static long falloc(int fd, int mode, long off, long len)
{
	return syscall(SYS_fallocate, fd, mode, off, len);
}

static int fallocate_sizes(void)
{
	char buf[8192];
	int fd = open("fa", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "abc", 3), 3);
	EXPECT_EQ(falloc(fd, 0, 0, 8192), 0);
	EXPECT_EQ(file_size("fa"), 8192);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 3);		/* the offset does not move */
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 8192);
	EXPECT(!memcmp(buf, "abc", 3));
	for (size_t i = 3; i < sizeof(buf); i++)
		EXPECT_EQ(buf[i], 0);
	EXPECT_EQ(falloc(fd, 0, 100, 10), 0);		/* inside: nothing changes */
	EXPECT_EQ(falloc(fd, 1, 8192, 4096), 0);	/* KEEP_SIZE */
	EXPECT_EQ(file_size("fa"), 8192);
	EXPECT_EQ(falloc(fd, 0, 10000, 1), 0);		/* past the end: to off + len */
	EXPECT_EQ(file_size("fa"), 10001);
	EXPECT_ERRNO(falloc(fd, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(falloc(fd, 0, -1, 10), EINVAL);
	EXPECT_ERRNO(falloc(fd, 0x80, 0, 1), EOPNOTSUPP);	/* no such mode */
	EXPECT_ERRNO(falloc(fd, 2, 0, 1), EOPNOTSUPP);		/* a hole needs KEEP_SIZE */
	EXPECT_ERRNO(falloc(fd, 0, 0x7fffffffffffff00L, 0x1000), EFBIG);
	EXPECT_ERRNO(falloc(-1, 0, 0, 1), EBADF);
	EXPECT_EQ(close(fd), 0);
	fd = open("fa", O_RDONLY);
	EXPECT_ERRNO(falloc(fd, 0, 0, 1), EBADF);	/* not open for writing */
	EXPECT_EQ(close(fd), 0);
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	EXPECT_ERRNO(falloc(p[1], 0, 0, 1), ESPIPE);
	EXPECT_EQ(close(p[0]), 0);
	EXPECT_EQ(close(p[1]), 0);
	fd = open("/dev/null", O_WRONLY);
	EXPECT_ERRNO(falloc(fd, 0, 0, 1), ENODEV);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("fa"), 0);
	return 1;
}

static int dev_null(void)
{
	char buf[8] = "abcdefg";
	int fd = open("/dev/null", O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "discarded", 9), 9);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	EXPECT_EQ(buf[0], 'a');
	EXPECT_EQ(lseek(fd, 100, SEEK_SET), 0);
	struct stat st;
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT(S_ISCHR(st.st_mode));
	EXPECT_EQ(st.st_rdev, 0x103);		/* major 1, minor 3 */
	EXPECT_EQ(close(fd), 0);
	return 1;
}

static int dev_zero(void)
{
	char buf[5000];
	memset(buf, 'x', sizeof(buf));
	int fd = open("/dev/zero", O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		EXPECT_EQ(buf[i], 0);
	EXPECT_EQ(write(fd, "x", 1), 1);
	struct stat st;
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT(S_ISCHR(st.st_mode));
	EXPECT_EQ(st.st_rdev, 0x105);		/* major 1, minor 5 */
	EXPECT_EQ(close(fd), 0);
	return 1;
}

/* /dev/urandom and /dev/random: as many bytes as asked, not all zero, not
 * the same twice (a chance of 2^-32768 on Linux); a write is taken whole;
 * lseek gives 0.  shred and mktemp read them. */
static int dev_random(void)
{
	static const struct { const char *path; unsigned long rdev; } nodes[] = {
		{ "/dev/urandom", 0x109 }, { "/dev/random", 0x108 },	/* major 1, minors 9 and 8 */
	};
	for (size_t n = 0; n < NCHECKS(nodes); n++) {
		char a[4096], b[4096];
		int fd = open(nodes[n].path, O_RDWR);
		EXPECT(fd >= 0);
		EXPECT_EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
		EXPECT_EQ(read(fd, b, sizeof(b)), (long)sizeof(b));
		EXPECT(memcmp(a, b, sizeof(a)) != 0);
		size_t zeros = 0;
		for (size_t i = 0; i < sizeof(a); i++)
			zeros += !a[i];
		EXPECT(zeros < sizeof(a) / 16);		/* about 16 expected */
		EXPECT_EQ(write(fd, "seed", 4), 4);
		EXPECT_EQ(lseek(fd, 100, SEEK_SET), 0);
		struct stat st;
		EXPECT_EQ(fstat(fd, &st), 0);
		EXPECT(S_ISCHR(st.st_mode));
		EXPECT_EQ(st.st_rdev, nodes[n].rdev);
		EXPECT_EQ(close(fd), 0);
	}
	return 1;
}

/* F_GETFL: the access mode and status flags (not O_CREAT, O_TRUNC, ...;
 * x86-64 Linux adds O_LARGEFILE); F_SETFL changes O_APPEND only. */
static int fcntl_getfl(void)
{
	int fd = open("fl", O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
	EXPECT(fd >= 0);
	int fl = fcntl(fd, F_GETFL);
	EXPECT_EQ(fl & O_ACCMODE, O_RDWR);
	EXPECT(fl & O_APPEND);
	EXPECT_EQ(fl, O_RDWR | O_APPEND | O_LARGEFILE);
	EXPECT_EQ(fcntl(fd, F_SETFL, O_RDONLY), 0);	/* the access mode stays */
	EXPECT_EQ(fcntl(fd, F_GETFL), O_RDWR | O_LARGEFILE);
	EXPECT_EQ(close(fd), 0);
	fd = open("fl", O_RDONLY);
	EXPECT_EQ(fcntl(fd, F_GETFL), O_RDONLY | O_LARGEFILE);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("fl"), 0);
	return 1;
}

static int fcntl_setfd(void)
{
	int fd = open("/dev/null", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	int fd2 = dup(fd);
	EXPECT_EQ(fcntl(fd2, F_GETFD), 0);	/* dup does not copy it */
	EXPECT_EQ(fcntl(fd, F_SETFD, 0), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	int fd3 = fcntl(fd, F_DUPFD, 30);
	EXPECT(fd3 >= 30);
	EXPECT_EQ(close(fd3), 0);
	EXPECT_EQ(close(fd2), 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_ERRNO(fcntl(fd, F_GETFD), EBADF);
	return 1;
}

/* An fd opened before fork is shared: one offset for both processes. */
static int fork_shares_offset(void)
{
	int fd = open("fork", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(fd, "child", 5) == 5 ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);
	EXPECT_EQ(write(fd, "parent", 6), 6);
	EXPECT_EQ(close(fd), 0);
	char buf[32];
	EXPECT_EQ(read_file("fork", buf, sizeof(buf)), 11);
	EXPECT(!strcmp(buf, "childparent"));
	EXPECT_EQ(unlink("fork"), 0);
	return 1;
}

static int ebadf(void)
{
	char c;
	EXPECT_ERRNO(read(-1, &c, 1), EBADF);
	EXPECT_ERRNO(write(50, &c, 1), EBADF);
	EXPECT_ERRNO(close(50), EBADF);
	EXPECT_ERRNO(lseek(50, 0, SEEK_SET), EBADF);
	int fd = open("/dev/null", O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(write(fd, "x", 1), EBADF);	/* open for reading only */
	EXPECT_EQ(close(fd), 0);
	EXPECT_ERRNO(read(fd, &c, 1), EBADF);	/* closed */
	EXPECT_ERRNO(close(fd), EBADF);
	fd = open("/dev/null", O_WRONLY);
	EXPECT_ERRNO(read(fd, &c, 1), EBADF);	/* open for writing only */
	EXPECT_EQ(close(fd), 0);
	struct stat st;
	EXPECT_ERRNO(fstat(50, &st), EBADF);
	return 1;
}

/* O_EXCL refuses an existing file; O_RDONLY on a missing one is ENOENT. */
static int open_errors(void)
{
	char longname[300];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	EXPECT_ERRNO(open("missing", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open("", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open(longname, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
	EXPECT_ERRNO(open("missing/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	EXPECT_EQ(write_file("ex", "x"), 0);
	EXPECT_ERRNO(open("ex", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	EXPECT_ERRNO(open("ex/x", O_RDONLY), ENOTDIR);
	EXPECT_ERRNO(open("ex/", O_RDONLY), ENOTDIR);
	EXPECT_ERRNO(open("ex", O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERRNO(open(".", O_WRONLY), EISDIR);
	EXPECT_ERRNO(open(".", O_RDWR), EISDIR);
	int fd = open(".", O_RDONLY);
	EXPECT(fd >= 0);
	char c;
	EXPECT_ERRNO(read(fd, &c, 1), EISDIR);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(unlink("ex"), 0);
	return 1;
}

/* iovcnt 0 does nothing; more than 1024 (UIO_MAXIOV) or negative is EINVAL. */
static int iov_limits(void)
{
	static struct iovec many[1025];
	char c = 'x';
	for (int i = 0; i < 1025; i++)
		many[i] = (struct iovec){ &c, 1 };
	int fd = open("/dev/null", O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_EQ(writev(fd, many, 0), 0);
	EXPECT_EQ(writev(fd, many, 1024), 1024);
	EXPECT_ERRNO(writev(fd, many, 1025), EINVAL);
	EXPECT_ERRNO(readv(fd, many, -1), EINVAL);
	EXPECT_EQ(close(fd), 0);
	return 1;
}

/* A file's times come from CLOCK_REALTIME's clock (the kernel's coarse
 * clock, which Linux's current_time reads), so they agree with
 * clock_gettime and never go back: a file made after another has an mtime
 * no earlier, and a write through a shared mapping does not move it back.
 * (Linux's file times may be a tick behind clock_gettime's: one second of
 * slack below.) */
static int times_follow_the_clock(void)
{
	struct timespec t0, t1;
	struct stat a, b, c;
	EXPECT_EQ(clock_gettime(CLOCK_REALTIME, &t0), 0);
	EXPECT_EQ(write_file("ta", "a"), 0);
	EXPECT_EQ(stat("ta", &a), 0);
	EXPECT_EQ(write_file("tb", "b"), 0);
	EXPECT_EQ(stat("tb", &b), 0);
	int fd = open("tb", O_RDWR);
	EXPECT(fd >= 0);
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	p[0] = 'B';				/* a write fault: ->page_mkwrite */
	EXPECT_EQ(munmap(p, 4096), 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(stat("tb", &c), 0);
	EXPECT_EQ(clock_gettime(CLOCK_REALTIME, &t1), 0);
	EXPECT(a.st_mtime >= t0.tv_sec - 1 && a.st_mtime <= t1.tv_sec);
	EXPECT(b.st_mtime >= a.st_mtime);
	EXPECT(c.st_mtime >= b.st_mtime && c.st_mtime <= t1.tv_sec);
	EXPECT_EQ(unlink("ta"), 0);
	EXPECT_EQ(unlink("tb"), 0);
	return 1;
}

static const struct check checks[] = {
	CHECK("open/write/lseek/read/close round trip", round_trip),
	CHECK("lseek SEEK_SET/CUR/END, EINVAL, a hole reads zeros", lseek_whence),
	CHECK("a 3-page write reads back byte for byte", large_round_trip),
	CHECK("O_APPEND writes at the end, whatever the offset", o_append),
	CHECK("O_TRUNC empties the file; without it the rest stays", o_trunc),
	CHECK("pread/pwrite at an offset, leaving the file offset; EINVAL past 2^63",
	      pread_pwrite),
	CHECK("writev and readv over three buffers", readv_writev),
	CHECK("dup shares the offset; the file lives while one fd does", dup_shares_offset),
	CHECK("dup2 replaces an open fd; EBADF for a closed one", dup2_replaces),
	CHECK("dup and open take the lowest free fd", dup_lowest),
	CHECK("ftruncate and truncate shrink and grow (zeros)", ftruncate_sizes),
	CHECK("fallocate grows (zeros) or keeps the size; Linux's errors", fallocate_sizes),
	CHECK("/dev/null: reads end at once, writes vanish", dev_null),
	CHECK("/dev/zero: reads give zeros", dev_zero),
	CHECK("/dev/urandom, /dev/random: random bytes; writes taken; lseek 0", dev_random),
	CHECK("fcntl F_GETFL/F_SETFL: access mode and O_APPEND", fcntl_getfl),
	CHECK("readv/writev: iovcnt 0, 1024 and 1025 (EINVAL)", iov_limits),
	CHECK("fcntl F_GETFD/F_SETFD FD_CLOEXEC, F_DUPFD", fcntl_setfd),
	CHECK("a fd shared across fork shares its offset", fork_shares_offset),
	CHECK("EBADF: bad, closed or wrong-mode fds", ebadf),
	CHECK("open errors: ENOENT, ENAMETOOLONG, EEXIST, ENOTDIR, EISDIR", open_errors),
	CHECK("mtime: CLOCK_REALTIME's clock, never earlier for a later file or write",
	      times_follow_the_clock),
};

int main(void)
{
	scratch_enter(SCRATCH);
	int r = run_checks(checks, NCHECKS(checks));
	return scratch_leave(SCRATCH) ? r : 1;
}

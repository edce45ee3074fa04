/* sys/stat.h — Linux's x86-64 struct stat (144 bytes, the layout of the
 * stat/fstat/lstat/newfstatat system calls) and the file-mode bits. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <time.h>

struct stat {
	dev_t st_dev;			/*   0 */
	ino_t st_ino;			/*   8 */
	nlink_t st_nlink;		/*  16: 64-bit here, before st_mode (x86-64 only) */
	mode_t st_mode;			/*  24 */
	uid_t st_uid;			/*  28 */
	gid_t st_gid;			/*  32 */
	unsigned int __pad0;		/*  36 */
	dev_t st_rdev;			/*  40 */
	off_t st_size;			/*  48 */
	blksize_t st_blksize;		/*  56 */
	blkcnt_t st_blocks;		/*  64: in 512-byte units */
	struct timespec st_atim;	/*  72 */
	struct timespec st_mtim;	/*  88 */
	struct timespec st_ctim;	/* 104 */
	long __unused[3];		/* 120 .. 144 */
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#define S_IFMT		0170000	/* the type bits: */
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_IRWXU		0700
#define S_IRUSR		0400
#define S_IWUSR		0200
#define S_IXUSR		0100
#define S_IRWXG		070
#define S_IRGRP		040
#define S_IWGRP		020
#define S_IXGRP		010
#define S_IRWXO		07
#define S_IROTH		04
#define S_IWOTH		02
#define S_IXOTH		01

#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int mkdir(const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);	/* flags: 0 */
mode_t umask(mode_t mask);
int mkdirat(int dirfd, const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev);

#define UTIME_NOW	((1L << 30) - 1)	/* utimensat: the current time */
#define UTIME_OMIT	((1L << 30) - 2)	/* utimensat: leave it as it is */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif

/* tests/kernel/vfs_test.c — suite `vfs`: the fd table (dup, dup2, close,
 * running out of fds) and the character devices (/dev/null, /dev/zero,
 * /dev/console), through the VFS API (kernel/fs/vfs.c, file.c, chardev.c).
 *
 * Each case works in /tmp/t_vfs (VFS_CASE: made before, checked empty and
 * removed after; every fd opened is closed, inodes and free frames are
 * back where they were).  The reference is Linux:
 *
 *	dup        the lowest free fd, sharing the open file (and its offset)
 *	dup2       closes what newfd had; dup2(fd, fd) is fd when fd is open
 *	bad fds    -EBADF (negative, >= NR_OPEN, closed);  full table -EMFILE,
 *	           before open could create anything
 *	/dev/null  reads 0 bytes, takes every write;  /dev/zero reads zeros;
 *	           both seek to 0;  /dev/console cannot seek (-ESPIPE)
 *
 * /dev/console is never read here: a read waits for the keyboard. */
#include "tests/kernel/vfs_test.h"

#define S	"/tmp/t_vfs"
#define F	S "/f"

static u8 buf[4096];

/* --- dup, dup2, close ------------------------------------------------------- */

VFS_CASE(dup_lowest_fd, S)
{
	KASSERT_EQ(t, vt_write_file(F, "x", 1), 0);
	int lowest = vt_lowest_free_fd();
	OPEN(t, a, F, O_RDONLY);
	OPEN(t, b, F, O_RDONLY);
	OPEN(t, c, F, O_RDONLY);
	KEXPECT_EQ(t, a, lowest);			/* open takes the lowest too */
	KEXPECT_EQ(t, vt_lowest_free_fd(), c + 1);
	int d = vfs_dup(a);
	KEXPECT_EQ(t, d, c + 1);
	KEXPECT_EQ(t, vfs_close(b), 0);			/* a hole below d ... */
	KEXPECT_EQ(t, vfs_dup(c), b);			/* ... is taken first */
	KEXPECT_EQ(t, vfs_close(a), 0);
	KEXPECT_EQ(t, vfs_close(b), 0);
	KEXPECT_EQ(t, vfs_close(c), 0);
	KEXPECT_EQ(t, vfs_close(d), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(dup_shares_offset, S)
{
	KASSERT_EQ(t, vt_write_file(F, "0123456789", 10), 0);
	OPEN(t, fd, F, O_RDONLY);
	int d = vfs_dup(fd);
	KASSERT_GE(t, d, 0);
	KEXPECT_EQ(t, vfs_read(fd, buf, 3), 3);
	KEXPECT_EQ(t, vfs_lseek(d, 0, SEEK_CUR), 3);	/* one offset for both */
	KEXPECT_EQ(t, vfs_read(d, buf, 2), 2);
	KEXPECT_EQ(t, memcmp(buf, "34", 2), 0);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 5);
	KEXPECT_EQ(t, vfs_lseek(d, 8, SEEK_SET), 8);
	KEXPECT_EQ(t, vfs_read(fd, buf, 10), 2);
	KEXPECT_EQ(t, memcmp(buf, "89", 2), 0);
	/* closing one leaves the other open; dup2's copy shares it as well */
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_lseek(d, 1, SEEK_SET), 1);
	KEXPECT_EQ(t, vfs_dup2(d, NR_OPEN - 1), NR_OPEN - 1);
	KEXPECT_EQ(t, vfs_read(NR_OPEN - 1, buf, 3), 3);
	KEXPECT_EQ(t, memcmp(buf, "123", 3), 0);
	KEXPECT_EQ(t, vfs_lseek(d, 0, SEEK_CUR), 4);
	KEXPECT_EQ(t, vfs_close(d), 0);
	KEXPECT_EQ(t, vfs_close(NR_OPEN - 1), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* dup2 onto an open fd closes that file first: here the last reference of
 * an unlinked file, which is freed there and then. */
VFS_CASE(dup2_closes_target, S)
{
	KASSERT_EQ(t, vt_write_file(S "/a", "aaa", 3), 0);
	KASSERT_EQ(t, vt_pattern_file(S "/b", 2 * PAGE_SIZE, 1), 0);
	OPEN(t, fa, S "/a", O_RDONLY);
	OPEN(t, fb, S "/b", O_RDONLY);
	KEXPECT_EQ(t, vfs_unlink(S "/b"), 0);
	unsigned long inodes = nr_inodes(), free0 = nr_free_pages();
	KEXPECT_EQ(t, vfs_dup2(fa, fb), fb);
	KEXPECT_EQ(t, nr_inodes(), inodes - 1);		/* b is gone ... */
	KEXPECT_GE(t, nr_free_pages(), free0 + 2);	/* ... with its pages */
	KEXPECT_EQ(t, vfs_read(fb, buf, 10), 3);		/* fb is a now */
	KEXPECT_EQ(t, memcmp(buf, "aaa", 3), 0);
	KEXPECT_EQ(t, vfs_lseek(fa, 0, SEEK_CUR), 3);
	KEXPECT_EQ(t, vfs_close(fa), 0);
	KEXPECT_EQ(t, vfs_close(fb), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/a"), 0);
}

VFS_CASE(dup2_same_fd, S)
{
	KASSERT_EQ(t, vt_write_file(F, "abc", 3), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_dup2(fd, fd), fd);		/* nothing closed */
	KEXPECT_EQ(t, vfs_read(fd, buf, 10), 3);
	int closed = vt_lowest_free_fd();
	KEXPECT_EQ(t, vfs_dup2(closed, closed), -EBADF);	/* unless it is not open */
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_close(fd), -EBADF);		/* one reference only */
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(bad_fds, S)
{
	struct kstat st;
	int closed = vt_lowest_free_fd();
	const int bad[] = { -1, NR_OPEN, 1000, closed };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int fd = bad[i];
		KEXPECT_EQ(t, vfs_read(fd, buf, 1), -EBADF);
		KEXPECT_EQ(t, vfs_write(fd, buf, 1), -EBADF);
		KEXPECT_EQ(t, vfs_pread(fd, buf, 1, 0), -EBADF);
		KEXPECT_EQ(t, vfs_pwrite(fd, buf, 1, 0), -EBADF);
		KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), -EBADF);
		KEXPECT_EQ(t, vfs_fstat(fd, &st), -EBADF);
		KEXPECT_EQ(t, vfs_ftruncate(fd, 0), -EBADF);
		KEXPECT_EQ(t, vfs_getdents(fd, buf, sizeof(buf)), -EBADF);
		KEXPECT_EQ(t, vfs_dup(fd), -EBADF);
		KEXPECT_EQ(t, vfs_dup2(fd, closed), -EBADF);
		KEXPECT_EQ(t, vfs_close(fd), -EBADF);
	}
	KASSERT_EQ(t, vt_write_file(F, "", 0), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_dup2(fd, -1), -EBADF);
	KEXPECT_EQ(t, vfs_dup2(fd, NR_OPEN), -EBADF);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* Fill the table: -EMFILE for open, O_CREAT (which must not create the
 * file: Linux takes the fd before it looks at the path) and dup. */
VFS_CASE(out_of_fds, S)
{
	static int fds[NR_OPEN];
	int room = NR_OPEN - (int)files_count_open(current->files), n;
	KASSERT_EQ(t, vt_write_file(F, "x", 1), 0);
	for (n = 0; n < room; n++)
		KASSERT_GE(t, fds[n] = vfs_open(F, O_RDONLY, 0), 0);
	KEXPECT_EQ(t, vfs_open(F, O_RDONLY, 0), -EMFILE);
	KEXPECT_EQ(t, vfs_open(S "/new", O_RDWR | O_CREAT, 0644), -EMFILE);
	KEXPECT_EQ(t, vt_stat_err(S "/new"), -ENOENT);
	KEXPECT_EQ(t, vfs_open(F, O_WRONLY | O_TRUNC, 0), -EMFILE);
	KEXPECT_EQ(t, vt_size(F), 1);			/* not truncated either */
	KEXPECT_EQ(t, vfs_dup(fds[0]), -EMFILE);
	KEXPECT_EQ(t, vfs_dup2(fds[0], fds[1]), fds[1]);	/* needs no new fd */
	/* one closed, one free again: the next open gets exactly that one */
	KEXPECT_EQ(t, vfs_close(fds[n / 2]), 0);
	KEXPECT_EQ(t, vfs_open(F, O_RDONLY, 0), fds[n / 2]);
	for (int i = 0; i < n; i++)
		KEXPECT_EQ(t, vfs_close(fds[i]), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(close_twice, S)
{
	KASSERT_EQ(t, vt_write_file(F, "x", 1), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_close(fd), -EBADF);
	KEXPECT_EQ(t, vfs_read(fd, buf, 1), -EBADF);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* --- character devices ------------------------------------------------------ */

VFS_CASE(dev_null, S)
{
	OPEN(t, fd, "/dev/null", O_RDWR);
	memset(buf, 0xaa, sizeof(buf));
	KEXPECT_EQ(t, vfs_read(fd, buf, sizeof(buf)), 0);
	KEXPECT_EQ(t, buf[0], 0xaa);				/* nothing written */
	KEXPECT_EQ(t, vfs_write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KEXPECT_EQ(t, vfs_write(fd, buf, 1), 1);
	KEXPECT_EQ(t, vfs_pwrite(fd, buf, 100, 12345), 100);
	KEXPECT_EQ(t, vfs_pread(fd, buf, 100, 0), 0);
	KEXPECT_EQ(t, vfs_lseek(fd, 1000, SEEK_SET), 0);	/* Linux's null_lseek */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_END), 0);
	KEXPECT_EQ(t, vt_size("/dev/null"), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
}

VFS_CASE(dev_zero, S)
{
	OPEN(t, fd, "/dev/zero", O_RDWR);
	static const u8 zeros[sizeof(buf)];
	memset(buf, 0xaa, sizeof(buf));
	KEXPECT_EQ(t, vfs_read(fd, buf, 3001), 3001);
	KEXPECT_EQ(t, memcmp(buf, zeros, 3001), 0);
	KEXPECT_EQ(t, buf[3001], 0xaa);			/* not one byte more */
	memset(buf, 0xaa, sizeof(buf));
	KEXPECT_EQ(t, vfs_pread(fd, buf, sizeof(buf), 1 << 20), (ssize_t)sizeof(buf));
	KEXPECT_EQ(t, memcmp(buf, zeros, sizeof(buf)), 0);
	KEXPECT_EQ(t, vfs_read(fd, buf, 0), 0);
	KEXPECT_EQ(t, vfs_write(fd, "abc", 3), 3);		/* writes vanish */
	KEXPECT_EQ(t, vfs_lseek(fd, 99, SEEK_CUR), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
}

/* stat of the device nodes: S_IFCHR, Linux's numbers (mem 1:3 null, 1:5
 * zero; tty 5:1 console), as stat and as fstat of an open fd. */
VFS_CASE(dev_stat, S)
{
	static const struct { const char *path; dev_t dev; } devs[] = {
		{ "/dev/null", MKDEV(1, 3) }, { "/dev/zero", MKDEV(1, 5) },
		{ "/dev/console", MKDEV(5, 1) },
	};
	struct kstat st, fst;
	for (size_t i = 0; i < ARRAY_SIZE(devs); i++) {
		KASSERT_EQ(t, vfs_stat(devs[i].path, &st), 0);
		KEXPECT_TRUE(t, S_ISCHR(st.mode));
		KEXPECT_EQ(t, st.mode, (umode_t)(S_IFCHR | 0666));
		KEXPECT_EQ(t, st.rdev, devs[i].dev);
		KEXPECT_EQ(t, st.nlink, 1u);
		KEXPECT_EQ(t, st.size, 0);
	}
	KEXPECT_EQ(t, MAJOR(MKDEV(1, 3)), 1);
	KEXPECT_EQ(t, MINOR(MKDEV(1, 3)), 3);
	OPEN(t, fd, "/dev/null", O_RDONLY);
	KEXPECT_EQ(t, vfs_fstat(fd, &fst), 0);
	KEXPECT_EQ(t, fst.ino, vt_ino("/dev/null"));
	KEXPECT_EQ(t, fst.rdev, (dev_t)MKDEV(1, 3));
	KEXPECT_EQ(t, vfs_close(fd), 0);
}

/* A tty cannot seek: lseek and pwrite -ESPIPE (nothing is read or written). */
VFS_CASE(console_espipe, S)
{
	OPEN(t, fd, "/dev/console", O_WRONLY);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), -ESPIPE);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), -ESPIPE);
	KEXPECT_EQ(t, vfs_lseek(fd, 10, SEEK_END), -ESPIPE);
	KEXPECT_EQ(t, vfs_pwrite(fd, "", 0, 0), -ESPIPE);
	KEXPECT_EQ(t, vfs_close(fd), 0);
}

/* The /dev directory lists its nodes as DT_CHR, with their inodes. */
VFS_CASE(dev_listing, S)
{
	static const char *const names[] = { "null", "zero", "console" };
	char path[32];
	OPEN(t, fd, "/dev", O_RDONLY | O_DIRECTORY);
	ssize_t n = vfs_getdents(fd, buf, sizeof(buf));
	KASSERT_GE(t, n, 0);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const struct vt_dirent64 *d = vt_find_dirent(buf, (size_t)n, names[i]);
		KASSERT_NOT_NULL(t, d);
		snprintf(path, sizeof(path), "/dev/%s", names[i]);
		KEXPECT_EQ(t, d->d_type, DT_CHR);
		KEXPECT_EQ(t, d->d_ino, vt_ino(path));
		KEXPECT_EQ(t, d->d_reclen, (u16)VT_RECLEN(strlen(names[i])));
	}
	KEXPECT_EQ(t, vfs_close(fd), 0);
}

/* A node made by mknod works as the device its numbers name, anywhere;
 * numbers no driver registered give -ENXIO at open (as in Linux). */
VFS_CASE(mknod_devices, S)
{
	struct kstat st;
	KASSERT_EQ(t, vfs_mknod(S "/mynull", S_IFCHR | 0600, MKDEV(1, 3)), 0);
	KASSERT_EQ(t, vfs_mknod(S "/nodev", S_IFCHR | 0600, MKDEV(9, 9)), 0);
	KEXPECT_EQ(t, vfs_stat(S "/mynull", &st), 0);
	KEXPECT_EQ(t, st.mode, (umode_t)(S_IFCHR | 0600));
	KEXPECT_EQ(t, st.rdev, (dev_t)MKDEV(1, 3));
	OPEN(t, fd, S "/mynull", O_RDWR);
	KEXPECT_EQ(t, vfs_write(fd, "12345", 5), 5);
	KEXPECT_EQ(t, vfs_read(fd, buf, 5), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_open(S "/nodev", O_RDWR, 0), -ENXIO);
	KEXPECT_EQ(t, vfs_mknod(S "/mynull", S_IFCHR | 0600, MKDEV(1, 5)), -EEXIST);
	KEXPECT_EQ(t, vfs_unlink(S "/mynull"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/nodev"), 0);
}

KTEST_SUITE(vfs,
	    KTEST_CASE(dup_lowest_fd),
	    KTEST_CASE(dup_shares_offset),
	    KTEST_CASE(dup2_closes_target),
	    KTEST_CASE(dup2_same_fd),
	    KTEST_CASE(bad_fds),
	    KTEST_CASE(out_of_fds),
	    KTEST_CASE(close_twice),
	    KTEST_CASE(dev_null),
	    KTEST_CASE(dev_zero),
	    KTEST_CASE(dev_stat),
	    KTEST_CASE(console_espipe),
	    KTEST_CASE(dev_listing),
	    KTEST_CASE(mknod_devices));

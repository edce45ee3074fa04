/* tests/kernel/ramfs_test.c — suite `ramfs`: regular files and
 * directories of ramfs through the VFS (kernel/fs/ramfs.c, file.c, vfs.c).
 *
 * Each case works in /tmp/t_ramfs (VFS_CASE: made before, checked empty
 * and removed after, with inodes and free frames back where they were).
 * The reference is Linux on tmpfs:
 *
 *   open      O_CREAT, O_EXCL (-EEXIST), O_TRUNC (also with O_RDONLY: Linux
 *             truncates), O_APPEND (pwrite appends too), -EBADF for the wrong
 *             access mode, O_DIRECTORY on a file -ENOTDIR, a directory for
 *             writing -EISDIR, O_CREAT|O_DIRECTORY -EINVAL (Linux 6.4 on)
 *   read      0 at EOF;  a hole reads as zeros
 *   lseek     SEEK_SET/CUR/END, past EOF allowed, a negative result -EINVAL
 *   truncate  shrinking frees the pages past the end (stat's st_blocks and
 *             the free-frame count, exactly) and zeroes the rest of the last
 *             page; growing makes a hole; -EINVAL / -EISDIR as Linux
 *   unlink    the pages go with the last reference: an open fd keeps them
 *   dirs      nlink = 2 + subdirectories; rmdir -ENOTEMPTY/-EINVAL/-EBUSY/
 *             -ENOTDIR; getdents64 records as Linux lays them out
 *
 * File data is the pattern of vt_pattern (vfs_test.h); a mismatch reports
 * the first offset that differs. */
#include "tests/kernel/vfs_test.h"

#define S	"/tmp/t_ramfs"
#define F	S "/f"
#define PG	((size_t)PAGE_SIZE)

static u8 buf[4 * PAGE_SIZE];		/* what a case reads */
static u8 expect[4 * PAGE_SIZE];	/* what it should read */
static u8 dbuf[1024];			/* getdents output */

/* --- create, open flags ----------------------------------------------------- */

VFS_CASE(create_and_excl, S)
{
	struct kstat st;
	OPEN(t, fd, F, O_RDWR | O_CREAT);
	KASSERT_EQ(t, vfs_fstat(fd, &st), 0);
	KEXPECT_EQ(t, st.mode, (umode_t)(S_IFREG | 0644));
	KEXPECT_EQ(t, st.size, 0);
	KEXPECT_EQ(t, st.nlink, 1u);
	KEXPECT_EQ(t, st.blocks, 0ull);
	KEXPECT_EQ(t, vfs_write(fd, "abc", 3), 3);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	/* O_CREAT of an existing file opens it as it is: same inode, mode, data */
	OPEN(t, fd2, F, O_RDWR | O_CREAT);
	KEXPECT_EQ(t, vfs_fstat(fd2, &st), 0);
	KEXPECT_EQ(t, st.ino, vt_ino(F));
	KEXPECT_EQ(t, st.mode, (umode_t)(S_IFREG | 0644));
	EXPECT_FD_CONTENTS(t, fd2, "abc", 3);
	KEXPECT_EQ(t, vfs_close(fd2), 0);
	KEXPECT_EQ(t, vfs_open(F, O_WRONLY | O_CREAT | O_EXCL, 0644), -EEXIST);
	KEXPECT_EQ(t, vfs_mkdir(S "/d", 0755), 0);
	KEXPECT_EQ(t, vfs_open(S "/d", O_RDONLY | O_CREAT | O_EXCL, 0644), -EEXIST);
	KEXPECT_EQ(t, vfs_open(S "/nope", O_RDONLY, 0), -ENOENT);
	/* O_EXCL without O_CREAT means nothing for a regular file */
	OPEN(t, fd3, F, O_RDONLY | O_EXCL);
	KEXPECT_EQ(t, vfs_close(fd3), 0);
	OPEN(t, fd4, S "/new", O_WRONLY | O_CREAT | O_EXCL);
	KEXPECT_EQ(t, vfs_close(fd4), 0);
	KEXPECT_EQ(t, vt_size(S "/new"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/new"), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/d"), 0);
}

/* Linux's do_open: O_CREAT on anything that is a directory is -EISDIR. */
VFS_CASE(creat_on_directory, S)
{
	KEXPECT_EQ(t, vfs_mkdir(S "/d", 0755), 0);
	KEXPECT_EQ(t, vfs_open(S "/d", O_RDONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vfs_open(S "/d", O_WRONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vfs_open("/", O_RDONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vfs_open(S "/.", O_RDONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vfs_open(S "/d/..", O_RDONLY | O_CREAT, 0644), -EISDIR);
	KEXPECT_EQ(t, vt_count_entries(S), 1L);
	KEXPECT_EQ(t, vfs_rmdir(S "/d"), 0);
}

VFS_CASE(open_trunc, S)
{
	KASSERT_EQ(t, vt_pattern_file(F, 3 * PG + 10, 1), 0);
	KEXPECT_EQ(t, vt_blocks(F), 32);
	OPEN(t, fd, F, O_WRONLY | O_TRUNC);
	KEXPECT_EQ(t, vt_size(F), 0);
	KEXPECT_EQ(t, vt_blocks(F), 0);
	KEXPECT_EQ(t, vfs_write(fd, "new", 3), 3);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	EXPECT_CONTENTS(t, F, "new", 3);
	/* Linux truncates on O_TRUNC with O_RDONLY too (it asks for write
	 * permission and truncates; POSIX leaves it unspecified) */
	OPEN(t, fd2, F, O_RDONLY | O_TRUNC);
	KEXPECT_EQ(t, vt_size(F), 0);
	KEXPECT_EQ(t, vfs_read(fd2, buf, 10), 0);
	KEXPECT_EQ(t, vfs_close(fd2), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(append_mode, S)
{
	KASSERT_EQ(t, vt_write_file(F, "hello", 5), 0);
	OPEN(t, fd, F, O_WRONLY | O_APPEND);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), 0);
	KEXPECT_EQ(t, vfs_write(fd, " world", 6), 6);	/* at the end, not at 0 */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 11);
	/* Linux: with O_APPEND, pwrite appends too (a known deviation from
	 * POSIX), and leaves the offset alone */
	KEXPECT_EQ(t, vfs_pwrite(fd, "!", 1, 0), 1);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 11);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	EXPECT_CONTENTS(t, F, "hello world!", 12);
	/* O_RDWR | O_APPEND: reads go where the offset says, writes to the end */
	OPEN(t, fd2, F, O_RDWR | O_APPEND);
	KEXPECT_EQ(t, vfs_read(fd2, buf, 5), 5);
	KEXPECT_EQ(t, memcmp(buf, "hello", 5), 0);
	KEXPECT_EQ(t, vfs_write(fd2, "?", 1), 1);
	KEXPECT_EQ(t, vfs_lseek(fd2, 0, SEEK_CUR), 13);
	KEXPECT_EQ(t, vfs_close(fd2), 0);
	EXPECT_CONTENTS(t, F, "hello world!?", 13);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(access_mode_ebadf, S)
{
	KASSERT_EQ(t, vt_write_file(F, "0123456789", 10), 0);
	OPEN(t, ro, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_write(ro, "x", 1), -EBADF);
	KEXPECT_EQ(t, vfs_pwrite(ro, "x", 1, 0), -EBADF);
	KEXPECT_EQ(t, vfs_read(ro, buf, 4), 4);		/* reading is fine */
	OPEN(t, wo, F, O_WRONLY);
	KEXPECT_EQ(t, vfs_read(wo, buf, 1), -EBADF);
	KEXPECT_EQ(t, vfs_pread(wo, buf, 1, 0), -EBADF);
	KEXPECT_EQ(t, vfs_write(wo, "ab", 2), 2);		/* writing is fine */
	KEXPECT_EQ(t, vfs_close(ro), 0);
	KEXPECT_EQ(t, vfs_close(wo), 0);
	EXPECT_CONTENTS(t, F, "ab23456789", 10);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(o_directory_on_file, S)
{
	KASSERT_EQ(t, vt_write_file(F, "x", 1), 0);
	KEXPECT_EQ(t, vfs_open(F, O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	KEXPECT_EQ(t, vfs_open("/dev/null", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	OPEN(t, fd, S, O_RDONLY | O_DIRECTORY);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(directory_for_writing, S)
{
	KEXPECT_EQ(t, vfs_open(S, O_WRONLY, 0), -EISDIR);
	KEXPECT_EQ(t, vfs_open(S, O_RDWR, 0), -EISDIR);
	KEXPECT_EQ(t, vfs_open(S, O_RDONLY | O_TRUNC, 0), -EISDIR);
	KEXPECT_EQ(t, vfs_open("/", O_RDWR, 0), -EISDIR);
	/* a directory opened for reading is not read with read() */
	OPEN(t, fd, S, O_RDONLY);
	KEXPECT_EQ(t, vfs_read(fd, buf, 10), -EISDIR);
	KEXPECT_EQ(t, vfs_pread(fd, buf, 10, 0), -EISDIR);
	KEXPECT_EQ(t, vfs_write(fd, buf, 10), -EBADF);	/* not open for writing */
	KEXPECT_EQ(t, vfs_close(fd), 0);
}

/* Linux's open(2) -EINVAL: O_CREAT|O_DIRECTORY (since 6.4; it made a file
 * before), O_TMPFILE without write access.  The access mode 3 and unknown
 * bits are refused by this kernel's own rule (fs.h's O_VALID_FLAGS, as
 * openat2 refuses unknown bits), where open(2) on Linux ignores them. */
VFS_CASE(bad_flags, S)
{
	KEXPECT_EQ(t, vfs_open(F, O_RDWR | O_CREAT | O_DIRECTORY, 0644), -EINVAL);
	KEXPECT_EQ(t, vt_stat_err(F), -ENOENT);			/* nothing made */
	KEXPECT_EQ(t, vfs_open(S, O_RDONLY | 020000000 | O_DIRECTORY, 0), -EINVAL);
	KEXPECT_EQ(t, vfs_open(F, O_ACCMODE | O_CREAT, 0644), -EINVAL);
	KEXPECT_EQ(t, vfs_open(F, O_RDONLY | O_CREAT | 040000000, 0644), -EINVAL);
	KEXPECT_EQ(t, vt_stat_err(F), -ENOENT);
}

/* --- read, write, seek ------------------------------------------------------ */

VFS_CASE(read_at_eof, S)
{
	KASSERT_EQ(t, vt_write_file(F, "0123456789", 10), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_read(fd, buf, 100), 10);
	KEXPECT_EQ(t, vfs_read(fd, buf, 100), 0);
	KEXPECT_EQ(t, vfs_read(fd, buf, 100), 0);
	KEXPECT_EQ(t, vfs_lseek(fd, 7, SEEK_SET), 7);
	KEXPECT_EQ(t, vfs_read(fd, buf, 100), 3);		/* the rest only */
	KEXPECT_EQ(t, memcmp(buf, "789", 3), 0);
	KEXPECT_EQ(t, vfs_lseek(fd, 1000, SEEK_SET), 1000);
	KEXPECT_EQ(t, vfs_read(fd, buf, 100), 0);		/* past EOF: 0 too */
	KEXPECT_EQ(t, vfs_pread(fd, buf, 100, 10), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KASSERT_EQ(t, vt_write_file(S "/empty", "", 0), 0);
	OPEN(t, e, S "/empty", O_RDONLY);
	KEXPECT_EQ(t, vfs_read(e, buf, 100), 0);
	KEXPECT_EQ(t, vfs_read(e, buf, 0), 0);
	KEXPECT_EQ(t, vfs_close(e), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/empty"), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(lseek_whence, S)
{
	KASSERT_EQ(t, vt_pattern_file(F, 100, 2), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_lseek(fd, 10, SEEK_SET), 10);
	KEXPECT_EQ(t, vfs_read(fd, buf, 5), 5);
	KEXPECT_EQ(t, vt_pattern_diff(buf, 10, 5, 2), -1L);
	KEXPECT_EQ(t, vfs_lseek(fd, 7, SEEK_CUR), 22);
	KEXPECT_EQ(t, vfs_read(fd, buf, 1), 1);
	KEXPECT_EQ(t, vt_pattern_diff(buf, 22, 1, 2), -1L);
	KEXPECT_EQ(t, vfs_lseek(fd, -10, SEEK_END), 90);
	KEXPECT_EQ(t, vfs_read(fd, buf, 100), 10);
	KEXPECT_EQ(t, vt_pattern_diff(buf, 90, 10, 2), -1L);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 100);
	KEXPECT_EQ(t, vfs_lseek(fd, 50, SEEK_END), 150);	/* past EOF is allowed */
	KEXPECT_EQ(t, vfs_read(fd, buf, 10), 0);
	KEXPECT_EQ(t, vt_size(F), 100);			/* and changes nothing */
	/* Linux: whence above SEEK_MAX (4, SEEK_HOLE) is -EINVAL */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, 5), -EINVAL);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, -1), -EINVAL);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 150);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(lseek_negative, S)
{
	KASSERT_EQ(t, vt_pattern_file(F, 100, 3), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_lseek(fd, 20, SEEK_SET), 20);
	KEXPECT_EQ(t, vfs_lseek(fd, -1, SEEK_SET), -EINVAL);
	KEXPECT_EQ(t, vfs_lseek(fd, -21, SEEK_CUR), -EINVAL);
	KEXPECT_EQ(t, vfs_lseek(fd, -101, SEEK_END), -EINVAL);
	KEXPECT_EQ(t, vfs_lseek(fd, (loff_t)1 << 63, SEEK_SET), -EINVAL);	/* LLONG_MIN */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 20);		/* unmoved by the errors */
	KEXPECT_EQ(t, vfs_lseek(fd, -20, SEEK_CUR), 0);		/* exactly 0 is fine */
	KEXPECT_EQ(t, vfs_lseek(fd, -100, SEEK_END), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(hole_reads_zeros, S)
{
	const loff_t at = 3 * PAGE_SIZE + 100;
	OPEN(t, fd, F, O_RDWR | O_CREAT);
	KEXPECT_EQ(t, vfs_lseek(fd, at, SEEK_SET), at);
	KEXPECT_EQ(t, vfs_write(fd, "tail", 4), 4);
	KEXPECT_EQ(t, vt_size(F), at + 4);
	KEXPECT_EQ(t, vt_blocks(F), 8);		/* one page: the hole takes none */
	memset(expect, 0, sizeof(expect));
	memcpy(expect + at, "tail", 4);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_FD_CONTENTS(t, fd, expect, (size_t)at + 4);
	/* a write inside the hole fills one page of it, the rest stays zero */
	KEXPECT_EQ(t, vfs_pwrite(fd, "mid", 3, PAGE_SIZE + 4094), 3);	/* across pages 1-2 */
	memcpy(expect + PAGE_SIZE + 4094, "mid", 3);
	KEXPECT_EQ(t, vt_blocks(F), 24);
	EXPECT_CONTENTS(t, F, expect, (size_t)at + 4);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(pread_pwrite_keep_offset, S)
{
	KASSERT_EQ(t, vt_pattern_file(F, 3 * PG, 4), 0);
	OPEN(t, fd, F, O_RDWR);
	KEXPECT_EQ(t, vfs_lseek(fd, 100, SEEK_SET), 100);
	KEXPECT_EQ(t, vfs_pwrite(fd, "XYZ", 3, 5000), 3);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 100);
	KEXPECT_EQ(t, vfs_pread(fd, buf, 3, 5000), 3);
	KEXPECT_EQ(t, memcmp(buf, "XYZ", 3), 0);
	KEXPECT_EQ(t, vfs_pread(fd, buf, 10, 3 * PAGE_SIZE - 4), 4);	/* up to EOF */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 100);
	KEXPECT_EQ(t, vfs_read(fd, buf, 4), 4);			/* from 100, the offset */
	KEXPECT_EQ(t, vt_pattern_diff(buf, 100, 4, 4), -1L);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 104);
	/* a pwrite past EOF makes the file longer, still not moving the offset */
	KEXPECT_EQ(t, vfs_pwrite(fd, "E", 1, 3 * PAGE_SIZE + 10), 1);
	KEXPECT_EQ(t, vt_size(F), (long long)(3 * PAGE_SIZE + 11));
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 104);
	KEXPECT_EQ(t, vfs_pread(fd, buf, 1, -1), -EINVAL);
	KEXPECT_EQ(t, vfs_pwrite(fd, "x", 1, -1), -EINVAL);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* Writes at chosen offsets and lengths (across page boundaries, over each
 * other, past the end), alternately through lseek+write and pwrite; after
 * each, the whole file must equal a buffer that had the same writes. */
VFS_CASE(write_read_sequence, S)
{
	static const struct { loff_t off; size_t len; } ops[] = {
		{ 0, 1 }, { 1, 4094 }, { 4095, 2 }, { 4097, 3000 }, { 100, 8000 },
		{ 12000, 1000 }, { 8191, 1 }, { 5, 12283 }, { 16383, 1 }, { 7777, 3333 },
	};
	size_t size = 0;
	memset(expect, 0, sizeof(expect));
	OPEN(t, fd, F, O_RDWR | O_CREAT);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		u32 seed = 10 + (u32)i;
		vt_pattern(expect + ops[i].off, ops[i].off, ops[i].len, seed);
		vt_pattern(buf, ops[i].off, ops[i].len, seed);
		if (i % 2) {
			KEXPECT_EQ(t, vfs_pwrite(fd, buf, ops[i].len, ops[i].off), (ssize_t)ops[i].len);
		} else {
			KEXPECT_EQ(t, vfs_lseek(fd, ops[i].off, SEEK_SET), ops[i].off);
			KEXPECT_EQ(t, vfs_write(fd, buf, ops[i].len), (ssize_t)ops[i].len);
			KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), ops[i].off + (loff_t)ops[i].len);
		}
		size = MAX(size, (size_t)ops[i].off + ops[i].len);
		KEXPECT_EQ(t, vt_size(F), (long long)size);
		KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), 0);
		EXPECT_FD_CONTENTS(t, fd, expect, size);
	}
	/* and read back in 1000-byte preads, which straddle every boundary */
	for (size_t off = 0; off < size; off += 1000) {
		size_t n = MIN((size_t)1000, size - off);
		KEXPECT_EQ(t, vfs_pread(fd, buf, 1000, (loff_t)off), (ssize_t)n);
		KEXPECT_EQ(t, memcmp(buf, expect + off, n), 0);
	}
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* 4 MiB and a bit (1028 pages), written in odd-sized chunks and read
 * back in other odd sizes, so no chunk lines up with a page. */
VFS_CASE(big_file_odd_chunks, S)
{
	static u8 chunk[100003];
	static const size_t wsizes[] = { 4093, 1, 8191, 333, 65537, 17, 12289 };
	static const size_t rsizes[] = { 4099, 7, 12289, 100003, 1 };
	const size_t size = 4 * 1024 * 1024 + 12345;
	const long pages = (long)(ALIGN_UP(size, PG) / PG);
	unsigned long free_before = nr_free_pages();
	size_t off = 0, i = 0;

	OPEN(t, fd, F, O_RDWR | O_CREAT);
	for (; off < size; off += wsizes[i++ % ARRAY_SIZE(wsizes)]) {
		size_t n = MIN(wsizes[i % ARRAY_SIZE(wsizes)], size - off);
		vt_pattern(chunk, (loff_t)off, n, 99);
		if (vfs_write(fd, chunk, n) != (ssize_t)n)
			break;
	}
	KEXPECT_GE(t, off, size);
	KEXPECT_EQ(t, vt_size(F), (long long)size);
	KEXPECT_EQ(t, vt_blocks(F), pages * 8);
	KEXPECT_GE(t, free_before - nr_free_pages(), (unsigned long)pages);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), 0);
	long bad = -1;
	for (off = 0, i = 0; off < size && bad < 0; i++) {
		size_t want = rsizes[i % ARRAY_SIZE(rsizes)], n = MIN(want, size - off);
		ssize_t r = vfs_read(fd, chunk, want);
		KASSERT_EQ(t, r, (ssize_t)n);
		long d = vt_pattern_diff(chunk, (loff_t)off, n, 99);
		bad = d < 0 ? -1 : (long)off + d;
		off += n;
	}
	KEXPECT_EQ(t, bad, -1L);				/* the first wrong offset */
	KEXPECT_EQ(t, vfs_read(fd, chunk, 10), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* Linux: a write of 0 bytes returns 0, whatever the offset, and changes
 * neither the size nor the offset. */
VFS_CASE(write_zero_bytes, S)
{
	OPEN(t, fd, F, O_RDWR | O_CREAT);
	KEXPECT_EQ(t, vfs_write(fd, buf, 0), 0);
	KEXPECT_EQ(t, vfs_lseek(fd, 10000, SEEK_SET), 10000);
	KEXPECT_EQ(t, vfs_write(fd, buf, 0), 0);
	KEXPECT_EQ(t, vfs_pwrite(fd, buf, 0, 5000), 0);
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_CUR), 10000);
	KEXPECT_EQ(t, vt_size(F), 0);
	KEXPECT_EQ(t, vt_blocks(F), 0);
	KEXPECT_EQ(t, vfs_write(fd, "ab", 2), 2);
	KEXPECT_EQ(t, vt_size(F), 10002);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* --- truncate --------------------------------------------------------------- */

/* Pages 0..7, shrunk to 2.5 pages, then to exactly 1: the pages wholly past
 * the end go back to the allocator at once (the radix-tree node stays, it
 * still holds page 0, so the count is exact). */
VFS_CASE(truncate_frees_pages, S)
{
	KASSERT_EQ(t, vt_pattern_file(F, 8 * PG, 5), 0);
	KEXPECT_EQ(t, vt_blocks(F), 64);
	OPEN(t, fd, F, O_RDWR);			/* before the count: its struct file */
	unsigned long free0 = nr_free_pages();
	KEXPECT_EQ(t, vfs_truncate(F, 2 * PG + PG / 2), 0);
	KEXPECT_EQ(t, vt_size(F), (long long)(2 * PG + PG / 2));
	KEXPECT_EQ(t, vt_blocks(F), 24);
	KEXPECT_EQ(t, nr_free_pages(), free0 + 5);
	KEXPECT_EQ(t, vfs_ftruncate(fd, PG), 0);
	KEXPECT_EQ(t, vt_blocks(F), 8);
	KEXPECT_EQ(t, nr_free_pages(), free0 + 7);
	KEXPECT_EQ(t, vfs_read(fd, buf, sizeof(buf)), (ssize_t)PG);
	KEXPECT_EQ(t, vt_pattern_diff(buf, 0, PG, 5), -1L);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* What was past the new end must read as zeros when the file grows again:
 * the tail of the partial last page is zeroed, the later pages are gone. */
VFS_CASE(truncate_zeroes_tail, S)
{
	const size_t cut = PG + 1234;
	KASSERT_EQ(t, vt_pattern_file(F, 3 * PG, 6), 0);
	OPEN(t, fd, F, O_RDWR);
	KEXPECT_EQ(t, vfs_ftruncate(fd, (loff_t)cut), 0);
	KEXPECT_EQ(t, vfs_ftruncate(fd, 3 * PG), 0);
	KEXPECT_EQ(t, vt_size(F), (long long)(3 * PG));
	KEXPECT_EQ(t, vt_blocks(F), 16);		/* growing allocates nothing */
	memset(expect, 0, sizeof(expect));
	vt_pattern(expect, 0, cut, 6);
	EXPECT_FD_CONTENTS(t, fd, expect, 3 * PG);
	/* the same through the path, after a grow by a write past the end */
	KEXPECT_EQ(t, vfs_pwrite(fd, "z", 1, 4 * PG - 1), 1);
	expect[4 * PG - 1] = 'z';
	EXPECT_CONTENTS(t, F, expect, 4 * PG);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

VFS_CASE(truncate_grow_hole, S)
{
	KASSERT_EQ(t, vt_write_file(F, "abc", 3), 0);
	unsigned long free0 = nr_free_pages();
	KEXPECT_EQ(t, vfs_truncate(F, 3 * PG + 5), 0);
	KEXPECT_EQ(t, vt_size(F), (long long)(3 * PG + 5));
	KEXPECT_EQ(t, vt_blocks(F), 8);			/* still just page 0 */
	KEXPECT_EQ(t, nr_free_pages(), free0);
	memset(expect, 0, sizeof(expect));
	memcpy(expect, "abc", 3);
	EXPECT_CONTENTS(t, F, expect, 3 * PG + 5);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* Linux's do_sys_truncate / do_sys_ftruncate: a negative length is -EINVAL
 * before anything else; a directory by path -EISDIR, anything else not
 * regular -EINVAL; by fd, not open for writing (a directory's fd too)
 * -EINVAL. */
VFS_CASE(truncate_errors, S)
{
	KASSERT_EQ(t, vt_write_file(F, "abc", 3), 0);
	OPEN(t, ro, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_ftruncate(ro, 0), -EINVAL);
	OPEN(t, rw, F, O_RDWR);
	KEXPECT_EQ(t, vfs_ftruncate(rw, -1), -EINVAL);
	KEXPECT_EQ(t, vfs_truncate(F, -1), -EINVAL);
	KEXPECT_EQ(t, vfs_truncate(S "/nope", -1), -EINVAL);
	KEXPECT_EQ(t, vfs_ftruncate(-1, -1), -EINVAL);
	KEXPECT_EQ(t, vfs_ftruncate(-1, 0), -EBADF);
	KEXPECT_EQ(t, vfs_truncate(S, 0), -EISDIR);
	KEXPECT_EQ(t, vfs_truncate("/dev/null", 0), -EINVAL);
	KEXPECT_EQ(t, vfs_truncate(S "/nope", 0), -ENOENT);
	OPEN(t, dir, S, O_RDONLY);
	KEXPECT_EQ(t, vfs_ftruncate(dir, 0), -EINVAL);
	KEXPECT_EQ(t, vt_size(F), 3);			/* none of them changed it */
	KEXPECT_EQ(t, vfs_close(ro), 0);
	KEXPECT_EQ(t, vfs_close(rw), 0);
	KEXPECT_EQ(t, vfs_close(dir), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* --- unlink ----------------------------------------------------------------- */

VFS_CASE(unlink_frees_pages, S)
{
	unsigned long free0 = nr_free_pages(), inodes0 = nr_inodes();
	KASSERT_EQ(t, vt_pattern_file(F, 6 * PG, 7), 0);
	KEXPECT_EQ(t, nr_inodes(), inodes0 + 1);
	KEXPECT_LE(t, nr_free_pages(), free0 - 6);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
	KEXPECT_EQ(t, nr_free_pages(), free0);		/* at once: nobody holds it */
	KEXPECT_EQ(t, nr_inodes(), inodes0);
	KEXPECT_EQ(t, vt_stat_err(F), -ENOENT);
}

/* An open fd keeps an unlinked file, its data and its pages, until close. */
VFS_CASE(unlink_open_file, S)
{
	struct kstat st;
	const size_t size = 5 * PG + 7;
	unsigned long free0 = nr_free_pages(), inodes0 = nr_inodes();
	KASSERT_EQ(t, vt_pattern_file(F, size, 8), 0);
	OPEN(t, fd, F, O_RDWR);
	unsigned long free1 = nr_free_pages();
	KEXPECT_EQ(t, vfs_unlink(F), 0);
	KEXPECT_EQ(t, vt_stat_err(F), -ENOENT);
	KEXPECT_EQ(t, vfs_open(F, O_RDONLY, 0), -ENOENT);
	KEXPECT_EQ(t, nr_inodes(), inodes0 + 1);
	/* only the directory entry went (a kmalloc object: at most its slab
	 * page comes back); the file's 6 pages did not */
	KEXPECT_GE(t, nr_free_pages(), free1);
	KEXPECT_LE(t, nr_free_pages(), free1 + 1);
	KASSERT_EQ(t, vfs_fstat(fd, &st), 0);
	KEXPECT_EQ(t, st.nlink, 0u);
	KEXPECT_EQ(t, st.blocks, 48ull);
	KEXPECT_EQ(t, vfs_pread(fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KEXPECT_EQ(t, vt_pattern_diff(buf, 0, sizeof(buf), 8), -1L);
	KEXPECT_EQ(t, vfs_pread(fd, buf, 100, 5 * PAGE_SIZE), 7);
	KEXPECT_EQ(t, vt_pattern_diff(buf, 5 * PAGE_SIZE, 7, 8), -1L);
	KEXPECT_EQ(t, vfs_pwrite(fd, "still", 5, 0), 5);	/* and writable */
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, nr_inodes(), inodes0);
}

/* Linux: unlink of a directory is -EISDIR (POSIX would allow -EPERM), and
 * so is unlink of "/", "." or ".." (not a plain name). */
VFS_CASE(unlink_errors, S)
{
	KASSERT_EQ(t, vfs_mkdir(S "/d", 0755), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/d"), -EISDIR);
	KEXPECT_EQ(t, vfs_unlink(S "/nope"), -ENOENT);
	KEXPECT_EQ(t, vfs_unlink("/"), -EISDIR);
	KEXPECT_EQ(t, vfs_unlink(S "/d/."), -EISDIR);
	KEXPECT_EQ(t, vfs_unlink(S "/d/.."), -EISDIR);
	KEXPECT_EQ(t, vfs_unlink("/dev"), -EISDIR);
	KEXPECT_TRUE(t, vt_exists(S "/d"));
	KEXPECT_EQ(t, vfs_rmdir(S "/d"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/d"), -ENOENT);
}

/* --- directories ------------------------------------------------------------ */

/* Linux's filename_create: an existing name, or "/", "." and "..", -EEXIST.
 * Mode 0700 is the same under any umask, so Linux agrees on it too. */
VFS_CASE(mkdir_exists, S)
{
	struct kstat st;
	KEXPECT_EQ(t, vfs_mkdir(S "/d", 0700), 0);
	KASSERT_EQ(t, vfs_stat(S "/d", &st), 0);
	KEXPECT_EQ(t, st.mode, (umode_t)(S_IFDIR | 0700));
	KEXPECT_EQ(t, st.nlink, 2u);
	KEXPECT_EQ(t, vfs_mkdir(S "/d", 0755), -EEXIST);
	KASSERT_EQ(t, vt_write_file(F, "", 0), 0);
	KEXPECT_EQ(t, vfs_mkdir(F, 0755), -EEXIST);
	KEXPECT_EQ(t, vfs_mkdir("/", 0755), -EEXIST);
	KEXPECT_EQ(t, vfs_mkdir("/tmp", 0755), -EEXIST);
	KEXPECT_EQ(t, vfs_mkdir(S "/d/.", 0755), -EEXIST);
	KEXPECT_EQ(t, vfs_mkdir(S "/d/..", 0755), -EEXIST);
	KEXPECT_EQ(t, vt_count_entries(S), 2L);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/d"), 0);
}

/* Subdirectories of path, counted through getdents64's d_type. */
static long count_subdirs(const char *path)
{
	int fd = vfs_open(path, O_RDONLY | O_DIRECTORY, 0);
	long dirs = 0;
	ssize_t n;
	if (fd < 0)
		return fd;
	while ((n = vfs_getdents(fd, dbuf, sizeof(dbuf))) > 0)
		for (ssize_t off = 0; off < n;) {
			const struct vt_dirent64 *d = (const void *)(dbuf + off);
			dirs += d->d_type == DT_DIR && strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
			off += d->d_reclen;
		}
	vfs_close(fd);
	return dirs;
}

VFS_CASE(nlink_counts, S)
{
	KEXPECT_EQ(t, vt_nlink(S), 2);
	KEXPECT_EQ(t, vfs_mkdir(S "/a", 0755), 0);
	KEXPECT_EQ(t, vfs_mkdir(S "/b", 0755), 0);
	KEXPECT_EQ(t, vfs_mkdir(S "/c", 0755), 0);
	KEXPECT_EQ(t, vt_nlink(S), 5);
	KEXPECT_EQ(t, vt_write_file(F, "x", 1), 0);	/* files do not count */
	KEXPECT_EQ(t, vt_nlink(S), 5);
	KEXPECT_EQ(t, vt_nlink(F), 1);
	KEXPECT_EQ(t, vfs_mkdir(S "/a/x", 0755), 0);	/* grandchildren neither */
	KEXPECT_EQ(t, vt_nlink(S), 5);
	KEXPECT_EQ(t, vt_nlink(S "/a"), 3);
	KEXPECT_EQ(t, vfs_rmdir(S "/a/x"), 0);
	KEXPECT_EQ(t, vt_nlink(S "/a"), 2);
	KEXPECT_EQ(t, vfs_rmdir(S "/b"), 0);
	KEXPECT_EQ(t, vt_nlink(S), 4);
	/* the same rule everywhere: "/" and "/tmp" */
	KEXPECT_EQ(t, vt_nlink("/"), 2 + count_subdirs("/"));
	KEXPECT_EQ(t, vt_nlink("/tmp"), 2 + count_subdirs("/tmp"));
	KEXPECT_EQ(t, vfs_unlink(F), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/a"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/c"), 0);
	KEXPECT_EQ(t, vt_nlink(S), 2);
}

/* Linux's do_rmdir: "." -EINVAL, ".." -ENOTEMPTY, "/" -EBUSY (checked on
 * the last component's kind before any lookup), then -ENOTDIR/-ENOTEMPTY. */
VFS_CASE(rmdir_errors, S)
{
	KASSERT_EQ(t, vfs_mkdir(S "/full", 0755), 0);
	KASSERT_EQ(t, vt_write_file(S "/full/f", "x", 1), 0);
	KASSERT_EQ(t, vfs_mkdir(S "/nest", 0755), 0);
	KASSERT_EQ(t, vfs_mkdir(S "/nest/sub", 0755), 0);
	KASSERT_EQ(t, vt_write_file(F, "x", 1), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/full"), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_rmdir(S "/nest"), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_rmdir(S "/nest/sub/."), -EINVAL);
	KEXPECT_EQ(t, vfs_rmdir(S "/nest/sub/.."), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_rmdir("/"), -EBUSY);
	KEXPECT_EQ(t, vfs_rmdir("/."), -EINVAL);
	KEXPECT_EQ(t, vfs_rmdir("/.."), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_rmdir(F), -ENOTDIR);
	KEXPECT_EQ(t, vfs_rmdir(S "/nope"), -ENOENT);
	KASSERT_EQ(t, vfs_chdir(S "/nest/sub"), 0);
	KEXPECT_EQ(t, vfs_rmdir("."), -EINVAL);
	KEXPECT_EQ(t, vfs_rmdir(".."), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_chdir("/"), 0);
	KEXPECT_EQ(t, vt_count_entries(S), 3L);		/* nothing was removed */
	KEXPECT_EQ(t, vt_nlink(S "/nest"), 3);
	KEXPECT_EQ(t, vfs_unlink(S "/full/f"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/full"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/nest/sub"), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/nest"), 0);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

/* Check one getdents64 record: inode, type and Linux's record length. */
#define EXPECT_DIRENT(t, d, ino, type)                                          \
	do {                                                                    \
		KASSERT_NOT_NULL(t, d);                                         \
		KEXPECT_EQ(t, (d)->d_ino, (u64)(ino));                          \
		KEXPECT_EQ(t, (d)->d_type, (u8)(type));                         \
		KEXPECT_EQ(t, (d)->d_reclen, (u16)VT_RECLEN(strlen((d)->d_name))); \
		KEXPECT_EQ(t, (d)->d_reclen % 8, 0);                            \
	} while (0)

/* ".", "..", a directory, a file and a device, each with its d_type.
 * "." and ".." come first as in Linux's dcache_readdir; the order of the
 * others is not checked (tmpfs has changed it between versions). */
VFS_CASE(getdents_entries, S)
{
	KASSERT_EQ(t, vfs_mkdir(S "/dir", 0755), 0);
	KASSERT_EQ(t, vt_write_file(S "/file", "abc", 3), 0);
	KASSERT_EQ(t, vfs_mknod(S "/chr", S_IFCHR | 0600, MKDEV(1, 3)), 0);
	OPEN(t, fd, S, O_RDONLY | O_DIRECTORY);
	ssize_t n = vfs_getdents(fd, dbuf, sizeof(dbuf));
	KEXPECT_EQ(t, n, (ssize_t)(VT_RECLEN(1) + VT_RECLEN(2) + VT_RECLEN(3) + VT_RECLEN(4) +
				  VT_RECLEN(3)));
	const struct vt_dirent64 *dot = (const void *)dbuf;
	const struct vt_dirent64 *dotdot = (const void *)(dbuf + dot->d_reclen);
	KEXPECT_STREQ(t, dot->d_name, ".");
	KEXPECT_STREQ(t, dotdot->d_name, "..");
	EXPECT_DIRENT(t, dot, vt_ino(S), DT_DIR);
	EXPECT_DIRENT(t, dotdot, vt_ino("/tmp"), DT_DIR);
	EXPECT_DIRENT(t, vt_find_dirent(dbuf, (size_t)n, "dir"), vt_ino(S "/dir"), DT_DIR);
	EXPECT_DIRENT(t, vt_find_dirent(dbuf, (size_t)n, "file"), vt_ino(S "/file"), DT_REG);
	EXPECT_DIRENT(t, vt_find_dirent(dbuf, (size_t)n, "chr"), vt_ino(S "/chr"), DT_CHR);
	/* d_off: each record's is where the next one starts, increasing */
	s64 prev = 0;
	for (ssize_t off = 0; off < n;) {
		const struct vt_dirent64 *d = (const void *)(dbuf + off);
		KEXPECT_GT(t, d->d_off, prev);
		prev = d->d_off;
		off += d->d_reclen;
	}
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, sizeof(dbuf)), 0);	/* the end */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), 0);		/* rewinddir */
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, sizeof(dbuf)), n);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_rmdir(S "/dir"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/file"), 0);
	KEXPECT_EQ(t, vfs_unlink(S "/chr"), 0);
}

/* Ten entries "file0".."file9" (32-byte records) and ".", ".." (24 each):
 * a 64-byte buffer takes what fits whole and the next call goes on. */
VFS_CASE(getdents_small_buffer, S)
{
	static const ssize_t sizes[] = { 48, 64, 64, 64, 64, 64, 0 };
	char name[32];
	unsigned int seen = 0;
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), S "/file%d", i);
		KASSERT_EQ(t, vt_write_file(name, "", 0), 0);
	}
	OPEN(t, fd, S, O_RDONLY | O_DIRECTORY);
	for (size_t call = 0; call < ARRAY_SIZE(sizes); call++) {
		ssize_t n = vfs_getdents(fd, dbuf, 64);
		KEXPECT_EQ(t, n, sizes[call]);
		for (ssize_t off = 0; off < n; off += ((struct vt_dirent64 *)(dbuf + off))->d_reclen) {
			const char *nm = ((struct vt_dirent64 *)(dbuf + off))->d_name;
			int bit = !strcmp(nm, ".") ? 10 : !strcmp(nm, "..") ? 11 : nm[4] - '0';
			KEXPECT_FALSE(t, seen & BIT(bit));	/* each name once */
			seen |= BIT(bit);
		}
	}
	KEXPECT_EQ(t, seen, 0xfffu);				/* and every name */
	/* one record per call with a 40-byte buffer: 12 calls, then the end */
	KEXPECT_EQ(t, vfs_lseek(fd, 0, SEEK_SET), 0);
	int calls = 0;
	while (vfs_getdents(fd, dbuf, 40) > 0)
		calls++;
	KEXPECT_EQ(t, calls, 12);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), S "/file%d", i);
		KEXPECT_EQ(t, vfs_unlink(name), 0);
	}
}

/* Linux: -EINVAL when not even the next record fits, without moving on;
 * at the end of the directory any buffer gives 0. */
VFS_CASE(getdents_too_small, S)
{
	static char name[NAME_MAX + 32];
	vt_long_name(name, S "/", NAME_MAX, 'L');
	KASSERT_EQ(t, vt_write_file(name, "", 0), 0);
	OPEN(t, fd, S, O_RDONLY | O_DIRECTORY);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, 0), -EINVAL);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, VT_RECLEN(1) - 1), -EINVAL);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, VT_RECLEN(1)), (ssize_t)VT_RECLEN(1));
	KEXPECT_STREQ(t, ((struct vt_dirent64 *)dbuf)->d_name, ".");
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, VT_RECLEN(2)), (ssize_t)VT_RECLEN(2));
	/* a 255-byte name: 19 + 256 bytes, 280 with the padding */
	KEXPECT_EQ(t, VT_RECLEN(NAME_MAX), 280);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, 279), -EINVAL);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, 280), 280);
	const struct vt_dirent64 *d = (const void *)dbuf;
	KEXPECT_EQ(t, strlen(d->d_name), (size_t)NAME_MAX);
	KEXPECT_EQ(t, d->d_reclen, 280);
	KEXPECT_EQ(t, d->d_type, DT_REG);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, 1), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_unlink(name), 0);
}

VFS_CASE(getdents_not_dir, S)
{
	KASSERT_EQ(t, vt_write_file(F, "abc", 3), 0);
	OPEN(t, fd, F, O_RDONLY);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, sizeof(dbuf)), -ENOTDIR);
	OPEN(t, null, "/dev/null", O_RDONLY);
	KEXPECT_EQ(t, vfs_getdents(null, dbuf, sizeof(dbuf)), -ENOTDIR);
	KEXPECT_EQ(t, vfs_close(null), 0);
	KEXPECT_EQ(t, vfs_close(fd), 0);
	KEXPECT_EQ(t, vfs_getdents(fd, dbuf, sizeof(dbuf)), -EBADF);	/* closed */
	KEXPECT_EQ(t, vfs_getdents(-1, dbuf, sizeof(dbuf)), -EBADF);
	KEXPECT_EQ(t, vfs_unlink(F), 0);
}

KTEST_SUITE(ramfs,
	    KTEST_CASE(create_and_excl),
	    KTEST_CASE(creat_on_directory),
	    KTEST_CASE(open_trunc),
	    KTEST_CASE(append_mode),
	    KTEST_CASE(access_mode_ebadf),
	    KTEST_CASE(o_directory_on_file),
	    KTEST_CASE(directory_for_writing),
	    KTEST_CASE(bad_flags),
	    KTEST_CASE(read_at_eof),
	    KTEST_CASE(lseek_whence),
	    KTEST_CASE(lseek_negative),
	    KTEST_CASE(hole_reads_zeros),
	    KTEST_CASE(pread_pwrite_keep_offset),
	    KTEST_CASE(write_read_sequence),
	    KTEST_CASE(big_file_odd_chunks),
	    KTEST_CASE(write_zero_bytes),
	    KTEST_CASE(truncate_frees_pages),
	    KTEST_CASE(truncate_zeroes_tail),
	    KTEST_CASE(truncate_grow_hole),
	    KTEST_CASE(truncate_errors),
	    KTEST_CASE(unlink_frees_pages),
	    KTEST_CASE(unlink_open_file),
	    KTEST_CASE(unlink_errors),
	    KTEST_CASE(mkdir_exists),
	    KTEST_CASE(nlink_counts),
	    KTEST_CASE(rmdir_errors),
	    KTEST_CASE(getdents_entries),
	    KTEST_CASE(getdents_small_buffer),
	    KTEST_CASE(getdents_too_small),
	    KTEST_CASE(getdents_not_dir));

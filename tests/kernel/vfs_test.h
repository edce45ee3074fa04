/* tests/kernel/vfs_test.h — what the file-system suites share
 * (namei_test.c, ramfs_test.c, vfs_test.c; the helpers are in
 * vfs_test_util.c).
 *
 * Every case of these suites is written with VFS_CASE, which runs its body
 * inside a fresh scratch directory and then checks that the body left
 * nothing behind:
 *
 *	vt_case_run(t, body, "/tmp/t_namei")
 *	    remember nr_inodes(), nr_free_pages(), the open fds, the cwd
 *	    mkdir /tmp/t_namei
 *	    body(t)                           the case proper
 *	    the case closed every fd it opened, gave the cwd back, and
 *	    emptied /tmp/t_namei              (each one a failure if not)
 *	    clean up whatever is left anyway  (so one failure stays one failure)
 *	    nr_inodes() and nr_free_pages() are back where they were, exactly
 *
 * Offsets in a file carry a pattern (vt_pattern) that differs from byte to
 * byte and from page to page, so a misplaced, lost or zeroed page shows up
 * at the first offset that differs, which is what the *_diff helpers
 * return (-1: no difference). */
#ifndef TESTS_KERNEL_VFS_TEST_H
#define TESTS_KERNEL_VFS_TEST_H

#include "kernel/ktest.h"
#include "kernel/fs/fs.h"
#include "kernel/proc.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "mm/page_alloc.h"

/* One record of getdents64 (Linux's struct linux_dirent64). */
struct vt_dirent64 {
	u64 d_ino;
	s64 d_off;		/* where the next record starts */
	u16 d_reclen;		/* this record, padded to 8 bytes */
	u8 d_type;		/* DT_* */
	char d_name[];
} __packed;
#define VT_DIRENT_NAME_OFF	19	/* offsetof(struct vt_dirent64, d_name) */
/* A record's length as Linux computes it: header, name, NUL, 8-aligned. */
#define VT_RECLEN(namelen)	ALIGN_UP(VT_DIRENT_NAME_OFF + (namelen) + 1, 8)

/* A case run inside its scratch directory; see the top of this file. */
#define VFS_CASE(name, scratch)                                                 \
	static void name##_body(struct ktest *t);                               \
	static void name(struct ktest *t) { vt_case_run(t, name##_body, scratch); } \
	static void name##_body(struct ktest *t)
void vt_case_run(struct ktest *t, void (*body)(struct ktest *t), const char *scratch);

/* int fd = vfs_open(path, flags, 0644), or fail the case (a macro: the
 * failure names the line; what the case had open is closed by VFS_CASE). */
#define OPEN(t, fd, path, flags)                                                \
	int fd = vfs_open(path, flags, 0644);                                   \
	KASSERT_GE(t, fd, 0)

/* --- the pattern ------------------------------------------------------------ */
u8 vt_pattern_byte(loff_t off, u32 seed);
/* buf[i] = the pattern byte of offset off + i. */
void vt_pattern(void *buf, loff_t off, size_t n, u32 seed);
/* The first i where buf[i] is not the pattern byte of off + i, or -1. */
long vt_pattern_diff(const void *buf, loff_t off, size_t n, u32 seed);

/* --- whole files (each returns 0 or Linux's -errno) ------------------------- */
/* Create or truncate path and write n bytes of buf into it. */
int vt_write_file(const char *path, const void *buf, size_t n);
/* Create or truncate path and fill it with `size` bytes of the pattern. */
int vt_pattern_file(const char *path, size_t size, u32 seed);
/* Read up to n bytes of path into buf: the count, or -errno. */
ssize_t vt_read_file(const char *path, void *buf, size_t n);
/* Read fd from its offset to EOF and compare with expect[0..n): -1 when
 * equal, else the first offset (relative to the start) that differs; a
 * file that ends early differs at its end, one that goes on at n. */
long vt_fd_diff(int fd, const void *expect, size_t n);
long vt_contents_diff(const char *path, const void *expect, size_t n);
#define EXPECT_CONTENTS(t, path, expect, n) KEXPECT_EQ(t, vt_contents_diff(path, expect, n), -1L)
#define EXPECT_FD_CONTENTS(t, fd, expect, n) KEXPECT_EQ(t, vt_fd_diff(fd, expect, n), -1L)

/* --- stat shorthands: the field, or 0 / -errno when stat fails -------------- */
u64 vt_ino(const char *path);
long long vt_size(const char *path);
long long vt_blocks(const char *path);
long vt_nlink(const char *path);
int vt_stat_err(const char *path);		/* vfs_stat's result only */
bool vt_exists(const char *path);

/* --- names and paths -------------------------------------------------------- */
/* buf = prefix followed by len copies of c: a name of exactly len bytes. */
char *vt_long_name(char *buf, const char *prefix, size_t len, char c);
/* buf = base, then "/." (and one extra '/' if needed) up to exactly len
 * bytes: a path of that length that still names base. */
char *vt_long_path(char *buf, const char *base, size_t len);

/* --- fds, directories ------------------------------------------------------- */
int vt_lowest_free_fd(void);
/* Entries of a directory besides "." and "..", or -errno. */
long vt_count_entries(const char *path);
/* rm -r path (a file or a directory): 0 or the first error. */
int vt_remove_tree(const char *path);
/* The record named name in the n bytes of getdents output, or NULL. */
const struct vt_dirent64 *vt_find_dirent(const void *buf, size_t n, const char *name);

#endif

/* tests/kernel/initrd_test.c — suite `initrd`: cpio_parse() and
 * initrd_unpack() (kernel/fs/initrd.c) on newc archives built here, and
 * the boot's own initrd.
 *
 * An archive is built in a static buffer by small helpers that append one
 * entry each (ar_begin, ar_dir, ar_file, ar_entry, ar_trailer), as
 * scripts/mkcpio.py lays them out; each returns the offset of the entry's
 * header, which is what a failure must report:
 *
 *	+0    "070701" ino mode uid gid nlink mtime filesize devmajor devminor
 *	      rdevmajor rdevminor namesize check     (13 x 8 hex digits)
 *	+110  name\0, padded to 4;  data, padded to 4;  next entry ...
 *	      "TRAILER!!!"
 *
 * Unpacking goes into the scratch directory /tmp/initrd_test, made afresh
 * for each case and removed (with all it holds) after it, so the suite
 * gives every frame back.
 *
 * Accepted: the entries and their offsets (parser alone, no filesystem),
 * 070702 checksums, nested directories with files byte for byte, permission
 * bits, a file of several pages, empty files and an empty archive, "./" and
 * "/" in front of names, entries of other types skipped, unpacking over
 * what is there.  Refused, each at the offset of the bad entry and keeping
 * the entries before it: bad magic, a truncated header, truncated data, a
 * name past the end or not NUL-terminated, a name size of 0 or beyond
 * PATH_MAX, a field that is not hex, no trailer, a bad checksum, a name
 * with "..", a file where a directory must go, a missing parent, a path
 * too long under the root. */
#include "kernel/ktest.h"
#include "kernel/fs/initrd.h"
#include "kernel/fs/fs.h"
#include "kernel/multiboot.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "mm/layout.h"

#define ROOT		"/tmp/initrd_test"
#define BIG_SIZE	(3 * PAGE_SIZE + 123)	/* four pages, the last partial */

static u8 ar_buf[32768] __aligned(8);
static size_t ar_len;			/* bytes appended so far */
static struct initrd_stats st;
static u8 rbuf[PAGE_SIZE];		/* read-back buffer */

/* --- building archives ------------------------------------------------------ */

/* Start a new archive; the rest of the buffer is garbage. */
static void ar_begin(void)
{
	memset(ar_buf, 0xee, sizeof(ar_buf));
	ar_len = 0;
}

static void ar_pad(void)
{
	while (ar_len % 4)
		ar_buf[ar_len++] = 0;
}

/* Append one entry with the given magic and namesize (strlen + 1 unless a
 * case lies); data NULL means the big-file pattern.  Returns its offset. */
static size_t ar_entry(const char *magic, u32 mode, const char *name, u32 namesize,
		       const void *data, u32 size, u32 check)
{
	size_t off = ar_len;
	char hdr[CPIO_HEADER_SIZE + 1];
	snprintf(hdr, sizeof(hdr), "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 magic, 1000 + (u32)off, mode, 0, 0, S_ISDIR(mode) ? 2 : 1, 0, size, 0, 0,
		 0, 0, namesize, check);
	memcpy(ar_buf + ar_len, hdr, CPIO_HEADER_SIZE);
	ar_len += CPIO_HEADER_SIZE;
	memcpy(ar_buf + ar_len, name, strlen(name) + 1);
	ar_len += namesize;
	ar_pad();
	for (u32 i = 0; i < size; i++)
		ar_buf[ar_len + i] = data ? ((const u8 *)data)[i] : (u8)(i * 7 + (i >> 12));
	ar_len += size;
	ar_pad();
	return off;
}

static size_t ar_dir(const char *name, u32 perm)
{
	return ar_entry("070701", S_IFDIR | perm, name, strlen(name) + 1, NULL, 0, 0);
}

static size_t ar_file(const char *name, u32 perm, const char *text)
{
	return ar_entry("070701", S_IFREG | perm, name, strlen(name) + 1, text, strlen(text), 0);
}

static size_t ar_trailer(void)
{
	return ar_entry("070701", 0, CPIO_TRAILER, sizeof(CPIO_TRAILER), NULL, 0, 0);
}

/* Overwrite header field i (0 = ino ... 12 = check) of the entry at off. */
static void ar_set_field(size_t off, int i, const char *eight)
{
	memcpy(ar_buf + off + 6 + 8 * i, eight, 8);
}
#define FIELD_FILESIZE	6
#define FIELD_NAMESIZE	11

/* --- the scratch tree ------------------------------------------------------ */

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __packed;

/* The first entry of directory dir other than "." and "..", in name[];
 * false when there is none. */
static bool first_entry(const char *dir, char *name)
{
	u64 buf[64];
	bool found = false;
	int fd = vfs_open(dir, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return false;
	ssize_t n = vfs_getdents(fd, buf, sizeof(buf));
	for (ssize_t pos = 0; pos < n && !found; ) {
		struct linux_dirent64 *d = (void *)((char *)buf + pos);
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
			strlcpy(name, d->d_name, NAME_MAX + 1);
			found = true;
		}
		pos += d->d_reclen;
	}
	vfs_close(fd);
	return found;
}

/* Remove rm_path[0, len) and all under it; the path grows and shrinks in
 * place, so the recursion costs little stack. */
static char rm_path[PATH_MAX];

static int rm_tree_at(size_t len)
{
	char name[NAME_MAX + 1];
	struct kstat ks;

	rm_path[len] = 0;
	if (vfs_stat(rm_path, &ks) < 0)
		return 0;
	if (!S_ISDIR(ks.mode))
		return vfs_unlink(rm_path);
	while (first_entry(rm_path, name)) {
		size_t n = strlen(name);
		if (len + 1 + n >= PATH_MAX)
			break;
		rm_path[len] = '/';
		memcpy(rm_path + len + 1, name, n + 1);
		int err = rm_tree_at(len + 1 + n);
		rm_path[len] = 0;
		if (err)
			return err;		/* not removable: do not loop on it */
	}
	return vfs_rmdir(rm_path);
}

static int rm_tree(const char *path)
{
	size_t len = strlcpy(rm_path, path, sizeof(rm_path));
	return rm_tree_at(len);
}

/* A case that unpacks: the scratch root made before, removed after, even
 * when a KASSERT returns early. */
#define SCRATCH_CASE(fn)                                                           \
	static void fn##_body(struct ktest *t);                                    \
	static void fn(struct ktest *t)                                            \
	{                                                                          \
		rm_tree(ROOT);                                                     \
		KASSERT_EQ(t, vfs_mkdir(ROOT, 0755), 0);                           \
		fn##_body(t);                                                      \
		KEXPECT_EQ(t, rm_tree(ROOT), 0);                                   \
	}                                                                          \
	static void fn##_body(struct ktest *t)

/* --- checking what was made ------------------------------------------------ */

/* 0 when path is a regular file holding exactly data[0, size) (NULL: the
 * big-file pattern); -errno, or 1 (size differs) or 2 (bytes differ). */
static int file_check(const char *path, const void *data, size_t size)
{
	struct kstat ks;
	int ret = vfs_stat(path, &ks);
	if (ret < 0)
		return ret;
	if (!S_ISREG(ks.mode) || ks.size != (loff_t)size)
		return 1;
	int fd = vfs_open(path, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	for (size_t done = 0; !ret; ) {
		ssize_t n = vfs_read(fd, rbuf, sizeof(rbuf));
		if (n <= 0) {
			ret = n < 0 ? (int)n : done == size ? 0 : 1;
			break;
		}
		if (done + n > size) {
			ret = 1;
			break;
		}
		for (ssize_t i = 0; i < n && !ret; i++) {
			size_t at = done + i;
			u8 want = data ? ((const u8 *)data)[at] : (u8)(at * 7 + (at >> 12));
			ret = rbuf[i] == want ? 0 : 2;
		}
		done += n;
	}
	vfs_close(fd);
	return ret;
}

static int file_is(const char *path, const char *text)
{
	return file_check(path, text, strlen(text));
}

/* The mode of path, or 0 when it does not exist. */
static umode_t mode_of(const char *path)
{
	struct kstat ks;
	return vfs_stat(path, &ks) < 0 ? 0 : ks.mode;
}

static bool exists(const char *path)
{
	return mode_of(path) != 0;
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* The unpack stopped at the entry at off, for a reason with `want` in it. */
#define EXPECT_STOPPED_AT(t, off, want)                                            \
	do {                                                                       \
		KEXPECT_EQ(t, st.error_offset, (long)(off));                       \
		if (!contains(st.error, want))                                     \
			ktest_fail_str(t, __FILE__, __LINE__,                      \
				       "the reason contains " #want, st.error, want); \
	} while (0)

static int unpack(void)
{
	return initrd_unpack(ar_buf, ar_len, ROOT, &st);
}

/* --- the parser alone ------------------------------------------------------ */

struct seen {
	int n;
	size_t offset[8];
	const char *name[8];
	u32 mode[8];
	const void *data[8];
	size_t size[8];
};

static int record(const struct cpio_entry *e, void *arg, struct initrd_stats *s)
{
	struct seen *v = arg;
	if (v->n < 8) {
		v->offset[v->n] = e->offset;
		v->name[v->n] = e->name;
		v->mode[v->n] = e->mode;
		v->data[v->n] = e->data;
		v->size[v->n] = e->size;
	}
	v->n++;
	return 0;
}

/* Offsets pinned by hand: "a" is 110 + 2 bytes (112, aligned); "a/x" is
 * 110 + 4 = 114, padded to 116, then 5 bytes of data padded to 8: 124. */
static void parse_entries(struct ktest *t)
{
	struct seen v = { 0 };
	ar_begin();
	ar_dir(".", 0755);
	ar_dir("a", 0750);
	ar_file("a/x", 0640, "hello");
	ar_trailer();
	memset(ar_buf + ar_len, 0, 512);	/* cpio's block padding: ignored */
	ar_len += 512;

	KASSERT_EQ(t, cpio_parse(ar_buf, ar_len, record, &v, &st), 0);
	KEXPECT_EQ(t, st.error_offset, -1L);
	KASSERT_EQ(t, v.n, 3);				/* the trailer is not handed on */
	KEXPECT_EQ(t, v.offset[0], 0UL);
	KEXPECT_EQ(t, v.offset[1], 112UL);
	KEXPECT_EQ(t, v.offset[2], 224UL);
	KEXPECT_STREQ(t, v.name[0], ".");
	KEXPECT_STREQ(t, v.name[1], "a");
	KEXPECT_STREQ(t, v.name[2], "a/x");
	KEXPECT_EQ(t, v.mode[1], (u32)(S_IFDIR | 0750));
	KEXPECT_EQ(t, v.mode[2], (u32)(S_IFREG | 0640));
	KEXPECT_EQ(t, v.size[1], 0UL);
	KEXPECT_EQ(t, v.size[2], 5UL);
	KEXPECT_EQ(t, v.data[2], (const void *)(ar_buf + 224 + 116));	/* into the archive */
	KEXPECT_EQ(t, memcmp(v.data[2], "hello", 5), 0);
	KEXPECT_EQ(t, (u64)(ar_len - 512), 224UL + 124 + 124);	/* "TRAILER!!!": 110+11 -> 124 */
}

/* 070702: check is the sum of the data bytes; a wrong one stops the parse. */
static void parse_checksum(struct ktest *t)
{
	struct seen v = { 0 };
	u32 sum = 'a' + 'b' + 'c';
	ar_begin();
	ar_entry("070702", S_IFREG | 0644, "good", 5, "abc", 3, sum);
	size_t bad = ar_entry("070702", S_IFREG | 0644, "bad", 4, "abc", 3, sum + 1);
	ar_trailer();
	KEXPECT_EQ(t, cpio_parse(ar_buf, ar_len, record, &v, &st), -EINVAL);
	KEXPECT_EQ(t, v.n, 1);
	EXPECT_STOPPED_AT(t, bad, "checksum");
}

/* An archive of only the trailer is fine and makes nothing. */
static void parse_empty_archive(struct ktest *t)
{
	struct seen v = { 0 };
	ar_begin();
	ar_trailer();
	KEXPECT_EQ(t, cpio_parse(ar_buf, ar_len, record, &v, &st), 0);
	KEXPECT_EQ(t, v.n, 0);
	KEXPECT_EQ(t, cpio_parse(ar_buf, 0, record, &v, &st), -EINVAL);	/* nothing at all */
	EXPECT_STOPPED_AT(t, 0, "without a TRAILER!!!");
}

/* --- unpacking ------------------------------------------------------------- */

SCRATCH_CASE(unpack_nested)
{
	ar_begin();
	ar_dir(".", 0755);
	ar_dir("a", 0755);
	ar_dir("a/b", 0755);
	ar_dir("a/b/c", 0755);
	ar_file("a/x", 0644, "first file\n");
	ar_file("a/b/c/y", 0644, "deep inside\n");
	ar_file("top", 0644, "at the root");
	ar_trailer();

	KASSERT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, st.error_offset, -1L);
	KEXPECT_EQ(t, st.dirs, 3u);
	KEXPECT_EQ(t, st.files, 3u);
	KEXPECT_EQ(t, st.skipped, 1u);			/* "." */
	KEXPECT_EQ(t, st.bytes, 11UL + 12 + 11);
	KEXPECT_TRUE(t, S_ISDIR(mode_of(ROOT "/a/b/c")));
	KEXPECT_EQ(t, file_is(ROOT "/a/x", "first file\n"), 0);
	KEXPECT_EQ(t, file_is(ROOT "/a/b/c/y", "deep inside\n"), 0);
	KEXPECT_EQ(t, file_is(ROOT "/top", "at the root"), 0);
	KEXPECT_FALSE(t, exists("/top"));		/* under the root given, not "/" */
	KEXPECT_FALSE(t, exists("/a"));
}

SCRATCH_CASE(unpack_modes)
{
	ar_begin();
	ar_dir("private", 0700);
	ar_dir("shared", 01777);
	ar_file("private/key", 0600, "secret");
	ar_file("run", 04755, "#!");
	ar_file("ro", 0444, "read only");
	ar_trailer();

	KASSERT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, mode_of(ROOT "/private"), (umode_t)(S_IFDIR | 0700));
	KEXPECT_EQ(t, mode_of(ROOT "/shared"), (umode_t)(S_IFDIR | 01777));
	KEXPECT_EQ(t, mode_of(ROOT "/private/key"), (umode_t)(S_IFREG | 0600));
	KEXPECT_EQ(t, mode_of(ROOT "/run"), (umode_t)(S_IFREG | 04755));
	KEXPECT_EQ(t, mode_of(ROOT "/ro"), (umode_t)(S_IFREG | 0444));
	KEXPECT_EQ(t, file_is(ROOT "/ro", "read only"), 0);	/* written although 0444 */
}

SCRATCH_CASE(unpack_large_file)
{
	struct kstat ks;
	ar_begin();
	ar_entry("070701", S_IFREG | 0755, "big", 4, NULL, BIG_SIZE, 0);
	ar_file("after", 0644, "next");		/* found past the big data */
	ar_trailer();

	KASSERT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, st.bytes, (u64)BIG_SIZE + 4);
	KEXPECT_EQ(t, file_check(ROOT "/big", NULL, BIG_SIZE), 0);
	KASSERT_EQ(t, vfs_stat(ROOT "/big", &ks), 0);
	KEXPECT_EQ(t, ks.size, (loff_t)BIG_SIZE);
	KEXPECT_EQ(t, ks.blocks, 4 * (PAGE_SIZE / 512));	/* four pages cached */
	KEXPECT_EQ(t, file_is(ROOT "/after", "next"), 0);
}

SCRATCH_CASE(unpack_empty_files)
{
	struct kstat ks;
	ar_begin();
	ar_file("empty", 0644, "");
	ar_file("also-empty", 0600, "");
	ar_file("then", 0644, "x");
	ar_trailer();

	KASSERT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, st.files, 3u);
	KASSERT_EQ(t, vfs_stat(ROOT "/empty", &ks), 0);
	KEXPECT_EQ(t, ks.size, 0L);
	KEXPECT_EQ(t, ks.blocks, 0UL);
	KEXPECT_EQ(t, file_is(ROOT "/also-empty", ""), 0);
	KEXPECT_EQ(t, mode_of(ROOT "/also-empty"), (umode_t)(S_IFREG | 0600));
	KEXPECT_EQ(t, file_is(ROOT "/then", "x"), 0);
}

/* "./a", "/b", "c/" name a, b and c under the root; other types are skipped. */
SCRATCH_CASE(unpack_names_and_types)
{
	ar_begin();
	ar_dir("./a", 0755);
	ar_file("/b", 0644, "b");
	ar_dir("c/", 0755);
	ar_file("./a/d", 0644, "d");
	ar_entry("070701", 0120777, "link", 5, "a/d", 3, 0);		/* symlink */
	ar_entry("070701", S_IFCHR | 0666, "null", 5, NULL, 0, 0);	/* device */
	ar_entry("070701", 0010644, "fifo", 5, NULL, 0, 0);
	ar_trailer();

	KASSERT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, st.dirs, 2u);
	KEXPECT_EQ(t, st.files, 2u);
	KEXPECT_EQ(t, st.skipped, 3u);
	KEXPECT_TRUE(t, S_ISDIR(mode_of(ROOT "/a")));
	KEXPECT_TRUE(t, S_ISDIR(mode_of(ROOT "/c")));
	KEXPECT_EQ(t, file_is(ROOT "/b", "b"), 0);
	KEXPECT_EQ(t, file_is(ROOT "/a/d", "d"), 0);
	KEXPECT_FALSE(t, exists(ROOT "/link"));
	KEXPECT_FALSE(t, exists(ROOT "/null"));
	KEXPECT_FALSE(t, exists(ROOT "/fifo"));
}

/* A second unpack over the first: directories kept, files rewritten. */
SCRATCH_CASE(unpack_over_existing)
{
	ar_begin();
	ar_dir("d", 0755);
	ar_file("d/f", 0644, "a longer first version");
	ar_trailer();
	KASSERT_EQ(t, unpack(), 0);

	ar_begin();
	ar_dir("d", 0700);
	ar_file("d/f", 0644, "short");
	ar_trailer();
	KASSERT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, st.dirs, 1u);
	KEXPECT_EQ(t, file_is(ROOT "/d/f", "short"), 0);		/* truncated, not overlaid */
	KEXPECT_EQ(t, mode_of(ROOT "/d"), (umode_t)(S_IFDIR | 0755));	/* the existing one */
}

/* --- malformed archives: stop at the bad entry, keep what came before ------- */

SCRATCH_CASE(bad_magic)
{
	ar_begin();
	ar_dir("kept", 0755);
	ar_file("kept/f", 0644, "kept");
	size_t bad = ar_file("lost", 0644, "lost");
	ar_file("after", 0644, "after");
	ar_trailer();
	memcpy(ar_buf + bad, "070707", 6);	/* the old portable format */

	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "bad magic");
	KEXPECT_EQ(t, st.files, 1u);
	KEXPECT_EQ(t, st.dirs, 1u);
	KEXPECT_EQ(t, file_is(ROOT "/kept/f", "kept"), 0);
	KEXPECT_FALSE(t, exists(ROOT "/lost"));
	KEXPECT_FALSE(t, exists(ROOT "/after"));
}

SCRATCH_CASE(truncated_header)
{
	ar_begin();
	ar_file("kept", 0644, "kept");
	size_t cut = ar_file("lost", 0644, "lost");
	ar_trailer();

	ar_len = cut + 60;			/* the archive ends inside the header */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, cut, "truncated header: 60 bytes left, 110 needed");
	KEXPECT_EQ(t, file_is(ROOT "/kept", "kept"), 0);
	KEXPECT_FALSE(t, exists(ROOT "/lost"));

	ar_len = cut;				/* ends between entries: no trailer */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, cut, "without a TRAILER!!!");
}

SCRATCH_CASE(truncated_data)
{
	ar_begin();
	ar_dir("kept", 0755);
	size_t cut = ar_entry("070701", S_IFREG | 0644, "big", 4, NULL, BIG_SIZE, 0);
	ar_trailer();

	ar_len = cut + 116 + BIG_SIZE - 1;	/* one byte of data short */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, cut, "data of 12411 bytes runs past the end");
	KEXPECT_TRUE(t, S_ISDIR(mode_of(ROOT "/kept")));
	KEXPECT_FALSE(t, exists(ROOT "/big"));	/* checked before any is written */

	ar_set_field(cut, FIELD_FILESIZE, "ffffffff");	/* a size that would wrap */
	ar_len = sizeof(ar_buf);
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, cut, "data of 4294967295 bytes runs past the end");
}

SCRATCH_CASE(name_overflow)
{
	ar_begin();
	ar_file("kept", 0644, "kept");
	size_t bad = ar_file("name", 0644, "data");
	ar_trailer();

	ar_set_field(bad, FIELD_NAMESIZE, "00000fff");	/* 4095: past the end */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "name of 4095 bytes runs past the end");
	KEXPECT_EQ(t, file_is(ROOT "/kept", "kept"), 0);

	ar_set_field(bad, FIELD_NAMESIZE, "00000004");	/* "nam": no NUL at its end */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "not NUL-terminated at its size 4");

	ar_set_field(bad, FIELD_NAMESIZE, "00000007");	/* the NUL comes before the end */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "not NUL-terminated at its size 7");

	ar_set_field(bad, FIELD_NAMESIZE, "00000000");
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "name size 0 is not between 1 and 4096");

	ar_set_field(bad, FIELD_NAMESIZE, "00001001");	/* beyond PATH_MAX */
	ar_len = sizeof(ar_buf);
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "name size 4097 is not between 1 and 4096");
	KEXPECT_FALSE(t, exists(ROOT "/name"));
}

SCRATCH_CASE(non_hex_field)
{
	static const char *const bad_values[] = { "0000000g", "0000 001", "-0000001", "0x000001" };
	ar_begin();
	ar_file("kept", 0644, "kept");
	size_t bad = ar_file("lost", 0644, "lost");
	ar_trailer();

	for (size_t i = 0; i < ARRAY_SIZE(bad_values); i++) {
		ar_set_field(bad, FIELD_FILESIZE, bad_values[i]);
		KEXPECT_EQ(t, unpack(), -EINVAL);
		EXPECT_STOPPED_AT(t, bad, "field filesize is not 8 hex digits");
	}
	ar_set_field(bad, FIELD_FILESIZE, "00000004");
	ar_set_field(bad, 1, "000081A4");		/* upper case is hex too */
	KEXPECT_EQ(t, unpack(), 0);
	KEXPECT_EQ(t, file_is(ROOT "/lost", "lost"), 0);
	ar_set_field(bad, 12, "0000000z");		/* the last field, check */
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "field check is not 8 hex digits");
	KEXPECT_EQ(t, file_is(ROOT "/kept", "kept"), 0);
}

/* Names must stay under the root, and a directory cannot replace a file. */
SCRATCH_CASE(refused_names)
{
	ar_begin();
	ar_dir("ok", 0755);
	size_t bad = ar_file("ok/../../escaped", 0644, "out");
	ar_trailer();
	KEXPECT_EQ(t, unpack(), -EINVAL);
	EXPECT_STOPPED_AT(t, bad, "climbs out of the root");
	KEXPECT_FALSE(t, exists("/tmp/escaped"));
	KEXPECT_TRUE(t, exists(ROOT "/ok"));

	ar_begin();
	ar_file("f", 0644, "a file");
	bad = ar_dir("f", 0755);
	ar_trailer();
	KEXPECT_EQ(t, unpack(), -ENOTDIR);
	EXPECT_STOPPED_AT(t, bad, "cannot make directory " ROOT "/f");
	KEXPECT_EQ(t, file_is(ROOT "/f", "a file"), 0);

	ar_begin();
	bad = ar_file("nodir/f", 0644, "parent missing");
	ar_trailer();
	KEXPECT_EQ(t, unpack(), -ENOENT);
	EXPECT_STOPPED_AT(t, bad, "cannot create " ROOT "/nodir/f");

	/* a name that fits PATH_MAX in the archive but not under the root */
	static char long_name[PATH_MAX - 8];
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = 0;
	ar_begin();
	ar_file("kept", 0644, "kept");
	bad = ar_file(long_name, 0644, "x");
	ar_trailer();
	KEXPECT_EQ(t, unpack(), -ENAMETOOLONG);
	EXPECT_STOPPED_AT(t, bad, "name of 4087 bytes too long under the root");
	KEXPECT_EQ(t, file_is(ROOT "/kept", "kept"), 0);
}

/* --- the boot's initrd ----------------------------------------------------- */

struct tree_check {
	int entries, mismatches;
};

static int same_as_tree(const struct cpio_entry *e, void *arg, struct initrd_stats *s)
{
	struct tree_check *c = arg;
	char path[128];
	snprintf(path, sizeof(path), "/%s", e->name);
	c->entries++;
	if (S_ISDIR(e->mode))
		c->mismatches += !S_ISDIR(mode_of(path));
	else if (S_ISREG(e->mode))
		c->mismatches += file_check(path, e->data, e->size) != 0 ||
				 (mode_of(path) & S_IALLUGO) != (e->mode & S_IALLUGO);
	return 0;
}

/* GRUB loaded build/initrd.cpio as the module "initrd" and kmain unpacked it
 * into "/": every file of the module is there, byte for byte. */
static void boot_initrd(struct ktest *t)
{
	const struct boot_module *m = NULL;
	struct tree_check c = { 0 };

	for (int i = 0; i < boot_info.nr_modules && !m; i++)
		if (contains(boot_info.module[i].name, "initrd"))
			m = &boot_info.module[i];
	KASSERT_NOT_NULL(t, m);
	KASSERT_EQ(t, cpio_parse(phys_to_virt(m->start), m->end - m->start, same_as_tree, &c,
				 &st), 0);
	KEXPECT_EQ(t, c.mismatches, 0);
	KEXPECT_GE(t, c.entries, 6);		/* bin dev etc etc/motd proc tmp */

	struct kstat ks;
	KASSERT_EQ(t, vfs_stat("/etc/motd", &ks), 0);
	KEXPECT_EQ(t, ks.mode, (umode_t)(S_IFREG | 0644));
	int fd = vfs_open("/etc/motd", O_RDONLY, 0);
	KASSERT_GE(t, fd, 0);
	ssize_t n = vfs_read(fd, rbuf, sizeof(rbuf) - 1);
	vfs_close(fd);
	KASSERT_GE(t, n, 0L);
	rbuf[n] = 0;
	KEXPECT_TRUE(t, str_starts_with((char *)rbuf, "Welcome to faultline"));
	for (const char *d = "/bin\0/dev\0/tmp\0/proc\0"; *d; d += strlen(d) + 1)
		KEXPECT_TRUE(t, S_ISDIR(mode_of(d)));
}

KTEST_SUITE(initrd,
	    KTEST_CASE(parse_entries),
	    KTEST_CASE(parse_checksum),
	    KTEST_CASE(parse_empty_archive),
	    KTEST_CASE(unpack_nested),
	    KTEST_CASE(unpack_modes),
	    KTEST_CASE(unpack_large_file),
	    KTEST_CASE(unpack_empty_files),
	    KTEST_CASE(unpack_names_and_types),
	    KTEST_CASE(unpack_over_existing),
	    KTEST_CASE(bad_magic),
	    KTEST_CASE(truncated_header),
	    KTEST_CASE(truncated_data),
	    KTEST_CASE(name_overflow),
	    KTEST_CASE(non_hex_field),
	    KTEST_CASE(refused_names),
	    KTEST_CASE(boot_initrd));

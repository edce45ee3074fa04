/* tests/kernel/vfs_test_util.c — the helpers of the file-system suites
 * (see vfs_test.h): the per-case scratch directory and leak check, the
 * byte pattern, whole-file reads and writes, stat shorthands, rm -r.
 *
 * The buffers are static (the kernel stack is 16 KiB and the kernel is
 * uniprocessor); each helper has its own, so one may call another. */
#include "tests/kernel/vfs_test.h"
#include "kernel/err.h"

/* --- the case wrapper ------------------------------------------------------- */

static u64 open_fd_mask(void)
{
	u64 mask = 0;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (current->files->fd[fd])
			mask |= BIT(fd);
	return mask;
}

/* Close the fds opened since `before`; how many there were. */
static int close_new_fds(u64 before)
{
	int n = 0;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (current->files->fd[fd] && !(before & BIT(fd))) {
			vfs_close(fd);
			n++;
		}
	return n;
}

/* Make `cwd` the current directory again, whatever the case did. */
static void restore_cwd(struct inode *cwd)
{
	igrab(cwd);
	iput(current->fs.cwd);
	current->fs.cwd = cwd;
}

void vt_case_run(struct ktest *t, void (*body)(struct ktest *t), const char *scratch)
{
	unsigned long inodes = nr_inodes(), free_pages = nr_free_pages();
	u64 fds = open_fd_mask();

	KASSERT_EQ(t, vfs_mkdir(scratch, 0755), 0);
	struct inode *cwd = igrab(current->fs.cwd);
	body(t);

	/* what the case left behind is a failure of the case ... */
	KEXPECT_EQ(t, close_new_fds(fds), 0);	/* fds it did not close */
	KEXPECT_TRUE(t, current->fs.cwd == cwd);	/* a cwd it did not give back */
	KEXPECT_EQ(t, vt_count_entries(scratch), 0L);	/* files it did not remove */
	/* ... which is then cleaned up, so that the next case starts clean */
	restore_cwd(cwd);
	iput(cwd);
	KEXPECT_EQ(t, vt_remove_tree(scratch), 0);
	KEXPECT_EQ(t, nr_inodes(), inodes);
	KEXPECT_EQ(t, nr_free_pages(), free_pages);
}

/* --- the pattern ------------------------------------------------------------ */

/* Differs between neighbouring bytes, between pages at the same offset
 * (the page index is mixed in) and between seeds; rarely zero, so that a
 * hole where data should be is seen at once. */
u8 vt_pattern_byte(loff_t off, u32 seed)
{
	u64 x = (u64)off * 0x9e3779b1u + ((u64)off >> 12) * 0x85ebca77u + seed;
	u8 b = (u8)(x ^ (x >> 13) ^ (x >> 24));
	return b ? b : 0x5a;
}

void vt_pattern(void *buf, loff_t off, size_t n, u32 seed)
{
	u8 *p = buf;
	for (size_t i = 0; i < n; i++)
		p[i] = vt_pattern_byte(off + (loff_t)i, seed);
}

long vt_pattern_diff(const void *buf, loff_t off, size_t n, u32 seed)
{
	const u8 *p = buf;
	for (size_t i = 0; i < n; i++)
		if (p[i] != vt_pattern_byte(off + (loff_t)i, seed))
			return (long)i;
	return -1;
}

/* --- whole files ------------------------------------------------------------ */

/* Write all n bytes to fd: 0, -errno, or -EIO for a short write. */
static int write_all(int fd, const void *buf, size_t n)
{
	while (n) {
		ssize_t w = vfs_write(fd, buf, n);
		if (w <= 0)
			return w ? (int)w : -EIO;
		buf = (const char *)buf + w;
		n -= (size_t)w;
	}
	return 0;
}

int vt_write_file(const char *path, const void *buf, size_t n)
{
	int fd = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fd;
	int err = write_all(fd, buf, n);
	vfs_close(fd);
	return err;
}

int vt_pattern_file(const char *path, size_t size, u32 seed)
{
	static u8 chunk[PAGE_SIZE];
	int fd = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int err = 0;
	if (fd < 0)
		return fd;
	for (size_t off = 0; off < size && !err; off += sizeof(chunk)) {
		size_t n = MIN(sizeof(chunk), size - off);
		vt_pattern(chunk, (loff_t)off, n, seed);
		err = write_all(fd, chunk, n);
	}
	vfs_close(fd);
	return err;
}

ssize_t vt_read_file(const char *path, void *buf, size_t n)
{
	int fd = vfs_open(path, O_RDONLY, 0);
	size_t done = 0;
	ssize_t r = 0;
	if (fd < 0)
		return fd;
	while (done < n && (r = vfs_read(fd, (char *)buf + done, n - done)) > 0)
		done += (size_t)r;
	vfs_close(fd);
	return r < 0 ? r : (ssize_t)done;
}

long vt_fd_diff(int fd, const void *expect, size_t n)
{
	static u8 chunk[PAGE_SIZE + 1];		/* +1: a read that goes past n */
	const u8 *e = expect;
	size_t off = 0;

	for (;;) {
		ssize_t r = vfs_read(fd, chunk, MIN(sizeof(chunk), n - off + 1));
		if (r < 0)
			return r;
		if (r == 0)
			return off == n ? -1 : (long)off;	/* ended early? */
		for (ssize_t i = 0; i < r; i++, off++)
			if (off == n || chunk[i] != e[off])
				return (long)off;
	}
}

long vt_contents_diff(const char *path, const void *expect, size_t n)
{
	int fd = vfs_open(path, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	long d = vt_fd_diff(fd, expect, n);
	vfs_close(fd);
	return d;
}

/* --- stat shorthands -------------------------------------------------------- */

static struct kstat st;

int vt_stat_err(const char *path)
{
	return vfs_stat(path, &st);
}

bool vt_exists(const char *path)
{
	return vt_stat_err(path) == 0;
}

u64 vt_ino(const char *path)
{
	return vt_stat_err(path) ? 0 : st.ino;
}

long long vt_size(const char *path)
{
	int err = vt_stat_err(path);
	return err ? err : st.size;
}

long long vt_blocks(const char *path)
{
	int err = vt_stat_err(path);
	return err ? err : (long long)st.blocks;
}

long vt_nlink(const char *path)
{
	int err = vt_stat_err(path);
	return err ? err : (long)st.nlink;
}

/* --- names and paths -------------------------------------------------------- */

char *vt_long_name(char *buf, const char *prefix, size_t len, char c)
{
	size_t p = strlen(prefix);
	memcpy(buf, prefix, p);
	memset(buf + p, c, len);
	buf[p + len] = 0;
	return buf;
}

char *vt_long_path(char *buf, const char *base, size_t len)
{
	size_t n = strlen(base);
	memcpy(buf, base, n);
	if ((len - n) % 2)
		buf[n++] = '/';			/* "//" counts as one slash */
	while (n < len) {
		buf[n++] = '/';
		buf[n++] = '.';
	}
	buf[n] = 0;
	return buf;
}

/* --- fds, directories ------------------------------------------------------- */

int vt_lowest_free_fd(void)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (!current->files->fd[fd])
			return fd;
	return -EMFILE;
}

static u8 dents[2048];

/* The first entry of the directory open at fd other than "." and "..":
 * its name copied into name, 1; 0 when there is none; or -errno. */
static int first_entry(int fd, char *name)
{
	ssize_t n;
	vfs_lseek(fd, 0, SEEK_SET);
	while ((n = vfs_getdents(fd, dents, sizeof(dents))) > 0)
		for (ssize_t off = 0; off < n;) {
			const struct vt_dirent64 *d = (const void *)(dents + off);
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
				strlcpy(name, d->d_name, NAME_MAX + 1);
				return 1;
			}
			off += d->d_reclen;
		}
	return (int)n;
}

long vt_count_entries(const char *path)
{
	int fd = vfs_open(path, O_RDONLY | O_DIRECTORY, 0);
	long count = 0;
	ssize_t n;
	if (fd < 0)
		return fd;
	while ((n = vfs_getdents(fd, dents, sizeof(dents))) > 0)
		for (ssize_t off = 0; off < n; off += ((struct vt_dirent64 *)(dents + off))->d_reclen)
			count++;
	vfs_close(fd);
	return n < 0 ? n : count - 2;
}

/* rm -r: a directory's entries are removed one at a time, each time the
 * first one listed (removing while listing would skip entries).  Each
 * level of the recursion builds its children's paths in its own static
 * PATH_MAX buffer (not on the 16 KiB stack); the trees are shallow. */
int vt_remove_tree(const char *path)
{
	static char paths[8][PATH_MAX];
	static int depth;
	struct kstat s;
	char name[NAME_MAX + 1];
	int err = vfs_stat(path, &s), fd, more;

	if (err)
		return err;
	if (!S_ISDIR(s.mode))
		return vfs_unlink(path);
	if (depth == ARRAY_SIZE(paths))
		return -ENAMETOOLONG;
	fd = vfs_open(path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	char *child = paths[depth++];
	while ((more = first_entry(fd, name)) > 0) {
		snprintf(child, PATH_MAX, "%s/%s", path, name);
		if ((err = vt_remove_tree(child)) < 0)
			break;
	}
	depth--;
	vfs_close(fd);
	return err < 0 ? err : more < 0 ? more : vfs_rmdir(path);
}

const struct vt_dirent64 *vt_find_dirent(const void *buf, size_t n, const char *name)
{
	for (size_t off = 0; off < n;) {
		const struct vt_dirent64 *d = (const void *)((const u8 *)buf + off);
		if (strcmp(d->d_name, name) == 0)
			return d;
		if (!d->d_reclen)
			break;
		off += d->d_reclen;
	}
	return NULL;
}

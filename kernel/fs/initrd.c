/* kernel/fs/initrd.c — unpack the cpio "newc" initrd into ramfs (the format:
 * initrd.h).
 *
 * cpio_parse() trusts nothing in the archive: before an entry is handed on,
 * its header is inside the archive, the magic and all 13 fields are right,
 * the name is NUL-terminated at exactly namesize and fits PATH_MAX, and the
 * data (and, for 070702, its checksum) is inside the archive too.  The
 * first entry that fails stops the walk with its offset and the reason;
 * what came before it stays unpacked, and the boot goes on.
 *
 * The entry for "etc/motd" (namesize 9) holding "hello" (filesize 5):
 *
 *	0           110          119  120      125  128
 *	[ header    ][ etc/motd\0 ][pad][ hello ][pad][ next header ...
 *
 * Hard links (newc stores the data with the last of the names) are not
 * linked: each name becomes a file of its own.  scripts/mkcpio.py makes none.
 */
#include "kernel/fs/initrd.h"
#include "kernel/fs/fs.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "mm/layout.h"

/* The 13 header fields after the magic, in archive order. */
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, NR_FIELDS };

static const char *const field_name[NR_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
	"rdevmajor", "rdevminor", "namesize", "check",
};

/* Record why the walk stops; the offset is set by cpio_parse. */
static int __printf(3, 4) fail(struct initrd_stats *st, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->error, sizeof(st->error), fmt, ap);
	va_end(ap);
	return err;
}

/* Exactly 8 hex digits (either case) into *out; false if any is not one. */
static bool parse_hex8(const char *s, u32 *out)
{
	u32 v = 0;
	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (u32)d;
	}
	*out = v;
	return true;
}

/* Check the entry whose header is at off and fill e; *next is where the
 * following header starts.  Returns 1 for the trailer, 0 for an entry,
 * -EINVAL (reason in st->error) for a malformed one. */
static int parse_entry(const u8 *a, size_t size, size_t off, struct cpio_entry *e,
		       size_t *next, struct initrd_stats *st)
{
	const char *h = (const char *)a + off;
	u32 f[NR_FIELDS];

	if (off == size)
		return fail(st, -EINVAL, "the archive ends without a " CPIO_TRAILER " entry");
	if (size - off < CPIO_HEADER_SIZE)
		return fail(st, -EINVAL, "truncated header: %zu bytes left, %d needed",
			    size - off, CPIO_HEADER_SIZE);
	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return fail(st, -EINVAL, "bad magic (not 070701 or 070702)");
	for (int i = 0; i < NR_FIELDS; i++)
		if (!parse_hex8(h + 6 + 8 * i, &f[i]))
			return fail(st, -EINVAL, "field %s is not 8 hex digits", field_name[i]);

	u32 namesize = f[F_NAMESIZE], filesize = f[F_FILESIZE];
	const char *name = h + CPIO_HEADER_SIZE;
	if (namesize == 0 || namesize > PATH_MAX)
		return fail(st, -EINVAL, "name size %u is not between 1 and %d", namesize, PATH_MAX);
	if (namesize > size - off - CPIO_HEADER_SIZE)
		return fail(st, -EINVAL, "name of %u bytes runs past the end of the archive",
			    namesize);
	if (strnlen(name, namesize) != namesize - 1)
		return fail(st, -EINVAL, "name is not NUL-terminated at its size %u", namesize);
	if (strcmp(name, CPIO_TRAILER) == 0)
		return 1;		/* its padding may be missing at the very end */

	size_t data = ALIGN_UP(off + CPIO_HEADER_SIZE + namesize, 4);
	if (data > size || filesize > size - data)
		return fail(st, -EINVAL, "data of %u bytes runs past the end of the archive",
			    filesize);
	if (h[5] == '2') {		/* 070702: check is the sum of the data bytes */
		u32 sum = 0;
		for (size_t i = 0; i < filesize; i++)
			sum += a[data + i];
		if (sum != f[F_CHECK])
			return fail(st, -EINVAL, "checksum %08x, but the data sums to %08x",
				    f[F_CHECK], sum);
	}
	*e = (struct cpio_entry){
		.offset = off, .name = name, .mode = f[F_MODE], .ino = f[F_INO],
		.nlink = f[F_NLINK], .mtime = f[F_MTIME], .data = a + data, .size = filesize,
	};
	*next = MIN(ALIGN_UP(data + filesize, 4), size);	/* last padding may be cut */
	return 0;
}

int cpio_parse(const void *data, size_t size, cpio_actor_t actor, void *arg,
	       struct initrd_stats *st)
{
	struct cpio_entry e;
	size_t off = 0, next;
	int ret;

	*st = (struct initrd_stats){ .error_offset = -1 };
	for (;;) {
		ret = parse_entry(data, size, off, &e, &next, st);
		if (ret == 0 && actor)
			ret = actor(&e, arg, st);
		if (ret)
			break;
		off = next;
	}
	if (ret == 1)
		return 0;
	st->error_offset = (long)off;
	if (!st->error[0])
		fail(st, ret, "stopped with error %d", ret);
	return ret;
}

/* --- unpacking into ramfs ------------------------------------------------ */

struct unpack_ctx {
	size_t rootlen;		/* path[0, rootlen) is the root, no trailing '/' */
	char *list;		/* NULL, or where to note the files made (the boot line) */
	size_t listsize;
	bool list_full;		/* " ..." written */
};

/* One path at a time (uniprocessor, nothing re-enters): not on the stack. */
static char path[PATH_MAX];

/* Note a file made in ctx->list, ending with " ..." once it is full. */
static void note_file(struct unpack_ctx *c, const char *p)
{
	size_t used = strlen(c->list), n = strlen(p);
	if (c->list_full)
		return;
	if (used + 1 + n + sizeof(" ...") > c->listsize) {	/* room kept for " ..." */
		strlcpy(c->list + used, used ? " ..." : "...", c->listsize - used);
		c->list_full = true;
		return;
	}
	snprintf(c->list + used, c->listsize - used, "%s%s", used ? " " : "", p);
}

/* "./bin/x", "/bin/x" and "bin/x" all name bin/x; "." and "./" name the root. */
static const char *strip_name(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			return strcmp(name, ".") ? name : name + 1;
	}
}

/* Does a component of name climb out of the root? */
static bool has_dotdot(const char *p)
{
	for (;;) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
			return true;
		p = strchr(p, '/');
		if (!p)
			return false;
		p++;
	}
}

/* mode in octal, at least 6 digits, in buf (printk has no %o). */
static const char *mode_octal(u32 mode, char buf[12])
{
	char *p = buf + 11;
	*p = 0;
	for (int i = 0; i < 6 || mode; i++, mode >>= 3)
		*--p = (char)('0' + (mode & 7));
	return p;
}

/* What an entry of a type not unpacked is, for the note. */
static const char *type_name(u32 mode)
{
	switch (mode & S_IFMT) {
	case 0010000: return "fifo";
	case S_IFCHR: return "character device";
	case 0060000: return "block device";
	case 0120000: return "symbolic link";
	case 0140000: return "socket";
	default: return "unknown type";
	}
}

static int unpack_dir(const struct cpio_entry *e, struct initrd_stats *st)
{
	struct kstat ks;
	int err = vfs_mkdir(path, e->mode & S_IALLUGO);
	if (err == -EEXIST && vfs_stat(path, &ks) == 0 && !S_ISDIR(ks.mode))
		err = -ENOTDIR;
	else if (err == -EEXIST)
		err = 0;			/* /bin, /tmp, ... made by the kernel */
	if (err)
		return fail(st, err, "cannot make directory %s: error %d", path, err);
	st->dirs++;
	return 0;
}

static int unpack_file(const struct cpio_entry *e, struct unpack_ctx *c,
		       struct initrd_stats *st)
{
	int fd = vfs_open(path, O_CREAT | O_WRONLY | O_TRUNC, e->mode & S_IALLUGO);
	if (fd < 0)
		return fail(st, fd, "cannot create %s: error %d", path, fd);
	for (size_t done = 0; done < e->size; ) {
		ssize_t n = vfs_write(fd, (const u8 *)e->data + done, e->size - done);
		if (n <= 0) {
			vfs_close(fd);
			return fail(st, n ? (int)n : -EIO, "cannot write %s at %zu: error %ld",
				    path, done, n);
		}
		done += n;
	}
	vfs_close(fd);
	st->files++;
	st->bytes += e->size;
	if (c->list)
		note_file(c, path);
	return 0;
}

/* Symbolic links, devices, fifos: noted, not made (ramfs has no links, and
 * /dev is made by the kernel). */
static int skip_entry(const struct cpio_entry *e, struct initrd_stats *st)
{
	char mode[12];
	printk(KERN_NOTICE "initrd: skipping %s, a %s (mode %s): only directories and "
	       "regular files are unpacked\n", path, type_name(e->mode), mode_octal(e->mode, mode));
	st->skipped++;
	return 0;
}

/* The cpio_parse actor: one entry into the tree under the root. */
static int unpack_entry(const struct cpio_entry *e, void *arg, struct initrd_stats *st)
{
	struct unpack_ctx *c = arg;
	const char *name = strip_name(e->name);
	size_t len = strlen(name);

	if (!*name) {
		st->skipped++;			/* ".": the root exists already */
		return 0;
	}
	if (has_dotdot(name))
		return fail(st, -EINVAL, "name %s climbs out of the root", e->name);
	if (c->rootlen + 1 + len >= PATH_MAX)
		return fail(st, -ENAMETOOLONG, "name of %zu bytes too long under the root", len);
	path[c->rootlen] = '/';
	memcpy(path + c->rootlen + 1, name, len + 1);
	while (len > 1 && path[c->rootlen + len] == '/')
		path[c->rootlen + len--] = 0;	/* "bin/" is bin */

	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		return unpack_dir(e, st);
	case S_IFREG:
		return unpack_file(e, c, st);
	default:
		return skip_entry(e, st);
	}
}

static int unpack(const void *data, size_t size, const char *root, struct unpack_ctx *c,
		  struct initrd_stats *st)
{
	size_t rootlen = strlen(root);
	while (rootlen && root[rootlen - 1] == '/')
		rootlen--;			/* "/" is the empty prefix */
	if (rootlen >= PATH_MAX / 2) {
		*st = (struct initrd_stats){ .error_offset = 0 };
		return fail(st, -ENAMETOOLONG, "root of %zu bytes too long", rootlen);
	}
	memcpy(path, root, rootlen);
	c->rootlen = rootlen;

	int ret = cpio_parse(data, size, unpack_entry, c, st);
	if (ret)
		printk(KERN_WARNING "initrd: at offset %ld: %s; stopped, keeping %u files and "
		       "%u directories\n", st->error_offset, st->error, st->files, st->dirs);
	return ret;
}

int initrd_unpack(const void *data, size_t size, const char *root, struct initrd_stats *st)
{
	struct unpack_ctx c = { 0 };
	return unpack(data, size, root, &c, st);
}

/* GRUB's string for `module2 /boot/initrd.cpio initrd`: "initrd" as one of
 * its words, whether GRUB keeps the file name in front or not. */
static bool is_initrd(const char *s)
{
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return false;
		if (!strncmp(s, "initrd", 6) && (s[6] == ' ' || !s[6]))
			return true;
		while (*s && *s != ' ')
			s++;
	}
}

void initrd_init(const struct boot_info *bi)
{
	static char list[80];
	struct unpack_ctx c = { .list = list, .listsize = sizeof(list) };
	struct initrd_stats st;
	const struct boot_module *m = NULL;

	for (int i = 0; i < bi->nr_modules && !m; i++)
		if (is_initrd(bi->module[i].name))
			m = &bi->module[i];
	if (!m) {
		printk("initrd: none (no module named \"initrd\"); the root holds what the "
		       "kernel made\n");
		return;
	}
	list[0] = 0;
	unpack(phys_to_virt(m->start), m->end - m->start, "/", &c, &st);
	printk("initrd: %u file%s, %u director%s, %lu bytes%s%s\n", st.files,
	       st.files == 1 ? "" : "s", st.dirs, st.dirs == 1 ? "y" : "ies", st.bytes,
	       list[0] ? ": " : "", list);
}

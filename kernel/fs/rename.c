/* kernel/fs/rename.c — the calls that make and move names of existing
 * things: rename (renameat2's flags), link, symlink, and readlink.
 *
 * Each does Linux's checks in Linux's order (fs/namei.c: do_renameat2 and
 * vfs_rename, do_linkat and vfs_link, do_symlinkat), so a program sees the
 * same error for the same mistake; then the directory's kind does the
 * work (i_op->rename, ->link, ->symlink: ramfs.c), or, lacking the
 * operation (/proc, /dev), the call is -EPERM.  The three file systems are
 * three mounts on Linux: a name never moves or links from one to another
 * (-EXDEV), and the roots of /proc and /dev cannot move (-EBUSY).
 *
 * rename(old, new), the decisions in order:
 *
 *	bad flags, NOREPLACE|EXCHANGE, WHITEOUT|EXCHANGE	-EINVAL
 *	either parent's lookup				its error
 *	parents in different file systems		-EXDEV
 *	old is "/", "." or ".."				-EBUSY
 *	new is "/", "." or ".."				-EBUSY (NOREPLACE: -EEXIST)
 *	old missing					-ENOENT
 *	NOREPLACE and new exists			-EEXIST
 *	EXCHANGE and new missing			-ENOENT
 *	"file/" on either side (not a directory)	-ENOTDIR
 *	old is new's parent or above it			-EINVAL   rename("a", "a/b/c")
 *	new is old's parent or above it			-ENOTEMPTY (EXCHANGE: -EINVAL)
 *	old and new the same inode			0, nothing changes
 *	immutable directory or victim (/proc/PID)	-EPERM
 *	directory onto non-directory			-ENOTDIR
 *	non-directory onto directory			-EISDIR
 *	a kind without ->rename (/proc, /dev)		-EPERM
 *	the root of /proc or /dev on either side	-EBUSY
 *	ramfs: a non-empty directory as target		-ENOTEMPTY; WHITEOUT -EINVAL */
#include "kernel/fs/fs.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"

static bool dot_or_dotdot(const char *name)
{
	return !*name || !strcmp(name, ".") || !strcmp(name, "..");
}

static bool ends_with_slash(const char *path)
{
	size_t len = strlen(path);
	return len && path[len - 1] == '/';
}

/* The entry name in dir (no reference): 0 with *found (NULL if free), or
 * the lookup's error (procfs: -ENOENT for any name it lacks). */
static int lookup_name(struct inode *dir, const char *name, struct inode **found)
{
	*found = dir->i_op->lookup(dir, name);
	return IS_ERR(*found) ? (int)PTR_ERR(*found) : 0;
}

/* dir is a, or below a (Linux's d_ancestor, as lock_rename's trap). */
static bool is_ancestor(struct inode *a, struct inode *dir)
{
	for (;;) {
		if (dir == a)
			return true;
		if (dir == root_inode || dir->i_parent == dir)
			return false;
		dir = dir->i_parent;
	}
}

/* Linux's may_delete, as root: victim's entry may go from dir, given
 * whether the operation wants a directory there. */
static int may_delete(struct inode *dir, struct inode *victim, bool isdir)
{
	if (IS_IMMUTABLE(dir) || IS_IMMUTABLE(victim))
		return -EPERM;
	if (isdir && !S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(victim->i_mode))
		return -EISDIR;
	return 0;
}

/* Linux's may_create, as root: a name may be made in dir. */
static int may_create(struct inode *dir)
{
	if (IS_IMMUTABLE(dir))
		return -EPERM;
	return dir->i_nlink ? 0 : -ENOENT;	/* a removed directory */
}

struct rename_side {
	struct inode *dir;		/* the parent, with a reference */
	char name[NAME_MAX + 1];	/* the last component */
	bool slash;			/* the path ended with '/' */
	struct inode *inode;		/* what the name holds now, or NULL */
};

/* Linux's vfs_rename: both names looked up and checked by the caller. */
static int rename_inodes(struct rename_side *o, struct rename_side *n, unsigned int flags)
{
	bool is_dir = S_ISDIR(o->inode->i_mode);
	int err;

	if (o->inode == n->inode)
		return 0;			/* two names of one inode: nothing to do */
	if ((err = may_delete(o->dir, o->inode, is_dir)))
		return err;
	if (!n->inode)
		err = may_create(n->dir);
	else
		err = may_delete(n->dir, n->inode,
				 flags & RENAME_EXCHANGE ? S_ISDIR(n->inode->i_mode) : is_dir);
	if (err)
		return err;
	if (!o->dir->i_op->rename)
		return -EPERM;
	if ((o->inode->i_flags & S_MOUNTPOINT) || (n->inode && (n->inode->i_flags & S_MOUNTPOINT)))
		return -EBUSY;
	return o->dir->i_op->rename(o->dir, o->name, n->dir, n->name, flags);
}

/* Linux's do_renameat2 after the parents' lookups (the table at the top). */
static int rename_names(struct rename_side *o, struct rename_side *n, unsigned int flags)
{
	int err;
	if (o->dir->i_sb != n->dir->i_sb)
		return -EXDEV;
	if (dot_or_dotdot(o->name))
		return -EBUSY;
	if (dot_or_dotdot(n->name))
		return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
	if ((err = lookup_name(o->dir, o->name, &o->inode)))
		return err;
	if (!o->inode)
		return -ENOENT;
	if ((err = lookup_name(n->dir, n->name, &n->inode)))
		return err;
	if ((flags & RENAME_NOREPLACE) && n->inode)
		return -EEXIST;
	if (flags & RENAME_EXCHANGE) {
		if (!n->inode)
			return -ENOENT;
		if (!S_ISDIR(n->inode->i_mode) && n->slash)
			return -ENOTDIR;
	}
	if (!S_ISDIR(o->inode->i_mode) && (o->slash || (!(flags & RENAME_EXCHANGE) && n->slash)))
		return -ENOTDIR;
	/* lock_rename's trap: neither may be the other's parent or above */
	if (o->dir != n->dir && S_ISDIR(o->inode->i_mode) && is_ancestor(o->inode, n->dir))
		return -EINVAL;
	if (o->dir != n->dir && n->inode && S_ISDIR(n->inode->i_mode) &&
	    is_ancestor(n->inode, o->dir))
		return flags & RENAME_EXCHANGE ? -EINVAL : -ENOTEMPTY;
	return rename_inodes(o, n, flags);
}

int vfs_rename(int olddfd, const char *oldpath, int newdfd, const char *newpath,
	       unsigned int flags)
{
	struct rename_side o = { 0 }, n = { 0 };	/* 2 x 280 bytes of the 16 KiB stack */
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	o.dir = path_lookupat(olddfd, oldpath, LOOKUP_PARENT, o.name);
	if (IS_ERR(o.dir))
		return (int)PTR_ERR(o.dir);
	n.dir = path_lookupat(newdfd, newpath, LOOKUP_PARENT, n.name);
	if (IS_ERR(n.dir)) {
		iput(o.dir);
		return (int)PTR_ERR(n.dir);
	}
	o.slash = ends_with_slash(oldpath);
	n.slash = ends_with_slash(newpath);
	err = rename_names(&o, &n, flags);
	iput(o.dir);
	iput(n.dir);
	return err;
}

/* Linux's filename_create: the new name's parent, checked to be free for
 * a new entry (the parent with a reference, or ERR_PTR). */
static struct inode *create_parent(int dfd, const char *path, char *last)
{
	struct inode *dir = path_lookupat(dfd, path, LOOKUP_PARENT, last), *old;
	if (IS_ERR(dir))
		return dir;
	int err = dot_or_dotdot(last) ? -EEXIST : lookup_name(dir, last, &old);
	if (!err && old)
		err = -EEXIST;
	else if (!err && ends_with_slash(path))
		err = -ENOENT;			/* "new/" asks for a directory that is not there */
	else if (!err)
		err = may_create(dir);
	if (err) {
		iput(dir);
		return ERR_PTR(err);
	}
	return dir;
}

/* link(old, new): a symbolic link old is followed only with LOOKUP_FOLLOW
 * (linkat's AT_SYMLINK_FOLLOW; link() does not). */
int vfs_link(int olddfd, const char *oldpath, int newdfd, const char *newpath,
	     unsigned int lookup_flags)
{
	char last[NAME_MAX + 1];
	struct inode *inode = path_lookupat(olddfd, oldpath, lookup_flags, NULL), *dir;
	int err;

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	dir = create_parent(newdfd, newpath, last);
	if (IS_ERR(dir)) {
		iput(inode);
		return (int)PTR_ERR(dir);
	}
	if (dir->i_sb != inode->i_sb)
		err = -EXDEV;
	else if (IS_IMMUTABLE(inode) || !dir->i_op->link || S_ISDIR(inode->i_mode))
		err = -EPERM;			/* no hard links to directories */
	else if (!inode->i_nlink)
		err = -ENOENT;			/* removed, still open */
	else
		err = dir->i_op->link(inode, dir, last);
	iput(dir);
	iput(inode);
	return err;
}

int vfs_symlink(const char *target, int newdfd, const char *path)
{
	char last[NAME_MAX + 1];
	if (!*target)
		return -ENOENT;			/* Linux's getname of "" */
	struct inode *dir = create_parent(newdfd, path, last);
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = dir->i_op->symlink ? dir->i_op->symlink(dir, last, target) : -EPERM;
	iput(dir);
	return err;
}

/* The target of the symbolic link path, at most n bytes of it, no NUL;
 * -EINVAL for anything not a link. */
int vfs_readlink(int dfd, const char *path, char *buf, size_t n)
{
	struct inode *inode = path_lookupat(dfd, path, 0, NULL);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	int len = -EINVAL;
	if (S_ISLNK(inode->i_mode)) {
		len = (int)MIN(n, (size_t)inode->i_size);
		memcpy(buf, inode->i_link, len);
	}
	iput(inode);
	return len;
}

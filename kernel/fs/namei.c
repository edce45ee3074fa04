/* kernel/fs/namei.c — from a path to an inode.
 *
 * "/a/./b/../c" is walked one component at a time from the root (a
 * leading '/') or the current directory: "." stays, ".." goes to the
 * parent ("/.." is "/"), repeated slashes count as one.  Every component
 * but the last must be a directory (-ENOTDIR); a name longer than
 * NAME_MAX, or a path of PATH_MAX bytes or more, is -ENAMETOOLONG.
 * Each directory's own kind looks its names up (inode->i_op->lookup).
 *
 * A symbolic link met on the way is replaced by its target, and the walk
 * goes on (from the root for "/...", else from the link's directory):
 *
 *	path "a/l/c", l -> "../x/y"	walk "a", meet l: the rest becomes "../x/y/c"
 *					from a: "..", "x", "y", "c"
 *
 * The last component is followed only when the caller asks (namei: stat,
 * open; not lnamei: lstat, readlink, O_NOFOLLOW), or when a slash comes
 * after it.  MAXSYMLINKS (40) links in one lookup, loops included, are
 * -ELOOP, as Linux. */
#include "kernel/fs/fs.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "mm/kmalloc.h"

/* Copy the component at *p into name; advance *p past it and its slashes.
 * Returns its length, 0 at the end, -ENAMETOOLONG. */
static int next_component(const char **p, char *name)
{
	const char *s = *p;
	size_t len = 0;
	while (*s == '/')
		s++;
	while (s[len] && s[len] != '/')
		len++;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, s, len);
	name[len] = 0;
	s += len;
	*p = s;
	return (int)len;
}

static bool only_slashes(const char *p)
{
	while (*p == '/')
		p++;
	return !*p;
}

/* Follow the symbolic link `link` met at component *p: the rest of the
 * walk becomes its target followed by what was left of the path, in *buf
 * (kmalloc'd the first time: a lookup with no link allocates nothing),
 * as 4.4BSD's namei splices them.  An absolute target restarts at the
 * root, a relative one goes on from the link's own directory, *dir, which
 * the caller keeps.  -ELOOP past MAXSYMLINKS links in one lookup, -ENOENT
 * for an empty target, -ENAMETOOLONG when the two do not fit in PATH_MAX. */
static int follow_link(struct inode *link, const char **p, char **buf, int *links,
		       struct inode **dir)
{
	size_t tlen = (size_t)link->i_size, rlen = strlen(*p);

	if (++*links > MAXSYMLINKS)
		return -ELOOP;
	if (!tlen)
		return -ENOENT;
	if (tlen + rlen + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	if (!*buf && !(*buf = kmalloc(PATH_MAX)))
		return -ENOMEM;
	memmove(*buf + tlen, *p, rlen + 1);	/* the rest may already be in buf */
	memcpy(*buf, link->i_link, tlen);
	*p = *buf;
	if (link->i_link[0] == '/')
		*dir = root_inode;
	return 0;
}

/* Where a relative path starts: the current directory, or (the *at
 * calls) the directory open as dfd: -EBADF, -ENOTDIR (Linux's path_init). */
static struct inode *start_dir(int dfd, const char *path)
{
	if (path[0] == '/')
		return root_inode;
	if (dfd == AT_FDCWD)
		return current->fs.cwd;
	struct file *f = fget(dfd);
	if (!f)
		return ERR_PTR(-EBADF);
	if (!S_ISDIR(f->f_inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	return f->f_inode;
}

/* "" with LOOKUP_EMPTY (AT_EMPTY_PATH): the directory or file open as
 * dfd, or the current directory for AT_FDCWD; with a reference. */
static struct inode *empty_path(int dfd)
{
	if (dfd == AT_FDCWD)
		return igrab(current->fs.cwd);
	struct file *f = fget(dfd);
	return f ? igrab(f->f_inode) : ERR_PTR(-EBADF);
}

/* Walk path (see the top).  With LOOKUP_PARENT stop before the last
 * component and give it in last; with LOOKUP_FOLLOW a symbolic link as the
 * last component is followed too (in parent mode: while the last
 * component is a link, its target becomes the path, so that open(O_CREAT)
 * of a dangling link creates the file it names, as Linux).  A link
 * followed by a slash ("link/") is always followed.  Returns the inode
 * reached, with a reference, or ERR_PTR. */
struct inode *path_lookupat(int dfd, const char *path, unsigned int flags, char *last)
{
	char name[NAME_MAX + 1];
	size_t plen = strnlen(path, PATH_MAX);
	bool parent = flags & LOOKUP_PARENT, follow = flags & LOOKUP_FOLLOW;
	char *buf = NULL;
	int links = 0;

	if (plen == PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (!plen && (flags & LOOKUP_EMPTY) && !parent)
		return empty_path(dfd);
	if (!plen)
		return ERR_PTR(-ENOENT);
	struct inode *dir = start_dir(dfd, path), *ret;
	if (IS_ERR(dir))
		return dir;
	const char *p = path;
	bool trailing_slash = path[plen - 1] == '/';
	if (last)
		last[0] = 0;

	for (;;) {
		int len = next_component(&p, name);
		if (len < 0) {
			ret = ERR_PTR(len);
			goto out;
		}
		if (len == 0)
			break;
		ret = ERR_PTR(-ENOTDIR);
		if (!S_ISDIR(dir->i_mode))
			goto out;
		bool is_last = only_slashes(p);
		if (parent && is_last && !follow) {	/* the last component: report it */
			memcpy(last, name, len + 1);
			break;
		}
		struct inode *next = dir->i_op->lookup(dir, name);	/* its kind's lookup */
		if (parent && is_last && (IS_ERR_OR_NULL(next) || !S_ISLNK(next->i_mode))) {
			memcpy(last, name, len + 1);	/* LOOKUP_PARENT|LOOKUP_FOLLOW: not a link */
			break;
		}
		ret = next ? next : ERR_PTR(-ENOENT);
		if (IS_ERR_OR_NULL(next))
			goto out;
		if (S_ISLNK(next->i_mode) && (!is_last || follow || *p == '/')) {
			int err = follow_link(next, &p, &buf, &links, &dir);
			ret = ERR_PTR(err);
			if (err)
				goto out;
			continue;
		}
		dir = next;
	}
	ret = ERR_PTR(-ENOTDIR);
	if (!parent && trailing_slash && !S_ISDIR(dir->i_mode))
		goto out;
	ret = igrab(dir);
out:
	kfree(buf);
	return ret;
}

struct inode *path_lookup(const char *path, unsigned int flags, char *last)
{
	return path_lookupat(AT_FDCWD, path, flags, last);
}

struct inode *namei(const char *path)
{
	return path_lookup(path, LOOKUP_FOLLOW, NULL);
}

struct inode *lnamei(const char *path)
{
	return path_lookup(path, 0, NULL);
}

struct inode *nameiparent(const char *path, char *last)
{
	return path_lookup(path, LOOKUP_PARENT, last);
}

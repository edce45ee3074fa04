/* kernel/fs/namei.c — from a path to an inode.
 *
 * "/a/./b/../c" is walked one component at a time from the root (a
 * leading '/') or the current directory: "." stays, ".." goes to the
 * parent ("/.." is "/"), repeated slashes count as one.  Every component
 * but the last must be a directory (-ENOTDIR); a name longer than
 * NAME_MAX, or a path of PATH_MAX bytes or more, is -ENAMETOOLONG.
 * Each directory's own kind looks its names up (inode->i_op->lookup). */
#include "kernel/fs/fs.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"

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

/* Walk path; with `parent`, stop before the last component and give it in
 * last.  Returns the inode reached, with a reference, or ERR_PTR. */
static struct inode *path_walk(const char *path, bool parent, char *last)
{
	char name[NAME_MAX + 1];
	size_t plen = strnlen(path, PATH_MAX);

	if (plen == PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (!plen)
		return ERR_PTR(-ENOENT);
	struct inode *dir = path[0] == '/' ? root_inode : current->fs.cwd;
	const char *p = path;
	bool trailing_slash = path[plen - 1] == '/';
	if (last)
		last[0] = 0;

	for (;;) {
		int len = next_component(&p, name);
		if (len < 0)
			return ERR_PTR(len);
		if (len == 0)
			break;
		if (!S_ISDIR(dir->i_mode))
			return ERR_PTR(-ENOTDIR);
		if (parent && only_slashes(p)) {	/* the last component: report it */
			memcpy(last, name, len + 1);
			break;
		}
		struct inode *next = dir->i_op->lookup(dir, name);	/* its kind's lookup */
		if (IS_ERR(next))
			return next;
		if (!next)
			return ERR_PTR(-ENOENT);
		dir = next;
	}
	if (!parent && trailing_slash && !S_ISDIR(dir->i_mode))
		return ERR_PTR(-ENOTDIR);
	return igrab(dir);
}

struct inode *namei(const char *path)
{
	return path_walk(path, false, NULL);
}

struct inode *nameiparent(const char *path, char *last)
{
	return path_walk(path, true, last);
}

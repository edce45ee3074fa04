/* kernel/fs/file.c — open files and the fd table. */
#include "kernel/fs/fs.h"
#include "kernel/fs/blkdev.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "mm/kmalloc.h"

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN || !current->files)
		return NULL;
	return current->files->fd[fd];
}

/* The inode to open: looked up, or (O_CREAT) created as a regular file. */
static struct inode *open_inode(const char *path, int flags, umode_t mode)
{
	char last[NAME_MAX + 1];
	if (!(flags & O_CREAT)) {
		struct inode *inode = flags & O_NOFOLLOW ? lnamei(path) : namei(path);
		if (!IS_ERR(inode) && S_ISLNK(inode->i_mode)) {
			iput(inode);
			return ERR_PTR(-ELOOP);		/* O_NOFOLLOW on a link */
		}
		return inode;
	}

	/* A link as the last component is followed (to the file it names,
	 * made if missing), but not with O_EXCL (-EEXIST) or O_NOFOLLOW
	 * (-ELOOP), as Linux */
	bool follow = !(flags & (O_EXCL | O_NOFOLLOW));
	struct inode *dir = path_lookup(path, LOOKUP_PARENT | (follow ? LOOKUP_FOLLOW : 0), last);
	struct inode *inode;
	if (IS_ERR(dir))
		return dir;
	/* "/", "dir/." or "name/": a directory.  Linux's open_last_lookups
	 * refuses a trailing slash with O_CREAT before looking the name up;
	 * without this check "new/" made a regular file "new". */
	size_t len = strlen(path);
	if (!*last || !strcmp(last, ".") || !strcmp(last, "..") || path[len - 1] == '/') {
		iput(dir);
		return ERR_PTR(-EISDIR);
	}
	/* the directory's kind looks the name up (procfs: -ENOENT for a new
	 * name) and makes the file; a kind without ->create (/dev) refuses
	 * with -EACCES, as Linux's lookup_open */
	inode = dir->i_op->lookup(dir, last);
	if (IS_ERR(inode))
		;
	else if (inode && (flags & O_EXCL))
		inode = ERR_PTR(-EEXIST);
	else if (inode && S_ISLNK(inode->i_mode))
		inode = ERR_PTR(-ELOOP);		/* O_NOFOLLOW */
	else if (inode && S_ISDIR(inode->i_mode))
		inode = ERR_PTR(-EISDIR);		/* Linux's do_open: O_CREAT on a directory */
	else if (inode)
		igrab(inode);
	else if (!dir->i_op->create)
		inode = ERR_PTR(-EACCES);
	else {
		int err = dir->i_op->create(dir, last, mode, &inode);
		if (err)
			inode = ERR_PTR(err);
	}
	iput(dir);
	return inode;
}

/* Check the open flags against the inode's type (as Linux's do_dentry_open). */
static int may_open(struct inode *inode, int flags)
{
	int acc = flags & O_ACCMODE;
	if (S_ISDIR(inode->i_mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	return 0;
}

/* path made absolute (from the current directory) and tidied: "." and
 * ".." components resolved by name, as /proc/PID/maps shows paths. */
static char *absolute_path(const char *path)
{
	char *out = kmalloc(PATH_MAX);
	size_t len = 0;
	if (!out)
		return NULL;
	if (path[0] != '/') {
		int n = vfs_getcwd(out, PATH_MAX);
		len = n > 0 ? (size_t)n - 1 : 0;
	}
	while (*path) {
		while (*path == '/')
			path++;
		size_t c = 0;
		while (path[c] && path[c] != '/')
			c++;
		if (c == 2 && path[0] == '.' && path[1] == '.') {
			while (len && out[len - 1] != '/')
				len--;			/* drop the last component ... */
			if (len)
				len--;			/* ... and its slash */
		} else if (c && !(c == 1 && path[0] == '.') && len + c + 2 < PATH_MAX) {
			out[len++] = '/';
			memcpy(out + len, path, c);
			len += c;
		}
		path += c;
	}
	if (!len)
		out[len++] = '/';
	out[len] = 0;
	return out;
}

/* struct file comes from kmalloc; when that fails (memory exhausted),
 * from a few kept for it, so that a user can still open /proc/meminfo or
 * the console and see what happened.  Each is free again when its file is
 * released: a program holding all of them open while memory stays
 * exhausted makes the next open -ENOMEM (a finite reserve cannot do
 * better; looking around, as `cat /proc/meminfo` does, takes one at a time). */
#define FILE_RESERVE	8
static struct file file_reserve[FILE_RESERVE];
static bool file_reserve_used[FILE_RESERVE];

struct file *file_alloc(void)
{
	struct file *f = kzalloc(sizeof(*f));
	for (int i = 0; !f && i < FILE_RESERVE; i++) {
		if (!file_reserve_used[i]) {
			file_reserve_used[i] = true;
			f = memset(&file_reserve[i], 0, sizeof(*f));
		}
	}
	return f;
}

static void file_free(struct file *f)
{
	if (f >= file_reserve && f < file_reserve + FILE_RESERVE)
		file_reserve_used[f - file_reserve] = false;
	else
		kfree(f);
}

struct file *file_open(const char *path, int flags, umode_t mode)
{
	if ((flags & ~O_VALID_FLAGS) || (flags & O_ACCMODE) == O_ACCMODE)
		return ERR_PTR(-EINVAL);
	/* Linux 6.4 on: O_CREAT|O_DIRECTORY is -EINVAL (before, it created a
	 * regular file and then failed with -ENOTDIR, as this did) */
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return ERR_PTR(-EINVAL);
	struct inode *inode = open_inode(path, flags, mode);
	if (IS_ERR(inode))
		return (struct file *)inode;
	int err = may_open(inode, flags);
	const struct file_operations *fop = S_ISCHR(inode->i_mode) ? chrdev_fops(inode->i_rdev) :
					    S_ISBLK(inode->i_mode) ? blkdev_fops(inode->i_rdev) :
					    S_ISFIFO(inode->i_mode) ? &fifo_fops : inode->i_fop;
	struct file *f = err ? NULL : file_alloc();
	/* no operations: a device nobody registered (a block node mknod
	 * made with another number), or a socket node mknod made (a fifo opens as a pipe: kernel/fs/pipe.c) */
	if (!err && !fop)
		err = -ENXIO;
	else if (!err && !f)
		err = -ENOMEM;
	/* Linux truncates on O_TRUNC whatever the access mode (O_RDONLY|O_TRUNC
	 * asks for write permission and truncates): the test was O_ACCMODE */
	if (!err && (flags & O_TRUNC) && S_ISREG(inode->i_mode))
		err = inode->i_op->setsize(inode, 0);	/* procfs: accepted, nothing changes */
	if (!err) {
		f->f_inode = inode;
		f->f_op = fop;
		/* Linux's do_dentry_open drops the open-time-only flags, so
		 * F_GETFL never reports them (it reported O_CREAT|O_TRUNC) */
		f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
		f->f_mode = ((flags & O_ACCMODE) != O_WRONLY ? FMODE_READ : 0) |
			    ((flags & O_ACCMODE) != O_RDONLY ? FMODE_WRITE : 0);
		f->f_count = 1;
		f->f_path = absolute_path(path);	/* NULL if out of memory: no name */
		if (fop->open)
			err = fop->open(inode, f);
	}
	if (err) {
		if (f) {
			kfree(f->f_path);
			file_free(f);
		}
		iput(inode);
		return ERR_PTR(err);
	}
	return f;
}

void fput(struct file *f)
{
	if (--f->f_count)
		return;
	if (f->f_op->release)
		f->f_op->release(f->f_inode, f);
	iput(f->f_inode);
	kfree(f->f_path);
	file_free(f);
}

static int install_at(struct files_struct *files, int fd, struct file *f)
{
	files->fd[fd] = f;
	files->close_on_exec &= ~BIT(fd);
	if (f->f_flags & O_CLOEXEC)
		files->close_on_exec |= BIT(fd);
	return fd;
}

int fd_install(struct file *f)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (!current->files->fd[fd])
			return install_at(current->files, fd, f);
	return -EMFILE;
}

struct files_struct *files_alloc(void)
{
	return kzalloc(sizeof(struct files_struct));
}

/* fork: the child shares every open file with the parent. */
struct files_struct *files_dup(struct files_struct *files)
{
	struct files_struct *n = files_alloc();
	if (!n)
		return NULL;
	*n = *files;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (n->fd[fd])
			n->fd[fd]->f_count++;
	return n;
}

void files_close_all(struct files_struct *files)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (files->fd[fd])
			fput(files->fd[fd]);
		files->fd[fd] = NULL;
	}
}

unsigned int files_count_open(const struct files_struct *files)
{
	unsigned int n = 0;
	for (int fd = 0; fd < NR_OPEN; fd++)
		n += files->fd[fd] != NULL;
	return n;
}

int vfs_dup(int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	int nfd = fd_install(f);
	if (nfd >= 0) {
		f->f_count++;
		current->files->close_on_exec &= ~BIT(nfd);	/* dup clears FD_CLOEXEC */
	}
	return nfd;
}

int vfs_dup2(int oldfd, int newfd)
{
	struct file *f = fget(oldfd);
	if (!f || newfd < 0 || newfd >= NR_OPEN)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	return vfs_dup3(oldfd, newfd, 0);
}

/* dup2 with flags (only O_CLOEXEC), and oldfd == newfd is -EINVAL. */
int vfs_dup3(int oldfd, int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd < 0 || newfd >= NR_OPEN)
		return -EBADF;
	struct file *f = fget(oldfd);
	if (!f)
		return -EBADF;
	f->f_count++;
	if (current->files->fd[newfd])
		fput(current->files->fd[newfd]);
	current->files->fd[newfd] = f;
	current->files->close_on_exec &= ~BIT(newfd);
	if (flags & O_CLOEXEC)
		current->files->close_on_exec |= BIT(newfd);
	return newfd;
}

/* kernel/syscall.c — Linux's x86-64 system calls: the table and the
 * calls that only check and copy arguments before calling the VFS, mm or
 * process code.  Arguments come in rdi, rsi, rdx, r10, r8, r9; the result
 * goes back in rax, a negative errno on failure. */
#include "kernel/syscall.h"
#include "kernel/syscall_names.h"
#include "kernel/syscall_fs.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/exec.h"
#include "kernel/traps.h"
#include "kernel/uaccess.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/irq.h"
#include "kernel/time.h"
#include "kernel/random.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "drivers/qemu.h"
#include "kernel/panic.h"
#include "kernel/gdt.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/kmalloc.h"
#include "mm/memfd.h"

#define BOUNCE		PAGE_SIZE	/* bytes copied through the kernel at a time */


/* A user path into a kernel buffer; ERR_PTR.  A path that fits in
 * NAME_ON_STACK bytes goes into on_stack, the caller's, so the common
 * case allocates nothing and open("/proc/meminfo") works when memory is
 * exhausted; a longer one into PATH_MAX bytes from kmalloc (-ENOMEM when
 * there are none).  putname gives it back. */
char *getname(const char *upath, char *on_stack)
{
	long n = strncpy_from_user(on_stack, upath, NAME_ON_STACK);
	if (n != -ENAMETOOLONG)
		return n < 0 ? ERR_PTR(n) : on_stack;
	char *p = kmalloc(PATH_MAX);
	if (!p)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(p, upath, PATH_MAX);
	if (n < 0) {
		kfree(p);
		return ERR_PTR(n);
	}
	return p;
}

void putname(char *path, char *on_stack)
{
	if (!IS_ERR(path) && path != on_stack)
		kfree(path);
}


/* read and write copy through a kernel bounce buffer, a page at a time,
 * at the file offset, or at *pos for pread/pwrite (which leave it alone).
 * A user buffer that runs into a hole gives what was copied before it (or
 * -EFAULT if nothing), as Linux; bytes read from the file offset but not
 * delivered are given back (the offset moves back), so none are lost.
 *
 * The bounce buffer is a page from kmalloc or, when memory is exhausted,
 * BOUNCE_MIN bytes of this task's kernel stack: so a console write or a
 * read of /proc never fails for want of memory (a user must see what an
 * out-of-memory left behind).  Not one static buffer for everyone: a read
 * or write can sleep while its buffer is in use (a console read waits for
 * a line; a pipe write will wait for room, its data already copied in),
 * and the task that runs meanwhile would overwrite it.  A task's own
 * kernel stack is never shared, and stays put while it sleeps; the page
 * faults copy_to_user/copy_from_user may take run on the same stack and
 * do not sleep.  BOUNCE_MIN is more than a console line (256 bytes with
 * its newline): a read that fills a chunk exactly would ask the console
 * for a second line. */
#define BOUNCE_MIN	512

static char *bounce_get(char *on_stack, size_t *size)
{
	char *k = kmalloc(BOUNCE);
	*size = k ? BOUNCE : BOUNCE_MIN;
	return k ? k : on_stack;
}

static void bounce_put(char *kbuf, char *on_stack)
{
	if (kbuf != on_stack)
		kfree(kbuf);
}

static void unread(unsigned long fd, size_t n)
{
	struct file *f = fget((int)fd);
	if (f && f->f_op->llseek && f->f_op->llseek != noop_llseek)
		f->f_pos -= (loff_t)n;
}

static bool is_stream(unsigned long fd)
{
	struct file *f = fget((int)fd);
	return f && f->f_op->llseek == noop_llseek;
}

static long read_chunk(unsigned long fd, char *kbuf, size_t n, const loff_t *pos, long done)
{
	return pos ? vfs_pread((int)fd, kbuf, n, *pos + done) : vfs_read((int)fd, kbuf, n);
}

#define MAX_RW_COUNT	0x7ffff000UL	/* as Linux (INT_MAX & PAGE_MASK): bytes a call moves */

/* A socket takes the user's buffer whole (->read_user, ->write_user: see
 * fs.h); NULL for every other file, and for pread/pwrite. */
static struct file *user_rw_file(unsigned long fd, const loff_t *pos)
{
	struct file *f = pos ? NULL : fget((int)fd);
	return f && f->f_op->read_user ? f : NULL;
}

static long do_read(unsigned long fd, unsigned long ubuf, size_t n, const loff_t *pos)
{
	char on_stack[BOUNCE_MIN];
	size_t size;
	n = MIN(n, MAX_RW_COUNT);
	struct file *uf = user_rw_file(fd, pos);
	if (uf)
		return !(uf->f_mode & FMODE_READ) ? -EBADF : !access_ok((void *)ubuf, n) ? -EFAULT
			: uf->f_op->read_user(uf, (char *)ubuf, n);
	char *kbuf = bounce_get(on_stack, &size);
	long done = 0, r = access_ok((void *)ubuf, n) ? 0 : -EFAULT;
	while (!r && done < (long)n) {
		size_t chunk = MIN(n - done, size);
		r = read_chunk(fd, kbuf, chunk, pos, done);
		if (r <= 0)
			break;
		size_t missed = copy_to_user((void *)(ubuf + done), kbuf, r);
		done += r - (long)missed;
		if (missed) {
			if (!pos)
				unread(fd, missed);
			r = -EFAULT;
		} else {
			/* a short read ends the call, and so does any read of a
			 * stream (a pipe, the console): a second chunk would
			 * wait for more when the first already gave data */
			r = (size_t)r < chunk || is_stream(fd) ? 1 : 0;
		}
	}
	bounce_put(kbuf, on_stack);
	return done ? done : (r < 0 ? r : 0);
}

/* The next chunk of a write: at most the bounce buffer and, in a regular
 * file, up to the next page boundary of the file, as Linux's
 * generic_perform_write copies a page at a time: a file that refuses a
 * page (a memfd sealed with F_SEAL_GROW refuses the first one reaching
 * past its end) then sees the same pieces as on Linux. */
static size_t write_chunk(unsigned long fd, const loff_t *pos, long done, size_t left,
			  size_t size)
{
	struct file *f = fget((int)fd);
	size_t chunk = MIN(left, size);
	if (!f || size != PAGE_SIZE || !S_ISREG(f->f_inode->i_mode))
		return chunk;
	loff_t at = f->f_flags & O_APPEND ? f->f_inode->i_size : pos ? *pos + done : f->f_pos;
	return at < 0 ? chunk : MIN(chunk, PAGE_SIZE - (size_t)(at % PAGE_SIZE));
}

static long do_write(unsigned long fd, unsigned long ubuf, size_t n, const loff_t *pos)
{
	char on_stack[BOUNCE_MIN];
	size_t size;
	n = MIN(n, MAX_RW_COUNT);
	struct file *uf = user_rw_file(fd, pos);
	if (uf)
		return !(uf->f_mode & FMODE_WRITE) ? -EBADF : !access_ok((void *)ubuf, n) ? -EFAULT
			: uf->f_op->write_user(uf, (const char *)ubuf, n);
	char *kbuf = bounce_get(on_stack, &size);
	long done = 0, r = access_ok((void *)ubuf, n) ? 0 : -EFAULT;
	while (!r && done < (long)n) {
		size_t chunk = write_chunk(fd, pos, done, n - done, size);
		size_t missed = copy_from_user(kbuf, (void *)(ubuf + done), chunk);
		if (missed == chunk) {
			r = -EFAULT;
			break;
		}
		r = pos ? vfs_pwrite((int)fd, kbuf, chunk - missed, *pos + done)
			: vfs_write((int)fd, kbuf, chunk - missed);
		if (r <= 0)
			break;
		done += r;
		r = missed ? -EFAULT : (size_t)r < chunk ? 1 : 0;	/* stop at a hole or short write */
	}
	bounce_put(kbuf, on_stack);
	return done ? done : (r < 0 ? r : 0);
}

static long sys_read(unsigned long fd, unsigned long ubuf, unsigned long n)
{
	return do_read(fd, ubuf, n, NULL);
}

static long sys_write(unsigned long fd, unsigned long ubuf, unsigned long n)
{
	return do_write(fd, ubuf, n, NULL);
}

static long sys_pread64(unsigned long fd, unsigned long ubuf, unsigned long n, long pos)
{
	loff_t p = pos;
	return do_read(fd, ubuf, n, &p);
}

static long sys_pwrite64(unsigned long fd, unsigned long ubuf, unsigned long n, long pos)
{
	loff_t p = pos;
	return do_write(fd, ubuf, n, &p);
}

struct iovec {
	unsigned long iov_base;
	size_t iov_len;
};

static long do_iov(unsigned long fd, unsigned long uiov, unsigned long cnt, bool write)
{
	long done = 0;
	if (cnt > 1024)
		return -EINVAL;
	for (unsigned long i = 0; i < cnt; i++) {
		struct iovec v;
		if (copy_from_user(&v, (void *)(uiov + i * sizeof(v)), sizeof(v)))
			return done ? done : -EFAULT;
		if ((unsigned long)done >= MAX_RW_COUNT)
			break;				/* the cap is for the whole call */
		v.iov_len = MIN(v.iov_len, MAX_RW_COUNT - (unsigned long)done);
		if (!v.iov_len)
			continue;
		long r = write ? sys_write(fd, v.iov_base, v.iov_len) : sys_read(fd, v.iov_base, v.iov_len);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < v.iov_len)
			break;
	}
	return done;
}

static long sys_readv(unsigned long fd, unsigned long iov, unsigned long cnt) { return do_iov(fd, iov, cnt, false); }
static long sys_writev(unsigned long fd, unsigned long iov, unsigned long cnt) { return do_iov(fd, iov, cnt, true); }

/* Relative paths of the *at calls start at dirfd: make it the current
 * directory for the call's duration (one task runs in the kernel at a time). */
long at_dir(long dirfd, const char *path, struct inode **saved)
{
	*saved = NULL;
	if (dirfd == AT_FDCWD || path[0] == '/' || !path[0])
		return 0;			/* "": -ENOENT from the lookup, before dirfd */
	struct file *f = fget((int)dirfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	*saved = current->fs.cwd;
	current->fs.cwd = f->f_inode;
	return 0;
}

void at_dir_restore(struct inode *saved)
{
	if (saved)
		current->fs.cwd = saved;
}

static long openat_k(long dirfd, const char *path, long flags, long mode)
{
	struct inode *saved;
	long r = at_dir(dirfd, path, &saved);
	if (!r)
		r = vfs_open(path, (int)(flags & ~O_LARGEFILE), (umode_t)mode & ~current->fs.umask);
	at_dir_restore(saved);
	return r;
}

static long sys_open(unsigned long upath, unsigned long flags, unsigned long mode)
{
	return WITH_PATH((const char *)upath, openat_k(AT_FDCWD, path, flags, mode));
}

static long sys_openat(unsigned long dirfd, unsigned long upath, unsigned long flags,
		       unsigned long mode)
{
	return WITH_PATH((const char *)upath, openat_k((int)dirfd, path, flags, mode));
}

/* creat(path, mode): open with O_CREAT | O_WRONLY | O_TRUNC. */
static long sys_creat(unsigned long upath, unsigned long mode)
{
	return sys_open(upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

static long sys_close(unsigned long fd) { return vfs_close((int)fd); }
static long sys_lseek(unsigned long fd, unsigned long off, unsigned long whence)
{
	return vfs_lseek((int)fd, (loff_t)off, (int)whence);
}

/* struct stat of Linux x86-64 (144 bytes). */
struct linux_stat {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, __pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 __unused[3];
};

long put_stat(const struct kstat *k, unsigned long ust)
{
	struct linux_stat s = {
		.st_dev = k->dev, .st_ino = k->ino, .st_nlink = k->nlink, .st_mode = k->mode,
		.st_uid = k->uid, .st_gid = k->gid,
		.st_rdev = k->rdev, .st_size = k->size, .st_blksize = k->blksize,
		.st_blocks = k->blocks, .st_atime = k->atime.tv_sec, .st_mtime = k->mtime.tv_sec,
		.st_ctime = k->ctime.tv_sec, .st_atime_nsec = k->atime.tv_nsec,
		.st_mtime_nsec = k->mtime.tv_nsec, .st_ctime_nsec = k->ctime.tv_nsec,
	};
	return copy_to_user((void *)ust, &s, sizeof(s)) ? -EFAULT : 0;
}

/* What path names relative to dirfd (AT_EMPTY_PATH with "": dirfd itself;
 * AT_SYMLINK_NOFOLLOW: a last link itself): the stat and access calls' walk. */
static long kstat_at(long dirfd, const char *path, long flags, struct kstat *k)
{
	struct inode *saved;
	long r;
	if (!*path && (flags & AT_EMPTY_PATH))
		return dirfd == AT_FDCWD ? vfs_stat(".", k) : vfs_fstat((int)dirfd, k);
	if (!(r = at_dir(dirfd, path, &saved))) {
		r = flags & AT_SYMLINK_NOFOLLOW ? vfs_lstat(path, k) : vfs_stat(path, k);
		at_dir_restore(saved);
	}
	return r;
}

static long stat_k(long dirfd, const char *path, unsigned long ust, long flags)
{
	struct kstat k;
	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	long r = kstat_at(dirfd, path, flags, &k);
	return r ? r : put_stat(&k, ust);
}

static long sys_stat(unsigned long upath, unsigned long ust)
{
	return WITH_PATH((const char *)upath, stat_k(AT_FDCWD, path, ust, 0));
}

static long sys_lstat(unsigned long upath, unsigned long ust)
{
	return WITH_PATH((const char *)upath, stat_k(AT_FDCWD, path, ust, AT_SYMLINK_NOFOLLOW));
}

static long sys_newfstatat(unsigned long dirfd, unsigned long upath, unsigned long ust,
			   unsigned long flags)
{
	return WITH_PATH((const char *)upath, stat_k((int)dirfd, path, ust, flags));
}

static long sys_fstat(unsigned long fd, unsigned long ust)
{
	struct kstat k;
	long r = vfs_fstat((int)fd, &k);
	return r ? r : put_stat(&k, ust);
}

static long sys_getdents64(unsigned long fd, unsigned long ubuf, unsigned long n)
{
	size_t size = MIN(n, 32768UL);
	char *kbuf = kmalloc(size ? size : 1);
	if (!kbuf)
		return -ENOMEM;
	long r = vfs_getdents((int)fd, kbuf, size);
	if (r > 0 && copy_to_user((void *)ubuf, kbuf, r))
		r = -EFAULT;
	kfree(kbuf);
	return r;
}

#define X_OK	1

/* access: everyone is root here, so only existence and, for X_OK, an
 * execute bit somewhere (Linux's rule for root) decide.  faccessat2's
 * flags: AT_EACCESS (effective ids: the same as the real ones here),
 * AT_SYMLINK_NOFOLLOW (a link itself, which always exists and has every
 * bit), AT_EMPTY_PATH (dirfd itself). */
static long access_k(long dirfd, const char *path, long mode, long flags)
{
	struct kstat k;
	long r;
	if (mode & ~7L)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = kstat_at(dirfd, path, flags, &k);
	if (!r && (mode & X_OK) && !S_ISDIR(k.mode) && !(k.mode & 0111))
		r = -EACCES;
	return r;
}

static long sys_access(unsigned long upath, unsigned long mode)
{
	return WITH_PATH((const char *)upath, access_k(AT_FDCWD, path, (long)mode, 0));
}

static long sys_faccessat(unsigned long dirfd, unsigned long upath, unsigned long mode)
{
	return WITH_PATH((const char *)upath, access_k((long)dirfd, path, (long)mode, 0));
}

static long sys_faccessat2(unsigned long dirfd, unsigned long upath, unsigned long mode,
			   unsigned long flags)
{
	return WITH_PATH((const char *)upath, access_k((long)dirfd, path, (long)mode, (long)flags));
}

static long sys_mkdir(unsigned long upath, unsigned long mode)
{
	return WITH_PATH((const char *)upath, vfs_mkdir(path, (umode_t)mode & ~current->fs.umask));
}
static long sys_rmdir(unsigned long upath) { return WITH_PATH((const char *)upath, vfs_rmdir(path)); }
static long sys_unlink(unsigned long upath) { return WITH_PATH((const char *)upath, vfs_unlink(path)); }
static long sys_chdir(unsigned long upath) { return WITH_PATH((const char *)upath, vfs_chdir(path)); }
static long sys_truncate(unsigned long upath, unsigned long len)
{
	return WITH_PATH((const char *)upath, vfs_truncate(path, (loff_t)len));
}
static long sys_ftruncate(unsigned long fd, unsigned long len) { return vfs_ftruncate((int)fd, (loff_t)len); }

static long sys_getcwd(unsigned long ubuf, unsigned long size)
{
	char *k = kmalloc(PATH_MAX);
	if (!k)
		return -ENOMEM;
	long r = vfs_getcwd(k, MIN(size, (unsigned long)PATH_MAX));
	if (r > 0 && copy_to_user((void *)ubuf, k, r))
		r = -EFAULT;
	kfree(k);
	return r;
}

static long sys_fsync(unsigned long fd) { return vfs_fsync((int)fd); }
static long sys_dup(unsigned long fd) { return vfs_dup((int)fd); }
static long sys_dup2(unsigned long o, unsigned long n) { return vfs_dup2((int)o, (int)n); }

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

static long sys_fcntl(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget((int)fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN)
			return -EINVAL;			/* as Linux: past the fd limit */
		for (unsigned long n = arg; n < NR_OPEN; n++) {
			if (current->files->fd[n])
				continue;
			vfs_dup2((int)fd, (int)n);
			if (cmd == F_DUPFD_CLOEXEC)
				current->files->close_on_exec |= BIT(n);
			return (long)n;
		}
		return -EMFILE;
	case F_GETFD:
		return current->files->close_on_exec & BIT(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			current->files->close_on_exec |= BIT(fd);
		else
			current->files->close_on_exec &= ~BIT(fd);
		return 0;
	case F_GETFL:
		/* x86-64 Linux opens every file with O_LARGEFILE
		 * (force_o_largefile), and F_GETFL shows it */
		return (f->f_flags & ~O_CLOEXEC) | O_LARGEFILE;
	case F_SETFL:				/* only O_APPEND and O_NONBLOCK may change */
		f->f_flags = (f->f_flags & ~(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
		return 0;
	case F_ADD_SEALS:			/* memfds (mm/memfd.c) */
	case F_GET_SEALS:
		return memfd_fcntl(f, (unsigned int)cmd, arg);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(f, (unsigned int)cmd, arg);
	default:
		return -EINVAL;
	}
}

/* ---- pipes ---- */

static long sys_pipe2(unsigned long ufds, unsigned long flags)
{
	int fds[2];
	int err = do_pipe2(fds, (int)flags);	/* an int in Linux: the upper half is ignored */
	if (err)
		return err;
	if (copy_to_user((void *)ufds, fds, sizeof(fds))) {
		vfs_close(fds[0]);			/* as Linux: nothing stays open */
		vfs_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

static long sys_pipe(unsigned long ufds) { return sys_pipe2(ufds, 0); }

static long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget((int)fd);
	if (!f)
		return -EBADF;
	return f->f_op->ioctl ? f->f_op->ioctl(f, (unsigned int)cmd, arg) : -ENOTTY;
}

/* ---- memory ---- */

static long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
		     unsigned long flags, unsigned long fd, unsigned long off)
{
	struct file *f = NULL;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && !(f = fget((int)fd)))
		return -EBADF;
	return do_mmap(f, addr, len, prot, flags, off >> PAGE_SHIFT);
}

static long sys_munmap(unsigned long addr, unsigned long len) { return do_munmap(current->mm, addr, len); }
static long sys_mprotect(unsigned long a, unsigned long l, unsigned long p) { return do_mprotect(a, l, p); }
static long sys_brk(unsigned long brk) { return (long)do_brk(brk); }
static long sys_madvise(unsigned long a, unsigned long l, unsigned long adv) { return do_madvise(a, l, (int)adv); }
static long sys_mremap(unsigned long a, unsigned long ol, unsigned long nl, unsigned long f,
		       unsigned long na) { return do_mremap(a, ol, nl, f, na); }
static long sys_msync(unsigned long a, unsigned long l, unsigned long f) { return do_msync(a, l, f); }
static long sys_mincore(unsigned long a, unsigned long l, unsigned long v) { return do_mincore(a, l, (u8 *)v); }

/* ---- processes ---- */

static long sys_getpid(void) { return current->pid; }
static long sys_getppid(void) { return current->parent ? current->parent->pid : 0; }
static long sys_getuid(void) { return 0; }		/* everyone is root */
/* Everyone is root, in group 0 alone: no supplementary groups (Linux's
 * init has none either).  A negative size is -EINVAL, as Linux's. */
static long sys_getgroups(unsigned long size, unsigned long list)
{
	return (int)size < 0 ? -EINVAL : 0;
}
static long sys_sched_yield(void) { schedule(); return 0; }
static long sys_gettid(void) { return current->pid; }	/* one thread per process */

static long sys_set_tid_address(unsigned long p)
{
	current->clear_child_tid = (int *)p;
	return current->pid;
}

/* glibc's start-up registers a robust-futex list and an rseq area.  Robust
 * futexes matter to threads, which this kernel does not have: the list's
 * head is kept (get_robust_list reads it back) and nothing walks it at
 * exit.  rseq is -ENOSYS, as on a Linux built without CONFIG_RSEQ (glibc
 * then does without), and said quietly: every glibc program asks. */
static long sys_set_robust_list(unsigned long head, unsigned long len)
{
	if (len != 24)				/* sizeof(struct robust_list_head) */
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

static long sys_get_robust_list(unsigned long pid, unsigned long uhead, unsigned long ulen)
{
	struct task_struct *t = (int)pid ? find_task((int)pid) : current;
	unsigned long len = 24;
	if (!t)
		return -ESRCH;
	if (copy_to_user((void *)uhead, &t->robust_list, sizeof(t->robust_list)) ||
	    copy_to_user((void *)ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

static long sys_rseq(void) { return -ENOSYS; }

static long sys_fork(void)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };
	return kernel_clone(task_pt_regs(current), &args);
}

static long sys_vfork(void)
{
	struct kernel_clone_args args = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	return kernel_clone(task_pt_regs(current), &args);
}

/* clone(flags, stack, parent_tid, child_tid, tls): what fork, vfork and
 * posix_spawn ask for (kernel_clone).  Threads and namespaces are not in
 * this kernel: CLONE_THREAD, CLONE_SIGHAND, CLONE_VM without CLONE_VFORK,
 * CLONE_FS, CLONE_FILES, CLONE_PARENT, CLONE_NEW*, ... are -EINVAL, and a
 * child's exit signal is SIGCHLD or nothing else (docs/syscalls.md). */
#define CLONE_SUPPORTED	(CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | \
			 CLONE_UNTRACED)

static long sys_clone(unsigned long flags, unsigned long stack, unsigned long parent_tid,
		      unsigned long child_tid, unsigned long tls)
{
	struct kernel_clone_args args = {
		.flags = flags & ~CSIGNAL, .exit_signal = (int)(flags & CSIGNAL), .stack = stack,
		.parent_tid = (int *)parent_tid, .child_tid = (int *)child_tid, .tls = tls,
	};
	if ((args.flags & ~CLONE_SUPPORTED) || args.exit_signal != SIGCHLD)
		return -EINVAL;
	if ((args.flags & CLONE_VM) && !(args.flags & CLONE_VFORK))
		return -EINVAL;			/* a thread: not in this kernel */
	if ((args.flags & CLONE_SETTLS) && tls >= TASK_SIZE)
		return -EPERM;			/* as Linux's do_arch_prctl_64(ARCH_SET_FS) */
	return kernel_clone(task_pt_regs(current), &args);
}

static long sys_execve(unsigned long upath, unsigned long argv, unsigned long envp)
{
	return sys_execve_user((const char *)upath, (const char *const *)argv,
			       (const char *const *)envp);
}

static long sys_exit(unsigned long code) { do_exit((int)((code & 0xff) << 8)); }

struct timeval { long tv_sec, tv_usec; };
struct rusage {
	struct timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
	     ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

static struct timeval ticks_tv(unsigned long t)
{
	return (struct timeval){ (long)(t / HZ), (long)(t % HZ) * (1000000 / HZ) };
}

static long put_rusage(unsigned long uru, const struct child_usage *u)
{
	struct rusage r = { .ru_utime = ticks_tv(u->utime), .ru_stime = ticks_tv(u->stime),
			    .ru_minflt = (long)u->min_flt, .ru_majflt = (long)u->maj_flt,
			    .ru_nvcsw = (long)u->nvcsw, .ru_nivcsw = (long)u->nivcsw };
	return copy_to_user((void *)uru, &r, sizeof(r)) ? -EFAULT : 0;
}

static long sys_wait4(unsigned long pid, unsigned long ustatus, unsigned long options,
		      unsigned long uru)
{
	int status;
	struct child_usage u;
	long r = do_wait4((int)pid, &status, (int)options, &u);
	if (r > 0 && ustatus && copy_to_user((void *)ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (r > 0 && uru && put_rusage(uru, &u))
		return -EFAULT;
	return r;
}

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)

static long sys_getrusage(unsigned long who, unsigned long uru)
{
	struct task_struct *t = current;
	struct child_usage u;
	if ((long)who == RUSAGE_SELF)
		u = (struct child_usage){ t->min_flt, t->maj_flt, t->utime, t->stime, t->nvcsw, t->nivcsw };
	else if ((long)who == RUSAGE_CHILDREN)
		u = (struct child_usage){ t->c_min_flt, t->c_maj_flt, t->c_utime, t->c_stime, 0, 0 };
	else
		return -EINVAL;
	return put_rusage(uru, &u);
}

/* tkill/tgkill: a signal to one thread; here every process is one thread,
 * its tid its pid.  A zombie takes it and does nothing, as in kill. */
static long do_tkill(int tgid, int tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == tid && t->pid && (tgid < 0 || tgid == tid))
			return send_signal(t, sig, current->pid);
	return -ESRCH;
}

/* (pid_t and int arguments: Linux reads their low 32 bits) */
static long sys_tkill(unsigned long tid, unsigned long sig) { return do_tkill(-1, (int)tid, (int)sig); }

static long sys_tgkill(unsigned long tgid, unsigned long tid, unsigned long sig)
{
	if ((int)tgid <= 0)
		return -EINVAL;
	return do_tkill((int)tgid, (int)tid, (int)sig);
}

static long sys_kill(unsigned long upid, unsigned long sig)
{
	int pid = (int)upid;			/* a pid_t: Linux reads the low 32 bits */
	if ((long)sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0) {
		/* A zombie exists until it is reaped: kill() succeeds and does
		 * nothing (send_signal), as Linux.  find_task skips zombies, so
		 * this was -ESRCH. */
		struct task_struct *t;
		list_for_each_entry(t, &task_list, tasks)
			if (t->pid == pid)
				return send_signal(t, (int)sig, current->pid);
		return -ESRCH;
	}
	/* 0: our process group; < -1: process group -pid; -1: every process
	 * but the kernel, init and ourselves.  Never the kernel nor init. */
	if (pid == (int)0x80000000)
		return -ESRCH;			/* -INT_MIN is no process group: Linux */
	int pgid = pid == 0 ? current->pgid : -pid;
	struct task_struct *t;
	int n = 0;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid <= 1 || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		if (pid == -1 ? t == current : t->pgid != pgid)
			continue;
		send_signal(t, (int)sig, current->pid);
		n++;
	}
	return n ? 0 : -ESRCH;
}

/* ---- limits, priorities, names, CPUs ---- */

/* prlimit64(pid, resource, new, old) and the older getrlimit/setrlimit:
 * as Linux's do_prlimit for root (who may raise a hard limit), except
 * RLIMIT_NOFILE, which cannot pass this kernel's 64-slot fd table (Linux's
 * nr_open: -EPERM).  RLIMIT_STACK and RLIMIT_AS are enforced (the stack's
 * growth, mmap, brk); the others are stored and reported. */
static long do_prlimit(struct task_struct *t, unsigned int resource, const struct rlimit *new,
		       struct rlimit *old)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN)
		return -EPERM;
	if (old)
		*old = t->rlim[resource];
	if (new) {
		t->rlim[resource] = *new;
		if (resource == RLIMIT_STACK && t->mm)	/* the fault path reads it there */
			t->mm->stack_rlimit = MIN(new->rlim_cur, STACK_RLIMIT_MAX);
	}
	return 0;
}

static long sys_prlimit64(unsigned long pid, unsigned long resource, unsigned long unew,
			  unsigned long uold)
{
	struct rlimit new, old;
	struct task_struct *t = (int)pid ? find_task((int)pid) : current;
	if (!t)
		return -ESRCH;
	if (unew && copy_from_user(&new, (void *)unew, sizeof(new)))
		return -EFAULT;
	long err = do_prlimit(t, (unsigned int)resource, unew ? &new : NULL, uold ? &old : NULL);
	if (!err && uold && copy_to_user((void *)uold, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

static long sys_getrlimit(unsigned long resource, unsigned long uold)
{
	return sys_prlimit64(0, resource, 0, uold);
}

static long sys_setrlimit(unsigned long resource, unsigned long unew)
{
	return sys_prlimit64(0, resource, unew, 0);
}

/* getpriority/setpriority: the nice value (-20..19) of a process, a
 * process group or a user's processes (everyone is root: uid 0).  Stored
 * and inherited; the round-robin scheduler does not look at it.  The raw
 * getpriority returns 20 - nice (1..40), as Linux's. */
#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

static bool prio_matches(const struct task_struct *t, int which, int who)
{
	if (!t->pid || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return false;
	switch (which) {
	case PRIO_PROCESS: return t->pid == (who ? who : current->pid);
	case PRIO_PGRP: return t->pgid == (who ? who : current->pgid);
	default: return who == 0;		/* PRIO_USER: every process is uid 0's */
	}
}

static long sys_getpriority(unsigned long which, unsigned long who)
{
	if (which > PRIO_USER)
		return -EINVAL;
	long best = -ESRCH;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (prio_matches(t, (int)which, (int)who) && 20 - t->nice > best)
			best = 20 - t->nice;
	return best;
}

static long sys_setpriority(unsigned long which, unsigned long who, unsigned long niceval)
{
	if (which > PRIO_USER)
		return -EINVAL;
	int nice = (int)niceval < -20 ? -20 : (int)niceval > 19 ? 19 : (int)niceval;
	bool found = false;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (prio_matches(t, (int)which, (int)who)) {
			t->nice = nice;
			found = true;
		}
	return found ? 0 : -ESRCH;
}

/* prctl: a few of Linux's options; any other -EINVAL. */
#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_MDWE		65
#define PR_GET_MDWE		66
#define PR_MDWE_REFUSE_EXEC_GAIN	BIT(0)
#define PR_MDWE_NO_INHERIT		BIT(1)

/* Memory-deny-write-execute (Linux 6.3; NO_INHERIT 6.6): the bits are
 * set once and never taken back (asking for other bits later: -EPERM),
 * NO_INHERIT only with REFUSE_EXEC_GAIN; unused arguments must be 0.
 * mm/mmap.c's map_deny_write_exec does the refusing. */
static long prctl_set_mdwe(unsigned long bits, unsigned long arg3, unsigned long arg4,
			   unsigned long arg5)
{
	struct mm_struct *mm = current->mm;
	unsigned long cur = (mm->flags & MMF_HAS_MDWE ? PR_MDWE_REFUSE_EXEC_GAIN : 0) |
			    (mm->flags & MMF_HAS_MDWE_NO_INHERIT ? PR_MDWE_NO_INHERIT : 0);
	if (arg3 || arg4 || arg5)
		return -EINVAL;
	if (bits & ~(PR_MDWE_REFUSE_EXEC_GAIN | PR_MDWE_NO_INHERIT))
		return -EINVAL;
	if ((bits & PR_MDWE_NO_INHERIT) && !(bits & PR_MDWE_REFUSE_EXEC_GAIN))
		return -EINVAL;
	if (cur && cur != bits)
		return -EPERM;			/* cannot be unset, nor changed */
	if (bits & PR_MDWE_NO_INHERIT)
		mm->flags |= MMF_HAS_MDWE_NO_INHERIT;
	if (bits & PR_MDWE_REFUSE_EXEC_GAIN)
		mm->flags |= MMF_HAS_MDWE;
	return 0;
}

static long prctl_get_mdwe(unsigned long arg2, unsigned long arg3, unsigned long arg4,
			   unsigned long arg5)
{
	unsigned long f = current->mm->flags;
	if (arg2 || arg3 || arg4 || arg5)
		return -EINVAL;
	return (long)((f & MMF_HAS_MDWE ? PR_MDWE_REFUSE_EXEC_GAIN : 0) |
		      (f & MMF_HAS_MDWE_NO_INHERIT ? PR_MDWE_NO_INHERIT : 0));
}

static long sys_prctl(unsigned long option, unsigned long arg2, unsigned long arg3,
		      unsigned long arg4, unsigned long arg5)
{
	char name[TASK_COMM_LEN];
	int sig;
	switch ((int)option) {			/* an int in Linux */
	case PR_SET_MDWE:
		return prctl_set_mdwe(arg2, arg3, arg4, arg5);
	case PR_GET_MDWE:
		return prctl_get_mdwe(arg2, arg3, arg4, arg5);
	case PR_SET_NAME:			/* the comm: ps and /proc show it */
		memset(name, 0, sizeof(name));		/* the first 15 bytes, as Linux */
		if (strncpy_from_user(name, (const char *)arg2, sizeof(name) - 1) == -EFAULT)
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		memcpy(current->comm, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void *)arg2, current->comm, sizeof(current->comm)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		sig = current->pdeath_signal;
		return copy_to_user((void *)arg2, &sig, sizeof(sig)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return 1;			/* no core dumps here, but nothing forbids them */
	case PR_SET_DUMPABLE:
		return arg2 <= 1 ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

/* One CPU: the affinity mask is CPU 0's bit.  Linux's rules for the length:
 * a multiple of 8 bytes, at least one long. */
static long sys_sched_getaffinity(unsigned long pid, unsigned long len, unsigned long umask)
{
	unsigned long mask = 1;
	if ((int)pid && !find_task((int)pid))
		return -ESRCH;
	if (len < sizeof(mask) || (len & (sizeof(mask) - 1)))
		return -EINVAL;
	return copy_to_user((void *)umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

static long sys_sched_setaffinity(unsigned long pid, unsigned long len, unsigned long umask)
{
	unsigned long mask = 0;
	if ((int)pid && !find_task((int)pid))
		return -ESRCH;
	if (copy_from_user(&mask, (void *)umask, MIN(len, sizeof(mask))))
		return -EFAULT;
	return mask & 1 ? 0 : -EINVAL;		/* it must allow CPU 0, the only one */
}

/* ---- process groups and sessions (kernel/proc.c: do_setpgid, do_setsid) ---- */

static long sys_setpgid(unsigned long pid, unsigned long pgid) { return do_setpgid((int)pid, (int)pgid); }
static long sys_setsid(void) { return do_setsid(); }
static long sys_getpgrp(void) { return current->pgid; }

/* getpgid, getsid: of any process (0: us); -ESRCH if none. */
static struct task_struct *task_or_current(unsigned long pid)
{
	return (int)pid ? find_task((int)pid) : current;
}

static long sys_getpgid(unsigned long pid)
{
	struct task_struct *t = task_or_current(pid);
	return t ? t->pgid : -ESRCH;
}

static long sys_getsid(unsigned long pid)
{
	struct task_struct *t = task_or_current(pid);
	return t ? t->sid : -ESRCH;
}

static long sys_rt_sigaction(unsigned long sig, unsigned long act, unsigned long oact,
			     unsigned long size)
{
	return rt_sigaction((int)sig, (void *)act, (void *)oact, size);
}

static long sys_rt_sigprocmask(unsigned long how, unsigned long set, unsigned long oset,
			       unsigned long size)
{
	return rt_sigprocmask((int)how, (void *)set, (void *)oset, size);
}

static long sys_rt_sigreturn(void) { return rt_sigreturn(task_pt_regs(current)); }
static long sys_rt_sigpending(unsigned long set, unsigned long size)
{
	return rt_sigpending((u64 *)set, size);
}

/* ---- the rest ---- */

struct utsname { char f[6][65]; };

/* The node and domain names uname reports; sethostname/setdomainname set
 * them (everyone is root), at most 64 bytes, as Linux's __NEW_UTS_LEN. */
static char uts_nodename[65] = "faultline", uts_domainname[65] = "(none)";

static long sys_uname(unsigned long ubuf)
{
	const char *const fields[6] = { "faultline", uts_nodename, "0.1",
					"#1 a teaching kernel", "x86_64", uts_domainname };
	struct utsname u = { 0 };
	for (int i = 0; i < 6; i++)
		strlcpy(u.f[i], fields[i], 65);
	return copy_to_user((void *)ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

static long set_uts_name(char *name, unsigned long uname, unsigned long len)
{
	char tmp[65];
	if (len > 64)
		return -EINVAL;
	if (copy_from_user(tmp, (void *)uname, len))
		return -EFAULT;
	tmp[len] = '\0';
	memcpy(name, tmp, len + 1);
	return 0;
}

static long sys_sethostname(unsigned long n, unsigned long len) { return set_uts_name(uts_nodename, n, len); }
static long sys_setdomainname(unsigned long n, unsigned long len) { return set_uts_name(uts_domainname, n, len); }

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

static long sys_arch_prctl(unsigned long code, unsigned long addr)
{
	unsigned long v;
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		wrmsr(MSR_FS_BASE, addr);
		current->thread.fs_base = addr;
		return 0;
	case ARCH_SET_GS:			/* the user's GS base waits in KERNEL_GS_BASE */
		if (addr >= TASK_SIZE)
			return -EPERM;
		wrmsr(MSR_KERNEL_GS_BASE, addr);
		current->thread.gs_base = addr;
		return 0;
	case ARCH_GET_FS:
		v = rdmsr(MSR_FS_BASE);
		return copy_to_user((void *)addr, &v, sizeof(v)) ? -EFAULT : 0;
	case ARCH_GET_GS:
		v = rdmsr(MSR_KERNEL_GS_BASE);
		return copy_to_user((void *)addr, &v, sizeof(v)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

struct timespec { long tv_sec, tv_nsec; };

/* ---- time ---- */

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7

/* A clock's time now: the fine clock (the TSC) for REALTIME, MONOTONIC,
 * MONOTONIC_RAW and BOOTTIME; the coarse one (the last tick, what file
 * times use) for the _COARSE clocks; our CPU time in ticks for the CPU-time
 * clocks.  -EINVAL for any other id. */
static long clock_now(unsigned long clk, struct timespec64 *now)
{
	u64 t;
	switch (clk) {
	case CLOCK_REALTIME:
		ktime_get_real_ts64(now);
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_BOOTTIME:
		ktime_get_ts64(now);
		return 0;
	case CLOCK_REALTIME_COARSE:
		ktime_get_coarse_real_ts64(now);
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		ktime_get_coarse_ts64(now);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		t = current->utime + current->stime;
		*now = (struct timespec64){ (s64)(t / HZ), (long)(t % HZ) * (1000000000L / HZ) };
		return 0;
	default:
		return -EINVAL;
	}
}

static long sys_clock_gettime(unsigned long clk, unsigned long uts)
{
	struct timespec64 now;
	long err = clock_now(clk, &now);
	if (err)
		return err;
	struct timespec ts = { (long)now.tv_sec, now.tv_nsec };
	return copy_to_user((void *)uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* 1 ns for the TSC's clocks (as Linux's high-resolution ones), a tick for
 * the coarse and CPU-time ones. */
static long sys_clock_getres(unsigned long clk, unsigned long uts)
{
	struct timespec64 now;
	long err = clock_now(clk, &now);
	if (err)
		return err;
	bool fine = clk == CLOCK_REALTIME || clk == CLOCK_MONOTONIC || clk == CLOCK_MONOTONIC_RAW ||
		    clk == CLOCK_BOOTTIME;
	struct timespec ts = { 0, fine ? 1 : 1000000000L / HZ };
	return uts && copy_to_user((void *)uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static long sys_gettimeofday(unsigned long utv, unsigned long utz)
{
	struct timespec64 now;
	ktime_get_real_ts64(&now);
	long tv[2] = { (long)now.tv_sec, now.tv_nsec / 1000 };
	int tz[2] = { 0, 0 };				/* UTC, no DST */
	if (utv && copy_to_user((void *)utv, tv, sizeof(tv)))
		return -EFAULT;
	return utz && copy_to_user((void *)utz, tz, sizeof(tz)) ? -EFAULT : 0;
}

static long sys_time(unsigned long ut)
{
	struct timespec64 now;
	ktime_get_real_ts64(&now);
	long t = (long)now.tv_sec;
	return ut && copy_to_user((void *)ut, &t, sizeof(t)) ? -EFAULT : t;
}

/* nanosleep and clock_nanosleep: sleep in ticks of 1/HZ s, rounded up (never
 * early); a signal whose handler runs ends the sleep with -EINTR and, for a
 * relative sleep, the time left in *rem (a stop and continue do not: the
 * sleep goes on, as Linux restarts it). */
#define TIMER_ABSTIME	1

static long do_nanosleep(unsigned long clk, int flags, unsigned long ureq, unsigned long urem)
{
	struct timespec req;
	struct timespec64 now;
	if (copy_from_user(&req, (void *)ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000L)
		return -EINVAL;
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_BOOTTIME)
		return clk == CLOCK_THREAD_CPUTIME_ID || clock_now(clk, &now) ? -EINVAL : -EOPNOTSUPP;
	u64 ns = (u64)req.tv_sec * 1000000000ULL + (u64)req.tv_nsec;
	if (flags & TIMER_ABSTIME) {			/* until the clock says req */
		clock_now(clk, &now);
		u64 at = (u64)now.tv_sec * 1000000000ULL + (u64)now.tv_nsec;
		ns = ns > at ? ns - at : 0;
	}
	/* one tick more than the time: the tick now running is partly gone */
	u64 ticks = ns ? (ns + 1000000000ULL / HZ - 1) / (1000000000ULL / HZ) + 1 : 0;
	u64 until = jiffies + ticks;
	while (jiffies < until) {
		if (signal_pending(current)) {
			u64 left = (until - jiffies) * (1000000000ULL / HZ);
			struct timespec rem = { (long)(left / 1000000000ULL), (long)(left % 1000000000ULL) };
			if (!(flags & TIMER_ABSTIME) && urem &&
			    copy_to_user((void *)urem, &rem, sizeof(rem)))
				return -EFAULT;
			return -EINTR;
		}
		schedule_timeout_until(until);
	}
	return 0;
}

static long sys_nanosleep(unsigned long ureq, unsigned long urem)
{
	return do_nanosleep(CLOCK_MONOTONIC, 0, ureq, urem);
}

static long sys_clock_nanosleep(unsigned long clk, unsigned long flags, unsigned long ureq,
				unsigned long urem)
{
	return do_nanosleep(clk, (int)flags, ureq, urem);
}

/* times: our and our waited-for children's CPU time in clock ticks
 * (USER_HZ = HZ = 100); the return value is ticks since boot. */
static long sys_times(unsigned long ubuf)
{
	struct task_struct *t = current;
	long tms[4] = { (long)t->utime, (long)t->stime, (long)t->c_utime, (long)t->c_stime };
	if (ubuf && copy_to_user((void *)ubuf, tms, sizeof(tms)))
		return -EFAULT;
	return (long)jiffies;
}

/* sysinfo: uptime, load averages, memory in bytes (mem_unit 1, as Linux on
 * 64-bit: shared is /proc/meminfo's Shmem), the number of processes.  No
 * swap, no buffers. */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

static long sys_sysinfo(unsigned long uinfo)
{
	struct sysinfo si;
	struct timespec64 up;
	memset(&si, 0, sizeof(si));
	ktime_get_ts64(&up);
	si.uptime = (long)up.tv_sec + (up.tv_nsec > 0);	/* rounded up, as Linux */
	for (int i = 0; i < 3; i++)		/* Linux's get_avenrun(loads, 0, SI_LOAD_SHIFT - FSHIFT) */
		si.loads[i] = avenrun[i] << (16 - FSHIFT);
	si.totalram = nr_managed_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si.sharedram = nr_pagecache_pages() * PAGE_SIZE;	/* /proc/meminfo's Shmem: ramfs pages */
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		si.procs += t->pid != 0;
	si.mem_unit = 1;
	return copy_to_user((void *)uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc

static long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != 672274793 && magic2 != 85072278 && magic2 != 369367448 && magic2 != 537993216))
		return -EINVAL;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT &&
	    cmd != LINUX_REBOOT_CMD_RESTART)
		return -EINVAL;
	printk("reboot: powering off (pid %d)\n", current->pid);
	machine_halt(QEMU_EXIT_OK);
}

/* ---- the table ---- */

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long);
#define SYS(nr, fn) [nr] = (syscall_fn)(void *)fn

static const syscall_fn sys_call_table[NR_SYSCALLS] = {
	SYS(0, sys_read), SYS(1, sys_write), SYS(2, sys_open), SYS(3, sys_close),
	SYS(4, sys_stat), SYS(5, sys_fstat), SYS(6, sys_lstat),
	SYS(8, sys_lseek), SYS(9, sys_mmap), SYS(10, sys_mprotect), SYS(11, sys_munmap),
	SYS(12, sys_brk), SYS(13, sys_rt_sigaction), SYS(14, sys_rt_sigprocmask),
	SYS(15, sys_rt_sigreturn), SYS(16, sys_ioctl), SYS(17, sys_pread64),
	SYS(18, sys_pwrite64), SYS(19, sys_readv), SYS(20, sys_writev), SYS(21, sys_access),
	SYS(7, sys_poll), SYS(23, sys_select), SYS(270, sys_pselect6), SYS(271, sys_ppoll),
	SYS(22, sys_pipe), SYS(24, sys_sched_yield), SYS(25, sys_mremap), SYS(26, sys_msync), SYS(27, sys_mincore), SYS(28, sys_madvise), SYS(32, sys_dup), SYS(33, sys_dup2), SYS(37, sys_alarm), SYS(36, sys_getitimer), SYS(38, sys_setitimer),
	SYS(39, sys_getpid), SYS(56, sys_clone), SYS(57, sys_fork), SYS(58, sys_vfork), SYS(59, sys_execve),
	SYS(60, sys_exit), SYS(61, sys_wait4), SYS(62, sys_kill), SYS(63, sys_uname),
	SYS(72, sys_fcntl), SYS(74, sys_fsync), SYS(75, sys_fsync) /* fdatasync */, SYS(76, sys_truncate), SYS(77, sys_ftruncate),
	SYS(79, sys_getcwd), SYS(80, sys_chdir), SYS(83, sys_mkdir), SYS(84, sys_rmdir),
	SYS(87, sys_unlink), SYS(98, sys_getrusage), SYS(102, sys_getuid),
	SYS(104, sys_getuid) /* getgid */, SYS(107, sys_getuid) /* geteuid */,
	SYS(108, sys_getuid) /* getegid */, SYS(115, sys_getgroups), SYS(109, sys_setpgid), SYS(110, sys_getppid),
	SYS(41, sys_socket),
	SYS(111, sys_getpgrp), SYS(112, sys_setsid), SYS(121, sys_getpgid), SYS(124, sys_getsid),
	SYS(127, sys_rt_sigpending), SYS(34, sys_pause), SYS(128, sys_rt_sigtimedwait), SYS(130, sys_rt_sigsuspend), SYS(131, sys_sigaltstack),
	SYS(97, sys_getrlimit), SYS(160, sys_setrlimit), SYS(302, sys_prlimit64),
	SYS(140, sys_getpriority), SYS(141, sys_setpriority), SYS(157, sys_prctl),
	SYS(203, sys_sched_setaffinity), SYS(204, sys_sched_getaffinity), SYS(158, sys_arch_prctl),
	SYS(169, sys_reboot), SYS(170, sys_sethostname), SYS(171, sys_setdomainname), SYS(186, sys_gettid), SYS(200, sys_tkill), SYS(218, sys_set_tid_address), SYS(228, sys_clock_gettime),
	SYS(229, sys_clock_getres), SYS(230, sys_clock_nanosleep), SYS(35, sys_nanosleep),
	SYS(96, sys_gettimeofday), SYS(201, sys_time), SYS(100, sys_times), SYS(99, sys_sysinfo),
	SYS(231, sys_exit) /* exit_group: one thread per process */, SYS(234, sys_tgkill), SYS(257, sys_openat),
	SYS(262, sys_newfstatat), SYS(269, sys_faccessat), SYS(217, sys_getdents64), SYS(293, sys_pipe2), SYS(318, sys_getrandom),
	SYS(273, sys_set_robust_list), SYS(274, sys_get_robust_list), SYS(334, sys_rseq),
	SYS(439, sys_faccessat2),
	/* mm/memfd.c */
	SYS(319, sys_memfd_create),
	/* kernel/fs/socket.c: AF_UNIX socket pairs */
	SYS(53, sys_socketpair), SYS(48, sys_shutdown),
	/* kernel/fs/splice.c: user pages into a pipe by reference */
	SYS(278, sys_vmsplice),
	/* kernel/syscall_fs.c: names, attributes, the *at calls */
	SYS(40, sys_sendfile), SYS(81, sys_fchdir), SYS(82, sys_rename), SYS(85, sys_creat),
	SYS(86, sys_link), SYS(88, sys_symlink), SYS(89, sys_readlink), SYS(90, sys_chmod),
	SYS(91, sys_fchmod), SYS(92, sys_chown), SYS(93, sys_fchown), SYS(94, sys_lchown),
	SYS(95, sys_umask), SYS(132, sys_utime), SYS(133, sys_mknod), SYS(137, sys_statfs),
	SYS(138, sys_fstatfs), SYS(162, sys_sync), SYS(235, sys_utimes), SYS(258, sys_mkdirat),
	SYS(259, sys_mknodat), SYS(260, sys_fchownat), SYS(261, sys_futimesat),
	SYS(263, sys_unlinkat), SYS(264, sys_renameat), SYS(265, sys_linkat),
	SYS(266, sys_symlinkat), SYS(267, sys_readlinkat), SYS(268, sys_fchmodat),
	SYS(280, sys_utimensat), SYS(285, sys_fallocate), SYS(292, sys_dup3), SYS(306, sys_syncfs),
	SYS(316, sys_renameat2),
	/* mm/process_vm_access.c: another process's memory through get_user_pages */
	SYS(310, sys_process_vm_readv), SYS(311, sys_process_vm_writev),
	/* mm/mlock.c: locked memory, populated through get_user_pages */
	SYS(149, sys_mlock), SYS(150, sys_munlock), SYS(151, sys_mlockall),
	SYS(152, sys_munlockall), SYS(325, sys_mlock2),
};

/* A number we do not implement: -ENOSYS, and its name on the console the
 * first time (so a student sees what a program wanted); a number Linux
 * does not have either, each time.  Both rate-limited, as Linux's
 * printk_ratelimited (10 lines per 5 s, then a count of what was not
 * said): a fuzzer calling random numbers must not flood the console. */
long sys_ni_syscall(unsigned long nr)
{
	static struct ratelimit_state rs = RATELIMIT_STATE_INIT("sys_ni_syscall", 5 * HZ, 10);
	static u64 reported[(NR_SYSCALLS + 63) / 64];
	bool known = nr < NR_SYSCALLS;

	if (known && (reported[nr / 64] & BIT(nr % 64)))
		return -ENOSYS;			/* named once already */
	if (known)
		reported[nr / 64] |= BIT(nr % 64);
	if (!__ratelimit(&rs))
		return -ENOSYS;
	if (known)
		printk("%s[%d]: system call %lu (%s) not implemented: -ENOSYS\n", current->comm,
		       current->pid, nr, syscall_names[nr] ? syscall_names[nr] : "?");
	else
		printk("%s[%d]: system call %lu does not exist: -ENOSYS\n", current->comm,
		       current->pid, nr);
	return -ENOSYS;
}

/* sysretq can return only to what the syscall instruction left: rcx the
 * return address, r11 the flags, a canonical user address (sysret to a
 * non-canonical rip faults in ring 0 on Intel), the user segments, no
 * single-step.  Anything else (exec, a signal frame, rt_sigreturn) goes
 * back with iretq.  Linux's rule, decided from the registers themselves. */
static bool can_sysret(const struct pt_regs *regs)
{
	return regs->rcx == regs->rip && regs->r11 == regs->rflags && regs->rip < TASK_SIZE &&
	       regs->cs == USER_CS && regs->ss == USER_DS &&
	       !(regs->rflags & (BIT(8) /* TF */ | BIT(16) /* RF */));
}

/* Called by syscall_entry with the user's registers; returns 1 when the
 * return may use sysretq (nothing rewrote the registers), 0 for iretq. */
int do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->rax;
	long ret;

	current->nr_syscalls++;

	if (nr < NR_SYSCALLS && sys_call_table[nr])
		ret = sys_call_table[nr](regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9);
	else
		ret = sys_ni_syscall(nr);
	if (nr != 15)				/* rt_sigreturn restored rax itself */
		regs->rax = (unsigned long)ret;
	exit_to_user_mode(regs);		/* signals may rewrite regs; we may sleep */
	return can_sysret(regs);
}

void syscall_init(void)
{
	extern char syscall_entry[];
	wrmsr(MSR_STAR, ((u64)(USER_DS - 8 - 3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	wrmsr(MSR_FMASK, BIT(9) | BIT(8) | BIT(10) | BIT(18));	/* IF, TF, DF, AC off */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | BIT(0));		/* SCE: syscall on */
}

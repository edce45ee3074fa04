/* kernel/fs/fs.h — VFS-lite: inodes, open files, the fd table, path lookup.
 *
 * Three kinds of file system share one tree, each inode saying which kind
 * it is by its operations, as in Linux:
 *
 *	/		ramfs: every file in memory, users make and remove what they like
 *	/proc		procfs (procfs.c): files the kernel makes and writes; users only read
 *	/dev		devfs (devfs.c): the kernel's device nodes; users only open them
 *
 * A directory of any kind is a list of (name, inode) entries kept by
 * ramfs's helpers (ramfs_lookup, ramfs_create, ramfs_unlink, ...), as
 * Linux's libfs keeps simple file systems' entries; a regular file's bytes
 * are its page cache (inode->i_data) or, in /proc, text made when it is
 * opened.  What a *user* may do to names and sizes goes through the
 * directory's inode->i_op (Linux's struct inode_operations): an operation a
 * kind leaves out is refused with Linux's error for that case (no ->create:
 * -EACCES; no ->mkdir, ->unlink, ->rmdir: -EPERM), and procfs's lookup says
 * -ENOENT for any name it lacks, so mkdir and creat there are -ENOENT as on
 * Linux.  Reads, writes and seeks go through inode->i_fop.  Every function
 * returns Linux's error numbers (-ENOENT, ...).
 *
 * Reference counts: i_count counts users of an inode (open files, the
 * current directory, a lookup in progress, and each subdirectory, whose
 * ".." holds its parent); i_nlink counts the directory entries naming it.
 * An inode is freed, with its pages, when both are 0.  f_count counts the
 * fd-table slots (of every process, after fork) and the VMAs mapping a
 * struct file. */
#ifndef KERNEL_FS_FS_H
#define KERNEL_FS_FS_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/time.h"		/* struct timespec64 */
#include "mm/filemap.h"

typedef u32 umode_t;
typedef u32 dev_t;

/* File types and permission bits (Linux's <linux/stat.h>). */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_ISUID		04000
#define S_ISGID		02000
#define S_IXGRP		00010
#define S_IALLUGO	07777
#define S_IRWXUGO	00777

/* open() flags (Linux x86-64 values). */
#define O_RDONLY	00
#define O_WRONLY	01
#define O_RDWR		02
#define O_ACCMODE	03
#define O_CREAT		0100
#define O_EXCL		0200
#define O_NOCTTY	0400
#define O_TRUNC		01000
#define O_APPEND	02000
#define O_NONBLOCK	04000
#define O_DIRECTORY	0200000
#define O_NOFOLLOW	0400000	/* a symbolic link as the last component: -ELOOP */
#define O_CLOEXEC	02000000
#define O_LARGEFILE	0100000	/* accepted, meaningless on 64-bit */
#define O_VALID_FLAGS	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
			 O_NONBLOCK | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_LARGEFILE)

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define NAME_MAX	255	/* bytes in one path component */
#define PATH_MAX	4096	/* bytes in a path, with its NUL */
#define NR_OPEN		64	/* fds per process */
#define MAXSYMLINKS	40	/* symbolic links one lookup follows: then -ELOOP */
#define MAX_LFS_FILESIZE (1LL << 40)	/* ramfs: 1 TiB, far beyond RAM anyway */

#define MKDEV(ma, mi)	(((ma) << 8) | (mi))
#define MAJOR(d)	((d) >> 8)
#define MINOR(d)	((d) & 0xff)

/* d_type values of getdents64: the file type bits, shifted (Linux's S_DT) */
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12
#define S_DT(mode)	(((mode) & S_IFMT) >> 12)

/* rename flags (renameat2) */
#define RENAME_NOREPLACE	(1 << 0)	/* the new name must be free: -EEXIST */
#define RENAME_EXCHANGE		(1 << 1)	/* swap two names, both must exist */
#define RENAME_WHITEOUT		(1 << 2)	/* overlayfs's; not on ramfs: -EINVAL */

/* inode->i_flags */
#define S_IMMUTABLE	(1u << 3)	/* Linux's: nobody changes its entries, nor removes it
					   (/proc/PID: unlink, rmdir there are -EPERM) */
#define S_MOUNTPOINT	(1u << 16)	/* the root of /proc or /dev: rmdir is -EBUSY, as for
					   Linux's mount points (a dentry flag there) */
#define S_MEMFD		(1u << 17)	/* made by memfd_create: takes seals (Linux: every
					   shmem file; here memfds only, mm/memfd.c) */

/* i_seals: what fcntl(F_ADD_SEALS) forbids from now on (Linux's values) */
#define F_SEAL_SEAL		0x0001	/* more seals */
#define F_SEAL_SHRINK		0x0002	/* a smaller size */
#define F_SEAL_GROW		0x0004	/* a larger size (writes past the end too) */
#define F_SEAL_WRITE		0x0008	/* writes, and shared writable mappings */
#define F_SEAL_FUTURE_WRITE	0x0010	/* ... new ones: mappings made before stay writable */
#define IS_IMMUTABLE(inode)	((inode)->i_flags & S_IMMUTABLE)

struct file;
struct inode;
struct vm_area_struct;

/* statfs() of a file system; the system-call layer copies it to struct statfs. */
struct kstatfs {
	long f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	long f_namelen, f_frsize, f_flags;
};
#define ST_VALID	0x0020		/* f_flags: Linux sets it on every answer */
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008

/* One mounted file system (the part of Linux's struct super_block this
 * kernel needs): each of the three kinds is one, and an inode says which
 * it belongs to.  rename and link between two are -EXDEV, as across
 * Linux's mounts; stat's st_dev and statfs come from here. */
struct super_block {
	const char *s_name;		/* "ramfs", "proc", "devtmpfs" */
	dev_t s_dev;			/* st_dev of its files */
	void (*s_statfs)(struct super_block *sb, struct kstatfs *buf);
};
extern struct super_block ramfs_sb, proc_sb, devfs_sb;

/* What readdir reports to: one call per entry, false to stop. */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, int namelen, loff_t pos,
		      u64 ino, unsigned int type);
	loff_t pos;
};

struct poll_table;
/* poll's answer (Linux's values) */
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLWRNORM	0x0100
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file_operations {
	ssize_t (*read)(struct file *f, char *buf, size_t n, loff_t *pos);
	ssize_t (*write)(struct file *f, const char *buf, size_t n, loff_t *pos);
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	int (*iterate)(struct file *f, struct dir_context *ctx);	/* directories */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	int (*fsync)(struct file *f);
	/* Sockets: read(2) and write(2) hand them the user's buffer whole
	 * (Linux's ->read_iter and ->write_iter on a user iov_iter), so one
	 * write is one SOCK_SEQPACKET record whatever its size and a read
	 * takes a record whole; ->read and ->write stay for kernel buffers
	 * (sendfile).  Only read and write at the file offset use them. */
	ssize_t (*read_user)(struct file *f, char *ubuf, size_t n);
	ssize_t (*write_user)(struct file *f, const char *ubuf, size_t n);
	int (*open)(struct inode *inode, struct file *f);
	int (*release)(struct inode *inode, struct file *f);
	/* What a read or write would do now (POLLIN, POLLOUT, POLLHUP, ...),
	 * and, with poll_wait, the wait queue(s) whose wake_up may change it.
	 * NULL: always ready (DEFAULT_POLLMASK), as a regular file. */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	/* fallocate(2) after vfs_fallocate's checks; NULL: -EOPNOTSUPP */
	long (*fallocate)(struct file *f, int mode, loff_t off, loff_t len);
};

/* fallocate's modes (Linux's uapi/linux/falloc.h) */
#define FALLOC_FL_KEEP_SIZE		0x01	/* allocate, but leave the size */
#define FALLOC_FL_PUNCH_HOLE		0x02	/* free the range (with KEEP_SIZE only) */
#define FALLOC_FL_NO_HIDE_STALE		0x04	/* reserved: not in the mask below */
#define FALLOC_FL_COLLAPSE_RANGE	0x08
#define FALLOC_FL_ZERO_RANGE		0x10
#define FALLOC_FL_INSERT_RANGE		0x20
#define FALLOC_FL_UNSHARE_RANGE		0x40
/* every mode Linux 6.1's vfs_fallocate takes (the others -EOPNOTSUPP) */
#define FALLOC_FL_SUPPORTED_MASK	(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE |	\
					 FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE |	\
					 FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

/* What chmod, chown and utimensat change (Linux's struct iattr). */
struct iattr {
	unsigned int ia_valid;		/* ATTR_* */
	umode_t ia_mode;
	u32 ia_uid, ia_gid;
	struct timespec64 ia_atime, ia_mtime;
};
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)	/* always with the others: ctime becomes now */
#define ATTR_KILL_SUID	(1 << 11)	/* chown of a non-directory: drop set-user-ID */
#define ATTR_KILL_SGID	(1 << 12)	/* ... and set-group-ID if group-executable */

/* What a kind of file system does with names and sizes (Linux's struct
 * inode_operations).  NULL: the kind does not allow it (see the top). */
struct inode_operations {
	/* The entry name of dir, with no reference: NULL when there is none
	 * (a name free to create), or ERR_PTR (procfs: -ENOENT).  "", "."
	 * and ".." are dir itself and its parent. */
	struct inode *(*lookup)(struct inode *dir, const char *name);
	/* Make a regular file, directory or device node called name, which
	 * lookup found free.  create gives the new inode with a reference. */
	int (*create)(struct inode *dir, const char *name, umode_t mode, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, umode_t mode);
	int (*mknod)(struct inode *dir, const char *name, umode_t mode, dev_t dev);
	/* Remove the entry name, which lookup found (a non-directory for
	 * unlink, an empty-or-not directory for rmdir). */
	int (*unlink)(struct inode *dir, const char *name);
	int (*rmdir)(struct inode *dir, const char *name);
	/* A symbolic link name -> target; a new name for inode (same kind,
	 * not a directory); the VFS has checked what Linux's does (rename.c). */
	int (*symlink)(struct inode *dir, const char *name, const char *target);
	int (*link)(struct inode *inode, struct inode *dir, const char *name);
	int (*rename)(struct inode *old_dir, const char *old_name, struct inode *new_dir,
		      const char *new_name, unsigned int flags);
	/* chmod, chown, utimes (Linux's setattr without ATTR_SIZE): the kind
	 * may refuse (an error); then, or when NULL, notify_change stores
	 * them (Linux's simple_setattr). */
	int (*setattr)(struct inode *inode, const struct iattr *attr);
	/* truncate, ftruncate and O_TRUNC of a regular file (Linux's setattr
	 * with ATTR_SIZE). */
	int (*setsize)(struct inode *inode, loff_t size);
};

struct inode {
	unsigned long i_ino;
	umode_t i_mode;			/* type and permission bits */
	u32 i_uid, i_gid;		/* the owner: chown sets, stat shows, nothing checks */
	struct super_block *i_sb;	/* which file system: ramfs_sb, proc_sb, devfs_sb */
	unsigned int i_nlink;		/* directory entries naming it */
	int i_count;			/* users (see the top of this file) */
	loff_t i_size;
	unsigned int i_flags;		/* S_IMMUTABLE, S_MOUNTPOINT */
	dev_t i_rdev;			/* character devices: which one */
	struct timespec64 i_atime, i_mtime, i_ctime;
	const struct inode_operations *i_op;	/* its kind: directories and files */
	const struct file_operations *i_fop;
	struct address_space i_data;	/* regular files: the page cache */
	struct inode *i_parent;		/* directories: for ".." */
	struct list_head i_entries;	/* directories: struct ramfs_dirent list */
	unsigned long i_nr_entries;	/* directories: entries in the list */
	char *i_link;			/* symbolic links: the target, NUL-terminated (i_size bytes) */
	void *i_private;		/* the file system's own (procfs: the show function) */
	unsigned int i_seals;		/* F_SEAL_*: ramfs checks them (memfds: S_MEMFD) */
	int i_proc_pid;			/* procfs: the process a /proc/PID file is about */
};

struct file {
	struct inode *f_inode;
	const struct file_operations *f_op;
	loff_t f_pos;
	unsigned int f_flags;		/* O_* given to open */
	unsigned int f_mode;		/* FMODE_READ | FMODE_WRITE */
	int f_count;			/* fd slots and VMAs holding it */
	void *private_data;
	char *f_path;			/* the absolute path it was opened by (maps) */
};
#define FMODE_READ	BIT(0)
#define FMODE_WRITE	BIT(1)

/* stat() of an inode; the system-call layer converts it to struct stat. */
struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	u32 uid, gid;
	loff_t size;
	dev_t rdev;
	u64 blocks;			/* 512-byte blocks: the cached pages */
	unsigned int blksize;
	struct timespec64 atime, mtime, ctime;
};

/* The per-process state the VFS needs (kernel/proc.h embeds it). */
struct files_struct {
	struct file *fd[NR_OPEN];
	unsigned long close_on_exec;	/* bit per fd */
};
struct fs_struct {
	struct inode *cwd;
	umode_t umask;			/* bits open, mkdir and mknod take away; fork copies it */
};

/* --- the VFS API, on kernel buffers (the system-call layer copies) --- */
int vfs_open(const char *path, int flags, umode_t mode);	/* fd */
int vfs_close(int fd);
ssize_t vfs_read(int fd, void *buf, size_t n);
ssize_t vfs_write(int fd, const void *buf, size_t n);
ssize_t vfs_pread(int fd, void *buf, size_t n, loff_t pos);
ssize_t vfs_pwrite(int fd, const void *buf, size_t n, loff_t pos);
loff_t vfs_lseek(int fd, loff_t off, int whence);
int vfs_stat(const char *path, struct kstat *st);
int vfs_lstat(const char *path, struct kstat *st);		/* a symlink itself */
void vfs_getattr(struct inode *inode, struct kstat *st);
int vfs_fstat(int fd, struct kstat *st);
int vfs_truncate(const char *path, loff_t len);
int vfs_ftruncate(int fd, loff_t len);
int vfs_fallocate(int fd, int mode, loff_t off, loff_t len);
int vfs_unlink(const char *path);
int vfs_mkdir(const char *path, umode_t mode);
int vfs_rmdir(const char *path);
int vfs_mknod(const char *path, umode_t mode, dev_t dev);
ssize_t vfs_getdents(int fd, void *buf, size_t n);		/* linux_dirent64 records */
int vfs_fsync(int fd);
int vfs_chdir(const char *path);
int vfs_getcwd(char *buf, size_t n);				/* length with the NUL */
int vfs_dup(int fd);
int vfs_dup2(int oldfd, int newfd);
int vfs_dup3(int oldfd, int newfd, int flags);			/* O_CLOEXEC */
int vfs_fchdir(int fd);
int vfs_statfs(struct inode *inode, struct kstatfs *buf);

/* --- names (kernel/fs/rename.c) --- */
/* Each path relative to its dfd (AT_FDCWD: the current directory). */
int vfs_rename(int olddfd, const char *oldpath, int newdfd, const char *newpath,
	       unsigned int flags);
/* lookup_flags: LOOKUP_FOLLOW (AT_SYMLINK_FOLLOW), LOOKUP_EMPTY (AT_EMPTY_PATH) */
int vfs_link(int olddfd, const char *oldpath, int newdfd, const char *newpath,
	     unsigned int lookup_flags);
int vfs_symlink(const char *target, int newdfd, const char *path);
int vfs_readlink(int dfd, const char *path, char *buf, size_t n);	/* bytes, no NUL */

/* --- attributes (kernel/fs/attr.c) --- */
int notify_change(struct inode *inode, struct iattr *attr);	/* chmod, chown, utimes */

/* --- files and fds (kernel/fs/file.c) --- */
struct file *fget(int fd);			/* no new reference: UP, no preemption */
struct file *file_alloc(void);			/* zeroed; fput frees it (after ->release) */
struct file *file_open(const char *path, int flags, umode_t mode);	/* or ERR_PTR */
void fput(struct file *f);			/* drop a reference; release at 0 */
static inline struct file *get_file(struct file *f) { f->f_count++; return f; }
int fd_install(struct file *f);			/* lowest free fd, or -EMFILE */
struct files_struct *files_alloc(void);
struct files_struct *files_dup(struct files_struct *files);
void files_close_all(struct files_struct *files);
unsigned int files_count_open(const struct files_struct *files);

/* --- path lookup (kernel/fs/namei.c) --- */
/* The inode path names, with a reference (iput it), or ERR_PTR.  Symbolic
 * links are followed on the way (at most MAXSYMLINKS in all: -ELOOP); a
 * last component that is one is followed by namei, not by lnamei. */
struct inode *namei(const char *path);
struct inode *lnamei(const char *path);
#define LOOKUP_FOLLOW	1		/* follow a symbolic link as the last component */
#define LOOKUP_PARENT	2		/* stop before the last component (nameiparent) */
#define LOOKUP_EMPTY	4		/* "" names dfd itself (AT_EMPTY_PATH) */
#define AT_FDCWD	-100		/* dfd: the current directory */
struct inode *path_lookup(const char *path, unsigned int flags, char *last);
/* The same from the directory open as dfd (the *at calls), or AT_FDCWD. */
struct inode *path_lookupat(int dfd, const char *path, unsigned int flags, char *last);
/* The directory holding the last component (with a reference) and that
 * component's name in last[NAME_MAX + 1]; ERR_PTR on error.  The last
 * component may be "" (path "/"), "." or "..". */
struct inode *nameiparent(const char *path, char *last);

/* --- inodes (kernel/fs/inode.c) --- */
struct inode *new_inode(umode_t mode);		/* i_count 1, i_nlink 0 */
static inline struct inode *igrab(struct inode *i) { i->i_count++; return i; }
void iput(struct inode *inode);			/* frees at i_count 0 and i_nlink 0 */
struct timespec64 current_time(void);
unsigned long nr_inodes(void);			/* inodes alive (tests) */
extern struct inode *root_inode;

/* --- ramfs (kernel/fs/ramfs.c) --- */
/* The directory entries of every kind: procfs and devfs make and remove
 * the entries the kernel owns with these, bypassing i_op (which is what
 * users go through); ramfs_create gives ramfs's operations, which the
 * caller then replaces for its own kind. */
void ramfs_init(void);				/* the root directory */
struct inode *ramfs_lookup(struct inode *dir, const char *name);	/* no reference */
int ramfs_create(struct inode *dir, const char *name, umode_t mode, dev_t dev,
		 struct inode **out);		/* out: with a reference */
int ramfs_unlink(struct inode *dir, const char *name);
int ramfs_rmdir(struct inode *dir, const char *name);
int ramfs_truncate(struct inode *inode, loff_t size);
void ramfs_evict(struct inode *inode);		/* free the pages of a dead inode */
const char *ramfs_name_of(struct inode *dir, struct inode *child);	/* for getcwd */
int ramfs_readdir(struct file *f, struct dir_context *ctx);	/* ".", "..", the entries */
extern const struct file_operations ramfs_file_ops, ramfs_dir_ops;
extern const struct inode_operations ramfs_dir_inode_ops, ramfs_file_inode_ops;
void ramfs_statfs(struct super_block *sb, struct kstatfs *buf);

/* --- /proc (kernel/fs/procfs.c): files whose text is made when opened --- */
/* Write the file's text for process pid (0: the reader) into buf; bytes.
 * It must not sleep nor allocate (see procfs.c: it runs into one static
 * buffer, and must work when memory is exhausted). */
typedef int (*proc_show_t)(int pid, char *buf, size_t size);
void procfs_init(void);				/* /proc/meminfo, /proc/vmstat, /proc/self */
/* /proc/PATH, generated by show for pid (0: whoever reads it). */
int proc_create(const char *path, proc_show_t show, int pid);
int proc_mkdir(const char *path);		/* a directory the kernel fills */
int proc_sys_init(void);			/* /proc/sys (kernel/sysctl.c) */
void proc_pid_register(int pid);		/* /proc/PID/maps: at fork */
void proc_pid_unregister(int pid);		/* ... gone when reaped */

/* --- poll, select (kernel/fs/select.c) --- */
struct wait_queue_head;
void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table *pt);
extern struct wait_queue_head tick_wait;	/* woken by every tick: the console's poll */
void poll_tick(void);				/* the timer tick: wake tick_wait */
void tty_tick(void);				/* the timer tick: the console's input (kernel/tty.c) */
void tty_insert_flip_string(const char *s, size_t n);	/* a keyboard's bytes, from its interrupt */
struct task_struct;
unsigned int tty_stat_of(const struct task_struct *t, int *tpgid);	/* /proc/PID/stat's tty */
long sys_poll(unsigned long ufds, unsigned long nfds, unsigned long timeout_ms);
long sys_ppoll(unsigned long ufds, unsigned long nfds, unsigned long uts, unsigned long umask,
	       unsigned long masksize);
long sys_select(unsigned long n, unsigned long uin, unsigned long uout, unsigned long uex,
		unsigned long utv);
long sys_pselect6(unsigned long n, unsigned long uin, unsigned long uout, unsigned long uex,
		  unsigned long uts, unsigned long usig);

/* --- pipes (kernel/fs/pipe.c) --- */
int do_pipe2(int fds[2], int flags);		/* fds[0] reads, fds[1] writes */
#define F_SETPIPE_SZ	1031			/* fcntl: F_LINUX_SPECIFIC_BASE + 7 */
#define F_GETPIPE_SZ	1032
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);	/* -EBADF: not a pipe */
extern const struct file_operations fifo_fops;	/* a fifo's opens: a pipe with a name */
/* --- vmsplice (kernel/fs/splice.c): user pages into a pipe by reference --- */
long sys_vmsplice(unsigned long fd, unsigned long uiov, unsigned long nr_segs,
		  unsigned long flags);

/* --- sockets (kernel/fs/socket.c): socketpair(AF_UNIX); socket's checks --- */
long sys_socket(unsigned long family, unsigned long type, unsigned long protocol);
long sys_socketpair(unsigned long family, unsigned long type, unsigned long protocol,
		    unsigned long usv);
long sys_shutdown(unsigned long fd, unsigned long how);

/* --- /dev (kernel/fs/devfs.c): the kernel's device nodes --- */
void devfs_init(void);				/* the directory /dev */
int devfs_mknod(const char *path, umode_t mode, dev_t dev);	/* path in /dev */

/* --- character devices (kernel/fs/chardev.c) --- */
void chardev_init(void);			/* register, then make /dev nodes */
const struct file_operations *chrdev_fops(dev_t dev);
/* A device found at boot: its node at path, its operations. */
int register_chrdev(const char *path, dev_t dev, const struct file_operations *fops);
loff_t generic_file_llseek(struct file *f, loff_t off, int whence);
loff_t noop_llseek(struct file *f, loff_t off, int whence);

#endif

/* kernel/fs/ramfs.c — every file in memory.
 *
 * A directory is a list of entries, each naming an inode.  A regular
 * file's bytes live in its page cache, one page per 4 KiB of the file:
 *
 *	file offset:  0        4096      8192      12288
 *	              [ page 0 ][ hole   ][ page 2 ][ page 3 (partial) ]  i_size
 *	i_data.i_pages: 0 -> page, 2 -> page, 3 -> page   (1 absent: reads zeros)
 *
 * These are the very pages the file-fault path maps into processes.  Bytes
 * past i_size in the last page are zero as write() and truncation leave
 * them; a store through a shared mapping can put data there, which a later
 * growth of the file then shows (Linux's tmpfs does the same). */
#include "kernel/fs/fs.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "kernel/proc.h"
#include "kernel/signal.h"

struct ramfs_dirent {
	struct list_head link;		/* in the directory's i_entries */
	struct inode *inode;
	char name[];			/* NUL-terminated, at most NAME_MAX */
};

static struct ramfs_dirent *find_entry(struct inode *dir, const char *name)
{
	struct ramfs_dirent *d;
	list_for_each_entry(d, &dir->i_entries, link)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

/* Linux's ramfs answers statfs with zeros (df leaves it out); this one,
 * like tmpfs, gives figures: used, the pages its files hold (every cached
 * page is a ramfs file's: the files of /, and shared anonymous memory's
 * unnamed ones; /dev holds none), free, every free page (no size limit but
 * RAM), and a size of the two together, so that df's Used is this file
 * system's own and Use% means something.  (tmpfs: f_blocks is its size
 * limit, half of RAM by default, f_bfree what its pages leave of it.) */
void ramfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	u64 total = nr_managed_pages(), free = nr_free_pages();
	u64 used = sb == &ramfs_sb ? nr_pagecache_pages() : 0;
	*buf = (struct kstatfs){
		.f_type = 0x01021994,		/* TMPFS_MAGIC */
		.f_bsize = PAGE_SIZE,
		.f_blocks = used + free,
		.f_bfree = free,
		.f_bavail = free,
		.f_files = total / 2,		/* tmpfs's default nr_inodes */
		.f_ffree = total / 2 > nr_inodes() ? total / 2 - nr_inodes() : 0,
		.f_namelen = NAME_MAX,
	};
}

struct super_block ramfs_sb = { "ramfs", 1, ramfs_statfs };

void ramfs_init(void)
{
	root_inode = new_inode(S_IFDIR | 0755);
	if (!root_inode)
		panic("ramfs: no memory for the root directory");
	root_inode->i_nlink = 2;
	root_inode->i_parent = root_inode;	/* "/.." is "/" */
	root_inode->i_op = &ramfs_dir_inode_ops;
	root_inode->i_fop = &ramfs_dir_ops;
}

struct inode *ramfs_lookup(struct inode *dir, const char *name)
{
	if (strcmp(name, ".") == 0 || !*name)
		return dir;
	if (strcmp(name, "..") == 0)
		return dir->i_parent;
	struct ramfs_dirent *d = find_entry(dir, name);
	return d ? d->inode : NULL;
}

static void touch(struct inode *inode)
{
	inode->i_mtime = inode->i_ctime = current_time();
}

static struct ramfs_dirent *dirent_alloc(const char *name, struct inode *inode)
{
	size_t len = strlen(name);
	struct ramfs_dirent *d = kmalloc(sizeof(*d) + len + 1);
	if (d) {
		memcpy(d->name, name, len + 1);
		d->inode = inode;
	}
	return d;
}

static void add_entry(struct inode *dir, struct ramfs_dirent *d)
{
	list_add_tail(&d->link, &dir->i_entries);
	dir->i_nr_entries++;
	touch(dir);
}

int ramfs_create(struct inode *dir, const char *name, umode_t mode, dev_t dev, struct inode **out)
{
	if (!S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	if (!dir->i_nlink)
		return -ENOENT;			/* the directory was removed */
	if (ramfs_lookup(dir, name))
		return -EEXIST;
	struct inode *inode = new_inode(mode);
	struct ramfs_dirent *d = dirent_alloc(name, inode);
	if (!d || !inode) {
		kfree(d);
		iput(inode);			/* i_nlink 0: freed at once */
		return -ENOMEM;
	}
	inode->i_sb = dir->i_sb;		/* the same file system (/proc, /dev: theirs) */
	if (S_ISDIR(mode)) {
		inode->i_nlink = 2;		/* its entry and its own "." */
		/* A reference, as a Linux dentry pins its parent: a removed
		 * directory kept as a cwd must still find its ".." after the
		 * parent is removed too (ramfs_evict drops it). */
		inode->i_parent = igrab(dir);
		inode->i_op = &ramfs_dir_inode_ops;
		inode->i_fop = &ramfs_dir_ops;
		dir->i_nlink++;			/* the child's ".." */
	} else {
		inode->i_nlink = 1;
		inode->i_rdev = dev;
		inode->i_op = &ramfs_file_inode_ops;
		inode->i_fop = S_ISREG(mode) ? &ramfs_file_ops : NULL;	/* devices: at open */
	}
	add_entry(dir, d);
	*out = inode;				/* new_inode's reference */
	return 0;
}

/* Remove the entry; the inode goes when its last user lets go. */
static void remove_entry(struct inode *dir, struct ramfs_dirent *d)
{
	struct inode *inode = igrab(d->inode);
	list_del(&d->link);
	dir->i_nr_entries--;
	kfree(d);
	inode->i_nlink--;
	inode->i_ctime = current_time();
	touch(dir);
	iput(inode);
}

int ramfs_unlink(struct inode *dir, const char *name)
{
	struct ramfs_dirent *d = find_entry(dir, name);
	if (!d)
		return strcmp(name, ".") && strcmp(name, "..") ? -ENOENT : -EISDIR;
	if (S_ISDIR(d->inode->i_mode))
		return -EISDIR;
	remove_entry(dir, d);
	return 0;
}

int ramfs_rmdir(struct inode *dir, const char *name)
{
	if (strcmp(name, ".") == 0)
		return -EINVAL;
	if (strcmp(name, "..") == 0)
		return -ENOTEMPTY;
	struct ramfs_dirent *d = find_entry(dir, name);
	if (!d)
		return -ENOENT;
	struct inode *child = d->inode;
	if (!S_ISDIR(child->i_mode))
		return -ENOTDIR;
	if (child->i_nr_entries)
		return -ENOTEMPTY;
	child->i_nlink = 1;			/* "." goes with it; remove_entry drops the rest */
	dir->i_nlink--;				/* the child's ".." */
	remove_entry(dir, d);
	return 0;
}

const char *ramfs_name_of(struct inode *dir, struct inode *child)
{
	struct ramfs_dirent *d;
	list_for_each_entry(d, &dir->i_entries, link)
		if (d->inode == child)
			return d->name;
	return NULL;
}

void ramfs_evict(struct inode *inode)
{
	truncate_inode_pages(&inode->i_data, 0);
	kfree(inode->i_link);
	if (S_ISDIR(inode->i_mode) && inode->i_parent != inode)
		iput(inode->i_parent);		/* ramfs_create's reference */
}

/* Zero [from, end of page) in the cached page at index, if there is one. */
static void zero_page_tail(struct address_space *m, pgoff_t index, size_t from)
{
	struct page *page = find_get_page(m, index);
	if (!page)
		return;
	memset((char *)page_address(page) + from, 0, PAGE_SIZE - from);
	put_page(page);
}

int ramfs_truncate(struct inode *inode, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	if (size > MAX_LFS_FILESIZE)
		return -EFBIG;
	if (size < inode->i_size) {
		/* pages wholly past the new end go: first out of every mapping
		 * (private copies too: an access there must now get SIGBUS), then
		 * out of the cache; the partial last page keeps its head */
		pgoff_t first = ALIGN_UP((u64)size, PAGE_SIZE) >> PAGE_SHIFT;
		unmap_mapping_range(&inode->i_data, first, ~0UL, true);
		truncate_inode_pages(&inode->i_data, first);
		if (size % PAGE_SIZE)
			zero_page_tail(&inode->i_data, size >> PAGE_SHIFT, size % PAGE_SIZE);
	}
	inode->i_size = size;			/* growing: the new part is a hole */
	touch(inode);
	return 0;
}

/* ftruncate, truncate, O_TRUNC: a memfd's seals first (Linux's
 * shmem_setattr: F_SEAL_SHRINK, F_SEAL_GROW; -EPERM). */
static int ramfs_setsize(struct inode *inode, loff_t size)
{
	if ((size < inode->i_size && (inode->i_seals & F_SEAL_SHRINK)) ||
	    (size > inode->i_size && (inode->i_seals & F_SEAL_GROW)))
		return -EPERM;
	return ramfs_truncate(inode, size);
}

/* How much of a write of n bytes at pos a memfd's seals let through: none
 * (-EPERM) when it is sealed against writes; with F_SEAL_GROW, the pages
 * that end at or before the end of the file, as Linux's shmem_write_begin
 * refuses the first page-sized piece that would pass it (a short write,
 * or -EPERM if that is the first piece). */
static ssize_t sealed_write_len(struct inode *inode, loff_t pos, size_t n)
{
	if (inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (!(inode->i_seals & F_SEAL_GROW))
		return (ssize_t)n;
	size_t ok = 0;
	while (ok < n) {
		size_t chunk = MIN(PAGE_SIZE - (size_t)(pos + ok) % PAGE_SIZE, n - ok);
		if (pos + (loff_t)(ok + chunk) > inode->i_size)
			break;
		ok += chunk;
	}
	return ok ? (ssize_t)ok : -EPERM;
}

/* ---- fallocate (Linux's shmem_fallocate) ------------------------------------
 *
 *   mode 0, FALLOC_FL_KEEP_SIZE	every page of [offset, offset + len) is in the
 *					cache afterwards (a hole becomes a zeroed page);
 *					the size grows to offset + len unless KEEP_SIZE.
 *					More pages than are free: -ENOSPC before any is
 *					taken (as tmpfs's size limit); out of memory or a
 *					signal midway all the same: the pages this call
 *					added go again (-ENOMEM, -EINTR)
 *   FALLOC_FL_PUNCH_HOLE | KEEP_SIZE	the whole pages of the range leave every mapping
 *					(unmap_mapping_range: shared and private ones;
 *					private copies stay, as Linux's), then the cache;
 *					the partial pages at its ends are zeroed in place.
 *					The size stays: the next access faults in a fresh
 *					zeroed page, never SIGBUS
 *   anything else			-EOPNOTSUPP (vfs_fallocate checked the rest)
 *
 * A memfd's seals: a hole in a write-sealed file, or an allocation
 * reaching past the end of a GROW-sealed one, -EPERM. */

/* Zero bytes [from, to) of the cached page at index, if there is one. */
static void zero_page_range(struct address_space *m, pgoff_t index, size_t from, size_t to)
{
	struct page *page = find_get_page(m, index);
	if (!page)
		return;
	memset((char *)page_address(page) + from, 0, to - from);
	put_page(page);
}

static long ramfs_punch_hole(struct inode *inode, loff_t offset, loff_t len)
{
	struct address_space *m = &inode->i_data;
	loff_t end = offset + len;			/* exclusive */
	pgoff_t first = ALIGN_UP((u64)offset, PAGE_SIZE) >> PAGE_SHIFT;	/* whole pages */
	pgoff_t stop = (u64)end >> PAGE_SHIFT;				/* [first, stop) */
	if (inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (first < stop) {
		unmap_mapping_range(m, first, stop - 1, false);
		truncate_inode_pages_range(m, first, stop - 1);
	}
	pgoff_t head = (u64)offset >> PAGE_SHIFT, tail = (u64)(end - 1) >> PAGE_SHIFT;
	if (head == tail && (offset % PAGE_SIZE || end % PAGE_SIZE))	/* inside one page */
		zero_page_range(m, head, offset % PAGE_SIZE, (end - 1) % PAGE_SIZE + 1);
	else {
		if (offset % PAGE_SIZE)
			zero_page_range(m, head, offset % PAGE_SIZE, PAGE_SIZE);
		if (end % PAGE_SIZE)
			zero_page_range(m, tail, 0, end % PAGE_SIZE);
	}
	touch(inode);
	return 0;
}

/* Pages [first, stop) in the cache; on failure those this call added go
 * again (Linux undoes its !uptodate folios), the cache as it was. */
static long ramfs_alloc_range(struct inode *inode, pgoff_t first, pgoff_t stop)
{
	struct address_space *m = &inode->i_data;
	struct list_head added;		/* the pages put in the cache here, through
					   page->lru (a cached page's lru is unused) */
	struct page *page, *next;
	long err = 0;
	INIT_LIST_HEAD(&added);
	for (pgoff_t i = first; i < stop; i++) {
		page = find_get_page(m, i);
		if (page) {
			put_page(page);
			continue;
		}
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
		page = alloc_zeroed_page();
		if (!page || add_to_page_cache(page, m, i) < 0) {
			if (page)
				put_page(page);
			err = -ENOMEM;
			break;
		}
		put_page(page);			/* the cache holds it now */
		list_add_tail(&page->lru, &added);
	}
	list_for_each_entry_safe(page, next, &added, lru) {
		list_del_init(&page->lru);
		if (err)
			delete_from_page_cache(page);
	}
	return err;
}

static long ramfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = f->f_inode;
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return ramfs_punch_hole(inode, offset, len);
	if ((inode->i_seals & F_SEAL_GROW) && offset + len > inode->i_size)
		return -EPERM;
	pgoff_t first = (u64)offset >> PAGE_SHIFT;
	pgoff_t stop = ALIGN_UP((u64)(offset + len), PAGE_SIZE) >> PAGE_SHIFT;
	if (stop - first > nr_free_pages())
		return -ENOSPC;			/* tmpfs's size limit stands in here: before any */
	long err = ramfs_alloc_range(inode, first, stop);
	if (err)
		return err;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && offset + len > inode->i_size)
		inode->i_size = offset + len;
	inode->i_ctime = current_time();
	return 0;
}

static ssize_t ramfs_file_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	size_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	if (*pos >= inode->i_size)
		return 0;
	n = MIN(n, (size_t)(inode->i_size - *pos));
	while (done < n) {
		size_t off = *pos % PAGE_SIZE, chunk = MIN(PAGE_SIZE - off, n - done);
		struct page *page = find_get_page(&inode->i_data, *pos >> PAGE_SHIFT);
		if (page) {
			memcpy(buf + done, (char *)page_address(page) + off, chunk);
			put_page(page);
		} else {
			memset(buf + done, 0, chunk);	/* a hole reads as zeros */
		}
		done += chunk;
		*pos += chunk;
	}
	return done;
}

/* The cached page at index, or a new one put in the cache: with a
 * reference for the caller either way; NULL when out of memory.  A new
 * page is zeroed unless the write will cover all of it (whole), as Linux's
 * simple_write_begin zeroes only what a write leaves: unpacking the initrd
 * writes thousands of whole pages. */
static struct page *grab_cache_page(struct address_space *m, pgoff_t index, bool whole)
{
	struct page *page = find_get_page(m, index);
	if (page)
		return page;
	page = whole ? alloc_page() : alloc_zeroed_page();
	if (page && add_to_page_cache(page, m, index) < 0) {
		put_page(page);
		return NULL;
	}
	return page;
}

static ssize_t ramfs_file_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	size_t done = 0;

	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (*pos < 0)
		return -EINVAL;
	if (!n)
		return 0;	/* Linux: 0, at any offset; the loop below made it -ENOMEM */
	if (*pos >= MAX_LFS_FILESIZE || n > (size_t)(MAX_LFS_FILESIZE - *pos))
		return -EFBIG;
	if (inode->i_seals) {			/* a memfd's (mm/memfd.c) */
		ssize_t allowed = sealed_write_len(inode, *pos, n);
		if (allowed < 0)
			return allowed;
		n = (size_t)allowed;
	}
	while (done < n) {
		size_t off = *pos % PAGE_SIZE, chunk = MIN(PAGE_SIZE - off, n - done);
		struct page *page = grab_cache_page(&inode->i_data, *pos >> PAGE_SHIFT,
						    chunk == PAGE_SIZE);
		if (!page)
			break;
		memcpy((char *)page_address(page) + off, buf + done, chunk);
		set_page_dirty(page);		/* written: msync/fsync would write it back */
		put_page(page);
		done += chunk;
		*pos += chunk;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
	}
	if (done)
		touch(inode);
	return done ? (ssize_t)done : -ENOMEM;
}

/* ".", "..", then the entries in creation order; f_pos counts them. */
int ramfs_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	struct ramfs_dirent *d;
	loff_t i = 2;

	if (ctx->pos == 0 && !ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
		return 0;
	if (ctx->pos <= 1) {
		ctx->pos = 1;
		if (!ctx->actor(ctx, "..", 2, 2, dir->i_parent->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(d, &dir->i_entries, link) {
		if (i++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, d->name, (int)strlen(d->name), ctx->pos + 1, d->inode->i_ino,
				S_DT(d->inode->i_mode)))
			return 0;
		ctx->pos++;
	}
	return 0;
}

int ramfs_file_mmap(struct file *f, struct vm_area_struct *vma);

/* fsync: "write back" every dirty page of the file (see mm/msync.c). */
static int ramfs_fsync(struct file *f)
{
	writeback_range(&f->f_inode->i_data, 0, ~0UL);
	return 0;
}

const struct file_operations ramfs_file_ops = {
	.fallocate = ramfs_fallocate,
	.fsync = ramfs_fsync,
	.read = ramfs_file_read,
	.write = ramfs_file_write,
	.llseek = generic_file_llseek,
	.mmap = ramfs_file_mmap,
};

/* fsync of a directory: nothing to write back (Linux's ramfs answers 0 too). */
static int ramfs_dir_fsync(struct file *f)
{
	return 0;
}

const struct file_operations ramfs_dir_ops = {
	.iterate = ramfs_readdir,
	.fsync = ramfs_dir_fsync,
	.llseek = generic_file_llseek,
};

/* What users may do in a ramfs directory: everything (the VFS has looked
 * the name up and found it free, or found what unlink and rmdir remove). */
static int ramfs_create_file(struct inode *dir, const char *name, umode_t mode, struct inode **out)
{
	return ramfs_create(dir, name, S_IFREG | (mode & S_IALLUGO), 0, out);
}

static int ramfs_mknod(struct inode *dir, const char *name, umode_t mode, dev_t dev)
{
	struct inode *inode;
	int err = ramfs_create(dir, name, mode, dev, &inode);
	if (!err)
		iput(inode);
	return err;
}

static int ramfs_mkdir(struct inode *dir, const char *name, umode_t mode)
{
	return ramfs_mknod(dir, name, S_IFDIR | (mode & S_IALLUGO), 0);
}

/* A symbolic link: an inode whose "data" is the target, kept as a
 * string (Linux's ramfs puts it in a page; i_size is its length either
 * way).  Nothing checks the target: it may name nothing. */
static int ramfs_symlink(struct inode *dir, const char *name, const char *target)
{
	size_t len = strlen(target);
	char *copy = kmalloc(len + 1);
	struct inode *inode;
	if (!copy)
		return -ENOMEM;
	int err = ramfs_create(dir, name, S_IFLNK | 0777, 0, &inode);
	if (err) {
		kfree(copy);
		return err;
	}
	memcpy(copy, target, len + 1);
	inode->i_link = copy;
	inode->i_size = (loff_t)len;
	iput(inode);
	return 0;
}

/* A hard link: one more entry for the inode (never a directory: the VFS
 * refused that). */
static int ramfs_link(struct inode *inode, struct inode *dir, const char *name)
{
	struct ramfs_dirent *d = dirent_alloc(name, inode);
	if (!d)
		return -ENOMEM;
	inode->i_nlink++;
	inode->i_ctime = current_time();
	add_entry(dir, d);
	return 0;
}

/* A directory moved under a new parent: ".." follows, with the reference
 * ramfs_create took, and the link counts of both parents. */
static void reparent(struct inode *child, struct inode *from, struct inode *to)
{
	if (!S_ISDIR(child->i_mode) || from == to)
		return;
	child->i_parent = igrab(to);
	to->i_nlink++;
	from->i_nlink--;
	iput(from);				/* the caller holds from: not freed here */
}

/* RENAME_EXCHANGE: the two entries swap inodes. */
static void rename_exchange(struct inode *old_dir, struct ramfs_dirent *od,
			    struct inode *new_dir, struct ramfs_dirent *nd)
{
	struct inode *a = od->inode, *b = nd->inode;
	od->inode = b;
	nd->inode = a;
	reparent(a, old_dir, new_dir);
	reparent(b, new_dir, old_dir);
	a->i_ctime = b->i_ctime = current_time();
	touch(old_dir);
	touch(new_dir);
}

/* Linux's simple_rename: the VFS has checked types, ancestry and flags
 * (rename.c); what is left is an existing target, which must be an empty
 * directory if it is one, and goes as unlink or rmdir would take it. */
static int ramfs_rename(struct inode *old_dir, const char *old_name, struct inode *new_dir,
			const char *new_name, unsigned int flags)
{
	struct ramfs_dirent *od = find_entry(old_dir, old_name), *nd = find_entry(new_dir, new_name);
	struct inode *inode = od->inode;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;			/* RENAME_WHITEOUT: overlayfs's, not here */
	if (flags & RENAME_EXCHANGE) {
		rename_exchange(old_dir, od, new_dir, nd);
		return 0;
	}
	if (nd && S_ISDIR(nd->inode->i_mode) && nd->inode->i_nr_entries)
		return -ENOTEMPTY;
	struct ramfs_dirent *d = dirent_alloc(new_name, inode);
	if (!d)
		return -ENOMEM;			/* before anything changed */
	if (nd && S_ISDIR(nd->inode->i_mode))
		ramfs_rmdir(new_dir, new_name);
	else if (nd)
		ramfs_unlink(new_dir, new_name);
	list_del(&od->link);
	old_dir->i_nr_entries--;
	kfree(od);
	add_entry(new_dir, d);
	touch(old_dir);
	reparent(inode, old_dir, new_dir);
	inode->i_ctime = current_time();
	return 0;
}

const struct inode_operations ramfs_dir_inode_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create_file,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.rename = ramfs_rename,
};

const struct inode_operations ramfs_file_inode_ops = {
	.setsize = ramfs_setsize,
};

/* mmap of a ramfs file: its pages come from the page cache at fault time. */
static const char *ramfs_vma_name(struct vm_area_struct *vma)
{
	return "ramfs";
}

/* The first write through a shared mapping to a page since it was last
 * "written back" (msync): the page becomes dirty and the file's mtime
 * moves, as a disk file system's ->page_mkwrite does.  Linux's own ramfs
 * and tmpfs have no ->page_mkwrite: they never re-arm write faults; this
 * kernel does, so that write-notify can be watched on a RAM file system.
 * A file whose mode forbids writing (chmod'ed after the mmap: a teaching
 * choice, Linux would allow it) refuses with SIGBUS; so does a page the
 * file was truncated away from. */
static vm_fault_t ramfs_page_mkwrite(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	struct page *page = vmf->page;
	if (!(inode->i_mode & 0222))
		return VM_FAULT_SIGBUS;
	if ((loff_t)page->index << PAGE_SHIFT >= inode->i_size)
		return VM_FAULT_SIGBUS;
	set_page_dirty(page);
	touch(inode);
	return 0;
}

static const struct vm_operations_struct ramfs_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
	.page_mkwrite = ramfs_page_mkwrite,
	.name = ramfs_vma_name,
};

/* A memfd sealed against writes takes no new shared writable mapping
 * (Linux's seal_check_write: -EPERM); mmap has already taken VM_MAYWRITE
 * from a shared read-only one, so mprotect cannot make it writable. */
int ramfs_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	if ((f->f_inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) &&
	    (vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_WRITE))
		return -EPERM;
	vma->vm_ops = &ramfs_vm_ops;
	return 0;
}

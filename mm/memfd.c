/* mm/memfd.c — memfd_create(2) and file sealing, as Linux's mm/memfd.c.
 *
 * A memfd is an anonymous file: a ramfs inode that no directory names
 * (i_nlink 0), so it lives while an fd or a mapping holds it and its pages
 * are an ordinary page cache, mapped through the fault path like any
 * file's (Linux makes a shmem file on its internal tmpfs mount).  It shows
 * in /proc/PID/maps as "/memfd:NAME (deleted)", Linux's name for it.
 *
 * Seals (fcntl F_ADD_SEALS, F_GET_SEALS) restrict what anyone may do to
 * the file from then on; they are only ever added.  ramfs enforces them
 * where Linux's shmem does (kernel/fs/ramfs.c: write, truncate, mmap,
 * fallocate), reading inode->i_seals:
 *
 *	F_SEAL_SEAL		no more seals (F_ADD_SEALS: -EPERM)
 *	F_SEAL_SHRINK		no smaller size (ftruncate: -EPERM)
 *	F_SEAL_GROW		no larger size (ftruncate, a write or fallocate past the end)
 *	F_SEAL_WRITE		no write(), no punched hole, no new shared writable
 *				mapping (-EPERM); refused (-EBUSY) while a shared
 *				mapping that may write exists (Linux's i_mmap_writable)
 *	F_SEAL_FUTURE_WRITE	as F_SEAL_WRITE for what comes next only: shared
 *				writable mappings made before keep writing
 *
 * A memfd made without MFD_ALLOW_SEALING starts with F_SEAL_SEAL: it can
 * never be sealed.  Only memfds take seals here (S_MEMFD); Linux lets any
 * tmpfs file take them (sealed with F_SEAL_SEAL at creation, so F_GET_SEALS
 * says 1 there), and -EINVAL elsewhere, as here for every other file. */
#include "mm/memfd.h"
#include "mm/memory.h"
#include "mm/kmalloc.h"
#include "kernel/proc.h"
#include "kernel/uaccess.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_HUGETLB		0x0004U
#define MFD_HUGE_SHIFT		26
#define MFD_HUGE_MASK		0x3fU
#define MFD_ALL_FLAGS		(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB)
#define F_ALL_SEALS		(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | \
				 F_SEAL_FUTURE_WRITE)

#define MFD_NAME_PREFIX		"/memfd:"	/* Linux's "memfd:", as d_path shows it */
#define MFD_NAME_SUFFIX		" (deleted)"
#define MFD_NAME_MAX_LEN	(NAME_MAX - 6)	/* NAME_MAX minus "memfd:" */

/* The seals of f, or NULL when f cannot take any (Linux's
 * memfd_file_seals_ptr: not a shmem or hugetlbfs file). */
static unsigned int *memfd_file_seals_ptr(struct file *f)
{
	return f->f_inode->i_flags & S_MEMFD ? &f->f_inode->i_seals : NULL;
}

/* F_SEAL_WRITE needs every shared mapping that may write gone (Linux's
 * mapping_deny_writable: VM_SHARED and VM_MAYWRITE, PROT_WRITE or not: a
 * shared mapping of an fd open for writing may be mprotect'ed writable). */
static bool mapping_writably_mapped(struct address_space *m)
{
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &m->i_mmap, shared)
		if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == (VM_SHARED | VM_MAYWRITE))
			return true;
	return false;
}

/* ... and no page held by anyone but the cache and its mappers (a pin
 * could still write into it).  Linux waits a while for such pins to go
 * (memfd_wait_for_pins), then says -EBUSY; here nobody holds a page
 * across system calls, so there is nothing to wait for: a page with such
 * a reference is -EBUSY at once. */
static bool mapping_pinned(struct address_space *m)
{
	struct page *batch[16];
	unsigned int n;
	for (pgoff_t start = 0; (n = find_pages_range(m, start, ~0UL, 16, batch)) > 0;
	     start = batch[n - 1]->index + 1) {
		for (unsigned int i = 0; i < n; i++)
			if (page_count(batch[i]) - batch[i]->mapcount != 1)
				return true;
		if (batch[n - 1]->index == ~0UL)
			break;
	}
	return false;
}

static long memfd_add_seals(struct file *f, unsigned int seals)
{
	unsigned int *file_seals;
	if (!(f->f_mode & FMODE_WRITE))
		return -EPERM;			/* Linux's order: before the file's kind */
	if (seals & ~F_ALL_SEALS)
		return -EINVAL;
	file_seals = memfd_file_seals_ptr(f);
	if (!file_seals)
		return -EINVAL;
	if (*file_seals & F_SEAL_SEAL)
		return -EPERM;
	if ((seals & F_SEAL_WRITE) && !(*file_seals & F_SEAL_WRITE) &&
	    (mapping_writably_mapped(&f->f_inode->i_data) || mapping_pinned(&f->f_inode->i_data)))
		return -EBUSY;
	*file_seals |= seals;
	return 0;
}

long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	unsigned int *seals;
	switch (cmd) {
	case F_ADD_SEALS:
		if (arg > 0xffffffffUL)
			return -EINVAL;		/* an unsigned int: the upper half must be 0 */
		return memfd_add_seals(f, (unsigned int)arg);
	case F_GET_SEALS:
		seals = memfd_file_seals_ptr(f);
		return seals ? (long)*seals : -EINVAL;
	default:
		return -EINVAL;
	}
}

/* The anonymous file: a ramfs inode in no directory, open read-write. */
static struct file *memfd_file(const char *path, unsigned int flags)
{
	char *p = kmalloc(strlen(path) + 1);
	struct inode *inode = p ? new_inode(S_IFREG | 0777) : NULL;	/* shmem_file_setup's mode */
	struct file *f = inode ? file_alloc() : NULL;
	if (!f) {
		iput(inode);			/* i_nlink 0: freed at once */
		kfree(p);
		return NULL;
	}
	inode->i_fop = &ramfs_file_ops;
	inode->i_flags |= S_MEMFD;
	inode->i_seals = flags & MFD_ALLOW_SEALING ? 0 : F_SEAL_SEAL;
	memcpy(p, path, strlen(path) + 1);
	f->f_inode = inode;
	f->f_op = inode->i_fop;
	f->f_flags = O_RDWR | O_LARGEFILE | (flags & MFD_CLOEXEC ? O_CLOEXEC : 0);
	f->f_mode = FMODE_READ | FMODE_WRITE;
	f->f_count = 1;
	f->f_path = p;
	return f;
}

/* memfd_create(name, flags): Linux's checks in Linux's order, then the
 * file at the lowest free fd.
 *
 * MFD_HUGETLB is -EINVAL: a memfd of huge pages is a hugetlbfs file, and
 * there is no hugetlbfs here.  (Linux with hugetlbfs makes the file, and
 * its mmap then fails for want of huge pages; a Linux built without it
 * says -ENOSYS, which would read as "no memfd_create at all".) */
long sys_memfd_create(unsigned long uname, unsigned long uflags)
{
	unsigned int flags = (unsigned int)uflags;
	char name[MFD_NAME_MAX_LEN + 1];
	char path[sizeof(MFD_NAME_PREFIX) + MFD_NAME_MAX_LEN + sizeof(MFD_NAME_SUFFIX)];
	if (!(flags & MFD_HUGETLB) ? (flags & ~MFD_ALL_FLAGS) != 0
				   : (flags & ~(MFD_ALL_FLAGS | (MFD_HUGE_MASK << MFD_HUGE_SHIFT))) != 0)
		return -EINVAL;
	/* the name, at most 249 bytes: a longer one -EINVAL, a bad pointer -EFAULT */
	long len = strncpy_from_user(name, (const char *)uname, sizeof(name));
	if (len == -ENAMETOOLONG)
		return -EINVAL;
	if (len < 0)
		return -EFAULT;
	if (files_count_open(current->files) == NR_OPEN)
		return -EMFILE;			/* Linux takes the fd before the file */
	if (flags & MFD_HUGETLB)
		return -EINVAL;			/* no hugetlbfs: see above */
	snprintf(path, sizeof(path), "%s%s%s", MFD_NAME_PREFIX, name, MFD_NAME_SUFFIX);
	struct file *f = memfd_file(path, flags);
	if (!f)
		return -ENOMEM;
	int fd = fd_install(f);
	f->f_flags &= ~O_CLOEXEC;		/* fd_install read it for close_on_exec */
	return fd;
}

/* kernel/fs/inode.c — allocating, counting and freeing inodes. */
#include "kernel/fs/fs.h"
#include "kernel/time.h"
#include "kernel/panic.h"
#include "mm/kmalloc.h"

struct inode *root_inode;
static unsigned long next_ino = 1;
static unsigned long live_inodes;

/* A file's new times: the coarse clock (Linux's current_time), the same
 * CLOCK_REALTIME clock_gettime reads, so times never go back between the
 * two.  Whole seconds, as before: tv_nsec is left 0 (stat's st_mtim). */
struct timespec64 current_time(void)
{
	struct timespec64 now;
	ktime_get_coarse_real_ts64(&now);
	return (struct timespec64){ now.tv_sec, 0 };
}

struct inode *new_inode(umode_t mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	if (!inode)
		return NULL;
	inode->i_ino = next_ino++;
	inode->i_mode = mode;
	inode->i_sb = &ramfs_sb;		/* ramfs_create: the directory's */
	/* ramfs's kind unless its maker says otherwise (procfs, devfs) */
	inode->i_op = S_ISDIR(mode) ? &ramfs_dir_inode_ops : &ramfs_file_inode_ops;
	inode->i_count = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	address_space_init(&inode->i_data, inode);
	INIT_LIST_HEAD(&inode->i_entries);
	live_inodes++;
	return inode;
}

/* Drop a use.  The last use of an inode no directory names any more
 * frees it: its pages first (ramfs_evict), then the inode. */
void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (inode->i_count <= 0)
		panic("iput: inode %lu has i_count %d", inode->i_ino, inode->i_count);
	if (--inode->i_count || inode->i_nlink)
		return;
	ramfs_evict(inode);
	live_inodes--;
	kfree(inode);
}

unsigned long nr_inodes(void)
{
	return live_inodes;
}

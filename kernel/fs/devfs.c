/* kernel/fs/devfs.c — /dev: a file system of its own kind, holding the
 * device nodes the kernel makes (chardev_init, and drivers found at boot
 * through register_chrdev).  Users open the nodes; they do not change the
 * directory:
 *
 *	unlink, rmdir, mkdir, mknod	-EPERM (no ->unlink, ->rmdir, ->mkdir, ->mknod)
 *	creat, O_CREAT of a new name	-EACCES (no ->create, as Linux's lookup_open)
 *	rmdir /dev			-EBUSY (the root of the kind: a mount point)
 *	a name /dev lacks		-ENOENT for open, stat, unlink, rmdir
 *
 * Linux's /dev is devtmpfs, a tmpfs where root may remove and make nodes;
 * faultline deliberately differs: its nodes are the kernel's (a student's
 * broken program must not be able to remove /dev/null or /dev/console for
 * every later program), so its errors are those Linux gives for a kind
 * without these operations (sysfs, say).  Everything else (lookups, stat,
 * getdents, the devices' own operations, truncate -EINVAL of a device)
 * is as on Linux. */
#include "kernel/fs/fs.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/panic.h"

/* Nothing but lookup: the VFS refuses the rest with Linux's errors (fs.h). */
static const struct inode_operations devfs_dir_inode_ops = { .lookup = ramfs_lookup };
static const struct inode_operations devfs_node_inode_ops = { 0 };

/* devtmpfs is a tmpfs: statfs answers as ramfs's. */
struct super_block devfs_sb = { "devtmpfs", 3, ramfs_statfs };

void devfs_init(void)
{
	struct inode *dev;
	int err = ramfs_create(root_inode, "dev", S_IFDIR | 0755, 0, &dev);
	if (err)
		panic("devfs: cannot make /dev: %d", err);
	dev->i_op = &devfs_dir_inode_ops;	/* i_fop stays ramfs's: readdir, fsync 0 */
	dev->i_flags |= S_MOUNTPOINT;
	dev->i_sb = &devfs_sb;
	iput(dev);
}

/* The kernel's own way to add a node: path is "/dev/NAME". */
int devfs_mknod(const char *path, umode_t mode, dev_t dev)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last), *inode;
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = dir->i_op == &devfs_dir_inode_ops ? ramfs_create(dir, last, mode, dev, &inode)
						    : -EINVAL;	/* not in /dev */
	iput(dir);
	if (err)
		return err;
	inode->i_op = &devfs_node_inode_ops;
	iput(inode);
	return 0;
}

/* kernel/fs/blkdev.h — block devices: a disk as sectors, and its /dev node.
 *
 * A driver (drivers/virtio_blk.c) fills a struct block_device with its size
 * and a submit_rw that moves whole 512-byte sectors between the disk and
 * memory of the direct map, sleeping until they have moved; register_blkdev
 * makes its node (/dev/vda), whose read/write/lseek/ioctl are blkdev.c's.
 * swapon will take the same struct and call submit_rw with a page. */
#ifndef KERNEL_FS_BLKDEV_H
#define KERNEL_FS_BLKDEV_H

#include "kernel/fs/fs.h"

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1 << SECTOR_SHIFT)

#define BLKGETSIZE	0x1260		/* _IO(0x12, 96): size in sectors (unsigned long) */
#define BLKSSZGET	0x1268		/* _IO(0x12, 104): logical sector size (int) */
#define BLKGETSIZE64	0x80081272	/* _IOR(0x12, 114, size_t): size in bytes (u64) */

struct block_device {
	const char *name;		/* "vda": the node is /dev/NAME */
	dev_t dev;
	u64 nr_sectors;			/* the size, in 512-byte sectors */
	/* Move nr sectors from sector on between the disk and buf (in the
	 * direct map: the device reads it by physical address; at most a
	 * page), write or read; sleeps until done.  0, or -EIO. */
	int (*submit_rw)(struct block_device *bdev, u64 sector, void *buf, unsigned int nr,
			 bool write);
	void *private;			/* the driver's */
};

/* The node /dev/NAME, S_IFBLK with bdev->dev; 0 or an error. */
int register_blkdev(struct block_device *bdev);
/* The file operations of a block node's device number, or NULL. */
const struct file_operations *blkdev_fops(dev_t dev);

#endif

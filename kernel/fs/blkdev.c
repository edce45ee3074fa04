/* kernel/fs/blkdev.c — a block device's node as a file (Linux's block/fops.c).
 *
 * read, write and lseek go anywhere in the disk, at any offset and length,
 * as Linux's buffered block-device I/O does through its page cache.  There
 * is no page cache here: each call moves the sectors it touches through a
 * bounce page of its own (the device reads and writes memory by physical
 * address; the caller's buffer may be on a kernel stack, outside the
 * direct map), a page at a time:
 *
 *	read    the sectors touched, into the bounce page; the bytes asked for out
 *	write   whole sectors: straight in.  A sector only partly written: read
 *	        first, then the new bytes over it, then written back (its
 *	        neighbouring bytes stay as they were)
 *
 * Writes go to the disk before write returns (fsync has nothing to do).
 * At and past the end, as Linux's blkdev_read_iter and blkdev_write_iter:
 * a read gives 0, a write -ENOSPC, one across the end is cut short there;
 * lseek beyond the end is -EINVAL (fixed_size_llseek).  The bounce page is
 * per call, not per device: a call sleeps while its sectors move, and
 * another task's call may run meanwhile. */
#include "kernel/fs/blkdev.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/uaccess.h"
#include "mm/page_alloc.h"

#define MAX_BLKDEVS	4

static struct block_device *blkdevs[MAX_BLKDEVS];
static int nr_blkdevs;

static loff_t bdev_nr_bytes(const struct block_device *bdev)
{
	return (loff_t)(bdev->nr_sectors << SECTOR_SHIFT);
}

static struct block_device *bdev_lookup(dev_t dev)
{
	for (int i = 0; i < nr_blkdevs; i++)
		if (blkdevs[i]->dev == dev)
			return blkdevs[i];
	return NULL;
}

static int blkdev_open(struct inode *inode, struct file *f)
{
	f->private_data = bdev_lookup(inode->i_rdev);
	return f->private_data ? 0 : -ENXIO;
}

/* n bytes (already cut at the end of the disk) at *pos, through a bounce
 * page, a page of sectors at a time (see the top); the bytes moved, or an
 * error if none were. */
static ssize_t blkdev_rw(struct block_device *bdev, char *buf, size_t n, loff_t *pos, bool write)
{
	struct page *page = alloc_page();
	if (!page)
		return -ENOMEM;
	char *bounce = page_address(page);
	size_t done = 0;
	int err = 0;
	while (done < n) {
		u64 sector = (u64)*pos >> SECTOR_SHIFT;
		size_t off = (size_t)(*pos & (SECTOR_SIZE - 1));
		size_t chunk = MIN(n - done, PAGE_SIZE - off);
		unsigned int nr = (unsigned int)((off + chunk + SECTOR_SIZE - 1) >> SECTOR_SHIFT);
		bool partial = off || ((off + chunk) & (SECTOR_SIZE - 1));
		if (!write || partial)
			err = bdev->submit_rw(bdev, sector, bounce, nr, false);
		if (!err && write) {
			memcpy(bounce + off, buf + done, chunk);
			err = bdev->submit_rw(bdev, sector, bounce, nr, true);
		} else if (!err) {
			memcpy(buf + done, bounce + off, chunk);
		}
		if (err)
			break;
		done += chunk;
		*pos += (loff_t)chunk;
	}
	__free_page(page);
	return done ? (ssize_t)done : err;
}

static ssize_t blkdev_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct block_device *bdev = f->private_data;
	loff_t size = bdev_nr_bytes(bdev);
	if (*pos >= size)
		return 0;
	return blkdev_rw(bdev, buf, MIN(n, (size_t)(size - *pos)), pos, false);
}

static ssize_t blkdev_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	struct block_device *bdev = f->private_data;
	loff_t size = bdev_nr_bytes(bdev);
	if (!n)
		return 0;
	if (*pos >= size)
		return -ENOSPC;
	return blkdev_rw(bdev, (char *)buf, MIN(n, (size_t)(size - *pos)), pos, true);
}

/* Linux's fixed_size_llseek: SEEK_END from the disk's size, and nowhere
 * outside 0..size. */
static loff_t blkdev_llseek(struct file *f, loff_t off, int whence)
{
	loff_t size = bdev_nr_bytes(f->private_data);
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos : size;
	if (whence == SEEK_CUR && off == 0)
		return f->f_pos;
	if ((off > 0 && base > size - off) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

/* The size queries of Linux's blkdev_ioctl; anything else is -ENOTTY. */
static long blkdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = f->private_data;
	u64 bytes = (u64)bdev_nr_bytes(bdev);
	unsigned long sectors = bdev->nr_sectors;
	int ssz = SECTOR_SIZE;
	const void *val;
	size_t len;
	switch (cmd) {
	case BLKGETSIZE64: val = &bytes; len = sizeof(bytes); break;
	case BLKGETSIZE: val = &sectors; len = sizeof(sectors); break;
	case BLKSSZGET: val = &ssz; len = sizeof(ssz); break;
	default: return -ENOTTY;
	}
	return copy_to_user((void *)arg, val, len) ? -EFAULT : 0;
}

static int blkdev_fsync(struct file *f)
{
	return 0;			/* every write is on the disk when it returns */
}

static const struct file_operations def_blk_fops = {
	.open = blkdev_open, .read = blkdev_read, .write = blkdev_write,
	.llseek = blkdev_llseek, .ioctl = blkdev_ioctl, .fsync = blkdev_fsync,
};

const struct file_operations *blkdev_fops(dev_t dev)
{
	return bdev_lookup(dev) ? &def_blk_fops : NULL;
}

/* Mode 0660 root:root, as udev makes /dev/vda (root:disk there). */
int register_blkdev(struct block_device *bdev)
{
	char path[32];
	if (nr_blkdevs == MAX_BLKDEVS)
		return -ENOSPC;
	snprintf(path, sizeof(path), "/dev/%s", bdev->name);
	blkdevs[nr_blkdevs++] = bdev;
	return devfs_mknod(path, S_IFBLK | 0660, bdev->dev);
}

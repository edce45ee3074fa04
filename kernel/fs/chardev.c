/* kernel/fs/chardev.c — character devices: /dev/null, /dev/zero,
 * /dev/random and /dev/urandom (kernel/random.c), and the terminal's
 * /dev/console and /dev/tty (kernel/tty.c).
 *
 * Each is a (major, minor) number with its own file_operations, as Linux
 * numbers them; chardev_init() makes /dev (devfs.c) and their nodes in it
 * (as devtmpfs would: no device files need to come from the initrd). */
#include "kernel/fs/fs.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "drivers/serial.h"
#include "kernel/uaccess.h"
#include "kernel/sched.h"
#include "kernel/proc.h"
#include "kernel/signal.h"

/* --- /dev/null: reads end at once, writes vanish --- */
static ssize_t null_read(struct file *f, char *buf, size_t n, loff_t *pos) { return 0; }
static ssize_t null_write(struct file *f, const char *buf, size_t n, loff_t *pos) { return n; }

static loff_t zero_llseek(struct file *f, loff_t off, int whence)
{
	f->f_pos = 0;		/* Linux: seeking /dev/null or /dev/zero always gives 0 */
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .llseek = zero_llseek,
};

/* --- /dev/zero: reads give zeros, writes vanish --- */
static ssize_t zero_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	memset(buf, 0, n);
	return n;
}

static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .llseek = zero_llseek,
};

/* --- /dev/console and /dev/tty: the terminal (kernel/tty.c); /dev/random
 * and /dev/urandom (kernel/random.c) --- */
extern const struct file_operations console_fops, dev_tty_fops, random_fops;

struct chrdev {
	const char *path;
	dev_t dev;
	const struct file_operations *fops;
};

static const struct chrdev chrdevs[] = {
	{ "/dev/null", MKDEV(1, 3), &null_fops },
	{ "/dev/zero", MKDEV(1, 5), &zero_fops },
	{ "/dev/random", MKDEV(1, 8), &random_fops },
	{ "/dev/urandom", MKDEV(1, 9), &random_fops },
	{ "/dev/console", MKDEV(5, 1), &console_fops },
	{ "/dev/tty", MKDEV(5, 0), &dev_tty_fops },
};

/* Drivers found at boot (the framebuffer) register here. */
static struct chrdev dynamic[4];
static int nr_dynamic;

const struct file_operations *chrdev_fops(dev_t dev)
{
	for (size_t i = 0; i < ARRAY_SIZE(chrdevs); i++)
		if (chrdevs[i].dev == dev)
			return chrdevs[i].fops;
	for (int i = 0; i < nr_dynamic; i++)
		if (dynamic[i].dev == dev)
			return dynamic[i].fops;
	return NULL;
}

int register_chrdev(const char *path, dev_t dev, const struct file_operations *fops)
{
	if (nr_dynamic == ARRAY_SIZE(dynamic))
		return -ENOSPC;
	dynamic[nr_dynamic++] = (struct chrdev){ path, dev, fops };
	return devfs_mknod(path, S_IFCHR | 0666, dev);
}

void chardev_init(void)
{
	devfs_init();
	for (size_t i = 0; i < ARRAY_SIZE(chrdevs); i++) {
		int err = devfs_mknod(chrdevs[i].path, S_IFCHR | 0666, chrdevs[i].dev);
		if (err)
			panic("chardev: cannot make %s: %d", chrdevs[i].path, err);
	}
}

/* kernel/fs/chardev.c — character devices: /dev/console, /dev/null, /dev/zero.
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

/* --- /dev/console: the serial port, with line editing --- */
#define CONSOLE_LINE_MAX 256
static char line[CONSOLE_LINE_MAX];	/* the line being typed, or a finished one */
static size_t line_len, line_off;	/* its length; how much of it was read */
static bool line_done;			/* Enter (or Ctrl-D) ended it */

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

/* Nothing typed yet: run another process, or sleep until an interrupt. */
static void wait_a_moment(void)
{
	unsigned long switches = current->nvcsw + current->nivcsw;
	schedule();
	if (current->nvcsw + current->nivcsw == switches)	/* nobody else ran: idle */
		asm volatile("sti; hlt; cli" ::: "memory");
}

/* Read one line from the UART, echoing and editing as a terminal in
 * canonical mode: Backspace/DEL erase a character, Ctrl-U the line,
 * Enter ends it (kept as '\n'), Ctrl-D on an empty line is end of file.
 * A signal arriving while waiting ends the wait: -ERESTARTSYS, which the
 * signal code turns into a restart (SA_RESTART) or -EINTR; what was typed
 * so far stays, for the next read (as Linux's tty keeps it). */
static int console_read_line(void)
{
	for (;;) {
		int c = serial_getc_nonblock();
		if (c < 0) {
			if (signal_pending(current))	/* a handler to run: restart or EINTR */
				return -ERESTARTSYS;
			wait_a_moment();	/* let others run; idle until the next tick */
			continue;
		}
		if (c == '\r' || c == '\n') {
			line[line_len++] = '\n';
			echo("\n", 1);
			line_done = true;
			return 0;
		}
		if (c == 0x04 && line_len == 0) {	/* Ctrl-D: EOF */
			line_done = true;
			return 0;
		}
		if ((c == 0x7f || c == 0x08) && line_len) {
			line_len--;
			echo("\b \b", 3);
		} else if (c == 0x15) {			/* Ctrl-U */
			for (; line_len; line_len--)
				echo("\b \b", 3);
		} else if (c >= ' ' && c < 0x7f && line_len < CONSOLE_LINE_MAX - 1) {
			line[line_len++] = (char)c;
			echo(&line[line_len - 1], 1);
		}
	}
}

static ssize_t console_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	if (!line_done) {
		int err = console_read_line();
		if (err)
			return err;
	}
	size_t k = MIN(n, line_len - line_off);
	memcpy(buf, line + line_off, k);
	line_off += k;
	if (line_off == line_len)		/* all read: the next read types a new line */
		line_len = line_off = 0, line_done = false;
	return k;
}

static ssize_t console_dev_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	echo(buf, n);
	return n;
}

/* Enough of a terminal for isatty() and programs that ask its size. */
#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413
static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == TCGETS) {			/* struct termios: canonical, echo */
		struct { u32 iflag, oflag, cflag, lflag; u8 line, cc[19]; } t = {
			.iflag = 0x500 /* ICRNL|IXON */, .oflag = 0x5 /* OPOST|ONLCR */,
			.cflag = 0xbf /* B38400|CS8|CREAD */, .lflag = 0x8a3b /* ISIG|ICANON|ECHO.. */,
		};
		return copy_to_user((void *)arg, &t, sizeof(t)) ? -EFAULT : 0;
	}
	if (cmd == TIOCGWINSZ) {		/* struct winsize: 25 rows, 80 columns */
		u16 ws[4] = { 25, 80, 0, 0 };
		return copy_to_user((void *)arg, ws, sizeof(ws)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

/* Readable when a typed line waits, or a byte in the UART (then a read
 * may still wait for the rest of its line: the console has no input
 * interrupt yet, so this is the best it knows); always writable.  The UART
 * is looked at again every tick (tick_wait). */
static unsigned int console_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(f, &tick_wait, pt);
	unsigned int mask = POLLOUT | POLLWRNORM;
	if (line_done || serial_data_ready())
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static const struct file_operations console_fops = {
	.read = console_read, .write = console_dev_write, .llseek = noop_llseek,
	.ioctl = console_ioctl, .poll = console_poll,
};

struct chrdev {
	const char *path;
	dev_t dev;
	const struct file_operations *fops;
};

static const struct chrdev chrdevs[] = {
	{ "/dev/null", MKDEV(1, 3), &null_fops },
	{ "/dev/zero", MKDEV(1, 5), &zero_fops },
	{ "/dev/console", MKDEV(5, 1), &console_fops },
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

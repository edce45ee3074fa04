/* kernel/tty.c — the console as a terminal: Linux's tty with its n_tty line
 * discipline, for the one terminal this kernel has: the console, typed at
 * on the serial port or on the PS/2 keyboard (the framebuffer's window).
 *
 * Input: the UART has no interrupt here, so every timer tick (tty_tick) and
 * every reader drains it; the keyboard's interrupt hands over the bytes of
 * each key (tty_insert_flip_string, drivers/keyboard.c).  Both go the same
 * way (tty_receive_byte) into n_tty_receive_char, which, as Linux's n_tty:
 *   - with ISIG turns VINTR (Ctrl-C), VQUIT (Ctrl-\) and VSUSP (Ctrl-Z)
 *     into SIGINT, SIGQUIT, SIGTSTP for the foreground process group, and
 *     throws away what was typed;
 *   - with ICANON edits a line (VERASE, VKILL, VWERASE) and hands it to
 *     readers when it ends (a newline, VEOL, or VEOF: Ctrl-D, which on an
 *     empty line reads as end of file);
 *   - without ICANON hands every byte over as it comes (ESC, Tab, control
 *     characters), and read waits as VMIN and VTIME say;
 *   - echoes when ECHO is set (control characters as ^X with ECHOCTL).
 * Output goes to the console as printk's does (the serial port turns \n
 * into \r\n, as OPOST|ONLCR).
 *
 * Job control: the terminal has a session and a foreground process group.
 * A session leader takes it with TIOCSCTTY (BusyBox's init does, for its
 * shell); until someone does, it belongs to the boot's session 0 and its
 * foreground group is 0, the first program's: Ctrl-C reaches whatever the
 * default shell runs (the shell itself ignores SIGINT).  A process of the
 * terminal's session outside the foreground group that reads gets SIGTTIN
 * (-EIO if it ignores or blocks it), as Linux's job_control().  /dev/tty is
 * the caller's controlling terminal. */
#include "kernel/fs/fs.h"
#include "kernel/wait.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "kernel/irq.h"
#include "drivers/serial.h"

/* termios flags and indexes (Linux's x86-64 values) */
#define ICRNL	0000400
#define INLCR	0000100
#define IGNCR	0000200
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define ECHOCTL	0001000
#define IEXTEN	0100000
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VSUSP	10
#define VEOL	11
#define VWERASE	14
#define NCCS	19

struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define TTY_BUF		4096		/* bytes ready for readers */
#define TTY_LINE	256		/* the line being edited */
#define TTY_LINES	64		/* completed lines not yet read */

static struct tty {
	struct termios termios;
	struct winsize winsize;
	int session, pgrp;		/* its session (0: the boot's) and foreground group */
	char buf[TTY_BUF];		/* ready: completed lines (ICANON) or bytes */
	size_t nbuf;
	size_t lines[TTY_LINES];	/* ICANON: the lengths of the completed lines in buf
					   (0: an end of file, Ctrl-D on an empty line) */
	int nlines;
	char edit[TTY_LINE];		/* ICANON: the line being typed */
	size_t nedit;
	struct wait_queue_head read_wait;
} console_tty = {
	/* Linux's defaults (tty_std_termios): ICRNL|IXON; OPOST|ONLCR; B38400|CS8|CREAD;
	 * ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN */
	.termios = { 0x500, 0x5, 0xbf, 0x8a3b, 0,
		     { 3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17,
		       0x16, 0 } },
	.winsize = { 25, 80, 0, 0 },
	.read_wait = { LIST_HEAD_INIT(console_tty.read_wait.head) },
};

static bool L(struct tty *tty, u32 flag) { return tty->termios.c_lflag & flag; }

static void tty_echo(struct tty *tty, const char *s, size_t n)
{
	if (L(tty, ECHO))
		console_write(s, n);
}

/* A control character (iscntrl: below ' ', or DEL) but Tab as ^X with
 * ECHOCTL, anything else as itself (Linux's echo_char: "^" and c ^ 0100, so
 * DEL is ^?).  A newline gets here only without ICANON, and shows as ^J,
 * as on Linux: canonical mode echoes its line ends itself. */
static bool echoctl_char(struct tty *tty, char c)
{
	return L(tty, ECHOCTL) && ((unsigned char)c < ' ' || c == 0x7f) && c != '\t';
}

static void echo_char(struct tty *tty, char c)
{
	if (echoctl_char(tty, c)) {
		char s[2] = { '^', (char)(c ^ 0100) };
		tty_echo(tty, s, 2);
	} else {
		tty_echo(tty, &c, 1);
	}
}

static void erase_one(struct tty *tty)
{
	if (!tty->nedit)
		return;
	char c = tty->edit[--tty->nedit];
	bool wide = echoctl_char(tty, c);
	if (L(tty, ECHOE))
		tty_echo(tty, wide ? "\b \b\b \b" : "\b \b", wide ? 6 : 3);
}

/* A finished line (len bytes of edit, maybe 0 for an end of file) for readers. */
static void put_line(struct tty *tty, size_t len)
{
	if (tty->nlines == TTY_LINES || tty->nbuf + len > TTY_BUF)
		return;				/* nobody reads: as Linux, input is lost */
	memcpy(tty->buf + tty->nbuf, tty->edit, len);
	tty->nbuf += len;
	tty->lines[tty->nlines++] = len;
	tty->nedit = 0;
	wake_up(&tty->read_wait);
}

static void signal_foreground(struct tty *tty, int sig)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid > 1 && t->pgid == tty->pgrp && t->state != TASK_ZOMBIE &&
		    t->state != TASK_DEAD)
			send_signal(t, sig, 0);
	tty->nedit = tty->nbuf = 0;		/* as Linux (no NOFLSH): what was typed goes */
	tty->nlines = 0;
}

/* One byte from the keyboard (Linux's n_tty_receive_char). */
static void n_tty_receive_char(struct tty *tty, char c)
{
	const u8 *cc = tty->termios.c_cc;
	u32 iflag = tty->termios.c_iflag;
	if (c == '\r') {
		if (iflag & IGNCR)
			return;
		if (iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (iflag & INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG) && c && (c == cc[VINTR] || c == cc[VQUIT] || c == cc[VSUSP])) {
		echo_char(tty, c);		/* "^C", no newline: the shell prints one */
		signal_foreground(tty, c == cc[VINTR] ? SIGINT : c == cc[VQUIT] ? SIGQUIT : 20 /* SIGTSTP */);
		return;
	}
	if (!L(tty, ICANON)) {			/* raw or cbreak: every byte, as it comes */
		if (tty->nbuf < TTY_BUF)
			tty->buf[tty->nbuf++] = c;
		echo_char(tty, c);
		wake_up(&tty->read_wait);
		return;
	}
	if (c == cc[VERASE] || c == '\b') {
		erase_one(tty);
	} else if (c == cc[VKILL]) {
		while (tty->nedit)
			erase_one(tty);
	} else if (c == cc[VWERASE] && L(tty, IEXTEN)) {
		while (tty->nedit && tty->edit[tty->nedit - 1] == ' ')
			erase_one(tty);
		while (tty->nedit && tty->edit[tty->nedit - 1] != ' ')
			erase_one(tty);
	} else if (c == cc[VEOF]) {
		put_line(tty, tty->nedit);	/* the line so far; on an empty line: end of file */
	} else if (c == '\n' || (c && c == cc[VEOL])) {
		if (tty->nedit < TTY_LINE)
			tty->edit[tty->nedit++] = c;
		if (L(tty, ECHO) || L(tty, ECHONL))
			console_write("\n", 1);
		put_line(tty, tty->nedit);
	} else if (tty->nedit < TTY_LINE - 1) {
		tty->edit[tty->nedit++] = c;
		echo_char(tty, c);
	}
}

/* Whatever the UART holds: its ISIG characters act at once (Ctrl-C stops a
 * program that reads nothing); the rest waits in rawq until a reader (or
 * poll) runs it through the line discipline, so that typeahead is echoed
 * when it is read, after the output of the program it was typed during. */
static char rawq[TTY_BUF];
static size_t nraw;

static bool isig_char(struct tty *tty, char c)
{
	const u8 *cc = tty->termios.c_cc;
	return L(tty, ISIG) && c && (c == cc[VINTR] || c == cc[VQUIT] || c == cc[VSUSP]);
}

/* One byte from either keyboard of the console, the UART's or the PS/2
 * one's (Linux: tty_insert_flip_char, and the line discipline's receive). */
static void tty_receive_byte(struct tty *tty, char c)
{
	if (isig_char(tty, c)) {
		nraw = 0;
		n_tty_receive_char(tty, c);
	} else if (nraw < TTY_BUF) {
		rawq[nraw++] = c;
	}
}

static void tty_drain(struct tty *tty)
{
	int c;
	while ((c = serial_getc_nonblock()) >= 0)
		tty_receive_byte(tty, (char)c);
	/* a reader is here: the line discipline, up to the first whole line in
	 * canonical mode (the rest is echoed when it is read), all of it raw */
	size_t i = 0;
	while (i < nraw && !(L(tty, ICANON) && tty->nlines))
		n_tty_receive_char(tty, rawq[i++]);
	memmove(rawq, rawq + i, nraw - i);
	nraw -= i;
}

/* Someone waits to read (a canonical reader, a poll): give it to them.
 * A raw reader waits on tick_wait and drains at the next tick itself. */
static void tty_push(struct tty *tty)
{
	if (nraw && !list_empty(&tty->read_wait.head))
		tty_drain(tty);
}

void tty_tick(void)
{
	struct tty *tty = &console_tty;
	int c;
	while (serial_data_ready() && (c = serial_getc_nonblock()) >= 0)
		tty_receive_byte(tty, (char)c);
	tty_push(tty);
}

/* The bytes of one interrupt's keys from the PS/2 keyboard (drivers/
 * keyboard.c): into the same tty as the UART's, the same way, so that
 * Ctrl-C there is Ctrl-C here (Linux: tty_insert_flip_string, then
 * tty_flip_buffer_push).  Called with interrupts off, in an interrupt that
 * came in user mode or the idle loop, as tty_tick: never inside tty code. */
void tty_insert_flip_string(const char *s, size_t n)
{
	struct tty *tty = &console_tty;
	for (size_t i = 0; i < n; i++)
		tty_receive_byte(tty, s[i]);
	tty_push(tty);
}

/* The controlling terminal of t, as /proc/PID/stat shows it (Linux's
 * do_task_stat: tty_nr, tpgid): the console's device number, encoded as
 * new_encode_dev does (5:1 is 0x501), and its foreground process group,
 * when t belongs to the console's session; 0 and -1 when it has none.
 * (MKDEV is new_encode_dev for minors below 256.) */
unsigned int tty_stat_of(const struct task_struct *t, int *tpgid)
{
	if (t->sid != console_tty.session) {
		*tpgid = -1;
		return 0;
	}
	*tpgid = console_tty.pgrp;
	return MKDEV(5, 1);			/* /dev/console's number */
}

/* Linux's job_control: a read by a process of the terminal's session that
 * is not in its foreground group stops it (SIGTTIN) — or fails, -EIO, when
 * it ignores or blocks SIGTTIN. */
static int job_control(struct tty *tty)
{
	if (current->sid != tty->session || current->pgid == tty->pgrp)
		return 0;
	if ((current->sig.blocked & sigmask(21)) || current->sig.action[21].handler == SIG_IGN)
		return -EIO;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == current->pgid && t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
			send_signal(t, 21 /* SIGTTIN */, 0);
	return -ERESTARTSYS;
}

/* Bytes ready for a read: canonical mode, the first line's; raw, all. */
static size_t ready(struct tty *tty)
{
	return L(tty, ICANON) ? (tty->nlines ? tty->lines[0] + 1 : 0) : tty->nbuf;
}

static void consume(struct tty *tty, size_t n)
{
	memmove(tty->buf, tty->buf + n, tty->nbuf - n);
	tty->nbuf -= n;
}

static ssize_t tty_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct tty *tty = &console_tty;
	int err = job_control(tty);
	if (err)
		return err;
	if (!n)
		return 0;
	if (L(tty, ICANON)) {
		tty_drain(tty);
		if (!tty->nlines && (f->f_flags & O_NONBLOCK))
			return -EAGAIN;
		err = wait_event_interruptible(&tty->read_wait, (tty_drain(tty), tty->nlines > 0));
		if (err)
			return err;
		size_t k = MIN(n, tty->lines[0]);	/* a line at most; 0: end of file */
		memcpy(buf, tty->buf, k);
		consume(tty, k);
		if (!(tty->lines[0] -= k)) {
			tty->nlines--;
			memmove(tty->lines, tty->lines + 1, tty->nlines * sizeof(tty->lines[0]));
		}
		return (ssize_t)k;
	}
	/* raw: VMIN bytes, or what came within VTIME tenths of a second */
	const u8 *cc = tty->termios.c_cc;
	size_t want = MIN(n, (size_t)MAX(cc[VMIN], 1));
	u64 until = cc[VTIME] ? jiffies + (u64)cc[VTIME] * HZ / 10 : ~0ULL;
	tty_drain(tty);
	if (!cc[VMIN] && !cc[VTIME])
		want = 0;			/* a poll: what is there now */
	if ((f->f_flags & O_NONBLOCK) && !tty->nbuf)
		return -EAGAIN;
	while (tty->nbuf < want) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		if (!cc[VMIN] && jiffies >= until)
			break;			/* VMIN 0: the time ran out */
		struct wait_queue_entry w = { .task = current };
		list_add_tail(&w.entry, &tick_wait.head);	/* a tick drains the UART */
		schedule_timeout_until(until);
		list_del(&w.entry);
		tty_drain(tty);
		if (cc[VMIN] && cc[VTIME] && tty->nbuf)
			break;			/* the inter-byte timer: return what came */
	}
	size_t k = MIN(n, tty->nbuf);
	memcpy(buf, tty->buf, k);
	consume(tty, k);
	return (ssize_t)k;
}

static ssize_t tty_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	console_write(buf, n);
	return (ssize_t)n;
}

static unsigned int tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = &console_tty;
	poll_wait(f, &tick_wait, pt);
	poll_wait(f, &tty->read_wait, pt);
	tty_drain(tty);
	return POLLOUT | POLLWRNORM | (ready(tty) ? POLLIN | POLLRDNORM : 0);
}

/* ioctl numbers (Linux's) */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

static bool pgrp_in_session(int pgrp, int sid)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == pgrp && t->sid == sid && t->state != TASK_DEAD)
			return true;
	return false;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = &console_tty;
	void *u = (void *)arg;
	int v;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(u, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS: case TCSETSW: case TCSETSF: {
		struct termios t;
		if (copy_from_user(&t, u, sizeof(t)))
			return -EFAULT;
		if (cmd == TCSETSF)
			tty->nbuf = tty->nedit = 0, tty->nlines = 0;
		if ((tty->termios.c_lflag & ICANON) && !(t.c_lflag & ICANON)) {
			/* leaving canonical mode: the line being typed becomes bytes */
			size_t k = MIN(tty->nedit, TTY_BUF - tty->nbuf);
			memcpy(tty->buf + tty->nbuf, tty->edit, k);
			tty->nbuf += k;
			tty->nedit = 0;
			tty->nlines = 0;
		} else if (!(tty->termios.c_lflag & ICANON) && (t.c_lflag & ICANON)) {
			/* the bytes already there read as one line, all of them, the
			 * last one too (Linux marks the byte before read_head as the
			 * line's end: canon_copy_from_read_buf copies through it) */
			tty->nlines = 0;
			if (tty->nbuf)
				tty->lines[tty->nlines++] = tty->nbuf;
		}
		tty->termios = t;
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user(u, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, u, sizeof(tty->winsize)) ? -EFAULT : 0;
	case FIONREAD:
		tty_drain(tty);
		v = (int)ready(tty);
		return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSCTTY:			/* a session leader takes it (the boot's session lets go) */
		if (current->sid != current->pid)
			return -EPERM;
		if (tty->session == current->sid)
			return 0;
		if (tty->session && !arg)
			return -EPERM;		/* another session's: stealing needs arg 1 (root) */
		tty->session = current->sid;
		tty->pgrp = current->pgid;
		return 0;
	case TIOCNOTTY:
		if (tty->session != current->sid)
			return -ENOTTY;
		if (current->sid == current->pid) {
			tty->session = tty->pgrp = 0;	/* its session leader lets it go */
		}
		return 0;
	case TIOCGPGRP:
		if (tty->session != current->sid)
			return -ENOTTY;
		return copy_to_user(u, &tty->pgrp, sizeof(int)) ? -EFAULT : 0;
	case TIOCSPGRP:
		if (tty->session != current->sid)
			return -ENOTTY;
		if (copy_from_user(&v, u, sizeof(v)))
			return -EFAULT;
		if (v < 0)
			return -EINVAL;
		if (!pgrp_in_session(v, tty->session))
			return -EPERM;
		tty->pgrp = v;
		return 0;
	case TIOCGSID:
		if (tty->session != current->sid)
			return -ENOTTY;
		return copy_to_user(u, &tty->session, sizeof(int)) ? -EFAULT : 0;
	case TCFLSH:
		if (arg == 0 || arg == 2)	/* TCIFLUSH, TCIOFLUSH */
			tty->nbuf = tty->nedit = 0, tty->nlines = 0;
		return arg <= 2 ? 0 : -EINVAL;
	case TCSBRK: case TCXONC:
		return 0;			/* output is never held back here */
	default:
		return -ENOTTY;
	}
}

const struct file_operations console_fops = {
	.read = tty_read, .write = tty_write, .llseek = noop_llseek,
	.ioctl = tty_ioctl, .poll = tty_poll,
};

/* /dev/tty: the caller's controlling terminal; none (another session took
 * the console): -ENXIO, as Linux. */
static int dev_tty_open(struct inode *inode, struct file *f)
{
	return console_tty.session == current->sid ? 0 : -ENXIO;
}

const struct file_operations dev_tty_fops = {
	.read = tty_read, .write = tty_write, .llseek = noop_llseek,
	.ioctl = tty_ioctl, .poll = tty_poll, .open = dev_tty_open,
};

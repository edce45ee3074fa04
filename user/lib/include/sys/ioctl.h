/* sys/ioctl.h — ioctl and the terminal requests isatty() and a shell use. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS		0x5401	/* struct termios: answers only on a terminal */
#define TCSETS		0x5402
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413	/* struct winsize */
#define FIONREAD	0x541b

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

int ioctl(int fd, unsigned long req, ...);

#endif

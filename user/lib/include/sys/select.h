/* sys/select.h — fd_set for select(2) and pselect6(2): 1024 bits, as Linux's
 * FD_SETSIZE (the kernel looks at the first nfds of them). */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#define FD_SETSIZE	1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd)	((fd) / (8 * (int)sizeof(unsigned long)))
#define __FD_BIT(fd)	(1UL << ((fd) % (8 * (int)sizeof(unsigned long))))
#define FD_ZERO(s)	__builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s)	((void)((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd)))
#define FD_CLR(fd, s)	((void)((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd)))
#define FD_ISSET(fd, s)	(((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

#endif

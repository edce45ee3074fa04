/* sys/socket.h — sockets: socketpair() and shutdown() over Linux's
 * system calls, with Linux's values.  faultline has AF_UNIX socket pairs
 * only (no socket(), bind(), connect()); the other families are named so
 * that a program can ask for them and see the error. */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <sys/types.h>

#define AF_UNSPEC	0
#define AF_UNIX		1		/* local: a pair of connected ends */
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_INET6	10
#define PF_UNSPEC	AF_UNSPEC
#define PF_UNIX		AF_UNIX
#define PF_LOCAL	AF_LOCAL
#define PF_INET		AF_INET
#define PF_INET6	AF_INET6

#define SOCK_STREAM	1		/* a byte stream, both ways */
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5		/* records, each read whole, in order */
#define SOCK_NONBLOCK	04000		/* O_NONBLOCK on both ends */
#define SOCK_CLOEXEC	02000000	/* O_CLOEXEC on both fds */

#define SHUT_RD		0		/* shutdown: no more reading */
#define SHUT_WR		1		/* no more writing: the peer reads end of file */
#define SHUT_RDWR	2

int socketpair(int domain, int type, int protocol, int sv[2]);
int shutdown(int fd, int how);

#endif

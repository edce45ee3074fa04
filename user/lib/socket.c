/* socket.c — sockets: the AF_UNIX pairs faultline has (sys/socket.h). */
#include <errno.h>
#include <sys/socket.h>
#include "libc.h"

int socketpair(int domain, int type, int protocol, int sv[2])
{
	return RET(syscall4(SYS_socketpair, domain, type, protocol, L(sv)));
}

int shutdown(int fd, int how)
{
	return RET(syscall2(SYS_shutdown, fd, how));
}

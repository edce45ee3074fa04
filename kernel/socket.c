/* kernel/socket.c — socket(2) and socketpair(2) with no address family.
 *
 * This kernel has no networking and no local sockets yet.  It answers as a
 * Linux built with CONFIG_NET and without any protocol family would, not
 * with -ENOSYS: Linux's __sock_create checks the arguments, then finds no
 * net_families[family] and fails with -EAFNOSUPPORT.  Programs know that
 * answer ("this family is not here") and go on without: BusyBox's init and
 * syslog(3) open no log socket, glibc's name lookups skip nscd; -ENOSYS is
 * the answer of a kernel without the system call at all (CONFIG_NET=n).
 * A family that comes later (socketpair(AF_UNIX) is one) goes where the
 * lookup says so.  The order of the checks is Linux's (net/socket.c):
 *
 *	socket(family, type, protocol)
 *	    type's flags other than SOCK_CLOEXEC, SOCK_NONBLOCK	-EINVAL
 *	    family < 0 or >= NPROTO					-EAFNOSUPPORT
 *	    type (without flags) < 0 or >= SOCK_MAX			-EINVAL
 *	    no such family						-EAFNOSUPPORT
 *	socketpair(family, type, protocol, sv)
 *	    type's flags						-EINVAL
 *	    two free fds						-EMFILE
 *	    sv[0], sv[1] = those fds (Linux writes them first)	-EFAULT
 *	    then as socket
 */
#include "kernel/syscall.h"
#include "kernel/proc.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/fs/fs.h"

#define NPROTO		46		/* AF_MAX in Linux 6.1: families 0..45 */
#define SOCK_MAX	11		/* SOCK_PACKET + 1 */
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	O_CLOEXEC
#define SOCK_NONBLOCK	O_NONBLOCK

/* Linux's __sock_create, up to the family's create: no family exists. */
static long sock_create(long family, long type)
{
	if (family < 0 || family >= NPROTO)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	return -EAFNOSUPPORT;			/* net_families[family] == NULL */
}

long sys_socket(unsigned long family, unsigned long type, unsigned long protocol)
{
	int t = (int)type;
	if ((t & ~SOCK_TYPE_MASK) & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	return sock_create((int)family, t & SOCK_TYPE_MASK);
}

long sys_socketpair(unsigned long family, unsigned long type, unsigned long protocol,
		    unsigned long usv)
{
	int t = (int)type, fds[2], n = 0;
	if ((t & ~SOCK_TYPE_MASK) & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	for (int fd = 0; fd < NR_OPEN && n < 2; fd++)	/* the fds fd_install would give */
		if (!current->files->fd[fd])
			fds[n++] = fd;
	if (n < 2)
		return -EMFILE;
	if (copy_to_user((void *)usv, fds, sizeof(fds)))
		return -EFAULT;
	return sock_create((int)family, t & SOCK_TYPE_MASK);
}

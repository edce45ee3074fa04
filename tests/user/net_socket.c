/* tests/user/net_socket.c — socket(2) and socketpair(2)'s errors, after
 * Linux's checks in Linux's order (net/socket.c: the type's flags, the
 * family's range, the type's range; socketpair first takes two fds and
 * writes their numbers).  The checks use arguments no Linux accepts either
 * (family 1000, type 11), so they pass on the host; on faultline socket(2)
 * makes no socket of the families Linux has (AF_UNIX, AF_INET), answering
 * as a Linux built with CONFIG_NET but without them, -EAFNOSUPPORT. */
#include "check.h"
#include <sys/syscall.h>
#include <syscall.h>

#define AF_UNIX		1
#define AF_INET		2
#define AF_INET6	10
#define NO_FAMILY	1000		/* past NPROTO in every Linux */
#define SOCK_STREAM	1
#define SOCK_BAD_TYPE	11		/* SOCK_MAX: past SOCK_PACKET */
#define SOCK_CLOEXEC	O_CLOEXEC
#define SOCK_NONBLOCK	O_NONBLOCK
#define RLIMIT_NOFILE	7

struct rlim { unsigned long cur, max; };

static long socket_(int family, int type, int protocol)
{
	return syscall(SYS_socket, family, type, protocol);
}

static long socketpair_(int family, int type, int protocol, int *sv)
{
	return syscall(SYS_socketpair, family, type, protocol, sv);
}

/* The lowest free fd now. */
static int next_fd(void)
{
	int fd = dup(0);
	if (fd >= 0)
		close(fd);
	return fd;
}

static int socket_errors(void)
{
	int fd = next_fd();
	EXPECT_ERRNO(socket_(AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL);	/* a flag that is not one */
	EXPECT_ERRNO(socket_(NO_FAMILY, SOCK_STREAM | 0x100, 0), EINVAL);	/* flags first */
	EXPECT_ERRNO(socket_(NO_FAMILY, SOCK_STREAM, 0), EAFNOSUPPORT);
	EXPECT_ERRNO(socket_(-1, SOCK_STREAM, 0), EAFNOSUPPORT);
	EXPECT_ERRNO(socket_(NO_FAMILY, SOCK_BAD_TYPE, 0), EAFNOSUPPORT);	/* family before type */
	EXPECT_ERRNO(socket_(AF_UNIX, SOCK_BAD_TYPE, 0), EINVAL);
	EXPECT_ERRNO(socket_(AF_INET, SOCK_BAD_TYPE | SOCK_CLOEXEC, 0), EINVAL);
	EXPECT_EQ(next_fd(), fd);				/* nothing left open */
	return 1;
}

static int socketpair_errors(void)
{
	int sv[2] = { -1, -1 }, fd = next_fd();
	int fd2 = dup(0);
	int second = next_fd();				/* the free fd after fd */
	close(fd2);
	EXPECT_ERRNO(socketpair_(AF_UNIX, SOCK_STREAM | 0x100, 0, sv), EINVAL);
	EXPECT(sv[0] == -1 && sv[1] == -1);		/* flags: before anything */
	EXPECT_ERRNO(socketpair_(AF_UNIX, SOCK_STREAM, 0, NULL), EFAULT);
	EXPECT_ERRNO(socketpair_(NO_FAMILY, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	EXPECT(sv[0] == fd && sv[1] == second);		/* written before the family is looked at */
	EXPECT_ERRNO(socketpair_(AF_UNIX, SOCK_BAD_TYPE, 0, sv), EINVAL);
	EXPECT_EQ(next_fd(), fd);
	/* one free fd: EMFILE, before the pointer or the family */
	struct rlim rl = { 64, 64 };
	EXPECT_EQ(syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl), 0);
	int last = -1;
	while ((fd2 = dup(0)) >= 0)
		last = fd2;
	EXPECT_EQ(errno, EMFILE);
	EXPECT_EQ(close(last), 0);
	EXPECT_ERRNO(socketpair_(NO_FAMILY, SOCK_STREAM, 0, NULL), EMFILE);
	return 1;
}

/* The families Linux has: faultline's socket(2) makes none of them, AF_UNIX
 * included (a teaching choice, docs/syscalls.md: without bind and connect
 * an unconnected socket is of no use; socketpair gives AF_UNIX, sock_pair
 * tests it); on Linux a socket (closed again) or, without that family,
 * EAFNOSUPPORT. */
static int no_family_here(void)
{
	static const int families[] = { AF_UNIX, AF_INET, AF_INET6 };
	int fd = next_fd();
	for (int i = 0; i < NCHECKS(families); i++) {
		long s = socket_(families[i], SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (s >= 0 && !on_faultline()) {
			close((int)s);
			continue;
		}
		if (s >= 0 || errno != EAFNOSUPPORT)
			diag("socket(%d, SOCK_STREAM): %ld, errno %d", families[i], s, errno);
		EXPECT(s < 0 && errno == EAFNOSUPPORT);
	}
	EXPECT_EQ(next_fd(), fd);
	return 1;
}

static const struct check checks[] = {
	CHECK("socket: EINVAL for flags, EAFNOSUPPORT for a family, EINVAL for a type", socket_errors),
	CHECK("socketpair: EINVAL, EFAULT, EMFILE, EAFNOSUPPORT after writing the fds",
	      socketpair_errors),
	CHECK("socket(AF_UNIX, AF_INET, AF_INET6): EAFNOSUPPORT on faultline", no_family_here),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
